//! Pages → PDF (printpdf): draws the glyphs and rules where the layout put them, embeds the
//! faces as subsets with ToUnicode maps, and writes the metadata. Decides nothing.

use super::Error;
use crate::layout::FaceData;
use crate::layout::{Color, Item, Pages, TextLine};
use crate::length::Length;
use printpdf::{
    AzulParsedFont, Codepoint, FontId, Line, LinePoint, OffsetDateTime, Op, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Faces parsed for embedding, shared by every document a process writes: each face is parsed
/// once, from the font file's mapping without a copy, and the glyphs printpdf decodes stay
/// decoded for the next document.
#[derive(Default)]
pub struct FontCache {
    faces: Mutex<Vec<CachedFace>>,
}

struct CachedFace {
    bytes: Arc<rust_fontconfig::FontBytes>,
    index: u32,
    font: ParsedFont,
}

impl FontCache {
    /// The face parsed by printpdf, parsed now if no document used it before.
    fn parsed(&self, face: &FaceData) -> Result<ParsedFont, Error> {
        let bytes = face.data.shared();
        let mut faces = self.faces.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(cached) = faces
            .iter()
            .find(|c| Arc::ptr_eq(&c.bytes, &bytes) && c.index == face.index)
        {
            return Ok(cached.font.clone());
        }
        let inner =
            AzulParsedFont::from_bytes_shared(bytes.clone(), face.index as usize, &mut Vec::new())
                .ok_or_else(|| Error::Font {
                    family: face.family.clone(),
                    detail: "printpdf 无法解析".to_owned(),
                })?;
        let font = ParsedFont::from_azul(inner);
        faces.push(CachedFace {
            bytes,
            index: face.index,
            font: font.clone(),
        });
        Ok(font)
    }
}

/// A face's glyph ids and advances as the PDF needs them, read with ttf-parser (a binary
/// search in `cmap`, where printpdf's own lookup walks every range).
struct EmbeddedFace<'a> {
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
}

impl<'a> EmbeddedFace<'a> {
    fn new(data: &'a FaceData) -> Result<Self, Error> {
        let face = ttf_parser::Face::parse(&data.data, data.index).map_err(|e| Error::Font {
            family: data.family.clone(),
            detail: e.to_string(),
        })?;
        Ok(EmbeddedFace {
            units_per_em: f32::from(face.units_per_em().max(1)),
            face,
        })
    }

    /// The glyph drawn for `ch`; .notdef where the face lacks it (the layout warned already).
    fn glyph(&self, ch: char) -> u16 {
        self.face.glyph_index(ch).map_or(0, |g| g.0)
    }

    /// The advance the PDF's /W array gives `glyph`: printpdf's own arithmetic, truncated to
    /// 1/1000 em, so that the TJ adjustments land every glyph where the layout put it.
    fn advance_per_mille(&self, glyph: u16) -> i64 {
        let units = self
            .face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        (f32::from(units) * 1000.0 / self.units_per_em) as i64
    }
}

