//! GW601 字库缺字 — a character that no available font can draw in its role: printed as an empty
//! box. The font choice is the layout's own ([`Metrics::face_with`]), asked per character, so
//! the checker and the layout never disagree; the checker adds the place in the file.

use super::text::{Doc, Role};
use super::{Findings, hint};
use crate::layout::FontRole;
use crate::layout::FontSet;
use crate::layout::fonts::Metrics;

pub(super) fn check(doc: &Doc, fonts: &FontSet, out: &mut Findings) {
    let metrics = Metrics::new(fonts);
    for item in doc.with_role(|r| r != Role::DocNumber) {
        let role = match item.role {
            Role::Title | Role::Subject => FontRole::Title,
            Role::Heading(level) => FontRole::heading(level),
            _ => FontRole::Body,
        };
        for c in item.value.value.chars() {
            let before = metrics.missing.borrow().len();
            metrics.face_with(role, c);
            if metrics.missing.borrow().len() > before {
                let d = out.in_value(
                    "GW601",
                    item.value,
                    &c.to_string(),
                    0,
                    format!(
                        "字符「{c}」（U+{:04X}）在所有可用字体中都没有字形，将显示为空框。",
                        c as u32
                    ),
                );
                hint(
                    d,
                    "请安装含该字的字体（如思源宋体/Noto Serif CJK），或改用常用字；生僻字也可请印制部门造字。",
                );
            }
        }
    }
}
