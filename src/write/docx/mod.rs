//! Pages → DOCX: the layout's paragraphs as Word structures — a section with the GB/T 9704
//! page, margins and 22-line grid; a named style per element with the official East Asian face
//! names; odd/even footers with PAGE fields; and what the layout decided (title line breaks,
//! signature indents, tab stops, page breaks, the 版记 and its rules) said explicitly.
//!
//! Every part is written here, element by element in schema order (ECMA-376 Part 1), and
//! zipped with its content types and relationships by `package` — only the parts the document
//! uses. See `docs/docx.md` for the encoding, its measurements and why not docx-rs.

mod anchor;
mod document;
pub mod fonts;
mod letterhead;
mod package;
mod props;
mod styles;
pub(crate) mod xml;

pub use fonts::FontNames;
pub use styles::STYLES;

use crate::layout::{Align, Frame, Pages, Paragraph};
use crate::length::Length;
use package::{Kind, Part};
use props::Indent;
use xml::{Xml, a};

pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// How the DOCX names things; the layout is the same either way.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocxOptions {
    pub font_names: FontNames,
}

/// The grid in DOCX units.
pub struct Grid {
    /// The exact line height, twips: the layout's pitch rounded *down*, so 22 lines fit the
    /// 版心 (579.8 → 579; 580 would leave room for 21 only — spec digest §9.1).
    pub line_twip: i64,
    /// Character spacing of 正文 runs, twentieths of a point (see [`spacing`]): the spacing of
    /// a style no paragraph of the document uses.
    pub body_spacing: i64,
}

impl Grid {
    fn new(pages: &Pages) -> Self {
        let s = &pages.setup;
        Grid {
            line_twip: s.line_pitch.to_emu().div_euclid(Length::twip(1).to_emu()),
            body_spacing: spacing(s.body_tracking),
        }
    }

    /// The character spacing the layout set `p` with (`Paragraph::tracking`).
    pub fn spacing_of(&self, p: &Paragraph) -> i64 {
        spacing(p.tracking)
    }
}

/// Tracking as `w:spacing`, twentieths of a point, rounded towards minus infinity so a cell
/// never grows (−0.214 pt → −5 = −0.25 pt: 28 characters still fit the line).
pub fn spacing(tracking: Length) -> i64 {
    tracking.to_emu().div_euclid(Length::pt(1).to_emu() / 20)
}

pub(crate) fn indent(p: &Paragraph) -> Indent {
    Indent {
        left: p.left_indent.to_twip(),
        right: p.right_indent.to_twip(),
        first_line: p.first_line_indent.to_twip(),
    }
}

pub(crate) fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Justify => "both",
        Align::Right => "right",
    }
}

/// Render `pages` to DOCX bytes. The same pages give the same bytes.
pub fn write(pages: &Pages, options: &DocxOptions) -> Result<Vec<u8>, super::Error> {
    let names = options.font_names;
    let grid = Grid::new(pages);
    let doc = document::document_xml(pages, &grid, names);
    let part = |name: &str, bytes: Vec<u8>, kind: Kind| Part {
        name: name.to_owned(),
        bytes,
        kind,
    };
    let mut parts = vec![
        part("word/document.xml", doc.xml, Kind::Document),
        part(
            "word/styles.xml",
            styles::styles_xml(pages, &grid, names),
            Kind::Styles,
        ),
        part("word/settings.xml", settings_xml(pages), Kind::Settings),
        part(
            "word/fontTable.xml",
            fonts::font_table(names),
            Kind::FontTable,
        ),
        // Odd (default) and even footers; a third, empty one for the unnumbered section.
        part(
            "word/footer1.xml",
            document::footer_xml(pages, true, names),
            Kind::Footer(document::ODD_FOOTER_RID),
        ),
        part(
            "word/footer2.xml",
            document::footer_xml(pages, false, names),
            Kind::Footer(document::EVEN_FOOTER_RID),
        ),
    ];
    // The turned sections' (横排, GB/T 9704 §8) odd and even footers.
    if pages.pages.iter().any(|p| p.frame == Frame::Turned) {
        parts.push(part(
            "word/footer4.xml",
            document::turned_footer_xml(pages, true, names),
            Kind::Footer(document::TURNED_ODD_FOOTER_RID),
        ));
        parts.push(part(
            "word/footer5.xml",
            document::turned_footer_xml(pages, false, names),
            Kind::Footer(document::TURNED_EVEN_FOOTER_RID),
        ));
    }
    if document::has_unnumbered_section(pages) {
        parts.push(part(
            "word/footer3.xml",
            document::empty_footer_xml(pages),
            Kind::Footer(document::EMPTY_FOOTER_RID),
        ));
    }
    parts.push(part(
        "docProps/core.xml",
        core_xml(pages),
        Kind::CoreProperties,
    ));
    parts.push(part(
        "docProps/app.xml",
        app_xml(pages),
        Kind::AppProperties,
    ));
    // Seal pictures: `word/media/sealN.png`, each with an image relationship of the document.
    let pictures: Vec<package::Picture> = doc
        .pictures
        .iter()
        .map(|p| package::Picture {
            rid: &p.rid,
            name: &p.name,
            png: &p.png,
        })
        .collect();
    package::pack(parts, &pictures).map_err(|e| super::Error::Docx(e.to_string()))
}

