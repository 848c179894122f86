//! Per-call state shared by the model's serde impls and every format: the
//! depth counter, strict mode, and the member path of the first error.
//!
//! Why a thread-local and not a value passed down: the model's types implement
//! plain `serde::Serialize`/`Deserialize`, whose signatures carry no context,
//! so that any serde format (serde_json, ours, or a user's) can drive them.
//! Each top-level call of this crate opens a [`Session`] that sets the options
//! and restores the previous state when it ends, so nested calls (CSV cells
//! holding JSV) and calls from other crates stay independent. A type used
//! outside any session gets the defaults: depth limit 128, lenient decoding.
//!
//! Two hints also travel this way, from the XML format to the model, for
//! speed only: [`set_static_keys`] (the decoder names members by the model's
//! own strings, found by address) and [`request_member_order`] (the encoder
//! asks a DTO for its members in DataContract order). The model checks both
//! (by address, by class) and takes its usual path when they do not apply.
//! One travels the other way, for shape rather than speed:
//! [`offer_class`] (a `[DataContract]` class names itself to the CSV root,
//! which writes some such classes as a list).

use std::cell::{Cell, RefCell};

use crate::error::{Category, Path, Segment};
use crate::model::ClassInfo;

/// The default nesting limit, as serde_json's.
pub const DEFAULT_DEPTH_LIMIT: usize = 128;

struct State {
    depth: Cell<usize>,
    limit: Cell<usize>,
    strict: Cell<bool>,
    keep_null_entries: Cell<bool>,
    /// The decoder hands member names over as the model's own `json_name`
    /// strings (see [`set_static_keys`]).
    static_keys: Cell<bool>,
    /// Set by the code that raised the error, so the category survives being
    /// carried through another library's error type (serde_json's).
    failure: Cell<Option<Category>>,
    /// Innermost segment first; filled while an error unwinds.
    path: RefCell<Vec<Segment>>,
    /// `failure` or `path` holds something. Entering a container clears
    /// both: nothing is entered while an error unwinds, so a failure still
    /// recorded when reading goes on belongs to an error somebody discarded
    /// (serde's untagged enums try each variant and drop their errors).
    error_pending: Cell<bool>,
    /// A session is open: somebody will take the path. Outside one (a
    /// model type driven by plain serde_json) nothing is noted, so a
    /// thread that fails many calls keeps nothing of them.
    in_session: Cell<bool>,
    /// The member order an encoder asked for the class it just opened (see
    /// [`request_member_order`]).
    member_order: Cell<Option<MemberOrder>>,
    /// The `[DataContract]` class whose struct opens next (see
    /// [`offer_class`]).
    offered_class: Cell<Option<&'static ClassInfo>>,
}

/// A class and the order (indices into its `json_order`) to visit its
/// members in.
type MemberOrder = (&'static ClassInfo, &'static [usize]);

thread_local! {
    static STATE: State = const {
        State {
            depth: Cell::new(0),
            limit: Cell::new(DEFAULT_DEPTH_LIMIT),
            strict: Cell::new(false),
            keep_null_entries: Cell::new(false),
            static_keys: Cell::new(false),
            failure: Cell::new(None),
            path: RefCell::new(Vec::new()),
            error_pending: Cell::new(false),
            in_session: Cell::new(false),
            member_order: Cell::new(None),
            offered_class: Cell::new(None),
        }
    };
}

/// Options of one encode or decode call, as far as the model sees them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SessionOptions {
    /// Maximum nesting; `None` disables the check.
    pub depth_limit: Option<usize>,
    /// Reject unknown members instead of skipping them.
    pub strict: bool,
    /// Write dictionary entries whose value is null (XML does; JSON and JSV
    /// leave them out, as ServiceStack does).
    pub keep_null_entries: bool,
}

/// The state of one top-level call; dropping it restores the outer state.
pub(crate) struct Session {
    saved_depth: usize,
    saved_limit: usize,
    saved_strict: bool,
    saved_keep_null_entries: bool,
    saved_static_keys: bool,
    saved_failure: Option<Category>,
    saved_path: Vec<Segment>,
    saved_in_session: bool,
}

impl Session {
    pub(crate) fn begin(options: SessionOptions) -> Session {
        STATE.with(|s| Session {
            saved_depth: s.depth.replace(0),
            saved_limit: s.limit.replace(options.depth_limit.unwrap_or(usize::MAX)),
            saved_strict: s.strict.replace(options.strict),
            saved_keep_null_entries: s.keep_null_entries.replace(options.keep_null_entries),
            saved_static_keys: s.static_keys.replace(false),
            saved_failure: s.failure.replace(None),
            saved_path: {
                // A request left over by a failed call must not reorder this one.
                s.member_order.set(None);
                s.offered_class.set(None);
                s.error_pending.set(false);
                std::mem::take(&mut *s.path.borrow_mut())
            },
            saved_in_session: s.in_session.replace(true),
        })
    }

    /// The category recorded by the code that failed, if any.
    pub(crate) fn failure(&self) -> Option<Category> {
        STATE.with(|s| s.failure.get())
    }

