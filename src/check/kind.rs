//! 文种与版头 — rules about what kind of document this is and how it is identified:
//!
//! - GW401: a 报告 that asks for instructions (请批示、妥否……): a 报告 may not carry a 请示;
//! - GW501: a 发文字号 that is not 机关代字〔YYYY〕N号 (full year in 〔〕, no 第, no leading zero).

use super::text::{Doc, Role};
use super::{Findings, hint};
use crate::model::doc_number_problem;

/// Phrases that ask the receiving organ to decide or instruct.
const REQUESTS: &[&str] = &[
    "请批示",
    "妥否",
    "当否",
    "请审批",
    "请批准",
    "请予批准",
    "请核准",
    "请予审批",
    "请指示",
    "请审定",
    "请批复",
    "以上请示",
    "特此请示",
];

pub(super) fn check(doc: &Doc, out: &mut Findings) {
    if doc.kind == "报告" {
        for item in doc.with_role(|r| r.is_prose() && r != Role::DocNumber) {
            if let Some(phrase) = REQUESTS.iter().find(|p| item.value.value.contains(*p)) {
                let d = out.in_value(
                    "GW401",
                    item.value,
                    phrase,
                    0,
                    format!("报告中出现了请示用语「{phrase}」；报告不得夹带请示事项。"),
                );
                hint(
                    d,
                    "需要上级批准或答复的事项，请另写一份请示；报告中请删去这句。",
                );
            }
        }
    }
    for item in doc.with_role(|r| r == Role::DocNumber) {
        if let Some(problem) = doc_number_problem(&item.value.value) {
            let d = out.at(
                "GW501",
                item.value.line,
                item.value.column,
                format!("发文字号「{}」{problem}", item.value.value.trim()),
            );
            hint(
                d,
                "发文字号写成 机关代字〔年份〕序号号，例如 梅府发〔2024〕3号。",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        assert_eq!(doc_number_problem("梅府发〔2024〕3号"), None);
        assert_eq!(doc_number_problem("秀山府办发〔2023〕112号"), None);
        let problem = |s| doc_number_problem(s).unwrap();
        assert!(problem("梅府发〔2024〕第3号").contains("第"));
        assert!(problem("梅府发〔2024〕03号").contains("虚位"));
        assert!(problem("梅府发[2024]3号").contains("六角括号"));
        assert!(problem("梅府发（2024）3号").contains("六角括号"));
        assert!(problem("梅府发〔24〕3号").contains("四位"));
        assert!(problem("梅府发〔2024〕3").contains("号"));
        assert!(problem("〔2024〕3号").contains("机关代字"));
        assert!(problem("梅府发2024年3号").contains("〔〕"));
    }
}
