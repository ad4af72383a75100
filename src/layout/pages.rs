//! The layout's output: pages, each with the rows of paragraphs that flow on it (for DOCX) and
//! the positioned glyphs, rules and pictures that draw it (for PDF), every item naming the
//! paragraph it came from; and the page setup both share. Writers only draw this.

use super::fonts::{FaceId, FontRole};
use crate::compose::{Metadata, Role, SealImage};
use crate::gbt9704 as std_;
use crate::length::Length;

/// Everything a writer needs: the pages, and every paragraph the pages' rows refer to.
#[derive(Debug)]
pub struct Pages {
    pub setup: PageSetup,
    pub metadata: Metadata,
    /// The faces the glyphs refer to by index.
    pub faces: Vec<FaceData>,
    /// Every paragraph of the document in reading order (blank grid lines too), with what the
    /// layout decided about it; [`Row`]s and drawn items name them by index.
    pub paragraphs: Vec<Paragraph>,
    pub pages: Vec<Page>,
    /// Bookmarks: level-1 and level-2 headings in document order.
    pub outline: Vec<OutlineEntry>,
    /// Every table, for flow formats to write as tables; its rows name it by
    /// [`TableLayout::paragraph`].
    pub tables: Vec<TableLayout>,
}

/// A table as laid out: the structure a flow format writes (DOCX `w:tbl`); the drawing of its
/// rules and cell text is among the pages' items.
#[derive(Debug, Clone)]
pub struct TableLayout {
    /// The paragraph its grid lines name in [`Page::rows`] (a blank paragraph of role `Table`).
    pub paragraph: usize,
    /// Column widths, whole twips, adding up to the table's width.
    pub columns: Vec<Length>,
    /// The first rows, repeated at the top of every page the table runs onto.
    pub header_rows: usize,
    pub rows: Vec<TableRow>,
    /// Thickness of every rule (GB/T 9704 sets none; practice).
    pub rule: Length,
    /// Left and right cell margin.
    pub padding: Length,
}

/// One row: its height in grid lines and its cells, a cell continuing a merge from above
/// included.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub lines: usize,
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone)]
pub struct TableCell {
    pub column: usize,
    pub colspan: usize,
    pub merge: RowMerge,
    /// Its text as one paragraph (alignment and indents as the layout set it); empty runs for
    /// an empty cell or a merge's continuation.
    pub paragraph: Paragraph,
}

/// How a cell takes part in a merge down the rows (DOCX `w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowMerge {
    None,
    /// The top cell of a merge: the text.
    Start,
    /// Covered by the cell above.
    Continue,
}

/// One page, paginated once: what flows on it row by row, what the layout placed at fixed
/// positions, and the drawing of all of it. PDF draws [`Page::drawn`]; DOCX walks the rows.
#[derive(Debug, Clone)]
pub struct Page {
    /// The printed page number, if the page shows one.
    pub number: Option<u32>,
    /// How the page was begun.
    pub start: PageStart,
    /// The 版心's grid lines filled by the flow, from the top.
    pub rows: Vec<Row>,
    /// The flow's drawing: seals first (the 署名 prints over them), then the text lines.
    pub items: Vec<Item>,
    /// 版头, on page 1; its grid lines are blank rows at the top of `rows`.
    pub letterhead: Option<LetterheadLayout>,
    /// 版记, at the foot of the last page, below the rows.
    pub imprint: Option<ImprintLayout>,
    /// The page number's line.
    pub folio: Option<Item>,
    /// How the 版心 stands on the sheet: `items` are placed in it; the 版头, 版记 and page
    /// number are on the upright sheet.
    pub frame: Frame,
}

/// How a page's 版心 stands on the A4 portrait sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The 版心 as GB/T 9704 §5.2 sets it.
    Upright,
    /// 横排 (§8): the 版心 turned a quarter counter-clockwise within the same rectangle — its
    /// top along the sheet's left side (订口 of odd pages, 切口 of even ones, both on the left),
    /// its lines running up the sheet. The reader turns the sheet clockwise.
    Turned,
}