/// 禁则 in the punctuation lists the layout breaks with (GB/T 15834 via `layout::linebreak`),
/// given to Word as the zh-CN custom lists.
fn kinsoku_lists(pages: &Pages) -> (String, String) {
    let rules = pages.line_break_rules();
    (
        rules.no_line_end.iter().collect(),
        rules.no_line_start.iter().collect(),
    )
}

/// `word/settings.xml`: odd/even footers; punctuation never compressed (the PDF sets every
/// mark full width); the layout's 禁则 lists; East Asian line breaking; Word 2013+ layout.
fn settings_xml(pages: &Pages) -> Vec<u8> {
    let (after, before) = kinsoku_lists(pages);
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W_NS.to_owned())]);
    x.empty("w:zoom", &[a("w:percent", 100)]);
    x.empty("w:defaultTabStop", &[a("w:val", 420)]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty("w:characterSpacingControl", &[a("w:val", "doNotCompress")]);
    x.empty(
        "w:noLineBreaksAfter",
        &[a("w:lang", "zh-CN"), a("w:val", after)],
    );
    x.empty(
        "w:noLineBreaksBefore",
        &[a("w:lang", "zh-CN"), a("w:val", before)],
    );
    x.open("w:compat", &[]);
    x.empty("w:useFELayout", &[]);
    x.empty(
        "w:compatSetting",
        &[
            a("w:name", "compatibilityMode"),
            a("w:uri", "http://schemas.microsoft.com/office/word"),
            a("w:val", 15),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[a("w:val", "en-US"), a("w:eastAsia", "zh-CN")],
    );
    x.empty("w:decimalSymbol", &[a("w:val", ".")]);
    x.empty("w:listSeparator", &[a("w:val", ",")]);
    x.close("w:settings");
    x.into_bytes()
}

/// docProps/core.xml: title, the issuing bodies, the kind, created = 成文日期 — never the clock.
fn core_xml(pages: &Pages) -> Vec<u8> {
    let m = &pages.metadata;
    let date = format!("{}T00:00:00Z", m.date.iso());
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            a(
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            a("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            a("xmlns:dcterms", "http://purl.org/dc/terms/"),
            a("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            a("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.text_element("dc:title", &[], &m.title)
        .text_element("dc:subject", &[], &m.subject)
        .text_element("dc:creator", &[], &m.author)
        .text_element("cp:lastModifiedBy", &[], &m.author)
        .text_element("cp:revision", &[], "1")
        .text_element("dcterms:created", &[a("xsi:type", "dcterms:W3CDTF")], &date)
        .text_element(
            "dcterms:modified",
            &[a("xsi:type", "dcterms:W3CDTF")],
            &date,
        );
    x.close("cp:coreProperties");
    x.into_bytes()
}

/// docProps/app.xml: the producing application and the page count the layout made.
fn app_xml(pages: &Pages) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[
            a(
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            a(
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    x.text_element("Application", &[], "gongwen")
        .text_element("DocSecurity", &[], "0")
        .text_element("Pages", &[], &pages.pages.len().to_string());
    x.close("Properties");
    x.into_bytes()
}
