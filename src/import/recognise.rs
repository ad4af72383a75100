//! From lines of text to an [`Outline`] of the 公文: where each part begins is recognised from
//! the forms GB/T 9704 gives it (the title's 文种, the 主送's colon, typed 序数, the date, the
//! 版记's 抄送：/印发), from the end of the text backwards for the parts that close it.

use super::carried::{Forwarded, VERBS, carried_titles, forwarded};
use crate::check::numbering::{self, Prefix};
use crate::check::punct::fix_plain;
use crate::model::{DocumentKind, IssueDate, MarkBodies, Sealing};

/// A 公文 as recognised: every field the YAML schema has, plus what could not be placed.
#[derive(Debug, Default)]
pub struct Outline {
    pub kind: Option<DocumentKind>,
    /// 发文字号.
    pub doc_number: Option<String>,
    /// 发文机关's full names: from a DOCX's properties, else the 署名 (else the lines above
    /// the title).
    pub issuers: Vec<String>,
    /// 署名 as printed, where known apart from the full names.
    pub signatures: Vec<String>,
    /// 印章, where the layout shows it.
    pub sealing: Option<Sealing>,
    /// 版头, where the document has one.
    pub letterhead: Option<Letterhead>,
    /// 纪要: 出席、请假、列席 — the label and the names.
    pub attendance: Vec<(String, Vec<String>)>,
    pub recipients: Vec<String>,
    pub title: Option<String>,
    pub body: Vec<Node>,
    /// 结束语 as found; `None` when the text has none.
    pub closing: Option<String>,
    /// The names listed in the 附件说明.
    pub attachment_names: Vec<String>,
    /// The 附件 set after the 署名: title and content.
    pub attachments: Vec<(String, Vec<Node>)>,
    pub date: Option<IssueDate>,
    /// 附注, without its brackets.
    pub note: Option<String>,
    pub copy_to: Vec<String>,
    pub printer: Option<String>,
    pub print_date: Option<IssueDate>,
    /// Documents it issues or forwards (印发、转发、批转), each after the covering 署名.
    pub forwarded: Vec<Forwarded>,
    /// Lines outside the 正文 that fit nowhere (web page menus, "扫一扫"): kept as comments.
    pub unplaced: Vec<String>,
    /// What was guessed or changed, for the clerk to check.
    pub notes: Vec<String>,
}

/// 版头 fields.
#[derive(Debug, Default)]
pub struct Letterhead {
    pub copy_number: Option<String>,
    pub secrecy: Option<String>,
    pub urgency: Option<String>,
    pub signers: Vec<String>,
    pub mark: Mark,
    pub mark_bodies: MarkBodies,
}

/// How the 发文机关标志 is formed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Names and 文件.
    #[default]
    File,
    /// Names only.
    Names,
}

/// A unit of the 正文.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A paragraph: its text before the enumeration, then the items (numbers removed).
    Paragraph { text: String, points: Vec<String> },
    /// A numbered section: its heading, the paragraph run in after it, and what it contains.
    Section {
        /// Its depth in the text's own nesting.
        level: u8,
        /// The level of the number typed, where it skips a level (1. right under 一、).
        typed_level: Option<u8>,
        form: SectionForm,
        heading: String,
        text: String,
        points: Vec<String>,
        body: Vec<Node>,
    },
    /// A table of a DOCX, where it stood.
    Table(Box<super::table::TableOutline>),
}

/// How a numbered line is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionForm {
    /// A heading sentence; at levels 2–4 the line's text after it runs in.
    Heading,
    /// 一、加强组织领导。各地区…… — a level-1 heading sentence with its text on the same line.
    RunIn,
    /// 一、各地区要……。 — a numbered paragraph without a heading sentence.
    Item,
}

