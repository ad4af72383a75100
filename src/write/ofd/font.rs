//! A face as an OFD embeds it: the subset of the glyphs the document draws, cut by the
//! subsetter the PDF writer uses, with a `cmap` put back — a PDF addresses glyphs by id, but an
//! OFD's `TextCode` holds characters and its reader looks each one up in the font's `cmap` — and
//! the original `OS/2` table, which readers use for the face's metrics and style.

use super::super::Error;
use crate::layout::FaceData;
use std::collections::BTreeSet;
use write_fonts::types::{GlyphId, Tag};

/// The embedded file for `face`, holding the glyphs of `chars` (and `.notdef`).
pub fn subset(face: &FaceData, chars: &BTreeSet<char>) -> Result<Vec<u8>, Error> {
    let fail = |detail: String| Error::Ofd(format!("字体 {} 无法嵌入：{detail}", face.family));
    let parsed =
        ttf_parser::Face::parse(&face.data, face.index).map_err(|e| fail(e.to_string()))?;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut mappings = Vec::with_capacity(chars.len());
    for &ch in chars {
        if let Some(id) = parsed.glyph_index(ch) {
            mappings.push((ch, GlyphId::new(u32::from(remapper.remap(id.0)))));
        }
    }
    let cut = subsetter::subset(&face.data, face.index, &remapper)
        .map_err(|e| fail(format!("无法截取子集：{e}")))?;
    let cmap = write_fonts::tables::cmap::Cmap::from_mappings(mappings)
        .map_err(|e| fail(format!("字符表冲突：{e}")))?;

    let mut builder = write_fonts::FontBuilder::new();
    builder
        .add_table(&cmap)
        .map_err(|e| fail(format!("字符表无法写出：{e}")))?;
    let os2 = ttf_parser::Tag::from_bytes(b"OS/2");
    if let Some(table) = parsed.raw_face().table(os2) {
        builder.add_raw(Tag::new(b"OS/2"), table);
    }
    let raw = ttf_parser::RawFace::parse(&cut, 0).map_err(|e| fail(e.to_string()))?;
    for record in raw.table_records {
        let tag = Tag::new(&record.tag.to_bytes());
        if let Some(table) = raw.table(record.tag)
            && !builder.contains(tag)
        {
            builder.add_raw(tag, table);
        }
    }
    Ok(builder.build())
}

/// The file extension of an embedded face: `.otf` for CFF outlines, else `.ttf`.
pub fn extension(data: &[u8]) -> &'static str {
    if data.starts_with(b"OTTO") {
        "otf"
    } else {
        "ttf"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::FontBytes;

    /// The subset maps each character to a glyph with the original's outline width, and is far
    /// smaller than the face.
    #[test]
    fn a_subset_keeps_the_characters_it_draws() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/FandolFang-Regular.otf");
        let face = FaceData {
            family: "FandolFang".to_owned(),
            index: 0,
            data: FontBytes::from_vec(std::fs::read(path).unwrap()),
        };
        let chars: BTreeSet<char> = "关于年度工作的报告，。1".chars().collect();
        let bytes = subset(&face, &chars).unwrap();
        assert!(bytes.len() < face.data.len() / 20, "{} bytes", bytes.len());
        let original = ttf_parser::Face::parse(&face.data, face.index).unwrap();
        let cut = ttf_parser::Face::parse(&bytes, 0).unwrap();
        for ch in chars {
            let old = original.glyph_index(ch).unwrap();
            let new = cut.glyph_index(ch).unwrap_or_else(|| panic!("{ch} lost"));
            assert_eq!(
                cut.glyph_hor_advance(new),
                original.glyph_hor_advance(old),
                "{ch}"
            );
        }
        assert!(cut.glyph_index('猫').is_none());
    }
}