/// An affine map of points, from the paper's top-left corner (x right, y down):
/// (x, y) → (a·x + c·y + e, b·x + d·y + f), with a…d −1, 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Affine {
    pub a: i64,
    pub b: i64,
    pub c: i64,
    pub d: i64,
    pub e: Length,
    pub f: Length,
}

impl Affine {
    pub fn apply(&self, x: Length, y: Length) -> (Length, Length) {
        (
            x * self.a + y * self.c + self.e,
            x * self.b + y * self.d + self.f,
        )
    }
}

impl Frame {
    /// The 版心's width in its own frame: the lines' measure.
    pub fn width(self) -> Length {
        match self {
            Frame::Upright => std_::TYPE_AREA_WIDTH,
            Frame::Turned => std_::TURNED_WIDTH,
        }
    }

    /// Grid lines of the 正文's pitch a page of this frame holds.
    pub fn lines(self) -> usize {
        match self {
            Frame::Upright => std_::LINES_PER_PAGE,
            Frame::Turned => std_::TURNED_LINES,
        }
    }

    /// Where the frame's items go on the sheet. Items of every frame are placed as on an
    /// upright page, their 版心's top-left corner at the portrait 版心's; a turned frame maps
    /// that corner to the portrait 版心's bottom-left and its top edge to the left edge.
    /// `None`: the identity.
    pub fn transform(self) -> Option<Affine> {
        match self {
            Frame::Upright => None,
            Frame::Turned => Some(Affine {
                a: 0,
                b: -1,
                c: 1,
                d: 0,
                e: std_::TYPE_AREA_LEFT - std_::TYPE_AREA_TOP,
                f: std_::TYPE_AREA_BOTTOM + std_::TYPE_AREA_LEFT,
            }),
        }
    }
}

impl Page {
    /// Everything drawn on the page, in painting order (the flow's items in its frame).
    pub fn drawn(&self) -> impl Iterator<Item = &Item> {
        self.placed().map(|(item, _)| item)
    }

    /// Everything drawn on the page, in painting order, each with the frame it is placed in:
    /// the flow's items in the page's, the 版头, 版记 and page number upright.
    pub fn placed(&self) -> impl Iterator<Item = (&Item, Frame)> {
        self.items.iter().map(|i| (i, self.frame)).chain(
            self.letterhead
                .iter()
                .flat_map(|h| &h.items)
                .chain(self.imprint.iter().flat_map(|i| &i.items))
                .chain(&self.folio)
                .map(|i| (i, Frame::Upright)),
        )
    }
}

/// Why a page begins where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStart {
    /// The first page.
    First,
    /// The previous page was full.
    Overflow,
    /// The layout began it before the previous page was full: a keep rule, a new 附件, the 版记
    /// on a page of its own, a blank page.
    Break,
}

/// One grid line of a page: a line of a paragraph (a blank line is an empty paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index into [`Pages::paragraphs`].
    pub paragraph: usize,
    /// The paragraph's first line.
    pub first: bool,
}

/// Where a drawn item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A paragraph of the flow or of the 版记 (index into [`Pages::paragraphs`]).
    Paragraph(usize),
    /// The 版头.
    Letterhead,
    /// The page number.
    Folio,
    /// A table's cell (index into [`Pages::tables`], row, first column): its text and rules.
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
}

/// 版记 as laid out at the foot of a page (GB/T 9704 §7.4).
#[derive(Debug, Clone)]
pub struct ImprintLayout {
    /// The grid line (0-based, from the 版心's top) its first line stands on; it ends on the
    /// 版心's last line.
    pub top_row: usize,
    /// Its paragraphs (indices into [`Pages::paragraphs`]), top to bottom, with the grid lines
    /// each takes.
    pub paragraphs: Vec<(usize, usize)>,
    /// Its rules, top to bottom (none in 信函格式).
    pub rules: Vec<ImprintRule>,
    /// The drawing: text lines and rules.
    pub items: Vec<Item>,
}

