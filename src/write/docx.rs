//! Pages → DOCX (docx-rs): the layout's paragraphs as Word structures — a section with the
//! GB/T 9704 margins and a 22-line grid, a named style per element with the official East
//! Asian font names, odd/even footers with PAGE fields, and what the layout decided (title
//! line breaks, signature indents, page breaks) said explicitly.

use crate::layout::{Align, FlowParagraph, FontRole, Pages, Role};
use crate::length::Length;
use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Style, StyleType,
};

/// Render `pages` to DOCX bytes.
pub fn write(pages: &Pages) -> Result<Vec<u8>, String> {
    let setup = &pages.setup;
    // Word fits only as many exact-spaced lines as whole twips allow: round the pitch down so
    // 22 lines fit the 版心 (579 twip; 580 would give 21 — spec digest §9.1).
    let line_twip = setup.line_pitch.to_emu() / 635;
    // Round the squeeze away from zero so 28 characters still fit a line (−5 = −0.25 pt).
    let tracking_twentieths = setup.body_tracking.to_emu().div_euclid(635) as i32;

    // The grid sits on the section, so the document goes in before the page setup.
    let mut docx = Docx::new()
        .document(
            docx_rs::Document::new().doc_grid(
                DocGrid::new()
                    .grid_type(DocGridType::Lines)
                    .line_pitch(line_twip as usize),
            ),
        )
        .page_size(
            setup.paper_width.to_twip() as u32,
            setup.paper_height.to_twip() as u32,
        )
        .page_margin(
            PageMargin::new()
                .top(setup.margin_top.to_twip() as i32)
                .left(setup.margin_left.to_twip() as i32)
                .bottom(setup.margin_bottom.to_twip() as i32)
                .right(setup.margin_right.to_twip() as i32)
                .header(0)
                .footer(setup.page_number.footer_distance.to_twip() as i32)
                .gutter(0),
        )
        .default_fonts(fonts(FontRole::Body))
        .default_size(setup.body_size.to_half_pt() as usize)
        .default_line_spacing(exact(line_twip));

    for role in ROLES {
        docx = docx.add_style(style(*role, line_twip, tracking_twentieths));
    }
    for p in &pages.flow {
        docx = docx.add_paragraph(paragraph(p, tracking_twentieths));
    }
    docx = docx
        .footer(page_number_footer(pages, true))
        .even_footer(page_number_footer(pages, false));

    let mut xml = docx.build();
    xml.doc_props.core = core_properties(pages).into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| format!("DOCX 打包失败：{e}"))?;
    Ok(out.into_inner())
}

/// The paragraph roles that get a named style.
const ROLES: &[Role] = &[
    Role::Title,
    Role::Recipients,
    Role::Body,
    Role::Heading(1),
    Role::Heading(2),
    Role::Heading(3),
    Role::Heading(4),
    Role::Closing,
    Role::Signature,
    Role::Date,
    Role::Note,
];

/// Style id and the name Word and WPS show.
fn style_name(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Title => ("GwTitle", "标题"),
        Role::Recipients => ("GwRecipients", "主送"),
        Role::Body => ("GwBody", "正文"),
        Role::Heading(1) => ("GwHeading1", "一级标题"),
        Role::Heading(2) => ("GwHeading2", "二级标题"),
        Role::Heading(3) => ("GwHeading3", "三级标题"),
        Role::Heading(_) => ("GwHeading4", "四级标题"),
        Role::Closing => ("GwClosing", "结束语"),
        Role::Signature => ("GwSignature", "署名"),
        Role::Date => ("GwDate", "成文日期"),
        Role::Note => ("GwNote", "附注"),
        Role::CopyTo => ("GwCopyTo", "抄送"),
        Role::Printer | Role::PrintDate => ("GwPrinter", "印发"),
    }
}

fn role_font(role: Role) -> FontRole {
    match role {
        Role::Title => FontRole::Title,
        Role::Heading(1) => FontRole::Hei,
        Role::Heading(2) => FontRole::Kai,
        _ => FontRole::Body,
    }
}

