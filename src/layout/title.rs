//! 标题 — 二号小标宋, centred; a title too long for one line is broken into balanced lines,
//! longer above than below (梯形, GB/T 9704 §7.3.1 "排列对称，长短适宜").

use super::fonts::Metrics;
use super::setting::{self, SetLine, Style};
use crate::compose::Run;
use crate::length::Length;

/// Set the title: the fewest lines that hold it, each as short as that count allows, so the
/// lines come out nearly equal with the longer ones first.
pub fn set(metrics: &Metrics, runs: &[Run], style: &Style, width: Length) -> Vec<SetLine> {
    let full = setting::set(metrics, runs, style, width);
    if full.len() < 2 {
        return full;
    }
    // The narrowest measure that still needs no more lines: found by bisection on EMU.
    let (mut lo, mut hi) = (Length::ZERO, width);
    while (hi - lo).to_emu() > 1 {
        let mid = lo + (hi - lo) / 2;
        if setting::set(metrics, runs, style, mid).len() <= full.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // Centre each line in the full measure, not the narrow one.
    let lines = setting::set(metrics, runs, style, hi);
    let shift = (width - hi).div_round(2);
    lines
        .into_iter()
        .map(|mut l| {
            for g in &mut l.glyphs {
                g.2 += shift;
            }
            l
        })
        .collect()
}
