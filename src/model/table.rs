//! 表格 — a table standing where a paragraph could: caption, header rows, body rows, cells that
//! span columns and rows, column widths and alignment. Checked here so that the layout gets a
//! rectangle: every cell knows its column, and no row has more cells than the table columns.

use super::{Resolver, clean_text};
use crate::input::{DraftCell, DraftTable};
use serde_saphyr::Spanned;

/// The most columns a table may have: a 横排 page holds about 40 one-字 columns.
pub const MAX_COLUMNS: usize = 40;
/// The most rows a cell may span or a table may hold (a 公文 table of a few hundred rows is
/// already very long).
pub const MAX_ROWS: usize = 2000;

/// A table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// 表题, centred above it.
    pub caption: Option<String>,
    /// 表头 rows (repeated on every page) then body rows; `header_rows` of them are header.
    pub rows: Vec<Vec<Cell>>,
    pub header_rows: usize,
    pub columns: usize,
    pub widths: ColumnWidths,
    pub size: CellSize,
    /// Per column.
    pub align: Vec<CellAlign>,
    pub orientation: Orientation,
}

/// Which way the table stands on its pages (GB/T 9704 §8 横排表格).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// 横排 when its columns at their narrowest do not fit the portrait 版心, else 竖排.
    Auto,
    /// 竖排: on the portrait pages of the text (squeezed if too wide).
    Portrait,
    /// 横排: on pages whose 版心 is turned a quarter (§8).
    Landscape,
}

/// One cell, placed on the table's columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Its text; a `\n` is a line break the clerk typed.
    pub text: String,
    /// Its first column (0-based).
    pub column: usize,
    pub colspan: usize,
    pub rowspan: usize,
}

/// How the columns get their widths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnWidths {
    /// From what the cells hold, measured on the grid.
    Content,
    /// In these proportions of the table's width.
    Ratios(Vec<u32>),
}

/// 字号 of the cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellSize {
    /// 3号, or 4号 when the table would need 横排 at 3号 but not at 4号.
    Auto,
    Three,
    Four,
}

/// How a column's body cells are aligned (header cells are centred).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellAlign {
    Left,
    Center,
    Right,
    /// Numbers aligned on their decimal point (on their last digit when they have none).
    Decimal,
}

impl CellAlign {
    fn from_name(name: &str) -> Option<Self> {
        match name.trim() {
            "左" | "左对齐" | "居左" => Some(CellAlign::Left),
            "中" | "居中" => Some(CellAlign::Center),
            "右" | "右对齐" | "居右" => Some(CellAlign::Right),
            "小数点" | "小数点对齐" => Some(CellAlign::Decimal),
            _ => None,
        }
    }
}

type DraftRow = Spanned<Vec<Spanned<DraftCell>>>;

