//! Issue 13: tables. The 分工表 sample read back from our PDF (rules drawn, text inside its
//! cell, the header on every page of the table, no row split), from the DOCX's XML (tblHeader,
//! gridSpan, vMerge, cantSplit) and from LibreOffice's PDF of the DOCX (same pages, same rows
//! on each); the model's and the checker's word on malformed tables.

mod common;
#[allow(dead_code)]
#[path = "libreoffice/glyphs.rs"]
mod glyphs;

use common::pdf::{DrawnPage, read};
use common::*;
use std::collections::BTreeMap;

const SAMPLE: &str = "samples/notice-task-table.yaml";
/// Left edge of the 版心, mm; the 分工表's first column (widths 2 : 12 : 5 : 6 : 4 of 156 mm)
/// ends 10.76 mm right of it.
const LEFT: f64 = 28.0;
const FIRST_COLUMN_END: f64 = LEFT + 156.0 * 2.0 / 29.0;

/// A page as lines of glyphs: (character, left edge, advance), mm.
type Lines = Vec<Vec<(char, f64, f64)>>;

fn ours(pages: &[DrawnPage]) -> Vec<Lines> {
    pages
        .iter()
        .map(|p| {
            p.lines()
                .iter()
                .map(|l| l.iter().map(|g| (g.ch, g.x, g.advance)).collect())
                .collect()
        })
        .collect()
}

