//! The document's own parts (GB/T 33190 §7): `OFD.xml` with the document information and the
//! 公文's fields as `CustomData`, `Document.xml` with the page area, the page list and the
//! outline, and the resource lists.

use super::number::mm;
use crate::layout::{OutlineEntry, Pages};
use crate::write::docx::xml::{Xml, a};

/// `OFD.xml`: where the document is, and what it is.
pub fn entry(pages: &Pages, doc_id: &str) -> Vec<u8> {
    let meta = &pages.metadata;
    let date = meta.date.iso();
    let mut x = Xml::new();
    x.open(
        "ofd:OFD",
        &[
            a("xmlns:ofd", super::NS),
            a("Version", "1.0"),
            a("DocType", "OFD"),
        ],
    );
    x.open("ofd:DocBody", &[]).open("ofd:DocInfo", &[]);
    x.text_element("ofd:DocID", &[], doc_id)
        .text_element("ofd:Title", &[], &meta.title)
        .text_element("ofd:Author", &[], &meta.author)
        .text_element("ofd:Subject", &[], &meta.subject)
        .text_element("ofd:CreationDate", &[], &date)
        .text_element("ofd:ModDate", &[], &date)
        .text_element("ofd:Creator", &[], "gongwen")
        .text_element("ofd:CreatorVersion", &[], env!("CARGO_PKG_VERSION"));
    x.open("ofd:CustomDatas", &[]);
    let issuers = meta.issuers.join("、");
    let fields = [
        ("发文字号", meta.doc_number.as_deref()),
        ("成文日期", Some(date.as_str())),
        ("文种", Some(meta.subject.as_str())),
        ("发文机关", Some(issuers.as_str())),
        ("密级", meta.secrecy.as_deref()),
        ("份号", meta.copy_number.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            x.text_element("ofd:CustomData", &[a("Name", name)], value);
        }
    }
    x.close("ofd:CustomDatas").close("ofd:DocInfo");
    x.text_element("ofd:DocRoot", &[], "Doc_0/Document.xml");
    x.close("ofd:DocBody").close("ofd:OFD");
    x.into_bytes()
}

/// What `Document.xml` lists.
pub struct Listing<'a> {
    pub max_id: u32,
    /// Each page's id, in order.
    pub page_ids: &'a [u32],
    /// Whether `DocumentRes.xml` (the seals) is written.
    pub has_images: bool,
}

/// `Document.xml`: the paper (every page the same), the resources, the pages, the outline.
pub fn document(pages: &Pages, listing: &Listing) -> Vec<u8> {
    let setup = &pages.setup;
    let mut x = Xml::new();
    x.open("ofd:Document", &[a("xmlns:ofd", super::NS)]);
    x.open("ofd:CommonData", &[]);
    x.text_element("ofd:MaxUnitID", &[], &listing.max_id.to_string());
    x.open("ofd:PageArea", &[]).text_element(
        "ofd:PhysicalBox",
        &[],
        &format!("0 0 {} {}", mm(setup.paper_width), mm(setup.paper_height)),
    );
    x.close("ofd:PageArea");
    x.text_element("ofd:PublicRes", &[], "PublicRes.xml");
    if listing.has_images {
        x.text_element("ofd:DocumentRes", &[], "DocumentRes.xml");
    }
    x.close("ofd:CommonData");
    x.open("ofd:Pages", &[]);
    for (n, id) in listing.page_ids.iter().enumerate() {
        x.empty(
            "ofd:Page",
            &[
                a("ID", id),
                a("BaseLoc", format!("Pages/Page_{n}/Content.xml")),
            ],
        );
    }
    x.close("ofd:Pages");
    outlines(&mut x, &pages.outline, listing.page_ids);
    x.close("ofd:Document");
    x.into_bytes()
}

/// The headings as the PDF's bookmarks: level 1 at the top, deeper levels under the level-1
/// heading before them; each jumps to the top of its heading's line.
fn outlines(x: &mut Xml, entries: &[OutlineEntry], page_ids: &[u32]) {
    if entries.is_empty() {
        return;
    }
    x.open("ofd:Outlines", &[]);
    let mut open = false;
    for entry in entries {
        let nested = entry.level > 1 && open;
        if !nested && open {
            x.close("ofd:OutlineElem");
            open = false;
        }
        x.open("ofd:OutlineElem", &[a("Title", &entry.title)]);
        x.open("ofd:Actions", &[])
            .open("ofd:Action", &[a("Event", "CLICK")])
            .open("ofd:Goto", &[])
            .empty(
                "ofd:Dest",
                &[
                    a("Type", "XYZ"),
                    a("PageID", page_ids[entry.page]),
                    a("Left", "0"),
                    a("Top", mm(entry.y)),
                ],
            )
            .close("ofd:Goto")
            .close("ofd:Action")
            .close("ofd:Actions");
        if nested {
            x.close("ofd:OutlineElem");
        } else {
            open = true;
        }
    }
    if open {
        x.close("ofd:OutlineElem");
    }
    x.close("ofd:Outlines");
}

/// A font resource: its id, names and embedded file.
pub struct FontRes {
    pub id: u32,
    pub family: String,
    pub file: String,
}

/// `PublicRes.xml`: the fonts, their files under `Res/`.
pub fn public_res(fonts: &[FontRes]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("ofd:Res", &[a("xmlns:ofd", super::NS), a("BaseLoc", "Res")]);
    if !fonts.is_empty() {
        x.open("ofd:Fonts", &[]);
        for f in fonts {
            x.open(
                "ofd:Font",
                &[
                    a("ID", f.id),
                    a("FontName", &f.family),
                    a("FamilyName", &f.family),
                ],
            );
            x.text_element("ofd:FontFile", &[], &f.file);
            x.close("ofd:Font");
        }
        x.close("ofd:Fonts");
    }
    x.close("ofd:Res");
    x.into_bytes()
}

/// `DocumentRes.xml`: the seal pictures (PNG, alpha kept), their files under `Res/`.
pub fn document_res(images: &[(u32, String)]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("ofd:Res", &[a("xmlns:ofd", super::NS), a("BaseLoc", "Res")]);
    x.open("ofd:MultiMedias", &[]);
    for (id, file) in images {
        x.open(
            "ofd:MultiMedia",
            &[a("ID", id), a("Type", "Image"), a("Format", "PNG")],
        );
        x.text_element("ofd:MediaFile", &[], file);
        x.close("ofd:MultiMedia");
    }
    x.close("ofd:MultiMedias").close("ofd:Res");
    x.into_bytes()
}