/// One 分隔线 of the 版记.
#[derive(Debug, Clone, Copy)]
pub struct ImprintRule {
    /// The row boundary it lies on, counted from the 版记's first line (0: above it).
    pub boundary: usize,
    pub rule: Rule,
}

/// 版头 as positioned lines (for flow formats: DOCX frames) and as drawn.
#[derive(Debug, Clone)]
pub struct LetterheadLayout {
    /// Grid lines of page 1 it takes.
    pub rows: usize,
    /// Set although it does not fit (too many bodies, too long a name): an error for
    /// [`super::bounds::check`].
    pub crowded: Option<super::letterhead::Crowded>,
    /// For each of `items`, the value of the file it sets.
    pub parts: Vec<crate::model::Part>,
    /// The drawing: text lines and red rules.
    pub items: Vec<Item>,
    pub lines: Vec<LetterheadLine>,
    /// The red lines: the 版头分隔线 first; in 信函格式 the upper then the lower double line.
    pub rules: Vec<Rule>,
}

/// One line of the 版头: 份号, a 标志 line, 发文字号, 签发人 ….
#[derive(Debug, Clone)]
pub struct LetterheadLine {
    pub text: String,
    pub font: FontRole,
    pub size: Length,
    pub color: Color,
    /// Horizontal scale of the glyphs, per cent.
    pub scale_percent: i64,
    /// Left edge of the first glyph, from the paper's left edge.
    pub x: Length,
    /// Top of the em box, from the paper's top edge.
    pub top: Length,
    /// From the first glyph's left edge to the last glyph's right edge.
    pub width: Length,
    /// Extra space after each glyph (a joint 标志's names spread to one width), beyond the
    /// scaled advance.
    pub letter_spacing: Length,
}

/// A bookmark.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// 1 for 一、, 2 for （一）.
    pub level: u8,
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// The top of the heading's line, from the paper's top edge.
    pub y: Length,
}

/// A face's bytes, for embedding.
#[derive(Debug, Clone)]
pub struct FaceData {
    pub family: String,
    pub index: u32,
    pub data: super::fonts::FontBytes,
}

/// Paper, margins and grid — GB/T 9704 §5 — as the writers need them.
#[derive(Debug, Clone)]
pub struct PageSetup {
    pub paper_width: Length,
    pub paper_height: Length,
    pub margin_top: Length,
    pub margin_left: Length,
    pub margin_bottom: Length,
    pub margin_right: Length,
    /// The body grid: one line of 正文.
    pub line_pitch: Length,
    /// The body grid: one character cell of 正文.
    pub char_pitch: Length,
    /// Extra space after every body character so that it fills its cell (negative).
    pub body_tracking: Length,
    pub body_size: Length,
    pub page_number: PageNumberSetup,
}

/// 页码 — how page numbers are set (GB/T 9704 §7.5).
#[derive(Debug, Clone)]
pub struct PageNumberSetup {
    pub font: FontRole,
    pub size: Length,
    /// From the bottom edge of the 版心 to the top of the number's em box.
    pub gap_below_type_area: Length,
    /// 单页码居右空一字, 双页码居左空一字.
    pub side_indent: Length,
    /// From the paper's bottom edge to the bottom of a number line one `size` high whose top
    /// lies `gap_below_type_area` under the 版心 (Word's 页脚底端距离).
    pub footer_distance: Length,
    /// The text around the number: `prefix` N `suffix`.
    pub prefix: String,
    pub suffix: String,
}

/// Something drawn at a fixed place.
#[derive(Debug, Clone)]
pub enum Item {
    Text(TextLine),
    Rule(Rule),
    Image(Image),
    /// A straight line between two points (table rules, vertical ones too).
    Line(Line),
}

