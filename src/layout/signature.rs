//! 发文机关署名和成文日期 — GB/T 9704 §7.3.5.2, the block without seal, for one issuing body
//! (spec digest §7.2 recipe A) and for several (recipe B, 联合行文).

use crate::gbt9704::{CHAR_PITCH, DATE_SHIFT_CHARS, SIGNATURE_RIGHT_CHARS, TYPE_AREA_WIDTH};
use crate::length::Length;

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
    let mut names_x = TYPE_AREA_WIDTH - right_gap - longest;
    let mut date_x = names_x + shift;
    if date_x + date_width > TYPE_AREA_WIDTH - right_gap {
        date_x = TYPE_AREA_WIDTH - right_gap - date_width;
        names_x = date_x - shift;
    }
    NoSealPlacement { names_x, date_x }
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
        assert_eq!(p.names_x, chars(28 - 2 - 18));
        assert_eq!(p.date_x, p.names_x + chars(2));
    }

    #[test]
    fn a_long_date_pushes_the_names_left() {
        // 署名 of 4 characters, date of 6.5: the date is set 右空二字, the name two 字 left of it.
        let p = no_seal(&[chars(4)], chars(13) / 2);
        assert_eq!(p.date_x + chars(13) / 2, chars(26));
        assert_eq!(p.names_x, p.date_x - chars(2));
    }
}
