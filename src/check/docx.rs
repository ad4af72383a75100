//! `gongwen check FILE.docx` — a received DOCX against GB/T 9704: its page and grid, the faces
//! and sizes of its styles, its page numbers (GW7xx, at the file); and its text by the same
//! rules as a YAML file's (numbering gaps, punctuation, dates, 报告夹带请示…), at the paragraph
//! where each is found: `文件.docx:段:列`.

use super::{CheckOptions, hint};
use crate::diag::{Diagnostic, Location};
use crate::import::docx::{Package, Paragraph};
use crate::import::{Role, roles};
use std::fmt::Write as _;
use std::path::Path;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// GB/T 9704 §5.2.1: 版心误差不超过 1 mm — 57 twips.
const TOLERANCE_TWIP: i64 = 57;

/// Every finding about the DOCX at `path`: its format, then its text.
pub fn check(path: &Path, options: &CheckOptions) -> Vec<Diagnostic> {
    let package = match Package::open(path) {
        Ok(p) => p,
        Err(errors) => return errors,
    };
    let mut out = format(path, &package);
    out.extend(text(path, &package, options));
    out
}

fn finding(path: &Path, id: &'static str, clause: &'static str, message: String) -> Diagnostic {
    Diagnostic::warning(message).in_file(path).rule(id, clause)
}

/// An attribute of the first element named `name` under `node`, as a number.
fn number(node: roxmltree::Node, name: &str, attr: &str) -> Option<i64> {
    node.descendants()
        .find(|n| n.has_tag_name((W, name)))
        .and_then(|n| n.attribute((W, attr)))
        .and_then(|v| v.parse().ok())
}

/// Page, margins, grid (§5.2), faces and sizes (§5.2.2, §7.3.1, §7.3.3), page numbers (§7.5).
fn format(path: &Path, package: &Package) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Ok(doc) = roxmltree::Document::parse(&package.document) else {
        return out;
    };
    if let Some(sect) = doc.descendants().rfind(|n| n.has_tag_name((W, "sectPr"))) {
        let (w, h) = (number(sect, "pgSz", "w"), number(sect, "pgSz", "h"));
        if w.is_some_and(|w| (w - 11906).abs() > TOLERANCE_TWIP)
            || h.is_some_and(|h| (h - 16838).abs() > TOLERANCE_TWIP)
        {
            out.push(finding(
                path,
                "GW701",
                "GB/T 9704-2012 5.1",
                format!(
                    "纸张不是 A4（210 mm × 297 mm）：这里是 {:.0} mm × {:.0} mm。",
                    w.unwrap_or(0) as f64 / 56.7,
                    h.unwrap_or(0) as f64 / 56.7
                ),
            ));
        }
        // 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm.
        let margins = [
            ("top", 2098, "天头（上白边）37 mm"),
            ("left", 1587, "订口（左白边）28 mm"),
            ("right", 1474, "右白边 26 mm（版心宽 156 mm）"),
            ("bottom", 1984, "下白边 35 mm（版心高 225 mm）"),
        ];
        for (side, want, what) in margins {
            if let Some(v) = number(sect, "pgMar", side)
                && (v - want).abs() > TOLERANCE_TWIP
            {
                out.push(finding(
                    path,
                    "GW702",
                    "GB/T 9704-2012 5.2.1",
                    format!("页边距应为{what}，这里是 {:.1} mm。", v as f64 / 56.7),
                ));
            }
        }
        if let Some(pitch) = number(sect, "docGrid", "linePitch")
            && !(575..=583).contains(&pitch)
        {
            out.push(finding(
                path,
                "GW703",
                "GB/T 9704-2012 5.2.3",
                format!(
                    "每页不是 22 行：文档网格行距 {:.2} pt，22 行需约 28.95 pt。",
                    pitch as f64 / 20.0
                ),
            ));
        }
    }
    out.extend(faces(path, package));
    out.extend(signature(path, package));
    let numbered = package
        .footers
        .iter()
        .any(|f| f.contains("PAGE") && f.contains("instrText"));
    if !numbered {
        out.push(finding(
            path,
            "GW706",
            "GB/T 9704-2012 7.5",
            "页脚没有页码（PAGE 域）。".to_owned(),
        ));
    }
    for d in out.iter_mut().filter(|d| d.hints.is_empty()) {
        hint(
            d,
            "请按 GB/T 9704 调整页面设置和样式，或用 gongwen 重新排版（gongwen import 可把它转成 YAML）。",
        );
    }
    out
}

