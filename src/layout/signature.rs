//! 发文机关署名、成文日期和印章 — GB/T 9704 §7.3.5: without seal for one issuing body (spec
//! digest §7.2 recipe A) and for several (recipe B, 联合行文); with seals for one body (recipe C)
//! and for several, side by side (recipe D); and the 签发人's 职务 and 签名章 (§7.3.5.3, recipe E).

use super::engine::{Engine, SlotLine, flow_runs, flush_style};
use super::fonts::FontRole;
use super::pages::{Align, FlowImage, FlowRun, Keep, Paragraph, TabStop};
use super::paginate::Slot;
use super::setting::{self, Style};
use crate::compose::{Block, Role, SealImage, Sealing, Signature, SignedBy, SignerStamp};
use crate::diag::Diagnostic;
use crate::gbt9704::{
    self as std_, CHAR_PITCH, DATE_SHIFT_CHARS, SEAL_DIAMETER, SEAL_GAP, SEALED_DATE_RIGHT_CHARS,
    SIGNATURE_RIGHT_CHARS, TYPE_AREA_WIDTH,
};
use crate::length::Length;
use crate::model::Part;

/// Where the block's lines start, from the left edge of the 版心.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSealPlacement {
    /// Every 署名 starts here (上下对齐 on one first-character column).
    pub names_x: Length,
    /// The 成文日期 starts here.
    pub date_x: Length,
}

/// Rules A and B (不加盖印章): the longest 署名 右空二字; the date's first character 二字 right
/// of the names' column; if that leaves the date less than 二字 from the right edge, the date is
/// set 右空二字 and the names move left with it, keeping the two-字 shift (reading (a) of the
/// digest's §7.2 A.4: "相应增加发文机关署名右空字数").
pub fn no_seal(name_widths: &[Length], date_width: Length) -> NoSealPlacement {
    let right_gap = CHAR_PITCH * SIGNATURE_RIGHT_CHARS;
    let shift = CHAR_PITCH * DATE_SHIFT_CHARS;
    let longest = name_widths.iter().copied().max().unwrap_or(Length::ZERO);
    // A 署名 longer than the line starts at the left edge and wraps (see `Engine::line_at`).
    let mut names_x = (TYPE_AREA_WIDTH - right_gap - longest).max(Length::ZERO);
    let mut date_x = names_x + shift;
    if date_x + date_width > TYPE_AREA_WIDTH - right_gap {
        date_x = TYPE_AREA_WIDTH - right_gap - date_width;
        names_x = (date_x - shift).max(Length::ZERO);
    }
    NoSealPlacement { names_x, date_x }
}

/// Where a sealed block's names and seals go. x values are from the left edge of the 版心.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedPlacement {
    /// Rows of seals, top to bottom; each seal's centre x, in issuing-body order.
    pub rows: Vec<Vec<Length>>,
    /// Each 署名's first character, in issuing-body order (centred on its seal).
    pub names_x: Vec<Length>,
    pub date_x: Length,
}

/// Rules C and D (加盖印章): the date 右空四字; the last seal centred over the date and
/// pressing it; the other seals to its left in issuing-body order, one 字 apart, as many per row
/// as fit in the 版心 ("每排印章两端不得超出版心"); each 署名 centred under its seal. With one
/// body this is rule C: the 署名 centred over the date ("以成文日期为准居中编排"), unless it is
/// too long to end inside the 版心 so.
pub fn sealed(name_widths: &[Length], date_width: Length) -> SealedPlacement {
    let date_x = TYPE_AREA_WIDTH - CHAR_PITCH * SEALED_DATE_RIGHT_CHARS - date_width;
    let last_centre = date_x + date_width.div_round(2);
    let step = SEAL_DIAMETER + SEAL_GAP;
    let radius = SEAL_DIAMETER.div_round(2);
    // Seals per row: the leftmost may not cross the 版心's left edge.
    let per_row = 1 + ((last_centre - radius).to_emu().max(0) / step.to_emu()) as usize;
    let n = name_widths.len().max(1);
    let mut rows: Vec<Vec<Length>> = Vec::new();
    let mut remaining = n;
    while remaining > 0 {
        // Full rows from the top; every row is right-aligned on the date's column.
        let take = per_row.min(remaining);
        rows.push(
            (0..take)
                .map(|i| last_centre - step * (take - 1 - i) as i64)
                .collect(),
        );
        remaining -= take;
    }
    let centres: Vec<Length> = rows.iter().flatten().copied().collect();
    let names_x = name_widths
        .iter()
        .zip(&centres)
        // A name wider than its seal moves left, as far as needed to end inside the 版心.
        .map(|(&w, &c)| {
            (c - w.div_round(2))
                .min(TYPE_AREA_WIDTH - w)
                .max(Length::ZERO)
        })
        .collect();
    SealedPlacement {
        rows,
        names_x,
        date_x,
    }
}

