//! Stage 3, compose: number the headings and enumerations, take the kind's wording from its
//! template, and build the typed tree the layout sets ([`Composed`]). Every part of the 公文 is
//! a field of that tree — the layout never reads structure back out of text, so nothing a clerk
//! types can become structure, and no part can be left out by a template.

pub mod numbering;
pub mod templates;

use crate::diag::Result;
use crate::model::{
    Block as ModelBlock, Closing, Document, DocumentKind, HeadingLevel, IssueDate, Paragraph,
    SectionHead, TitleSource,
};
pub use crate::model::{Cell, CellAlign, CellSize, ColumnWidths, Orientation, Table};
pub use crate::model::{ForwardedStart, RecipientsPlace, SealImage, Sealing};
use std::path::Path;
use templates::{Slot, Wording};

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
    /// 决议、决定、公报: （……会议通过）, centred under the title.
    Adoption,
    /// 主送机关 moved to the 版记 (§7.3.2): 主送：……。
    ImprintRecipients,
    /// 表题, centred above its table.
    TableCaption,
    /// A table; the block's `table` holds it.
    Table,
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

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            style: RunStyle::Plain,
        }
    }
}

/// One block of text: its role and its styled runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub role: Role,
    pub runs: Vec<Run>,
    /// Character offsets where a new line must start (a clerk's break hints).
    pub breaks: Vec<usize>,
    /// The table of a [`Role::Table`] block (its runs are empty).
    pub table: Option<Box<Table>>,
}

impl Block {
    /// A block of one plain run.
    pub fn plain(role: Role, text: impl Into<String>) -> Self {
        Block {
            role,
            runs: vec![Run::plain(text)],
            breaks: Vec::new(),
            table: None,
        }
    }

    /// Its text; a table's cells row by row, a tab between cells, a line break between rows.
    pub fn text(&self) -> String {
        match &self.table {
            Some(t) => t
                .rows
                .iter()
                .map(|row| {
                    let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    cells.join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            None => self.runs.iter().map(|r| r.text.as_str()).collect(),
        }
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
    /// 发文机关, 主办机关 first.
    pub issuers: Vec<String>,
    /// 发文字号.
    pub doc_number: Option<String>,
    /// 密级和保密期限.
    pub secrecy: Option<String>,
    /// 份号.
    pub copy_number: Option<String>,
}

/// The composed document: wording final, numbers assigned, every part in its own field in
/// reading order.
#[derive(Clone, Debug)]
pub struct Composed {
    pub metadata: Metadata,
    /// 版头, or `None` for plain paper.
    pub letterhead: Option<Letterhead>,
    /// 标题; `None` in 纪要格式, where the title is the 标志, and in 命令格式, where the 标志
    /// and 令号 stand in its place.
    pub title: Option<Block>,
    /// 决议、决定、公报 adopted by a meeting: （2024年1月20日……通过） under the title, in the
    /// 署名's stead.
    pub adoption: Option<Block>,
    /// 主送机关.
    pub recipients: Option<Recipients>,
    /// 正文: headings and paragraphs, numbered.
    pub body: Vec<Block>,
    /// 结束语.
    pub closing: Option<Block>,
    /// 附件说明.
    pub attachment_note: Option<AttachmentNote>,
    /// 纪要: 出席, 请假, 列席.
    pub attendance: Vec<Labelled>,
    /// 署名, 成文日期, 印章, 附注; `None` in 纪要格式 (the 主办机关 and date are in the 版头) and
    /// under an adoption line.
    pub signature: Option<Signature>,
    /// 附件, each set on pages of its own.
    pub attachments: Vec<AttachmentPart>,
    /// Documents forwarded or issued by this one, each after the covering 署名 (and its 附件).
    pub forwarded: Vec<ForwardedPart>,
    /// 版记.
    pub imprint: Option<Imprint>,
}

/// A forwarded or issued document (转发、印发、批转): a document of its own inside this one,
/// without 附件 label or 附件说明.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForwardedPart {
    pub start: ForwardedStart,
    pub title: Block,
    /// The bracketed line centred under the title: （民政部　一九九七年一月二十八日）.
    pub byline: Option<Block>,
    pub recipients: Option<Block>,
    /// Numbered afresh from 一、.
    pub body: Vec<Block>,
    /// Placed by the same rules as the covering 署名; `None` when it has no date.
    pub signature: Option<Signature>,
    pub attachments: Vec<AttachmentPart>,
}

/// 主送机关 (GB/T 9704 §7.3.2): under the title, or — when so many that page 1 would show no
/// 正文, or when the clerk asks — in the 版记 above 抄送, set like 抄送.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipients {
    /// Under the title: the names joined with 、, closed with ：.
    pub heading: Block,
    /// In the 版记: 主送：the names joined with ，, closed with 。.
    pub imprint: Labelled,
    /// `Auto`: the layout moves them when page 1 would show no 正文.
    pub place: RecipientsPlace,
}

/// A label and the text after it: 抄送：……。, 出席：…….
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    /// The label with its colon (抄送：).
    pub label: String,
    pub text: String,
}

