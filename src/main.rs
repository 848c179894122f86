//! `evovoice-codec`: converts Evo Voice DTOs between ServiceStack's wire
//! formats.
//!
//! Exit status:
//!
//! - 0: success. Also when standard output is a pipe whose reader has gone
//!   (`| head`): the tool stops writing and ends quietly, as other Unix
//!   tools do.
//! - 1: the input is bad; one line on standard error says what, where and
//!   in which member.
//! - 2: a usage error (including a `--depth-limit` above [`MAX_DEPTH_LIMIT`])
//!   or a format this build cannot do.
//! - 3: the input could not be read or the output could not be written; one
//!   line on standard error (`evovoice-codec: cannot write output: …`).
//!
//! A standard error that cannot be written to loses the message but never
//! changes the exit status (nothing here uses `eprintln!`, which panics).
//!
//! Every conversion runs on a thread whose stack is sized for the depth
//! limit ([`stack_size`]), so input nested as deep as the limit allows ends
//! in a value or an error, never a stack overflow.

use std::fmt;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::builder::RangedU64ValueParser;
use clap::{Parser, Subcommand, ValueEnum};
use evovoice_codec::{convert, http, Category, DecodeOptions, DotNetStyle, EncodeOptions, Format};

/// The largest `--depth-limit` accepted: its stack ([`stack_size`]) is
/// under 1 GiB of address space in a release build, reserved but only
/// committed as deep input actually uses it.
const MAX_DEPTH_LIMIT: usize = 500_000;

/// Stack reserved per level of the depth limit. The deepest recursion per
/// level, measured by the depth at which a thread of a given stack
/// overflows (decode and encode, every format, `Struct` and `Value` chains,
/// skipped unknown members), is JSV decoding: 707 bytes a level in a
/// release build (CSV 699, JSON 627, XML 473; encoding at most 345), and
/// JSON decoding's 2,335 in a debug build. Each budget is 2.6 to 2.9 times
/// that, for other compilers and code changes.
const STACK_PER_LEVEL: usize = if cfg!(debug_assertions) {
    6 << 10
} else {
    2 << 10
};

/// Stack for everything that does not grow with depth (reading options,
/// formatting errors, the parsers' own frames), with room to spare.
const STACK_BASE: usize = 4 << 20;

/// The exit statuses, for `--help`.
const EXIT_STATUS: &str = "\
Exit status:
  0  success (also when standard output is a closed pipe: the tool stops quietly)
  1  bad input: one line on standard error says what, where and in which member
  2  usage error (including a --depth-limit above 500000), or a format this build cannot do
  3  the input could not be read or the output could not be written";

