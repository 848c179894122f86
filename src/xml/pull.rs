//! The direct path: the decoder as the model's [`Pull`] reader, which fills
//! model types element by element without serde's visitors (the serde
//! layer in `de.rs` remains for types the model does not describe), and the
//! dictionary entry protocol both paths share.

use super::contract::ClassContract;
use super::de::{trim_xml_space, Deserializer, Element};
use super::events::{Content, Source};
use crate::context;
use crate::error::{excerpt, Category, Error, Result};
use crate::model::{same_text, Field, Pull, TypeInfo};

/// True when an entry's child `name` is `part` (`Key` or `Value`): as
/// DataContractSerializer writes it first, then in any case.
#[inline]
fn is_part(name: &[u8], part: &str) -> bool {
    same_text(name, part.as_bytes()) || name.eq_ignore_ascii_case(part.as_bytes())
}

/// A class being read on the direct path.
pub struct ClassMembers {
    class: Option<&'static ClassContract>,
    /// Where in XML order the next member probably is.
    cursor: usize,
}

impl<R: Source> Deserializer<R> {
    /// [`Deserializer::next_child`] after a value's text was read in place
    /// (`Pull::text` leaves it in `text`, where white space between
    /// elements would be added to it).
    fn next_child_after_text(&mut self) -> Result<Option<bool>> {
        self.text.clear();
        self.next_child()
    }

    /// Moves to the next child of the current dictionary entry, which must
    /// be one of `wants` (`Key`, `Value`, in any case): the first exactly
    /// as DataContractSerializer writes it is settled by one comparison.
    #[inline]
    fn entry_part(&mut self, wants: &[&str]) -> Result<bool> {
        match self.next_child_after_text()? {
            Some(nil) if same_text(self.name(), wants[0].as_bytes()) => Ok(nil),
            next => self.entry_part_other(next, wants),
        }
    }

    /// [`Deserializer::entry_part`] for a part in another case or order,
    /// or none.
    #[inline(never)]
    fn entry_part_other(&mut self, next: Option<bool>, wants: &[&str]) -> Result<bool> {
        match next {
            Some(nil) if wants.iter().any(|w| is_part(self.name(), w)) => Ok(nil),
            Some(_) => Err(self.not_a_part(wants)),
            None => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "a dictionary entry has no `{}`",
                    wants[0]
                )))
            }
        }
    }

    #[cold]
    fn not_a_part(&self, wants: &[&str]) -> Error {
        context::fail(Category::Data);
        Error::data(format!(
            "expected `{}` in a dictionary entry, found {}",
            wants.join("` or `"),
            excerpt(&String::from_utf8_lossy(self.name()))
        ))
    }

    /// Moves to the `Key` of the next `KeyValueOf…` entry (whether it is
    /// nil); `None` at the dictionary's end.
    pub(super) fn entry_key(&mut self) -> Result<Option<bool>> {
        if self.next_child()?.is_none() {
            return Ok(None);
        }
        let mut nil = self.entry_part(&["Key", "Value"])?;
        if !is_part(self.name(), "Key") {
            // Another producer's order: the value waits, as events, until
            // its key has been read (the model inserts key, then value).
            let events = self.record_rest()?;
            self.early = Some((nil, events));
            nil = self.entry_part(&["Key"])?;
        }
        Ok(Some(nil))
    }

    /// Moves to the current entry's `Value` (whether it is nil), replaying
    /// it when it came before the key.
    pub(super) fn entry_value_start(&mut self) -> Result<bool> {
        match self.early.take() {
            Some((nil, events)) => {
                self.replay(nil, events);
                Ok(nil)
            }
            None => self.entry_part(&["Value"]),
        }
    }

    /// Reads the entry's end tag. A second `Key` or `Value` is an error
    /// (which of two values, or of two keys, would be meant?), as a
    /// duplicate key is; any other element is skipped, or refused in
    /// strict mode, as an unknown member is.
    pub(super) fn entry_rest(&mut self) -> Result<()> {
        while self.next_child_after_text()?.is_some() {
            self.entry_extra()?;
        }
        Ok(())
    }

    /// [`Deserializer::entry_rest`] of an element after the entry's `Key`
    /// and `Value`.
    #[cold]
    #[inline(never)]
    fn entry_extra(&mut self) -> Result<()> {
        let name = self.name();
        let message = if is_part(name, "Key") || is_part(name, "Value") {
            format!(
                "a dictionary entry with a second {}",
                excerpt(&String::from_utf8_lossy(name))
            )
        } else if self.strict {
            format!(
                "unknown element {} in a dictionary entry",
                excerpt(&String::from_utf8_lossy(name))
            )
        } else {
            return self.skip_rest();
        };
        context::fail(Category::Data);
        Err(Error::data(message))
    }
}

impl<R: Source> Pull for Deserializer<R> {
    type Members = ClassMembers;

    fn members(&mut self, ty: &'static TypeInfo) -> ClassMembers {
        ClassMembers {
            class: self.contracts.get(ty).as_class(),
            cursor: 0,
        }
    }

    #[inline]
    fn next_member(&mut self, members: &mut ClassMembers) -> Result<Option<(usize, bool)>> {
        let Some(class) = members.class else {
            context::fail(Category::Unsupported);
            return Err(Error::new(
                Category::Unsupported,
                "a class without a data contract",
            ));
        };
        while let Some(nil) = self.next_child_after_text()? {
            if let Some(index) = self.member_or_skip(class, &mut members.cursor)? {
                return Ok(Some((index, nil)));
            }
        }
        Ok(None)
    }

    fn next_item(&mut self) -> Result<Option<bool>> {
        self.next_child_after_text()
    }

    fn next_entry(&mut self) -> Result<Option<bool>> {
        self.entry_key()
    }

    fn entry_value(&mut self) -> Result<bool> {
        self.entry_value_start()
    }

    fn end_entry(&mut self) -> Result<()> {
        self.entry_rest()
    }

    fn text(&mut self, trim: bool) -> Result<&str> {
        match self.content_borrowed()? {
            Content::Text if trim => Ok(trim_xml_space(self.borrowed_text())),
            Content::Text => Ok(self.borrowed_text()),
            Content::Child { .. } => {
                context::fail(Category::Data);
                Err(Error::data(format!(
                    "expected text, found the element {}",
                    excerpt(&String::from_utf8_lossy(self.name()))
                )))
            }
        }
    }

    #[inline]
    fn skip(&mut self) -> Result<()> {
        self.skip_rest()
    }

    fn serde<T: Field>(&mut self, nil: bool) -> Result<T> {
        T::deserialize_field(Element {
            de: self,
            nil,
            ty: Some(T::TYPE),
        })
    }
}
