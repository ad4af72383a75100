//! 表格 — a table on the grid: columns measured from what the cells hold, cell text broken
//! with the 正文's rules (避头尾) inside its column, every row a whole number of grid lines, so
//! pagination moves whole rows (a row breaks only when taller than a page) and the header rows
//! come back at the top of every page the table runs onto.

use super::EM_BOX_ASCENT_PER_MILLE;
use super::engine::{Engine, SlotLine};
use super::fonts::FontRole;
use super::pages::Frame;
use super::pages::{
    Align, FlowRun, Item, Keep, Line, Origin, Paragraph, RowMerge, TableCell, TableLayout,
    TableRow, TextLine,
};
use super::paginate::Slot;
use super::setting::{self, SetLine, Style};
use crate::compose::{Block, CellAlign, CellSize, ColumnWidths, Role, Run, Table};
use crate::gbt9704 as std_;
use crate::length::Length;

/// A cell set in its column: its lines, and where it stands.
struct SetCell {
    row: usize,
    column: usize,
    colspan: usize,
    rowspan: usize,
    lines: Vec<SetLine>,
    /// Shift of each line from the cell's text edge (right and decimal alignment).
    shifts: Vec<Length>,
    paragraph: Paragraph,
}

impl Engine<'_> {
    /// 表题: 3号黑体, centred, kept with the table.
    pub fn table_caption(&mut self, block: &Block) {
        let style = Style {
            size: std_::TABLE_CAPTION_SIZE,
            tracking: Length::ZERO,
            plain: FontRole::Hei,
            first_indent: Length::ZERO,
            justify: false,
            center: true,
        };
        let lines = setting::set(self.metrics, &block.runs, &style, self.frame.width());
        self.push(block, &style, lines, Keep::WithNext, Align::Center, false);
    }

    /// A table, as wide as the 版心 of its frame.
    pub fn table(&mut self, table: &Table) {
        let width = Length::twip(self.frame.width().to_twip());
        let size = match table.size {
            CellSize::Three => std_::TABLE_SIZE,
            CellSize::Four => std_::TABLE_SIZE_SMALL,
            CellSize::Auto if self.frame == Frame::Turned => std_::TURNED_TABLE_SIZE,
            CellSize::Auto => {
                let min = self.column_bounds(table, std_::TABLE_SIZE).min;
                if min.iter().copied().sum::<Length>() <= width {
                    std_::TABLE_SIZE
                } else {
                    std_::TABLE_SIZE_SMALL
                }
            }
        };
        let min = self.column_bounds(table, size).min;
        let needed = min.iter().copied().sum::<Length>();
        if needed > width && table.widths == ColumnWidths::Content {
            self.warnings.push(self.squeezed(needed));
        }
        let columns = self.column_widths(table, size, width);
        let mut cells = self.set_cells(table, size, &columns);
        let lines = row_lines(table, &cells);
        let index = self.tables.len();
        let paragraph = self.paragraphs.len();
        self.paragraphs.push(Paragraph {
            role: Role::Table,
            ..Paragraph::blank(size)
        });

        // Each row's first grid line, counted from the table's top.
        let mut tops = vec![0];
        for n in &lines {
            tops.push(tops.last().copied().unwrap_or(0) + n);
        }
        let total = *tops.last().unwrap_or(&0);
        let mut drawing: Vec<Vec<Item>> = vec![Vec::new(); total];
        let x_of: Vec<Length> = std::iter::once(Length::ZERO)
            .chain(columns.iter().scan(Length::ZERO, |x, w| {
                *x += *w;
                Some(*x)
            }))
            .collect();
        let pitch = std_::LINE_PITCH;
        let rule = std_::TABLE_RULE;
        for cell in &cells {
            let origin = Origin::Cell {
                table: index,
                row: cell.row,
                column: cell.column,
            };
            let (x0, x1) = (x_of[cell.column], x_of[cell.column + cell.colspan]);
            let (top, bottom) = (tops[cell.row], tops[cell.row + cell.rowspan]);
            // The text, centred down the cell.
            let offset = (pitch * (bottom - top - cell.lines.len()) as i64).div_round(2);
            for (k, line) in cell.lines.iter().enumerate() {
                let y = pitch * (top + k) as i64 + offset;
                let slot = usize::try_from(y.to_emu() / pitch.to_emu()).unwrap_or(0);
                let dy = y - pitch * slot as i64;
                let face_size = cell.paragraph.size;
                let baseline = dy
                    + (pitch - face_size).div_round(2)
                    + (face_size * EM_BOX_ASCENT_PER_MILLE).div_round(1000);
                let dx = x0 + std_::TABLE_CELL_PADDING + cell.shifts[k];
                drawing[slot.min(total - 1)].push(Item::Text(TextLine::set(
                    &line.glyphs,
                    dx,
                    baseline,
                    face_size,
                    origin,
                )));
            }
            // Its rules: top and bottom on the rows they close, left on every line it covers;
            // the table's right edge with the last column. A row thus carries its own frame
            // wherever a page breaks the table.
            let h = |y: Length| {
                Item::Line(Line {
                    x0: x0 - rule.div_round(2),
                    x1: x1 + rule.div_round(2),
                    y0: y,
                    y1: y,
                    thickness: rule,
                    origin,
                })
            };
            drawing[top].push(h(Length::ZERO));
            drawing[bottom - 1].push(h(pitch));
            for items in &mut drawing[top..bottom] {
                let v = |x: Length| {
                    Item::Line(Line {
                        x0: x,
                        x1: x,
                        y0: Length::ZERO,
                        y1: pitch,
                        thickness: rule,
                        origin,
                    })
                };
                items.push(v(x0));
                if cell.column + cell.colspan == columns.len() {
                    items.push(v(x1));
                }
            }
        }

        // Keep a row whole, and rows tied by a cell merged down them together; the header
        // stays with the first body row, so a table never starts at a page's foot.
        let mut open = vec![false; lines.len()];
        for c in &cells {
            for o in &mut open[c.row..c.row + c.rowspan - 1] {
                *o = true;
            }
        }
        let header = table.header_rows.min(lines.len());
        let mut slots: Vec<Slot<SlotLine>> = Vec::with_capacity(total);
        for (row, &n) in lines.iter().enumerate() {
            for k in 0..n {
                let line = tops[row] + k;
                let last_line = k + 1 == n;
                let keep = !last_line || open[row] || (row < header && row + 1 < lines.len());
                slots.push(Slot {
                    paragraph,
                    line: Some(SlotLine {
                        size,
                        glyphs: Vec::new(),
                        first_of_paragraph: line == 0,
                        images: Vec::new(),
                        drawing: std::mem::take(&mut drawing[line]),
                    }),
                    keep_with_next: keep,
                    new_page: false,
                    repeat: Vec::new(),
                    frame: self.frame,
                });
            }
        }
        // The header again at the top of each page the body runs onto: offered to every body
        // row that may begin a page.
        let repeated: Vec<Slot<SlotLine>> = slots[..tops[header]]
            .iter()
            .map(|s| {
                let mut s = s.clone();
                if let Some(l) = &mut s.line {
                    l.first_of_paragraph = false;
                }
                s.keep_with_next = true;
                s
            })
            .collect();
        if !repeated.is_empty() {
            for row in header + 1..lines.len() {
                if !open[row - 1] {
                    slots[tops[row]].repeat = repeated.clone();
                }
            }
        }
        self.slots.extend(slots);

        let layout_rows = table_rows(&mut cells, &lines);
        self.tables.push(TableLayout {
            paragraph,
            columns,
            header_rows: header,
            rows: layout_rows,
            rule,
            padding: std_::TABLE_CELL_PADDING,
        });
    }

    /// What each column needs and would like at `size`, padding included (spanning cells do
    /// not count).
    pub(super) fn column_bounds(&self, table: &Table, size: Length) -> ColumnBounds {
        // A point more than measured: the widths are rounded to whole twips for the DOCX, and
        // LibreOffice breaks a cell whose text fills it exactly (measured: 序号 at 4号黑体 in a
        // column two twips wider than the two characters went onto two lines).
        let pad = std_::TABLE_CELL_PADDING * 2 + Length::pt(1);
        let two = self.text_width("国国", size, FontRole::Body);
        let mut min = vec![two + pad; table.columns];
        let mut body = min.clone();
        let mut header = [min.clone(), min.clone()];
        let mut max = min.clone();
        // Decimal columns: the widest whole part and the widest decimals side by side.
        let mut decimal = vec![(Length::ZERO, Length::ZERO); table.columns];
        for (r, row) in table.rows.iter().enumerate() {
            let font = cell_font(table, r);
            for cell in row.iter().filter(|c| c.colspan == 1) {
                let lines = cell.text.split('\n');
                let whole = lines
                    .clone()
                    .map(|line| self.text_width(line, size, font) + pad)
                    .max()
                    .unwrap_or(pad);
                let piece = unbreakable(&cell.text)
                    .map(|p| self.text_width(p, size, font) + pad)
                    .max()
                    .unwrap_or(Length::ZERO);
                let c = cell.column;
                min[c] = min[c].max(piece);
                max[c] = max[c].max(whole);
                if r < table.header_rows {
                    for (tier, parts) in header.iter_mut().zip([3, 2]) {
                        let part = lines
                            .clone()
                            .map(|line| self.text_width(longest_part(line, parts), size, font))
                            .max()
                            .unwrap_or(Length::ZERO);
                        tier[c] = tier[c].max(part + pad);
                    }
                } else {
                    body[c] = body[c].max(whole);
                }
                if r >= table.header_rows && table.align[c] == CellAlign::Decimal {
                    let tail = self.text_width(decimals(&cell.text), size, font);
                    let last = cell.text.rsplit('\n').next().unwrap_or_default();
                    let head = self.text_width(last, size, font) - tail;
                    decimal[c] = (decimal[c].0.max(head), decimal[c].1.max(tail));
                }
            }
        }
        for (c, (head, tail)) in decimal.into_iter().enumerate() {
            min[c] = min[c].max(head + tail + pad);
        }
        // Each tier at least the one before it.
        let at_least = |tier: &mut Vec<Length>, below: &[Length]| {
            for (t, b) in tier.iter_mut().zip(below) {
                *t = (*t).max(*b);
            }
        };
        let [mut thirds, mut halves] = header;
        at_least(&mut thirds, &min);
        at_least(&mut body, &thirds);
        at_least(&mut halves, &body);
        at_least(&mut max, &halves);
        ColumnBounds {
            min,
            wants: [thirds, body, halves, max],
        }
    }

    fn text_width(&self, text: &str, size: Length, font: FontRole) -> Length {
        setting::width(
            self.metrics,
            text,
            font,
            &cell_style(size, font, CellAlign::Left),
        )
    }

    /// Column widths adding up to `width`, in whole twips (so the DOCX grid is the same).
    fn column_widths(&self, table: &Table, size: Length, width: Length) -> Vec<Length> {
        let shares: Vec<i64> = match &table.widths {
            ColumnWidths::Ratios(r) => r.iter().map(|&v| i64::from(v)).collect(),
            ColumnWidths::Content => self
                .column_bounds(table, size)
                .spread(width)
                .iter()
                .map(|w| w.to_emu())
                .collect(),
        };
        share_out(&shares, width.to_twip())
            .into_iter()
            .map(Length::twip)
            .collect()
    }

    /// Every cell broken into lines within its column.
    fn set_cells(&self, table: &Table, size: Length, columns: &[Length]) -> Vec<SetCell> {
        let mut out = Vec::new();
        for (r, row) in table.rows.iter().enumerate() {
            let font = cell_font(table, r);
            for cell in row {
                let inner: Length = columns[cell.column..cell.column + cell.colspan]
                    .iter()
                    .copied()
                    .sum::<Length>()
                    - std_::TABLE_CELL_PADDING * 2;
                let align = if r < table.header_rows {
                    CellAlign::Center
                } else {
                    table.align[cell.column]
                };
                let style = cell_style(size, font, align);
                let (lines, measure) = match r < table.header_rows {
                    true => self.balanced(&cell.text, &style, inner),
                    false => (self.set_cell_text(&cell.text, &style, inner), inner),
                };
                // A header's narrower measure, centred: as much room on either side.
                let indent = (inner - measure).div_round(2);
                // Right and decimal alignment: each line ends at the cell's right edge, less
                // what follows the decimal point in this cell against the column's longest.
                let tail = match align {
                    CellAlign::Decimal => {
                        let longest = table.rows[table.header_rows..]
                            .iter()
                            .flatten()
                            .filter(|c| c.column == cell.column && c.colspan == 1)
                            .map(|c| self.text_width(decimals(&c.text), size, font))
                            .max()
                            .unwrap_or(Length::ZERO);
                        longest - self.text_width(decimals(&cell.text), size, font)
                    }
                    _ => Length::ZERO,
                };
                let shifts = lines
                    .iter()
                    .map(|l| match align {
                        CellAlign::Right | CellAlign::Decimal => {
                            (inner - tail - self.line_width(l, &style)).max(Length::ZERO)
                        }
                        _ => indent,
                    })
                    .collect();
                let (text, forced_breaks) = forced_breaks(&cell.text);
                let paragraph = Paragraph {
                    role: Role::Table,
                    runs: if text.is_empty() {
                        Vec::new()
                    } else {
                        vec![FlowRun { text, font }]
                    },
                    forced_breaks,
                    align: match align {
                        CellAlign::Left => Align::Justify,
                        CellAlign::Center => Align::Center,
                        CellAlign::Right | CellAlign::Decimal => Align::Right,
                    },
                    left_indent: indent,
                    right_indent: tail + indent,
                    tracking: style.tracking,
                    ..Paragraph::blank(size)
                };
                out.push(SetCell {
                    row: r,
                    column: cell.column,
                    colspan: cell.colspan,
                    rowspan: cell.rowspan,
                    lines,
                    shifts,
                    paragraph,
                });
            }
        }
        out
    }

    /// A header cell's text on as few lines as its column allows, the lines as even as they
    /// can be (项目/支出, not 项目支/出): broken at the narrowest measure that still gives that
    /// many lines, a point wider (LibreOffice breaks a line that fills its measure exactly),
    /// narrowed by whole twips on each side so the DOCX's indents give the same measure. The
    /// lines and the measure.
    fn balanced(&self, text: &str, style: &Style, inner: Length) -> (Vec<SetLine>, Length) {
        let lines = self.set_cell_text(text, style, inner);
        let n = lines.len();
        if n < 2 || text.contains('\n') {
            return (lines, inner);
        }
        let fits = |w: Length| self.set_cell_text(text, style, w).len() <= n;
        let (mut low, mut high) = (inner.to_emu() / n as i64, inner.to_emu());
        while high - low > Length::pt(1).to_emu() / 4 {
            let mid = (low + high) / 2;
            if fits(Length::emu(mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        let side = ((inner - Length::emu(high) - Length::pt(1)).to_twip() / 2).max(0);
        let measure = inner - Length::twip(side) * 2;
        match self.set_cell_text(text, style, measure) {
            even if even.len() == n => (even, measure),
            _ => (lines, inner),
        }
    }

    /// A cell's text broken within `width`, each line the clerk typed (`\n`) begun afresh.
    fn set_cell_text(&self, text: &str, style: &Style, width: Length) -> Vec<SetLine> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut offset = 0;
        for piece in text.split('\n') {
            if piece.is_empty() {
                out.push(SetLine {
                    glyphs: Vec::new(),
                    first_char: offset,
                });
            } else {
                let runs = [Run::plain(piece.to_owned())];
                out.extend(
                    setting::set_greedy(self.metrics, &runs, style, width)
                        .into_iter()
                        .map(|l| SetLine {
                            first_char: l.first_char + offset,
                            ..l
                        }),
                );
            }
            offset += piece.chars().count();
        }
        out
    }

    /// From a line's first glyph to its last glyph's advance.
    fn line_width(&self, line: &SetLine, style: &Style) -> Length {
        match (line.glyphs.first(), line.glyphs.last()) {
            (Some(first), Some(&(ch, face, x))) => {
                x + self.metrics.advance(face, ch, style.size) + style.tracking - first.2
            }
            _ => Length::ZERO,
        }
    }
}

/// `twips` shared out in proportion to `shares`, in whole twips (so the DOCX grid is the same);
/// the rounding's remainder to the widest column. `gongwen import` finds ratios giving a grid
/// back by the same rule.
pub fn share_out(shares: &[i64], twips: i64) -> Vec<i64> {
    let total: i128 = shares.iter().map(|&s| i128::from(s.max(1))).sum();
    let mut out: Vec<i64> = shares
        .iter()
        .map(|&s| (i128::from(twips) * i128::from(s.max(1)) / total) as i64)
        .collect();
    let rest = twips - out.iter().sum::<i64>();
    if let Some(widest) = (0..out.len()).max_by_key(|&i| (out[i], std::cmp::Reverse(i))) {
        out[widest] += rest;
    }
    out
}

/// What a table's columns need and would like, from its text.
pub(super) struct ColumnBounds {
    /// The narrowest each column can be: its widest unbreakable piece (a number, a Latin word,
    /// two characters at least; a 小数点 column's whole parts and decimals side by side).
    pub min: Vec<Length>,
    /// The widths asked for, in the order room is given: the header's text on three lines, the
    /// body's on one, the header's on two, everything on one. A budget table's long header
    /// over a column of short numbers wraps before the 科目名称 beside it does, but into no
    /// more than three lines while the room lasts.
    wants: [Vec<Length>; 4],
}

impl ColumnBounds {
    /// Shares of `width`: when everything fits on one line, the room left goes where the text
    /// is; else each column gets its minimum, then the wants tier by tier, the last tier that
    /// does not fit shared after how much more each column would like.
    fn spread(&self, width: Length) -> Vec<Length> {
        let [.., max] = &self.wants;
        if max.iter().copied().sum::<Length>() <= width {
            return max.clone();
        }
        let mut out = self.min.clone();
        for tier in &self.wants {
            let spare = width - out.iter().copied().sum::<Length>();
            if spare <= Length::ZERO {
                break;
            }
            let want: Vec<Length> = tier.iter().zip(&out).map(|(t, o)| *t - *o).collect();
            let total = want.iter().copied().sum::<Length>();
            if total <= spare {
                out = tier.clone();
                continue;
            }
            let (spare, total) = (spare.to_emu() as i128, total.to_emu().max(1) as i128);
            for (o, w) in out.iter_mut().zip(&want) {
                *o += Length::emu((w.to_emu() as i128 * spare / total) as i64);
            }
            break;
        }
        out
    }
}

/// The longest of `parts` nearly equal pieces of a header line: what it needs to fit on that
/// many lines.
fn longest_part(line: &str, parts: usize) -> &str {
    let each = line.chars().count().div_ceil(parts);
    let cut = line.char_indices().nth(each).map_or(line.len(), |(i, _)| i);
    &line[..cut]
}

/// Each row's height in grid lines: its tallest cell; a cell merged down several rows that
/// needs more lines than they have makes the last of them taller.
fn row_lines(table: &Table, cells: &[SetCell]) -> Vec<usize> {
    let mut lines = vec![1usize; table.rows.len()];
    for c in cells.iter().filter(|c| c.rowspan == 1) {
        lines[c.row] = lines[c.row].max(c.lines.len());
    }
    for c in cells.iter().filter(|c| c.rowspan > 1) {
        let have: usize = lines[c.row..c.row + c.rowspan].iter().sum();
        if c.lines.len() > have {
            lines[c.row + c.rowspan - 1] += c.lines.len() - have;
        }
    }
    lines
}

/// The rows as a flow format writes them: each cell in column order, a merge's continuation
/// as a cell of its own.
fn table_rows(cells: &mut [SetCell], lines: &[usize]) -> Vec<TableRow> {
    let mut rows: Vec<TableRow> = lines
        .iter()
        .map(|&lines| TableRow {
            lines,
            cells: Vec::new(),
        })
        .collect();
    for c in cells.iter_mut() {
        let size = c.paragraph.size;
        rows[c.row].cells.push(TableCell {
            column: c.column,
            colspan: c.colspan,
            merge: if c.rowspan > 1 {
                RowMerge::Start
            } else {
                RowMerge::None
            },
            paragraph: std::mem::replace(&mut c.paragraph, Paragraph::blank(size)),
        });
        for row in &mut rows[c.row + 1..c.row + c.rowspan] {
            row.cells.push(TableCell {
                column: c.column,
                colspan: c.colspan,
                merge: RowMerge::Continue,
                paragraph: Paragraph {
                    role: Role::Table,
                    ..Paragraph::blank(size)
                },
            });
        }
    }
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.column);
    }
    rows
}

