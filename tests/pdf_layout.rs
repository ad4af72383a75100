//! Issue 3: the PDF measured from the glyphs and rules it draws, against GB/T 9704's numbers
//! (written out here in mm, independent of `src/gbt9704.rs`). Tolerance ±0.5 mm.

mod common;
use common::gbt::*;
use common::pdf::{self, DrawnGlyph, DrawnPage, line_text};
use common::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SAMPLES: &[&str] = &[
    "meijiang-2023-report",
    "single-no-seal",
    "single-seal",
    "joint-three",
    "joint-two-seals",
    "long-title",
    "heading-at-page-end",
    "five-pages-imprint",
];

/// Every sample rendered once for this test process: name → drawn pages.
fn drawn() -> &'static BTreeMap<&'static str, Vec<DrawnPage>> {
    static ONCE: OnceLock<BTreeMap<&'static str, Vec<DrawnPage>>> = OnceLock::new();
    ONCE.get_or_init(|| {
        SAMPLES
            .iter()
            .map(|&name| {
                let (_, pdf) = render(&sample(&format!("{name}.yaml")), &format!("layout-{name}"));
                (name, pdf::read(&pdf))
            })
            .collect()
    })
}

/// Lines of the 版心 (page number excluded).
fn body_lines(page: &DrawnPage) -> Vec<Vec<DrawnGlyph>> {
    page.lines()
        .into_iter()
        .filter(|l| l[0].y < BOTTOM)
        .collect()
}

fn right_edge(line: &[DrawnGlyph]) -> f64 {
    line.iter()
        .map(|g| g.x + g.advance)
        .fold(f64::MIN, f64::max)
}

/// Closing marks that may hang past the right edge.
fn hangs(c: char) -> bool {
    "，。、；：？！".contains(c)
}

#[test]
fn every_glyph_lies_inside_the_type_area_on_the_line_grid() {
    for (name, pages) in drawn() {
        for (p, page) in pages.iter().enumerate() {
            let lines = body_lines(page);
            // Each line's em box, centred in its line, sits in one of the 22 grid lines.
            for line in &lines {
                let g = &line[0];
                let top = g.y - g.size * PT * 0.88 - (PITCH - g.size * PT) / 2.0;
                let row = (top - TOP) / PITCH;
                assert!(
                    (row - row.round()).abs() * PITCH <= TOL && (0.0..22.0).contains(&row.round()),
                    "{name} p{}: line 「{}」 is off the grid (row {row:.3})",
                    p + 1,
                    line_text(line)
                );
                for g in line {
                    let limit = if hangs(g.ch) { RIGHT + CHAR } else { RIGHT };
                    assert!(
                        g.x >= LEFT - TOL && g.x + g.advance <= limit + TOL,
                        "{name} p{}: 「{}」 at {:.2}–{:.2} mm leaves the 版心",
                        p + 1,
                        g.ch,
                        g.x,
                        g.x + g.advance
                    );
                }
            }
        }
    }
}

#[test]
fn full_pages_have_twenty_two_lines() {
    let pages = &drawn()["meijiang-2023-report"];
    let mut full = 0;
    for (p, page) in pages.iter().enumerate().take(pages.len() - 1) {
        let rows: Vec<f64> = body_lines(page).iter().map(|l| l[0].y).collect();
        if rows.len() == 22 {
            full += 1;
            assert!(
                close(rows[1] - rows[0], PITCH),
                "p{}: pitch {:.3} mm",
                p + 1,
                rows[1] - rows[0]
            );
            assert!(
                close(rows[21] - rows[0], 21.0 * PITCH),
                "p{}: 22 lines span {:.3}",
                p + 1,
                rows[21] - rows[0]
            );
            // The 22 lines fill the 版心: the first line's box starts at its top edge.
            let size = body_lines(page)[0][0].size * PT;
            assert!(close(rows[0] - 0.88 * size - (PITCH - size) / 2.0, TOP));
        }
    }
    assert!(
        full >= 4,
        "the seed has at least four full pages, found {full}"
    );
}

