//! 断行 — CJK line breaking on the 28-字 grid, with 禁则 (避头尾) per GB/T 15834.
//!
//! Rules, in the order they apply:
//! - never break inside a run of digits or Latin letters (2023, 100%, 6+1, 12,345.67) or
//!   inside a doubled mark (—— ……), nor between a half-width , . : ; or % and a digit after
//!   it (电话:13800138000, 5%5; UAX #14 LB25 IS × NU, PO × NU — LibreOffice's choice), nor
//!   between a full-width closing mark and a digit or Latin letter after it (〔2023〕5号,
//!   《规划》2024: LibreOffice moves the mark down with the character before it), nor
//!   between a 点号 that follows a number and a digit or letter after it (15.8%。2024);
//! - a dash joining two runs may end a line but not start one (0731-|84567890,
//!   2021—|2025): LibreOffice breaks there, and GB/T 15834 lets no dash begin a line;
//! - no line starts with a closing mark ([`NO_LINE_START`]) and none ends with an opening
//!   mark ([`NO_LINE_END`]);
//! - [`HANGING`] marks may hang one character past the right edge (the punctuation choice
//!   of both writers, the same as Word's and LibreOffice's default "允许标点溢出边界"): the
//!   full-width 点号, and the half-width , . ; : ? ! a clerk may type, which LibreOffice hangs
//!   as well — but not after a digit or Latin letter: LibreOffice hangs no mark there (投资1。
//!   and PPP, move down whole, and 98.5%， too; after a lone %, ） or a 汉字 marks hang).
//!   docs/docx-line-breaks.md.
//!
//! A paragraph's last line may hold one character: neither DOCX reader moves one more down,
//! and the DOCX must break where the PDF does.

use crate::length::Length;

/// Marks that may not begin a line (GB/T 15834-2011 §5; clreq §3.1.7).
pub const NO_LINE_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '”', '’', '％', '…', '〕',
    '】', '〉', '·', '．', ',', '.', ';', ':', '?', '!', ')', '%', ']',
];

/// Marks that may not end a line (GB/T 15834-2011 §5; clreq §3.1.7).
pub const NO_LINE_END: &[char] = &['（', '《', '「', '『', '“', '‘', '〔', '【', '〈', '(', '['];

/// Marks that may hang past the right edge of the 版心 by one character: the full-width 点号,
/// and the half-width ones a clerk may type among them (LibreOffice hangs those too).
pub const HANGING: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', ',', '.', ';', ':', '?', '!',
];

/// Full-width closing marks: no line break between one and a digit or Latin letter after it.
const CLOSING_FULL: &[char] = &['）', '》', '」', '』', '”', '’', '〕', '】', '〉'];

/// One character to be set, with its advance on the line (tracking included).
#[derive(Clone, Copy, Debug)]
pub struct Atom {
    pub ch: char,
    pub advance: Length,
    /// Space before the next character, dropped where the line breaks after this one (the
    /// gap between Chinese and Latin or digits).
    pub gap_after: Length,
}

/// The width of `atoms[from..to]` on one line: advances, and the gaps between them.
pub fn span_width(atoms: &[Atom], from: usize, to: usize) -> Length {
    let advances: Length = atoms[from..to].iter().map(|a| a.advance).sum();
    let gaps: Length = atoms[from..to.saturating_sub(1).max(from)]
        .iter()
        .map(|a| a.gap_after)
        .sum();
    advances + gaps
}

/// A line: `atoms[start..end]`; with `hang`, the last atom sits past the right edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub hang: bool,
}

/// Break `atoms` into lines of at most `width`, the first line `indent` narrower.
pub fn break_lines(atoms: &[Atom], width: Length, indent: Length) -> Vec<Line> {
    let breakable = break_opportunities(atoms);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < atoms.len() {
        let room = if lines.is_empty() {
            width - indent
        } else {
            width
        };
        let line = fit(atoms, &breakable, start, room);
        start = line.end;
        lines.push(line);
    }
    lines
}

/// Break `atoms` as [`break_lines`] does, but leave a lone last character where it falls and
/// hang no mark past the edge: how LibreOffice breaks a table cell (measured), which the DOCX
/// cannot tell to do otherwise.
pub fn break_lines_greedy(atoms: &[Atom], width: Length) -> Vec<Line> {
    let breakable = break_opportunities(atoms);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < atoms.len() {
        let mut line = fit(atoms, &breakable, start, width);
        // A hanging mark goes down with what 禁则 keeps with it.
        while line.hang && line.end - start > 1 {
            let room = span_width(atoms, start, line.end - 1) - Length::emu(1);
            let shorter = fit(atoms, &breakable, start, room);
            if shorter.end >= line.end {
                break;
            }
            line = shorter;
        }
        start = line.end;
        lines.push(line);
    }
    lines
}

