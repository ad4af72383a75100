//! 标点 — punctuation in Chinese text (GB/T 15834-2011):
//!
//! - GW201: half-width , : ; ? ! ( ) in Chinese text, with the fix `gongwen fix` applies. Numbers
//!   (10:30, 1,000), web addresses and Latin text are left alone;
//! - GW202: brackets, quotes and 书名号 that do not pair up;
//! - GW203: a title (or 事由) that ends in punctuation.

use super::text::{Doc, Role, is_chinese};
use super::{Findings, hint};
use crate::input::TextValue;

/// One replacement in the file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the file's text.
    pub start: usize,
    pub end: usize,
    pub replacement: &'static str,
}

/// The full-width form of a half-width mark.
fn full_width(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        ':' => "：",
        ';' => "；",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        _ => return None,
    })
}

/// The fixes for the half-width marks of one value, as edits of the file's text.
pub fn value_edits(source: &str, value: &TextValue) -> Vec<Edit> {
    let raw = value.raw(source);
    // Characters of the value as written, with their byte offsets in the file; quotes, escapes
    // and web addresses are not text to fix.
    let mut chars: Vec<(usize, char)> = Vec::new();
    let quoted = raw.starts_with('"') || raw.starts_with('\'');
    let mut iter = raw.char_indices().peekable();
    let mut in_url = false;
    while let Some((i, c)) = iter.next() {
        if quoted && (i == 0 || i + c.len_utf8() == raw.len()) {
            continue;
        }
        if raw.starts_with('"') && c == '\\' {
            iter.next();
            continue;
        }
        if !in_url
            && (raw[i..].starts_with("http://")
                || raw[i..].starts_with("https://")
                || raw[i..].starts_with("www."))
        {
            in_url = true;
        }
        if in_url && (c.is_whitespace() || is_chinese(c)) {
            in_url = false;
        }
        if !in_url {
            chars.push((value.start + i, c));
        } else {
            chars.push((value.start + i, '\u{1}'));
        }
    }
    // The nearest character that is not a space, before (`step` −1) or after (+1) index `k`.
    let neighbour = |k: usize, step: isize| -> Option<usize> {
        let mut j = k as isize + step;
        while j >= 0 && (j as usize) < chars.len() {
            if !chars[j as usize].1.is_whitespace() {
                return Some(j as usize);
            }
            j += step;
        }
        None
    };
    let char_at = |k: Option<usize>| k.map(|k| chars[k].1);
    let chinese = |k: Option<usize>| char_at(k).is_some_and(is_chinese);
    let digit = |k: Option<usize>| char_at(k).is_some_and(|c| c.is_ascii_digit());
    let mut edits = Vec::new();
    // Parentheses go by pairs: a pair is Chinese when its content or its surroundings are.
    let mut fixed_paren = vec![false; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for k in 0..chars.len() {
        match chars[k].1 {
            '(' => open.push(k),
            ')' => match open.pop() {
                Some(o) => {
                    let pair_chinese = chars[o + 1..k].iter().any(|&(_, c)| is_chinese(c))
                        || chinese(neighbour(o, -1))
                        || chinese(neighbour(k, 1));
                    fixed_paren[o] = pair_chinese;
                    fixed_paren[k] = pair_chinese;
                }
                None => fixed_paren[k] = chinese(neighbour(k, -1)) || chinese(neighbour(k, 1)),
            },
            _ => {}
        }
    }
    for o in open {
        fixed_paren[o] = chinese(neighbour(o, -1)) || chinese(neighbour(o, 1));
    }
    // A parenthesis that becomes full-width counts as Chinese for the marks beside it.
    let chinese_or_fixed = |k: Option<usize>| chinese(k) || k.is_some_and(|k| fixed_paren[k]);
    for (k, &(offset, c)) in chars.iter().enumerate() {
        let Some(replacement) = full_width(c) else {
            continue;
        };
        let fix = match c {
            '(' | ')' => fixed_paren[k],
            _ => {
                let (before, after) = (neighbour(k, -1), neighbour(k, 1));
                (chinese_or_fixed(before) || chinese_or_fixed(after))
                    && !(digit(before) && digit(after))
            }
        };
        if fix {
            edits.push(Edit {
                start: offset,
                end: offset + 1,
                replacement,
            });
        }
    }
    edits
}

/// `text` with the GW201 fixes applied — the marks `gongwen fix` would make full-width — and
/// how many there were. For text that is not in a YAML file (`gongwen import`).
pub fn fix_plain(text: &str) -> (String, usize) {
    // A leading quote would read as YAML quoting; a space in front keeps it text.
    let source = format!(" {text}");
    let value = TextValue {
        key: String::new(),
        value: source.clone(),
        line: 1,
        column: 1,
        start: 0,
        end: source.len(),
    };
    let edits = value_edits(&source, &value);
    let mut out = source.clone();
    for e in edits.iter().rev() {
        out.replace_range(e.start..e.end, e.replacement);
    }
    (out[1..].to_owned(), edits.len())
}

/// Every GW201 fix of the file.
pub fn edits(doc: &Doc) -> Vec<Edit> {
    doc.with_role(Role::is_prose)
        .flat_map(|item| value_edits(doc.source, item.value))
        .collect()
}

pub(super) fn check(doc: &Doc, out: &mut Findings) {
    for item in doc.with_role(Role::is_prose) {
        half_width(doc, item.value, out);
        balance(item.value, out);
    }
    for item in doc.with_role(|r| matches!(r, Role::Title | Role::Subject)) {
        title_end(item.role, item.value, out);
    }
}

/// GW201: one finding per value, at its first half-width mark.
fn half_width(doc: &Doc, value: &TextValue, out: &mut Findings) {
    let edits = value_edits(doc.source, value);
    let Some(first) = edits.first() else { return };
    let mut marks: Vec<&str> = edits.iter().map(|e| &doc.source[e.start..e.end]).collect();
    marks.sort_unstable();
    marks.dedup();
    let message = if edits.len() == 1 {
        format!(
            "中文里用了半角标点「{}」，应为全角「{}」。",
            marks[0], first.replacement
        )
    } else {
        format!(
            "这段中文里有 {} 处半角标点（{}），应为全角标点。",
            edits.len(),
            marks.join(" ")
        )
    };
    let d = out.at_byte("GW201", first.start, message);
    hint(
        d,
        "运行 gongwen fix 文件名（或 gongwen check --fix）可自动改正；数字、网址和英文不受影响。",
    );
}

/// Pairs of brackets and quotes; the half-width parentheses pair with either form.
const PAIRS: &[(char, char, &str)] = &[
    ('（', '）', "括号"),
    ('(', ')', "括号"),
    ('“', '”', "引号"),
    ('‘', '’', "引号"),
    ('《', '》', "书名号"),
    ('〈', '〉', "书名号"),
    ('「', '」', "引号"),
    ('『', '』', "引号"),
    ('【', '】', "方括号"),
    ('〔', '〕', "六角括号"),
];

fn opener(c: char) -> Option<(char, &'static str)> {
    PAIRS.iter().find(|p| p.0 == c).map(|p| (p.1, p.2))
}

fn closer(c: char) -> Option<&'static str> {
    PAIRS.iter().find(|p| p.1 == c).map(|p| p.2)
}