/// The resource name of face `face`, which printpdf also cuts its subset tag from (the first
/// six letters, ISO 32000-1 §9.6.4): six capitals from a hash of the face and the characters
/// drawn with it, so different subsets get different tags and the same input the same bytes.
fn font_name(face: usize, pages: &Pages) -> String {
    let mut hash = Fnv::new();
    hash.write(pages.faces[face].family.as_bytes());
    for page in &pages.pages {
        for item in page.drawn() {
            let Item::Text(line) = item else { continue };
            for g in line.glyphs.iter().filter(|g| g.face == face) {
                hash.write(&u32::from(g.ch).to_le_bytes());
            }
        }
    }
    let mut h = hash.finish();
    let mut name: String = (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect();
    name.push_str(&format!("F{face}"));
    name
}

/// 64-bit FNV-1a: a small, fixed hash for names and the file identifier (not for security).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The trailer's /ID (ISO 32000-1 §14.4): a hash of what the document shows, where printpdf
/// puts random strings, so the same input gives the same bytes in any process.
fn set_file_id(pdf: &mut lopdf::Document, pages: &Pages) {
    let mut halves = [Fnv::new(), Fnv(0x6c62_272e_07bb_0142)];
    for hash in &mut halves {
        let meta = &pages.metadata;
        for text in [&meta.title, &meta.author, &meta.subject] {
            hash.write(text.as_bytes());
            hash.write(&[0]);
        }
        for page in &pages.pages {
            hash.write(b"page");
            for item in page.drawn() {
                let Item::Text(line) = item else { continue };
                hash.write(&line.baseline.to_emu().to_le_bytes());
                for g in &line.glyphs {
                    hash.write(&u32::from(g.ch).to_le_bytes());
                    hash.write(&g.x.to_emu().to_le_bytes());
                }
            }
        }
    }
    let id: Vec<u8> = halves
        .iter()
        .flat_map(|h| h.finish().to_be_bytes())
        .collect();
    let string = || lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set("ID", vec![string(), string()]);
}

/// Deflate every stream that has no filter yet, on two threads: the embedded faces are most
/// of the work (the 仿宋 subset of a report is ~360 KB of CFF), so the largest streams are
/// shared out first. Level 6: lopdf's own `compress` uses 9, which costs more and saves <0.1%.
fn compress(pdf: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let (mut here, mut there) = (Vec::new(), Vec::new());
    let (mut here_bytes, mut there_bytes) = (0, 0);
    for s in streams {
        if here_bytes <= there_bytes {
            here_bytes += s.content.len();
            here.push(s);
        } else {
            there_bytes += s.content.len();
            there.push(s);
        }
    }
    let deflate_all = |streams: Vec<&mut lopdf::Stream>| {
        for s in streams {
            deflate(s);
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| deflate_all(there));
        deflate_all(here);
    });
}

fn deflate(stream: &mut lopdf::Stream) {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    let Ok(compressed) = encoder.finish() else {
        return;
    };
    // As lopdf does: keep a stream whose deflated form is no smaller, plain.
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}

/// Render `pages` to PDF bytes, parsing the faces anew.
pub fn write(pages: &Pages) -> Result<Vec<u8>, Error> {
    write_with(pages, &FontCache::default())
}

/// Render `pages` to PDF bytes, with faces parsed once per `cache`.
pub fn write_with(pages: &Pages, cache: &FontCache) -> Result<Vec<u8>, Error> {
    let meta = &pages.metadata;
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "gongwen".to_owned();
    info.producer = format!("gongwen {}", env!("CARGO_PKG_VERSION"));
    // The 成文日期, never the clock: the same input gives the same bytes.
    let date = OffsetDateTime::from_unix_timestamp(meta.date.days_since_epoch() * 86_400)
        .map_err(|e| Error::Pdf(format!("成文日期：{e}")))?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    // Embed only the faces some glyph uses, in face order, each under a name that follows
    // from the document (printpdf's own font ids come from a process-global counter).
    let mut fonts: BTreeMap<usize, EmbeddedFace> = BTreeMap::new();
    for page in &pages.pages {
        for item in page.drawn() {
            let Item::Text(line) = item else { continue };
            for g in &line.glyphs {
                if let std::collections::btree_map::Entry::Vacant(slot) = fonts.entry(g.face) {
                    slot.insert(EmbeddedFace::new(&pages.faces[g.face])?);
                }
            }
        }
    }
    let mut names = BTreeMap::new();
    for &face in fonts.keys() {
        let id = FontId(font_name(face, pages));
        let parsed = cache.parsed(&pages.faces[face])?;
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        names.insert(face, id);
    }

    let height = pages.setup.paper_height;
    let pdf_pages = pages
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for item in page.drawn() {
                match item {
                    Item::Text(line) => text_ops(line, height, &fonts, &names, &mut ops),
                    // Pictures go in through lopdf below (printpdf names them at random).
                    Item::Image(_) => {}
                    Item::Rule(rule) => {
                        let y = pt(height - rule.y);
                        ops.push(Op::SetOutlineColor {
                            col: color(rule.color),
                        });
                        ops.push(Op::SetOutlineThickness {
                            pt: pt(rule.thickness),
                        });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point { x: pt(rule.x0), y },
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point { x: pt(rule.x1), y },
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                }
            }
            PdfPage::new(
                printpdf::Mm(pages.setup.paper_width.to_mm() as f32),
                printpdf::Mm(height.to_mm() as f32),
                ops,
            )
        })
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    doc.with_pages(pdf_pages);
    let mut pdf = printpdf::to_lopdf_doc(&doc, &options, &mut warnings);
    add_images(&mut pdf, pages)?;
    add_outline(&mut pdf, pages);
    set_file_id(&mut pdf, pages);
    compress(&mut pdf);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// Draw each page's pictures (seals) under its text: an RGB image XObject with its alpha as a
