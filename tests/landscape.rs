//! Issue 13, 横排表格 (GB/T 9704 §8): the budget sample's 12-column table is too wide for the
//! portrait 版心 and is set on turned pages. Read back from our PDF (A4 portrait sheets, the
//! table's text turned a quarter counter-clockwise with its header along the left side, rules
//! inside the 版心, the header on every turned page, rows whole, the page number upright where
//! every other page has it), from the DOCX's XML (a landscape section between portrait ones,
//! margins turned with the sheet, numbering running on) and from LibreOffice's PDF of the DOCX
//! (the same pages, the turned ones landscape, the same rows on each).

mod common;
#[allow(dead_code)]
#[path = "libreoffice/glyphs.rs"]
mod glyphs;

use common::pdf::{DrawnGlyph, DrawnPage, read};
use common::*;

const SAMPLE: &str = "samples/request-budget-landscape.yaml";
/// The portrait 版心, mm from the paper's top-left corner.
const LEFT: f64 = 28.0;
const RIGHT: f64 = 184.0;
const TOP: f64 = 37.0;
const BOTTOM: f64 = 262.0;

fn upright(g: &DrawnGlyph) -> bool {
    (g.dir.0 - 1.0).abs() < 1e-6 && g.dir.1.abs() < 1e-6
}

fn turned(g: &DrawnGlyph) -> bool {
    g.dir.0.abs() < 1e-6 && (g.dir.1 + 1.0).abs() < 1e-6
}

/// The page number's glyphs (below the 版心).
fn folio(page: &DrawnPage) -> Vec<&DrawnGlyph> {
    page.glyphs.iter().filter(|g| g.y > BOTTOM + 3.0).collect()
}

/// Whether the page's flow is turned: all its text but the page number runs up the page.
fn is_turned(page: &DrawnPage) -> bool {
    let flow: Vec<_> = page.glyphs.iter().filter(|g| g.y <= BOTTOM + 3.0).collect();
    !flow.is_empty() && flow.iter().all(|g| turned(g))
}

/// A turned page's text lines, as the reader sees them once the sheet is turned clockwise:
/// glyphs on one baseline (one x on the paper), from the left side of the page (the turned
/// 版心's top) rightwards, each read from the bottom of the page up; a gap wider than a space
/// splits a line into its cells' pieces.
fn turned_lines(page: &DrawnPage) -> Vec<Vec<String>> {
    let mut glyphs: Vec<&DrawnGlyph> = page.glyphs.iter().filter(|g| turned(g)).collect();
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x).then(b.y.total_cmp(&a.y)));
    let mut lines: Vec<Vec<&DrawnGlyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (line[0].x - g.x).abs() < 0.2 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    lines
        .iter()
        .map(|line| {
            let mut pieces: Vec<String> = Vec::new();
            let mut end = f64::NAN;
            for g in line {
                // Up the page: the next glyph starts where the last one's advance ends.
                if !(end - g.y).abs().lt(&1.0) {
                    pieces.push(String::new());
                }
                pieces.last_mut().expect("pushed").push(g.ch);
                end = g.y - g.advance;
            }
            pieces
        })
        .collect()
}

/// The amounts (numbers with two decimals) among pieces of text, in order.
fn amounts<'a>(pieces: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    pieces
        .into_iter()
        .filter(|p| {
            p.split_once('.').is_some_and(|(a, b)| {
                !a.is_empty() && a.chars().all(|c| c.is_ascii_digit()) && b.len() == 2
            })
        })
        .cloned()
        .collect()
}