/// Recognise the parts of a 公文 in its lines.
pub fn recognise(raw: &[String]) -> Outline {
    let mut out = Outline::default();
    let mut fixes = 0;
    let mut stops = 0;
    let lines: Vec<String> = raw
        .iter()
        .map(|l| {
            let (fixed, n) = fix_plain(l);
            fixes += n;
            let (fixed, m) = full_stops(&fixed);
            stops += m;
            fixed
        })
        .collect();
    if fixes > 0 {
        out.notes.push(format!(
            "已把 {fixes} 处半角标点改为全角（与 gongwen fix 相同）。"
        ));
    }
    if stops > 0 {
        out.notes
            .push(format!("已把 {stops} 处汉字后的半角句点“.”改为句号“。”。"));
    }

    // The title: the line that names a 文种, preferring one that begins with 关于.
    let title_at = find_title(&lines);
    let (head, rest) = match title_at {
        Some(i) => (&lines[..i], &lines[i..]),
        None => (&lines[..0], &lines[..]),
    };
    let mut rest = rest;
    if let Some(line) = rest.first().filter(|_| title_at.is_some()) {
        let (title, number) = title_and_number(line);
        out.kind = kind_of(&title);
        out.title = Some(title);
        out.doc_number = number;
        rest = &rest[1..];
    } else {
        out.notes
            .push("没有找到标题（以文种结尾、常以“关于”开头的一行）；请补上 title。".to_owned());
    }
    for line in head {
        if out.doc_number.is_none()
            && let Some(number) = doc_number(line)
        {
            out.doc_number = Some(number);
        } else {
            out.unplaced.push(line.clone());
        }
    }
    // A web page often puts the 发文字号 under the title.
    if out.doc_number.is_none()
        && let Some(number) = rest.first().and_then(|l| doc_number(l))
    {
        out.doc_number = Some(number);
        rest = &rest[1..];
    }
    // 主送机关: under the title, ending in a colon; a web page's lines between them (source,
    // date, font size) are kept aside.
    if let Some(at) = rest
        .iter()
        .take(6)
        .position(|l| is_recipients(l))
        .filter(|&at| rest[..at].iter().all(|l| !l.contains('。')))
    {
        out.unplaced.extend(rest[..at].iter().cloned());
        out.recipients = recipients(&rest[at]);
        rest = &rest[at + 1..];
    }

    // From the end: 版记, what follows the date, 附注, the date, 署名.
    let mut end = rest.len();
    while end > 0 {
        let line = &rest[end - 1];
        if let Some(copy) = line.strip_prefix("抄送：") {
            // 抄送 names are joined with ， when set: split there only, so a group written
            // with 、 (县委、县政府办公室) comes back as typed.
            out.copy_to = copy
                .trim_end_matches('。')
                .split('，')
                .map(str::to_owned)
                .filter(|c| !c.is_empty())
                .collect();
            end -= 1;
        } else if let Some((printer, date)) = print_line(line) {
            out.printer = Some(printer);
            out.print_date = Some(date);
            end -= 1;
        } else {
            break;
        }
    }
    // A document issued or forwarded (印发、转发) begins at its title, after the date.
    let carried = carried_titles(&rest[..end], out.title.as_deref().unwrap_or(""));
    let covering_end = carried.first().copied().unwrap_or(end);
    if !closing_parts(&rest[..covering_end], &mut out) {
        out.notes.push("没有找到成文日期；请补上 date。".to_owned());
    }
    if out.issuers.is_empty() {
        // The lines above the title that name organs (a web page repeats the 发文机关 there).
        out.issuers = out
            .unplaced
            .iter()
            .filter(|l| is_name(l) && is_organ(l))
            .cloned()
            .collect();
        if !out.issuers.is_empty() {
            out.notes
                .push("没有找到署名；发文机关取自标题上方的机关名称，请核对。".to_owned());
        }
    }
    for (k, &from) in carried.iter().enumerate() {
        let to = carried.get(k + 1).copied().unwrap_or(end);
        let f = forwarded(&rest[from..to], &mut out.unplaced);
        out.notes.push(format!(
            "「{}」按被印发（转发）的公文排在通知之后（forwarded），请核对。",
            f.title
        ));
        out.forwarded.push(f);
    }
    out
}

/// 主送机关 in a line ending in a colon. They are joined with 、 when set: split there only,
/// so the ， between groups (各乡镇人民政府，县直各部门、各单位) stays where it was typed.
pub(super) fn recipients(line: &str) -> Vec<String> {
    line.trim_end_matches('：')
        .split('、')
        .map(str::to_owned)
        .filter(|r| !r.is_empty())
        .collect()
}

