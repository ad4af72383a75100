//! Forwarded and issued documents (转发、印发、批转): each set after the covering 署名 as a
//! document of its own — title, bracketed byline, 主送机关, 正文, 署名 and date by the same
//! rules as the covering ones, its own 附件 — with no 附件 label or 附件说明.

use super::engine::{Engine, body_style};
use super::pages::{Align, Keep};
use super::setting::{self, Style};
use crate::compose::{ForwardedPart, ForwardedStart};
use crate::gbt9704 as std_;
use crate::length::Length;

impl Engine<'_> {
    /// A forwarded document: on a new page, or after one blank line (接排).
    pub fn forwarded(&mut self, part: &ForwardedPart) {
        let first = self.slots.len();
        match part.start {
            ForwardedStart::NewPage => {}
            ForwardedStart::Follow => self.blanks_kept(1),
        }
        self.title_lines(&part.title);
        if part.start == ForwardedStart::NewPage {
            self.slots[first].new_page = true;
        }
        if let Some(byline) = &part.byline {
            // 题注: 3号仿宋, centred under the title.
            let style = Style {
                first_indent: Length::ZERO,
                justify: false,
                center: true,
                ..body_style()
            };
            let lines = setting::set(self.metrics, &byline.runs, &style, std_::TYPE_AREA_WIDTH);
            self.push(byline, &style, lines, Keep::WithNext, Align::Center, false);
        }
        self.blanks_kept(std_::LINES_AFTER_TITLE);
        if let Some(recipients) = &part.recipients {
            self.recipients(recipients);
        }
        self.blocks(&part.body);
        if let Some(signature) = &part.signature {
            self.signature(signature);
        }
        for attachment in &part.attachments {
            self.attachment(attachment);
        }
    }
}
