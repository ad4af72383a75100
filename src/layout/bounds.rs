//! The layout's last look: every drawn item on the paper, and every line of text inside the
//! 版心 — except the page number, which GB/T 9704 §7.5 puts below it, and the 信函格式's 标志,
//! above it (§10.1). A name too long for its column, a 版头 with too many bodies, a seal pushed
//! off the page: anything the rules before could not place becomes an error saying where, never
//! a silent overflow in the files.

use super::EM_BOX_ASCENT_PER_MILLE;
use super::fonts::Metrics;
use super::letterhead::Crowded;
use super::pages::{Frame, Item, Origin, Pages, Paragraph};
use crate::compose::Role;
use crate::gbt9704 as std_;
use crate::length::Length;
use crate::model::Part;

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

/// Something the layout could not place: what, what to do, and the value of the file it comes
/// from (the driver turns that into the file's line and column).
#[derive(Debug, Clone)]
pub struct Overflow {
    pub message: String,
    pub hint: String,
    pub part: Option<Part>,
}

/// A 版头 that did not fit (see [`Crowded`]), then every item of `pages` that leaves the paper,
/// or text that leaves the 版心 (the page number aside), each naming the page and the text.
pub fn check(metrics: &Metrics, pages: &Pages) -> Vec<Overflow> {
    let mut errors: Vec<Overflow> = pages
        .pages
        .iter()
        .filter_map(|p| p.letterhead.as_ref()?.crowded)
        .map(crowded)
        .collect();
    if !errors.is_empty() {
        return errors;
    }
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
    for (n, page) in pages.pages.iter().enumerate() {
        // The 版头's items carry their parts; the others name their paragraph.
        let head_items = page
            .letterhead
            .iter()
            .flat_map(|h| h.items.iter().zip(h.parts.iter().copied().map(Some)));
        // The flow's items are checked in their frame's 版心 (placed as on an upright page).
        let flow_area = (
            type_area.0,
            type_area.1,
            type_area.0 + page.frame.width(),
            type_area.1 + std_::LINE_PITCH * page.frame.lines() as i64,
        );
        let flow = page.items.iter().map(|item| (item, true));
        let others = page
            .imprint
            .iter()
            .flat_map(|i| &i.items)
            .chain(&page.folio)
            .map(|item| (item, false));
        let head_items = head_items.map(|(item, part)| (item, part, false));
        let others = flow
            .chain(others)
            .map(|(item, in_flow)| (item, paragraph_part(pages, item), in_flow));
        for (item, part, in_flow) in head_items.chain(others) {
            let Some(ext) = extent(metrics, item) else {
                continue;
            };
            let (bound, place) = match item {
                // 信函格式 puts the 标志 30 mm from the paper's top, above the 版心 (§10.1).
                Item::Text(line) if line.origin == Origin::Letterhead => (letterhead, "版心"),
                Item::Text(_) if in_flow && page.frame == Frame::Turned => (flow_area, "横排版心"),
                Item::Text(line) if line.origin != Origin::Folio => (type_area, "版心"),
                _ if in_flow && page.frame == Frame::Turned => (flow_area, "横排版心"),
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
            errors.push(Overflow {
                message: format!("第 {} 页的{what}排不进{place}，会超出边界。", n + 1),
                hint: "请缩短过长的名称（发文机关、署名、印发机关等），或减少联合行文的机关数。"
                    .to_owned(),
                part,
            });
        }
    }
    errors
}

/// The value the paragraph of a flow, 版记 or page-number item sets: as the layout marked it,
/// else by its role in the 版记.
fn paragraph_part(pages: &Pages, item: &Item) -> Option<Part> {
    let Item::Text(line) = item else { return None };
    let Origin::Paragraph(p) = line.origin else {
        return None;
    };
    let paragraph: &Paragraph = pages.paragraphs.get(p)?;
    paragraph.part.or(match paragraph.role {
        Role::Printer | Role::PrintDate => Some(Part::Printer),
        Role::CopyTo => Some(Part::CopyTo),
        _ => None,
    })
}

/// The error for a 版头 that does not fit page 1, pointing at the first body too many.
fn crowded(c: Crowded) -> Overflow {
    let min = std_::MARK_MIN_SIZE.to_pt();
    match c {
        Crowded::Bodies { bodies, fit } => Overflow {
            message: format!(
                "联合行文的 {bodies} 个发文机关在版头排不下：发文机关标志每行排一至两个名称、字号不小于 {min} 磅时，第一页最多排得下 {fit} 个机关。"
            ),
            hint: format!("请把发文机关减到 {fit} 个以内，或缩短机关名称（用规范化简称）。"),
            part: Some(Part::IssuerName(fit)),
        },
        Crowded::Signers { signers, fit } => Overflow {
            message: format!(
                "版头排不下 {signers} 位签发人：签发人每行排两个、发文机关标志字号不小于 {min} 磅时，第一页最多排得下 {fit} 位。"
            ),
            hint: format!("请把签发人减到 {fit} 位以内，或减少联合行文的机关数。"),
            part: Some(Part::Signer(fit)),
        },
        Crowded::NumberMeetsSigners => Overflow {
            message: "版头中发文字号与同一行的签发人姓名排不下，会重叠。".to_owned(),
            hint: "请缩短发文字号或签发人姓名（签发人姓名每行排两个）。".to_owned(),
            part: Some(Part::DocNumber),
        },
        Crowded::CornerMeets { corner, met } => {
            let what = match corner {
                Part::CopyNumber => "份号",
                Part::Urgency => "紧急程度",
                _ => "密级和保密期限",
            };
            let (other, hint) = match met {
                Part::DocNumber => (
                    "发文字号",
                    format!("请缩短{what}（信函格式的第一行左边是份号等、右边是发文字号）。"),
                ),
                _ => (
                    "发文机关标志",
                    "命令格式的标志离版心上边只有 20 毫米，左上角至多排两行：请删去不需要的份号、密级或紧急程度。".to_owned(),
                ),
            };
            Overflow {
                message: format!("版头左上角的{what}与{other}排在一起，会重叠。"),
                hint,
                part: Some(corner),
            }
        }
        Crowded::Name => Overflow {
            message: format!(
                "发文机关名称过长，发文机关标志在 {min} 磅、压扁到一半宽时仍排不进版心。"
            ),
            hint: "请用规范化的机关全称或简称，缩短名称。".to_owned(),
            part: Some(Part::IssuerName(0)),
        },
    }
}

fn inside(e: Extent, b: Extent) -> bool {
    e.0 >= b.0 - SLACK && e.1 >= b.1 - SLACK && e.2 <= b.2 + SLACK && e.3 <= b.3 + SLACK
}