/// The parts that close a document, from the end of its `lines` (the 版记 taken off): the date,
/// the 署名 above it, the 附注 and 附件 after it; then the 附件说明 and the 结束语 that end the
/// 正文, and the 正文. Whether a date was found.
pub(super) fn closing_parts(lines: &[String], out: &mut Outline) -> bool {
    let end = lines.len();
    let date_at = lines.iter().rposition(|l| parse_date(l).is_some());
    let mut body_end = end;
    if let Some(d) = date_at {
        out.date = parse_date(&lines[d]);
        // Lines after the date: the 附注, 附件, else page furniture.
        let mut after = &lines[d + 1..end];
        if let Some(note) = after.first().and_then(|l| bracketed(l)) {
            out.note = Some(note);
            after = &after[1..];
        }
        let (attachments, leftover) = attachments(after);
        out.attachments = attachments;
        out.unplaced.extend(leftover);
        // 署名: the name-like lines right above the date.
        let mut s = d;
        while s > 0 && is_name(&lines[s - 1]) && d - s < 8 {
            s -= 1;
        }
        out.issuers = lines[s..d].to_vec();
        body_end = s;
    }

    // 附件说明 and the 结束语 close the 正文.
    let mut body = &lines[..body_end];
    if let Some(a) = body.iter().position(|l| l.starts_with("附件：")) {
        out.attachment_names = body[a..]
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let l = if k == 0 {
                    &l["附件：".len()..]
                } else {
                    &l[..]
                };
                strip_list_number(l)
            })
            .collect();
        body = &body[..a];
    }
    if let Some(last) = body.last()
        && is_closing(last)
    {
        out.closing = Some(last.clone());
        body = &body[..body.len() - 1];
    }
    out.body = sections(body);
    date_at.is_some()
}

/// A half-width "." that ends a Chinese sentence (after a 汉字 or closing mark, before a 汉字 or
/// the line's end) as 。; "1.5", "1." and "www.a.cn" stay.
pub(super) fn full_stops(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let han = |c: Option<&char>| c.is_some_and(|&c| crate::check::text::is_han(c));
    let mut n = 0;
    let out = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let before = i.checked_sub(1).and_then(|p| chars.get(p));
            let closing = before.is_some_and(|c| "）》”’".contains(*c));
            if c == '.'
                && (han(before) || closing)
                && (han(chars.get(i + 1)) || i + 1 == chars.len())
            {
                n += 1;
                '。'
            } else {
                c
            }
        })
        .collect();
    (out, n)
}

/// The title line: names a 文种 at its end; one beginning with 关于 wins.
/// A web page repeats the title (page heading, metadata, the document itself): the last time
/// it stands alone among the first lines is the document's.
pub(super) fn find_title(lines: &[String]) -> Option<usize> {
    let near = lines.len().min(30);
    let candidates: Vec<usize> = (0..near)
        .filter(|&i| {
            let (l, _) = title_and_number(&lines[i]);
            kind_of(&l).is_some() && !l.contains(['。', '；', '：']) && l.chars().count() <= 80
        })
        .collect();
    let mut first = candidates
        .iter()
        .copied()
        .find(|&i| lines[i].starts_with("关于"))
        .or_else(|| candidates.first().copied())?;
    // Not the document a notice above it carries: 印发《关于……的意见》的通知, then the 意见.
    let carried = |i: usize| lines[i].trim_end_matches('。').replace(['《', '》'], "");
    if let Some(notice) = candidates.iter().copied().find(|&c| {
        c < first && {
            let (notice, _) = title_and_number(&lines[c]);
            VERBS.iter().any(|v| notice.contains(v))
                && notice.replace(['《', '》'], "").contains(&carried(first))
        }
    }) {
        first = notice;
    }
    candidates.into_iter().rfind(|&i| lines[i] == lines[first])
}

/// A title line and the 发文字号 a web page appends to it: 某某通知（某办发〔2017〕2号）.
fn title_and_number(line: &str) -> (String, Option<String>) {
    let line = line.trim_end_matches('。');
    if let Some(inner) = line.strip_suffix('）')
        && let Some(open) = inner.rfind('（')
        && let Some(number) = doc_number(&inner[open + '（'.len_utf8()..])
    {
        return (inner[..open].trim_end().to_owned(), Some(number));
    }
    (line.to_owned(), None)
}

