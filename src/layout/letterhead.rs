//! 版头 — the red letterhead of page 1 (GB/T 9704 §7.2): 份号, 密级, 紧急程度 at the top left;
//! the 发文机关标志 in red 小标宋, its top 35 mm below the 版心's top, single or joint (names
//! stacked, 文件 to their right, centred on them); the 发文字号 two lines below it — centred, or
//! for 上行文 左空一字 beside the 签发人 (右空一字); the red separator 4 mm under it. The
//! title then starts on the first grid line at least two lines below the separator.

use super::bounds::{Extent, extent};
use super::fonts::{FontRole, Metrics};
use super::pages::{Color, Glyph, Item, LetterheadLayout, LetterheadLine, Origin, Rule, TextLine};
use super::setting::{self, Style};
use super::{EM_BOX_ASCENT_PER_MILLE, baseline};
use crate::compose::{Corner, Letterhead, LetterheadFormat, Run, RunStyle};
use crate::gbt9704 as std_;
use crate::length::Length;
use crate::model::Part;

/// The 版头 being drawn: each item with the value of the file it sets, so an error about it
/// can point there.
#[derive(Default)]
struct Drawing {
    items: Vec<Item>,
    parts: Vec<Part>,
}

impl Drawing {
    fn push(&mut self, part: Part, item: Item) {
        self.items.push(item);
        self.parts.push(part);
    }
}

/// The letterhead's drawing and how many grid lines of page 1 it takes.
pub struct Set {
    pub rows: usize,
    /// The same, line by line, for flow formats.
    pub layout: LetterheadLayout,
}