impl Labelled {
    /// The label and the text as one line.
    pub fn line(&self) -> String {
        format!("{}{}", self.label, self.text)
    }
}

/// 附件说明 (GB/T 9704 §7.3.4): 附件：1. 名称 ….
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentNote {
    /// 附件：
    pub label: String,
    /// One per attachment, in order.
    pub entries: Vec<AttachmentEntry>,
}

impl AttachmentNote {
    /// Each entry as printed: its 顺序号 with the space after it (empty when there is one
    /// attachment), and the whole line — the first one begins with the label.
    pub fn lines(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let number = entry
                    .number
                    .as_ref()
                    .map_or(String::new(), |n| format!("{n} "));
                let label = if i == 0 { self.label.as_str() } else { "" };
                let line = format!("{label}{number}{}", entry.title);
                (number, line)
            })
            .collect()
    }
}

/// One line of the 附件说明.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentEntry {
    /// 顺序号 "1." — only when there are several attachments.
    pub number: Option<String>,
    /// 附件名称.
    pub title: String,
}

/// 附件 (GB/T 9704 §7.3.7): on new pages, its label at the top left, its title on the third line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentPart {
    /// 附件1.
    pub label: Block,
    pub title: Block,
    /// Numbered afresh from 一、.
    pub body: Vec<Block>,
}

/// 署名, 成文日期, 印章 and 附注 (GB/T 9704 §7.3.5, §7.3.6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub signed_by: SignedBy,
    pub date: Block,
    pub note: Option<Block>,
}

impl Signature {
    /// Its lines' text in reading order: 署名 (or 职务 and name), date, 附注.
    pub fn texts(&self) -> Vec<String> {
        let mut out: Vec<String> = match &self.signed_by {
            SignedBy::Bodies { names, .. } => names.iter().map(Block::text).collect(),
            SignedBy::Signers(signers) => signers
                .iter()
                .map(|s| format!("{}　{}", s.title.text(), s.name.text()))
                .collect(),
        };
        out.extend([&self.date].into_iter().chain(&self.note).map(Block::text));
        out
    }
}

/// Who signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignedBy {
    /// 发文机关署名, with or without seals (§7.3.5.1, §7.3.5.2).
    Bodies {
        /// 署名, one per issuing body, 主办 first.
        names: Vec<Block>,
        sealing: Sealing,
        /// Each issuing body's seal image, in the order of `names`.
        seals: Vec<Option<SealImage>>,
    },
    /// 签发人职务 and 签名章, one line per issuing body, 主办 first (§7.3.5.3).
    Signers(Vec<SignerStamp>),
}

/// One 签发人's line: 职务, then the name with the 签名章 over it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerStamp {
    pub title: Block,
    pub name: Block,
    pub stamp: Option<SealImage>,
}

/// 版记 (GB/T 9704 §7.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imprint {
    /// 主送：……。 when the 主送机关 stand here (§7.3.2); the layout decides.
    pub recipients: Option<Labelled>,
    /// 抄送：……。
    pub copy_to: Option<Labelled>,
    /// 印发机关.
    pub printer: Option<String>,
    /// ……印发.
    pub print_date: Option<String>,
    pub rules: ImprintRules,
    pub page: ImprintPage,
}

/// Whether the 版记 has its 分隔线.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImprintRules {
    /// 首条分隔线, 中间分隔线, 末条分隔线 (§7.4.1).
    Ruled,
    /// 信函格式: none (§10.1).
    Unruled,
}

/// Which page the 版记 stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImprintPage {
    /// An even page (the back of a sheet), as 双面印刷 requires (spec digest §6.2).
    Even,
    /// The last page, whatever its number.
    Last,
}

