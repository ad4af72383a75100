//! GB/T 9704-2012《党政机关公文格式》: every number the layout uses, named, in one place.
//!
//! Each constant cites its clause and its status in the spec digest (`shared/spec/gbt9704.md`):
//! **Std** = the standard's text, **Derived** = arithmetic on the standard's numbers,
//! **Practice** = what templates and tools do where the standard is silent.
//! Only the layout stage reads this module; the writers get every position from the layout.

use crate::length::Length;

// ---- Paper and type area (§5.1, §5.2) ----

/// 纸张 — A4 width, 210 mm. Std §5.1.
pub const PAPER_WIDTH: Length = Length::mm(210);
/// 纸张 — A4 height, 297 mm. Std §5.1.
pub const PAPER_HEIGHT: Length = Length::mm(297);
/// 天头 — top margin, 37 mm ± 1 mm. Std §5.2.1.
pub const TOP_MARGIN: Length = Length::mm(37);
/// 订口 — left (binding) margin, 28 mm ± 1 mm. Std §5.2.1.
pub const BINDING_MARGIN: Length = Length::mm(28);
/// 版心宽 — type area width, 156 mm. Std §5.2.1.
pub const TYPE_AREA_WIDTH: Length = Length::mm(156);
/// 版心高 — type area height, 225 mm (page number excluded). Std §5.2.1.
pub const TYPE_AREA_HEIGHT: Length = Length::mm(225);

// ---- Grid (§5.2.3) ----

/// 每面排22行. Std §5.2.3.
pub const LINES_PER_PAGE: usize = 22;
/// 每行排28个字. Std §5.2.3.
pub const CHARS_PER_LINE: i64 = 28;
/// 行距 — 225 mm / 22 = 28.99 pt, so 22 lines fill the 版心 ("撑满版心"). Derived §9.1.
pub const LINE_PITCH: Length = TYPE_AREA_HEIGHT.div_round(LINES_PER_PAGE as i64);
/// 字距 — 156 mm / 28 = 15.79 pt per character cell, so 28 三号 characters fill a line.
/// Derived §9.2 (Word reaches the same pitch with `charSpace=-849`).
pub const CHAR_PITCH: Length = TYPE_AREA_WIDTH.div_round(CHARS_PER_LINE);
/// 正文's character squeeze: the cell less the 三号 em (−0.214 pt) rounded down to a twip
/// (1/20 pt, the unit of the DOCX's `w:spacing`): −0.25 pt, a 15.75 pt advance. 28 still fill
/// a line (441 of 442.2 pt; justification spreads the rest) and 29 do not; the PDF's layout and
/// the word processor then advance alike and break lines at the same character
/// (docs/docx-line-breaks.md). Derived §5.2.3.
pub const BODY_TRACKING: Length = Length::emu(
    (CHAR_PITCH.to_emu() - SIZE_3.to_emu()).div_euclid(Length::twip(1).to_emu())
        * Length::twip(1).to_emu(),
);

// ---- Type sizes (§1.5, §5.2.2) ----

/// 三号 — 16 pt: the default size of every element. Std §5.2.2.
pub const SIZE_3: Length = Length::pt(16);
/// 二号 — 22 pt: 标题. Std §7.3.1.
pub const SIZE_2: Length = Length::pt(22);
/// 四号 — 14 pt: 页码, 抄送, 印发机关和印发日期. Std §7.4.2, §7.5.
pub const SIZE_4: Length = Length::pt(14);

// ---- 版头 (§7.2) ----

/// 发文机关标志 — its top edge 35 mm below the top edge of the 版心. Std §7.2.4.
pub const MARK_TOP_BELOW_TYPE_AREA: Length = Length::mm(35);
/// 发文机关标志 — type size: 初号 (42 pt), narrowed to fit the 版心. Practice: the standard
/// fixes no size ("以醒目、美观、庄重为原则", §7.2.4).
pub const MARK_SIZE: Length = Length::pt(42);
/// 发文机关标志 — the narrowest horizontal scale (per cent) before the size shrinks instead.
/// Practice.
pub const MARK_MIN_SCALE_PERCENT: i64 = 50;
/// 发文机关标志 — the tallest a joint 标志's stack of names may be; more bodies make it smaller,
/// so the 发文字号, 签发人 and title keep their room on page 1 (with 10 bodies the names are
/// about 19 pt). Practice: the standard fixes no height.
pub const MARK_MAX_HEIGHT: Length = Length::mm(80);
/// 发文机关标志 — the smallest size it is set at: the 标题's 二号, so it stays 醒目 (§7.2.4);
/// a joint 标志 that would need less goes two names a line, or is refused. Practice.
pub const MARK_MIN_SIZE: Length = Length::pt(22);
/// 版头 — the grid lines of page 1 it leaves at least: the title's line and the first lines of
/// the 主送机关 and 正文 under it. Practice: the standard has the 正文 begin on page 1.
pub const LETTERHEAD_MIN_FREE_LINES: usize = 4;
/// 发文字号 — 编排在发文机关标志下空二行. Std §7.2.5.
pub const LINES_BELOW_MARK: i64 = 2;
/// 上行文的发文字号 居左空一字; 签发人 居右空一字. Std §7.2.5, §7.2.6.
pub const DOC_NUMBER_SIDE_CHARS: i64 = 1;
/// 版头分隔线 — 发文字号之下 4 mm. Std §7.2.7.
pub const SEPARATOR_GAP: Length = Length::mm(4);
/// 版头分隔线 — red, as wide as the 版心; 0.5 mm thick. Practice (0.35–0.5 mm, spec digest §4.8).
pub const SEPARATOR_THICKNESS: Length = Length::um(500);
/// 标题 — 红色分隔线下空二行. Std §7.3.1.
pub const LINES_BELOW_SEPARATOR: i64 = 2;

