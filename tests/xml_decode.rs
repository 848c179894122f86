//! The XML decoder on documents written by hand in other producers' styles:
//! other prefixes, indentation, reordered members, references, CDATA, and
//! the errors bad input must give.

use evovoice_codec::model::{CustomerInfo, Schedule, Struct, TagColors, Value};
use evovoice_codec::{xml, Category, DecodeOptions};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const CUSTOMERS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Customers";
const API: &str = "http://schemas.datacontract.org/2004/07/Voice.Api";
const SETTINGS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Settings";
const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const FLOWS: &str = "http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data";

#[test]
fn other_prefixes_indentation_and_member_order() {
    // Prefixed root, members in JSON order rather than DataContract order,
    // no XML declaration, indentation, and the xsi namespace under `xsi:`.
    let doc = format!(
        r#"<c:CustomerInfo xmlns:c="{CUSTOMERS}" xmlns:xsi="{XSI}" xmlns:api="{API}">
    <c:Name>Acme</c:Name>
    <c:IsStaging>true</c:IsStaging>
    <c:Tags xmlns:s="{SETTINGS}">
        <s:Tag>
            <s:Name>vip</s:Name>
            <s:Color>Gold</s:Color>
            <s:Id xsi:nil="true"/>
        </s:Tag>
    </c:Tags>
    <api:Id>c1</api:Id>
    <c:AccountId xsi:nil="true"/>
</c:CustomerInfo>
"#
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c.name.as_deref(), Some("Acme"));
    assert!(c.is_staging);
    assert_eq!(c.entity.id.as_deref(), Some("c1"));
    assert_eq!(c.account_id, None);
    let tags = c.tags.unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].name.as_deref(), Some("vip"));
    assert_eq!(tags[0].color, TagColors::Gold);
    assert_eq!(tags[0].id, None);
}

#[test]
fn default_namespace_redeclared_and_bom() {
    let doc = format!(
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CustomerInfo xmlns=\"{CUSTOMERS}\">\
         <Id xmlns=\"{API}\">c1</Id><ReferenceId>r</ReferenceId></CustomerInfo>"
    );
    let c: CustomerInfo = xml::from_slice(doc.as_bytes()).unwrap();
    assert_eq!(c.entity.id.as_deref(), Some("c1"));
    assert_eq!(c.reference_id.as_deref(), Some("r"));
}

#[test]
fn references_cdata_and_whitespace_in_text() {
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name> a &amp; b &lt;&#x41;&#66;&gt; &quot;&apos;</Name>\
         <ReferenceId><![CDATA[<raw> & ]]>tail</ReferenceId><AccountName>line1\r\nline2&#xD;</AccountName></CustomerInfo>"
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c.name.as_deref(), Some(" a & b <AB> \"'"));
    assert_eq!(c.reference_id.as_deref(), Some("<raw> & tail"));
    // A raw CRLF is a newline to every XML reader; `&#xD;` is a real CR.
    assert_eq!(c.account_name.as_deref(), Some("line1\nline2\r"));
}

#[test]
fn absent_members_take_defaults_and_nil_value_types_too() {
    let doc = format!(
        "<CustomerInfo xmlns:i=\"{XSI}\" xmlns=\"{CUSTOMERS}\"><IsStaging i:nil=\"true\" /></CustomerInfo>"
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c, CustomerInfo::default());
}

#[test]
fn empty_elements_are_empty_collections_and_strings() {
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Tags/><Breadcrumb></Breadcrumb><Data/><Name/></CustomerInfo>"
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c.tags, Some(vec![]));
    assert_eq!(c.breadcrumb, Some(vec![]));
    assert_eq!(c.data.map(|d| d.len()), Some(0));
    assert_eq!(c.name.as_deref(), Some(""));
}

