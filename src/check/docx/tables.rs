//! A DOCX's body tables: GW801 for a row whose cells do not fill the table's grid (named by the
//! table and row, at the row's first paragraph), and each cell paragraph named by its table,
//! row and cell for the text rules that apply to cell text.

use super::finding;
use crate::check::hint;
use crate::diag::{Diagnostic, Location};
use crate::import::docx::{Package, Paragraph};
use std::path::Path;

/// GW801: the rows with fewer grid columns of cells than the table has.
pub(super) fn ragged(path: &Path, package: &Package) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in &package.tables {
        let columns = t.columns();
        for (r, row) in t.rows.iter().enumerate() {
            let own: usize = row.cells.iter().map(|c| c.span).sum();
            if own >= columns {
                continue;
            }
            let mut d = finding(
                path,
                "GW801",
                "",
                format!(
                    "表格{}第{}行只有 {own} 列，表格是 {columns} 列；这一行缺格，参差不齐。",
                    t.number,
                    r + 1
                ),
            );
            let first = row.cells.iter().find_map(|c| c.paragraphs.first());
            if let Some(&p) = first {
                d.location = Some(Location {
                    file: path.to_owned(),
                    line: p + 1,
                    column: 1,
                });
                d.source_line = package.paragraphs.get(p).map(|p| p.text.clone());
            }
            hint(
                &mut d,
                "请在 Word 或 WPS 中补上漏掉的格，或合并单元格使各行对齐。",
            );
            out.push(d);
        }
    }
    out
}

/// Every cell paragraph with text, with the place of its cell (表格1第3行第2格).
pub(super) fn cell_paragraphs(package: &Package) -> Vec<(&Paragraph, String)> {
    let mut out = Vec::new();
    for t in &package.tables {
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                for &i in &cell.paragraphs {
                    if let Some(p) = package.paragraphs.get(i)
                        && !p.text.trim().is_empty()
                    {
                        out.push((p, format!("表格{}第{}行第{}格", t.number, r + 1, c + 1)));
                    }
                }
            }
        }
    }
    out
}
