//! The fallback for members that arrive in ServiceStack order (a
//! `Serialize` impl that ignored the member-order request): their bytes
//! are moved into XML order when the class ends.

use super::Serializer;

/// Below this size a class is reordered through the scratch buffer whole.
const SMALL_CLASS: usize = 16 * 1024;

/// Puts the members' byte ranges (in arrival order, contiguous up to the
/// end of the output) in XML order. The largest member is moved once, in
/// place; only the others go through the scratch buffer, so a class holding
/// one big list costs one copy of it, not two.
pub(super) fn permute(s: &mut Serializer, ranges: &[(usize, usize)], order: &[usize]) {
    let Some(&(begin, _)) = ranges.first() else {
        return;
    };
    let end = s.w.out.len();
    if end - begin <= SMALL_CLASS {
        // Small: one copy out, one copy back per member.
        s.scratch.clear();
        s.scratch.extend_from_slice(&s.w.out[begin..end]);
        let mut at = begin;
        for &i in order {
            let (from, to) = (ranges[i].0 - begin, ranges[i].1 - begin);
            s.w.out[at..at + to - from].copy_from_slice(&s.scratch[from..to]);
            at += to - from;
        }
        return;
    }
    let largest = (0..ranges.len())
        .max_by_key(|&i| ranges[i].1 - ranges[i].0)
        .unwrap_or(0);
    s.scratch.clear();
    s.offsets.clear();
    for (i, &(from, to)) in ranges.iter().enumerate() {
        s.offsets.push(s.scratch.len());
        if i != largest {
            s.scratch.extend_from_slice(&s.w.out[from..to]);
        }
    }
    let len = |i: usize| ranges[i].1 - ranges[i].0;
    let target = begin
        + order
            .iter()
            .take_while(|&&i| i != largest)
            .map(|&i| len(i))
            .sum::<usize>();
    s.w.out
        .copy_within(ranges[largest].0..ranges[largest].1, target);
    let mut at = begin;
    for &i in order {
        let n = len(i);
        if i != largest {
            let from = s.offsets[i];
            s.w.out[at..at + n].copy_from_slice(&s.scratch[from..from + n]);
        }
        at += n;
    }
}
