use super::*;

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const CHROME: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,\
                      image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
const AXIOS: &str = "application/json, text/plain, */*";
const JAVA_URLCONNECTION: &str = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2";

fn accept(header: &str, default: Format) -> Format {
    Format::negotiate("/customers", Some(header), default)
}

#[test]
fn all_lists_every_variant_once_in_declaration_order() {
    assert_eq!(
        Format::ALL,
        [Format::Json, Format::Jsv, Format::Xml, Format::Csv]
    );
}

#[test]
fn mime_types() {
    assert_eq!(Format::Json.mime_type(), "application/json");
    assert_eq!(Format::Jsv.mime_type(), "text/jsv");
    assert_eq!(Format::Xml.mime_type(), "application/xml");
    assert_eq!(Format::Csv.mime_type(), "text/csv");
}

#[test]
fn names_extensions_and_display() {
    let expected = ["json", "jsv", "xml", "csv"];
    for (format, name) in Format::ALL.into_iter().zip(expected) {
        assert_eq!(format.name(), name);
        assert_eq!(format.extension(), name);
        assert_eq!(format.to_string(), name);
    }
}

#[test]
fn round_trips() {
    for format in Format::ALL {
        assert_eq!(Format::from_name(format.name()), Some(format));
        assert_eq!(Format::from_mime_type(format.mime_type()), Some(format));
        assert_eq!(format.name().parse::<Format>(), Ok(format));
        assert_eq!(format.mime_type().parse::<Format>(), Ok(format));
        let path = format!("/customers.{}", format.extension());
        assert_eq!(Format::from_extension(&path), Some(format));
    }
}

#[test]
fn from_name_ignores_case_but_nothing_else() {
    assert_eq!(Format::from_name("JSON"), Some(Format::Json));
    assert_eq!(Format::from_name("Jsv"), Some(Format::Jsv));
    assert_eq!(Format::from_name("xMl"), Some(Format::Xml));
    assert_eq!(Format::from_name("CSV"), Some(Format::Csv));
    assert_eq!(Format::from_name(" json"), None);
    assert_eq!(Format::from_name("json.pretty"), None);
    assert_eq!(Format::from_name("html"), None);
    assert_eq!(Format::from_name(""), None);
    assert_eq!(Format::from_name("jsonx"), None);
}

#[test]
fn from_mime_type_aliases_parameters_and_case() {
    assert_eq!(
        Format::from_mime_type("APPLICATION/JSON; charset=UTF-8"),
        Some(Format::Json)
    );
    assert_eq!(Format::from_mime_type("text/json"), Some(Format::Json));
    assert_eq!(Format::from_mime_type("application/jsv"), Some(Format::Jsv));
    assert_eq!(Format::from_mime_type("Text/JSV"), Some(Format::Jsv));
    assert_eq!(
        Format::from_mime_type("text/xml; charset=utf-8"),
        Some(Format::Xml)
    );
    assert_eq!(
        Format::from_mime_type("  text/csv ;header=present"),
        Some(Format::Csv)
    );
    assert_eq!(Format::from_mime_type("application/xml"), Some(Format::Xml));
}

#[test]
fn from_mime_type_rejects_non_formats() {
    for s in [
        "*/*",
        "application/*",
        "text/*",
        "text/html",
        "text/plain",
        "application/problem+json",
        "application/soap+xml",
        "application/json-patch",
        "json",
        "",
    ] {
        assert_eq!(Format::from_mime_type(s), None, "{s:?}");
    }
}

#[test]
fn from_extension_uses_last_segment_only() {
    assert_eq!(Format::from_extension("/customers.csv"), Some(Format::Csv));
    assert_eq!(
        Format::from_extension("/customers.JSON"),
        Some(Format::Json)
    );
    assert_eq!(
        Format::from_extension("/api/customers.jsv?x=a.xml"),
        Some(Format::Jsv)
    );
    assert_eq!(
        Format::from_extension("customers.xml#top"),
        Some(Format::Xml)
    );
    assert_eq!(Format::from_extension("/customers.jsonx"), None);
    assert_eq!(Format::from_extension("/customers.json/"), None);
    assert_eq!(Format::from_extension("/v1.json/customers"), None);
    assert_eq!(Format::from_extension("/customers"), None);
    assert_eq!(Format::from_extension("/customers?format=json"), None);
    assert_eq!(Format::from_extension("/customers?file=a.json"), None);
    assert_eq!(Format::from_extension("/json"), None);
    assert_eq!(Format::from_extension(""), None);
}