#[test]
fn full_body_lines_hold_twenty_eight_characters_edge_to_edge() {
    let mut counted = 0;
    for (name, pages) in drawn() {
        for (p, page) in pages.iter().enumerate() {
            let lines = body_lines(page);
            for (i, line) in lines.iter().enumerate() {
                let body = line
                    .iter()
                    .all(|g| (g.size - 16.0).abs() < 0.01 && !g.ch.is_ascii());
                let flush_left = close(line[0].x, LEFT);
                if !body || !flush_left {
                    continue;
                }
                let kept: Vec<&DrawnGlyph> = line
                    .iter()
                    .filter(|g| !(hangs(g.ch) && g.x + TOL >= RIGHT))
                    .collect();
                let full = close(kept.last().map_or(0.0, |g| g.x + g.advance), RIGHT);
                // A flush-left line that stops short must end its paragraph: the next line
                // is indented, another element, or there is none.
                let next_starts_paragraph = lines.get(i + 1).is_none_or(|n| !close(n[0].x, LEFT));
                assert!(
                    full || next_starts_paragraph,
                    "{name} p{}: 「{}」 is neither full nor a paragraph's last line",
                    p + 1,
                    line_text(line)
                );
                if full {
                    // 28 to a full line; one fewer only where 禁则 moved a character down: the
                    // next line opens with a character and the closing mark glued to it, an
                    // opening mark, or a number that may not be split.
                    let next: Vec<char> = lines
                        .get(i + 1)
                        .map(|n| n.iter().map(|g| g.ch).collect())
                        .unwrap_or_default();
                    // Fewer only where 禁则 moved a cluster down whole: the next line opens
                    // with an opening mark or a number, or with a character glued to the
                    // closing mark after it; never more than a few characters.
                    let pushed = (24..28).contains(&kept.len())
                        && (next
                            .get(1)
                            .is_some_and(|&c| "，。、；：？！）》」』”’％…".contains(c))
                            || next.first().is_some_and(|&c| {
                                "（《「『“‘".contains(c) || c.is_ascii_alphanumeric()
                            }));
                    assert!(
                        kept.len() == 28 || pushed,
                        "{name} p{}: {} characters in 「{}」",
                        p + 1,
                        kept.len(),
                        line_text(line)
                    );
                    counted += 1;
                }
            }
        }
    }
    assert!(counted >= 100, "only {counted} full CJK lines measured");
}

#[test]
fn page_numbers_are_em_dashed_under_the_type_area_on_alternate_sides() {
    for (name, pages) in drawn() {
        for (p, page) in pages.iter().enumerate() {
            let number: Vec<&DrawnGlyph> = page.glyphs.iter().filter(|g| g.y > BOTTOM).collect();
            if number.is_empty() {
                continue; // blank pages and a 版记 page after one carry none (checked elsewhere)
            }
            let n = p + 1;
            let text: String = number
                .iter()
                .map(|g| g.ch)
                .filter(|c| !c.is_whitespace())
                .collect();
            assert_eq!(text, format!("—{n}—"), "{name} p{n}");
            for g in &number {
                assert!((g.size - 14.0).abs() < 0.01, "四号 = 14 pt");
                assert!(
                    g.font.contains("FandolSong"),
                    "宋体 stand-in, got {}",
                    g.font
                );
            }
            let top = number[0].y - 0.88 * 14.0 * PT;
            assert!(
                close(top, BOTTOM + 7.0),
                "{name} p{n}: 7 mm below the 版心, got {:.2}",
                top - BOTTOM
            );
            let (left, right) = (
                number[0].x,
                right_edge(&number.iter().map(|g| (*g).clone()).collect::<Vec<_>>()),
            );
            if n % 2 == 1 {
                assert!(
                    close(right, RIGHT - 14.0 * PT),
                    "{name} p{n}: odd page right, one 字 in ({right:.2})"
                );
            } else {
                assert!(
                    close(left, LEFT + 14.0 * PT),
                    "{name} p{n}: even page left, one 字 in ({left:.2})"
                );
            }
        }
    }
}

