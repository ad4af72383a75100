//! A [`DocxTable`] as the schema's `table:` ([`TableOutline`]), and each put where it stood in
//! the recognised outline.

use super::{DocxTable, Merge};
use crate::import::recognise::{Node, Outline};

/// Who made the DOCX: gongwen's own has its layout's exact widths and its 字号 on the runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Maker {
    Gongwen,
    Other,
}

/// A table as the YAML writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOutline {
    pub caption: Option<String>,
    pub header: Vec<Vec<CellOutline>>,
    pub rows: Vec<Vec<CellOutline>>,
    pub widths: Option<Vec<u32>>,
    pub size: Option<&'static str>,
    pub align: Option<Vec<&'static str>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellOutline {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

impl DocxTable {
    /// The grid columns: the widest row's, or the grid's.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.before + r.cells.iter().map(|c| c.span).sum::<usize>() + r.after)
            .max()
            .unwrap_or(0)
            .max(self.grid.len())
    }

    /// The `table:` it makes.
    pub fn outline(&self, maker: Maker) -> TableOutline {
        let columns = self.columns();
        let header_rows = self.rows.iter().take_while(|r| r.header).count();
        // Each cell's first grid column.
        let starts: Vec<Vec<usize>> = self
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .scan(r.before, |col, c| {
                        let at = *col;
                        *col += c.span;
                        Some(at)
                    })
                    .collect()
            })
            .collect();
        let continuing = |row: usize, col: usize, span: usize| {
            self.rows[row]
                .cells
                .iter()
                .zip(&starts[row])
                .any(|(c, &s)| {
                    c.merge == Merge::Continue && s == col && c.span == span && c.text.is_empty()
                })
        };
        // A continuation taken into the cell above it.
        let mut absorbed = vec![Vec::<usize>::new(); self.rows.len()];
        let mut out: Vec<Vec<CellOutline>> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            // A merge stays within the header or within the body, as the schema has it.
            let end = if r < header_rows {
                header_rows
            } else {
                self.rows.len()
            };
            let mut cells = vec![
                CellOutline {
                    text: String::new(),
                    colspan: 1,
                    rowspan: 1,
                };
                row.before
            ];
            let mut taken = 0;
            for (c, cell) in row.cells.iter().enumerate() {
                let col = starts[r][c];
                if absorbed[r].contains(&col) {
                    continue;
                }
                // Empty continuations below it merge into it (a continuation with text of its
                // own stands as a cell, so that no text is lost).
                let mut rowspan = 1;
                while r + rowspan < end && continuing(r + rowspan, col, cell.span) {
                    absorbed[r + rowspan].push(col);
                    rowspan += 1;
                }
                taken += cell.span;
                cells.push(CellOutline {
                    text: cell.text.clone(),
                    colspan: cell.span,
                    rowspan,
                });
            }
            // Columns still free in this row (merged ones from above aside): empty cells, so
            // that every row adds up to the table's columns.
            let from_above = absorbed[r].iter().map(|&col| {
                let c = starts[r].iter().position(|&s| s == col).unwrap_or(0);
                row.cells.get(c).map_or(1, |c| c.span)
            });
            let used = row.before + taken + from_above.sum::<usize>();
            cells.extend((used..columns).map(|_| CellOutline {
                text: String::new(),
                colspan: 1,
                rowspan: 1,
            }));
            out.push(cells);
        }
        let rows = out.split_off(header_rows);
        TableOutline {
            caption: None,
            header: out,
            rows,
            widths: self.widths(maker, columns),
            size: self.size(maker, header_rows),
            align: self.align(maker, columns, header_rows, &starts),
        }
    }

    /// `widths`: small ratios giving gongwen's layout back exactly (its own DOCX; absent where
    /// none does — the widths came from the content, which gives them again), or another
    /// tool's widths to a hundredth (absent where all are equal: Word's default).
    fn widths(&self, maker: Maker, columns: usize) -> Option<Vec<u32>> {
        let grid = &self.grid;
        if grid.len() != columns || grid.iter().any(|&w| w <= 0) {
            return None;
        }
        let total: i64 = grid.iter().sum();
        let limit = match maker {
            Maker::Gongwen => 200,
            Maker::Other => 100,
        };
        for sum in 1..=limit {
            let ratios: Vec<i64> = grid
                .iter()
                .map(|&w| ((w * sum + total / 2) / total).max(1))
                .collect();
            let back = crate::layout::share_out(&ratios, total);
            let fits = match maker {
                Maker::Gongwen => back == *grid,
                Maker::Other => back
                    .iter()
                    .zip(grid)
                    .all(|(a, b)| (a - b).abs() * 100 <= total),
            };
            if fits {
                let equal = ratios.iter().all(|&r| r == ratios[0]);
                return (!(equal && maker == Maker::Other))
                    .then(|| ratios.iter().map(|&r| r as u32).collect());
            }
        }
        None
    }

    /// 字号: gongwen's writes 4号 on the runs and leaves 3号 to the style; another tool's is
    /// kept when it is one of the two.
    fn size(&self, maker: Maker, header_rows: usize) -> Option<&'static str> {
        let sz = self.rows[header_rows.min(self.rows.len())..]
            .iter()
            .flat_map(|r| &r.cells)
            .find(|c| !c.text.is_empty())
            .and_then(|c| c.size);
        match (maker, sz) {
            (_, Some(28)) => Some("4号"),
            (Maker::Gongwen, _) | (Maker::Other, Some(32)) => Some("3号"),
            _ => None,
        }
    }

    /// `align` where a column's body cells all agree on one that is not 左.
    fn align(
        &self,
        maker: Maker,
        columns: usize,
        header_rows: usize,
        starts: &[Vec<usize>],
    ) -> Option<Vec<&'static str>> {
        let mut seen: Vec<Option<Option<&'static str>>> = vec![None; columns];
        let mut decimal = vec![false; columns];
        for (r, row) in self.rows.iter().enumerate().skip(header_rows) {
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.span != 1 || cell.text.is_empty() || cell.merge == Merge::Continue {
                    continue;
                }
                let col = starts[r][c];
                let name = match cell.align.as_deref() {
                    Some("center") => "居中",
                    Some("right" | "end") => "右",
                    _ => "左",
                };
                decimal[col] |= maker == Maker::Gongwen && name == "右" && cell.right_indent > 0;
                seen[col] = match seen[col] {
                    None => Some(Some(name)),
                    Some(Some(n)) if n == name => Some(Some(n)),
                    _ => Some(None),
                };
            }
        }
        let align: Vec<&'static str> = seen
            .iter()
            .zip(&decimal)
            .map(|(s, &d)| match s.flatten() {
                Some("右") if d => "小数点",
                Some(n) => n,
                None => "左",
            })
            .collect();
        align.iter().any(|&a| a != "左").then_some(align)
    }
}

