//! `word/document.xml` and the two footers: the layout's paragraphs with what it decided said
//! explicitly (alignment, indents, tab stops, line breaks, page breaks), the 版记 as a table with
//! its rules, and the section with the GB/T 9704 page and grid.

use super::fonts::FontNames;
use super::props::{Fonts, Indent, ParaProps, RunProps, Side, Tab, border_line};
use super::styles::{Resolved, resolve, style_id};
use super::xml::{Xml, a};
use super::{Grid, W_NS, indent, jc};
use crate::layout::{FlowParagraph, Item, Pages, Role};

const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The relationship ids docx-rs gives the odd (default) and even footers.
pub const ODD_FOOTER_RID: &str = "rIdFooter1";
pub const EVEN_FOOTER_RID: &str = "rIdFooter2";

/// Characters whose East Asian width Unicode calls ambiguous: Word sets them in the Latin face
/// unless the run says `w:hint="eastAsia"` (ECMA-376 §17.3.2.26). “ ” ‘ ’ — … · × ① ○ ★ ℃ and
/// their neighbours.
pub fn is_ambiguous(c: char) -> bool {
    matches!(c as u32,
        0x00A7 | 0x00A8 | 0x00B0 | 0x00B1 | 0x00B7 | 0x00D7 | 0x00F7
        | 0x2010..=0x206F
        | 0x2100..=0x22FF
        | 0x2460..=0x24FF
        | 0x2500..=0x26FF)
}

fn is_imprint(role: Role) -> bool {
    matches!(role, Role::CopyTo | Role::Printer | Role::PrintDate)
}

pub fn document_xml(pages: &Pages, grid: &Grid, names: FontNames) -> Vec<u8> {
    let styles = resolve(pages, grid);
    let mut x = Xml::new();
    x.open(
        "w:document",
        &[("xmlns:w", W_NS.to_owned()), ("xmlns:r", R_NS.to_owned())],
    );
    x.open("w:body", &[]);
    let flow = &pages.flow;
    let mut i = 0;
    while i < flow.len() {
        let p = &flow[i];
        for _ in 0..p.blank_pages_before {
            page_break_paragraph(&mut x);
        }
        if is_imprint(p.role) {
            let end = flow[i..]
                .iter()
                .position(|p| !is_imprint(p.role))
                .map_or(flow.len(), |n| i + n);
            if p.page_break_before {
                page_break_paragraph(&mut x);
            }
            imprint_table(&mut x, pages, &flow[i..end], grid, names, &styles);
            i = end;
            continue;
        }
        paragraph(&mut x, p, grid, names, &styles);
        i += 1;
    }
    // A document ends with a paragraph (after a table, Word requires one).
    if flow.last().is_some_and(|p| is_imprint(p.role)) {
        x.open("w:p", &[]).close("w:p");
    }
    section(&mut x, pages, grid);
    x.close("w:body");
    x.close("w:document");
    x.into_bytes()
}

fn page_break_paragraph(x: &mut Xml) {
    x.open("w:p", &[]);
    ParaProps {
        page_break_before: true,
        ..ParaProps::default()
    }
    .write(x, None);
    x.close("w:p");
}

