//! Issue 11: the body forms real documents use — numbered paragraphs without heading, run-in
//! headings at level 1, lists starting at a chosen level, numbered enumerations, forwarded and
//! issued documents, whitespace kept as typed. Read back from the PDF (and the DOCX).

mod common;
use common::gbt::{BOTTOM, CHAR, LEFT, PITCH, RIGHT, close};
use common::pdf::{self, DrawnGlyph, DrawnPage, line_text};
use common::*;

const HEI: &str = "FandolHei";
const FANG: &str = "FandolFang";

/// The lines of a page inside the 版心 (the page number left out).
fn text_lines(page: &DrawnPage) -> Vec<Vec<DrawnGlyph>> {
    page.lines()
        .into_iter()
        .filter(|l| l[0].y < BOTTOM + 1.0)
        .collect()
}

/// Every 黑体 glyph of the document, each line's run of them as one string.
fn hei_runs(pages: &[DrawnPage]) -> Vec<String> {
    let mut runs = Vec::new();
    for page in pages {
        for line in text_lines(page) {
            let hei: String = line
                .iter()
                .filter(|g| g.font.contains(HEI))
                .map(|g| g.ch)
                .collect();
            if !hei.is_empty() {
                runs.push(hei);
            }
        }
    }
    runs
}

fn line_starting(pages: &[DrawnPage], start: &str) -> Vec<DrawnGlyph> {
    pages
        .iter()
        .flat_map(text_lines)
        .find(|l| line_text(l).starts_with(start))
        .unwrap_or_else(|| panic!("a line starting 「{start}」"))
}

#[test]
fn numbered_paragraphs_are_body_text_and_split_across_pages() {
    let (_, out) = render(&sample("numbered-items.yaml"), "numbered-items");
    let pages = pdf::read(&out);
    assert!(pages.len() >= 2);
    // 一、 … 四、 start paragraphs set in 仿宋, indented two 字; nothing is in 黑体.
    for start in [
        "一、各乡镇",
        "二、要全面",
        "三、要切实",
        "四、要严格",
        "（一）各乡镇",
        "（二）各有关",
    ] {
        let line = line_starting(&pages, start);
        assert!(
            line.iter().all(|g| g.font.contains(FANG)),
            "{start}: {:?}",
            line[0].font
        );
        assert!(
            close(line[0].x, LEFT + 2.0 * CHAR),
            "{start} at {}",
            line[0].x
        );
    }
    assert!(hei_runs(&pages).is_empty(), "{:?}", hei_runs(&pages));
    // Page 1 is full to its last grid line, and page 2 goes on with the same paragraph: its first
    // line is a continuation at the left edge, not a new number.
    let first = text_lines(&pages[0]);
    let last = first.last().unwrap();
    let next = &text_lines(&pages[1])[0];
    // Page 2's first line stands on grid line 1; page 1's last on grid line 22.
    assert!(
        close(last[0].y, next[0].y + 21.0 * PITCH),
        "page 1 ends short: {} vs {}",
        last[0].y,
        next[0].y
    );
    assert!(close(next[0].x, LEFT), "page 2 starts at {}", next[0].x);
    let text = line_text(next);
    assert!(!text.starts_with(['一', '二', '三', '四', '（']), "{text}");
}

#[test]
fn a_level_one_heading_runs_in_with_its_text() {
    let (_, out) = render(&sample("run-in-level1.yaml"), "run-in-level1");
    let pages = pdf::read(&out);
    let line = line_starting(&pages, "一、加强组织领导。");
    let heading = "一、加强组织领导。".chars().count();
    assert!(line[..heading].iter().all(|g| g.font.contains(HEI)));
    assert!(line[heading..].iter().all(|g| g.font.contains(FANG)));
    assert!(line_text(&line[heading..]).starts_with("各乡镇"));
    // 黑体 only on the level-1 heading sentences.
    assert_eq!(
        hei_runs(&pages),
        [
            "一、加强组织领导。",
            "二、深入排查隐患。",
            "三、严格值班值守。"
        ]
    );
    // Level 2 under a run-in level 1 still counts from （一）, in 楷体.
    let two = line_starting(&pages, "（一）道路交通。");
    assert!(two[..8].iter().all(|g| g.font.contains("FandolKai")));
}

