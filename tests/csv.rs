//! Hand-checked CSV examples: cell quoting, the three shapes, header
//! matching, the null/"" loss, streaming, and errors with row, line, column
//! and member path. Expected texts come from FORMATS.md §4 and the rules
//! stated there.

use std::io::Read;

use evovoice_codec::model::*;
use evovoice_codec::{csv, Category, DecodeOptions, DotNetStyle, EncodeOptions};
use serde::{Deserialize, Serialize};

const CUSTOMER_HEADER: &str = "AccountId,ParentCustomerId,Breadcrumb,AccountName,IsStaging,Name,ReferenceId,Data,Tags,Schedule,IntegrationData,OverrideBillingSettings,BillingSettings,OverrideAppSettings,AppSettings,Id,DateCreated,DateLastModified,CreatedBy,LastModifiedBy\r\n";

fn typed<T: Serialize + Describe>(value: &T) -> String {
    csv::to_string_typed(value, &EncodeOptions::default()).unwrap()
}

fn tag(id: Option<&str>, name: &str, color: TagColors) -> Tag {
    Tag {
        id: id.map(Into::into),
        name: Some(name.into()),
        color,
    }
}

// ---------------------------------------------------------------- quoting

#[test]
fn cells_are_quoted_as_servicestack_quotes_them() {
    let mut c = CustomerInfo {
        account_id: Some("[w]west".into()),
        parent_customer_id: Some(" lead".into()),
        breadcrumb: Some(vec![CustomerBreadcrumb {
            id: Some("b1".into()),
            name: Some(r#"say "hi""#.into()),
        }]),
        account_name: Some(r#"say "hi""#.into()),
        name: Some("a,b".into()),
        reference_id: Some("line1\r\nline2".into()),
        ..CustomerInfo::default()
    };
    c.entity.id = Some("a\tb".into());
    c.entity.date_created = Some("2017-08-25T03:57:47Z".into());
    c.entity.date_last_modified = Some("it's".into());
    let want = format!(
        "{CUSTOMER_HEADER}\"[w]west\", lead,\"[{{id:b1,name:\"\"say \"\"\"\"hi\"\"\"\"\"\"}}]\",\"say \"\"hi\"\"\",False,\"a,b\",\"line1\r\nline2\",,,,,False,,False,,a\tb,2017-08-25T03:57:47Z,it's,,\r\n"
    );
    assert_eq!(typed(&c), want);
    // Exactly one level of CSV unquoting, then JSV: the value comes back.
    assert_eq!(csv::from_str::<CustomerInfo>(&want).unwrap(), c);
}

#[test]
fn nested_values_are_jsv_in_their_cell() {
    let c = CustomerInfo {
        integration_data: Some(EntityIntegrationData::new().with(
            "hubspot",
            IntegrationData {
                third_party_id: Some("a,b".into()),
            },
        )),
        tags: Some(vec![tag(None, "vip", TagColors::Gold)]),
        data: Some(Struct::new().with("seats", 12.0).with("plan", "gold")),
        ..CustomerInfo::default()
    };
    let want = format!(
        "{CUSTOMER_HEADER},,,,False,,,\"{{seats:{{numberValue:12}},plan:{{stringValue:gold}}}}\",\"[{{name:vip,color:Gold}}]\",,\"{{hubspot:{{thirdPartyId:\"\"a,b\"\"}}}}\",False,,False,,,,,,\r\n"
    );
    assert_eq!(typed(&c), want);
    assert_eq!(csv::from_str::<CustomerInfo>(&want).unwrap(), c);
}

#[test]
fn null_and_empty_string_are_both_an_empty_cell() {
    let c = CustomerInfo {
        name: Some(String::new()),
        account_name: None,
        ..CustomerInfo::default()
    };
    let text = typed(&c);
    assert_eq!(
        text,
        format!("{CUSTOMER_HEADER},,,,False,,,,,,,False,,False,,,,,,\r\n")
    );
    // The one loss: "" reads back as null.
    let back: CustomerInfo = csv::from_str(&text).unwrap();
    assert_eq!(back.name, None);
    assert_eq!(back, CustomerInfo::default());
}

#[test]
fn numbers_follow_the_chosen_dotnet_style() {
    // hand-double-one-third: 15 digits on the Framework, shortest on Core.
    let data = Struct::new().with("n", 1.0 / 3.0);
    let framework = EncodeOptions::new().dotnet(DotNetStyle::Framework);
    assert_eq!(
        csv::to_string_typed(&data, &framework).unwrap(),
        "Key,Value\r\n\"{key:n,value:{numberValue:0.333333333333333}}\"\r\n"
    );
    assert_eq!(
        typed(&data),
        "Key,Value\r\n\"{key:n,value:{numberValue:0.3333333333333333}}\"\r\n"
    );
    let row = BillingItem {
        base_cost: 1e15,
        raw_unit_multiplier: -0.0,
        unit_cost: 1e-5,
        allowance: -7,
    };
    assert_eq!(
        csv::to_string_typed(&row, &framework).unwrap(),
        "BaseCost,RawUnitMultiplier,UnitCost,Allowance\r\n1E+15,0,1E-05,-7\r\n"
    );
    assert_eq!(
        typed(&row),
        "BaseCost,RawUnitMultiplier,UnitCost,Allowance\r\n1000000000000000,-0,1E-05,-7\r\n"
    );
}

// ---------------------------------------------------------------- shapes

#[test]
fn a_list_is_the_header_and_one_row_per_item() {
    let tags = vec![
        tag(Some("t1"), "vip", TagColors::Gold),
        tag(None, "new", TagColors::Cyan),
    ];
    let text = "Id,Name,Color\r\nt1,vip,Gold\r\n,new,Cyan\r\n";
    assert_eq!(typed(&tags), text);
    assert_eq!(csv::to_string(&tags).unwrap(), text);
    assert_eq!(csv::from_str::<Vec<Tag>>(text).unwrap(), tags);
}

#[test]
fn an_empty_list_is_the_header_alone_when_the_schema_is_known() {
    assert_eq!(typed(&Vec::<Tag>::new()), "Id,Name,Color\r\n");
    // Without a schema there is no header to write.
    assert_eq!(csv::to_string(&Vec::<Tag>::new()).unwrap(), "");
    assert_eq!(
        csv::from_str::<Vec<Tag>>("Id,Name,Color\r\n").unwrap(),
        vec![]
    );
}

#[test]
fn null_is_no_output_and_empty_input_is_null() {
    assert_eq!(csv::to_string(&None::<Vec<Tag>>).unwrap(), "");
    assert_eq!(csv::from_str::<Option<Vec<Tag>>>("").unwrap(), None);
    assert_eq!(
        csv::from_str::<Option<Vec<Tag>>>("Id\r\nx\r\n").unwrap(),
        Some(vec![Tag {
            id: Some("x".into()),
            ..Tag::default()
        }])
    );
    let e = csv::from_str::<Tag>("").unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
}

#[test]
fn an_object_is_the_header_and_one_row() {
    let t = tag(Some("t1"), "vip", TagColors::Gold);
    assert_eq!(typed(&t), "Id,Name,Color\r\nt1,vip,Gold\r\n");
    assert_eq!(
        csv::from_str::<Tag>("Id,Name,Color\r\nt1,vip,Gold\r\n").unwrap(),
        t
    );
    // A one-column object with a null member is a blank row.
    let empty = IntegrationData::default();
    assert_eq!(typed(&empty), "ThirdPartyId\r\n\r\n");
    assert_eq!(
        csv::from_str::<IntegrationData>("ThirdPartyId\r\n\r\n").unwrap(),
        empty
    );
    let e = csv::from_str::<Tag>("Id\r\na\r\nb\r\n").unwrap_err();
    assert_eq!((e.category(), e.line()), (Category::Data, Some(3)));
}

#[test]
fn a_list_response_is_one_row_with_the_items_as_jsv() {
    let page = ListResponse::<Tag> {
        items: Some(vec![tag(Some("t1"), "a,b", TagColors::Gold)]),
        total_count: 1,
        total_pages: 1,
        has_more_pages: false,
        ..ListResponse::default()
    };
    let text = "Items,TotalCount,TotalPages,HasMorePages\r\n\"[{id:t1,name:\"\"a,b\"\",color:Gold}]\",1,1,False\r\n";
    assert_eq!(typed(&page), text);
    assert_eq!(csv::from_str::<ListResponse<Tag>>(text).unwrap(), page);
    let empty = ListResponse::<Tag> {
        items: Some(vec![]),
        ..ListResponse::default()
    };
    assert_eq!(
        typed(&empty),
        "Items,TotalCount,TotalPages,HasMorePages\r\n\"[]\",0,0,False\r\n"
    );
}

#[test]
fn a_struct_is_key_value_and_one_row_of_entries() {
    let mut data = Struct::new()
        .with("zeta", 1.0)
        .with("a,b", "x")
        .with("", Struct::new());
    data.insert_null("k");
    let text = "Key,Value\r\n\"{key:zeta,value:{numberValue:1}}\",\"{key:\"\"a,b\"\",value:{stringValue:x}}\",\"{key:\"\"\"\",value:{structValue:{}}}\",\"{key:k}\"\r\n";
    assert_eq!(typed(&data), text);
    assert_eq!(csv::to_string(&data).unwrap(), text);
    let back: Struct = csv::from_str(text).unwrap();
    assert_eq!(back, data);
    assert!(back.contains_key("k") && back.get("k").is_none());

    assert_eq!(typed(&Struct::new()), "Key,Value\r\n\r\n");
    assert_eq!(
        csv::from_str::<Struct>("Key,Value\r\n\r\n").unwrap(),
        Struct::new()
    );
    // Nested null values stay out of the JSV, as ServiceStack writes it.
    let mut inner = Struct::new().with("j", true);
    inner.insert_null("gone");
    let outer = Struct::new().with("s", inner);
    assert_eq!(
        typed(&outer),
        "Key,Value\r\n\"{key:s,value:{structValue:{j:{boolValue:True}}}}\"\r\n"
    );
}

#[test]
fn a_struct_key_of_blanks_reads_back() {
    // The key is bare in its JSV cell, as ServiceStack leaves blanks
    // unquoted; JSV maps read `{key: ,…}` as the key " ", and so must CSV.
    for blank in [" ", "\t", " \t "] {
        let data = Struct::new().with(blank, 1.0);
        let text = format!("Key,Value\r\n\"{{key:{blank},value:{{numberValue:1}}}}\"\r\n");
        assert_eq!(typed(&data), text);
        let back: Struct = csv::from_str(&text).unwrap();
        assert_eq!(back, data, "{blank:?}");
    }
    // Blanks around other text are content too, and an empty key is quoted.
    let text = "Key,Value\r\n\"{key: a ,value:{numberValue:1}}\",\"{key:\"\"\"\",value:{numberValue:2}}\"\r\n";
    let back: Struct = csv::from_str(text).unwrap();
    assert_eq!(back, Struct::new().with(" a ", 1.0).with("", 2.0));
    // The same for a string value of a map of another crate's types.
    let text = "Key,Value\r\n\"{key: ,value:x}\",\"{key:a,value:\t}\",\"{key:b,value:}\"\r\n";
    let back: std::collections::BTreeMap<String, String> = csv::from_str(text).unwrap();
    let want = [(" ", "x"), ("a", "\t"), ("b", "")];
    let want = want.map(|(k, v)| (k.to_owned(), v.to_owned())).into();
    assert_eq!(back, want);
    assert_eq!(
        csv::from_str::<std::collections::BTreeMap<_, _>>(&csv::to_string(&want).unwrap()).unwrap(),
        want
    );
}

#[test]
fn a_dictionary_needs_the_key_value_header() {
    let e = csv::from_str::<Struct>("Name\r\nx\r\n").unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("Key,Value"), "{e}");
    let e = csv::from_str::<Struct>("Key,Value\r\n\"{value:{}}\"\r\n").unwrap_err();
    assert_eq!((e.category(), e.line()), (Category::Syntax, Some(2)));
}

// ---------------------------------------------------------------- header matching

#[test]
fn columns_match_by_name_in_any_order_and_case() {
    let text =
        "tags,ISSTAGING,Unknown,name\r\n\"[{name:vip,color:gold}]\",true,\"[ignored\",Acme\r\n";
    let c: CustomerInfo = csv::from_str(text).unwrap();
    assert_eq!(c.name.as_deref(), Some("Acme"));
    assert!(c.is_staging);
    assert_eq!(c.tags, Some(vec![tag(None, "vip", TagColors::Gold)]));
    // Missing columns leave the defaults.
    assert_eq!(c.entity, EntityInfo::default());
    assert!(!c.override_app_settings);

    let strict = DecodeOptions::new().strict(true);
    let e = csv::from_str_with::<CustomerInfo>(text, &strict).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert!(e.message().contains("column `Unknown`"), "{e}");
    assert_eq!(e.line(), Some(2));
    // C# names match too (AIInsights is aiInsights in JSON), and a nested
    // cell a hand-made file left unquoted still reads.
    let b: BillingSettings = csv::from_str("AIInsights\r\n{allowance:3}\r\n").unwrap();
    assert_eq!(b.ai_insights.map(|i| i.allowance), Some(3));
}

#[test]
fn duplicate_columns_are_an_error() {
    let e = csv::from_str::<Tag>("Name,NAME\r\na,b\r\n").unwrap_err();
    assert_eq!(e.category(), Category::Data);
}

#[test]
fn types_of_other_crates_work_with_capitalized_headers() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Row {
        id: u32,
        tags: Vec<String>,
        note: Option<String>,
        score: f64,
        ok: bool,
    }
    let rows = vec![
        Row {
            id: 1,
            tags: vec!["a".into(), "b,c".into()],
            note: None,
            score: 1.5,
            ok: true,
        },
        Row {
            id: 2,
            tags: vec![],
            note: Some("n".into()),
            score: -0.25,
            ok: false,
        },
    ];
    let text =
        "Id,Tags,Note,Score,Ok\r\n1,\"[a,\"\"b,c\"\"]\",,1.5,True\r\n2,\"[]\",n,-0.25,False\r\n";
    assert_eq!(csv::to_string(&rows).unwrap(), text);
    assert_eq!(csv::from_str::<Vec<Row>>(text).unwrap(), rows);
    // Tuples read the cells in order.
    let pairs: Vec<(String, u8)> = csv::from_str("A,B\r\nx,1\r\ny,2\r\n").unwrap();
    assert_eq!(pairs, [("x".into(), 1), ("y".into(), 2)]);
}

