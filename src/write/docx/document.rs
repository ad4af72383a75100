//! `word/document.xml` and the two footers: the layout's paragraphs with what it decided said
//! explicitly (alignment, indents, tab stops, line breaks, page breaks), the 版记 as a table with
//! its rules, and the section with the GB/T 9704 page and grid.

use super::anchor::{self, Anchor, Graphic};
use super::fonts::FontNames;
use super::letterhead;
use super::props::{Fonts, ParaProps, RunProps, Side, Tab, border_line};
use super::styles::{Resolved, resolve, style_id};
use super::xml::{Xml, a};
use super::{Grid, W_NS, indent, jc};
use crate::layout::{
    FlowImage, Frame, ImprintLayout, Keep, Page, PageStart, Pages, Paragraph, TableLayout,
};
use crate::length::Length;

mod section;
mod table;

use section::{Section, section};
pub use section::{
    TURNED_EVEN_FOOTER_RID, TURNED_ODD_FOOTER_RID, empty_footer_xml, footer_xml, turned_footer_xml,
};

pub(super) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const WP_NS: &str =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
pub(super) const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(super) const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// The relationship ids of the odd (default) and even footers.
pub const ODD_FOOTER_RID: &str = "rIdFooter1";
pub const EVEN_FOOTER_RID: &str = "rIdFooter2";
/// The empty footer of blank pages and the 版记 page after them (the third footer).
pub const EMPTY_FOOTER_RID: &str = "rIdFooter3";

/// Characters whose East Asian width Unicode calls ambiguous: Word sets them in the Latin face
/// unless the run says `w:hint="eastAsia"` (ECMA-376 §17.3.2.26). “ ” ‘ ’ — … · × ① ○ ★ ℃ and
/// their neighbours.
pub fn is_ambiguous(c: char) -> bool {
    matches!(c as u32,
        0x00A7 | 0x00A8 | 0x00B0 | 0x00B1 | 0x00B7 | 0x00D7 | 0x00F7
        | 0x2010..=0x206F
        | 0x2100..=0x22FF
        | 0x2460..=0x24FF
        | 0x2500..=0x26FF)
}

/// A picture part: its relationship id, its file name under `word/media/` (without `.png`) and
/// its bytes.
#[derive(Debug, Clone)]
pub struct Picture {
    pub rid: String,
    pub name: String,
    pub png: std::sync::Arc<Vec<u8>>,
}

/// How a section numbers its pages.
#[derive(Clone, Copy)]
pub(super) enum Footers {
    /// "— N —" on the odd (default) and even footers, counting from 1.
    Numbered,
    /// Empty footers: blank pages and the 版记 page after them (GB/T 9704 §7.5).
    Unnumbered,
}

/// `word/document.xml` and the pictures it refers to.
pub struct Document {
    pub xml: Vec<u8>,
    pub pictures: Vec<Picture>,
}

/// Whether the document needs the empty footer (an unnumbered section, or an unnumbered
/// first page).
pub fn has_unnumbered_section(pages: &Pages) -> bool {
    unnumbered_from(pages).is_some() || first_page_unnumbered(pages)
}

/// Page 1 shows no number (信函格式, GB/T 9704 §10.1) while the pages after it do.
pub(super) fn first_page_unnumbered(pages: &Pages) -> bool {
    pages.pages.first().is_some_and(|p| p.number.is_none())
        && pages.pages.iter().skip(1).any(|p| p.number.is_some())
}

/// The page that begins the unnumbered section: a blank page the layout put before the 版记
/// (the pages from there on show no number).
fn unnumbered_from(pages: &Pages) -> Option<usize> {
    pages
        .pages
        .iter()
        .position(|p| p.rows.is_empty() && p.imprint.is_none())
        .filter(|&i| i > 0)
}

/// A paragraph as the layout paginated it: whether its page begins with it.
struct Placed<'a> {
    paragraph: &'a Paragraph,
    page_break: bool,
    /// The table whose grid lines these are, written in the paragraph's place.
    table: Option<&'a TableLayout>,
}

struct Writer<'a> {
    x: Xml,
    pages: &'a Pages,
    grid: &'a Grid,
    names: FontNames,
    styles: Vec<(&'static str, Resolved)>,
    pictures: Vec<Picture>,
    /// Pictures and shapes placed so far (`wp:docPr` ids count from 1).
    placed: usize,
    /// The 版头, until the first paragraph (its first blank grid line) anchors it.
    letterhead: Option<&'a crate::layout::LetterheadLayout>,
}

