//! Issue 5 (part): the 版头 of a 请示, measured from the PDF (GB/T 9704 §7.2). Tolerance ±0.5 mm.

mod common;
use common::gbt::*;
use common::pdf::{self, DrawnGlyph, line_text};
use common::*;

#[test]
fn a_request_with_letterhead_carries_the_standard_elements_in_place() {
    let (_, out) = render(&sample("request-letterhead.yaml"), "letterhead-request");
    let pages = pdf::read(&out);
    let page = &pages[0];
    let lines = page.lines();
    let find = |prefix: &str| -> &Vec<DrawnGlyph> {
        lines
            .iter()
            .find(|l| line_text(l).starts_with(prefix))
            .unwrap_or_else(|| {
                panic!(
                    "{prefix}: {:?}",
                    lines.iter().map(|l| line_text(l)).collect::<Vec<_>>()
                )
            })
    };
    // 份号 then 紧急程度, 顶格 on the first lines of the 版心.
    let copy = find("000012");
    let urgency = find("加急");
    assert!(close(copy[0].x, LEFT) && close(urgency[0].x, LEFT));
    assert!(close(urgency[0].y - copy[0].y, PITCH));
    assert!(
        urgency.iter().all(|g| g.font.contains("FandolHei")),
        "紧急程度 3号黑体"
    );
    // 发文机关标志: red, its em box's top 35 mm below the 版心's top, centred, inside the 版心.
    let mark = find("青山县青龙镇人民政府文件");
    assert!(mark.iter().all(|g| g.red), "red 标志");
    let size = mark[0].size * PT;
    assert!(
        close(mark[0].y - 0.88 * size, TOP + 35.0),
        "标志 top at {:.2} mm",
        mark[0].y - 0.88 * size
    );
    let right = mark.last().map(|g| g.x + g.advance).unwrap();
    assert!(
        close((mark[0].x + right) / 2.0, (LEFT + RIGHT) / 2.0),
        "标志 centred"
    );
    assert!(
        mark[0].x >= LEFT - TOL && right <= RIGHT + TOL,
        "标志 inside the 版心"
    );
    // 上行文: 发文字号 左空一字 and 签发人 右空一字 on one line.
    let number = find("青龙府发〔2024〕5号");
    assert!(close(number[0].x, LEFT + CHAR), "发文字号 左空一字");
    let signer_line: Vec<&DrawnGlyph> = page
        .glyphs
        .iter()
        .filter(|g| (g.y - number[0].y).abs() < 0.2 && g.x > 100.0)
        .collect();
    let signer: String = signer_line.iter().map(|g| g.ch).collect();
    assert_eq!(signer, "签发人：王明");
    assert!(
        close(
            signer_line.last().map(|g| g.x + g.advance).unwrap(),
            RIGHT - CHAR
        ),
        "签发人 右空一字"
    );
    assert!(
        signer_line
            .iter()
            .rev()
            .take(2)
            .all(|g| g.font.contains("FandolKai")),
        "签发人姓名 楷体"
    );
    // 发文字号 下空二行 from the 标志.
    let mark_bottom = mark[0].y + 0.12 * size;
    let number_top = number[0].y - 0.88 * 16.0 * PT - (PITCH - 16.0 * PT) / 2.0;
    assert!(
        close(number_top - mark_bottom, 2.0 * PITCH),
        "two lines between 标志 and 发文字号"
    );
    // The red separator 4 mm under the 发文字号, as wide as the 版心.
    let sep = page.rules.iter().find(|r| r.red).expect("a red separator");
    assert!(close(sep.x0, LEFT) && close(sep.x1, RIGHT), "156 mm wide");
    assert!(
        close(sep.y - (number[0].y + 0.12 * 16.0 * PT), 4.0),
        "4 mm under the 发文字号"
    );
    // The title: two lines below the separator, on the body grid.
    let title = lines
        .iter()
        .find(|l| (l[0].size - 22.0).abs() < 0.01)
        .unwrap();
    let title_top = title[0].y - 0.88 * 22.0 * PT - (PITCH - 22.0 * PT) / 2.0;
    assert!(
        title_top >= sep.y + 2.0 * PITCH - TOL && title_top < sep.y + 3.0 * PITCH,
        "标题 红色分隔线下空二行"
    );
    let row = (title_top - TOP) / PITCH;
    assert!(
        (row - row.round()).abs() * PITCH < TOL,
        "the title sits on the grid"
    );
}