/// soft mask, drawn in the box the layout fitted to it, in a content stream put
/// before the page's own. Names and object ids follow page order, so bytes stay stable.
fn add_images(pdf: &mut lopdf::Document, pages: &Pages) -> Result<(), Error> {
    use lopdf::{Dictionary, Object, Stream};
    let page_ids: Vec<lopdf::ObjectId> = pdf.get_pages().values().copied().collect();
    let height = pages.setup.paper_height;
    for (page, &page_id) in pages.pages.iter().zip(&page_ids) {
        let mut content = String::new();
        for (n, item) in page.drawn().enumerate() {
            let Item::Image(image) = item else { continue };
            let seal = &image.image;
            let (w, h) = (seal.width, seal.height);
            // An 8-bit image XObject of `w` × `h` samples in `space`.
            let image_dict = |space: &str| {
                let mut d = Dictionary::new();
                d.set("Type", "XObject");
                d.set("Subtype", "Image");
                d.set("Width", i64::from(w));
                d.set("Height", i64::from(h));
                d.set("ColorSpace", Object::Name(space.as_bytes().to_vec()));
                d.set("BitsPerComponent", 8);
                d
            };
            let smask_id =
                pdf.add_object(Stream::new(image_dict("DeviceGray"), seal.alpha.to_vec()));
            let mut dict = image_dict("DeviceRGB");
            dict.set("SMask", smask_id);
            let id = pdf.add_object(Stream::new(dict, seal.rgb.to_vec()));
            let name = format!("Seal{n}");
            pdf.add_xobject(page_id, name.as_bytes(), id)
                .map_err(|e| Error::Pdf(format!("印章图片：{e}")))?;
            let (dw, dh) = (image.width.to_pt(), image.height.to_pt());
            let x = image.x.to_pt();
            let y = (height - image.y - image.height).to_pt();
            content.push_str(&format!(
                "q {dw:.3} 0 0 {dh:.3} {x:.3} {y:.3} cm /{name} Do Q\n"
            ));
        }
        if content.is_empty() {
            continue;
        }
        let stream = pdf.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let page_dict = pdf
            .get_dictionary_mut(page_id)
            .map_err(|e| Error::Pdf(format!("页面：{e}")))?;
        let mut contents = match page_dict.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        contents.insert(0, Object::Reference(stream));
        page_dict.set("Contents", contents);
    }
    Ok(())
}

/// Bookmarks for the level-1 and level-2 headings, nested, in document order. (printpdf's own
/// bookmarks are flat and sorted by name.)
fn add_outline(pdf: &mut lopdf::Document, pages: &Pages) {
    use lopdf::{Dictionary, Object, StringFormat};
    if pages.outline.is_empty() {
        return;
    }
    let page_ids: Vec<lopdf::ObjectId> = pdf.get_pages().values().copied().collect();
    let root_id = pdf.new_object_id();
    // (id, level, parent) for each entry; parents are the latest entry of the level above.
    let mut items: Vec<(lopdf::ObjectId, u8, lopdf::ObjectId)> = Vec::new();
    let mut last_top = root_id;
    for entry in &pages.outline {
        let id = pdf.new_object_id();
        let parent = if entry.level == 1 { root_id } else { last_top };
        if entry.level == 1 {
            last_top = id;
        }
        items.push((id, entry.level, parent));
    }
    let height = pages.setup.paper_height;
    for (i, entry) in pages.outline.iter().enumerate() {
        let (id, _, parent) = items[i];
        let siblings: Vec<usize> = (0..items.len()).filter(|&j| items[j].2 == parent).collect();
        let pos = siblings
            .iter()
            .position(|&j| j == i)
            .expect("an item is its own sibling");
        let children: Vec<usize> = (0..items.len()).filter(|&j| items[j].2 == id).collect();
        let mut title = vec![0xFE, 0xFF];
        title.extend(entry.title.encode_utf16().flat_map(u16::to_be_bytes));
        let mut d = Dictionary::new();
        d.set("Title", Object::String(title, StringFormat::Hexadecimal));
        d.set("Parent", parent);
        let Some(&page) = page_ids.get(entry.page) else {
            continue;
        };
        d.set(
            "Dest",
            vec![
                page.into(),
                "XYZ".into(),
                Object::Null,
                Object::Real((height - entry.y).to_pt() as f32),
                Object::Null,
            ],
        );
        if pos > 0 {
            d.set("Prev", items[siblings[pos - 1]].0);
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", items[next].0);
        }
        if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
            d.set("First", items[first].0);
            d.set("Last", items[last].0);
            d.set("Count", children.len() as i64);
        }
        pdf.objects.insert(id, Object::Dictionary(d));
    }
    let top: Vec<usize> = (0..items.len())
        .filter(|&j| items[j].2 == root_id)
        .collect();
    let mut root = Dictionary::new();
    root.set("Type", "Outlines");
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        root.set("First", items[first].0);
        root.set("Last", items[last].0);
        root.set("Count", top.len() as i64);
    }
    pdf.objects.insert(root_id, Object::Dictionary(root));
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Outlines", root_id);
        catalog.set("PageMode", "UseOutlines");
    }
}

