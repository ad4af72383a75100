//! The flow engine: sets blocks on the grid one grid line (slot) at a time, and records each
//! paragraph with what the layout decided about it. Pagination comes after (see
//! [`super::paginate`]).

use super::fonts::{FontRole, Metrics};
use super::pages::{Align, FlowImage, FlowRun, Frame, Item, Keep, Paragraph, TableLayout};
use super::paginate::Slot;
use super::setting::{self, SetLine, Style};
use super::title;
use crate::compose::{Block, Role, Run, RunStyle};
use crate::diag::Diagnostic;
use crate::gbt9704 as std_;
use crate::length::Length;

/// A set line waiting for its page: size, and glyphs relative to the 版心's left edge.
#[derive(Debug, Clone)]
pub(crate) struct SlotLine {
    pub size: Length,
    pub glyphs: Vec<(char, usize, Length)>,
    /// Whether it is its paragraph's first line.
    pub first_of_paragraph: bool,
    /// Pictures drawn under the line (seals, 签名章): x from the 版心's left edge, y from
    /// the line's top.
    pub images: Vec<FlowImage>,
    /// Drawn items placed relative to the 版心's left edge and the line's top (a table's
    /// cell text and rules).
    pub drawing: Vec<Item>,
}

pub(crate) struct Engine<'a> {
    pub metrics: &'a Metrics<'a>,
    pub slots: Vec<Slot<SlotLine>>,
    pub paragraphs: Vec<Paragraph>,
    /// (paragraph index, level, title) of headings for the outline.
    pub outline: Vec<(usize, u8, String)>,
    pub warnings: Vec<Diagnostic>,
    pub tables: Vec<TableLayout>,
    /// The 版心 the next lines are set in (turned for a 横排 table and what goes with it).
    pub frame: Frame,
}

/// 正文: 三号仿宋 squeezed onto the 28-字 grid, 左空二字, justified.
pub(crate) fn body_style() -> Style {
    Style {
        size: std_::SIZE_3,
        tracking: std_::BODY_TRACKING,
        plain: FontRole::Body,
        first_indent: std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS,
        justify: true,
        center: false,
    }
}

/// 正文's size and grid squeeze, set flush and unjustified where it is put (署名, 附件说明…).
pub(crate) fn flush_style() -> Style {
    Style {
        first_indent: Length::ZERO,
        justify: false,
        ..body_style()
    }
}

impl<'a> Engine<'a> {
    pub fn new(metrics: &'a Metrics<'a>) -> Self {
        Engine {
            metrics,
            slots: Vec::new(),
            paragraphs: Vec::new(),
            outline: Vec::new(),
            warnings: Vec::new(),
            tables: Vec::new(),
            frame: Frame::Upright,
        }
    }

    /// 标题: 二号小标宋, centred, broken between words; the adoption line (（……通过）) right
    /// under it in 三号楷体, centred; then the blank lines under them.
    pub fn title(&mut self, block: &Block, adoption: Option<&Block>) {
        self.title_lines(block);
        if let Some(adoption) = adoption {
            let style = Style {
                plain: FontRole::Kai,
                first_indent: Length::ZERO,
                justify: false,
                center: true,
                ..body_style()
            };
            let lines = setting::set(self.metrics, &adoption.runs, &style, std_::TYPE_AREA_WIDTH);
            self.push(
                adoption,
                &style,
                lines,
                Keep::WithNext,
                Align::Center,
                false,
            );
        }
        for _ in 0..std_::LINES_AFTER_TITLE {
            self.blank();
        }
    }

    /// The 标题's own lines, without the blank lines under it.
    pub fn title_lines(&mut self, block: &Block) {
        let style = Style {
            size: std_::SIZE_2,
            tracking: Length::ZERO,
            plain: FontRole::Title,
            first_indent: Length::ZERO,
            justify: false,
            center: true,
        };
        let lines = title::set(
            self.metrics,
            &block.runs,
            &style,
            self.frame.width(),
            &block.breaks,
        );
        self.push(block, &style, lines, Keep::WithNext, Align::Center, true);
    }

    /// 主送机关: 居左顶格，回行时仍顶格 (§7.3.2).
    pub fn recipients(&mut self, block: &Block) {
        let style = Style {
            first_indent: Length::ZERO,
            ..body_style()
        };
        let lines = setting::set(self.metrics, &block.runs, &style, std_::TYPE_AREA_WIDTH);
        self.push(block, &style, lines, Keep::Free, Align::Justify, false);
    }

    /// A heading on its own line, or a 正文 paragraph (possibly with a run-in heading).
    pub fn text(&mut self, block: &Block) {
        let body = body_style();
        if let Some(table) = &block.table {
            self.table(table);
            return;
        }
        match block.role {
            Role::TableCaption => self.table_caption(block),
            Role::Heading(level) => {
                let style = Style {
                    plain: FontRole::heading(level),
                    ..body
                };
                let lines = setting::set(self.metrics, &block.runs, &style, std_::TYPE_AREA_WIDTH);
                if level <= 2 {
                    self.outline
                        .push((self.paragraphs.len(), level, block.text()));
                }
                // A heading never ends a page (§7.3.3 practice; issue 3).
                self.push(block, &style, lines, Keep::WithNext, Align::Justify, false);
            }
            _ => {
                let lines = setting::set(self.metrics, &block.runs, &body, std_::TYPE_AREA_WIDTH);
                if let Some(Run {
                    text,
                    style: RunStyle::Heading(level @ 1..=2),
                }) = block.runs.first()
                {
                    self.outline
                        .push((self.paragraphs.len(), *level, text.clone()));
                }
                self.push(block, &body, lines, Keep::Free, Align::Justify, false);
            }
        }
    }

