//! GW704: the face and size of each title, heading and 正文 paragraph against its role.

use super::styles::Font;
use super::{Body, W, finding};
use crate::diag::{Diagnostic, Location};
use crate::import::{Role, roles};
use std::path::Path;

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
pub(super) fn faces(path: &Path, body: &Body) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let styles = &body.styles;
    let lines: Vec<String> = body
        .paras
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
    for (para, role) in body.paras.iter().zip(roles(&lines)) {
        let Some((name, faces, size, clause)) = wanted(role) else {
            continue;
        };
        let Some(node) = body.node(para) else {
            continue;
        };
        let style = body.style(node);
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
