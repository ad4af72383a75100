//! Issue 4: the DOCX parts read back — section, grid, styles, settings, font table, footers,
//! properties (their schema order and packaging: tests/docx_package.rs).

mod common;
use common::*;
use roxmltree::{Document, Node};
use std::path::PathBuf;
use std::sync::OnceLock;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn seed() -> PathBuf {
    static ONCE: OnceLock<PathBuf> = OnceLock::new();
    ONCE.get_or_init(|| render(&sample("meijiang-2023-report.yaml"), "docx-xml").0)
        .clone()
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Vec<Node<'a, 'a>> {
    node.descendants()
        .filter(|n| n.has_tag_name((W, name)))
        .collect()
}

/// An on/off element's value (`None` when absent).
fn keep_next(node: Option<Node>) -> Option<bool> {
    node.map(|n| !matches!(n.attribute((W, "val")), Some("0" | "false" | "off")))
}

fn attr<'a>(node: Node<'a, 'a>, name: &str) -> &'a str {
    node.attribute((W, name))
        .unwrap_or_else(|| panic!("w:{name} on {:?}", node.tag_name()))
}

#[test]
fn the_section_has_the_gbt9704_page_grid_and_footers() {
    let xml = docx_part(&seed(), "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let sect = w(doc.root(), "sectPr");
    assert_eq!(sect.len(), 1);
    let sect = sect[0];
    let pg = w(sect, "pgSz")[0];
    assert_eq!((attr(pg, "w"), attr(pg, "h")), ("11906", "16838"), "A4");
    let m = w(sect, "pgMar")[0];
    assert_eq!(attr(m, "top"), "2098", "天头 37 mm");
    assert_eq!(attr(m, "left"), "1587", "订口 28 mm");
    assert_eq!(attr(m, "bottom"), "1984", "297 − 37 − 225 = 35 mm");
    assert_eq!(attr(m, "right"), "1474", "210 − 28 − 156 = 26 mm");
    // The footer's bottom 23.06 mm above the paper edge: the top of a 四号 line 7 mm under the 版心.
    assert_eq!(attr(m, "footer"), "1307");
    let grid = w(sect, "docGrid")[0];
    assert_eq!(
        (attr(grid, "type"), attr(grid, "linePitch")),
        ("lines", "579")
    );
    assert!(
        grid.attribute((W, "charSpace")).is_none(),
        "no character grid (LibreOffice sets 14–18 per line with it)"
    );
    let refs: Vec<(&str, &str)> = w(sect, "footerReference")
        .iter()
        .map(|r| {
            (
                attr(*r, "type"),
                r.attribute((
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "id",
                ))
                .unwrap(),
            )
        })
        .collect();
    assert_eq!(refs, [("default", "rIdFooter1"), ("even", "rIdFooter2")]);
    let rels = docx_part(&seed(), "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdFooter1""#) && rels.contains(r#"Target="footer1.xml""#));
    assert!(rels.contains(r#"Id="rIdFooter2""#) && rels.contains(r#"Target="footer2.xml""#));
}

#[test]
fn footers_number_pages_outside_one_character_in() {
    for (part, jc, side) in [
        ("word/footer1.xml", "right", "right"),
        ("word/footer2.xml", "left", "left"),
    ] {
        let xml = docx_part(&seed(), part);
        let doc = Document::parse(&xml).unwrap();
        let p = w(doc.root(), "p")[0];
        assert_eq!(attr(w(p, "jc")[0], "val"), jc, "{part}");
        assert_eq!(attr(w(p, "ind")[0], side), "280", "{part}: one 四号 字 in");
        let fonts = w(p, "rFonts");
        assert!(
            fonts
                .iter()
                .all(|f| attr(*f, "eastAsia") == "宋体" && attr(*f, "hint") == "eastAsia")
        );
        assert!(w(p, "sz").iter().all(|s| attr(*s, "val") == "28"), "四号");
        let instr: String = w(p, "instrText").iter().filter_map(|n| n.text()).collect();
        assert_eq!(instr.trim(), "PAGE");
        let text: String = w(p, "t").iter().filter_map(|n| n.text()).collect();
        assert!(text.starts_with("— ") && text.ends_with(" —"), "{text}");
    }
    let settings = docx_part(&seed(), "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders/>"));
}

#[test]
fn styles_have_one_normal_named_roles_outline_levels_and_explicit_faces() {
    let xml = docx_part(&seed(), "word/styles.xml");
    let doc = Document::parse(&xml).unwrap();
    let styles = w(doc.root(), "style");
    let normal: Vec<_> = styles
        .iter()
        .filter(|s| attr(w(**s, "name")[0], "val") == "Normal")
        .collect();
    assert_eq!(normal.len(), 1, "exactly one Normal");
    let normal = *normal[0];
    assert_eq!(attr(normal, "default"), "1");
    // Normal is the 正文: 仿宋_GB2312 三号, squeezed −0.25 pt, 579 twip exact, 2 字 indent, justified.
    assert_eq!(attr(w(normal, "rFonts")[0], "eastAsia"), "仿宋_GB2312");
    assert_eq!(attr(w(normal, "sz")[0], "val"), "32");
    let spacing = w(normal, "spacing");
    assert!(
        spacing
            .iter()
            .any(|s| s.attribute((W, "val")) == Some("-5")),
        "character spacing −5"
    );
    assert!(
        spacing
            .iter()
            .any(|s| s.attribute((W, "line")) == Some("579")
                && s.attribute((W, "lineRule")) == Some("exact"))
    );
    assert_eq!(attr(w(normal, "ind")[0], "firstLine"), "632");
    assert_eq!(attr(w(normal, "jc")[0], "val"), "both");
    assert_eq!(attr(w(normal, "kinsoku")[0], "val"), "1");
    // The layout puts a quarter em between 汉字 and digits or Latin; Word does with autoSpace on.
    assert_eq!(attr(w(normal, "autoSpaceDE")[0], "val"), "1");
    assert_eq!(attr(w(normal, "autoSpaceDN")[0], "val"), "1");
    assert_eq!(attr(w(normal, "widowControl")[0], "val"), "0");
    // Hanging punctuation is w:overflowPunct's default, and LibreOffice inverts an explicit one.
    assert!(!xml.contains("overflowPunct"));

    let by_name = |name: &str| {
        *styles
            .iter()
            .find(|s| attr(w(**s, "name")[0], "val") == name)
            .unwrap_or_else(|| panic!("style {name}"))
    };
    for (name, level, face) in [
        ("一级标题", Some("0"), "黑体"),
        ("二级标题", Some("1"), "楷体_GB2312"),
        ("三级标题", Some("2"), "仿宋_GB2312"),
        ("四级标题", Some("3"), "仿宋_GB2312"),
        ("Title", None, "方正小标宋简体"),
        ("主送", None, "仿宋_GB2312"),
        ("附件说明", None, "仿宋_GB2312"),
        ("署名", None, "仿宋_GB2312"),
        ("成文日期", None, "仿宋_GB2312"),
        ("附注", None, "仿宋_GB2312"),
        ("抄送", None, "仿宋_GB2312"),
        ("印发", None, "仿宋_GB2312"),
    ] {
        let s = by_name(name);
        assert_eq!(
            w(s, "outlineLvl").first().map(|n| attr(*n, "val")),
            level,
            "{name}"
        );
        let f = w(s, "rFonts")[0];
        for slot in ["ascii", "eastAsia", "hAnsi", "cs"] {
            assert_eq!(attr(f, slot), face, "{name} {slot}");
        }
        assert_eq!(attr(w(s, "basedOn")[0], "val"), "Normal", "{name}");
    }
    let title = by_name("Title");
    assert_eq!(attr(w(title, "sz")[0], "val"), "44", "二号");
    assert_eq!(attr(w(title, "snapToGrid")[0], "val"), "0");
    assert!(!xml.contains("Theme"), "no theme fonts anywhere");
}

#[test]
fn paragraphs_say_what_the_layout_decided() {
    let xml = docx_part(&seed(), "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let paras = w(doc.root(), "p");
    fn style<'a>(p: Node<'a, 'a>) -> &'a str {
        w(p, "pStyle").first().map_or("Normal", |s| attr(*s, "val"))
    }
    // Every paragraph states its alignment and indents.
    assert!(
        paras
            .iter()
            .all(|p| !w(*p, "jc").is_empty() && !w(*p, "ind").is_empty())
    );
    // Keep-with-next as the layout says (`FlowParagraph::keep_with_next`): every heading, the
    // last 正文 paragraph, the blank line and the 署名 lines of the signature block; not the
    // 成文日期, nor a plain 正文 paragraph.
    let styles_xml = docx_part(&seed(), "word/styles.xml");
    let styles_doc = Document::parse(&styles_xml).unwrap();
    let style_keeps = |id: &str| {
        styles_doc
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
            .is_some_and(|s| keep_next(w(s, "keepNext").first().copied()) == Some(true))
    };
    let keeps = |p: Node| {
        let own = w(p, "pPr")
            .first()
            .and_then(|ppr| ppr.children().find(|c| c.has_tag_name((W, "keepNext"))));
        keep_next(own).unwrap_or_else(|| style_keeps(style(p)))
    };
    let h1: Vec<_> = paras
        .iter()
        .filter(|p| style(**p) == "GwHeading1")
        .collect();
    assert_eq!(h1.len(), 3);
    assert!(
        paras
            .iter()
            .filter(|p| style(**p).starts_with("GwHeading"))
            .all(|p| keeps(*p))
    );
    let first_sig = paras
        .iter()
        .position(|p| style(*p) == "GwSignature")
        .unwrap();
    let last_text = (0..first_sig)
        .rev()
        .find(|&i| !w(paras[i], "t").is_empty())
        .unwrap();
    assert_eq!(style(paras[last_text]), "Normal");
    for (i, p) in paras.iter().enumerate().take(first_sig + 2).skip(last_text) {
        assert!(
            keeps(*p),
            "paragraph {i} of the signature block keeps with the next"
        );
    }
    let date = paras.iter().find(|p| style(**p) == "GwDate").unwrap();
    assert!(!keeps(*date), "the block's last line keeps with nothing");
    assert!(
        !keeps(paras[last_text - 1]),
        "a plain 正文 paragraph does not keep"
    );
    // Character spacing from `FlowParagraph::tracking`: the 正文's −0.214 pt rounded down to
    // −5 twentieths (28 still fit); none for the title.
    let spacing_of = |id: &str| {
        styles_doc
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
            .map(|s| attr(w(s, "spacing").last().copied().unwrap(), "val").to_owned())
            .unwrap()
    };
    assert_eq!(spacing_of("Normal"), "-5");
    assert_eq!(spacing_of("GwHeading1"), "-5");
    assert_eq!(spacing_of("Title"), "0");
    // The signature block: left indents in twips from the layout, left-aligned.
    let sig: Vec<_> = paras
        .iter()
        .filter(|p| style(**p) == "GwSignature")
        .collect();
    assert_eq!(sig.len(), 2);
    let left: Vec<i64> = sig
        .iter()
        .map(|p| attr(w(**p, "ind")[0], "left").parse().unwrap())
        .collect();
    assert!(
        left[0] > 2000 && left[0] == left[1],
        "names on one column: {left:?}"
    );
    let date = paras.iter().find(|p| style(**p) == "GwDate").unwrap();
    let date_left: i64 = attr(w(*date, "ind")[0], "left").parse().unwrap();
    assert_eq!(
        date_left - left[0],
        632,
        "the date two 字 right of the names"
    );
    // A run with “ ” — … carries the East Asian hint; plain CJK runs carry nothing.
    for r in w(doc.root(), "r") {
        let text: String = w(r, "t").iter().filter_map(|n| n.text()).collect();
        let hint = w(r, "rFonts")
            .first()
            .and_then(|f| f.attribute((W, "hint")));
        let ambiguous = text.chars().any(|c| "“”‘’—…".contains(c));
        assert_eq!(hint == Some("eastAsia"), ambiguous, "run {text}");
    }
}

#[test]
fn settings_say_no_compression_and_the_layouts_kinsoku() {
    let xml = docx_part(&seed(), "word/settings.xml");
    let doc = Document::parse(&xml).unwrap();
    assert_eq!(
        attr(w(doc.root(), "characterSpacingControl")[0], "val"),
        "doNotCompress"
    );
    let before = w(doc.root(), "noLineBreaksBefore")[0];
    assert_eq!(attr(before, "lang"), "zh-CN");
    for c in ['，', '。', '、', '）', '》', '”', '…'] {
        assert!(attr(before, "val").contains(c), "no line starts with {c}");
    }
    let after = w(doc.root(), "noLineBreaksAfter")[0];
    for c in ['（', '《', '“'] {
        assert!(attr(after, "val").contains(c), "no line ends with {c}");
    }
}

#[test]
fn the_font_table_names_fallbacks_and_the_plain_option_switches_names() {
    let xml = docx_part(&seed(), "word/fontTable.xml");
    let doc = Document::parse(&xml).unwrap();
    let alt = |name: &str| {
        let f = w(doc.root(), "font")
            .into_iter()
            .find(|f| attr(*f, "name") == name)
            .unwrap_or_else(|| panic!("{name}"));
        (
            attr(w(f, "altName")[0], "val").to_owned(),
            attr(w(f, "charset")[0], "val").to_owned(),
        )
    };
    assert_eq!(alt("仿宋_GB2312").0.split(',').next(), Some("仿宋"));
    assert!(alt("楷体_GB2312").0.contains("KaiTi"));
    assert!(alt("黑体").0.contains("SimHei"));
    assert!(alt("宋体").0.contains("SimSun"));
    assert_eq!(alt("方正小标宋简体").1, "86", "GB 2312 charset");

    let out = scratch("docx-plain-names");
    let o = gongwen(&[
        "render",
        sample("meijiang-2023-report.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
        "--plain-font-names",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docx = out.join("meijiang-2023-report.docx");
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="仿宋""#) && styles.contains(r#"w:eastAsia="楷体""#));
    assert!(!styles.contains("_GB2312"));
    let fonts = docx_part(&docx, "word/fontTable.xml");
    assert!(
        fonts.contains(r#"w:name="仿宋""#) && fonts.contains("仿宋_GB2312"),
        "the GB2312 name becomes the fallback"
    );
}

#[test]
fn properties_come_from_the_document() {
    let core = docx_part(&seed(), "docProps/core.xml");
    assert!(core.contains("<dc:title>关于2023年度法治政府建设情况的报告</dc:title>"));
    assert!(core.contains("<dc:creator>中共秀山土家族苗族自治县梅江镇委员会"));
    assert!(core.contains("<dc:subject>报告</dc:subject>"));
    assert!(core.contains(">2024-02-22T00:00:00Z</dcterms:created>"));
    let app = docx_part(&seed(), "docProps/app.xml");
    assert!(app.contains("<Application>gongwen</Application>"));
    let pages = lopdf::Document::load(seed().with_extension("pdf"))
        .unwrap()
        .get_pages()
        .len();
    assert!(app.contains(&format!("<Pages>{pages}</Pages>")), "{app}");
}

#[test]
fn every_sample_gives_the_same_docx_bytes_twice() {
    for name in ["meijiang-2023-report.yaml", "five-pages-imprint.yaml"] {
        let (a, _) = render(&sample(name), "docx-bytes-a");
        let bytes = std::fs::read(&a).unwrap();
        let (b, _) = render(&sample(name), "docx-bytes-b");
        assert!(
            bytes == std::fs::read(&b).unwrap(),
            "{name}: DOCX differs between runs"
        );
    }
}

#[test]
fn the_imprint_is_a_table_with_its_rules_and_widths_for_wps() {
    let (docx, _) = render(&sample("five-pages-imprint.yaml"), "docx-imprint");
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let tbl = w(doc.root(), "tbl");
    assert_eq!(tbl.len(), 1, "the 版记");
    let tbl = tbl[0];
    assert_eq!(attr(w(tbl, "tblW")[0], "w"), "8844", "156 mm");
    assert_eq!(
        attr(w(tbl, "gridCol")[0], "w"),
        "8844",
        "gridCol too, for WPS"
    );
    let borders = w(tbl, "tblBorders")[0];
    let size = |side: &str| attr(w(borders, side)[0], "sz");
    assert_eq!(
        (size("top"), size("insideH"), size("bottom")),
        ("8", "6", "8"),
        "0.35 / 0.25 / 0.35 mm"
    );
    // In the flow, after the blank grid lines the layout leaves (LibreOffice 7.4 does not
    // float a full-width table): 22 lines − 3 of 抄送 − 1 of 印发 on the 版记's own page.
    assert!(w(tbl, "tblpPr").is_empty(), "not floating");
    let body = w(doc.root(), "body")[0];
    let blocks: Vec<Node> = body.children().filter(|n| n.is_element()).collect();
    let at = blocks
        .iter()
        .position(|n| n.has_tag_name((W, "tbl")))
        .unwrap();
    let blanks = blocks[..at]
        .iter()
        .rev()
        .take_while(|p| p.has_tag_name((W, "p")) && w(**p, "t").is_empty())
        .count();
    assert_eq!(blanks, 18, "empty grid lines before the 版记");
    assert!(
        !w(blocks[at - blanks], "pageBreakBefore").is_empty(),
        "the first of them starts the 版记's page"
    );
    // Rows exactly as high as their grid lines (3 × 579, 579), the first less the two outer
    // rules and the closing paragraph, bar the 18 twips the grid leaves free (20 + 20 − 18 + 1).
    let rows: Vec<(&str, &str)> = w(tbl, "trHeight")
        .iter()
        .map(|h| (attr(*h, "val"), attr(*h, "hRule")))
        .collect();
    assert_eq!(rows, [("1714", "exact"), ("579", "exact")]);
    // The document's last paragraph takes no room: hidden, one twip.
    let last = blocks[blocks.len() - 2];
    assert!(last.has_tag_name((W, "p")) && !w(last, "vanish").is_empty());
    assert_eq!(attr(w(last, "spacing")[0], "line"), "1");
    let styles: Vec<&str> = w(tbl, "pStyle").iter().map(|s| attr(*s, "val")).collect();
    assert_eq!(styles, ["GwCopyTo", "GwImprint"]);
    // 印发机关 left, 印发日期 at a right tab one 字 in.
    let tab = w(tbl, "tabs")[0];
    assert_eq!(attr(w(tab, "tab")[0], "val"), "right");
}

#[test]
fn blank_pages_and_the_imprint_page_after_them_are_a_section_without_numbers() {
    let (docx, pdf) = render(
        &repo().join("tests/inputs/imprint-after-blank-page.yaml"),
        "docx-unnumbered",
    );
    assert_eq!(
        pdf_pages_text(&pdf).len(),
        6,
        "our PDF: 4 pages, a blank one, the 版记"
    );
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let sects = w(doc.root(), "sectPr");
    assert_eq!(sects.len(), 2);
    let refs = |s: Node| -> Vec<(String, String)> {
        w(s, "footerReference")
            .iter()
            .map(|r| {
                (
                    attr(*r, "type").to_owned(),
                    r.attribute((
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                        "id",
                    ))
                    .unwrap()
                    .to_owned(),
                )
            })
            .collect()
    };
    // The numbered section ends with the last paragraph of the text (on page 4) and counts
    // from 1; the second starts a new page and shows the empty footer on odd and even pages.
    let (first, second) = (sects[0], sects[1]);
    assert!(first.parent().unwrap().has_tag_name((W, "pPr")));
    let text = w(first.parent().unwrap().parent().unwrap(), "t");
    assert!(
        !text.is_empty(),
        "carried by a paragraph with text, not an extra line"
    );
    assert_eq!(
        refs(first),
        [
            ("default".to_owned(), "rIdFooter1".to_owned()),
            ("even".to_owned(), "rIdFooter2".to_owned())
        ]
    );
    assert_eq!(attr(w(first, "pgNumType")[0], "start"), "1");
    assert_eq!(
        refs(second),
        [
            ("default".to_owned(), "rIdFooter3".to_owned()),
            ("even".to_owned(), "rIdFooter3".to_owned())
        ]
    );
    assert_eq!(attr(w(second, "type")[0], "val"), "nextPage");
    for s in [first, second] {
        assert_eq!(attr(w(s, "pgMar")[0], "top"), "2098");
        assert_eq!(attr(w(s, "docGrid")[0], "linePitch"), "579");
    }
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdFooter3""#) && rels.contains(r#"Target="footer3.xml""#));
    let footer = docx_part(&docx, "word/footer3.xml");
    assert!(
        !footer.contains("PAGE") && !footer.contains("<w:t"),
        "{footer}"
    );
    assert!(docx_part(&docx, "word/footer1.xml").contains(" PAGE "));
    // The blank page is one empty paragraph (the section break starts it); the 版记's page
    // starts with the first of its 22 − 4 empty grid lines.
    let body = w(doc.root(), "body")[0];
    let blocks: Vec<Node> = body.children().filter(|n| n.is_element()).collect();
    let ends = blocks
        .iter()
        .position(|b| w(*b, "sectPr").len() == 1 && b.has_tag_name((W, "p")))
        .unwrap();
    let blank_page = blocks[ends + 1];
    assert!(w(blank_page, "t").is_empty() && w(blank_page, "pageBreakBefore").is_empty());
    assert!(!w(blocks[ends + 2], "pageBreakBefore").is_empty());
    assert!(
        blocks[ends + 2..ends + 20]
            .iter()
            .all(|b| b.has_tag_name((W, "p")) && w(*b, "t").is_empty())
    );
    assert!(blocks[ends + 20].has_tag_name((W, "tbl")));

    // Without blank pages: one section, two footers.
    let xml = docx_part(&seed(), "word/document.xml");
    assert_eq!(xml.matches("<w:sectPr").count(), 1);
    assert!(!docx_part(&seed(), "[Content_Types].xml").contains("footer3"));
}

#[test]
fn seals_are_pictures_behind_the_text_where_our_pdf_draws_them() {
    let (docx, pdf) = render(&sample("joint-two-seals.yaml"), "docx-seals");
    let xml = docx_part(&docx, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
    let anchors: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "anchor")))
        .collect();
    assert_eq!(anchors.len(), 2, "one per seal");
    let ours = common::pdf::read(&pdf);
    let drawn = &ours[0].images;
    assert_eq!(drawn.len(), 2);
    let child = |n: Node<'_, '_>, ns: &str, name: &str| -> String {
        n.descendants()
            .find(|c| c.has_tag_name((ns, name)))
            .unwrap_or_else(|| panic!("{name}"))
            .text()
            .unwrap_or_default()
            .to_owned()
    };
    let mut ids = Vec::new();
    for (anchor, img) in anchors.iter().zip(drawn) {
        assert_eq!(
            anchor.attribute("behindDoc"),
            Some("1"),
            "text prints over the seal"
        );
        assert!(anchor.children().any(|c| c.has_tag_name((WP, "wrapNone"))));
        let ext = anchor
            .children()
            .find(|c| c.has_tag_name((WP, "extent")))
            .unwrap();
        assert_eq!(ext.attribute("cx"), Some("1512000"), "42 mm");
        assert_eq!(ext.attribute("cy"), Some("1512000"));
        let h = anchor
            .children()
            .find(|c| c.has_tag_name((WP, "positionH")))
            .unwrap();
        assert_eq!(h.attribute("relativeFrom"), Some("margin"));
        let x_mm = 28.0 + child(h, WP, "posOffset").parse::<f64>().unwrap() / 36000.0;
        assert!(
            (x_mm - img.x).abs() < 0.05,
            "x {x_mm:.2} mm, our PDF {:.2}",
            img.x
        );
        let v = anchor
            .children()
            .find(|c| c.has_tag_name((WP, "positionV")))
            .unwrap();
        assert_eq!(v.attribute("relativeFrom"), Some("paragraph"));
        // The anchor's paragraph is a 署名 line.
        let para = anchor
            .ancestors()
            .find(|n| n.has_tag_name((W, "p")))
            .unwrap();
        assert_eq!(attr(w(para, "pStyle")[0], "val"), "GwSignature");
        let blip = anchor
            .descendants()
            .find(|c| c.has_tag_name((A, "blip")))
            .unwrap();
        ids.push(
            blip.attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "embed",
            ))
            .unwrap()
            .to_owned(),
        );
    }
    // The same PNG for both bodies: one media part.
    assert_eq!(ids, ["rIdSeal1", "rIdSeal1"]);
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdSeal1""#) && rels.contains(r#"Target="media/seal1.png""#));
    let file = std::fs::File::open(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut png = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("word/media/seal1.png").unwrap(), &mut png)
        .unwrap();
    assert_eq!(
        png,
        std::fs::read(repo().join("samples/seals/sample-seal.png")).unwrap()
    );
    let types = docx_part(&docx, "[Content_Types].xml");
    assert!(types.contains(r#"Extension="png""#));
}
