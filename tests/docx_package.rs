//! Issue 17: every sample's DOCX is a package a strict reader accepts — the rules of ECMA-376
//! (ISO/IEC 29500 transitional) that our writer can break, checked here without the schemas
//! (third-party files CI cannot fetch): only parts the document uses (no numbering part), every
//! part named by a relationship and given a content type, every relationship pointing at a
//! part, property elements in schema order, Word extensions only inside `mc:AlternateContent`.
//! The full schema validation runs locally: `scripts/validate-docx.sh` (docs/docx.md).

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Namespaces of ECMA-376 transitional that our parts use; anything else is an extension.
const STANDARD: &[&str] = &[
    W,
    R,
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/package/2006/content-types",
    "http://schemas.openxmlformats.org/package/2006/relationships",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    MC,
];

/// Child order of the WordprocessingML containers our writer fills (wml.xsd, ISO/IEC 29500-4).
const ORDER: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
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
        ],
    ),
    (
        "rPr",
        &[
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
            "rPrChange",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference|footerReference",
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
            "sectPrChange",
        ],
    ),
    (
        "tblPr",
        &[
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
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
        ],
    ),
    (
        "tblBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
        ],
    ),
    (
        "tcBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    ("docDefaults", &["rPrDefault", "pPrDefault"]),
    (
        "font",
        &[
            "altName",
            "panose1",
            "charset",
            "family",
            "notTrueType",
            "pitch",
            "sig",
            "embedRegular",
            "embedBold",
            "embedItalic",
            "embedBoldItalic",
        ],
    ),
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "mirrorMargins",
            "gutterAtTop",
            "proofState",
            "defaultTabStop",
            "autoHyphenation",
            "evenAndOddHeaders",
            "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing",
            "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery",
            "noPunctuationKerning",
            "characterSpacingControl",
            "strictFirstAndLastChars",
            "noLineBreaksAfter",
            "noLineBreaksBefore",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
            "themeFontLang",
            "clrSchemeMapping",
            "decimalSymbol",
            "listSeparator",
        ],
    ),
    ("tbl", &["tblPr", "tblGrid", "tr"]),
    ("tr", &["tblPrEx", "trPr", "tc"]),
    ("tc", &["tcPr", "p|tbl"]),
];

/// Entries of [`ORDER`] that may repeat.
const REPEATED: &[&str] = &["headerReference|footerReference", "tr", "tc", "p|tbl"];

/// Every sample, and a document with an unnumbered section (a third footer), rendered into
/// one folder; the DOCX paths.
fn sample_docx() -> Vec<PathBuf> {
    let out = scratch("docx-package");
    let o = gongwen(&[
        "render",
        repo().join("samples").to_str().unwrap(),
        repo()
            .join("tests/inputs/imprint-after-blank-page.yaml")
            .to_str()
            .unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut v: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    v.sort();
    assert!(v.len() >= 14, "every sample rendered: {v:?}");
    v
}

/// Every entry of the package: name → bytes.
fn entries(docx: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (e.name().to_owned(), bytes)
        })
        .collect()
}

fn xml(bytes: &[u8]) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(std::str::from_utf8(bytes).unwrap()).expect("well-formed XML")
}

/// The relationships of a `.rels` part: id → (type's last segment, target part name).
fn relationships(rels: &[u8], base: &str) -> BTreeMap<String, (String, String)> {
    let doc = xml(rels);
    let mut out = BTreeMap::new();
    for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
        let id = r.attribute("Id").unwrap().to_owned();
        let kind = r.attribute("Type").unwrap().rsplit('/').next().unwrap();
        let target = format!("{base}{}", r.attribute("Target").unwrap());
        assert!(
            out.insert(id.clone(), (kind.to_owned(), target)).is_none(),
            "relationship id {id} twice"
        );
    }
    out
}

