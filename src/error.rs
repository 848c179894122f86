//! The crate's one error type, shared by every format.
//!
//! An [`Error`] says what went wrong ([`Category`] and message), where in the
//! input ([`Position`]: byte offset and/or line/column, when the format knows
//! it) and in which member of the value ([`Path`], e.g.
//! `items[3].schedule.rules[0].byDay[1].dayOfWeek`).

use std::fmt::{self, Display};

/// What kind of failure an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// The input is not well-formed text of its format (a JSON/JSV/XML/CSV
    /// grammar error, truncated input, invalid UTF-8).
    Syntax,
    /// The input is well-formed but does not fit the target type (wrong type,
    /// unknown enum name, duplicate key, unknown member in strict mode), or a
    /// value cannot be written in the format.
    Data,
    /// Nesting deeper than the configured depth limit.
    Depth,
    /// Reading or writing the underlying stream failed.
    Io,
    /// The value or operation is not supported by the format (for example a
    /// non-finite number, or a type the format cannot carry).
    Unsupported,
}

impl Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Category::Syntax => "syntax error",
            Category::Data => "data error",
            Category::Depth => "depth limit exceeded",
            Category::Io => "I/O error",
            Category::Unsupported => "unsupported",
        })
    }
}

/// Where in the input an error was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Position {
    /// Zero-based byte offset into the input, when known.
    pub offset: Option<u64>,
    /// One-based line number (0 when unknown).
    pub line: u64,
    /// One-based column, counted in bytes (0 when unknown).
    pub column: u64,
}

impl Position {
    /// Computes line and column (one-based, in bytes) of `offset` in `input`.
    pub fn from_offset(input: &[u8], offset: usize) -> Position {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Position {
            offset: Some(offset as u64),
            line,
            column: (offset - line_start) as u64 + 1,
        }
    }

    /// Computes the byte offset of a one-based `line`/`column` (in bytes) in
    /// `input`, keeping line and column.
    pub fn from_line_column(input: &[u8], line: u64, column: u64) -> Position {
        let mut offset = None;
        if line >= 1 {
            let mut current = 1u64;
            let mut start = 0usize;
            for (i, &b) in input.iter().enumerate() {
                if current == line {
                    break;
                }
                if b == b'\n' {
                    current += 1;
                    start = i + 1;
                }
            }
            if current == line {
                let col = column.saturating_sub(1) as usize;
                offset = Some((start + col).min(input.len()) as u64);
            }
        }
        Position {
            offset,
            line,
            column,
        }
    }
}

impl Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.offset) {
            (0, Some(o)) => write!(f, "byte offset {o}"),
            (0, None) => f.write_str("unknown position"),
            (l, Some(o)) => write!(f, "line {l} column {} (byte offset {o})", self.column),
            (l, None) => write!(f, "line {l} column {}", self.column),
        }
    }
}

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A DTO member, by its camelCase wire name.
    Member(&'static str),
    /// A dictionary key (`Struct`, `EntityIntegrationData`).
    Key(String),
    /// A list index.
    Index(usize),
}

/// The member an error was found in, from the root value down.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// True when the error concerns the root value itself.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Segments of a long path shown at each end; the middle of a path nested
/// deeper (an error 300,000 levels down) is left out of its text.
const PATH_ENDS: usize = 16;

impl Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let segments = &self.0;
        if segments.len() <= 2 * PATH_ENDS {
            return write_segments(f, segments, true);
        }
        let (head, rest) = segments.split_at(PATH_ENDS);
        let (middle, tail) = rest.split_at(rest.len() - PATH_ENDS);
        write_segments(f, head, true)?;
        write!(f, "[…{} segments…]", middle.len())?;
        write_segments(f, tail, false)
    }
}

fn write_segments(
    f: &mut fmt::Formatter<'_>,
    segments: &[Segment],
    mut first: bool,
) -> fmt::Result {
    for segment in segments {
        match segment {
            Segment::Member(name) => {
                if !first {
                    f.write_str(".")?;
                }
                f.write_str(name)?;
            }
            Segment::Key(key) if key.chars().nth(EXCERPT_CHARS).is_some() => {
                write!(f, "[{}]", excerpt(key))?
            }
            Segment::Key(key) if is_plain_key(key) => {
                if !first {
                    f.write_str(".")?;
                }
                f.write_str(key)?;
            }
            Segment::Key(key) => write!(f, "[{key:?}]")?,
            Segment::Index(i) => write!(f, "[{i}]")?,
        }
        first = false;
    }
    Ok(())
}

