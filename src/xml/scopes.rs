//! Start tags as the decoder reads them: names split at their prefix, and
//! the namespace bindings in scope (see `attrs` for the attributes that
//! make them).

use super::attrs::SplitCache;
use std::cell::Cell;
use std::collections::HashMap;

use super::contract::XSI_NS;

/// A prefix packed into a word, so that resolving one compares integers:
/// up to 7 bytes (the first in the lowest byte, as a little-endian load
/// puts it, see [`split_qname`]) and the length; longer prefixes share
/// [`LONG_PREFIX`] and are compared as bytes.
pub(super) fn prefix_key(prefix: &[u8]) -> u64 {
    if prefix.len() > 7 {
        return LONG_PREFIX;
    }
    // A loop, not `copy_from_slice`: a copy of variable length is a call.
    let packed = prefix
        .iter()
        .rev()
        .fold(0u64, |k, &b| (k << 8) | u64::from(b));
    packed | (prefix.len() as u64) << 56
}

pub(super) const LONG_PREFIX: u64 = u64::MAX;

/// One namespace declaration in scope.
pub(super) struct Binding {
    /// Depth of the declaring element.
    depth: usize,
    key: u64,
    /// End of its prefix in the arena (it starts where the previous
    /// binding's namespace ends; only a long prefix is kept there).
    prefix_end: usize,
    /// End of its namespace in the arena.
    ns_end: usize,
    /// The namespace is XML Schema instance's (where `nil` lives).
    xsi: bool,
    /// The binding of the same prefix this one hides, restored when it goes
    /// out of scope.
    hides: Option<usize>,
    /// The address and length of an interned namespace (a contract's) found
    /// equal to this one, so that the next comparison with it compares
    /// addresses.
    matched: Cell<(usize, usize)>,
}

/// How many short prefixes [`Innermost`] keeps in a vector, scanned: a
/// document of this model uses a handful; more than this (only an
/// unusual or hostile document declares them) go into a hash index, so
/// that declaring and resolving stay constant work per prefix.
const FEW: usize = 16;

/// Each short prefix in scope with its innermost binding: a vector scanned
/// while there are at most [`FEW`], a hash index beyond (back to the
/// vector once fewer than half as many are left).
#[derive(Default)]
struct Innermost {
    few: Vec<(u64, usize)>,
    /// Every prefix when there are many (`few` is empty then).
    many: Option<HashMap<u64, usize>>,
}

impl Innermost {
    /// The innermost binding of `key` when it is in the vector (see
    /// [`Innermost::get_many`]); `work` counts the entries it may look at.
    #[inline]
    fn get_few(&self, key: u64, work: &mut u64) -> Option<usize> {
        *work += self.few.len() as u64;
        self.few.iter().find(|&&(k, _)| k == key).map(|&(_, i)| i)
    }

    /// The innermost binding of `key` when there is a hash index (the
    /// vector is empty then).
    #[cold]
    #[inline(never)]
    fn get_many(&self, key: u64, work: &mut u64) -> Option<usize> {
        let many = self.many.as_ref()?;
        *work += 1;
        many.get(&key).copied()
    }

