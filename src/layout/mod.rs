//! Stage 4, layout: the only place positions are decided. Turns the composed blocks into
//! [`Pages`] — glyphs and rules at fixed places for the PDF, and the same paragraphs with the
//! layout's decisions for the DOCX — following GB/T 9704 ([`crate::gbt9704`]).

pub mod fonts;
mod imprint;
mod letterhead;
mod linebreak;
pub mod pages;
mod paginate;
mod setting;
mod signature;
mod title;

pub use crate::compose::Role;
pub use fonts::{FontOptions, FontRole, FontSet};
pub use pages::{
    Align, Color, FaceData, FlowImage, FlowParagraph, FlowRun, Glyph, Image, Item,
    LetterheadLayout, LetterheadLine, OutlineEntry, Page, PageNumberSetup, PageSetup, Pages, Rule,
    TabStop, TextLine,
};

use crate::compose::{Block, Composed, Run, RunStyle, SealImage, Sealing};
use crate::diag::Diagnostic;
use crate::gbt9704 as std_;
use crate::length::Length;
use fonts::Metrics;
use paginate::Slot;
use setting::{SetLine, Style};

/// Where a CJK face's baseline sits in its em box: 880/1000 of the size below the top
/// (the ideographic em box of CJK fonts runs from −120 to 880 units).
const EM_BOX_ASCENT_PER_MILLE: i64 = 880;

/// A set line waiting for its page: size, and glyphs relative to the 版心's left edge.
#[derive(Debug, Clone)]
pub(crate) struct SlotLine {
    size: Length,
    glyphs: Vec<(char, usize, Length)>,
    /// The flow paragraph it belongs to, and whether it is that paragraph's first line.
    flow: usize,
    first_of_paragraph: bool,
    /// Seals centred on (x from the 版心's left edge) a point a quarter line below the top of
    /// this line (GB/T 9704 §7.3.5.1: 署名 and date 居印章中心偏下).
    seals: Vec<(Length, SealImage)>,
}

