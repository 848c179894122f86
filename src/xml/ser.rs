//! The encoder: a serde `Serializer` that walks the model's description in
//! step with the value, so every element gets its contract name, namespace
//! and prefix declarations.
//!
//! The DTOs' `Serialize` impls visit members in ServiceStack's JSON order
//! (own members, then the base class's), while DataContractSerializer writes
//! the base class first and each class's members by ordinal name. So when a
//! class opens, the encoder asks the DTO for XML order
//! (`context::request_member_order`), which `serialize_dto` honours. A
//! `Serialize` impl that ignores the request gets the old treatment: each
//! member is written where it arrives, its byte range recorded, and the
//! ranges put in XML order when the class ends (`permute`). Prefix
//! declarations depend only on an element's ancestors, never on its
//! siblings, so writing members out of order cannot change them.
//!
//! Elements are written from plans (see `plan`): the bytes of each member,
//! list item and dictionary entry element, rendered once per type and
//! scope.

use serde::ser::{self, Serialize};

mod permute;

use self::permute::permute;
use super::contract::{ClassContract, Contracts, Kind};
use super::plan::{self, Link, Plans, Shape, ROOT};
use super::writer::{InvalidChar, XmlWriter};
use crate::context;
use crate::error::{Category, Error, Result};
use crate::model::field::NULL_OBJECT;
use crate::model::{Describe, TypeInfo};
use crate::number::{write_f64, write_i64, write_u64, DotNetStyle, NumberFormat};
use crate::options::EncodeOptions;

/// Writes values as DataContractSerializer XML into a buffer.
///
/// ```
/// use evovoice_codec::xml::Serializer;
/// use evovoice_codec::model::Tag;
/// use evovoice_codec::EncodeOptions;
///
/// let mut ser = Serializer::new(&EncodeOptions::default());
/// ser.serialize(&Tag { id: None, name: Some("vip".into()), ..Tag::default() })?;
/// let xml = String::from_utf8(ser.into_inner()).unwrap();
/// assert!(xml.ends_with(r#"<Color>Magenta</Color><Id i:nil="true" /><Name>vip</Name></Tag>"#));
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
pub struct Serializer {
    w: XmlWriter,
    style: DotNetStyle,
    contracts: Contracts,
    plans: Plans,
    /// Where the member being written as text began (see `member`): a
    /// null written there replaces its start tag with the nil form.
    text_member: Option<usize>,
    /// Reused buffers for the members' byte ranges, one per open class.
    ranges: Vec<Vec<(usize, usize)>>,
    scratch: Vec<u8>,
    offsets: Vec<usize>,
}

impl Serializer {
    /// A serializer with the number style and layout of `options`.
    pub fn new(options: &EncodeOptions) -> Self {
        Serializer {
            w: XmlWriter::new(options.is_pretty(), 1024),
            style: options.dotnet_style(),
            contracts: Contracts::default(),
            plans: Plans::new(),
            text_member: None,
            ranges: Vec::new(),
            scratch: Vec::new(),
            offsets: Vec::new(),
        }
    }

    /// Writes `value` as a whole document (declaration and root element).
    pub fn serialize<T: Serialize + Describe + ?Sized>(&mut self, value: &T) -> Result<()> {
        let contract = self.contracts.get(T::TYPE);
        if !self.w.is_idle() {
            // A previous document failed half-way: its elements stay open,
            // so the plans made for a clean start would not fit.
            self.plans = Plans::new();
            self.text_member = None;
        }
        self.w.declaration();
        self.w.start_root(contract.name, contract.ns);
        value.serialize(ValueSerializer {
            s: self,
            ty: T::TYPE,
            link: ROOT,
        })?;
        self.w.end();
        Ok(())
    }

    /// The bytes written so far.
    pub fn into_inner(self) -> Vec<u8> {
        self.w.out
    }

    /// The item plan of a list of type `ty` at `link` that has none linked:
    /// the one made for its type and scope elsewhere, or a new one. The
    /// list element's declaration of its items' namespace is written
    /// either way.
    #[cold]
    #[inline(never)]
    fn plan_list(&mut self, link: Link, ty: &'static TypeInfo) -> Result<u32> {
        if let Some(Shape::List { element, declare }) = self.plans.shared(link, ty, &self.w) {
            if let Some(ns) = declare {
                self.w.declare(ns);
            }
            return Ok(element);
        }
        let contract = self.contracts.get(ty);
        let Kind::List(list) = &contract.kind else {
            return Err(mismatch(ty, "a list"));
        };
        // The key as the next list here looks it up: before the declaration.
        let key = plan::scope_key(ty, &self.w);
        if let Some(ns) = list.declare {
            self.w.declare(ns);
        }
        Ok(self.plans.list(
            link,
            ty,
            key,
            list.item_name,
            contract,
            list.declare,
            &self.w,
        ))
    }