/// A face and size (half-points) as far as known.
#[derive(Clone, Default)]
struct Font {
    face: Option<String>,
    size: Option<i64>,
}

impl Font {
    /// The East Asian face and size set in a `w:rPr` (or a node holding one).
    fn of(rpr: Option<roxmltree::Node>) -> Font {
        let Some(rpr) = rpr else {
            return Font::default();
        };
        let face = rpr
            .children()
            .find(|n| n.has_tag_name((W, "rFonts")))
            .and_then(|f| f.attribute((W, "eastAsia")))
            .map(str::to_owned);
        let size = rpr
            .children()
            .find(|n| n.has_tag_name((W, "sz")))
            .and_then(|n| n.attribute((W, "val")))
            .and_then(|v| v.parse().ok());
        Font { face, size }
    }

    /// `self`, with what it leaves open taken from `under`.
    fn over(self, under: &Font) -> Font {
        Font {
            face: self.face.or_else(|| under.face.clone()),
            size: self.size.or(under.size),
        }
    }
}

/// The styles of a package: each style's own font and what it is based on, and the defaults.
struct Styles {
    defaults: Font,
    own: std::collections::HashMap<String, (Font, Option<String>)>,
    /// Each paragraph style's own alignment and left indent.
    places: std::collections::HashMap<String, Place>,
    /// The default paragraph style's id.
    normal: Option<String>,
}

impl Styles {
    fn read(xml: Option<&str>) -> Styles {
        let mut styles = Styles {
            defaults: Font::default(),
            own: Default::default(),
            places: Default::default(),
            normal: None,
        };
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
            return styles;
        };
        styles.defaults = Font::of(
            doc.descendants()
                .find(|n| n.has_tag_name((W, "rPrDefault")))
                .and_then(rpr_of),
        );
        for style in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            let based = style
                .children()
                .find(|n| n.has_tag_name((W, "basedOn")))
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_owned);
            if style.attribute((W, "default")) == Some("1")
                && style.attribute((W, "type")) == Some("paragraph")
            {
                styles.normal = Some(id.to_owned());
            }
            styles
                .own
                .insert(id.to_owned(), (Font::of(rpr_of(style)), based));
            styles.places.insert(id.to_owned(), Place::of(style));
        }
        styles
    }

    /// A paragraph style's font: its chain over the defaults.
    fn font(&self, id: Option<&str>) -> Font {
        self.chain(id).over(&self.defaults)
    }

    /// A paragraph style's alignment and left indent through its `basedOn` chain.
    fn place(&self, id: Option<&str>) -> Place {
        let mut place = Place::default();
        let mut at = id.map(str::to_owned);
        for _ in 0..16 {
            let Some(own) = at.as_deref().and_then(|i| self.places.get(i)) else {
                break;
            };
            place = place.over(own);
            at = at
                .as_deref()
                .and_then(|i| self.own.get(i))
                .and_then(|(_, based)| based.clone());
        }
        place
    }

    /// A style's font through its `basedOn` chain (at most 16 deep: a cycle ends there).
    fn chain(&self, id: Option<&str>) -> Font {
        let mut font = Font::default();
        let mut at = id.map(str::to_owned);
        for _ in 0..16 {
            let Some((own, based)) = at.as_deref().and_then(|i| self.own.get(i)) else {
                break;
            };
            font = font.over(own);
            at = based.clone();
        }
        font
    }
}

/// Where a paragraph stands across the line: `w:jc` and the left indent (twips).
#[derive(Clone, Default)]
struct Place {
    align: Option<String>,
    left: Option<i64>,
}

impl Place {
    /// The `w:jc` and `w:ind` of the `w:pPr` of a paragraph or style.
    fn of(node: roxmltree::Node) -> Place {
        let ppr = node.children().find(|c| c.has_tag_name((W, "pPr")));
        let child = |name: &str| ppr.and_then(|p| p.children().find(|c| c.has_tag_name((W, name))));
        Place {
            align: child("jc")
                .and_then(|j| j.attribute((W, "val")))
                .map(str::to_owned),
            left: child("ind")
                .and_then(|i| {
                    i.attribute((W, "left"))
                        .or_else(|| i.attribute((W, "start")))
                })
                .and_then(|v| v.parse().ok()),
        }
    }