/// The error of every encode and decode in this crate.
///
/// It is one pointer wide, so `Result<T, Error>` stays small on hot paths.
pub struct Error {
    inner: Box<ErrorImpl>,
}

#[derive(Debug)]
struct ErrorImpl {
    category: Category,
    message: String,
    position: Option<Position>,
    path: Path,
    source: Option<std::io::Error>,
}

impl Error {
    /// A new error of `category` with `message`, no position and no path.
    pub fn new(category: Category, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(ErrorImpl {
                category,
                message: one_line(message.into()),
                position: None,
                path: Path::default(),
                source: None,
            }),
        }
    }

    /// A syntax error at `position`.
    pub fn syntax(message: impl Into<String>, position: Position) -> Error {
        Error::new(Category::Syntax, message).with_position(position)
    }

    /// A data error (the input does not fit the target type).
    pub fn data(message: impl Into<String>) -> Error {
        Error::new(Category::Data, message)
    }

    /// The depth-limit error for `limit`.
    pub fn depth(limit: usize) -> Error {
        Error::new(Category::Depth, depth_message(limit))
    }

    /// An I/O error.
    pub fn io(error: std::io::Error) -> Error {
        let mut e = Error::new(Category::Io, error.to_string());
        e.inner.source = Some(error);
        e
    }

    /// Sets the position (replacing any earlier one).
    pub fn with_position(mut self, position: Position) -> Error {
        self.inner.position = Some(position);
        self
    }

    /// Sets the member path (replacing any earlier one).
    pub fn with_path(mut self, path: Path) -> Error {
        self.inner.path = path;
        self
    }

    /// Changes the category.
    pub fn with_category(mut self, category: Category) -> Error {
        self.inner.category = category;
        self
    }

    /// What kind of failure this is.
    pub fn category(&self) -> Category {
        self.inner.category
    }

    /// The message alone, without position or path.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where in the input, when known.
    pub fn position(&self) -> Option<Position> {
        self.inner.position
    }

    /// One-based line, when known.
    pub fn line(&self) -> Option<u64> {
        self.inner.position.filter(|p| p.line > 0).map(|p| p.line)
    }

    /// One-based column, when known.
    pub fn column(&self) -> Option<u64> {
        self.inner.position.filter(|p| p.line > 0).map(|p| p.column)
    }

    /// Zero-based byte offset, when known.
    pub fn offset(&self) -> Option<u64> {
        self.inner.position.and_then(|p| p.offset)
    }

    /// The member the error concerns (empty for the root).
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// True for a syntax error, including truncated input.
    pub fn is_syntax(&self) -> bool {
        self.inner.category == Category::Syntax
    }

    /// True for a data error.
    pub fn is_data(&self) -> bool {
        self.inner.category == Category::Data
    }

    /// True for a depth-limit error.
    pub fn is_depth(&self) -> bool {
        self.inner.category == Category::Depth
    }

    /// True for an I/O error.
    pub fn is_io(&self) -> bool {
        self.inner.category == Category::Io
    }
}

/// The longest message an [`Error`] keeps, in bytes; a longer one (say, one
/// that quotes a huge token through another crate's words) keeps its start
/// and end around a note of how much was left out.
const MAX_MESSAGE: usize = 1024;

/// Characters of input quoted by [`excerpt`].
const EXCERPT_CHARS: usize = 40;

/// `message` on one line and at most about [`MAX_MESSAGE`] bytes long:
/// control characters are escaped as Rust writes them (`\n`, `\u{1b}`),
/// and the middle of an overlong message is left out. Errors go to logs and
/// terminals; an input's newline or megabyte must not go with them.
fn one_line(message: String) -> String {
    let clean = message.len() <= MAX_MESSAGE && !message.chars().any(char::is_control);
    if clean {
        return message;
    }
    let mut escaped = String::with_capacity(message.len().min(MAX_MESSAGE) + 16);
    for c in message.chars() {
        if c.is_control() {
            escaped.extend(c.escape_debug());
        } else {
            escaped.push(c);
        }
    }
    if escaped.len() <= MAX_MESSAGE {
        return escaped;
    }
    let head = floor_char_boundary(&escaped, MAX_MESSAGE * 3 / 4);
    let tail = ceil_char_boundary(&escaped, escaped.len() - MAX_MESSAGE / 4);
    format!(
        "{} […{} bytes left out…] {}",
        &escaped[..head],
        tail - head,
        &escaped[tail..]
    )
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A short, escaped quotation of input text for an error message: at most
/// 40 characters between backticks, control characters escaped, and the
/// text's length in bytes when it was cut (`` `abc…` (4000000 bytes) ``).
/// Every message that quotes input quotes it through this.
pub fn excerpt(text: &str) -> Excerpt<'_> {
    Excerpt(text)
}

