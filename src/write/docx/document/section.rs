//! The sections of `word/document.xml` and their footers: A4 portrait with the GB/T 9704
//! margins and the page number "— N —" (§7.5), and for 横排 pages (§8) A4 landscape with the
//! same 版心 turned, whose footers carry the number in a text box turned with the sheet, where
//! the portrait pages have it.

use super::super::letterhead::{BoxText, WPS_NS, box_body, close_anchor, open_anchor, shape_props};
use super::super::props::{Fonts, Indent, ParaProps, RunProps};
use super::super::xml::{Xml, a};
use super::super::{FontNames, Grid, W_NS};
use super::{
    A_NS, EMPTY_FOOTER_RID, END_PARAGRAPH_TWIP, EVEN_FOOTER_RID, Footers, MC_NS, ODD_FOOTER_RID,
    R_NS, WP_NS, first_page_unnumbered,
};
use crate::layout::{Frame, Pages};

/// The relationship ids of the turned sections' odd and even footers.
pub const TURNED_ODD_FOOTER_RID: &str = "rIdFooter4";
pub const TURNED_EVEN_FOOTER_RID: &str = "rIdFooter5";

/// One section of the document.
#[derive(Clone, Copy)]
pub(in super::super) struct Section {
    pub footers: Footers,
    pub frame: Frame,
    /// The document's first: it numbers from 1.
    pub first: bool,
}

/// A section: A4, the GB/T 9704 margins, its footers, the grid. With `two` sections, the
/// numbered first one restarts at 1 and the next ones continue; the unnumbered pages start on
/// a new page. A turned section (横排, §8) is A4 landscape with the portrait 版心's margins
/// turned with the sheet, and footers whose number is turned with it.
pub(super) fn section(x: &mut Xml, pages: &Pages, grid: &Grid, open: Section, two: bool) {
    let Section {
        footers,
        frame,
        first,
    } = open;
    let s = &pages.setup;
    x.open("w:sectPr", &[]);
    let (odd, even) = match (footers, frame) {
        (Footers::Numbered, Frame::Upright) => (ODD_FOOTER_RID, EVEN_FOOTER_RID),
        (Footers::Numbered, Frame::Turned) => (TURNED_ODD_FOOTER_RID, TURNED_EVEN_FOOTER_RID),
        (Footers::Unnumbered, _) => (EMPTY_FOOTER_RID, EMPTY_FOOTER_RID),
    };
    x.empty(
        "w:footerReference",
        &[a("w:type", "default"), a("r:id", odd)],
    );
    x.empty("w:footerReference", &[a("w:type", "even"), a("r:id", even)]);
    // 信函格式: no number on page 1 (GB/T 9704 §10.1) — a first-page footer that is empty.
    let blank_first = matches!(footers, Footers::Numbered) && first && first_page_unnumbered(pages);
    if blank_first {
        x.empty(
            "w:footerReference",
            &[a("w:type", "first"), a("r:id", EMPTY_FOOTER_RID)],
        );
    }
    if two && matches!(footers, Footers::Unnumbered) {
        x.empty("w:type", &[a("w:val", "nextPage")]);
    }
    match frame {
        Frame::Upright => {
            x.empty(
                "w:pgSz",
                &[
                    a("w:w", s.paper_width.to_twip()),
                    a("w:h", s.paper_height.to_twip()),
                ],
            );
            x.empty(
                "w:pgMar",
                &[
                    a("w:top", s.margin_top.to_twip()),
                    a("w:right", s.margin_right.to_twip()),
                    a("w:bottom", s.margin_bottom.to_twip()),
                    a("w:left", s.margin_left.to_twip()),
                    a("w:header", 0),
                    a("w:footer", s.page_number.footer_distance.to_twip()),
                    a("w:gutter", 0),
                ],
            );
        }
        Frame::Turned => {
            // The sheet turned clockwise: its left margin on top, the bottom one on the left,
            // the top one on the right, the right one at the foot.
            x.empty(
                "w:pgSz",
                &[
                    a("w:w", s.paper_height.to_twip()),
                    a("w:h", s.paper_width.to_twip()),
                    a("w:orient", "landscape"),
                ],
            );
            x.empty(
                "w:pgMar",
                &[
                    a("w:top", s.margin_left.to_twip()),
                    a("w:right", s.margin_top.to_twip()),
                    a("w:bottom", s.margin_right.to_twip()),
                    a("w:left", s.margin_bottom.to_twip()),
                    a("w:header", 0),
                    // The footer holds only the anchor of the turned number: one twip.
                    a("w:footer", 0),
                    a("w:gutter", 0),
                ],
            );
        }
    }
    match (footers, first) {
        (Footers::Numbered, true) => {
            x.empty("w:pgNumType", &[a("w:fmt", "decimal"), a("w:start", 1)]);
        }
        // Later sections go on counting.
        (Footers::Numbered, false) => {
            x.empty("w:pgNumType", &[a("w:fmt", "decimal")]);
        }
        (Footers::Unnumbered, _) => {}
    }
    x.empty("w:cols", &[a("w:space", 0)]);
    if blank_first {
        x.empty("w:titlePg", &[]);
    }
    x.empty(
        "w:docGrid",
        &[a("w:type", "lines"), a("w:linePitch", grid.line_twip)],
    );
    x.close("w:sectPr");
}

