//! Pages → OFD (GB/T 33190-2016, 版式文档): the same drawn pages as the PDF — every glyph at
//! the layout's position (`TextCode` with `DeltaX`), the rules as paths, the seals as PNG
//! images with their alpha — with the faces embedded as subsets, the headings as the outline
//! and the 公文's fields as `CustomData`. Decides nothing; the same pages give the same bytes.
//!
//! The package: `OFD.xml`, then under `Doc_0/` `Document.xml`, `PublicRes.xml` (fonts),
//! `DocumentRes.xml` (seals), `Res/` (the embedded files) and `Pages/Page_N/Content.xml`.

mod content;
mod document;
mod font;
mod number;

use super::Error;
use crate::layout::{Image, Item, Pages};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The OFD namespace (GB/T 33190 Annex A).
const NS: &str = "http://www.ofdspec.org/2016";

/// Object ids: one counter for the whole document, as the standard requires them unique.
pub struct Ids(u32);

impl Ids {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// Whether a render also writes `<stem>.ofd` (`--ofd`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OfdOutput {
    /// DOCX and PDF only.
    #[default]
    Skip,
    /// DOCX, PDF and OFD.
    Write,
}

/// Render `pages` to OFD bytes.
pub fn write(pages: &Pages) -> Result<Vec<u8>, Error> {
    let mut ids = Ids(0);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // Fonts: each face some glyph uses, subset to the characters it draws.
    let mut chars: BTreeMap<usize, BTreeSet<char>> = BTreeMap::new();
    for item in pages.pages.iter().flat_map(|p| p.drawn()) {
        if let Item::Text(line) = item {
            for g in line.glyphs.iter().filter(|g| !g.ch.is_whitespace()) {
                chars.entry(g.face).or_default().insert(g.ch);
            }
        }
    }
    let mut font_ids = vec![None; pages.faces.len()];
    let mut fonts = Vec::new();
    for (&face, used) in &chars {
        let data = &pages.faces[face];
        let bytes = font::subset(data, used)?;
        let id = ids.next();
        let file = format!("font_{id}.{}", font::extension(&bytes));
        files.push((format!("Doc_0/Res/{file}"), bytes));
        font_ids[face] = Some(id);
        fonts.push(document::FontRes {
            id,
            family: data.family.clone(),
            file,
        });
    }

    // Seals: each picture once, as the clerk's PNG.
    let mut images: Vec<(u32, String, std::sync::Arc<Vec<u8>>)> = Vec::new();
    for item in pages.pages.iter().flat_map(|p| p.drawn()) {
        if let Item::Image(image) = item
            && !images.iter().any(|(_, _, png)| *png == image.image.png)
        {
            let id = ids.next();
            images.push((id, format!("image_{id}.png"), image.image.png.clone()));
        }
    }
    let image_id = |image: &Image| -> u32 {
        images
            .iter()
            .find(|(_, _, png)| *png == image.image.png)
            .map_or(0, |(id, _, _)| *id)
    };
    for (_, file, png) in &images {
        files.push((format!("Doc_0/Res/{file}"), png.to_vec()));
    }

    let refs = content::Refs {
        fonts: &font_ids,
        image: &image_id,
    };
    let mut page_ids = Vec::with_capacity(pages.pages.len());
    for (n, page) in pages.pages.iter().enumerate() {
        page_ids.push(ids.next());
        let xml = content::page(page, &refs, &mut ids);
        files.push((format!("Doc_0/Pages/Page_{n}/Content.xml"), xml));
    }

    let listing = document::Listing {
        max_id: ids.0,
        page_ids: &page_ids,
        has_images: !images.is_empty(),
    };
    let mut head = vec![
        (
            "Doc_0/Document.xml".to_owned(),
            document::document(pages, &listing),
        ),
        (
            "Doc_0/PublicRes.xml".to_owned(),
            document::public_res(&fonts),
        ),
    ];
    if !images.is_empty() {
        let list: Vec<(u32, String)> = images.iter().map(|(id, f, _)| (*id, f.clone())).collect();
        head.push((
            "Doc_0/DocumentRes.xml".to_owned(),
            document::document_res(&list),
        ));
    }
    head.append(&mut files);
    let entry = document::entry(pages, &doc_id(&head));
    head.insert(0, ("OFD.xml".to_owned(), entry));
    package(&head).map_err(|e| Error::Ofd(e.to_string()))
}

/// The document's identifier (32 hex digits, as a UUID's): a digest of every part, so that
/// the same document always has the same id and another document another one.
fn doc_id(parts: &[(String, Vec<u8>)]) -> String {
    // FNV-1a, twice with different bases: stable across Rust versions, unlike `DefaultHasher`.
    let digest = |basis: u64| {
        let mut h = basis;
        for (name, bytes) in parts {
            for &b in name.as_bytes().iter().chain(bytes) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    format!(
        "{:016x}{:016x}",
        digest(0xcbf2_9ce4_8422_2325),
        digest(0x6c62_272e_07bb_0142)
    )
}

/// The parts zipped in the order given, every entry stamped 1980-01-01 00:00 (no clock: the
/// same pages give the same bytes).
fn package(parts: &[(String, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
