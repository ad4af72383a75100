//! 标题 — 二号小标宋, centred. A title too long for one line is broken only between words
//! (jieba's segmentation over a compiled word list, `words.rs`, or the clerk's | hints) into
//! lines shaped as a trapezoid (上长下短) or, for three lines and more, a diamond (菱形), as
//! balanced as the words allow (GB/T 9704 §7.3.1 "词意完整，排列对称，长短适宜").

use super::fonts::Metrics;
use super::linebreak::{self, Atom};
use super::setting::{self, SetLine, Style};
use super::words;
use crate::compose::Run;
use crate::length::Length;

/// Most lines a title is balanced over by search; longer titles are set greedily.
const MAX_BALANCED_LINES: usize = 4;

/// Set the title within `width`, breaking at `hints` (character offsets) when given.
pub fn set(
    metrics: &Metrics,
    runs: &[Run],
    style: &Style,
    width: Length,
    hints: &[usize],
) -> Vec<SetLine> {
    let (atoms, _) = setting::atoms(metrics, runs, style);
    let text: String = atoms.iter().map(|a| a.ch).collect();
    let breaks = if !hints.is_empty() {
        hints.to_vec()
    } else if total(&atoms, 0, atoms.len()) <= width {
        Vec::new()
    } else {
        // Prefer breaks no dictionary word straddles (安全|生产 is inside 安全生产); fall back
        // to the segmenter's own word boundaries when those admit no good shape.
        let (strict, loose) = word_starts(&text, &atoms);
        balanced_breaks(&atoms, &strict, width)
            .filter(|b| !b.is_empty())
            .or_else(|| balanced_breaks(&atoms, &loose, width))
            .unwrap_or_else(|| greedy_breaks(&atoms, &loose, width))
    };
    setting::set_at(metrics, runs, style, width, &breaks)
}

fn total(atoms: &[Atom], from: usize, to: usize) -> Length {
    linebreak::span_width(atoms, from, to)
}

/// Offsets where a line may start, allowed by 禁则: (between words that do not together form
/// a dictionary word — 安全|生产 is inside 安全生产 —, between any two words).
fn word_starts(text: &str, atoms: &[Atom]) -> (Vec<usize>, Vec<usize>) {
    let allowed = linebreak::break_opportunities(atoms);
    let words::Segmentation { words, compounds } = words::segment(text);
    let mut strict = Vec::new();
    let mut loose = Vec::new();
    for pair in words.windows(2) {
        let ((left, _), (k, right)) = (pair[0], pair[1]);
        // A number keeps its unit: 2024年 is not broken after the digits.
        if !allowed[k] || atoms[k - 1].ch.is_ascii_digit() {
            continue;
        }
        loose.push(k);
        if !compounds.iter().any(|&(a, b)| a <= left && b >= right) {
            strict.push(k);
        }
    }
    (strict, loose)
}

/// The best breaks among `starts`: the fewest lines that fit, then the shape — trapezoid or
/// diamond — with the shortest longest line, then the smallest spread.
fn balanced_breaks(atoms: &[Atom], starts: &[usize], width: Length) -> Option<Vec<usize>> {
    let n = atoms.len();
    for lines in 2..=MAX_BALANCED_LINES {
        let mut best: Option<(Length, Length, Vec<usize>)> = None;
        let mut chosen = Vec::with_capacity(lines - 1);
        search(
            atoms,
            starts,
            width,
            lines - 1,
            0,
            &mut chosen,
            &mut |breaks| {
                let mut edges = vec![0];
                edges.extend_from_slice(breaks);
                edges.push(n);
                let widths: Vec<Length> =
                    edges.windows(2).map(|w| total(atoms, w[0], w[1])).collect();
                if !well_shaped(&widths) {
                    return;
                }
                let longest = *widths.iter().max().expect("at least two lines");
                let spread = longest - *widths.iter().min().expect("at least two lines");
                if best
                    .as_ref()
                    .is_none_or(|(l, s, _)| (longest, spread) < (*l, *s))
                {
                    best = Some((longest, spread, breaks.to_vec()));
                }
            },
        );
        if let Some((_, _, breaks)) = best {
            return Some(breaks);
        }
    }
    None
}

/// Fill each line as far as words allow (a title no balanced shape fits).
fn greedy_breaks(atoms: &[Atom], starts: &[usize], width: Length) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut line_start = 0;
    let mut last_fit = None;
    for &s in starts {
        if total(atoms, line_start, s) <= width {
            last_fit = Some(s);
        } else if let Some(b) = last_fit.take() {
            breaks.push(b);
            line_start = b;
        }
    }
    breaks
}

/// Try every choice of `left` more breaks after `from`, lines no wider than `width`.
fn search(
    atoms: &[Atom],
    starts: &[usize],
    width: Length,
    left: usize,
    from: usize,
    chosen: &mut Vec<usize>,
    visit: &mut dyn FnMut(&[usize]),
) {
    if left == 0 {
        if total(atoms, from, atoms.len()) <= width {
            visit(chosen);
        }
        return;
    }
    for &s in starts.iter().filter(|&&s| s > from) {
        if total(atoms, from, s) > width {
            break;
        }
        chosen.push(s);
        search(atoms, starts, width, left - 1, s, chosen, visit);
        chosen.pop();
    }
}

