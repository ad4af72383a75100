//! The type and place a DOCX gives its paragraphs, resolved as Word does: a run's own
//! formatting over its character style, the paragraph's style and its `basedOn` chain, the
//! document defaults.

use super::W;

/// A face and size (half-points) as far as known.
#[derive(Clone, Default)]
pub(super) struct Font {
    pub(super) face: Option<String>,
    pub(super) size: Option<i64>,
}

impl Font {
    /// The East Asian face and size set in a `w:rPr` (or a node holding one).
    pub(super) fn of(rpr: Option<roxmltree::Node>) -> Font {
        let Some(rpr) = rpr else {
            return Font::default();
        };
        let face = rpr
            .children()
            .find(|n| n.has_tag_name((W, "rFonts")))
            .and_then(|f| f.attribute((W, "eastAsia")))
            .map(str::to_owned);
        let size = rpr
            .children()
            .find(|n| n.has_tag_name((W, "sz")))
            .and_then(|n| n.attribute((W, "val")))
            .and_then(|v| v.parse().ok());
        Font { face, size }
    }

    /// `self`, with what it leaves open taken from `under`.
    pub(super) fn over(self, under: &Font) -> Font {
        Font {
            face: self.face.or_else(|| under.face.clone()),
            size: self.size.or(under.size),
        }
    }
}

/// The styles of a package: each style's own font and what it is based on, and the defaults.
pub(super) struct Styles {
    defaults: Font,
    own: std::collections::HashMap<String, (Font, Option<String>)>,
    /// Each paragraph style's own alignment and left indent.
    places: std::collections::HashMap<String, Place>,
    /// The default paragraph style's id.
    pub(super) normal: Option<String>,
}

impl Styles {
    pub(super) fn read(xml: Option<&str>) -> Styles {
        let mut styles = Styles {
            defaults: Font::default(),
            own: Default::default(),
            places: Default::default(),
            normal: None,
        };
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
            return styles;
        };
        styles.defaults = Font::of(
            doc.descendants()
                .find(|n| n.has_tag_name((W, "rPrDefault")))
                .and_then(rpr_of),
        );
        for style in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            let based = style
                .children()
                .find(|n| n.has_tag_name((W, "basedOn")))
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_owned);
            if style.attribute((W, "default")) == Some("1")
                && style.attribute((W, "type")) == Some("paragraph")
            {
                styles.normal = Some(id.to_owned());
            }
            styles
                .own
                .insert(id.to_owned(), (Font::of(rpr_of(style)), based));
            styles.places.insert(id.to_owned(), Place::of(style));
        }
        styles
    }

    /// A paragraph style's font: its chain over the defaults.
    pub(super) fn font(&self, id: Option<&str>) -> Font {
        self.chain(id).over(&self.defaults)
    }

    /// A paragraph style's alignment and left indent through its `basedOn` chain.
    pub(super) fn place(&self, id: Option<&str>) -> Place {
        let mut place = Place::default();
        let mut at = id.map(str::to_owned);
        for _ in 0..16 {
            let Some(own) = at.as_deref().and_then(|i| self.places.get(i)) else {
                break;
            };
            place = place.over(own);
            at = at
                .as_deref()
                .and_then(|i| self.own.get(i))
                .and_then(|(_, based)| based.clone());
        }
        place
    }

    /// A style's font through its `basedOn` chain (at most 16 deep: a cycle ends there).
    pub(super) fn chain(&self, id: Option<&str>) -> Font {
        let mut font = Font::default();
        let mut at = id.map(str::to_owned);
        for _ in 0..16 {
            let Some((own, based)) = at.as_deref().and_then(|i| self.own.get(i)) else {
                break;
            };
            font = font.over(own);
            at = based.clone();
        }
        font
    }
}

/// Where a paragraph stands across the line: `w:jc` and the left indent (twips).
#[derive(Clone, Default)]
pub(super) struct Place {
    align: Option<String>,
    left: Option<i64>,
}

impl Place {
    /// The `w:jc` and `w:ind` of the `w:pPr` of a paragraph or style.
    pub(super) fn of(node: roxmltree::Node) -> Place {
        let ppr = node.children().find(|c| c.has_tag_name((W, "pPr")));
        let child = |name: &str| ppr.and_then(|p| p.children().find(|c| c.has_tag_name((W, name))));
        Place {
            align: child("jc")
                .and_then(|j| j.attribute((W, "val")))
                .map(str::to_owned),
            left: child("ind")
                .and_then(|i| {
                    i.attribute((W, "left"))
                        .or_else(|| i.attribute((W, "start")))
                })
                .and_then(|v| v.parse().ok()),
        }
    }

    pub(super) fn over(self, under: &Place) -> Place {
        Place {
            align: self.align.or_else(|| under.align.clone()),
            left: self.left.or(under.left),
        }
    }

    /// Set towards the right: right-aligned, starting a quarter of the 版心 in or more (an
    /// indent, or typed spaces), or ending within six 字 of its right edge (a long name).
    pub(super) fn right(&self, text: &str) -> bool {
        const WIDTH: i64 = 156 * 5670 / 100; // 版心 156 mm in twips
        const EM: i64 = 320; // one 三号 字
        let width = |c: char| if c.is_ascii() { EM / 2 } else { EM };
        let lead: i64 = text
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(width)
            .sum();
        let start = self.left.unwrap_or(0) + lead;
        let end = start + text.trim().chars().map(width).sum::<i64>();
        matches!(self.align.as_deref(), Some("right" | "end"))
            || start >= WIDTH / 4
            || end >= WIDTH - 6 * EM
    }
}

/// The `w:rPr` child of a run or style.
pub(super) fn rpr_of<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, "rPr")))
}