/// The line standing for table `t` among the text's lines until [`place_tables`] puts the table
/// there: U+FFFC (the object replacement character), which no 公文 text holds.
pub fn table_mark(t: usize) -> String {
    format!("\u{FFFC}表格{t}")
}

/// 表1　…… / 表一 …… / （单位：万元）: a line that names a table above it.
pub fn is_caption(line: &str) -> bool {
    let t = line.trim();
    let numbered = t
        .strip_prefix('表')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    (numbered || t.starts_with("（单位") || t.starts_with("单位："))
        && t.chars().count() <= 40
        && !t.ends_with('。')
}

/// Each table where its line stands in the outline's 正文, 附件 or forwarded documents; one
/// whose line the text recogniser put elsewhere goes at the end of the 正文, with a note.
pub fn place_tables(out: &mut Outline, tables: Vec<TableOutline>) {
    let mut tables: Vec<Option<TableOutline>> = tables.into_iter().map(Some).collect();
    fn walk(nodes: &mut [Node], tables: &mut [Option<TableOutline>]) {
        for node in nodes {
            match node {
                Node::Paragraph { text, points } if points.is_empty() => {
                    if let Some(t) = (0..tables.len()).find(|&t| *text == table_mark(t))
                        && let Some(table) = tables[t].take()
                    {
                        *node = Node::Table(Box::new(table));
                    }
                }
                Node::Section { body, .. } => walk(body, tables),
                _ => {}
            }
        }
    }
    walk(&mut out.body, &mut tables);
    for (_, body) in &mut out.attachments {
        walk(body, &mut tables);
    }
    for f in &mut out.forwarded {
        walk(&mut f.body, &mut tables);
        for (_, body) in &mut f.attachments {
            walk(body, &mut tables);
        }
    }
    out.unplaced.retain(|l| !l.starts_with('\u{FFFC}'));
    for (t, table) in tables.into_iter().enumerate() {
        if let Some(table) = table {
            out.notes.push(format!(
                "表格{}未能确定它在公文中的位置，已放在正文末尾；请核对。",
                t + 1
            ));
            out.body.push(Node::Table(Box::new(table)));
        }
    }
}
