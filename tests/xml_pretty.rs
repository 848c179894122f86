//! `--pretty` output against the XML sample on the API reference page for
//! ListCustomers (seed page 000): the page lost its text content, but every
//! line that carries attributes survived with its indentation. Each of them
//! must appear, in the same order, in the pretty form of the vector that
//! mirrors that sample.

use evovoice_codec::model::{CustomerInfo, ListResponse};
use evovoice_codec::{xml, EncodeOptions};

/// Copied from the reference page (lines 374-406 of
/// `shared/seeds/000_7a46452b33436f6f.txt`).
const SEED_LINES: &str = r#"<ListResponseOfCustomerInfoznfKbIMc xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api">
  <Items xmlns:d2p1="http://schemas.datacontract.org/2004/07/Voice.Api.Customers">
      <d2p1:BillingSettings xmlns:d4p1="http://schemas.datacontract.org/2004/07/Voice.Api.Accounts">
      <d2p1:Data xmlns:d4p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
          <d4p1:Value xmlns:d6p1="http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data">
                              <d4p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                            <d6p1:StructValue i:nil="true" />
                            <d4p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                          <d6p1:StructValue i:nil="true" />
                            <d4p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                          <d6p1:StructValue i:nil="true" />
                          <d4p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                        <d6p1:StructValue i:nil="true" />
      <d2p1:IntegrationData xmlns:d4p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
          <d4p1:Value xmlns:d6p1="http://schemas.datacontract.org/2004/07/Voice.Api.Integrations">
      <d2p1:Schedule xmlns:d4p1="http://schemas.datacontract.org/2004/07/Voice.Api.Scheduling">
            <d4p1:ByHour xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:ByMinute xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:ByMonth xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:ByMonthDay xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:BySetPosition xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:ByWeekNo xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:ByYearDay xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <d4p1:FlowParams xmlns:d7p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
                <d7p1:Value xmlns:d9p1="http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data">
                                    <d7p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                                  <d9p1:StructValue i:nil="true" />
                                  <d7p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                                <d9p1:StructValue i:nil="true" />
                                  <d7p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                                <d9p1:StructValue i:nil="true" />
                                <d7p1:ArrayOfKeyValueOfstringValue8Ahp2kgT i:nil="true" />
                              <d9p1:StructValue i:nil="true" />"#;

#[test]
fn pretty_matches_the_reference_page_sample() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/hand-seed-sample-xml/datacontract.xml"
    );
    let bytes = std::fs::read(path).unwrap();
    let value: ListResponse<CustomerInfo> = xml::from_slice(&bytes).unwrap();
    let pretty = xml::to_string_with(&value, &EncodeOptions::new().pretty(true)).unwrap();
    let mut lines = pretty.lines();
    for want in SEED_LINES.lines() {
        assert!(
            lines.any(|line| line == want),
            "missing or out of order: {want:?}\n{pretty}"
        );
    }
    // Compact and pretty forms carry the same data.
    let back: ListResponse<CustomerInfo> = xml::from_str(&pretty).unwrap();
    assert_eq!(back, value);
    assert_eq!(xml::to_vec(&back).unwrap(), xml::to_vec(&value).unwrap());
}