/// The lines from the first 署名 on, as (text, first x, right edge).
fn signature_lines(pages: &[DrawnPage], first_name: &str) -> Vec<(String, f64, f64)> {
    let lines: Vec<Vec<DrawnGlyph>> = pages.iter().flat_map(body_lines).collect();
    let start = lines
        .iter()
        .position(|l| line_text(l).starts_with(first_name))
        .unwrap_or_else(|| panic!("no line starts with {first_name}"));
    lines[start..]
        .iter()
        .map(|l| (line_text(l), l[0].x, right_edge(l)))
        .collect()
}

#[test]
fn rule_a_one_body_without_seal() {
    let lines = signature_lines(&drawn()["single-no-seal"], "青山县农业农村局");
    let (name, date) = (&lines[0], &lines[1]);
    assert_eq!(date.0, "2024年3月15日");
    // The date (6.5 字) is longer than the name minus the shift: 日期 右空二字, 署名 two 字 left of it.
    assert!(
        close(RIGHT - date.2, 2.0 * CHAR),
        "date 右空二字: {:.2}",
        RIGHT - date.2
    );
    assert!(
        close(date.1 - name.1, 2.0 * CHAR),
        "日期首字比署名首字右移二字"
    );
    assert!(RIGHT - name.2 >= 2.0 * CHAR - TOL);
    // 附注 on the next line, 左空二字, in （）.
    assert!(lines[2].0.starts_with("（联系人"));
    assert!(close(lines[2].1, LEFT + 2.0 * CHAR));
}

#[test]
fn rule_b_joint_bodies_without_seal() {
    for (sample, first, count) in [
        (
            "meijiang-2023-report",
            "中共秀山土家族苗族自治县梅江镇委员会",
            2,
        ),
        ("joint-three", "青山县教育局", 3),
    ] {
        let lines = signature_lines(&drawn()[sample], first);
        let names = &lines[..count];
        let date = &lines[count];
        for n in names {
            assert!(close(n.1, names[0].1), "{sample}: 署名首字对齐");
            assert!(
                RIGHT - n.2 >= 2.0 * CHAR - TOL,
                "{sample}: no line closer than 2 字"
            );
        }
        let longest = names.iter().map(|n| n.2).fold(f64::MIN, f64::max);
        assert!(
            close(RIGHT - longest, 2.0 * CHAR),
            "{sample}: the longest 署名 右空二字"
        );
        assert!(
            close(date.1 - names[0].1, 2.0 * CHAR),
            "{sample}: 日期首字右移二字"
        );
        assert!(RIGHT - date.2 >= 2.0 * CHAR - TOL);
    }
}

#[test]
fn rule_c_one_body_with_seal() {
    let pages = &drawn()["single-seal"];
    let lines = signature_lines(pages, "青山县财政局");
    let (name, date) = (&lines[0], &lines[1]);
    assert!(
        close(RIGHT - date.2, 4.0 * CHAR),
        "成文日期右空四字: {:.2}",
        RIGHT - date.2
    );
    assert!(
        close((name.1 + name.2) / 2.0, (date.1 + date.2) / 2.0),
        "署名以成文日期为准居中"
    );
    // Room for the seal: the 署名 stands three lines below the last line of the 正文.
    let all: Vec<Vec<DrawnGlyph>> = pages.iter().flat_map(body_lines).collect();
    let i = all.iter().position(|l| line_text(l) == name.0).unwrap();
    assert!(
        close(all[i][0].y - all[i - 1][0].y, 3.0 * PITCH),
        "two blank lines kept for the seal"
    );
}

