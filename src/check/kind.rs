//! 文种与版头 — rules about what kind of document this is and how it is identified:
//!
//! - GW401: a 报告 that asks for instructions (请批示、妥否……): a 报告 may not carry a 请示;
//! - GW402: a 批复 whose opening paragraph does not cite the 请示 it answers (《标题》 and
//!   发文字号: 你镇《关于……的请示》（某镇发〔2024〕5号）收悉);
//! - GW403: 主送机关 on a 公告, 通告, 公报 or 决议, which are published to all;
//! - GW404: a 议案 whose 主送机关 is not a 人民代表大会 or its 常务委员会;
//! - GW501: a 发文字号 that is not 机关代字〔YYYY〕N号 (full year in 〔〕, no 第, no leading zero).

use super::text::{Doc, Item, Role};
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
    let recipients: Vec<&Item> = doc
        .items
        .iter()
        .filter(|i| i.value.key == "recipients")
        .collect();
    match doc.kind {
        "批复" => reply(doc, out),
        "公告" | "通告" | "公报" | "决议" => {
            if let Some(first) = recipients.first() {
                let d = out.at(
                    "GW403",
                    first.value.line,
                    first.value.column,
                    format!("{}是普发的公文，一般不写主送机关。", doc.kind),
                );
                hint(d, "请删去 recipients；确需主送的，请确认文种是否应为通知。");
            }
        }
        "议案" => {
            for r in recipients {
                let name = r.value.value.trim();
                if !(name.contains("人民代表大会") || name.contains("人大")) {
                    let d = out.at(
                        "GW404",
                        r.value.line,
                        r.value.column,
                        format!(
                            "议案提请同级人民代表大会或其常务委员会审议，主送机关「{name}」不是。"
                        ),
                    );
                    hint(d, "例如 recipients: [某某县人民代表大会常务委员会]。");
                }
            }
        }
        _ => {}
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

/// A 批复 opens by citing the 请示 it answers: its title in 《》 and its 发文字号 (〔年份〕).
fn reply(doc: &Doc, out: &mut Findings) {
    let Some(opening) = doc.with_role(|r| r == Role::Paragraph).next() else {
        return;
    };
    let text = &opening.value.value;
    let cites_title = text.contains('《') && text.contains("请示");
    let cites_number = text.contains('〔') && text.contains('号');
    if cites_title && cites_number {
        return;
    }
    let d = out.at(
        "GW402",
        opening.value.line,
        opening.value.column,
        "批复的开头一般引述所答复请示的标题和发文字号。".to_owned(),
    );
    hint(
        d,
        "例如：你镇《关于调整村级区划的请示》（某镇发〔2024〕5号）收悉。经研究，现批复如下：",
    );
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