/// The document as the layout paginated it: page by page, each row that begins a paragraph
/// writes it; a page the layout began early begins with `pageBreakBefore`; the 版记 is a table
/// reached by the blank grid lines above it; blank pages and the 版记 page after them are an
/// unnumbered section.
pub fn document_xml(pages: &Pages, grid: &Grid, names: FontNames) -> Document {
    let mut w = Writer {
        x: Xml::new(),
        pages,
        grid,
        names,
        styles: resolve(pages, grid),
        pictures: Vec::new(),
        placed: 0,
        letterhead: pages.pages.first().and_then(|p| p.letterhead.as_ref()),
    };
    w.x.open(
        "w:document",
        &[
            ("xmlns:w", W_NS.to_owned()),
            ("xmlns:r", R_NS.to_owned()),
            ("xmlns:wp", WP_NS.to_owned()),
            ("xmlns:a", A_NS.to_owned()),
            ("xmlns:pic", PIC_NS.to_owned()),
            ("xmlns:wps", letterhead::WPS_NS.to_owned()),
            ("xmlns:mc", MC_NS.to_owned()),
        ],
    );
    w.x.open("w:body", &[]);
    let split = unnumbered_from(pages);
    // The numbered section ends with the last paragraph before the blank page.
    let mut placed: Vec<Placed> = Vec::new();
    let blank = Paragraph::blank(pages.setup.body_size);
    // The section being written: a change of frame (横排, GB/T 9704 §8) ends it.
    let mut open = Section {
        footers: Footers::Numbered,
        frame: Frame::Upright,
        first: true,
    };
    for (i, page) in pages.pages.iter().enumerate() {
        if split == Some(i) {
            end_section(&mut w, &mut placed, open);
            open = Section {
                frame: page.frame,
                first: false,
                ..open
            };
            // The section break begins the blank page; an empty paragraph stands on it.
            w.x.open("w:p", &[]).close("w:p");
            continue;
        }
        // A page the layout began early begins with a page break — when it begins with a
        // paragraph; a paragraph's continuation follows its start wherever the reader breaks.
        let mut page_break =
            page.start == PageStart::Break && page.rows.first().is_none_or(|r| r.first);
        if page.frame != open.frame {
            // The section break begins the page.
            end_section(&mut w, &mut placed, open);
            open = Section {
                frame: page.frame,
                first: false,
                ..open
            };
            page_break = false;
        }
        for row in page.rows.iter().filter(|r| r.first) {
            placed.push(Placed {
                paragraph: &pages.paragraphs[row.paragraph],
                page_break: std::mem::take(&mut page_break),
                table: pages.tables.iter().find(|t| t.paragraph == row.paragraph),
            });
        }
        if let Some(imprint) = &page.imprint {
            // Empty grid lines bring the 版记 to the foot of the page.
            for _ in page.rows.len()..imprint.top_row {
                placed.push(Placed {
                    paragraph: &blank,
                    page_break: std::mem::take(&mut page_break),
                    table: None,
                });
            }
            // Two tables in a row are one table to Word: a hidden line keeps them apart.
            let after_table = placed.last().is_some_and(|p| p.table.is_some());
            flush(&mut w, &mut placed, None);
            if after_table {
                hidden_paragraph(&mut w.x);
            }
            w.imprint_table(page, imprint, page_break);
        }
    }
    flush(&mut w, &mut placed, None);
    // A document ends with a paragraph (after a table Word shows one). After the 版记, which
    // ends on the 版心's bottom edge, it must take no room, or it would start a page of its
    // own: hidden (Word then gives it none, as Microsoft documents for a table at the end of a
    // document) and one twip high, off the grid (LibreOffice 7.4 lays hidden marks out).
    if pages.pages.last().is_some_and(|p| p.imprint.is_some()) {
        hidden_paragraph(&mut w.x);
    }
    let last = if split.is_some() {
        Section {
            footers: Footers::Unnumbered,
            ..open
        }
    } else {
        open
    };
    section(&mut w.x, pages, grid, last, split.is_some());
    w.x.close("w:body");
    w.x.close("w:document");
    Document {
        xml: w.x.into_bytes(),
        pictures: w.pictures,
    }
}

/// A paragraph that takes no room: hidden, one twip high, off the grid.
fn hidden_paragraph(x: &mut Xml) {
    x.open("w:p", &[]);
    ParaProps {
        snap_to_grid: Some(false),
        line_exact: Some(END_PARAGRAPH_TWIP),
        ..ParaProps::default()
    }
    .write(
        x,
        Some(&RunProps {
            vanish: true,
            size: Some(1),
            ..RunProps::default()
        }),
    );
    x.close("w:p");
}