#[derive(Parser)]
#[command(
    name = "evovoice-codec",
    version,
    about = "Convert Evo Voice DTOs between ServiceStack wire formats",
    after_help = EXIT_STATUS
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode FILE (or standard input) and write it in another format.
    #[command(after_help = EXIT_STATUS)]
    Convert {
        /// The DTO's C# name, e.g. CustomerInfo, Struct, ListResponse<CustomerInfo>.
        #[arg(long = "type")]
        type_name: String,
        /// The input format.
        #[arg(long)]
        from: FormatArg,
        /// The output format.
        #[arg(long)]
        to: FormatArg,
        /// Print numbers as this .NET runtime does.
        #[arg(long, default_value = "core")]
        dotnet: DotNetArg,
        /// Indent the output (formats with a pretty layout).
        #[arg(long)]
        pretty: bool,
        /// Reject unknown members instead of skipping them.
        #[arg(long)]
        strict: bool,
        /// Maximum nesting depth on decode and encode, at most 500000 (the
        /// deepest the tool sizes its stack for).
        #[arg(
            long,
            default_value_t = evovoice_codec::DEFAULT_DEPTH_LIMIT,
            value_parser = RangedU64ValueParser::<usize>::new().range(0..=MAX_DEPTH_LIMIT as u64)
        )]
        depth_limit: usize,
        /// The input file; standard input when absent.
        file: Option<std::path::PathBuf>,
    },
    /// List the type names `convert --type` accepts.
    Types,
    /// Print the path and query string a ServiceStack C# client sends for
    /// the request DTO in FILE (or standard input).
    #[command(after_help = EXIT_STATUS)]
    Url {
        /// The operation's request DTO: ListCustomers, NewCustomer or PatchCustomer.
        #[arg(long = "type")]
        type_name: String,
        /// The input format.
        #[arg(long, default_value = "json")]
        from: FormatArg,
        /// Print numbers as this .NET runtime does.
        #[arg(long, default_value = "core")]
        dotnet: DotNetArg,
        /// The input file; standard input when absent.
        file: Option<std::path::PathBuf>,
    },
    /// Print the request DTO a ServiceStack server binds from a request
    /// (exit 0), or the error body it answers with (exit 1).
    #[command(after_help = EXIT_STATUS)]
    Bind {
        /// The operation's request DTO: ListCustomers, NewCustomer or PatchCustomer.
        #[arg(long = "type")]
        type_name: String,
        /// The request's method (GET, POST, PATCH, ...).
        #[arg(long)]
        method: String,
        /// The request's path and query string, `/customers?page=2`.
        #[arg(long)]
        url: String,
        /// The body's Content-Type.
        #[arg(long, requires = "body")]
        content_type: Option<String>,
        /// A file holding the request body.
        #[arg(long)]
        body: Option<std::path::PathBuf>,
        /// The format to print the DTO or the error body in.
        #[arg(long, default_value = "json")]
        to: FormatArg,
        /// Print numbers as this .NET runtime does.
        #[arg(long, default_value = "core")]
        dotnet: DotNetArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Jsv,
    Xml,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Jsv => Format::Jsv,
            FormatArg::Xml => Format::Xml,
            FormatArg::Csv => Format::Csv,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DotNetArg {
    Core,
    Framework,
}

impl From<DotNetArg> for DotNetStyle {
    fn from(d: DotNetArg) -> DotNetStyle {
        match d {
            DotNetArg::Core => DotNetStyle::Core,
            DotNetArg::Framework => DotNetStyle::Framework,
        }
    }
}

const BAD_INPUT: u8 = 1;
const USAGE: u8 = 2;
const IO_FAILURE: u8 = 3;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match cli.command {
        Command::Types => {
            let mut out = io::stdout().lock();
            let written = convert::TYPE_NAMES
                .iter()
                .try_for_each(|name| writeln!(out, "{name}"))
                .and_then(|()| out.flush());
            output_status(written)
        }
        Command::Url {
            type_name,
            from,
            dotnet,
            file,
        } => {
            let input = match read_input_or_report(file.as_deref()) {
                Ok(bytes) => bytes,
                Err(status) => return status,
            };
            let encode = EncodeOptions::new().dotnet(dotnet.into());
            let url = on_sized_stack(evovoice_codec::DEFAULT_DEPTH_LIMIT, || {
                http::url_of_named(
                    &type_name,
                    from.into(),
                    &input,
                    &DecodeOptions::new(),
                    &encode,
                )
            });
            finish(url.map(|r| r.map(String::into_bytes)), || {
                stack_size(evovoice_codec::DEFAULT_DEPTH_LIMIT)
            })
        }
        Command::Bind {
            type_name,
            method,
            url,
            content_type,
            body,
            to,
            dotnet,
        } => {
            let method: http::Method = match method.parse() {
                Ok(m) => m,
                Err(e) => {
                    report(format_args!("{e}"));
                    return ExitCode::from(USAGE);
                }
            };
            let body = match &body {
                Some(path) => match read_input_or_report(Some(path)) {
                    Ok(bytes) => bytes,
                    Err(status) => return status,
                },
                None => Vec::new(),
            };
            let request = http::Incoming {
                method,
                url: &url,
                content_type: content_type.as_deref(),
                body: &body,
            };
            let encode = EncodeOptions::new().dotnet(dotnet.into());
            let bound = on_sized_stack(evovoice_codec::DEFAULT_DEPTH_LIMIT, || {
                http::bind_named(
                    &type_name,
                    &request,
                    &DecodeOptions::new(),
                    to.into(),
                    &encode,
                )
                .and_then(|bound| match bound {
                    Ok(bytes) => Ok(Ok(bytes)),
                    Err(e) => http::error_body(&e, to.into(), &encode).map(|b| Err((e, b))),
                })
            });
            match bound {
                Ok(Ok(Err((e, error_body)))) => {
                    report(format_args!("cannot bind the request: {e}"));
                    let mut out = io::stdout().lock();
                    match output_status(out.write_all(&error_body).and_then(|()| out.flush())) {
                        status if status == ExitCode::SUCCESS => ExitCode::from(BAD_INPUT),
                        status => status,
                    }
                }
                Ok(Ok(Ok(bytes))) => finish(Ok(Ok(bytes)), || 0),
                Ok(Err(e)) => finish(Ok(Err(e)), || 0),
                Err(e) => finish(Err(e), || stack_size(evovoice_codec::DEFAULT_DEPTH_LIMIT)),
            }
        }
        Command::Convert {
            type_name,
            from,
            to,
            dotnet,
            pretty,
            strict,
            depth_limit,
            file,
        } => {
            let input = match read_input_or_report(file.as_deref()) {
                Ok(bytes) => bytes,
                Err(status) => return status,
            };
            let encode = EncodeOptions::new()
                .dotnet(dotnet.into())
                .pretty(pretty)
                .depth_limit(depth_limit);
            let decode = DecodeOptions::new().strict(strict).depth_limit(depth_limit);
            let converted = on_sized_stack(depth_limit, || {
                convert::convert(&type_name, from.into(), to.into(), &input, &decode, &encode)
            });
            finish(converted, || stack_size(depth_limit))
        }
    }
}