/// Lay the document out. Warnings (characters no font has) come back beside the pages.
pub fn layout(doc: &Composed, fonts: &FontSet) -> (Pages, Vec<Diagnostic>) {
    let metrics = Metrics::new(fonts);
    let mut engine = Engine {
        metrics: &metrics,
        slots: Vec::new(),
        flow: Vec::new(),
        outline: Vec::new(),
        warnings: Vec::new(),
    };
    // Set every block on the grid, in reading order; the 版记 is set apart for the last page.
    let mut imprint_blocks = Vec::new();
    // The 版头 takes the top of page 1; the title starts below it.
    let letterhead = doc
        .letterhead
        .as_ref()
        .map(|h| letterhead::set(&metrics, h));
    if let Some(head) = &letterhead {
        for _ in 0..head.rows {
            engine.blank();
        }
    }
    let mut blocks = doc.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        match block.role {
            Role::Signature | Role::Date => {
                let mut group = vec![block];
                while let Some(next) =
                    blocks.next_if(|b| matches!(b.role, Role::Signature | Role::Date | Role::Note))
                {
                    group.push(next);
                }
                engine.signature_block(&group, doc.sealing, &doc.seal_images);
            }
            Role::CopyTo | Role::Printer | Role::PrintDate => imprint_blocks.push(block),
            Role::AttachmentNote => {
                let mut group = vec![block];
                while let Some(next) = blocks.next_if(|b| b.role == Role::AttachmentNote) {
                    group.push(next);
                }
                engine.attachment_note(&group);
            }
            Role::AttachmentLabel => engine.attachment_label(block),
            Role::Attendance => {
                let mut group = vec![block];
                while let Some(next) = blocks.next_if(|b| b.role == Role::Attendance) {
                    group.push(next);
                }
                engine.attendance(&group);
            }
            _ => engine.block(block),
        }
    }
    let letter = doc.letterhead.as_ref().is_some_and(|h| h.letter);
    let imprint = imprint::set(&metrics, &imprint_blocks, &mut engine.flow, !letter);

    // Fill pages of 22 lines, then put the 版记 at the foot of the last page.
    let Engine {
        slots,
        mut flow,
        outline: marks,
        mut warnings,
        ..
    } = engine;
    let mut paged: Vec<PageSlots> = paginate::paginate(slots)
        .into_iter()
        .map(|(slots, started_early)| PageSlots {
            slots,
            started_early,
            imprint: false,
            numbered: true,
        })
        .collect();
    if let Some(imprint) = &imprint {
        place_imprint(&mut paged, imprint, doc.imprint_on_even_page, &mut flow);
    }
    // 信函格式: 首页不显示页码 (GB/T 9704 §10.1).
    if letter && let Some(first) = paged.first_mut() {
        first.numbered = false;
    }

    // Place every line on its page; number the pages; mark the outline.
    let mut outline = Vec::new();
    let pages = paged
        .iter()
        .enumerate()
        .map(|(i, page)| {
            if page.started_early
                && let Some(first) = page.slots.iter().find_map(|s| s.line.as_ref())
                && first.first_of_paragraph
            {
                flow[first.flow].page_break_before = true;
            }
            for (row, slot) in page.slots.iter().enumerate() {
                let Some(line) = &slot.line else { continue };
                if !line.first_of_paragraph {
                    continue;
                }
                if let Some((level, title)) = marks
                    .iter()
                    .find(|m| m.0 == line.flow)
                    .map(|m| (m.1, m.2.clone()))
                {
                    outline.push(OutlineEntry {
                        level,
                        title,
                        page: i,
                        y: std_::TYPE_AREA_TOP + std_::LINE_PITCH * row as i64,
                    });
                }
            }
            let mut placed = place_page(&page.slots);
            if i == 0
                && let Some(head) = &letterhead
            {
                placed.items.extend(head.items.iter().cloned());
            }
            if page.imprint
                && let Some(imprint) = &imprint
            {
                placed.items.extend(imprint.items());
            }
            if page.numbered {
                let number = i as u32 + 1;
                placed.items.push(Item::Text(page_number(&metrics, number)));
                placed.number = Some(number);
            }
            placed
        })
        .collect::<Vec<_>>();

    warnings.extend(metrics.missing.borrow().iter().map(|c| {
        Diagnostic::warning(format!(
            "字符「{c}」（U+{:04X}）在所有可用字体中都没有字形，将显示为空框。",
            *c as u32
        ))
        .hint("请安装含该字的字体（如思源宋体/Noto Serif CJK），或改用常用字。")
    }));
    let pages = Pages {
        setup: page_setup(),
        metadata: doc.metadata.clone(),
        faces: fonts
            .faces
            .iter()
            .map(|f| FaceData {
                family: f.family.clone(),
                index: f.index,
                data: f.data.clone(),
            })
            .collect(),
        pages,
        flow,
        outline,
        letterhead: letterhead.map(|h| h.layout),
    };
    (pages, warnings)
}

/// A page before placement: its grid lines and what else it carries.
struct PageSlots {
    slots: Vec<Slot<SlotLine>>,
    /// Begun before the previous page was full (keep rules).
    started_early: bool,
    /// Carries the 版记 at its foot.
    imprint: bool,
    /// Shows a page number (blank pages and a 版记 page after one do not, §7.5).
    numbered: bool,
}

