//! Planned elements: an element's start tag, nil form and end tag rendered
//! once for a scope, then written with one copy each (see `xml::plan`).

use super::{lookup_in, write_prefix_into, Frame, Prefix, XmlWriter};

/// An element rendered once for one scope: every instance of a class
/// member, list item or dictionary entry at the same place in a document
/// sees the same namespace bindings, so its start tag, its whole nil form
/// and its end tag are fixed bytes, written with one copy each.
#[derive(Clone, Copy, Debug)]
pub struct Planned {
    /// `[newline indent]<prefix:Name[ xmlns:dNp1="…"]` in the arena.
    open: (u32, u32),
    /// Where `prefix:Name` starts in the arena.
    tag: u32,
    /// The whole null element, `… i:nil="true"[ xmlns="…"] />`.
    nil: (u32, u32),
    /// The start tag closed for text: `…[ xmlns="…"]>`.
    text: (u32, u32),
    /// `</prefix:Name>`.
    close: (u32, u32),
    /// The default-namespace declaration the start tag owes.
    pending: Option<&'static str>,
    /// The bindings the element brings into scope.
    pushes: [(Prefix, &'static str); 2],
    pushed: u8,
}

impl Planned {
    #[inline]
    fn pushes(&self) -> &[(Prefix, &'static str)] {
        &self.pushes[..usize::from(self.pushed)]
    }
}

/// Bytes a piece is copied in when it fits: a copy of a constant length is
/// a few vector moves in place, where one of a variable length is a call.
const WIDE: usize = 64;

/// Appends an arena piece to `out`. One that fits in [`WIDE`] bytes is
/// copied as exactly `WIDE` bytes (the arena keeps that many after its
/// last piece, see [`pad`]) and the excess cut off again.
#[inline]
fn put(out: &mut Vec<u8>, arena: &[u8], (from, to): (u32, u32)) {
    let (from, to) = (from as usize, to as usize);
    let at = out.len();
    match arena.get(from..from + WIDE) {
        Some(wide) if to - from <= WIDE => {
            let wide: &[u8; WIDE] = wide.try_into().expect("WIDE bytes");
            out.extend_from_slice(wide);
            out.truncate(at + (to - from));
        }
        _ => out.extend_from_slice(&arena[from..to]),
    }
}

/// Keeps [`WIDE`] bytes after the arena's last piece, so every piece can be
/// copied wide.
pub fn pad(arena: &mut Vec<u8>) {
    arena.extend_from_slice(&[0; WIDE]);
}

fn offset(arena: &[u8]) -> u32 {
    u32::try_from(arena.len()).expect("plans stay far below 4 GiB")
}

impl XmlWriter {
    /// The current depth and bindings: what a plan made now depends on.
    pub fn scope(&self) -> (usize, &[(Prefix, &'static str)]) {
        (self.stack.len(), &self.bindings)
    }

    /// Renders into `arena` the element `start(name, ns, declare)` would
    /// open next, as a child of the innermost open element or, with
    /// `inside`, as a child of that planned element once opened there.
    pub fn plan(
        &self,
        arena: &mut Vec<u8>,
        name: &'static str,
        ns: &'static str,
        declare: Option<&'static str>,
        inside: Option<&Planned>,
    ) -> Planned {
        let (inner, depth) = match inside {
            Some(p) => (p.pushes(), self.stack.len() + 2),
            None => (&[][..], self.stack.len() + 1),
        };
        let mut scope: Vec<(Prefix, &'static str)> = inner.to_vec();
        let mut pushes = [(Prefix::Default, ""); 2];
        let mut pushed = 0;
        let mut pending = None;
        let prefix = match lookup_in(&scope, &self.bindings, ns) {
            Some(Prefix::Default) => None,
            Some(Prefix::Generated(d)) => Some(d),
            None => {
                pushes[0] = (Prefix::Default, ns);
                pushed = 1;
                scope.push(pushes[0]);
                pending = Some(ns);
                None
            }
        };
        let open_from = offset(arena);
        if self.pretty {
            arena.push(b'\n');
            arena.extend(std::iter::repeat_n(b' ', 2 * (depth - 1)));
        }
        arena.push(b'<');
        let tag = offset(arena);
        write_prefix_into(arena, prefix);
        arena.extend_from_slice(name.as_bytes());
        let tag_end = offset(arena);
        if let Some(declare) = declare {
            if lookup_in(&scope, &self.bindings, declare).is_none() {
                arena.extend_from_slice(b" xmlns:");
                write_prefix_into(arena, Some(depth));
                arena.pop();
                arena.extend_from_slice(b"=\"");
                arena.extend_from_slice(declare.as_bytes());
                arena.push(b'"');
                pushes[pushed] = (Prefix::Generated(depth), declare);
                pushed += 1;
            }
        }
        let open = (open_from, offset(arena));
        let nil_from = offset(arena);
        arena.extend_from_within(open.0 as usize..open.1 as usize);
        arena.extend_from_slice(b" i:nil=\"true\"");
        if let Some(ns) = pending {
            arena.extend_from_slice(b" xmlns=\"");
            arena.extend_from_slice(ns.as_bytes());
            arena.push(b'"');
        }
        arena.extend_from_slice(b" />");
        let nil = (nil_from, offset(arena));
        let text_from = offset(arena);
        arena.extend_from_within(open.0 as usize..open.1 as usize);
        if let Some(ns) = pending {
            arena.extend_from_slice(b" xmlns=\"");
            arena.extend_from_slice(ns.as_bytes());
            arena.push(b'"');
        }
        arena.push(b'>');
        let text = (text_from, offset(arena));
        let close_from = offset(arena);
        arena.extend_from_slice(b"</");
        arena.extend_from_within(tag as usize..tag_end as usize);
        arena.push(b'>');
        Planned {
            open,
            tag,
            nil,
            text,
            close: (close_from, offset(arena)),
            pending,
            pushes,
            pushed: pushed as u8,
        }
    }

    /// Opens a planned element, in the scope it was planned for.
    #[inline]
    pub fn open_planned(&mut self, arena: &[u8], p: &Planned) {
        self.begin_child();
        let at = self.out.len();
        put(&mut self.out, arena, p.open);
        self.stack.push(Frame {
            tag: at + (p.tag - p.open.0) as usize,
            tag_len: (p.close.1 - p.close.0 - 3) as usize,
            bindings: self.bindings.len(),
            has_children: false,
        });
        self.bindings.extend_from_slice(p.pushes());
        self.pending_default = p.pending;
        self.tag_open = true;
    }

    /// Ends the parent's start tag and marks it as holding an element,
    /// before a planned child is written.
    #[inline(always)]
    fn begin_child(&mut self) {
        self.close_start_tag();
        if let Some(parent) = self.stack.last_mut() {
            parent.has_children = true;
        }
    }

    /// Writes a planned element as null, whole.
    #[inline]
    pub fn nil_planned(&mut self, arena: &[u8], p: &Planned) {
        self.begin_child();
        put(&mut self.out, arena, p.nil);
    }

    /// Writes the start tag of a planned element whose content is text,
    /// closed, without opening a scope: text goes straight after it and
    /// [`close_text`](Self::close_text) ends it.
    #[inline]
    pub fn open_text(&mut self, arena: &[u8], p: &Planned) {
        self.begin_child();
        put(&mut self.out, arena, p.text);
    }

    /// Ends an element begun with [`open_text`](Self::open_text).
    #[inline]
    pub fn close_text(&mut self, arena: &[u8], p: &Planned) {
        put(&mut self.out, arena, p.close);
    }

    /// Turns an element begun with [`open_text`](Self::open_text) at `at`
    /// into its null form (a value that writes null inside a present
    /// member, like `Some(None)`).
    pub fn text_to_nil(&mut self, arena: &[u8], p: &Planned, at: usize) {
        self.out.truncate(at);
        put(&mut self.out, arena, p.nil);
    }

    /// Closes the innermost element, opened by [`open_planned`](Self::open_planned) with `p`.
    #[inline]
    pub fn end_planned(&mut self, arena: &[u8], p: &Planned) {
        self.close(|out, _| put(out, arena, p.close));
    }
}