/// The 文种 a title ends with.
fn kind_of(title: &str) -> Option<DocumentKind> {
    let t = title.trim_end_matches('。');
    DocumentKind::ALL
        .into_iter()
        .find(|k| t.ends_with(k.name()) || (k.name() == "函" && t.ends_with("复函")))
}

/// 主送机关: a list of organs (or 各…) closed with a colon.
pub(super) fn is_recipients(line: &str) -> bool {
    let Some(list) = line.strip_suffix('：') else {
        return false;
    };
    let parts: Vec<&str> = list.split(['、', '，']).filter(|p| !p.is_empty()).collect();
    let organs = parts
        .iter()
        .filter(|p| is_organ(p) || p.starts_with('各') || p.ends_with('）'))
        .count();
    !list.contains(['。', '；', '《']) && !parts.is_empty() && organs * 2 >= parts.len()
}

/// A 发文字号 alone on a line, its year in 〔〕 — also when typed in [ ] or ［］, as web pages
/// do (中青办发[2005]13号 → 中青办发〔2005〕13号).
fn doc_number(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.ends_with('号') || line.chars().count() >= 30 {
        return None;
    }
    for (open, close) in [('〔', '〕'), ('[', ']'), ('［', '］')] {
        if let Some((before, after)) = line.split_once(open)
            && let Some((year, number)) = after.split_once(close)
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && !before.is_empty()
        {
            return Some(format!("{before}〔{year}〕{number}"));
        }
    }
    None
}

/// A line that could be a 署名: a short name without sentence marks.
pub(crate) fn is_signature(line: &str) -> bool {
    is_name(line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
}

/// A short line without sentence marks: a name (署名, 机关).
pub(super) fn is_name(line: &str) -> bool {
    !line.contains(['。', '，', '；', '：', '、', '！', '？'])
        && (2..=40).contains(&line.chars().count())
        && parse_date(line).is_none()
}

/// A name that ends like an organ's.
fn is_organ(line: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "委员会",
        "人民政府",
        "政府",
        "办公室",
        "办公厅",
        "局",
        "厅",
        "部",
        "委",
        "院",
        "会",
        "中心",
        "所",
        "站",
        "队",
        "处",
        "科",
        "公司",
        "党委",
        "党组",
        "区",
        "县",
        "市",
        "乡",
        "镇",
        "街道",
        "单位",
        "部门",
        "机构",
        "组织",
        "企业",
        "学校",
    ];
    ENDINGS.iter().any(|e| line.ends_with(e))
}

/// 特此报告。 妥否，请批示。 and the like: a short closing formula.
fn is_closing(line: &str) -> bool {
    const FORMULAS: &[&str] = &[
        "特此",
        "妥否",
        "当否",
        "以上报告",
        "以上请示",
        "请批示",
        "请审批",
        "此复",
        "专此",
        "盼复",
        "请予",
        "敬请",
    ];
    line.chars().count() <= 20 && FORMULAS.iter().any(|f| line.starts_with(f))
}

/// （……） as a whole line: its content.
pub(super) fn bracketed(line: &str) -> Option<String> {
    line.strip_prefix('（')
        .and_then(|l| l.strip_suffix('）'))
        .map(str::to_owned)
}

/// "印发机关　2024年2月23日印发".
pub(super) fn print_line(line: &str) -> Option<(String, IssueDate)> {
    let body = line.strip_suffix("印发")?;
    let split = body.rfind(|c: char| c.is_whitespace() || c == '\u{3000}')?;
    let (printer, date) = body.split_at(split);
    Some((
        printer.trim().to_owned(),
        parse_date(date.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))?,
    ))
}

/// 2024年2月22日, 2024-02-22 or 二〇二四年二月二十二日 as a whole line.
pub fn parse_date(line: &str) -> Option<IssueDate> {
    let l = line.trim();
    IssueDate::parse(l).or_else(|| chinese_date(l))
}

