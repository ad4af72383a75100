//! `Length` — one exact length type for the whole pipeline.
//!
//! Stored as an integer count of EMU (English Metric Units, 1/914 400 inch), so that every unit
//! the standard and the two writers use is an exact integer: 1 mm = 36 000, 1 pt = 12 700,
//! 1 twip = 635 EMU. Integer arithmetic gives the same positions on every machine, and the DOCX
//! and PDF writers read the very same numbers.

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in EMU. See the module doc.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Length(i64);

impl Length {
    pub const ZERO: Length = Length(0);

    pub const fn emu(v: i64) -> Self {
        Length(v)
    }
    pub const fn mm(v: i64) -> Self {
        Length(v * 36_000)
    }
    /// Micrometres, for rule thicknesses such as 0.35 mm.
    pub const fn um(v: i64) -> Self {
        Length(v * 36)
    }
    pub const fn pt(v: i64) -> Self {
        Length(v * 12_700)
    }
    pub const fn twip(v: i64) -> Self {
        Length(v * 635)
    }
    /// A length of `units` font units in a face of `units_per_em` at `size`.
    pub fn font_units(units: i64, units_per_em: i64, size: Length) -> Self {
        Length(round_div(units * size.0, units_per_em))
    }

    pub const fn to_emu(self) -> i64 {
        self.0
    }
    pub fn to_pt(self) -> f64 {
        self.0 as f64 / 12_700.0
    }
    pub fn to_mm(self) -> f64 {
        self.0 as f64 / 36_000.0
    }
    /// Twips, rounded to the nearest (DOCX measures in whole twips).
    pub fn to_twip(self) -> i64 {
        round_div(self.0, 635)
    }
    /// Half-points, rounded (OOXML `w:sz`).
    pub fn to_half_pt(self) -> i64 {
        round_div(self.0, 6_350)
    }
    /// Eighths of a point, rounded (OOXML border `w:sz`).
    pub fn to_eighth_pt(self) -> i64 {
        round_div(self.0, 1_587)
    }
    /// Exact division by an integer, rounded to the nearest EMU.
    pub const fn div_round(self, d: i64) -> Self {
        Length(round_div(self.0, d))
    }
}

const fn round_div(n: i64, d: i64) -> i64 {
    if (n >= 0) == (d > 0) {
        (n + d / 2) / d
    } else {
        (n - d / 2) / d
    }
}

impl Add for Length {
    type Output = Length;
    fn add(self, o: Length) -> Length {
        Length(self.0 + o.0)
    }
}
impl AddAssign for Length {
    fn add_assign(&mut self, o: Length) {
        self.0 += o.0;
    }
}
impl Sub for Length {
    type Output = Length;
    fn sub(self, o: Length) -> Length {
        Length(self.0 - o.0)
    }
}
impl SubAssign for Length {
    fn sub_assign(&mut self, o: Length) {
        self.0 -= o.0;
    }
}
impl Neg for Length {
    type Output = Length;
    fn neg(self) -> Length {
        Length(-self.0)
    }
}
impl Mul<i64> for Length {
    type Output = Length;
    fn mul(self, k: i64) -> Length {
        Length(self.0 * k)
    }
}
/// Division by an integer truncates toward zero; use [`Length::div_round`] to round.
impl Div<i64> for Length {
    type Output = Length;
    fn div(self, k: i64) -> Length {
        Length(self.0 / k)
    }
}
impl std::iter::Sum for Length {
    fn sum<I: Iterator<Item = Length>>(iter: I) -> Length {
        Length(iter.map(|l| l.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_exact() {
        assert_eq!(Length::mm(1).to_emu(), 36_000);
        assert_eq!(Length::pt(1).to_emu(), 12_700);
        assert_eq!(Length::twip(20), Length::pt(1));
        assert_eq!(Length::mm(37).to_twip(), 2098);
        assert_eq!(Length::mm(28).to_twip(), 1587);
        assert_eq!(Length::pt(16).to_half_pt(), 32);
        assert_eq!(Length::um(350).to_eighth_pt(), 8);
    }

    #[test]
    fn font_units_round_to_nearest() {
        assert_eq!(
            Length::font_units(1000, 1000, Length::pt(16)),
            Length::pt(16)
        );
        assert_eq!(Length::font_units(500, 1000, Length::pt(16)), Length::pt(8));
        assert_eq!(Length::emu(-7).div_round(2), Length::emu(-4));
    }
}
