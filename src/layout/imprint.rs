//! 版记 — 抄送机关, 印发机关和印发日期 between black rules at the foot of the last page
//! (GB/T 9704 §7.4): 四号仿宋, 左右各空一字, the first and last rules 0.35 mm, the one between
//! 0.25 mm, the last rule on the bottom edge of the 版心. Each line takes one grid line.

use super::fonts::{FontRole, Metrics};
use super::pages::{Align, Color, FlowParagraph, Glyph, Item, Rule, TabStop, TextLine};
use super::setting::{self, Style};
use super::{Role, baseline, flow_runs};
use crate::compose::Block;
use crate::gbt9704 as std_;
use crate::length::Length;

/// The 版记, set and waiting for its page.
pub struct Imprint {
    /// Grid lines it takes, counted up from the bottom of the 版心.
    pub rows: usize,
    /// Lines of glyphs (x from the 版心's left edge), top to bottom.
    lines: Vec<Vec<(char, usize, Length)>>,
    /// Rules: (row boundary counted from the top of the 版记, thickness).
    rules: Vec<(usize, Length)>,
    /// The flow paragraph the 版记 starts with.
    pub first_flow: usize,
}

impl Imprint {
    /// The 版记's glyphs and rules on the last page.
    pub fn items(&self) -> Vec<Item> {
        let top_row = std_::LINES_PER_PAGE - self.rows;
        let mut items: Vec<Item> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, glyphs)| {
                Item::Text(TextLine {
                    baseline: baseline(top_row + i, std_::IMPRINT_SIZE),
                    size: std_::IMPRINT_SIZE,
                    color: Color::Black,
                    scale_percent: 100,
                    glyphs: glyphs
                        .iter()
                        .map(|&(ch, face, x)| Glyph {
                            ch,
                            face,
                            x: std_::TYPE_AREA_LEFT + x,
                        })
                        .collect(),
                })
            })
            .collect();
        items.extend(self.rules.iter().map(|&(boundary, thickness)| {
            Item::Rule(Rule {
                x0: std_::TYPE_AREA_LEFT,
                x1: std_::TYPE_AREA_RIGHT,
                y: std_::TYPE_AREA_TOP + std_::LINE_PITCH * (top_row + boundary) as i64,
                thickness,
                color: Color::Black,
            })
        }));
        items
    }
}

/// Set the 版记 blocks (抄送, 印发机关, 印发日期), adding their paragraphs to `flow`.
/// `ruled`: the 版记 of the 信函格式 has no 分隔线 (GB/T 9704 §10.1).
pub fn set(
    metrics: &Metrics,
    blocks: &[&Block],
    flow: &mut Vec<FlowParagraph>,
    ruled: bool,
) -> Option<Imprint> {
    if blocks.is_empty() {
        return None;
    }
    let side = std_::IMPRINT_SIDE_INDENT;
    let plain = Style {
        size: std_::IMPRINT_SIZE,
        tracking: Length::ZERO,
        plain: FontRole::Body,
        first_indent: Length::ZERO,
        justify: true,
        center: false,
    };
    let first_flow = flow.len();
    let mut lines = Vec::new();
    let mut rules = vec![(0, std_::IMPRINT_RULE_THICK)];

    if let Some(copy_to) = blocks.iter().find(|b| b.role == Role::CopyTo) {
        // 回行时与冒号后的首字对齐: a hanging indent the width of "抄送：".
        let text = copy_to.text();
        let label: String = text
            .chars()
            .take_while(|&c| c != '：')
            .chain(['：'])
            .collect();
        let hang = setting::width(metrics, &label, FontRole::Body, &plain);
        let style = Style {
            first_indent: -hang,
            ..plain
        };
        let width = std_::TYPE_AREA_WIDTH - side * 2 - hang;
        for line in setting::set(metrics, &copy_to.runs, &style, width) {
            lines.push(
                line.glyphs
                    .into_iter()
                    .map(|(c, f, x)| (c, f, x + side + hang))
                    .collect(),
            );
        }
        flow.push(FlowParagraph {
            first_line_indent: -hang,
            left_indent: side + hang,
            right_indent: side,
            ..paragraph(copy_to, &style)
        });
    }
    let printer = blocks.iter().find(|b| b.role == Role::Printer);
    let date = blocks.iter().find(|b| b.role == Role::PrintDate);
    if printer.is_some() || date.is_some() {
        if !lines.is_empty() {
            rules.push((lines.len(), std_::IMPRINT_RULE_THIN));
        }
        // 印发机关左空一字，印发日期右空一字 (§7.4.3).
        let mut glyphs = Vec::new();
        let mut runs = Vec::new();
        if let Some(p) = printer {
            glyphs.extend(one_line(metrics, p, &plain, side));
            runs.extend(flow_runs(&p.runs, &plain));
        }
        if let Some(d) = date {
            let w = setting::width(metrics, &d.text(), FontRole::Body, &plain);
            glyphs.extend(one_line(
                metrics,
                d,
                &plain,
                std_::TYPE_AREA_WIDTH - side - w,
            ));
            runs.push(super::FlowRun {
                text: "\t".to_owned(),
                font: FontRole::Body,
            });
            runs.extend(flow_runs(&d.runs, &plain));
        }
        lines.push(glyphs);
        flow.push(FlowParagraph {
            role: Role::Printer,
            runs,
            left_indent: side,
            right_indent: side,
            first_line_indent: Length::ZERO,
            tabs: vec![TabStop {
                position: std_::TYPE_AREA_WIDTH - side,
                right_aligned: true,
            }],
            ..paragraph(printer.or(date).expect("one of the two"), &plain)
        });
    }
    rules.push((lines.len(), std_::IMPRINT_RULE_THICK));
    if !ruled {
        rules.clear();
    }
    Some(Imprint {
        rows: lines.len(),
        lines,
        rules,
        first_flow,
    })
}

fn one_line(
    metrics: &Metrics,
    block: &Block,
    plain: &Style,
    x: Length,
) -> Vec<(char, usize, Length)> {
    let style = Style {
        first_indent: x,
        justify: false,
        ..*plain
    };
    setting::set(metrics, &block.runs, &style, Length::mm(10_000))
        .into_iter()
        .flat_map(|l| l.glyphs)
        .collect()
}

fn paragraph(block: &Block, style: &Style) -> FlowParagraph {
    FlowParagraph {
        role: block.role,
        runs: flow_runs(&block.runs, style),
        align: Align::Justify,
        ..FlowParagraph::blank(style.size)
    }
}
