//! Numbers as the OFD's XML writes them: millimetres to the micrometre, shortest form, the
//! same digits on every machine (integer arithmetic, no float formatting).

use crate::length::Length;

/// A length in whole micrometres, rounded to the nearest (1 µm = 36 EMU).
pub fn um(l: Length) -> i64 {
    let emu = l.to_emu();
    (emu + emu.signum() * 18) / 36
}

/// `l` in millimetres: `210`, `0.353`, `-1.5`.
pub fn mm(l: Length) -> String {
    thousandths(um(l))
}

/// `n` thousandths as a decimal without trailing zeros.
pub fn thousandths(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let (whole, part) = (n.abs() / 1000, n.abs() % 1000);
    if part == 0 {
        format!("{sign}{whole}")
    } else {
        let digits = format!("{part:03}");
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_to_the_micrometre() {
        assert_eq!(mm(Length::mm(210)), "210");
        assert_eq!(mm(Length::um(350)), "0.35");
        assert_eq!(mm(Length::emu(-54_018)), "-1.501");
        assert_eq!(mm(Length::emu(17)), "0");
        assert_eq!(thousandths(800), "0.8");
    }
}