#[test]
fn rule_d_joint_bodies_with_seals_side_by_side() {
    let pages = &drawn()["joint-two-seals"];
    let lines: Vec<Vec<DrawnGlyph>> = pages.iter().flat_map(body_lines).collect();
    let row = lines
        .iter()
        .find(|l| line_text(l).starts_with("中共青龙镇委员会"))
        .unwrap();
    let date = lines
        .iter()
        .find(|l| line_text(l) == "2024年1月26日")
        .unwrap();
    // The two 署名 are the pieces either side of the widest gap.
    let split = (1..row.len())
        .max_by(|&a, &b| (row[a].x - row[a - 1].x).total_cmp(&(row[b].x - row[b - 1].x)))
        .unwrap();
    let (first, second) = row.split_at(split);
    assert_eq!(line_text(second), "青龙镇人民政府");
    let centre = |l: &[DrawnGlyph]| (l[0].x + right_edge(l)) / 2.0;
    assert!(
        close(RIGHT - right_edge(date), 4.0 * CHAR),
        "成文日期右空四字"
    );
    assert!(
        close(centre(second), centre(date)),
        "the last seal's 署名 is centred over the date"
    );
    assert!(
        centre(second) - centre(first) >= 42.0 - TOL,
        "seals of 42 mm do not overlap"
    );
    // The seal pictures: 42 mm, centred over their 署名, the last over the date, the first
    // row's top within one line of the 正文, the 署名 and date below the seal's centre.
    let images = &pages[0].images;
    assert_eq!(images.len(), 2, "one seal per issuing body");
    let at = lines
        .iter()
        .position(|l| line_text(l).starts_with("中共青龙镇委员会"))
        .unwrap();
    let last_text = &lines[at - 1];
    assert_eq!(line_text(last_text), "特此报告。");
    for (img, name) in images.iter().zip([first, second]) {
        assert!(close(img.width, 42.0) && close(img.height, 42.0));
        assert!(
            close(img.x + img.width / 2.0, centre(name)),
            "seal centred on its 署名"
        );
        let text_bottom = last_text[0].y + 0.12 * 16.0 * PT;
        assert!(
            img.y >= text_bottom - TOL && img.y - text_bottom <= PITCH,
            "seal top within one line of the 正文"
        );
        assert!(
            name[0].y > img.y + img.height / 2.0,
            "署名 below the seal's centre"
        );
    }
    assert!(
        close(images[1].x + 21.0, centre(date)),
        "the last seal presses the date"
    );
    assert!(
        centre(first) - 21.0 >= LEFT - TOL,
        "the first seal stays inside the 版心"
    );
}

#[test]
fn the_title_is_centred_xiaobiaosong_and_balanced() {
    for (name, pages) in drawn() {
        let lines = body_lines(&pages[0]);
        let title: Vec<&Vec<DrawnGlyph>> = lines
            .iter()
            .take_while(|l| (l[0].size - 22.0).abs() < 0.01)
            .collect();
        assert!(!title.is_empty(), "{name}: 二号 title first");
        assert!(
            close(
                title[0][0].y - 0.88 * 22.0 * PT - (PITCH - 22.0 * PT) / 2.0,
                TOP
            ),
            "{name}: title on the first line"
        );
        for l in &title {
            assert!(
                l.iter().all(|g| g.font.contains("GongwenTitle")),
                "{name}: 小标宋 stand-in"
            );
            let centre = (l[0].x + right_edge(l)) / 2.0;
            assert!(
                close(centre, (LEFT + RIGHT) / 2.0),
                "{name}: centred, got {centre:.2}"
            );
        }
    }
    let long: Vec<String> = body_lines(&drawn()["long-title"][0])
        .iter()
        .filter(|l| (l[0].size - 22.0).abs() < 0.01)
        .map(|l| line_text(l))
        .collect();
    assert_eq!(long.len(), 3, "{long:?}");
    let widths: Vec<usize> = long.iter().map(|l| l.chars().count()).collect();
    let trapezoid = widths.windows(2).all(|w| w[0] >= w[1]);
    let diamond = widths[1] > widths[0] && widths[1] > widths[2];
    assert!(trapezoid || diamond, "梯形或菱形: {long:?}");
    // Words stay whole: no line ends inside 高质量, 重点项目 or 攻坚年.
    let joined = long.join("|");
    for word in ["高质量", "重点项目", "攻坚年", "政策措施", "县域经济"] {
        assert!(
            !joined.contains(&word.chars().take(1).collect::<String>()) || joined.contains(word),
            "{word} split: {joined}"
        );
    }
}