/// Break at each of `forced` (atom offsets) first, then within each piece as [`break_lines`].
pub fn break_lines_at(
    atoms: &[Atom],
    width: Length,
    indent: Length,
    forced: &[usize],
) -> Vec<Line> {
    let mut edges = vec![0];
    edges.extend(forced.iter().copied().filter(|&f| f > 0 && f < atoms.len()));
    edges.push(atoms.len());
    edges.dedup();
    let mut lines = Vec::new();
    for piece in edges.windows(2) {
        let first = if piece[0] == 0 { indent } else { Length::ZERO };
        lines.extend(
            break_lines(&atoms[piece[0]..piece[1]], width, first)
                .into_iter()
                .map(|l| Line {
                    start: l.start + piece[0],
                    end: l.end + piece[0],
                    hang: l.hang,
                }),
        );
    }
    lines
}

/// Whether `atoms[k - 1]` ends a number: a digit, or a percent sign after one (98.5%, 12％).
/// A mark after a number belongs to it in LibreOffice: it does not hang, and no line starts
/// with a digit or letter right after it (15.8%。2024.3.8 moves down whole).
fn ends_number(atoms: &[Atom], k: usize) -> bool {
    let digit = |j: usize| atoms[j].ch.is_ascii_digit();
    match k.checked_sub(1) {
        Some(j) if digit(j) => true,
        Some(j) => matches!(atoms[j].ch, '%' | '％') && j > 0 && digit(j - 1),
        None => false,
    }
}

/// `breakable[i]`: a line may start at atom `i`.
pub fn break_opportunities(atoms: &[Atom]) -> Vec<bool> {
    let word = |c: char| c.is_ascii_alphanumeric();
    let dash = |c: char| "-—–".contains(c);
    let joiner = |c: char| "%+./:,~_@#&'".contains(c) || c == '％' || dash(c);
    let infix = |c: char| ",.:;%".contains(c);
    (0..atoms.len())
        .map(|i| {
            if i == 0 {
                return true;
            }
            let (prev, cur) = (atoms[i - 1].ch, atoms[i].ch);
            let next = atoms.get(i + 1).map(|a| a.ch);
            let prev2 = i.checked_sub(2).map(|j| atoms[j].ch);
            let inside_word = (word(prev) && word(cur))
                || (word(prev) && joiner(cur) && next.is_some_and(word))
                || (joiner(prev) && !dash(prev) && word(cur) && prev2.is_some_and(word))
                || (infix(prev) && cur.is_ascii_digit())
                || (word(prev) && cur == '%')
                || (CLOSING_FULL.contains(&prev) && word(cur))
                || (HANGING.contains(&prev) && word(cur) && ends_number(atoms, i - 1));
            let doubled = prev == cur && (cur == '—' || cur == '…');
            !(inside_word
                || doubled
                || NO_LINE_START.contains(&cur)
                || NO_LINE_END.contains(&prev)
                || cur == ' ')
        })
        .collect()
}

