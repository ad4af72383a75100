//! 附件说明 and the 附件 themselves (GB/T 9704 §7.3.4, §7.3.7).

use super::engine::{Engine, body_style, flush_style};
use super::fonts::FontRole;
use super::pages::{Align, Keep};
use super::setting::{self, Style};
use crate::compose::{AttachmentNote, AttachmentPart, Block, Role, Run};
use crate::gbt9704 as std_;
use crate::length::Length;

impl Engine<'_> {
    /// 附件说明 (§7.3.4): 正文下空一行左空二字, "附件：" then each name, numbered when there are
    /// several; a name that wraps continues under its own first character. It stays in one
    /// piece.
    pub fn attachment_note(&mut self, note: &AttachmentNote) {
        self.blank();
        self.slots.last_mut().expect("just pushed").keep_with_next = true;
        self.last_paragraph().keep = Keep::WithNext;
        let style = flush_style();
        let indent = std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS;
        let width_of = |text: &str| setting::width(self.metrics, text, FontRole::Body, &style);
        let label_w = width_of(&note.label);
        let lines = note.lines();
        let count = lines.len();
        for (i, (number, line)) in lines.into_iter().enumerate() {
            // The 顺序号 ("1. ") hangs; the name's lines align after it.
            let block = Block {
                role: Role::AttachmentNote,
                runs: vec![Run::plain(line)],
                breaks: Vec::new(),
                table: None,
            };
            let start = if i == 0 { indent } else { indent + label_w };
            let body_x = indent + label_w + width_of(&number);
            let keep = if i + 1 < count {
                Keep::WithNext
            } else {
                Keep::Free
            };
            self.hanging(&block, &style, start, body_x, keep);
        }
    }

    /// An attachment (§7.3.7): on a new page, "附件1" in 3号黑体 顶格 on the first line, its
    /// title centred on the third line as the 标题 is set, a blank line, then its text.
    /// When its body opens with a 横排 table, the label and title stand above the table in the
    /// turned 版心 (§8).
    pub fn attachment(&mut self, part: &AttachmentPart) {
        self.frame = self.opening_frame(&part.body);
        let style = Style {
            plain: FontRole::Hei,
            first_indent: Length::ZERO,
            justify: false,
            ..body_style()
        };
        let lines = setting::set(self.metrics, &part.label.runs, &style, self.frame.width());
        let first_slot = self.slots.len();
        self.push(
            &part.label,
            &style,
            lines,
            Keep::WithNext,
            Align::Left,
            false,
        );
        self.slots[first_slot].new_page = true;
        self.blank();
        self.slots.last_mut().expect("just pushed").keep_with_next = true;
        self.title(&part.title, None);
        self.blocks(&part.body);
    }
}
