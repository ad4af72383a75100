//! Stage 2, model: turn a [`Draft`] into a [`Document`] — the 公文 vocabulary, fully resolved.
//!
//! Glossary (one English name per term):
//! 文种 `DocumentKind` · 发文机关 `IssuingBody` · 主送机关 `recipients` · 标题 `TitleSource` ·
//! 正文 `Block` · 结构层次 `Section`/`HeadingLevel` · 自然段 `Paragraph` · 结束语 `Closing` ·
//! 署名 `IssuingBody::signature_name` · 成文日期 `IssueDate` · 附注 `note`.
//!
//! All problems in a file are reported together; any error means no document.

mod document;

pub use document::{
    Block, Closing, Document, DocumentKind, HeadingLevel, Imprint, IssueDate, IssuingBody,
    Paragraph, SealImage, Sealing, Section, TitleSource,
};

use crate::diag::{Diagnostic, Result};
use crate::input::{Draft, DraftBlock, DraftBlockMap, SourceFile};
use serde_saphyr::Spanned;

/// Resolve and check a draft.
pub fn resolve(draft: Draft, source: &SourceFile) -> Result<Document> {
    let mut r = Resolver {
        source,
        errors: Vec::new(),
    };
    let kind = r.kind(&draft.kind);
    let issuers = r.issuers(&draft.issuers);
    let recipients = draft
        .recipients
        .iter()
        .filter_map(|v| r.required_text(v, "主送机关"))
        .collect();
    let title = r.title(&draft);
    let body = r.blocks(&draft.body.value, 1);
    if draft.body.value.is_empty() {
        r.error(&draft.body, "正文（body）是空的。", "请至少写一段正文。");
    }
    let closing = match &draft.closing {
        None => Closing::KindDefault,
        Some(c) if c.value.trim().is_empty() => Closing::Omitted,
        Some(c) => Closing::Text(clean_text(&c.value)),
    };
    let date = r.date(&draft.date);
    let note = draft.note.as_ref().and_then(|n| r.required_text(n, "附注"));
    let sealing = match draft.seal.as_ref().map(|s| s.value) {
        Some(true) => Sealing::Seal,
        _ => Sealing::NoSeal,
    };
    if sealing == Sealing::NoSeal
        && let Some(image) = draft
            .issuers
            .value
            .iter()
            .find_map(|i| i.seal_image.as_ref())
    {
        r.error(
            image,
            "给了印章图片（seal_image），但文件没有写 seal: true。",
            "加盖印章的公文请写 seal: true；不盖章就删去 seal_image。",
        );
    }
    let imprint = match (&draft.imprint, date) {
        (Some(i), Some(date)) => r.imprint(i, date),
        _ => None,
    };

    match (kind, title, date) {
        (Some(kind), Some(title), Some(date)) if r.errors.is_empty() => Ok(Document {
            kind,
            issuers,
            recipients,
            title,
            body,
            closing,
            date,
            note,
            sealing,
            imprint,
        }),
        _ => Err(r.errors),
    }
}