// ---------------------------------------------------------------- streaming

/// Hands out its input one byte per read, to cross every buffer boundary.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(slot)) => {
                *slot = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// An endless export: the header, then the same row forever.
struct Endless {
    pending: Vec<u8>,
    rows: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            self.rows += 1;
            self.pending = format!("t{},\"n,{}\",Gold\r\n", self.rows, self.rows).into_bytes();
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

#[test]
fn rows_stream_one_at_a_time() {
    let reader = Endless {
        pending: b"Id,Name,Color\r\n".to_vec(),
        rows: 0,
    };
    let first: Vec<Tag> = csv::iter_from_reader(reader)
        .take(1000)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(first.len(), 1000);
    assert_eq!(first[999], tag(Some("t1000"), "n,1000", TagColors::Gold));
}

#[test]
fn streaming_reads_across_any_buffer_boundary() {
    let text = "Name,Tags\r\n\"a\"\"b\",\"[{name:\"\"x,y\"\",color:Cyan}]\"\r\nplain,\r\n";
    let rows: Vec<CustomerInfo> = csv::iter_from_reader(Trickle(text.as_bytes()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].name.as_deref(), Some("a\"b"));
    assert_eq!(rows[0].tags, Some(vec![tag(None, "x,y", TagColors::Cyan)]));
    assert_eq!(rows[1].tags, None);
    assert_eq!(
        csv::from_reader::<_, Vec<CustomerInfo>>(Trickle(text.as_bytes())).unwrap(),
        rows
    );
}

#[test]
fn a_bad_row_is_reported_and_the_stream_goes_on() {
    let text = "Name,Color\r\na,Gold\r\nb,Mauve\r\nc,Cyan\r\n";
    let rows: Vec<_> = csv::iter_from_reader::<_, Tag>(text.as_bytes()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].as_ref().unwrap().color, TagColors::Gold);
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert_eq!(e.path().to_string(), "[1].color");
    assert_eq!(e.line(), Some(3));
    assert!(e.message().contains("row 2, column `Color`"), "{e}");
    assert_eq!(rows[2].as_ref().unwrap().color, TagColors::Cyan);