#[test]
fn dictionary_entries_with_any_prefix_and_nil_values() {
    let doc = format!(
        r#"<a:ArrayOfKeyValueOfstringValue8Ahp2kgT xmlns:a="{ARRAYS}" xmlns:x="{XSI}">
  <a:KeyValueOfstringValue8Ahp2kgT>
    <a:Key>k</a:Key>
    <a:Value x:nil="true"/>
  </a:KeyValueOfstringValue8Ahp2kgT>
  <a:KeyValueOfstringValue8Ahp2kgT>
    <a:Key>n</a:Key>
    <a:Value xmlns:f="{FLOWS}"><f:NumberValue>1.5E+300</f:NumberValue></a:Value>
  </a:KeyValueOfstringValue8Ahp2kgT>
</a:ArrayOfKeyValueOfstringValue8Ahp2kgT>"#
    );
    let s: Struct = xml::from_str(&doc).unwrap();
    assert_eq!(s.keys().collect::<Vec<_>>(), ["k", "n"]);
    assert!(s.contains_key("k") && s.get("k").is_none());
    assert_eq!(s.get("n").and_then(Value::as_f64), Some(1.5e300));
}

#[test]
fn unknown_elements_are_skipped_and_strict_mode_rejects_them() {
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Extra><a><b>deep</b></a></Extra><Name>x</Name></CustomerInfo>"
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c.name.as_deref(), Some("x"));
    let e =
        xml::from_str_with::<CustomerInfo>(&doc, &DecodeOptions::new().strict(true)).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("Extra"), "{e}");
}

#[test]
fn bad_value_names_line_column_and_member() {
    let doc = format!(
        "<Schedule xmlns=\"{}\">\n<Rules>\n<SchedulingRule><Priority>abc</Priority></SchedulingRule>\n</Rules>\n</Schedule>",
        "http://schemas.datacontract.org/2004/07/Voice.Api.Scheduling"
    );
    let e = xml::from_str::<Schedule>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert_eq!(e.path().to_string(), "rules[0].priority");
    assert_eq!(e.line(), Some(3));
    assert!(e.column().unwrap() > 1);
}

#[test]
fn duplicate_dictionary_key_is_an_error() {
    let entry =
        "<KeyValueOfstringValue8Ahp2kgT><Key>k</Key><Value/></KeyValueOfstringValue8Ahp2kgT>";
    let doc = format!("<ArrayOfKeyValueOfstringValue8Ahp2kgT xmlns=\"{ARRAYS}\">{entry}{entry}</ArrayOfKeyValueOfstringValue8Ahp2kgT>");
    let e = xml::from_str::<Struct>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("duplicate"), "{e}");
    assert_eq!(e.path().to_string(), "k");
}

#[test]
fn malformed_xml_is_a_syntax_error_with_a_position() {
    for doc in [
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\">\n<Name>x</Nam></CustomerInfo>"),
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\">\n<Name>x"),
        "".to_owned(),
        "<a>&bogus;</a>".to_owned(),
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"></CustomerInfo><again/>"),
    ] {
        let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
        assert_eq!(e.category(), Category::Syntax, "{doc}: {e}");
        assert!(e.position().is_some(), "{doc}: {e}");
    }
}