/// 二〇二四年二月二十二日.
fn chinese_date(l: &str) -> Option<IssueDate> {
    // Web pages write the zero as ○ (a circle), Ｏ or 零.
    let digit = |c: char| match c {
        '○' | 'Ｏ' | 'O' | '零' => Some(0),
        c => "〇一二三四五六七八九".chars().position(|d| d == c),
    };
    let (year, rest) = l.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year: String = year
        .chars()
        .map(|c| digit(c).map(|d| char::from(b'0' + d as u8)))
        .collect::<Option<String>>()?;
    let small = |s: &str| -> Option<u8> {
        let chars: Vec<char> = s.chars().collect();
        let n = |c: char| digit(c).filter(|&d| d > 0);
        match chars.as_slice() {
            ['十'] => Some(10),
            [c] => n(*c).map(|d| d as u8),
            ['十', c] => n(*c).map(|d| 10 + d as u8),
            [a, '十'] => n(*a).map(|d| 10 * d as u8),
            [a, '十', b] => Some(10 * n(*a)? as u8 + n(*b)? as u8),
            _ => None,
        }
    };
    IssueDate::new(year.parse().ok()?, small(month)?, small(day)?)
}

/// "1. 名称" or "1．名称": the name.
fn strip_list_number(line: &str) -> String {
    match numbering::prefix(line) {
        Some(p) if p.level == 3 => line.trim_start()[p.text.len()..].trim().to_owned(),
        _ => line.trim().to_owned(),
    }
}

/// 附件 or 附件1 alone on a line: an attachment's label.
pub(crate) fn is_attachment_label(line: &str) -> bool {
    line.strip_prefix("附件")
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// The 附件 after the date: "附件1" (or "附件"), its title, its text; and the lines before the
/// first of them.
fn attachments(lines: &[String]) -> (Vec<(String, Vec<Node>)>, Vec<String>) {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_attachment_label(&lines[i]))
        .collect();
    let Some(&first) = starts.first() else {
        return (Vec::new(), lines.to_vec());
    };
    let mut found = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let Some(title) = lines.get(s + 1).filter(|_| s + 1 < end) else {
            continue;
        };
        found.push((title.clone(), sections(&lines[s + 2..end])));
    }
    (found, lines[..first].to_vec())
}

/// The 正文's lines as nested sections: a typed 序数 opens a section of its level (and closes
/// deeper ones); other lines are paragraphs of the innermost open section.
pub(super) fn sections(lines: &[String]) -> Vec<Node> {
    sections_with(lines, &[])
}

