//! 序数 — the numbers of headings and enumerations, assigned once, here.
//!
//! GB/T 9704 §7.3.3 orders the levels 一、 → （一） → 1. → （1）; GB/T 15834 B.3.7 writes a
//! simple sequence as 一是……二是…… with no punctuation after the 序次语.

use crate::model::PointNumbers;

/// A Chinese numeral for `n` ≥ 1, as written in 公文: 十一, 二十, 一百零一, 一千零一十.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 5] = ["", "十", "百", "千", "万"];
    if n == 0 {
        return DIGITS[0].to_owned();
    }
    if n >= 100_000 {
        // Far beyond any 公文; fall back to digit-by-digit.
        return n
            .to_string()
            .chars()
            .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
            .collect();
    }
    let digits: Vec<usize> = n
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0) as usize)
        .collect();
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = digits.len() - 1 - i;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(DIGITS[0]);
            pending_zero = false;
        }
        // 十一 not 一十一 when 十 leads the number.
        if !(d == 1 && unit == 1 && out.is_empty()) {
            out.push_str(DIGITS[d]);
        }
        out.push_str(UNITS[unit]);
    }
    out
}

/// The number of the `n`-th heading (1-based) at `level` 1–4: 一、 （一） 1. （1）.
pub fn heading_number(level: u8, n: u32) -> String {
    match level {
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// The 顺序号 of the `n`-th attachment in the 附件说明: 1. 2. (GB/T 9704 §7.3.4).
pub fn attachment_number(n: u32) -> String {
    format!("{n}.")
}

/// The 序次语 of the `n`-th item of an inline enumeration: 一是, 二是, … 十一是; or （1）…, or
/// 1. ….
pub fn point_number(form: PointNumbers, n: u32) -> String {
    match form {
        PointNumbers::Shi => format!("{}是", chinese_numeral(n)),
        PointNumbers::Parenthesized => format!("（{n}）"),
        PointNumbers::Arabic => format!("{n}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_through_the_tens_and_hundreds() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (35, "三十五"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (120, "一百二十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (2024, "二千零二十四"),
        ];
        for (n, want) in cases {
            assert_eq!(chinese_numeral(n), want, "{n}");
        }
    }

    #[test]
    fn heading_numbers_per_level() {
        assert_eq!(heading_number(1, 1), "一、");
        assert_eq!(heading_number(1, 12), "十二、");
        assert_eq!(heading_number(2, 21), "（二十一）");
        assert_eq!(heading_number(3, 10), "10.");
        assert_eq!(heading_number(4, 3), "（3）");
    }

    #[test]
    fn points_count_past_ten() {
        let all: Vec<String> = (1..=11)
            .map(|n| point_number(PointNumbers::Shi, n))
            .collect();
        assert_eq!(all[0], "一是");
        assert_eq!(all[2], "三是");
        assert_eq!(all[9], "十是");
        assert_eq!(all[10], "十一是");
        assert_eq!(point_number(PointNumbers::Parenthesized, 2), "（2）");
        assert_eq!(point_number(PointNumbers::Arabic, 12), "12.");
    }
}
