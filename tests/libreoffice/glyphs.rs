//! Every glyph a PDF draws, with its baseline, x, advance and size, read from the content
//! streams of any producer (our printpdf output: CID fonts, `Tm`; LibreOffice's: simple fonts,
//! `Td`, `TJ` adjustments). Text comes from the fonts' ToUnicode maps, advances from `/W` or
//! `/Widths`. Lengths in pt from the paper's top-left corner.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Glyph {
    pub ch: char,
    pub x: f64,
    pub advance: f64,
    /// Baseline, from the top edge.
    pub y: f64,
    pub size: f64,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub y: f64,
    pub glyphs: Vec<Glyph>,
}

impl Line {
    pub fn text(&self) -> String {
        self.glyphs
            .iter()
            .map(|g| g.ch)
            .filter(|c| !c.is_whitespace())
            .collect()
    }
    pub fn left(&self) -> f64 {
        self.glyphs
            .iter()
            .find(|g| !g.ch.is_whitespace())
            .map_or(f64::NAN, |g| g.x)
    }
    /// The right end of the last glyph's advance; `skip_hanging` leaves out a last mark that
    /// hangs past the line.
    pub fn right(&self, hanging: &[char]) -> f64 {
        let mut glyphs: Vec<&Glyph> = self
            .glyphs
            .iter()
            .filter(|g| !g.ch.is_whitespace())
            .collect();
        if glyphs.len() > 1 && glyphs.last().is_some_and(|g| hanging.contains(&g.ch)) {
            glyphs.pop();
        }
        glyphs.last().map_or(f64::NAN, |g| g.x + g.advance)
    }
    pub fn size(&self) -> f64 {
        self.glyphs.iter().map(|g| g.size).fold(0.0, f64::max)
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
}

impl Page {
    /// Glyphs on one baseline (within 0.5 pt) make a line; top to bottom, left to right.
    pub fn lines(&self) -> Vec<Line> {
        let mut glyphs = self.glyphs.clone();
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Line> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(l) if (l.y - g.y).abs() < 0.5 => l.glyphs.push(g),
                _ => lines.push(Line {
                    y: g.y,
                    glyphs: vec![g],
                }),
            }
        }
        for l in &mut lines {
            l.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        }
        lines
    }
}

struct Font {
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
    to_unicode: HashMap<u32, char>,
}

type Matrix = [f64; 6];

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

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// Every page of the PDF at `path`.
pub fn read(path: &Path) -> Vec<Page> {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{} parses: {e}", path.display()));
    let mut cache: HashMap<ObjectId, Font> = HashMap::new();
    doc.get_pages()
        .values()
        .map(|&page_id| read_page(&doc, page_id, &mut cache))
        .collect()
}

fn read_page(doc: &Document, page_id: ObjectId, cache: &mut HashMap<ObjectId, Font>) -> Page {
    let height = media_box_height(doc, page_id);
    let fonts = page_fonts(doc, page_id);
    let content = doc.get_page_content(page_id);
    let ops = lopdf::content::Content::decode(&content)
        .expect("content decodes")
        .operations;
    let mut glyphs = Vec::new();
    let mut ctm = IDENTITY;
    let mut stack = Vec::new();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut font: Option<ObjectId> = None;
    let (mut size, mut tc, mut tw, mut th, mut tl) = (0.0, 0.0, 0.0, 1.0, 0.0);
    for op in ops {
        let n: Vec<f64> = op.operands.iter().filter_map(num).collect();
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" if n.len() == 6 => ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &ctm),
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            "Tf" => {
                font = op.operands[0]
                    .as_name()
                    .ok()
                    .and_then(|name| fonts.get(name).copied());
                size = n[0];
                if let Some(id) = font {
                    cache.entry(id).or_insert_with(|| load_font(doc, id));
                }
            }
            "Tc" => tc = n[0],
            "Tw" => tw = n[0],
            "Tz" => th = n[0] / 100.0,
            "TL" => tl = n[0],
            "Tm" => {
                tm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                tlm = tm;
            }
            "Td" | "TD" => {
                if op.operator == "TD" {
                    tl = -n[1];
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &tlm);
                tm = tlm;
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -tl], &tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator == "'" || op.operator == "\"" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -tl], &tlm);
                    tm = tlm;
                }
                let Some(f) = font.and_then(|id| cache.get(&id)) else {
                    continue;
                };
                let items = match op.operands.last() {
                    Some(Object::Array(a)) => a.clone(),
                    Some(other) => vec![other.clone()],
                    None => continue,
                };
                for item in items {
                    if let Object::String(bytes, _) = &item {
                        let codes: Vec<u32> = if f.two_byte {
                            bytes
                                .chunks(2)
                                .map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0)))
                                .collect()
                        } else {
                            bytes.iter().map(|&b| u32::from(b)).collect()
                        };
                        for code in codes {
                            let w =
                                f.widths.get(&code).copied().unwrap_or(f.default_width) / 1000.0;
                            let trm = mul(&tm, &ctm);
                            let scale = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
                            glyphs.push(Glyph {
                                ch: f.to_unicode.get(&code).copied().unwrap_or('\u{FFFD}'),
                                x: trm[4],
                                advance: w * size * th * scale,
                                y: height - trm[5],
                                size: size * (trm[2] * trm[2] + trm[3] * trm[3]).sqrt(),
                            });
                            let space = if !f.two_byte && code == 32 { tw } else { 0.0 };
                            let tx = (w * size + tc + space) * th;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                        }
                    } else if let Some(adj) = num(&item) {
                        let tx = -adj / 1000.0 * size * th;
                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                    }
                }
            }
            _ => {}
        }
    }
    Page { glyphs }
}