#[test]
fn end_tags_must_close_the_open_element_from_slices_and_readers() {
    for (doc, needle) in [
        // In a member the model reads, in one it skips, by prefix, at the root.
        (format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>x</Nam></CustomerInfo>"), "</Name>"),
        (format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Unknown><a></b></Unknown></CustomerInfo>"), "</a>"),
        (format!("<CustomerInfo xmlns=\"{CUSTOMERS}\" xmlns:p=\"{CUSTOMERS}\"><p:Name>x</q:Name></CustomerInfo>"), "</p:Name>"),
        (format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"></CustomerInfox>"), "</CustomerInfo>"),
        (format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>x</Name></Name></CustomerInfo>"), "</Name>"),
    ] {
        let from_slice = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
        let from_reader = xml::from_reader::<_, CustomerInfo>(doc.as_bytes()).unwrap_err();
        for e in [from_slice, from_reader] {
            assert_eq!(e.category(), Category::Syntax, "{doc}: {e}");
            assert!(e.message().contains(needle), "{doc}: {e}");
            assert!(e.position().is_some(), "{doc}: {e}");
        }
    }
    // Matching names, long and prefixed, read the same both ways.
    let doc =
        format!("<c:CustomerInfo xmlns:c=\"{CUSTOMERS}\"><c:Name>x</c:Name ></c:CustomerInfo>");
    let a = xml::from_str::<CustomerInfo>(&doc).unwrap();
    let b = xml::from_reader::<_, CustomerInfo>(doc.as_bytes()).unwrap();
    assert_eq!(a.name.as_deref(), Some("x"));
    assert_eq!(a, b);
}

#[test]
fn nesting_past_the_limit_is_a_depth_error_never_a_crash() {
    let n = 100_000;
    // Inside an unknown element, which is skipped by a loop.
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Unknown>{}{}</Unknown></CustomerInfo>",
        "<a>".repeat(n),
        "</a>".repeat(n)
    );
    let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Depth);
    // Inside values that the model reads level by level.
    let kv = "KeyValueOfstringValue8Ahp2kgT";
    let open = format!("<{kv}><Key>k</Key><Value xmlns:d=\"{FLOWS}\"><d:StructValue>");
    let close = format!("</d:StructValue></Value></{kv}>");
    let doc = format!(
        "<ArrayOf{kv} xmlns=\"{ARRAYS}\">{}{}</ArrayOf{kv}>",
        open.repeat(n),
        close.repeat(n)
    );
    let e = xml::from_str::<Struct>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Depth);
    // The limit counts model levels, not elements: a CustomerInfo (1) with
    // Tags (2) holding a Tag (3) passes a limit of 3, not of 2, however many
    // elements wrap them.
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Tags xmlns:s=\"{SETTINGS}\"><s:Tag><s:Name>a</s:Name></s:Tag></Tags></CustomerInfo>"
    );
    assert!(xml::from_str_with::<CustomerInfo>(&doc, &DecodeOptions::new().depth_limit(3)).is_ok());
    let e =
        xml::from_str_with::<CustomerInfo>(&doc, &DecodeOptions::new().depth_limit(2)).unwrap_err();
    assert_eq!(e.category(), Category::Depth);
    // Unknown elements are not model levels: a limit of 1 skips them,
    // and only nesting far past any model value (a multiple of the limit)
    // is refused.
    let shallow = format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><X><Y/></X></CustomerInfo>");
    assert!(
        xml::from_str_with::<CustomerInfo>(&shallow, &DecodeOptions::new().depth_limit(1)).is_ok()
    );
    let deep = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><X>{}{}</X></CustomerInfo>",
        "<a>".repeat(40),
        "</a>".repeat(40)
    );
    let e = xml::from_str_with::<CustomerInfo>(&deep, &DecodeOptions::new().depth_limit(2))
        .unwrap_err();
    assert_eq!(e.category(), Category::Depth);
}

#[test]
fn depth_limit_is_the_models_exactly() {
    // A Struct nested n model levels: Struct / Value / Struct / Value ...
    fn nested(levels: usize) -> Struct {
        let mut s = Struct::new();
        for _ in 0..(levels - 1) / 2 {
            s = Struct::new().with("k", s);
        }
        s
    }
    for limit in [1usize, 3, 5, 9, 17] {
        let at = xml::to_vec_with(
            &nested(limit),
            &evovoice_codec::EncodeOptions::new().depth_limit(limit),
        )
        .unwrap();
        let options = DecodeOptions::new().depth_limit(limit);
        assert!(
            xml::from_slice_with::<Struct>(&at, &options).is_ok(),
            "{limit}"
        );
        // Two levels more (a Value and a Struct) than the limit allows.
        let past = xml::to_vec(&nested(limit + 2)).unwrap();
        let e = xml::from_slice_with::<Struct>(&past, &options).unwrap_err();
        assert_eq!(e.category(), Category::Depth, "{limit}");
        let tight = DecodeOptions::new().depth_limit(limit + 1);
        assert_eq!(
            xml::from_slice_with::<Struct>(&past, &tight)
                .unwrap_err()
                .category(),
            Category::Depth,
            "{limit}"
        );
        assert!(xml::from_slice_with::<Struct>(
            &past,
            &DecodeOptions::new().depth_limit(limit + 2)
        )
        .is_ok());
    }
}