    /// Makes `index` the innermost binding of `key`: the binding it hides.
    #[inline]
    fn bind(&mut self, key: u64, index: usize, work: &mut u64) -> Option<usize> {
        if self.many.is_some() || self.few.len() == FEW {
            return self.bind_many(key, index, work);
        }
        *work += self.few.len() as u64;
        match self.few.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => Some(std::mem::replace(&mut entry.1, index)),
            None => {
                self.few.push((key, index));
                None
            }
        }
    }

    /// [`Innermost::bind`] into the hash index, made first when the
    /// vector is full.
    #[cold]
    #[inline(never)]
    fn bind_many(&mut self, key: u64, index: usize, work: &mut u64) -> Option<usize> {
        *work += 1 + self.few.len() as u64;
        let few = &mut self.few;
        let many = self.many.get_or_insert_with(|| few.drain(..).collect());
        many.insert(key, index)
    }

    /// Ends the innermost binding of `key`, which hid `hides` (from the
    /// vector if it is there, which it is unless there is a hash index).
    #[inline]
    fn unbind(&mut self, key: u64, hides: Option<usize>, work: &mut u64) {
        *work += self.few.len() as u64;
        let Some(at) = self.few.iter().position(|&(k, _)| k == key) else {
            return self.unbind_many(key, hides, work);
        };
        match hides {
            Some(hidden) => self.few[at].1 = hidden,
            None => {
                self.few.swap_remove(at);
            }
        }
    }

    /// [`Innermost::unbind`] from the hash index, which gives way to the
    /// vector again once fewer than half of [`FEW`] are left.
    #[cold]
    #[inline(never)]
    fn unbind_many(&mut self, key: u64, hides: Option<usize>, work: &mut u64) {
        *work += 1;
        let many = self
            .many
            .as_mut()
            .expect("a short prefix in scope is in `innermost`");
        match hides {
            Some(hidden) => {
                many.insert(key, hidden);
            }
            None => {
                many.remove(&key);
                if many.len() < FEW / 2 {
                    *work += many.len() as u64;
                    self.few.extend(many.drain());
                    self.many = None;
                }
            }
        }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.few.is_empty() && self.many.as_ref().is_none_or(HashMap::is_empty)
    }
}

