//! GW705: where the 署名 and the 成文日期 stand, and how the date is written.

use super::Body;
use super::finding;
use super::styles::Place;
use crate::check::hint;
use crate::diag::{Diagnostic, Location};
use crate::import::docx::Paragraph;
use std::path::Path;

/// GW705 — the 成文日期 (the last whole-line date before the 版记) and the 署名 above it: the
/// date in Arabic digits (§7.3.5.4) and both set towards the right (§7.3.5.1, §7.3.5.2).
pub(super) fn signature(path: &Path, body: &Body) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let paras = &body.paras;
    let Some(at) = paras
        .iter()
        .rposition(|p| crate::import::parse_date(&p.text.replace(['|', '\t'], "")).is_some())
    else {
        return out;
    };
    let date = paras[at];
    let place = |p: &Paragraph| {
        let Some(node) = body.node(p) else {
            return Place::default();
        };
        Place::of(node).over(&body.styles.place(body.style(node).as_deref()))
    };
    let mut report = |p: &Paragraph, clause: &'static str, message: String| {
        let mut d = finding(path, "GW705", clause, message);
        d.location = Some(Location {
            file: path.to_owned(),
            line: p.index + 1,
            column: 1,
        });
        d.source_line = Some(p.text.clone());
        out.push(d);
    };
    let written = date.text.trim();
    if !written.chars().any(|c| c.is_ascii_digit()) {
        report(
            date,
            "GB/T 9704-2012 7.3.5.4",
            format!("成文日期「{written}」应用阿拉伯数字将年、月、日标全（如 2024年5月20日）。"),
        );
    } else if written.contains("年0") || written.contains("月0") {
        report(
            date,
            "GB/T 9704-2012 7.3.5.4",
            format!("成文日期「{written}」的月、日不编虚位（1 不写成 01）。"),
        );
    }
    if !place(date).right(&date.text) {
        report(
            date,
            "GB/T 9704-2012 7.3.5.1、7.3.5.2",
            "成文日期应编排在版心右侧（加盖印章时右空四字；不加盖印章时在署名下一行、首字比署名首字右移二字），这里靠左。".to_owned(),
        );
    }
    if let Some(name) = at.checked_sub(1).map(|i| paras[i])
        && crate::import::is_signature(&name.text)
        && !place(name).right(&name.text)
    {
        report(
            name,
            "GB/T 9704-2012 7.3.5.2",
            "发文机关署名应编排在版心右侧（不加盖印章时右空二字，成文日期在其下一行），这里靠左。"
                .to_owned(),
        );
    }
    for d in &mut out {
        hint(
            d,
            "请调整署名和成文日期的位置；或用 gongwen import 转成 YAML，由 gongwen 重新排版。",
        );
    }
    out
}
