use super::*;
use std::path::PathBuf;

fn fw(v: f64) -> String {
    format_f64(v, DotNetStyle::Framework, NumberFormat::ToString)
}
fn fw_r(v: f64) -> String {
    format_f64(v, DotNetStyle::Framework, NumberFormat::RoundTrip)
}
fn core(v: f64) -> String {
    format_f64(v, DotNetStyle::Core, NumberFormat::ToString)
}
fn core_r(v: f64) -> String {
    format_f64(v, DotNetStyle::Core, NumberFormat::RoundTrip)
}

/// The vectors live in the crate's tests/vectors when vendored, else in
/// the shared checkout next to it; a missing file is a failure, not a skip.
fn numbers_tsv() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        root.join("tests/vectors/numbers.tsv"),
        root.join("../shared/vectors/numbers.tsv"),
    ];
    for path in &candidates {
        if let Ok(text) = std::fs::read_to_string(path) {
            return text;
        }
    }
    panic!("numbers.tsv not found in any of {candidates:?}");
}

#[test]
fn numbers_tsv_all_rows() {
    let text = numbers_tsv();
    let mut lines = text.lines();
    let header = lines.next().expect("header line");
    assert!(header.starts_with("bits\tframework\tframework_xml\tcore"));
    let mut rows = 0;
    let mut failures = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let bits = u64::from_str_radix(cols[0], 16).expect("hex bits");
        let v = f64::from_bits(bits);
        let (want_fw, want_xml, want_core) = (cols[1], cols[2], cols[3]);
        let got = [
            ("framework", fw(v), want_fw),
            ("framework_xml", fw_r(v), want_xml),
            ("core", core(v), want_core),
            ("core R", core_r(v), want_core),
        ];
        for (what, got, want) in &got {
            if got != want {
                failures.push(format!("{} {what}: got {got} want {want}", cols[0]));
            }
        }
        // Lossless texts must read back to the very same bits (sign of zero included).
        for (what, t) in [("framework_xml", want_xml), ("core", want_core)] {
            match parse_f64(t) {
                Some(p) if p.to_bits() == bits => {}
                other => failures.push(format!("{} parse {what} {t}: {other:?}", cols[0])),
            }
        }
        // The 15-digit text is lossy: it must read as the nearest double to itself.
        let want = match want_fw.parse::<f64>().expect("rust parses it") {
            v if v.is_infinite() => f64::MAX.copysign(v),
            v => v,
        };
        if parse_f64(want_fw).map(f64::to_bits) != Some(want.to_bits()) {
            failures.push(format!("{} parse framework {want_fw}", cols[0]));
        }
        rows += 1;
    }
    assert_eq!(rows, 5544, "row count");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn formats_md_examples() {
    let third = 1.0 / 3.0;
    assert_eq!(fw(third), "0.333333333333333");
    assert_eq!(fw_r(third), "0.33333333333333331");
    assert_eq!(core(third), "0.3333333333333333");

    let sum = 0.1 + 0.2;
    assert_eq!(fw(sum), "0.3");
    assert_eq!(fw_r(sum), "0.30000000000000004");
    assert_eq!(core(sum), "0.30000000000000004");

    assert_eq!(fw(1e15), "1E+15");
    assert_eq!(fw_r(1e15), "1E+15");
    assert_eq!(core(1e15), "1000000000000000");
    assert_eq!(fw(1e16), "1E+16");
    assert_eq!(core(1e16), "10000000000000000");
    assert_eq!(core(1e17), "1E+17");

    for f in [fw, fw_r, core, core_r] {
        assert_eq!(f(1e-5), "1E-05");
        assert_eq!(f(1e-4), "0.0001");
        assert_eq!(f(1e300), "1E+300");
        assert_eq!(f(1e-300), "1E-300");
        assert_eq!(f(123456789012.0), "123456789012");
        assert_eq!(f(42.0), "42");
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-1.0), "-1");
        assert_eq!(f(1.5), "1.5");
        assert_eq!(f(0.1), "0.1");
        assert_eq!(f(1234.56), "1234.56");
    }

    let two53_plus1 = 9007199254740993.0_f64; // reads as 2^53
    assert_eq!(fw(two53_plus1), "9.00719925474099E+15");
    assert_eq!(fw_r(two53_plus1), "9007199254740992");
    assert_eq!(core(two53_plus1), "9007199254740992");

    assert_eq!(fw(-0.0), "0");
    assert_eq!(fw_r(-0.0), "-0");
    assert_eq!(core(-0.0), "-0");
    assert_eq!(core_r(-0.0), "-0");
}

#[test]
fn framework_rounds_ties_away_from_zero() {
    // 16-digit integers ending in 5 are exact doubles below 2^53: a real tie at
    // 15 digits, where Rust's `{:.14e}` would round to even instead.
    assert_eq!(
        format!("{:.14e}", 1000000000000005.0),
        "1.00000000000000e15"
    );
    assert_eq!(fw(1000000000000005.0), "1.00000000000001E+15");
    assert_eq!(fw(-1000000000000005.0), "-1.00000000000001E+15");
    assert_eq!(fw(1000000000000015.0), "1.00000000000002E+15");
    // 2^-1 steps: x.5 with 15 digits before it is also a tie.
    assert_eq!(fw(100000000000000.5), "100000000000001");
    // Near-ties are not ties: just below rounds down, just above rounds up.
    assert_eq!(fw(1000000000000004.9), "1E+15");
    assert_eq!(fw(0.1234567890123451), "0.123456789012345");
    // Carry through all nines renormalises the exponent.
    assert_eq!(fw(999999999999999.9), "1E+15");
    assert_eq!(fw(0.9999999999999999), "1");
    // Mono printed 0.95009999999999994 here (its parser flaw); the rule gives 0.9501.
    assert_eq!(fw_r(0.9501), "0.9501");
}