#[test]
fn a_request_has_one_recipient_and_a_contact_note() {
    let err = refused(
        "two-recipients.yaml",
        "kind: 请示\nissuers: [{name: 某某镇人民政府}]\nrecipients: [甲县人民政府, 乙县人民政府]\nsubject: 某事\nbody: [正文。]\ndate: 2024-05-20\n",
    );
    assert!(err.contains("请示只能有一个主送机关"), "{err}");
    assert!(
        err.contains("请示须在附注中注明联系人的姓名和电话"),
        "{err}"
    );
}

#[test]
fn an_upward_letterhead_needs_its_signers_and_a_valid_number() {
    let err = refused(
        "bad-head.yaml",
        "kind: 报告\nissuers: [{name: 某某镇人民政府}]\nheader: {copy_number: '12', mark: 红头}\ndoc_number: 某府发〔2024〕第03号\nsubject: 某事\nbody: [正文。]\ndate: 2024-05-20\n",
    );
    assert!(err.contains("份号「12」应为 6 位阿拉伯数字"), "{err}");
    assert!(err.contains("须标注签发人"), "{err}");
    assert!(err.contains("发文机关标志「红头」无法识别"), "{err}");
    assert!(
        err.contains("发文字号「某府发〔2024〕第03号」不合规范"),
        "{err}"
    );
}

#[test]
fn the_request_template_closes_with_its_own_wording() {
    let (_, out) = render(&sample("request-letterhead.yaml"), "letterhead-closing");
    assert!(pdf_text(&out).contains("妥否，请批示。"));
    assert!(pdf_text(&out).contains("关于青龙镇中心小学教学楼维修改造资金的请示"));
}

#[test]
fn a_joint_mark_stacks_the_names_with_wenjian_centred_beside_them() {
    let (_, out) = render(&sample("joint-request-letterhead.yaml"), "letterhead-joint");
    let page = &pdf::read(&out)[0];
    let red: Vec<Vec<DrawnGlyph>> = page
        .lines()
        .into_iter()
        .map(|l| l.into_iter().filter(|g| g.red).collect::<Vec<_>>())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        red.len(),
        3,
        "three name lines (文件 shares the middle one)"
    );
    let names: Vec<String> = red.iter().map(|l| line_text(l)).collect();
    assert_eq!(names[0], "青山县教育局", "主办机关 first");
    assert_eq!(names[1], "青山县财政局文件");
    assert_eq!(names[2], "青山县人力资源和社会保障局");
    // The names spread to one width: same left and right edges.
    let edge = |l: &[DrawnGlyph]| (l[0].x, l.last().map(|g| g.x + g.advance).unwrap());
    let (l0, r0) = edge(&red[0]);
    let (l2, r2) = edge(&red[2]);
    let (l1, _) = edge(&red[1]);
    assert!(
        close(l0, l2) && close(l1, l2) && close(r0, r2),
        "分散对齐: {l0:.1}–{r0:.1} vs {l2:.1}–{r2:.1}"
    );
    // 文件 right of the names, centred on the three lines (the middle line's baseline).
    let wenjian = &red[1][red[1].len() - 2..];
    assert!(wenjian[0].x > r2, "文件 stands right of the names");
    assert!(close(wenjian[0].y, red[1][0].y));
    assert!(close(red[1][0].y - red[0][0].y, red[2][0].y - red[1][0].y));
    assert!(
        wenjian.last().map(|g| g.x + g.advance).unwrap() <= RIGHT + TOL,
        "inside the 版心"
    );
    // 签发人 two to a line; the 发文字号 on the line of the last one.
    let lines = page.lines();
    let number = lines
        .iter()
        .find(|l| line_text(l).starts_with("青教发〔2024〕21号"))
        .unwrap();
    let last_signer: String = page
        .glyphs
        .iter()
        .filter(|g| (g.y - number[0].y).abs() < 0.2 && g.x > 100.0)
        .map(|g| g.ch)
        .collect();
    assert_eq!(last_signer, "孙立");
}