/// Where a seal picture goes: the 42 mm square centred `centre` from the 版心's left edge and a
/// quarter line below the top of the 署名's line (居印章中心偏下, §7.3.5.1), the picture fitted
/// in it keeping its proportions, centred. (x from the 版心's left edge, y from the line's top,
/// width, height.)
fn seal_rect(centre: Length, image: &SealImage) -> (Length, Length, Length, Length) {
    let side = SEAL_DIAMETER;
    let (pw, ph) = (
        i64::from(image.width.max(1)),
        i64::from(image.height.max(1)),
    );
    let (w, h) = if pw >= ph {
        (side, Length::emu(side.to_emu() * ph / pw))
    } else {
        (Length::emu(side.to_emu() * pw / ph), side)
    };
    let x = centre - side.div_round(2) + Length::emu((side - w).to_emu() / 2);
    let y =
        std_::LINE_PITCH.div_round(4) - side.div_round(2) + Length::emu((side - h).to_emu() / 2);
    (x, y, w, h)
}

/// A seal picture placed for its line (see [`seal_rect`]).
fn seal_image_at(centre: Length, image: SealImage) -> FlowImage {
    let (x, y, width, height) = seal_rect(centre, &image);
    FlowImage {
        x,
        y,
        width,
        height,
        image,
    }
}

/// A 签名章 picture's size: fitted, keeping its proportions, into the stamp box.
fn stamp_size(image: &SealImage) -> (Length, Length) {
    let (bw, bh) = (std_::SIGNER_STAMP_WIDTH, std_::SIGNER_STAMP_HEIGHT);
    let (pw, ph) = (
        i64::from(image.width.max(1)),
        i64::from(image.height.max(1)),
    );
    // The larger scale that keeps both sides inside the box.
    if pw * bh.to_emu() >= ph * bw.to_emu() {
        (bw, Length::emu(bw.to_emu() * ph / pw))
    } else {
        (Length::emu(bh.to_emu() * pw / ph), bh)
    }
}

/// A 签名章 picture centred `centre` from the 版心's left edge and on the middle of its line
/// (以签名章为准上下居中, §7.3.5.3).
fn stamp_image_at(centre: Length, image: SealImage) -> FlowImage {
    let (width, height) = stamp_size(&image);
    FlowImage {
        x: centre - width.div_round(2),
        y: (std_::LINE_PITCH - height).div_round(2),
        width,
        height,
        image,
    }
}

/// Whether a paragraph is 正文 for the rule that the 署名's page carries 正文 (§7.3.5.5): the
/// 附件说明 and the 纪要's 出席/请假/列席 lines are not.
fn is_text(role: Role) -> bool {
    matches!(
        role,
        Role::Title | Role::Recipients | Role::Body | Role::Heading(_) | Role::Closing
    )
}

