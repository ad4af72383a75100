//! Word segmentation of a title: jieba's dictionary segmentation without its HMM (the same
//! words `jieba_rs::Jieba::cut(text, false)` and `cut_all` give), over a word list compiled into
//! the binary as an fst map (`title-words.fst`, made by `examples/title_words.rs`: jieba's
//! dictionary with its frequencies plus the terms of 公文 titles it would split). Only the
//! title's own characters are looked up, so nothing is built per process.

use fst::raw::{Fst, Output};

/// Word → frequency; the empty key holds the sum of all frequencies.
static WORDS: &[u8] = include_bytes!("title-words.fst");

/// Character spans `(start, end)` of a text's words.
pub struct Segmentation {
    /// The best segmentation (`cut`): consecutive spans covering the text.
    pub words: Vec<(usize, usize)>,
    /// Every dictionary word of the Chinese runs, and every run of other characters
    /// (`cut_all`).
    pub compounds: Vec<(usize, usize)>,
}

/// Segment `text` as jieba does.
pub fn segment(text: &str) -> Segmentation {
    let fst = Fst::new(WORDS).expect("title-words.fst is an fst made by examples/title_words.rs");
    let log_total = (fst.get(b"").expect("the total is stored").value() as f64).ln();
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    for (start, end, han) in runs(&chars, is_han_default) {
        if han {
            cut_block(&fst, log_total, &chars, start, end, &mut words);
        } else {
            words.extend((start..end).map(|i| (i, i + 1)));
        }
    }
    let mut compounds = Vec::new();
    for (start, end, cjk) in runs(&chars, is_cjk) {
        if cjk {
            for i in start..end {
                let found = prefixes(&fst, &chars[i..end]);
                compounds.extend(found.iter().map(|&(len, _)| (i, i + len)));
            }
        } else {
            // Single characters, except runs of what jieba's cut_all does not skip.
            let mut i = start;
            while i < end {
                let mut j = i + 1;
                if !skipped_by_cut_all(chars[i]) {
                    while j < end && !skipped_by_cut_all(chars[j]) {
                        j += 1;
                    }
                }
                compounds.push((i, j));
                i = j;
            }
        }
    }
    Segmentation { words, compounds }
}

/// The most probable route through the dictionary words of `chars[start..end]` (jieba's
/// `calc`, ties to the longer word), then runs of single ASCII letters and digits joined.
fn cut_block(
    fst: &Fst<&[u8]>,
    log_total: f64,
    chars: &[char],
    start: usize,
    end: usize,
    words: &mut Vec<(usize, usize)>,
) {
    let n = end - start;
    // (log probability of the rest, end of the word taken here), per character.
    let mut route = vec![(0.0f64, n); n + 1];
    for i in (0..n).rev() {
        let mut best: Option<(f64, usize)> = None;
        for (len, freq) in prefixes(fst, &chars[start + i..end]) {
            let prob = (freq as f64).ln() - log_total + route[i + len].0;
            if best.is_none_or(|(p, e)| prob > p || (prob == p && i + len > e)) {
                best = Some((prob, i + len));
            }
        }
        route[i] = best.unwrap_or((0.0 - log_total + route[i + 1].0, i + 1));
    }
    let mut x = 0;
    let mut single_run: Option<usize> = None;
    while x < n {
        let y = route[x].1;
        if y - x == 1 && chars[start + x].is_ascii_alphanumeric() {
            single_run.get_or_insert(x);
        } else {
            if let Some(s) = single_run.take() {
                words.push((start + s, start + x));
            }
            words.push((start + x, start + y));
        }
        x = y;
    }
    if let Some(s) = single_run {
        words.push((start + s, start + n));
    }
}

/// Every dictionary word that starts `chars`: its length in characters and its frequency.
fn prefixes(fst: &Fst<&[u8]>, chars: &[char]) -> Vec<(usize, u64)> {
    let mut found = Vec::new();
    let mut node = fst.root();
    let mut out = Output::zero();
    let mut buf = [0u8; 4];
    for (i, ch) in chars.iter().enumerate() {
        for &byte in ch.encode_utf8(&mut buf).as_bytes() {
            let Some(t) = node.find_input(byte).map(|k| node.transition(k)) else {
                return found;
            };
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        if node.is_final() {
            found.push((i + 1, out.cat(node.final_output()).value()));
        }
    }
    found
}

/// Maximal runs of `chars` where `class` holds or does not: `(start, end, holds)`.
fn runs(chars: &[char], class: fn(char) -> bool) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let holds = class(c);
        match out.last_mut() {
            Some(last) if last.2 == holds => last.1 = i + 1,
            _ => out.push((i, i + 1, holds)),
        }
    }
    out
}

/// jieba's CJK ranges.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
    )
}

/// What jieba's `cut` segments with the dictionary: CJK, ASCII letters and digits, `+#&._%-`.
fn is_han_default(c: char) -> bool {
    is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// What jieba's `cut_all` leaves as single characters outside the CJK runs.
fn skipped_by_cut_all(c: char) -> bool {
    !c.is_ascii_alphanumeric() && c != '+' && c != '#' && c != '\n'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_list_holds_the_title_terms() {
        let fst = Fst::new(WORDS).unwrap();
        for line in include_str!("title-terms.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let (term, freq) = line.split_once(' ').expect("a term and its frequency");
            let stored = fst.get(term).map(|o| o.value().to_string());
            assert_eq!(
                stored.as_deref(),
                Some(freq),
                "{term}: run examples/title_words.rs again after editing title-terms.txt"
            );
        }
    }

    #[test]
    fn words_and_compounds() {
        // 安全生产 is a title term: one word, though the dictionary also has 安全 and 生产.
        let s = segment("2024年安全生产（GDP）");
        assert_eq!(
            s.words,
            [(0, 4), (4, 5), (5, 9), (9, 10), (10, 13), (13, 14)]
        );
        for span in [(0, 4), (4, 5), (5, 7), (5, 9), (7, 9), (10, 13)] {
            assert!(s.compounds.contains(&span), "{span:?} in {:?}", s.compounds);
        }
    }
}