#[test]
fn a_letter_is_set_in_the_letter_format() {
    let (_, out) = render(&sample("letter.yaml"), "letterhead-letter");
    let pages = pdf::read(&out);
    let page = &pages[0];
    let lines = page.lines();
    let mark = lines
        .iter()
        .find(|l| line_text(l) == "青山县自然资源局")
        .expect("the 标志: the name alone");
    assert!(mark.iter().all(|g| g.red));
    let size = mark[0].size * PT;
    assert!(
        close(mark[0].y - 0.88 * size, 30.0),
        "标志 30 mm from the paper's top"
    );
    // Four red rules 170 mm long: thick over thin under the 标志, thin over thick 20 mm from the bottom.
    let mut red: Vec<&pdf::DrawnRule> = page.rules.iter().filter(|r| r.red).collect();
    red.sort_by(|a, b| a.y.total_cmp(&b.y));
    assert_eq!(red.len(), 4, "two double lines");
    for r in &red {
        assert!(close(r.x1 - r.x0, 170.0), "170 mm long");
        assert!(close((r.x0 + r.x1) / 2.0, (LEFT + RIGHT) / 2.0), "centred");
    }
    assert!(red[0].thickness > red[1].thickness, "上粗下细");
    assert!(red[2].thickness < red[3].thickness, "上细下粗");
    assert!(
        close(
            red[0].y - red[0].thickness / 2.0 - (mark[0].y + 0.12 * size),
            4.0
        ),
        "4 mm under the 标志"
    );
    assert!(
        close(297.0 - (red[3].y + red[3].thickness / 2.0), 20.0),
        "20 mm from the paper's bottom"
    );
    // 份号 at the left, 发文字号 at the right, 14 pt (3号汉字高度的7/8) under the double line.
    let copy = lines
        .iter()
        .find(|l| line_text(l).starts_with("000036"))
        .unwrap();
    let number = page
        .glyphs
        .iter()
        .filter(|g| (g.y - copy[0].y).abs() < 0.2 && g.x > 100.0)
        .collect::<Vec<_>>();
    assert_eq!(
        number.iter().map(|g| g.ch).collect::<String>(),
        "青自然资函〔2024〕18号"
    );
    assert!(close(copy[0].x, LEFT), "份号 顶格 at the left");
    assert!(
        close(number.last().map(|g| g.x + g.advance).unwrap(), RIGHT),
        "发文字号 at the right edge"
    );
    let em_top = copy[0].y - 0.88 * 16.0 * PT;
    assert!(
        close(em_top - (red[1].y + red[1].thickness / 2.0), 14.0 * PT),
        "7/8 of a 三号 character under the line"
    );
    // The title two lines below; no page number on page 1; page 2 numbered.
    let title = lines
        .iter()
        .find(|l| (l[0].size - 22.0).abs() < 0.01)
        .unwrap();
    let title_top = title[0].y - 0.88 * 22.0 * PT - (PITCH - 22.0 * PT) / 2.0;
    assert!(
        title_top - (copy[0].y + 0.12 * 16.0 * PT) >= 2.0 * PITCH - TOL,
        "相距二行"
    );
    assert!(
        page.glyphs.iter().all(|g| g.y < 262.0 || g.red),
        "首页不显示页码"
    );
    // The 版记 of a 函: 抄送 only, no rules, no 印发.
    let last = pages.last().unwrap();
    let text = last.text();
    assert!(squash(&text).contains("抄送：县发展和改革局。"));
    assert!(!text.contains("印发"));
    assert!(last.rules.iter().all(|r| r.red), "no black 版记 rules");
}