#[test]
fn from_reader_streams_the_same_result() {
    let doc = format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>x</Name></CustomerInfo>");
    let c: CustomerInfo = xml::from_reader(doc.as_bytes()).unwrap();
    assert_eq!(c.name.as_deref(), Some("x"));
}

#[test]
fn invalid_characters_fail_to_encode_naming_the_member() {
    let c = CustomerInfo {
        tags: Some(vec![evovoice_codec::model::Tag {
            name: Some("bs\u{8}".into()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let e = xml::to_string(&c).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert_eq!(e.path().to_string(), "tags[0].name");
}

#[test]
fn pretty_indents_two_spaces_per_level() {
    // Shape of the seed page's sample (page 000), hand-checked.
    let c = CustomerInfo {
        tags: Some(vec![evovoice_codec::model::Tag::default()]),
        ..Default::default()
    };
    let options = evovoice_codec::EncodeOptions::new().pretty(true);
    let text = xml::to_string_with(&c, &options).unwrap();
    assert!(text.contains(&format!(
        "\n  <Tags xmlns:d2p1=\"{SETTINGS}\">\n    <d2p1:Tag>\n      <d2p1:Color>Magenta</d2p1:Color>\n      <d2p1:Id i:nil=\"true\" />\n      <d2p1:Name i:nil=\"true\" />\n    </d2p1:Tag>\n  </Tags>\n</CustomerInfo>"
    )), "{text}");
    // Indentation is whitespace between elements: it reads back the same.
    let back: CustomerInfo = xml::from_str(&text).unwrap();
    assert_eq!(back, c);
}

#[test]
fn strict_mode_rejects_members_in_the_wrong_namespace() {
    // `Id` belongs to EntityInfo (Voice.Api), not to CustomerInfo's namespace.
    let wrong = format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Id>c1</Id></CustomerInfo>");
    let right =
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Id xmlns=\"{API}\">c1</Id></CustomerInfo>");
    let strict = DecodeOptions::new().strict(true);
    // Lenient: not the member, so skipped, as DataContractSerializer does.
    let c: CustomerInfo = xml::from_str(&wrong).unwrap();
    assert_eq!(c.entity.id, None);
    let c: CustomerInfo = xml::from_str_with(&right, &strict).unwrap();
    assert_eq!(c.entity.id.as_deref(), Some("c1"));
    let e = xml::from_str_with::<CustomerInfo>(&wrong, &strict).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("namespace"), "{e}");
    // The root's name and namespace are checked too.
    let e = xml::from_str_with::<CustomerInfo>("<CustomerInfo/>", &strict).unwrap_err();
    assert_eq!(e.category(), Category::Data);
}

#[test]
fn strict_mode_accepts_every_vector() {
    // DataContractSerializer's own output is namespace-correct throughout.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let strict = DecodeOptions::new().strict(true);
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let (Ok(meta), Ok(bytes)) = (
            std::fs::read_to_string(dir.join("meta.json")),
            std::fs::read(dir.join("datacontract.xml")),
        ) else {
            continue;
        };
        let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
        let ty = meta["type"].as_str().unwrap();
        let encode = evovoice_codec::EncodeOptions::new();
        evovoice_codec::convert::convert(
            ty,
            evovoice_codec::Format::Xml,
            evovoice_codec::Format::Json,
            &bytes,
            &strict,
            &encode,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn schema_whitespace_and_numeric_booleans_in_value_types() {
    let doc = format!(
        "<Schedule xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.Scheduling\">\
         <Inherit>1</Inherit><ForceClosed> true\n</ForceClosed><TimeZoneId> UTC </TimeZoneId>\
         <Rules><SchedulingRule><Priority>\n  7\n</Priority><Frequency> Daily </Frequency>\
         <ByHour xmlns:a=\"{ARRAYS}\"><a:int> 5 </a:int></ByHour></SchedulingRule></Rules></Schedule>"
    );
    let s: Schedule = xml::from_str(&doc).unwrap();
    assert!(s.inherit && s.force_closed);
    // Strings keep their spaces.
    assert_eq!(s.time_zone_id.as_deref(), Some(" UTC "));
    let rule = &s.rules.unwrap()[0];
    assert_eq!(rule.priority, 7);
    assert_eq!(
        rule.frequency,
        evovoice_codec::model::SchedulingRuleFrequency::Daily
    );
    assert_eq!(rule.by_hour, Some(vec![5]));
    let doc = "<Schedule xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.Scheduling\"><Inherit>2</Inherit></Schedule>";
    assert_eq!(
        xml::from_str::<Schedule>(doc).unwrap_err().category(),
        Category::Data
    );
}

#[test]
fn entry_value_before_key_is_read_and_repeated_members_are_errors() {
    // Value before Key, nested: the outer entry's value holds a dictionary
    // whose entries are reordered too, and a nil value and a plain one.
    let kv = "KeyValueOfstringValue8Ahp2kgT";
    let doc = format!(
        "<ArrayOf{kv} xmlns=\"{ARRAYS}\" xmlns:i=\"{XSI}\" xmlns:f=\"{FLOWS}\">\
         <{kv}><Value><f:StructValue>\
           <{kv}><Value><f:StringValue>deep</f:StringValue></Value><Key>inner</Key></{kv}>\
           <{kv}><Value i:nil=\"true\"/><Key>none</Key></{kv}>\
         </f:StructValue></Value><Key>outer</Key></{kv}>\
         <{kv}><Key>n</Key><Value><f:NumberValue>2</f:NumberValue></Value></{kv}>\
         <{kv}>\n  <Value><f:BoolValue>true</f:BoolValue></Value>\n  <Key>b</Key>\n</{kv}>\
         </ArrayOf{kv}>"
    );
    let s: Struct = xml::from_str(&doc).unwrap();
    assert_eq!(s.keys().collect::<Vec<_>>(), ["outer", "n", "b"]);
    let inner = s.get("outer").and_then(Value::as_struct).unwrap();
    assert_eq!(inner.keys().collect::<Vec<_>>(), ["inner", "none"]);
    assert_eq!(inner.get("inner").and_then(Value::as_str), Some("deep"));
    assert!(inner.contains_key("none") && inner.get("none").is_none());
    assert_eq!(s.get("n").and_then(Value::as_f64), Some(2.0));
    assert_eq!(s.get("b").and_then(Value::as_bool), Some(true));
    // The same from a reader, and a Value with no Key is still an error.
    let back: Struct = xml::from_reader(doc.as_bytes()).unwrap();
    assert_eq!(back, s);
    let doc = format!("<ArrayOf{kv} xmlns=\"{ARRAYS}\"><{kv}><Value/></{kv}></ArrayOf{kv}>");
    let e = xml::from_str::<Struct>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("Key"), "{e}");
    let doc =
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>a</Name><Name>b</Name></CustomerInfo>");
    let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("duplicate"), "{e}");
}

#[test]
fn encodes_what_it_decodes_for_a_user_declared_generic() {
    use evovoice_codec::model::{ListResponse, Tag};
    // ListResponse<Tag>: the digest input is " 1 <Tag's namespace>".
    let page = ListResponse::<Tag> {
        items: Some(vec![Tag::default()]),
        total_count: 1,
        ..Default::default()
    };
    let text = xml::to_string(&page).unwrap();
    let digest = xml::contract::generic_digest(&format!(" 1 {SETTINGS}"));
    let root = format!("<ListResponseOfTag{digest} xmlns:i=\"{XSI}\" xmlns=\"{API}\">");
    assert!(text.contains(&root), "{text}");
    assert!(
        text.contains(&format!("<Items xmlns:d2p1=\"{SETTINGS}\"><d2p1:Tag>")),
        "{text}"
    );
    let back: ListResponse<Tag> = xml::from_str(&text).unwrap();
    assert_eq!(back, page);
}

#[test]
fn prefixes_rebound_in_a_child_revert_when_it_ends() {
    let doc = format!(
        r#"<x:CustomerInfo xmlns:x="{CUSTOMERS}" xmlns:i="{XSI}">
  <Id xmlns="{API}">c1</Id>
  <x:Tags><x:Tag xmlns:x="{SETTINGS}"><x:Name>a</x:Name><x:Id i:nil="true"/></x:Tag></x:Tags>
  <x:Name>n</x:Name>
  <x:ReferenceId nil="true"/>
</x:CustomerInfo>"#
    );
    // Strict mode checks every member's namespace, so a binding that
    // outlived its element would fail here.
    let c: CustomerInfo = xml::from_str_with(&doc, &DecodeOptions::new().strict(true)).unwrap();
    assert_eq!(c.entity.id.as_deref(), Some("c1"));
    assert_eq!(c.name.as_deref(), Some("n"));
    assert_eq!(c.tags.as_ref().unwrap()[0].name.as_deref(), Some("a"));
    // `nil` without the xsi namespace is just an attribute.
    assert_eq!(c.reference_id.as_deref(), Some(""));
    // A prefix nobody declared breaks XML Namespaces, on `nil` too: a
    // fragment that forgot `xmlns:i` is refused, not guessed at.
    let doc = format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name i:nil=\"true\"/></CustomerInfo>");
    let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Syntax, "{e}");
}

#[test]
fn control_characters_are_not_xml() {
    for doc in [
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>a\u{1}b</Name></CustomerInfo>"),
        format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>a&#1;b</Name></CustomerInfo>"),
        format!(
            "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name><![CDATA[\u{8}]]></Name></CustomerInfo>"
        ),
    ] {
        let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
        assert_eq!(e.category(), Category::Syntax, "{doc}: {e}");
    }
    // Tabs, newlines and a referenced CR are fine.
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>a\tb\n&#13;&#x1F600;</Name></CustomerInfo>"
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c.name.as_deref(), Some("a\tb\n\r😀"));
}

