//! Stage 3, compose: number the headings and enumerations, then let the kind's Tera template
//! give the document its wording. The result is a flat list of blocks with styled runs.

pub mod markup;
pub mod numbering;
pub mod templates;

use crate::diag::{Diagnostic, Result};
use crate::model::{Block as ModelBlock, Closing, Document, IssueDate, Paragraph, TitleSource};
pub use crate::model::{SealImage, Sealing};
use markup::escape;
use serde::Serialize;
use std::path::Path;

/// What a block is in the 公文; decides its face, size and place in the layout, and its
/// paragraph style in the DOCX.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 标题.
    Title,
    /// 主送机关.
    Recipients,
    /// 正文 paragraph (may start with a run-in heading).
    Body,
    /// A heading on its own line, level 1–4.
    Heading(u8),
    /// 结束语, e.g. 特此报告。
    Closing,
    /// 发文机关署名, one line per issuing body.
    Signature,
    /// 成文日期.
    Date,
    /// 附注.
    Note,
    /// 抄送机关 (版记).
    CopyTo,
    /// 印发机关 (版记, left end of the 印发 line).
    Printer,
    /// 印发日期 (版记, right end of the 印发 line).
    PrintDate,
    /// 附件说明, one line per attachment (the first begins with 附件：).
    AttachmentNote,
    /// "附件1" at the top left of an attachment's first page.
    AttachmentLabel,
    /// An attachment's title, on the third line of its first page.
    AttachmentTitle,
    /// 纪要: an 出席/请假/列席 line, its label in 黑体.
    Attendance,
}

/// How a run is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunStyle {
    Plain,
    /// In the face of a heading level (a run-in heading).
    Heading(u8),
}

/// A piece of text in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: RunStyle,
}

/// One block of the composed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub role: Role,
    pub runs: Vec<Run>,
    /// Character offsets where a new line must start (a clerk's break hints).
    pub breaks: Vec<usize>,
}

impl Block {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Document information for the files' metadata.
#[derive(Clone, Debug)]
pub struct Metadata {
    /// 标题.
    pub title: String,
    /// The issuing bodies, joined with 、.
    pub author: String,
    /// 文种.
    pub subject: String,
    /// 成文日期.
    pub date: IssueDate,
}

/// The composed document: wording final, numbers assigned.
#[derive(Clone, Debug)]
pub struct Composed {
    pub metadata: Metadata,
    pub blocks: Vec<Block>,
    /// 印章, which shapes the signature block.
    pub sealing: Sealing,
    /// Each issuing body's seal image, in issuing-body order.
    pub seal_images: Vec<Option<SealImage>>,
    /// Whether a 版记 must stand on an even page.
    pub imprint_on_even_page: bool,
    /// 版头, or `None` for plain paper.
    pub letterhead: Option<Letterhead>,
}

/// 版头 as it is printed (GB/T 9704 §7.2): the wording final, the layout places it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letterhead {
    /// 份号, 密级和保密期限, 紧急程度 — the lines at the top left, in that order.
    pub corner_lines: Vec<String>,
    /// 发文机关标志: one name per line, 主办 first.
    pub mark_names: Vec<String>,
    /// "文件" right of the names, or none.
    pub mark_suffix: Option<String>,
    /// 发文字号.
    pub doc_number: Option<String>,
    /// "签发人：" and the names, for 上行文.
    pub signer_label: String,
    pub signers: Vec<String>,
    /// 上行文: 发文字号 左空一字 beside the 签发人; otherwise centred.
    pub upward: bool,
    /// 信函格式 (函): 标志 30 mm from the paper top between red double lines, 发文字号 right.
    pub letter: bool,
    /// 纪要格式: the line under the 标志 carries these at its left and right (the 主办机关 and
    /// the date) instead of a 发文字号.
    pub sides: Option<(String, String)>,
}

