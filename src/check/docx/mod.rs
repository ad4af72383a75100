//! `gongwen check FILE.docx` — a received DOCX against GB/T 9704: its page and grid, page
//! numbers (at the file), each paragraph's face and size by its role ([`faces`]), the 署名 and
//! 成文日期 ([`signature`]) (GW7xx); and its text by the same rules as a YAML file's (numbering gaps, punctuation, dates, 报告夹带请示…), at the paragraph
//! where each is found: `文件.docx:段:列`.

mod faces;
mod signature;
mod styles;
mod tables;

use super::{CheckOptions, hint};
use crate::diag::{Diagnostic, Location};
use crate::gbt9704 as std_;
use crate::import::docx::{Package, Paragraph};
use crate::import::is_attachment_label;
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
    out.extend(tables::ragged(path, &package));
    let mut body: Vec<(&Paragraph, String)> = package
        .paragraphs
        .iter()
        .filter(|p| !p.in_box && p.table.is_none() && !p.text.trim().is_empty())
        .map(|p| (p, String::new()))
        .collect();
    let note = attachment_note(&mut body);
    // Each 附件 and each carried document (its title in the Title style) is numbered afresh
    // from 一、: its text is checked as a 正文 of its own.
    let begins_part = |p: &Paragraph| is_attachment_label(p.text.trim()) || p.style == "Title";
    let mut parts = body.as_slice();
    while !parts.is_empty() {
        let next = (1..parts.len())
            .find(|&i| begins_part(parts[i].0))
            .unwrap_or(parts.len());
        out.extend(text(path, &package, options, &parts[..next], Scope::Body));
        parts = &parts[next..];
    }
    out.extend(text(path, &package, options, &note, Scope::Aside));
    let cells = tables::cell_paragraphs(&package);
    out.extend(text(path, &package, options, &cells, Scope::Aside));
    out
}

/// The 附件说明 taken out of `body`: its 附件： line and the numbered lines under it. Its 1. 2.
/// are the 附件's own numbers, no 正文 sequence (a second line's 「2.」 is no gap).
fn attachment_note<'p>(body: &mut Vec<(&'p Paragraph, String)>) -> Vec<(&'p Paragraph, String)> {
    let numbered = |text: &str| {
        let rest = text
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        rest.len() < text.trim_start().len() && rest.starts_with(['.', '．'])
    };
    let Some(start) = body.iter().position(|(p, _)| {
        let t = p.text.trim_start();
        t.starts_with("附件：") || t.starts_with("附件:")
    }) else {
        return Vec::new();
    };
    let end = start
        + 1
        + body[start + 1..]
            .iter()
            .take_while(|(p, _)| numbered(&p.text))
            .count();
    body.drain(start..end)
        .map(|(p, _)| (p, "附件说明".to_owned()))
        .collect()
}

/// Which text rules apply: all to the 正文's paragraphs; to a table cell's text and the
/// 附件说明 the marks, the brackets and the glyphs — their 序号 and dates are no numbering or
/// 成文日期.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Body,
    Aside,
}

fn finding(path: &Path, id: &'static str, clause: &'static str, message: String) -> Diagnostic {
    Diagnostic::warning(message).in_file(path).rule(id, clause)
}

/// An attribute of the first element named `name` under `node`, as a number.
/// The main document as GW704 and GW705 read it: its `w:p` nodes in document order (a
/// [`Paragraph`]'s `index` points into them), the styles, and the paragraphs with text outside
/// text boxes and body tables (a cell is no 正文 paragraph, and a date in a cell no 成文日期),
/// and a table's 表题 aside (黑体 by practice, not 仿宋).
struct Body<'a, 'input> {
    nodes: Vec<roxmltree::Node<'a, 'input>>,
    styles: styles::Styles,
    paras: Vec<&'a Paragraph>,
}

impl<'a, 'input> Body<'a, 'input> {
    fn read(doc: &'a roxmltree::Document<'input>, package: &'a Package) -> Self {
        Body {
            nodes: doc
                .descendants()
                .filter(|n| n.has_tag_name((W, "p")))
                .collect(),
            styles: styles::Styles::read(package.styles.as_deref()),
            paras: package
                .paragraphs
                .iter()
                .filter(|p| !p.in_box && p.table.is_none() && !p.text.trim().is_empty())
                .filter(|p| !package.is_table_caption(p.index))
                .collect(),
        }
    }

    /// `para`'s node, if the package's paragraph list and the XML agree.
    fn node(&self, para: &Paragraph) -> Option<roxmltree::Node<'a, 'input>> {
        self.nodes.get(para.index).copied()
    }

    /// The paragraph style `node` names, or the default paragraph style.
    fn style(&self, node: roxmltree::Node) -> Option<String> {
        node.children()
            .find(|c| c.has_tag_name((W, "pPr")))
            .and_then(|p| p.children().find(|c| c.has_tag_name((W, "pStyle"))))
            .and_then(|s| s.attribute((W, "val")))
            .map(str::to_owned)
            .or_else(|| self.styles.normal.clone())
    }
}

fn number(node: roxmltree::Node, name: &str, attr: &str) -> Option<i64> {
    node.descendants()
        .find(|n| n.has_tag_name((W, name)))
        .and_then(|n| n.attribute((W, attr)))
        .and_then(|v| v.parse().ok())
}