/// 版头 as it is printed (GB/T 9704 §7.2): the wording final, the layout places it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letterhead {
    /// 份号, 密级和保密期限, 紧急程度 — the lines at the top left, in that order.
    pub corner_lines: Vec<CornerLine>,
    /// 发文机关标志: one name per line, 主办 first.
    pub mark_names: Vec<String>,
    /// "文件" right of the names, or none.
    pub mark_suffix: Option<String>,
    pub format: LetterheadFormat,
}

/// A line at the 版头's top left (GB/T 9704 §7.2.1–§7.2.3): which element, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CornerLine {
    pub element: Corner,
    pub text: String,
}

/// The elements standing at the 版头's top left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    /// 份号, in 阿拉伯数字 (仿宋).
    CopyNumber,
    /// 密级和保密期限 (黑体).
    Secrecy,
    /// 紧急程度 (黑体).
    Urgency,
}

/// The three 版头 formats of GB/T 9704.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LetterheadFormat {
    /// 文件格式 (§7.2): 标志 35 mm below the 版心's top, the 发文字号 under it.
    File {
        doc_number: Option<String>,
        /// 上行文 (§7.2.6): "签发人：" and the names; the 发文字号 then stands 左空一字 beside
        /// them instead of centred.
        signers: Option<Signers>,
    },
    /// 信函格式 (§10.1): 标志 30 mm from the paper top between red double lines, the 发文字号
    /// at the right.
    Letter { doc_number: Option<String> },
    /// 纪要格式 (§10.3): the line under the 标志 carries the 主办机关 at the left and the date at
    /// the right.
    Minutes { host: String, date: String },
    /// 命令（令）格式 (§10.2): 标志 (发文机关全称加令) 20 mm below the 版心's top, the 令号
    /// centred two lines below it, the 正文 two lines below that; no separator.
    Order { number: String },
}

/// 签发人 of a 上行文.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signers {
    /// 签发人：
    pub label: String,
    pub names: Vec<String>,
}

impl Composed {
    /// The text of every part in reading order, one string a paragraph or line (the 版头
    /// aside): what a reader of the document finds, for checks and tests.
    pub fn texts(&self) -> Vec<String> {
        let mut out: Vec<String> = (self.title.iter())
            .chain(&self.adoption)
            .chain(self.recipients.iter().map(|r| &r.heading))
            .chain(&self.body)
            .chain(&self.closing)
            .map(Block::text)
            .collect();
        if let Some(note) = &self.attachment_note {
            out.extend(note.lines().into_iter().map(|(_, line)| line));
        }
        out.extend(self.attendance.iter().map(Labelled::line));
        if let Some(sig) = &self.signature {
            out.extend(sig.texts());
        }
        let attachment_texts = |out: &mut Vec<String>, parts: &[AttachmentPart]| {
            for part in parts {
                let head = [&part.label, &part.title].into_iter();
                out.extend(head.chain(&part.body).map(Block::text));
            }
        };
        attachment_texts(&mut out, &self.attachments);
        for f in &self.forwarded {
            let head = [&f.title].into_iter().chain(&f.byline).chain(&f.recipients);
            out.extend(head.chain(&f.body).map(Block::text));
            if let Some(sig) = &f.signature {
                out.extend(sig.texts());
            }
            attachment_texts(&mut out, &f.attachments);
        }
        if let Some(imprint) = &self.imprint {
            out.extend(imprint.copy_to.iter().map(Labelled::line));
            out.extend(imprint.printer.iter().cloned());
            out.extend(imprint.print_date.iter().cloned());
        }
        out
    }
}

/// Number, take the kind's wording from its template, and build the tree.
pub fn compose(doc: &Document, templates_dir: Option<&Path>) -> Result<Composed> {
    let wording = Wording::load(doc.kind.template_name(), templates_dir)?;
    compose_with(doc, &wording)
}

