//! `word/styles.xml`: the document defaults, exactly one `Normal` (the 正文 with the body
//! defaults), and a named paragraph style for every element of the 公文, its face, size,
//! character spacing, alignment and indents taken from the layout's first paragraph of that role.

use super::fonts::FontNames;
use super::props::{Fonts, Indent, ParaProps, RunProps};
use super::xml::{Xml, a};
use super::{Grid, W_NS, indent, jc};
use crate::layout::{FontRole, Pages, Paragraph, Role};

/// A paragraph style: id, the name Word and WPS show, and the face of its plain text.
pub struct StyleName {
    pub id: &'static str,
    pub name: &'static str,
    /// 0-based outline level: headings show in the navigation pane.
    pub outline_level: Option<u8>,
}

/// Every style the document defines, in the order Word lists them. `Normal` and `Title` are
/// Word's built-in styles, which Chinese Word and WPS show as 正文 and 标题; a style *named*
/// 正文 or 标题 would sit beside them under the same name.
pub const STYLES: &[StyleName] = &[
    style("Normal", "Normal", None),
    style("Title", "Title", None),
    style("GwRecipients", "主送", None),
    style("GwAdoption", "题注", None),
    style("GwHeading1", "一级标题", Some(0)),
    style("GwHeading2", "二级标题", Some(1)),
    style("GwHeading3", "三级标题", Some(2)),
    style("GwHeading4", "四级标题", Some(3)),
    style("GwClosing", "结束语", None),
    style("GwAttachmentNote", "附件说明", None),
    style("GwAttachmentLabel", "附件标识", None),
    style("GwAttachmentTitle", "附件标题", None),
    style("GwSignature", "署名", None),
    style("GwDate", "成文日期", None),
    style("GwNote", "附注", None),
    style("GwCopyTo", "抄送", None),
    style("GwImprint", "印发", None),
];

const fn style(id: &'static str, name: &'static str, outline_level: Option<u8>) -> StyleName {
    StyleName {
        id,
        name,
        outline_level,
    }
}

/// Styles written only when a paragraph has them, so that documents of the first kinds keep
/// their styles part unchanged.
const ONLY_WHEN_USED: &[&str] = &["GwAdoption"];

/// The style of a paragraph of `role`.
pub fn style_id(role: Role) -> &'static str {
    match role {
        Role::Body => "Normal",
        Role::Title => "Title",
        Role::Recipients => "GwRecipients",
        Role::Heading(1) => "GwHeading1",
        Role::Heading(2) => "GwHeading2",
        Role::Heading(3) => "GwHeading3",
        Role::Heading(_) => "GwHeading4",
        Role::Closing => "GwClosing",
        Role::AttachmentNote => "GwAttachmentNote",
        Role::AttachmentLabel => "GwAttachmentLabel",
        Role::AttachmentTitle => "GwAttachmentTitle",
        // 出席/请假/列席: 正文 lines; the 黑体 label is on its run.
        Role::Attendance | Role::TableCaption | Role::Table => "Normal",
        Role::Signature => "GwSignature",
        Role::Date => "GwDate",
        Role::Note => "GwNote",
        Role::Adoption => "GwAdoption",
        // 移至版记的主送机关: 编排方法同抄送机关 (GB/T 9704 §7.4.2).
        Role::ImprintRecipients => "GwCopyTo",
        Role::CopyTo => "GwCopyTo",
        Role::Printer | Role::PrintDate => "GwImprint",
    }
}

/// The 标题 and an attachment's title: 二号, centred, off the grid (one grid line each).
fn is_title(id: &str) -> bool {
    matches!(id, "Title" | "GwAttachmentTitle")
}

/// The face a style names when the document has no paragraph of its role to take it from:
/// GB/T 9704 §7.3.3 (一级 黑体, 二级 楷体, the rest 仿宋) and §7.3.1 (标题 小标宋).
fn default_face(id: &str) -> FontRole {
    match id {
        "Title" | "GwAttachmentTitle" => FontRole::Title,
        "GwAttachmentLabel" => FontRole::Hei,
        _ => id
            .strip_prefix("GwHeading")
            .and_then(|n| n.parse().ok())
            .map_or(FontRole::Body, FontRole::heading),
    }
}

/// What a style says, resolved: the writer compares paragraphs and runs against it and writes
/// only the differences.
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    pub font: FontRole,
    pub size: i64,
    pub spacing: i64,
    /// `w:keepNext`: what the layout said of the style's first paragraph.
    pub keep_next: bool,
}

/// The face that sets most of a paragraph's characters.
pub fn main_face(p: &Paragraph) -> Option<FontRole> {
    let mut counts: Vec<(FontRole, usize)> = Vec::new();
    for run in &p.runs {
        let n = run.text.chars().count();
        match counts.iter_mut().find(|(f, _)| *f == run.font) {
            Some((_, c)) => *c += n,
            None => counts.push((run.font, n)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(f, n)| (n, std::cmp::Reverse(f)))
        .map(|(f, _)| f)
}

/// The first paragraph with text of each style.
fn exemplar<'a>(pages: &'a Pages, id: &str) -> Option<&'a Paragraph> {
    pages
        .paragraphs
        .iter()
        .find(|p| style_id(p.role) == id && !p.runs.is_empty())
}