    /// A block whose first line starts at `start` and whose other lines start at `body_x`
    /// (a hanging indent), all within the 版心.
    pub fn hanging(
        &mut self,
        block: &Block,
        style: &Style,
        start: Length,
        body_x: Length,
        keep: Keep,
    ) {
        let hang = Style {
            first_indent: start - body_x,
            ..*style
        };
        let lines = shifted(
            setting::set(
                self.metrics,
                &block.runs,
                &hang,
                std_::TYPE_AREA_WIDTH - body_x,
            ),
            body_x,
        );
        self.push(block, &hang, lines, keep, Align::Left, false);
        self.last_paragraph().left_indent = body_x;
    }

    /// A block starting at `x`; a line too long for the room up to 右空二字 wraps, its
    /// continuation starting at `x` again (署名, 成文日期).
    pub fn line_at(&mut self, block: &Block, plain: &Style, x: Length) {
        let style = Style {
            first_indent: x,
            ..*plain
        };
        let room = std_::TYPE_AREA_WIDTH - std_::CHAR_PITCH * std_::SIGNATURE_RIGHT_CHARS - x;
        let unindented = Style {
            first_indent: Length::ZERO,
            ..*plain
        };
        let lines = shifted(
            setting::set(self.metrics, &block.runs, &unindented, room),
            x,
        );
        let wraps = lines.len() > 1;
        self.push(block, &style, lines, Keep::WithNext, Align::Left, false);
        let p = self.last_paragraph();
        p.left_indent = x;
        p.first_line_indent = Length::ZERO;
        if wraps {
            // A flow format wraps it where this layout does: before 右空二字.
            p.right_indent = std_::CHAR_PITCH * std_::SIGNATURE_RIGHT_CHARS;
        }
    }

    pub fn last_paragraph(&mut self) -> &mut Paragraph {
        self.paragraphs.last_mut().expect("a paragraph was pushed")
    }

    /// `n` blank lines that stay on the page of what follows them.
    pub fn blanks_kept(&mut self, n: usize) {
        for _ in 0..n {
            self.blank();
            self.slots.last_mut().expect("just pushed").keep_with_next = true;
            self.last_paragraph().keep = Keep::WithNext;
        }
    }

    /// An empty grid line.
    pub fn blank(&mut self) {
        self.slots.push(Slot {
            paragraph: self.paragraphs.len(),
            new_page: false,
            line: None,
            keep_with_next: false,
            repeat: Vec::new(),
            frame: self.frame,
        });
        self.paragraphs.push(Paragraph::blank(std_::SIZE_3));
    }

    /// Add a paragraph and its lines, one slot each.
    pub fn push(
        &mut self,
        block: &Block,
        style: &Style,
        lines: Vec<SetLine>,
        keep: Keep,
        align: Align,
        forced_breaks: bool,
    ) {
        let paragraph = self.paragraphs.len();
        let breaks = if forced_breaks {
            lines.iter().skip(1).map(|l| l.first_char).collect()
        } else {
            Vec::new()
        };
        self.paragraphs.push(Paragraph {
            role: block.role,
            runs: flow_runs(&block.runs, style),
            align,
            first_line_indent: style.first_indent,
            forced_breaks: breaks,
            keep,
            tracking: style.tracking,
            ..Paragraph::blank(style.size)
        });
        for (n, line) in lines.into_iter().enumerate() {
            self.slots.push(Slot {
                paragraph,
                new_page: false,
                line: Some(SlotLine {
                    size: style.size,
                    glyphs: line.glyphs,
                    first_of_paragraph: n == 0,
                    images: Vec::new(),
                    drawing: Vec::new(),
                }),
                keep_with_next: keep.with_next(),
                repeat: Vec::new(),
                frame: self.frame,
            });
        }
    }
}

/// Lines set in a narrower measure, moved right by `x`.
fn shifted(lines: Vec<SetLine>, x: Length) -> Vec<SetLine> {
    lines
        .into_iter()
        .map(|mut l| {
            for g in &mut l.glyphs {
                g.2 += x;
            }
            l
        })
        .collect()
}

/// A block's runs as a flow format sets them, each in its face.
pub(crate) fn flow_runs(runs: &[Run], style: &Style) -> Vec<FlowRun> {
    runs.iter()
        .map(|r| FlowRun {
            text: r.text.clone(),
            font: match r.style {
                RunStyle::Plain => style.plain,
                RunStyle::Heading(level) => FontRole::heading(level),
            },
        })
        .collect()
}
