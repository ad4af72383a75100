//! Issue 5: the 版头 in `word/document.xml` — each line the layout set as a text box anchored
//! to the page (x and y from the paper's edges, wrapping nothing) with the official face, size,
//! colour, horizontal scale and spacing; the red separator as a line shape 0.5 mm thick and
//! 156 mm long where our PDF draws it; and the blank grid lines of the flow still under it.

mod common;
use common::*;
use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const EMU_PER_MM: f64 = 36_000.0;

/// One anchored shape of the 版头.
#[derive(Debug)]
struct Shape {
    text: String,
    font: Option<String>,
    color: Option<String>,
    scale: Option<String>,
    spacing: Option<i64>,
    /// Half-points.
    size: Option<i64>,
    /// From the paper's left and top edges, mm.
    x: f64,
    y: f64,
    /// `a:ln` width (EMU) and colour, for the line shape.
    line: Option<(i64, String)>,
    width: f64,
}

fn find<'a>(n: Node<'a, 'a>, ns: &str, name: &str) -> Option<Node<'a, 'a>> {
    n.descendants().find(|c| c.has_tag_name((ns, name)))
}

fn shapes(sample: &str) -> (Vec<Shape>, Vec<String>, std::path::PathBuf) {
    let (docx, pdf) = render(&repo().join(format!("samples/{sample}.yaml")), sample);
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let offset = |a: Node, axis: &str| -> f64 {
        let pos = find(a, WP, axis).unwrap();
        assert_eq!(pos.attribute("relativeFrom"), Some("page"), "{axis}");
        find(pos, WP, "posOffset")
            .unwrap()
            .text()
            .unwrap()
            .parse::<f64>()
            .unwrap()
            / EMU_PER_MM
    };
    let anchors: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "anchor")))
        .collect();
    let shapes = anchors
        .iter()
        .map(|&a| {
            assert!(
                a.children().any(|c| c.has_tag_name((WP, "wrapNone"))),
                "wraps nothing"
            );
            let r = find(a, W, "rPr");
            let val = |name: &str| {
                r.and_then(|r| find(r, W, name))
                    .and_then(|n| n.attribute((W, "val")))
                    .map(str::to_owned)
            };
            let ext = find(a, WP, "extent").unwrap();
            Shape {
                text: a
                    .descendants()
                    .filter(|n| n.has_tag_name((W, "t")))
                    .filter_map(|n| n.text())
                    .collect(),
                font: r
                    .and_then(|r| find(r, W, "rFonts"))
                    .and_then(|f| f.attribute((W, "eastAsia")))
                    .map(str::to_owned),
                color: val("color"),
                scale: val("w"),
                spacing: val("spacing").map(|s| s.parse().unwrap()),
                size: val("sz").map(|s| s.parse().unwrap()),
                x: offset(a, "positionH"),
                y: offset(a, "positionV"),
                line: find(a, A, "ln").and_then(|ln| {
                    let fill = find(ln, A, "srgbClr")?;
                    Some((
                        ln.attribute("w")?.parse().unwrap(),
                        fill.attribute("val")?.to_owned(),
                    ))
                }),
                width: ext.attribute("cx").unwrap().parse::<f64>().unwrap() / EMU_PER_MM,
            }
        })
        .collect();
    // The flow's paragraphs up to the title: their own text (not the shapes').
    let flow: Vec<String> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name((W, "p")) && !n.ancestors().any(|a| a.has_tag_name((W, "txbxContent")))
        })
        .take_while(|p| {
            !p.descendants()
                .any(|s| s.has_tag_name((W, "pStyle")) && s.attribute((W, "val")) == Some("Title"))
        })
        .map(|p| {
            p.descendants()
                .filter(|n| {
                    n.has_tag_name((W, "t"))
                        && !n.ancestors().any(|a| a.has_tag_name((W, "txbxContent")))
                })
                .filter_map(|n| n.text())
                .collect()
        })
        .collect();
    (shapes, flow, pdf)
}