    /// The member path collected while the error unwound (outermost first).
    pub(crate) fn take_path(&self) -> Path {
        STATE.with(|s| {
            let mut segments = std::mem::take(&mut *s.path.borrow_mut());
            s.error_pending.set(false);
            segments.reverse();
            Path(segments)
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        STATE.with(|s| {
            s.depth.set(self.saved_depth);
            s.limit.set(self.saved_limit);
            s.strict.set(self.saved_strict);
            s.keep_null_entries.set(self.saved_keep_null_entries);
            s.static_keys.set(self.saved_static_keys);
            s.failure.set(self.saved_failure);
            let saved_path = std::mem::take(&mut self.saved_path);
            s.error_pending
                .set(!saved_path.is_empty() || self.saved_failure.is_some());
            *s.path.borrow_mut() = saved_path;
            s.in_session.set(self.saved_in_session);
            s.member_order.set(None);
            s.offered_class.set(None);
        })
    }
}

/// One level of nesting; leaving it (drop) decrements the depth.
pub(crate) struct DepthGuard(());

impl Drop for DepthGuard {
    fn drop(&mut self) {
        STATE.with(|s| s.depth.set(s.depth.get() - 1));
    }
}

/// Enters one container (object, map or list). Fails with the depth error
/// when that would exceed the limit, so depth `limit` is allowed and
/// `limit + 1` is not.
#[inline]
pub(crate) fn enter<E, F: FnOnce(String) -> E>(make_error: F) -> Result<DepthGuard, E> {
    STATE.with(|s| {
        let depth = s.depth.get() + 1;
        let limit = s.limit.get();
        if depth > limit {
            return Err(make_error(too_deep(s, limit)));
        }
        if s.error_pending.get() {
            forget_discarded_error(s);
        }
        s.depth.set(depth);
        Ok(DepthGuard(()))
    })
}

/// The depth error's message, the failure recorded: out of line, as every
/// object, list and map a decoder or encoder reads comes through [`enter`].
#[cold]
#[inline(never)]
fn too_deep(s: &State, limit: usize) -> String {
    s.failure.set(Some(Category::Depth));
    s.error_pending.set(true);
    crate::error::depth_message(limit)
}

/// Drops what an error that did not end the call recorded (see
/// `State::error_pending`).
#[cold]
#[inline(never)]
fn forget_discarded_error(s: &State) {
    s.path.borrow_mut().clear();
    s.failure.set(None);
    s.error_pending.set(false);
}

/// The session's depth limit (`usize::MAX` when unbounded).
pub(crate) fn depth_limit() -> usize {
    STATE.with(|s| s.limit.get())
}

/// True when unknown members must be rejected.
pub(crate) fn strict() -> bool {
    STATE.with(|s| s.strict.get())
}

/// True when null dictionary values must be written.
pub(crate) fn keep_null_entries() -> bool {
    STATE.with(|s| s.keep_null_entries.get())
}

/// Declares, for the rest of the session, that the decoder names members by
/// handing over the model's own `json_name` strings (XML, which matches
/// element names against the contract itself): the model then finds them by
/// address, whatever order they come in. Any other name is still found the
/// usual way.
pub(crate) fn set_static_keys(on: bool) {
    STATE.with(|s| s.static_keys.set(on));
}

/// See [`set_static_keys`].
pub(crate) fn static_keys() -> bool {
    STATE.with(|s| s.static_keys.get())
}

/// Records the category of an error being raised (first one wins).
pub(crate) fn fail(category: Category) {
    STATE.with(|s| {
        if s.failure.get().is_none() {
            s.failure.set(Some(category));
            s.error_pending.set(true);
        }
    })
}

/// Adds a segment to the path of the error unwinding through the caller.
pub(crate) fn note(segment: Segment) {
    STATE.with(|s| {
        if s.in_session.get() {
            s.path.borrow_mut().push(segment);
            s.error_pending.set(true);
        }
    });
}

/// Asks the DTO about to write its members into a just-opened struct of
/// `class` to visit them in `order` (indices into its `json_order`) instead
/// of ServiceStack's. DataContract XML writes base members first and each
/// class's own ones by ordinal name; visiting them in that order spares
/// the encoder moving bytes around afterwards.
#[inline]
pub(crate) fn request_member_order(class: &'static ClassInfo, order: &'static [usize]) {
    STATE.with(|s| s.member_order.set(Some((class, order))));
}

/// The order requested for `class`, consumed; `None` when none was (any
/// serializer but the XML one), so the members go in ServiceStack order.
#[inline]
pub(crate) fn take_member_order(class: &'static ClassInfo) -> Option<&'static [usize]> {
    STATE.with(|s| match s.member_order.get() {
        Some((c, order)) if same_class(c, class) => {
            s.member_order.set(None);
            Some(order)
        }
        _ => None,
    })
}

/// A generic DTO's `CLASS` is a constant, so its address can differ
/// between uses; every instance of one generic class has the same member
/// names, hence the same order, so the name and namespace suffice then.
#[inline]
fn same_class(a: &ClassInfo, b: &ClassInfo) -> bool {
    std::ptr::eq(a, b) || (a.name == b.name && a.namespace == b.namespace)
}

/// Says that the struct about to open (or be read) is of `class`, a
/// `[DataContract]` class. CSV writes such a class at its root as the rows
/// of one of its lists ([`ClassInfo::csv_rows`]), and a serde `Serializer`
/// or `Deserializer` learns only the struct's name; the other formats
/// never look. Offered by `[DataContract]` classes alone, so the
/// Evo Voice DTOs pay nothing.
#[inline]
pub(crate) fn offer_class(class: &'static ClassInfo) {
    STATE.with(|s| s.offered_class.set(Some(class)));
}

/// The class offered for the struct named `name` (the name the struct is
/// opened with, which is the class's own), consumed; `None` when the
/// struct's type offered none.
#[inline]
pub(crate) fn take_offered_class(name: &str) -> Option<&'static ClassInfo> {
    STATE.with(|s| {
        let class = s.offered_class.take()?;
        (std::ptr::eq(class.name, name) || class.name == name).then_some(class)
    })
}

/// Withdraws a request nobody consumed (the struct was written by a
/// `Serialize` impl other than a DTO's); true when one was pending.
pub(crate) fn withdraw_member_order() -> bool {
    STATE.with(|s| s.member_order.take().is_some())
}
