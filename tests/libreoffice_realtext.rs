//! Issue 17: on real-style text not written by us (tests/libreoffice/realtext.rs: digits and
//! Latin among Chinese, half-width marks as clerks type them, long numbers, dates, 《》 and “”,
//! U+3000, runs of headings), LibreOffice's PDF of our DOCX has our PDF's page count, ends its
//! wrapped lines at the same character (99.0 % of them on all 120; the target 98 %,
//! docs/docx-line-breaks.md), and — wherever every line breaks alike — puts the same text on
//! every page: runs of headings (keepNext chains) and the lines before the 署名 paginate alike.
//!
//! CI renders a sample (`GONGWEN_REALTEXT_DOCS`, default 20); `scripts/libreoffice-realtext.sh`
//! runs all 120 and prints every disagreement.

#[allow(dead_code)]
#[path = "libreoffice/breaks.rs"]
mod breaks;
mod common;
#[allow(dead_code)]
#[path = "libreoffice/glyphs.rs"]
mod glyphs;
#[path = "libreoffice/realtext.rs"]
mod realtext;

use common::*;

/// All the documents the script checks.
const ALL: usize = 120;
/// The share of wrap breaks at the same character below which the test fails — the issue's
/// target: 99.0 % on all 120 and 99.3 % on CI's 20 (58.7 % before issue 17, 86.7 % after its
/// first fixes); what remains is listed in docs/docx-line-breaks.md.
const BREAK_MATCH_FLOOR: f64 = 0.98;

/// A page whose first line is a heading (一、, （一）): where a keepNext chain was moved.
fn starts_with_heading(page: &glyphs::Page) -> bool {
    let lines = breaks::body_lines(page);
    let Some(first) = lines.first() else {
        return false;
    };
    let t = first.text();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = t.chars();
    match chars.next() {
        Some('（') => chars.next().is_some_and(numeral),
        Some(c) if numeral(c) => chars.find(|&c| !numeral(c)) == Some('、'),
        _ => false,
    }
}

#[test]
fn libreoffice_breaks_real_style_text_where_our_pdf_does() {
    let count = std::env::var("GONGWEN_REALTEXT_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
        .min(ALL);
    let dir = scratch("libreoffice-realtext");
    let seeds: Vec<u64> = (0..count).map(|i| (i * ALL / count) as u64).collect();
    let docx = render_generated(&dir, "real", &seeds, realtext::document);
    let lo = libreoffice_all(&dir, &docx);
    let (mut breaks, mut matched) = (0, 0);
    let (mut pages, mut headed_pages, mut different_pages) = (0, 0, 0);
    let mut failures = Vec::new();
    for &seed in &seeds {
        let name = format!("real-{seed:03}");
        let ours = glyphs::read(&dir.join(format!("{name}.pdf")));
        let theirs = glyphs::read(&lo.join(format!("{name}.pdf")));
        if ours.len() != theirs.len() {
            failures.push(format!(
                "{name}: {} pages in ours, {} in LibreOffice's",
                ours.len(),
                theirs.len()
            ));
        }
        // Each page should hold the same text (runs of headings, the lines before the 署名)
        // wherever the lines break alike; a line that holds one more character in LibreOffice
        // may move a line to the next page.
        let page_text = |p: &glyphs::Page| -> String {
            breaks::body_lines(p)
                .iter()
                .flat_map(|l| l.text().chars().collect::<Vec<_>>())
                .filter(|c| !breaks::HANGING.contains(c))
                .collect()
        };
        let mut page_differs = None;
        for (i, (o, l)) in ours.iter().zip(&theirs).enumerate() {
            pages += 1;
            headed_pages += usize::from(i > 0 && starts_with_heading(o));
            let (a, b) = (page_text(o), page_text(l));
            if a != b && page_differs.is_none() {
                let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
                println!(
                    "{name} page {}: text differs after {common} characters: ours …{}… LibreOffice …{}…",
                    i + 1,
                    a.chars().skip(common).take(12).collect::<String>(),
                    b.chars().skip(common).take(12).collect::<String>()
                );
                page_differs = Some(i + 1);
            }
        }
        let breaks_before = breaks - matched;
        let (otext, oends, _) = breaks::line_ends(&ours);
        let (ltext, lends, _) = breaks::line_ends(&theirs);
        if otext != ltext {
            failures.push(format!("{name}: the two PDFs hold different text"));
            continue;
        }
        let paragraphs = breaks::paragraph_ends(&dir.join(format!("{name}.docx")));
        let chars: Vec<char> = otext.chars().collect();
        for &e in oends.iter().filter(|e| !paragraphs.contains(e)) {
            breaks += 1;
            if lends.contains(&e) {
                matched += 1;
            } else {
                let from = e.saturating_sub(8);
                let to = (e + 4).min(chars.len());
                println!(
                    "{name} differs: {}|{}",
                    chars[from..e].iter().collect::<String>(),
                    chars[e..to].iter().collect::<String>()
                );
            }
        }
        if let Some(page) = page_differs {
            different_pages += 1;
            if breaks - matched == breaks_before {
                failures.push(format!(
                    "{name}: every line breaks alike, yet page {page} holds other text"
                ));
            }
        }
    }
    let share = matched as f64 / breaks.max(1) as f64;
    println!(
        "{} documents, {pages} pages ({headed_pages} open with a heading): {} failures, page text differs in {different_pages} documents",
        seeds.len(),
        failures.len()
    );
    println!(
        "{} documents: wrap breaks at the same character {matched}/{breaks} = {:.1}%",
        seeds.len(),
        share * 100.0
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(breaks > 0, "the documents wrap no line");
    assert!(
        share >= BREAK_MATCH_FLOOR,
        "break match {share:.3} below the floor {BREAK_MATCH_FLOOR}"
    );
}
