//! The indented JSV layout of ServiceStack's API reference pages
//! (`JsvFormatter.Format`), applied to compact JSV this crate wrote.
//!
//! A tab per level; a newline after `{`, `[` and `,`; `key: ` with one
//! space; a map or list value starts on its own line after its key; an empty
//! `{}` or `[]` stays where it is. Unlike ServiceStack's formatter, which
//! works on characters, quoted strings pass through untouched, and a bare
//! string with leading or trailing whitespace is quoted (the layout's own
//! whitespace would otherwise swallow it), so the layout reads back to the
//! same value.

/// Lays out `compact`, which must be well-formed compact JSV (our writer's
/// output: outside quotes, every `:` ends a key and no whitespace occurs).
pub(crate) fn layout(compact: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + depth, b'\t');
    };
    while i < compact.len() {
        let b = compact[i];
        match b {
            b'"' => {
                // Copy the quoted string; a doubled quote toggles twice.
                let start = i;
                i += 1;
                loop {
                    match compact[i..].iter().position(|&c| c == b'"') {
                        Some(rel) if compact.get(i + rel + 1) == Some(&b'"') => i += rel + 2,
                        Some(rel) => {
                            i += rel + 1;
                            break;
                        }
                        None => {
                            i = compact.len();
                            break;
                        }
                    }
                }
                out.extend_from_slice(&compact[start..i]);
                continue;
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let after_key = i > 0 && compact[i - 1] == b':';
                if compact.get(i + 1) == Some(&close) {
                    out.push(b);
                    out.push(close);
                    i += 2;
                    continue;
                }
                if after_key {
                    newline(&mut out, depth);
                }
                out.push(b);
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => {
                // A bare token runs to the next structural byte (it holds
                // no quote: the writer would have quoted it).
                let start = i;
                while i < compact.len()
                    && !matches!(compact[i], b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"')
                {
                    i += 1;
                }
                let token = &compact[start..i];
                // The reader trims whitespace around bare text in this
                // layout, so such a token is quoted to keep it.
                let edge = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
                if edge(token.first()) || edge(token.last()) {
                    out.push(b'"');
                    out.extend_from_slice(token);
                    out.push(b'"');
                } else {
                    out.extend_from_slice(token);
                }
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::layout;

    fn pretty(s: &str) -> String {
        String::from_utf8(layout(s.as_bytes())).unwrap()
    }

    #[test]
    fn lays_out_as_the_reference_pages() {
        // Shapes copied from seed page 001 (the NewCustomer response).
        assert_eq!(
            pretty("{id:String,breadcrumb:[{id:String,name:String}],byHour:[0],e:{},l:[]}"),
            "{\n\tid: String,\n\tbreadcrumb: \n\t[\n\t\t{\n\t\t\tid: String,\n\t\t\tname: String\n\t\t}\n\t],\n\tbyHour: \n\t[\n\t\t0\n\t],\n\te: {},\n\tl: []\n}"
        );
    }

    #[test]
    fn leaves_quoted_strings_alone() {
        assert_eq!(
            pretty("{\"a:b\":\"[x,{y}]\",c:\"say \"\"hi\"\", {\"}"),
            "{\n\t\"a:b\": \"[x,{y}]\",\n\tc: \"say \"\"hi\"\", {\"\n}"
        );
    }

    #[test]
    fn edge_whitespace_is_kept_by_quoting() {
        assert_eq!(
            pretty("{ lead:trail ,a b:x\ty}"),
            "{\n\t\" lead\": \"trail \",\n\ta b: x\ty\n}"
        );
    }

    #[test]
    fn null_items_and_scalars() {
        assert_eq!(pretty("[null]"), "[\n\tnull\n]");
        assert_eq!(pretty("plain text"), "plain text");
        assert_eq!(pretty("[{}]"), "[\n\t{}\n]");
    }
}
