//! The encoder's shortcuts must not change a byte: it asks each DTO for its
//! members in DataContract order (a `Serialize` impl that ignores the
//! request, here one writing a DTO's members itself in ServiceStack order,
//! must still give the same bytes), and writes text members without opening
//! a scope (a null inside a present member must still come out as nil).

use evovoice_codec::model::{CustomerInfo, Describe, Dto, TypeInfo};
use evovoice_codec::{dto, xml};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Writes the wrapped DTO's members in ServiceStack (JSON) order.
struct JsonOrder<T>(T);

impl<T: Dto> Describe for JsonOrder<T> {
    const TYPE: &'static TypeInfo = T::TYPE;
}

impl<T: Dto> Serialize for JsonOrder<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct(T::CLASS.name, self.0.present_count())?;
        self.0.serialize_members(&mut st)?;
        st.end()
    }
}

fn customer() -> CustomerInfo {
    let json = include_str!("vectors/hand-bools-true-customerinfo/input.json");
    evovoice_codec::json::from_str(json).unwrap()
}

/// Opens the struct and fails before writing any member, leaving the
/// encoder's request unanswered.
struct FailsEarly;

impl Describe for FailsEarly {
    const TYPE: &'static TypeInfo = CustomerInfo::TYPE;
}

impl Serialize for FailsEarly {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let _st = s.serialize_struct(CustomerInfo::CLASS.name, 0)?;
        Err(serde::ser::Error::custom("gave up"))
    }
}

#[test]
fn members_written_in_json_order_are_put_in_xml_order() {
    let c = customer();
    let expected = xml::to_string(&c).unwrap();
    assert_eq!(xml::to_string(&JsonOrder(c)).unwrap(), expected);
}

#[test]
fn an_unanswered_request_does_not_reorder_later_calls() {
    let c = customer();
    let json = evovoice_codec::json::to_string(&c).unwrap();
    let xml_text = xml::to_string(&c).unwrap();
    assert!(xml::to_string(&FailsEarly).is_err());
    assert_eq!(evovoice_codec::json::to_string(&c).unwrap(), json);
    assert_eq!(xml::to_string(&c).unwrap(), xml_text);
}

dto! {
    /// Nulls where the encoder expects text.
    pub struct NullInside in "Voice.Api.Tests" {
        /// Present, holding null.
        Inner / inner => pub inner: Option<Option<String>>,
        /// Items that are null.
        Items / items => pub items: Option<Vec<Option<String>>>,
        /// Plain text after it.
        Name / name => pub name: Option<String>,
    }
}

#[test]
fn a_null_inside_a_present_text_member_is_written_nil() {
    let present_null = NullInside {
        inner: Some(None),
        items: Some(vec![None, Some("a&b".into()), None]),
        name: Some("n".into()),
    };
    let text = xml::to_string(&present_null).unwrap();
    assert!(
        text.ends_with(concat!(
            r#"<Inner i:nil="true" /><Items xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">"#,
            r#"<d2p1:string i:nil="true" /><d2p1:string>a&amp;b</d2p1:string><d2p1:string i:nil="true" /></Items>"#,
            r#"<Name>n</Name></NullInside>"#
        )),
        "{text}"
    );
    let absent = NullInside {
        inner: None,
        ..present_null
    };
    assert_eq!(xml::to_string(&absent).unwrap(), text);
}

#[test]
fn a_serializer_reused_after_a_failure_does_not_panic() {
    use evovoice_codec::EncodeOptions;
    let mut ser = xml::Serializer::new(&EncodeOptions::default());
    let bad = NullInside {
        name: Some("\u{1}".into()),
        ..NullInside::default()
    };
    assert!(ser.serialize(&bad).is_err());
    ser.serialize(&customer()).unwrap();
    let mut fresh = xml::Serializer::new(&EncodeOptions::default());
    fresh.serialize(&customer()).unwrap();
    fresh.serialize(&customer()).unwrap();
    let twice = String::from_utf8(fresh.into_inner()).unwrap();
    let once = xml::to_string(&customer()).unwrap();
    assert_eq!(twice, format!("{once}{once}"));
}
