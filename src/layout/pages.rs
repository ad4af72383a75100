//! The layout's output: pages of positioned glyphs and rules for the PDF, the same content as
//! styled paragraphs for the DOCX, and the page setup both share. Writers only draw this.

use super::fonts::{FaceId, FontRole};
use crate::compose::{Metadata, Role, SealImage};
use crate::length::Length;

/// Everything a writer needs.
#[derive(Debug)]
pub struct Pages {
    pub setup: PageSetup,
    pub metadata: Metadata,
    /// The faces the glyphs refer to by index.
    pub faces: Vec<FaceData>,
    pub pages: Vec<Page>,
    /// The document as paragraphs, in reading order, for flow formats (DOCX).
    pub flow: Vec<FlowParagraph>,
    /// Bookmarks: level-1 and level-2 headings in document order.
    pub outline: Vec<OutlineEntry>,
    /// 版头 of page 1, when the document has one. Its drawing is among page 1's items; the
    /// flow's first `rows` paragraphs are the blank grid lines it covers.
    pub letterhead: Option<LetterheadLayout>,
}

/// 版头 as positioned lines, for flow formats (DOCX frames).
#[derive(Debug, Clone)]
pub struct LetterheadLayout {
    /// Grid lines of page 1 it takes.
    pub rows: usize,
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

/// One page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The printed page number, if the page shows one.
    pub number: Option<u32>,
    pub items: Vec<Item>,
}

/// Something drawn at a fixed place.
#[derive(Debug, Clone)]
pub enum Item {
    Text(TextLine),
    Rule(Rule),
    Image(Image),
}

/// A picture (a 印章) in a box; the writer scales it to fit, keeping its proportions.
#[derive(Debug, Clone)]
pub struct Image {
    /// The box's top-left corner, from the paper's top-left corner.
    pub x: Length,
    pub y: Length,
    pub width: Length,
    pub height: Length,
    pub image: SealImage,
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

/// One paragraph of the flow, with what the layout decided about it.
#[derive(Debug, Clone)]
pub struct FlowParagraph {
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
    /// a flow format must too (标题 lines).
    pub forced_breaks: Vec<usize>,
    /// Seal images drawn over this paragraph's line: each box's left edge from the 版心's left
    /// edge, its top from the top of the line (negative: above it), and its size.
    pub images: Vec<FlowImage>,
    /// Must stand on the same page as the next paragraph (headings, the signature block).
    pub keep_with_next: bool,
    /// Extra space after every character (the 正文's grid squeeze, negative; 0 for the title
    /// and the 版记).
    pub tracking: Length,
    /// The layout starts this paragraph on a new page.
    pub page_break_before: bool,
    /// Blank pages the layout puts before this paragraph's page (a 版记 made to fall on an
    /// even page). Those pages and this paragraph's page carry no page number.
    pub blank_pages_before: usize,
    /// Empty grid lines the layout leaves before this paragraph (the 版记 sits on the last
    /// lines of its page).
    pub blank_lines_before: usize,
    pub size: Length,
}

impl FlowParagraph {
    /// An empty line of the grid.
    pub fn blank(size: Length) -> Self {
        FlowParagraph {
            role: Role::Body,
            runs: Vec::new(),
            align: Align::Left,
            first_line_indent: Length::ZERO,
            left_indent: Length::ZERO,
            right_indent: Length::ZERO,
            tabs: Vec::new(),
            forced_breaks: Vec::new(),
            keep_with_next: false,
            tracking: Length::ZERO,
            images: Vec::new(),
            page_break_before: false,
            blank_pages_before: 0,
            blank_lines_before: 0,
            size,
        }
    }
}

/// A picture anchored to a flow paragraph (see [`FlowParagraph::images`]).
#[derive(Debug, Clone)]
pub struct FlowImage {
    pub x: Length,
    pub y: Length,
    pub size: Length,
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
