//! 排字 — turn a block's runs into lines of placed glyphs: faces per character (with
//! fallback), advances on the grid, breaking, justification to the 版心 edges.

use super::fonts::{FaceId, FontRole, Metrics};
use super::linebreak::{self, Atom};
use crate::compose::{Run, RunStyle};
use crate::length::Length;

/// A set line: glyph x positions are relative to the left edge of the 版心.
#[derive(Debug, Clone)]
pub struct SetLine {
    pub glyphs: Vec<(char, FaceId, Length)>,
    /// Index of the first character of this line in the block's text.
    pub first_char: usize,
}

/// How a block's lines are set.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: Length,
    /// Added after every character (the grid squeeze of 正文, negative).
    pub tracking: Length,
    /// The role's face for plain runs.
    pub plain: FontRole,
    pub first_indent: Length,
    pub justify: bool,
    pub center: bool,
}

fn run_font(style: &Style, run: RunStyle) -> FontRole {
    match run {
        RunStyle::Plain => style.plain,
        RunStyle::Heading(level) => FontRole::heading(level),
    }
}

/// The gap between Chinese and Latin letters or digits, per mille of the size: the space
/// LibreOffice puts there (measured 3.50 pt at 三号, 7/32 em; Word's "调整中文与西文文字的间距",
/// on by default, is documented as about a quarter em), so that the DOCX breaks its lines where
/// the PDF does (docs/docx-line-breaks.md).
const CJK_LATIN_GAP_PER_MILLE: i64 = 219;

/// Chinese text for the gap rule: ideographs only — no gap between a full-width mark and a
/// digit (〔2024〕5号 stays tight, as Word sets it).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// The characters of `runs` with their faces and advances.
pub fn atoms(metrics: &Metrics, runs: &[Run], style: &Style) -> (Vec<Atom>, Vec<FaceId>) {
    let mut atoms: Vec<Atom> = Vec::new();
    let mut faces = Vec::new();
    let gap = (style.size * CJK_LATIN_GAP_PER_MILLE).div_round(1000);
    for run in runs {
        let role = run_font(style, run.style);
        for ch in run.text.chars() {
            let face = metrics.face_with(role, ch);
            faces.push(face);
            if let Some(prev) = atoms.last_mut() {
                let latin = |c: char| c.is_ascii_alphanumeric();
                if (is_cjk(prev.ch) && latin(ch)) || (latin(prev.ch) && is_cjk(ch)) {
                    prev.gap_after = gap;
                }
            }
            atoms.push(Atom {
                ch,
                advance: metrics.advance(face, ch, style.size) + style.tracking,
                gap_after: Length::ZERO,
            });
        }
    }
    (atoms, faces)
}

/// Break and place a block's text within `width`.
pub fn set(metrics: &Metrics, runs: &[Run], style: &Style, width: Length) -> Vec<SetLine> {
    set_at(metrics, runs, style, width, &[])
}

/// Break and place a block's text within `width`, starting new lines at `forced` offsets.
pub fn set_at(
    metrics: &Metrics,
    runs: &[Run],
    style: &Style,
    width: Length,
    forced: &[usize],
) -> Vec<SetLine> {
    let (atoms, faces) = atoms(metrics, runs, style);
    let lines = linebreak::break_lines_at(&atoms, width, style.first_indent, forced);
    let count = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let indent = if n == 0 {
                style.first_indent
            } else {
                Length::ZERO
            };
            let body_end = if line.hang { line.end - 1 } else { line.end };
            let natural = linebreak::span_width(&atoms, line.start, body_end);
            let room = width - indent;
            let gaps = (body_end - line.start).saturating_sub(1) as i64;
            let last = n + 1 == count;
            let slack = if style.justify && !last && gaps > 0 && natural < room {
                room - natural
            } else {
                Length::ZERO
            };
            let start_x = if style.center {
                indent + (room - natural).div_round(2)
            } else {
                indent
            };
            let mut x = start_x;
            let glyphs = (line.start..line.end)
                .enumerate()
                .map(|(k, i)| {
                    let placed = (atoms[i].ch, faces[i], x);
                    // Spread the slack over the gaps; the first `rest` gaps get one EMU more.
                    let k = k as i64;
                    let extra = if gaps > 0 && k < gaps {
                        let base = slack / gaps;
                        let rest = slack.to_emu() - base.to_emu() * gaps;
                        base + Length::emu(i64::from(k < rest))
                    } else {
                        Length::ZERO
                    };
                    x += atoms[i].advance + atoms[i].gap_after + extra;
                    placed
                })
                .collect();
            SetLine {
                glyphs,
                first_char: line.start,
            }
        })
        .collect()
}

/// Break and place a block's text within `width` without moving a lone last character down
/// (table cells, as LibreOffice and Word break them).
pub fn set_greedy(metrics: &Metrics, runs: &[Run], style: &Style, width: Length) -> Vec<SetLine> {
    let (atoms, _) = atoms(metrics, runs, style);
    let lines = linebreak::break_lines_greedy(&atoms, width);
    let forced: Vec<usize> = lines.iter().skip(1).map(|l| l.start).collect();
    set_at(metrics, runs, style, width, &forced)
}

/// The width of `text` set in `role` (for the signature block).
pub fn width(metrics: &Metrics, text: &str, role: FontRole, style: &Style) -> Length {
    let runs = [Run {
        text: text.to_owned(),
        style: RunStyle::Plain,
    }];
    let style = Style {
        plain: role,
        ..*style
    };
    let atoms = atoms(metrics, &runs, &style).0;
    linebreak::span_width(&atoms, 0, atoms.len())
}
