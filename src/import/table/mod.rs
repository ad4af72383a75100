//! 表格 in a DOCX: each body `w:tbl` read as its rows and cells (`w:tblHeader` rows, `w:gridSpan`,
//! `w:vMerge` restart/continue, the text of every paragraph of a cell, a line each), and made a
//! `table:` of the schema: spans as colspan/rowspan, widths from `w:tblGrid`, 字号 and per
//! column alignment where the cells say so. The 版记's table and a table that draws no rule (a
//! layout grid) are no tables of the 正文: their lines are read as the text's. What a `table:` cannot hold (a table in a cell, a picture) is named
//! in a note, and a nested table's text is kept in its cell.

mod outline;

pub use outline::{Maker, TableOutline, is_caption, place_tables, table_mark};

use super::docx::{Paragraph, W};
use std::collections::HashMap;

/// A body table as the DOCX holds it.
#[derive(Debug)]
pub struct DocxTable {
    /// Its number among the body's tables, from 1, as findings and notes name it.
    pub number: usize,
    /// Column widths of `w:tblGrid`, twips.
    pub grid: Vec<i64>,
    pub rows: Vec<DocxRow>,
    /// Every paragraph inside it (nested tables' too), as indices into the package's list.
    pub paragraphs: Vec<usize>,
    /// What a `table:` cannot hold, each with its place.
    pub left_out: Vec<String>,
}

#[derive(Debug)]
pub struct DocxRow {
    /// Marked to repeat on every page (`w:tblHeader`).
    pub header: bool,
    /// Grid columns left empty before its first cell and after its last (`w:gridBefore`,
    /// `w:gridAfter`).
    pub before: usize,
    pub after: usize,
    pub cells: Vec<DocxCell>,
}

#[derive(Debug)]
pub struct DocxCell {
    /// Its paragraphs' text, a line each (a `w:br` breaks a line too).
    pub text: String,
    /// Grid columns it spans.
    pub span: usize,
    pub merge: Merge,
    /// Its own paragraphs, as indices into the package's list.
    pub paragraphs: Vec<usize>,
    /// `w:jc` of its first paragraph.
    pub align: Option<String>,
    /// `w:ind w:right` of its first paragraph, twips (gongwen's 小数点 alignment).
    pub right_indent: i64,
    /// `w:sz` of its first text run, half-points.
    pub size: Option<u32>,
}

/// `w:vMerge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// A cell merged into the one above (no `w:val`, or `continue`).
    Continue,
}

fn tag(n: roxmltree::Node, name: &str) -> bool {
    n.has_tag_name((W, name))
}

/// The nearest enclosing element named `name`.
fn enclosing<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.ancestors().skip(1).find(|a| tag(*a, name))
}

/// The value of `name` among `node`'s children, read as a number.
fn child_val(node: Option<roxmltree::Node>, name: &str, attr: &str) -> Option<i64> {
    node?
        .children()
        .find(|c| tag(*c, name))?
        .attribute((W, attr))?
        .parse()
        .ok()
}

/// The body's tables (not in text boxes, not inside another table, not the 版记's), in order.
/// `paragraphs` are the package's, in the order of `xml`'s `w:p` elements.
pub fn read(xml: &roxmltree::Document, paragraphs: &[Paragraph]) -> Vec<DocxTable> {
    let index: HashMap<roxmltree::NodeId, usize> = xml
        .descendants()
        .filter(|n| tag(*n, "p"))
        .enumerate()
        .map(|(i, n)| (n.id(), i))
        .collect();
    let mut out = Vec::new();
    for tbl in xml.descendants().filter(|n| tag(*n, "tbl")) {
        if enclosing(tbl, "tbl").is_some() || enclosing(tbl, "txbxContent").is_some() {
            continue;
        }
        let number = out.len() + 1;
        let table = one(tbl, &index, number);
        let texts: Vec<&Paragraph> = table
            .paragraphs
            .iter()
            .filter_map(|&i| paragraphs.get(i))
            .filter(|p| !p.text.trim().is_empty())
            .collect();
        // A table without cells holds nothing to lose.
        let cells = table.rows.iter().any(|r| !r.cells.is_empty());
        if cells && draws_rules(tbl) && !is_imprint(&texts) {
            out.push(table);
        }
    }
    out
}

/// Whether the table draws any rule: a table style (Word's 网格型 and the like), or a border of
/// the table or of one of its own cells that is not `nil`/`none`. A table without is a layout
/// grid — Word users set a 署名 and date, or a 版头, side by side in one — whose lines are read
/// as the text's.
fn draws_rules(tbl: roxmltree::Node) -> bool {
    let tblpr = tbl.children().find(|c| tag(*c, "tblPr"));
    let styled = tblpr.is_some_and(|p| p.children().any(|c| tag(c, "tblStyle")));
    styled
        || tbl
            .descendants()
            .filter(|n| {
                (tag(*n, "tblBorders") || tag(*n, "tcBorders")) && enclosing(*n, "tbl") == Some(tbl)
            })
            .flat_map(|b| b.children().filter(|c| c.is_element()))
            .any(|side| {
                side.attribute((W, "val"))
                    .is_some_and(|v| v != "nil" && v != "none")
            })
}