/// The 版记 goes on the last page if it fits under the text and, by default, the page is even
/// (printed on the back of the sheet, spec digest §6.2); otherwise on a page of its own — after
/// a blank page when that is what makes it even, and then neither page is numbered (§7.5).
fn place_imprint(
    paged: &mut Vec<PageSlots>,
    imprint: &imprint::Imprint,
    even_page: bool,
    flow: &mut [FlowParagraph],
) {
    let last = paged.len();
    let fits = paged
        .last()
        .is_some_and(|p| p.slots.len() + imprint.rows <= std_::LINES_PER_PAGE);
    if fits && (!even_page || last.is_multiple_of(2)) {
        if let Some(p) = paged.last_mut() {
            p.imprint = true;
            // A flow format reaches the 版记's first grid line with blank lines.
            if let Some(first) = flow.get_mut(imprint.first_flow) {
                first.blank_lines_before = std_::LINES_PER_PAGE - imprint.rows - p.slots.len();
            }
        }
        return;
    }
    let blank_first = even_page && !(last + 1).is_multiple_of(2);
    if blank_first {
        paged.push(PageSlots {
            slots: Vec::new(),
            started_early: false,
            imprint: false,
            numbered: false,
        });
    }
    paged.push(PageSlots {
        slots: Vec::new(),
        started_early: false,
        imprint: true,
        numbered: !blank_first,
    });
    // A flow format starts the 版记 on a new page; after a blank one, two page breaks.
    if let Some(first) = flow.get_mut(imprint.first_flow) {
        first.page_break_before = true;
        first.blank_pages_before = usize::from(blank_first);
        first.blank_lines_before = std_::LINES_PER_PAGE - imprint.rows;
    }
}

struct Engine<'a> {
    metrics: &'a Metrics<'a>,
    slots: Vec<Slot<SlotLine>>,
    flow: Vec<FlowParagraph>,
    /// (flow index, level, title) of headings for the outline.
    outline: Vec<(usize, u8, String)>,
    warnings: Vec<Diagnostic>,
}

/// 正文: 三号仿宋 squeezed onto the 28-字 grid, 左空二字, justified.
fn body_style() -> Style {
    Style {
        size: std_::SIZE_3,
        tracking: std_::CHAR_PITCH - std_::SIZE_3,
        plain: FontRole::Body,
        first_indent: std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS,
        justify: true,
        center: false,
    }
}

