//! GW801: a table row with fewer cells than the table has columns (a ragged row). The model
//! fills it with empty cells so the document still renders; the clerk most likely lost a cell.

use super::text::at;
use super::{Findings, hint};
use crate::input::{Draft, DraftBlock, DraftCell, DraftTable};
use serde_saphyr::Spanned;

pub(super) fn check(draft: &Draft, out: &mut Findings) {
    let mut tables = Vec::new();
    blocks(&draft.body.value, &mut tables);
    for a in &draft.attachments {
        blocks(&a.value.body, &mut tables);
    }
    for f in &draft.forwarded {
        blocks(&f.value.body, &mut tables);
        for a in &f.value.attachments {
            blocks(&a.value.body, &mut tables);
        }
    }
    for t in tables {
        ragged(t, out);
    }
}

fn blocks<'d>(list: &'d [Spanned<DraftBlock>], out: &mut Vec<&'d DraftTable>) {
    for block in list {
        if let DraftBlock::Map(map) = &block.value {
            out.extend(map.table.as_ref().map(|t| &t.value));
            blocks(&map.body, out);
        }
    }
}

fn span(cell: &DraftCell, rows: bool) -> usize {
    match cell {
        DraftCell::Text(_) | DraftCell::AsTyped => 1,
        DraftCell::Map(m) => {
            let v = if rows { &m.rowspan } else { &m.colspan };
            v.as_ref().map_or(1, |v| v.value.max(1) as usize)
        }
    }
}

fn ragged(t: &DraftTable, out: &mut Findings) {
    let Some(first) = t.header.first().or(t.rows.first()) else {
        return;
    };
    let columns: usize = first.value.iter().map(|c| span(&c.value, false)).sum();
    for list in [&t.header, &t.rows] {
        // Per column, the rows below still covered by a cell merged down from above.
        let mut below: Vec<usize> = Vec::new();
        for row in list {
            let covered = below.iter().filter(|&&n| n > 0).count();
            let own: usize = row.value.iter().map(|c| span(&c.value, false)).sum();
            if covered + own < columns {
                let (line, column) = at(row);
                let d = out.at(
                    "GW801",
                    line,
                    column,
                    format!(
                        "这一行只有 {} 列，表格是 {columns} 列（按第一行计）；缺的格将按空白补齐。",
                        covered + own
                    ),
                );
                hint(
                    d,
                    "请补上漏掉的格（空白格写 \"\"），或用 colspan 表示横向合并的格。",
                );
            }
            // Advance the merges: those from above lose a row; this row's start.
            below.iter_mut().for_each(|n| *n = n.saturating_sub(1));
            let mut col = 0;
            for cell in &row.value {
                while below.get(col).is_some_and(|&n| n > 0) {
                    col += 1;
                }
                let (w, h) = (span(&cell.value, false), span(&cell.value, true));
                if below.len() < col + w {
                    below.resize(col + w, 0);
                }
                for n in &mut below[col..col + w] {
                    *n = h - 1;
                }
                col += w;
            }
        }
    }
}