/// Header cells in 黑体, the others in the body face.
fn cell_font(table: &Table, row: usize) -> FontRole {
    if row < table.header_rows {
        FontRole::Hei
    } else {
        FontRole::Body
    }
}

/// A cell's text style: at 3号 squeezed onto the 正文's character grid, at 4号 natural.
fn cell_style(size: Length, font: FontRole, align: CellAlign) -> Style {
    Style {
        size,
        tracking: if size == std_::SIZE_3 {
            std_::CHAR_PITCH - std_::SIZE_3
        } else {
            Length::ZERO
        },
        plain: font,
        first_indent: Length::ZERO,
        justify: align == CellAlign::Left,
        center: align == CellAlign::Center,
    }
}

/// The pieces of `text` a line never breaks inside: runs of Latin letters, digits and their
/// punctuation (1,234.56, 2024-03, GB/T).
fn unbreakable(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_graphic()))
        .filter(|p| !p.is_empty())
}

/// A cell's text without its typed line breaks, and where each broke it (character offsets
/// into that text), as a flow format writes them.
fn forced_breaks(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut breaks = Vec::new();
    let mut offset = 0;
    for ch in text.chars() {
        if ch == '\n' {
            breaks.push(offset);
        } else {
            out.push(ch);
            offset += 1;
        }
    }
    (out, breaks)
}