/// [`sections`], with the form of a numbered line known where `forms` says (a DOCX's runs tell
/// an item from a run-in heading).
pub(super) fn sections_with(lines: &[String], forms: &[Option<SectionForm>]) -> Vec<Node> {
    // Typed levels in the order they appear, mapped onto GB/T 9704's depth (a 1. right under
    // 一、 becomes the second level).
    let mut seen: Vec<u8> = Vec::new();
    let mut stack: Vec<Node> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let prefix = numbering::prefix(line).filter(|p| p.level > 0);
        let Some(Prefix {
            level, text: typed, ..
        }) = prefix
        else {
            let (text, points) = enumeration(line);
            push(&mut stack, &mut top, Node::Paragraph { text, points });
            continue;
        };
        while seen.last().is_some_and(|&l| l >= level) {
            seen.pop();
        }
        seen.push(level);
        let depth = seen.len() as u8;
        while stack
            .last()
            .is_some_and(|n| matches!(n, Node::Section { level: l, .. } if *l >= depth))
        {
            close(&mut stack, &mut top);
        }
        // A number that skips a level (1. right under 一、) keeps its own level.
        let parent = stack.iter().rev().find_map(|n| match n {
            Node::Section {
                level, typed_level, ..
            } => Some(typed_level.unwrap_or(*level)),
            _ => None,
        });
        let typed_level = (level > parent.unwrap_or(0) + 1).then_some(level);
        let rest = line.trim_start()[typed.len()..].trim_start();
        let (form, heading, text) = match forms.get(k).copied().flatten() {
            Some(SectionForm::Item) => (SectionForm::Item, rest.to_owned(), String::new()),
            _ => split_heading(rest, depth),
        };
        let (text, points) = enumeration(&text);
        stack.push(Node::Section {
            level: depth,
            typed_level,
            form,
            heading,
            text,
            points,
            body: Vec::new(),
        });
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

fn push(stack: &mut [Node], top: &mut Vec<Node>, node: Node) {
    match stack.last_mut() {
        Some(Node::Section { body, .. }) => body.push(node),
        _ => top.push(node),
    }
}

fn close(stack: &mut Vec<Node>, top: &mut Vec<Node>) {
    if let Some(node) = stack.pop() {
        push(stack, top, node);
    }
}

/// A numbered line's form, heading sentence and the text after it. A line that is one sentence
/// ending in 。 is a numbered paragraph (item); a level-1 line that goes on after its first 。
/// runs its text in; a line without 。 is a heading; deeper levels run in after their first 。.
pub(super) fn split_heading(rest: &str, depth: u8) -> (SectionForm, String, String) {
    match rest.find('。') {
        Some(i) if i + '。'.len_utf8() == rest.len() => {
            (SectionForm::Item, rest.to_owned(), String::new())
        }
        Some(i) => {
            let heading = rest[..i].to_owned();
            let text = rest[i + '。'.len_utf8()..].to_owned();
            let form = if depth == 1 {
                SectionForm::RunIn
            } else {
                SectionForm::Heading
            };
            (form, heading, text)
        }
        None => (SectionForm::Heading, rest.to_owned(), String::new()),
    }
}

/// A paragraph's text before its enumeration, and the items with their enumerators removed —
/// when it holds a 一是 followed by at least one more item (二是, or a bare 是 whose numeral
/// was lost).
fn enumeration(text: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let found = numbering::enumerators(&chars);
    let starts_at_one = found.first().is_some_and(|e| e.ordinal == Some(1));
    if found.len() < 2 || !starts_at_one {
        return (text.to_owned(), Vec::new());
    }
    // Each item runs from after its enumerator to the next one's start.
    let start_of = |e: &numbering::Enumerator| e.shi + 1 - e.text.chars().count();
    let lead: String = chars[..start_of(&found[0])].iter().collect();
    let points = found
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let end = found.get(k + 1).map_or(chars.len(), start_of);
            chars[e.shi + 1..end].iter().collect()
        })
        .collect();
    (lead, points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_numerals() {
        assert_eq!(parse_date("2024年2月22日"), IssueDate::new(2024, 2, 22));
        assert_eq!(
            parse_date("二〇二四年十二月三十一日"),
            IssueDate::new(2024, 12, 31)
        );
        assert_eq!(parse_date("二〇二四年二月三十日"), None);
    }

    #[test]
    fn a_lost_numeral_is_an_item() {
        let (lead, points) =
            enumeration("开头。一是加强学习，提高能力。二是完善制度。是规范管理流程，落实责任。");
        assert_eq!(lead, "开头。");
        assert_eq!(
            points,
            [
                "加强学习，提高能力。",
                "完善制度。",
                "规范管理流程，落实责任。"
            ]
        );
    }

    #[test]
    fn typed_levels_nest_and_skipped_levels_close_up() {
        let lines: Vec<String> = [
            "一、总体要求",
            "（一）目标。到年底完成。",
            "正文段落。",
            "二、主要任务",
            "1.第一项。内容。",
        ]
        .map(str::to_owned)
        .to_vec();
        let nodes = sections(&lines);
        assert_eq!(nodes.len(), 2);
        let Node::Section { body, .. } = &nodes[0] else {
            panic!()
        };
        let Node::Section {
            level,
            heading,
            text,
            body: inner,
            ..
        } = &body[0]
        else {
            panic!()
        };
        assert_eq!(
            (*level, heading.as_str(), text.as_str()),
            (2, "目标", "到年底完成。")
        );
        assert_eq!(inner.len(), 1);
        let Node::Section { body, .. } = &nodes[1] else {
            panic!()
        };
        assert!(
            matches!(
                &body[0],
                Node::Section {
                    level: 2,
                    typed_level: Some(3),
                    ..
                }
            ),
            "1. under 一、 keeps its level: {body:?}"
        );
    }
}
