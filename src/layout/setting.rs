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

/// The space between a Chinese character and a Latin letter or digit next to it, as a fraction
/// of the size: a fifth, LibreOffice's rule for "asian/non-asian spacing" (20 % of the font
/// height: 3.2 pt at 三号; Word's "调整中文与西文文字的间距", on by default, is documented as about
/// a quarter em), so that the DOCX breaks its lines where the PDF does
/// (docs/docx-line-breaks.md).
const SCRIPT_GAP_DIVISOR: i64 = 5;

/// The script a word processor sets a character in (LibreOffice's classes, by Unicode block):
/// each script run is one text portion, and the DOCX's character spacing applies between the
/// characters of a portion, not after its last.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Asian,
    /// General punctuation (“” — …) and the like: the script of the character before.
    Weak,
}

fn script(c: char) -> Script {
    match c {
        '\u{0}'..='\u{24F}' | '\u{370}'..='\u{58F}' => Script::Latin,
        '\u{2E80}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'.. => Script::Asian,
        _ => Script::Weak,
    }
}

/// The characters of `runs` with their faces and advances. Where the script changes, the
/// character before it is set without the squeeze (its `gap_after` gives the tracking back),
/// and between a letter or digit and a Chinese character the script gap is added too.
pub fn atoms(metrics: &Metrics, runs: &[Run], style: &Style) -> (Vec<Atom>, Vec<FaceId>) {
    let mut atoms: Vec<Atom> = Vec::new();
    let mut faces = Vec::new();
    let gap = style.size.div_round(SCRIPT_GAP_DIVISOR);
    let mut prev_script = None;
    for run in runs {
        let role = run_font(style, run.style);
        for ch in run.text.chars() {
            let face = metrics.face_with(role, ch);
            faces.push(face);
            let resolved = match (script(ch), prev_script) {
                (Script::Weak, Some(p)) => p,
                (Script::Weak, None) => Script::Asian,
                (s, _) => s,
            };
            if let Some(prev) = atoms.last_mut()
                && prev_script != Some(resolved)
            {
                prev.gap_after = -style.tracking;
                if prev.ch.is_alphanumeric() && ch.is_alphanumeric() {
                    prev.gap_after += gap;
                }
            }
            prev_script = Some(resolved);
            atoms.push(Atom {
                ch,
                advance: metrics.advance(face, ch, style.size) + style.tracking,
                gap_after: Length::ZERO,
            });
        }
    }
    (atoms, faces)
}

/// How much wider the DOCX's lines are than the 版心: its text width is the page less the
/// margins, each in whole twips (8845 twips: the 28 mm binding margin rounds down to 1587), 0.045
/// pt more than 156 mm. Line widths in both are sums of whole twips (15.75 pt a character), so
/// a line that fills 8845 twips exactly is common: the layout fills lines to the same measure
/// (justification still ends them on the 版心's edge).
fn docx_excess() -> Length {
    let s = super::folio::page_setup();
    let twips = |l: Length| Length::twip(l.to_twip());
    twips(s.paper_width)
        - twips(s.margin_left)
        - twips(s.margin_right)
        - (s.paper_width - s.margin_left - s.margin_right)
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
    // A line's last character is set without the squeeze too (the word processor adds the
    // spacing between characters), so a line holds what fits in `width` less the squeeze,
    // measured as the DOCX measures it.
    let measure = width + docx_excess() + style.tracking;
    let lines = linebreak::break_lines_at(&atoms, measure, style.first_indent, forced);
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

/// The width of `text` set as a whole line (署名, 成文日期): its last character without the
/// squeeze, as [`set`] measures a line.
pub fn line_width(metrics: &Metrics, text: &str, role: FontRole, style: &Style) -> Length {
    width(metrics, text, role, style) - style.tracking
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::engine::body_style;
    use crate::layout::fonts::{FontOptions, FontSet};

    fn gaps(text: &str) -> Vec<(char, f64)> {
        let fonts = FontSet::resolve(&FontOptions {
            fonts_dir: Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")),
            bundled_only: true,
        })
        .expect("the bundled fonts load");
        let metrics = Metrics::new(&fonts);
        atoms(&metrics, &[Run::plain(text)], &body_style())
            .0
            .iter()
            .map(|a| (a.ch, (a.gap_after.to_pt() * 100.0).round() / 100.0))
            .collect()
    }

    #[test]
    fn a_script_change_unsqueezes_the_character_before_and_letters_get_a_fifth_em() {
        // 三号: the squeeze is 0.25 pt, the script gap 3.2 pt.
        assert_eq!(
            gaps("中1中"),
            [('中', 3.45), ('1', 3.45), ('中', 0.0)],
            "letter or digit beside 汉字: gap and unsqueeze"
        );
        assert_eq!(
            gaps("中,1。"),
            [('中', 0.25), (',', 0.0), ('1', 0.25), ('。', 0.0)],
            "a half-width mark is Latin script, a full-width one Asian: no gap beside a mark"
        );
        assert_eq!(
            gaps("“放”A"),
            [('“', 0.0), ('放', 0.0), ('”', 0.25), ('A', 0.0)],
            "quotes take the script before them"
        );
    }
}
