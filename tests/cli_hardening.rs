//! The tool under hostile conditions (issue 15): a huge `--depth-limit` on
//! deep input, and standard streams that fail. Whatever happens, the tool
//! ends with an exit status of its own, never by a signal or a panic.

use std::fs::File;
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_evovoice-codec");

/// Runs the tool on `stdin` with the given standard output and error
/// (`None`: captured).
fn run_with(args: &[&str], stdin: &[u8], stdout: Option<Stdio>, stderr: Option<Stdio>) -> Output {
    let mut child: Child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout.unwrap_or_else(Stdio::piped))
        .stderr(stderr.unwrap_or_else(Stdio::piped))
        .spawn()
        .expect("the binary runs");
    // The tool may stop before reading (a usage error): a write that fails
    // then is no failure of the test.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_with(args, stdin, None, None)
}

fn dev_full() -> Stdio {
    Stdio::from(
        File::options()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full (Linux)"),
    )
}

/// The write end of a pipe whose reader has already exited, so that every
/// write to it fails with a broken pipe, however early the tool writes.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true")
        .stdin(Stdio::piped())
        .spawn()
        .expect("`true` runs");
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(write_end)
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exited by itself (no signal) with `code`, and said nothing of a panic or
/// an overflow.
fn assert_exit(out: &Output, code: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: {:?}, stderr: {}",
        out.status,
        stderr_of(out)
    );
    let err = stderr_of(out);
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{what}: {err}"
    );
}

fn convert_args<'a>(ty: &'a str, fmt: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["convert", "--type", ty, "--from", fmt, "--to", fmt];
    args.extend_from_slice(extra);
    args
}

/// The 100,000-deep inputs of the issue and of
/// `shared/tools/check-bad-input`'s `deep_inputs()`, each of which reads
/// back exactly as written once the limit allows it. The XML one is only
/// checked for ending by itself: the XML decoder stops at 65,534 nested
/// elements whatever the limit, and this input nests 300,000.
fn deep_inputs() -> Vec<(&'static str, String, bool)> {
    let n = 100_000;
    let arr = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
    let flows = "http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data";
    let kv = "KeyValueOfstringValue8Ahp2kgT";
    let xml_open = format!("<{kv}><Key>k</Key><Value xmlns:d=\"{flows}\"><d:StructValue>");
    let xml_close = format!("</d:StructValue></Value></{kv}>");
    vec![
        (
            "json",
            format!(
                "{}{{}}{}",
                "{\"k\":{\"structValue\":".repeat(n),
                "}}".repeat(n)
            ),
            true,
        ),
        (
            "jsv",
            format!("{}{{}}{}", "{k:{structValue:".repeat(n), "}}".repeat(n)),
            true,
        ),
        (
            "xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><ArrayOf{kv} \
                 xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"{arr}\">{}{}</ArrayOf{kv}>",
                xml_open.repeat(n),
                xml_close.repeat(n)
            ),
            false,
        ),
        (
            "csv",
            format!(
                "Key,Value\r\n\"{{key:k,value:{}{{}}{}}}\"\r\n",
                "{structValue:{k:".repeat(n),
                "}}".repeat(n)
            ),
            true,
        ),
    ]
}

#[test]
fn depth_limit_is_capped_at_what_the_stack_allows_and_deep_input_never_overflows() {
    // The cap is documented where the option is.
    let help = run(&["convert", "--help"], b"");
    assert_exit(&help, 0, "convert --help");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("at most 500000"), "{help}");

    // Above the cap: a usage error that names the maximum.
    for limit in ["500001", "1000000", "18446744073709551615"] {
        let out = run(
            &convert_args("Struct", "json", &["--depth-limit", limit]),
            b"{}",
        );
        assert_exit(&out, 2, limit);
        assert!(stderr_of(&out).contains("500000"), "{}", stderr_of(&out));
        assert!(out.stdout.is_empty());
    }

    // Formats run one after another: the deep stacks are real memory.
    for (fmt, input, round_trips) in deep_inputs() {
        // The issue's reproduction (a signal, exit 134) is now refused.
        let refused = run(
            &convert_args("Struct", fmt, &["--depth-limit", "1000000"]),
            input.as_bytes(),
        );
        assert_exit(&refused, 2, fmt);

        // At the cap, 200,000 levels (a `Struct` and a `Value` each time
        // round) fit the stack.
        let out = run(
            &convert_args("Struct", fmt, &["--depth-limit", "500000"]),
            input.as_bytes(),
        );
        if round_trips {
            assert_exit(&out, 0, fmt);
            assert!(out.stdout == input.as_bytes(), "{fmt}: output differs");
        } else {
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{fmt}: {:?}, {}",
                out.status,
                stderr_of(&out)
            );
            assert!(!stderr_of(&out).contains("overflow"), "{}", stderr_of(&out));
        }
    }
}

