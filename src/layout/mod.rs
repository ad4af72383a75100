//! Stage 4, layout: the only place positions are decided. Turns the composed blocks into
//! [`Pages`] — glyphs and rules at fixed places for the PDF, and the same paragraphs with the
//! layout's decisions for the DOCX — following GB/T 9704 ([`crate::gbt9704`]).

pub mod fonts;
mod linebreak;
pub mod pages;
mod paginate;
mod setting;
mod signature;
mod title;

pub use fonts::{FontOptions, FontRole, FontSet};
pub use pages::{
    Align, Color, FaceData, FlowParagraph, FlowRun, Glyph, Item, Page, PageNumberSetup,
    PageSetup, Pages, Rule, TextLine,
};
pub use crate::compose::Role;

use crate::compose::{Block, Composed, Run, RunStyle};
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
struct SlotLine {
    size: Length,
    glyphs: Vec<(char, usize, Length)>,
    /// The flow paragraph it belongs to, and whether it is that paragraph's first line.
    flow: usize,
    first_of_paragraph: bool,
}

/// Lay the document out. Warnings (characters no font has) come back beside the pages.
pub fn layout(doc: &Composed, fonts: &FontSet) -> (Pages, Vec<Diagnostic>) {
    let metrics = Metrics::new(fonts);
    let mut engine = Engine {
        metrics: &metrics,
        slots: Vec::new(),
        flow: Vec::new(),
    };
    // Set every block on the grid, in reading order.
    let mut blocks = doc.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        if block.role == Role::Signature || block.role == Role::Date {
            let mut group = vec![block];
            while let Some(next) = blocks.next_if(|b| matches!(b.role, Role::Signature | Role::Date | Role::Note)) {
                group.push(next);
            }
            engine.signature_block(&group);
        } else {
            engine.block(block);
        }
    }
    // Fill pages of 22 lines.
    let Engine { slots, mut flow, .. } = engine;
    let paged = paginate::paginate(slots);
    // Place every line on its page, and number the pages.
    let pages = paged
        .into_iter()
        .enumerate()
        .map(|(i, (slots, started_early))| {
            if started_early
                && let Some(first) = slots.iter().find_map(|s| s.line.as_ref())
                && first.first_of_paragraph
            {
                flow[first.flow].page_break_before = true;
            }
            place_page(&metrics, &slots, i + 1)
        })
        .collect::<Vec<_>>();

    let warnings = metrics
        .missing
        .borrow()
        .iter()
        .map(|c| {
            Diagnostic::warning(format!("字符「{c}」（U+{:04X}）在所有可用字体中都没有字形，将显示为空框。", *c as u32))
                .hint("请安装含该字的字体（如思源宋体/Noto Serif CJK），或改用常用字。")
        })
        .collect();
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
    };
    (pages, warnings)
}

struct Engine<'a> {
    metrics: &'a Metrics<'a>,
    slots: Vec<Slot<SlotLine>>,
    flow: Vec<FlowParagraph>,
}

impl Engine<'_> {
    fn block(&mut self, block: &Block) {
        let width = std_::TYPE_AREA_WIDTH;
        let body = Style {
            size: std_::SIZE_3,
            tracking: std_::CHAR_PITCH - std_::SIZE_3,
            plain: FontRole::Body,
            first_indent: std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS,
            justify: true,
            center: false,
        };
        match block.role {
            Role::Title => {
                let style = Style {
                    size: std_::SIZE_2,
                    tracking: Length::ZERO,
                    plain: FontRole::Title,
                    first_indent: Length::ZERO,
                    justify: false,
                    center: true,
                };
                let lines = title::set(self.metrics, &block.runs, &style, width);
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
                self.push(block, &style, lines, true, Align::Justify, false);
            }
            Role::Body | Role::Closing | Role::Note | Role::Signature | Role::Date => {
                let lines = setting::set(self.metrics, &block.runs, &body, width);
                self.push(block, &body, lines, false, Align::Justify, false);
            }
        }
    }

    /// 署名, 成文日期 and 附注, kept with the last line of the 正文 (§7.3.5, §7.3.6).
    fn signature_block(&mut self, group: &[&Block]) {
        let body = Style {
            size: std_::SIZE_3,
            tracking: std_::CHAR_PITCH - std_::SIZE_3,
            plain: FontRole::Body,
            first_indent: Length::ZERO,
            justify: false,
            center: false,
        };
        let width_of = |b: &Block| setting::width(self.metrics, &b.text(), FontRole::Body, &body);
        let names: Vec<&Block> = group.iter().copied().filter(|b| b.role == Role::Signature).collect();
        let date = group.iter().copied().find(|b| b.role == Role::Date);
        let place = signature::no_seal(
            &names.iter().map(|b| width_of(b)).collect::<Vec<_>>(),
            date.map_or(Length::ZERO, width_of),
        );
        // The last line of the 正文 moves with the block.
        if let Some(last) = self.slots.iter_mut().rev().find(|s| s.line.is_some()) {
            last.keep_with_next = true;
        }
        for _ in 0..std_::LINES_BEFORE_SIGNATURE {
            self.blank();
            self.slots.last_mut().expect("just pushed").keep_with_next = true;
        }
        for block in group {
            let indent = match block.role {
                Role::Signature => place.names_x,
                Role::Date => place.date_x,
                _ => std_::CHAR_PITCH * std_::NOTE_INDENT_CHARS,
            };
            let style = Style {
                first_indent: indent,
                ..body
            };
            let lines = setting::set(self.metrics, &block.runs, &style, std_::TYPE_AREA_WIDTH);
            self.push(block, &style, lines, true, Align::Left, false);
        }
        if let Some(last) = self.slots.last_mut() {
            last.keep_with_next = false;
        }
    }

    fn blank(&mut self) {
        self.slots.push(Slot {
            line: None,
            keep_with_next: false,
        });
        self.flow.push(FlowParagraph {
            role: Role::Body,
            runs: Vec::new(),
            align: Align::Left,
            first_line_indent: Length::ZERO,
            left_indent: Length::ZERO,
            forced_breaks: Vec::new(),
            page_break_before: false,
            size: std_::SIZE_3,
        });
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
        let signature_like = matches!(block.role, Role::Signature | Role::Date | Role::Note);
        self.flow.push(FlowParagraph {
            role: block.role,
            runs: flow_runs(&block.runs, style),
            align,
            first_line_indent: if signature_like { Length::ZERO } else { style.first_indent },
            left_indent: if signature_like { style.first_indent } else { Length::ZERO },
            forced_breaks: breaks,
            page_break_before: false,
            size: style.size,
        });
        for (n, line) in lines.into_iter().enumerate() {
            self.slots.push(Slot {
                line: Some(SlotLine {
                    size: style.size,
                    glyphs: line.glyphs,
                    flow,
                    first_of_paragraph: n == 0,
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

fn place_page(metrics: &Metrics, slots: &[Slot<SlotLine>], number: usize) -> Page {
    let mut items: Vec<Item> = slots
        .iter()
        .enumerate()
        .filter_map(|(row, slot)| {
            let line = slot.line.as_ref()?;
            Some(Item::Text(TextLine {
                baseline: baseline(row, line.size),
                size: line.size,
                color: Color::Black,
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
        })
        .collect();
    items.push(Item::Text(page_number(metrics, number as u32)));
    Page {
        number: Some(number as u32),
        items,
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