#[test]
fn from_str_accepts_names_and_mime_types() {
    assert_eq!("xml".parse(), Ok(Format::Xml));
    assert_eq!(" CSV\n".parse(), Ok(Format::Csv));
    assert_eq!("text/jsv".parse(), Ok(Format::Jsv));
    assert_eq!("APPLICATION/JSON; charset=UTF-8".parse(), Ok(Format::Json));
    assert_eq!(
        "yaml".parse::<Format>(),
        Err(UnknownFormat("yaml".to_owned()))
    );
    assert_eq!(
        " html ".parse::<Format>(),
        Err(UnknownFormat(" html ".to_owned()))
    );
}

#[test]
fn unknown_format_message_and_error_trait() {
    let err = "yaml".parse::<Format>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown format `yaml`: expected json, jsv, xml or csv"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.source().is_none());
}

#[test]
fn suffix_beats_query_and_accept() {
    assert_eq!(
        Format::negotiate("/customers.csv", Some("application/json"), Format::Json),
        Format::Csv
    );
    assert_eq!(
        Format::negotiate("/customers.json?format=xml", Some("text/csv"), Format::Jsv),
        Format::Json
    );
    assert_eq!(
        Format::negotiate("/customers.xml?callback=cb", None, Format::Json),
        Format::Xml
    );
}

#[test]
fn unknown_suffix_is_not_a_format() {
    assert_eq!(
        Format::negotiate("/customers.jsonx", None, Format::Csv),
        Format::Csv
    );
    assert_eq!(
        Format::negotiate("/customers.jsonx?format=jsv", None, Format::Csv),
        Format::Jsv
    );
    assert_eq!(
        Format::negotiate("/customers.jsonx", Some("application/xml"), Format::Csv),
        Format::Xml
    );
}

#[test]
fn format_query_parameter() {
    assert_eq!(
        Format::negotiate("/customers?format=jsv", None, Format::Json),
        Format::Jsv
    );
    assert_eq!(
        Format::negotiate("/customers?x=1&format=CSV", None, Format::Json),
        Format::Csv
    );
    assert_eq!(
        Format::negotiate(
            "/customers?Format=xml",
            Some("application/json"),
            Format::Json
        ),
        Format::Xml
    );
    assert_eq!(
        Format::negotiate("/customers?format=json.pretty", None, Format::Xml),
        Format::Json
    );
    assert_eq!(
        Format::negotiate("/customers?format=%6Asv", None, Format::Json),
        Format::Jsv
    );
    // The first `format` parameter decides.
    assert_eq!(
        Format::negotiate("/customers?format=xml&format=csv", None, Format::Json),
        Format::Xml
    );
    // A query-string value that merely ends in ".json" is no suffix.
    assert_eq!(
        Format::negotiate("/customers?file=a.json", None, Format::Xml),
        Format::Xml
    );
    // The fragment is not part of the query.
    assert_eq!(
        Format::negotiate("/customers?x=1#format=xml", None, Format::Jsv),
        Format::Jsv
    );
}

#[test]
fn unknown_or_empty_format_falls_through_to_accept() {
    assert_eq!(
        Format::negotiate("/customers?format=html", Some("text/csv"), Format::Json),
        Format::Csv
    );
    assert_eq!(
        Format::negotiate("/customers?format=", Some("text/jsv"), Format::Json),
        Format::Jsv
    );
    assert_eq!(
        Format::negotiate("/customers?formats=xml", None, Format::Csv),
        Format::Csv
    );
}