#[test]
fn a_level_one_heading_never_ends_a_page() {
    for (name, pages) in drawn() {
        for (p, page) in pages.iter().enumerate() {
            let lines = body_lines(page);
            let Some(last) = lines.last() else { continue };
            let heading = last.iter().all(|g| g.font.contains("FandolHei"));
            assert!(
                !heading || lines.len() < 22 && p + 1 == pages.len(),
                "{name} p{}: ends with heading 「{}」",
                p + 1,
                line_text(last)
            );
        }
    }
    // The sample built for it: the heading that would land on line 22 opens page 2.
    let pages = &drawn()["heading-at-page-end"];
    let last = body_lines(&pages[0]).pop().unwrap();
    let row = ((last[0].y - 0.88 * last[0].size * PT - (PITCH - last[0].size * PT) / 2.0 - TOP)
        / PITCH)
        .round();
    assert_eq!(row, 20.0, "page 1 gives up its 22nd line");
    let top = &body_lines(&pages[1])[0];
    assert!(
        top.iter().all(|g| g.font.contains("FandolHei")),
        "page 2 opens with the heading: 「{}」",
        line_text(top)
    );
}

#[test]
fn the_imprint_sits_on_the_last_even_page_between_its_rules() {
    let pages = &drawn()["five-pages-imprint"];
    let last = pages.last().unwrap();
    assert_eq!(
        pages.len(),
        6,
        "five pages of text, the 版记 on the even page after them"
    );
    let number: String = last
        .glyphs
        .iter()
        .filter(|g| g.y > BOTTOM)
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(
        number, "—6—",
        "no blank page before it: the 版记 page is numbered"
    );
    let mut rules = last.rules.clone();
    rules.sort_by(|a, b| a.y.total_cmp(&b.y));
    assert_eq!(rules.len(), 3, "first, middle and last rules");
    for r in &rules {
        assert!(
            close(r.x0, LEFT) && close(r.x1, RIGHT),
            "rules as wide as the 版心"
        );
        assert!(!r.red);
    }
    assert!(
        close(rules[2].y, BOTTOM),
        "the last rule on the 版心's bottom edge: {:.2}",
        rules[2].y
    );
    assert!((rules[0].thickness - 0.35).abs() < 0.02 && (rules[2].thickness - 0.35).abs() < 0.02);
    assert!((rules[1].thickness - 0.25).abs() < 0.02);
    let lines = body_lines(last);
    let copy_to: Vec<&Vec<DrawnGlyph>> = lines
        .iter()
        .filter(|l| l[0].y > rules[0].y && l[0].y < rules[1].y)
        .collect();
    let printed: Vec<&Vec<DrawnGlyph>> = lines
        .iter()
        .filter(|l| l[0].y > rules[1].y && l[0].y < rules[2].y)
        .collect();
    assert!(
        line_text(copy_to[0]).starts_with("抄送：县委办公室，"),
        "{:?}",
        copy_to.iter().map(|l| line_text(l)).collect::<Vec<_>>()
    );
    let all: String = copy_to.iter().map(|l| line_text(l)).collect();
    assert!(
        all.ends_with("县市场监督管理局，县大数据发展中心。"),
        "{all}"
    );
    for l in copy_to.iter().chain(&printed) {
        assert!((l[0].size - 14.0).abs() < 0.01, "四号");
    }
    assert!(close(copy_to[0][0].x, LEFT + 14.0 * PT), "抄送 左空一字");
    let colon = copy_to[0].iter().find(|g| g.ch == '：').unwrap();
    for l in &copy_to[1..] {
        assert!(
            close(l[0].x, colon.x + colon.advance),
            "回行时与冒号后的首字对齐"
        );
    }
    let p = printed[0];
    assert!(
        line_text(p).starts_with("青山县人民政府办公室")
            && line_text(p).ends_with("2024年1月31日印发")
    );
    assert!(close(p[0].x, LEFT + 14.0 * PT), "印发机关左空一字");
    assert!(close(right_edge(p), RIGHT - 14.0 * PT), "印发日期右空一字");
}