/// The 版记: gongwen's (抄送 and 印发 styles), or another tool's (a line of 抄送, or one ending
/// in 印发).
fn is_imprint(texts: &[&Paragraph]) -> bool {
    !texts.is_empty()
        && (texts
            .iter()
            .all(|p| p.style == "GwCopyTo" || p.style == "GwImprint")
            || texts.iter().any(|p| {
                let t = p.text.replace(['|', '\t', ' ', '\u{3000}'], "");
                t.starts_with("抄送") || t.ends_with("印发")
            }))
}

fn one(
    tbl: roxmltree::Node,
    index: &HashMap<roxmltree::NodeId, usize>,
    number: usize,
) -> DocxTable {
    let grid = tbl
        .children()
        .find(|n| tag(*n, "tblGrid"))
        .map(|g| {
            g.children()
                .filter(|c| tag(*c, "gridCol"))
                .map(|c| {
                    c.attribute((W, "w"))
                        .and_then(|w| w.parse().ok())
                        .unwrap_or(0)
                })
                .collect()
        })
        .unwrap_or_default();
    let paragraphs = tbl
        .descendants()
        .filter(|n| tag(*n, "p"))
        .filter_map(|n| index.get(&n.id()).copied())
        .collect();
    let mut left_out = Vec::new();
    let mut rows = Vec::new();
    for tr in tbl
        .descendants()
        .filter(|n| tag(*n, "tr") && enclosing(*n, "tbl") == Some(tbl))
    {
        let trpr = tr.children().find(|c| tag(*c, "trPr"));
        let header = trpr
            .and_then(|p| p.children().find(|c| tag(*c, "tblHeader")))
            .is_some_and(|h| {
                h.attribute((W, "val"))
                    .is_none_or(|v| v != "0" && v != "false")
            });
        let count = |name| child_val(trpr, name, "val").unwrap_or(0).clamp(0, 64) as usize;
        let mut cells = Vec::new();
        for tc in tr
            .descendants()
            .filter(|n| tag(*n, "tc") && enclosing(*n, "tr") == Some(tr))
        {
            let place = format!("表格{number}第{}行第{}格", rows.len() + 1, cells.len() + 1);
            cells.push(cell(tc, index, &place, &mut left_out));
        }
        rows.push(DocxRow {
            header,
            before: count("gridBefore"),
            after: count("gridAfter"),
            cells,
        });
    }
    DocxTable {
        number,
        grid,
        rows,
        paragraphs,
        left_out,
    }
}

fn cell(
    tc: roxmltree::Node,
    index: &HashMap<roxmltree::NodeId, usize>,
    place: &str,
    left_out: &mut Vec<String>,
) -> DocxCell {
    let tcpr = tc.children().find(|c| tag(*c, "tcPr"));
    let span = child_val(tcpr, "gridSpan", "val").unwrap_or(1).clamp(1, 64) as usize;
    let merge = match tcpr.and_then(|p| p.children().find(|c| tag(*c, "vMerge"))) {
        None => Merge::None,
        Some(v) if v.attribute((W, "val")) == Some("restart") => Merge::Restart,
        Some(_) => Merge::Continue,
    };
    let own: Vec<roxmltree::Node> = tc
        .descendants()
        .filter(|n| tag(*n, "p") && enclosing(*n, "tc") == Some(tc))
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut nested = false;
    for p in tc.descendants().filter(|n| tag(*n, "p")) {
        nested |= enclosing(p, "tc") != Some(tc);
        lines.push(paragraph_text(p));
    }
    if nested {
        left_out.push(format!(
            "{place}里套着一个表格：表格中不能再套表格，已把它的文字按行并入这一格。"
        ));
    }
    let pictures = tc
        .descendants()
        .filter(|n| n.tag_name().name() == "blip" || tag(*n, "pict") || tag(*n, "object"))
        .count();
    if pictures > 0 {
        left_out.push(format!(
            "{place}有 {pictures} 个图片或对象，表格里不能放图片，未导入。"
        ));
    }
    // Blank paragraphs at a cell's ends hold no text (Word leaves one in a new cell).
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let from = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let first = own.first().copied();
    let ppr = first.and_then(|p| p.children().find(|c| tag(*c, "pPr")));
    DocxCell {
        text: lines[from..].join("\n"),
        span,
        merge,
        paragraphs: own
            .iter()
            .filter_map(|n| index.get(&n.id()).copied())
            .collect(),
        align: ppr
            .and_then(|p| p.children().find(|c| tag(*c, "jc")))
            .and_then(|j| j.attribute((W, "val")))
            .map(str::to_owned),
        right_indent: child_val(ppr, "ind", "right").unwrap_or(0),
        size: own
            .iter()
            .flat_map(|p| p.descendants())
            .find(|r| tag(*r, "r") && r.children().any(|t| tag(t, "t")))
            .and_then(|r| child_val(r.children().find(|c| tag(*c, "rPr")), "sz", "val"))
            .and_then(|v| u32::try_from(v).ok()),
    }
}

/// A paragraph's text, a `w:br` as a line break, a tab as a space.
fn paragraph_text(p: roxmltree::Node) -> String {
    let mut text = String::new();
    for n in p.descendants() {
        if tag(n, "t") && enclosing(n, "p") == Some(p) {
            text.push_str(n.text().unwrap_or(""));
        } else if tag(n, "br") && enclosing(n, "p") == Some(p) {
            text.push('\n');
        } else if tag(n, "tab") && n.parent().is_some_and(|r| tag(r, "r")) {
            text.push(' ');
        }
    }
    text.trim_matches(|c: char| c.is_whitespace() && c != '\n')
        .to_owned()
}
