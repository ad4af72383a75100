//! 出席、请假、列席 of a 纪要 (GB/T 9704 §10.3).

use super::engine::{Engine, flush_style};
use super::fonts::FontRole;
use super::pages::Keep;
use super::setting::{self, Style};
use crate::compose::{Block, Labelled, Role, Run, RunStyle};
use crate::gbt9704 as std_;

impl Engine<'_> {
    /// 正文下空一行左空二字: each label (黑体) and its colon, the names after it; a wrapped line
    /// continues under the first name.
    pub fn attendance(&mut self, lines: &[Labelled]) {
        if lines.is_empty() {
            return;
        }
        self.blank();
        let style = flush_style();
        let indent = std_::CHAR_PITCH * std_::PARAGRAPH_INDENT_CHARS;
        let label_style = Style {
            plain: FontRole::Hei,
            ..style
        };
        for line in lines {
            let block = Block {
                role: Role::Attendance,
                runs: vec![
                    // The label in the 一级标题's face, 黑体.
                    Run {
                        text: line.label.clone(),
                        style: RunStyle::Heading(1),
                    },
                    Run::plain(line.text.clone()),
                ],
                breaks: Vec::new(),
                table: None,
            };
            let body_x =
                indent + setting::width(self.metrics, &line.label, FontRole::Hei, &label_style);
            self.hanging(&block, &style, indent, body_x, Keep::Free);
        }
    }
}