impl Engine<'_> {
    fn block(&mut self, block: &Block) {
        let width = std_::TYPE_AREA_WIDTH;
        let body = body_style();
        match block.role {
            Role::Title | Role::AttachmentTitle => {
                let style = Style {
                    size: std_::SIZE_2,
                    tracking: Length::ZERO,
                    plain: FontRole::Title,
                    first_indent: Length::ZERO,
                    justify: false,
                    center: true,
                };
                let lines = title::set(self.metrics, &block.runs, &style, width, &block.breaks);
                self.push(block, &style, lines, true, Align::Center, true);
                for _ in 0..std_::LINES_AFTER_TITLE {
                    self.blank();
                }
            }
            Role::Recipients => {
                // 主送机关: 居左顶格，回行时仍顶格 (§7.3.2).
                let style = Style {
                    first_indent: Length::ZERO,
                    ..body
                };
                let lines = setting::set(self.metrics, &block.runs, &style, width);
                self.push(block, &style, lines, false, Align::Justify, false);
            }
            Role::Heading(level) => {
                let style = Style {
                    plain: setting::heading_font(level),
                    ..body
                };
                let lines = setting::set(self.metrics, &block.runs, &style, width);
                if level <= 2 {
                    self.outline.push((self.flow.len(), level, block.text()));
                }
                // A heading never ends a page (§7.3.3 practice; issue 3).
                self.push(block, &style, lines, true, Align::Justify, false);
            }
            _ => {
                let lines = setting::set(self.metrics, &block.runs, &body, width);
                if let Some(Run {
                    text,
                    style: RunStyle::Heading(level @ 1..=2),
                }) = block.runs.first()
                {
                    self.outline.push((self.flow.len(), *level, text.clone()));
                }
                self.push(block, &body, lines, false, Align::Justify, false);
            }
        }
    }

    /// 附件说明 (§7.3.4): 正文下空一行左空二字, "附件：" then each name, numbered when there are
    /// several; a name that wraps continues under its own first character.
    fn attachment_note(&mut self, group: &[&Block]) {
        self.blank();
        let style = Style {
            justify: false,
            ..body_style()
        };
        let indent = std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS;
        let width_of = |text: &str| setting::width(self.metrics, text, FontRole::Body, &style);
        let first = group.first().map(|b| b.text()).unwrap_or_default();
        let label: String = first.split_inclusive('：').next().unwrap_or("").to_owned();
        let label = if label.ends_with('：') {
            label
        } else {
            String::new()
        };
        let label_w = width_of(&label);
        for (i, block) in group.iter().enumerate() {
            let text = block.text();
            let rest = if i == 0 {
                &text[label.len()..]
            } else {
                &text[..]
            };
            // The 顺序号 ("1. ") hangs; the name's lines align after it.
            let number: String = match rest.split_once(' ') {
                Some((n, _))
                    if n.ends_with('.') && n[..n.len() - 1].chars().all(|c| c.is_ascii_digit()) =>
                {
                    format!("{n} ")
                }
                _ => String::new(),
            };
            let start = if i == 0 { indent } else { indent + label_w };
            let body_x = indent + label_w + width_of(&number);
            // The 附件说明 stays in one piece.
            self.hanging(block, &style, start, body_x, i + 1 < group.len());
        }
    }

    /// A block whose first line starts at `start` and whose other lines start at `body_x`
    /// (a hanging indent), all within the 版心.
    fn hanging(&mut self, block: &Block, style: &Style, start: Length, body_x: Length, keep: bool) {
        let hang = Style {
            first_indent: start - body_x,
            ..*style
        };
        let lines = setting::set(
            self.metrics,
            &block.runs,
            &hang,
            std_::TYPE_AREA_WIDTH - body_x,
        )
        .into_iter()
        .map(|mut l| {
            for g in &mut l.glyphs {
                g.2 += body_x;
            }
            l
        })
        .collect();
        self.push(block, &hang, lines, keep, Align::Left, false);
        let last = self.flow.len() - 1;
        self.flow[last].left_indent = body_x;
    }

    /// 出席、请假、列席 of a 纪要 (§10.3): 正文下空一行左空二字, the label (黑体) and its colon,
    /// the names after it; a wrapped line continues under the first name.
    fn attendance(&mut self, group: &[&Block]) {
        self.blank();
        let style = Style {
            justify: false,
            ..body_style()
        };
        let indent = std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS;
        for block in group {
            let label = block
                .runs
                .first()
                .map(|r| r.text.clone())
                .unwrap_or_default();
            let label_style = Style {
                plain: FontRole::Hei,
                ..style
            };
            let body_x = indent + setting::width(self.metrics, &label, FontRole::Hei, &label_style);
            self.hanging(block, &style, indent, body_x, false);
        }
    }

    /// An attachment's first page (§7.3.7): "附件1" in 3号黑体 顶格 on the first line, its title
    /// centred on the third line as the 标题 is set, a blank line, then its text.
    fn attachment_label(&mut self, block: &Block) {
        let style = Style {
            plain: FontRole::Hei,
            first_indent: Length::ZERO,
            justify: false,
            ..body_style()
        };
        let lines = setting::set(self.metrics, &block.runs, &style, std_::TYPE_AREA_WIDTH);
        let first_slot = self.slots.len();
        self.push(block, &style, lines, true, Align::Left, false);
        self.slots[first_slot].new_page = true;
        let last = self.flow.len() - 1;
        self.flow[last].page_break_before = true;
        self.blank();
        self.slots.last_mut().expect("just pushed").keep_with_next = true;
    }

    /// 署名, 成文日期, 印章 room and 附注, kept with the last line of the 正文 (§7.3.5, §7.3.6).
    fn signature_block(&mut self, group: &[&Block], sealing: Sealing, seals: &[Option<SealImage>]) {
        let plain = Style {
            first_indent: Length::ZERO,
            justify: false,
            ..body_style()
        };
        let width_of = |b: &Block| setting::width(self.metrics, &b.text(), FontRole::Body, &plain);
        let names: Vec<&Block> = group
            .iter()
            .copied()
            .filter(|b| b.role == Role::Signature)
            .collect();
        let date = group.iter().copied().find(|b| b.role == Role::Date);
        let note = group.iter().copied().find(|b| b.role == Role::Note);
        let name_widths: Vec<Length> = names.iter().map(|b| width_of(b)).collect();
        let date_width = date.map_or(Length::ZERO, width_of);

        // The last line of the 正文 moves with the block.
        if let Some(last) = self.slots.iter_mut().rev().find(|s| s.line.is_some()) {
            last.keep_with_next = true;
            if let Some(line) = &last.line {
                self.flow[line.flow].keep_with_next = true;
            }
        }
        let date_x = match sealing {
            Sealing::NoSeal => {
                let place = signature::no_seal(&name_widths, date_width);
                self.blanks_kept(std_::LINES_BEFORE_SIGNATURE);
                for name in &names {
                    self.line_at(name, &plain, place.names_x);
                }
                place.date_x
            }
            Sealing::Seal => {
                let place = signature::sealed(&name_widths, date_width);
                self.blanks_kept(std_::LINES_BEFORE_SEALED_SIGNATURE);
                let mut next = 0;
                for (r, row) in place.rows.iter().enumerate() {
                    if r > 0 {
                        // The next row of seals starts a seal's height plus a gap lower.
                        let (span, pitch) = (
                            (std_::SEAL_DIAMETER + std_::SEAL_GAP).to_emu(),
                            std_::LINE_PITCH.to_emu(),
                        );
                        let rows = ((span + pitch - 1) / pitch) as usize;
                        self.blanks_kept(rows - 1);
                    }
                    let row_names = &names[next..next + row.len()];
                    let row_x = &place.names_x[next..next + row.len()];
                    let row_seals = row
                        .iter()
                        .enumerate()
                        .filter_map(|(k, &centre)| {
                            seals.get(next + k).cloned().flatten().map(|s| (centre, s))
                        })
                        .collect();
                    self.names_side_by_side(row_names, row_x, &plain, row_seals);
                    next += row.len();
                }
                self.warn_overlapping_names(&place.names_x, &name_widths);
                place.date_x
            }
        };
        if let Some(date) = date {
            self.line_at(date, &plain, date_x);
        }
        if let Some(note) = note {
            // 附注: 居左空二字，成文日期下一行 (§7.3.6); wraps within the 版心.
            let style = Style {
                first_indent: std_::CHAR_PITCH * std_::NOTE_INDENT_CHARS,
                ..plain
            };
            let lines = setting::set(self.metrics, &note.runs, &style, std_::TYPE_AREA_WIDTH);
            self.push(note, &style, lines, true, Align::Left, false);
        }
        if let Some(last) = self.slots.last_mut() {
            last.keep_with_next = false;
        }
        if let Some(last) = self.flow.last_mut() {
            last.keep_with_next = false;
        }
    }

    /// One line of a block starting at `x`.
    /// A block of the signature starting at `x`; a line too long for the room up to 右空二字
    /// wraps, its continuation starting at `x` again.
    fn line_at(&mut self, block: &Block, plain: &Style, x: Length) {
        let style = Style {
            first_indent: x,
            ..*plain
        };
        let room = std_::TYPE_AREA_WIDTH - std_::CHAR_PITCH * std_::SIGNATURE_RIGHT_CHARS - x;
        let unindented = Style {
            first_indent: Length::ZERO,
            ..*plain
        };
        let lines = setting::set(self.metrics, &block.runs, &unindented, room)
            .into_iter()
            .map(|mut l| {
                for g in &mut l.glyphs {
                    g.2 += x;
                }
                l
            })
            .collect();
        self.push(block, &style, lines, true, Align::Left, false);
        let last = self.flow.len() - 1;
        self.flow[last].left_indent = x;
        self.flow[last].first_line_indent = Length::ZERO;
    }

    /// Several 署名 on one line, each starting at its x (rule D).
    fn names_side_by_side(
        &mut self,
        names: &[&Block],
        xs: &[Length],
        plain: &Style,
        seals: Vec<(Length, SealImage)>,
    ) {
        let mut glyphs = Vec::new();
        let mut runs = Vec::new();
        for (i, (name, &x)) in names.iter().zip(xs).enumerate() {
            let style = Style {
                first_indent: x,
                ..*plain
            };
            for line in setting::set(self.metrics, &name.runs, &style, Length::mm(10_000)) {
                glyphs.extend(line.glyphs);
            }
            if i > 0 {
                runs.push(FlowRun {
                    text: "\t".to_owned(),
                    font: FontRole::Body,
                });
            }
            runs.extend(flow_runs(&name.runs, plain));
        }
        let flow = self.flow.len();
        self.flow.push(FlowParagraph {
            role: Role::Signature,
            runs,
            align: Align::Left,
            first_line_indent: Length::ZERO,
            left_indent: xs[0],
            right_indent: Length::ZERO,
            tabs: xs[1..]
                .iter()
                .map(|&position| TabStop {
                    position,
                    right_aligned: false,
                })
                .collect(),
            forced_breaks: Vec::new(),
            keep_with_next: true,
            tracking: plain.tracking,
            images: seals
                .iter()
                .map(|(centre, image)| FlowImage {
                    x: *centre - std_::SEAL_DIAMETER.div_round(2),
                    y: std_::LINE_PITCH.div_round(4) - std_::SEAL_DIAMETER.div_round(2),
                    size: std_::SEAL_DIAMETER,
                    image: image.clone(),
                })
                .collect(),
            page_break_before: false,
            blank_pages_before: 0,
            blank_lines_before: 0,
            size: plain.size,
        });
        self.slots.push(Slot {
            new_page: false,
            line: Some(SlotLine {
                size: plain.size,
                glyphs,
                flow,
                first_of_paragraph: true,
                seals,
            }),
            keep_with_next: true,
        });
    }

    fn warn_overlapping_names(&mut self, xs: &[Length], widths: &[Length]) {
        let overlap = xs
            .windows(2)
            .zip(widths)
            .any(|(x, &w)| x[0] + w + std_::CHAR_PITCH > x[1]);
        if overlap {
            self.warnings.push(
                Diagnostic::warning("并排的发文机关署名过长，彼此重叠。")
                    .hint("加盖印章的联合行文请用规范化简称署名（issuers 中的 sign_as）。"),
            );
        }
    }

    fn blanks_kept(&mut self, n: usize) {
        for _ in 0..n {
            self.blank();
            self.slots.last_mut().expect("just pushed").keep_with_next = true;
            self.flow.last_mut().expect("just pushed").keep_with_next = true;
        }
    }

    fn blank(&mut self) {
        self.slots.push(Slot {
            new_page: false,
            line: None,
            keep_with_next: false,
        });
        self.flow.push(FlowParagraph::blank(std_::SIZE_3));
    }

    /// Add a block's lines as slots, and the block to the flow.
    fn push(
        &mut self,
        block: &Block,
        style: &Style,
        lines: Vec<SetLine>,
        keep: bool,
        align: Align,
        forced_breaks: bool,
    ) {
        let flow = self.flow.len();
        let breaks = if forced_breaks {
            lines.iter().skip(1).map(|l| l.first_char).collect()
        } else {
            Vec::new()
        };
        self.flow.push(FlowParagraph {
            role: block.role,
            runs: flow_runs(&block.runs, style),
            align,
            first_line_indent: style.first_indent,
            left_indent: Length::ZERO,
            right_indent: Length::ZERO,
            tabs: Vec::new(),
            forced_breaks: breaks,
            keep_with_next: keep,
            tracking: style.tracking,
            images: Vec::new(),
            page_break_before: false,
            blank_pages_before: 0,
            blank_lines_before: 0,
            size: style.size,
        });
        for (n, line) in lines.into_iter().enumerate() {
            self.slots.push(Slot {
                new_page: false,
                line: Some(SlotLine {
                    size: style.size,
                    glyphs: line.glyphs,
                    flow,
                    first_of_paragraph: n == 0,
                    seals: Vec::new(),
                }),
                keep_with_next: keep,
            });
        }
    }
}

