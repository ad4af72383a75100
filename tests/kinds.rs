//! Every 文种 of 条例 第八条 (issue 12): each starter renders and checks clean, and its PDF shows
//! the kind's title, closing and signature (or the adoption line); the 命令格式's geometry
//! (GB/T 9704 §10.2); 主送机关 moved to the 版记 (§7.3.2); the kinds' rules.

mod common;
use common::gbt::*;
use common::pdf::{DrawnGlyph, DrawnPage, line_text, read};
use common::*;

/// What a reader checks on each kind's starter: the title's ending, the closing (or none),
/// and what stands at the end — the 署名's last line, the adoption line, or the 签发人.
const KINDS: &[(&str, &str, Option<&str>, End)] = &[
    ("决议", "的决议", None, End::Adoption),
    ("决定", "的决定", None, End::Signed("某某县人民政府")),
    (
        "命令",
        "某某县人民政府令",
        None,
        End::Signer("县长", "张三"),
    ),
    ("公报", "全体会议公报", None, End::Adoption),
    (
        "公告",
        "的公告",
        Some("特此公告。"),
        End::Signed("某某县人民政府"),
    ),
    (
        "通告",
        "的通告",
        Some("特此通告。"),
        End::Signed("某某县公安局"),
    ),
    ("意见", "的意见", None, End::Signed("某某县人民政府")),
    (
        "通知",
        "的通知",
        Some("特此通知。"),
        End::Signed("某某县某某镇人民政府"),
    ),
    (
        "通报",
        "的通报",
        Some("特此通报。"),
        End::Signed("某某县人民政府办公室"),
    ),
    (
        "报告",
        "的报告",
        Some("特此报告。"),
        End::Signed("某某镇人民政府"),
    ),
    (
        "请示",
        "的请示",
        Some("妥否，请批示。"),
        End::Signed("某某县某某镇人民政府"),
    ),
    (
        "批复",
        "的批复",
        Some("此复。"),
        End::Signed("某某县人民政府"),
    ),
    (
        "议案",
        "的议案",
        Some("请审议。"),
        End::Signed("某某县人民政府"),
    ),
    (
        "函",
        "的函",
        Some("特此函告。"),
        End::Signed("某某县某某局"),
    ),
    ("纪要", "会议纪要", None, End::Minutes),
];