/// Whether `open` may close with `close`: the same pair, or round brackets of either width.
fn matches_pair(open: char, close: char) -> bool {
    let round = |c: char| matches!(c, '（' | '(' | '）' | ')');
    opener(open).is_some_and(|(c, _)| c == close) || (round(open) && round(close))
}

/// GW202: the first mark of a value that does not pair up.
fn balance(value: &TextValue, out: &mut Findings) {
    let chars: Vec<char> = value.value.chars().collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut problem: Option<(usize, String)> = None;
    for (i, &c) in chars.iter().enumerate() {
        if opener(c).is_some() {
            stack.push(i);
        } else if let Some(name) = closer(c) {
            match stack.last() {
                Some(&o) if matches_pair(chars[o], c) => {
                    stack.pop();
                }
                Some(&o) => {
                    problem = Some((i, format!("「{}」与前面的「{}」不配对。", c, chars[o])));
                    break;
                }
                None => {
                    problem = Some((i, format!("多出一个「{c}」：前面没有与它配对的{name}。")));
                    break;
                }
            }
        }
    }
    if problem.is_none()
        && let Some(&o) = stack.first()
    {
        let (close, name) = opener(chars[o]).unwrap_or((' ', "括号"));
        problem = Some((
            o,
            format!(
                "「{}」没有配对的「{}」：{name}要成对使用。",
                chars[o], close
            ),
        ));
    }
    if problem.is_none() {
        let straight = chars.iter().filter(|&&c| c == '"').count();
        if straight % 2 == 1
            && let Some(i) = chars.iter().position(|&c| c == '"')
        {
            problem = Some((i, "半角引号「\"」不成对。".to_owned()));
        }
    }
    let Some((i, message)) = problem else { return };
    let c = chars[i];
    let nth = chars[..i].iter().filter(|&&x| x == c).count();
    let d = out.in_value("GW202", value, &c.to_string(), nth, message);
    hint(d, "请补上缺少的一半，或删去多余的一个。");
}

