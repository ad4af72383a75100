//! 版记 — 主送机关 moved there (§7.3.2), 抄送机关, 印发机关和印发日期 between black rules at the
//! foot of the last page (GB/T 9704 §7.4): 四号仿宋, 左右各空一字, the first and last rules
//! 0.35 mm, the one between 0.25 mm, the last rule on the bottom edge of the 版心. Each line
//! takes one grid line.

use super::engine::flow_runs;
use super::fonts::{FontRole, Metrics};
use super::pages::{
    Align, Color, FlowRun, ImprintLayout, ImprintRule, Item, Origin, Paragraph, Rule, TabStop,
    TextLine,
};
use super::setting::{self, Style};
use super::{Role, baseline};
use crate::compose::{Block, Imprint, ImprintRules, Labelled, Run};
use crate::gbt9704 as std_;
use crate::length::Length;

/// A line's glyphs: character, face, x from the 版心's left edge.
type Glyphs = Vec<(char, usize, Length)>;

/// The 版记, set and waiting for its page.
pub struct SetImprint {
    /// Grid lines it takes, counted up from the bottom of the 版心.
    pub rows: usize,
    /// Lines of glyphs (x from the 版心's left edge) and their paragraph, top to bottom.
    lines: Vec<(usize, Glyphs)>,
    /// Rules: (row boundary counted from the top of the 版记, thickness).
    rules: Vec<(usize, Length)>,
    /// Its paragraphs and the grid lines each takes.
    paragraphs: Vec<(usize, usize)>,
}

impl SetImprint {
    /// The 版记 at the foot of a page.
    pub fn layout(&self) -> ImprintLayout {
        let top_row = std_::LINES_PER_PAGE - self.rows;
        let mut items: Vec<Item> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, (paragraph, glyphs))| {
                Item::Text(TextLine::set(
                    glyphs,
                    std_::TYPE_AREA_LEFT,
                    baseline(top_row + i, std_::IMPRINT_SIZE),
                    std_::IMPRINT_SIZE,
                    Origin::Paragraph(*paragraph),
                ))
            })
            .collect();
        let rules: Vec<ImprintRule> = self
            .rules
            .iter()
            .map(|&(boundary, thickness)| ImprintRule {
                boundary,
                rule: Rule {
                    x0: std_::TYPE_AREA_LEFT,
                    x1: std_::TYPE_AREA_RIGHT,
                    y: std_::TYPE_AREA_TOP + std_::LINE_PITCH * (top_row + boundary) as i64,
                    thickness,
                    color: Color::Black,
                },
            })
            .collect();
        items.extend(rules.iter().map(|r| Item::Rule(r.rule)));
        ImprintLayout {
            top_row,
            paragraphs: self.paragraphs.clone(),
            rules,
            items,
        }
    }
}

