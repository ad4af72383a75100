//! Pages → PDF (krilla): draws the glyphs, rules and seals where the layout put them, embeds
//! the faces as subsets with ToUnicode maps, and writes the metadata, by default as PDF/A-2u
//! (XMP, sRGB output intent, every font embedded — krilla validates it), or tagged as
//! PDF/A-2a (`tags`). Decides nothing.

mod tags;

use super::Error;
use crate::layout::{Color, FaceData, Image, Item, Line, Pages, Rule, TextLine};
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder, ValidationError};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, ImageColorspace};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, PoisonError};

/// Which standard the PDF claims (`--pdf-standard`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PdfStandard {
    /// A plain PDF 1.7.
    None,
    /// PDF/A-2b: archivable appearance.
    A2b,
    /// PDF/A-2u: PDF/A-2b, and every glyph maps to Unicode (text can be searched and copied).
    #[default]
    A2u,
    /// PDF/A-2a: PDF/A-2u, tagged — a structure tree of title, headings and paragraphs in
    /// reading order (screen readers, reflow).
    A2a,
}

impl PdfStandard {
    /// As the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::None => "none",
            PdfStandard::A2b => "PDF/A-2b",
            PdfStandard::A2u => "PDF/A-2u",
            PdfStandard::A2a => "PDF/A-2a",
        }
    }
}

/// How the PDF is written; the drawing is the same either way.
#[derive(Clone, Copy, Debug, Default)]
pub struct PdfOptions {
    pub standard: PdfStandard,
}

/// Faces parsed for embedding, shared by every document a process writes: each face is parsed
/// (and hashed, as krilla identifies fonts by content) once, from the font file's mapping
/// without a copy.
#[derive(Default)]
pub struct FontCache {
    faces: Mutex<Vec<(FaceData, Font)>>,
}

impl FontCache {
    /// The face as krilla embeds it, parsed now if no document used it before.
    fn font(&self, face: &FaceData) -> Result<Font, Error> {
        let mut faces = self.faces.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, font)) = faces
            .iter()
            .find(|(f, _)| f.data.same(&face.data) && f.index == face.index)
        {
            return Ok(font.clone());
        }
        let font = Font::new(face.data.shared().into(), face.index).ok_or_else(|| Error::Font {
            family: face.family.clone(),
            detail: "krilla 无法解析".to_owned(),
        })?;
        faces.push((face.clone(), font.clone()));
        Ok(font)
    }
}

/// Render `pages` to PDF bytes, parsing the faces anew.
pub fn write(pages: &Pages, options: &PdfOptions) -> Result<Vec<u8>, Error> {
    write_with(pages, &FontCache::default(), options)
}

/// Render `pages` to PDF bytes, with faces parsed once per `cache`.
pub fn write_with(
    pages: &Pages,
    cache: &FontCache,
    options: &PdfOptions,
) -> Result<Vec<u8>, Error> {
    let mut settings = SerializeSettings::default();
    let validator = match options.standard {
        PdfStandard::None => None,
        PdfStandard::A2b => Some(Archival::A2_B),
        PdfStandard::A2u => Some(Archival::A2_U),
        PdfStandard::A2a => Some(Archival::A2_A),
    };
    if let Some(validator) = validator {
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(validator)
            .finish()
            .map_err(|e| Error::Pdf(format!("{e:?}")))?;
    }
    let mut doc = Document::new_with(settings);

    // Only the faces some glyph uses, looked up once per document.
    let mut fonts: BTreeMap<usize, Font> = BTreeMap::new();
    for page in &pages.pages {
        for item in page.drawn() {
            let Item::Text(line) = item else { continue };
            for g in &line.glyphs {
                if let std::collections::btree_map::Entry::Vacant(slot) = fonts.entry(g.face) {
                    slot.insert(cache.font(&pages.faces[g.face])?);
                }
            }
        }
    }
    let faces: BTreeMap<usize, ttf_parser::Face> = fonts
        .keys()
        .map(|&i| {
            let data = &pages.faces[i];
            ttf_parser::Face::parse(&data.data, data.index)
                .map(|f| (i, f))
                .map_err(|e| Error::Font {
                    family: data.family.clone(),
                    detail: e.to_string(),
                })
        })
        .collect::<Result<_, _>>()?;

    let size = PageSettings::from_wh(
        pages.setup.paper_width.to_pt() as f32,
        pages.setup.paper_height.to_pt() as f32,
    )
    .ok_or_else(|| Error::Pdf("纸张尺寸无效".to_owned()))?;
    let mut tagger = tags::Tagger::new(options.standard == PdfStandard::A2a);
    for (index, page) in pages.pages.iter().enumerate() {
        let mut pdf_page = doc.start_page_with(size.clone());
        let mut surface = pdf_page.surface();
        for (item, frame) in page.placed() {
            tagger.start(&mut surface, item, index);
            // A turned 版心 (横排, GB/T 9704 §8): the layout's map from its frame to the sheet.
            let turn = frame.transform();
            if let Some(t) = turn {
                let pt = |l: crate::length::Length| l.to_pt() as f32;
                surface.push_transform(&Transform::from_row(
                    t.a as f32,
                    t.b as f32,
                    t.c as f32,
                    t.d as f32,
                    pt(t.e),
                    pt(t.f),
                ));
            }
            match item {
                Item::Text(line) => draw_text(&mut surface, line, &fonts, &faces),
                Item::Rule(rule) => draw_rule(&mut surface, rule),
                Item::Line(line) => draw_line(&mut surface, line),
                Item::Image(image) => draw_image(&mut surface, image)?,
            }
            if turn.is_some() {
                surface.pop();
            }
            tagger.end(&mut surface);
        }
        surface.finish();
        pdf_page.finish();
    }
    if let Some(tree) = tagger.tree(pages) {
        doc.set_tag_tree(tree);
    }
    doc.set_outline(outline(pages));
    doc.set_metadata(metadata(pages));
    doc.finish().map_err(|e| refusal(&e, options.standard))
}

