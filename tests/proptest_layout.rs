//! Issue 7: random documents — random text with rare characters, headings four levels deep,
//! long titles — always lay out without a panic, keep every character of the input in the
//! PDF's text, and set every line inside the 版心. Issue 14: random 版头 sizes and name lengths
//! either lay out inside the page and the 版心 or are refused at the value's line and column.

mod common;
use common::repo;
use gongwen::gbt9704 as std_;
use gongwen::layout::fonts::Metrics;
use gongwen::layout::{FontOptions, FontSet, Item};
use gongwen::{RenderOptions, Renderer};
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// Characters the text is drawn from: common ones, full-width marks, Latin, digits, and rare
/// name characters that only some bundled face has. Kept only where a bundled face has them
/// (a character no face has is drawn as an empty box and is a warning, not text).
const POOL: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车点单真据产术热响局华战状实际证民族管理镇村县乡街道办事处某梅江秀山";
const MARKS: &str = "，。、；：？！（）《》“”‘’—…·％";
const LATIN: &str = "ABCXYZabcxyz0123456789-.";
const RARE: &str = "镕堃喆珺玥赟䶮";

fn fonts_dir() -> std::path::PathBuf {
    repo().join("fonts")
}

fn font_options() -> FontOptions {
    FontOptions {
        fonts_dir: Some(fonts_dir()),
        bundled_only: true,
    }
}

/// The pool, less what no bundled face can draw.
fn pool() -> &'static Vec<char> {
    static POOL_CHARS: OnceLock<Vec<char>> = OnceLock::new();
    POOL_CHARS.get_or_init(|| {
        let faces: Vec<Vec<u8>> = std::fs::read_dir(fonts_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "otf"))
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        let parsed: Vec<ttf_parser::Face> = faces
            .iter()
            .map(|d| ttf_parser::Face::parse(d, 0).unwrap())
            .collect();
        [POOL, MARKS, LATIN, RARE]
            .concat()
            .chars()
            .filter(|&c| parsed.iter().any(|f| f.glyph_index(c).is_some()))
            .collect()
    })
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pool().clone()), 1..max)
        .prop_map(|cs| cs.into_iter().collect())
}

/// A block of the body, nested as deep as the four heading levels allow.
#[derive(Clone, Debug)]
enum Block {
    Paragraph(String),
    Section {
        heading: String,
        text: Option<String>,
        points: Vec<String>,
        body: Vec<Block>,
    },
}

fn block(depth: u32) -> BoxedStrategy<Block> {
    let paragraph = text(200).prop_map(Block::Paragraph);
    if depth >= 4 {
        return paragraph.boxed();
    }
    let section = (
        text(30),
        prop::option::of(text(120)),
        prop::collection::vec(text(60), 0..4),
        prop::collection::vec(block(depth + 1), 0..3),
    )
        .prop_map(|(heading, text, points, body)| Block::Section {
            heading,
            text,
            points,
            body,
        });
    prop_oneof![2 => paragraph, 1 => section].boxed()
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_blocks(blocks: &[Block], indent: usize, out: &mut String, texts: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    for b in blocks {
        match b {
            Block::Paragraph(t) => {
                out.push_str(&format!("{pad}- {}\n", quoted(t)));
                texts.push(t.clone());
            }
            Block::Section {
                heading,
                text,
                points,
                body,
            } => {
                out.push_str(&format!("{pad}- heading: {}\n", quoted(heading)));
                texts.push(heading.clone());
                if let Some(t) = text {
                    out.push_str(&format!("{pad}  text: {}\n", quoted(t)));
                    texts.push(t.clone());
                }
                if !points.is_empty() {
                    out.push_str(&format!("{pad}  points:\n"));
                    for p in points {
                        out.push_str(&format!("{pad}    - {}\n", quoted(p)));
                        texts.push(p.clone());
                    }
                }
                if !body.is_empty() {
                    out.push_str(&format!("{pad}  body:\n"));
                    yaml_blocks(body, indent + 4, out, texts);
                }
            }
        }
    }
}

/// A whole document as YAML, and every text in it.
fn document() -> impl Strategy<Value = (String, Vec<String>)> {
    (
        text(90),
        // Up to 40 characters: a 署名 longer than the line wraps (see
        // `a_signature_longer_than_the_line_stays_inside_the_type_area` below).
        text(40),
        prop::collection::vec(block(1), 1..6),
    )
        .prop_map(|(title, issuer, body)| {
            let mut texts = vec![title.clone(), issuer.clone()];
            let mut yaml = format!(
                "kind: 报告\nissuers:\n  - name: {}\ntitle: {}\nbody:\n",
                quoted(&issuer),
                quoted(&title)
            );
            yaml_blocks(&body, 2, &mut yaml, &mut texts);
            yaml.push_str("closing: \"\"\ndate: 2024-02-22\n");
            (yaml, texts)
        })
}

fn counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        Renderer::new(&RenderOptions {
            fonts: font_options(),
            ..RenderOptions::default()
        })
        .expect("the bundled fonts load")
    })
}