thread_local! {
    /// [`Scopes::work`] of every decode this thread finished (see
    /// [`namespace_work`]).
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// The namespace work (entries looked at, declarations made and ended)
/// of every XML decode this thread has run: a measure of the decoder's
/// namespace handling that tests compare across input sizes.
pub(crate) fn namespace_work() -> u64 {
    WORK.with(Cell::get)
}

/// The namespace prefixes in scope. quick-xml's own resolver inspects every
/// start tag's attributes; here only the few attributes DataContractSerializer
/// writes are looked at, and resolving a prefix is a lookup among the few
/// prefixes a document uses, comparing words. Declaring, resolving and
/// ending a binding is bounded work however many prefixes are in scope
/// (see [`Innermost`]; long prefixes are hashed), so that no document
/// makes namespace handling grow faster than its length.
pub(super) struct Scopes {
    bindings: Vec<Binding>,
    arena: Vec<u8>,
    /// Each short prefix in scope with its innermost binding.
    innermost: Innermost,
    /// Each long prefix in scope with its innermost binding.
    long: HashMap<Box<[u8]>, usize>,
    /// The last two short prefixes resolved (their keys, [`NO_KEY`] for
    /// none) with their innermost bindings, kept so as bindings come and
    /// go.
    hot: [(u64, usize); 2],
    /// The depth of the last binding (0: none; elements start at depth 1),
    /// so that an end tag's test reads one field.
    top: usize,
    /// The attribute split of the last tag with attributes.
    pub(super) split: SplitCache,
    /// Namespace work done (see [`namespace_work`]), added to the thread's
    /// count when the decode ends.
    work: u64,
}

/// A key no prefix has (see [`prefix_key`]: its top byte is a length up to
/// 7, or all ones).
const NO_KEY: u64 = 1 << 63;

impl Default for Scopes {
    fn default() -> Self {
        Scopes {
            bindings: Vec::new(),
            arena: Vec::new(),
            innermost: Innermost::default(),
            long: HashMap::new(),
            hot: [(NO_KEY, 0); 2],
            top: 0,
            split: SplitCache::default(),
            work: 0,
        }
    }
}

impl Drop for Scopes {
    fn drop(&mut self) {
        WORK.with(|w| w.set(w.get().wrapping_add(self.work)));
    }
}

impl Scopes {
    pub(super) fn declare(&mut self, depth: usize, prefix: &[u8], ns: &[u8]) {
        let key = prefix_key(prefix);
        if key == LONG_PREFIX {
            // Only a long prefix is compared as bytes; a short one is its key.
            self.arena.extend_from_slice(prefix);
        }
        let prefix_end = self.arena.len();
        self.arena.extend_from_slice(ns);
        let index = self.bindings.len();
        let hides = if key == LONG_PREFIX {
            self.bind_long(prefix, index)
        } else {
            self.rebind_hot(key, Some(index));
            self.innermost.bind(key, index, &mut self.work)
        };
        self.top = depth;
        self.bindings.push(Binding {
            depth,
            key,
            prefix_end,
            ns_end: self.arena.len(),
            xsi: ns == XSI_NS.as_bytes(),
            hides,
            matched: Cell::new((0, 0)),
        });
    }

    /// Makes `index` the innermost binding of a long prefix: the binding
    /// it hides.
    #[cold]
    #[inline(never)]
    fn bind_long(&mut self, prefix: &[u8], index: usize) -> Option<usize> {
        self.work += 1;
        self.long.insert(prefix.into(), index)
    }

    /// Keeps [`Scopes::hot`] true when `key`'s innermost binding changes to
    /// `index` (`None`: the prefix went out of scope).
    fn rebind_hot(&mut self, key: u64, index: Option<usize>) {
        for entry in &mut self.hot {
            if entry.0 == key {
                *entry = match index {
                    Some(i) => (key, i),
                    None => (NO_KEY, 0),
                };
            }
        }
    }

    /// Drops the bindings declared at `depth` (its element ended).
    #[inline]
    pub(super) fn leave(&mut self, depth: usize) {
        // Most elements declare nothing: this test is all their end costs.
        if self.top >= depth {
            self.drop_from(depth);
        }
    }

    fn drop_from(&mut self, depth: usize) {
        while let Some(b) = self.bindings.last() {
            if b.depth < depth {
                break;
            }
            let (key, hides) = (b.key, b.hides);
            if key == LONG_PREFIX {
                self.unbind_long(hides);
            } else {
                self.innermost.unbind(key, hides, &mut self.work);
                self.rebind_hot(key, hides);
            }
            self.bindings.pop();
        }
        let end = self.bindings.last().map_or(0, |b| b.ns_end);
        self.arena.truncate(end);
        self.top = self.bindings.last().map_or(0, |b| b.depth);
    }

    /// Ends the last binding, of a long prefix, which hid `hides`.
    #[cold]
    #[inline(never)]
    fn unbind_long(&mut self, hides: Option<usize>) {
        self.work += 1;
        let last = self.bindings.len() - 1;
        let start = match last {
            0 => 0,
            i => self.bindings[i - 1].ns_end,
        };
        let prefix = &self.arena[start..self.bindings[last].prefix_end];
        match hides {
            Some(hidden) => {
                if let Some(innermost) = self.long.get_mut(prefix) {
                    *innermost = hidden;
                }
            }
            None => {
                self.long.remove(prefix);
            }
        }
    }

    /// The index of the binding of `prefix` (empty: the default namespace).
    #[cfg(test)]
    pub(super) fn resolve_at(&mut self, prefix: &[u8]) -> Option<usize> {
        self.resolve_key(prefix_key(prefix), prefix)
    }

    /// [`Scopes::resolve_at`] with the prefix's [`prefix_key`] at hand. The
    /// two prefixes last resolved are looked at first: a document's tags
    /// mostly alternate between two (an element's and its `nil`'s, a
    /// dictionary's and its values').
    #[inline(always)]
    pub(super) fn resolve_key(&mut self, key: u64, prefix: &[u8]) -> Option<usize> {
        if self.hot[0].0 == key {
            return Some(self.hot[0].1);
        }
        if self.hot[1].0 == key {
            self.hot.swap(0, 1);
            return Some(self.hot[0].1);
        }
        if key == LONG_PREFIX {
            return self.resolve_long(prefix);
        }
        self.resolve_cold(key)
    }

    fn resolve_cold(&mut self, key: u64) -> Option<usize> {
        let Some(index) = self.innermost.get_few(key, &mut self.work) else {
            // A prefix found costs no test for the index.
            return self.resolve_many(key);
        };
        self.hot = [(key, index), self.hot[0]];
        Some(index)
    }

    /// [`Scopes::resolve_cold`] of a prefix not in [`Innermost`]'s vector.
    #[cold]
    #[inline(never)]
    fn resolve_many(&mut self, key: u64) -> Option<usize> {
        let index = self.innermost.get_many(key, &mut self.work)?;
        self.hot = [(key, index), self.hot[0]];
        Some(index)
    }

    #[cold]
    #[inline(never)]
    fn resolve_long(&mut self, prefix: &[u8]) -> Option<usize> {
        self.work += 1;
        self.long.get(prefix).copied()
    }

    /// True when the binding at `index` is to XML Schema instance's
    /// namespace.
    pub(super) fn is_xsi(&self, index: usize) -> bool {
        self.bindings[index].xsi
    }

    /// True when the binding at `index` is to `interned`, a contract's
    /// namespace (interned: equal ones share their address). Each binding
    /// compares the bytes once; later comparisons are of addresses.
    #[inline]
    pub(super) fn is_namespace(&self, index: usize, interned: &'static str) -> bool {
        let b = &self.bindings[index];
        let address = (interned.as_ptr() as usize, interned.len());
        if b.matched.get() == address {
            return true;
        }
        let same = &self.arena[b.prefix_end..b.ns_end] == interned.as_bytes();
        if same {
            b.matched.set(address);
        }
        same
    }

    /// The namespace of the binding at `index`.
    #[inline]
    pub(super) fn namespace(&self, index: usize) -> &[u8] {
        let b = &self.bindings[index];
        &self.arena[b.prefix_end..b.ns_end]
    }
}

/// Splits `p:local` into its prefix (empty when none) and local name.
pub(super) fn split_name(qname: &[u8]) -> (&[u8], &[u8]) {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => (&qname[..i], &qname[i + 1..]),
        None => (b"", qname),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A word of 8 bytes, little-endian (the first byte lowest).
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let chunk = bytes[at..].first_chunk::<8>().expect("8 bytes from `at`");
    u64::from_le_bytes(*chunk)
}

/// The index of the first `:` among a word's bytes (8 when none). The
/// borrow of the subtraction can mark bytes above a match, never below it,
/// so the lowest mark is exact.
#[inline]
fn colon_in(word: u64) -> usize {
    let x = word ^ (ONES * u64::from(b':'));
    let marks = x.wrapping_sub(ONES) & !x & HIGHS;
    marks.trailing_zeros() as usize / 8
}

/// A start tag's name taken apart in one pass of a word at a time.
pub(super) struct QName<'n> {
    pub(super) prefix: &'n [u8],
    pub(super) local: &'n [u8],
    /// The prefix's [`prefix_key`].
    pub(super) key: u64,
    /// No byte of the name is above ASCII.
    pub(super) ascii: bool,
}

