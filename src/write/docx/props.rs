//! Paragraph and run properties (`w:pPr`, `w:rPr`), written in the schema's element order
//! (ECMA-376 Part 1 §17.3.1.26 CT_PPrBase, §17.3.2.28 CT_RPr) wherever they appear: document
//! defaults, styles, paragraphs, runs and footers.

use super::xml::{Xml, a};

/// `w:pPr`. `None` leaves a property to the style; every field written is explicit.
#[derive(Clone, Debug, Default)]
pub struct ParaProps {
    pub style: Option<&'static str>,
    /// On the same page as the next paragraph (`Some(false)` turns off a style's).
    pub keep_next: Option<bool>,
    /// All lines on one page (`w:keepLines`).
    pub keep_lines: bool,
    pub page_break_before: bool,
    pub widow_control: Option<bool>,
    pub tabs: Vec<Tab>,
    /// 禁则 (避头尾) on.
    pub kinsoku: Option<bool>,
    /// Closing marks may hang past the right edge (允许标点溢出边界).
    pub overflow_punct: Option<bool>,
    /// Compress punctuation at the start of a line.
    pub top_line_punct: Option<bool>,
    /// Extra space between CJK and Latin / CJK and digits.
    pub auto_space: Option<bool>,
    /// Widen the right indent to the character grid.
    pub adjust_right_ind: Option<bool>,
    pub snap_to_grid: Option<bool>,
    /// Exact line height, twips; spacing before and after are then zero.
    pub line_exact: Option<i64>,
    pub indent: Option<Indent>,
    pub jc: Option<&'static str>,
    /// 0-based (Word's 1级 is 0).
    pub outline_level: Option<u8>,
}

/// `w:ind`, twips. A negative first line is a hanging indent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Indent {
    pub left: i64,
    pub right: i64,
    pub first_line: i64,
}

/// Table border sides, in schema order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Top,
    Left,
    Bottom,
    Right,
    /// Between rows (`w:insideH`).
    InsideH,
    /// Between columns (`w:insideV`).
    InsideV,
}

impl Side {
    fn tag(self) -> &'static str {
        match self {
            Side::Top => "w:top",
            Side::Left => "w:left",
            Side::Bottom => "w:bottom",
            Side::Right => "w:right",
            Side::InsideH => "w:insideH",
            Side::InsideV => "w:insideV",
        }
    }
}

/// A tab stop, twips from the left edge of the text column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tab {
    pub position: i64,
    pub right: bool,
}

fn on_off(x: &mut Xml, name: &str, v: Option<bool>) {
    if let Some(v) = v {
        x.empty(name, &[a("w:val", if v { "1" } else { "0" })]);
    }
}

/// A single black line of `size` eighths of a point (`w:top`, `w:bottom`, … of a border set).
pub fn border_line(x: &mut Xml, side: Side, size: i64) {
    x.empty(
        side.tag(),
        &[
            a("w:val", "single"),
            a("w:sz", size),
            a("w:space", 0),
            a("w:color", "000000"),
        ],
    );
}

impl ParaProps {
    /// Write `w:pPr`, with `run` as the paragraph mark's properties.
    pub fn write(&self, x: &mut Xml, run: Option<&RunProps>) {
        self.write_ending_section(x, run, None);
    }

