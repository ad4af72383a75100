//! 横排表格 (GB/T 9704 §8): which 版心 a block is set in. A table whose columns at their
//! narrowest do not fit the portrait 版心 (or one the clerk marks 横排) is set in the turned
//! 版心, 225 mm wide and 15 lines high, with its caption — and with the 附件 label and title
//! when it opens a 附件; the flow returns upright after it. Pagination begins a page at every
//! change of frame.

use super::engine::Engine;
use super::pages::Frame;
use crate::compose::{Block, CellSize, Orientation, Role, Table};
use crate::gbt9704 as std_;
use crate::length::Length;

impl Engine<'_> {
    /// Blocks of a 正文 or 附件, each in its frame; upright again after them.
    pub fn blocks(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            let frame = self.opening_frame(&blocks[i..]);
            // A table right under another one gets a blank line: drawn together they read as
            // one table (and Word joins two tables with no paragraph between them).
            let under_table = i > 0 && blocks[i - 1].table.is_some();
            if under_table && block.table.is_some() && frame == self.frame {
                self.blank();
            }
            self.frame = frame;
            self.text(block);
        }
        self.frame = Frame::Upright;
    }

    /// The frame of the first of `blocks`: a table's own, a caption's that of its table.
    pub fn opening_frame(&self, blocks: &[Block]) -> Frame {
        let table = match blocks {
            [Block { table: Some(t), .. }, ..] => t,
            [
                Block {
                    role: Role::TableCaption,
                    ..
                },
                Block { table: Some(t), .. },
                ..,
            ] => t,
            _ => return Frame::Upright,
        };
        self.table_frame(table)
    }

    /// 横排 when asked, or when the columns at their narrowest (at 4号 unless the clerk fixed
    /// 3号) are wider than the portrait 版心.
    pub fn table_frame(&self, table: &Table) -> Frame {
        match table.orientation {
            Orientation::Portrait => Frame::Upright,
            Orientation::Landscape => Frame::Turned,
            Orientation::Auto => {
                let size = match table.size {
                    CellSize::Three => std_::TABLE_SIZE,
                    CellSize::Four | CellSize::Auto => std_::TABLE_SIZE_SMALL,
                };
                let min = self.column_bounds(table, size).min;
                if min.iter().copied().sum::<Length>() <= Frame::Upright.width() {
                    Frame::Upright
                } else {
                    Frame::Turned
                }
            }
        }
    }
}

impl Engine<'_> {
    /// The warning for a table whose columns at their narrowest are `needed` wide, more than
    /// its 版心: it is squeezed.
    pub(super) fn squeezed(&self, needed: Length) -> crate::diag::Diagnostic {
        let (place, hint) = match self.frame {
            Frame::Upright => (
                "版心",
                "表格写了 orientation: 竖排；去掉这一项，表格即按 GB/T 9704 §8 横排。也可减少列数、缩短内容。",
            ),
            Frame::Turned => ("横排版心", "请减少列数、缩短内容，或把表格拆成两个。"),
        };
        crate::diag::Diagnostic::warning(format!(
            "表格按内容至少需要 {:.0} mm 宽，超过{place}的 {:.0} mm，已压缩列宽（数字可能在格内折行）。",
            needed.to_mm(),
            self.frame.width().to_mm()
        ))
        .hint(hint)
    }
}
