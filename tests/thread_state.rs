//! What the crate keeps per thread does not grow with the number of calls:
//! model types driven by plain serde_json, outside any call of this crate,
//! used to leave each failure's error path in a thread-local for good
//! (200,000 failures reached 950 MB).
//!
//! A global allocator counts the bytes each thread holds (allocated minus
//! freed by that thread), so other tests running beside this one do not
//! disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use evovoice_codec::json;
use evovoice_codec::model::{CustomerInfo, Struct, Tag};

struct PerThread;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
}

fn held_change(bytes: isize) {
    // `try_with`: the thread's own slot may be gone while it exits.
    let _ = HELD.try_with(|h| h.set(h.get() + bytes));
}

unsafe impl GlobalAlloc for PerThread {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            held_change(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        held_change(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            held_change(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: PerThread = PerThread;

fn held() -> isize {
    HELD.with(Cell::get)
}

/// Bytes this thread still holds after `rounds` more calls of `fail`.
fn growth(rounds: usize, fail: impl Fn()) -> isize {
    let before = held();
    for _ in 0..rounds {
        fail();
    }
    held() - before
}

/// A call that fails, named.
type Failing = Box<dyn Fn()>;

#[test]
fn failures_outside_the_crates_calls_leave_nothing_behind() {
    let deep_key = format!(
        "{}{}",
        r#"{"a":{"structValue":"#.repeat(50),
        r#"{"b":{"numberValue":"not a number"}}"#
    );
    let failing: [(&str, Failing); 3] = [
        (
            "unknown enum name",
            Box::new(|| assert!(serde_json::from_str::<Tag>(r#"{"color":"nope"}"#).is_err())),
        ),
        (
            "a deep error",
            Box::new(move || assert!(serde_json::from_str::<Struct>(&deep_key).is_err())),
        ),
        (
            "a list item",
            Box::new(|| {
                assert!(
                    serde_json::from_str::<CustomerInfo>(r#"{"tags":[{},{"color":99}]}"#).is_err()
                )
            }),
        ),
    ];
    for (what, fail) in &failing {
        // Warm up (first-use allocations of the thread-local state), then
        // ten times as many failures must not hold more than a few bytes
        // more than a hundred did: nothing is kept per call.
        let _ = growth(100, fail);
        let few = growth(100, fail);
        let many = growth(1_000, fail);
        assert!(
            many <= few.max(0) + 64,
            "{what}: 100 failures kept {few} bytes, 1,000 kept {many}"
        );
    }
    // And through the crate's own calls, which clear what they note.
    let _ = growth(100, || {
        assert!(json::from_str::<Tag>(r#"{"color":"nope"}"#).is_err())
    });
    let many = growth(1_000, || {
        assert!(json::from_str::<Tag>(r#"{"color":"nope"}"#).is_err())
    });
    assert!(many <= 64, "1,000 failed calls kept {many} bytes");
}
