//! `gongwen check FILE.docx` — a received DOCX against GB/T 9704: its page and grid, the faces
//! and sizes of its styles, its page numbers (GW7xx, at the file); and its text by the same
//! rules as a YAML file's (numbering gaps, punctuation, dates, 报告夹带请示…), at the paragraph
//! where each is found: `文件.docx:段:列`.

use super::{CheckOptions, hint};
use crate::diag::{Diagnostic, Location};
use crate::import::docx::{Package, Paragraph};
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
    out.extend(styles(path, package));
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
    for d in &mut out {
        hint(
            d,
            "请按 GB/T 9704 调整页面设置和样式，或用 gongwen 重新排版（gongwen import 可把它转成 YAML）。",
        );
    }
    out
}

/// The body, title and heading styles' East Asian face and size.
fn styles(path: &Path, package: &Package) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(xml) = &package.styles else {
        return out;
    };
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return out;
    };
    // docDefaults first, then each style on top of what it is based on (one level is enough for
    // the styles that matter).
    let defaults = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "docDefaults")));
    let face_size = |node: Option<roxmltree::Node>| -> (Option<String>, Option<i64>) {
        let node = match node {
            Some(n) => n,
            None => return (None, None),
        };
        let rpr = node.children().find(|n| n.has_tag_name((W, "rPr")));
        let face = rpr
            .and_then(|r| r.children().find(|n| n.has_tag_name((W, "rFonts"))))
            .and_then(|f| f.attribute((W, "eastAsia")))
            .map(str::to_owned);
        let size = rpr.and_then(|r| number(r, "sz", "val"));
        (face, size)
    };
    let (default_face, default_size) = face_size(
        defaults.and_then(|d| d.descendants().find(|n| n.has_tag_name((W, "rPrDefault")))),
    );
    let style = |pred: &dyn Fn(roxmltree::Node) -> bool| {
        doc.descendants()
            .filter(|n| n.has_tag_name((W, "style")))
            .find(|n| pred(*n))
    };
    let outline = |n: roxmltree::Node, level: i64| number(n, "outlineLvl", "val") == Some(level);
    let roles: [(&str, &str, &[&str], i64, &str); 4] = [
        ("正文", "Normal", &["仿宋"], 32, "GB/T 9704-2012 5.2.2"),
        ("标题", "Title", &["小标宋"], 44, "GB/T 9704-2012 7.3.1"),
        ("一级标题", "", &["黑体"], 32, "GB/T 9704-2012 7.3.3"),
        ("二级标题", "", &["楷体"], 32, "GB/T 9704-2012 7.3.3"),
    ];
    for (k, (name, id, faces, size, clause)) in roles.into_iter().enumerate() {
        let node = if id.is_empty() {
            style(&|n| outline(n, k as i64 - 2))
        } else {
            style(&|n| n.attribute((W, "styleId")) == Some(id))
        };
        let Some(node) = node else {
            continue;
        };
        let (face, sz) = face_size(Some(node));
        let face = face.or_else(|| default_face.clone());
        let sz = sz.or(default_size);
        let face_ok = face
            .as_deref()
            .is_some_and(|f| faces.iter().any(|want| f.contains(want)));
        let mut problems = String::new();
        if !face_ok {
            let _ = write!(
                problems,
                "字体应为{}，这里是「{}」",
                faces.join("或"),
                face.as_deref().unwrap_or("未指定")
            );
        }
        if sz.is_some_and(|s| s != size) {
            let _ = write!(
                problems,
                "{}字号应为 {} pt，这里是 {} pt",
                if problems.is_empty() { "" } else { "；" },
                size / 2,
                sz.unwrap_or(0) as f64 / 2.0
            );
        }
        if !problems.is_empty() {
            out.push(finding(
                path,
                "GW704",
                clause,
                format!("{name}样式：{problems}。"),
            ));
        }
    }
    out
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
            Some(d)
        })
        .collect()
}
