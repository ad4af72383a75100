//! GB/T 9704-2012's page geometry in mm, written out for the tests independently of
//! `src/gbt9704.rs`, and the tolerance they measure with (±0.5 mm).

/// 订口: the 版心's left edge.
pub const LEFT: f64 = 28.0;
/// The 版心's right edge: 156 mm wide.
pub const RIGHT: f64 = 28.0 + 156.0;
/// 天头: the 版心's top edge.
pub const TOP: f64 = 37.0;
/// The 版心's bottom edge: 225 mm high.
pub const BOTTOM: f64 = 37.0 + 225.0;
/// 22 lines to the 版心.
pub const PITCH: f64 = 225.0 / 22.0;
/// 28 characters to a line.
pub const CHAR: f64 = 156.0 / 28.0;
/// One point in mm.
pub const PT: f64 = 25.4 / 72.0;
pub const TOL: f64 = 0.5;

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL
}