fn media_box_height(doc: &Document, page: ObjectId) -> f64 {
    let mut id = page;
    loop {
        let dict = doc.get_dictionary(id).expect("page dictionary");
        if let Ok(mb) = dict.get(b"MediaBox") {
            let v: Vec<f64> = deref(doc, mb)
                .as_array()
                .expect("MediaBox")
                .iter()
                .filter_map(num)
                .collect();
            return v[3] - v[1];
        }
        id = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .expect("MediaBox is inherited");
    }
}

fn page_fonts(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, ObjectId> {
    let (resources, ids) = doc.get_page_resources(page).expect("page resources");
    let mut out = HashMap::new();
    let mut read = |res: &Dictionary| {
        if let Ok(fonts) = res.get(b"Font").map(|f| deref(doc, f))
            && let Ok(fonts) = fonts.as_dict()
        {
            for (name, f) in fonts.iter() {
                if let Ok(id) = f.as_reference() {
                    out.entry(name.clone()).or_insert(id);
                }
            }
        }
    };
    if let Some(r) = resources {
        read(r);
    }
    for id in ids {
        read(doc.get_dictionary(id).expect("resources"));
    }
    out
}

fn load_font(doc: &Document, id: ObjectId) -> Font {
    let dict = doc.get_dictionary(id).expect("font dictionary");
    let mut widths = HashMap::new();
    let mut default_width = 0.0;
    let two_byte = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Type0");
    if two_byte {
        let desc = deref(doc, dict.get(b"DescendantFonts").expect("descendant"))
            .as_array()
            .expect("array");
        let cid = deref(doc, &desc[0]).as_dict().expect("CID font");
        default_width = cid.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
        if let Ok(w) = cid
            .get(b"W")
            .map(|w| deref(doc, w))
            .and_then(Object::as_array)
        {
            let mut i = 0;
            while i + 1 < w.len() {
                let first = num(&w[i]).unwrap_or(0.0) as u32;
                match deref(doc, &w[i + 1]) {
                    Object::Array(ws) => {
                        for (k, v) in ws.iter().enumerate() {
                            widths.insert(first + k as u32, num(v).unwrap_or(0.0));
                        }
                        i += 2;
                    }
                    last => {
                        let last = num(last).unwrap_or(0.0) as u32;
                        let v = w.get(i + 2).and_then(num).unwrap_or(0.0);
                        for c in first..=last {
                            widths.insert(c, v);
                        }
                        i += 3;
                    }
                }
            }
        }
    } else {
        let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
        if let Ok(ws) = dict
            .get(b"Widths")
            .map(|w| deref(doc, w))
            .and_then(Object::as_array)
        {
            for (k, v) in ws.iter().enumerate() {
                widths.insert(first + k as u32, num(deref(doc, v)).unwrap_or(0.0));
            }
        }
    }
    let mut to_unicode = HashMap::new();
    if let Ok(stream) = dict
        .get(b"ToUnicode")
        .map(|r| deref(doc, r))
        .and_then(Object::as_stream)
    {
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        parse_cmap(&String::from_utf8_lossy(&data), &mut to_unicode);
    }
    Font {
        two_byte,
        widths,
        default_width,
        to_unicode,
    }
}

/// The bfchar and bfrange entries of a ToUnicode CMap (entries may share a line).
fn parse_cmap(cmap: &str, out: &mut HashMap<u32, char>) {
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    let unicode = |s: &str| {
        let units: Vec<u16> = (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
            .collect();
        char::decode_utf16(units).next().and_then(Result::ok)
    };
    // Tokens: <hex>, [, ], and keywords.
    let mut tokens = Vec::new();
    let mut rest = cmap;
    while let Some(start) =
        rest.find(|c: char| c == '<' || c.is_ascii_alphabetic() || c == '[' || c == ']')
    {
        rest = &rest[start..];
        if let Some(body) = rest.strip_prefix('<') {
            let end = body.find('>').unwrap_or(body.len());
            tokens.push(format!("<{}", &body[..end]));
            rest = &body[(end + 1).min(body.len())..];
        } else if rest.starts_with('[') || rest.starts_with(']') {
            tokens.push(rest[..1].to_owned());
            rest = &rest[1..];
        } else {
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            tokens.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    let mut i = 0;
    let mut section = "";
    while i < tokens.len() {
        let t = tokens[i].as_str();
        match t {
            "beginbfchar" => section = "char",
            "beginbfrange" => section = "range",
            "endbfchar" | "endbfrange" => section = "",
            _ if t.starts_with('<') && section == "char" && i + 1 < tokens.len() => {
                if let (Some(c), Some(u)) = (hex(&t[1..]), unicode(&tokens[i + 1][1..])) {
                    out.insert(c, u);
                }
                i += 1;
            }
            _ if t.starts_with('<') && section == "range" && i + 2 < tokens.len() => {
                let (lo, hi) = (hex(&t[1..]), hex(&tokens[i + 1][1..]));
                if tokens[i + 2] == "[" {
                    let mut k = i + 3;
                    let mut code = lo.unwrap_or(0);
                    while k < tokens.len() && tokens[k] != "]" {
                        if let Some(u) = unicode(&tokens[k][1..]) {
                            out.insert(code, u);
                        }
                        code += 1;
                        k += 1;
                    }
                    i = k;
                } else {
                    if let (Some(lo), Some(hi), Some(u)) = (lo, hi, unicode(&tokens[i + 2][1..])) {
                        for (k, c) in (lo..=hi).enumerate() {
                            if let Some(ch) = char::from_u32(u as u32 + k as u32) {
                                out.insert(c, ch);
                            }
                        }
                    }
                    i += 2;
                }
            }
            _ => {}
        }
        i += 1;
    }
}