/// Number, fill the kind's template, and read its output back.
pub fn compose(doc: &Document, templates_dir: Option<&Path>) -> Result<Composed> {
    let template = templates::find(doc.kind.template_name(), templates_dir)?;
    let context = Context::of(doc);
    let where_ = || {
        template.path.as_ref().map_or_else(
            || format!("内置模板 {}.tera", template.name),
            |p| p.display().to_string(),
        )
    };
    let ctx = tera::Context::from_serialize(&context)
        .map_err(|e| vec![Diagnostic::error(format!("模板数据无法生成：{e}"))])?;
    let output = tera::Tera::one_off(&template.text, &ctx, false).map_err(|e| {
        vec![
            Diagnostic::error(format!("模板 {} 出错：{}", where_(), tera_message(&e)))
                .hint("请对照 templates/ 中的原始模板检查 {% %} 与 {{ }} 是否成对。"),
        ]
    })?;
    let blocks = markup::parse(&output).map_err(|e| {
        vec![
            Diagnostic::error(format!(
                "模板 {} 的输出第 {} 行有误：{}",
                where_(),
                e.line,
                e.message
            ))
            .hint("模板每一块须占一行，以 @title、@body、@h1 等开头。"),
        ]
    })?;
    let title = blocks
        .iter()
        .filter(|b| b.role == Role::Title)
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("");
    // 纪要格式: the title is the red 标志 "XXXX纪要" (GB/T 9704 §10.3), not a line of its own.
    let minutes_mark = doc.kind == crate::model::DocumentKind::Minutes && doc.header.is_some();
    let mut blocks = blocks;
    if minutes_mark {
        blocks.retain(|b| b.role != Role::Title);
    }
    Ok(Composed {
        metadata: Metadata {
            title: title.clone(),
            author: doc
                .issuers
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            subject: doc.kind.name().to_owned(),
            date: doc.date,
        },
        blocks,
        sealing: doc.sealing,
        seal_images: doc.issuers.iter().map(|i| i.seal_image.clone()).collect(),
        imprint_on_even_page: doc.imprint.as_ref().is_none_or(|i| i.even_page),
        letterhead: doc.header.as_ref().map(|h| Letterhead {
            corner_lines: [&h.copy_number, &h.secrecy, &h.urgency]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            mark_names: if minutes_mark {
                vec![title.clone()]
            } else {
                h.mark_names.clone()
            },
            mark_suffix: if minutes_mark {
                None
            } else {
                h.mark_suffix.clone()
            },
            doc_number: h.doc_number.clone(),
            signer_label: "签发人：".to_owned(),
            signers: h.signers.clone(),
            upward: doc.kind.is_upward(),
            letter: doc.kind == crate::model::DocumentKind::Letter,
            sides: (doc.kind == crate::model::DocumentKind::Minutes).then(|| {
                let host = doc
                    .issuers
                    .first()
                    .map(|i| i.signature_name.clone())
                    .unwrap_or_default();
                (host, doc.date.chinese())
            }),
        }),
    })
}

