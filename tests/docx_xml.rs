//! Issue 4: the DOCX parts read back — section, grid, styles, settings, font table, footers,
//! properties — and their element order checked against the schema's.

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
    // Level-1 headings use their style and keep with the next paragraph.
    let h1: Vec<_> = paras
        .iter()
        .filter(|p| style(**p) == "GwHeading1")
        .collect();
    assert_eq!(h1.len(), 3);
    assert!(h1.iter().all(|p| !w(**p, "keepNext").is_empty()));
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

/// The schema's order (ECMA-376 Part 1, CT_PPrBase, CT_RPr, CT_SectPr, CT_TblPr) of the
/// elements we write.
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
const RPR: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];
const SECT: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
];
const TBLPR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
];

fn assert_schema_order(xml: &str, part: &str) {
    let doc = Document::parse(xml).unwrap();
    let mut checked = 0;
    for node in doc.descendants().filter(|n| n.is_element()) {
        let order = match node.tag_name().name() {
            "pPr" => PPR,
            "rPr" => RPR,
            "sectPr" => SECT,
            "tblPr" => TBLPR,
            _ => continue,
        };
        let children: Vec<&str> = node
            .children()
            .filter(|c| c.is_element())
            .map(|c| c.tag_name().name())
            .collect();
        let index: Vec<usize> = children
            .iter()
            .map(|c| {
                order.iter().position(|o| o == c).unwrap_or_else(|| {
                    panic!("{part}: unknown <w:{c}> in <w:{}>", node.tag_name().name())
                })
            })
            .collect();
        assert!(
            index.windows(2).all(|p| p[0] <= p[1]),
            "{part}: <w:{}> children out of schema order: {children:?}",
            node.tag_name().name()
        );
        checked += 1;
    }
    assert!(checked > 0, "{part}: nothing checked");
}

#[test]
fn properties_are_in_schema_order_in_every_part() {
    for name in ["meijiang-2023-report.yaml", "five-pages-imprint.yaml"] {
        let (docx, _) = render(&sample(name), "docx-order");
        for part in [
            "word/document.xml",
            "word/styles.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ] {
            assert_schema_order(&docx_part(&docx, part), part);
        }
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
    let pos = w(tbl, "tblpPr")[0];
    assert_eq!(
        (attr(pos, "vertAnchor"), attr(pos, "tblpYSpec")),
        ("margin", "bottom"),
        "on the 版心's bottom edge"
    );
    let styles: Vec<&str> = w(tbl, "pStyle").iter().map(|s| attr(*s, "val")).collect();
    assert_eq!(styles, ["GwCopyTo", "GwImprint"]);
    // 印发机关 left, 印发日期 at a right tab one 字 in.
    let tab = w(tbl, "tabs")[0];
    assert_eq!(attr(w(tab, "tab")[0], "val"), "right");
}
