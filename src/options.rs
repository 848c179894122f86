//! Options shared by every format's encoder and decoder.

use crate::context::{SessionOptions, DEFAULT_DEPTH_LIMIT};
pub use crate::number::DotNetStyle;

/// How to encode.
///
/// ```
/// use evovoice_codec::{DotNetStyle, EncodeOptions};
/// let options = EncodeOptions::new().dotnet(DotNetStyle::Framework).depth_limit(256);
/// assert_eq!(options.dotnet_style(), DotNetStyle::Framework);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodeOptions {
    dotnet: DotNetStyle,
    depth_limit: Option<usize>,
    pretty: bool,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        EncodeOptions {
            dotnet: DotNetStyle::Core,
            depth_limit: Some(DEFAULT_DEPTH_LIMIT),
            pretty: false,
        }
    }
}

impl EncodeOptions {
    /// The defaults: .NET Core number style, depth limit 128, compact output.
    pub fn new() -> Self {
        Self::default()
    }

    /// Prints numbers as this .NET runtime does.
    pub fn dotnet(mut self, style: DotNetStyle) -> Self {
        self.dotnet = style;
        self
    }

    /// Fails with a depth error on values nested deeper than `limit`
    /// containers (objects, maps, lists; the root is depth 1).
    ///
    /// Every format counts the same levels, so a value that encodes under a
    /// limit in one format encodes under it in all, and decodes under it:
    /// a list at the root (`List<CustomerInfo>`, `Vec<CustomerInfo>`) is
    /// depth 1 and its items depth 2. Scalars, and the CSV and XML
    /// envelopes around a value (rows, cells, elements), are not levels.
    pub fn depth_limit(mut self, limit: usize) -> Self {
        self.depth_limit = Some(limit);
        self
    }

    /// Turns the depth check off. Encoding a value nested deeply enough can
    /// then overflow the stack.
    pub fn unbounded_depth(mut self) -> Self {
        self.depth_limit = None;
        self
    }

    /// Indented output, where the format has a pretty layout.
    pub fn pretty(mut self, pretty: bool) -> Self {
        self.pretty = pretty;
        self
    }

    /// The number style.
    pub fn dotnet_style(&self) -> DotNetStyle {
        self.dotnet
    }

    /// The depth limit (`None`: unbounded).
    pub fn depth(&self) -> Option<usize> {
        self.depth_limit
    }

    /// Whether output is indented.
    pub fn is_pretty(&self) -> bool {
        self.pretty
    }

    pub(crate) fn session(&self) -> SessionOptions {
        SessionOptions {
            depth_limit: self.depth_limit,
            strict: false,
            keep_null_entries: false,
        }
    }
}

/// How to decode.
///
/// ```
/// use evovoice_codec::DecodeOptions;
/// let options = DecodeOptions::new().strict(true).depth_limit(64);
/// assert!(options.is_strict());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    depth_limit: Option<usize>,
    strict: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            depth_limit: Some(DEFAULT_DEPTH_LIMIT),
            strict: false,
        }
    }
}

impl DecodeOptions {
    /// The defaults: lenient (unknown members skipped), depth limit 128.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rejects unknown members instead of skipping them.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Fails with a depth error on input nested deeper than `limit`
    /// containers (the root is depth 1; a list at the root counts, as on
    /// encode: see [`EncodeOptions::depth_limit`]).
    pub fn depth_limit(mut self, limit: usize) -> Self {
        self.depth_limit = Some(limit);
        self
    }

    /// Turns the depth check off. Deeply nested input can then overflow the
    /// stack: use only on trusted input.
    pub fn unbounded_depth(mut self) -> Self {
        self.depth_limit = None;
        self
    }

    /// Whether unknown members are rejected.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The depth limit (`None`: unbounded).
    pub fn depth(&self) -> Option<usize> {
        self.depth_limit
    }

    pub(crate) fn session(&self) -> SessionOptions {
        SessionOptions {
            depth_limit: self.depth_limit,
            strict: self.strict,
            keep_null_entries: false,
        }
    }
}
