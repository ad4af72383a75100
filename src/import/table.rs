//! 表格 in a DOCX: each body `w:tbl` read as its rows and cells (`w:tblHeader` rows, `w:gridSpan`,
//! `w:vMerge` restart/continue, the text of every paragraph of a cell, a line each), and made a
//! `table:` of the schema: spans as colspan/rowspan, widths from `w:tblGrid`, 字号 and per
//! column alignment where the cells say so. The 版记's table is no table of the 正文: its lines
//! are read as the 版记's. What a `table:` cannot hold (a table in a cell, a picture) is named
//! in a note, and a nested table's text is kept in its cell.

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
        if !is_imprint(&texts) {
            out.push(table);
        }
    }
    out
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
