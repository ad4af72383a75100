//! 日期 — dates and years:
//!
//! - GW301: a 成文日期 after today (the date a document is signed cannot be in the future);
//! - GW302: a year in a heading or title that does not fit the report's period: plans
//!   (工作思路、计划、打算……) for a year before the 成文日期's — the seed's 三、2023年主要工作思路 in a
//!   report dated 2024 — or any year more than one year after it.

use super::text::{Doc, Role};
use super::{Findings, hint, numbering};
use crate::model::IssueDate;

/// Words of a heading about work still to come.
const PLAN_WORDS: &[&str] = &[
    "思路",
    "计划",
    "打算",
    "安排",
    "目标",
    "要点",
    "展望",
    "谋划",
    "重点任务",
    "工作重点",
];

pub(super) fn check(doc: &Doc, today: Option<IssueDate>, out: &mut Findings) {
    if let (Some(date), Some(today), Some(value)) = (doc.date, today, doc.date_value)
        && date > today
    {
        let d = out.at(
            "GW301",
            value.line,
            value.column,
            format!(
                "成文日期 {} 晚于今天（{}）。",
                date.chinese(),
                today.chinese()
            ),
        );
        hint(
            d,
            "成文日期是负责人签发的日期，不能是将来的日子；请核对年份和月份。",
        );
    }
    if let Some(date) = doc.date {
        heading_years(doc, date, out);
    }
}

/// GW302; a forwarded document's texts are judged by its own date (and not at all without
/// one).
fn heading_years(doc: &Doc, covering: IssueDate, out: &mut Findings) {
    // Real headings, titles, and paragraphs that are typed headings (一、……).
    let headings = doc.items.iter().filter(|i| match i.role {
        Role::Heading(_) | Role::Title | Role::Subject => true,
        Role::Paragraph => numbering::prefix(&i.value.value).is_some_and(|p| p.level >= 1),
        _ => false,
    });
    for item in headings {
        let date = match doc
            .forwarded_dates
            .get(&(item.value.line, item.value.column))
        {
            None => covering,
            Some(Some(own)) => *own,
            Some(None) => continue,
        };
        let year = u32::from(date.year);
        let text = heading_part(&item.value.value);
        let plans = PLAN_WORDS.iter().any(|w| text.contains(w));
        for (y, written) in years(text) {
            let message = if plans && y < year {
                format!(
                    "标题讲的是今后的工作，年份却是{written}，早于成文日期的{year}年；是不是应为{year}年？"
                )
            } else if y > year + 1 {
                format!(
                    "标题中的{written}比成文日期（{}）晚了不止一年。",
                    date.chinese()
                )
            } else {
                continue;
            };
            let d = out.in_value("GW302", item.value, &written, 0, message);
            hint(d, "请核对年份；如果确实如此，可以忽略这条提示。");
        }
    }
}

/// The heading part of a text: a run-in heading ends at its first 。.
fn heading_part(text: &str) -> &str {
    text.split('。').next().unwrap_or(text)
}

/// Four-digit years written as 2023年 in `text`, outside 《》 and “” (a cited title or
/// quotation keeps its own years): (year, as written).
fn years(text: &str) -> Vec<(u32, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut quoted = vec![false; chars.len()];
    let mut depth = 0usize;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '《' | '“' => depth += 1,
            '》' | '”' => depth = depth.saturating_sub(1),
            _ => quoted[i] = depth > 0,
        }
    }
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        if quoted[i] {
            continue;
        }
        let four = &chars[i..i + 4];
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if !before_digit && four.iter().all(char::is_ascii_digit) && chars[i + 4] == '年' {
            let written: String = chars[i..=i + 4].iter().collect();
            if let Ok(y) = written[..4].parse() {
                out.push((y, written));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_written_with_nian() {
        assert_eq!(
            years("三、2023年主要工作思路"),
            [(2023, "2023年".to_owned())]
        );
        assert_eq!(years("（2021—2025年）"), [(2025, "2025年".to_owned())]);
        assert!(years("12023年").is_empty());
        assert!(years("2023").is_empty());
        assert!(years("关于转发《1994年工作要点》的通知").is_empty());
        assert!(years("落实“2030年行动”").is_empty());
        assert_eq!(years("《规定》2026年"), [(2026, "2026年".to_owned())]);
    }
}