#[test]
fn every_part_is_used_named_and_typed() {
    for docx in sample_docx() {
        let name = docx.file_stem().unwrap().to_string_lossy().into_owned();
        let parts = entries(&docx);
        assert!(
            !parts.contains_key("word/numbering.xml"),
            "{name}: a numbering part, though the document numbers nothing"
        );
        let root = relationships(&parts["_rels/.rels"], "");
        let doc_rels = relationships(&parts["word/_rels/document.xml.rels"], "word/");
        // Every relationship points at a part; every part but the package's own is pointed at.
        let mut reached: BTreeSet<&str> = ["[Content_Types].xml", "_rels/.rels"].into();
        reached.insert("word/_rels/document.xml.rels");
        for (id, (_, target)) in root.iter().chain(&doc_rels) {
            assert!(
                parts.contains_key(target),
                "{name}: {id} → missing {target}"
            );
            reached.insert(target);
        }
        let unused: Vec<&String> = parts
            .keys()
            .filter(|p| !reached.contains(p.as_str()))
            .collect();
        assert!(
            unused.is_empty(),
            "{name}: parts nothing refers to: {unused:?}"
        );
        assert_eq!(
            root.values()
                .find(|(k, _)| k == "officeDocument")
                .map(|r| r.1.as_str()),
            Some("word/document.xml"),
            "{name}"
        );
        // Content types: every part has one; every override names a part.
        let types = xml(&parts["[Content_Types].xml"]);
        let defaults: BTreeMap<&str, &str> = types
            .descendants()
            .filter(|n| n.has_tag_name("Default"))
            .map(|n| {
                (
                    n.attribute("Extension").unwrap(),
                    n.attribute("ContentType").unwrap(),
                )
            })
            .collect();
        let overrides: BTreeMap<&str, &str> = types
            .descendants()
            .filter(|n| n.has_tag_name("Override"))
            .map(|n| {
                (
                    n.attribute("PartName").unwrap(),
                    n.attribute("ContentType").unwrap(),
                )
            })
            .collect();
        for part in overrides.keys() {
            assert!(
                parts.contains_key(&part[1..]),
                "{name}: override for missing {part}"
            );
        }
        let type_of = |part: &str| {
            overrides
                .get(format!("/{part}").as_str())
                .copied()
                .or_else(|| defaults.get(part.rsplit('.').next().unwrap()).copied())
        };
        for part in parts.keys().filter(|p| *p != "[Content_Types].xml") {
            assert!(
                type_of(part).is_some(),
                "{name}: {part} has no content type"
            );
        }
        // A relationship's type agrees with its part's content type.
        for (id, (kind, target)) in &doc_rels {
            let ct = type_of(target).unwrap();
            let agrees = match kind.as_str() {
                "image" => ct.starts_with("image/"),
                k => ct.ends_with(&format!(".{k}+xml")),
            };
            assert!(
                agrees,
                "{name}: {id} is a {kind} relationship to a part of type {ct}"
            );
        }
        // Every id the document and its footers name is a relationship of the document.
        let document = xml(&parts["word/document.xml"]);
        for n in document.descendants() {
            for attr in n.attributes().filter(|a| a.namespace() == Some(R)) {
                assert!(
                    doc_rels.contains_key(attr.value()),
                    "{name}: {} names {} which is no relationship",
                    n.tag_name().name(),
                    attr.value()
                );
            }
        }
    }
}

#[test]
fn every_part_keeps_schema_order_and_wraps_extensions() {
    let order: BTreeMap<&str, &[&str]> = ORDER.iter().copied().collect();
    let rank =
        |seq: &[&str], child: &str| seq.iter().position(|s| s.split('|').any(|c| c == child));
    for docx in sample_docx() {
        let name = docx.file_stem().unwrap().to_string_lossy().into_owned();
        let mut checked = 0;
        for (part, bytes) in entries(&docx).iter().filter(|(p, _)| p.ends_with(".xml")) {
            let doc = xml(bytes);
            for n in doc.descendants().filter(|n| n.is_element()) {
                let ns = n.tag_name().namespace().unwrap_or("");
                // Markup Compatibility: an extension only where a reader may skip it.
                if !STANDARD.contains(&ns) {
                    let choice = n
                        .ancestors()
                        .find(|a| a.has_tag_name((MC, "Choice")))
                        .and_then(|c| c.attribute("Requires").map(str::to_owned));
                    let prefix = n.lookup_prefix(ns).unwrap_or("");
                    assert_eq!(
                        choice.as_deref(),
                        Some(prefix),
                        "{name} {part}: {} of namespace {ns} outside mc:Choice Requires=\"{prefix}\"",
                        n.tag_name().name()
                    );
                }
                if ns != W {
                    continue;
                }
                let Some(seq) = order.get(n.tag_name().name()) else {
                    continue;
                };
                let mut prev: Option<usize> = None;
                for c in n.children().filter(|c| c.is_element()) {
                    let child = c.tag_name().name();
                    let r = rank(seq, child).unwrap_or_else(|| {
                        panic!(
                            "{name} {part}: w:{child} is no child of w:{}",
                            n.tag_name().name()
                        )
                    });
                    if let Some(p) = prev {
                        assert!(
                            r > p || (r == p && REPEATED.contains(&seq[r])),
                            "{name} {part}: w:{child} after w:{} in w:{}",
                            seq[p],
                            n.tag_name().name()
                        );
                    }
                    prev = Some(r);
                }
                checked += 1;
            }
        }
        assert!(checked > 50, "{name}: only {checked} containers checked");
    }
}