fn resolved(styles: &[(&'static str, Resolved)], id: &str) -> Resolved {
    styles
        .iter()
        .find(|s| s.0 == id)
        .expect("every style is resolved")
        .1
}

fn paragraph(
    x: &mut Xml,
    p: &FlowParagraph,
    grid: &Grid,
    names: FontNames,
    styles: &[(&'static str, Resolved)],
) {
    let id = style_id(p.role);
    let style = resolved(styles, id);
    x.open("w:p", &[]);
    ParaProps {
        style: (id != "Normal").then_some(id),
        keep_next: matches!(p.role, Role::Title | Role::Heading(_)),
        page_break_before: p.page_break_before,
        tabs: p
            .tabs
            .iter()
            .map(|t| Tab {
                position: t.position.to_twip(),
                right: t.right_aligned,
            })
            .collect(),
        indent: Some(indent(p)),
        jc: Some(jc(p.align)),
        ..ParaProps::default()
    }
    .write(x, None);
    runs(x, p, grid, names, style);
    x.close("w:p");
}

/// The runs of `p`, split where the layout broke the title's lines (`w:br`) and at tabs.
fn runs(x: &mut Xml, p: &FlowParagraph, grid: &Grid, names: FontNames, style: Resolved) {
    let size = p.size.to_half_pt();
    let spacing = grid.spacing_of(p);
    let mut offset = 0;
    let mut breaks = p.forced_breaks.iter().copied().peekable();
    for run in &p.runs {
        let props = RunProps {
            fonts: {
                let hint = run.text.chars().any(is_ambiguous);
                let name = (run.font != style.font).then(|| names.name(run.font));
                (hint || name.is_some()).then_some(Fonts {
                    name,
                    east_asian_hint: hint,
                })
            },
            spacing: (spacing != style.spacing).then_some(spacing),
            size: (size != style.size).then_some(size),
            ..RunProps::default()
        };
        x.open("w:r", &[]);
        if !props.is_empty() {
            props.write(x);
        }
        let mut piece = String::new();
        for ch in run.text.chars() {
            if breaks.peek() == Some(&offset) {
                breaks.next();
                text(x, &mut piece);
                x.empty("w:br", &[]);
            }
            if ch == '\t' {
                text(x, &mut piece);
                x.empty("w:tab", &[]);
            } else {
                piece.push(ch);
            }
            offset += 1;
        }
        text(x, &mut piece);
        x.close("w:r");
    }
}

fn text(x: &mut Xml, piece: &mut String) {
    if !piece.is_empty() {
        x.text_element("w:t", &[a("xml:space", "preserve")], piece);
        piece.clear();
    }
}

/// The 版记's rules as the layout drew them, top to bottom, in eighths of a point (the first
/// rule, the ones between, the last: GB/T 9704 §7.4.1), and their length in twips.
fn imprint_rules(pages: &Pages) -> (Vec<i64>, Option<i64>) {
    let mut rules: Vec<(crate::length::Length, i64, i64)> = pages
        .pages
        .iter()
        .rev()
        .find_map(|page| {
            let rules: Vec<_> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Rule(r) => {
                        Some((r.y, r.thickness.to_eighth_pt(), (r.x1 - r.x0).to_twip()))
                    }
                    _ => None,
                })
                .collect();
            (!rules.is_empty()).then_some(rules)
        })
        .unwrap_or_default();
    rules.sort();
    let width = rules.first().map(|r| r.2);
    (rules.into_iter().map(|r| r.1).collect(), width)
}

/// The 版记: a one-column table as wide as the 版心, a row per paragraph, its rules as table
/// borders, set at the foot of the page's text area (`tblpYSpec="bottom"`) as the layout sets
/// it on the bottom edge of the 版心. Width in both `tblW` and `gridCol` (WPS reads the latter).
fn imprint_table(
    x: &mut Xml,
    pages: &Pages,
    paragraphs: &[FlowParagraph],
    grid: &Grid,
    names: FontNames,
    styles: &[(&'static str, Resolved)],
) {
    let setup = &pages.setup;
    // The rules' length (156 mm = 8844 twip); the text column, rounded margin by margin, is a
    // twip wider.
    let (rules, rule_width) = imprint_rules(pages);
    let width = rule_width
        .unwrap_or_else(|| (setup.paper_width - setup.margin_left - setup.margin_right).to_twip());
    let first = rules.first().copied();
    let last = rules.last().copied().filter(|_| rules.len() > 1);
    let between = (rules.len() > 2).then(|| rules[1]);

    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty(
        "w:tblpPr",
        &[
            a("w:leftFromText", 0),
            a("w:rightFromText", 0),
            a("w:vertAnchor", "margin"),
            a("w:horzAnchor", "margin"),
            a("w:tblpXSpec", "center"),
            a("w:tblpYSpec", "bottom"),
        ],
    );
    x.empty("w:tblOverlap", &[a("w:val", "never")]);
    x.empty("w:tblW", &[a("w:w", width), a("w:type", "dxa")]);
    x.empty("w:jc", &[a("w:val", "center")]);
    x.empty("w:tblInd", &[a("w:w", 0), a("w:type", "dxa")]);
    x.open("w:tblBorders", &[]);
    if let Some(size) = first {
        border_line(x, Side::Top, size);
    }
    if let Some(size) = last {
        border_line(x, Side::Bottom, size);
    }
    if let Some(size) = between {
        border_line(x, Side::InsideH, size);
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[a("w:type", "fixed")]);
    x.open("w:tblCellMar", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right"] {
        x.empty(side, &[a("w:w", 0), a("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.empty("w:tblLook", &[a("w:val", "0000")]);
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    x.empty("w:gridCol", &[a("w:w", width)]);
    x.close("w:tblGrid");
    for p in paragraphs {
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.empty(
            "w:trHeight",
            &[a("w:val", grid.line_twip), a("w:hRule", "atLeast")],
        );
        x.close("w:trPr");
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty("w:tcW", &[a("w:w", width), a("w:type", "dxa")]);
        x.close("w:tcPr");
        let p = FlowParagraph {
            page_break_before: false,
            ..p.clone()
        };
        paragraph(x, &p, grid, names, styles);
        x.close("w:tc");
        x.close("w:tr");
    }
    x.close("w:tbl");
}

/// The section: A4, the GB/T 9704 margins, odd and even footers, the 22-line grid.
fn section(x: &mut Xml, pages: &Pages, grid: &Grid) {
    let s = &pages.setup;
    x.open("w:sectPr", &[]);
    x.empty(
        "w:footerReference",
        &[a("w:type", "default"), a("r:id", ODD_FOOTER_RID)],
    );
    x.empty(
        "w:footerReference",
        &[a("w:type", "even"), a("r:id", EVEN_FOOTER_RID)],
    );
    x.empty(
        "w:pgSz",
        &[
            a("w:w", s.paper_width.to_twip()),
            a("w:h", s.paper_height.to_twip()),
        ],
    );
    x.empty(
        "w:pgMar",
        &[
            a("w:top", s.margin_top.to_twip()),
            a("w:right", s.margin_right.to_twip()),
            a("w:bottom", s.margin_bottom.to_twip()),
            a("w:left", s.margin_left.to_twip()),
            a("w:header", 0),
            a("w:footer", s.page_number.footer_distance.to_twip()),
            a("w:gutter", 0),
        ],
    );
    x.empty("w:pgNumType", &[a("w:fmt", "decimal"), a("w:start", 1)]);
    x.empty("w:cols", &[a("w:space", 0)]);
    x.empty(
        "w:docGrid",
        &[a("w:type", "lines"), a("w:linePitch", grid.line_twip)],
    );
    x.close("w:sectPr");
}

/// A footer: "— N —" with a PAGE field, 四号宋体, odd pages right and even pages left, one 字
/// in (GB/T 9704 §7.5). The line is exactly one 四号 high, so the footer distance puts its top
/// where the layout puts the number's em box.
pub fn footer_xml(pages: &Pages, odd: bool, names: FontNames) -> Vec<u8> {
    let n = &pages.setup.page_number;
    let side = n.side_indent.to_twip();
    let mut x = Xml::new();
    x.open(
        "w:ftr",
        &[("xmlns:w", W_NS.to_owned()), ("xmlns:r", R_NS.to_owned())],
    );
    x.open("w:p", &[]);
    ParaProps {
        snap_to_grid: Some(false),
        line_exact: Some(n.size.to_twip()),
        indent: Some(Indent {
            left: if odd { 0 } else { side },
            right: if odd { side } else { 0 },
            first_line: 0,
        }),
        jc: Some(if odd { "right" } else { "left" }),
        ..ParaProps::default()
    }
    .write(&mut x, None);
    let props = RunProps {
        fonts: Some(Fonts {
            name: Some(names.name(n.font)),
            east_asian_hint: true,
        }),
        spacing: Some(0),
        size: Some(n.size.to_half_pt()),
        ..RunProps::default()
    };
    let run = |x: &mut Xml, inner: &dyn Fn(&mut Xml)| {
        x.open("w:r", &[]);
        props.write(x);
        inner(x);
        x.close("w:r");
    };
    run(&mut x, &|x| {
        x.text_element("w:t", &[a("xml:space", "preserve")], &n.prefix);
    });
    run(&mut x, &|x| {
        x.empty("w:fldChar", &[a("w:fldCharType", "begin")]);
    });
    run(&mut x, &|x| {
        x.text_element("w:instrText", &[a("xml:space", "preserve")], " PAGE ");
    });
    run(&mut x, &|x| {
        x.empty("w:fldChar", &[a("w:fldCharType", "separate")]);
    });
    run(&mut x, &|x| {
        x.text_element("w:t", &[], if odd { "1" } else { "2" });
    });
    run(&mut x, &|x| {
        x.empty("w:fldChar", &[a("w:fldCharType", "end")]);
    });
    run(&mut x, &|x| {
        x.text_element("w:t", &[a("xml:space", "preserve")], &n.suffix);
    });
    x.close("w:p");
    x.close("w:ftr");
    x.into_bytes()
}
