//! Plans: each class's members, a list's item and a dictionary's entry
//! rendered once per type and scope (see [`Planned`]), so that the
//! thousandth customer costs a few copies per member instead of namespace
//! lookups and prefix formatting.
//!
//! A plan's bytes depend only on the value's type and its scope: the depth
//! (generated prefixes and indentation are named by it) and the namespace
//! bindings in force. So plans are kept by that key, never by place in the
//! value: a tree whose every branch is a different path of members (a
//! `Struct` nesting structs and lists) reaches as many places as it has
//! values, but only as many keys as it has types times depths, and the
//! plans stay that few.
//!
//! Why plans are also found by link: the scope of a value's children
//! depends only on the path of types and members from the root (null or
//! present, a value never changes its ancestors' declarations), so the
//! plan found for a member's value the first time holds for every later
//! value there. Each planned element keeps the index of the plan for its
//! content, and only the first value at an element looks the key up;
//! debug builds check the scope on every use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::contract::{ClassContract, Contract};
use super::writer::{pad, Planned, Prefix, XmlWriter};
use crate::model::TypeInfo;

/// What a value at one place in the document is written with.
#[derive(Clone, Copy)]
pub(super) enum Shape {
    /// A class: `members[i]` is planned at `first + i`.
    Class {
        contract: &'static ClassContract,
        first: u32,
    },
    /// A list: its items are planned at `element`, after `declare` (the
    /// items' namespace) is declared on the list element.
    List {
        element: u32,
        declare: Option<&'static str>,
    },
    /// A dictionary: the entry, its key and its value elements.
    Dictionary { entry: u32, key: u32, value: u32 },
}

struct Made {
    ty: &'static TypeInfo,
    shape: Shape,
    /// The key it was made for, checked on every use.
    #[cfg(debug_assertions)]
    key: ScopeKey,
}

struct Element {
    planned: Planned,
    /// The shape made for this element's content, once there was one.
    content: u32,
}

/// Where a value's shape is kept: the root, or the planned element holding
/// the value.
pub(super) type Link = u32;

/// The link of the document's root value.
pub(super) const ROOT: Link = u32::MAX;

const NONE: u32 = u32::MAX;

/// What a plan's bytes depend on: the value's type (by address, as
/// [`Plans::shape`] compares it), the depth, and the bindings in scope
/// (their namespaces by address: they are interned, and `lookup_in`
/// compares them so).
pub(super) type ScopeKey = (usize, usize, Box<[(Prefix, usize)]>);

/// The key of a value of type `ty` written in `w`'s current scope (its
/// element open, nothing declared on it for the value yet).
pub(super) fn scope_key(ty: &'static TypeInfo, w: &XmlWriter) -> ScopeKey {
    let (depth, bindings) = w.scope();
    let bindings = bindings
        .iter()
        .map(|&(prefix, ns)| (prefix, ns.as_ptr() as usize))
        .collect();
    (std::ptr::from_ref(ty) as usize, depth, bindings)
}

/// A multiply-and-rotate hash for [`ScopeKey`]s: they are the model's own
/// types, depths and addresses, never chosen by an input, so the hash need
/// not resist flooding, only be cheap (a plan is looked up once per
/// planned element).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}

/// The plans of one serializer.
pub(super) struct Plans {
    /// Every planned element's bytes.
    pub arena: Vec<u8>,
    elements: Vec<Element>,
    shapes: Vec<Made>,
    root: u32,
    /// Every shape by what its bytes depend on.
    by_scope: HashMap<ScopeKey, u32, BuildHasherDefault<KeyHasher>>,
}

impl Plans {
    pub fn new() -> Self {
        Plans {
            arena: Vec::new(),
            elements: Vec::new(),
            shapes: Vec::new(),
            root: NONE,
            by_scope: HashMap::default(),
        }
    }

    /// The planned element at `index`.
    #[inline]
    pub fn element(&self, index: u32) -> &Planned {
        &self.elements[index as usize].planned
    }

