//! The DrawingML anchor shared by every floating object the DOCX carries: seal pictures and the
//! 版头's text boxes and lines. Everything up to the graphic itself, and its closing.

use super::xml::{Xml, a};

/// How an object floats: where its offsets are measured from, whether it lies behind the text.
pub struct Anchor<'a> {
    /// Unique per object in the document.
    pub id: usize,
    pub name: &'a str,
    /// `relativeFrom` of the horizontal and vertical offsets (`page`, `margin`, `paragraph`).
    pub from: (&'a str, &'a str),
    /// Offsets and extent, EMU.
    pub pos: (i64, i64),
    pub ext: (i64, i64),
    /// Behind the text (a seal) rather than in front of it.
    pub behind: bool,
    pub locked: bool,
    pub graphic: Graphic,
}

/// What the anchor holds, which decides whether a reader must know an extension to read it.
#[derive(Clone, Copy)]
pub enum Graphic {
    /// A picture: DrawingML of ECMA-376 itself.
    Picture,
    /// A Word 2010 shape (`wps:wsp`), not in ECMA-376: wrapped in `mc:AlternateContent` with
    /// `Requires="wps"`, so a reader that does not know the namespace skips it instead of
    /// failing (Markup Compatibility, ECMA-376 Part 3 §10.2). Word and LibreOffice read it.
    WordShape,
}

/// Open `w:r/w:drawing/wp:anchor` and write everything up to `wp:docPr`, wrapping nothing.
pub fn open(x: &mut Xml, anchor: &Anchor) {
    x.open("w:r", &[]);
    if let Graphic::WordShape = anchor.graphic {
        x.open("mc:AlternateContent", &[]);
        x.open("mc:Choice", &[a("Requires", "wps")]);
    }
    x.open("w:drawing", &[]);
    x.open(
        "wp:anchor",
        &[
            a("distT", 0),
            a("distB", 0),
            a("distL", 0),
            a("distR", 0),
            a("simplePos", 0),
            // Seals stack below the 版头's shapes; each object has its own height.
            a(
                "relativeHeight",
                if anchor.behind {
                    251_658_240
                } else {
                    251_659_264
                } + anchor.id,
            ),
            a("behindDoc", u8::from(anchor.behind)),
            a("locked", u8::from(anchor.locked)),
            a("layoutInCell", 1),
            a("allowOverlap", 1),
        ],
    );
    x.empty("wp:simplePos", &[a("x", 0), a("y", 0)]);
    x.open("wp:positionH", &[a("relativeFrom", anchor.from.0)]);
    x.text_element("wp:posOffset", &[], &anchor.pos.0.to_string());
    x.close("wp:positionH");
    x.open("wp:positionV", &[a("relativeFrom", anchor.from.1)]);
    x.text_element("wp:posOffset", &[], &anchor.pos.1.to_string());
    x.close("wp:positionV");
    x.empty("wp:extent", &[a("cx", anchor.ext.0), a("cy", anchor.ext.1)]);
    x.empty(
        "wp:effectExtent",
        &[a("l", 0), a("t", 0), a("r", 0), a("b", 0)],
    );
    x.empty("wp:wrapNone", &[]);
    x.empty(
        "wp:docPr",
        &[
            a("id", anchor.id),
            a("name", format!("{}{}", anchor.name, anchor.id)),
        ],
    );
}

/// Close what [`open`] opened, after the graphic.
pub fn close(x: &mut Xml, graphic: Graphic) {
    x.close("wp:anchor");
    x.close("w:drawing");
    if let Graphic::WordShape = graphic {
        x.close("mc:Choice");
        x.close("mc:AlternateContent");
    }
    x.close("w:r");
}