/// The sample's body rows, cell texts as written.
fn sample_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo().join(SAMPLE)).unwrap();
    let mut rows = Vec::new();
    let mut in_rows = false;
    for line in text.lines() {
        let t = line.trim();
        if t == "rows:" {
            in_rows = true;
            continue;
        }
        if in_rows && t.starts_with("- [") {
            let cells = t
                .trim_start_matches("- [")
                .trim_end_matches(']')
                .split(", ")
                .map(|c| {
                    let c = c.trim_matches('"');
                    c.strip_prefix("{text: ")
                        .map_or(c, |c| c.split(',').next().unwrap_or(c))
                        .to_owned()
                })
                .collect();
            rows.push(cells);
        } else if in_rows {
            break;
        }
    }
    rows
}

#[test]
fn the_wide_table_is_set_on_turned_pages_with_its_header_along_the_left() {
    let (_, pdf) = render(&repo().join(SAMPLE), "landscape-pdf");
    let pages = read(&pdf);
    let turned_pages: Vec<usize> = (0..pages.len()).filter(|&n| is_turned(&pages[n])).collect();
    assert!(
        turned_pages.len() >= 2,
        "the table runs onto 2+ turned pages: {turned_pages:?}"
    );
    let (first, last) = (turned_pages[0], *turned_pages.last().unwrap());
    assert_eq!(
        turned_pages,
        (first..=last).collect::<Vec<_>>(),
        "the turned pages follow each other"
    );
    // Portrait before and after: the 请示 and 附件2, upright.
    assert!(first >= 1 && last + 1 < pages.len());
    for n in (0..first).chain(last + 1..pages.len()) {
        assert!(
            pages[n].glyphs.iter().all(upright),
            "page {} is upright",
            n + 1
        );
    }
    assert!(
        pages[last + 1].text().starts_with("附件2"),
        "附件2 after the table, on a new page"
    );
    // The sheets stay A4 portrait.
    for v in media_boxes(&pdf) {
        assert!(
            (v[2] - 595.28).abs() < 0.1 && (v[3] - 841.89).abs() < 0.1,
            "{v:?}"
        );
    }

    let rows = sample_rows();
    assert!(rows.len() >= 30, "{} rows", rows.len());
    // 附件1 and its title open the first turned page, above (left of) the table.
    let opening = turned_lines(&pages[first]);
    assert_eq!(opening[0].concat(), "附件1");
    assert_eq!(opening[1].concat(), "青山县2025年县本级部门支出预算表");
    let mut seen: Vec<String> = Vec::new();
    for &n in &turned_pages {
        let page = &pages[n];
        let lines = turned_lines(page);
        // The header first: 科目编码 on the table's first line, on every turned page.
        let head = lines
            .iter()
            .position(|l| l.iter().any(|p| p == "科目编码"))
            .unwrap_or_else(|| panic!("page {}: the header is repeated", n + 1));
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.iter().any(|p| p == "科目编码"))
                .count(),
            1
        );
        // A header that wraps wraps evenly: 项目/支出, 人员/经费, not 项目支/出.
        let pieces: Vec<&String> = lines.iter().flatten().collect();
        for half in ["项目", "支出", "人员", "经费"] {
            assert!(pieces.iter().any(|p| *p == half), "page {}: {half}", n + 1);
        }
        assert!(!pieces.iter().any(|p| *p == "项目支" || *p == "人员经"));
        let code_x = page.glyphs.iter().find(|g| g.ch == '码').unwrap().x;
        // The table's digits (4号; the 附件 label and title above it are larger).
        let cells = page.glyphs.iter().filter(|g| g.size < 15.0 && turned(g));
        for g in cells.filter(|g| g.ch.is_ascii_digit()) {
            assert!(
                g.x > code_x,
                "page {}: the header lies left of the rows",
                n + 1
            );
        }
        // Every turned glyph inside the portrait 版心's rectangle: em box from x − ascent.
        for g in page.glyphs.iter().filter(|g| turned(g)) {
            let em = g.size / common::pdf::PT_PER_MM;
            assert!(
                g.x - 0.88 * em >= LEFT - 0.2 && g.x + 0.12 * em <= RIGHT + 0.2,
                "page {}: {:?} at x {:.2}",
                n + 1,
                g.ch,
                g.x
            );
            assert!(g.y <= BOTTOM + 0.2 && g.y - g.advance >= TOP - 0.2);
        }
        // Rules inside the 版心; the table as wide as the turned 版心 (the page's height).
        let rules = &page.rules;
        assert!(!rules.is_empty());
        for r in rules {
            assert!(r.x0 >= LEFT - 0.2 && r.x1 <= RIGHT + 0.2, "{r:?}");
            assert!(
                r.y.min(r.y1) >= TOP - 0.2 && r.y.max(r.y1) <= BOTTOM + 0.2,
                "{r:?}"
            );
        }
        let ys = rules.iter().flat_map(|r| [r.y, r.y1]);
        let (lo, hi) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        assert!(
            (lo - TOP).abs() < 0.3 && (hi - BOTTOM).abs() < 0.3,
            "{lo} {hi}"
        );
        // Rows whole: the amounts on the page are those of whole rows, in order.
        let body = &lines[head..];
        seen.extend(amounts(body.iter().flatten()));
    }
    let want: Vec<String> = amounts(rows.iter().flatten());
    let mut got = seen.clone();
    got.sort();
    let mut all = want.clone();
    all.sort();
    assert_eq!(got, all, "every amount once");
    for &n in &turned_pages {
        // Each page holds every amount of each row whose 合计 it shows.
        let lines = turned_lines(&pages[n]);
        let here = amounts(lines.iter().flatten());
        for row in &rows {
            let row_amounts = amounts(row.iter());
            let Some(total) = row_amounts.first() else {
                continue;
            };
            let name = &row[3.min(row.len() - 1)];
            let page_text: String = lines.iter().flatten().cloned().collect();
            if here.contains(total) && page_text.contains(name.as_str()) {
                for a in &row_amounts {
                    assert!(here.contains(a), "page {}: row {name} whole", n + 1);
                }
            }
        }
    }
}

