//! The command-line tool: exact bytes on stdout, exit codes, one-line errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evovoice-codec"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn vector(case: &str, file: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/vectors/{case}/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn converts_a_file_byte_for_byte() {
    let path = format!(
        "{}/tests/vectors/hand-seed-sample-customerinfo/servicestack.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = run(
        &[
            "convert",
            "--type",
            "CustomerInfo",
            "--from",
            "json",
            "--to",
            "json",
            &path,
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.stdout,
        vector("hand-seed-sample-customerinfo", "servicestack.json")
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn reads_standard_input_and_honours_dotnet_style() {
    let input = vector("hand-double-one-third", "input.json");
    let framework = run(
        &[
            "convert",
            "--type",
            "Struct",
            "--from",
            "json",
            "--to",
            "json",
            "--dotnet",
            "framework",
        ],
        &input,
    );
    assert_eq!(framework.status.code(), Some(0));
    assert_eq!(
        framework.stdout,
        vector("hand-double-one-third", "servicestack.json")
    );
    let core = run(
        &[
            "convert", "--type", "Struct", "--from", "json", "--to", "json",
        ],
        &input,
    );
    assert!(String::from_utf8_lossy(&core.stdout).contains("0.3333333333333333"));
}

#[test]
fn bad_input_exits_1_with_one_line_saying_where_and_which_member() {
    let out = run(
        &[
            "convert", "--type", "Schedule", "--from", "json", "--to", "json",
        ],
        br#"{"rules":[{"byDay":[{"dayOfWeek":"Funday"}]}]}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("line 1 column"), "{err}");
    assert!(err.contains("rules[0].byDay[0].dayOfWeek"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_and_unknown_types_exit_2() {
    assert_eq!(
        run(&["convert", "--type", "CustomerInfo"], b"")
            .status
            .code(),
        Some(2)
    );
    let out = run(
        &[
            "convert", "--type", "Nope", "--from", "json", "--to", "json",
        ],
        b"{}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown type `Nope`"));
}

#[test]
fn types_lists_the_names_convert_accepts() {
    let out = run(&["types"], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for name in [
        "CustomerInfo",
        "ListResponse<CustomerInfo>",
        "List<CustomerInfo>",
        "Struct",
        "Schedule",
    ] {
        assert!(
            text.lines().any(|l| l == name),
            "{name} missing from {text}"
        );
    }
}