fn flow_runs(runs: &[Run], style: &Style) -> Vec<FlowRun> {
    runs.iter()
        .map(|r| FlowRun {
            text: r.text.clone(),
            font: match r.style {
                RunStyle::Plain => style.plain,
                RunStyle::Heading(level) => setting::heading_font(level),
            },
        })
        .collect()
}

/// Baseline of a line of `size` on grid line `row` (0-based) of the 版心: the em box centred
/// in the line.
fn baseline(row: usize, size: Length) -> Length {
    std_::TYPE_AREA_TOP
        + std_::LINE_PITCH * row as i64
        + (std_::LINE_PITCH - size).div_round(2)
        + (size * EM_BOX_ASCENT_PER_MILLE).div_round(1000)
}

fn place_page(slots: &[Slot<SlotLine>]) -> Page {
    // Seals first, so the 署名 and date print over them.
    let seals = slots.iter().enumerate().flat_map(|(row, slot)| {
        let top = std_::TYPE_AREA_TOP + std_::LINE_PITCH * row as i64;
        slot.line.iter().flat_map(move |line| {
            line.seals.iter().map(move |(centre, image)| {
                let r = std_::SEAL_DIAMETER.div_round(2);
                Item::Image(Image {
                    x: std_::TYPE_AREA_LEFT + *centre - r,
                    y: top + std_::LINE_PITCH.div_round(4) - r,
                    width: std_::SEAL_DIAMETER,
                    height: std_::SEAL_DIAMETER,
                    image: image.clone(),
                })
            })
        })
    });
    let text = slots.iter().enumerate().filter_map(|(row, slot)| {
        let line = slot.line.as_ref()?;
        Some(Item::Text(TextLine {
            baseline: baseline(row, line.size),
            size: line.size,
            color: Color::Black,
            scale_percent: 100,
            glyphs: line
                .glyphs
                .iter()
                .map(|&(ch, face, x)| Glyph {
                    ch,
                    face,
                    x: std_::TYPE_AREA_LEFT + x,
                })
                .collect(),
        }))
    });
    Page {
        number: None,
        items: seals.chain(text).collect(),
    }
}

