//! Reading a PDF back the way a ruler would: every glyph with its position, size and colour,
//! and every stroked line, interpreted from the page content streams through the text and
//! graphics matrices (text via ToUnicode, advances via the fonts' /W widths). Nothing here looks at gongwen's own layout structs.

use lopdf::{Document, Object, ObjectId};
use std::collections::HashMap;
use std::path::Path;

pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// A glyph as drawn. Lengths in mm from the paper's top-left corner.
#[derive(Debug, Clone)]
pub struct DrawnGlyph {
    pub ch: char,
    pub x: f64,
    /// Baseline.
    pub y: f64,
    pub advance: f64,
    /// Font size in pt.
    pub size: f64,
    pub font: String,
    pub red: bool,
    /// The baseline's direction on the paper, a unit vector (x right, y down): (1, 0) upright,
    /// (0, −1) for text turned a quarter counter-clockwise.
    pub dir: (f64, f64),
}

/// A stroked straight line. mm from the top-left corner.
#[derive(Debug, Clone)]
pub struct DrawnRule {
    pub x0: f64,
    pub x1: f64,
    /// Where it starts; `y1` where it ends (a vertical line: x0 = x1).
    pub y: f64,
    pub y1: f64,
    pub thickness: f64,
    pub red: bool,
}

/// A placed picture (image XObject). mm from the top-left corner.
#[derive(Debug, Clone)]
pub struct DrawnImage {
    pub x: f64,
    /// Top edge.
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Default)]
pub struct DrawnPage {
    pub glyphs: Vec<DrawnGlyph>,
    pub rules: Vec<DrawnRule>,
    pub images: Vec<DrawnImage>,
}