fn text<'a>(shapes: &'a [Shape], t: &str) -> &'a Shape {
    shapes
        .iter()
        .find(|s| s.text == t)
        .unwrap_or_else(|| panic!("no text box {t}: {shapes:#?}"))
}

/// The separator: the one line shape — red, 0.5 mm, 156 mm from the 版心's left edge, where
/// our PDF draws its red rule.
fn check_separator(sample: &str, shapes: &[Shape], pdf: &std::path::Path) {
    let lines: Vec<&Shape> = shapes.iter().filter(|s| s.line.is_some()).collect();
    assert_eq!(lines.len(), 1, "{sample}: one line shape");
    let sep = lines[0];
    assert_eq!(
        sep.line,
        Some((18_000, "FF0000".to_owned())),
        "{sample}: 0.5 mm red"
    );
    assert!((sep.width - 156.0).abs() < 0.01 && (sep.x - 28.0).abs() < 0.01);
    let ours = common::pdf::read(pdf);
    let red: Vec<_> = ours[0].rules.iter().filter(|r| r.red).collect();
    assert_eq!(red.len(), 1);
    let y_mm = red[0].y;
    assert!(
        (sep.y - y_mm).abs() < 0.05,
        "{sample}: separator at {:.2} mm in the DOCX, {y_mm:.2} in our PDF",
        sep.y
    );
}

#[test]
fn the_single_letterhead_is_in_text_boxes_on_the_page() {
    let sample = "request-letterhead";
    let (shapes, flow, pdf) = shapes(sample);
    let mark = text(&shapes, "青山县青龙镇人民政府文件");
    assert_eq!(mark.font.as_deref(), Some("方正小标宋简体"));
    assert_eq!(mark.color.as_deref(), Some("FF0000"));
    assert_eq!(mark.size, Some(84), "42 pt");
    assert!(
        mark.scale.as_deref().is_some_and(|w| w != "100"),
        "narrowed to fit: {mark:?}"
    );
    assert!(
        (mark.y - 72.0).abs() < 0.01,
        "35 mm below the 版心: {:.2} mm",
        mark.y
    );
    let number = text(&shapes, "青龙府发〔2024〕5号");
    assert_eq!(number.font.as_deref(), Some("仿宋_GB2312"));
    assert_eq!(number.color.as_deref(), Some("000000"));
    assert_eq!(number.size, Some(32));
    // 上行文: the 文号 左空一字, 签发人 in 仿宋 and the name in 楷体 on its line.
    assert!(
        (number.x - (28.0 + 156.0 / 28.0)).abs() < 0.1,
        "{:.2}",
        number.x
    );
    let label = text(&shapes, "签发人：");
    let name = text(&shapes, "王明");
    assert_eq!(label.font.as_deref(), Some("仿宋_GB2312"));
    assert_eq!(name.font.as_deref(), Some("楷体_GB2312"));
    assert!((label.y - number.y).abs() < 0.01 && (name.y - number.y).abs() < 0.01);
    assert!(name.x > label.x && label.x > number.x + number.width);
    text(&shapes, "000012");
    text(&shapes, "加急");
    check_separator(sample, &shapes, &pdf);
    // The blank grid lines under the 版头 stay in the flow, empty.
    assert!(
        flow.len() >= 10,
        "{sample}: {} lines before the title",
        flow.len()
    );
    assert!(flow.iter().all(String::is_empty), "{flow:?}");
}