/// [`split_name`] with the prefix's key and an ASCII check, eight bytes at
/// a step: the first word gives the key of a short prefix as it is.
#[inline(always)]
pub(super) fn split_qname(qname: &[u8]) -> QName<'_> {
    let len = qname.len();
    let first;
    let mut high;
    // The first colon's index; `len` or more when there is none.
    let mut colon;
    if len < 8 {
        // Zero-padded: padding is neither a colon nor above ASCII.
        first = match (qname.first_chunk::<4>(), qname.last_chunk::<4>()) {
            // Two overlapping halves: where they overlap, they hold the same
            // bytes, which or together into themselves.
            (Some(low), Some(high)) => {
                u64::from(u32::from_le_bytes(*low))
                    | u64::from(u32::from_le_bytes(*high)) << ((len - 4) * 8)
            }
            _ => qname
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b)),
        };
        high = first;
        colon = colon_in(first);
    } else {
        first = word_at(qname, 0);
        high = first;
        colon = colon_in(first);
        // `colon == at`: none among the `at` bytes scanned yet.
        let mut at = 8;
        let mut words = qname[8..].chunks_exact(8);
        for chunk in &mut words {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            high |= word;
            if colon == at {
                colon = at + colon_in(word);
            }
            at += 8;
        }
        if !words.remainder().is_empty() {
            // The last 8 bytes, overlapping bytes already scanned (with no
            // colon among them): a colon found is past them.
            let word = word_at(qname, len - 8);
            high |= word;
            if colon == at {
                colon = len - 8 + colon_in(word);
            }
        }
    }
    let ascii = high & HIGHS == 0;
    if colon >= len {
        return QName {
            prefix: b"",
            local: qname,
            key: 0,
            ascii,
        };
    }
    let key = if colon < 8 {
        // Bytes `0..colon` of the first word; a mask of 8 bytes never occurs
        // (the colon is within the word).
        (first & ((1u64 << (colon * 8)) - 1)) | (colon as u64) << 56
    } else {
        LONG_PREFIX
    };
    QName {
        prefix: &qname[..colon],
        local: &qname[colon + 1..],
        key,
        ascii,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_qname_agrees_with_split_name_and_prefix_key() {
        for name in [
            &b""[..],
            b"a",
            b"Id",
            b"d2p1:Key",
            b"i:nil",
            b":x",
            b"x:",
            b"abcdefg:h",
            b"abcdefgh:i",
            b"abcdefghijklmnop:q",
            b"CreatedBy",
            b"EnableCallHistory",
            b"d2p1:KeyValueOfstringValue8Ahp2kgT",
            b"a:b:c",
            "caf\u{e9}:\u{e9}t\u{e9}".as_bytes(),
            "verylongname\u{e9}".as_bytes(),
        ] {
            agree(name);
        }
        for len in 0..40 {
            let plain = vec![b'n'; len];
            agree(&plain);
            for colon in 0..len {
                let mut name = plain.clone();
                name[colon] = b':';
                agree(&name);
                name[len - 1 - colon] = b':';
                agree(&name);
                name[colon] = 0xc3;
                agree(&name);
            }
        }
    }

    fn agree(name: &[u8]) {
        let q = split_qname(name);
        let (prefix, local) = split_name(name);
        assert_eq!((q.prefix, q.local), (prefix, local), "{name:?}");
        assert_eq!(q.key, prefix_key(prefix), "{name:?}");
        assert_eq!(q.ascii, name.is_ascii(), "{name:?}");
    }

    #[test]
    fn hot_prefixes_follow_declarations_and_scope_ends() {
        let mut scopes = Scopes::default();
        let ns = |s: &mut Scopes, p: &[u8]| s.resolve_at(p).map(|i| s.namespace(i).to_vec());
        scopes.declare(1, b"", b"urn:a");
        scopes.declare(1, b"p", b"urn:p");
        for _ in 0..2 {
            assert_eq!(ns(&mut scopes, b""), Some(b"urn:a".to_vec()));
            assert_eq!(ns(&mut scopes, b"p"), Some(b"urn:p".to_vec()));
            scopes.declare(2, b"", b"urn:b");
            scopes.declare(2, b"q", b"urn:q");
            assert_eq!(ns(&mut scopes, b""), Some(b"urn:b".to_vec()));
            assert_eq!(ns(&mut scopes, b"q"), Some(b"urn:q".to_vec()));
            scopes.leave(3);
            assert_eq!(ns(&mut scopes, b""), Some(b"urn:b".to_vec()));
            scopes.leave(2);
            assert_eq!(ns(&mut scopes, b"q"), None);
            assert_eq!(ns(&mut scopes, b""), Some(b"urn:a".to_vec()));
        }
        scopes.leave(1);
        assert_eq!(ns(&mut scopes, b""), None);
        assert_eq!(ns(&mut scopes, b"p"), None);
    }

    #[test]
    fn many_prefixes_resolve_through_the_index_and_back() {
        let mut scopes = Scopes::default();
        let ns = |s: &mut Scopes, p: &[u8]| s.resolve_at(p).map(|i| s.namespace(i).to_vec());
        let name = |i: usize| format!("p{i}").into_bytes();
        let long = |i: usize| format!("averylongprefix{i}").into_bytes();
        // Depth 1 binds 3 * FEW short prefixes (past the vector's size)
        // and as many long ones; depth 2 hides every other one of each.
        for i in 0..3 * FEW {
            scopes.declare(1, &name(i), format!("urn:{i}").as_bytes());
            scopes.declare(1, &long(i), format!("urn:long{i}").as_bytes());
        }
        for i in (0..3 * FEW).step_by(2) {
            scopes.declare(2, &name(i), format!("urn:inner{i}").as_bytes());
            scopes.declare(2, &long(i), format!("urn:innerlong{i}").as_bytes());
        }
        assert!(scopes.innermost.many.is_some());
        for i in 0..3 * FEW {
            let (short, long_ns) = if i % 2 == 0 {
                (format!("urn:inner{i}"), format!("urn:innerlong{i}"))
            } else {
                (format!("urn:{i}"), format!("urn:long{i}"))
            };
            assert_eq!(ns(&mut scopes, &name(i)), Some(short.into_bytes()));
            assert_eq!(ns(&mut scopes, &long(i)), Some(long_ns.into_bytes()));
        }
        scopes.leave(2);
        for i in 0..3 * FEW {
            let want = format!("urn:{i}").into_bytes();
            assert_eq!(ns(&mut scopes, &name(i)), Some(want));
            let want = format!("urn:long{i}").into_bytes();
            assert_eq!(ns(&mut scopes, &long(i)), Some(want));
        }
        assert_eq!(ns(&mut scopes, b"q"), None);
        scopes.leave(1);
        assert!(scopes.innermost.many.is_none(), "back to the vector");
        assert!(scopes.innermost.is_empty() && scopes.long.is_empty());
        // The vector serves again.
        scopes.declare(1, b"p", b"urn:p");
        assert_eq!(ns(&mut scopes, b"p"), Some(b"urn:p".to_vec()));
        assert_eq!(ns(&mut scopes, &name(0)), None);
    }

    #[test]
    fn scopes_resolve_the_innermost_binding_and_restore_on_leave() {
        let mut scopes = Scopes::default();
        scopes.declare(1, b"", b"urn:root");
        scopes.declare(1, b"i", XSI_NS.as_bytes());
        scopes.declare(2, b"", b"urn:inner");
        scopes.declare(2, b"averylongprefix", b"urn:long");
        scopes.declare(3, b"averylongprefix", b"urn:longer");
        let ns = |s: &mut Scopes, p: &[u8]| s.resolve_at(p).map(|i| s.namespace(i).to_vec());
        assert_eq!(ns(&mut scopes, b""), Some(b"urn:inner".to_vec()));
        assert_eq!(
            ns(&mut scopes, b"averylongprefix"),
            Some(b"urn:longer".to_vec())
        );
        let i = scopes.resolve_at(b"i").unwrap();
        assert!(scopes.bindings[i].xsi);
        assert_eq!(ns(&mut scopes, b""), Some(b"urn:inner".to_vec()));
        assert_eq!(ns(&mut scopes, b"i"), Some(XSI_NS.as_bytes().to_vec()));
        scopes.leave(3);
        assert_eq!(
            ns(&mut scopes, b"averylongprefix"),
            Some(b"urn:long".to_vec())
        );
        scopes.leave(2);
        assert_eq!(ns(&mut scopes, b""), Some(b"urn:root".to_vec()));
        assert_eq!(ns(&mut scopes, b"averylongprefix"), None);
        scopes.leave(1);
        assert_eq!(ns(&mut scopes, b""), None);
        assert_eq!(ns(&mut scopes, b"i"), None);
        assert!(scopes.arena.is_empty() && scopes.innermost.is_empty() && scopes.long.is_empty());
    }
}