struct Resolver<'a> {
    source: &'a SourceFile,
    errors: Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn error<T>(&mut self, at: &Spanned<T>, message: &str, hint: &str) {
        let d = self.source.error_at_value(at, message).hint(hint);
        self.errors.push(d);
    }

    fn kind(&mut self, kind: &Spanned<String>) -> Option<DocumentKind> {
        match kind.value.trim() {
            "报告" => Some(DocumentKind::Report),
            other => {
                let known = ["请示", "通知", "函", "纪要", "决定", "意见", "通报", "批复"];
                let message = if known.contains(&other) {
                    format!("文种「{other}」暂不支持。")
                } else {
                    format!("未知文种「{other}」。")
                };
                self.error(kind, &message, "目前支持的文种：报告。");
                None
            }
        }
    }

    fn issuers(&mut self, issuers: &Spanned<Vec<crate::input::DraftIssuer>>) -> Vec<IssuingBody> {
        if issuers.value.is_empty() {
            self.error(
                issuers,
                "发文机关（issuers）是空的。",
                "请至少写一个发文机关，例如：issuers: [{name: 某某镇人民政府}]",
            );
        }
        issuers
            .value
            .iter()
            .filter_map(|i| {
                let name = self.required_text(&i.name, "发文机关名称")?;
                let signature_name = match &i.sign_as {
                    Some(s) => self.required_text(s, "署名")?,
                    None => name.clone(),
                };
                let seal_image = match &i.seal_image {
                    Some(path) => Some(self.seal_image(path)?),
                    None => None,
                };
                Some(IssuingBody {
                    name,
                    signature_name,
                    seal_image,
                })
            })
            .collect()
    }

    /// Read a seal PNG, relative to the YAML file, and check that it decodes.
    fn seal_image(&mut self, path: &Spanned<String>) -> Option<SealImage> {
        let base = self
            .source
            .path
            .parent()
            .unwrap_or(std::path::Path::new("."));
        let file = base.join(path.value.trim());
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                self.error(
                    path,
                    &format!("无法读取印章图片 {}：{e}", file.display()),
                    "路径相对于 YAML 文件所在的文件夹；请确认文件存在。",
                );
                return None;
            }
        };
        let header = png::Decoder::new(std::io::Cursor::new(&bytes[..]))
            .read_info()
            .map(|r| (r.info().width, r.info().height));
        match header {
            Ok((width, height)) if width > 0 && height > 0 => Some(SealImage {
                png: std::sync::Arc::new(bytes),
                width,
                height,
            }),
            _ => {
                self.error(
                    path,
                    &format!("印章图片 {} 不是有效的 PNG 文件。", file.display()),
                    "请提供 PNG 格式（最好是透明背景）的印章图片。",
                );
                None
            }
        }
    }

    fn title(&mut self, draft: &Draft) -> Option<TitleSource> {
        match (&draft.title, &draft.subject) {
            (Some(t), None) => self.required_text(t, "标题").map(TitleSource::Given),
            (None, Some(s)) => self.required_text(s, "事由").map(TitleSource::Subject),
            (Some(t), Some(_)) => {
                self.error(
                    t,
                    "title 和 subject 只能写一个。",
                    "写 subject（事由）由模板生成“关于……的报告”，或写 title 给出完整标题。",
                );
                None
            }
            (None, None) => {
                self.error(
                    &draft.kind,
                    "缺少标题：title 和 subject 都没有写。",
                    "例如 subject: 2023年度法治政府建设情况（生成“关于2023年度法治政府建设情况的报告”）。",
                );
                None
            }
        }
    }

    fn blocks(&mut self, blocks: &[Spanned<DraftBlock>], level: u8) -> Vec<Block> {
        blocks.iter().filter_map(|b| self.block(b, level)).collect()
    }

    fn block(&mut self, block: &Spanned<DraftBlock>, level: u8) -> Option<Block> {
        match &block.value {
            DraftBlock::Text(text) => {
                let text = clean_text(text);
                if text.is_empty() {
                    self.error(block, "这一段正文是空的。", "请删除这一行，或写上内容。");
                    return None;
                }
                Some(Block::Paragraph(Paragraph {
                    text,
                    points: Vec::new(),
                }))
            }
            DraftBlock::Map(map) => match &map.heading {
                Some(heading) => self.section(block, map, heading, level),
                None => {
                    if !map.body.is_empty() {
                        self.error(
                            block,
                            "只有带 heading（标题）的小节才能有 body。",
                            "请给这一节加上 heading，或把 body 中的内容上移一层。",
                        );
                    }
                    self.paragraph(block, map).map(Block::Paragraph)
                }
            },
        }
    }

    fn section(
        &mut self,
        block: &Spanned<DraftBlock>,
        map: &DraftBlockMap,
        heading: &Spanned<String>,
        level: u8,
    ) -> Option<Block> {
        let Some(level) = HeadingLevel::new(level) else {
            self.error(
                heading,
                "结构层次超过四级。",
                "GB/T 9704 只规定四级序数：一、（一）1.（1）；请把这一节并入上一级，或改为“一是……二是……”的 points。",
            );
            return None;
        };
        let heading_text = self.required_text(heading, "标题")?;
        let lead = if map.text.is_some() || !map.points.is_empty() {
            Some(self.paragraph(block, map)?)
        } else {
            None
        };
        let body = self.blocks(&map.body, level.get() + 1);
        Some(Block::Section(Section {
            level,
            heading: heading_text,
            lead,
            body,
        }))
    }

    fn paragraph(&mut self, block: &Spanned<DraftBlock>, map: &DraftBlockMap) -> Option<Paragraph> {
        let text = map
            .text
            .as_ref()
            .map(|t| clean_text(&t.value))
            .unwrap_or_default();
        let points: Vec<String> = map
            .points
            .iter()
            .filter_map(|p| self.required_text(p, "列举项"))
            .collect();
        if text.is_empty() && points.is_empty() && map.body.is_empty() {
            self.error(
                block,
                "这一项没有内容：需要 text（正文）或 points（一是、二是……）。",
                "请补上内容，或删除这一项。",
            );
            return None;
        }
        Some(Paragraph { text, points })
    }

    fn date(&mut self, date: &Spanned<String>) -> Option<IssueDate> {
        let parsed = parse_date(date.value.trim());
        if parsed.is_none() {
            self.error(
                date,
                &format!("成文日期「{}」不是有效的日期。", date.value.trim()),
                "请写成 2024-02-22 或 2024年2月22日，并确认这一天存在。",
            );
        }
        parsed
    }

    fn imprint(
        &mut self,
        imprint: &Spanned<crate::input::DraftImprint>,
        issue_date: IssueDate,
    ) -> Option<Imprint> {
        let i = &imprint.value;
        let copy_to: Vec<String> = i
            .copy_to
            .iter()
            .filter_map(|c| self.required_text(c, "抄送机关"))
            .collect();
        let printer = i
            .printer
            .as_ref()
            .and_then(|p| self.required_text(p, "印发机关"));
        if copy_to.is_empty() && printer.is_none() {
            self.error(
                imprint,
                "版记（imprint）是空的：没有抄送机关（copy_to），也没有印发机关（printer）。",
                "请写上 copy_to 或 printer，或删去 imprint。",
            );
            return None;
        }
        let print_date = match &i.print_date {
            Some(d) => self.date(d)?,
            None => issue_date,
        };
        Some(Imprint {
            copy_to,
            printer,
            print_date,
            even_page: i.even_page.as_ref().is_none_or(|e| e.value),
        })
    }

    /// Cleaned text, or an error naming `what` if it is empty.
    fn required_text(&mut self, value: &Spanned<String>, what: &str) -> Option<String> {
        let text = clean_text(&value.value);
        if text.is_empty() {
            self.error(
                value,
                &format!("{what}不能为空。"),
                "请填写内容，或删除这一项。",
            );
            return None;
        }
        Some(text)
    }
}

/// Trim, and drop the line breaks YAML folds into spaces where they fall between Chinese
/// characters (a space there would print as a gap).
pub(crate) fn clean_text(text: &str) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let run = &chars[start..i];
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if run.contains(&'\n') && (wide(chars.get(start.wrapping_sub(1))) || wide(chars.get(i)))
            {
                continue;
            }
            out.push(' ');
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// 2024-02-22, 2024-2-22, 2024/2/22 or 2024年2月22日.
fn parse_date(s: &str) -> Option<IssueDate> {
    let s = s.strip_suffix('日').unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '/', '年', '月', '.']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    IssueDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_date_forms() {
        let want = IssueDate::new(2024, 2, 22);
        assert_eq!(parse_date("2024-02-22"), want);
        assert_eq!(parse_date("2024年2月22日"), want);
        assert_eq!(parse_date("2024/2/22"), want);
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("二〇二四年二月"), None);
    }

    #[test]
    fn folded_lines_between_chinese_leave_no_gap() {
        assert_eq!(
            clean_text("坚持党的\n  领导，2023 年"),
            "坚持党的领导，2023 年"
        );
        assert_eq!(clean_text(" a\nb "), "a b");
    }
}
