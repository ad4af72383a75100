//! The documents a 印发/转发/批转 notice carries, recognised in its text: each begins, after the
//! notice's date, at the line that the notice's own title names.

use super::recognise::{
    Node, Outline, bracketed, closing_parts, is_attachment_label, is_recipients, parse_date,
    recipients,
};
use crate::model::IssueDate;

/// A document a 通知 issues or forwards, set after the covering 署名 (schema `forwarded`).
#[derive(Debug, Default)]
pub struct Forwarded {
    pub start: Start,
    pub title: String,
    /// The bracketed line under its title, without the brackets.
    pub byline: Option<String>,
    pub recipients: Vec<String>,
    pub body: Vec<Node>,
    pub signatures: Vec<String>,
    pub date: Option<IssueDate>,
    pub attachments: Vec<(String, Vec<Node>)>,
}

/// Where a forwarded document starts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// 另起一页.
    #[default]
    NewPage,
    /// 接排: directly after the covering 署名.
    RunOn,
}

/// The verbs of a notice that carries another document.
pub(super) const VERBS: [&str; 4] = ["印发", "转发", "批转", "发布"];

/// Where the documents a 印发/转发/批转 notice carries begin in `lines` (after the notice's
/// title): at a line, after a date, that is the carried document's title as the notice's title
/// names it (关于印发《某某办法》的通知 → 某某办法).
pub(super) fn carried_titles(lines: &[String], title: &str) -> Vec<usize> {
    let plain = |s: &str| s.trim_end_matches('。').replace(['《', '》'], "");
    let Some(at) = VERBS.iter().filter_map(|v| title.find(v)).min() else {
        return Vec::new();
    };
    // What the verb governs: the title after it.
    let named = plain(&title[at + "印发".len()..]);
    let mut starts: Vec<usize> = Vec::new();
    let mut dated = false;
    for (i, line) in lines.iter().enumerate() {
        if parse_date(line).is_some() {
            dated = true;
            continue;
        }
        let t = plain(line);
        let fresh = starts.iter().all(|&s| plain(&lines[s]) != t);
        // A title under 附件 or 附件1 is an attachment's.
        let attached = i > 0 && is_attachment_label(&lines[i - 1]);
        if (dated || !starts.is_empty())
            && !attached
            && fresh
            && t.chars().count() >= 4
            && !line.contains(['。', '，', '；', '：'])
            && named.contains(&t)
        {
            starts.push(i);
        }
    }
    starts
}

/// A carried document's lines, from its title: its byline, 主送, 正文, 署名, date and 附件.
/// What has no place in the schema's `forwarded` (a 附注, a 结束语, a 附件说明) stays: the
/// closing as the last paragraph, the note among the unplaced lines, the named 附件 as
/// attachments to fill in.
pub(super) fn forwarded(lines: &[String], unplaced: &mut Vec<String>) -> Forwarded {
    let title = lines[0].trim_end_matches('。').replace(['《', '》'], "");
    let mut rest = &lines[1..];
    let byline = rest.first().and_then(|l| bracketed(l));
    if byline.is_some() {
        rest = &rest[1..];
    }
    let mut f = Forwarded {
        title,
        byline,
        ..Forwarded::default()
    };
    if let Some(first) = rest.first()
        && is_recipients(first)
    {
        f.recipients = recipients(first);
        rest = &rest[1..];
    }
    let mut part = Outline::default();
    closing_parts(rest, &mut part);
    f.body = part.body;
    if let Some(closing) = part.closing {
        f.body.push(Node::Paragraph {
            text: closing,
            points: Vec::new(),
        });
    }
    f.signatures = part.issuers;
    f.date = part.date;
    f.attachments = part.attachments;
    for name in part.attachment_names {
        if f.attachments.iter().all(|(t, _)| *t != name) {
            f.attachments.push((name, Vec::new()));
        }
    }
    unplaced.extend(part.note.map(|n| format!("（{n}）")));
    unplaced.extend(part.unplaced);
    f
}