/// The document's metadata (Info and XMP): 标题, 发文机关 as creators, the 成文日期 as both
/// dates (never the clock: the same input gives the same bytes), and the 公文's own fields as
/// keywords — krilla writes no custom XMP schema, so they cannot be properties of their own.
fn metadata(pages: &Pages) -> Metadata {
    let meta = &pages.metadata;
    let (year, month, day) = (meta.date.year, meta.date.month, meta.date.day);
    let mut keywords = vec![format!("文种：{}", meta.subject)];
    keywords.extend(
        [
            ("发文字号", &meta.doc_number),
            ("密级", &meta.secrecy),
            ("份号", &meta.copy_number),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}：{v}"))),
    );
    keywords.push(format!("成文日期：{year}年{month}月{day}日"));
    keywords.push(format!("发文机关：{}", meta.issuers.join("、")));
    Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .description(meta.subject.clone())
        .keywords(keywords)
        .language("zh-CN".to_owned())
        .creator("gongwen".to_owned())
        .producer(format!("gongwen {}", env!("CARGO_PKG_VERSION")))
        .creation_date(
            DateTime::new(year)
                .month(month)
                .day(day)
                .hour(0)
                .minute(0)
                .second(0)
                .utc_offset_hour(8)
                .utc_offset_minute(0),
        )
}

/// Bookmarks for the level-1 and level-2 headings, nested, in document order.
fn outline(pages: &Pages) -> Outline {
    let mut outline = Outline::new();
    let mut top: Option<OutlineNode> = None;
    for entry in &pages.outline {
        let dest = krilla::destination::XyzDestination::new(
            entry.page,
            Point::from_xy(0.0, entry.y.to_pt() as f32),
        );
        let node = OutlineNode::new(entry.title.clone(), dest);
        match (entry.level, top.as_mut()) {
            (1, _) | (_, None) => {
                if let Some(done) = top.replace(node) {
                    outline.push_child(done);
                }
            }
            (_, Some(parent)) => parent.push_child(node),
        }
    }
    if let Some(done) = top {
        outline.push_child(done);
    }
    outline
}