#[derive(Clone, Copy)]
enum End {
    /// 署名 on the line above the 成文日期.
    Signed(&'static str),
    /// （……通过） right under the title, and no 署名 or date line at the end.
    Adoption,
    /// 签发人职务 and name on one line, the date under it.
    Signer(&'static str, &'static str),
    /// 纪要格式: the 主办机关 and date under the 标志; 出席 lines at the end.
    Minutes,
}

fn lines(page: &DrawnPage) -> Vec<String> {
    page.lines().iter().map(|l| line_text(l)).collect()
}

#[test]
fn every_kind_of_the_regulation_has_a_starter_that_renders_and_checks_clean() {
    assert_eq!(KINDS.len(), 15);
    for &(kind, title, closing, end) in KINDS {
        let o = gongwen(&["new", kind]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let dir = scratch(&format!("kind-{}", kind.escape_unicode()));
        let input = dir.join("x.yaml");
        std::fs::write(&input, &o.stdout).unwrap();
        let check = gongwen(&["check", input.to_str().unwrap()]);
        assert!(
            check.status.success()
                && String::from_utf8_lossy(&check.stdout).contains("没有发现问题"),
            "{kind}: the starter passes check: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let (_, pdf) = render(&input, &format!("kind-out-{}", kind.escape_unicode()));
        let pages = read(&pdf);
        let first = lines(&pages[0]);
        let all: Vec<String> = pages.iter().flat_map(lines).collect();
        let text = all.join("\n");
        assert!(
            squash(&text).contains(title),
            "{kind}: title {title} in {first:?}"
        );
        let date_line = all
            .iter()
            .rposition(|l| l.contains("年") && l.ends_with('日'));
        match closing {
            Some(c) => assert!(all.iter().any(|l| l == c), "{kind}: closing {c} in {all:?}"),
            None => {
                for c in ["特此", "此复。", "请审议。"] {
                    assert!(!text.contains(c), "{kind}: no closing, found {c}");
                }
            }
        }
        match end {
            End::Signed(name) => {
                let d = date_line.unwrap_or_else(|| panic!("{kind}: a date line in {all:?}"));
                assert_eq!(all[d - 1], name, "{kind}: 署名 above the date");
            }
            End::Adoption => {
                let title_at = first
                    .iter()
                    .position(|l| squash(l).ends_with(&title[title.len() - 6..]))
                    .unwrap();
                let adoption = first[title_at + 1..]
                    .iter()
                    .take_while(|l| !l.is_empty())
                    .take(2)
                    .cloned()
                    .collect::<String>();
                assert!(
                    adoption.starts_with("（2024年") && adoption.contains("通过）"),
                    "{kind}: （……通过） under the title: {first:?}"
                );
                assert!(
                    date_line.is_none_or(|d| all[d].starts_with('（')),
                    "{kind}: no 署名 or date: {all:?}"
                );
            }
            End::Signer(title, name) => {
                let d = date_line.unwrap();
                let signer = all[..d].iter().rev().find(|l| !l.is_empty()).unwrap();
                assert!(
                    signer.starts_with(title) && signer.ends_with(name),
                    "{kind}: {signer}"
                );
            }
            End::Minutes => {
                assert!(all.iter().any(|l| l.starts_with("出席：")), "{kind}");
            }
        }
    }
}

/// A glyph run matching `text` on a page.
fn find(page: &DrawnPage, text: &str) -> Vec<DrawnGlyph> {
    page.lines()
        .into_iter()
        .find_map(|l| {
            let s = line_text(&l);
            s.find(text).map(|at| {
                let skip = s[..at].chars().count();
                l[skip..skip + text.chars().count()].to_vec()
            })
        })
        .unwrap_or_else(|| panic!("{text} not found in {:?}", page.text()))
}

const ORDER: &str = "kind: 命令
issuers:
  - name: 青山县人民政府
    signer: {title: 青山县人民政府县长, name: 王明, stamp_image: stamp.png}
header: {}
order_number: 第12号
subject: 青山县城市绿化管理办法
body:
  - 《青山县城市绿化管理办法》已经2024年6月20日县人民政府第10次常务会议通过，现予公布，自2024年8月1日起施行。
date: 2024-07-01
";

#[test]
fn the_order_format_sets_mark_number_body_and_signer_where_the_standard_says() {
    let dir = scratch("order-format");
    std::fs::copy(
        repo().join("samples/seals/sample-seal.png"),
        dir.join("stamp.png"),
    )
    .unwrap();
    let input = dir.join("order.yaml");
    std::fs::write(&input, ORDER).unwrap();
    let (docx, pdf) = render(&input, "order-format-out");
    let page = &read(&pdf)[0];
    // 标志: 发文机关全称加“令”, red, its top 20 mm below the 版心's top, centred.
    let mark = find(page, "青山县人民政府令");
    assert!(mark.iter().all(|g| g.red), "red 标志");
    let size = mark[0].size * PT;
    assert!(
        close(mark[0].y - 0.88 * size, TOP + 20.0),
        "标志 top at {:.2} mm below the 版心's top",
        mark[0].y - 0.88 * size - TOP
    );
    let right = mark.last().map(|g| g.x + g.advance).unwrap();
    assert!(
        close((mark[0].x + right) / 2.0, (LEFT + RIGHT) / 2.0),
        "标志 centred"
    );
    // 令号: centred, 标志下空二行 (its line's top two pitches below the 标志's bottom).
    let number = find(page, "第12号");
    let n_right = number.last().map(|g| g.x + g.advance).unwrap();
    assert!(
        close((number[0].x + n_right) / 2.0, (LEFT + RIGHT) / 2.0),
        "令号 centred"
    );
    assert!(!number[0].red, "令号 black");
    let mark_bottom = mark[0].y + 0.12 * size;
    let line_top = |g: &DrawnGlyph| g.y - 0.88 * 16.0 * PT - (PITCH - 16.0 * PT) / 2.0;
    assert!(
        close(line_top(&number[0]) - mark_bottom, 2.0 * PITCH),
        "令号 two lines below the 标志: {:.2} mm",
        line_top(&number[0]) - mark_bottom
    );
    // 正文: 令号下空二行, on the grid; no title, no red separator.
    let body = find(page, "《青山县城市绿化管理办法》");
    let gap = line_top(&body[0]) - line_top(&number[0]);
    assert!(
        (3.0 * PITCH - TOL..4.0 * PITCH).contains(&gap),
        "正文 two blank lines under the 令号: {gap:.2}"
    );
    assert!(close(body[0].x, LEFT + 2.0 * CHAR), "正文 左空二字");
    assert!(
        page.rules.iter().all(|r| !r.red),
        "命令格式 has no red separator"
    );
    assert!(
        !page.text().contains("关于青山县城市绿化管理办法的命令"),
        "no title printed"
    );
    // 签发人: 职务 left of the 签名章, the name under the stamp 右空四字, the date 下空一行 右空四字.
    let name = find(page, "王明");
    let title = find(page, "青山县人民政府县长");
    assert!(
        (title[0].y - name[0].y).abs() < 0.2,
        "职务 and name on one line"
    );
    let stamp = page.images.first().expect("the 签名章 is drawn");
    assert!(
        close(stamp.x + stamp.width, RIGHT - 4.0 * CHAR),
        "签名章 右空四字"
    );
    let name_centre = (name[0].x + name.last().map(|g| g.x + g.advance).unwrap()) / 2.0;
    assert!(
        close(name_centre, stamp.x + stamp.width / 2.0),
        "the name under the 签名章"
    );
    let title_end = title.last().map(|g| g.x + g.advance).unwrap();
    assert!(
        close(stamp.x - title_end, 2.0 * CHAR),
        "职务 左空二字 of the 签名章"
    );
    let stamp_mid = stamp.y + stamp.height / 2.0;
    assert!(
        close(stamp_mid, name[0].y - 0.88 * 16.0 * PT + 8.0 * PT),
        "上下居中 on the line"
    );
    let end = find(page, "行。");
    assert!(
        close(line_top(&name[0]) - line_top(&end[0]), 3.0 * PITCH),
        "正文下空二行 to the 签发人"
    );
    let date = find(page, "2024年7月1日");
    assert!(close(date[0].y - name[0].y, 2.0 * PITCH), "date 下空一行");
    assert!(
        close(
            date.last().map(|g| g.x + g.advance).unwrap(),
            RIGHT - 4.0 * CHAR
        ),
        "date 右空四字"
    );
    // The DOCX carries the 签名章 too.
    assert!(
        docx_part(&docx, "word/document.xml")
            .matches("<wp:anchor")
            .count()
            >= 1
    );
}

/// A 通知 with a 版头 and 60 主送机关: page 1 would show no 正文, so they move to the 版记.
fn many_recipients(extra: &str) -> String {
    let units: Vec<String> = (1..=60).map(|n| format!("  - 第{n}小学\n")).collect();
    format!(
        "kind: 通知
issuers: [{{name: 青山县教育局}}]
header: {{}}
doc_number: 青教发〔2024〕8号
recipients:
{}subject: 做好2024年秋季学期开学工作
body:
  - 现将有关事项通知如下。
imprint:
  copy_to: [县人民政府办公室]
  printer: 青山县教育局办公室
{extra}date: 2024-08-20
",
        units.concat()
    )
}

#[test]
fn sixty_recipients_move_to_the_imprint_above_copy_to() {
    let dir = scratch("many-recipients");
    let input = dir.join("notice.yaml");
    std::fs::write(&input, many_recipients("")).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let o = render_into(&input, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("主送机关过多") && err.contains("7.3.2"),
        "a finding says so: {err}"
    );
    let pages = read(&out.join("notice.pdf"));
    let first = pages[0].text();
    assert!(!first.contains("第60小学"), "no 主送 on page 1: {first}");
    assert!(first.contains("现将有关事项通知如下"), "page 1 shows 正文");
    let last = pages.last().unwrap();
    let text = lines(last);
    let to = text
        .iter()
        .position(|l| l.starts_with("主送：第1小学，"))
        .expect("主送 in the 版记");
    let cc = text.iter().position(|l| l.starts_with("抄送：")).unwrap();
    assert!(to < cc, "主送 above 抄送");
    assert!(
        text[..cc].concat().contains("第60小学。"),
        "every unit, closed with 。"
    );
    // Between the 版记's first and last rules, set like 抄送: 四号, 左空一字, hung after 主送：.
    let to_glyphs = find(last, "主送：");
    let cc_glyphs = find(last, "抄送：");
    let black: Vec<_> = last.rules.iter().filter(|r| !r.red).collect();
    let (top, bottom) = (
        black.iter().map(|r| r.y).fold(f64::MAX, f64::min),
        black.iter().map(|r| r.y).fold(f64::MIN, f64::max),
    );
    assert!(
        to_glyphs[0].y > top && cc_glyphs[0].y < bottom,
        "between the 版记 rules"
    );
    assert!(close(bottom, BOTTOM), "last rule on the 版心's bottom");
    assert!(
        !black
            .iter()
            .any(|r| r.y > to_glyphs[0].y && r.y < cc_glyphs[0].y),
        "no rule between 主送 and 抄送"
    );
    assert!(close(to_glyphs[0].x, LEFT + 14.0 * PT), "左空一字");
    assert!(close(to_glyphs[0].size, 14.0), "四号");
    let drawn = last.lines();
    let second = &drawn[to + 1];
    assert!(
        close(second[0].x, drawn[to][3].x),
        "回行时与冒号后的首字对齐"
    );
}

#[test]
fn a_clerk_can_put_the_recipients_in_the_imprint() {
    let yaml = "kind: 通知
issuers: [{name: 青山县教育局}]
recipients: [各中心学校]
recipients_in_imprint: true
subject: 放假安排
body: [现将放假安排通知如下。]
date: 2024-08-20
";
    let dir = scratch("recipients-in-imprint");
    let input = dir.join("notice.yaml");
    std::fs::write(&input, yaml).unwrap();
    let (_, pdf) = render(&input, "recipients-in-imprint-out");
    let pages = read(&pdf);
    assert!(
        !pages[0].text().contains("各中心学校："),
        "not under the title"
    );
    let last = pages.last().unwrap();
    assert!(
        lines(last).iter().any(|l| l == "主送：各中心学校。"),
        "{:?}",
        lines(last)
    );
    assert!(last.rules.len() >= 2, "a ruled 版记 of its own");
}

#[test]
fn the_kinds_rules_are_enforced_with_their_clause() {
    let base = |kind: &str, rest: &str| {
        format!(
            "kind: {kind}\nissuers: [{{name: 青山县人民政府}}]\nsubject: 某事\nbody: [正文。]\ndate: 2024-07-01\n{rest}"
        )
    };
    let err = refused(
        "reply.yaml",
        &base("批复", "recipients: [甲镇人民政府, 乙镇人民政府]\n"),
    );
    assert!(err.contains("批复") && err.contains("只能有一个"), "{err}");
    let err = refused("motion.yaml", &base("议案", ""));
    assert!(
        err.contains("议案") && err.contains("人民代表大会"),
        "{err}"
    );
    let err = refused("resolution.yaml", &base("决议", ""));
    assert!(err.contains("adopted_by"), "{err}");
    let err = refused("adopted.yaml", &base("通知", "adopted_by: 某会议\n"));
    assert!(err.contains("adopted_by 只用于决议、决定、公报"), "{err}");
    let err = refused("number.yaml", &base("通知", "order_number: 第1号\n"));
    assert!(err.contains("令号只用于命令格式"), "{err}");
    let err = refused("order.yaml", &base("命令", "header: {}\n"));
    assert!(err.contains("令号") && err.contains("签名章"), "{err}");
    let err = refused(
        "order-mark.yaml",
        &base("命令", "header: {mark: 文件}\norder_number: 第1号\n"),
    );
    assert!(err.contains("命令"), "{err}");
}

#[test]
fn the_checker_knows_what_each_kind_expects() {
    let check = |name: &str, yaml: &str| {
        let dir = scratch(&format!("kind-check-{name}"));
        let input = dir.join(format!("{name}.yaml"));
        std::fs::write(&input, yaml).unwrap();
        String::from_utf8_lossy(&gongwen(&["check", input.to_str().unwrap()]).stdout).into_owned()
    };
    let out = check(
        "reply",
        "kind: 批复\nissuers: [{name: 青山县人民政府}]\nrecipients: [甲镇人民政府]\nsubject: 同意某事\nbody: [经研究，同意你镇的意见。]\ndate: 2024-07-01\n",
    );
    assert!(out.contains("GW402") && out.contains("发文字号"), "{out}");
    let out = check(
        "announcement",
        "kind: 公告\nissuers: [{name: 青山县人民政府}]\nrecipients: [各乡镇]\nsubject: 某事\nbody: [正文。]\ndate: 2024-07-01\n",
    );
    assert!(
        out.contains("GW403") && out.contains("一般不写主送机关"),
        "{out}"
    );
    let out = check(
        "motion",
        "kind: 议案\nissuers: [{name: 青山县人民政府}]\nrecipients: [青山县人民政府办公室]\nsubject: 某事\nbody: [正文。]\ndate: 2024-07-01\n",
    );
    assert!(out.contains("GW404"), "{out}");
}
