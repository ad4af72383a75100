//! Issue 15: the PDF is an archival file (PDF/A-2u by default). CI has no veraPDF, so this
//! checks the structure veraPDF looks at first, read back with lopdf: the XMP packet (present,
//! well-formed, claiming PDF/A-2 with the document's title, issuers and 成文日期), the sRGB
//! output intent, and every font embedded — on every sample.

mod common;
use common::*;
use lopdf::{Document, Object};
use std::path::Path;

/// The catalog's XMP packet, as text.
fn xmp(doc: &Document) -> Option<String> {
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").ok()?.as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    assert_eq!(
        stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
        b"XML"
    );
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    Some(String::from_utf8(bytes).expect("XMP is UTF-8"))
}

/// The text of every element named `local` in namespace `ns` (rdf:li children included).
fn values(xml: &roxmltree::Document, ns: &str, local: &str) -> Vec<String> {
    xml.descendants()
        .filter(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local)
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap().trim().to_owned())
                .collect::<String>()
        })
        .collect()
}

const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const XMP: &str = "http://ns.adobe.com/xap/1.0/";
const PDF: &str = "http://ns.adobe.com/pdf/1.3/";

/// Every font a page uses has its font program embedded.
fn assert_fonts_embedded(doc: &Document, pdf: &Path) {
    let mut seen = 0;
    for (_, page) in doc.get_pages() {
        let (resources, ids) = doc.get_page_resources(page).unwrap();
        let dicts: Vec<&lopdf::Dictionary> = resources
            .into_iter()
            .chain(ids.iter().map(|&id| doc.get_dictionary(id).unwrap()))
            .collect();
        for res in dicts {
            let Ok(fonts) = res.get(b"Font") else {
                continue;
            };
            let fonts = match fonts {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => continue,
            };
            for (_, font) in fonts.iter() {
                let font = doc.get_dictionary(font.as_reference().unwrap()).unwrap();
                let descendant = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
                let cid = doc
                    .dereference(&descendant[0])
                    .unwrap()
                    .1
                    .as_dict()
                    .unwrap();
                let descriptor = doc
                    .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
                    .unwrap();
                assert!(
                    [&b"FontFile2"[..], b"FontFile3", b"FontFile"]
                        .iter()
                        .any(|k| descriptor.has(k)),
                    "{}: a font is not embedded",
                    pdf.display()
                );
                assert!(font.has(b"ToUnicode"), "{}: no ToUnicode", pdf.display());
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "{}: no fonts found", pdf.display());
}

fn samples() -> Vec<std::path::PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(repo().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    all.sort();
    all
}

#[test]
fn every_sample_is_pdf_a_2u_with_xmp_output_intent_and_embedded_fonts() {
    for input in samples() {
        let stem = input.file_stem().unwrap().to_str().unwrap().to_owned();
        let (_, pdf) = render(&input, &format!("archive-{stem}"));
        let doc = Document::load(&pdf).unwrap();
        let packet = xmp(&doc).unwrap_or_else(|| panic!("{stem}: no XMP metadata"));
        let xml = roxmltree::Document::parse(&packet)
            .unwrap_or_else(|e| panic!("{stem}: XMP does not parse: {e}"));
        assert_eq!(values(&xml, PDFAID, "part"), ["2"], "{stem}");
        assert_eq!(values(&xml, PDFAID, "conformance"), ["U"], "{stem}");
        let info = doc
            .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
        assert_eq!(values(&xml, DC, "title"), [text(b"Title")], "{stem}");
        assert_eq!(values(&xml, DC, "creator"), [text(b"Author")], "{stem}");
        assert!(
            values(&xml, PDF, "Producer")[0].starts_with("gongwen "),
            "{stem}"
        );
        let created = values(&xml, XMP, "CreateDate");
        assert_eq!(created, values(&xml, XMP, "ModifyDate"), "{stem}");
        assert_eq!(created.len(), 1, "{stem}");

        let catalog = doc.catalog().unwrap();
        let intents = doc
            .dereference(catalog.get(b"OutputIntents").unwrap())
            .unwrap()
            .1
            .as_array()
            .unwrap();
        let intent = doc.dereference(&intents[0]).unwrap().1.as_dict().unwrap();
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
        let profile = doc
            .get_object(
                intent
                    .get(b"DestOutputProfile")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap()
            .as_stream()
            .unwrap();
        assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3, "RGB");

        assert_fonts_embedded(&doc, &pdf);
    }
}

#[test]
fn the_seed_s_xmp_carries_its_date_title_issuers_and_fields() {
    let (_, pdf) = render(&sample("meijiang-2023-report.yaml"), "archive-seed");
    let doc = Document::load(&pdf).unwrap();
    let packet = xmp(&doc).unwrap();
    let xml = roxmltree::Document::parse(&packet).unwrap();
    assert_eq!(
        values(&xml, DC, "title"),
        ["关于2023年度法治政府建设情况的报告"]
    );
    assert_eq!(
        values(&xml, DC, "creator"),
        ["中共秀山土家族苗族自治县梅江镇委员会、秀山土家族苗族自治县梅江镇人民政府"]
    );
    // The 成文日期, not the day the file was made.
    let created = &values(&xml, XMP, "CreateDate")[0];
    assert!(created.starts_with("2024-02-22"), "{created}");
    let keywords = &values(&xml, PDF, "Keywords")[0];
    for field in [
        "文种：报告",
        "成文日期：2024年2月22日",
        "发文机关：中共秀山",
    ] {
        assert!(keywords.contains(field), "{field} in {keywords}");
    }
}

#[test]
fn pdf_standard_none_and_a_2b_say_what_they_claim() {
    let input = sample("single-seal.yaml");
    for (standard, conformance) in [("a-2b", Some("B")), ("none", None)] {
        let out = scratch(&format!("archive-standard-{standard}"));
        let o = render_into_with(&input, &out, &["--pdf-standard", standard]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let doc = Document::load(out.join("single-seal.pdf")).unwrap();
        let claimed = xmp(&doc).and_then(|packet| {
            let xml = roxmltree::Document::parse(&packet).unwrap();
            values(&xml, PDFAID, "conformance").pop()
        });
        assert_eq!(claimed.as_deref(), conformance, "{standard}");
        assert_eq!(
            doc.catalog().unwrap().has(b"OutputIntents"),
            conformance.is_some(),
            "{standard}"
        );
    }
}

/// The structure elements under `node`, depth first: (type, /T title if any).
fn structure(doc: &Document, node: &Object, out: &mut Vec<(String, Option<String>)>) {
    let Ok((_, obj)) = doc.dereference(node) else {
        return;
    };
    match obj {
        Object::Array(kids) => {
            for kid in kids {
                structure(doc, kid, out);
            }
        }
        Object::Dictionary(d) => {
            if let Ok(s) = d.get(b"S").and_then(Object::as_name) {
                let title = d
                    .get(b"T")
                    .ok()
                    .map(|t| lopdf::decode_text_string(t).unwrap());
                out.push((String::from_utf8_lossy(s).into_owned(), title));
            }
            if let Ok(kids) = d.get(b"K") {
                structure(doc, kids, out);
            }
        }
        _ => {}
    }
}

/// Render the sample `name` with `--pdf-standard a-2a` into a folder of its own.
fn render_a_2a(name: &str) -> std::path::PathBuf {
    let input = sample(&format!("{name}.yaml"));
    let out = scratch(&format!("archive-standard-a-2a-{name}"));
    let o = render_into_with(&input, &out, &["--pdf-standard", "a-2a"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// `--pdf-standard a-2a`: claimed as PDF/A-2a, marked, and the structure tree holds the title,
/// the level-1 headings as `H1` in the order of the bookmarks, and the paragraphs.
#[test]
fn a_2a_is_tagged_with_the_title_headings_and_paragraphs_in_order() {
    let out = render_a_2a("meijiang-2023-report");
    let doc = Document::load(out.join("meijiang-2023-report.pdf")).unwrap();
    let packet = xmp(&doc).unwrap();
    let xml = roxmltree::Document::parse(&packet).unwrap();
    assert_eq!(values(&xml, PDFAID, "conformance"), ["A"]);
    let catalog = doc.catalog().unwrap();
    let marked = doc
        .dereference(catalog.get(b"MarkInfo").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .get(b"Marked")
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(marked);
    let root = catalog.get(b"StructTreeRoot").unwrap();
    let mut elements = Vec::new();
    structure(&doc, root, &mut elements);
    let kinds: Vec<&str> = elements.iter().map(|(s, _)| s.as_str()).collect();
    assert!(kinds.contains(&"Title"), "{kinds:?}");
    // The seed's level-2 headings run into their paragraphs: no H2.
    assert!(
        kinds.iter().filter(|k| **k == "P").count() >= 10,
        "{kinds:?}"
    );
    let h1: Vec<String> = elements
        .iter()
        .filter(|(s, _)| s == "H1")
        .map(|(_, t)| t.clone().unwrap())
        .collect();
    // The level-1 bookmarks, in order: the same headings.
    let outlines = doc
        .dereference(catalog.get(b"Outlines").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let mut bookmarks = Vec::new();
    let mut next = outlines.get(b"First").ok().cloned();
    while let Some(item) = next {
        let item = doc.dereference(&item).unwrap().1.as_dict().unwrap();
        bookmarks.push(lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap());
        next = item.get(b"Next").ok().cloned();
    }
    assert_eq!(h1, bookmarks);
}

/// `--pdf-standard a-2a` with tables: each table one `Table` element at its place, a `TR` for
/// each of its rows — as many as the DOCX's `w:tr`, so the header rows the layout repeats on
/// later pages are tagged once — and header cells as `TH`.
#[test]
fn a_2a_tags_each_table_row_once_with_header_cells() {
    let out = render_a_2a("notice-task-table");
    let doc = Document::load(out.join("notice-task-table.pdf")).unwrap();
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let mut elements = Vec::new();
    structure(&doc, root, &mut elements);
    let count = |kind: &str| elements.iter().filter(|(s, _)| s == kind).count();
    // The DOCX's tables with header rows: the clerk's (the 版记 is a table there too).
    let xml = docx_part(&out.join("notice-task-table.docx"), "word/document.xml");
    let tables: Vec<&str> = xml
        .split("<w:tbl>")
        .skip(1)
        .map(|t| t.split("</w:tbl>").next().unwrap())
        .filter(|t| t.contains("<w:tblHeader/>"))
        .collect();
    let rows: usize = tables.iter().map(|t| t.matches("<w:tr>").count()).sum();
    assert_eq!(count("Table"), tables.len());
    assert_eq!(count("TR"), rows);
    assert!(count("TR") >= 44, "{}", count("TR"));
    assert!(count("TH") >= 4, "{}", count("TH"));
    assert!(count("TD") > count("TH"));
}