impl DrawnPage {
    /// Glyphs grouped into lines by baseline (within 0.2 mm), top to bottom, each left to right.
    pub fn lines(&self) -> Vec<Vec<DrawnGlyph>> {
        let mut lines: Vec<Vec<DrawnGlyph>> = Vec::new();
        let mut glyphs = self.glyphs.clone();
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        for g in glyphs {
            match lines.last_mut() {
                Some(line) if (line[0].y - g.y).abs() < 0.2 => line.push(g),
                _ => lines.push(vec![g]),
            }
        }
        lines
    }

    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(|l| l.iter().map(|g| g.ch).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn line_text(line: &[DrawnGlyph]) -> String {
    line.iter().map(|g| g.ch).collect()
}

struct Font {
    name: String,
    widths: HashMap<u32, f64>,
    to_unicode: HashMap<u32, char>,
}

/// Every page of the PDF at `path`, interpreted.
pub fn read(path: &Path) -> Vec<DrawnPage> {
    let doc = Document::load(path).expect("the PDF parses");
    let mut fonts: HashMap<ObjectId, Font> = HashMap::new();
    doc.get_pages()
        .values()
        .map(|&page_id| {
            let (_, height) = page_size(&doc, page_id);
            let resources = page_fonts(&doc, page_id);
            let content = doc.get_page_content(page_id);
            let ops = lopdf::content::Content::decode(&content)
                .expect("content decodes")
                .operations;
            let mut page = DrawnPage::default();
            let (mut font, mut size) = (None::<ObjectId>, 0.0);
            // Text matrix and line matrix, and the graphics state's CTM with its stack: every
            // position goes through them (ISO 32000-1 §9.4.2), so any writer's operators read.
            let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
            let mut hscale = 1.0;
            let mut ctm = IDENTITY;
            let mut stack: Vec<(Matrix, bool, bool, f64)> = Vec::new();
            let (mut fill_red, mut stroke_red, mut width) = (false, false, 1.0);
            let mut path_start: Option<(f64, f64)> = None;
            let mut segments: Vec<((f64, f64), (f64, f64))> = Vec::new();
            let red = |n: &[f64]| n.len() == 3 && n[0] > 0.5 && n[1] < 0.5;
            for op in ops {
                let nums: Vec<f64> = op.operands.iter().filter_map(num).collect();
                match op.operator.as_str() {
                    "Tf" => {
                        let name = op.operands[0].as_name().expect("font name");
                        font = resources.get(name).copied();
                        size = nums[0];
                        if let Some(id) = font {
                            fonts.entry(id).or_insert_with(|| load_font(&doc, id));
                        }
                    }
                    "Tm" => {
                        tm = [nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]];
                        tlm = tm;
                    }
                    "Td" | "TD" => {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, nums[0], nums[1]], &tlm);
                        tm = tlm;
                    }
                    "BT" => {
                        tm = IDENTITY;
                        tlm = IDENTITY;
                    }
                    "rg" | "sc" | "scn" => fill_red = red(&nums),
                    "RG" | "SC" | "SCN" => stroke_red = red(&nums),
                    "g" | "k" => fill_red = false,
                    "G" | "K" => stroke_red = false,
                    "Tz" => hscale = nums[0] / 100.0,
                    "w" => width = nums[0],
                    "q" => stack.push((ctm, fill_red, stroke_red, width)),
                    "Q" => {
                        (ctm, fill_red, stroke_red, width) =
                            stack.pop().unwrap_or((IDENTITY, false, false, 1.0))
                    }
                    "cm" => {
                        ctm = mul(
                            &[nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]],
                            &ctm,
                        )
                    }
                    "Do" => {
                        let corners: Vec<(f64, f64)> = [(0.0, 0.0), (1.0, 1.0)]
                            .iter()
                            .map(|&(x, y)| apply(&ctm, x, y))
                            .collect();
                        let (x0, x1) = (
                            corners[0].0.min(corners[1].0),
                            corners[0].0.max(corners[1].0),
                        );
                        let (y0, y1) = (
                            corners[0].1.min(corners[1].1),
                            corners[0].1.max(corners[1].1),
                        );
                        page.images.push(DrawnImage {
                            x: x0 / PT_PER_MM,
                            y: (height - y1) / PT_PER_MM,
                            width: (x1 - x0) / PT_PER_MM,
                            height: (y1 - y0) / PT_PER_MM,
                        })
                    }
                    "m" => path_start = Some(apply(&ctm, nums[0], nums[1])),
                    "l" => {
                        if let Some(start) = path_start {
                            let end = apply(&ctm, nums[0], nums[1]);
                            segments.push((start, end));
                            path_start = Some(end);
                        }
                    }
                    "S" => {
                        let scale = (ctm[2] * ctm[2] + ctm[3] * ctm[3]).sqrt();
                        for ((x0, y0), (x1, y1)) in segments.drain(..) {
                            page.rules.push(DrawnRule {
                                x0: x0.min(x1) / PT_PER_MM,
                                x1: x0.max(x1) / PT_PER_MM,
                                y: (height - y0) / PT_PER_MM,
                                y1: (height - y1) / PT_PER_MM,
                                thickness: width * scale / PT_PER_MM,
                                red: stroke_red,
                            });
                        }
                    }
                    "TJ" | "Tj" => {
                        let f = &fonts[&font.expect("a font is set before text")];
                        let items = match &op.operands[0] {
                            Object::Array(a) => a.clone(),
                            other => vec![other.clone()],
                        };
                        for item in items {
                            match item {
                                Object::String(bytes, _) => {
                                    for code in bytes
                                        .chunks(2)
                                        .map(|c| u32::from(c[0]) << 8 | u32::from(c[1]))
                                    {
                                        let w = f.widths.get(&code).copied().unwrap_or(0.0)
                                            / 1000.0
                                            * size
                                            * hscale;
                                        let trm = mul(&tm, &ctm);
                                        page.glyphs.push(DrawnGlyph {
                                            ch: f
                                                .to_unicode
                                                .get(&code)
                                                .copied()
                                                .unwrap_or('\u{FFFD}'),
                                            x: trm[4] / PT_PER_MM,
                                            y: (height - trm[5]) / PT_PER_MM,
                                            advance: w * trm[0].hypot(trm[1]) / PT_PER_MM,
                                            size: size * (trm[2] * trm[2] + trm[3] * trm[3]).sqrt(),
                                            font: f.name.clone(),
                                            red: fill_red,
                                            dir: {
                                                let n = trm[0].hypot(trm[1]);
                                                (trm[0] / n, -trm[1] / n)
                                            },
                                        });
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, w, 0.0], &tm);
                                    }
                                }
                                other => {
                                    let tx = -num(&other).unwrap_or(0.0) / 1000.0 * size * hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            page
        })
        .collect()
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row vectors, as PDF writes matrices).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn page_size(doc: &Document, page: ObjectId) -> (f64, f64) {
    let dict = doc.get_dictionary(page).unwrap();
    let mb = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let v: Vec<f64> = mb.iter().filter_map(num).collect();
    (v[2] - v[0], v[3] - v[1])
}

fn page_fonts(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, ObjectId> {
    let (resources, ids) = doc.get_page_resources(page).unwrap();
    let mut out = HashMap::new();
    let mut read = |res: &lopdf::Dictionary| {
        if let Ok(fonts) = res.get(b"Font") {
            let fonts = match fonts {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => return,
            };
            for (name, f) in fonts.iter() {
                if let Ok(id) = f.as_reference() {
                    out.insert(name.clone(), id);
                }
            }
        }
    };
    if let Some(r) = resources {
        read(r);
    }
    for id in ids {
        read(doc.get_dictionary(id).unwrap());
    }
    out
}

fn load_font(doc: &Document, id: ObjectId) -> Font {
    let dict = doc.get_dictionary(id).unwrap();
    let name = String::from_utf8_lossy(
        dict.get(b"BaseFont")
            .and_then(|n| n.as_name())
            .unwrap_or(b"?"),
    )
    .into_owned();
    let mut widths = HashMap::new();
    if let Ok(desc) = dict.get(b"DescendantFonts").and_then(|d| d.as_array()) {
        let cid = doc.dereference(&desc[0]).unwrap().1.as_dict().unwrap();
        if let Ok(w) = cid
            .get(b"W")
            .and_then(|w| doc.dereference(w))
            .and_then(|(_, w)| w.as_array())
        {
            let mut i = 0;
            while i + 1 < w.len() {
                let first = num(&w[i]).unwrap() as u32;
                match &w[i + 1] {
                    Object::Array(ws) => {
                        for (k, v) in ws.iter().enumerate() {
                            widths.insert(first + k as u32, num(v).unwrap());
                        }
                        i += 2;
                    }
                    last => {
                        let last = num(last).unwrap() as u32;
                        let v = num(&w[i + 2]).unwrap();
                        for c in first..=last {
                            widths.insert(c, v);
                        }
                        i += 3;
                    }
                }
            }
        }
    }
    let mut to_unicode = HashMap::new();
    if let Ok(r) = dict.get(b"ToUnicode").and_then(|r| r.as_reference()) {
        let stream = doc.get_object(r).unwrap().as_stream().unwrap();
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        parse_cmap(&String::from_utf8_lossy(&data), &mut to_unicode);
    }
    Font {
        name,
        widths,
        to_unicode,
    }
}

/// The bfchar and bfrange entries of a ToUnicode CMap.
fn parse_cmap(cmap: &str, out: &mut HashMap<u32, char>) {
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok();
    let unicode = |s: &str| {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
            .collect();
        char::decode_utf16(units).next().and_then(Result::ok)
    };
    let mut section = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            section = "range";
            continue;
        }
        if line.starts_with("endbf") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (section, parts.as_slice()) {
            ("char", [code, uni]) => {
                if let (Some(c), Some(u)) = (hex(code), unicode(uni)) {
                    out.insert(c, u);
                }
            }
            ("range", [lo, hi, uni]) if uni.starts_with('<') => {
                if let (Some(lo), Some(hi), Some(u)) = (hex(lo), hex(hi), unicode(uni)) {
                    for (k, c) in (lo..=hi).enumerate() {
                        if let Some(ch) = char::from_u32(u as u32 + k as u32) {
                            out.insert(c, ch);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
