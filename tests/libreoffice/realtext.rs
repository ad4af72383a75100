//! Real-style 公文 text as clerks type it, not written to suit our layout: digits and Latin
//! inside Chinese, long numbers with thousands separators, percentages, dates in several forms,
//! 文号 with 〔〕, 《》 titles and “” quotes, half-width , ; : ( ) typed among full-width marks,
//! U+3000 between a contact's name and number — and runs of headings (一、 then （一） with
//! no text between). A deterministic generator (SplitMix64): the same documents everywhere.

use crate::common::Rng;

/// Clause patterns; `{n}` is a number, `{d}` a date, `{l}` a Latin term, `{b}` a 《》 title,
/// `{q}` a “” phrase.
const CLAUSES: &[&str] = &[
    "全年共完成固定资产投资{n}",
    "截至{d}累计完成{n}",
    "同比增长{p}",
    "其中{l}项目完成投资{n}",
    "认真贯彻落实{b}",
    "深入推进{q}改革",
    "按照{b}({w})要求",
    "持续开展{q}专项行动",
    "新建{l}基站{i}个",
    "全镇{l}总量达到{n}",
    "于{d}前报送镇党政办公室",
    "完成率达{p}",
    "各村(社区)要高度重视",
    "建立健全工作台账",
    "实行销号管理",
    "及时将有关情况报县政府",
    "群众满意度达{p}以上",
    "争取上级资金{n}",
    "共排查隐患{i}处",
    "整改到位{i}处",
    "办理群众来信来访{i}件",
    "{d}召开专题会议研究部署",
    "对照{b}逐条整改",
    "涉及农户{i}户、人口{i}人",
    "投资{i}",
    "增长{i}",
    "项目编号为{c}",
    "联系人:王五　电话:{t}",
    "咨询电话{t}",
    "落实{q}要求",
    "做好{l}平台推广应用",
];

const LATIN: &[&str] = &[
    "GDP", "PPP", "5G", "APP", "EPC", "PM2.5", "WiFi", "ISO9001", "AAAA级", "O2O", "CT", "LED",
];
const BOOKS: &[&str] = &[
    "《中华人民共和国安全生产法》",
    "《关于进一步加强安全生产工作的通知》",
    "《某某县乡村振兴战略规划(2018—2022年)》",
    "《政府工作报告》",
    "《党政机关公文处理工作条例》",
];
const QUOTES: &[&str] = &[
    "“放管服”",
    "“一网通办”",
    "“十四五”",
    "“双随机、一公开”",
    "“最多跑一次”",
    "“四好农村路”",
];
const NUMBERS: &[&str] = &[
    "1200万元",
    "12,345.67万元",
    "3.5公里",
    "2000余人",
    "46户",
    "1,234,567元",
    "0.8亿元",
    "15.6万平方米",
    "328.5亿元",
    "100万元",
];
const PERCENT: &[&str] = &["15.8%", "100%", "98.5%", "3.2个百分点", "12％", "0.5%"];
const DATES: &[&str] = &[
    "2024年3月8日",
    "2023年底",
    "3月15日至4月30日",
    "2024.3.8",
    "2024-03-08",
    "1—6月",
    "2023年12月31日",
    "上半年",
];
const WENHAO: &[&str] = &[
    "某政发〔2024〕12号",
    "某办发〔2023〕5号",
    "某府函〔2024〕108号",
];
const PHONES: &[&str] = &["0731-84567890", "13800138000", "12345678"];
const CODES: &[&str] = &["2024-430102-48-01-000123", "XM20240308001", "A-12"];

fn fill(rng: &mut Rng, pattern: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let key = &rest[at + 1..at + 2];
        rest = &rest[at + 3..];
        out.push_str(&match key {
            "n" => rng.pick(NUMBERS).to_owned(),
            "p" => rng.pick(PERCENT).to_owned(),
            "d" => rng.pick(DATES).to_owned(),
            "l" => rng.pick(LATIN).to_owned(),
            "b" => rng.pick(BOOKS).to_owned(),
            "q" => rng.pick(QUOTES).to_owned(),
            "w" => rng.pick(WENHAO).to_owned(),
            "t" => rng.pick(PHONES).to_owned(),
            "c" => rng.pick(CODES).to_owned(),
            _ => (1 + rng.below(2000)).to_string(),
        });
    }
    out.push_str(rest);
    out
}

/// A sentence of 2–5 clauses: commas full-width, or half-width as a clerk may type them; it
/// ends with 。 (sometimes ；).
fn sentence(rng: &mut Rng) -> String {
    let n = 2 + rng.below(4);
    let mut s = String::new();
    for k in 0..n {
        if k > 0 {
            s.push_str(rng.pick(&["，", "，", "，", "，", "，", ",", "、", "；"]));
        }
        let clause = rng.pick(CLAUSES);
        s.push_str(&fill(rng, clause));
    }
    s.push_str(rng.pick(&["。", "。", "。", "。", "；", "."]));
    s
}

fn paragraph(rng: &mut Rng, len: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < len {
        s.push_str(&sentence(rng));
    }
    if !s.ends_with('。') {
        s.push('。');
    }
    s
}

/// A heading: a clause without its final mark.
fn heading(rng: &mut Rng) -> String {
    let clause = rng.pick(CLAUSES);
    let h = fill(rng, clause);
    h.chars().take(24).collect()
}

/// YAML double-quoted.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn document(seed: u64) -> String {
    let mut rng = Rng(seed);
    let kind = ["通知", "报告", "请示"][rng.below(3)];
    let mut y = format!("kind: {kind}\nissuers:\n  - name: 某某县某某镇人民政府\n");
    y.push_str("recipients: [某某县人民政府]\n");
    y.push_str(&format!(
        "subject: {}\nbody:\n",
        q(&format!("{}有关情况", heading(&mut rng)))
    ));
    let blocks = 2 + rng.below(7);
    for _ in 0..blocks {
        match rng.below(4) {
            0 => {
                // A run of headings: 一、 then （一） with no text between.
                y.push_str(&format!(
                    "  - heading: {}\n    body:\n      - heading: {}\n        body:\n",
                    q(&heading(&mut rng)),
                    q(&heading(&mut rng))
                ));
                for _ in 0..1 + rng.below(2) {
                    let len = 20 + rng.below(300);
                    y.push_str(&format!("          - {}\n", q(&paragraph(&mut rng, len))));
                }
            }
            1 => {
                y.push_str(&format!(
                    "  - heading: {}\n    body:\n",
                    q(&heading(&mut rng))
                ));
                for _ in 0..1 + rng.below(3) {
                    let len = 20 + rng.below(300);
                    y.push_str(&format!("      - {}\n", q(&paragraph(&mut rng, len))));
                }
            }
            _ => {
                let len = 15 + rng.below(450);
                y.push_str(&format!("  - {}\n", q(&paragraph(&mut rng, len))));
            }
        }
    }
    y.push_str("date: 2024-03-08\n");
    if kind == "请示" {
        y.push_str("note: 联系人：张三，电话：0731-84567890\n");
    }
    y
}
