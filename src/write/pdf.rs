//! Pages → PDF (printpdf): draws the glyphs and rules where the layout put them, embeds the
//! faces as subsets with ToUnicode maps, and writes the metadata. Decides nothing.

use crate::layout::{Color, Item, Pages, TextLine};
use crate::length::Length;
use printpdf::{
    FontId, Line, LinePoint, OffsetDateTime, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem, TextMatrix,
};
use std::collections::BTreeMap;

/// Render `pages` to PDF bytes.
pub fn write(pages: &Pages) -> Result<Vec<u8>, String> {
    let meta = &pages.metadata;
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "gongwen".to_owned();
    info.producer = format!("gongwen {}", env!("CARGO_PKG_VERSION"));
    // The 成文日期, never the clock: the same input gives the same bytes.
    let date = OffsetDateTime::from_unix_timestamp(unix_seconds(
        meta.date.year,
        meta.date.month,
        meta.date.day,
    ))
    .map_err(|e| format!("成文日期无法写入 PDF：{e}"))?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    // Embed only the faces some glyph uses, in face order (stable output).
    let mut fonts: BTreeMap<usize, (FontId, ParsedFont)> = BTreeMap::new();
    for page in &pages.pages {
        for item in &page.items {
            let Item::Text(line) = item else { continue };
            for g in &line.glyphs {
                if fonts.contains_key(&g.face) {
                    continue;
                }
                let face = &pages.faces[g.face];
                let parsed =
                    ParsedFont::from_bytes(&face.data, face.index as usize, &mut Vec::new())
                        .ok_or_else(|| format!("字体 {} 无法嵌入 PDF", face.family))?;
                let id = doc.add_font(&parsed);
                fonts.insert(g.face, (id, parsed));
            }
        }
    }

    let height = pages.setup.paper_height;
    let pdf_pages = pages
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for item in &page.items {
                match item {
                    Item::Text(line) => text_ops(line, height, &fonts, &mut ops),
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
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| format!("PDF 写入失败：{e}"))?;
    Ok(bytes)
}

/// Draw each page's pictures (seals) under its text: an RGB image XObject with its alpha as a
/// soft mask, scaled into the layout's box keeping its proportions, in a content stream put
/// before the page's own. Names and object ids follow page order, so bytes stay stable.
fn add_images(pdf: &mut lopdf::Document, pages: &Pages) -> Result<(), String> {
    use lopdf::{Dictionary, Object, Stream};
    let page_ids: Vec<lopdf::ObjectId> = pdf.get_pages().values().copied().collect();
    let height = pages.setup.paper_height;
    for (page, &page_id) in pages.pages.iter().zip(&page_ids) {
        let mut content = String::new();
        for (n, item) in page.items.iter().enumerate() {
            let Item::Image(image) = item else { continue };
            let (w, h, rgb, alpha) = decode_png(&image.image.png)?;
            let mut smask = Dictionary::new();
            smask.set("Type", "XObject");
            smask.set("Subtype", "Image");
            smask.set("Width", i64::from(w));
            smask.set("Height", i64::from(h));
            smask.set("ColorSpace", "DeviceGray");
            smask.set("BitsPerComponent", 8);
            let smask_id = pdf.add_object(Stream::new(smask, alpha));
            let mut dict = Dictionary::new();
            dict.set("Type", "XObject");
            dict.set("Subtype", "Image");
            dict.set("Width", i64::from(w));
            dict.set("Height", i64::from(h));
            dict.set("ColorSpace", "DeviceRGB");
            dict.set("BitsPerComponent", 8);
            dict.set("SMask", smask_id);
            let id = pdf.add_object(Stream::new(dict, rgb));
            let name = format!("Seal{n}");
            pdf.add_xobject(page_id, name.as_bytes(), id)
                .map_err(|e| format!("印章图片无法写入 PDF：{e}"))?;
            // Fit the picture in its box, centred.
            let scale =
                (image.width.to_pt() / f64::from(w)).min(image.height.to_pt() / f64::from(h));
            let (dw, dh) = (f64::from(w) * scale, f64::from(h) * scale);
            let x = image.x.to_pt() + (image.width.to_pt() - dw) / 2.0;
            let y = (height - image.y).to_pt() - (image.height.to_pt() + dh) / 2.0;
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
            .map_err(|e| format!("PDF 页面无法修改：{e}"))?;
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

/// A PNG as 8-bit RGB samples and an 8-bit alpha channel.
fn decode_png(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>, Vec<u8>), String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("印章图片无法解码：{e}"))?;
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("印章图片无法解码：{e}"))?;
    let pixels = &buf[..frame.buffer_size()];
    let (mut rgb, mut alpha) = (Vec::new(), Vec::new());
    let mut push = |r: u8, g: u8, b: u8, a: u8| {
        rgb.extend([r, g, b]);
        alpha.push(a);
    };
    match frame.color_type {
        png::ColorType::Rgba => pixels.chunks(4).for_each(|p| push(p[0], p[1], p[2], p[3])),
        png::ColorType::Rgb => pixels.chunks(3).for_each(|p| push(p[0], p[1], p[2], 255)),
        png::ColorType::GrayscaleAlpha => {
            pixels.chunks(2).for_each(|p| push(p[0], p[0], p[0], p[1]))
        }
        png::ColorType::Grayscale => pixels.iter().for_each(|&p| push(p, p, p, 255)),
        png::ColorType::Indexed => return Err("印章图片的调色板格式无法解码".to_owned()),
    }
    Ok((frame.width, frame.height, rgb, alpha))
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

/// One text object per run of glyphs in the same face; each glyph's place is reached from the
/// previous one with a TJ adjustment, so the PDF shows exactly the layout's positions.
fn text_ops(
    line: &TextLine,
    height: Length,
    fonts: &BTreeMap<usize, (FontId, ParsedFont)>,
    ops: &mut Vec<Op>,
) {
    let size = line.size.to_pt() as f32;
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor {
        col: color(line.color),
    });
    let mut glyphs = line.glyphs.iter().peekable();
    while let Some(first) = glyphs.next() {
        let (id, font) = &fonts[&first.face];
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(size),
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(pt(first.x), pt(height - line.baseline)),
        });
        let mut items = vec![TextItem::Text(first.ch.to_string())];
        let mut prev = first;
        while let Some(g) = glyphs.next_if(|g| g.face == first.face) {
            // The viewer advances by the glyph's /W width (in 1/1000 em); make up the rest.
            let drawn = advance_per_mille(font, prev.ch) as f64 * line.size.to_pt() / 1000.0;
            let wanted = (g.x - prev.x).to_pt();
            let adjust = ((drawn - wanted) * 1000.0 / line.size.to_pt()) as f32;
            if adjust.abs() > 0.01 {
                items.push(TextItem::Offset(adjust));
            }
            items.push(TextItem::Text(g.ch.to_string()));
            prev = g;
        }
        ops.push(Op::ShowText {
            items: merge_text(items),
        });
    }
    ops.push(Op::EndTextSection);
}