    // A syntax error ends the stream.
    let text = "Name\r\na\r\n\"b\r\nc\r\n";
    let rows: Vec<_> = csv::iter_from_reader::<_, Tag>(text.as_bytes()).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].is_ok());
    assert_eq!(rows[1].as_ref().unwrap_err().category(), Category::Syntax);
}

// ---------------------------------------------------------------- errors

#[test]
fn ragged_rows_name_the_row_and_line() {
    let e = csv::from_str::<Vec<Tag>>("Name,Color\r\na,Gold\r\nb\r\n").unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!((e.line(), e.offset()), (Some(3), Some(20)));
    assert!(e.message().contains("row 2 has 1 cells"), "{e}");
}

#[test]
fn unbalanced_quotes_are_syntax_errors() {
    let e = csv::from_str::<Vec<Tag>>("Name,Color\r\n\"abc,Gold\r\n").unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!((e.line(), e.column()), (Some(2), Some(1)));
    assert!(e.message().contains("unbalanced quotes"), "{e}");
    let e = csv::from_str::<Vec<Tag>>("Name,Color\r\n\"ab\"c,Gold\r\n").unwrap_err();
    assert_eq!(
        (e.category(), e.line(), e.column()),
        (Category::Syntax, Some(2), Some(5))
    );
}