#[test]
fn turned_pages_keep_the_page_number_upright_where_the_others_have_it() {
    let (_, pdf) = render(&repo().join(SAMPLE), "landscape-folio");
    let pages = read(&pdf);
    let place = |n: usize| {
        let f = folio(&pages[n]);
        assert!(!f.is_empty(), "page {} has a number", n + 1);
        assert!(f.iter().all(|g| upright(g)), "page {}: upright", n + 1);
        let text: String = f.iter().map(|g| g.ch).collect();
        assert!(text.contains(&(n + 1).to_string()), "{text}");
        let left = f.iter().map(|g| g.x).fold(f64::MAX, f64::min);
        let right = f.iter().map(|g| g.x + g.advance).fold(f64::MIN, f64::max);
        (left, right, f[0].y)
    };
    let portrait_odd = place(0);
    let portrait_even = place(1);
    let turned_pages: Vec<usize> = (0..pages.len()).filter(|&n| is_turned(&pages[n])).collect();
    assert!(turned_pages.iter().any(|n| n % 2 == 0) && turned_pages.iter().any(|n| n % 2 == 1));
    for n in turned_pages {
        let (left, right, y) = place(n);
        if n % 2 == 0 {
            // 单页码: right, one 字 in, as on page 1.
            assert!((right - portrait_odd.1).abs() < 0.05, "page {}", n + 1);
            assert!((y - portrait_odd.2).abs() < 0.05);
        } else {
            assert!((left - portrait_even.0).abs() < 0.05, "page {}", n + 1);
            assert!((y - portrait_even.2).abs() < 0.05);
        }
    }
}

/// `key="value"` attributes of the first `<tag …/>` in `xml`.
fn attr(xml: &str, tag: &str, key: &str) -> i64 {
    let at = xml
        .find(&format!("<{tag} "))
        .unwrap_or_else(|| panic!("{tag} in {xml}"));
    let element = &xml[at..at + xml[at..].find("/>").unwrap()];
    let k = element
        .find(&format!(" {key}=\""))
        .unwrap_or_else(|| panic!("{key} in {element}"));
    let v = &element[k + key.len() + 3..];
    v[..v.find('"').unwrap()].parse().unwrap()
}