/// Lay the letterhead out.
pub fn set(metrics: &Metrics, head: &Letterhead) -> Set {
    let (doc_number, signers, sides) = match &head.format {
        LetterheadFormat::Letter { doc_number } => return letter(metrics, head, doc_number),
        LetterheadFormat::Order { number } => return order(metrics, head, number),
        LetterheadFormat::File {
            doc_number,
            signers,
        } => (doc_number.as_ref(), signers.as_ref(), None),
        LetterheadFormat::Minutes { host, date } => (None, None, Some((host, date))),
    };
    let mut items = Drawing::default();
    let body = line_style();

    // 份号, 密级, 紧急程度 顶格, one grid line each from the top.
    corner_lines(
        metrics,
        head,
        &body,
        |row| baseline(row, std_::SIZE_3),
        &mut items,
    );

    // 发文机关标志, as large as leaves room for the 签发人 of as many bodies.
    let mark_top = std_::TYPE_AREA_TOP + std_::MARK_TOP_BELOW_TYPE_AREA;
    // The 签发人 lines under a 标志 of `bodies` names: every 签发人 under the whole 标志 (one name
    // when it shows the 主办机关 alone), the first `bodies` when trying fewer bodies.
    let shown = head.mark_names.len();
    let signer_rows = |bodies: usize| {
        signers.map_or(1, |s| {
            let n = if bodies == shown {
                s.names.len()
            } else {
                s.names.len().min(bodies)
            };
            n.div_ceil(SIGNERS_PER_LINE).max(1)
        })
    };
    let room = |bodies: usize| mark_room(mark_top, below_mark(signer_rows(bodies) - 1));
    // 纪要格式's 标志 is the title.
    let name_part = |i| match sides {
        Some(_) => Part::Title,
        None => Part::IssuerName(i),
    };
    let (mark_bottom, mut crowded) = mark(metrics, head, mark_top, room, name_part, &mut items);
    if let (Some(Crowded::Name), Some(s), 1) = (crowded, signers, shown) {
        // One name that fits above fewer 签发人 lines: the 签发人 are too many for page 1.
        let room_for = |k: usize| mark_room(mark_top, below_mark(k.div_ceil(SIGNERS_PER_LINE) - 1));
        let suffix = head.mark_suffix.as_ref();
        let fit = (1..s.names.len())
            .rev()
            .find(|&k| best_plan(metrics, &head.mark_names, suffix, room_for(k)).is_some());
        if let Some(fit) = fit {
            crowded = Some(Crowded::Signers {
                signers: s.names.len(),
                fit,
            });
        }
    }

    // 发文字号 and 签发人, 下空二行.
    let first_line_top = mark_bottom + std_::LINE_PITCH * std_::LINES_BELOW_MARK;
    let line_baseline = |k: usize| {
        first_line_top
            + std_::LINE_PITCH * k as i64
            + (std_::LINE_PITCH - std_::SIZE_3).div_round(2)
            + (std_::SIZE_3 * EM_BOX_ASCENT_PER_MILLE).div_round(1000)
    };
    let side = std_::CHAR_PITCH * std_::DOC_NUMBER_SIDE_CHARS;
    // A line of the 版头 in 3号 black, unscaled: `text` in `role` at `x` on line `k`.
    let plain = |text: &str, role: FontRole, x: Length, k: usize| {
        text_at(
            metrics,
            text,
            role,
            &body,
            x,
            line_baseline(k),
            Color::Black,
            100,
        )
    };
    let mut last_line = 0;
    if let Some(signers) = signers {
        // 签发人：姓名 (楷体), two names a line, later lines aligned under the first name.
        let label_w = setting::width(metrics, &signers.label, FontRole::Body, &body);
        let rows: Vec<String> = signers
            .names
            .chunks(SIGNERS_PER_LINE)
            .map(|pair| pair.join("　"))
            .collect();
        let widest = rows
            .iter()
            .map(|r| setting::width(metrics, r, FontRole::Kai, &body))
            .max()
            .unwrap_or_default();
        let names_x = std_::TYPE_AREA_WIDTH - side - widest;
        for (k, names) in rows.iter().enumerate() {
            if k == 0 {
                items.push(
                    Part::Signer(0),
                    plain(&signers.label, FontRole::Body, names_x - label_w, k),
                );
            }
            items.push(
                Part::Signer(k * SIGNERS_PER_LINE),
                plain(names, FontRole::Kai, names_x, k),
            );
        }
        last_line = rows.len() - 1;
        if let Some(number) = doc_number {
            // 与最后一个签发人姓名处在同一行, at least a 字 apart.
            let line_start = if last_line == 0 {
                names_x - label_w
            } else {
                names_x
            };
            let number_w = setting::width(metrics, number, FontRole::Body, &body);
            if side + number_w + std_::CHAR_PITCH > line_start {
                crowded = crowded.or(Some(Crowded::NumberMeetsSigners));
            }
            items.push(
                Part::DocNumber,
                plain(number, FontRole::Body, side, last_line),
            );
        }
    } else if let Some((left, right)) = sides {
        // 纪要格式: the 主办机关 at the left and the date at the right, one 字 in.
        items.push(Part::IssuerName(0), plain(left, FontRole::Body, side, 0));
        let w = setting::width(metrics, right, FontRole::Body, &body);
        items.push(
            Part::Date,
            plain(right, FontRole::Body, std_::TYPE_AREA_WIDTH - side - w, 0),
        );
    } else if let Some(number) = doc_number {
        let w = setting::width(metrics, number, FontRole::Body, &body);
        items.push(
            Part::DocNumber,
            plain(
                number,
                FontRole::Body,
                (std_::TYPE_AREA_WIDTH - w).div_round(2),
                0,
            ),
        );
    }

    // The red separator 4 mm under the 发文字号's em box.
    let separator =
        mark_bottom + below_mark(last_line) - std_::LINE_PITCH * std_::LINES_BELOW_SEPARATOR;
    items.push(
        Part::Header,
        Item::Rule(Rule {
            x0: std_::TYPE_AREA_LEFT,
            x1: std_::TYPE_AREA_RIGHT,
            y: separator,
            thickness: std_::SEPARATOR_THICKNESS,
            color: Color::Red,
        }),
    );

    // 标题 红色分隔线下空二行: the first grid line starting that far down.
    let free = separator + std_::LINE_PITCH * std_::LINES_BELOW_SEPARATOR - std_::TYPE_AREA_TOP;
    let pitch = std_::LINE_PITCH.to_emu();
    let rows = ((free.to_emu() + pitch - 1) / pitch) as usize;
    finish(metrics, items, rows, crowded)
}

/// 签发人姓名 "一般每行编两个姓名" (GB/T 9704 §7.2.6).
const SIGNERS_PER_LINE: usize = 2;