/// The footer of a turned section: the portrait footer's number paragraph in a text box as
/// long as the portrait 版心 is wide, its text turned a quarter clockwise (`vert`), placed
/// where the portrait number lies once the landscape page is turned back: its right edge on
/// the 版心's left edge (the portrait 版心's foot), its top on the 版心's top (the portrait
/// 版心's left edge), one 四号 line wide at the footer distance from the paper's left edge.
pub fn turned_footer_xml(pages: &Pages, odd: bool, names: FontNames) -> Vec<u8> {
    let s = &pages.setup;
    let mut x = Xml::new();
    x.open(
        "w:ftr",
        &[
            ("xmlns:w", W_NS.to_owned()),
            ("xmlns:r", R_NS.to_owned()),
            ("xmlns:wp", WP_NS.to_owned()),
            ("xmlns:a", A_NS.to_owned()),
            ("xmlns:wps", WPS_NS.to_owned()),
            ("xmlns:mc", MC_NS.to_owned()),
        ],
    );
    x.open("w:p", &[]);
    ParaProps {
        snap_to_grid: Some(false),
        line_exact: Some(END_PARAGRAPH_TWIP),
        ..ParaProps::default()
    }
    .write(
        &mut x,
        Some(&RunProps {
            size: Some(1),
            ..RunProps::default()
        }),
    );
    let width = s.page_number.size.to_emu();
    let length = (s.paper_width - s.margin_left - s.margin_right).to_emu();
    let ext = (width, length);
    // Unique in the document: the body's objects count from 1.
    let id = if odd { 90_001 } else { 90_002 };
    open_anchor(
        &mut x,
        id,
        "页码",
        (
            s.page_number.footer_distance.to_emu(),
            s.margin_left.to_emu(),
        ),
        ext,
    );
    x.empty("wps:cNvSpPr", &[a("txBox", 1)]);
    shape_props(&mut x, ext, "rect", &|x| {
        x.empty("a:noFill", &[]);
        x.open("a:ln", &[]).empty("a:noFill", &[]).close("a:ln");
    });
    x.open("wps:txbx", &[]);
    x.open("w:txbxContent", &[]);
    number_paragraph(&mut x, pages, odd, names);
    x.close("w:txbxContent");
    x.close("wps:txbx");
    box_body(&mut x, BoxText::Turned);
    close_anchor(&mut x);
    x.close("w:p");
    x.close("w:ftr");
    x.into_bytes()
}

/// The footer of unnumbered pages: one empty line, as high as the numbered footers' line.
pub fn empty_footer_xml(pages: &Pages) -> Vec<u8> {
    let n = &pages.setup.page_number;
    let mut x = Xml::new();
    x.open(
        "w:ftr",
        &[("xmlns:w", W_NS.to_owned()), ("xmlns:r", R_NS.to_owned())],
    );
    x.open("w:p", &[]);
    ParaProps {
        snap_to_grid: Some(false),
        line_exact: Some(n.size.to_twip()),
        ..ParaProps::default()
    }
    .write(&mut x, None);
    x.close("w:p");
    x.close("w:ftr");
    x.into_bytes()
}

/// A footer: "— N —" with a PAGE field, 四号宋体, odd pages right and even pages left, one 字
/// in (GB/T 9704 §7.5). The line is exactly one 四号 high, so the footer distance puts its top
/// where the layout puts the number's em box.
pub fn footer_xml(pages: &Pages, odd: bool, names: FontNames) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "w:ftr",
        &[("xmlns:w", W_NS.to_owned()), ("xmlns:r", R_NS.to_owned())],
    );
    number_paragraph(&mut x, pages, odd, names);
    x.close("w:ftr");
    x.into_bytes()
}

/// The page number's paragraph: "— N —" with a PAGE field, one 四号 high, right or left.
fn number_paragraph(x: &mut Xml, pages: &Pages, odd: bool, names: FontNames) {
    let n = &pages.setup.page_number;
    let side = n.side_indent.to_twip();
    x.open("w:p", &[]);
    ParaProps {
        snap_to_grid: Some(false),
        line_exact: Some(n.size.to_twip()),
        indent: Some(Indent {
            left: if odd { 0 } else { side },
            right: if odd { side } else { 0 },
            first_line: 0,
        }),
        jc: Some(if odd { "right" } else { "left" }),
        ..ParaProps::default()
    }
    .write(x, None);
    let props = RunProps {
        fonts: Some(Fonts {
            name: Some(names.name(n.font)),
            east_asian_hint: true,
        }),
        spacing: Some(0),
        size: Some(n.size.to_half_pt()),
        ..RunProps::default()
    };
    let run = |x: &mut Xml, inner: &dyn Fn(&mut Xml)| {
        x.open("w:r", &[]);
        props.write(x);
        inner(x);
        x.close("w:r");
    };
    run(x, &|x| {
        x.text_element("w:t", &[a("xml:space", "preserve")], &n.prefix);
    });
    run(x, &|x| {
        x.empty("w:fldChar", &[a("w:fldCharType", "begin")]);
    });
    run(x, &|x| {
        x.text_element("w:instrText", &[a("xml:space", "preserve")], " PAGE ");
    });
    run(x, &|x| {
        x.empty("w:fldChar", &[a("w:fldCharType", "separate")]);
    });
    run(x, &|x| {
        x.text_element("w:t", &[], if odd { "1" } else { "2" });
    });
    run(x, &|x| {
        x.empty("w:fldChar", &[a("w:fldCharType", "end")]);
    });
    run(x, &|x| {
        x.text_element("w:t", &[a("xml:space", "preserve")], &n.suffix);
    });
    x.close("w:p");
}