/// End the open section with the paragraphs waiting in `placed`: the last carries its end
/// (after a table, an empty paragraph one twip high that takes no grid line, so a full turned
/// page does not spill).
fn end_section(w: &mut Writer, placed: &mut Vec<Placed>, open: Section) {
    if placed.last().is_none_or(|p| p.table.is_some()) {
        flush(w, placed, None);
        w.x.open("w:p", &[]);
        let (pages, grid) = (w.pages, w.grid);
        ParaProps {
            snap_to_grid: Some(false),
            line_exact: Some(END_PARAGRAPH_TWIP),
            ..ParaProps::default()
        }
        .write_ending_section(
            &mut w.x,
            Some(&RunProps {
                size: Some(1),
                ..RunProps::default()
            }),
            Some(&|x: &mut Xml| section(x, pages, grid, open, true)),
        );
        w.x.close("w:p");
    } else {
        flush(w, placed, Some(open));
    }
}

/// Write the paragraphs waiting in `placed`; the last one ends a section when asked.
fn flush(w: &mut Writer, placed: &mut Vec<Placed>, ends_section: Option<Section>) {
    let n = placed.len();
    for (k, p) in placed.drain(..).enumerate() {
        let ends = if k + 1 == n { ends_section } else { None };
        match p.table {
            Some(t) => {
                w.table(t, p.page_break);
                // A section cannot end in a table: an empty paragraph carries its end.
                if ends.is_some() {
                    w.paragraph(p.paragraph, false, ends);
                }
            }
            None => w.paragraph(p.paragraph, p.page_break, ends),
        }
    }
}

/// The height of the paragraph that ends a document after the 版记, twips.
pub const END_PARAGRAPH_TWIP: i64 = 1;

