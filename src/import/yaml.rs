//! The [`Outline`] as schema-v1 YAML, commented where the import guessed.

use super::carried::Start;
use super::recognise::{Mark, Node, Outline, SectionForm};
use super::table::TableOutline;
use crate::model::{DocumentKind, MarkBodies, Sealing};
use std::fmt::Write as _;

/// The YAML text of `outline`; `source` names the file it came from; `seals` are the seal
/// pictures' file names (relative to the YAML), one per issuing body that has one.
pub fn write(outline: &Outline, source: &str, seals: &[String]) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# 由 gongwen import 从「{source}」生成。序号（一、（一）1.（1）一是）已删去，由 gongwen 重新编号；"
    );
    y.push_str("# 标有“请核对”的地方是推测，排版前请逐项核对。\n");
    for note in &outline.notes {
        let _ = writeln!(y, "# 说明：{note}");
    }
    if !outline.unplaced.is_empty() {
        y.push_str("# 以下原文未能归入公文的任何部分（网页栏目等），保留在此备查：\n");
        for line in &outline.unplaced {
            let _ = writeln!(y, "#   {line}");
        }
    }
    y.push('\n');
    match outline.kind {
        Some(kind) => {
            let _ = writeln!(y, "kind: {}", kind.name());
        }
        None => y.push_str("kind: 报告                      # 请核对：未能从标题判断文种\n"),
    }
    y.push_str("issuers:\n");
    if outline.issuers.is_empty() {
        y.push_str("  - name: 某某机关                # 请核对：未找到署名\n");
    }
    for (i, issuer) in outline.issuers.iter().enumerate() {
        let _ = writeln!(y, "  - name: {}", scalar(issuer));
        if let Some(sign) = outline.signatures.get(i).filter(|s| *s != issuer) {
            let _ = writeln!(y, "    sign_as: {}", scalar(sign));
        }
        if let Some(seal) = seals.get(i) {
            let _ = writeln!(y, "    seal_image: {}", scalar(seal));
        }
    }
    if outline.sealing == Some(Sealing::Seal) {
        y.push_str(
            "seal: true
",
        );
    }
    if !outline.recipients.is_empty() {
        y.push_str("recipients:\n");
        for r in &outline.recipients {
            let _ = writeln!(y, "  - {}", scalar(r));
        }
    }
    match &outline.title {
        Some(t) => {
            let _ = writeln!(y, "title: {}", scalar(t));
        }
        None => y.push_str("title: 请填写标题\n"),
    }
    if let Some(n) = &outline.doc_number {
        let _ = writeln!(y, "doc_number: {}", scalar(n));
    }
    letterhead(&mut y, outline);
    y.push_str("body:\n");
    nodes(&mut y, &outline.body, 1);
    match &outline.closing {
        Some(c) => {
            let _ = writeln!(y, "closing: {}", scalar(c));
        }
        // The kind's own closing would add words the text does not have.
        None => y.push_str("closing: \"\"                     # 原文没有结束语\n"),
    }
    match outline.date {
        Some(d) => {
            let _ = writeln!(y, "date: {}", d.iso());
        }
        None => y.push_str("date: 2024-01-01                # 请核对：未找到成文日期\n"),
    }
    if let Some(n) = &outline.note {
        let _ = writeln!(y, "note: {}", scalar(n));
    }
    for (label, names) in &outline.attendance {
        let key = match label.as_str() {
            "出席" => "present",
            "请假" => "on_leave",
            _ => "observers",
        };
        let _ = writeln!(y, "{key}:");
        for n in names {
            let _ = writeln!(y, "  - {}", scalar(n));
        }
    }
    if !outline.copy_to.is_empty() || outline.printer.is_some() {
        y.push_str("imprint:\n");
        if !outline.copy_to.is_empty() {
            y.push_str("  copy_to:\n");
            for c in &outline.copy_to {
                let _ = writeln!(y, "    - {}", scalar(c));
            }
        }
        if let Some(p) = &outline.printer {
            let _ = writeln!(y, "  printer: {}", scalar(p));
        }
        if let Some(d) = outline.print_date {
            let _ = writeln!(y, "  print_date: {}", d.iso());
        }
    }
    attachments(&mut y, outline);
    forwarded(&mut y, outline);
    y
}