#[test]
fn malformed_jsv_in_a_cell_names_the_cell() {
    let text = "Name,Tags\r\nx,\r\ny,\"[{name:a,color:Gold}\"\r\n";
    let e = csv::from_str::<Vec<CustomerInfo>>(text).unwrap_err();
    assert_eq!(e.category(), Category::Syntax);
    assert_eq!(e.line(), Some(3));
    // The list ends before its second item would.
    assert_eq!(e.path().to_string(), "[1].tags[1]");
    assert!(e.message().contains("row 2, column `Tags`"), "{e}");
    assert!(e.message().contains("in the cell"), "{e}");
}

#[test]
fn a_wrong_type_in_a_cell_names_the_member() {
    let text = "Name,IsStaging\r\nx,maybe\r\n";
    let e = csv::from_str::<CustomerInfo>(text).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert_eq!(e.path().to_string(), "isStaging");
    assert_eq!(e.line(), Some(2));
    assert!(e.message().contains("column `IsStaging`"), "{e}");
    let e =
        csv::from_str::<CustomerInfo>("Schedule\r\n\"{rules:[{priority:1.5}]}\"\r\n").unwrap_err();
    assert_eq!(e.path().to_string(), "schedule.rules[0].priority");
}

#[test]
fn the_root_list_is_a_level_when_streaming_rows_too() {
    // Rows hold List (1) / CustomerInfo (2) / Struct (3) / Value (4).
    let text = "Name,Data\r\na,\"{k:{numberValue:1}}\"\r\nb,\r\n";
    for limit in [3, 4] {
        let options = DecodeOptions::new().depth_limit(limit);
        let whole = csv::from_str_with::<Vec<CustomerInfo>>(text, &options);
        let rows: Vec<_> = csv::iter_from_reader_with::<_, CustomerInfo>(text.as_bytes(), &options)
            .map(|r| r.map_err(|e| e.category()))
            .collect();
        if limit == 4 {
            assert_eq!(whole.unwrap().len(), 2);
            assert!(rows.iter().all(Result::is_ok), "{rows:?}");
        } else {
            assert_eq!(whole.unwrap_err().category(), Category::Depth);
            assert_eq!(rows[0], Err(Category::Depth));
            assert!(rows[1].is_ok(), "{rows:?}");
        }
    }
    let e = csv::from_str_with::<Vec<CustomerInfo>>(text, &DecodeOptions::new().depth_limit(0))
        .unwrap_err();
    assert_eq!((e.category(), e.line()), (Category::Depth, Some(1)));
}

