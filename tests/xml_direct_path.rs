//! The XML decoder reads the model's types by a direct path (no serde
//! visitors) and everything else through serde. Both must read every input
//! alike: these properties decode the same bytes both ways (the serde path
//! is reached by wrapping the type in `ViaSerde`, which the model does not
//! describe as directly readable) and compare values, or error category,
//! path and position; from a slice and from a reader, which must agree too.

mod common;

use common::strategies::{self as st, SMALL};
use evovoice_codec::model::*;
use evovoice_codec::{xml, DecodeOptions, EncodeOptions, Error};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde::{Deserialize, Deserializer};

/// `T` read through serde only.
#[derive(Debug, PartialEq)]
struct ViaSerde<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ViaSerde<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(ViaSerde)
    }
}

impl<T: Describe> Describe for ViaSerde<T> {
    const TYPE: &'static TypeInfo = T::TYPE;
}

/// What a decode gave, in the terms both paths must agree on.
fn outcome<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Ok(v) => format!("ok {v:?}"),
        Err(e) => format!(
            "error {:?} at {:?} in {}",
            e.category(),
            e.position(),
            e.path()
        ),
    }
}

fn same_both_ways<T>(bytes: &[u8], options: &DecodeOptions) -> Result<(), TestCaseError>
where
    T: for<'de> Deserialize<'de> + Describe + std::fmt::Debug,
{
    assert!(T::PULLS, "the type under test takes the direct path");
    let direct = outcome(xml::from_slice_with::<T>(bytes, options));
    let serde = outcome(xml::from_slice_with::<ViaSerde<T>>(bytes, options).map(|v| v.0));
    prop_assert_eq!(&direct, &serde, "input: {}", String::from_utf8_lossy(bytes));
    // A reader (names copied rather than kept as ranges of the input) too,
    // with the same outcome as the slice.
    let read = outcome(xml::from_reader_with::<_, T>(bytes, options));
    let serde = outcome(xml::from_reader_with::<_, ViaSerde<T>>(bytes, options).map(|v| v.0));
    prop_assert_eq!(&read, &serde, "input: {}", String::from_utf8_lossy(bytes));
    prop_assert_eq!(&read, &direct, "input: {}", String::from_utf8_lossy(bytes));
    Ok(())
}

/// The document with one edit: a byte dropped, changed or repeated.
fn mutate(bytes: &[u8], at: usize, kind: u8, byte: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    let at = at % out.len();
    match kind % 3 {
        0 => {
            out.remove(at);
        }
        1 => out[at] = byte,
        _ => out.insert(at, out[at]),
    }
    out
}

/// Bytes that stress the tolerant paths: names in other case, members out
/// of order, a `Value` before its `Key`, CDATA, references, nils.
const BYTES: &[u8] = b"<>/ \"=:iaKVnl&;![CDATA1x0";

fn check_all<T>(bytes: &[u8]) -> Result<(), TestCaseError>
where
    T: for<'de> Deserialize<'de> + Describe + std::fmt::Debug,
{
    same_both_ways::<T>(bytes, &DecodeOptions::new())?;
    same_both_ways::<T>(bytes, &DecodeOptions::new().strict(true))?;
    same_both_ways::<T>(bytes, &DecodeOptions::new().depth_limit(3))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/xml_direct_path.txt",
        ))),
        ..ProptestConfig::default()
    }
}

macro_rules! agree {
    ($($name:ident: $ty:ty = $strategy:expr;)*) => {$(
        mod $name {
            use super::*;

            proptest! {
                #![proptest_config(config())]

                #[test]
                fn on_encoded_documents(x in $strategy, pretty: bool) {
                    let options = EncodeOptions::new().pretty(pretty);
                    // Strings XML 1.0 cannot carry are refused by the encoder.
                    let encoded = xml::to_vec_with(&x, &options);
                    prop_assume!(encoded.is_ok());
                    let bytes = encoded.unwrap();
                    check_all::<$ty>(&bytes)?;
                }

                #[test]
                fn on_mutated_documents(
                    x in $strategy,
                    edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0..BYTES.len()), 1..4),
                ) {
                    let encoded = xml::to_vec(&x);
                    prop_assume!(encoded.is_ok());
                    let mut bytes = encoded.unwrap();
                    for (at, kind, b) in edits {
                        bytes = mutate(&bytes, at, kind, BYTES[b]);
                    }
                    check_all::<$ty>(&bytes)?;
                }
            }
        }
    )*};
}

agree! {
    customer_info: CustomerInfo = st::customer_info(SMALL);
    list_response: ListResponse<CustomerInfo> = st::list_response(st::customer_info(SMALL));
    structure: Struct = st::structure(SMALL);
    value: Value = st::value(SMALL);
    schedule: Schedule = st::schedule(SMALL);
    account_info: AccountInfo = st::account_info();
    integration_data: EntityIntegrationData = st::integration_data();
    list_customers: ListCustomers = st::list_customers();
}