/// Join neighbouring text items so TJ arrays stay short.
fn merge_text(items: Vec<TextItem>) -> Vec<TextItem> {
    let mut out: Vec<TextItem> = Vec::with_capacity(items.len());
    for item in items {
        match (out.last_mut(), item) {
            (Some(TextItem::Text(acc)), TextItem::Text(t)) => acc.push_str(&t),
            (_, item) => out.push(item),
        }
    }
    out
}

/// The advance printpdf writes into the font's /W array: truncated to 1/1000 em.
fn advance_per_mille(font: &ParsedFont, ch: char) -> i64 {
    let upem = i64::from(font.pdf_font_metrics.units_per_em.max(1));
    font.lookup_glyph_index(ch as u32)
        .and_then(|gid| font.get_or_decode_glyph(gid))
        .map_or(0, |g| i64::from(g.horz_advance) * 1000 / upem)
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

/// Seconds from 1970-01-01 to midnight UTC of a civil date (Howard Hinnant's days_from_civil).
fn unix_seconds(year: u16, month: u8, day: u8) -> i64 {
    let (y, m, d) = (
        i64::from(year) - i64::from(month <= 2),
        i64::from(month),
        i64::from(day),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

#[cfg(test)]
mod tests {
    #[test]
    fn unix_seconds_of_known_dates() {
        assert_eq!(super::unix_seconds(1970, 1, 1), 0);
        assert_eq!(super::unix_seconds(2024, 2, 22), 1_708_560_000);
    }
}