/// [`compose`] with the wording already loaded (batch mode loads it once per kind).
pub fn compose_with(doc: &Document, wording: &Wording) -> Result<Composed> {
    let minutes_format = doc.kind == DocumentKind::Minutes && doc.header.is_some();
    let order_format = doc.kind == DocumentKind::Order && doc.header.is_some();
    let (title_text, breaks) = match &doc.title {
        TitleSource::Given(t) => hinted(t),
        TitleSource::Subject(s) => hinted(&wording.fill(Slot::Title, &[("subject", s)])?),
    };
    let title = Block {
        role: Role::Title,
        runs: vec![Run::plain(title_text.clone())],
        breaks,
        table: None,
    };
    let closing = match &doc.closing {
        Closing::Text(t) => Some(t.clone()),
        Closing::Omitted => None,
        Closing::KindDefault => Some(wording.fill(Slot::Closing, &[])?).filter(|c| !c.is_empty()),
    };
    let several = doc.attachments.len() > 1;
    let attachment_label = wording.fill(Slot::AttachmentLabel, &[])?;
    let attachment_note = (!doc.attachments.is_empty()).then(|| AttachmentNote {
        label: format!("{attachment_label}："),
        entries: doc
            .attachments
            .iter()
            .zip(1..)
            .map(|(a, n)| AttachmentEntry {
                number: several.then(|| numbering::attachment_number(n)),
                title: a.title.clone(),
            })
            .collect(),
    });
    let attachments = attachment_parts(&doc.attachments, &attachment_label);
    let forwarded = doc
        .forwarded
        .iter()
        .map(|f| forwarded_part(f, &attachment_label))
        .collect();
    let attendance = [
        (Slot::Present, &doc.attendance.present),
        (Slot::OnLeave, &doc.attendance.on_leave),
        (Slot::Observers, &doc.attendance.observers),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(slot, names)| {
        Ok(Labelled {
            label: format!("{}：", wording.fill(slot, &[])?),
            text: names.join("、"),
        })
    })
    .collect::<Result<Vec<_>>>()?;
    // （2024年1月20日……会议通过）: 会议通过的文件 carry this line instead of a 署名.
    let adoption = match &doc.adopted_by {
        Some(meeting) => Some(Block::plain(
            Role::Adoption,
            format!(
                "（{}）",
                wording.fill(
                    Slot::Adoption,
                    &[("date", &doc.date.chinese()), ("meeting", meeting)]
                )?
            ),
        )),
        None => None,
    };
    let signers: Vec<SignerStamp> = doc
        .issuers
        .iter()
        .filter_map(|i| i.signer.as_ref())
        .map(|s| SignerStamp {
            title: Block::plain(Role::Signature, s.title.clone()),
            name: Block::plain(Role::Signature, s.name.clone()),
            stamp: s.stamp.clone(),
        })
        .collect();
    let signature = if minutes_format || adoption.is_some() {
        None
    } else {
        // A 纪要 is signed by its 主办机关 alone.
        let signing = if doc.kind == DocumentKind::Minutes {
            &doc.issuers[..1.min(doc.issuers.len())]
        } else {
            &doc.issuers[..]
        };
        let signed_by = if signers.is_empty() {
            SignedBy::Bodies {
                names: signing
                    .iter()
                    .map(|i| {
                        let name = wording.fill(Slot::Signature, &[("name", &i.signature_name)])?;
                        Ok(Block::plain(Role::Signature, name))
                    })
                    .collect::<Result<Vec<_>>>()?,
                sealing: doc.sealing,
                seals: signing.iter().map(|i| i.seal_image.clone()).collect(),
            }
        } else {
            SignedBy::Signers(signers)
        };
        Some(Signature {
            signed_by,
            date: Block::plain(Role::Date, doc.date.chinese()),
            // 附注 居左空二字加圆括号 (§7.3.6).
            note: doc
                .note
                .as_ref()
                .map(|n| Block::plain(Role::Note, format!("（{n}）"))),
        })
    };
    let letter_format = doc.kind == DocumentKind::Letter && doc.header.is_some();
    let imprint = match &doc.imprint {
        Some(i) => Some(Imprint {
            recipients: None,
            copy_to: if i.copy_to.is_empty() {
                None
            } else {
                // 抄送机关间用逗号隔开，回行时与冒号后的首字对齐，最后一个抄送机关后标句号 (§7.4.2).
                Some(Labelled {
                    label: format!("{}：", wording.fill(Slot::CopyToLabel, &[])?),
                    text: format!("{}。", i.copy_to.join("，")),
                })
            },
            printer: i.printer.clone(),
            print_date: match &i.printer {
                Some(_) => {
                    Some(wording.fill(Slot::PrintDate, &[("date", &i.print_date.chinese())])?)
                }
                None => None,
            },
            rules: if letter_format {
                ImprintRules::Unruled
            } else {
                ImprintRules::Ruled
            },
            page: if i.even_page {
                ImprintPage::Even
            } else {
                ImprintPage::Last
            },
        }),
        None => None,
    };
    let letterhead = match &doc.header {
        Some(h) => Some(Letterhead {
            corner_lines: [
                (Corner::CopyNumber, &h.copy_number),
                (Corner::Secrecy, &h.secrecy),
                (Corner::Urgency, &h.urgency),
            ]
            .into_iter()
            .filter_map(|(element, text)| {
                Some(CornerLine {
                    element,
                    text: text.clone()?,
                })
            })
            .collect(),
            mark_names: if minutes_format {
                vec![title_text.clone()]
            } else {
                h.mark_names.clone()
            },
            mark_suffix: if minutes_format {
                None
            } else {
                h.mark_suffix.clone()
            },
            format: match doc.kind {
                DocumentKind::Letter => LetterheadFormat::Letter {
                    doc_number: h.doc_number.clone(),
                },
                DocumentKind::Order => LetterheadFormat::Order {
                    number: doc.order_number.clone().unwrap_or_default(),
                },
                DocumentKind::Minutes => LetterheadFormat::Minutes {
                    host: doc
                        .issuers
                        .first()
                        .map(|i| i.signature_name.clone())
                        .unwrap_or_default(),
                    date: doc.date.chinese(),
                },
                kind => LetterheadFormat::File {
                    doc_number: h.doc_number.clone(),
                    signers: if kind.is_upward() && !h.signers.is_empty() {
                        Some(Signers {
                            label: format!("{}：", wording.fill(Slot::SignerLabel, &[])?),
                            names: h.signers.clone(),
                        })
                    } else {
                        None
                    },
                },
            },
        }),
        None => None,
    };
    Ok(Composed {
        metadata: Metadata {
            title: title_text,
            author: doc
                .issuers
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            subject: doc.kind.name().to_owned(),
            date: doc.date,
            issuers: doc.issuers.iter().map(|i| i.name.clone()).collect(),
            doc_number: doc.header.as_ref().and_then(|h| h.doc_number.clone()),
            secrecy: doc.header.as_ref().and_then(|h| h.secrecy.clone()),
            copy_number: doc.header.as_ref().and_then(|h| h.copy_number.clone()),
        },
        letterhead,
        title: (!minutes_format && !order_format).then_some(title),
        adoption,
        recipients: match doc.recipients.is_empty() {
            true => None,
            false => Some(Recipients {
                // 主送机关 间用顿号，最后一个后标全角冒号 (§7.3.2).
                heading: Block::plain(Role::Recipients, format!("{}：", doc.recipients.join("、"))),
                // 移至版记时编排方法同抄送机关 (§7.4.2).
                imprint: Labelled {
                    label: format!("{}：", wording.fill(Slot::RecipientsLabel, &[])?),
                    text: format!("{}。", doc.recipients.join("，")),
                },
                place: doc.recipients_place,
            }),
        },
        body: body_blocks(&doc.body),
        closing: closing.map(|c| Block::plain(Role::Closing, c)),
        attachment_note,
        attendance,
        signature,
        attachments,
        forwarded,
        imprint,
    })
}

