//! One page's `Content.xml` (GB/T 33190 §9–§14): the layout's drawn items, in painting order,
//! as `TextObject`s (one per run of glyphs in one face, every glyph placed by `DeltaX`),
//! `PathObject`s for the rules and `ImageObject`s for the seals. Coordinates are millimetres
//! from the paper's top-left corner, as the layout's are.

use super::Ids;
use super::number::{mm, thousandths, um};
use crate::layout::{Color, Frame, Glyph, Image, Item, Page, Rule, TextLine};
use crate::length::Length;
use crate::write::docx::xml::{Attr, Xml, a};

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
    for (item, frame) in page.placed() {
        match item {
            Item::Text(line) => text(&mut x, line, refs, ids, frame),
            Item::Rule(rule) => path(&mut x, rule, ids, frame),
            Item::Image(image) => picture(&mut x, image, (refs.image)(image), ids, frame),
            Item::Line(line) => Segment {
                from: (line.x0, line.y0),
                to: (line.x1, line.y1),
                thickness: line.thickness,
                color: Color::Black,
            }
            .write(&mut x, ids, frame),
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
fn text(x: &mut Xml, line: &TextLine, refs: &Refs, ids: &mut Ids, frame: Frame) {
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
        let mut attrs = vec![a("ID", ids.next())];
        attrs.extend(placed(
            frame,
            // Room below the baseline for descenders.
            (left, top, right - left, size + size.div_round(2)),
            None,
        ));
        attrs.extend([a("Font", font), a("Size", mm(size))]);
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
fn path(x: &mut Xml, rule: &Rule, ids: &mut Ids, frame: Frame) {
    let segment = Segment {
        from: (rule.x0, rule.y),
        to: (rule.x1, rule.y),
        thickness: rule.thickness,
        color: rule.color,
    };
    segment.write(x, ids, frame);
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
    fn write(&self, x: &mut Xml, ids: &mut Ids, frame: Frame) {
        let half = self.thickness.div_round(2);
        let left = self.from.0.min(self.to.0) - half;
        let top = self.from.1.min(self.to.1) - half;
        let width = self.from.0.max(self.to.0) - left + half;
        let height = self.from.1.max(self.to.1) - top + half;
        let local = |(px, py): (Length, Length)| format!("{} {}", mm(px - left), mm(py - top));
        let mut attrs = vec![a("ID", ids.next())];
        attrs.extend(placed(frame, (left, top, width, height), None));
        attrs.push(a("LineWidth", mm(self.thickness)));
        x.open("ofd:PathObject", &attrs);
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
fn picture(x: &mut Xml, image: &Image, resource: u32, ids: &mut Ids, frame: Frame) {
    let mut attrs = vec![a("ID", ids.next())];
    attrs.extend(placed(
        frame,
        (image.x, image.y, image.width, image.height),
        Some((image.width, image.height)),
    ));
    attrs.push(a("ResourceID", resource));
    x.empty("ofd:ImageObject", &attrs);
}

/// An object's `Boundary` (left, top, width, height as the layout placed it in `frame`) and
/// its `CTM`: the object's own space scaled by `scale` (an image's unit square to its box),
/// then, in a turned frame, turned onto the sheet by the layout's map — the box becomes the
/// turned box, and the CTM carries the object's content into it.
fn placed(
    frame: Frame,
    (left, top, width, height): (Length, Length, Length, Length),
    scale: Option<(Length, Length)>,
) -> Vec<Attr<'static>> {
    let Some(t) = frame.transform() else {
        let mut attrs = vec![a(
            "Boundary",
            format!("{} {} {} {}", mm(left), mm(top), mm(width), mm(height)),
        )];
        if let Some((sx, sy)) = scale {
            attrs.push(a("CTM", format!("{} 0 0 {} 0 0", mm(sx), mm(sy))));
        }
        return attrs;
    };
    let corners = [
        t.apply(left, top),
        t.apply(left + width, top),
        t.apply(left, top + height),
        t.apply(left + width, top + height),
    ];
    let min = |f: fn(&(Length, Length)) -> Length| corners.iter().map(f).min().unwrap_or_default();
    let max = |f: fn(&(Length, Length)) -> Length| corners.iter().map(f).max().unwrap_or_default();
    let (nx, ny) = (min(|c| c.0), min(|c| c.1));
    let (nw, nh) = (max(|c| c.0) - nx, max(|c| c.1) - ny);
    // One millimetre is the factor 1 in the OFD's millimetre space.
    let (sx, sy) = scale.unwrap_or((Length::mm(1), Length::mm(1)));
    let (ox, oy) = t.apply(left, top);
    let ctm = [sx * t.a, sx * t.b, sy * t.c, sy * t.d, ox - nx, oy - ny];
    vec![
        a(
            "Boundary",
            format!("{} {} {} {}", mm(nx), mm(ny), mm(nw), mm(nh)),
        ),
        a("CTM", ctm.map(mm).join(" ")),
    ]
}