    /// The entry plans of a dictionary of type `ty` at `link` that has none
    /// linked (see [`Serializer::plan_list`]).
    #[cold]
    #[inline(never)]
    fn plan_dictionary(&mut self, link: Link, ty: &'static TypeInfo) -> Result<(u32, u32, u32)> {
        if let Some(Shape::Dictionary { entry, key, value }) = self.plans.shared(link, ty, &self.w)
        {
            return Ok((entry, key, value));
        }
        let contract = self.contracts.get(ty);
        let Kind::Dictionary(dict) = &contract.kind else {
            return Err(mismatch(ty, "a map"));
        };
        Ok(self.plans.dictionary(
            link,
            ty,
            dict.entry_name,
            contract,
            dict.value_declare,
            &self.w,
        ))
    }

    /// The member plans of a class of type `ty` at `link` that has none
    /// linked (see [`Serializer::plan_list`]).
    #[cold]
    #[inline(never)]
    fn plan_class(
        &mut self,
        link: Link,
        ty: &'static TypeInfo,
    ) -> Result<(&'static ClassContract, u32)> {
        if let Some(Shape::Class { contract, first }) = self.plans.shared(link, ty, &self.w) {
            return Ok((contract, first));
        }
        let contract = self.contracts.get(ty);
        let Kind::Class(class) = &contract.kind else {
            return Err(mismatch(ty, "an object"));
        };
        let first = self.plans.class(link, ty, class, &self.w);
        Ok((class, first))
    }

    fn text(&mut self, s: &str) -> Result<()> {
        self.w.text(s).map_err(|InvalidChar(c)| {
            context::fail(Category::Data);
            Error::data(format!(
                "the character U+{:04X} cannot be written in XML 1.0",
                u32::from(c)
            ))
        })
    }
}

fn unsupported(what: &str) -> Error {
    context::fail(Category::Unsupported);
    Error::new(
        Category::Unsupported,
        format!("{what} has no DataContract XML form"),
    )
}

fn mismatch(ty: &TypeInfo, found: &str) -> Error {
    context::fail(Category::Unsupported);
    Error::new(
        Category::Unsupported,
        format!(
            "the value does not match its description: expected {}, found {found}",
            ty.contract_name()
        ),
    )
}

/// Serializes one value into the element its owner has opened.
struct ValueSerializer<'a> {
    s: &'a mut Serializer,
    ty: &'static TypeInfo,
    /// Where the plan for this value's content is kept.
    link: Link,
}

/// A class, list or dictionary being written.
pub struct Compound<'a> {
    s: &'a mut Serializer,
    state: State,
}

enum State {
    Class {
        contract: &'static ClassContract,
        /// The plan of `members[0]`; the others follow.
        first: u32,
        next: usize,
        ranges: Vec<(usize, usize)>,
        /// The members arrive in XML order: the DTO took the order
        /// requested from it (see `context::request_member_order`), so
        /// nothing needs moving at the end.
        ordered: bool,
    },
    List {
        item: &'static TypeInfo,
        /// The item element's plan.
        element: u32,
    },
    Dictionary {
        value: &'static TypeInfo,
        /// The plans of the entry, key and value elements.
        elements: (u32, u32, u32),
    },
}

