//! The layout's last look: every drawn item on the paper, and every line of text inside the
//! 版心 — except the page number, which GB/T 9704 §7.5 puts below it, and the 信函格式's 标志,
//! above it (§10.1). A name too long for its column, a 版头 with too many bodies, a seal pushed
//! off the page: anything the rules before could not place becomes an error saying where, never
//! a silent overflow in the files.

use super::EM_BOX_ASCENT_PER_MILLE;
use super::fonts::Metrics;
use super::pages::{Item, Origin, Pages};
use crate::diag::Diagnostic;
use crate::gbt9704 as std_;
use crate::length::Length;

/// How far a glyph's em box may reach past an edge before it counts: rounding of the grid's
/// pitches, never a visible amount.
const SLACK: Length = Length::mm(1);

/// The box an item covers on the paper: left, top, right, bottom.
pub type Extent = (Length, Length, Length, Length);

/// The extent of `item` (text by its glyphs' em boxes, less a hanging 点号's).
pub fn extent(metrics: &Metrics, item: &Item) -> Option<Extent> {
    match item {
        Item::Text(line) => {
            let first = line.glyphs.first()?;
            let last = line.glyphs.len() - 1;
            let right = line
                .glyphs
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    // A line-end 点号 may hang one character past the edge (行末悬挂).
                    let hangs = i == last && super::linebreak::HANGING.contains(&g.ch);
                    let advance = metrics.advance(g.face, g.ch, line.size) * line.scale_percent;
                    if hangs { g.x } else { g.x + advance / 100 }
                })
                .max()?;
            let top = line.baseline - (line.size * EM_BOX_ASCENT_PER_MILLE).div_round(1000);
            Some((first.x, top, right, top + line.size))
        }
        Item::Rule(r) => Some((
            r.x0,
            r.y - r.thickness.div_round(2),
            r.x1,
            r.y + r.thickness.div_round(2),
        )),
        Item::Image(i) => Some((i.x, i.y, i.x + i.width, i.y + i.height)),
        Item::Line(l) => {
            let half = l.thickness.div_round(2);
            Some((
                l.x0.min(l.x1) - half,
                l.y0.min(l.y1) - half,
                l.x0.max(l.x1) + half,
                l.y0.max(l.y1) + half,
            ))
        }
    }
}

/// Every item of `pages` that leaves the paper, or text that leaves the 版心 (the page number
/// aside), as an error naming the page and the text.
pub fn check(metrics: &Metrics, pages: &Pages) -> Vec<Diagnostic> {
    let paper = (
        Length::ZERO,
        Length::ZERO,
        std_::PAPER_WIDTH,
        std_::PAPER_HEIGHT,
    );
    let type_area = (
        std_::TYPE_AREA_LEFT,
        std_::TYPE_AREA_TOP,
        std_::TYPE_AREA_RIGHT,
        std_::TYPE_AREA_BOTTOM,
    );
    let letterhead = (type_area.0, Length::ZERO, type_area.2, type_area.3);
    let mut errors = Vec::new();
    for (n, page) in pages.pages.iter().enumerate() {
        for item in page.drawn() {
            let Some(ext) = extent(metrics, item) else {
                continue;
            };
            let (bound, place) = match item {
                // 信函格式 puts the 标志 30 mm from the paper's top, above the 版心 (§10.1).
                Item::Text(line) if line.origin == Origin::Letterhead => (letterhead, "版心"),
                Item::Text(line) if line.origin != Origin::Folio => (type_area, "版心"),
                _ => (paper, "纸面"),
            };
            if inside(ext, bound) {
                continue;
            }
            let what = match item {
                Item::Text(line) => {
                    let text: String = line.glyphs.iter().map(|g| g.ch).take(20).collect();
                    format!("文字「{text}」")
                }
                Item::Rule(_) | Item::Line(_) => "一条线".to_owned(),
                Item::Image(_) => "印章图片".to_owned(),
            };
            errors.push(
                Diagnostic::error(format!(
                    "第 {} 页的{what}排不进{place}，会超出边界。",
                    n + 1
                ))
                .hint("请缩短过长的名称（发文机关、署名、印发机关等），或减少联合行文的机关数。"),
            );
        }
    }
    errors
}

fn inside(e: Extent, b: Extent) -> bool {
    e.0 >= b.0 - SLACK && e.1 >= b.1 - SLACK && e.2 <= b.2 + SLACK && e.3 <= b.3 + SLACK
}
