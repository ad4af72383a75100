//! Issue 10: DOCX and PDF are paginated once, by the layout — LibreOffice's PDF of our DOCX
//! has the same pages as our PDF on random documents: paragraphs whose text ends on every line
//! of a page, headings at page ends, long titles, 附件, 版记. Each page holds the same text, and
//! no page is blank but numbered.
//!
//! CI renders a sample (`GONGWEN_RANDOM_DOCS`, default 12); `scripts/libreoffice-random.sh`
//! runs all 240.

mod common;
// Shared with tests/libreoffice.rs, which uses all of it.
#[allow(dead_code)]
#[path = "libreoffice/glyphs.rs"]
mod glyphs;

use common::*;
use std::path::Path;

const PT_PER_MM: f64 = 72.0 / 25.4;
/// The 版心's bottom edge (GB/T 9704 §5.2.1), pt; page numbers lie below it.
const BOTTOM: f64 = (37.0 + 225.0) * PT_PER_MM;
/// Marks LibreOffice 7.4 does not paint where they hang at a line's end.
const HANGING: &[char] = &['，', '。', '、', '；', '：', '？', '！'];
/// All the documents the script checks.
const ALL: usize = 240;

/// Real-style 公文 text: paragraphs are whole sentences of it.
const TEXT: &str = "为深入贯彻落实上级决策部署，切实做好本年度各项工作，结合本镇实际，现就有关事项通知如下。\
各村（社区）、各单位要高度重视，加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处。\
要坚持问题导向，聚焦群众反映强烈的突出问题，建立工作台账，实行销号管理，限期整改到位。\
要加强宣传引导，充分利用广播、宣传栏、微信群等渠道，广泛宣传政策要求，营造良好氛围。\
要强化督促检查，镇党政办公室将会同有关部门适时开展督查，对工作推进不力的予以通报批评。\
全年共完成投资1200万元，新建道路3.5公里，改造农村危房46户，受益群众达2000余人。";

/// Whole sentences of [`TEXT`] from a random one on, until at least `len` characters.
fn paragraph(rng: &mut Rng, len: usize) -> String {
    let sentences: Vec<&str> = TEXT.split_inclusive('。').collect();
    let start = rng.below(sentences.len());
    let mut s = String::new();
    for sentence in sentences.iter().cycle().skip(start) {
        if s.chars().count() >= len {
            break;
        }
        s.push_str(sentence);
    }
    s
}

/// A clause of [`TEXT`], without its punctuation: a heading sentence.
fn clause(rng: &mut Rng) -> String {
    let clauses: Vec<&str> = TEXT
        .split(['，', '。', '、'])
        .filter(|c| (4..=20).contains(&c.chars().count()))
        .collect();
    clauses[rng.below(clauses.len())].to_owned()
}

fn document(seed: u64) -> String {
    let mut rng = Rng(seed);
    let kind = ["通知", "报告", "请示"][rng.below(3)];
    let mut y = format!("kind: {kind}\nissuers:\n  - name: 某某县某某镇人民政府\n");
    if rng.below(3) == 0 {
        y.push_str("  - name: 中共某某县某某镇委员会\n");
    }
    y.push_str("recipients: [某某县人民政府]\n");
    let title = if rng.below(4) == 0 {
        // A long title: two or three lines.
        format!("关于{}和{}的有关事项", clause(&mut rng), clause(&mut rng))
    } else {
        "某项重点工作".to_owned()
    };
    y.push_str(&format!("subject: {title}\nbody:\n"));
    // Paragraph lengths from one line to about a page, so that text ends on every line.
    let blocks = 2 + rng.below(9);
    for _ in 0..blocks {
        match rng.below(4) {
            0 => {
                y.push_str(&format!("  - heading: {}\n    body:\n", clause(&mut rng)));
                for _ in 0..1 + rng.below(3) {
                    let len = 10 + rng.below(300);
                    y.push_str(&format!("      - {}\n", paragraph(&mut rng, len)));
                }
            }
            _ => {
                let len = 10 + rng.below(500);
                y.push_str(&format!("  - {}\n", paragraph(&mut rng, len)));
            }
        }
    }
    y.push_str("date: 2024-03-08\n");
    if kind == "请示" {
        y.push_str("note: 联系人：张三，电话：12345678\n");
    }
    if rng.below(2) == 0 {
        y.push_str("imprint:\n  copy_to: [县委办公室, 县财政局]\n  printer: 某某镇党政办公室\n");
    }
    if rng.below(3) == 0 {
        y.push_str("attachments:\n");
        for n in 0..1 + rng.below(2) {
            let len = 20 + rng.below(600);
            y.push_str(&format!(
                "  - title: 第{}项工作安排表\n    body:\n      - {}\n",
                n + 1,
                paragraph(&mut rng, len)
            ));
        }
    }
    y
}

/// The body text of each page (版心 only, hanging marks and spaces left out).
fn page_texts(pdf: &Path) -> Vec<String> {
    glyphs::read(pdf)
        .iter()
        .map(|p| {
            p.lines()
                .iter()
                .filter(|l| l.y < BOTTOM + 3.0)
                .flat_map(|l| l.text().chars().collect::<Vec<_>>())
                .filter(|c| !c.is_whitespace() && !HANGING.contains(c))
                .collect()
        })
        .collect()
}

/// Pages that show a number under the 版心.
fn numbered(pdf: &Path) -> Vec<bool> {
    glyphs::read(pdf)
        .iter()
        .map(|p| p.lines().iter().any(|l| l.y > BOTTOM + 3.0))
        .collect()
}

#[test]
fn libreoffice_paginates_random_documents_like_our_pdf() {
    let count = std::env::var("GONGWEN_RANDOM_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
        .min(ALL);
    let dir = scratch("libreoffice-random");
    // Spread the sample over all the seeds the script checks.
    let seeds: Vec<u64> = (0..count).map(|i| (i * ALL / count) as u64).collect();
    let docx = render_generated(&dir, "random", &seeds, document);
    let lo = libreoffice_all(&dir, &docx);
    let mut failures = Vec::new();
    let mut pages = 0;
    for &seed in &seeds {
        let name = format!("random-{seed:03}");
        let ours = dir.join(format!("{name}.pdf"));
        let theirs = lo.join(format!("{name}.pdf"));
        let (o, l) = (page_texts(&ours), page_texts(&theirs));
        pages += o.len();
        if o.len() != l.len() {
            failures.push(format!(
                "{name}: {} pages in ours, {} in LibreOffice's",
                o.len(),
                l.len()
            ));
            continue;
        }
        for (i, (a, b)) in o.iter().zip(&l).enumerate() {
            if a != b {
                let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
                failures.push(format!(
                    "{name} page {}: text differs after {common} characters: ours …{}… LibreOffice …{}…",
                    i + 1,
                    a.chars().skip(common).take(12).collect::<String>(),
                    b.chars().skip(common).take(12).collect::<String>()
                ));
            }
        }
        for (i, (n, text)) in numbered(&theirs).iter().zip(&l).enumerate() {
            if *n && text.is_empty() {
                failures.push(format!(
                    "{name} page {}: blank but numbered in LibreOffice",
                    i + 1
                ));
            }
        }
    }
    println!("{} documents, {pages} pages compared", seeds.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