impl Item {
    /// The item moved right by `dx` and down by `dy`.
    pub fn shifted(mut self, dx: Length, dy: Length) -> Item {
        match &mut self {
            Item::Text(t) => {
                t.baseline += dy;
                t.glyphs.iter_mut().for_each(|g| g.x += dx);
            }
            Item::Rule(r) => {
                (r.x0, r.x1, r.y) = (r.x0 + dx, r.x1 + dx, r.y + dy);
            }
            Item::Image(i) => (i.x, i.y) = (i.x + dx, i.y + dy),
            Item::Line(l) => {
                (l.x0, l.y0, l.x1, l.y1) = (l.x0 + dx, l.y0 + dy, l.x1 + dx, l.y1 + dy);
            }
        }
        self
    }
}

/// A straight black line from (x0, y0) to (x1, y1), from the paper's top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub x0: Length,
    pub y0: Length,
    pub x1: Length,
    pub y1: Length,
    pub thickness: Length,
    pub origin: Origin,
}

/// A picture (a 印章), drawn to fill its box (the layout fitted the box to its proportions).
#[derive(Debug, Clone)]
pub struct Image {
    /// The box's top-left corner, from the paper's top-left corner.
    pub x: Length,
    pub y: Length,
    pub width: Length,
    pub height: Length,
    pub image: SealImage,
    pub origin: Origin,
}

/// A line of glyphs on one baseline. Positions are from the paper's top-left corner.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub baseline: Length,
    pub size: Length,
    pub color: Color,
    /// Horizontal scale of the glyphs in per cent (100: as designed; the 发文机关标志 is
    /// narrowed to fit the 版心). Glyph x positions already account for it.
    pub scale_percent: i64,
    pub glyphs: Vec<Glyph>,
    pub origin: Origin,
}

impl TextLine {
    /// A black line at its designed width from glyphs as the line breaker set them, moved
    /// right by `dx`.
    pub fn set(
        glyphs: &[(char, FaceId, Length)],
        dx: Length,
        baseline: Length,
        size: Length,
        origin: Origin,
    ) -> Self {
        TextLine {
            baseline,
            size,
            color: Color::Black,
            scale_percent: 100,
            glyphs: glyphs
                .iter()
                .map(|&(ch, face, x)| Glyph {
                    ch,
                    face,
                    x: x + dx,
                })
                .collect(),
            origin,
        }
    }

    /// The line's glyphs in runs of one face, left to right: what a writer draws at a time.
    pub fn face_runs(&self) -> impl Iterator<Item = &[Glyph]> {
        self.glyphs.chunk_by(|a, b| a.face == b.face)
    }
}

/// One character, placed.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub ch: char,
    pub face: FaceId,
    pub x: Length,
}

/// A horizontal rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x0: Length,
    pub x1: Length,
    /// The rule's centre line.
    pub y: Length,
    pub thickness: Length,
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Black,
    Red,
}

/// One paragraph, with what the layout decided about it.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub role: Role,
    /// Empty for a blank line.
    pub runs: Vec<FlowRun>,
    pub align: Align,
    /// First-line indent (正文 左空二字).
    pub first_line_indent: Length,
    /// Left indent of every line (signature block positions, hanging 抄送 lines).
    pub left_indent: Length,
    /// Right indent (版记 右空一字).
    pub right_indent: Length,
    /// Tab stops, for pieces of one line set apart: 印发机关 … 印发日期, sealed 署名 side by
    /// side. The runs carry `\t` where the next piece starts.
    pub tabs: Vec<TabStop>,
    /// Character offsets (into the paragraph's text) where the layout started a new line and
    /// a flow format must too (标题 lines, and the lines a table cell's text was typed on).
    pub forced_breaks: Vec<usize>,
    /// Seal images drawn over this paragraph's line: each picture's left edge from the 版心's
    /// left edge, its top from the top of the line (negative: above it), and its size.
    pub images: Vec<FlowImage>,
    /// How it holds to its page.
    pub keep: Keep,
    /// Extra space after every character (the 正文's grid squeeze, negative; 0 for the title
    /// and the 版记).
    pub tracking: Length,
    pub size: Length,
    /// The value of the file it sets, when the layout may refuse it (a 署名 too long).
    pub part: Option<crate::model::Part>,
}

