//! Issue 2: the seed report, from YAML to DOCX and PDF, read back as a reader would.

mod common;
use common::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The seed rendered once per test process (tests run in parallel and share it).
fn rendered() -> (PathBuf, PathBuf) {
    static ONCE: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    ONCE.get_or_init(|| render(&sample("meijiang-2023-report.yaml"), "seed"))
        .clone()
}

/// The numbered runs a clerk checks: 一是 … `last` in order, and nothing after.
fn assert_points(section: &str, last: u32) {
    let names = ["一是", "二是", "三是", "四是", "五是", "六是"];
    let mut at = 0;
    for name in &names[..last as usize] {
        let found = section[at..]
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing in: {section}"));
        at += found + name.len();
    }
    assert!(
        !section.contains(names[last as usize]),
        "unexpected {} in: {section}",
        names[last as usize]
    );
}

#[test]
fn pdf_text_has_the_numbered_structure_and_signature() {
    let (_, pdf) = rendered();
    let text = pdf_text(&pdf);
    for want in [
        "关于2023年度法治政府建设情况的报告",
        "一、工作开展情况",
        "二、存在的问题",
        "三、2023年主要工作思路",
        "（一）坚持党的领导，健全组织机构，统筹推进法治政府建设。为全面推进",
        "（六）改进工作作风",
        "中共秀山土家族苗族自治县梅江镇委员会",
        "梅江镇人民政府",
        "2024年2月22日",
    ] {
        assert!(text.contains(want), "PDF lacks 「{want}」");
    }
    // The seed's web text lost 三是/四是/五是 in （五） and 四是 in （六）: the tool restores them.
    assert_points(between(&text, "（五）加强综合治理", "（六）"), 5);
    assert_points(between(&text, "（六）改进工作作风", "二、存在的问题"), 4);
    // No closing was asked for: none is added.
    assert!(!text.contains("特此报告"));
}

#[test]
fn pdf_numbers_its_pages_with_em_dashes() {
    let (_, pdf) = rendered();
    let pages = pdf_pages_text(&pdf);
    assert!(
        pages.len() >= 5,
        "the seed fills several pages, got {}",
        pages.len()
    );
    for (i, page) in pages.iter().enumerate() {
        let want = format!("—{}—", i + 1);
        assert!(squash(page).contains(&want), "page {} lacks {want}", i + 1);
    }
}

#[test]
fn pdf_embeds_subset_fonts_only() {
    let (_, pdf) = rendered();
    let size = std::fs::metadata(&pdf).unwrap().len();
    // Five CJK faces in full are ~27 MB; subsets of the seed's characters are far below 1 MB.
    assert!(size < 1_000_000, "PDF is {size} bytes: fonts not subset?");
    let doc = lopdf::Document::load(&pdf).unwrap();
    let font_files = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.has(b"Subtype") || s.dict.has(b"Length1"))
        .count();
    assert!(
        font_files >= 4,
        "expected the embedded faces, found {font_files} font streams"
    );
}

#[test]
fn pdf_metadata_comes_from_the_document_not_the_clock() {
    let (_, pdf) = rendered();
    let doc = lopdf::Document::load(&pdf).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|r| r.as_reference())
        .unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert!(
        String::from_utf8_lossy(date).contains("20240222"),
        "{:?}",
        String::from_utf8_lossy(date)
    );
}

#[test]
fn docx_holds_the_same_text_in_well_formed_xml() {
    let (docx, _) = rendered();
    let text = docx_text(&docx);
    for want in [
        "关于2023年度法治政府建设情况的报告",
        "一、工作开展情况",
        "（一）坚持党的领导",
        "中共秀山土家族苗族自治县梅江镇委员会",
        "梅江镇人民政府",
        "2024年2月22日",
    ] {
        assert!(text.contains(want), "DOCX lacks 「{want}」");
    }
    assert_points(between(&text, "（五）加强综合治理", "（六）"), 5);
    assert_points(between(&text, "（六）改进工作作风", "二、存在的问题"), 4);
}

#[test]
fn docx_names_the_official_faces_and_the_page_setup() {
    let (docx, _) = rendered();
    let styles = docx_part(&docx, "word/styles.xml");
    for face in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(
            styles.contains(&format!("w:eastAsia=\"{face}\"")),
            "styles.xml lacks {face}"
        );
    }
    assert!(
        styles.contains("w:outlineLvl w:val=\"0\""),
        "一级标题 has outline level 1"
    );
    let doc = docx_part(&docx, "word/document.xml");
    assert!(
        doc.contains(r#"w:w="11906""#) && doc.contains(r#"w:h="16838""#),
        "A4"
    );
    assert!(doc.contains(r#"w:top="2098""#), "天头 37 mm");
    assert!(doc.contains(r#"w:left="1587""#), "订口 28 mm");
    assert!(doc.contains(r#"w:linePitch="579""#), "22 lines of 579 twip");
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(
        core.contains("2024-02-22T00:00:00Z"),
        "created = 成文日期: {core}"
    );
    assert!(
        core.contains("中共秀山土家族苗族自治县梅江镇委员会"),
        "creator = issuing bodies"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (docx1, pdf1) = rendered();
    let (docx2, pdf2) = render(&sample("meijiang-2023-report.yaml"), "seed-again");
    assert!(
        std::fs::read(&pdf1).unwrap() == std::fs::read(&pdf2).unwrap(),
        "PDF differs"
    );
    assert!(
        std::fs::read(&docx1).unwrap() == std::fs::read(&docx2).unwrap(),
        "DOCX differs"
    );
}

#[test]
fn libreoffice_converts_the_docx() {
    let (docx, _) = render(&sample("meijiang-2023-report.yaml"), "seed-lo");
    let out = scratch("seed-lo-pdf");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&docx)
        .env("HOME", &out)
        .output()
        .expect("soffice runs (apt-get install libreoffice-writer-nogui; .ci/run does)");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = out.join("meijiang-2023-report.pdf");
    let text = pdftotext(&pdf);
    assert!(
        text.contains("一、工作开展情况"),
        "LibreOffice's PDF lacks the heading"
    );
    assert!(text.contains("2024年2月22日"));
}
