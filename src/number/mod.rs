//! Printing and reading `f64` exactly as .NET does.
//!
//! ServiceStack writes doubles with `double.ToString(InvariantCulture)` (JSON, JSV,
//! CSV) and DataContractSerializer writes them with the "R" format (XML). The
//! .NET Framework (and Mono) and .NET Core 3.0+ disagree on the digits and on
//! where scientific notation starts, so byte-exact output needs both styles.
//!
//! Every style reduces to the same two steps: choose significant digits
//! `d1..dn` (trailing zeros dropped) and a decimal exponent `k` with
//! value = `0.d1..dn × 10^k`, then lay them out. Only the digit choice differs:
//!
//! | style                 | digits                                              | m  |
//! |-----------------------|-----------------------------------------------------|----|
//! | Framework `ToString`  | exact value rounded half away from zero to 15       | 15 |
//! | Framework "R"         | the 15-digit form if it reads back, else 17 digits  | 15 / 17 |
//! | Core (both formats)   | shortest digits that read back (ryu)                | 17 |
//!
//! Scientific form is used when `k > m` or `k < -3`.
//!
//! The runtimes' own flaws are deliberately not copied (the vectors'
//! expected columns don't either): .NET Core 3.1 printing some integers of
//! 2^53 and above with 17 digits (1e23 as `9.999999999999999E+22`), the
//! Framework "R" drifting in the 17th digit below about 1e-190, and the
//! Framework parser misreading a 15-digit form so that "R" falls back to 17
//! digits (0.9501 as `0.95009999999999994`); here the read-back test is
//! correctly rounded, so 0.9501 stays `0.9501`.

use core::fmt::{self, Write as _};

/// Which .NET runtime's number printing to reproduce.
///
/// Core is the default because current ServiceStack servers run on .NET Core
/// 3.0+; Framework reproduces the Mono-generated test vectors and old servers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DotNetStyle {
    /// .NET Core 3.0 and later: shortest round-trip digits, `-0` kept.
    #[default]
    Core,
    /// .NET Framework / Mono: 15 digits for `ToString()`, 15-or-17 for "R",
    /// and `ToString()` loses the sign of -0.0.
    Framework,
}

/// Where the number is written: ToString() (JSON, JSV, CSV) or the "R" format (XML).
///
/// The two only differ on the Framework; on Core both give the shortest text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberFormat {
    /// `double.ToString(InvariantCulture)`, used by ServiceStack's JSON, JSV and CSV writers.
    ToString,
    /// `double.ToString("R")`, used by DataContractSerializer for XML.
    RoundTrip,
}

/// Writes `value` into `buf` (appends) the way .NET prints it; returns nothing. No allocation besides growing buf.
///
/// NaN and infinities never occur in the wire data, but printing them must not
/// panic, so they come out as .NET Core spells them (`NaN`, `Infinity`,
/// `-Infinity`), which is also what the Framework's invariant culture prints.
pub fn write_f64(buf: &mut Vec<u8>, value: f64, style: DotNetStyle, format: NumberFormat) {
    if value.is_nan() {
        buf.extend_from_slice(b"NaN");
        return;
    }
    if value.is_infinite() {
        buf.extend_from_slice(if value < 0.0 {
            b"-Infinity"
        } else {
            b"Infinity"
        });
        return;
    }
    if value == 0.0 {
        // The Framework's ToString() drops the sign of -0.0; its "R" and Core keep it.
        let keep_sign = !(style == DotNetStyle::Framework && format == NumberFormat::ToString);
        if value.is_sign_negative() && keep_sign {
            buf.push(b'-');
        }
        buf.push(b'0');
        return;
    }
    let (dec, max_plain_exp) = match (style, format) {
        (DotNetStyle::Core, _) => (shortest(value), 17),
        (DotNetStyle::Framework, NumberFormat::ToString) => (rounded(value, 15), 15),
        (DotNetStyle::Framework, NumberFormat::RoundTrip) => {
            let d15 = rounded(value, 15);
            if d15.reads_back_as(value) {
                (d15, 15)
            } else {
                (rounded(value, 17), 17)
            }
        }
    };
    dec.lay_out(buf, value.is_sign_negative(), max_plain_exp);
}

/// Appends the decimal digits of `v`, as every .NET writer prints an
/// integer (invariant culture: no group separators).
pub(crate) fn write_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends the decimal form of `v` (a `-` before a negative one).
pub(crate) fn write_i64(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    write_u64(out, v.unsigned_abs());
}