/// From the 标志's bottom to the end of the title's two free lines, when the 发文字号 (and
/// 签发人) take `last_line + 1` lines: 下空二行, those lines, 4 mm to the separator, 下空二行.
fn below_mark(last_line: usize) -> Length {
    let number_bottom = std_::LINE_PITCH * (std_::LINES_BELOW_MARK + last_line as i64)
        + (std_::LINE_PITCH - std_::SIZE_3).div_round(2)
        + (std_::SIZE_3 * EM_BOX_ASCENT_PER_MILLE).div_round(1000)
        + (std_::SIZE_3 * (1000 - EM_BOX_ASCENT_PER_MILLE)).div_round(1000);
    number_bottom + std_::SEPARATOR_GAP + std_::LINE_PITCH * std_::LINES_BELOW_SEPARATOR
}

/// 信函格式 (GB/T 9704 §10.1): the 主办机关's 标志 30 mm from the paper's top; red double lines
/// (thick over thin) 4 mm under it and (thin over thick) 20 mm from the paper's bottom, 170 mm
/// long; 份号… at the left and the 发文字号 at the right, 14 pt under the upper lines; the title
/// two lines below the last of them.
fn letter(metrics: &Metrics, head: &Letterhead, doc_number: &Option<String>) -> Set {
    let mut items = Drawing::default();
    let body = line_style();
    // 联合行文时使用主办机关标志; a 函's 标志 carries no 文件.
    let host = Letterhead {
        mark_names: head.mark_names.iter().take(1).cloned().collect(),
        mark_suffix: None,
        ..head.clone()
    };
    let (mark_bottom, crowded) = mark(
        metrics,
        &host,
        std_::LETTER_MARK_TOP,
        |_| std_::MARK_MAX_HEIGHT,
        Part::IssuerName,
        &mut items,
    );
    let x0 = std_::TYPE_AREA_LEFT + (std_::TYPE_AREA_WIDTH - std_::LETTER_RULE_LENGTH).div_round(2);
    let x1 = x0 + std_::LETTER_RULE_LENGTH;
    let (thick, thin, gap) = (
        std_::LETTER_RULE_THICK,
        std_::LETTER_RULE_THIN,
        std_::LETTER_RULE_SPACING,
    );
    let rule = |y: Length, thickness: Length| {
        Item::Rule(Rule {
            x0,
            x1,
            y,
            thickness,
            color: Color::Red,
        })
    };
    // Upper lines: 上粗下细.
    let upper_thick = mark_bottom + std_::LETTER_RULE_BELOW_MARK + thick.div_round(2);
    let upper_thin = upper_thick + thick.div_round(2) + gap + thin.div_round(2);
    items.push(Part::Header, rule(upper_thick, thick));
    items.push(Part::Header, rule(upper_thin, thin));
    // Lower lines: 上细下粗, the thick one 20 mm from the paper's bottom.
    let lower_thick = std_::PAPER_HEIGHT - std_::LETTER_LOWER_RULE_FROM_BOTTOM - thick.div_round(2);
    let lower_thin = lower_thick - thick.div_round(2) - gap - thin.div_round(2);
    items.push(Part::Header, rule(lower_thin, thin));
    items.push(Part::Header, rule(lower_thick, thick));
    // 份号, 密级, 紧急程度 at the left; 发文字号 at the right of the first line.
    let first_top = upper_thin + thin.div_round(2) + std_::LETTER_FIRST_LINE_GAP;
    let line_base = |k: usize| {
        first_top
            + std_::LINE_PITCH * k as i64
            + (std_::SIZE_3 * EM_BOX_ASCENT_PER_MILLE).div_round(1000)
    };
    corner_lines(metrics, head, &body, line_base, &mut items);
    if let Some(number) = doc_number {
        let w = setting::width(metrics, number, FontRole::Body, &body);
        items.push(
            Part::DocNumber,
            text_at(
                metrics,
                number,
                FontRole::Body,
                &body,
                std_::TYPE_AREA_WIDTH - w,
                line_base(0),
                Color::Black,
                100,
            ),
        );
    }
    let lines = head
        .corner_lines
        .len()
        .max(usize::from(doc_number.is_some()));
    let last_bottom = first_top
        + std_::LINE_PITCH * lines.saturating_sub(1) as i64
        + if lines > 0 {
            std_::SIZE_3
        } else {
            Length::ZERO
        };
    let last_bottom = last_bottom.max(upper_thin);
    // 标题与其上最后一个要素相距二行: the first grid line that far down.
    let free = last_bottom + std_::LINE_PITCH * std_::LINES_BELOW_SEPARATOR - std_::TYPE_AREA_TOP;
    let pitch = std_::LINE_PITCH.to_emu();
    let rows = ((free.to_emu() + pitch - 1) / pitch) as usize;
    finish(metrics, items, rows, crowded)
}