    /// Write `w:pPr`; `section` writes the `w:sectPr` of the section this paragraph ends.
    pub fn write_ending_section(
        &self,
        x: &mut Xml,
        run: Option<&RunProps>,
        section: Option<&dyn Fn(&mut Xml)>,
    ) {
        x.open("w:pPr", &[]);
        if let Some(s) = self.style {
            x.empty("w:pStyle", &[a("w:val", s)]);
        }
        match self.keep_next {
            Some(true) => {
                x.empty("w:keepNext", &[]);
            }
            Some(false) => {
                x.empty("w:keepNext", &[a("w:val", "0")]);
            }
            None => {}
        }
        if self.keep_lines {
            x.empty("w:keepLines", &[]);
        }
        if self.page_break_before {
            x.empty("w:pageBreakBefore", &[]);
        }
        on_off(x, "w:widowControl", self.widow_control);
        if !self.tabs.is_empty() {
            x.open("w:tabs", &[]);
            for t in &self.tabs {
                x.empty(
                    "w:tab",
                    &[
                        a("w:val", if t.right { "right" } else { "left" }),
                        a("w:pos", t.position),
                    ],
                );
            }
            x.close("w:tabs");
        }
        on_off(x, "w:kinsoku", self.kinsoku);
        on_off(x, "w:overflowPunct", self.overflow_punct);
        on_off(x, "w:topLinePunct", self.top_line_punct);
        on_off(x, "w:autoSpaceDE", self.auto_space);
        on_off(x, "w:autoSpaceDN", self.auto_space);
        on_off(x, "w:adjustRightInd", self.adjust_right_ind);
        on_off(x, "w:snapToGrid", self.snap_to_grid);
        if let Some(line) = self.line_exact {
            x.empty(
                "w:spacing",
                &[
                    a("w:before", 0),
                    a("w:after", 0),
                    a("w:line", line),
                    a("w:lineRule", "exact"),
                ],
            );
        }
        if let Some(ind) = self.indent {
            let mut attrs = vec![a("w:left", ind.left), a("w:right", ind.right)];
            if ind.first_line < 0 {
                attrs.push(a("w:hanging", -ind.first_line));
            } else {
                attrs.push(a("w:firstLine", ind.first_line));
            }
            x.empty("w:ind", &attrs);
        }
        if let Some(jc) = self.jc {
            x.empty("w:jc", &[a("w:val", jc)]);
        }
        if let Some(level) = self.outline_level {
            x.empty("w:outlineLvl", &[a("w:val", level)]);
        }
        if let Some(run) = run
            && !run.is_empty()
        {
            run.write(x);
        }
        if let Some(section) = section {
            section(x);
        }
        x.close("w:pPr");
    }
}

/// The four font slots of `w:rFonts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fonts {
    /// One face for Latin, East Asian and complex script text alike (no theme fonts).
    pub name: Option<&'static str>,
    /// `w:hint="eastAsia"`: characters Unicode calls ambiguous (“ ” ‘ ’ — …) are East Asian.
    pub east_asian_hint: bool,
}

/// `w:rPr`.
#[derive(Clone, Debug, Default)]
pub struct RunProps {
    pub style: Option<&'static str>,
    pub fonts: Option<Fonts>,
    pub bold: Option<bool>,
    /// Hidden text (`w:vanish`).
    pub vanish: bool,
    /// `w:color`, RRGGBB.
    pub color: Option<&'static str>,
    /// Character spacing, twentieths of a point.
    pub spacing: Option<i64>,
    /// Horizontal scale of the glyphs, per cent (`w:w`).
    pub scale: Option<i64>,
    /// Font kerning threshold in half-points; 0 = off.
    pub kern: Option<i64>,
    /// Half-points.
    pub size: Option<i64>,
    /// `w:lang` (Latin, East Asian).
    pub lang: Option<(&'static str, &'static str)>,
}

impl RunProps {
    pub fn is_empty(&self) -> bool {
        self.style.is_none()
            && self.fonts.is_none()
            && self.bold.is_none()
            && !self.vanish
            && self.color.is_none()
            && self.spacing.is_none()
            && self.scale.is_none()
            && self.kern.is_none()
            && self.size.is_none()
            && self.lang.is_none()
    }

    pub fn write(&self, x: &mut Xml) {
        x.open("w:rPr", &[]);
        if let Some(s) = self.style {
            x.empty("w:rStyle", &[a("w:val", s)]);
        }
        if let Some(f) = &self.fonts {
            let mut attrs = Vec::new();
            if let Some(name) = f.name {
                attrs.extend([
                    a("w:ascii", name),
                    a("w:eastAsia", name),
                    a("w:hAnsi", name),
                    a("w:cs", name),
                ]);
            }
            if f.east_asian_hint {
                attrs.push(a("w:hint", "eastAsia"));
            }
            x.empty("w:rFonts", &attrs);
        }
        if let Some(b) = self.bold {
            on_off(x, "w:b", Some(b));
            on_off(x, "w:bCs", Some(b));
        }
        if self.vanish {
            x.empty("w:vanish", &[]);
        }
        if let Some(c) = self.color {
            x.empty("w:color", &[a("w:val", c)]);
        }
        if let Some(s) = self.spacing {
            x.empty("w:spacing", &[a("w:val", s)]);
        }
        if let Some(w) = self.scale {
            x.empty("w:w", &[a("w:val", w)]);
        }
        if let Some(k) = self.kern {
            x.empty("w:kern", &[a("w:val", k)]);
        }
        if let Some(s) = self.size {
            x.empty("w:sz", &[a("w:val", s)]);
            x.empty("w:szCs", &[a("w:val", s)]);
        }
        if let Some((latin, east_asia)) = self.lang {
            x.empty("w:lang", &[a("w:val", latin), a("w:eastAsia", east_asia)]);
        }
        x.close("w:rPr");
    }
}