/// The documents issued or forwarded (印发、转发), each with its own parts.
fn forwarded(y: &mut String, outline: &Outline) {
    if outline.forwarded.is_empty() {
        return;
    }
    y.push_str("forwarded:\n");
    for f in &outline.forwarded {
        let _ = writeln!(y, "  - title: {}", scalar(&f.title));
        if f.start == Start::RunOn {
            y.push_str("    start: 接排\n");
        }
        if let Some(b) = &f.byline {
            let _ = writeln!(y, "    byline: {}", scalar(b));
        }
        if !f.recipients.is_empty() {
            y.push_str("    recipients:\n");
            for r in &f.recipients {
                let _ = writeln!(y, "      - {}", scalar(r));
            }
        }
        y.push_str("    body:\n");
        if f.body.is_empty() {
            y.push_str(
                "      - 请补上被印发（转发）公文的正文。   # 请核对：原文没有找到它的正文\n",
            );
        }
        nodes(y, &f.body, 3);
        if !f.signatures.is_empty() {
            y.push_str("    signatures:\n");
            for s in &f.signatures {
                let _ = writeln!(y, "      - {}", scalar(s));
            }
        }
        if let Some(d) = f.date {
            let _ = writeln!(y, "    date: {}", d.iso());
        }
        if !f.attachments.is_empty() {
            y.push_str("    attachments:\n");
            for (title, body) in &f.attachments {
                let _ = writeln!(y, "      - title: {}", scalar(title));
                y.push_str("        body:\n");
                if body.is_empty() {
                    y.push_str("          - 请补上附件内容。   # 请核对：原文只有附件标题\n");
                }
                nodes(y, body, 5);
            }
        }
    }
}

/// 版头: from a DOCX's text boxes, or — where the text has a 发文字号 — a 红头 to check.
fn letterhead(y: &mut String, outline: &Outline) {
    match &outline.letterhead {
        Some(head) => {
            y.push_str("header:\n");
            if let Some(c) = &head.copy_number {
                let _ = writeln!(y, "  copy_number: \"{c}\"");
            }
            if let Some(s) = &head.secrecy {
                let _ = writeln!(y, "  secrecy: {}", scalar(s));
            }
            if let Some(u) = &head.urgency {
                let _ = writeln!(y, "  urgency: {}", scalar(u));
            }
            let _ = writeln!(
                y,
                "  mark: {}",
                match head.mark {
                    Mark::File => "文件",
                    Mark::Names => "名称",
                }
            );
            if head.mark_bodies == MarkBodies::Host {
                y.push_str("  mark_names: 主办机关\n");
            }
            if !head.signers.is_empty() {
                y.push_str("  signers:\n");
                for s in &head.signers {
                    let _ = writeln!(y, "    - {}", scalar(s));
                }
            }
        }
        None if outline.doc_number.is_some() => {
            // A 发文字号 is printed in the 版头: the text came from a 红头 document.
            y.push_str("header:                          # 原文有发文字号，按红头文件排版；不要版头请删去 header\n  mark: 文件\n");
            if outline.kind.is_some_and(DocumentKind::is_upward) {
                y.push_str("  signers: [请填写签发人]          # 请核对：上行文须标注签发人\n");
            }
        }
        None => {}
    }
}

/// 附件: the ones set after the 署名 with their text, and any the 附件说明 names without it.
fn attachments(y: &mut String, outline: &Outline) {
    let mut titles: Vec<&String> = outline.attachments.iter().map(|(t, _)| t).collect();
    for name in &outline.attachment_names {
        if !titles.contains(&name) {
            titles.push(name);
        }
    }
    if titles.is_empty() {
        return;
    }
    y.push_str("attachments:\n");
    for title in titles {
        let _ = writeln!(y, "  - title: {}", scalar(title));
        match outline.attachments.iter().find(|(t, _)| t == title) {
            Some((_, body)) if !body.is_empty() => {
                y.push_str("    body:\n");
                nodes(y, body, 3);
            }
            _ => y.push_str("    body: [请补上附件内容。]      # 请核对：原文只有附件说明\n"),
        }
    }
}

