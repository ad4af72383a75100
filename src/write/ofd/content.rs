//! One page's `Content.xml` (GB/T 33190 §9–§14): the layout's drawn items, in painting order,
//! as `TextObject`s (one per run of glyphs in one face, every glyph placed by `DeltaX`),
//! `PathObject`s for the rules and `ImageObject`s for the seals. Coordinates are millimetres
//! from the paper's top-left corner, as the layout's are.

use super::Ids;
use super::number::{mm, thousandths, um};
use crate::layout::{Color, Glyph, Image, Item, Page, Rule, TextLine};
use crate::length::Length;
use crate::write::docx::xml::{Xml, a};

/// What a page refers to in the document's resources.
pub struct Refs<'a> {
    /// The font resource id of each face index (`None`: the face draws nothing).
    pub fonts: &'a [Option<u32>],
    /// The image resource id of a seal.
    pub image: &'a dyn Fn(&Image) -> u32,
}

/// `Content.xml` of `page`.
pub fn page(page: &Page, refs: &Refs, ids: &mut Ids) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("ofd:Page", &[a("xmlns:ofd", super::NS)]);
    x.open("ofd:Content", &[]);
    x.open("ofd:Layer", &[a("ID", ids.next()), a("Type", "Body")]);
    for item in page.drawn() {
        match item {
            Item::Text(line) => text(&mut x, line, refs, ids),
            Item::Rule(rule) => path(&mut x, rule, ids),
            Item::Image(image) => picture(&mut x, image, (refs.image)(image), ids),
            Item::Line(line) => Segment {
                from: (line.x0, line.y0),
                to: (line.x1, line.y1),
                thickness: line.thickness,
                color: Color::Black,
            }
            .write(&mut x, ids),
        }
    }
    x.close("ofd:Layer").close("ofd:Content").close("ofd:Page");
    x.into_bytes()
}

/// `R G B` in the default RGB space.
fn rgb(c: Color) -> &'static str {
    match c {
        Color::Black => "0 0 0",
        Color::Red => "255 0 0",
    }
}

/// Each run of glyphs in one face becomes a `TextObject` whose box starts at the run's first
/// glyph, one em above the baseline; within it a `TextCode` per stretch between spaces (a space
/// draws nothing, and some readers trim a code's spaces), each glyph at the layout's x by
/// `DeltaX`. A narrowed 标志 line keeps its positions and narrows its glyphs by `HScale`.
fn text(x: &mut Xml, line: &TextLine, refs: &Refs, ids: &mut Ids) {
    let size = line.size;
    for run in line.face_runs() {
        let face = run[0].face;
        let Some(font) = refs.fonts[face] else {
            continue;
        };
        let Some(first) = run.iter().find(|g| !g.ch.is_whitespace()) else {
            continue;
        };
        let left = first.x;
        let top = line.baseline - size;
        let right = run.last().map_or(left, |g| g.x) + size;
        let mut attrs = vec![
            a("ID", ids.next()),
            a(
                "Boundary",
                format!(
                    "{} {} {} {}",
                    mm(left),
                    mm(top),
                    mm(right - left),
                    // Room below the baseline for descenders.
                    mm(size + size.div_round(2))
                ),
            ),
            a("Font", font),
            a("Size", mm(size)),
        ];
        if line.scale_percent != 100 {
            attrs.push(a("HScale", thousandths(line.scale_percent * 10)));
        }
        x.open("ofd:TextObject", &attrs);
        x.empty("ofd:FillColor", &[a("Value", rgb(line.color))]);
        for piece in run
            .split(|g| g.ch.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            code(x, piece, left, size);
        }
        x.close("ofd:TextObject");
    }
}

/// One `TextCode`: the first glyph at X (from the box's left edge) on the baseline Y, and the
/// steps to the others as differences of their rounded positions, so no rounding accumulates.
fn code(x: &mut Xml, piece: &[Glyph], left: Length, size: Length) {
    let text: String = piece.iter().map(|g| g.ch).collect();
    let mut attrs = vec![a("X", mm(piece[0].x - left)), a("Y", mm(size))];
    if piece.len() > 1 {
        let steps: Vec<String> = piece
            .windows(2)
            .map(|w| thousandths(um(w[1].x) - um(w[0].x)))
            .collect();
        attrs.push(a("DeltaX", steps.join(" ")));
    }
    x.text_element("ofd:TextCode", &attrs, &text);
}

/// A rule as a stroked line through the middle of its box, as thick as the box is high.
fn path(x: &mut Xml, rule: &Rule, ids: &mut Ids) {
    let segment = Segment {
        from: (rule.x0, rule.y),
        to: (rule.x1, rule.y),
        thickness: rule.thickness,
        color: rule.color,
    };
    segment.write(x, ids);
}

/// A straight stroke between two points: a `PathObject` whose box holds both ends and half
/// the stroke's thickness around them, its path given relative to that box.
struct Segment {
    from: (Length, Length),
    to: (Length, Length),
    thickness: Length,
    color: Color,
}

impl Segment {
    fn write(&self, x: &mut Xml, ids: &mut Ids) {
        let half = self.thickness.div_round(2);
        let left = self.from.0.min(self.to.0) - half;
        let top = self.from.1.min(self.to.1) - half;
        let width = self.from.0.max(self.to.0) - left + half;
        let height = self.from.1.max(self.to.1) - top + half;
        let local = |(px, py): (Length, Length)| format!("{} {}", mm(px - left), mm(py - top));
        x.open(
            "ofd:PathObject",
            &[
                a("ID", ids.next()),
                a(
                    "Boundary",
                    format!("{} {} {} {}", mm(left), mm(top), mm(width), mm(height)),
                ),
                a("LineWidth", mm(self.thickness)),
            ],
        );
        x.empty("ofd:StrokeColor", &[a("Value", rgb(self.color))]);
        // Unfilled (Fill defaults to false), so the standard ignores it; some readers (easyofd)
        // stroke with the fill colour, and would draw the red 版头 line black without it.
        x.empty("ofd:FillColor", &[a("Value", rgb(self.color))]);
        x.text_element(
            "ofd:AbbreviatedData",
            &[],
            &format!("M {} L {}", local(self.from), local(self.to)),
        );
        x.close("ofd:PathObject");
    }
}

/// A seal filling its box: the image's unit square scaled to the box by the CTM.
fn picture(x: &mut Xml, image: &Image, resource: u32, ids: &mut Ids) {
    x.empty(
        "ofd:ImageObject",
        &[
            a("ID", ids.next()),
            a(
                "Boundary",
                format!(
                    "{} {} {} {}",
                    mm(image.x),
                    mm(image.y),
                    mm(image.width),
                    mm(image.height)
                ),
            ),
            a(
                "CTM",
                format!("{} 0 0 {} 0 0", mm(image.width), mm(image.height)),
            ),
            a("ResourceID", resource),
        ],
    );
}