#[test]
fn the_docx_sets_the_table_in_a_landscape_section_between_portrait_ones() {
    let (docx, _) = render(&repo().join(SAMPLE), "landscape-docx");
    let xml = docx_part(&docx, "word/document.xml");
    let sections: Vec<&str> = xml
        .match_indices("<w:sectPr>")
        .map(|(i, _)| &xml[i..i + xml[i..].find("</w:sectPr>").unwrap()])
        .collect();
    assert_eq!(sections.len(), 3, "portrait, landscape, portrait");
    let (before, turned, after) = (sections[0], sections[1], sections[2]);
    for s in [before, after] {
        assert!(!s.contains("w:orient"));
        assert_eq!(attr(s, "w:pgSz", "w:w"), 11906);
    }
    assert!(turned.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    // The sheet turned clockwise: left → top, bottom → left, top → right, right → bottom.
    let m = |s: &str, k: &str| attr(s, "w:pgMar", k);
    assert_eq!(m(turned, "w:top"), m(before, "w:left"));
    assert_eq!(m(turned, "w:left"), m(before, "w:bottom"));
    assert_eq!(m(turned, "w:right"), m(before, "w:top"));
    assert_eq!(m(turned, "w:bottom"), m(before, "w:right"));
    // Numbered from 1 once; the numbers run on.
    assert!(before.contains(r#"w:start="1""#));
    assert!(!turned.contains("w:start") && !after.contains("w:start"));
    // The table is in the landscape section, as wide as its text area (225 mm).
    let table_at = xml.find("<w:tbl>").unwrap();
    let first_end = xml.find("<w:sectPr>").unwrap();
    let second_end = first_end + 1 + xml[first_end + 1..].find("<w:sectPr>").unwrap();
    assert!(table_at > first_end && table_at < second_end);
    let grid: i64 = xml[table_at..]
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .take_while(|s| !s.is_empty())
        .map(|s| s[..s.find('"').unwrap()].parse::<i64>().unwrap())
        .take(12)
        .sum();
    assert_eq!(grid, 12756, "225 mm in twips");
    // Its footers hold the page number turned with the sheet.
    assert!(turned.contains("rIdFooter4") && turned.contains("rIdFooter5"));
    for part in ["word/footer4.xml", "word/footer5.xml"] {
        let footer = docx_part(&docx, part);
        assert!(footer.contains(r#"vert="vert""#), "{part}");
        assert!(footer.contains(" PAGE "), "{part}");
    }
    // `check` reads every section: ours passes; a turned section whose top margin is not the
    // sheet's 订口 is named as a 横排 page's.
    let check = |file: &std::path::Path| {
        let o = gongwen(&["check", file.to_str().unwrap()]);
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(!check(&docx).contains("[GW7"), "{}", check(&docx));
    let moved = docx.with_file_name("turned-margin.docx");
    let top = format!(r#"w:top="{}""#, m(turned, "w:top"));
    edit_docx(&docx, &moved, |xml| {
        let at = xml.find(r#"w:orient="landscape""#).unwrap();
        let m = at + xml[at..].find(&top).unwrap();
        format!("{}w:top=\"1000\"{}", &xml[..m], &xml[m + top.len()..])
    });
    let report = check(&moved);
    assert!(
        report.contains("[GW702]") && report.contains("横排页的上边距应为 28 mm"),
        "{report}"
    );
    assert_eq!(report.matches("[GW702]").count(), 1, "{report}");
}

#[test]
fn libreoffice_turns_the_same_pages_and_breaks_the_rows_where_our_pdf_does() {
    let (docx, pdf) = render(&repo().join(SAMPLE), "landscape-lo");
    let lo_dir = libreoffice_all(docx.parent().unwrap(), std::slice::from_ref(&docx));
    let lo = lo_dir.join("request-budget-landscape.pdf");
    let ours = read(&pdf);
    let theirs = glyphs::read(&lo);
    assert_eq!(ours.len(), theirs.len(), "the same page count");
    let landscape = landscape_pages(&lo);
    let turned: Vec<bool> = ours.iter().map(is_turned).collect();
    assert_eq!(
        landscape, turned,
        "LibreOffice's landscape pages are our turned ones"
    );
    for (n, page) in ours.iter().enumerate().filter(|(n, _)| turned[*n]) {
        let mine = amounts(turned_lines(page).iter().flatten());
        let mut lo_pieces: Vec<String> = Vec::new();
        for line in theirs[n].lines() {
            let mut end = f64::NAN;
            for g in &line.glyphs {
                if !(g.x - end).abs().lt(&0.5) {
                    lo_pieces.push(String::new());
                }
                lo_pieces.last_mut().unwrap().push(g.ch);
                end = g.x + g.advance;
            }
        }
        let mut a = mine.clone();
        let mut b = amounts(lo_pieces.iter());
        a.sort();
        b.sort();
        assert!(!a.is_empty());
        assert_eq!(a, b, "page {}: the same rows", n + 1);
        // The page number, turned, where the portrait number falls once the landscape page is
        // turned back: in the left margin (the portrait foot, 7 mm under the 版心 = 23–28 mm
        // from the left edge), ending one 字 before the 版心's far end on odd pages (the
        // portrait right), starting one 字 after its near end on even ones.
        let (left, right, top, bottom) = lo_number_box(&lo, n + 1);
        assert!(
            left > 21.5 && right < 29.0,
            "page {}: x {left:.1}–{right:.1} mm",
            n + 1
        );
        let side = 28.0 + 14.0 / common::pdf::PT_PER_MM;
        if (n + 1) % 2 == 1 {
            assert!(
                (bottom - (184.0 - 14.0 / common::pdf::PT_PER_MM)).abs() < 0.5,
                "page {}: ends {bottom:.2}",
                n + 1
            );
        } else {
            assert!((top - side).abs() < 0.5, "page {}: starts {top:.2}", n + 1);
        }
    }
}

/// The box (mm: left, right, top, bottom) of the page number's pieces on page `n` of a PDF, as
/// poppler reads them: the words "—" and the number left of the 版心.
fn lo_number_box(pdf: &std::path::Path, n: usize) -> (f64, f64, f64, f64) {
    let o = std::process::Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&o.stdout);
    let mm = 25.4 / 72.0;
    let mut b = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for word in html
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
    {
        let v = |k: &str| xml_attr(word, k).unwrap().parse::<f64>().unwrap() * mm;
        let text = &word[word.find('>').unwrap() + 1..word.rfind("</word>").unwrap()];
        if v("xMax") < 30.0 && (text == "—" || text == n.to_string()) {
            b = (
                b.0.min(v("xMin")),
                b.1.max(v("xMax")),
                b.2.min(v("yMin")),
                b.3.max(v("yMax")),
            );
        }
    }
    assert!(b.0 < b.1, "page {n}: a page number in the left margin");
    b
}

#[test]
fn a_bad_orientation_is_refused_at_its_line() {
    let msg = refused(
        "table-orientation.yaml",
        "kind: 通知\nissuers: [{name: 某某镇人民政府}]\nrecipients: [各村委会]\nsubject: 某事\ndate: 2024-03-01\nbody:\n  - 正文。\n  - table:\n      orientation: 斜排\n      header:\n        - [序号, 事项]\n      rows:\n        - [1, 甲]\n",
    );
    assert!(msg.contains(":9:20"), "{msg}");
    assert!(msg.contains("表格方向「斜排」无法识别"), "{msg}");
    assert!(
        msg.contains("orientation: 横排"),
        "says what to write: {msg}"
    );
}

/// A 通知 whose 正文 holds a narrow table marked 横排 between two paragraphs.
const MID_BODY: &str = "kind: 通知\nissuers: [{name: 某某镇人民政府}]\nrecipients: [各村委会]\nsubject: 上报防汛值班安排\ndate: 2024-06-01\nbody:\n  - 现将今年汛期值班安排通知如下。\n  - table:\n      orientation: 横排\n      caption: 防汛值班表\n      header:\n        - [日期, 带班领导, 值班人员]\n      rows:\nROWS  - 值班人员要坚守岗位，确保通讯畅通。\n";

#[test]
fn a_table_marked_landscape_turns_its_pages_and_the_text_after_it_stands_upright() {
    let rows: String = (1..=20)
        .map(|d| format!("        - [6月{d}日, 张三, 李四]\n"))
        .collect();
    let dir = scratch("landscape-mid-body");
    let input = dir.join("mid.yaml");
    std::fs::write(&input, MID_BODY.replace("ROWS", &rows)).unwrap();
    let (docx, pdf) = render(&input, "landscape-mid-body-out");
    let pages = read(&pdf);
    let turned: Vec<bool> = pages.iter().map(is_turned).collect();
    // Page 1 upright (the opening paragraph), the table on turned pages of 15 lines (two of
    // them: a caption, a header and 20 one-line rows), then the last paragraph upright.
    assert_eq!(turned, [false, true, true, false], "{turned:?}");
    let caption = turned_lines(&pages[1]);
    assert_eq!(
        caption[0].concat(),
        "防汛值班表",
        "the caption turns with its table"
    );
    let rows_on = |n: usize| {
        turned_lines(&pages[n])
            .iter()
            .filter(|l| l.first().is_some_and(|p| p.starts_with("6月")))
            .count()
    };
    // 15 lines: caption, header and 13 rows; then the header again and the other 7.
    assert_eq!((rows_on(1), rows_on(2)), (13, 7));
    assert!(pages[3].text().contains("值班人员要坚守岗位"));
    assert!(!pages[0].text().contains("值班人员要坚守岗位"));
    let xml = docx_part(&docx, "word/document.xml");
    assert_eq!(xml.matches("<w:sectPr>").count(), 3);
    assert_eq!(xml.matches(r#"w:orient="landscape""#).count(), 1);
}

#[test]
fn a_wide_table_kept_upright_is_squeezed_with_a_warning() {
    let text = std::fs::read_to_string(repo().join(SAMPLE)).unwrap();
    let text = text.replacen(
        "      - table:\n",
        "      - table:\n          orientation: 竖排\n",
        1,
    );
    let dir = scratch("landscape-kept-upright");
    let input = dir.join("upright.yaml");
    std::fs::write(&input, text).unwrap();
    let out = scratch("landscape-kept-upright-out");
    let o = render_into(&input, &out);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("已压缩列宽"), "{err}");
    assert!(
        err.contains("orientation: 竖排"),
        "says how to let it turn: {err}"
    );
    let pages = read(&out.join("upright.pdf"));
    assert!(pages.iter().all(|p| p.glyphs.iter().all(upright)));
}

/// The value of `key="…"` in the element text `tag`.
fn xml_attr<'a>(tag: &'a str, key: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {key}=\""))? + key.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace().map(|v| v.parse().unwrap()).collect()
}

/// Every glyph of an OFD page's `Content.xml` placed as GB/T 33190 says: a `TextCode`'s X/Y
/// and `DeltaX` steps in the object's space, through its `CTM`, from its `Boundary`'s corner.
fn ofd_glyphs(content: &str) -> Vec<(char, f64, f64)> {
    let mut out = Vec::new();
    for object in content.split("<ofd:TextObject ").skip(1) {
        let tag = &object[..object.find('>').unwrap()];
        let boundary = numbers(xml_attr(tag, "Boundary").unwrap());
        let m = xml_attr(tag, "CTM").map_or(vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0], numbers);
        let body = &object[..object.find("</ofd:TextObject>").unwrap()];
        for code in body.split("<ofd:TextCode ").skip(1) {
            let close = code.find('>').unwrap();
            let (ctag, rest) = (format!(" {}", &code[..close]), &code[close + 1..]);
            let text = &rest[..rest.find("</ofd:TextCode>").unwrap()];
            let (mut x, y) = (
                xml_attr(&ctag, "X").unwrap().parse::<f64>().unwrap(),
                xml_attr(&ctag, "Y").unwrap().parse::<f64>().unwrap(),
            );
            let steps = xml_attr(&ctag, "DeltaX").map_or(Vec::new(), numbers);
            for (k, ch) in text.chars().enumerate() {
                if k > 0 {
                    x += steps[k - 1];
                }
                let (px, py) = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
                out.push((ch, boundary[0] + px, boundary[1] + py));
            }
        }
    }
    out
}

#[test]
fn the_ofd_turns_the_table_pages_objects_onto_the_pdf_s_places() {
    let out = scratch("landscape-ofd");
    let o = gongwen(&[
        "render",
        repo().join(SAMPLE).to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
        "--ofd",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pages = read(&out.join("request-budget-landscape.pdf"));
    let ofd = out.join("request-budget-landscape.ofd");
    let mut checked = 0;
    for (n, page) in pages.iter().enumerate().filter(|(_, p)| is_turned(p)) {
        let content = docx_part(&ofd, &format!("Doc_0/Pages/Page_{n}/Content.xml"));
        let placed = ofd_glyphs(&content);
        let pdf: Vec<&DrawnGlyph> = page
            .glyphs
            .iter()
            .filter(|g| !g.ch.is_whitespace())
            .collect();
        assert_eq!(placed.len(), pdf.len(), "page {}: every glyph", n + 1);
        for (ch, x, y) in &placed {
            let near = pdf
                .iter()
                .any(|g| g.ch == *ch && (g.x - x).abs() <= 0.1 && (g.y - y).abs() <= 0.1);
            assert!(
                near,
                "page {}: {ch} at ({x:.2}, {y:.2}) is not where the PDF has it",
                n + 1
            );
        }
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn a_document_ending_in_a_turned_table_puts_its_imprint_on_an_upright_even_page() {
    // The budget sample as a 通知 with a 版记 and the table its last part.
    let text = std::fs::read_to_string(repo().join(SAMPLE)).unwrap();
    let cut = text
        .find("  - title: 青山县2025年县本级部门支出预算编制说明")
        .unwrap();
    let text = format!(
        "{}date: 2025-01-06\nimprint:\n  copy_to: [县委办公室]\n  printer: 青山县财政局\n  print_date: 2025-01-06\n",
        &text[..cut]
    )
    .replace("kind: 请示", "kind: 通知")
    .replace("  - 青山县人民政府", "  - 各乡镇人民政府");
    let dir = scratch("landscape-imprint");
    let input = dir.join("imprint.yaml");
    std::fs::write(&input, text).unwrap();
    let (docx, pdf) = render(&input, "landscape-imprint-out");
    let pages = read(&pdf);
    let last = pages.last().unwrap();
    assert!(!is_turned(last) && last.glyphs.iter().all(upright));
    assert!(last.text().contains("抄送"), "the 版记 on the last page");
    assert_eq!(pages.len() % 2, 0, "an even page");
    assert!(is_turned(&pages[pages.len() - 3]) || is_turned(&pages[pages.len() - 2]));
    let lo_dir = libreoffice_all(docx.parent().unwrap(), std::slice::from_ref(&docx));
    let lo = glyphs::read(&lo_dir.join("imprint.pdf"));
    assert_eq!(lo.len(), pages.len(), "LibreOffice: the same pages");
}