/// Each 附件 on pages of its own: 附件 (or 附件1, 附件2 when there are several), its title, its
/// body numbered afresh.
fn attachment_parts(list: &[crate::model::Attachment], label: &str) -> Vec<AttachmentPart> {
    let several = list.len() > 1;
    list.iter()
        .zip(1u32..)
        .map(|(a, n)| AttachmentPart {
            label: Block::plain(
                Role::AttachmentLabel,
                if several {
                    format!("{label}{n}")
                } else {
                    label.to_owned()
                },
            ),
            title: Block::plain(Role::AttachmentTitle, a.title.clone()),
            body: body_blocks(&a.body),
        })
        .collect()
}

/// A forwarded document as a part of its own; its 署名 and date are never sealed here (the
/// covering document carries the seal).
fn forwarded_part(f: &crate::model::Forwarded, attachment_label: &str) -> ForwardedPart {
    let (title, breaks) = hinted(&f.title);
    let signature = f.date.map(|date| Signature {
        signed_by: SignedBy::Bodies {
            names: f
                .signatures
                .iter()
                .map(|n| Block::plain(Role::Signature, n.clone()))
                .collect(),
            sealing: Sealing::NoSeal,
            seals: vec![None; f.signatures.len()],
        },
        date: Block::plain(Role::Date, date.chinese()),
        note: None,
    });
    ForwardedPart {
        start: f.start,
        title: Block {
            role: Role::Title,
            runs: vec![Run::plain(title)],
            breaks,
            table: None,
        },
        byline: f
            .byline
            .as_ref()
            .map(|b| Block::plain(Role::Body, b.clone())),
        recipients: (!f.recipients.is_empty())
            .then(|| Block::plain(Role::Recipients, format!("{}：", f.recipients.join("、")))),
        body: body_blocks(&f.body),
        signature,
        attachments: attachment_parts(&f.attachments, attachment_label),
    }
}