/// 命令（令）格式 (GB/T 9704 §10.2): the 标志 (发文机关全称加“令”) its top 20 mm below the
/// 版心's top; the 令号 centred 下空二行; the 正文 on the first grid line 令号下空二行. No
/// separator. 份号… at the top left as in 文件格式.
fn order(metrics: &Metrics, head: &Letterhead, number: &str) -> Set {
    let mut items = Drawing::default();
    let body = line_style();
    corner_lines(
        metrics,
        head,
        &body,
        |row| baseline(row, std_::SIZE_3),
        &mut items,
    );
    let mark_top = std_::TYPE_AREA_TOP + std_::ORDER_MARK_TOP_BELOW_TYPE_AREA;
    // Room for the 令号 line and the two lines under it.
    let below = std_::LINE_PITCH * (std_::LINES_BELOW_MARK + 1 + std_::LINES_BELOW_ORDER_NUMBER);
    let room = |_| mark_room(mark_top, below);
    let (mark_bottom, crowded) = mark(metrics, head, mark_top, room, Part::IssuerName, &mut items);
    let number_top = mark_bottom + std_::LINE_PITCH * std_::LINES_BELOW_MARK;
    let w = setting::width(metrics, number, FontRole::Body, &body);
    items.push(
        Part::OrderNumber,
        text_at(
            metrics,
            number,
            FontRole::Body,
            &body,
            (std_::TYPE_AREA_WIDTH - w).div_round(2),
            number_top
                + (std_::LINE_PITCH - std_::SIZE_3).div_round(2)
                + (std_::SIZE_3 * EM_BOX_ASCENT_PER_MILLE).div_round(1000),
            Color::Black,
            100,
        ),
    );
    // 令号下空二行编排正文: the first grid line that far below the 令号's line.
    let free =
        number_top + std_::LINE_PITCH * (1 + std_::LINES_BELOW_ORDER_NUMBER) - std_::TYPE_AREA_TOP;
    let pitch = std_::LINE_PITCH.to_emu();
    let rows = ((free.to_emu() + pitch - 1) / pitch) as usize;
    finish(metrics, items, rows, crowded)
}

/// The 版头's 三号 lines: 正文's face and grid squeeze, set flush where they are put.
fn line_style() -> Style {
    Style {
        first_indent: Length::ZERO,
        justify: false,
        ..super::engine::body_style()
    }
}

/// 份号 (仿宋), 密级和保密期限 and 紧急程度 (黑体) at the left edge, one line each.
fn corner_lines(
    metrics: &Metrics,
    head: &Letterhead,
    body: &Style,
    baseline_of: impl Fn(usize) -> Length,
    items: &mut Drawing,
) {
    for (k, line) in head.corner_lines.iter().enumerate() {
        let (font, part) = match line.element {
            Corner::CopyNumber => (FontRole::Body, Part::CopyNumber),
            Corner::Secrecy => (FontRole::Hei, Part::Secrecy),
            Corner::Urgency => (FontRole::Hei, Part::Urgency),
        };
        items.push(
            part,
            text_at(
                metrics,
                &line.text,
                font,
                body,
                Length::ZERO,
                baseline_of(k),
                Color::Black,
                100,
            ),
        );
    }
}

/// The letterhead as drawn, and as lines and rules for flow formats.
fn finish(metrics: &Metrics, drawing: Drawing, rows: usize, crowded: Option<Crowded>) -> Set {
    let crowded = crowded.or_else(|| corner_meets(metrics, &drawing));
    let Drawing { items, parts } = drawing;
    let layout = LetterheadLayout {
        rows,
        crowded,
        parts,
        items: items.clone(),
        lines: items.iter().filter_map(|i| flow_line(metrics, i)).collect(),
        rules: items
            .iter()
            .filter_map(|i| match i {
                Item::Rule(r) => Some(*r),
                _ => None,
            })
            .collect(),
    };
    Set { rows, layout }
}