/// 梯形: each line at least as long as the next. 菱形 (three lines and more): rising to one
/// longest line, then falling, with the first and last lines shorter than it.
fn well_shaped(widths: &[Length]) -> bool {
    let trapezoid = widths.windows(2).all(|w| w[0] >= w[1]);
    let peak = widths
        .iter()
        .enumerate()
        .max_by_key(|(_, w)| **w)
        .map_or(0, |(i, _)| i);
    let diamond = widths.len() >= 3
        && widths[0] < widths[peak]
        && widths[widths.len() - 1] < widths[peak]
        && widths[..=peak].windows(2).all(|w| w[0] <= w[1])
        && widths[peak..].windows(2).all(|w| w[0] >= w[1]);
    trapezoid || diamond
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::{FontOptions, FontSet};

    /// The title's words: `|` where a line may start (strict), `/` only a word boundary (loose).
    fn words(text: &str, atoms: &[Atom]) -> String {
        let (strict, loose) = word_starts(text, atoms);
        let mut out = String::new();
        for (i, ch) in text.chars().enumerate() {
            if strict.contains(&i) {
                out.push('|');
            } else if loose.contains(&i) {
                out.push('/');
            }
            out.push(ch);
        }
        out
    }

    /// The title's style, as the engine sets it.
    fn style() -> Style {
        Style {
            size: crate::gbt9704::SIZE_2,
            tracking: Length::ZERO,
            plain: crate::layout::fonts::FontRole::Title,
            first_indent: Length::ZERO,
            justify: false,
            center: true,
        }
    }

    /// The title's lines as set on the type area, joined by ` ‖ `.
    fn lines(metrics: &Metrics, text: &str) -> String {
        let set = set(
            metrics,
            &[Run::plain(text)],
            &style(),
            crate::gbt9704::TYPE_AREA_WIDTH,
            &[],
        );
        set.iter()
            .map(|l| l.glyphs.iter().map(|g| g.0).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ‖ ")
    }

    /// Real and real-style 公文 titles with the words and lines recorded from jieba's
    /// segmentation (tests/data/titles.tsv): every one must still break the same way.
    #[test]
    fn titles_break_as_recorded() {
        let fonts = FontSet::resolve(&FontOptions {
            fonts_dir: Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")),
            bundled_only: true,
        })
        .expect("the bundled fonts load");
        let metrics = Metrics::new(&fonts);
        let cases: Vec<(&str, &str)> = include_str!("../../tests/data/titles.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split_once('\t').expect("words, a tab, lines"))
            .collect();
        assert!(cases.len() >= 50, "{} titles", cases.len());
        let mut wrong = Vec::new();
        for (want_words, want_lines) in cases {
            let title: String = want_lines.split(" ‖ ").collect();
            let (atoms, _) = setting::atoms(&metrics, &[Run::plain(title.as_str())], &style());
            let (got_words, got_lines) = (words(&title, &atoms), lines(&metrics, &title));
            if (got_words.as_str(), got_lines.as_str()) != (want_words, want_lines) {
                wrong.push(format!(
                    "{want_words}\n  → {got_words}\n{want_lines}\n  → {got_lines}"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    }

    fn atoms(n: usize) -> Vec<Atom> {
        vec![
            Atom {
                ch: '字',
                advance: Length::emu(10),
                gap_after: Length::ZERO,
            };
            n
        ]
    }

    #[test]
    fn two_lines_balance_with_the_longer_on_top() {
        // 25 characters on lines of 20, words of 5: 15 + 10 rather than 20 + 5.
        let starts = [5, 10, 15, 20];
        let breaks = balanced_breaks(&atoms(25), &starts, Length::emu(200));
        assert_eq!(breaks, Some(vec![15]));
    }

    #[test]
    fn breaks_fall_only_between_words() {
        let starts = [3, 11];
        let breaks = balanced_breaks(&atoms(22), &starts, Length::emu(200));
        assert_eq!(
            breaks,
            Some(vec![11]),
            "11 + 11 is the only two-line split at a word boundary"
        );
    }

    #[test]
    fn shapes() {
        let l = |v: &[i64]| v.iter().map(|&x| Length::emu(x)).collect::<Vec<_>>();
        assert!(well_shaped(&l(&[20, 15])));
        assert!(!well_shaped(&l(&[15, 20])));
        assert!(well_shaped(&l(&[15, 20, 12])), "diamond");
        assert!(well_shaped(&l(&[20, 18, 12])), "trapezoid");
        assert!(!well_shaped(&l(&[20, 12, 18])));
        assert!(
            !well_shaped(&l(&[15, 17, 17])),
            "the last line as long as the longest is 上短下长"
        );
    }
}