/// Each style's face, size and character spacing.
pub fn resolve(pages: &Pages, grid: &Grid) -> Vec<(&'static str, Resolved)> {
    STYLES
        .iter()
        .map(|s| {
            let r = match exemplar(pages, s.id) {
                Some(p) => Resolved {
                    font: main_face(p).unwrap_or(FontRole::Body),
                    size: p.size.to_half_pt(),
                    spacing: grid.spacing_of(p),
                    // 正文 keeps with the next only where the layout says so, paragraph by
                    // paragraph; blank lines and page breaks inherit `Normal`.
                    keep_next: p.keep.with_next() && s.id != "Normal",
                },
                None => Resolved {
                    font: default_face(s.id),
                    size: pages.setup.body_size.to_half_pt(),
                    spacing: if is_title(s.id) { 0 } else { grid.body_spacing },
                    // No paragraph uses the style: headings a clerk adds keep with the next.
                    keep_next: s.outline_level.is_some(),
                },
            };
            (s.id, r)
        })
        .collect()
}

/// The rules every paragraph follows unless it says otherwise: the grid's exact line, 禁则 on,
/// no compression of a line's first mark, no extra space between CJK and Latin or digits (the
/// PDF adds none), no widow control (the layout paginates).
///
/// Hanging punctuation (the PDF's choice) is the *default* of `w:overflowPunct` (ECMA-376
/// §17.3.1.21: on when no level of the style hierarchy says otherwise) and is deliberately
/// not written: LibreOffice's importer inverts an explicit value (`overflowPunct="1"` turns
/// hanging *off*; measured, and writerfilter's DomainMapper maps it to `!value`).
fn base_paragraph(grid: &Grid) -> ParaProps {
    ParaProps {
        widow_control: Some(false),
        kinsoku: Some(true),
        overflow_punct: None,
        top_line_punct: Some(false),
        auto_space: Some(true),
        adjust_right_ind: Some(false),
        line_exact: Some(grid.line_twip),
        ..ParaProps::default()
    }
}

fn run_props(names: FontNames, r: &Resolved, lang: bool) -> RunProps {
    RunProps {
        fonts: Some(Fonts {
            name: Some(names.name(r.font)),
            east_asian_hint: false,
        }),
        bold: Some(false),
        spacing: Some(r.spacing),
        kern: Some(0),
        size: Some(r.size),
        lang: lang.then_some(("en-US", "zh-CN")),
        ..RunProps::default()
    }
}

pub fn styles_xml(pages: &Pages, grid: &Grid, names: FontNames) -> Vec<u8> {
    let resolved = resolve(pages, grid);
    let get = |id: &str| {
        resolved
            .iter()
            .find(|r| r.0 == id)
            .expect("every style is resolved")
            .1
    };
    let normal = get("Normal");

    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", W_NS.to_owned())]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    run_props(names, &normal, true).write(&mut x);
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    base_paragraph(grid).write(&mut x, None);
    x.close("w:pPrDefault");
    x.close("w:docDefaults");

    for s in STYLES {
        let r = get(s.id);
        let p = exemplar(pages, s.id);
        if p.is_none() && ONLY_WHEN_USED.contains(&s.id) {
            continue;
        }
        let mut attrs = vec![a("w:type", "paragraph")];
        if s.id == "Normal" {
            attrs.push(a("w:default", "1"));
        }
        attrs.push(a("w:styleId", s.id));
        x.open("w:style", &attrs);
        x.empty("w:name", &[a("w:val", s.name)]);
        if s.id != "Normal" {
            x.empty("w:basedOn", &[a("w:val", "Normal")]);
            x.empty("w:next", &[a("w:val", "Normal")]);
        }
        x.empty("w:qFormat", &[]);
        let mut ppr = if s.id == "Normal" {
            base_paragraph(grid)
        } else {
            ParaProps::default()
        };
        ppr.keep_next = r.keep_next.then_some(true);
        // A 二号 title line is taller than the grid's base line: LibreOffice would give it two
        // grid lines. The layout gives it one, at the exact pitch.
        if is_title(s.id) {
            ppr.snap_to_grid = Some(false);
        }
        ppr.indent = Some(p.map_or(Indent::default(), indent));
        ppr.jc = Some(
            p.map_or(if is_title(s.id) { "center" } else { "both" }, |p| {
                jc(p.align)
            }),
        );
        ppr.outline_level = s.outline_level;
        ppr.write(&mut x, None);
        run_props(names, &r, false).write(&mut x);
        x.close("w:style");
    }
    x.close("w:styles");
    x.into_bytes()
}
