//! The role of each paragraph of a received document, for `gongwen check FILE.docx` to judge
//! its face and size by.

use super::recognise::{
    SectionForm, find_title, full_stops, is_attachment_label, is_name, parse_date, print_line,
    split_heading,
};
use crate::check::numbering;
use crate::check::punct::fix_plain;

/// What a paragraph of a received document is, for the faces and sizes GB/T 9704 gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// 标题: 2号小标宋.
    Title,
    /// A heading at level 1 (黑体) or 2 (楷体): its heading sentence, the first run.
    Heading(u8),
    /// A numbered paragraph that goes on after its first sentence: a run-in heading at level
    /// 1 or 2 where that sentence is a run of its own, else a numbered paragraph.
    RunIn(u8),
    /// 主送 and 正文: 3号仿宋.
    Body,
    /// Not judged: 版头, 署名, date, 附件, 版记, a numbered one-sentence paragraph (its face
    /// depends on whether it was meant as a heading).
    Other,
}

/// The role of each of a received document's `lines` (its non-empty paragraphs): the title,
/// then up to the 署名, 附件说明 or 版记 the 主送, headings (一、（一）typed) and paragraphs.
pub(crate) fn roles(raw: &[String]) -> Vec<Role> {
    let lines: Vec<String> = raw.iter().map(|l| full_stops(&fix_plain(l).0).0).collect();
    let mut roles = vec![Role::Other; lines.len()];
    let Some(title) = find_title(&lines) else {
        return roles;
    };
    roles[title] = Role::Title;
    let ends = |l: &String| {
        parse_date(l).is_some()
            || l.starts_with("附件：")
            || is_attachment_label(l)
            || l.starts_with("抄送：")
            || print_line(l).is_some()
    };
    let mut end = (title + 1..lines.len())
        .find(|&i| ends(&lines[i]))
        .unwrap_or(lines.len());
    // The 署名 right above the date.
    while end > title + 1
        && is_name(&lines[end - 1])
        && numbering::prefix(&lines[end - 1]).is_none()
    {
        end -= 1;
    }
    for i in title + 1..end {
        roles[i] = match numbering::prefix(&lines[i]).filter(|p| p.level > 0) {
            Some(p) if p.level <= 2 => {
                let rest = lines[i].trim_start()[p.text.len()..].trim_start();
                match split_heading(rest, p.level) {
                    (SectionForm::Item, ..) => Role::Other,
                    (_, _, text) if !text.is_empty() => Role::RunIn(p.level),
                    _ => Role::Heading(p.level),
                }
            }
            _ => Role::Body,
        };
    }
    roles
}
