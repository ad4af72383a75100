//! 发文字号 — the rules GB/T 9704 §7.2.5 sets for it, shared by the model (which refuses a bad
//! one in a 版头) and `gongwen check` (which reports it, rule GW501).

/// What is wrong with a 发文字号 (GB/T 9704-2012 7.2.5), or `None` when it is right:
/// 机关代字 + 〔four-digit year〕 + a number without 第 and without leading zeros + 号.
pub fn doc_number_problem(number: &str) -> Option<String> {
    let s = number.trim();
    if s.contains('第') {
        return Some("中有“第”字；发文顺序号不加“第”字。".into());
    }
    for (wrong, name) in [
        ('[', "方括号[ ]"),
        ('【', "方头括号【】"),
        ('(', "圆括号( )"),
        ('（', "圆括号（）"),
        ('［', "方括号［］"),
    ] {
        if s.contains(wrong) {
            return Some(format!("用了{name}；年份应当用六角括号〔〕括入。"));
        }
    }
    let Some((issuer, rest)) = s.split_once('〔') else {
        return Some("缺少用六角括号〔〕括入的年份。".into());
    };
    if issuer.trim().is_empty() {
        return Some("缺少机关代字（如“梅府发”）。".into());
    }
    let Some((year, rest)) = rest.split_once('〕') else {
        return Some("六角括号〔〕不成对。".into());
    };
    if year.chars().count() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("年份「{year}」应写四位阿拉伯数字全称，如 2024。"));
    }
    let Some(serial) = rest.strip_suffix('号') else {
        return Some("末尾缺少“号”字。".into());
    };
    if serial.is_empty() || !serial.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("发文顺序号「{serial}」应为阿拉伯数字。"));
    }
    if serial.starts_with('0') {
        return Some(format!("发文顺序号「{serial}」编了虚位；1 不编为 01。"));
    }
    None
}
