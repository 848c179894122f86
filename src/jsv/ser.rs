//! The JSV writer: a serde `Serializer` appending compact JSV to a `Vec<u8>`.

use serde::ser::{self, Serialize};

use super::key::KeySerializer;

use crate::context;
use crate::error::{Category, Error, Result};
use crate::model::field::NULL_STRING;
use crate::number::{self, write_i64, write_u64, DotNetStyle, NumberFormat};

/// Bytes that force a string (value or map key) into quotes, as
/// ServiceStack's `JsWriter` escape set: `"` `:` `,` `{` `}` `[` `]` CR LF.
static NEEDS_QUOTES: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\":,{}[]\r\n";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Writes `s` as a JSV string: bare unless it is empty or holds one of the
/// special bytes, then in quotes with `"` doubled.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        out.extend_from_slice(b"\"\"");
        return;
    }
    if !bytes.iter().any(|&b| NEEDS_QUOTES[b as usize]) {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            out.extend_from_slice(&bytes[start..=i]);
            out.push(b'"');
            start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Writes any `Serialize` value as compact JSV.
///
/// Null members and null map values are left out (ServiceStack omits them);
/// a null list item or top-level null is written `null`.
///
/// ```
/// use serde::Serialize;
/// use evovoice_codec::jsv::Serializer;
///
/// #[derive(Serialize)]
/// struct Point { x: i32, label: Option<String> }
///
/// let mut ser = Serializer::new(Vec::new());
/// Point { x: 3, label: None }.serialize(&mut ser)?;
/// assert_eq!(ser.into_inner(), b"{x:3}");
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub struct Serializer {
    out: Vec<u8>,
    style: DotNetStyle,
    depth: usize,
    limit: usize,
    /// Set by `serialize_none`, so that the enclosing struct or map can take
    /// back the key it already wrote.
    wrote_none: bool,
}

impl Serializer {
    /// A serializer appending to `out`, with .NET Core numbers and the
    /// default depth limit.
    pub fn new(out: Vec<u8>) -> Self {
        Self::with_options(out, &crate::EncodeOptions::default())
    }

    /// A serializer appending to `out` with the number style and depth limit
    /// of `options` (the pretty flag is applied by [`to_vec_with`](super::to_vec_with)).
    pub fn with_options(out: Vec<u8>, options: &crate::EncodeOptions) -> Self {
        Serializer {
            out,
            style: options.dotnet_style(),
            depth: 0,
            limit: options.depth().unwrap_or(usize::MAX),
            wrote_none: false,
        }
    }

    /// The bytes written so far.
    pub fn into_inner(self) -> Vec<u8> {
        self.out
    }

    // Our own count, besides the model's, so that types of other crates
    // cannot recurse without a bound either. Both count the same containers.
    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.limit {
            context::fail(Category::Depth);
            return Err(Error::depth(self.limit));
        }
        self.depth += 1;
        Ok(())
    }

    fn write_f64(&mut self, v: f64) -> Result<()> {
        if !v.is_finite() {
            context::fail(Category::Unsupported);
            return Err(Error::new(
                Category::Unsupported,
                format!("{v} cannot be written: only finite numbers are supported"),
            ));
        }
        number::write_f64(&mut self.out, v, self.style, NumberFormat::ToString);
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Map<'a>;
    type SerializeStruct = Map<'a>;
    type SerializeStructVariant = Map<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out
            .extend_from_slice(if v { b"True" } else { b"False" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        write_i64(&mut self.out, v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        write_i64(&mut self.out, v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        write_i64(&mut self.out, v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        write_i64(&mut self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.out.extend_from_slice(v.to_string().as_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        write_u64(&mut self.out, v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        write_u64(&mut self.out, v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        write_u64(&mut self.out, v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        write_u64(&mut self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.out.extend_from_slice(v.to_string().as_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.write_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.write_f64(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        write_str(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        write_str(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        self.wrote_none = true;
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        write_str(&mut self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if std::ptr::eq(name, NULL_STRING) || name == NULL_STRING {
            // ServiceStack writes a null string item as nothing: `[a,,b]`.
            return Ok(());
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.enter()?;
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.wrote_none = false;
        self.out.push(b'}');
        self.depth -= 1;
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>> {
        self.enter()?;
        self.out.push(b'[');
        Ok(Seq {
            ser: self,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a>> {
        self.enter()?;
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.extend_from_slice(b":[");
        self.enter()?;
        Ok(Seq {
            ser: self,
            first: true,
            variant: true,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a>> {
        self.enter()?;
        self.out.push(b'{');
        Ok(Map {
            ser: self,
            first: true,
            variant: false,
            entry_start: 0,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'a>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'a>> {
        self.enter()?;
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.extend_from_slice(b":{");
        self.enter()?;
        Ok(Map {
            ser: self,
            first: true,
            variant: true,
            entry_start: 0,
        })
    }
    fn is_human_readable(&self) -> bool {
        true
    }
}

/// Writing a list (or tuple) in progress.
#[doc(hidden)]
pub struct Seq<'a> {
    ser: &'a mut Serializer,
    first: bool,
    /// Also closes the `{variant:` wrapper of a tuple variant.
    variant: bool,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.ser.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut *self.ser)?;
        self.ser.wrote_none = false;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        self.ser.out.push(b']');
        self.ser.depth -= 1;
        if self.variant {
            self.ser.out.push(b'}');
            self.ser.depth -= 1;
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

/// Writing a map (or struct) in progress.
#[doc(hidden)]
pub struct Map<'a> {
    ser: &'a mut Serializer,
    first: bool,
    /// Also closes the `{variant:` wrapper of a struct variant.
    variant: bool,
    /// Where the current entry (its comma included) began, to take it back
    /// when the value turns out to be null.
    entry_start: usize,
}

impl Map<'_> {
    fn begin_entry(&mut self) {
        self.entry_start = self.ser.out.len();
        if !self.first {
            self.ser.out.push(b',');
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.out.push(b':');
        self.ser.wrote_none = false;
        value.serialize(&mut *self.ser)?;
        if self.ser.wrote_none {
            self.ser.wrote_none = false;
            self.ser.out.truncate(self.entry_start);
        } else {
            self.first = false;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        self.ser.out.push(b'}');
        self.ser.depth -= 1;
        if self.variant {
            self.ser.out.push(b'}');
            self.ser.depth -= 1;
        }
        Ok(())
    }
}

impl ser::SerializeMap for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.begin_entry();
        key.serialize(KeySerializer {
            out: &mut self.ser.out,
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.value(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStruct for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.begin_entry();
        // Property names are never quoted.
        self.ser.out.extend_from_slice(key.as_bytes());
        self.value(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_only_for_the_escape_set() {
        // FORMATS.md §2.4.
        for (input, expected) in [
            ("a,b", r#""a,b""#),
            ("a:b", r#""a:b""#),
            ("a{b", r#""a{b""#),
            ("a}b", r#""a}b""#),
            ("[1,2]", r#""[1,2]""#),
            ("x]", r#""x]""#),
            (r#"say "hi""#, r#""say ""hi""""#),
            ("\"", "\"\"\"\""),
            ("line1\r\nline2", "\"line1\r\nline2\""),
            ("cr\ronly", "\"cr\ronly\""),
            ("", "\"\""),
            (" lead", " lead"),
            ("trail ", "trail "),
            ("a\tb", "a\tb"),
            ("a|b", "a|b"),
            ("it's", "it's"),
            ("null", "null"),
            ("123", "123"),
            ("False", "False"),
            ("中文 😀", "中文 😀"),
        ] {
            assert_eq!(quoted(input), expected, "for {input:?}");
        }
    }

    #[test]
    fn integers_print_plainly() {
        let mut out = Vec::new();
        write_i64(&mut out, i64::MIN);
        out.push(b' ');
        write_i64(&mut out, 0);
        out.push(b' ');
        write_u64(&mut out, u64::MAX);
        assert_eq!(out, b"-9223372036854775808 0 18446744073709551615");
    }
}