#[test]
fn the_joint_letterhead_spreads_the_names_and_stands_the_suffix_beside_them() {
    let sample = "joint-request-letterhead";
    let (shapes, flow, pdf) = shapes(sample);
    let names = ["青山县教育局", "青山县财政局", "青山县人力资源和社会保障局"];
    let boxes: Vec<&Shape> = names.iter().map(|n| text(&shapes, n)).collect();
    for b in &boxes {
        assert_eq!(b.font.as_deref(), Some("方正小标宋简体"));
        assert_eq!(b.color.as_deref(), Some("FF0000"));
        assert!((b.x - boxes[0].x).abs() < 0.01, "names start together");
    }
    assert!((boxes[0].y - 72.0).abs() < 0.01);
    assert!(
        boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y,
        "stacked"
    );
    // The shorter names are spread to the longest one's width.
    assert!(boxes[0].spacing.unwrap() > 0 && boxes[1].spacing.unwrap() > 0);
    assert!(boxes[2].spacing.unwrap() <= 0);
    let suffix = text(&shapes, "文件");
    assert_eq!(suffix.color.as_deref(), Some("FF0000"));
    assert!(suffix.x > boxes[2].x + 100.0, "文件 right of the names");
    assert!((suffix.y - boxes[1].y).abs() < 1.0, "centred on the stack");
    text(&shapes, "青教发〔2024〕21号");
    text(&shapes, "签发人：");
    text(&shapes, "赵强　钱进");
    text(&shapes, "孙立");
    check_separator(sample, &shapes, &pdf);
    assert!(flow.iter().all(String::is_empty), "{flow:?}");
}

#[test]
fn the_letter_format_and_the_minutes_mark_are_in_the_docx() {
    // 信函格式: the 标志 (the host's name alone) in red at 30 mm, the 份号 and 发文字号, and the
    // four red lines of the two double lines, 170 mm long, where our PDF draws them.
    let (letter, _, pdf) = shapes("letter");
    let mark = text(&letter, "青山县自然资源局");
    assert_eq!(mark.color.as_deref(), Some("FF0000"));
    assert_eq!(mark.font.as_deref(), Some("方正小标宋简体"));
    assert!((mark.y - 30.0).abs() < 1.0, "标志 box at {:.2} mm", mark.y);
    text(&letter, "000036");
    text(&letter, "青自然资函〔2024〕18号");
    let lines: Vec<&Shape> = letter.iter().filter(|s| s.line.is_some()).collect();
    assert_eq!(lines.len(), 4, "two red double lines");
    let ours = common::pdf::read(&pdf);
    let mut red: Vec<_> = ours[0].rules.iter().filter(|r| r.red).collect();
    red.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut ys: Vec<f64> = lines.iter().map(|l| l.y).collect();
    ys.sort_by(f64::total_cmp);
    for l in &lines {
        assert!((l.width - 170.0).abs() < 0.01, "170 mm");
        assert_eq!(l.line.as_ref().map(|(_, c)| c.as_str()), Some("FF0000"));
    }
    for (y, r) in ys.iter().zip(&red) {
        assert!((y - r.y).abs() < 0.05, "line at {y:.2} mm, ours {:.2}", r.y);
    }
    // 纪要格式: the title as the red 标志 and the 主办机关 and the date under it.
    let (minutes, _, _) = shapes("minutes");
    let mark = text(&minutes, "青龙镇人民政府第5次镇长办公会议纪要");
    assert_eq!(mark.color.as_deref(), Some("FF0000"));
    text(&minutes, "青龙镇人民政府");
    text(&minutes, "2024年6月12日");
}

#[test]
fn a_joint_mark_of_the_host_alone_holds_only_its_name() {
    // mark_names: 主办机关 — the 标志's text box holds the 主办机关 with 文件; no box names the
    // other bodies (they sign under the 正文).
    let sample = "joint-host-mark";
    let (shapes, _, pdf) = shapes(sample);
    let mark = text(&shapes, "青山县教育局文件");
    assert_eq!(mark.color.as_deref(), Some("FF0000"));
    assert_eq!(mark.font.as_deref(), Some("方正小标宋简体"));
    assert!((mark.y - 72.0).abs() < 0.01, "35 mm below the 版心");
    let red: Vec<&str> = shapes
        .iter()
        .filter(|s| s.line.is_none() && s.color.as_deref() == Some("FF0000"))
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(red, ["青山县教育局文件"], "{shapes:#?}");
    assert!(
        shapes
            .iter()
            .all(|s| !s.text.contains("卫生健康局") && !s.text.contains("市场监督管理局"))
    );
    check_separator(sample, &shapes, &pdf);
}
