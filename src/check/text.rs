//! The checker's view of a file: each text value with its role in the document (title, heading
//! of level n, paragraph, point …), and helpers to place a finding inside a value.

use crate::input::{Draft, DraftBlock, Loaded, TextValue};
use crate::model::IssueDate;
use serde_saphyr::Spanned;
use std::collections::HashMap;

/// What a text value is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    Subject,
    /// A heading of level 1–4 (deeper ones are a model error).
    Heading(u8),
    /// A paragraph: a string item of `body`, or a block's `text`.
    Paragraph,
    /// An item of `points`.
    Point,
    Closing,
    Note,
    /// 发文字号.
    DocNumber,
    /// Names, dates, the kind: text that is not prose.
    Name,
    /// Anything else with Chinese prose (e.g. 版记 entries).
    Other,
}

impl Role {
    /// Prose in which Chinese punctuation rules apply.
    pub fn is_prose(self) -> bool {
        !matches!(self, Role::DocNumber | Role::Name)
    }
}

/// One text value and its role.
pub struct Item<'a> {
    pub role: Role,
    pub value: &'a TextValue,
}

/// The file as the rules see it.
pub struct Doc<'a> {
    pub items: Vec<Item<'a>>,
    /// 文种 as written.
    pub kind: &'a str,
    /// 成文日期, if it is a real date.
    pub date: Option<IssueDate>,
    pub date_value: Option<&'a TextValue>,
    pub source: &'a str,
    /// The draft, for rules about its structure.
    pub draft: &'a Draft,
    /// Texts of forwarded documents, by place: the forwarded document's own date, if any.
    pub forwarded_dates: HashMap<(usize, usize), Option<IssueDate>>,
}

impl<'a> Doc<'a> {
    pub fn new(loaded: &'a Loaded) -> Self {
        let mut levels = HashMap::new();
        heading_levels(&loaded.draft.body.value, 1, &mut levels);
        for f in &loaded.draft.forwarded {
            heading_levels(&f.value.body, 1, &mut levels);
        }
        let items = loaded
            .texts
            .iter()
            .map(|value| {
                let role = match value.key.as_str() {
                    "title" => Role::Title,
                    "subject" => Role::Subject,
                    "heading" | "run_in" => {
                        Role::Heading(*levels.get(&(value.line, value.column)).unwrap_or(&1))
                    }
                    "text" | "body" | "item" => Role::Paragraph,
                    "points" => Role::Point,
                    "closing" => Role::Closing,
                    "note" => Role::Note,
                    "doc_number" => Role::DocNumber,
                    "kind" | "date" | "print_date" | "name" | "sign_as" | "recipients"
                    | "seal_image" | "stamp_image" | "order_number" => Role::Name,
                    _ => Role::Other,
                };
                Item { role, value }
            })
            .collect();
        let draft: &Draft = &loaded.draft;
        let date_value = loaded
            .texts
            .iter()
            .find(|t| t.key == "date" && at(&draft.date) == (t.line, t.column));
        Doc {
            items,
            kind: draft.kind.value.trim(),
            date: IssueDate::parse(draft.date.value.trim()),
            date_value,
            source: &loaded.source.text,
            draft,
            forwarded_dates: forwarded_dates(draft),
        }
    }

    /// The items with one of `roles`, in file order.
    pub fn with_role(&self, pred: impl Fn(Role) -> bool) -> impl Iterator<Item = &Item<'a>> {
        self.items.iter().filter(move |i| pred(i.role))
    }
}

pub fn at<T>(v: &Spanned<T>) -> (usize, usize) {
    (v.referenced.line() as usize, v.referenced.column() as usize)
}

/// Where each text of a forwarded document stands, with that document's date.
fn forwarded_dates(draft: &Draft) -> HashMap<(usize, usize), Option<IssueDate>> {
    fn blocks(list: &[Spanned<DraftBlock>], out: &mut Vec<(usize, usize)>) {
        for block in list {
            match &block.value {
                DraftBlock::Text(_) => out.push(at(block)),
                DraftBlock::Map(map) => {
                    let texts = [&map.heading, &map.run_in, &map.item, &map.text];
                    out.extend(texts.into_iter().flatten().map(at));
                    out.extend(map.points.iter().map(at));
                    blocks(&map.body, out);
                }
            }
        }
    }
    let mut dates = HashMap::new();
    for f in &draft.forwarded {
        let f = &f.value;
        let date = f
            .date
            .as_ref()
            .and_then(|d| IssueDate::parse(d.value.trim()));
        let mut places = vec![at(&f.title)];
        places.extend(f.byline.as_ref().map(at));
        blocks(&f.body, &mut places);
        for a in &f.attachments {
            places.push(at(&a.value.title));
            blocks(&a.value.body, &mut places);
        }
        dates.extend(places.into_iter().map(|p| (p, date)));
    }
    dates
}

fn heading_levels(
    blocks: &[Spanned<DraftBlock>],
    level: u8,
    out: &mut HashMap<(usize, usize), u8>,
) {
    for block in blocks {
        if let DraftBlock::Map(map) = &block.value {
            let level = map.level.as_ref().map_or(level, |l| l.value);
            if let Some(h) = map.heading.as_ref().or(map.run_in.as_ref()) {
                out.insert(at(h), level);
            }
            heading_levels(&map.body, level.saturating_add(1), out);
        }
    }
}

/// Byte offsets of line starts, for turning a byte offset into line:column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |&e| e - 1);
        text.get(start..end)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// 1-based line and column (in characters) of byte `offset` of `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }
}

/// The byte offset in the file of the `nth` (0-based) occurrence of `needle` within the value as
/// written, if it is written there literally.
pub fn find_in_raw(source: &str, value: &TextValue, needle: &str, nth: usize) -> Option<usize> {
    let raw = value.raw(source);
    raw.match_indices(needle)
        .nth(nth)
        .map(|(i, _)| value.start + i)
}

/// A Chinese character (CJK unified ideographs and extensions, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Full-width Chinese punctuation.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Chinese text: a Chinese character or Chinese punctuation.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a: 甲乙\nb: 丙,丁\n";
        let idx = LineIndex::new(text);
        let comma = text.find(',').unwrap();
        assert_eq!(idx.line_column(text, comma), (2, 5));
        assert_eq!(idx.line_column(text, 0), (1, 1));
        assert_eq!(idx.line(text, 2), Some("b: 丙,丁"));
        assert_eq!(idx.line(text, 3), Some(""));
        assert_eq!(idx.line(text, 4), None);
    }

    #[test]
    fn dates_in_every_accepted_form() {
        assert_eq!(
            IssueDate::parse("2024年2月22日"),
            IssueDate::new(2024, 2, 22)
        );
        assert_eq!(IssueDate::parse("2024/2/22"), IssueDate::new(2024, 2, 22));
        assert_eq!(IssueDate::parse("2024-02-30"), None);
    }
}