#[test]
fn minutes_carry_their_mark_and_attendance() {
    let (_, out) = render(&sample("minutes.yaml"), "letterhead-minutes");
    let pages = pdf::read(&out);
    let page = &pages[0];
    let lines = page.lines();
    let mark = lines
        .iter()
        .find(|l| l.iter().all(|g| g.red) && line_text(l).ends_with("纪要"))
        .expect("标志 XXXX纪要");
    assert_eq!(line_text(mark), "青龙镇人民政府第5次镇长办公会议纪要");
    let size = mark[0].size * PT;
    assert!(
        close(mark[0].y - 0.88 * size, TOP + 35.0),
        "标志 35 mm below the 版心's top"
    );
    assert!(
        !lines.iter().any(|l| (l[0].size - 22.0).abs() < 0.01),
        "no separate 二号 title"
    );
    // 出席、请假、列席: labels in 黑体, 左空二字, wrapped names under the first name.
    let all: Vec<Vec<DrawnGlyph>> = pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| l[0].y < 262.0)
        .collect();
    let at = all
        .iter()
        .position(|l| line_text(l).starts_with("出席："))
        .expect("出席");
    let present = &all[at];
    assert!(close(present[0].x, LEFT + 2.0 * CHAR));
    assert!(
        present[..3].iter().all(|g| g.font.contains("FandolHei")),
        "出席： in 黑体"
    );
    assert!(
        present[3..].iter().all(|g| g.font.contains("FandolFang")),
        "names in 仿宋"
    );
    let next = &all[at + 1];
    assert!(close(next[0].x, present[3].x), "回行时与冒号后的首字对齐");
    let rest: Vec<String> = all[at..].iter().map(|l| line_text(l)).collect();
    assert!(rest.iter().any(|t| t.starts_with("请假：何军")));
    assert!(rest.iter().any(|t| t.starts_with("列席：镇党政办公室")));
    assert!(
        close(present[0].y - all[at - 1][0].y, 2.0 * PITCH) || all[at - 1][0].y > present[0].y,
        "正文下空一行"
    );
}

/// A joint document of `bodies` bodies named 某某县甲局, 某某县乙局…: a 报告 with a 签发人 for
/// each (`signed`), else a 通知.
fn joint(bodies: usize, signed: bool) -> String {
    let stems = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
    let mut yaml = format!("kind: {}\nissuers:\n", if signed { "报告" } else { "通知" });
    for c in stems.chars().take(bodies) {
        yaml.push_str(&format!("  - name: 某某县{c}局\n"));
    }
    yaml.push_str("header:\n  mark: 文件\n");
    if signed {
        yaml.push_str(&format!(
            "  signers: [{}]\n",
            vec!["王明"; bodies].join(", ")
        ));
    } else {
        yaml.push_str("recipients: [各乡镇人民政府]\n");
    }
    yaml + "doc_number: 某府发〔2024〕3号\nsubject: 某项工作\nbody:\n  - 正文。\ndate: 2024-02-22\n"
}

