//! Issue 5 (part): a 通知 with attachments — the 附件说明 after the 正文 and each 附件 on pages
//! of its own (GB/T 9704 §7.3.4, §7.3.7), measured from the PDF. Tolerance ±0.5 mm.

mod common;
use common::gbt::*;
use common::pdf::{self, DrawnGlyph, line_text};
use common::*;

fn row(line: &[DrawnGlyph]) -> f64 {
    let size = line[0].size * PT;
    (line[0].y - 0.88 * size - (PITCH - size) / 2.0 - TOP) / PITCH
}

#[test]
fn the_attachment_note_hangs_its_numbers_and_names() {
    let (_, out) = render(&sample("notice-attachments.yaml"), "attachments-note");
    let pages = pdf::read(&out);
    // (page, line) for every line of the 版心.
    let lines: Vec<(usize, Vec<DrawnGlyph>)> = pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.lines().into_iter().map(move |l| (n, l)))
        .filter(|(_, l)| l[0].y < BOTTOM)
        .collect();
    let page_of = |k: usize| lines[k].0;
    let lines: Vec<Vec<DrawnGlyph>> = lines.iter().map(|(_, l)| l.clone()).collect();
    let i = lines
        .iter()
        .position(|l| line_text(l).starts_with("附件：1."))
        .expect("附件说明");
    let first = &lines[i];
    let second = &lines[i + 1];
    assert!(close(first[0].x, LEFT + 2.0 * CHAR), "左空二字");
    assert_eq!(
        squash(&line_text(second)),
        "2.安全生产大检查工作总结报送要求"
    );
    let one = first.iter().find(|g| g.ch == '1').unwrap();
    assert!(close(second[0].x, one.x), "2. under 1.");
    let name_start = first.iter().find(|g| g.ch == '青').unwrap();
    let name2 = second.iter().find(|g| g.ch == '安').unwrap();
    assert!(close(name_start.x, name2.x), "names start on one column");
    assert!(
        !line_text(second).ends_with(['。', '；']),
        "附件名称后不加标点"
    );
    // One blank line between the 正文 and the 附件说明 (unless the kept-together 附件说明 and
    // 署名 opened a page), and between it and the 署名.
    if page_of(i) == page_of(i - 1) {
        assert!(
            close(first[0].y - lines[i - 1][0].y, 2.0 * PITCH),
            "正文下空一行"
        );
    } else {
        assert_eq!(row(first).round(), 0.0, "a page opens with the 附件说明");
    }
    assert!(
        close(lines[i + 2][0].y - second[0].y, 2.0 * PITCH),
        "附件说明下空一行 then the 署名"
    );
}

#[test]
fn each_attachment_starts_a_page_with_its_label_and_title() {
    let (_, out) = render(&sample("notice-attachments.yaml"), "attachments-pages");
    let pages = pdf::read(&out);
    let starts: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lines().first().is_some_and(|l| {
                let t = line_text(l);
                t.starts_with("附件") && t[6..].chars().all(|c| c.is_ascii_digit())
            })
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 2, "two attachment pages");
    for (n, &p) in starts.iter().enumerate() {
        let lines = pages[p].lines();
        let label = &lines[0];
        assert_eq!(line_text(label), format!("附件{}", n + 1));
        assert!(
            label.iter().all(|g| g.font.contains("FandolHei")),
            "3号黑体"
        );
        assert!((label[0].size - 16.0).abs() < 0.01);
        assert!(
            close(label[0].x, LEFT) && row(label).round() == 0.0,
            "顶格, first line"
        );
        let title = &lines[1];
        assert!(
            (title[0].size - 22.0).abs() < 0.01
                && title.iter().all(|g| g.font.contains("GongwenTitle"))
        );
        assert!(
            (row(title) - 2.0).abs() * PITCH < TOL,
            "title on the third line, got row {:.2}",
            row(title)
        );
        let right = title.last().map(|g| g.x + g.advance).unwrap();
        assert!(
            close((title[0].x + right) / 2.0, (LEFT + RIGHT) / 2.0),
            "centred"
        );
        // Page numbers run on from the 正文.
        let number: String = pages[p]
            .glyphs
            .iter()
            .filter(|g| g.y > BOTTOM)
            .map(|g| g.ch)
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(number, format!("—{}—", p + 1));
    }
    // The first attachment's headings are numbered afresh.
    assert!(pages[starts[0]].text().contains("一、县应急管理局"));
    // The 版记 comes after the attachments, on the last page.
    let last = pages.last().unwrap();
    assert!(
        last.text()
            .contains("抄送：县委办公室，县人大常委会办公室，县政协办公室。")
    );
    assert_eq!(pages.len() % 2, 0);
}