fn tera_message(e: &tera::Error) -> String {
    use std::error::Error;
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push('：');
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// What a template sees. Every string from the user is escaped (see [`markup`]).
#[derive(Serialize)]
struct Context {
    kind: &'static str,
    /// The full title when the clerk gave one.
    title: Option<String>,
    /// The 事由 when the template is to build the title.
    subject: Option<String>,
    recipients: Vec<String>,
    blocks: Vec<ContextBlock>,
    /// The clerk's own 结束语.
    closing: Option<String>,
    /// The clerk asked for no 结束语 at all.
    closing_omitted: bool,
    issuers: Vec<ContextIssuer>,
    date: String,
    note: Option<String>,
    imprint: Option<ContextImprint>,
    attachments: Vec<ContextAttachment>,
    /// The document has a 版头 (纪要: the title becomes the 标志).
    has_header: bool,
    present: Vec<String>,
    on_leave: Vec<String>,
    observers: Vec<String>,
}

/// An attachment as a template sees it.
#[derive(Serialize)]
struct ContextAttachment {
    /// 1-based.
    index: u32,
    /// "1." — its 顺序号 in the 附件说明 (only when there are several).
    number: String,
    first: bool,
    /// More than one attachment: numbers are shown.
    several: bool,
    title: String,
    blocks: Vec<ContextBlock>,
}

#[derive(Serialize)]
struct ContextImprint {
    copy_to: Vec<String>,
    printer: Option<String>,
    print_date: String,
}

#[derive(Serialize)]
struct ContextIssuer {
    name: String,
    signature_name: String,
}

/// A heading line, or a paragraph with an optional run-in heading and enumeration.
#[derive(Serialize)]
struct ContextBlock {
    /// "heading" or "paragraph".
    kind: &'static str,
    /// The heading level (heading blocks).
    level: u8,
    number: String,
    text: String,
    /// The run-in heading of a paragraph, its sentence closed with 。.
    heading: Option<ContextHeading>,
    points: Vec<ContextPoint>,
}

#[derive(Serialize)]
struct ContextHeading {
    level: u8,
    number: String,
    text: String,
}

#[derive(Serialize)]
struct ContextPoint {
    number: String,
    text: String,
}

impl Context {
    fn of(doc: &Document) -> Self {
        // A clerk's | in a title is a break hint, kept as {br} through the template.
        let hinted = |t: &str| escape(t).replace(['|', '｜'], "{br}");
        let (title, subject) = match &doc.title {
            TitleSource::Given(t) => (Some(hinted(t)), None),
            TitleSource::Subject(s) => (None, Some(hinted(s))),
        };
        let mut blocks = Vec::new();
        flatten(&doc.body, &mut blocks);
        Context {
            kind: doc.kind.name(),
            title,
            subject,
            recipients: doc.recipients.iter().map(|r| escape(r)).collect(),
            blocks,
            closing: match &doc.closing {
                Closing::Text(t) => Some(escape(t)),
                _ => None,
            },
            closing_omitted: doc.closing == Closing::Omitted,
            issuers: doc
                .issuers
                .iter()
                .map(|i| ContextIssuer {
                    name: escape(&i.name),
                    signature_name: escape(&i.signature_name),
                })
                .collect(),
            date: doc.date.chinese(),
            note: doc.note.as_deref().map(escape),
            has_header: doc.header.is_some(),
            present: doc.attendance.present.iter().map(|n| escape(n)).collect(),
            on_leave: doc.attendance.on_leave.iter().map(|n| escape(n)).collect(),
            observers: doc.attendance.observers.iter().map(|n| escape(n)).collect(),
            attachments: doc
                .attachments
                .iter()
                .zip(1..)
                .map(|(a, index)| {
                    let mut blocks = Vec::new();
                    flatten(&a.body, &mut blocks);
                    ContextAttachment {
                        index,
                        number: format!("{index}."),
                        first: index == 1,
                        several: doc.attachments.len() > 1,
                        title: escape(&a.title),
                        blocks,
                    }
                })
                .collect(),
            imprint: doc.imprint.as_ref().map(|i| ContextImprint {
                copy_to: i.copy_to.iter().map(|c| escape(c)).collect(),
                printer: i.printer.as_deref().map(escape),
                print_date: i.print_date.chinese(),
            }),
        }
    }
}

/// Walk the section tree in reading order, numbering each level's headings from 一.
fn flatten(blocks: &[ModelBlock], out: &mut Vec<ContextBlock>) {
    let mut count = 0;
    for block in blocks {
        match block {
            ModelBlock::Paragraph(p) => out.push(paragraph(p, None)),
            ModelBlock::Section(s) => {
                count += 1;
                let level = s.level.get();
                let number = numbering::heading_number(level, count);
                let heading = escape(&s.heading);
                match (&s.lead, s.level.runs_in()) {
                    (Some(lead), true) => out.push(paragraph(
                        lead,
                        Some(ContextHeading {
                            level,
                            number,
                            text: close_sentence(heading),
                        }),
                    )),
                    (lead, _) => {
                        out.push(ContextBlock {
                            kind: "heading",
                            level,
                            number,
                            text: heading,
                            heading: None,
                            points: Vec::new(),
                        });
                        if let Some(lead) = lead {
                            out.push(paragraph(lead, None));
                        }
                    }
                }
                flatten(&s.body, out);
            }
        }
    }
}

fn paragraph(p: &Paragraph, heading: Option<ContextHeading>) -> ContextBlock {
    ContextBlock {
        kind: "paragraph",
        level: 0,
        number: String::new(),
        text: escape(&p.text),
        heading,
        points: p
            .points
            .iter()
            .zip(1..)
            .map(|(text, n)| ContextPoint {
                number: numbering::point_number(n),
                text: escape(text),
            })
            .collect(),
    }
}

/// A run-in heading ends its sentence before the paragraph goes on: add 。 unless the clerk
/// ended it already.
fn close_sentence(mut heading: String) -> String {
    if !heading.ends_with(['。', '！', '？', '…']) {
        heading.push('。');
    }
    heading
}