impl<'a> ser::Serializer for ValueSerializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        let out = self.s.w.raw_text();
        out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        write_i64(self.s.w.raw_text(), v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        write_u64(self.s.w.raw_text(), v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        let style = self.s.style;
        write_f64(self.s.w.raw_text(), v, style, NumberFormat::RoundTrip);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.s.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<()> {
        Err(unsupported("a byte array"))
    }
    fn serialize_none(self) -> Result<()> {
        match self.s.text_member.take() {
            Some(at) => {
                let s = self.s;
                s.w.text_to_nil(&s.plans.arena, s.plans.element(self.link), at);
            }
            None => self.s.w.nil(),
        }
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if std::ptr::eq(name, NULL_OBJECT) || name == NULL_OBJECT {
            // What JSON and JSV write as `{}` is a null here.
            return self.serialize_none();
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>> {
        let TypeInfo::List(item) = self.ty else {
            return Err(mismatch(self.ty, "a list"));
        };
        let s = self.s;
        let element = match s.plans.shape(self.link, self.ty, &s.w) {
            Some(&Shape::List { element, declare }) => {
                if let Some(ns) = declare {
                    s.w.declare(ns);
                }
                element
            }
            _ => s.plan_list(self.link, self.ty)?,
        };
        Ok(Compound {
            s,
            state: State::List { item, element },
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(unsupported("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>> {
        let TypeInfo::Dictionary(d) = self.ty else {
            return Err(mismatch(self.ty, "a map"));
        };
        let s = self.s;
        let elements = match s.plans.shape(self.link, self.ty, &s.w) {
            Some(&Shape::Dictionary { entry, key, value }) => (entry, key, value),
            _ => s.plan_dictionary(self.link, self.ty)?,
        };
        Ok(Compound {
            s,
            state: State::Dictionary {
                value: d.value_type(),
                elements,
            },
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>> {
        let (class, first) = match self.s.plans.shape(self.link, self.ty, &self.s.w) {
            Some(&Shape::Class { contract, first }) => (contract, first),
            _ => self.s.plan_class(self.link, self.ty)?,
        };
        // Closed now so that the first member's range holds only that member.
        if !class.members.is_empty() {
            self.s.w.close_start_tag();
        }
        let mut ranges = self.s.ranges.pop().unwrap_or_default();
        ranges.clear();
        let ordered = !class.in_json_order;
        if ordered {
            // Taken back at the first member if no DTO consumed it.
            context::request_member_order(class.class, &class.xml_order);
        }
        Ok(Compound {
            s: self.s,
            state: State::Class {
                contract: class,
                first,
                next: 0,
                ranges,
                ordered,
            },
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unsupported("an enum variant with data"))
    }
}

impl Compound<'_> {
    /// Writes the next member (`None`: null) of the class being written.
    fn member<T: Serialize + ?Sized>(&mut self, value: Option<&T>) -> Result<()> {
        let State::Class {
            contract,
            first,
            next,
            ranges,
            ordered,
        } = &mut self.state
        else {
            return Err(unsupported("a struct field outside a class"));
        };
        if *next == 0 && *ordered && context::withdraw_member_order() {
            *ordered = false;
        }
        let index = if *ordered {
            contract.xml_order.get(*next).copied().unwrap_or(usize::MAX)
        } else {
            *next
        };
        let Some(member) = contract.members.get(index) else {
            return Err(mismatch(
                &TypeInfo::Class(contract.class),
                "more members than the class has",
            ));
        };
        *next += 1;
        let start = self.s.w.out.len();
        // Within `members`, checked above.
        let link = *first + index as u32;
        let s = &mut *self.s;
        let planned = s.plans.element(link);
        match value {
            Some(v) if is_text(member.ty) => {
                // No scope to open: the start tag is written closed, the
                // text follows, the end tag is one copy.
                let at = s.w.out.len();
                s.w.open_text(&s.plans.arena, planned);
                s.text_member = Some(at);
                let result = v.serialize(ValueSerializer {
                    s: &mut *s,
                    ty: member.ty,
                    link,
                });
                let open = s.text_member.take().is_some();
                result?;
                if open {
                    s.w.close_text(&s.plans.arena, s.plans.element(link));
                }
            }
            Some(v) => {
                s.w.open_planned(&s.plans.arena, planned);
                v.serialize(ValueSerializer {
                    s: &mut *s,
                    ty: member.ty,
                    link,
                })?;
                let planned = s.plans.element(link);
                s.w.end_planned(&s.plans.arena, planned);
            }
            None => s.w.nil_planned(&s.plans.arena, planned),
        }
        if !*ordered {
            ranges.push((start, self.s.w.out.len()));
        }
        Ok(())
    }
}

/// True for the types written as text content, never as child elements.
fn is_text(ty: &TypeInfo) -> bool {
    matches!(
        ty,
        TypeInfo::Bool | TypeInfo::Int | TypeInfo::Double | TypeInfo::String | TypeInfo::Enum(_)
    )
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.member(Some(value))
    }

    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.member(None::<&()>)
    }

    fn end(self) -> Result<()> {
        let State::Class {
            contract,
            next,
            ranges,
            ordered,
            ..
        } = self.state
        else {
            return Ok(());
        };
        if next == 0 && ordered {
            context::withdraw_member_order();
        }
        if next != contract.members.len() {
            return Err(mismatch(
                &TypeInfo::Class(contract.class),
                "fewer members than the class has",
            ));
        }
        if !ordered && !contract.in_json_order {
            permute(self.s, &ranges, &contract.xml_order);
        }
        self.s.ranges.push(ranges);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let State::List { item, element } = self.state else {
            return Err(unsupported("a list item outside a list"));
        };
        let s = &mut *self.s;
        s.w.open_planned(&s.plans.arena, s.plans.element(element));
        value.serialize(ValueSerializer {
            s: &mut *s,
            ty: item,
            link: element,
        })?;
        s.w.end_planned(&s.plans.arena, s.plans.element(element));
        Ok(())
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let State::Dictionary {
            elements: (entry, k, _),
            ..
        } = self.state
        else {
            return Err(unsupported("a map key outside a dictionary"));
        };
        let s = &mut *self.s;
        s.w.open_planned(&s.plans.arena, s.plans.element(entry));
        s.w.open_planned(&s.plans.arena, s.plans.element(k));
        key.serialize(ValueSerializer {
            s: &mut *s,
            ty: &TypeInfo::String,
            link: k,
        })?;
        s.w.end_planned(&s.plans.arena, s.plans.element(k));
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let State::Dictionary {
            value: ty,
            elements: (entry, _, v),
        } = self.state
        else {
            return Err(unsupported("a map value outside a dictionary"));
        };
        let s = &mut *self.s;
        s.w.open_planned(&s.plans.arena, s.plans.element(v));
        value.serialize(ValueSerializer {
            s: &mut *s,
            ty,
            link: v,
        })?;
        s.w.end_planned(&s.plans.arena, s.plans.element(v));
        s.w.end_planned(&s.plans.arena, s.plans.element(entry));
        Ok(())
    }

    fn end(self) -> Result<()> {
        Ok(())
    }
}
