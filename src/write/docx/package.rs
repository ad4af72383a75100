//! The OPC package (ECMA-376 Part 2): the parts the writer made, their content types and
//! relationships, zipped. Only parts the document uses are written — no numbering, comments,
//! theme or web settings — so every part in the package is one a reader needs and one we
//! control element by element.

use super::xml::{Xml, a};
use std::io::Write;

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPES_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// One part of the package.
pub struct Part {
    /// Name inside the package, without the leading `/` (`word/footer1.xml`).
    pub name: String,
    pub bytes: Vec<u8>,
    pub kind: Kind,
}

/// What a part is: its content type and, for a part of the document, the relationship type
/// the document's relationships name it with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Styles,
    Settings,
    FontTable,
    /// A footer with its relationship id (`rIdFooter1`…), which `w:footerReference` names.
    Footer(&'static str),
    CoreProperties,
    AppProperties,
}

impl Kind {
    fn content_type(self) -> String {
        match self {
            Kind::Document => format!("{WML}.document.main+xml"),
            Kind::Styles => format!("{WML}.styles+xml"),
            Kind::Settings => format!("{WML}.settings+xml"),
            Kind::FontTable => format!("{WML}.fontTable+xml"),
            Kind::Footer(_) => format!("{WML}.footer+xml"),
            Kind::CoreProperties => {
                "application/vnd.openxmlformats-package.core-properties+xml".to_owned()
            }
            Kind::AppProperties => {
                "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned()
            }
        }
    }

    /// The relationship type, for parts the document refers to.
    fn document_relationship(self) -> Option<&'static str> {
        match self {
            Kind::Styles => Some("styles"),
            Kind::Settings => Some("settings"),
            Kind::FontTable => Some("fontTable"),
            Kind::Footer(_) => Some("footer"),
            _ => None,
        }
    }
}

/// A picture part with the relationship id the document uses for it.
pub struct Picture<'a> {
    pub rid: &'a str,
    pub name: &'a str,
    pub png: &'a [u8],
}

/// Zip `parts` and `pictures` with `[Content_Types].xml` and the two relationship parts.
/// Entries carry the DOS epoch as their time, so the same parts give the same bytes.
pub fn pack(parts: Vec<Part>, pictures: &[Picture]) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open("Types", &[a("xmlns", TYPES_NS)]);
    x.empty(
        "Default",
        &[
            a("Extension", "rels"),
            a(
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[a("Extension", "xml"), a("ContentType", "application/xml")],
    );
    if !pictures.is_empty() {
        x.empty(
            "Default",
            &[a("Extension", "png"), a("ContentType", "image/png")],
        );
    }
    for part in &parts {
        x.empty(
            "Override",
            &[
                a("PartName", format!("/{}", part.name)),
                a("ContentType", part.kind.content_type()),
            ],
        );
    }
    x.close("Types");
    let types = x.into_bytes();

    let mut root = Xml::new();
    root.open("Relationships", &[a("xmlns", RELS_NS)]);
    let mut count = 0;
    for part in &parts {
        let kind = match part.kind {
            Kind::Document => format!("{OFFICE_REL}/officeDocument"),
            Kind::CoreProperties => {
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                    .to_owned()
            }
            Kind::AppProperties => format!("{OFFICE_REL}/extended-properties"),
            _ => continue,
        };
        count += 1;
        let id = format!("rId{count}");
        root.empty(
            "Relationship",
            &[a("Id", id), a("Type", kind), a("Target", &part.name)],
        );
    }
    root.close("Relationships");
    let root = root.into_bytes();

    let mut doc = Xml::new();
    doc.open("Relationships", &[a("xmlns", RELS_NS)]);
    for part in &parts {
        let Some(kind) = part.kind.document_relationship() else {
            continue;
        };
        let id = match part.kind {
            Kind::Footer(rid) => rid.to_owned(),
            _ => format!("rId{kind}"),
        };
        let target = part.name.strip_prefix("word/").unwrap_or(&part.name);
        doc.empty(
            "Relationship",
            &[
                a("Id", id),
                a("Type", format!("{OFFICE_REL}/{kind}")),
                a("Target", target),
            ],
        );
    }
    for p in pictures {
        doc.empty(
            "Relationship",
            &[
                a("Id", p.rid),
                a("Type", format!("{OFFICE_REL}/image")),
                a("Target", format!("media/{}.png", p.name)),
            ],
        );
    }
    doc.close("Relationships");
    let doc_rels = doc.into_bytes();

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT);
    let mut add = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    add("[Content_Types].xml", &types)?;
    add("_rels/.rels", &root)?;
    add("word/_rels/document.xml.rels", &doc_rels)?;
    for part in &parts {
        add(&part.name, &part.bytes)?;
    }
    for p in pictures {
        add(&format!("word/media/{}.png", p.name), p.png)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