impl Resolver<'_> {
    pub(super) fn table(&mut self, at: &Spanned<DraftTable>) -> Option<Table> {
        let t = &at.value;
        let errors = self.errors.len();
        let caption = t
            .caption
            .as_ref()
            .and_then(|c| self.required_text(c, "表题"));
        let Some(first) = t.header.first().or(t.rows.first()) else {
            self.error(
                at,
                "表格没有内容：header（表头）和 rows（各行）都是空的。",
                "请写上表头和各行，例如 header: [[序号, 任务, 责任单位]]，rows: [[1, ……, ……]]。",
            );
            return None;
        };
        if t.header.len() + t.rows.len() > MAX_ROWS {
            self.error(
                at,
                &format!("表格超过 {MAX_ROWS} 行。"),
                "请把它拆成几个表格。",
            );
            return None;
        }
        // The first row sets the column count: nothing spans into it.
        let columns: usize = first
            .value
            .iter()
            .map(|c| self.span(c, Span::Columns).unwrap_or(1))
            .sum();
        if columns == 0 || columns > MAX_COLUMNS {
            self.error(
                first,
                &format!("表格的第一行有 {columns} 列，可用 1 至 {MAX_COLUMNS} 列。"),
                "请检查第一行（表头）的格数。",
            );
            return None;
        }
        let mut rows = Vec::new();
        let header_rows = t.header.len();
        for (part, list) in [("表头", &t.header), ("表格", &t.rows)] {
            // Columns still taken by a cell from a row above: rows left to cover, per column.
            let mut below = vec![0usize; columns];
            for row in list {
                rows.push(self.row(row, columns, &mut below));
            }
            if let Some(open) = below.iter().position(|&n| n > 0) {
                let last = list.last().expect("a spanning cell has a row");
                self.error(
                    last,
                    &format!(
                        "{part}第 {} 列有一格向下合并（rowspan）超出了{part}的最后一行。",
                        open + 1
                    ),
                    if part == "表头" {
                        "表头的格只能在表头内合并；请减小 rowspan。"
                    } else {
                        "请减小 rowspan，或补上被合并的行。"
                    },
                );
            }
        }
        let widths = match &t.widths {
            None => ColumnWidths::Content,
            Some(w) if w.value.len() != columns || w.value.iter().any(|v| v.value == 0) => {
                self.error(
                    w,
                    &format!(
                        "widths 要为每一列写一个正整数比例，表格共 {columns} 列，这里写了 {} 个。",
                        w.value.len()
                    ),
                    "例如 widths: [1, 4, 2]（第二列是第一列的四倍宽）；不写则按内容定宽。",
                );
                ColumnWidths::Content
            }
            Some(w) => ColumnWidths::Ratios(w.value.iter().map(|v| v.value).collect()),
        };
        let size = match t.size.as_ref().map(|s| (s, s.value.trim())) {
            None => CellSize::Auto,
            Some((_, "3号" | "三号")) => CellSize::Three,
            Some((_, "4号" | "四号")) => CellSize::Four,
            Some((s, other)) => {
                self.error(
                    s,
                    &format!("表格字号「{other}」无法识别。"),
                    "写 size: 3号 或 size: 4号；不写则用 3号，表格太宽时用 4号。",
                );
                CellSize::Auto
            }
        };
        if t.align.len() > columns {
            self.error(
                &t.align[columns],
                &format!("align 写了 {} 项，表格只有 {columns} 列。", t.align.len()),
                "每列写一项：左、居中、右 或 小数点。",
            );
        }
        let mut align = vec![CellAlign::Left; columns];
        for (slot, a) in align.iter_mut().zip(&t.align) {
            match CellAlign::from_name(&a.value) {
                Some(v) => *slot = v,
                None => self.error(
                    a,
                    &format!("对齐方式「{}」无法识别。", a.value.trim()),
                    "每列写一项：左、居中、右 或 小数点（数字按小数点对齐）。",
                ),
            }
        }
        let orientation = match t.orientation.as_ref().map(|o| (o, o.value.trim())) {
            None => Orientation::Auto,
            Some((_, "横排" | "横向")) => Orientation::Landscape,
            Some((_, "竖排" | "竖向" | "纵向")) => Orientation::Portrait,
            Some((o, other)) => {
                self.error(
                    o,
                    &format!("表格方向「{other}」无法识别。"),
                    "写 orientation: 横排 或 orientation: 竖排；不写则表格比版心宽时自动横排。",
                );
                Orientation::Auto
            }
        };
        (self.errors.len() == errors).then_some(Table {
            caption,
            rows,
            header_rows,
            columns,
            widths,
            size,
            align,
            orientation,
        })
    }

    /// One row placed on the columns; `below` counts the rows each column is still covered by
    /// a cell from above. A row with too few cells is filled with empty ones (`gongwen check`
    /// warns); one with too many is an error — a cell is never dropped.
    fn row(&mut self, row: &DraftRow, columns: usize, below: &mut [usize]) -> Vec<Cell> {
        let mut cells = Vec::new();
        let mut col = 0;
        let taken = |below: &[usize], col: usize| below.get(col).is_some_and(|&n| n > 0);
        for cell in &row.value {
            while taken(below, col) {
                col += 1;
            }
            let colspan = self.span(cell, Span::Columns).unwrap_or(1);
            let rowspan = self.span(cell, Span::Rows).unwrap_or(1);
            let fits = col + colspan <= columns && (col..col + colspan).all(|c| !taken(below, c));
            if !fits {
                self.error(
                    cell,
                    &format!(
                        "这一格放不下：这一行（连同上面向下合并的格）超过了表格的 {columns} 列（列数按第一行计）。"
                    ),
                    "请删去多余的格或把它的内容并入相邻的格；如果表格确实更宽，请在第一行用 colspan 合并出足够的列。",
                );
                break;
            }
            let text = match &cell.value {
                DraftCell::Text(t) => cell_text(t),
                DraftCell::AsTyped => cell_text(self.source.typed(cell)),
                DraftCell::Map(m) => cell_text(&m.text),
            };
            cells.push(Cell {
                text,
                column: col,
                colspan,
                rowspan,
            });
            below[col..col + colspan].fill(rowspan);
            col += colspan;
        }
        // Fill what is left with empty cells so the table stays a rectangle.
        for (c, taken) in below.iter().enumerate() {
            if *taken == 0 {
                cells.push(Cell {
                    text: String::new(),
                    column: c,
                    colspan: 1,
                    rowspan: 1,
                });
            }
        }
        cells.sort_by_key(|c| c.column);
        // This row is done: every covered column is one row less covered; the empty cells
        // just added cover this row only.
        for n in below.iter_mut() {
            *n = n.saturating_sub(1);
        }
        cells
    }

    fn span(&mut self, cell: &Spanned<DraftCell>, which: Span) -> Option<usize> {
        let DraftCell::Map(m) = &cell.value else {
            return Some(1);
        };
        let (value, limit, name) = match which {
            Span::Columns => (&m.colspan, MAX_COLUMNS, "colspan"),
            Span::Rows => (&m.rowspan, MAX_ROWS, "rowspan"),
        };
        let v = value.as_ref()?;
        if v.value == 0 || v.value as usize > limit {
            self.error(
                v,
                &format!("{name} 是 {}，应在 1 至 {limit} 之间。", v.value),
                "colspan 写这一格横跨的列数，rowspan 写它向下跨的行数。",
            );
            return None;
        }
        Some(v.value as usize)
    }
}

/// A cell's text: each of its lines cleaned as a paragraph is, the line breaks kept (a `|` block
/// or a "\n" breaks the line there; blank lines at its ends are YAML's, not the clerk's).
fn cell_text(text: &str) -> String {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    text.split('\n')
        .map(clean_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Clone, Copy)]
enum Span {
    Columns,
    Rows,
}