/// The first top-left line (份号, 密级, 紧急程度) that runs into another element of the 版头 —
/// a long 密级 into the 信函格式's 发文字号, the third line into the 命令's 标志 (20 mm down).
fn corner_meets(metrics: &Metrics, drawing: &Drawing) -> Option<Crowded> {
    let is_corner = |p: &Part| matches!(p, Part::CopyNumber | Part::Secrecy | Part::Urgency);
    let placed: Vec<(Part, Extent)> = drawing
        .parts
        .iter()
        .zip(&drawing.items)
        .filter_map(|(&p, i)| Some((p, extent(metrics, i)?)))
        .collect();
    let overlap = |a: &Extent, b: &Extent| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    placed
        .iter()
        .filter(|(p, _)| is_corner(p))
        .find_map(|(corner, a)| {
            placed
                .iter()
                .find(|(p, b)| !is_corner(p) && overlap(a, b))
                .map(|&(met, _)| Crowded::CornerMeets {
                    corner: *corner,
                    met,
                })
        })
}

/// A drawn line as a flow format needs it: text, face, and the box it fills.
fn flow_line(metrics: &Metrics, item: &Item) -> Option<LetterheadLine> {
    let Item::Text(line) = item else { return None };
    let first = line.glyphs.first()?;
    let last = line.glyphs.last()?;
    let font = metrics.role_of(first.face);
    let end = last.x + metrics.advance(last.face, last.ch, line.size) * line.scale_percent / 100;
    let natural: Length = line
        .glyphs
        .iter()
        .map(|g| metrics.advance(g.face, g.ch, line.size) * line.scale_percent / 100)
        .sum();
    let gaps = line.glyphs.len().saturating_sub(1).max(1) as i64;
    // The quarter em between 汉字 and digits is the reader's to add (autoSpace), as in the body:
    // leave it out of the even spacing.
    let text: String = line.glyphs.iter().map(|g| g.ch).collect();
    let runs = [Run {
        text: text.clone(),
        style: RunStyle::Plain,
    }];
    let probe = Style {
        size: line.size,
        tracking: Length::ZERO,
        plain: font,
        first_indent: Length::ZERO,
        justify: false,
        center: false,
    };
    let cjk_gaps: Length = setting::atoms(metrics, &runs, &probe)
        .0
        .iter()
        .take(line.glyphs.len().saturating_sub(1))
        .map(|a| a.gap_after * line.scale_percent / 100)
        .sum();
    Some(LetterheadLine {
        text,
        font,
        size: line.size,
        color: line.color,
        scale_percent: line.scale_percent,
        x: first.x,
        top: line.baseline - (line.size * EM_BOX_ASCENT_PER_MILLE).div_round(1000),
        width: end - first.x,
        letter_spacing: (end - first.x - natural - cjk_gaps) / gaps,
    })
}

/// Why a 标志 cannot be set as the standard and practice want it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crowded {
    /// A joint 标志 of `bodies` bodies leaves no room on page 1 at [`std_::MARK_MIN_SIZE`]; its
    /// first `fit` bodies (with their 签发人) would fit.
    Bodies { bodies: usize, fit: usize },
    /// A single name longer than the 版心 holds at the smallest size and scale.
    Name,
    /// A 标志 of one name (the 主办机关 alone) over `signers` 签发人 leaves no room on page 1;
    /// the first `fit` would fit.
    Signers { signers: usize, fit: usize },
    /// The 发文字号 and the 签发人 on its line would meet.
    NumberMeetsSigners,
    /// A top-left line (`corner`: 份号, 密级 or 紧急程度) runs into `met`: the 标志 or the
    /// 发文字号.
    CornerMeets { corner: Part, met: Part },
}

/// How a 标志's names are arranged and how large: `columns` names a line (two when many
/// bodies would make one column too small), each column spread to its widest name.
#[derive(Debug, Clone)]
struct MarkPlan {
    columns: usize,
    size: Length,
    scale: i64,
}

/// The names of a 标志 (a single one carries its 文件), and the suffix standing right of a joint
/// stack.
fn mark_texts(names: &[String], suffix: Option<&String>) -> (Vec<String>, Option<String>) {
    if names.len() == 1 {
        let one = format!("{}{}", names[0], suffix.cloned().unwrap_or_default());
        (vec![one], None)
    } else {
        (names.to_vec(), suffix.cloned())
    }
}

/// Widths at the design size: each column's widest name, and the whole line with its gaps and
/// the suffix.
fn mark_widths(widths: &[Length], suffix_w: Length, columns: usize) -> (Vec<Length>, Length) {
    let mut cols = vec![Length::ZERO; columns];
    for (i, &w) in widths.iter().enumerate() {
        cols[i % columns] = cols[i % columns].max(w);
    }
    let gaps = std_::MARK_SIZE * (columns as i64 - 1);
    let total = cols.iter().copied().sum::<Length>() + gaps + suffix_w;
    (cols, total)
}