#[test]
fn a_list_can_start_at_level_three_and_inconsistent_skips_are_reported() {
    let (_, out) = render(&sample("skipped-level.yaml"), "skipped-level");
    let pages = pdf::read(&out);
    let all: Vec<String> = pages
        .iter()
        .flat_map(text_lines)
        .map(|l| line_text(&l))
        .collect();
    let at = all.iter().position(|l| l == "一、做好开学准备").unwrap();
    assert!(all[at + 1].starts_with("1.校舍安全。"), "{}", all[at + 1]);
    assert!(all.iter().any(|l| l.starts_with("2.教材发放。")));
    assert!(all.iter().any(|l| l.starts_with("1.开学第一周")));
    assert!(!all.iter().any(|l| l.starts_with("（一）")));
    // Consistent in the sample: no GW104.
    let o = gongwen(&["check", sample("skipped-level.yaml").to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("GW104"));
    // One 一、 with （一） below, another with 1.: GW104 at the second.
    let dir = scratch("gw104");
    let input = dir.join("mixed.yaml");
    std::fs::write(
        &input,
        "kind: 通知\nissuers: [{name: 某局}]\ntitle: 关于某事的通知\ndate: 2024-01-02\nbody:\n  - heading: 甲\n    body:\n      - heading: 乙\n        text: 丙。\n  - heading: 丁\n    body:\n      - level: 3\n        heading: 戊\n        text: 己。\n",
    )
    .unwrap();
    let o = gongwen(&["check", input.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(
        report.contains("GW104") && report.contains("mixed.yaml:12:"),
        "{report}"
    );
}

#[test]
fn enumerations_numbered_in_brackets_or_digits() {
    let (docx, out) = render(&sample("numbered-points.yaml"), "numbered-points");
    let text = pdf_text(&out);
    for want in [
        "编报范围包括：（1）县直各行政单位；（2）县直各事业单位；（3）纳入部门预算管理的其他单位。",
        "各单位应报送以下材料：1.部门决算报表；2.决算分析报告。",
        "各单位要高度重视，一是明确专人负责；二是按时报送。",
    ] {
        assert!(text.contains(want), "{want} in {text}");
        assert!(squash(&docx_text(&docx)).contains(want));
    }
}

#[test]
fn spaces_reach_the_pdf_and_the_docx_as_typed() {
    let typed = "图1　某某示意图　　制表人 张三  审核人　　　李四";
    let dir = scratch("spaces");
    let input = dir.join("spaces.yaml");
    std::fs::write(
        &input,
        format!(
            "kind: 通知\nissuers: [{{name: 某局}}]\ntitle: 关于某事的通知\ndate: 2024-01-02\nbody:\n  - \"{typed}\"\n  - 　段首空格与段中　空格。\n"
        ),
    )
    .unwrap();
    let (docx, out) = render(&input, "spaces-out");
    let pages = pdf::read(&out);
    let line = line_starting(&pages, "图1");
    assert_eq!(line_text(&line), typed);
    // A U+3000 is one 字 on the grid: the glyph after it starts one pitch further.
    let i = typed.chars().position(|c| c == '　').unwrap();
    assert!(
        close(line[i + 1].x - line[i].x, CHAR),
        "{}",
        line[i + 1].x - line[i].x
    );
    let xml = docx_part(&docx, "word/document.xml");
    assert!(
        xml.contains(&format!("<w:t xml:space=\"preserve\">{typed}</w:t>")),
        "{}",
        between(&xml, "图1", "</w:t>")
    );
    let second = line_starting(&pages, "　段首");
    assert_eq!(line_text(&second), "　段首空格与段中　空格。");
}

/// The page number drawn under the 版心, if any.
fn folio(page: &DrawnPage) -> Option<u32> {
    let line = page.lines().into_iter().find(|l| l[0].y > BOTTOM + 1.0)?;
    line_text(&line)
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// Checks a 署名 block without seal by GB/T 9704 §7.3.5.2: the longest name ends 右空二字 and
/// the date starts two 字 right of the names — or, when that would pass 右空二字, the date ends
/// there and the names keep the two-字 shift.
fn signed_by_the_rule(names: &[Vec<DrawnGlyph>], date: &[DrawnGlyph]) {
    let right = |l: &[DrawnGlyph]| {
        let g = l.last().unwrap();
        g.x + g.advance
    };
    let names_x = names[0][0].x;
    assert!(
        names.iter().all(|n| close(n[0].x, names_x)),
        "names aligned"
    );
    let longest = names.iter().map(|n| right(n)).fold(0.0, f64::max);
    let limit = RIGHT - 2.0 * CHAR;
    assert!(
        close(date[0].x - names_x, 2.0 * CHAR),
        "date two 字 right of the names"
    );
    if close(right(date), limit) {
        assert!(longest <= limit + 0.5, "longest name ends at {longest}");
    } else {
        assert!(close(longest, limit), "longest name ends at {longest}");
        assert!(right(date) < limit);
    }
}

#[test]
fn an_issued_document_follows_the_notice_as_a_document_of_its_own() {
    let (docx, out) = render(&sample("issued-measures.yaml"), "issued-measures");
    let pages = pdf::read(&out);
    let lines: Vec<Vec<Vec<DrawnGlyph>>> = pages.iter().map(text_lines).collect();
    let find = |want: &str| -> (usize, usize) {
        lines
            .iter()
            .enumerate()
            .find_map(|(p, ls)| {
                ls.iter()
                    .position(|l| squash(&line_text(l)) == want)
                    .map(|i| (p, i))
            })
            .unwrap_or_else(|| panic!("「{want}」"))
    };
    // The covering notice: its 署名 and date, signed by the rule, no 附件说明.
    let (cover_page, cover_date) = find("2024年6月18日");
    signed_by_the_rule(
        &[lines[cover_page][cover_date - 1].clone()],
        &lines[cover_page][cover_date],
    );
    assert!(!pdf_text(&out).contains("附件：") && !pdf_text(&out).contains("附件1"));
    // The issued document starts a new page with its title, the byline under it (the U+3000
    // kept), a blank line, its own 主送机关.
    let (title_page, title_line) = find("青山县农村集体资产管理办法");
    assert!(title_page > cover_page);
    assert_eq!(title_line, 0, "the title opens its page");
    assert!(
        lines[title_page][0]
            .iter()
            .all(|g| g.font.contains("GongwenTitle"))
    );
    let byline = &lines[title_page][1];
    assert_eq!(
        line_text(byline),
        "（青山县农业农村局　青山县财政局　2024年6月10日）"
    );
    let mid = (byline[0].x + byline.last().unwrap().x + byline.last().unwrap().advance) / 2.0;
    assert!(close(mid, (LEFT + RIGHT) / 2.0), "byline centred: {mid}");
    assert!(line_text(&lines[title_page][2]).starts_with("各乡镇人民政府、"));
    assert!(close(lines[title_page][2][0].y - byline[0].y, 2.0 * PITCH));
    // Its numbering restarts, 黑体 only on its heading sentences (and its 附件's label).
    assert!(line_text(&line_starting(&pages, "一、总则")).eq("一、总则"));
    assert_eq!(
        hei_runs(&pages),
        [
            "一、总则",
            "二、资产登记与清查",
            "三、资产经营与处置",
            "四、收益分配与监督",
            "五、附则",
            "附件"
        ]
    );
    assert!(
        line_starting(&pages, "（一）本办法所称")
            .iter()
            .all(|g| g.font.contains(FANG))
    );
    // Its 署名 (two bodies) and date by the same rule, at least three pages after its title.
    let (sig_page, sig_date) = find("2024年6月10日");
    assert!(sig_page >= title_page + 2, "{sig_page} {title_page}");
    signed_by_the_rule(
        &[
            lines[sig_page][sig_date - 2].clone(),
            lines[sig_page][sig_date - 1].clone(),
        ],
        &lines[sig_page][sig_date],
    );
    assert_eq!(
        squash(&line_text(&lines[sig_page][sig_date - 2])),
        "青山县农业农村局"
    );
    // Its own 附件 on a new page: 附件 at the top left, its title on the third line.
    let (label_page, label_line) = find("附件");
    assert!(label_page > sig_page && label_line == 0);
    assert_eq!(
        squash(&line_text(&lines[label_page][1])),
        "农村集体资产登记表（样表）"
    );
    // Page numbers run on through it.
    let numbers: Vec<Option<u32>> = pages.iter().map(folio).collect();
    let expected: Vec<Option<u32>> = (1..=pages.len() as u32).map(Some).collect();
    assert_eq!(numbers, expected);
    // The DOCX breaks the page before the issued title too.
    let xml = docx_part(&docx, "word/document.xml");
    let before = &xml[..xml.find("青山县农村集体资产管理办法</w:t>").unwrap()];
    let opens = before.rfind("<w:p>").max(before.rfind("<w:p "));
    let last_para = &before[opens.unwrap()..];
    assert!(last_para.contains("<w:pageBreakBefore"), "{last_para}");
}

#[test]
fn a_forwarding_starter_renders() {
    let o = gongwen(&["new", "通知", "--forward"]);
    assert!(o.status.success());
    let dir = scratch("forward-starter");
    let input = dir.join("starter.yaml");
    std::fs::write(&input, &o.stdout).unwrap();
    let (_, out) = render(&input, "forward-starter-out");
    let text = pdf_text(&out);
    assert!(text.contains("某某管理办法") && text.contains("（一）为加强某某管理"));
    let o = gongwen(&["new", "报告", "--forward"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("只用于通知"));
}

#[test]
fn years_are_judged_by_their_own_document_and_not_inside_titles_or_quotes() {
    let dir = scratch("gw302-forwarded");
    let input = dir.join("forward.yaml");
    std::fs::write(
        &input,
        "kind: 通知\nissuers: [{name: 某厅}]\ntitle: 关于转发《1997年某某工作要点》的通知\ndate: 2024-01-02\nbody:\n  - heading: 落实“2030年行动”的工作安排\n    text: 现转发给你们。\nforwarded:\n  - title: 1998年某某工作计划\n    body:\n      - heading: 2000年工作要点\n        text: 正文。\n    date: 1997-01-28\n",
    )
    .unwrap();
    let o = gongwen(&["check", input.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout);
    // The cited title and the quotation are left alone; the forwarded plan for 1998 fits its own
    // date (1997), not the notice's (2024); its 2000 does not fit 1997.
    let gw302: Vec<&str> = report.lines().filter(|l| l.contains("GW302")).collect();
    assert_eq!(gw302.len(), 1, "{report}");
    assert!(
        gw302[0].contains("forward.yaml:11:") && gw302[0].contains("2000年"),
        "{report}"
    );
}