// ---- 信函格式 (§10.1; spec digest §8.3) ----

/// 信函 — the 标志's top edge 30 mm from the paper's top edge. Std §10.1.
pub const LETTER_MARK_TOP: Length = Length::mm(30);
/// 信函 — the red double lines are 170 mm long, centred on the paper. Std §10.1.
pub const LETTER_RULE_LENGTH: Length = Length::mm(170);
/// 信函 — the upper double line 4 mm under the 标志. Std §10.1.
pub const LETTER_RULE_BELOW_MARK: Length = Length::mm(4);
/// 信函 — the lower double line 20 mm from the paper's bottom edge. Std §10.1.
pub const LETTER_LOWER_RULE_FROM_BOTTOM: Length = Length::mm(20);
/// 信函 — the double lines: 粗 0.5 mm and 细 0.25 mm, 1 mm apart. Practice (the standard sets
/// no thickness, spec digest §8.3).
pub const LETTER_RULE_THICK: Length = Length::um(500);
pub const LETTER_RULE_THIN: Length = Length::um(250);
pub const LETTER_RULE_SPACING: Length = Length::mm(1);
/// 信函 — 份号 and 发文字号 stand 3号汉字高度的7/8 (14 pt) under the upper double line.
/// Std §10.1.
pub const LETTER_FIRST_LINE_GAP: Length = Length::pt(14);

// ---- 主体 (§7.3) ----

/// 正文 — each paragraph 左空二字 (first line indented two characters). Std §7.3.3.
pub const PARAGRAPH_INDENT_CHARS: i64 = 2;
/// 标题 — blank lines between the title and the 主送机关 (标题下空一行). Std §7.3.2.
pub const LINES_AFTER_TITLE: usize = 1;
/// 发文机关署名 — blank lines between the 正文 and the 署名 (正文下空一行). Std §7.3.5.2.
pub const LINES_BEFORE_SIGNATURE: usize = 1;
/// 发文机关署名 — 右空二字 for the (longest) name. Std §7.3.5.2.
pub const SIGNATURE_RIGHT_CHARS: i64 = 2;
/// 成文日期 — its first character two characters right of the 署名's first character, and at
/// least 右空二字. Std §7.3.5.2.
pub const DATE_SHIFT_CHARS: i64 = 2;
/// 附注 — 左空二字, on the line after the 成文日期. Std §7.3.6.
pub const NOTE_INDENT_CHARS: i64 = 2;

/// 加盖印章 — 成文日期 右空四字. Std §7.3.5.1.
pub const SEALED_DATE_RIGHT_CHARS: i64 = 4;
/// 印章 — diameter kept free for each seal: 42 mm, the common size of a 乡镇/县级部门 seal.
/// Practice (the standard sets no size; seal sizes come from the 印章管理 rules).
pub const SEAL_DIAMETER: Length = Length::mm(42);
/// 印章 — blank lines between the 正文 and a sealed 署名, so that the seal's top (its centre a
/// quarter line below the 署名 line's top) lies within one line of the 正文 ("印章顶端应当上距
/// 正文一行之内"). Derived §7.3.5.1: 2 lines + ¼ − 21 mm / 10.23 mm ≈ 0.2 line below the 正文.
pub const LINES_BEFORE_SEALED_SIGNATURE: usize = 2;
/// 印章之间 — seals side by side "互不相交或相切": one 字 between neighbours. Practice.
pub const SEAL_GAP: Length = CHAR_PITCH;

/// 命令格式 (§10.2): the 标志's top edge 20 mm below the 版心's top.
pub const ORDER_MARK_TOP_BELOW_TYPE_AREA: Length = Length::mm(20);
/// 命令格式: 令号 标志下空二行; 正文 令号下空二行 (§10.2).
pub const LINES_BELOW_ORDER_NUMBER: i64 = 2;
/// 签发人签名章 (§7.3.5.3): 正文下空二行, the 签名章 右空四字, the 职务 左空二字 of it, the
/// date 签名章下空一行右空四字.
pub const LINES_BEFORE_SIGNER: usize = 2;
pub const SIGNER_RIGHT_CHARS: i64 = 4;
pub const SIGNER_TITLE_GAP_CHARS: i64 = 2;
pub const LINES_BELOW_SIGNER: usize = 1;
/// The box a 签名章 picture is fitted into: the standard gives no size; a name stamp is
/// about 30 × 15 mm.
pub const SIGNER_STAMP_WIDTH: Length = Length::mm(30);
pub const SIGNER_STAMP_HEIGHT: Length = Length::mm(15);