    fn over(self, under: &Place) -> Place {
        Place {
            align: self.align.or_else(|| under.align.clone()),
            left: self.left.or(under.left),
        }
    }

    /// Set towards the right: right-aligned, starting a quarter of the 版心 in or more (an
    /// indent, or typed spaces), or ending within six 字 of its right edge (a long name).
    fn right(&self, text: &str) -> bool {
        const WIDTH: i64 = 156 * 5670 / 100; // 版心 156 mm in twips
        const EM: i64 = 320; // one 三号 字
        let width = |c: char| if c.is_ascii() { EM / 2 } else { EM };
        let lead: i64 = text
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(width)
            .sum();
        let start = self.left.unwrap_or(0) + lead;
        let end = start + text.trim().chars().map(width).sum::<i64>();
        matches!(self.align.as_deref(), Some("right" | "end"))
            || start >= WIDTH / 4
            || end >= WIDTH - 6 * EM
    }
}

/// GW705 — the 成文日期 (the last whole-line date before the 版记) and the 署名 above it: the
/// date in Arabic digits (§7.3.5.4) and both set towards the right (§7.3.5.1, §7.3.5.2).
fn signature(path: &Path, package: &Package) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Ok(doc) = roxmltree::Document::parse(&package.document) else {
        return out;
    };
    let styles = Styles::read(package.styles.as_deref());
    let nodes: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect();
    let paras: Vec<&Paragraph> = package
        .paragraphs
        .iter()
        .filter(|p| !p.in_box && !p.text.trim().is_empty())
        .collect();
    let Some(at) = paras
        .iter()
        .rposition(|p| crate::import::parse_date(&p.text.replace(['|', '\t'], "")).is_some())
    else {
        return out;
    };
    let date = paras[at];
    let place = |p: &Paragraph| {
        let Some(node) = nodes.get(p.index) else {
            return Place::default();
        };
        let style = node
            .children()
            .find(|c| c.has_tag_name((W, "pPr")))
            .and_then(|p| p.children().find(|c| c.has_tag_name((W, "pStyle"))))
            .and_then(|s| s.attribute((W, "val")))
            .map(str::to_owned)
            .or_else(|| styles.normal.clone());
        Place::of(*node).over(&styles.place(style.as_deref()))
    };
    let mut report = |p: &Paragraph, clause: &'static str, message: String| {
        let mut d = finding(path, "GW705", clause, message);
        d.location = Some(Location {
            file: path.to_owned(),
            line: p.index + 1,
            column: 1,
        });
        d.source_line = Some(p.text.clone());
        out.push(d);
    };
    let written = date.text.trim();
    if !written.chars().any(|c| c.is_ascii_digit()) {
        report(
            date,
            "GB/T 9704-2012 7.3.5.4",
            format!("成文日期「{written}」应用阿拉伯数字将年、月、日标全（如 2024年5月20日）。"),
        );
    } else if written.contains("年0") || written.contains("月0") {
        report(
            date,
            "GB/T 9704-2012 7.3.5.4",
            format!("成文日期「{written}」的月、日不编虚位（1 不写成 01）。"),
        );
    }
    if !place(date).right(&date.text) {
        report(
            date,
            "GB/T 9704-2012 7.3.5.1、7.3.5.2",
            "成文日期应编排在版心右侧（加盖印章时右空四字；不加盖印章时在署名下一行、首字比署名首字右移二字），这里靠左。".to_owned(),
        );
    }
    if let Some(name) = at.checked_sub(1).map(|i| paras[i])
        && crate::import::is_signature(&name.text)
        && !place(name).right(&name.text)
    {
        report(
            name,
            "GB/T 9704-2012 7.3.5.2",
            "发文机关署名应编排在版心右侧（不加盖印章时右空二字，成文日期在其下一行），这里靠左。"
                .to_owned(),
        );
    }
    for d in &mut out {
        hint(
            d,
            "请调整署名和成文日期的位置；或用 gongwen import 转成 YAML，由 gongwen 重新排版。",
        );
    }
    out
}