/// A clerk's | (or ｜) in a title is a break hint: the text without them, and the character
/// offsets where a line must start.
fn hinted(title: &str) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(title.len());
    let mut breaks = Vec::new();
    let mut offset = 0;
    for c in title.chars() {
        if matches!(c, '|' | '｜') {
            if offset > 0 && breaks.last() != Some(&offset) {
                breaks.push(offset);
            }
        } else {
            text.push(c);
            offset += 1;
        }
    }
    (text, breaks)
}

/// The 正文 (or an attachment's) as blocks in reading order, each level's headings numbered
/// from 一.
fn body_blocks(blocks: &[ModelBlock]) -> Vec<Block> {
    let mut out = Vec::new();
    flatten(blocks, &mut out);
    out
}

fn flatten(blocks: &[ModelBlock], out: &mut Vec<Block>) {
    // Numbers count per level within one list (a list may mix levels when a block names its
    // own).
    let mut counts = [0u32; HeadingLevel::MAX as usize];
    for block in blocks {
        match block {
            ModelBlock::Paragraph(p) => out.push(paragraph(p, None)),
            ModelBlock::Table(t) => {
                if let Some(caption) = &t.caption {
                    out.push(Block::plain(Role::TableCaption, caption.clone()));
                }
                out.push(Block {
                    role: Role::Table,
                    runs: Vec::new(),
                    breaks: Vec::new(),
                    table: Some(Box::new(t.clone())),
                });
            }
            ModelBlock::Section(s) => {
                let level = s.level.get();
                let count = &mut counts[usize::from(level - 1)];
                *count += 1;
                let number = numbering::heading_number(level, *count);
                let run_in = |heading: &str| Run {
                    text: format!("{number}{}", close_sentence(heading)),
                    style: RunStyle::Heading(level),
                };
                match (&s.head, &s.lead) {
                    (SectionHead::Heading(h), Some(lead)) if s.level.runs_in() => {
                        out.push(paragraph(lead, Some(run_in(h))));
                    }
                    (SectionHead::RunIn(h), Some(lead)) => {
                        out.push(paragraph(lead, Some(run_in(h))));
                    }
                    (SectionHead::Item, Some(lead)) => {
                        out.push(paragraph(lead, Some(Run::plain(number.clone()))));
                    }
                    (SectionHead::Heading(h) | SectionHead::RunIn(h), lead) => {
                        out.push(Block::plain(Role::Heading(level), format!("{number}{h}")));
                        if let Some(lead) = lead {
                            out.push(paragraph(lead, None));
                        }
                    }
                    (SectionHead::Item, None) => out.push(Block::plain(Role::Body, number.clone())),
                }
                flatten(&s.body, out);
            }
        }
    }
}

/// A 正文 paragraph: an optional lead run (a run-in heading, or an item's number), the text,
/// then the enumeration 一是……二是…….
fn paragraph(p: &Paragraph, lead: Option<Run>) -> Block {
    let mut text = p.text.clone();
    for (point, n) in p.points.iter().zip(1..) {
        text.push_str(&numbering::point_number(p.point_numbers, n));
        text.push_str(point);
    }
    let mut runs: Vec<Run> = lead.into_iter().collect();
    if !text.is_empty() {
        // An item's number and its text are one plain run.
        match runs.last_mut() {
            Some(last) if last.style == RunStyle::Plain => last.text.push_str(&text),
            _ => runs.push(Run::plain(text)),
        }
    }
    Block {
        role: Role::Body,
        runs,
        breaks: Vec::new(),
        table: None,
    }
}

/// A run-in heading ends its sentence before the paragraph goes on: add 。 unless the clerk
/// ended it already.
fn close_sentence(heading: &str) -> String {
    let mut heading = heading.to_owned();
    if !heading.ends_with(['。', '！', '？', '…']) {
        heading.push('。');
    }
    heading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_hints_are_offsets_not_text() {
        assert_eq!(
            hinted("关于某某|工作的报告"),
            ("关于某某工作的报告".to_owned(), vec![4])
        );
        assert_eq!(hinted("|关于｜｜某"), ("关于某".to_owned(), vec![2]));
    }
}
