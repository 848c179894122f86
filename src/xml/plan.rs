//! Plans: each class's members, a list's item and a dictionary's entry
//! rendered once per place in the document (see [`Planned`]), so that the
//! thousandth customer costs a few copies per member instead of namespace
//! lookups and prefix formatting.
//!
//! Why plans are found by link and not by looking the scope up: the scope
//! of a value's children depends only on the path of types and members
//! from the root (null or present, a value never changes its ancestors'
//! declarations), so the plan made for a member's value the first time
//! holds for every later value there. Each planned element keeps the index
//! of the plan made for its content; debug builds check the scope on every
//! use.

use super::contract::{ClassContract, Contract};
#[cfg(debug_assertions)]
use super::writer::Prefix;
use super::writer::{pad, Planned, XmlWriter};
use crate::model::TypeInfo;

/// What a value at one place in the document is written with.
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
    #[cfg(debug_assertions)]
    scope: (usize, Vec<(Prefix, &'static str)>),
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

/// The plans of one serializer.
pub(super) struct Plans {
    /// Every planned element's bytes.
    pub arena: Vec<u8>,
    elements: Vec<Element>,
    shapes: Vec<Made>,
    root: u32,
}

impl Plans {
    pub fn new() -> Self {
        Plans {
            arena: Vec::new(),
            elements: Vec::new(),
            shapes: Vec::new(),
            root: NONE,
        }
    }

    /// The planned element at `index`.
    #[inline]
    pub fn element(&self, index: u32) -> &Planned {
        &self.elements[index as usize].planned
    }

    /// The shape made at `link` for a value of type `ty`, if there is one.
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
        {
            let (depth, bindings) = w.scope();
            assert!(
                made.scope.0 == depth && made.scope.1 == bindings,
                "a plan used outside the scope it was made for"
            );
        }
        let _ = w;
        Some(&made.shape)
    }

    fn keep(&mut self, link: Link, ty: &'static TypeInfo, shape: Shape, w: &XmlWriter) {
        pad(&mut self.arena);
        let index = u32::try_from(self.shapes.len()).expect("fewer than 4G plans");
        #[cfg(debug_assertions)]
        let scope = {
            let (depth, bindings) = w.scope();
            (depth, bindings.to_vec())
        };
        let _ = w;
        self.shapes.push(Made {
            ty,
            shape,
            #[cfg(debug_assertions)]
            scope,
        });
        if link == ROOT {
            self.root = index;
        } else {
            self.elements[link as usize].content = index;
        }
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
        let first = u32::try_from(self.elements.len()).expect("fewer than 4G plans");
        for m in class.members.iter() {
            let p = w.plan(&mut self.arena, m.name, m.ns, m.declare, None);
            self.add(p);
        }
        self.keep(
            link,
            ty,
            Shape::Class {
                contract: class,
                first,
            },
            w,
        );
        first
    }

    /// Plans the items of a list (its element open in `w`, its items'
    /// namespace already declared) for `link`.
    pub fn list(
        &mut self,
        link: Link,
        ty: &'static TypeInfo,
        name: &'static str,
        contract: &'static Contract,
        declare: Option<&'static str>,
        w: &XmlWriter,
    ) -> u32 {
        let p = w.plan(&mut self.arena, name, contract.ns, None, None);
        let element = self.add(p);
        self.keep(link, ty, Shape::List { element, declare }, w);
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
        let key = self.add(key_plan);
        let value = self.add(value_plan);
        self.keep(link, ty, Shape::Dictionary { entry, key, value }, w);
        (entry, key, value)
    }
}