/// Marks a title may not end with (closing brackets and quotes may).
const END_MARKS: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '.', ',', ';', ':', '!', '?',
];

/// GW203.
fn title_end(role: Role, value: &TextValue, out: &mut Findings) {
    let text = value.value.trim_end();
    let Some(last) = text.chars().last().filter(|c| END_MARKS.contains(c)) else {
        return;
    };
    let message = if role == Role::Subject {
        format!("事由末尾有标点「{last}」，标题会排成“关于……{last}的报告”。")
    } else {
        format!("标题末尾有标点「{last}」；公文标题末尾不加标点。")
    };
    let nth = text.chars().filter(|&c| c == last).count() - 1;
    let d = out.in_value("GW203", value, &last.to_string(), nth, message);
    hint(d, format!("请删去末尾的「{last}」。"));
}

#[cfg(test)]
mod plain_tests {
    #[test]
    fn plain_text_gets_the_same_fixes() {
        assert_eq!(
            super::fix_plain("2023年,梅江镇(一)坚持:10:30"),
            ("2023年，梅江镇（一）坚持：10:30".to_owned(), 4)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(raw_line: &str) -> String {
        let src = format!("a: {raw_line}\n");
        let value = TextValue {
            key: "a".into(),
            value: String::new(),
            line: 1,
            column: 4,
            start: 3,
            end: 3 + raw_line.len(),
        };
        let mut out = src.clone();
        for e in value_edits(&src, &value).iter().rev() {
            out.replace_range(e.start..e.end, e.replacement);
        }
        out[3..out.len() - 1].to_owned()
    }

    #[test]
    fn fixes_chinese_and_leaves_numbers_urls_and_latin() {
        assert_eq!(
            fixed("2023年,梅江镇坚持;落实:如下"),
            "2023年，梅江镇坚持；落实：如下"
        );
        assert_eq!(
            fixed("纲要(2021—2025年)和(社区)"),
            "纲要（2021—2025年）和（社区）"
        );
        assert_eq!(fixed("生产总值(GDP)增长"), "生产总值（GDP）增长");
        assert_eq!(fixed("会议10:30开始,共1,000人"), "会议10:30开始，共1,000人");
        assert_eq!(
            fixed("详见https://www.gov.cn/a,b?c=1 网站"),
            "详见https://www.gov.cn/a,b?c=1 网站"
        );
        assert_eq!(
            fixed("Hello, world (test): ok?"),
            "Hello, world (test): ok?"
        );
        assert_eq!(fixed("是吗?好!"), "是吗？好！");
    }

    #[test]
    fn quoted_values_keep_their_quotes_and_escapes() {
        assert_eq!(fixed("\"甲,乙\\\"丙\""), "\"甲，乙\\\"丙\"");
        assert_eq!(fixed("'甲,乙'"), "'甲，乙'");
    }
}
