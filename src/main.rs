//! `evovoice-codec`: converts Evo Voice DTOs between ServiceStack's wire
//! formats.
//!
//! Exit status: 0 on success; 1 when the input is bad (one line on standard
//! error says what, where and in which member); 2 for a usage error or a
//! format this build cannot do.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use evovoice_codec::{convert, Category, DecodeOptions, DotNetStyle, EncodeOptions, Format};

#[derive(Parser)]
#[command(
    name = "evovoice-codec",
    version,
    about = "Convert Evo Voice DTOs between ServiceStack wire formats"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode FILE (or standard input) and write it in another format.
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
        /// Maximum nesting depth on decode and encode.
        #[arg(long, default_value_t = evovoice_codec::DEFAULT_DEPTH_LIMIT)]
        depth_limit: usize,
        /// The input file; standard input when absent.
        file: Option<std::path::PathBuf>,
    },
    /// List the type names `convert --type` accepts.
    Types,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Types => {
            let mut out = std::io::stdout().lock();
            for name in convert::TYPE_NAMES {
                if writeln!(out, "{name}").is_err() {
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
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
            let input = match read_input(file.as_deref()) {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("evovoice-codec: cannot read input: {e}");
                    return ExitCode::from(1);
                }
            };
            let style = match dotnet {
                DotNetArg::Core => DotNetStyle::Core,
                DotNetArg::Framework => DotNetStyle::Framework,
            };
            let encode = EncodeOptions::new()
                .dotnet(style)
                .pretty(pretty)
                .depth_limit(depth_limit);
            let decode = DecodeOptions::new().strict(strict).depth_limit(depth_limit);
            match convert::convert(&type_name, from.into(), to.into(), &input, &decode, &encode) {
                Ok(bytes) => {
                    let mut out = std::io::stdout().lock();
                    if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                        return ExitCode::from(1);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("evovoice-codec: {e}");
                    if e.category() == Category::Unsupported && e.position().is_none() {
                        ExitCode::from(2)
                    } else {
                        ExitCode::from(1)
                    }
                }
            }
        }
    }
}

fn read_input(file: Option<&std::path::Path>) -> std::io::Result<Vec<u8>> {
    match file {
        Some(path) => std::fs::read(path),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
    }
}