    /// The shape linked at `link` for a value of type `ty`, if there is
    /// one (else see [`Plans::shared`]).
    #[inline]
    pub fn shape(&self, link: Link, ty: &'static TypeInfo, w: &XmlWriter) -> Option<&Shape> {
        let index = if link == ROOT {
            self.root
        } else {
            self.elements[link as usize].content
        };
        let made = self.shapes.get(index as usize)?;
        if !std::ptr::eq(made.ty, ty) {
            return None;
        }
        #[cfg(debug_assertions)]
        assert!(
            made.key == scope_key(ty, w),
            "a plan used outside the scope it was made for"
        );
        let _ = w;
        Some(&made.shape)
    }

    /// The shape made elsewhere for the key of a value of type `ty` in
    /// `w`'s scope, now linked at `link` too; `None` when there is none
    /// yet (the caller makes it).
    pub fn shared(&mut self, link: Link, ty: &'static TypeInfo, w: &XmlWriter) -> Option<Shape> {
        let index = *self.by_scope.get(&scope_key(ty, w))?;
        self.link(link, index);
        Some(self.shapes[index as usize].shape)
    }

    fn link(&mut self, link: Link, index: u32) {
        if link == ROOT {
            self.root = index;
        } else {
            self.elements[link as usize].content = index;
        }
    }

    fn keep(&mut self, link: Link, ty: &'static TypeInfo, key: ScopeKey, shape: Shape) {
        pad(&mut self.arena);
        let index = u32::try_from(self.shapes.len()).expect("fewer than 4G plans");
        self.shapes.push(Made {
            ty,
            shape,
            #[cfg(debug_assertions)]
            key: key.clone(),
        });
        self.by_scope.insert(key, index);
        self.link(link, index);
    }

    fn add(&mut self, planned: Planned) -> u32 {
        let index = u32::try_from(self.elements.len()).expect("fewer than 4G plans");
        self.elements.push(Element {
            planned,
            content: NONE,
        });
        index
    }

    /// Plans the members of `class` (its element open in `w`) for `link`.
    pub fn class(
        &mut self,
        link: Link,
        ty: &'static TypeInfo,
        class: &'static ClassContract,
        w: &XmlWriter,
    ) -> u32 {
        let key = scope_key(ty, w);
        let first = u32::try_from(self.elements.len()).expect("fewer than 4G plans");
        for m in class.members.iter() {
            let p = w.plan(&mut self.arena, m.name, m.ns, m.declare, None);
            self.add(p);
        }
        let shape = Shape::Class {
            contract: class,
            first,
        };
        self.keep(link, ty, key, shape);
        first
    }

    /// Plans the items of a list (its element open in `w`, its items'
    /// namespace already declared) for `link`; `key` is the list's
    /// [`scope_key`] from before that declaration, as the next list met
    /// there will look it up.
    #[allow(clippy::too_many_arguments)]
    pub fn list(
        &mut self,
        link: Link,
        ty: &'static TypeInfo,
        key: ScopeKey,
        name: &'static str,
        contract: &'static Contract,
        declare: Option<&'static str>,
        w: &XmlWriter,
    ) -> u32 {
        let p = w.plan(&mut self.arena, name, contract.ns, None, None);
        let element = self.add(p);
        self.keep(link, ty, key, Shape::List { element, declare });
        element
    }

    /// Plans the entries of a dictionary (its element open in `w`) for
    /// `link`: entry, key and value elements.
    pub fn dictionary(
        &mut self,
        link: Link,
        ty: &'static TypeInfo,
        entry_name: &'static str,
        contract: &'static Contract,
        value_declare: Option<&'static str>,
        w: &XmlWriter,
    ) -> (u32, u32, u32) {
        let key = scope_key(ty, w);
        let ns = contract.ns;
        let entry_plan = w.plan(&mut self.arena, entry_name, ns, None, None);
        let key_plan = w.plan(&mut self.arena, "Key", ns, None, Some(&entry_plan));
        let value_plan = w.plan(
            &mut self.arena,
            "Value",
            ns,
            value_declare,
            Some(&entry_plan),
        );
        let entry = self.add(entry_plan);
        let key_element = self.add(key_plan);
        let value = self.add(value_plan);
        let shape = Shape::Dictionary {
            entry,
            key: key_element,
            value,
        };
        self.keep(link, ty, key, shape);
        (entry, key_element, value)
    }
}