/// The longest line from `start` that fits `room`.
fn fit(atoms: &[Atom], breakable: &[bool], start: usize, room: Length) -> Line {
    let mut width = Length::ZERO;
    let mut i = start;
    while i < atoms.len() {
        let gap = if i > start {
            atoms[i - 1].gap_after
        } else {
            Length::ZERO
        };
        if width + gap + atoms[i].advance > room {
            break;
        }
        width += gap + atoms[i].advance;
        i += 1;
    }
    if i == atoms.len() {
        return Line {
            start,
            end: i,
            hang: false,
        };
    }
    // The next atom overflows. A hanging mark may sit past the edge if a line can start after
    // it and it does not follow a digit or Latin letter.
    let can_end_after = |k: usize| k + 1 >= atoms.len() || breakable[k + 1];
    let mark = atoms[i].ch;
    if i > start
        && HANGING.contains(&mark)
        && !atoms[i - 1].ch.is_ascii_alphanumeric()
        && !ends_number(atoms, i)
        && can_end_after(i)
    {
        return Line {
            start,
            end: i + 1,
            hang: true,
        };
    }
    // Otherwise end before the last place a line may start.
    match (start + 1..=i).rev().find(|&k| breakable[k]) {
        Some(k) => Line {
            start,
            end: k,
            hang: false,
        },
        // One unbreakable run longer than the line: cut it where it overflows.
        None => Line {
            start,
            end: i.max(start + 1),
            hang: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width characters of 10 units, half-width (ASCII) of 5, on lines of `cells` cells.
    fn atoms(text: &str) -> Vec<Atom> {
        text.chars()
            .map(|ch| Atom {
                ch,
                advance: Length::emu(if ch.is_ascii() { 5 } else { 10 }),
                gap_after: Length::ZERO,
            })
            .collect()
    }

    fn lines(text: &str, cells: i64, indent: i64) -> Vec<String> {
        let a = atoms(text);
        break_lines(&a, Length::emu(cells * 10), Length::emu(indent * 10))
            .iter()
            .map(|l| a[l.start..l.end].iter().map(|a| a.ch).collect())
            .collect()
    }

    #[test]
    fn closing_marks_hang_rather_than_start_a_line() {
        assert_eq!(
            lines("一二三四，五六七八", 4, 0),
            ["一二三四，", "五六七八"]
        );
    }

    #[test]
    fn no_mark_hangs_after_a_digit_or_latin_letter() {
        // 1。 would fit with 。 hanging; the digit moves down with its mark instead.
        assert_eq!(lines("一二三1。四五", 4, 0), ["一二三", "1。四五"]);
        assert_eq!(lines("一二三A，四五", 4, 0), ["一二三", "A，四五"]);
        assert_eq!(lines("一二三12。四五", 4, 0), ["一二三", "12。四五"]);
        // After % (or a Chinese character) the mark still hangs.
        assert_eq!(lines("一二三%。四五", 4, 0), ["一二三%。", "四五"]);
    }

    #[test]
    fn a_non_hanging_closing_mark_takes_its_character_along() {
        // ） cannot hang and cannot start a line: 四） moves down together.
        assert_eq!(
            lines("一二三四）五六七八", 4, 0),
            ["一二三", "四）五六", "七八"]
        );
    }

    #[test]
    fn opening_marks_never_end_a_line() {
        assert_eq!(
            lines("一二三《四五》六七", 4, 0),
            ["一二三", "《四五》", "六七"]
        );
    }

    #[test]
    fn digit_and_latin_runs_stay_whole() {
        assert_eq!(lines("一二三12,345元", 5, 0), ["一二三", "12,345元"]);
        // 话:1 would fit, but no line breaks between : and the number.
        assert_eq!(lines("一二三电话:138", 6, 0), ["一二三电", "话:138"]);
        assert_eq!(lines("一二三四100%五", 5, 0), ["一二三四", "100%五"]);
        assert_eq!(lines("一二三四6+1五六", 5, 0), ["一二三四", "6+1五六"]);
    }

    #[test]
    fn a_dash_may_end_a_line_but_not_start_one() {
        assert_eq!(lines("一二2021—2025年", 6, 0), ["一二2021—", "2025年"]);
        assert_eq!(lines("一二三0731-8456", 6, 0), ["一二三0731-", "8456"]);
        assert_eq!(lines("一二三四0731-8456", 5, 0), ["一二三四", "0731-8456"]);
    }

    #[test]
    fn a_last_line_may_hold_one_character() {
        assert_eq!(lines("一二三四五", 4, 0), ["一二三四", "五"]);
        assert_eq!(lines("一二三四五。", 4, 0), ["一二三四", "五。"]);
    }

    #[test]
    fn half_width_marks_hang_after_chinese_but_not_after_digits() {
        assert_eq!(lines("一二三四,五六", 4, 0), ["一二三四,", "五六"]);
        assert_eq!(lines("一二三四.五六", 4, 0), ["一二三四.", "五六"]);
        assert_eq!(lines("一二三）!五六", 4, 0), ["一二三）!", "五六"]);
        assert_eq!(lines("一二三12,五六", 4, 0), ["一二三", "12,五六"]);
    }

    #[test]
    fn a_mark_after_a_number_neither_hangs_nor_lets_a_number_start_the_next_line() {
        // 。 fits after 8%; no break before 2024, so the whole run moves down.
        assert_eq!(lines("一二8%。2024", 5, 0), ["一二", "8%。2024"]);
        // After a 汉字 the break stays.
        assert_eq!(lines("一二三。2024", 5, 0), ["一二三。", "2024"]);
        // ， would hang after a 汉字 or a lone %, not after 98%.
        assert_eq!(lines("一二98%，五", 4, 0), ["一二", "98%，五"]);
        assert_eq!(lines("一二三四%，五", 5, 0), ["一二三四%，", "五"]);
    }

    #[test]
    fn a_closing_mark_holds_on_to_a_digit_or_letter_after_it() {
        // 〕 fits, 5 does not; 〕 may not start a line, so 三〕 moves down with 5.
        assert_eq!(lines("一二三〕5号", 4, 0), ["一二", "三〕5号"]);
        assert_eq!(lines("一二三》A号", 4, 0), ["一二", "三》A号"]);
        // Before a Chinese character the break stays.
        assert_eq!(lines("一二三〕五号", 4, 0), ["一二三〕", "五号"]);
        // A half-width % holds on to a digit after it.
        assert_eq!(lines("一二三%55号", 4, 0), ["一二", "三%55号"]);
    }

    #[test]
    fn the_gap_before_a_number_counts_inside_a_line_but_not_at_its_end() {
        // 一二三 then 45: a gap of 3 after 三. "一二三45" is 30 + 3 + 10 = 43 wide.
        let mut a = atoms("一二三45六七");
        a[2].gap_after = Length::emu(3);
        a[4].gap_after = Length::emu(3);
        assert_eq!(span_width(&a, 0, 5), Length::emu(43));
        let at = |w| break_lines(&a, Length::emu(w), Length::ZERO)[0].end;
        assert_eq!(at(42), 3, "45 does not fit with the gap before it");
        assert_eq!(at(43), 5);
        assert_eq!(
            span_width(&a, 0, 3),
            Length::emu(30),
            "a gap at the line end is dropped"
        );
    }

    #[test]
    fn first_line_is_indented() {
        assert_eq!(
            lines("一二三四五六七八", 4, 2),
            ["一二", "三四五六", "七八"]
        );
    }
}