/// Any producer's PDF (LibreOffice's simple fonts too).
fn any(path: &std::path::Path) -> Vec<Lines> {
    let mm = 25.4 / 72.0;
    glyphs::read(path)
        .iter()
        .map(|p| {
            p.lines()
                .iter()
                .map(|l| {
                    l.glyphs
                        .iter()
                        .map(|g| (g.ch, g.x * mm, g.advance * mm))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// On each page of the 分工表 (from the page of 附件1 to the one before 附件2): the sequence
/// numbers in the 序号 column, and whether the page begins the table's text with its header.
fn rows_per_page(pages: &[Lines]) -> Vec<(usize, Vec<u32>, bool)> {
    let text = |page: &Lines| -> String { page.iter().flatten().map(|g| g.0).collect() };
    let first = pages.iter().position(|p| text(p).starts_with("附件1"));
    let last = pages.iter().position(|p| text(p).starts_with("附件2"));
    let (Some(first), Some(last)) = (first, last) else {
        panic!("the 附件 labels begin their pages");
    };
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate().take(last).skip(first) {
        let mut numbers = Vec::new();
        let mut header = false;
        for line in page {
            let text: String = line
                .iter()
                .filter(|g| g.1 > LEFT && g.1 + g.2 < FIRST_COLUMN_END)
                .map(|g| g.0)
                .collect();
            if numbers.is_empty() && text.starts_with('序') {
                header = true;
            }
            if let Ok(v) = text.parse::<u32>() {
                numbers.push(v);
            }
        }
        out.push((n, numbers, header));
    }
    out
}

#[test]
fn the_task_table_repeats_its_header_and_never_splits_a_row() {
    let (_, pdf) = render(&repo().join(SAMPLE), "tables-pdf");
    let pages = read(&pdf);
    let task = rows_per_page(&ours(&pages));
    let all: Vec<u32> = task.iter().flat_map(|t| t.1.clone()).collect();
    assert_eq!(
        all,
        (1..=42).collect::<Vec<_>>(),
        "every row once, in order"
    );
    assert!(task.len() >= 4, "42 rows of several lines run over pages");
    for (page, _, header) in &task {
        assert!(header, "page {} begins the table with its header", page + 1);
    }
    // No row split: each row's cells lie between two rules of one page, so a row number and
    // its task's last characters are on the same page: every task's text ends with 。on the
    // page of its number.
    for (page, nums, _) in &task {
        let text = pages[*page].text();
        assert_eq!(
            text.matches('。').count(),
            nums.len(),
            "page {}: a 。 (a task's end) for every row number",
            page + 1
        );
    }
}

#[test]
fn table_rules_are_drawn_and_text_stays_inside_its_cell() {
    let (_, pdf) = render(&repo().join(SAMPLE), "tables-cells");
    let pages = read(&pdf);
    let table = rows_per_page(&ours(&pages));
    assert!(table.len() >= 4);
    for (n, _, _) in &table {
        let page = &pages[*n];
        let verticals: Vec<_> = page.rules.iter().filter(|r| r.x1 - r.x0 < 0.01).collect();
        let horizontals: Vec<_> = page.rules.iter().filter(|r| r.x1 - r.x0 > 1.0).collect();
        assert!(!verticals.is_empty() && !horizontals.is_empty());
        for r in &page.rules {
            assert!(
                (r.thickness - 0.5 / PT_PER_MM_F).abs() < 0.01,
                "rules 0.5 pt: {r:?}"
            );
        }
        // The table's outer edges are the 版心's.
        let left = verticals.iter().map(|r| r.x0).fold(f64::MAX, f64::min);
        let right = verticals.iter().map(|r| r.x0).fold(f64::MIN, f64::max);
        assert!((left - 28.0).abs() < 0.05 && (right - 184.0).abs() < 0.1);
        let top = horizontals.iter().map(|r| r.y).fold(f64::MAX, f64::min);
        let bottom = horizontals.iter().map(|r| r.y).fold(f64::MIN, f64::max);
        assert!(
            bottom <= 262.05,
            "page {}: the table ends in the 版心",
            n + 1
        );
        for g in page.glyphs.iter().filter(|g| g.y > top && g.y < bottom) {
            // The vertical rules beside the glyph's line.
            let mut xs: Vec<f64> = verticals
                .iter()
                .filter(|r| r.y.min(r.y1) <= g.y && r.y.max(r.y1) >= g.y)
                .map(|r| r.x0)
                .collect();
            xs.sort_by(f64::total_cmp);
            let cell = xs.windows(2).find(|w| g.x >= w[0] && g.x < w[1]);
            let Some(cell) = cell else {
                panic!("page {}: {:?} is in no cell", n + 1, g.ch);
            };
            let hangs = "，。、；：？！".contains(g.ch);
            assert!(
                g.x > cell[0] + 1.0 && (hangs || g.x + g.advance < cell[1] - 1.0),
                "page {}: {:?} at {:.2} leaves its cell {:.2}–{:.2}",
                n + 1,
                g.ch,
                g.x,
                cell[0],
                cell[1]
            );
            // Not on a horizontal rule across its column.
            let crossed = horizontals.iter().any(|r| {
                r.x0 <= g.x
                    && r.x1 >= g.x
                    && r.y < g.y + 0.12 * g.size / PT_PER_MM_F
                    && r.y > g.y - 0.88 * g.size / PT_PER_MM_F
            });
            assert!(!crossed, "page {}: {:?} crosses a rule", n + 1, g.ch);
        }
    }
}

const PT_PER_MM_F: f64 = 72.0 / 25.4;

#[test]
fn the_docx_has_a_real_table_with_header_rows_spans_and_merges() {
    let (docx, _) = render(&repo().join(SAMPLE), "tables-docx");
    let xml = docx_part(&docx, "word/document.xml");
    assert_eq!(xml.matches("<w:tbl>").count(), 3, "two tables and the 版记");
    // Two header rows for each table, every row unsplittable.
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 4);
    let rows = xml.matches("<w:tr>").count();
    assert_eq!(xml.matches("<w:cantSplit/>").count(), rows);
    assert!(
        xml.contains(r#"<w:gridSpan w:val="2"/>"#),
        "责任分工 spans two columns"
    );
    assert!(
        xml.contains(r#"<w:vMerge w:val="restart"/>"#),
        "序号 merged down"
    );
    assert!(xml.contains("<w:vMerge/>"), "its continuation");
    assert!(
        xml.contains(r#"<w:top w:val="single" w:sz="4""#),
        "0.5 pt borders"
    );
    assert!(xml.contains(r#"<w:hRule="exact"#) || xml.contains(r#"w:hRule="exact""#));
    // Every task's text, whole, in a cell.
    assert!(xml.contains("开展安全生产大检查总结评估，形成检查报告报县政府。"));
}

#[test]
fn libreoffice_breaks_the_task_table_where_our_pdf_does() {
    let (docx, pdf) = render(&repo().join(SAMPLE), "tables-lo");
    let lo_dir = libreoffice_all(docx.parent().unwrap(), std::slice::from_ref(&docx));
    let lo = lo_dir.join("notice-task-table.pdf");
    let (mine, theirs) = (any(&pdf), any(&lo));
    assert_eq!(mine.len(), theirs.len(), "the same page count");
    let per_page = |p: &[Lines]| -> BTreeMap<usize, Vec<u32>> {
        rows_per_page(p)
            .into_iter()
            .map(|(n, v, _)| (n, v))
            .collect()
    };
    let want = per_page(&mine);
    assert!(want.len() >= 4);
    assert_eq!(want, per_page(&theirs), "the same rows on each page");
}

#[test]
fn a_row_with_too_many_cells_is_refused_at_its_line() {
    let msg = refused(
        "table-too-many.yaml",
        "kind: 通知\nissuers: [{name: 某某镇人民政府}]\nrecipients: [各村委会]\nsubject: 某事\ndate: 2024-03-01\nbody:\n  - 正文。\n  - table:\n      header:\n        - [序号, 事项]\n      rows:\n        - [1, 甲, 多出的格]\n",
    );
    assert!(msg.contains(":12:"), "{msg}");
    assert!(msg.contains("超过了表格的 2 列"), "{msg}");
    assert!(msg.contains("colspan"), "says what to do: {msg}");
}

#[test]
fn the_checker_warns_about_a_ragged_row_with_its_place() {
    let dir = scratch("tables-check");
    let file = dir.join("ragged.yaml");
    std::fs::write(
        &file,
        "kind: 通知\nissuers: [{name: 某某镇人民政府}]\nrecipients: [各村委会]\nsubject: 某事\ndate: 2024-03-01\nbody:\n  - 正文。\n  - table:\n      header:\n        - [序号, 事项, 责任单位]\n      rows:\n        - [1, 甲, 乙]\n        - [2, 丙]\n",
    )
    .unwrap();
    let o = gongwen(&["check", file.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(out.contains("GW801"), "{out}");
    assert!(
        out.contains("ragged.yaml:13:11"),
        "line and column of the row: {out}"
    );
    assert!(out.contains("只有 2 列，表格是 3 列"), "{out}");
}

#[test]
fn a_cell_is_cell_text_written_bare_or_as_a_mapping() {
    // A 序号-like "2." in a `{text: …}` cell is no hand-typed 正文 number (GW101/GW103), as in
    // a bare cell; its half-width comma is still found (GW201), at its place.
    let dir = scratch("tables-check-cells");
    let file = dir.join("cells.yaml");
    std::fs::write(
        &file,
        "kind: 通知\nissuers: [{name: 某某镇人民政府}]\nrecipients: [各村委会]\nsubject: 某事\ndate: 2024-03-01\nbody:\n  - 正文。\n  - table:\n      header:\n        - [序号, 事项]\n      rows:\n        - [1, {text: \"2.完成清理,3月1日前\"}]\n        - [2, 4.完成复查]\n",
    )
    .unwrap();
    let o = gongwen(&["check", file.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        out.contains("[GW201]") && out.contains("cells.yaml:12:29"),
        "{out}"
    );
    for code in ["[GW101]", "[GW103]"] {
        assert!(!out.contains(code), "{code}: {out}");
    }
}

#[test]
fn bare_numbers_in_cells_come_out_as_typed() {
    // YAML reads 01 as 1, 1097.10 as 1097.1 and true as a truth value; a cell keeps what the
    // clerk typed (before: 01 became 1, and 1097.10 was refused as "a number, not a mapping").
    let dir = scratch("tables-as-typed");
    let file = dir.join("typed.yaml");
    std::fs::write(
        &file,
        "kind: 通知\nissuers: [{name: 某某镇人民政府}]\nrecipients: [各村委会]\nsubject: 某事\ndate: 2024-03-01\nbody:\n  - 正文。\n  - table:\n      header:\n        - [科目, 金额, 已拨付, 备注]\n      rows:\n        - [01, 1097.10, true, 1e3]\n        - [\"02\", 5, no, ]\n",
    )
    .unwrap();
    let r = render_into(&file, &dir);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let cells: Vec<String> = docx_part(&dir.join("typed.docx"), "word/document.xml")
        .split("<w:tc>")
        .skip(1)
        .map(|tc| {
            tc[..tc.find("</w:tc>").unwrap()]
                .split("<w:t")
                .skip(1)
                .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</w:t>")))
                .map(|(text, _)| text)
                .collect()
        })
        .collect();
    assert_eq!(
        cells[4..],
        ["01", "1097.10", "true", "1e3", "02", "5", "no", ""],
        "{cells:?}"
    );
    let text = pdftotext(&dir.join("typed.pdf"));
    assert!(text.contains("1097.10") && text.contains("01"), "{text}");
}

/// A table whose cells hold line breaks: a "\n" in a quoted cell, a `|` block, an empty line.
const BREAKS: &str = "kind: 通知
issuers: [{name: 某某镇人民政府}]
recipients: [各村委会]
title: 某某镇人民政府关于做好防汛工作的通知
date: 2024-03-01
body:
  - 现将防汛责任分工通知如下。
  - table:
      header:
        - [序号, 事项, 责任单位]
      rows:
        - [1, 巡查河道堤防, \"牵头：\\n镇水利站\"]
        - - 2
          - 转移危险区群众
          - |
            牵头：镇应急办
            配合：各村委会
        - [3, 物资储备, \"镇民政办\\n\\n（备用）\"]
";

/// The lines of the 责任单位 column, from its first cell on: the glyphs right of the column's
/// left text edge (where the first 牵 stands), line by line.
fn third_column(page: &Lines) -> Vec<String> {
    let x = page
        .iter()
        .flatten()
        .find(|g| g.0 == '牵')
        .expect("the first cell's text")
        .1;
    let lines: Vec<String> = page
        .iter()
        .map(|l| {
            l.iter()
                .filter(|g| g.1 > x - 0.5)
                .map(|g| g.0)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let from = lines.iter().position(|l| l.starts_with('牵')).unwrap();
    lines[from..].iter().take(6).cloned().collect()
}

#[test]
fn a_line_break_typed_in_a_cell_breaks_the_line_in_the_pdf_the_docx_and_libreoffice() {
    let dir = scratch("tables-breaks");
    let file = dir.join("breaks.yaml");
    std::fs::write(&file, BREAKS).unwrap();
    let o = render_into(&file, &dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want = [
        "牵头：",
        "镇水利站",
        "牵头：镇应急办",
        "配合：各村委会",
        "镇民政办",
        "（备用）",
    ];
    let (pdf, docx) = (dir.join("breaks.pdf"), dir.join("breaks.docx"));
    let mine = any(&pdf);
    assert_eq!(third_column(&mine[0]), want, "our PDF");
    // The empty line stands between 镇民政办 and （备用）: two pitches apart.
    let pages = read(&pdf);
    let ys = |ch: char| {
        pages[0]
            .glyphs
            .iter()
            .filter(move |g| g.ch == ch)
            .map(|g| g.y)
    };
    let below = ys('用').next().unwrap();
    let above = ys('民').filter(|&y| y < below).fold(f64::MIN, f64::max);
    let pitch = gongwen::gbt9704::LINE_PITCH.to_mm();
    let gap = below - above;
    assert!((gap - 2.0 * pitch).abs() < 0.1, "{gap} mm");
    // The DOCX: each typed line a paragraph of its own in the cell.
    let xml = docx_part(&docx, "word/document.xml");
    let cell = between(&xml, "巡查河道堤防", "</w:tr>");
    assert_eq!(cell.matches("<w:p>").count(), 2, "{cell}");
    assert!(cell.contains("牵头：</w:t></w:r></w:p><w:p>"), "{cell}");
    assert!(xml.contains("镇民政办</w:t></w:r></w:p><w:p><w:pPr>"));
    // LibreOffice lays the lines out as we do (a `w:br` would have it justify 牵头： across
    // the cell), on the same grid lines.
    let lo = libreoffice_all(&dir, std::slice::from_ref(&docx)).join("breaks.pdf");
    let theirs = any(&lo);
    assert_eq!(theirs.len(), mine.len());
    assert_eq!(third_column(&theirs[0]), want, "LibreOffice's PDF");
}