/// Writes what a command made, or reports why it made nothing, and gives
/// the exit status.
fn finish(
    made: io::Result<evovoice_codec::Result<Vec<u8>>>,
    stack: impl FnOnce() -> usize,
) -> ExitCode {
    match made {
        Err(e) => {
            report(format_args!(
                "cannot reserve {} MiB of stack (try a lower --depth-limit): {e}",
                stack() >> 20
            ));
            ExitCode::from(USAGE)
        }
        Ok(Ok(bytes)) => {
            let mut out = io::stdout().lock();
            output_status(out.write_all(&bytes).and_then(|()| out.flush()))
        }
        Ok(Err(e)) => {
            report(format_args!("{e}"));
            if e.category() == Category::Unsupported && e.position().is_none() {
                ExitCode::from(USAGE)
            } else {
                ExitCode::from(BAD_INPUT)
            }
        }
    }
}

/// The input, or the exit status after saying why it cannot be read.
fn read_input_or_report(file: Option<&std::path::Path>) -> Result<Vec<u8>, ExitCode> {
    read_input(file).map_err(|e| {
        match file {
            Some(path) => report(format_args!("cannot read input {path:?}: {e}")),
            None => report(format_args!("cannot read input: {e}")),
        }
        ExitCode::from(IO_FAILURE)
    })
}

/// The stack a conversion with `depth_limit` gets: enough for the deepest
/// recursion any format reaches at that depth (see [`STACK_PER_LEVEL`]).
fn stack_size(depth_limit: usize) -> usize {
    STACK_BASE + depth_limit * STACK_PER_LEVEL
}

/// Runs `f` on a thread with [`stack_size`]`(depth_limit)` of stack. The
/// main thread's stack is whatever the system gave it (often 8 MiB, less
/// under some limits), too little for a large limit; a thread's is asked
/// for, and only the pages the recursion touches are ever committed.
fn on_sized_stack<T: Send>(depth_limit: usize, f: impl FnOnce() -> T + Send) -> io::Result<T> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("convert".into())
            .stack_size(stack_size(depth_limit))
            .spawn_scoped(scope, f)?;
        // A panic was already reported by the panic hook; end as it would
        // have on the main thread.
        Ok(worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// The exit status after writing standard output: a reader that has gone
/// away (a closed pipe) is a quiet success, any other failure a message and
/// status 3.
fn output_status(written: io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(format_args!("cannot write output: {e}"));
            ExitCode::from(IO_FAILURE)
        }
    }
}

/// Prints clap's help, version or usage error. Help and version go to
/// standard output and are output like any other; a usage error goes to
/// standard error and is status 2 whether or not that could be written.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let printed = e.print();
    if e.use_stderr() {
        return ExitCode::from(USAGE);
    }
    output_status(printed.and_then(|()| io::stdout().flush()))
}

/// One line on standard error, `evovoice-codec: ` first. A standard error
/// that cannot be written to (closed, full) loses the line: there is
/// nowhere else to say it, and the exit status still tells.
fn report(message: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "evovoice-codec: {message}");
}

fn read_input(file: Option<&std::path::Path>) -> io::Result<Vec<u8>> {
    match file {
        Some(path) => std::fs::read(path),
        None => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
    }
}