/// The largest size and scale at which `widths` in `columns` fit the 版心's width and
/// `max_height`; `None` below [`std_::MARK_MIN_SIZE`].
fn mark_plan(
    widths: &[Length],
    suffix_w: Length,
    columns: usize,
    max_height: Length,
) -> Option<MarkPlan> {
    let (_, natural) = mark_widths(widths, suffix_w, columns);
    // Narrow first, down to the minimum scale; then shrink the size.
    let fit = std_::TYPE_AREA_WIDTH;
    let mut scale = if natural > fit {
        (fit.to_emu() * 100 / natural.to_emu()).max(std_::MARK_MIN_SCALE_PERCENT)
    } else {
        100
    };
    let mut size = std_::MARK_SIZE;
    if natural * scale / 100 > fit {
        size = std_::MARK_SIZE * fit.to_emu() / (natural * scale / 100).to_emu();
        scale = std_::MARK_MIN_SCALE_PERCENT;
    }
    // The stack (lines 1.2 sizes apart) no taller than the room.
    let rows = widths.len().div_ceil(columns) as i64;
    let lines_x10 = 12 * rows - 2;
    if size * lines_x10 / 10 > max_height {
        size = max_height * 10 / lines_x10;
    }
    (size >= std_::MARK_MIN_SIZE).then_some(MarkPlan {
        columns,
        size,
        scale,
    })
}