fn resolved(styles: &[(&'static str, Resolved)], id: &str) -> Resolved {
    styles
        .iter()
        .find(|s| s.0 == id)
        .expect("every style is resolved")
        .1
}

impl Writer<'_> {
    /// One paragraph; `page_break` begins its page; `ends_section` puts the `w:sectPr` of the
    /// section it ends in its `w:pPr`.
    fn paragraph(&mut self, p: &Paragraph, page_break: bool, ends_section: Option<Section>) {
        let id = style_id(p.role);
        let style = resolved(&self.styles, id);
        let (pages, grid) = (self.pages, self.grid);
        self.x.open("w:p", &[]);
        let props = ParaProps {
            style: (id != "Normal").then_some(id),
            keep_next: (p.keep.with_next() != style.keep_next).then_some(p.keep.with_next()),
            keep_lines: p.keep == Keep::WholeWithNext,
            page_break_before: page_break,
            tabs: p
                .tabs
                .iter()
                .map(|t| Tab {
                    position: t.position.to_twip(),
                    right: t.right_aligned,
                })
                .collect(),
            indent: Some(indent(p)),
            jc: Some(jc(p.align)),
            ..ParaProps::default()
        };
        match ends_section {
            Some(open) => props.write_ending_section(
                &mut self.x,
                None,
                Some(&|x: &mut Xml| section(x, pages, grid, open, true)),
            ),
            None => props.write(&mut self.x, None),
        }
        for image in &p.images {
            self.picture(image);
        }
        // The 版头's shapes hang on page 1's first paragraph, anchored to the page.
        if let Some(head) = self.letterhead.take() {
            self.placed += letterhead::write(&mut self.x, head, self.names, self.placed + 1);
        }
        runs(&mut self.x, p, self.grid, self.names, style);
        self.x.close("w:p");
    }

    /// A seal: a picture floating behind the text (`behindDoc`, no wrapping), its box placed
    /// where the layout put it — x from the 版心's left edge (the margin), y from the top of
    /// the paragraph's line — as the PDF draws it. One media part per distinct PNG.
    fn picture(&mut self, image: &FlowImage) {
        let png = &image.image.png;
        let n = match self.pictures.iter().position(|p| p.png == *png) {
            Some(n) => n,
            None => {
                let k = self.pictures.len() + 1;
                self.pictures.push(Picture {
                    rid: format!("rIdSeal{k}"),
                    name: format!("seal{k}"),
                    png: png.clone(),
                });
                k - 1
            }
        };
        self.placed += 1;
        let (rid, file) = (
            self.pictures[n].rid.clone(),
            format!("{}.png", self.pictures[n].name),
        );
        let (cx, cy) = (image.width.to_emu(), image.height.to_emu());
        let (x_off, y_off) = (image.x.to_emu(), image.y.to_emu());
        let id = self.placed;
        let x = &mut self.x;
        anchor::open(
            x,
            &Anchor {
                id,
                name: "印章",
                from: ("margin", "paragraph"),
                pos: (x_off, y_off),
                ext: (cx, cy),
                behind: true,
                locked: false,
                graphic: Graphic::Picture,
            },
        );
        x.open("wp:cNvGraphicFramePr", &[]);
        x.empty("a:graphicFrameLocks", &[a("noChangeAspect", 1)]);
        x.close("wp:cNvGraphicFramePr");
        x.open("a:graphic", &[]);
        x.open("a:graphicData", &[a("uri", PIC_NS)]);
        x.open("pic:pic", &[]);
        x.open("pic:nvPicPr", &[]);
        x.empty("pic:cNvPr", &[a("id", id), a("name", file)]);
        x.empty("pic:cNvPicPr", &[]);
        x.close("pic:nvPicPr");
        x.open("pic:blipFill", &[]);
        x.empty("a:blip", &[a("r:embed", rid)]);
        x.open("a:stretch", &[]);
        x.empty("a:fillRect", &[]);
        x.close("a:stretch");
        x.close("pic:blipFill");
        x.open("pic:spPr", &[]);
        x.open("a:xfrm", &[]);
        x.empty("a:off", &[a("x", 0), a("y", 0)]);
        x.empty("a:ext", &[a("cx", cx), a("cy", cy)]);
        x.close("a:xfrm");
        x.open("a:prstGeom", &[a("prst", "rect")]);
        x.empty("a:avLst", &[]);
        x.close("a:prstGeom");
        x.close("pic:spPr");
        x.close("pic:pic");
        x.close("a:graphicData");
        x.close("a:graphic");
        anchor::close(x, Graphic::Picture);
    }
}

/// The runs of `p`, split where the layout broke the title's lines (`w:br`) and at tabs.
fn runs(x: &mut Xml, p: &Paragraph, grid: &Grid, names: FontNames, style: Resolved) {
    let size = p.size.to_half_pt();
    let spacing = grid.spacing_of(p);
    let mut offset = 0;
    let mut breaks = p.forced_breaks.iter().copied().peekable();
    for run in &p.runs {
        let props = RunProps {
            fonts: {
                let hint = run.text.chars().any(is_ambiguous);
                let name = (run.font != style.font).then(|| names.name(run.font));
                (hint || name.is_some()).then_some(Fonts {
                    name,
                    east_asian_hint: hint,
                })
            },
            spacing: (spacing != style.spacing).then_some(spacing),
            size: (size != style.size).then_some(size),
            ..RunProps::default()
        };
        x.open("w:r", &[]);
        if !props.is_empty() {
            props.write(x);
        }
        let mut piece = String::new();
        for ch in run.text.chars() {
            if breaks.peek() == Some(&offset) {
                breaks.next();
                text(x, &mut piece);
                x.empty("w:br", &[]);
            }
            if ch == '\t' {
                text(x, &mut piece);
                x.empty("w:tab", &[]);
            } else {
                piece.push(ch);
            }
            offset += 1;
        }
        text(x, &mut piece);
        x.close("w:r");
    }
}

fn text(x: &mut Xml, piece: &mut String) {
    if !piece.is_empty() {
        x.text_element("w:t", &[a("xml:space", "preserve")], piece);
        piece.clear();
    }
}

impl Writer<'_> {
    /// The 版记: a one-column table as wide as the 版心, a row per paragraph, its rules as
    /// table borders, in the flow (not floating): the blank lines the layout leaves before it
    /// bring its last rule to the 版心's bottom edge, where the layout draws it. Width in both
    /// `tblW` and `gridCol` (WPS reads the latter). `page_break` starts its page.
    fn imprint_table(&mut self, page: &Page, imprint: &ImprintLayout, page_break: bool) {
        let setup = &self.pages.setup;
        let paragraphs: Vec<&Paragraph> = imprint
            .paragraphs
            .iter()
            .map(|&(p, _)| &self.pages.paragraphs[p])
            .collect();
        // Its rules, top to bottom: where they lie, their thickness in eighths of a point (the
        // first rule, the ones between, the last: GB/T 9704 §7.4.1). Their length (156 mm =
        // 8844 twip); the text column, rounded margin by margin, is a twip wider.
        let rules: Vec<(Length, i64)> = imprint
            .rules
            .iter()
            .map(|r| (r.rule.y, r.rule.thickness.to_eighth_pt()))
            .collect();
        let rule_width = imprint
            .rules
            .first()
            .map(|r| (r.rule.x1 - r.rule.x0).to_twip());
        // Blank pages before it are already written; a 版记 page after rows starts with them.
        let page_break = page_break && page.rows.is_empty() && imprint.top_row == 0;
        let width = rule_width.unwrap_or_else(|| {
            (setup.paper_width - setup.margin_left - setup.margin_right).to_twip()
        });
        let sizes: Vec<i64> = rules.iter().map(|r| r.1).collect();
        let first = sizes.first().copied();
        let last = sizes.last().copied().filter(|_| sizes.len() > 1);
        let between = (sizes.len() > 2).then(|| sizes[1]);
        let pitch = setup.line_pitch.to_emu();
        let line = self.grid.line_twip;
        // Each row is exactly as many grid lines high as the layout's rules around it are
        // apart, so a border never makes a row taller than its lines (LibreOffice adds the
        // border's width to an `atLeast` row and pushes the last rule below the 版心).
        // LibreOffice sets a table's top and bottom rules outside its rows (measured: with
        // exact rows the 版记 ends a rule's width below the 版心 and drops to the next page),
        // and the paragraph that must follow the table needs room too. The first row gives
        // that up, less what the grid leaves free at the foot of the 版心 (12756 − 22 × 579 =
        // 18 twips): its last rule then lies 0.35 mm above the 版心's bottom edge there.
        let twips = |eighths: Option<i64>| eighths.map_or(0, |e| e * 20 / 8);
        let text_height = (setup.paper_height.to_twip()
            - setup.margin_top.to_twip()
            - setup.margin_bottom.to_twip())
        .max(0);
        let free = text_height - text_height / line * line;
        let inset = (twips(first) + twips(last) - free + END_PARAGRAPH_TWIP).max(0);
        let heights: Vec<(i64, &str)> = if rules.len() == paragraphs.len() + 1 {
            rules
                .windows(2)
                .enumerate()
                .map(|(n, w)| {
                    let lines = ((w[1].0 - w[0].0).to_emu() + pitch / 2) / pitch;
                    let inset = if n == 0 { inset } else { 0 };
                    (lines * line - inset, "exact")
                })
                .collect()
        } else {
            // A 版记 without rules (信函格式): one exact grid line a row, the first giving up the
            // room LibreOffice wants for the closing paragraph — as much as a ruled 版记's first
            // row gives up (measured: with less, a last page holds the 版记 and an empty page
            // follows).
            let room = (twips(Some(8)) + END_PARAGRAPH_TWIP - free).max(0);
            (0..paragraphs.len())
                .map(|n| (line - if n == 0 { room } else { 0 }, "exact"))
                .collect()
        };

        let x = &mut self.x;
        x.open("w:tbl", &[]);
        x.open("w:tblPr", &[]);
        x.empty("w:tblW", &[a("w:w", width), a("w:type", "dxa")]);
        x.empty("w:jc", &[a("w:val", "center")]);
        x.empty("w:tblInd", &[a("w:w", 0), a("w:type", "dxa")]);
        x.open("w:tblBorders", &[]);
        if let Some(size) = first {
            border_line(x, Side::Top, size);
        }
        if let Some(size) = last {
            border_line(x, Side::Bottom, size);
        }
        if let Some(size) = between {
            border_line(x, Side::InsideH, size);
        }
        x.close("w:tblBorders");
        x.empty("w:tblLayout", &[a("w:type", "fixed")]);
        x.open("w:tblCellMar", &[]);
        for side in ["w:top", "w:left", "w:bottom", "w:right"] {
            x.empty(side, &[a("w:w", 0), a("w:type", "dxa")]);
        }
        x.close("w:tblCellMar");
        x.empty("w:tblLook", &[a("w:val", "0000")]);
        x.close("w:tblPr");
        x.open("w:tblGrid", &[]);
        x.empty("w:gridCol", &[a("w:w", width)]);
        x.close("w:tblGrid");
        for (n, (&p, &(height, rule))) in paragraphs.iter().zip(&heights).enumerate() {
            let x = &mut self.x;
            x.open("w:tr", &[]);
            x.open("w:trPr", &[]);
            x.empty("w:cantSplit", &[]);
            x.empty("w:trHeight", &[a("w:val", height), a("w:hRule", rule)]);
            x.close("w:trPr");
            x.open("w:tc", &[]);
            x.open("w:tcPr", &[]);
            x.empty("w:tcW", &[a("w:w", width), a("w:type", "dxa")]);
            x.close("w:tcPr");
            self.paragraph(p, n == 0 && page_break, None);
            self.x.close("w:tc");
            self.x.close("w:tr");
        }
        self.x.close("w:tbl");
    }
}
