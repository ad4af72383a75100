//! Makes `src/layout/title-words.fst`, the word list title breaking segments with: jieba's
//! dictionary (`dict.txt` of the jieba-rs crate: word, frequency, tag a line) with the terms of
//! `src/layout/title-terms.txt` added at the frequencies listed there, as an fst map from word to
//! frequency; the empty key holds the sum of all frequencies.
//!
//!     cargo run --example title_words -- ~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt

use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let dict = std::env::args()
        .nth(1)
        .expect("usage: title_words PATH/TO/jieba/dict.txt");
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/layout");
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    for source in [Path::new(&dict), &here.join("title-terms.txt")] {
        let text = std::fs::read_to_string(source).expect("the word list reads");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            if let Some(word) = fields.next() {
                let freq = fields.next().map_or(0, |f| f.parse().expect("a frequency"));
                words.insert(word.to_owned(), freq);
            }
        }
    }
    let total: u64 = words.values().sum();
    let mut map = fst::MapBuilder::memory();
    map.insert("", total).expect("the empty key first");
    for (word, freq) in &words {
        map.insert(word, *freq).expect("sorted, distinct words");
    }
    let bytes = map.into_inner().expect("the fst builds");
    std::fs::write(here.join("title-words.fst"), &bytes).expect("the fst writes");
    println!(
        "{} words, total frequency {total}, {} bytes",
        words.len(),
        bytes.len()
    );
}