#[test]
fn non_finite_does_not_panic() {
    for style in [DotNetStyle::Core, DotNetStyle::Framework] {
        for format in [NumberFormat::ToString, NumberFormat::RoundTrip] {
            assert_eq!(format_f64(f64::NAN, style, format), "NaN");
            assert_eq!(format_f64(f64::INFINITY, style, format), "Infinity");
            assert_eq!(format_f64(f64::NEG_INFINITY, style, format), "-Infinity");
        }
    }
}

#[test]
fn extremes() {
    assert_eq!(core(f64::MAX), "1.7976931348623157E+308");
    assert_eq!(fw(f64::MAX), "1.79769313486232E+308");
    assert_eq!(fw_r(f64::MAX), "1.7976931348623157E+308");
    assert_eq!(core(5e-324), "5E-324");
    assert_eq!(fw(5e-324), "4.94065645841247E-324");
    assert_eq!(fw_r(5e-324), "4.94065645841247E-324");
    assert_eq!(core(f64::MIN_POSITIVE), "2.2250738585072014E-308");
    assert_eq!(fw(-f64::MIN_POSITIVE), "-2.2250738585072E-308");
}

#[test]
fn write_appends() {
    let mut buf = b"x=".to_vec();
    write_f64(&mut buf, 2.5, DotNetStyle::Core, NumberFormat::ToString);
    buf.push(b',');
    write_f64(
        &mut buf,
        -0.0,
        DotNetStyle::Framework,
        NumberFormat::ToString,
    );
    assert_eq!(buf, b"x=2.5,0");
    assert_eq!(DotNetStyle::default(), DotNetStyle::Core);
}

#[test]
fn parse_accepts_ordinary_text() {
    let cases: [(&str, f64); 12] = [
        ("5.0", 5.0),
        ("1E+300", 1e300),
        ("1e-5", 1e-5),
        ("1E-05", 1e-5),
        ("+2", 2.0),
        ("-1.5", -1.5),
        ("0.30000000000000004", 0.30000000000000004),
        ("9007199254740993", 9007199254740992.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e-400", 0.0),
        ("0.33333333333333331", 1.0 / 3.0),
    ];
    for (text, want) in cases {
        assert_eq!(
            parse_f64(text).map(f64::to_bits),
            Some(want.to_bits()),
            "{text}"
        );
    }
    assert_eq!(parse_f64("-0").map(f64::to_bits), Some((-0.0f64).to_bits()));
    assert_eq!(parse_f64("0").map(f64::to_bits), Some(0u64));
}

#[test]
fn parse_rejects_non_numbers() {
    assert_eq!(parse_f64("1.79769313486232E+308"), Some(f64::MAX));
    assert_eq!(parse_f64("-1.79769313486232E+308"), Some(f64::MIN));
    for text in [
        "1.79769313486233E+308",
        "1e400",
        "-1e400",
        "inf",
        "-inf",
        "+inf",
        "infinity",
        "Infinity",
        "-Infinity",
        "NaN",
        "nan",
        "",
        "1e",
        "1e+",
        "--1",
        "+-1",
        " 1",
        "1 ",
        "0x10",
        "1_000",
        ".",
        "-",
        "+",
        "e5",
        ".e1",
        "1.2.3",
        "1e5.0",
        "1,5",
        "١",
    ] {
        assert_eq!(parse_f64(text), None, "{text:?}");
    }
}

#[test]
fn short_decimals_read_as_the_general_parser_reads_them() {
    // Every split of many digit strings around the exactness limits (2^53,
    // 19 digits, 22 fraction digits), signed and not, with leading zeros.
    let mut bodies: Vec<String> = vec![
        "9007199254740992".into(),
        "9007199254740993".into(),
        "9007199254740991".into(),
        "1234567890123456789".into(),
        "0000000000000000001".into(),
        "00000000000000000001".into(),
        "99999".into(),
        "26622".into(),
        "1".into(),
        "0".into(),
        "1000000000000000000000003".into(),
    ];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = 1 + (x % 20) as usize;
        bodies.push(format!("{x:020}")[20 - len..].to_string());
    }
    for body in &bodies {
        for point in 0..=body.len() {
            for sign in ["", "-", "+"] {
                let text = format!("{sign}{}.{}", &body[..point], &body[point..]);
                let want = text.parse::<f64>().ok().map(f64::to_bits);
                assert_eq!(parse_f64(&text).map(f64::to_bits), want, "{text}");
                if point == body.len() {
                    let text = format!("{sign}{body}");
                    let want = text.parse::<f64>().ok().map(f64::to_bits);
                    assert_eq!(parse_f64(&text).map(f64::to_bits), want, "{text}");
                }
            }
        }
    }
}

#[test]
fn integers_are_written_in_plain_decimal_to_both_ends_of_their_range() {
    let written = |write: &dyn Fn(&mut Vec<u8>)| {
        let mut out = b"x".to_vec();
        write(&mut out);
        String::from_utf8(out).unwrap()
    };
    assert_eq!(written(&|o| write_u64(o, 0)), "x0");
    assert_eq!(written(&|o| write_u64(o, 10)), "x10");
    assert_eq!(
        written(&|o| write_u64(o, u64::MAX)),
        "x18446744073709551615"
    );
    assert_eq!(written(&|o| write_i64(o, -1)), "x-1");
    assert_eq!(
        written(&|o| write_i64(o, i64::MIN)),
        "x-9223372036854775808"
    );
    assert_eq!(written(&|o| write_i64(o, i64::MAX)), "x9223372036854775807");
}
