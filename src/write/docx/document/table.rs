//! A table of the flow as a `w:tbl`: the layout's column widths as the grid (twips), every row
//! exactly as many grid lines high as the layout made it and never split (`w:cantSplit`), the
//! header rows repeated on each page (`w:tblHeader`), spans as `w:gridSpan` and `w:vMerge`,
//! every rule a single 0.5 pt border, cell text centred down the cell as the layout set it.

use super::Writer;
use crate::layout::{FlowRun, Paragraph, RowMerge, TableLayout};
use crate::write::docx::props::{Side, border_line};
use crate::write::docx::xml::a;

/// What each row gives up of its grid lines, twips. LibreOffice sets a table's top and bottom
/// rules outside its rows (+20 twips at 0.5 pt, measured), and a page has 18 twips to spare
/// under 22 lines of 579: with two twips less a row, any two rows pay for the rules, so a page
/// of table holds the rows the layout put on it.
const ROW_GIVE_TWIPS: i64 = 2;

impl Writer<'_> {
    /// `page_break` starts the table's page.
    pub(super) fn table(&mut self, t: &TableLayout, page_break: bool) {
        let width: i64 = t.columns.iter().map(|c| c.to_twip()).sum();
        let rule = t.rule.to_eighth_pt();
        let padding = t.padding.to_twip();
        let line = self.grid.line_twip;
        let x = &mut self.x;
        x.open("w:tbl", &[]);
        x.open("w:tblPr", &[]);
        x.empty("w:tblW", &[a("w:w", width), a("w:type", "dxa")]);
        x.empty("w:jc", &[a("w:val", "center")]);
        x.open("w:tblBorders", &[]);
        for side in [
            Side::Top,
            Side::Left,
            Side::Bottom,
            Side::Right,
            Side::InsideH,
            Side::InsideV,
        ] {
            border_line(x, side, rule);
        }
        x.close("w:tblBorders");
        x.empty("w:tblLayout", &[a("w:type", "fixed")]);
        x.open("w:tblCellMar", &[]);
        for (side, w) in [
            ("w:top", 0),
            ("w:left", padding),
            ("w:bottom", 0),
            ("w:right", padding),
        ] {
            x.empty(side, &[a("w:w", w), a("w:type", "dxa")]);
        }
        x.close("w:tblCellMar");
        x.empty("w:tblLook", &[a("w:val", "0000")]);
        x.close("w:tblPr");
        x.open("w:tblGrid", &[]);
        for c in &t.columns {
            x.empty("w:gridCol", &[a("w:w", c.to_twip())]);
        }
        x.close("w:tblGrid");
        let mut page_break = page_break;
        for (r, row) in t.rows.iter().enumerate() {
            let x = &mut self.x;
            x.open("w:tr", &[]);
            x.open("w:trPr", &[]);
            x.empty("w:cantSplit", &[]);
            x.empty(
                "w:trHeight",
                &[
                    a("w:val", row.lines as i64 * line - ROW_GIVE_TWIPS),
                    a("w:hRule", "exact"),
                ],
            );
            if r < t.header_rows {
                x.empty("w:tblHeader", &[]);
            }
            x.close("w:trPr");
            for cell in &row.cells {
                let w: i64 = t.columns[cell.column..cell.column + cell.colspan]
                    .iter()
                    .map(|c| c.to_twip())
                    .sum();
                let x = &mut self.x;
                x.open("w:tc", &[]);
                x.open("w:tcPr", &[]);
                x.empty("w:tcW", &[a("w:w", w), a("w:type", "dxa")]);
                if cell.colspan > 1 {
                    x.empty("w:gridSpan", &[a("w:val", cell.colspan)]);
                }
                match cell.merge {
                    RowMerge::None => {}
                    RowMerge::Start => {
                        x.empty("w:vMerge", &[a("w:val", "restart")]);
                    }
                    RowMerge::Continue => {
                        x.empty("w:vMerge", &[]);
                    }
                }
                x.empty("w:vAlign", &[a("w:val", "center")]);
                x.close("w:tcPr");
                // A typed line break as a paragraph of its own: LibreOffice and Word justify
                // a line ending in `w:br` to the cell's width; our PDF sets it as typed.
                for p in typed_lines(&cell.paragraph) {
                    self.paragraph(&p, std::mem::take(&mut page_break), None);
                }
                self.x.close("w:tc");
            }
            self.x.close("w:tr");
        }
        self.x.close("w:tbl");
    }
}

/// A cell's paragraph cut at its forced breaks, one paragraph per line typed.
fn typed_lines(p: &Paragraph) -> Vec<Paragraph> {
    if p.forced_breaks.is_empty() {
        return vec![p.clone()];
    }
    let mut lines = vec![Vec::<FlowRun>::new()];
    let mut breaks = p.forced_breaks.iter().copied().peekable();
    let mut offset = 0;
    for run in &p.runs {
        let mut piece = String::new();
        for ch in run.text.chars() {
            while breaks.next_if_eq(&offset).is_some() {
                let done = std::mem::take(&mut piece);
                if !done.is_empty() {
                    lines.last_mut().expect("a line").push(FlowRun {
                        text: done,
                        font: run.font,
                    });
                }
                lines.push(Vec::new());
            }
            piece.push(ch);
            offset += 1;
        }
        if !piece.is_empty() {
            lines.last_mut().expect("a line").push(FlowRun {
                text: piece,
                font: run.font,
            });
        }
    }
    lines
        .into_iter()
        .map(|runs| Paragraph {
            runs,
            forced_breaks: Vec::new(),
            ..p.clone()
        })
        .collect()
}