impl Engine<'_> {
    /// 署名, 成文日期, 印章 room and 附注 (§7.3.5, §7.3.6), kept on one page with the last
    /// paragraph of the 正文 (see [`Engine::keep_text_with_signature`]).
    pub fn signature(&mut self, sig: &Signature) {
        let tail = self.last_text_paragraph();
        let plain = flush_style();
        let width_of =
            |b: &Block| setting::line_width(self.metrics, &b.text(), FontRole::Body, &plain);
        let date_width = width_of(&sig.date);
        let date_x = match &sig.signed_by {
            SignedBy::Bodies {
                names,
                sealing: Sealing::NoSeal,
                ..
            } => {
                let name_widths: Vec<Length> = names.iter().map(width_of).collect();
                let place = no_seal(&name_widths, date_width);
                self.blanks_kept(std_::LINES_BEFORE_SIGNATURE);
                for (i, name) in names.iter().enumerate() {
                    self.line_at(name, &plain, place.names_x);
                    self.last_paragraph().part = Some(Part::Signature(i));
                }
                place.date_x
            }
            SignedBy::Bodies {
                names,
                sealing: Sealing::Seal,
                seals,
            } => {
                let name_widths: Vec<Length> = names.iter().map(width_of).collect();
                let place = sealed(&name_widths, date_width);
                self.blanks_kept(std_::LINES_BEFORE_SEALED_SIGNATURE);
                let mut next = 0;
                for (r, row) in place.rows.iter().enumerate() {
                    if r > 0 {
                        // The next row of seals starts a seal's height plus a gap lower.
                        let (span, pitch) = (
                            (SEAL_DIAMETER + SEAL_GAP).to_emu(),
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
                            seals
                                .get(next + k)
                                .cloned()
                                .flatten()
                                .map(|s| seal_image_at(centre, s))
                        })
                        .collect();
                    if let [name] = row_names
                        && name_widths[next] > TYPE_AREA_WIDTH
                    {
                        // A 署名 longer than the 版心 wraps as the unsealed one does: from the
                        // left edge, before 右空二字; its seal stays over the date.
                        self.line_at(name, &plain, Length::ZERO);
                        self.seals_under_first_line(row_seals);
                    } else {
                        let parts: Vec<(&Block, Length)> =
                            row_names.iter().zip(row_x.iter().copied()).collect();
                        self.parts_on_one_line(&parts, &plain, row_seals);
                    }
                    // An error about this line points at its longest 署名.
                    let widest = (next..next + row.len()).max_by_key(|&i| name_widths[i]);
                    self.last_paragraph().part = widest.map(Part::Signature);
                    next += row.len();
                }
                self.warn_overlapping_names(&place.names_x, &name_widths);
                place.date_x
            }
            SignedBy::Signers(signers) => self.signers(signers, &plain, date_width),
        };
        self.line_at(&sig.date, &plain, date_x);
        if let Some(note) = &sig.note {
            // 附注: 居左空二字，成文日期下一行 (§7.3.6); wraps within the 版心.
            let style = Style {
                first_indent: CHAR_PITCH * std_::NOTE_INDENT_CHARS,
                ..plain
            };
            let lines = setting::set(self.metrics, &note.runs, &style, TYPE_AREA_WIDTH);
            self.push(note, &style, lines, Keep::WithNext, Align::Left, false);
        }
        if let Some(last) = self.slots.last_mut() {
            last.keep_with_next = false;
        }
        self.last_paragraph().keep = Keep::Free;
        if let Some(tail) = tail {
            self.keep_text_with_signature(tail);
        }
    }

    /// The last 正文 paragraph set so far.
    fn last_text_paragraph(&self) -> Option<usize> {
        self.slots
            .iter()
            .rev()
            .filter(|s| s.line.is_some())
            .map(|s| s.paragraph)
            .find(|&p| is_text(self.paragraphs[p].role))
    }

    /// The page that holds the 署名 carries 正文 (GB/T 9704 §7.3.5.5; 2012 dropped 此页无正文):
    /// the last 正文 paragraph moves whole with everything after it (附件说明, 署名, date, 附注)
    /// when together they fit a page — Word and LibreOffice move a kept paragraph whole too
    /// (`keepLines` + `keepNext`); a longer one keeps only its last line with them.
    fn keep_text_with_signature(&mut self, tail: usize) {
        let Some(first) = self.slots.iter().position(|s| s.paragraph == tail) else {
            return;
        };
        let end = self.slots.len();
        let whole = end - first <= std_::LINES_PER_PAGE;
        let from = if whole {
            first
        } else {
            self.slots
                .iter()
                .rposition(|s| s.paragraph == tail)
                .unwrap_or(first)
        };
        for slot in &mut self.slots[from..end - 1] {
            slot.keep_with_next = true;
        }
        let last_paragraph = self.paragraphs.len() - 1;
        for (i, p) in self
            .paragraphs
            .iter_mut()
            .enumerate()
            .take(last_paragraph)
            .skip(tail)
        {
            p.keep = if i == tail && whole {
                Keep::WholeWithNext
            } else {
                Keep::WithNext
            };
        }
    }

    /// 签发人职务 and 签名章 (rule E, §7.3.5.3): 正文下空二行; each 签发人 on a line of its own,
    /// 主办 first, the 签名章 右空四字 with the name centred under it, the 职务 左空二字 of the
    /// 签名章 — all lines aligned on the widest; the date 签名章下空一行右空四字. Returns the
    /// date's x.
    fn signers(&mut self, signers: &[SignerStamp], plain: &Style, date_width: Length) -> Length {
        let right = TYPE_AREA_WIDTH - CHAR_PITCH * std_::SIGNER_RIGHT_CHARS;
        let width_of =
            |b: &Block| setting::line_width(self.metrics, &b.text(), FontRole::Body, plain);
        // The stamp column: as wide as the widest 签名章 or name, its right edge 右空四字.
        let stamp_w = signers
            .iter()
            .map(|s| {
                let image = s.stamp.as_ref().map_or(Length::ZERO, |i| stamp_size(i).0);
                image.max(width_of(&s.name))
            })
            .max()
            .unwrap_or_default();
        let stamp_x = right - stamp_w;
        let title_end = stamp_x - CHAR_PITCH * std_::SIGNER_TITLE_GAP_CHARS;
        let widest_title = signers.iter().map(|s| width_of(&s.title)).max();
        // 上下对齐: every 职务 starts where the longest one does.
        let title_x = (title_end - widest_title.unwrap_or_default()).max(Length::ZERO);
        self.blanks_kept(std_::LINES_BEFORE_SIGNER);
        for (k, signer) in signers.iter().enumerate() {
            if k > 0 {
                self.blanks_kept(std_::LINES_BELOW_SIGNER);
            }
            let name_x = stamp_x + (stamp_w - width_of(&signer.name)).div_round(2);
            let stamp = signer
                .stamp
                .clone()
                .map(|image| stamp_image_at(stamp_x + stamp_w.div_round(2), image));
            self.parts_on_one_line(
                &[(&signer.title, title_x), (&signer.name, name_x)],
                plain,
                stamp.into_iter().collect(),
            );
        }
        self.blanks_kept(std_::LINES_BELOW_SIGNER);
        right - date_width
    }

    /// Blocks on one line, each starting at its x (rules D and E), with pictures under them.
    fn parts_on_one_line(
        &mut self,
        parts: &[(&Block, Length)],
        plain: &Style,
        images: Vec<FlowImage>,
    ) {
        let mut glyphs = Vec::new();
        let mut runs = Vec::new();
        for (i, &(block, x)) in parts.iter().enumerate() {
            let style = Style {
                first_indent: x,
                ..*plain
            };
            for line in setting::set(self.metrics, &block.runs, &style, Length::mm(10_000)) {
                glyphs.extend(line.glyphs);
            }
            if i > 0 {
                runs.push(FlowRun {
                    text: "\t".to_owned(),
                    font: FontRole::Body,
                });
            }
            runs.extend(flow_runs(&block.runs, plain));
        }
        let paragraph = self.paragraphs.len();
        self.paragraphs.push(Paragraph {
            role: Role::Signature,
            runs,
            left_indent: parts[0].1,
            tabs: parts[1..]
                .iter()
                .map(|&(_, position)| TabStop {
                    position,
                    right_aligned: false,
                })
                .collect(),
            keep: Keep::WithNext,
            tracking: plain.tracking,
            images: images.clone(),
            ..Paragraph::blank(plain.size)
        });
        self.slots.push(Slot {
            paragraph,
            new_page: false,
            line: Some(SlotLine {
                size: plain.size,
                glyphs,
                first_of_paragraph: true,
                images,
                drawing: Vec::new(),
            }),
            keep_with_next: true,
            repeat: Vec::new(),
            frame: self.frame,
        });
    }

    /// Put `images` under the first line of the last paragraph.
    fn seals_under_first_line(&mut self, images: Vec<FlowImage>) {
        let paragraph = self.paragraphs.len() - 1;
        if let Some(line) = self
            .slots
            .iter_mut()
            .find(|s| s.paragraph == paragraph)
            .and_then(|s| s.line.as_mut())
        {
            line.images.clone_from(&images);
        }
        self.last_paragraph().images = images;
    }

    fn warn_overlapping_names(&mut self, xs: &[Length], widths: &[Length]) {
        let overlap = xs
            .windows(2)
            .zip(widths)
            .any(|(x, &w)| x[0] + w + CHAR_PITCH > x[1]);
        if overlap {
            self.warnings.push(
                Diagnostic::warning("并排的发文机关署名过长，彼此重叠。")
                    .hint("加盖印章的联合行文请用规范化简称署名（issuers 中的 sign_as）。"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(n: i64) -> Length {
        CHAR_PITCH * n
    }

    #[test]
    fn joint_bodies_align_and_longest_sits_two_chars_in() {
        // The seed: 18 and 7 characters, a date of 6.5 characters.
        let p = no_seal(&[chars(18), chars(7)], chars(13) / 2);
        assert_eq!(p.names_x, TYPE_AREA_WIDTH - chars(2) - chars(18));
        assert_eq!(p.date_x, p.names_x + chars(2));
    }

    #[test]
    fn a_long_date_pushes_the_names_left() {
        // 署名 of 4 characters, date of 6.5: the date is set 右空二字, the name two 字 left of it.
        let p = no_seal(&[chars(4)], chars(13) / 2);
        assert_eq!(p.date_x + chars(13) / 2, TYPE_AREA_WIDTH - chars(2));
        assert_eq!(p.names_x, p.date_x - chars(2));
    }

    #[test]
    fn a_name_longer_than_the_line_starts_at_the_left_edge() {
        let p = no_seal(&[chars(30)], chars(13) / 2);
        assert_eq!(p.names_x, Length::ZERO);
        assert_eq!(p.date_x, chars(2));
    }

    #[test]
    fn one_sealed_body_centres_its_name_over_the_date() {
        let date = chars(13) / 2;
        let p = sealed(&[chars(5)], date);
        assert_eq!(p.date_x + date, TYPE_AREA_WIDTH - chars(4), "date 右空四字");
        let date_centre = p.date_x + date.div_round(2);
        assert_eq!(p.names_x[0] + chars(5).div_round(2), date_centre);
        assert_eq!(p.rows, vec![vec![date_centre]]);
    }

    #[test]
    fn two_sealed_bodies_sit_side_by_side_the_last_over_the_date() {
        let p = sealed(&[chars(4), chars(6)], chars(13) / 2);
        assert_eq!(p.rows.len(), 1);
        let row = &p.rows[0];
        assert_eq!(
            row[1],
            p.date_x + (chars(13) / 2).div_round(2),
            "the last seal presses the date"
        );
        assert_eq!(
            row[1] - row[0],
            SEAL_DIAMETER + SEAL_GAP,
            "seals do not touch"
        );
        assert!(
            row[0] - SEAL_DIAMETER / 2 >= Length::ZERO,
            "inside the 版心"
        );
    }

    #[test]
    fn seals_that_do_not_fit_one_row_wrap_to_the_next() {
        let p = sealed(&[chars(4); 4], chars(13) / 2);
        assert!(p.rows.len() >= 2);
        for row in &p.rows {
            assert!(row[0] - SEAL_DIAMETER / 2 >= Length::ZERO);
            assert_eq!(
                *row.last().unwrap(),
                p.date_x + (chars(13) / 2).div_round(2)
            );
        }
        assert_eq!(p.rows.iter().map(Vec::len).sum::<usize>(), 4);
    }
}