fn fontset() -> &'static FontSet {
    static SET: OnceLock<FontSet> = OnceLock::new();
    SET.get_or_init(|| FontSet::resolve(&font_options()).expect("the bundled fonts load"))
}

/// Marks that may hang past the right edge of the 版心 (the layout's 行末悬挂).
fn hangs(c: char) -> bool {
    "，。、；：？！）》”’…—,.;:?!".contains(c)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_documents_lay_out_inside_the_type_area_and_keep_their_text(
        (yaml, texts) in document()
    ) {
        let path = Path::new("random.yaml");
        // Lay out (no panic), then check every line against the 版心.
        let loaded = gongwen::input::load_bytes(path, yaml.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{yaml}\n{e:?}"));
        let document = gongwen::model::resolve(loaded.draft, &loaded.source)
            .unwrap_or_else(|e| panic!("{yaml}\n{e:?}"));
        let composed = gongwen::compose::compose(&document, None).unwrap();
        let (pages, _) = gongwen::layout::layout(&composed, fontset());
        let metrics = Metrics::new(fontset());
        let tol = gongwen::length::Length::um(500);
        for (p, page) in pages.pages.iter().enumerate() {
            for item in &page.items {
                let Item::Text(line) = item else { continue };
                let text: String = line.glyphs.iter().map(|g| g.ch).collect();
                let page_number = text.chars().all(|c| c == '—' || c.is_ascii_digit() || c == ' ');
                if page_number {
                    continue;
                }
                prop_assert!(line.baseline - line.size <= std_::TYPE_AREA_BOTTOM + tol
                    && line.baseline >= std_::TYPE_AREA_TOP,
                    "page {}: 「{}」 at baseline {:?} is outside the 版心 vertically", p + 1, text, line.baseline);
                for g in &line.glyphs {
                    let end = if hangs(g.ch) { g.x } else { g.x + metrics.advance(g.face, g.ch, line.size) };
                    prop_assert!(g.x + tol >= std_::TYPE_AREA_LEFT && end <= std_::TYPE_AREA_RIGHT + tol,
                        "page {}: 「{}」 in 「{}」 leaves the 版心 horizontally", p + 1, g.ch, text);
                }
            }
        }

        // Render the PDF: every character of the input is in its text.
        let out = renderer().render_text(path, &yaml).unwrap_or_else(|e| panic!("{yaml}\n{e:?}"));
        let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pdf_text: String = numbers.iter().map(|&n| doc.extract_text(&[n]).unwrap()).collect();
        let have = counts(&pdf_text);
        for (c, n) in counts(&texts.concat()) {
            let got = have.get(&c).copied().unwrap_or(0);
            prop_assert!(got >= n, "「{c}」 appears {n} times in the input, {got} in the PDF\n{yaml}");
        }
    }
}

/// Found by the property above: an issuing body's name longer than the line (here 30
/// characters) was set on one line starting left of the 版心; it now starts at the left edge and
/// wraps before 右空二字.
#[test]
fn a_signature_longer_than_the_line_stays_inside_the_type_area() {
    let name = "中共秀山土家族苗族自治县梅江镇委员会暨某某某某某某工作领导小组办公室";
    let yaml = format!(
        "kind: 报告\nissuers:\n  - name: {name}\ntitle: 关于某事的报告\nbody:\n  - 正文。\ndate: 2024-02-22\n"
    );
    let loaded = gongwen::input::load_bytes(
        Path::new("long-name.yaml"),
        yaml.as_bytes(),
        &Default::default(),
    )
    .unwrap();
    let document = gongwen::model::resolve(loaded.draft, &loaded.source).unwrap();
    let composed = gongwen::compose::compose(&document, None).unwrap();
    let (pages, _) = gongwen::layout::layout(&composed, fontset());
    for page in &pages.pages {
        for item in &page.items {
            let Item::Text(line) = item else { continue };
            for g in &line.glyphs {
                assert!(
                    g.x >= std_::TYPE_AREA_LEFT,
                    "「{}」 starts left of the 版心",
                    g.ch
                );
            }
        }
    }
}

/// Issue 14: a document with a 版头 of 1 to 20 bodies (a 报告 with their 签发人, or a 通知
/// without), names of 1 to 40 characters, a 署名 (with a seal or not, some bodies signing with
/// a shorter or longer `sign_as`) and a 版记 with a long 印发机关. The longest name's length
/// comes back beside the YAML.
fn headed_document() -> impl Strategy<Value = (String, usize, usize)> {
    (
        prop::collection::vec((text(40), prop::option::of(text(40))), 1..=20),
        any::<bool>(),
        text(5),
        text(40),
        prop::collection::vec(text(20), 0..4),
        any::<bool>(),
        prop::collection::vec(block(1), 1..3),
        prop::option::of(text(30)),
        any::<bool>(),
    )
        .prop_map(
            |(issuers, signed, signer, printer, copy_to, seal, body, secrecy, host)| {
                let seal_png = repo().join("samples/seals/sample-seal.png");
                let kind = if signed { "报告" } else { "通知" };
                let mut yaml = format!("kind: {kind}\nissuers:\n");
                let mut longest = 0;
                for (name, sign_as) in &issuers {
                    longest = longest.max(name.chars().count());
                    yaml.push_str(&format!("  - name: {}\n", quoted(name)));
                    if let Some(short) = sign_as {
                        longest = longest.max(short.chars().count());
                        yaml.push_str(&format!("    sign_as: {}\n", quoted(short)));
                    }
                    if seal {
                        yaml.push_str(&format!(
                            "    seal_image: {}\n",
                            quoted(seal_png.to_str().unwrap())
                        ));
                    }
                }
                // The 标志 of every body or of the 主办机关 alone (§7.2.3); 份号, 密级, 紧急程度 above it.
                let names = if host { "主办机关" } else { "全部" };
                yaml.push_str(&format!("header:\n  mark: 文件\n  mark_names: {names}\n"));
                if let Some(secrecy) = &secrecy {
                    longest = longest.max(secrecy.chars().count());
                    yaml.push_str(&format!(
                        "  copy_number: \"000123\"\n  secrecy: {}\n  urgency: 特急\n",
                        quoted(secrecy)
                    ));
                }
                if signed {
                    yaml.push_str("  signers:\n");
                    for _ in &issuers {
                        yaml.push_str(&format!("    - {}\n", quoted(&signer)));
                    }
                } else {
                    yaml.push_str("recipients: [各乡镇人民政府]\n");
                }
                yaml.push_str(&format!(
                    "doc_number: 某府发〔2024〕3号\ntitle: 关于某事的{kind}\n"
                ));
                yaml.push_str(&format!("seal: {seal}\nbody:\n"));
                yaml_blocks(&body, 2, &mut yaml, &mut Vec::new());
                yaml.push_str("date: 2024-02-22\nimprint:\n");
                if !copy_to.is_empty() {
                    let list: Vec<String> =
                        copy_to.iter().map(String::as_str).map(quoted).collect();
                    yaml.push_str(&format!("  copy_to: [{}]\n", list.join(", ")));
                }
                yaml.push_str(&format!("  printer: {}\n", quoted(&printer)));
                (yaml, issuers.len(), longest)
            },
        )
}

/// Every drawn item inside the paper; every text line inside the 版心, but the page number,
/// which GB/T 9704 §7.5 sets below it. Measured here from the glyphs, not by the layout's own
/// check.
fn assert_inside(pages: &gongwen::layout::Pages, yaml: &str) -> Result<(), TestCaseError> {
    let metrics = Metrics::new(fontset());
    let tol = gongwen::length::Length::mm(1);
    let zero = gongwen::length::Length::ZERO;
    for (p, page) in pages.pages.iter().enumerate() {
        for item in page.drawn() {
            match item {
                Item::Text(line) => {
                    let text: String = line.glyphs.iter().map(|g| g.ch).collect();
                    let folio = line.origin == gongwen::layout::Origin::Folio;
                    let (top, bottom, left, right) = if folio {
                        (zero, std_::PAPER_HEIGHT, zero, std_::PAPER_WIDTH)
                    } else {
                        (
                            std_::TYPE_AREA_TOP,
                            std_::TYPE_AREA_BOTTOM,
                            std_::TYPE_AREA_LEFT,
                            std_::TYPE_AREA_RIGHT,
                        )
                    };
                    let em_top = line.baseline - line.size * 88 / 100;
                    prop_assert!(
                        em_top + tol >= top && em_top + line.size <= bottom + tol,
                        "page {}: 「{text}」 leaves its area vertically\n{yaml}",
                        p + 1
                    );
                    for (i, g) in line.glyphs.iter().enumerate() {
                        // A line-end 点号 may hang one character past the edge.
                        let end = if i + 1 == line.glyphs.len() && hangs(g.ch) {
                            g.x
                        } else {
                            g.x + metrics.advance(g.face, g.ch, line.size) * line.scale_percent
                                / 100
                        };
                        prop_assert!(
                            g.x + tol >= left && end <= right + tol,
                            "page {}: 「{}」 in 「{text}」 leaves its area horizontally\n{yaml}",
                            p + 1,
                            g.ch
                        );
                    }
                }
                Item::Rule(r) => prop_assert!(
                    r.x0 >= zero
                        && r.x1 <= std_::PAPER_WIDTH
                        && r.y >= zero
                        && r.y <= std_::PAPER_HEIGHT,
                    "page {}: a rule leaves the paper\n{yaml}",
                    p + 1
                ),
                Item::Image(i) => prop_assert!(
                    i.x >= zero
                        && i.y >= zero
                        && i.x + i.width <= std_::PAPER_WIDTH
                        && i.y + i.height <= std_::PAPER_HEIGHT,
                    "page {}: a seal leaves the paper\n{yaml}",
                    p + 1
                ),
                Item::Line(l) => prop_assert!(
                    l.x0.min(l.x1) >= std_::TYPE_AREA_LEFT - tol
                        && l.x0.max(l.x1) <= std_::TYPE_AREA_RIGHT + tol
                        && l.y0.min(l.y1) >= std_::TYPE_AREA_TOP - tol
                        && l.y0.max(l.y1) <= std_::TYPE_AREA_BOTTOM + tol,
                    "page {}: a table rule leaves the 版心\n{yaml}",
                    p + 1
                ),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_letterheads_signatures_and_imprints_stay_inside_their_places(
        (yaml, bodies, longest) in headed_document()
    ) {
        let path = Path::new("headed.yaml");
        let loaded = gongwen::input::load_bytes(path, yaml.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{yaml}\n{e:?}"));
        let source = loaded.source;
        let document = gongwen::model::resolve(loaded.draft, &source)
            .unwrap_or_else(|e| panic!("{yaml}\n{e:?}"));
        let composed = gongwen::compose::compose(&document, None).unwrap();
        let (pages, _) = gongwen::layout::layout(&composed, fontset());
        let refused = gongwen::layout_errors(&pages, &document, &source, fontset());
        if refused.is_empty() {
            assert_inside(&pages, &yaml)?;
        } else {
            // A refusal names the value at its line and column, and comes only where the
            // 版头 or a 署名 cannot fit: many bodies or a long name or 密级.
            for e in &refused {
                prop_assert!(
                    e.location.as_ref().is_some_and(|l| l.line > 0),
                    "{e}\n{yaml}"
                );
            }
            prop_assert!(bodies > 4 || longest > 20, "{refused:?}\n{yaml}");
        }
    }
}