/// The `w:rPr` child of a run or style.
fn rpr_of<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, "rPr")))
}

/// What GB/T 9704 gives a role: faces (any name containing one), size in half-points, clause.
fn wanted(role: Role) -> Option<(&'static str, &'static [&'static str], i64, &'static str)> {
    match role {
        Role::Title => Some(("标题", &["小标宋"], 44, "GB/T 9704-2012 7.3.1")),
        Role::Heading(1) | Role::RunIn(1) => {
            Some(("一级标题", &["黑体", "SimHei"], 32, "GB/T 9704-2012 7.3.3"))
        }
        Role::Heading(_) | Role::RunIn(_) => Some((
            "二级标题",
            &["楷体", "KaiTi", "Kaiti"],
            32,
            "GB/T 9704-2012 7.3.3",
        )),
        Role::Body => Some((
            "正文",
            &["仿宋", "FangSong", "Fangsong"],
            32,
            "GB/T 9704-2012 5.2.2",
        )),
        Role::Other => None,
    }
}

/// The face and size each paragraph is set in — its runs' own formatting over their character
/// style, the paragraph's style chain and the defaults, as Word resolves them — against its
/// role (title, heading, 正文): one finding per role and problem, at its first paragraph, with
/// how many paragraphs share it.
fn faces(path: &Path, package: &Package) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Ok(doc) = roxmltree::Document::parse(&package.document) else {
        return out;
    };
    let styles = Styles::read(package.styles.as_deref());
    let nodes: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect();
    let paras: Vec<&Paragraph> = package
        .paragraphs
        .iter()
        .filter(|p| !p.in_box && !p.text.trim().is_empty())
        .collect();
    let lines: Vec<String> = paras
        .iter()
        .map(|p| p.text.replace(['|', '\t'], ""))
        .collect();
    let val = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((W, name)))
            .and_then(|c| c.attribute((W, "val")))
            .map(str::to_owned)
    };
    let mut found: Vec<Departure> = Vec::new();
    for (para, role) in paras.iter().zip(roles(&lines)) {
        let Some((name, faces, size, clause)) = wanted(role) else {
            continue;
        };
        let Some(node) = nodes.get(para.index) else {
            continue;
        };
        let style = node
            .children()
            .find(|c| c.has_tag_name((W, "pPr")))
            .and_then(|p| val(p, "pStyle"))
            .or_else(|| styles.normal.clone());
        let base = styles.font(style.as_deref());
        let runs = node
            .children()
            .filter(|r| r.has_tag_name((W, "r")))
            .filter(|r| {
                r.children()
                    .any(|t| t.has_tag_name((W, "t")) && !t.text().unwrap_or("").trim().is_empty())
            });
        // A heading's own sentence is its first run; a paragraph is judged by all of them.
        let runs: Vec<roxmltree::Node> = runs.collect();
        let runs = match role {
            Role::Heading(_) => &runs[..runs.len().min(1)],
            // One run: a numbered paragraph as much as a run-in heading.
            Role::RunIn(_) if runs.len() < 2 => continue,
            Role::RunIn(_) => &runs[..1],
            _ => &runs[..],
        };
        for &run in runs {
            let rpr = run.children().find(|c| c.has_tag_name((W, "rPr")));
            let character = styles.chain(rpr.and_then(|r| val(r, "rStyle")).as_deref());
            let font = Font::of(rpr).over(&character).over(&base);
            let face = font.face.as_deref().unwrap_or("未指定");
            let problems = [
                (!faces.iter().any(|f| face.contains(f))).then(|| {
                    (
                        Problem::Face,
                        format!("字体应为{}，这里是「{face}」", faces[0]),
                    )
                }),
                font.size.filter(|&s| s != size).map(|s| {
                    (
                        Problem::Size,
                        format!("字号应为 {} pt，这里是 {} pt", size / 2, s as f64 / 2.0),
                    )
                }),
            ];
            let at = para.index + 1;
            for (problem, what) in problems.into_iter().flatten() {
                match found
                    .iter_mut()
                    .find(|f| f.role == name && f.problem == problem)
                {
                    Some(f) if f.paragraphs.last() == Some(&at) => {}
                    Some(f) => f.paragraphs.push(at),
                    None => found.push(Departure {
                        role: name,
                        problem,
                        paragraphs: vec![at],
                        what,
                        clause,
                    }),
                }
            }
        }
    }
    for f in found {
        let more = if f.paragraphs.len() > 1 {
            format!("（共 {} 段如此）", f.paragraphs.len())
        } else {
            String::new()
        };
        let mut d = finding(
            path,
            "GW704",
            f.clause,
            format!("{}：{}{more}。", f.role, f.what),
        );
        d.location = Some(Location {
            file: path.to_owned(),
            line: f.paragraphs[0],
            column: 1,
        });
        out.push(d);
    }
    out
}