/// Convenience returning a String.
///
/// For tests and one-off use; encoders should call [`write_f64`] on their
/// output buffer to avoid an allocation per number.
pub fn format_f64(value: f64, style: DotNetStyle, format: NumberFormat) -> String {
    let mut buf = Vec::with_capacity(24);
    write_f64(&mut buf, value, style, format);
    // Only ASCII digits, signs, '.', 'E' and the NaN/Infinity words are ever written.
    String::from_utf8(buf).expect("number text is ASCII")
}

/// Parses number text as .NET writers produce it (and ordinary decimal or
/// scientific text: `5.0`, `1E+300`, `1e-5`, `-0`, a leading `+`; no
/// whitespace) into the correctly rounded nearest double. Returns `None` for
/// text that is not a number (`NaN`, `Infinity`, empty, `1e`, hex).
///
/// The grammar is `[+-]? digits [. digits?]? ([eE] [+-]? digits)?`, where the
/// mantissa may also be `.digits`; at least one mantissa digit is required.
/// The grammar is checked here because `str::parse::<f64>` also accepts
/// `inf`, `nan` and `infinity`, which no .NET writer produces for our data.
/// Text whose magnitude overflows is refused (`None`), as the .NET Framework
/// refuses it: reading it as infinity would turn bad input into a value no
/// format can write back. Text that underflows reads as (signed) zero.
pub fn parse_f64(text: &str) -> Option<f64> {
    match parse_short_decimal(text.as_bytes()) {
        Short::Value(v) => return Some(v),
        // The grammar is already known to hold.
        Short::LongDecimal => {}
        Short::Other if !is_decimal_number(text.as_bytes()) => return None,
        Short::Other => {}
    }
    // The grammar above is a subset of what Rust accepts, and Rust's parser is
    // correctly rounded, which decoders need to reproduce .NET's doubles.
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        // The .NET Framework prints double.MaxValue rounded to 15 digits,
        // `1.79769313486232E+308`, which lies above the largest double: read
        // it as the value it was printed from.
        Ok(v) if is_framework_max(text) => Some(f64::MAX.copysign(v)),
        _ => None,
    }
}

/// The powers of ten a double holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// What [`parse_short_decimal`] made of a text.
enum Short {
    /// The value, exactly as the general parser reads it.
    Value(f64),
    /// `[+-]?digits[.digits]` (valid) but too long to read exactly here.
    LongDecimal,
    /// Anything else: an exponent, or not a number.
    Other,
}

/// The common case of [`parse_f64`], `[+-]?digits[.digits]` with at most 19
/// digits whose value fits in 53 bits, read without the general parser:
/// the digits and the power of ten are then exact doubles, and one IEEE
/// division rounds their quotient correctly, as the general parser would.
#[inline]
fn parse_short_decimal(s: &[u8]) -> Short {
    match short_decimal(s) {
        Ok(Some(v)) => Short::Value(v),
        Ok(None) => Short::LongDecimal,
        Err(()) => Short::Other,
    }
}

/// [`parse_short_decimal`]: `Ok(None)` for a valid decimal too long to
/// read exactly, `Err` for text that is not `[+-]?digits[.digits]`.
#[inline]
fn short_decimal(s: &[u8]) -> Result<Option<f64>, ()> {
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut fraction = 0usize;
    let mut seen_point = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                // Past 19 digits the mantissa could overflow: such text is
                // only checked from here on.
                if count < 19 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                }
                count += 1;
                fraction += usize::from(seen_point);
            }
            b'.' if !seen_point => seen_point = true,
            _ => return Err(()),
        }
    }
    if count == 0 {
        return Err(());
    }
    if count > 19 || mantissa > 1 << 53 || fraction >= EXACT_POWERS_OF_TEN.len() {
        return Ok(None);
    }
    let value = mantissa as f64 / EXACT_POWERS_OF_TEN[fraction];
    Ok(Some(if negative { -value } else { value }))
}

/// True for `1.79769313486232E+308` with an optional sign and any exponent
/// spelling, the only overflowing text a Framework writer produces.
fn is_framework_max(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    matches!(
        unsigned,
        "1.79769313486232E+308"
            | "1.79769313486232E308"
            | "1.79769313486232e+308"
            | "1.79769313486232e308"
    )
}