#[test]
fn many_bodies_go_two_names_a_line_and_never_meet_the_number_or_the_page_edge() {
    for (bodies, signed) in [(8, true), (10, true), (12, false), (16, false)] {
        let dir = scratch(&format!("letterhead-joint-{bodies}"));
        let input = dir.join("联合.yaml");
        std::fs::write(&input, joint(bodies, signed)).unwrap();
        let (_, out) = render(&input, &format!("letterhead-joint-{bodies}-out"));
        let page = &pdf::read(&out)[0];
        let red: Vec<Vec<DrawnGlyph>> = page
            .lines()
            .into_iter()
            .map(|l| l.into_iter().filter(|g| g.red).collect::<Vec<_>>())
            .filter(|l| !l.is_empty())
            .collect();
        // 文件 right of the names, centred on them: on a line of its own with an even number
        // of lines, else sharing the middle one.
        let wenjian: Vec<DrawnGlyph> = red
            .iter()
            .flatten()
            .filter(|g| g.ch == '件')
            .cloned()
            .collect();
        assert_eq!(wenjian.len(), 1, "{bodies}");
        let names_right = red
            .iter()
            .flatten()
            .filter(|g| g.ch == '局')
            .map(|g| g.x + g.advance)
            .fold(0.0, f64::max);
        assert!(
            wenjian[0].x > names_right,
            "{bodies}: 文件 right of the names"
        );
        let red: Vec<Vec<DrawnGlyph>> =
            red.into_iter().filter(|l| line_text(l) != "文件").collect();
        let (top, bottom) = (red[0][0].y, red.last().unwrap()[0].y);
        assert!(
            close(wenjian[0].y, (top + bottom) / 2.0),
            "{bodies}: 文件 centred"
        );
        // Two names a line, each line inside the 版心.
        assert_eq!(red.len(), bodies.div_ceil(2), "{bodies}: {red:?}");
        let stems: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉".chars().collect();
        for (row, line) in red.iter().enumerate() {
            let text = line_text(line);
            let pair = format!("某某县{}局某某县{}局", stems[2 * row], stems[2 * row + 1]);
            assert!(text.starts_with(&pair), "{bodies}: row {row}: {text}");
            assert!(
                line[0].x >= LEFT - TOL,
                "{bodies}: {text} starts left of the 版心"
            );
            let end = line.last().map(|g| g.x + g.advance).unwrap();
            assert!(end <= RIGHT + TOL, "{bodies}: {text} ends at {end:.1}");
            // Never smaller than the title's 二号.
            assert!(line.iter().all(|g| g.size >= 21.9), "{bodies}: {text}");
        }
        // The columns line up: every line's second name starts where the first line's does.
        let second = |l: &[DrawnGlyph]| l[5].x;
        assert!(
            red.iter().all(|l| close(second(l), second(&red[0]))),
            "{bodies}"
        );
        // The 发文字号 stands at least a line below the last name, inside the 版心, and the
        // title follows on page 1.
        let lines = page.lines();
        let number = lines
            .iter()
            .find(|l| line_text(l).contains("某府发"))
            .expect("the 发文字号");
        let names_bottom = red.last().unwrap()[0].y;
        let number_top = number[0].y - 16.0 * PT * 0.88;
        assert!(
            number_top - names_bottom >= PITCH,
            "{bodies}: names end {names_bottom:.1}, 发文字号 top {number_top:.1}"
        );
        assert!(
            number[0].y < BOTTOM - 4.0 * PITCH,
            "{bodies}: {:.1}",
            number[0].y
        );
        assert!(
            page.text().contains("关于某项工作的"),
            "{bodies}: the title on page 1"
        );
        for l in &lines {
            let text = line_text(l);
            let folio = l[0].y > BOTTOM;
            let end = l.last().map(|g| g.x + g.advance).unwrap();
            assert!(
                folio || (l[0].x >= LEFT - TOL && end <= RIGHT + TOL && l[0].y < BOTTOM),
                "{bodies}: 「{text}」 leaves the 版心"
            );
        }
    }
}

#[test]
fn a_letterhead_with_more_bodies_than_fit_is_refused_saying_how_many_fit() {
    // Ten bodies with their 签发人 fit; the eleventh is refused at its name.
    let err = refused("十一个机关.yaml", &joint(11, true));
    let line = 2 + 11;
    assert!(
        err.contains(&format!(
            "十一个机关.yaml:{line}:11：联合行文的 11 个发文机关在版头排不下"
        )) && err.contains("最多排得下 10 个机关"),
        "{err}"
    );
    assert!(err.contains("未写出任何文件"), "{err}");
    // `refused` rendered into a fresh folder: nothing but the input is there.
    let dir = repo().join("target/test-out/refused-十一个机关.yaml");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["十一个机关.yaml"]);
    // Without 签发人, sixteen fit and the seventeenth is refused.
    let err = refused("十七个机关.yaml", &joint(17, false));
    assert!(
        err.contains("十七个机关.yaml:19:11：") && err.contains("最多排得下 16 个机关"),
        "{err}"
    );
}