/// How a paragraph holds to its page — the rules pagination followed, for a flow format's
/// reader to follow too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Breaks anywhere.
    Free,
    /// Stands on the same page as the next paragraph (headings, the signature block).
    WithNext,
    /// Whole, and on the same page as the next paragraph: the last 正文 paragraph before the
    /// 署名, so that the 署名's page carries 正文 (GB/T 9704 §7.3.5.5).
    WholeWithNext,
}

impl Keep {
    pub fn with_next(self) -> bool {
        self != Keep::Free
    }
}

impl Paragraph {
    /// An empty line of the grid.
    pub fn blank(size: Length) -> Self {
        Paragraph {
            role: Role::Body,
            runs: Vec::new(),
            align: Align::Left,
            first_line_indent: Length::ZERO,
            left_indent: Length::ZERO,
            right_indent: Length::ZERO,
            tabs: Vec::new(),
            forced_breaks: Vec::new(),
            keep: Keep::Free,
            tracking: Length::ZERO,
            images: Vec::new(),
            size,
            part: None,
        }
    }
}

/// A picture anchored to a paragraph (see [`Paragraph::images`]).
#[derive(Debug, Clone)]
pub struct FlowImage {
    pub x: Length,
    pub y: Length,
    pub width: Length,
    pub height: Length,
    pub image: SealImage,
}

/// A tab stop, from the left edge of the 版心.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabStop {
    pub position: Length,
    /// Text ends at the stop (right tab) rather than starting there.
    pub right_aligned: bool,
}

/// A run of the flow in one face.
#[derive(Debug, Clone)]
pub struct FlowRun {
    pub text: String,
    pub font: FontRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Justify,
    /// Table cells of numbers.
    Right,
}

/// 禁则 and hanging punctuation: the character sets the layout breaks lines with, for writers
/// that must tell their reader to break the same way (DOCX: `w:noLineBreaksBefore/After`).
#[derive(Debug, Clone, Copy)]
pub struct LineBreakRules {
    /// May not begin a line.
    pub no_line_start: &'static [char],
    /// May not end a line.
    pub no_line_end: &'static [char],
    /// May hang one character past the right edge of the 版心.
    pub hanging: &'static [char],
}

impl Pages {
    /// The line-breaking rules every line of these pages was set with.
    pub fn line_break_rules(&self) -> LineBreakRules {
        LineBreakRules {
            no_line_start: super::linebreak::NO_LINE_START,
            no_line_end: super::linebreak::NO_LINE_END,
            hanging: super::linebreak::HANGING,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_turned_frame_lies_in_the_portrait_type_area_its_top_along_the_left() {
        let t = Frame::Turned.transform().expect("a turned frame maps");
        let (left, top) = (std_::TYPE_AREA_LEFT, std_::TYPE_AREA_TOP);
        let (w, h) = (
            Frame::Turned.width(),
            std_::LINE_PITCH * Frame::Turned.lines() as i64,
        );
        // The frame's top-left corner at the 版心's bottom-left, its top-right at the top-left.
        assert_eq!(t.apply(left, top), (left, std_::TYPE_AREA_BOTTOM));
        assert_eq!(t.apply(left + w, top), (left, top));
        // Its lines run up the page, stacking rightwards from the left edge, within the 版心.
        let (x, y) = t.apply(left + w, top + h);
        assert_eq!(y, top);
        assert!(x <= std_::TYPE_AREA_RIGHT && x > std_::TYPE_AREA_RIGHT - std_::LINE_PITCH);
        assert_eq!(Frame::Upright.transform(), None);
        assert_eq!(Frame::Turned.lines(), 15);
    }
}