#[test]
fn io_failures_get_an_exit_status_and_a_message_and_a_closed_pipe_ends_quietly() {
    let tag = br#"{"name":"vip"}"#;
    let tag_args = convert_args("Tag", "json", &[]);
    let cannot_write = "evovoice-codec: cannot write output: ";

    // A full standard output: status 3 and one line saying so.
    let out = run_with(&tag_args, tag, Some(dev_full()), None);
    assert_exit(&out, 3, "convert >/dev/full");
    let err = stderr_of(&out);
    assert!(err.starts_with(cannot_write), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let out = run_with(&["types"], b"", Some(dev_full()), None);
    assert_exit(&out, 3, "types >/dev/full");
    assert!(
        stderr_of(&out).starts_with(cannot_write),
        "{}",
        stderr_of(&out)
    );

    let out = run_with(&["--help"], b"", Some(dev_full()), None);
    assert_exit(&out, 3, "--help >/dev/full");

    // An unwritable standard error loses the message, not the status.
    let out = run_with(&tag_args, br#"{"name":"#, None, Some(dev_full()));
    assert_exit(&out, 1, "bad input 2>/dev/full");
    let out = run_with(&["convert", "--bogus"], b"", None, Some(dev_full()));
    assert_exit(&out, 2, "usage error 2>/dev/full");
    let out = run_with(&tag_args, tag, None, Some(dev_full()));
    assert_exit(&out, 0, "success 2>/dev/full");
    assert_eq!(out.stdout, br#"{"name":"vip","color":"Magenta"}"#);
    let out = run_with(&tag_args, tag, Some(dev_full()), Some(dev_full()));
    assert_exit(&out, 3, "both /dev/full");

    // Input that cannot be read: status 3, one line naming the file.
    let missing = "/nonexistent/evovoice-codec-input.json";
    let out = run(&convert_args("Tag", "json", &[missing]), b"");
    assert_exit(&out, 3, "missing file");
    let err = stderr_of(&out);
    assert!(
        err.starts_with("evovoice-codec: cannot read input") && err.contains(missing),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    // A reader that went away (`| head`): a quiet success. The output is
    // large, as a `| head` cut would be.
    let customers = format!(
        "[{}{{\"name\":\"last\"}}]",
        "{\"name\":\"Acme\",\"isStaging\":true},".repeat(20_000)
    );
    let out = run_with(
        &convert_args("List<CustomerInfo>", "json", &[]),
        customers.as_bytes(),
        Some(closed_pipe()),
        None,
    );
    assert_exit(&out, 0, "convert | (closed)");
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));

    let out = run_with(&["types"], b"", Some(closed_pipe()), None);
    assert_exit(&out, 0, "types | (closed)");
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
}

#[test]
fn an_error_deep_in_the_input_is_reported_on_one_short_line() {
    // 100,000 levels below the root, within a raised limit: the member path
    // has 200,000 segments, whose middle the message leaves out.
    let mut input = r#"{"k":{"structValue":"#.repeat(100_000);
    input.push_str(r#"{"k":{"numberValue":"not a number"}}"#);
    let out = run(
        &convert_args("Struct", "json", &["--depth-limit", "300000"]),
        input.as_bytes(),
    );
    assert_exit(&out, 1, "a bad number 100,000 levels down");
    let message = stderr_of(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.len() < 1_500, "{} bytes: {message}", message.len());
    assert!(message.contains("segments…]"), "{message}");
    assert!(
        message.trim_end().ends_with("structValue.k.numberValue`"),
        "{message}"
    );
}