#[test]
fn jsonp_callback_forces_json() {
    assert_eq!(
        Format::negotiate("/customers?callback=cb&format=xml", None, Format::Csv),
        Format::Json
    );
    assert_eq!(
        Format::negotiate(
            "/customers?format=xml&callback=cb",
            Some("text/csv"),
            Format::Csv
        ),
        Format::Json
    );
    assert_eq!(
        Format::negotiate(
            "/customers?CallBack=cb",
            Some("application/xml"),
            Format::Csv
        ),
        Format::Json
    );
    // An empty callback does nothing.
    assert_eq!(
        Format::negotiate("/customers?callback=&format=xml", None, Format::Csv),
        Format::Xml
    );
}

#[test]
fn predefined_routes() {
    assert_eq!(
        Format::negotiate(
            "/xml/reply/GetCustomers",
            Some("application/json"),
            Format::Json
        ),
        Format::Xml
    );
    assert_eq!(
        Format::negotiate("/CSV/OneWay/GetCustomers", None, Format::Json),
        Format::Csv
    );
    assert_eq!(
        Format::negotiate("/jsv/reply/GetCustomers?format=json", None, Format::Xml),
        Format::Json
    );
    // Not a pre-defined route: the Accept header decides.
    assert_eq!(
        Format::negotiate("/xml/customers", Some("text/csv"), Format::Json),
        Format::Csv
    );
    assert_eq!(
        Format::negotiate("/api/json", Some("text/csv"), Format::Json),
        Format::Csv
    );
}

#[test]
fn browser_accept_gives_xml() {
    assert_eq!(accept(BROWSER, Format::Json), Format::Xml);
    assert_eq!(accept(CHROME, Format::Csv), Format::Xml);
}

#[test]
fn axios_accept_gives_json() {
    assert_eq!(accept(AXIOS, Format::Json), Format::Json);
    assert_eq!(accept(AXIOS, Format::Csv), Format::Json);
    assert_eq!(accept(AXIOS, Format::Xml), Format::Json);
}

#[test]
fn q_values_rank_formats() {
    assert_eq!(
        accept("text/csv;q=0.5, text/jsv", Format::Json),
        Format::Jsv
    );
    assert_eq!(
        accept("text/csv, text/jsv;q=0.5", Format::Json),
        Format::Csv
    );
    assert_eq!(
        accept(
            "application/json;q=0.2, application/xml;q=0.25",
            Format::Json
        ),
        Format::Xml
    );
    assert_eq!(
        accept(
            "application/json; q=0.9; charset=utf-8, text/csv;q=0.8",
            Format::Xml
        ),
        Format::Json
    );
    // Java's HttpURLConnection style `.2` q-values and a lone `*`.
    assert_eq!(accept(JAVA_URLCONNECTION, Format::Jsv), Format::Jsv);
    assert_eq!(accept("*; q=.2, text/csv;q=.1", Format::Json), Format::Json);
}

#[test]
fn equal_q_ties_go_to_specificity_then_header_order() {
    assert_eq!(
        accept("application/xml, application/json", Format::Json),
        Format::Xml
    );
    assert_eq!(
        accept("application/json, application/xml", Format::Xml),
        Format::Json
    );
    assert_eq!(accept("*/*, text/csv", Format::Json), Format::Csv);
    assert_eq!(accept("text/*, application/xml", Format::Json), Format::Xml);
}

#[test]
fn q_zero_excludes() {
    assert_eq!(
        accept("application/xml;q=0, */*", Format::Json),
        Format::Json
    );
    assert_eq!(
        accept("application/xml;q=0, */*", Format::Xml),
        Format::Json
    );
    assert_eq!(
        accept("application/xml;q=0.0, */*", Format::Xml),
        Format::Json
    );
    assert_eq!(
        accept("*/*, application/json;q=0", Format::Json),
        Format::Xml
    );
    assert_eq!(accept("text/csv;q=0", Format::Csv), Format::Csv);
    // Excluding everything leaves the default, even an excluded default.
    assert_eq!(accept("application/xml;q=0", Format::Json), Format::Json);
    assert_eq!(accept("application/json;q=0", Format::Json), Format::Json);
    assert_eq!(accept("*/*;q=0", Format::Jsv), Format::Jsv);
    assert_eq!(accept("text/*;q=0, */*", Format::Jsv), Format::Json);
}

