//! The small text format between the templates and the layout.
//!
//! A template renders one block per line: `@role text`. Blank lines are ignored. Inside the
//! text, `{h2}…{/}` marks a run in the face of a heading level (a run-in heading), `{br}` a
//! line break the layout must keep (a clerk's break hint in a title), and
//! `\\`, `\{`, `\}` stand for the characters themselves. User text reaches a template already
//! escaped by [`escape`] — no newline, no bare brace — so whatever a clerk types stays text.

use super::{Block, Role, Run, RunStyle};

/// Escape user text for a template: newlines become spaces, `\ { }` are escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A problem in a template's output: the line (1-based) and what is wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct MarkupError {
    pub line: usize,
    pub message: String,
}

/// Parse a template's output into blocks.
pub fn parse(text: &str) -> Result<Vec<Block>, MarkupError> {
    let mut blocks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let err = |message: String| MarkupError {
            line: i + 1,
            message,
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(rest) = line.strip_prefix('@') else {
            return Err(err(format!("模板输出的这一行不以 @角色 开头：「{line}」")));
        };
        let (name, content) = rest.split_once(' ').unwrap_or((rest, ""));
        let role = role_named(name).ok_or_else(|| err(format!("未知的块角色「@{name}」")))?;
        let (runs, breaks) = parse_runs(content).map_err(err)?;
        blocks.push(Block { role, runs, breaks });
    }
    Ok(blocks)
}

fn role_named(name: &str) -> Option<Role> {
    Some(match name {
        "title" => Role::Title,
        "recipients" => Role::Recipients,
        "body" => Role::Body,
        "h1" => Role::Heading(1),
        "h2" => Role::Heading(2),
        "h3" => Role::Heading(3),
        "h4" => Role::Heading(4),
        "closing" => Role::Closing,
        "signature" => Role::Signature,
        "date" => Role::Date,
        "note" => Role::Note,
        "copyto" => Role::CopyTo,
        "printer" => Role::Printer,
        "printdate" => Role::PrintDate,
        "attachnote" => Role::AttachmentNote,
        "attachlabel" => Role::AttachmentLabel,
        "attachtitle" => Role::AttachmentTitle,
        "attendance" => Role::Attendance,
        _ => return None,
    })
}

/// The runs of a line, and the character offsets of its `{br}` marks.
fn parse_runs(content: &str) -> Result<(Vec<Run>, Vec<usize>), String> {
    let mut runs: Vec<Run> = Vec::new();
    let mut breaks = Vec::new();
    let mut offset = 0;
    let mut style = RunStyle::Plain;
    let mut text = String::new();
    let mut chars = content.chars();
    let flush = |runs: &mut Vec<Run>, text: &mut String, style: RunStyle| {
        if !text.is_empty() {
            runs.push(Run {
                text: std::mem::take(text),
                style,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('\\' | '{' | '}')) => {
                    text.push(e);
                    offset += 1;
                }
                _ => return Err("反斜杠 \\ 后只能跟 \\ { }".to_owned()),
            },
            '{' => {
                let tag: String = chars.by_ref().take_while(|&c| c != '}').collect();
                if tag == "br" {
                    if offset > 0 && breaks.last() != Some(&offset) {
                        breaks.push(offset);
                    }
                    continue;
                }
                flush(&mut runs, &mut text, style);
                style = match tag.as_str() {
                    "/" if style != RunStyle::Plain => RunStyle::Plain,
                    "h1" if style == RunStyle::Plain => RunStyle::Heading(1),
                    "h2" if style == RunStyle::Plain => RunStyle::Heading(2),
                    "h3" if style == RunStyle::Plain => RunStyle::Heading(3),
                    "h4" if style == RunStyle::Plain => RunStyle::Heading(4),
                    _ => return Err(format!("无法识别或未配对的标记「{{{tag}}}」")),
                };
            }
            '}' => return Err("多余的 }".to_owned()),
            _ => {
                text.push(c);
                offset += 1;
            }
        }
    }
    if style != RunStyle::Plain {
        return Err("标记 {hN} 没有用 {/} 结束".to_owned());
    }
    flush(&mut runs, &mut text, style);
    Ok((runs, breaks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_in_heading_and_plain_text() {
        let blocks = parse("\n@body {h2}（一）坚持。{/}为全面推进\n").unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].role, Role::Body);
        assert_eq!(blocks[0].runs[0].style, RunStyle::Heading(2));
        assert_eq!(blocks[0].runs[0].text, "（一）坚持。");
        assert_eq!(blocks[0].runs[1].text, "为全面推进");
    }

    #[test]
    fn escaped_user_text_never_becomes_structure() {
        let evil = "正文\n@h1 伪造标题 {h1}粗{/} \\ 结束";
        let out = parse(&format!("@body {}", escape(evil))).unwrap();
        assert_eq!(
            out.len(),
            1,
            "a newline in user text must not start a block"
        );
        assert_eq!(out[0].runs.len(), 1);
        assert_eq!(out[0].runs[0].style, RunStyle::Plain);
        assert_eq!(out[0].runs[0].text, "正文 @h1 伪造标题 {h1}粗{/} \\ 结束");
    }

    #[test]
    fn break_marks_are_offsets_not_text() {
        let blocks = parse("@title 关于某某{br}工作的报告").unwrap();
        assert_eq!(blocks[0].text(), "关于某某工作的报告");
        assert_eq!(blocks[0].breaks, [4]);
    }

    #[test]
    fn unknown_roles_and_stray_text_are_errors() {
        assert_eq!(parse("@bogus x").unwrap_err().line, 1);
        assert!(parse("\nplain").unwrap_err().message.contains("@角色"));
        assert!(parse("@body {h2}x").is_err());
    }
}
