//! 序号 — numbers a clerk typed by hand. gongwen numbers headings (一、（一）1.（1）) and points
//! (一是、二是) itself, so a typed number is printed twice; and a typed sequence can break, as
//! the seed report's did when a web page dropped the 三 of 三是.
//!
//! - GW101: a typed number before a heading, a paragraph or a point;
//! - GW102: an enumeration 一是……二是…… typed into a paragraph;
//! - GW103: a gap or repeat in a typed sequence — between enumerators in a paragraph (including
//!   a bare 是 whose numeral was lost) and between typed heading numbers;
//! - GW104: levels skipped one way in one place and another way elsewhere (1. directly under
//!   一、 here, （一） under 一、 there).

use super::text::{Doc, Role, at, is_han};
use super::{Findings, hint};
use crate::input::{DraftBlock, TextValue};
use serde_saphyr::Spanned;

/// A typed number at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefix {
    /// 1 一、 · 2 （一） · 3 1. · 4 （1）; 0 for an enumerator 一是.
    pub level: u8,
    pub ordinal: u32,
    /// The prefix as typed.
    pub text: String,
}

/// The typed number `text` starts with, if any.
pub fn prefix(text: &str) -> Option<Prefix> {
    let t = text.trim_start();
    let chars: Vec<char> = t.chars().collect();
    let take = |n: usize| chars[..n].iter().collect::<String>();
    let open = matches!(chars.first(), Some('（' | '('));
    let start = usize::from(open);
    let numeral_len = chars[start..]
        .iter()
        .take_while(|c| "一二三四五六七八九十".contains(**c))
        .count();
    let digits_len = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let after = |len: usize| chars.get(start + len).copied();
    let after2 = |len: usize| chars.get(start + len + 1).copied();
    if open {
        let closes = |c: Option<char>| matches!(c, Some('）' | ')'));
        if numeral_len > 0 && closes(after(numeral_len)) {
            let ordinal = chinese_number(&chars[1..1 + numeral_len])?;
            return Some(Prefix {
                level: 2,
                ordinal,
                text: take(numeral_len + 2),
            });
        }
        if (1..=3).contains(&digits_len) && closes(after(digits_len)) {
            let ordinal = chars[1..1 + digits_len]
                .iter()
                .collect::<String>()
                .parse()
                .ok()?;
            return Some(Prefix {
                level: 4,
                ordinal,
                text: take(digits_len + 2),
            });
        }
        return None;
    }
    if numeral_len > 0 {
        let ordinal = chinese_number(&chars[..numeral_len])?;
        return match after(numeral_len) {
            Some('、' | '，' | ',' | '．') => Some(Prefix {
                level: 1,
                ordinal,
                text: take(numeral_len + 1),
            }),
            Some('是') if !matches!(after2(numeral_len), Some('否' | '不' | '的')) => {
                Some(Prefix {
                    level: 0,
                    ordinal,
                    text: take(numeral_len + 1),
                })
            }
            _ => None,
        };
    }
    if (1..=3).contains(&digits_len)
        && matches!(after(digits_len), Some('.' | '．' | '、'))
        && !after2(digits_len).is_some_and(|c| c.is_ascii_digit())
    {
        let ordinal = take(digits_len).parse().ok()?;
        return Some(Prefix {
            level: 3,
            ordinal,
            text: take(digits_len + 1),
        });
    }
    None
}