/// One text object per line; each run of glyphs in one face starts with a move to its first
/// glyph, and each later glyph is reached from the one before with a TJ adjustment, so the PDF
/// shows exactly the layout's positions. Glyphs go in by id with their text for ToUnicode.
fn text_ops(
    line: &TextLine,
    height: Length,
    fonts: &BTreeMap<usize, EmbeddedFace>,
    names: &BTreeMap<usize, FontId>,
    ops: &mut Vec<Op>,
) {
    let size = line.size.to_pt();
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor {
        col: color(line.color),
    });
    // A narrowed line (the 发文机关标志): Tz scales every advance, adjustments included.
    let scale = line.scale_percent as f64 / 100.0;
    if line.scale_percent != 100 {
        ops.push(Op::SetHorizontalScaling {
            percent: line.scale_percent as f32,
        });
    }
    // `Td` moves from the start of the previous run (the text line matrix).
    let mut at = (0.0f32, 0.0f32);
    let y = pt(height - line.baseline).0;
    let mut glyphs = line.glyphs.iter().peekable();
    while let Some(first) = glyphs.next() {
        let font = &fonts[&first.face];
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(names[&first.face].clone()),
            size: Pt(size as f32),
        });
        let x = pt(first.x).0;
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x - at.0),
                y: Pt(y - at.1),
            },
        });
        at = (x, y);
        let mut codes = Vec::new();
        let mut prev = first;
        let mut prev_glyph = font.glyph(first.ch);
        let mut pending = vec![(prev_glyph, first.ch)];
        while let Some(g) = glyphs.next_if(|g| g.face == first.face) {
            // The viewer advances by the glyph's /W width (in 1/1000 em); make up the rest.
            let drawn = font.advance_per_mille(prev_glyph) as f64 * size / 1000.0;
            let wanted = (g.x - prev.x).to_pt() / scale;
            let adjust = ((drawn - wanted) * 1000.0 / size) as f32;
            let offset = if adjust.abs() > 0.01 { adjust } else { 0.0 };
            let (gid, ch) = pending.pop().expect("one glyph is pending");
            codes.push(Codepoint::with_cid(gid, offset, ch.to_string()));
            prev = g;
            prev_glyph = font.glyph(g.ch);
            pending.push((prev_glyph, g.ch));
        }
        if let Some((gid, ch)) = pending.pop() {
            codes.push(Codepoint::with_cid(gid, 0.0, ch.to_string()));
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codes)],
        });
    }
    if line.scale_percent != 100 {
        ops.push(Op::SetHorizontalScaling { percent: 100.0 });
    }
    ops.push(Op::EndTextSection);
}

fn pt(l: Length) -> Pt {
    Pt(l.to_pt() as f32)
}

fn color(c: Color) -> printpdf::Color {
    let (r, g, b) = match c {
        Color::Black => (0.0, 0.0, 0.0),
        Color::Red => (1.0, 0.0, 0.0),
    };
    printpdf::Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}