fn nodes(y: &mut String, list: &[Node], indent: usize) {
    let pad = "  ".repeat(indent);
    for node in list {
        match node {
            Node::Paragraph { text, points } if points.is_empty() => {
                let _ = writeln!(y, "{pad}- {}", scalar(text));
            }
            Node::Paragraph { text, points } => {
                let _ = writeln!(y, "{pad}- text: {}", scalar(text));
                points_of(y, points, indent + 1);
            }
            Node::Section {
                typed_level,
                form,
                heading,
                text,
                points,
                body,
                ..
            } => {
                let key = match form {
                    SectionForm::Heading => "heading",
                    SectionForm::RunIn => "run_in",
                    SectionForm::Item => "item",
                };
                let _ = writeln!(y, "{pad}- {key}: {}", scalar(heading));
                if let Some(level) = typed_level {
                    let _ = writeln!(y, "{pad}  level: {level}");
                }
                if !text.is_empty() {
                    let _ = writeln!(y, "{pad}  text: {}", scalar(text));
                }
                points_of(y, points, indent + 1);
                if !body.is_empty() {
                    let _ = writeln!(y, "{pad}  body:");
                    nodes(y, body, indent + 2);
                }
            }
            Node::Table(t) => table(y, t, &pad),
        }
    }
}

/// A `table:` item: rows in flow style, a cell with spans as a mapping.
fn table(y: &mut String, t: &TableOutline, pad: &str) {
    let _ = writeln!(y, "{pad}- table:");
    if let Some(c) = &t.caption {
        let _ = writeln!(y, "{pad}    caption: {}", scalar(c));
    }
    for (key, rows) in [("header", &t.header), ("rows", &t.rows)] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(y, "{pad}    {key}:");
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    let text = flow_scalar(&c.text);
                    let mut spans = String::new();
                    if c.colspan > 1 {
                        let _ = write!(spans, ", colspan: {}", c.colspan);
                    }
                    if c.rowspan > 1 {
                        let _ = write!(spans, ", rowspan: {}", c.rowspan);
                    }
                    if spans.is_empty() {
                        text
                    } else {
                        format!("{{text: {text}{spans}}}")
                    }
                })
                .collect();
            let _ = writeln!(y, "{pad}      - [{}]", cells.join(", "));
        }
    }
    if let Some(w) = &t.widths {
        let list: Vec<String> = w.iter().map(u32::to_string).collect();
        let _ = writeln!(y, "{pad}    widths: [{}]", list.join(", "));
    }
    if let Some(s) = t.size {
        let _ = writeln!(y, "{pad}    size: {s}");
    }
    if let Some(a) = &t.align {
        let _ = writeln!(y, "{pad}    align: [{}]", a.join(", "));
    }
}

/// A scalar inside `[…]` or `{…}`: quoted also where a comma or bracket would end it.
fn flow_scalar(text: &str) -> String {
    let plain = scalar(text);
    if plain.starts_with('"') || !text.contains([',', '[', ']', '{', '}']) {
        plain
    } else {
        quoted(text)
    }
}

fn points_of(y: &mut String, points: &[String], indent: usize) {
    if points.is_empty() {
        return;
    }
    let pad = "  ".repeat(indent);
    let _ = writeln!(y, "{pad}points:");
    for p in points {
        let _ = writeln!(y, "{pad}  - {}", scalar(p));
    }
}

/// A YAML scalar for `text`: as it is where YAML reads it back unchanged, else double-quoted.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| {
            c.is_ascii_punctuation() || c.is_whitespace() || c.is_ascii_digit()
        })
        && !text.ends_with(|c: char| c.is_whitespace())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['\n', '\t', '"', '\\'])
        && !text.chars().any(char::is_control)
        // Words YAML reads as a truth value or as nothing (a table cell may hold one).
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        return text.to_owned();
    }
    quoted(text)
}

/// `text` double-quoted, escaped as YAML reads it back.
fn quoted(text: &str) -> String {
    let mut q = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04X}", c as u32);
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::{flow_scalar, scalar};

    #[test]
    fn scalars_quote_only_what_yaml_would_misread() {
        assert_eq!(scalar("某某镇人民政府"), "某某镇人民政府");
        assert_eq!(scalar("2023年，梅江镇"), "\"2023年，梅江镇\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("说\"好\""), "\"说\\\"好\\\"\"");
        assert_eq!(scalar("True"), "\"True\"");
        assert_eq!(scalar("null"), "\"null\"");
        assert_eq!(flow_scalar("合计1,260"), "\"合计1,260\"");
        assert_eq!(flow_scalar("合计[一]"), "\"合计[一]\"");
        assert_eq!(flow_scalar("县应急管理局"), "县应急管理局");
    }
}
