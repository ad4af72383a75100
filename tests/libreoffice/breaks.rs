//! Line breaks read back from a PDF's glyphs, in a text both PDFs share: where each line of
//! the 版心 ends, and where the DOCX's paragraphs end (so wrap breaks can be told apart).

use super::common::docx_part;
use super::glyphs::{Line, Page};
use std::path::Path;

const PT_PER_MM: f64 = 72.0 / 25.4;
/// The 版心's bottom edge (GB/T 9704 §5.2.1), pt; page numbers lie below it.
pub const BOTTOM: f64 = (37.0 + 225.0) * PT_PER_MM;
/// Marks that may hang past the right edge (the layout's `linebreak::HANGING`: full-width
/// 点号 and the half-width , . ; : ? ! typed among them).
pub const HANGING: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', ',', '.', ';', ':', '?', '!',
];
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text lines inside the 版心 (page numbers excluded).
pub fn body_lines(page: &Page) -> Vec<Line> {
    page.lines()
        .into_iter()
        .filter(|l| l.y < BOTTOM + 3.0 && !l.text().is_empty())
        .collect()
}

/// Offsets (into the text of all body lines, whitespace and hanging marks removed) where each
/// line ends; and how many hanging marks the lines show. LibreOffice 7.4 does not paint a mark
/// that hangs at the end of a justified line (docs/docx.md), so offsets leave all of them out.
pub fn line_ends(pages: &[Page]) -> (String, Vec<usize>, usize) {
    let mut text = String::new();
    let mut ends = Vec::new();
    let mut marks = 0;
    for page in pages {
        for line in body_lines(page) {
            let t = line.text();
            marks += t.chars().filter(|c| HANGING.contains(c)).count();
            text.extend(t.chars().filter(|c| !HANGING.contains(c)));
            ends.push(text.chars().count());
        }
    }
    (text, ends, marks)
}

/// Offsets where each paragraph of the DOCX ends, in the same text.
pub fn paragraph_ends(docx: &Path) -> Vec<usize> {
    let xml = docx_part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("document.xml parses");
    let mut ends = Vec::new();
    let mut at = 0;
    // Text in shapes (the 版头's text boxes) is not in the flow.
    let in_shape = |n: &roxmltree::Node| n.ancestors().any(|a| a.has_tag_name((W, "drawing")));
    for p in doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")) && !in_shape(n))
    {
        let text: String = p
            .descendants()
            .filter(|n| n.has_tag_name((W, "t")) && !in_shape(n))
            .filter_map(|n| n.text())
            .flat_map(|t| {
                t.chars()
                    .filter(|c| !c.is_whitespace() && !HANGING.contains(c))
            })
            .collect();
        if !text.is_empty() {
            at += text.chars().count();
            ends.push(at);
        }
    }
    ends
}