#[test]
fn the_pdf_text_is_the_source_text() {
    for name in SAMPLES {
        let input = sample(&format!("{name}.yaml"));
        let loaded = gongwen::input::load(&input, &Default::default()).expect("loads");
        let doc = gongwen::model::resolve(loaded.draft, &loaded.source).expect("resolves");
        let composed = gongwen::compose::compose(&doc, None).expect("composes");
        let want = squash(&composed.texts().concat());
        let got: String = drawn()[name]
            .iter()
            .flat_map(|p| p.glyphs.iter().filter(|g| g.y < BOTTOM).map(|g| g.ch))
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn the_imprint_shares_an_even_last_page_that_has_room() {
    let pages = &drawn()["heading-at-page-end"];
    assert_eq!(pages.len(), 2);
    let last = &pages[1];
    assert_eq!(last.rules.len(), 3);
    assert!(
        last.text().contains("持续深化安全生产专项整治"),
        "the text and the 版记 on one page"
    );
    assert!(last.text().contains("抄送：县安全生产委员会各成员单位。"));
    assert!(
        last.text()
            .contains("青山县应急管理局办公室2024年4月8日印发")
            || squash(&last.text()).contains("青山县应急管理局办公室2024年4月8日印发")
    );
}

#[test]
fn an_imprint_made_even_by_a_blank_page_leaves_both_unnumbered() {
    let (_, pdf) = render(
        &repo().join("tests/inputs/imprint-after-blank-page.yaml"),
        "imprint-blank",
    );
    let pages = pdf::read(&pdf);
    assert_eq!(pages.len(), 6);
    assert!(
        pages[3].glyphs.iter().any(|g| g.y > BOTTOM),
        "page 4 is numbered"
    );
    assert!(
        pages[4].glyphs.is_empty() && pages[4].rules.is_empty(),
        "page 5 is blank"
    );
    assert!(
        pages[5].glyphs.iter().all(|g| g.y < BOTTOM),
        "the 版记 page after a blank page has no number"
    );
    assert_eq!(pages[5].rules.len(), 3);
}

#[test]
fn the_signature_block_stays_with_the_last_line_of_text() {
    for (name, first) in [
        (
            "meijiang-2023-report",
            "中共秀山土家族苗族自治县梅江镇委员会",
        ),
        ("five-pages-imprint", "青山县人民政府办公室"),
    ] {
        let pages = &drawn()[name];
        let (p, page) = pages
            .iter()
            .enumerate()
            .find(|(_, pg)| body_lines(pg).iter().any(|l| line_text(l) == first))
            .unwrap();
        let lines = body_lines(page);
        let i = lines.iter().position(|l| line_text(l) == first).unwrap();
        assert!(
            i > 0,
            "{name} p{}: the 署名 opens the page, cut off from the 正文",
            p + 1
        );
        assert!(
            close(lines[i][0].y - lines[i - 1][0].y, 2.0 * PITCH),
            "{name}: 正文下空一行"
        );
    }
}

#[test]
fn headings_use_their_level_faces() {
    let pages = &drawn()["five-pages-imprint"];
    let lines: Vec<Vec<DrawnGlyph>> = pages.iter().flat_map(body_lines).collect();
    let starting = |prefix: &str| {
        lines
            .iter()
            .find(|l| line_text(l).starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix}"))
    };
    assert!(
        starting("一、主要工作")
            .iter()
            .all(|g| g.font.contains("FandolHei")),
        "一级 黑体"
    );
    let l2 = starting("（一）政务服务事项");
    assert!(
        l2[..3].iter().all(|g| g.font.contains("FandolKai")),
        "二级 楷体"
    );
    let cut = line_text(l2)
        .find("。")
        .map(|b| line_text(l2)[..b].chars().count())
        .unwrap();
    assert!(
        l2[cut + 1..].iter().all(|g| g.font.contains("FandolFang")),
        "the body after a run-in heading is 仿宋"
    );
    let l3 = starting("1.");
    assert!(
        l3.iter().all(|g| g.font.contains("FandolFang")),
        "三级 仿宋"
    );
}