/// Each run of glyphs in one face goes in as one glyph run from its first glyph's position,
/// every glyph advancing to the next one's x: the PDF shows exactly the layout's positions.
/// A narrowed line (the 发文机关标志) is drawn in a horizontally scaled space.
fn draw_text(
    surface: &mut krilla::surface::Surface,
    line: &TextLine,
    fonts: &BTreeMap<usize, Font>,
    faces: &BTreeMap<usize, ttf_parser::Face>,
) {
    surface.set_fill(Some(Fill {
        paint: color(line.color).into(),
        ..Fill::default()
    }));
    let scale = line.scale_percent as f32 / 100.0;
    let scaled = line.scale_percent != 100;
    if scaled {
        surface.push_transform(&Transform::from_scale(scale, 1.0));
    }
    let size = line.size.to_pt() as f32;
    let y = line.baseline.to_pt() as f32;
    for run in line.face_runs() {
        let face = run[0].face;
        let mut text = String::new();
        let glyphs: Vec<KrillaGlyph> = run
            .iter()
            .enumerate()
            .map(|(k, g)| {
                let from = text.len();
                text.push(g.ch);
                // The last glyph keeps its own advance; the others reach the next glyph.
                let advance = match run.get(k + 1) {
                    Some(next) => (next.x - g.x).to_pt() as f32 / scale / size,
                    None => {
                        let f = &faces[&face];
                        let id = f.glyph_index(g.ch).map_or(0, |id| id.0);
                        let units = f.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0);
                        f32::from(units) / f32::from(f.units_per_em().max(1))
                    }
                };
                let id = faces[&face].glyph_index(g.ch).map_or(0, |id| id.0);
                KrillaGlyph::new(
                    GlyphId::new(u32::from(id)),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    from..text.len(),
                    None,
                )
            })
            .collect();
        let x = run[0].x.to_pt() as f32 / scale;
        surface.draw_glyphs(
            Point::from_xy(x, y),
            &glyphs,
            fonts[&face].clone(),
            &text,
            size,
            false,
        );
    }
    if scaled {
        surface.pop();
    }
}

fn draw_rule(surface: &mut krilla::surface::Surface, rule: &Rule) {
    let y = rule.y.to_pt() as f32;
    let mut path = PathBuilder::new();
    path.move_to(rule.x0.to_pt() as f32, y);
    path.line_to(rule.x1.to_pt() as f32, y);
    let Some(path) = path.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: color(rule.color).into(),
        width: rule.thickness.to_pt() as f32,
        line_cap: LineCap::Butt,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// A table rule: a black stroke between its two points.
fn draw_line(surface: &mut krilla::surface::Surface, line: &Line) {
    let mut path = PathBuilder::new();
    path.move_to(line.x0.to_pt() as f32, line.y0.to_pt() as f32);
    path.line_to(line.x1.to_pt() as f32, line.y1.to_pt() as f32);
    let Some(path) = path.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: color(Color::Black).into(),
        width: line.thickness.to_pt() as f32,
        line_cap: LineCap::Butt,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// A seal: its RGB samples with the alpha channel as a soft mask (allowed by PDF/A-2), drawn
/// in the box the layout fitted to it.
fn draw_image(surface: &mut krilla::surface::Surface, image: &Image) -> Result<(), Error> {
    let seal = SealPixels(image.image.clone());
    let picture = krilla::image::Image::from_custom(seal, false)
        .map_err(|e| Error::Pdf(format!("印章图片：{e}")))?;
    let size = Size::from_wh(image.width.to_pt() as f32, image.height.to_pt() as f32)
        .ok_or_else(|| Error::Pdf("印章图片尺寸为零".to_owned()))?;
    surface.push_transform(&Transform::from_translate(
        image.x.to_pt() as f32,
        image.y.to_pt() as f32,
    ));
    surface.draw_image(picture, size);
    surface.pop();
    Ok(())
}

/// A seal's decoded pixels as krilla takes a custom image.
#[derive(Clone)]
struct SealPixels(crate::compose::SealImage);

impl Hash for SealPixels {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.rgb.hash(state);
        self.0.alpha.hash(state);
        (self.0.width, self.0.height).hash(state);
    }
}

impl CustomImage for SealPixels {
    fn color_channel(&self) -> &[u8] {
        &self.0.rgb
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        Some(&self.0.alpha)
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        (self.0.width, self.0.height)
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Rgb
    }
}

/// Black and 红 as sRGB colours (PDF/A writes them in the output intent's space).
fn color(c: Color) -> rgb::Color {
    match c {
        Color::Black => rgb::Color::black(),
        Color::Red => rgb::Color::new(255, 0, 0),
    }
}

/// Why krilla refused to write the file, as a clerk can act on it.
fn refusal(e: &krilla::error::KrillaError, standard: PdfStandard) -> Error {
    use krilla::error::KrillaError;
    match e {
        KrillaError::Validation(errors) => {
            let missing: Vec<String> = errors
                .iter()
                .filter_map(|(e, _)| match e {
                    ValidationError::ContainsNotDefGlyph(_, _, text) => Some(text.clone()),
                    _ => None,
                })
                .collect();
            if missing.is_empty() {
                return Error::Pdf(format!("{errors:?}"));
            }
            Error::Archive(format!(
                "字体里没有这些字的字形：{}；{} 不允许缺字",
                missing.join("、"),
                standard.name()
            ))
        }
        other => Error::Pdf(format!("{other:?}")),
    }
}