#[test]
fn deep_nesting_in_a_cell_is_a_depth_error() {
    let n = 100_000;
    let text = format!(
        "Key,Value\r\n\"{{key:k,value:{}{{}}{}}}\"\r\n",
        "{structValue:{k:".repeat(n),
        "}}".repeat(n)
    );
    let e = csv::from_str::<Struct>(&text).unwrap_err();
    assert_eq!(e.category(), Category::Depth);

    // A type of another crate, which would recurse as deep as the input.
    #[derive(Debug, Deserialize)]
    struct Tree(#[allow(dead_code)] Vec<Tree>);
    let text = format!("A\r\n\"{}{}\"\r\n", "[".repeat(n), "]".repeat(n));
    let e = csv::from_str::<Vec<(Tree,)>>(&text).unwrap_err();
    assert_eq!(e.category(), Category::Depth);
    let shallow: Vec<(Tree,)> = csv::from_str("A\r\n\"[[],[[]]]\"\r\n").unwrap();
    assert_eq!(shallow[0].0 .0.len(), 2);
}

#[test]
fn non_finite_numbers_are_refused() {
    let e = csv::to_string(&BillingItem {
        base_cost: f64::NAN,
        ..BillingItem::default()
    })
    .unwrap_err();
    assert_eq!(e.category(), Category::Unsupported);
    assert_eq!(e.path().to_string(), "baseCost");
}