/// The best arrangement of a 标志: one column, or two names a line when that sets them larger
/// (practice for many bodies); `None` when neither reaches the smallest size.
fn best_plan(
    metrics: &Metrics,
    names: &[String],
    suffix: Option<&String>,
    max_height: Length,
) -> Option<MarkPlan> {
    let (texts, suffix) = mark_texts(names, suffix);
    let plain = mark_style(std_::MARK_SIZE);
    let widths: Vec<Length> = texts
        .iter()
        .map(|n| setting::width(metrics, n, FontRole::Title, &plain))
        .collect();
    let suffix_w = suffix.as_ref().map_or(Length::ZERO, |s| {
        std_::MARK_SIZE.div_round(2) + setting::width(metrics, s, FontRole::Title, &plain)
    });
    let one = mark_plan(&widths, suffix_w, 1, max_height);
    let two = (texts.len() > 2)
        .then(|| mark_plan(&widths, suffix_w, 2, max_height))
        .flatten();
    match (one, two) {
        (Some(a), Some(b)) if (b.size, b.scale) > (a.size, a.scale) => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

fn mark_style(size: Length) -> Style {
    Style {
        size,
        tracking: Length::ZERO,
        plain: FontRole::Title,
        first_indent: Length::ZERO,
        justify: false,
        center: false,
    }
}

/// The tallest the 标志 may be when `below` is what the 版头 needs from its bottom to its last
/// grid line (发文字号, 签发人, separator and the two lines above the title): the 版头 leaves
/// [`std_::LETTERHEAD_MIN_FREE_LINES`] lines of page 1, and never more than
/// [`std_::MARK_MAX_HEIGHT`].
fn mark_room(top: Length, below: Length) -> Length {
    let last = std_::TYPE_AREA_TOP
        + std_::LINE_PITCH * (std_::LINES_PER_PAGE - std_::LETTERHEAD_MIN_FREE_LINES) as i64;
    (last - below - top).min(std_::MARK_MAX_HEIGHT)
}

/// The 发文机关标志; returns its bottom edge and, when it cannot be set at its smallest size,
/// why. Joint names are stacked, one or two a line, each column spread to one width (分散对齐);
/// 文件 stands right of them, centred on the stack; the whole is narrowed, then made smaller,
/// until it fits the 版心's width and `room(bodies)` (the height left for `bodies` bodies).
fn mark(
    metrics: &Metrics,
    head: &Letterhead,
    top: Length,
    room: impl Fn(usize) -> Length,
    name_part: impl Fn(usize) -> Part,
    items: &mut Drawing,
) -> (Length, Option<Crowded>) {
    let all = head.mark_names.len();
    let suffix = head.mark_suffix.as_ref();
    let (plan, crowded) = match best_plan(metrics, &head.mark_names, suffix, room(all)) {
        Some(plan) => (plan, None),
        None => {
            // How many bodies would fit: the 标志 and the 签发人 of the first `fit`.
            let fit = (1..all)
                .rev()
                .find(|&k| best_plan(metrics, &head.mark_names[..k], suffix, room(k)).is_some())
                .unwrap_or(0);
            let crowded = if all == 1 || fit == 0 {
                Crowded::Name
            } else {
                Crowded::Bodies { bodies: all, fit }
            };
            // Set at the smallest size all the same; the error stops the render.
            let plan = MarkPlan {
                columns: 1,
                size: std_::MARK_MIN_SIZE,
                scale: std_::MARK_MIN_SCALE_PERCENT,
            };
            (plan, Some(crowded))
        }
    };
    let (names, suffix) = mark_texts(&head.mark_names, suffix);
    let single = names.len() == 1;
    let plain = mark_style(std_::MARK_SIZE);
    let widths: Vec<Length> = names
        .iter()
        .map(|n| setting::width(metrics, n, FontRole::Title, &plain))
        .collect();
    let gap = std_::MARK_SIZE.div_round(2);
    let suffix_w = suffix.as_ref().map_or(Length::ZERO, |s| {
        gap + setting::width(metrics, s, FontRole::Title, &plain)
    });
    let MarkPlan {
        columns,
        size,
        scale,
    } = plan;
    let (cols, total) = mark_widths(&widths, suffix_w, columns);
    let names_w = total - suffix_w;
    let k = |l: Length| l * size.to_emu() / std_::MARK_SIZE.to_emu() * scale / 100;
    let left = (std_::TYPE_AREA_WIDTH - k(total)).div_round(2);
    let line_pitch = size * 12 / 10;
    let style = mark_style(size);
    for (i, name) in names.iter().enumerate() {
        let (row, col) = (i / columns, i % columns);
        let base = top + line_pitch * row as i64 + (size * EM_BOX_ASCENT_PER_MILLE).div_round(1000);
        let x =
            left + k(cols[..col].iter().copied().sum::<Length>() + std_::MARK_SIZE * col as i64);
        // Spread each name to its column's widest.
        let spread = if single {
            Length::ZERO
        } else {
            k(cols[col]) - k(widths[i])
        };
        items.push(
            name_part(i),
            spread_text(metrics, name, &style, x, base, spread, scale),
        );
    }
    let rows = names.len().div_ceil(columns) as i64;
    let stack_h = line_pitch * (rows - 1) + size;
    if let Some(s) = &suffix {
        let base =
            top + (stack_h - size).div_round(2) + (size * EM_BOX_ASCENT_PER_MILLE).div_round(1000);
        items.push(
            Part::Header,
            spread_text(
                metrics,
                s,
                &style,
                left + k(names_w + gap),
                base,
                Length::ZERO,
                scale,
            ),
        );
    }
    (top + stack_h, crowded)
}

/// A line of `text` in red at `x` (from the 版心's left edge), its glyph gaps widened by
/// `spread` in all, narrowed to `scale` per cent.
fn spread_text(
    metrics: &Metrics,
    text: &str,
    style: &Style,
    x: Length,
    baseline: Length,
    spread: Length,
    scale: i64,
) -> Item {
    let runs = [Run {
        text: text.to_owned(),
        style: RunStyle::Plain,
    }];
    let (atoms, faces) = setting::atoms(metrics, &runs, style);
    let gaps = atoms.len().saturating_sub(1).max(1) as i64;
    let mut pos = std_::TYPE_AREA_LEFT + x;
    let glyphs = atoms
        .iter()
        .zip(&faces)
        .map(|(a, &face)| {
            let g = Glyph {
                ch: a.ch,
                face,
                x: pos,
            };
            pos += (a.advance + a.gap_after) * scale / 100 + spread / gaps;
            g
        })
        .collect();
    Item::Text(TextLine {
        baseline,
        size: style.size,
        color: Color::Red,
        scale_percent: scale,
        origin: Origin::Letterhead,
        glyphs,
    })
}

#[allow(clippy::too_many_arguments)]
fn text_at(
    metrics: &Metrics,
    text: &str,
    font: FontRole,
    style: &Style,
    x: Length,
    baseline: Length,
    color: Color,
    scale: i64,
) -> Item {
    let style = Style {
        plain: font,
        ..*style
    };
    match spread_text(metrics, text, &style, x, baseline, Length::ZERO, scale) {
        Item::Text(mut line) => {
            line.color = color;
            Item::Text(line)
        }
        other => other,
    }
}