/// The red lines of page 1 (the 标志), as text.
fn red_lines(pdf: &std::path::Path) -> Vec<Vec<DrawnGlyph>> {
    pdf::read(pdf)[0]
        .lines()
        .into_iter()
        .map(|l| l.into_iter().filter(|g| g.red).collect::<Vec<_>>())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn a_joint_mark_may_show_the_host_alone_while_every_body_signs() {
    // GB/T 9704 §7.2.3: 联合行文时，发文机关标志可以并用联合发文机关名称，也可以单独用主办机关名称.
    let yaml = sample("joint-host-mark.yaml");
    let (_, out) = render(&yaml, "letterhead-joint-host");
    let red = red_lines(&out);
    let texts: Vec<String> = red.iter().map(|l| line_text(l)).collect();
    assert_eq!(texts, ["青山县教育局文件"], "only the 主办机关 in the 标志");
    // Set as a single 标志: its em box's top 35 mm below the 版心's top, centred, inside.
    let mark = &red[0];
    let size = mark[0].size * PT;
    assert!(close(mark[0].y - 0.88 * size, TOP + 35.0));
    let right = mark.last().map(|g| g.x + g.advance).unwrap();
    assert!(
        close((mark[0].x + right) / 2.0, (LEFT + RIGHT) / 2.0),
        "centred"
    );
    assert!(mark[0].x >= LEFT - TOL && right <= RIGHT + TOL);
    assert!(
        mark.iter().all(|g| (g.size - 42.0).abs() < 0.1),
        "a single 标志 at 初号, as for one body"
    );
    // Every body still signs, in black.
    let pages = pdf::read(&out);
    let black: Vec<String> = pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| l.iter().all(|g| !g.red))
        .map(|l| line_text(&l))
        .collect();
    for name in ["青山县教育局", "青山县卫生健康局", "青山县市场监督管理局"]
    {
        assert!(black.iter().any(|l| l == name), "{name} signs: {black:?}");
    }
    // The same file without the key shows all three names.
    let dir = scratch("letterhead-joint-all");
    let all = dir.join("joint-all.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&all, text.replace("  mark_names: 主办机关\n", "")).unwrap();
    let (_, out) = render(&all, "letterhead-joint-all-out");
    let texts: Vec<String> = red_lines(&out).iter().map(|l| line_text(l)).collect();
    assert_eq!(
        texts,
        [
            "青山县教育局",
            "青山县卫生健康局文件",
            "青山县市场监督管理局"
        ]
    );
}

#[test]
fn a_host_alone_mark_leaves_room_for_every_signer() {
    // 18 bodies sign a 报告 whose 标志 shows the 主办机关 alone: the 标志 is sized for all nine
    // lines of 签发人 under it, so page 1 keeps its last four lines for the title and 正文.
    let dir = scratch("letterhead-host-twenty");
    let input = dir.join("联合.yaml");
    let yaml = joint(18, true).replace("  mark: 文件\n", "  mark: 文件\n  mark_names: 主办机关\n");
    std::fs::write(&input, yaml).unwrap();
    let (_, out) = render(&input, "letterhead-host-twenty-out");
    let page = &pdf::read(&out)[0];
    let lines = page.lines();
    let texts: Vec<String> = lines.iter().map(|l| line_text(l)).collect();
    let red: Vec<&String> = lines
        .iter()
        .zip(&texts)
        .filter(|(l, _)| l.iter().all(|g| g.red))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(red, ["某某县甲局文件"]);
    let number = texts.iter().position(|t| t.contains("某府发")).unwrap();
    let signer_lines = texts.iter().filter(|t| t.contains("王明")).count();
    assert_eq!(signer_lines, 9, "{texts:?}");
    // The title (二号) starts on one of the last four of the 版心's 22 lines, or above.
    let title = lines
        .iter()
        .find(|l| line_text(l).contains("某项工作"))
        .expect("the title on page 1");
    let em_top = title[0].y - 0.88 * title[0].size * PT;
    let line = ((em_top - TOP) / PITCH).floor();
    assert!(
        line <= 18.0,
        "title on line {line} at {em_top:.1} mm; the 发文字号 is text line {number}"
    );
}