/// 一 … 九十九 as a number.
fn chinese_number(chars: &[char]) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    match chars {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// 1 → 一, 23 → 二十三.
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// How a typed prefix of `level` prints, for messages.
fn numbered(level: u8, n: u32) -> String {
    match level {
        0 => format!("{}是", chinese_numeral(n)),
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

pub(super) fn check(doc: &Doc, out: &mut Findings) {
    typed_prefixes(doc, out);
    heading_sequence(doc, out);
    let mut below = [None; 5];
    level_skips(&doc.draft.body.value, 0, &mut below, out);
    for a in &doc.draft.attachments {
        level_skips(&a.value.body, 0, &mut [None; 5], out);
    }
    for item in doc.with_role(|r| r == Role::Paragraph) {
        enumeration(item.value, out);
    }
}

/// GW104: the level that first follows each level (0: the top of the 正文), in file order;
/// a later list that follows the same level with another is reported.
fn level_skips(
    blocks: &[Spanned<DraftBlock>],
    parent: u8,
    below: &mut [Option<u8>; 5],
    out: &mut Findings,
) {
    for block in blocks {
        let DraftBlock::Map(map) = &block.value else {
            continue;
        };
        let Some(head) = [&map.heading, &map.run_in, &map.item]
            .into_iter()
            .find_map(|h| h.as_ref())
        else {
            continue;
        };
        let level = map.level.as_ref().map_or(parent + 1, |l| l.value);
        let Some(slot) = below.get_mut(usize::from(parent)) else {
            continue;
        };
        match *slot {
            None => *slot = Some(level),
            Some(first) if first != level => {
                let (line, column) = map.level.as_ref().map_or(at(head), at);
                let name = |l: u8| numbered(l, 1);
                let over = if parent == 0 {
                    "正文最高一层".to_owned()
                } else {
                    format!("「{}」一层", name(parent))
                };
                let d = out.at(
                    "GW104",
                    line,
                    column,
                    format!(
                        "层次用法前后不一：{over}之下，前面用「{}」，这里用「{}」。",
                        name(first),
                        name(level)
                    ),
                );
                hint(
                    d,
                    "同一文件中跳过层次的做法应当一致（例如一律在「一、」下直接用「1.」）；请统一 level。",
                );
            }
            Some(_) => {}
        }
        if level <= 4 {
            level_skips(&map.body, level, below, out);
        }
    }
}

/// GW101.
fn typed_prefixes(doc: &Doc, out: &mut Findings) {
    for item in &doc.items {
        let Some(p) = prefix(&item.value.value) else {
            continue;
        };
        let (message, what_to_do) = match (item.role, p.level) {
            (Role::Heading(_), _) => (
                format!("标题前手写了序号「{}」，gongwen 还会再编一次号。", p.text),
                format!("请删去「{}」；标题的序号（一、（一）1.（1））由 gongwen 按层次自动生成。", p.text),
            ),
            (Role::Point, _) => (
                format!("列举项前手写了「{}」，gongwen 还会再加一次。", p.text),
                format!("请删去「{}」；points 中的各项由 gongwen 自动加上一是、二是……", p.text),
            ),
            (Role::Paragraph, 1..) => (
                format!("这段正文以手写的序号「{}」开头。", p.text),
                "如果这是一个标题，请写成 heading:（不带序号）；如果是不带标题的序号段，请写成 item:（不带序号）；由 gongwen 编号。".to_owned(),
            ),
            _ => continue,
        };
        let d = out.in_value("GW101", item.value, &p.text, 0, message);
        hint(d, what_to_do);
    }
}

/// GW103 across typed heading numbers, in file order: each level counts from 一, and a higher
/// level restarts the lower ones.
fn heading_sequence(doc: &Doc, out: &mut Findings) {
    let mut last = [0u32; 5];
    for item in doc.with_role(|r| matches!(r, Role::Heading(_) | Role::Paragraph)) {
        let Some(p) = prefix(&item.value.value).filter(|p| p.level >= 1) else {
            continue;
        };
        let level = p.level as usize;
        let expected = last[level] + 1;
        if p.ordinal != expected {
            let message = if p.ordinal > expected {
                let missing: Vec<String> = (expected..p.ordinal)
                    .map(|n| numbered(p.level, n))
                    .collect();
                format!(
                    "序号不连续：「{}」前面缺少「{}」。",
                    p.text,
                    missing.join("」「")
                )
            } else {
                format!(
                    "序号重复或倒退：「{}」应为「{}」。",
                    p.text,
                    numbered(p.level, expected)
                )
            };
            let d = out.in_value("GW103", item.value, &p.text, 0, message);
            hint(
                d,
                "把标题写成 heading:（不带序号），由 gongwen 编号，就不会再错。",
            );
        }
        last[level] = p.ordinal;
        last[level + 1..].iter_mut().for_each(|n| *n = 0);
    }
}

/// Verbs an enumerated item typically opens with; a bare 是 before one, far enough from the
/// last item, is an enumerator whose numeral was lost.
const ITEM_VERBS: &[&str] = &[
    "规范", "积极", "大力", "加强", "抓好", "坚持", "推进", "完善", "健全", "强化", "落实", "深化",
    "提升", "提高", "建立", "做好", "开展", "持续", "全面", "严格", "切实", "扎实", "着力", "注重",
    "围绕", "搭建", "督促", "组织", "创新", "深入", "认真", "加大", "优化", "统筹", "推动", "聚焦",
];

/// Shortest item, in characters, before a bare 是 after a Chinese character counts as lost.
const MIN_ITEM_CHARS: usize = 20;

/// One enumerator found in a paragraph: where, which number (None: a bare 是).
pub struct Enumerator {
    /// Character index of 是.
    pub shi: usize,
    pub ordinal: Option<u32>,
    /// The enumerator as typed (一是, or 是).
    pub text: String,
}

/// GW102 and GW103 inside one paragraph.
fn enumeration(value: &TextValue, out: &mut Findings) {
    let chars: Vec<char> = value.value.chars().collect();
    let found = enumerators(&chars);
    let Some(first) = found.iter().find(|e| e.ordinal.is_some()) else {
        return;
    };
    let d = out.in_value(
        "GW102",
        value,
        &first.text,
        0,
        format!(
            "这段文字里手写了列举序号「{}」……，gongwen 无法替你核对。",
            first.text
        ),
    );
    hint(
        d,
        "请把各项写到 points: 下（每项一行，不带序号），gongwen 会自动加上一是、二是……",
    );

    let mut last = 0u32;
    for e in &found {
        let expected = last + 1;
        let nth_shi = chars[..e.shi].iter().filter(|&&c| c == '是').count();
        match e.ordinal {
            None => {
                let message = format!(
                    "这里疑似漏掉了序号：「{}」之后的一项只写了「是」，应为「{}」。",
                    numbered(0, last),
                    numbered(0, expected)
                );
                let d = out.in_value("GW103", value, "是", nth_shi, message);
                hint(
                    d,
                    format!(
                        "请补上「{}」，或改用 points 由 gongwen 编号。",
                        chinese_numeral(expected)
                    ),
                );
                last = expected;
            }
            Some(n) if n != expected => {
                let message = if n > expected {
                    let missing: Vec<String> = (expected..n).map(|k| numbered(0, k)).collect();
                    format!(
                        "列举序号不连续：「{}」前面缺少「{}」。",
                        e.text,
                        missing.join("」「")
                    )
                } else {
                    format!(
                        "列举序号重复或倒退：「{}」应为「{}」。",
                        e.text,
                        numbered(0, expected)
                    )
                };
                let d = out.in_value("GW103", value, "是", nth_shi, message);
                hint(d, "请核对序号，或改用 points 由 gongwen 编号。");
                last = n;
            }
            Some(n) => last = n,
        }
    }
}

/// The enumerators of a paragraph: 一是, 二是 … where an item starts, and, after the first of
/// them, each bare 是 that starts an item.
pub fn enumerators(chars: &[char]) -> Vec<Enumerator> {
    let mut found: Vec<Enumerator> = Vec::new();
    let boundary = |i: usize| i == 0 || !is_han(chars[i - 1]);
    let mut i = 0;
    while i < chars.len() {
        if boundary(i) {
            let len = chars[i..]
                .iter()
                .take_while(|c| "一二三四五六七八九十".contains(**c))
                .count();
            if len > 0
                && chars.get(i + len) == Some(&'是')
                && !matches!(chars.get(i + len + 1), Some('否' | '不' | '的'))
                && let Some(n) = chinese_number(&chars[i..i + len])
            {
                found.push(Enumerator {
                    shi: i + len,
                    ordinal: Some(n),
                    text: chars[i..=i + len].iter().collect(),
                });
                i += len + 1;
                continue;
            }
        }
        if chars[i] == '是'
            && !found.is_empty()
            && bare_enumerator(chars, i, found.last().map_or(0, |e| e.shi))
        {
            found.push(Enumerator {
                shi: i,
                ordinal: None,
                text: "是".to_owned(),
            });
        }
        i += 1;
    }
    found
}

/// Whether the 是 at `i` starts an item whose numeral was lost.
fn bare_enumerator(chars: &[char], i: usize, previous: usize) -> bool {
    if matches!(
        chars.get(i + 1),
        Some('否' | '不' | '的' | '指' | '为' | '非') | None
    ) {
        return false;
    }
    let Some(&before) = i.checked_sub(1).and_then(|p| chars.get(p)) else {
        return false;
    };
    if matches!(
        before,
        '。' | '；' | ';' | '！' | '？' | '!' | '?' | '%' | '％'
    ) || before.is_ascii_alphanumeric()
    {
        return true;
    }
    let next: String = chars[i + 1..].iter().take(2).collect();
    is_han(before) && i - previous >= MIN_ITEM_CHARS && ITEM_VERBS.contains(&next.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_prefixes_of_each_level() {
        let p = |t: &str| prefix(t).map(|p| (p.level, p.ordinal, p.text));
        assert_eq!(p("一、工作开展情况"), Some((1, 1, "一、".into())));
        assert_eq!(p("(五)加强综合治理"), Some((2, 5, "(五)".into())));
        assert_eq!(p("（十二）其他"), Some((2, 12, "（十二）".into())));
        assert_eq!(p("3.完善制度"), Some((3, 3, "3.".into())));
        assert_eq!(p("（2）细则"), Some((4, 2, "（2）".into())));
        assert_eq!(p("二是抓好宣传"), Some((0, 2, "二是".into())));
        // Not numbers: a year, a decimal, 一是否, a word starting with 一.
        assert_eq!(p("2023年，梅江镇"), None);
        assert_eq!(p("1.5万元"), None);
        assert_eq!(p("一是否可行"), None);
        assert_eq!(p("一站式服务"), None);
        assert_eq!(p("(GDP)增长"), None);
    }

    #[test]
    fn numerals_both_ways() {
        for n in 1..=99 {
            let s: Vec<char> = chinese_numeral(n).chars().collect();
            assert_eq!(chinese_number(&s), Some(n), "{n}");
        }
    }

    #[test]
    fn finds_the_lost_numerals_of_the_seed() {
        // （五） of the seed as published: 三是、四是、五是 lost their numerals.
        let text = "一是积极践行枫桥经验,充分发挥第一道防线作用。二是搭建平台。截至目前,调解成功率100%是大力提升网格化服务管理水平,营造和谐稳定的社会环境。是积极推进镇、村(居)综治中心规范化建设,实行一站式工作管理是规范信访维稳工作秩序,办结率100%";
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<(Option<u32>, String)> = enumerators(&chars)
            .into_iter()
            .map(|e| (e.ordinal, e.text))
            .collect();
        assert_eq!(
            found,
            [
                (Some(1), "一是".into()),
                (Some(2), "二是".into()),
                (None, "是".into()),
                (None, "是".into()),
                (None, "是".into())
            ]
        );
    }

    #[test]
    fn ordinary_shi_is_not_an_enumerator() {
        let text = "一是加强学习。这是我们的责任，“和事堂”是一个平台，成绩是显著的。二是是否可行需要研究。";
        let chars: Vec<char> = text.chars().collect();
        let bare = enumerators(&chars)
            .iter()
            .filter(|e| e.ordinal.is_none())
            .count();
        assert_eq!(bare, 0);
    }
}
