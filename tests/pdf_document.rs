//! Issue 3, "the PDF itself": fonts that never leave a blank box, metadata from the document,
//! bookmarks in document order.

mod common;
use common::pdf;
use common::*;

#[test]
fn characters_the_body_face_lacks_fall_back_to_a_face_that_has_them() {
    let input = repo().join("tests/inputs/rare-characters.yaml");
    let out = scratch("rare");
    let o = render_into(&input, &out);
    assert!(o.status.success());
    let pages = pdf::read(&out.join("rare-characters.pdf"));
    for c in ['镕', '喆', '珺'] {
        let g = pages[0]
            .glyphs
            .iter()
            .find(|g| g.ch == c)
            .unwrap_or_else(|| panic!("{c} is drawn"));
        assert!(
            g.font.contains("GongwenTitle"),
            "{c} comes from the face that has it, not {}",
            g.font
        );
        assert!(g.advance > 5.0, "{c} is a full-width glyph, not a blank");
    }
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("镕") && !err.contains("喆"),
        "no warning for characters a fallback face has: {err}"
    );
    assert!(
        err.contains("警告") && err.contains("U+20000"),
        "a character no face has is reported: {err}"
    );
}

#[test]
fn metadata_names_the_title_the_issuing_bodies_and_the_kind() {
    let (_, pdf) = render(&sample("meijiang-2023-report.yaml"), "metadata");
    let doc = lopdf::Document::load(&pdf).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|r| r.as_reference())
        .unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
    assert_eq!(text(b"Title"), "关于2023年度法治政府建设情况的报告");
    assert_eq!(
        text(b"Author"),
        "中共秀山土家族苗族自治县梅江镇委员会、秀山土家族苗族自治县梅江镇人民政府"
    );
    assert_eq!(text(b"Subject"), "报告");
}

/// (level, title, page index) of every bookmark, in order.
fn outline(pdf: &std::path::Path) -> Vec<(u8, String, usize)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut out = Vec::new();
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        level: u8,
        pages: &[lopdf::ObjectId],
        out: &mut Vec<(u8, String, usize)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let title = lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap();
            let dest = doc
                .dereference(item.get(b"Dest").unwrap())
                .unwrap()
                .1
                .as_array()
                .unwrap();
            let page = pages
                .iter()
                .position(|p| *p == dest[0].as_reference().unwrap())
                .unwrap();
            out.push((level, title, page));
            walk(
                doc,
                item.get(b"First").ok().and_then(|f| f.as_reference().ok()),
                level + 1,
                pages,
                out,
            );
            next = item.get(b"Next").ok().and_then(|n| n.as_reference().ok());
        }
    }
    walk(
        &doc,
        root.get(b"First").ok().and_then(|f| f.as_reference().ok()),
        1,
        &pages,
        &mut out,
    );
    out
}

#[test]
fn bookmarks_follow_the_headings_in_document_order() {
    let (_, pdf) = render(&sample("meijiang-2023-report.yaml"), "bookmarks");
    let marks = outline(&pdf);
    let top: Vec<&str> = marks
        .iter()
        .filter(|m| m.0 == 1)
        .map(|m| m.1.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "一、工作开展情况",
            "二、存在的问题",
            "三、2023年主要工作思路"
        ]
    );
    let under_first: Vec<&str> = marks
        .iter()
        .skip(1)
        .take_while(|m| m.0 == 2)
        .map(|m| m.1.as_str())
        .collect();
    assert_eq!(under_first.len(), 6, "（一）…（六） under 一、");
    assert!(under_first[0].starts_with("（一）坚持党的领导"));
    assert!(under_first[5].starts_with("（六）改进工作作风"));
    // Pages never go backwards, and each bookmark's page shows its heading.
    let text = pdf_pages_text(&pdf);
    let mut last = 0;
    for (_, title, page) in &marks {
        assert!(*page >= last);
        last = *page;
        assert!(
            squash(&text[*page]).contains(&squash(title)),
            "{title} not on page {}",
            page + 1
        );
    }
}