/// See [`excerpt`].
pub struct Excerpt<'a>(&'a str);

impl Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`")?;
        let mut chars = self.0.chars();
        for c in chars.by_ref().take(EXCERPT_CHARS) {
            if c.is_control() {
                write!(f, "{}", c.escape_debug())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        if chars.next().is_some() {
            write!(f, "…` ({} bytes)", self.0.len())
        } else {
            f.write_str("`")
        }
    }
}

pub(crate) fn depth_message(limit: usize) -> String {
    format!("nesting deeper than the depth limit of {limit}")
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.inner.category, self.inner.message)?;
        if let Some(p) = &self.inner.position {
            write!(f, " at {p}")?;
        }
        if !self.inner.path.is_empty() {
            write!(f, " in member `{}`", self.inner.path)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("category", &self.inner.category)
            .field("message", &self.inner.message)
            .field("position", &self.inner.position)
            .field("path", &self.inner.path.to_string())
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::io(e)
    }
}

impl serde::ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error::data(msg.to_string())
    }
}

impl serde::de::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error::data(msg.to_string())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_renders_like_a_rust_expression() {
        let p = Path(vec![
            Segment::Member("items"),
            Segment::Index(3),
            Segment::Member("schedule"),
            Segment::Member("rules"),
            Segment::Index(0),
            Segment::Member("byDay"),
            Segment::Index(1),
            Segment::Member("dayOfWeek"),
        ]);
        assert_eq!(
            p.to_string(),
            "items[3].schedule.rules[0].byDay[1].dayOfWeek"
        );
        let q = Path(vec![
            Segment::Member("data"),
            Segment::Key("a b".into()),
            Segment::Member("structValue"),
            Segment::Key("k".into()),
        ]);
        assert_eq!(q.to_string(), "data[\"a b\"].structValue.k");
    }

    #[test]
    fn position_from_offset_counts_lines_and_bytes() {
        let input = b"ab\ncd\nef";
        let p = Position::from_offset(input, 4);
        assert_eq!((p.line, p.column, p.offset), (2, 2, Some(4)));
        let q = Position::from_line_column(input, 3, 2);
        assert_eq!(q.offset, Some(7));
    }

    #[test]
    fn messages_stay_on_one_line_and_short() {
        let e = Error::data(format!("found `{}`\nthen `{}`", "x".repeat(4_000_000), "y"));
        let text = e.to_string();
        assert!(!text.contains('\n'), "{text}");
        assert!(text.len() < 2 * MAX_MESSAGE, "{} bytes", text.len());
        assert!(text.starts_with("data error: found `xxx"), "{text}");
        assert!(text.ends_with("then `y`"), "{text}");
        assert!(text.contains("bytes left out"), "{text}");
        let short = Error::data("a\tb\u{1b}c").to_string();
        assert_eq!(short, "data error: a\\tb\\u{1b}c");
    }

    #[test]
    fn excerpts_are_short_and_escaped() {
        assert_eq!(excerpt("a\nb").to_string(), "`a\\nb`");
        let long = "é".repeat(100);
        assert_eq!(
            excerpt(&long).to_string(),
            format!("`{}…` (200 bytes)", "é".repeat(40))
        );
        let deep = Path(
            (0..100_000)
                .flat_map(|_| [Segment::Key("k".into()), Segment::Member("structValue")])
                .collect(),
        );
        let text = deep.to_string();
        assert!(text.len() < 400, "{text}");
        assert!(
            text.starts_with("k.structValue.k.structValue")
                && text.contains("[…199968 segments…].k.structValue"),
            "{text}"
        );
        assert!(text.ends_with(".k.structValue"), "{text}");
        let key = Path(vec![Segment::Key("k\n".repeat(30))]);
        assert_eq!(
            key.to_string(),
            format!("[`{}…` (60 bytes)]", "k\\n".repeat(20))
        );
    }

    #[test]
    fn display_names_category_position_and_path() {
        let e = Error::data("expected an integer")
            .with_position(Position {
                offset: Some(10),
                line: 1,
                column: 11,
            })
            .with_path(Path(vec![Segment::Member("priority")]));
        assert_eq!(
            e.to_string(),
            "data error: expected an integer at line 1 column 11 (byte offset 10) in member `priority`"
        );
    }
}