/// Official face names in every slot, so no theme font can override them.
fn fonts(role: FontRole) -> RunFonts {
    let name = role.official_name();
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
        .hint("eastAsia")
}

fn exact(twip: i64) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twip as i32)
        .before(0)
        .after(0)
}

fn style(role: Role, line_twip: i64, tracking: i32) -> Style {
    let (id, name) = style_name(role);
    let size = if role == Role::Title { 44 } else { 32 };
    let mut s = Style::new(id, StyleType::Paragraph)
        .name(name)
        .q_format(true)
        .fonts(fonts(role_font(role)))
        .size(size)
        .line_spacing(exact(line_twip));
    if role != Role::Title {
        // The grid squeeze: 28 三号 characters to the 156 mm line.
        s.run_property = s.run_property.spacing(tracking);
    }
    if role == Role::Title {
        s = s.align(AlignmentType::Center);
    }
    if let Role::Heading(level) = role {
        s = s.outline_lvl(usize::from(level - 1));
    }
    s
}

fn paragraph(p: &FlowParagraph, tracking: i32) -> Paragraph {
    let (id, _) = style_name(p.role);
    let mut para = Paragraph::new()
        .style(id)
        .align(match p.align {
            Align::Left => AlignmentType::Left,
            Align::Center => AlignmentType::Center,
            Align::Justify => AlignmentType::Both,
        })
        .widow_control(false);
    if p.first_line_indent > Length::ZERO || p.left_indent > Length::ZERO {
        para = para.indent(
            Some(p.left_indent.to_twip() as i32),
            Some(SpecialIndentType::FirstLine(p.first_line_indent.to_twip() as i32)),
            None,
            None,
        );
    }
    if p.page_break_before {
        para = para.page_break_before(true);
    }
    if matches!(p.role, Role::Heading(_) | Role::Title) {
        para = para.keep_next(true);
    }
    // Split runs where the layout broke the line, and say so with a line break.
    let mut offset = 0;
    let mut breaks = p.forced_breaks.iter().copied().peekable();
    for run in &p.runs {
        let mut piece = String::new();
        for ch in run.text.chars() {
            if breaks.peek() == Some(&offset) {
                breaks.next();
                para = para.add_run(text_run(&piece, run.font, p, tracking).add_break(BreakType::TextWrapping));
                piece.clear();
            }
            piece.push(ch);
            offset += 1;
        }
        para = para.add_run(text_run(&piece, run.font, p, tracking));
    }
    para
}

fn text_run(text: &str, font: FontRole, p: &FlowParagraph, tracking: i32) -> Run {
    let mut run = Run::new()
        .add_text(text)
        .fonts(fonts(font))
        .size(p.size.to_half_pt() as usize);
    if p.role != Role::Title {
        run = run.character_spacing(tracking);
    }
    run
}

/// — N — in 四号宋体: odd pages right, even pages left, one 字 in (GB/T 9704 §7.5).
fn page_number_footer(pages: &Pages, odd: bool) -> Footer {
    let n = &pages.setup.page_number;
    let run = || {
        Run::new()
            .fonts(fonts(n.font))
            .size(n.size.to_half_pt() as usize)
    };
    let indent = Some(n.side_indent.to_twip() as i32);
    let para = Paragraph::new()
        .align(if odd { AlignmentType::Right } else { AlignmentType::Left })
        .indent(
            if odd { None } else { indent },
            None,
            if odd { indent } else { None },
            None,
        )
        .line_spacing(exact(n.size.to_twip()))
        .add_run(run().add_text(&n.prefix))
        .add_run(
            run()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("1")
                .add_field_char(FieldCharType::End, false),
        )
        .add_run(run().add_text(&n.suffix));
    Footer::new().add_paragraph(para)
}

/// docProps/core.xml with the title, the issuing bodies and the 成文日期 — never the clock.
fn core_properties(pages: &Pages) -> String {
    let m = &pages.metadata;
    let date = format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        m.date.year, m.date.month, m.date.day
    );
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"#,
            r#"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = xml_escape(&m.title),
        subject = xml_escape(&m.subject),
        author = xml_escape(&m.author),
        date = date,
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
