//! 页码 (GB/T 9704 §7.5) and the page setup (§5) both writers share.

use super::EM_BOX_ASCENT_PER_MILLE;
use super::fonts::{FontRole, Metrics};
use super::pages::{Color, Glyph, Origin, PageNumberSetup, PageSetup, TextLine};
use crate::gbt9704 as std_;
use crate::length::Length;

/// — N — in 四号宋体, 7 mm under the 版心; odd pages right, even pages left, one 字 in (§7.5).
pub fn page_number(metrics: &Metrics, number: u32) -> TextLine {
    let setup = page_setup().page_number;
    let text = format!("{}{number}{}", setup.prefix, setup.suffix);
    let mut glyphs = Vec::new();
    let mut x = Length::ZERO;
    for ch in text.chars() {
        let face = metrics.face_with(setup.font, ch);
        glyphs.push(Glyph { ch, face, x });
        x += metrics.advance(face, ch, setup.size);
    }
    let start = if number % 2 == 1 {
        std_::TYPE_AREA_RIGHT - setup.side_indent - x
    } else {
        std_::TYPE_AREA_LEFT + setup.side_indent
    };
    for g in &mut glyphs {
        g.x += start;
    }
    TextLine {
        baseline: std_::TYPE_AREA_BOTTOM
            + setup.gap_below_type_area
            + (setup.size * EM_BOX_ASCENT_PER_MILLE).div_round(1000),
        size: setup.size,
        color: Color::Black,
        scale_percent: 100,
        glyphs,
        origin: Origin::Folio,
    }
}

pub fn page_setup() -> PageSetup {
    PageSetup {
        paper_width: std_::PAPER_WIDTH,
        paper_height: std_::PAPER_HEIGHT,
        margin_top: std_::TOP_MARGIN,
        margin_left: std_::BINDING_MARGIN,
        margin_bottom: std_::PAPER_HEIGHT - std_::TYPE_AREA_BOTTOM,
        margin_right: std_::PAPER_WIDTH - std_::TYPE_AREA_RIGHT,
        line_pitch: std_::LINE_PITCH,
        char_pitch: std_::CHAR_PITCH,
        body_tracking: std_::BODY_TRACKING,
        body_size: std_::SIZE_3,
        page_number: PageNumberSetup {
            font: FontRole::Song,
            size: std_::SIZE_4,
            gap_below_type_area: std_::PAGE_NUMBER_GAP,
            side_indent: std_::PAGE_NUMBER_SIDE_INDENT,
            footer_distance: std_::PAPER_HEIGHT
                - std_::TYPE_AREA_BOTTOM
                - std_::PAGE_NUMBER_GAP
                - std_::SIZE_4,
            prefix: "— ".to_owned(),
            suffix: " —".to_owned(),
        },
    }
}