/// Set the 版记 (抄送, 印发机关, 印发日期), adding its paragraphs to `paragraphs`.
pub fn set(metrics: &Metrics, imprint: &Imprint, paragraphs: &mut Vec<Paragraph>) -> SetImprint {
    let side = std_::IMPRINT_SIDE_INDENT;
    let plain = Style {
        size: std_::IMPRINT_SIZE,
        tracking: Length::ZERO,
        plain: FontRole::Body,
        first_indent: Length::ZERO,
        justify: true,
        center: false,
    };
    let mut lines = Vec::new();
    let mut rules = vec![(0, std_::IMPRINT_RULE_THICK)];
    let mut taken = Vec::new();

    // 主送 above 抄送, no rule between them; both set the same way (§7.4.2).
    let hung = [
        (Role::ImprintRecipients, &imprint.recipients),
        (Role::CopyTo, &imprint.copy_to),
    ];
    for (role, labelled) in hung {
        if let Some(labelled) = labelled {
            let (paragraph, lines_set) = hanging(metrics, role, labelled, &plain);
            let paragraph_id = paragraphs.len();
            taken.push((paragraph_id, lines_set.len()));
            lines.extend(lines_set.into_iter().map(|g| (paragraph_id, g)));
            paragraphs.push(paragraph);
        }
    }
    if imprint.printer.is_some() || imprint.print_date.is_some() {
        if !lines.is_empty() {
            rules.push((lines.len(), std_::IMPRINT_RULE_THIN));
        }
        // 印发机关左空一字，印发日期右空一字 (§7.4.3).
        let paragraph_id = paragraphs.len();
        let mut runs = Vec::new();
        let printer = imprint
            .printer
            .as_ref()
            .map(|p| Block::plain(Role::Printer, p.clone()));
        let date = imprint
            .print_date
            .as_ref()
            .map(|d| Block::plain(Role::PrintDate, d.clone()));
        // A long 印发机关 wraps within the 左右各空一字 column; the date stands on its last
        // line, or on a line of its own when that line leaves no room for it.
        let column = std_::TYPE_AREA_WIDTH - side * 2;
        let mut rows: Vec<Glyphs> = match &printer {
            Some(p) => {
                runs.extend(flow_runs(&p.runs, &plain));
                let style = Style {
                    justify: false,
                    ..plain
                };
                setting::set(metrics, &p.runs, &style, column)
                    .into_iter()
                    .map(|l| {
                        l.glyphs
                            .into_iter()
                            .map(|(c, f, x)| (c, f, x + side))
                            .collect()
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        if let Some(d) = &date {
            let w = setting::width(metrics, &d.text(), FontRole::Body, &plain);
            let x = std_::TYPE_AREA_WIDTH - side - w;
            let end = rows
                .last()
                .and_then(|r| r.last())
                .map(|&(c, f, x)| x + metrics.advance(f, c, plain.size));
            if rows.is_empty() || end.is_some_and(|e| e + std_::CHAR_PITCH > x) {
                rows.push(Vec::new());
            }
            if let Some(last) = rows.last_mut() {
                last.extend(one_line(metrics, d, &plain, x));
            }
            runs.push(FlowRun {
                text: "\t".to_owned(),
                font: FontRole::Body,
            });
            runs.extend(flow_runs(&d.runs, &plain));
        }
        taken.push((paragraph_id, rows.len()));
        lines.extend(rows.into_iter().map(|r| (paragraph_id, r)));
        paragraphs.push(Paragraph {
            role: Role::Printer,
            runs,
            left_indent: side,
            right_indent: side,
            first_line_indent: Length::ZERO,
            tabs: vec![TabStop {
                position: std_::TYPE_AREA_WIDTH - side,
                right_aligned: true,
            }],
            ..paragraph(
                printer.as_ref().or(date.as_ref()).expect("one of the two"),
                &plain,
            )
        });
    }
    rules.push((lines.len(), std_::IMPRINT_RULE_THICK));
    if imprint.rules == ImprintRules::Unruled {
        rules.clear();
    }
    SetImprint {
        rows: lines.len(),
        lines,
        rules,
        paragraphs: taken,
    }
}

/// 主送 or 抄送: 左右各空一字, 回行时与冒号后的首字对齐 (a hanging indent the width of the
/// label). Its paragraph and its lines' glyphs.
fn hanging(
    metrics: &Metrics,
    role: Role,
    labelled: &Labelled,
    plain: &Style,
) -> (Paragraph, Vec<Glyphs>) {
    let side = std_::IMPRINT_SIDE_INDENT;
    let block = Block {
        role,
        runs: vec![Run::plain(labelled.line())],
        breaks: Vec::new(),
        table: None,
    };
    let hang = setting::width(metrics, &labelled.label, FontRole::Body, plain);
    let style = Style {
        first_indent: -hang,
        ..*plain
    };
    let width = std_::TYPE_AREA_WIDTH - side * 2 - hang;
    let lines = setting::set(metrics, &block.runs, &style, width)
        .into_iter()
        .map(|line| {
            line.glyphs
                .into_iter()
                .map(|(c, f, x)| (c, f, x + side + hang))
                .collect()
        })
        .collect();
    let paragraph = Paragraph {
        first_line_indent: -hang,
        left_indent: side + hang,
        right_indent: side,
        ..paragraph(&block, &style)
    };
    (paragraph, lines)
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

fn paragraph(block: &Block, style: &Style) -> Paragraph {
    Paragraph {
        role: block.role,
        runs: flow_runs(&block.runs, style),
        align: Align::Justify,
        ..Paragraph::blank(style.size)
    }
}
