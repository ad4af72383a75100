//! The 版头 of page 1 (GB/T 9704 §7.2) as DrawingML shapes anchored to the page: one text box
//! per line the layout set (份号, 密级, the 发文机关标志's lines, 发文字号, 签发人 …) and a line
//! shape for the red separator. Each is placed where the layout put it — x and y from the
//! paper's edges (`relativeFrom="page"`) — and wraps nothing (`wp:wrapNone`, ECMA-376
//! §20.4.2.15: "shall not cause any text wrapping"), so the blank grid lines the layout leaves
//! under the 版头 stay where they are and the body keeps its grid. See `docs/docx.md`.

use super::anchor::{self, Anchor, Graphic};
use super::fonts::FontNames;
use super::props::{Fonts, ParaProps, RunProps};
use super::xml::{Xml, a};
use crate::layout::Color;
use crate::layout::pages::{LetterheadLayout, LetterheadLine, Rule};
use crate::length::Length;

pub const WPS_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";

/// `w:color`/`a:srgbClr` of a layout colour.
pub fn rgb(color: Color) -> &'static str {
    match color {
        Color::Black => "000000",
        Color::Red => "FF0000",
    }
}

/// Twentieths of a point, rounded to the nearest (`w:spacing` of a run).
fn twentieths(l: Length) -> i64 {
    let unit = Length::pt(1).to_emu() / 20;
    (l.to_emu() * 2 + unit * l.to_emu().signum()) / (2 * unit)
}

/// Write the 版头's shapes as runs of the current paragraph; `next_id` is the first free
/// `wp:docPr` id. Returns how many shapes were written.
pub fn write(x: &mut Xml, head: &LetterheadLayout, names: FontNames, next_id: usize) -> usize {
    let mut id = next_id;
    for line in &head.lines {
        text_box(x, line, names, id);
        id += 1;
    }
    for rule in &head.rules {
        separator(x, rule, id);
        id += 1;
    }
    id - next_id
}

/// A page-anchored shape in front of the text, wrapping nothing; `wps:wsp` opened for its body.
pub(super) fn open_anchor(x: &mut Xml, id: usize, name: &str, pos: (i64, i64), ext: (i64, i64)) {
    anchor::open(
        x,
        &Anchor {
            id,
            name,
            from: ("page", "page"),
            pos,
            ext,
            behind: false,
            locked: true,
            graphic: Graphic::WordShape,
        },
    );
    x.empty("wp:cNvGraphicFramePr", &[]);
    x.open("a:graphic", &[]);
    x.open("a:graphicData", &[a("uri", WPS_NS)]);
    x.open("wps:wsp", &[]);
}

pub(super) fn close_anchor(x: &mut Xml) {
    x.close("wps:wsp");
    x.close("a:graphicData");
    x.close("a:graphic");
    anchor::close(x, Graphic::WordShape);
}

pub(super) fn shape_props(
    x: &mut Xml,
    ext: (i64, i64),
    geometry: &str,
    outline: &dyn Fn(&mut Xml),
) {
    x.open("wps:spPr", &[]);
    x.open("a:xfrm", &[]);
    x.empty("a:off", &[a("x", 0), a("y", 0)]);
    x.empty("a:ext", &[a("cx", ext.0), a("cy", ext.1)]);
    x.close("a:xfrm");
    x.open("a:prstGeom", &[a("prst", geometry)]);
    x.empty("a:avLst", &[]);
    x.close("a:prstGeom");
    outline(x);
    x.close("wps:spPr");
}

/// Where the layout puts a CJK baseline in the em box (`layout::EM_BOX_ASCENT_PER_MILLE`, not
/// exported in `Pages`; `LetterheadLine::top` is the em box's top).
const EM_BOX_ASCENT_PER_MILLE: i64 = 880;

/// The exact line height that puts the baseline where the layout does when the line's top is
/// the em box's top: LibreOffice sets the baseline of an exact line 4/5 of its height down
/// (whatever the face; `SwTextFormatter::CalcRealHeight`, measured 0.80 em with a 1-em line),
/// so the line is 0.88 / 0.8 = 1.1 em.
fn line_height(size: Length) -> Length {
    size * EM_BOX_ASCENT_PER_MILLE * 5 / 4 / 1000
}