/// What stands from a number's decimal point on in the cell's last line ("" without one).
fn decimals(text: &str) -> &str {
    let last = text.rsplit('\n').next().unwrap_or_default();
    last.find('.').map_or("", |i| &last[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words_do_not_break() {
        let pieces: Vec<&str> = unbreakable("合计1,234.56万元（GB/T 9704）").collect();
        assert_eq!(pieces, ["1,234.56", "GB/T", "9704"]);
        assert_eq!(decimals("12.50"), ".50");
        assert_eq!(decimals("12"), "");
        assert_eq!(decimals("1.5\n合计12.50"), ".50");
        assert_eq!(
            forced_breaks("牵头：\n县应急局\n\n备注"),
            ("牵头：县应急局备注".to_owned(), vec![3, 7, 7])
        );
    }

    #[test]
    fn room_goes_to_three_line_headers_then_the_body_text() {
        let pt = |v: &[i64]| v.iter().map(|&p| Length::pt(p)).collect::<Vec<_>>();
        // 科目名称 (long body text) beside a number column under a long header.
        let bounds = ColumnBounds {
            min: pt(&[40, 40]),
            wants: [
                pt(&[40, 60]),
                pt(&[220, 60]),
                pt(&[220, 80]),
                pt(&[220, 140]),
            ],
        };
        // Room for the header on three lines, then the rest to the text column.
        assert_eq!(bounds.spread(Length::pt(200)), pt(&[140, 60]));
        // The body text fits on one line: the header gets what is left, toward two lines.
        assert_eq!(bounds.spread(Length::pt(290)), pt(&[220, 70]));
        // Not even the minimum: the minimum, shared out by the caller.
        assert_eq!(bounds.spread(Length::pt(60)), pt(&[40, 40]));
        // Everything fits on one line: the widest wants, to be scaled up.
        assert_eq!(bounds.spread(Length::pt(400)), pt(&[220, 140]));
        assert_eq!(longest_part("对附属单位补助支出", 3), "对附属");
        assert_eq!(longest_part("项目支出", 3), "项目");
    }
}