/// A section's departures from A4, the GB/T 9704 margins and the 22-line grid (§5.1, §5.2.1,
/// §5.2.3), as (rule, clause, message).
fn page_setup(sect: roxmltree::Node) -> Vec<(&'static str, &'static str, String)> {
    let mut out = Vec::new();
    let twip = |l: crate::length::Length| l.to_twip();
    let (w, h) = (number(sect, "pgSz", "w"), number(sect, "pgSz", "h"));
    let turned = sect
        .descendants()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .and_then(|n| n.attribute((W, "orient")))
        == Some("landscape")
        || w.zip(h).is_some_and(|(w, h)| w > h);
    let (across, down) = match turned {
        false => (twip(std_::PAPER_WIDTH), twip(std_::PAPER_HEIGHT)),
        true => (twip(std_::PAPER_HEIGHT), twip(std_::PAPER_WIDTH)),
    };
    let mm = |v: i64| v as f64 / 56.7;
    if w.is_some_and(|w| (w - across).abs() > TOLERANCE_TWIP)
        || h.is_some_and(|h| (h - down).abs() > TOLERANCE_TWIP)
    {
        out.push((
            "GW701",
            "GB/T 9704-2012 5.1",
            format!(
                "纸张不是 A4（210 mm × 297 mm）：这里是 {:.0} mm × {:.0} mm。",
                mm(w.unwrap_or(0)),
                mm(h.unwrap_or(0))
            ),
        ));
    }
    // 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm; turned clockwise, the sheet's left margin
    // is on top, its bottom one on the left, its top one on the right, its right one below.
    let (top, left) = (twip(std_::TOP_MARGIN), twip(std_::BINDING_MARGIN));
    let right = twip(std_::PAPER_WIDTH - std_::TYPE_AREA_RIGHT);
    let bottom = twip(std_::PAPER_HEIGHT - std_::TYPE_AREA_BOTTOM);
    let margins = match turned {
        false => [
            ("top", top, "天头（上白边）37 mm"),
            ("left", left, "订口（左白边）28 mm"),
            ("right", right, "右白边 26 mm（版心宽 156 mm）"),
            ("bottom", bottom, "下白边 35 mm（版心高 225 mm）"),
        ],
        true => [
            ("top", left, "横排页的上边距应为 28 mm（竖放时的订口）"),
            ("left", bottom, "横排页的左边距应为 35 mm（竖放时的下白边）"),
            ("right", top, "横排页的右边距应为 37 mm（竖放时的天头）"),
            (
                "bottom",
                right,
                "横排页的下边距应为 26 mm（竖放时的右白边）",
            ),
        ],
    };
    for (side, want, what) in margins {
        if let Some(v) = number(sect, "pgMar", side)
            && (v - want).abs() > TOLERANCE_TWIP
        {
            out.push((
                "GW702",
                "GB/T 9704-2012 5.2.1",
                match turned {
                    false => format!("页边距应为{what}，这里是 {:.1} mm。", mm(v)),
                    true => format!("{what}，这里是 {:.1} mm。", mm(v)),
                },
            ));
        }
    }
    if let Some(pitch) = number(sect, "docGrid", "linePitch")
        && !(575..=583).contains(&pitch)
    {
        out.push((
            "GW703",
            "GB/T 9704-2012 5.2.3",
            format!(
                "每页不是 22 行：文档网格行距 {:.2} pt，22 行需约 28.95 pt。",
                pitch as f64 / 20.0
            ),
        ));
    }
    out
}

/// Page, margins, grid (§5.2), faces and sizes (§5.2.2, §7.3.1, §7.3.3), 署名 and 成文日期
/// (§7.3.5), page numbers (§7.5).
fn format(path: &Path, package: &Package) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Ok(doc) = roxmltree::Document::parse(&package.document) else {
        return out;
    };
    // Every section, each problem once: a 横排 section (§8) is A4 landscape with the portrait
    // margins turned with the sheet.
    let mut said = std::collections::HashSet::new();
    for sect in doc.descendants().filter(|n| n.has_tag_name((W, "sectPr"))) {
        for d in page_setup(sect) {
            if said.insert(d.clone()) {
                let (id, clause, message) = d;
                out.push(finding(path, id, clause, message));
            }
        }
    }
    if let Ok(doc) = roxmltree::Document::parse(&package.document) {
        let body = Body::read(&doc, package);
        out.extend(faces::faces(path, &body));
        out.extend(signature::signature(path, &body));
    }
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
/// on a line of its own, findings moved back to their paragraph (a cell's named before its
/// message).
fn text(
    path: &Path,
    package: &Package,
    options: &CheckOptions,
    paras: &[(&Paragraph, String)],
    scope: Scope,
) -> Vec<Diagnostic> {
    let kind = package.kind.clone().unwrap_or_else(|| "通知".to_owned());
    let mut yaml = format!(
        "kind: {kind}\nissuers: [{{name: 机关}}]\ndate: \"{}\"\nsubject: 某事\nbody:\n",
        package.date.as_deref().unwrap_or("2000-01-01")
    );
    let header_lines = yaml.lines().count();
    for (p, _) in paras {
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
        .filter(|d| scope == Scope::Body || matches!(d.rule, Some("GW201" | "GW202" | "GW601")))
        .filter_map(|mut d| {
            let loc = d.location.as_ref()?;
            let n = loc.line.checked_sub(header_lines + 1)?;
            let (para, cell) = paras.get(n)?;
            if !cell.is_empty() {
                d.message = format!("{cell}：{}", d.message);
            }
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