/// What is wrong with a paragraph's type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Problem {
    Face,
    Size,
}

/// One role's paragraphs with one problem: where (numbers from 1) and what the first has.
struct Departure {
    role: &'static str,
    problem: Problem,
    paragraphs: Vec<usize>,
    what: String,
    clause: &'static str,
}

/// A hint that speaks of the YAML (its keys, `gongwen fix`) does not apply to a DOCX: what to
/// do in the DOCX instead, keeping the part that names the correction itself.
fn docx_hints(d: &mut Diagnostic) {
    const YAML: [&str; 8] = [
        "gongwen fix",
        "--fix",
        "heading:",
        "item:",
        "points",
        "level",
        "recipients",
        "subject",
    ];
    let rule = d.rule;
    for h in &mut d.hints {
        if !YAML.iter().any(|w| h.contains(w)) {
            continue;
        }
        *h = match (rule, h.split_once("，或改用")) {
            // 请补上「三」，或改用 points 由 gongwen 编号。
            (_, Some((fix, _))) => format!("{fix}。"),
            (Some("GW201"), _) => "请在 Word 或 WPS 中把这些半角标点改为全角；或用 gongwen import 把文件转成 YAML，导入时会自动改正。".to_owned(),
            (Some("GW103"), _) => "请核对并改正序号；或用 gongwen import 把文件转成 YAML，由 gongwen 重新编号。".to_owned(),
            (Some("GW104"), _) => "同一文件中跳过层次的做法应当一致（例如一律在「一、」下直接用「1.」）。".to_owned(),
            _ => "请在原文件中改正；或用 gongwen import 把文件转成 YAML，由 gongwen 重新排版。".to_owned(),
        };
    }
}

/// The text by the YAML rules: the paragraphs as the 正文 of a YAML made for the purpose, each
/// on a line of its own, findings moved back to their paragraph.
fn text(path: &Path, package: &Package, options: &CheckOptions) -> Vec<Diagnostic> {
    let paras: Vec<&Paragraph> = package
        .paragraphs
        .iter()
        .filter(|p| !p.in_box && !p.text.trim().is_empty())
        .collect();
    let kind = package.kind.clone().unwrap_or_else(|| "通知".to_owned());
    let mut yaml = format!(
        "kind: {kind}\nissuers: [{{name: 机关}}]\ndate: \"{}\"\nsubject: 某事\nbody:\n",
        package.date.as_deref().unwrap_or("2000-01-01")
    );
    let header_lines = yaml.lines().count();
    for p in &paras {
        let escaped = p
            .text
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace(['|', '\t'], "");
        let _ = writeln!(yaml, "  - \"{escaped}\"");
    }
    let Ok(loaded) = crate::input::load_bytes(path, yaml.as_bytes(), &Default::default()) else {
        return Vec::new();
    };
    super::check(&loaded, options)
        .into_iter()
        // Typed numbers are what a DOCX has: GW101/GW102 are for YAML.
        .filter(|d| !matches!(d.rule, Some("GW101" | "GW102")))
        .filter_map(|mut d| {
            let loc = d.location.as_ref()?;
            let n = loc.line.checked_sub(header_lines + 1)?;
            let para = paras.get(n)?;
            d.location = Some(Location {
                file: path.to_owned(),
                line: para.index + 1,
                column: loc.column.saturating_sub(5).max(1),
            });
            d.source_line = Some(para.text.clone());
            docx_hints(&mut d);
            Some(d)
        })
        .collect()
}