/// Checks the number grammar accepted by [`parse_f64`].
fn is_decimal_number(s: &[u8]) -> bool {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let mut mantissa_digits = i - int_start;
    if i < s.len() && s[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        mantissa_digits += i - frac_start;
    }
    if mantissa_digits == 0 {
        return false;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == s.len()
}

/// Most significant digits any style prints (Framework "R" fallback).
const MAX_DIGITS: usize = 17;

/// Digit capacity of [`Decimal`]: 17 plus the two guard digits `rounded` inspects.
const DIGIT_CAP: usize = MAX_DIGITS + 2;

/// A positive decimal `0.d1..dn × 10^k` with no leading or trailing zero digits.
///
/// Invariant: `digits[len..]` are all `b'0'`. That lets `lay_out` copy the
/// whole fixed-size array (inlined moves, no `memmove` call) and get the
/// zeros of a large integer such as `10000000000000000` for free.
#[derive(Clone, Copy)]
struct Decimal {
    /// ASCII digits; `digits[..len]` are significant, the rest are `b'0'`.
    digits: [u8; DIGIT_CAP],
    len: usize,
    k: i32,
}

impl Decimal {
    /// Reads text like `-1.2345e-7`, `123.0` or `1e16` (ryu and Rust `{:e}`
    /// output; the sign is ignored). Digits beyond the first `keep` are cut
    /// off: deciding half-away-from-zero rounding to `n` digits needs only
    /// digit `n + 1`, so the rest of a long exact expansion can be dropped.
    fn from_text(text: &[u8], keep: usize) -> Decimal {
        let cap = keep.min(DIGIT_CAP);
        let mut dec = Decimal {
            digits: [b'0'; DIGIT_CAP],
            len: 0,
            k: 0,
        };
        let mut int_digits: i32 = 0;
        let mut seen_point = false;
        let mut leading_zeros: i32 = 0;
        let mut exp: i32 = 0;
        for (i, &c) in text.iter().enumerate() {
            match c {
                b'0'..=b'9' => {
                    int_digits += i32::from(!seen_point);
                    if c == b'0' && dec.len == 0 {
                        leading_zeros += 1;
                    } else if dec.len < cap {
                        dec.digits[dec.len] = c;
                        dec.len += 1;
                    }
                }
                b'.' => seen_point = true,
                b'e' | b'E' => {
                    let rest = &text[i + 1..];
                    let (neg, rest) = match rest.first() {
                        Some(b'-') => (true, &rest[1..]),
                        Some(b'+') => (false, &rest[1..]),
                        _ => (false, rest),
                    };
                    for &d in rest {
                        exp = exp * 10 + i32::from(d.wrapping_sub(b'0'));
                    }
                    if neg {
                        exp = -exp;
                    }
                    break;
                }
                // The sign: callers print it themselves.
                _ => {}
            }
        }
        // Stripped zeros stay in the array as `b'0'`, keeping the invariant.
        while dec.len > 0 && dec.digits[dec.len - 1] == b'0' {
            dec.len -= 1;
        }
        dec.k = int_digits + exp - leading_zeros;
        dec
    }

    /// The digit at `i`, which is `b'0'` past `len` by the invariant.
    fn digit(&self, i: usize) -> u8 {
        self.digits.get(i).copied().unwrap_or(b'0')
    }

    /// Rounds to `n` digits, up when digit `n + 1` is 5 or more. With exact
    /// digits (or guard digits known not to be "50") that is half away from
    /// zero on the magnitude, since any tail after a 5 only pushes further up.
    fn round_half_away(mut self, n: usize) -> Decimal {
        let round_up = self.digit(n) >= b'5';
        if self.len > n {
            self.digits[n..].fill(b'0');
            self.len = n;
        }
        if round_up {
            let mut i = n;
            loop {
                if i == 0 {
                    // All n digits were 9: 0.99..9 rounds up to 0.1 × 10^(k+1).
                    self.digits[0] = b'1';
                    self.len = 1;
                    self.k += 1;
                    break;
                }
                i -= 1;
                if self.digits[i] == b'9' {
                    self.digits[i] = b'0';
                } else {
                    self.digits[i] += 1;
                    break;
                }
            }
        }
        while self.len > 1 && self.digits[self.len - 1] == b'0' {
            self.len -= 1;
        }
        self
    }

    /// Writes the .NET layout: plain when `-3 <= k <= max_plain_exp`, else
    /// `d1[.d2..dn]E±XX`. The threshold is .NET's precision (15 or 17), which
    /// is why 1e15 is scientific on the Framework but plain on Core.
    fn lay_out(&self, buf: &mut Vec<u8>, negative: bool, max_plain_exp: i32) {
        debug_assert!((1..=MAX_DIGITS).contains(&self.len));
        debug_assert!(self.digits[self.len..].iter().all(|&d| d == b'0'));
        // Composed on the stack and appended once: one capacity check on the
        // hot path instead of one per byte. Fixed-size copies of the whole
        // digit array may write past the text's end; `n` marks where it ends.
        let mut out = [b'0'; 48];
        let mut n = 0;
        if negative {
            out[0] = b'-';
            n = 1;
        }
        let d = &self.digits;
        let len = self.len;
        let k = self.k;
        if k > max_plain_exp || k < -3 {
            // d1 '.' d2..dn, then overwrite the '.' position if there is one digit.
            out[n + 1..n + 1 + DIGIT_CAP].copy_from_slice(d);
            out[n] = d[0];
            out[n + 1] = b'.';
            n += if len > 1 { len + 1 } else { 1 };
            let exp = k - 1;
            out[n] = b'E';
            out[n + 1] = if exp < 0 { b'-' } else { b'+' };
            n += 2;
            let exp = exp.unsigned_abs();
            if exp >= 100 {
                out[n] = b'0' + (exp / 100) as u8;
                n += 1;
            }
            out[n] = b'0' + (exp / 10 % 10) as u8;
            out[n + 1] = b'0' + (exp % 10) as u8;
            n += 2;
        } else if k <= 0 {
            // "0." then -k zeros (already in `out`) then the digits.
            out[n + 1] = b'.';
            n += 2 + (-k) as usize;
            out[n..n + DIGIT_CAP].copy_from_slice(d);
            n += len;
        } else {
            let int_len = k as usize;
            if len <= int_len {
                // The integer's trailing zeros come from the digit array (k <= 17 < 19).
                out[n..n + DIGIT_CAP].copy_from_slice(d);
                n += int_len;
            } else {
                out[n + 1..n + 1 + DIGIT_CAP].copy_from_slice(d);
                out[n..n + int_len].copy_from_slice(&d[..int_len]);
                out[n + int_len] = b'.';
                n += len + 1;
            }
        }
        buf.extend_from_slice(&out[..n]);
    }

    /// Whether this decimal, read with a correctly rounded parser, gives back
    /// `value`'s magnitude; this is the Framework "R" test for its 15-digit form.
    fn reads_back_as(&self, value: f64) -> bool {
        let mut text = StackStr::<40>::new();
        // Formatting into a large enough stack buffer cannot fail.
        let _ = write!(
            text,
            "{}e{}",
            // Digits are ASCII by construction.
            core::str::from_utf8(&self.digits[..self.len]).unwrap_or("0"),
            self.k - self.len as i32
        );
        text.as_str().parse::<f64>().ok() == Some(value.abs())
    }
}

/// The shortest digits that read back to `value` (the .NET Core 3.0+ choice).
///
/// `value` must be finite and non-zero. ryu gives the shortest digits, picking
/// the closest to the exact value when several are equally short, which is
/// what .NET Core intends (its 3.1 runtime deviates on a few large integers;
/// the vectors' expected columns follow the intent).
fn shortest(value: f64) -> Decimal {
    let mut ryu_buf = ryu::Buffer::new();
    Decimal::from_text(ryu_buf.format_finite(value).as_bytes(), MAX_DIGITS)
}

/// `|value|` rounded half away from zero to `n` significant digits, trailing zeros dropped.
///
/// Rust's `{:.Ne}` rounds the exact value half to EVEN, while .NET rounds half
/// away from zero, and exact ties do occur (e.g. 16-digit integers ending in 5
/// below 2^53 at 15 digits). So first format 2 digits more than needed and
/// round by hand: if those two guard digits are anything but "50" the
/// decision is already certain (the true tail is below .495 or above .505).
/// Only for "50" (about 1 in 100 values) is the exact expansion needed, which
/// is always finite for a double and is printed exactly by `{:.800e}` (no
/// double has more than 767 significant digits).
fn rounded(value: f64, n: usize) -> Decimal {
    debug_assert!((1..=MAX_DIGITS).contains(&n));
    let abs = value.abs();
    let mut approx = StackStr::<48>::new();
    let _ = write!(approx, "{:.*e}", n + 1, abs);
    let dec = Decimal::from_text(approx.as_bytes(), n + 2);
    if dec.digit(n) == b'5' && dec.digit(n + 1) == b'0' {
        let mut exact = StackStr::<832>::new();
        let _ = write!(exact, "{:.800e}", abs);
        return Decimal::from_text(exact.as_bytes(), n + 1).round_half_away(n);
    }
    dec.round_half_away(n)
}

/// A fixed-size `fmt::Write` sink so formatting needs no heap allocation.
struct StackStr<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> StackStr<N> {
    fn new() -> Self {
        StackStr {
            bytes: [0; N],
            len: 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn as_str(&self) -> &str {
        // Only `fmt` output (valid UTF-8) is ever written.
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

impl<const N: usize> fmt::Write for StackStr<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