#[test]
fn members_are_read_in_their_namespace_and_skipped_in_another() {
    // Other prefixes for every namespace, the default namespace redeclared
    // on a member and on a list item, and the same names in wrong
    // namespaces (which lenient mode skips, strict mode rejects).
    let doc = format!(
        r#"<cust:CustomerInfo xmlns:cust="{CUSTOMERS}" xmlns:base="{API}" xmlns:xsi="{XSI}">
  <base:Id>right</base:Id>
  <cust:Id>wrong: Id is EntityInfo's, in Voice.Api</cust:Id>
  <Name xmlns="{CUSTOMERS}">n</Name>
  <base:Name>wrong: Name is CustomerInfo's</base:Name>
  <cust:ReferenceId xmlns:cust="{API}">wrong: cust is rebound here</cust:ReferenceId>
  <cust:AccountName>a</cust:AccountName>
  <cust:Tags>
    <Tag xmlns="{SETTINGS}"><Name>t</Name><Color xmlns="{CUSTOMERS}">Red</Color></Tag>
  </cust:Tags>
  <cust:Breadcrumb xmlns:arr="{ARRAYS}"/>
</cust:CustomerInfo>"#
    );
    let c: CustomerInfo = xml::from_str(&doc).unwrap();
    assert_eq!(c.entity.id.as_deref(), Some("right"));
    assert_eq!(c.name.as_deref(), Some("n"));
    assert_eq!(c.reference_id, None);
    assert_eq!(c.account_name.as_deref(), Some("a"));
    let tags = c.tags.unwrap();
    assert_eq!(tags[0].name.as_deref(), Some("t"));
    // `Color` was in the customers namespace, not the settings one.
    assert_eq!(tags[0].color, TagColors::default());
    assert_eq!(c.breadcrumb, Some(vec![]));
    let e =
        xml::from_str_with::<CustomerInfo>(&doc, &DecodeOptions::new().strict(true)).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("namespace"), "{e}");
    // A document in no namespace at all names no member.
    let bare = "<CustomerInfo><Name>n</Name></CustomerInfo>";
    assert_eq!(
        xml::from_str::<CustomerInfo>(bare).unwrap(),
        CustomerInfo::default()
    );
}