// ---- 版记 (§7.4) ----

/// 版记 — 抄送, 印发机关和印发日期 in 四号仿宋. Std §7.4.2, §7.4.3.
pub const IMPRINT_SIZE: Length = SIZE_4;
/// 版记 — 左右各空一字 (a 四号 character). Std §7.4.2.
pub const IMPRINT_SIDE_INDENT: Length = SIZE_4;
/// 版记 — 首条和末条分隔线 0.35 mm. Std §7.4.1 (推荐高度).
pub const IMPRINT_RULE_THICK: Length = Length::um(350);
/// 版记 — 中间的分隔线 0.25 mm. Std §7.4.1 (推荐高度).
pub const IMPRINT_RULE_THIN: Length = Length::um(250);

// ---- 表格 (§8; the standard sets no rules for a table's own form) ----

/// 表格线 — every rule of a table 0.5 pt (Word's default single border, 4 eighths of a point).
/// Practice.
pub const TABLE_RULE: Length = Length::emu(6350);
/// 单元格左右边距 — 0.19 cm (108 twip), Word's default cell margin. Practice.
pub const TABLE_CELL_PADDING: Length = Length::twip(108);
/// A column is never narrower than two characters of its text (序号, 合计). Practice.
pub const TABLE_MIN_COLUMN_CHARS: i64 = 2;
/// 表格文字 — 3号 by default (the document's size, §5.2.2); 4号 when a table at 3号 would not
/// fit the 版心's width. Practice: 附件 tables are set in 3号 or 4号 仿宋, the header in 黑体.
pub const TABLE_SIZE: Length = SIZE_3;
pub const TABLE_SIZE_SMALL: Length = SIZE_4;
/// 横排表格 (§8): the 版心 turned a quarter: as wide as the portrait 版心 is high (225 mm).
/// Std §8 (the page's 版心 is turned, not the paper).
pub const TURNED_WIDTH: Length = TYPE_AREA_HEIGHT;
/// 横排表格 (§8): the 正文's line pitch kept in the turned 版心, whose 156 mm hold 15 whole
/// lines (the rest, 2.6 mm, stays blank at its foot). Derived §5.2.3, §8.
pub const TURNED_LINES: usize = (TYPE_AREA_WIDTH.to_emu() / LINE_PITCH.to_emu()) as usize;
/// 横排表格文字 — 4号: a table too wide for the portrait 版心 is a wide one, set as practice
/// sets budget and statistics tables. Practice.
pub const TURNED_TABLE_SIZE: Length = SIZE_4;
/// 表题 — 3号黑体, centred, on the line above the table. Practice.
pub const TABLE_CAPTION_SIZE: Length = SIZE_3;

// ---- 页码 (§7.5) ----

/// 页码 — the 一字线 sits 7 mm below the bottom edge of the 版心. Std §7.5.
pub const PAGE_NUMBER_GAP: Length = Length::mm(7);
/// 页码 — 单页码居右空一字, 双页码居左空一字; the 字 is the number's own size, 四号.
/// Derived/guess §6.7.
pub const PAGE_NUMBER_SIDE_INDENT: Length = SIZE_4;

/// The left edge of the 版心.
pub const TYPE_AREA_LEFT: Length = BINDING_MARGIN;
/// The right edge of the 版心.
pub const TYPE_AREA_RIGHT: Length = Length::emu(BINDING_MARGIN.to_emu() + TYPE_AREA_WIDTH.to_emu());
/// The top edge of the 版心.
pub const TYPE_AREA_TOP: Length = TOP_MARGIN;
/// The bottom edge of the 版心.
pub const TYPE_AREA_BOTTOM: Length = Length::emu(TOP_MARGIN.to_emu() + TYPE_AREA_HEIGHT.to_emu());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_fills_the_type_area() {
        // 22 lines and 28 characters fill the 版心 to within one EMU per line/cell.
        let h = LINE_PITCH * LINES_PER_PAGE as i64 - TYPE_AREA_HEIGHT;
        assert!(h.to_emu().abs() <= LINES_PER_PAGE as i64);
        let w = CHAR_PITCH * CHARS_PER_LINE - TYPE_AREA_WIDTH;
        assert!(w.to_emu().abs() <= CHARS_PER_LINE);
        assert!((LINE_PITCH.to_pt() - 28.99).abs() < 0.01);
        assert!((CHAR_PITCH.to_pt() - 15.79).abs() < 0.01);
        assert_eq!(TURNED_LINES, 15);
        assert!((TYPE_AREA_RIGHT - PAPER_WIDTH + Length::mm(26)).to_emu() == 0);
    }

    #[test]
    fn body_squeeze_is_whole_twips_and_keeps_28_per_line() {
        assert_eq!(BODY_TRACKING, Length::twip(-5));
        let advance = SIZE_3 + BODY_TRACKING;
        assert!(advance * CHARS_PER_LINE <= TYPE_AREA_WIDTH);
        assert!(advance * (CHARS_PER_LINE + 1) > TYPE_AREA_WIDTH);
    }
}