/// — N — in 四号宋体, 7 mm under the 版心; odd pages right, even pages left, one 字 in (§7.5).
fn page_number(metrics: &Metrics, number: u32) -> TextLine {
    let setup = page_setup().page_number;
    let text = format!("{}{number}{}", setup.prefix, setup.suffix);
    let mut glyphs = Vec::new();
    let mut x = Length::ZERO;
    for ch in text.chars() {
        let face = metrics.face_with(setup.font, ch);
        glyphs.push(Glyph { ch, face, x });
        x += metrics.advance(face, ch, setup.size);
    }
    let start = if number % 2 == 1 {
        std_::TYPE_AREA_RIGHT - setup.side_indent - x
    } else {
        std_::TYPE_AREA_LEFT + setup.side_indent
    };
    for g in &mut glyphs {
        g.x += start;
    }
    TextLine {
        baseline: std_::TYPE_AREA_BOTTOM
            + setup.gap_below_type_area
            + (setup.size * EM_BOX_ASCENT_PER_MILLE).div_round(1000),
        size: setup.size,
        color: Color::Black,
        scale_percent: 100,
        glyphs,
    }
}

fn page_setup() -> PageSetup {
    PageSetup {
        paper_width: std_::PAPER_WIDTH,
        paper_height: std_::PAPER_HEIGHT,
        margin_top: std_::TOP_MARGIN,
        margin_left: std_::BINDING_MARGIN,
        margin_bottom: std_::PAPER_HEIGHT - std_::TYPE_AREA_BOTTOM,
        margin_right: std_::PAPER_WIDTH - std_::TYPE_AREA_RIGHT,
        line_pitch: std_::LINE_PITCH,
        char_pitch: std_::CHAR_PITCH,
        body_tracking: std_::CHAR_PITCH - std_::SIZE_3,
        body_size: std_::SIZE_3,
        page_number: PageNumberSetup {
            font: FontRole::Song,
            size: std_::SIZE_4,
            gap_below_type_area: std_::PAGE_NUMBER_GAP,
            side_indent: std_::PAGE_NUMBER_SIDE_INDENT,
            footer_distance: std_::PAPER_HEIGHT
                - std_::TYPE_AREA_BOTTOM
                - std_::PAGE_NUMBER_GAP
                - std_::SIZE_4,
            prefix: "— ".to_owned(),
            suffix: " —".to_owned(),
        },
    }
}