#[test]
fn unknown_elements_are_skipped_by_a_loop_whatever_their_depth() {
    // With the limit off, only the hard bound on element nesting (65,534)
    // applies; 60,000 levels handed to the model one by one would overflow
    // the stack, so this proves the decoder skips them itself.
    let n = 60_000;
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><Unknown>{}{}</Unknown><Name>x</Name></CustomerInfo>",
        "<a>".repeat(n),
        "</a>".repeat(n)
    );
    let options = DecodeOptions::new().unbounded_depth();
    let c: CustomerInfo = xml::from_str_with(&doc, &options).unwrap();
    assert_eq!(c.name.as_deref(), Some("x"));
    let e = xml::from_str_with::<CustomerInfo>(&doc, &options.strict(true)).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(
        e.message()
            .contains("unknown member `Unknown` in CustomerInfo"),
        "{e}"
    );
}

#[test]
fn from_reader_errors_carry_line_and_column() {
    let docs = [
        // Malformed XML (from the parser).
        format!("<Schedule xmlns=\"{CUSTOMERS}\">\n  <Name>x</Nam>\n</Schedule>"),
        // A bad value (from the model), after many lines.
        format!(
            "<Schedule xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.Scheduling\">{}\n<Rules>\n<SchedulingRule><Priority>abc</Priority></SchedulingRule>\n</Rules>\n</Schedule>",
            "\n".repeat(500)
        ),
    ];
    for doc in &docs {
        let want = xml::from_str::<Schedule>(doc).unwrap_err();
        // A one-byte buffer behind the reader: lines counted as consumed.
        let reader = std::io::BufReader::with_capacity(1, doc.as_bytes());
        let got = xml::from_reader::<_, Schedule>(reader).unwrap_err();
        assert_eq!(got.category(), want.category(), "{got}");
        assert!(got.line().is_some_and(|l| l > 1), "{got}");
        assert_eq!(got.position(), want.position(), "{got}");
        let got = xml::from_reader::<_, Schedule>(doc.as_bytes()).unwrap_err();
        assert_eq!(got.position(), want.position(), "{got}");
    }
}

