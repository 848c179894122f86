//! The bare parser passes the XML and CSV decoders are measured against,
//! shared by `benches/codecs.rs` and `examples/profile_decode.rs`.

/// A bare quick-xml pass: every event read, none interpreted.
#[inline(never)]
pub fn quick_xml_events(xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut count = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return count,
            Ok(_) => count += 1,
            Err(e) => panic!("quick-xml: {e}"),
        }
    }
}

/// A bare csv pass: every record split into byte fields, none interpreted.
#[inline(never)]
#[allow(dead_code)] // the profiling example uses only the XML pass
pub fn csv_byte_records(text: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader.read_byte_record(&mut record).expect("csv") {
        fields += record.len();
    }
    fields
}