#[test]
fn wildcards() {
    assert_eq!(accept("*/*", Format::Csv), Format::Csv);
    assert_eq!(accept("*/*", Format::Jsv), Format::Jsv);
    assert_eq!(accept("application/*", Format::Csv), Format::Json);
    assert_eq!(accept("application/*", Format::Xml), Format::Xml);
    assert_eq!(accept("text/*", Format::Json), Format::Jsv);
    assert_eq!(accept("text/*", Format::Csv), Format::Csv);
    assert_eq!(accept("image/*", Format::Csv), Format::Csv);
    assert_eq!(accept("text/html, */*;q=0.1", Format::Xml), Format::Xml);
    assert_eq!(
        accept("text/*;q=0.5, application/*;q=0.4", Format::Xml),
        Format::Jsv
    );
    // The most specific range decides a format's quality.
    assert_eq!(
        accept("application/*;q=0.2, */*;q=0.5", Format::Json),
        Format::Jsv
    );
}

#[test]
fn case_parameters_and_aliases_in_accept() {
    assert_eq!(
        accept("APPLICATION/JSON; charset=UTF-8", Format::Xml),
        Format::Json
    );
    assert_eq!(accept("Text/XML", Format::Json), Format::Xml);
    assert_eq!(accept("text/json", Format::Xml), Format::Json);
    assert_eq!(accept("application/jsv", Format::Json), Format::Jsv);
    assert_eq!(
        accept("application/json;Q=0, text/csv;q=0.1", Format::Json),
        Format::Csv
    );
    // Aliases at the same specificity: the higher q counts.
    assert_eq!(
        accept(
            "text/json;q=0.1, application/json, text/csv;q=0.5",
            Format::Xml
        ),
        Format::Json
    );
}

#[test]
fn accept_naming_none_of_ours_gives_default() {
    assert_eq!(accept("text/html", Format::Json), Format::Json);
    assert_eq!(accept("text/html", Format::Csv), Format::Csv);
    assert_eq!(accept("application/problem+json", Format::Xml), Format::Xml);
    assert_eq!(accept("", Format::Jsv), Format::Jsv);
    assert_eq!(accept(" , ,", Format::Jsv), Format::Jsv);
    assert_eq!(
        Format::negotiate("/customers", None, Format::Csv),
        Format::Csv
    );
}

#[test]
fn malformed_q_values_drop_the_range() {
    assert_eq!(
        accept("application/xml;q=abc, text/csv;q=0.1", Format::Json),
        Format::Csv
    );
    assert_eq!(
        accept("application/xml;q=-1, text/csv;q=0.1", Format::Json),
        Format::Csv
    );
    assert_eq!(
        accept("application/xml;q=NaN, text/csv;q=0.1", Format::Json),
        Format::Csv
    );
    assert_eq!(
        accept("application/xml;q=inf, text/csv;q=0.1", Format::Json),
        Format::Csv
    );
    // Above 1 counts as 1: ties with json, which comes first.
    assert_eq!(
        accept("application/json, application/xml;q=5", Format::Json),
        Format::Json
    );
}

#[test]
fn quoted_parameters_do_not_split_ranges() {
    assert_eq!(
        accept(
            r#"text/html;x="a,text/csv;q=1", application/xml;q=0.3"#,
            Format::Json
        ),
        Format::Xml
    );
    assert_eq!(
        accept(
            r#"application/json;x="\";q=0", text/csv;q=0.5"#,
            Format::Xml
        ),
        Format::Json
    );
}

#[test]
fn percent_decoding() {
    assert_eq!(percent_decode("a%2Eb+c"), "a.b c");
    assert_eq!(percent_decode("%"), "%");
    assert_eq!(percent_decode("%4"), "%4");
    assert_eq!(percent_decode("%zz%41"), "%zzA");
    assert_eq!(percent_decode("%41"), "A");
}