#[test]
fn a_nil_member_counts_as_given_and_its_errors_name_it() {
    // A nil nullable member is left null without reading it, yet it still
    // counts: a second value for it is a duplicate, either way round.
    for (first, second) in [
        (r#"<Name i:nil="true" />"#, "<Name>b</Name>"),
        ("<Name>a</Name>", r#"<Name i:nil="true" />"#),
    ] {
        let doc = format!(
            "<CustomerInfo xmlns=\"{CUSTOMERS}\" xmlns:i=\"{XSI}\">{first}{second}</CustomerInfo>"
        );
        let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
        assert_eq!(e.category(), Category::Data, "{doc}");
        assert!(e.message().contains("duplicate member `name`"), "{e}");
    }
    // Content inside a nil element is an error of the member, and so is
    // its breakage.
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\" xmlns:i=\"{XSI}\">\
         <Name i:nil=\"true\"><x>1</x></Name><AccountId>a</AccountId></CustomerInfo>"
    );
    let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Data, "{e}");
    assert_eq!(e.path().to_string(), "name");
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\" xmlns:i=\"{XSI}\">\
         <Name i:nil=\"true\"></y></Name></CustomerInfo>"
    );
    let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!(e.path().to_string(), "name");
}

#[test]
fn entry_parts_in_any_case_and_order() {
    let kv = "KeyValueOfstringValue8Ahp2kgT";
    let doc = format!(
        "<ArrayOf{kv} xmlns=\"{ARRAYS}\" xmlns:f=\"{FLOWS}\">\
         <{kv}><key>a</key><value><f:NumberValue>1</f:NumberValue></value></{kv}>\
         <{kv}><VALUE><f:BoolValue>true</f:BoolValue></VALUE><KEY>b</KEY></{kv}>\
         </ArrayOf{kv}>"
    );
    let s: Struct = xml::from_str(&doc).unwrap();
    assert_eq!(s.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(s.get("a").and_then(Value::as_f64), Some(1.0));
    assert_eq!(s.get("b").and_then(Value::as_bool), Some(true));
    for (entry, expected) in [
        (
            "<Kee>a</Kee>",
            "expected `Key` or `Value` in a dictionary entry, found `Kee`",
        ),
        (
            "<Key>a</Key><Vale/>",
            "expected `Value` in a dictionary entry, found `Vale`",
        ),
        (
            "<Value/><Value/>",
            "expected `Key` in a dictionary entry, found `Value`",
        ),
        ("<Key>a</Key>", "a dictionary entry has no `Value`"),
    ] {
        let doc = format!("<ArrayOf{kv} xmlns=\"{ARRAYS}\"><{kv}>{entry}</{kv}></ArrayOf{kv}>");
        let e = xml::from_str::<Struct>(&doc).unwrap_err();
        assert_eq!(e.category(), Category::Data, "{entry}");
        assert_eq!(e.message(), expected, "{entry}");
    }
}

#[test]
fn a_value_read_in_place_never_leaks_into_the_next_one() {
    // Plain text is read where it lies in a slice, other text is gathered
    // (references, CDATA, a second piece after a comment, non-ASCII); each
    // value is its own whichever way the one before it was read, from a
    // slice and from a reader alike.
    let crumb = |id: &str, name: &str| {
        format!("<CustomerBreadcrumb><Id>{id}</Id><Name>{name}</Name></CustomerBreadcrumb>")
    };
    let doc = format!(
        "<CustomerInfo xmlns=\"{CUSTOMERS}\"><AccountId>plain</AccountId><AccountName/>\n  \
         <Breadcrumb>{}{}{}</Breadcrumb>\
         <Name>p</Name>\n<ParentCustomerId></ParentCustomerId><ReferenceId>r</ReferenceId>\
         </CustomerInfo>",
        crumb("a&amp;b", "x<!-- c -->y"),
        crumb("caf\u{e9}", "m<![CDATA[<n>]]>"),
        crumb("q", "<Name/>").replace("<Name><Name/></Name>", "<Name/>"),
    );
    let from_slice: CustomerInfo = xml::from_str(&doc).unwrap();
    let from_reader: CustomerInfo = xml::from_reader(doc.as_bytes()).unwrap();
    for c in [from_slice, from_reader] {
        assert_eq!(c.account_id.as_deref(), Some("plain"));
        assert_eq!(c.account_name.as_deref(), Some(""));
        let crumbs: Vec<(&str, &str)> = c
            .breadcrumb
            .as_ref()
            .unwrap()
            .iter()
            .map(|b| (b.id.as_deref().unwrap(), b.name.as_deref().unwrap()))
            .collect();
        assert_eq!(
            crumbs,
            [("a&b", "xy"), ("caf\u{e9}", "m<n>"), ("q", "")],
            "{doc}"
        );
        assert_eq!(c.name.as_deref(), Some("p"));
        assert_eq!(c.parent_customer_id.as_deref(), Some(""));
        assert_eq!(c.reference_id.as_deref(), Some("r"));
    }
    // Text before a child element is still refused, read in place or not.
    for text in ["stray", "caf\u{e9}"] {
        let doc =
            format!("<CustomerInfo xmlns=\"{CUSTOMERS}\"><Name>{text}<x/></Name></CustomerInfo>");
        let e = xml::from_str::<CustomerInfo>(&doc).unwrap_err();
        assert!(e.message().contains("unexpected text"), "{doc}: {e}");
    }
}