/// One line of text in a borderless, unfilled text box with no insets, exactly the line's
/// em box: its top edge where the layout put the em box's top, its line exactly 1.1 em high
/// ([`line_height`], off the document grid), its text never wrapped (`wrap="none"`). The box is as wide as the
/// line, plus the spacing Word adds after its last character, plus one em: LibreOffice 7.4
/// ignores `wrap="none"` and breaks a line that overruns its box by a hair (the 发文字号's
/// CJK–digit gaps), and the text is left-aligned, so the room on the right moves no glyph.
fn text_box(x: &mut Xml, line: &LetterheadLine, names: FontNames, id: usize) {
    let spacing = twentieths(line.letter_spacing);
    let trailing = Length::pt(1).to_emu() / 20 * spacing.max(0);
    let height = line_height(line.size);
    let ext = (
        line.width.to_emu() + trailing + line.size.to_emu(),
        height.to_emu(),
    );
    open_anchor(x, id, "版头", (line.x.to_emu(), line.top.to_emu()), ext);
    x.empty("wps:cNvSpPr", &[a("txBox", 1)]);
    shape_props(x, ext, "rect", &|x| {
        x.empty("a:noFill", &[]);
        x.open("a:ln", &[]).empty("a:noFill", &[]).close("a:ln");
    });
    x.open("wps:txbx", &[]);
    x.open("w:txbxContent", &[]);
    x.open("w:p", &[]);
    let run = RunProps {
        fonts: Some(Fonts {
            name: Some(names.name(line.font)),
            east_asian_hint: true,
        }),
        bold: Some(false),
        color: Some(rgb(line.color)),
        spacing: Some(spacing),
        scale: (line.scale_percent != 100).then_some(line.scale_percent),
        kern: Some(0),
        size: Some(line.size.to_half_pt()),
        ..RunProps::default()
    };
    ParaProps {
        keep_next: Some(false),
        widow_control: Some(false),
        // The layout's gap between 汉字 and digits is left out of `letter_spacing`: the
        // word processor adds it, as it does in the body (LibreOffice always does).
        auto_space: Some(true),
        adjust_right_ind: Some(false),
        snap_to_grid: Some(false),
        line_exact: Some(height.to_twip()),
        indent: Some(Default::default()),
        jc: Some("left"),
        ..ParaProps::default()
    }
    .write(x, Some(&run));
    x.open("w:r", &[]);
    run.write(x);
    x.text_element("w:t", &[a("xml:space", "preserve")], &line.text);
    x.close("w:r");
    x.close("w:p");
    x.close("w:txbxContent");
    x.close("wps:txbx");
    box_body(x, BoxText::Across);
    close_anchor(x);
}

/// How a text box's text runs.
pub enum BoxText {
    /// Across the page, unwrapped (the 版头's lines).
    Across,
    /// Turned a quarter clockwise with the box, wrapped in it (a 横排 page's number).
    Turned,
}

/// A text box's body: no insets, its text from the top.
pub fn box_body(x: &mut Xml, text: BoxText) {
    let (vert, wrap, upright) = match text {
        BoxText::Across => ("horz", "none", 1),
        BoxText::Turned => ("vert", "square", 0),
    };
    x.empty(
        "wps:bodyPr",
        &[
            a("rot", 0),
            a("vert", vert),
            a("wrap", wrap),
            a("lIns", 0),
            a("tIns", 0),
            a("rIns", 0),
            a("bIns", 0),
            a("anchor", "t"),
            a("anchorCtr", 0),
            a("upright", upright),
        ],
    );
}

/// A red line of the 版头 (the separator, or one of the 信函格式's double lines): a straight
/// line shape from the rule's left end to its right end on its centre line, as thick as the
/// layout drew it.
fn separator(x: &mut Xml, rule: &Rule, id: usize) {
    let ext = ((rule.x1 - rule.x0).to_emu(), 0);
    open_anchor(
        x,
        id,
        "版头分隔线",
        (rule.x0.to_emu(), rule.y.to_emu()),
        ext,
    );
    x.empty("wps:cNvCnPr", &[]);
    shape_props(x, ext, "line", &|x| {
        x.open("a:ln", &[a("w", rule.thickness.to_emu()), a("cap", "flat")]);
        x.open("a:solidFill", &[]);
        x.empty("a:srgbClr", &[a("val", rgb(rule.color))]);
        x.close("a:solidFill");
        x.empty("a:prstDash", &[a("val", "solid")]);
        x.empty("a:miter", &[a("lim", 800_000)]);
        x.close("a:ln");
    });
    x.empty("wps:bodyPr", &[]);
    close_anchor(x);
}
