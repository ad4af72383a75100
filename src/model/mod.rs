//! Stage 2, model: turn a [`Draft`] into a [`Document`] — the 公文 vocabulary, fully resolved.
//!
//! Glossary (one English name per term):
//! 文种 `DocumentKind` · 发文机关 `IssuingBody` · 主送机关 `recipients` · 标题 `TitleSource` ·
//! 正文 `Block` · 结构层次 `Section`/`HeadingLevel` · 自然段 `Paragraph` · 结束语 `Closing` ·
//! 署名 `IssuingBody::signature_name` · 成文日期 `IssueDate` · 附注 `note`.
//!
//! All problems in a file are reported together; any error means no document.

mod doc_number;
mod document;
mod table;

pub use doc_number::doc_number_problem;
pub use table::{Cell, CellAlign, CellSize, ColumnWidths, Orientation, Table};

pub use document::{
    Addressing, Adoption, Attachment, Attendance, Block, Closing, Document, DocumentKind,
    Forwarded, ForwardedStart, Header, HeadingLevel, Imprint, IssueDate, IssuingBody, MarkBodies,
    Paragraph, Part, Places, PointNumbers, RecipientsPlace, SealImage, Sealing, Section,
    SectionHead, Signer, TitleSource,
};

use crate::diag::{Diagnostic, Place, Result};
use crate::input::{Draft, DraftBlock, DraftBlockMap, SourceFile};
use serde_saphyr::Spanned;

/// Resolve and check a draft.
pub fn resolve(draft: Draft, source: &SourceFile) -> Result<Document> {
    let mut r = Resolver {
        source,
        errors: Vec::new(),
    };
    let places = places(&draft);
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
    let date = r.date(&draft.date, "成文日期");
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
    if let Some(kind) = kind {
        r.kind_rules(kind, &draft);
    }
    let header = draft
        .header
        .as_ref()
        .and_then(|h| r.header(h, &draft, &issuers, kind));
    let names = |r: &mut Resolver, list: &[Spanned<String>]| -> Vec<String> {
        list.iter()
            .filter_map(|n| r.required_text(n, "人员"))
            .collect()
    };
    let attendance = Attendance {
        present: names(&mut r, &draft.present),
        on_leave: names(&mut r, &draft.on_leave),
        observers: names(&mut r, &draft.observers),
    };
    if kind != Some(DocumentKind::Minutes)
        && let Some(first) = draft.present.first()
    {
        r.error(
            first,
            "出席、请假、列席（present、on_leave、observers）只用于纪要。",
            "请删去这些字段，或把 kind 改为 纪要。",
        );
    }
    let attachments = r.attachments(&draft.attachments);
    let forwarded = draft
        .forwarded
        .iter()
        .filter_map(|f| r.forwarded(f))
        .collect();
    if kind.is_some_and(|k| k != DocumentKind::Notice)
        && let Some(first) = draft.forwarded.first()
    {
        r.error(
            first,
            "转发、印发、批转其他公文（forwarded）用通知。",
            "请把 kind 改为 通知，或删去 forwarded。",
        );
    }

    let adopted_by = draft
        .adopted_by
        .as_ref()
        .and_then(|m| r.required_text(m, "通过会议"));
    let order_number = draft
        .order_number
        .as_ref()
        .and_then(|n| r.required_text(n, "令号"));
    let recipients_place = match draft.recipients_in_imprint.as_ref().map(|v| v.value) {
        Some(true) => RecipientsPlace::Imprint,
        _ => RecipientsPlace::Auto,
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
            header,
            attachments,
            attendance,
            forwarded,
            adopted_by,
            order_number,
            recipients_place,
            places,
        }),
        _ => Err(r.errors),
    }
}

/// Where the values the layout may refuse stand in the file.
fn places(draft: &Draft) -> Places {
    fn at<T>(v: &Spanned<T>) -> Place {
        Place {
            line: v.referenced.line() as usize,
            column: v.referenced.column() as usize,
        }
    }
    let issuers = &draft.issuers.value;
    let imprint = draft.imprint.as_ref().map(|i| &i.value);
    let head = draft.header.as_ref().map(|h| &h.value);
    Places {
        issuer_names: issuers.iter().map(|i| at(&i.name)).collect(),
        signatures: issuers
            .iter()
            .map(|i| at(i.sign_as.as_ref().unwrap_or(&i.name)))
            .collect(),
        signers: draft
            .header
            .iter()
            .flat_map(|h| &h.value.signers)
            .map(at)
            .collect(),
        doc_number: draft.doc_number.as_ref().map(at),
        order_number: draft.order_number.as_ref().map(at),
        title: draft.title.as_ref().or(draft.subject.as_ref()).map(at),
        date: Some(at(&draft.date)),
        header: draft.header.as_ref().map(at),
        copy_number: head.and_then(|h| h.copy_number.as_ref()).map(at),
        secrecy: head.and_then(|h| h.secrecy.as_ref()).map(at),
        urgency: head.and_then(|h| h.urgency.as_ref()).map(at),
        printer: imprint.and_then(|i| i.printer.as_ref()).map(at),
        copy_to: imprint.and_then(|i| i.copy_to.first()).map(at),
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
        match DocumentKind::from_name(kind.value.trim()) {
            Some(k) => Some(k),
            None => {
                let other = kind.value.trim();
                let supported = DocumentKind::ALL.map(|k| k.name()).join("、");
                self.error(
                    kind,
                    &format!("未知文种「{other}」。"),
                    &format!("《党政机关公文处理工作条例》第八条的文种：{supported}。"),
                );
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
                let signer = match &i.signer {
                    Some(s) => Some(self.signer(&s.value)?),
                    None => None,
                };
                Some(IssuingBody {
                    name,
                    signature_name,
                    seal_image,
                    signer,
                })
            })
            .collect()
    }

    /// What a kind requires of its content (条例 第十五条; GB/T 9704 §7.3.6), and the keys its
    /// format has no place for — refused, never silently dropped.
    fn kind_rules(&mut self, kind: DocumentKind, draft: &Draft) {
        let header = draft.header.as_ref();
        if kind == DocumentKind::Minutes {
            if let Some(seal) = draft.seal.as_ref().filter(|s| s.value) {
                self.error(
                    seal,
                    "纪要不加盖印章。",
                    "请删去 seal: true（纪要以主办机关名义印发，不署名盖章）。",
                );
            }
            if let (Some(note), Some(_)) = (&draft.note, header) {
                self.error(
                    note,
                    "纪要格式（带 header 的纪要）没有署名和附注的位置。",
                    "请把附注的内容写进正文，或删去 note。",
                );
            }
            if let (Some(number), Some(_)) = (&draft.doc_number, header) {
                self.error(
                    number,
                    "纪要格式的标志下方写主办机关和日期，没有发文字号的位置（GB/T 9704 §10.3）。",
                    "请删去 doc_number。",
                );
            }
        }
        if kind == DocumentKind::Letter
            && header.is_some()
            && let Some(imprint) = &draft.imprint
            && (imprint.value.printer.is_some() || imprint.value.print_date.is_some())
        {
            self.error(
                imprint,
                "信函格式的版记只有抄送，不写印发机关和印发日期（GB/T 9704 §10.1）。",
                "请删去 imprint 中的 printer 和 print_date。",
            );
        }
        if !kind.is_upward()
            && let Some(signer) = header.and_then(|h| h.value.signers.first())
        {
            self.error(
                signer,
                &format!(
                    "签发人只标注在上行文（报告、请示）的版头，{}没有它的位置。",
                    kind.name()
                ),
                "请删去 header 中的 signers。",
            );
        }
        if kind.addressing() == Addressing::One && draft.recipients.len() != 1 {
            let (why, hint) = match kind {
                // 请示应当一文一事，一般只写一个主送机关 (条例 第十五条).
                DocumentKind::Request => (
                    "请示只能有一个主送机关",
                    "请在 recipients 中只写负责答复的上级机关；需要同时送其他机关的，写进版记的抄送（imprint.copy_to）。",
                ),
                // 批复 答复下级机关请示事项 (条例 第八条（十二）): the organ that asked.
                DocumentKind::Reply => (
                    "批复答复一件请示，主送机关是报送请示的机关，只能有一个",
                    "请在 recipients 中只写报送请示的下级机关；需要知照其他机关的，写进版记的抄送。",
                ),
                // 议案 向同级人民代表大会或者人民代表大会常务委员会提请审议 (条例 第八条（十三）).
                _ => (
                    "议案提请一个人民代表大会（或其常务委员会）审议，只能有一个主送机关",
                    "例如 recipients: [某某县人民代表大会常务委员会]。",
                ),
            };
            self.error(
                &draft.kind,
                &format!("{why}，这里有 {} 个。", draft.recipients.len()),
                hint,
            );
        }
        if kind == DocumentKind::Request {
            // 请示应当在附注处注明联系人的姓名和电话.
            if draft.note.is_none() {
                self.error(
                    &draft.kind,
                    "请示须在附注中注明联系人的姓名和电话。",
                    "例如 note: 联系人：张三，电话：0851-12345678",
                );
            } else if let Some(note) = &draft.note
                && !names_contact(&note.value)
            {
                self.error(
                    note,
                    "请示的附注须写明联系人的姓名和电话，这里缺少「联系人」或电话。",
                    "例如 note: 联系人：张三，电话：0851-12345678",
                );
            }
        }
        self.adoption_rules(kind, draft);
        self.order_rules(kind, draft);
        if let Some(flag) = draft.recipients_in_imprint.as_ref().filter(|f| f.value)
            && draft.recipients.is_empty()
        {
            self.error(
                flag,
                "recipients_in_imprint: true 把主送机关移至版记，但没有写主送机关。",
                "请在 recipients 中写出主送机关，或删去 recipients_in_imprint。",
            );
        }
    }

    /// 决议 carries the meeting that adopted it (条例 第八条（一）: 会议讨论通过); 决定 and 公报
    /// may; other kinds have no place for it. With it, the bracketed line stands in the
    /// signature's place, so there is no seal or 签发人 to put.
    fn adoption_rules(&mut self, kind: DocumentKind, draft: &Draft) {
        match (kind.adoption(), &draft.adopted_by) {
            (Adoption::Required, None) => self.error(
                &draft.kind,
                "决议须写明通过它的会议（条例 第八条：会议讨论通过的重大决策事项）。",
                "例如 adopted_by: 中国共产党某某县第十五届委员会第五次全体会议（标题下生成“（2024年7月10日……通过）”）。",
            ),
            (Adoption::None, Some(at)) => self.error(
                at,
                &format!(
                    "{}没有“会议通过”的题注；adopted_by 只用于决议、决定、公报。",
                    kind.name()
                ),
                "请删去 adopted_by。",
            ),
            (_, Some(at)) => {
                if let Some(seal) = draft.seal.as_ref().filter(|s| s.value) {
                    self.error(
                        seal,
                        "会议通过的文件以标题下的题注代替署名，不加盖印章。",
                        "请删去 seal: true，或删去 adopted_by 改用署名。",
                    );
                }
                if draft.issuers.value.iter().any(|i| i.signer.is_some()) {
                    self.error(
                        at,
                        "会议通过的文件以标题下的题注代替署名，没有签发人签名章的位置。",
                        "请删去 issuers 中的 signer，或删去 adopted_by。",
                    );
                }
            }
            _ => {}
        }
    }

    /// 命令（令）格式 (GB/T 9704 §10.2) and 签发人签名章 (§7.3.5.3).
    fn order_rules(&mut self, kind: DocumentKind, draft: &Draft) {
        let order_format = kind == DocumentKind::Order && draft.header.is_some();
        match (&draft.order_number, order_format) {
            (Some(at), false) => self.error(
                at,
                "令号只用于命令格式（kind: 命令，并带 header）（GB/T 9704 §10.2）。",
                "请删去 order_number，或写 kind: 命令 并加上 header。",
            ),
            (None, true) => self.error(
                &draft.kind,
                "命令格式须有令号，标在发文机关标志下空二行居中（GB/T 9704 §10.2）。",
                "例如 order_number: 第1号（令号连续编排，不受年份影响）。",
            ),
            _ => {}
        }
        if order_format && let Some(number) = &draft.doc_number {
            self.error(
                number,
                "命令格式以令号代替发文字号（GB/T 9704 §10.2）。",
                "请删去 doc_number，把序号写进 order_number。",
            );
        }
        let issuers = &draft.issuers.value;
        let signed = issuers.iter().filter(|i| i.signer.is_some()).count();
        if order_format && signed == 0 {
            self.error(
                &draft.issuers,
                "命令格式由签发人署职务并加盖签名章（GB/T 9704 §10.2、§7.3.5.3）。",
                "例如 issuers: [{name: 某某县人民政府, signer: {title: 县长, name: 张三, stamp_image: 张三签名章.png}}]",
            );
        }
        if signed > 0 && signed < issuers.len() {
            self.error(
                &draft.issuers,
                "联合行文加盖签发人签名章时，每个发文机关都要写签发人（GB/T 9704 §7.3.5.3）。",
                "请给每个发文机关写 signer，或都不写。",
            );
        }
        if signed > 0 {
            if let Some(seal) = draft.seal.as_ref().filter(|s| s.value) {
                self.error(
                    seal,
                    "加盖签发人签名章的公文以签名章代替发文机关署名和印章（GB/T 9704 §7.3.5.3）。",
                    "请删去 seal: true，或删去 signer 改用机关署名盖章。",
                );
            }
            if kind == DocumentKind::Minutes {
                self.error(
                    &draft.issuers,
                    "纪要不署名，没有签发人签名章的位置。",
                    "请删去 issuers 中的 signer。",
                );
            }
        }
    }

    /// 版头: checks what GB/T 9704 §7.2 fixes about each element.
    fn header(
        &mut self,
        header: &Spanned<crate::input::DraftHeader>,
        draft: &Draft,
        issuers: &[IssuingBody],
        kind: Option<DocumentKind>,
    ) -> Option<Header> {
        let h = &header.value;
        let mut ok = true;
        let copy_number = h.copy_number.as_ref().and_then(|c| {
            let v = c.value.trim().to_owned();
            if v.len() == 6 && v.chars().all(|d| d.is_ascii_digit()) {
                Some(v)
            } else {
                self.error(
                    c,
                    &format!("份号「{v}」应为 6 位阿拉伯数字。"),
                    "例如 copy_number: \"000123\"（加引号，保留前面的 0）。",
                );
                ok = false;
                None
            }
        });
        let secrecy = h
            .secrecy
            .as_ref()
            .and_then(|s| self.required_text(s, "密级"));
        let urgency = h.urgency.as_ref().and_then(|u| {
            let v = u.value.trim();
            if ["特急", "加急"].contains(&v) {
                Some(v.to_owned())
            } else {
                self.error(
                    u,
                    &format!("紧急程度「{v}」不是公文的标注。"),
                    "公文的紧急程度写“特急”或“加急”。",
                );
                ok = false;
                None
            }
        });
        let order = kind == Some(DocumentKind::Order);
        let mark_suffix = match h.mark.as_ref().map(|m| (m, m.value.trim())) {
            // 命令格式: 发文机关全称加“命令”或“令” (GB/T 9704 §10.2).
            None if order => Some("令".to_owned()),
            Some((_, word @ ("令" | "命令"))) if order => Some(word.to_owned()),
            Some((at, other)) if order => {
                self.error(
                    at,
                    &format!("命令的标志是发文机关全称加“命令”或“令”，不能是「{other}」。"),
                    "写 mark: 令 或 mark: 命令，或删去 mark（默认“令”）。",
                );
                ok = false;
                None
            }
            None | Some((_, "文件")) => Some("文件".to_owned()),
            Some((_, "名称")) => None,
            Some((at, other)) => {
                self.error(
                    at,
                    &format!("发文机关标志「{other}」无法识别。"),
                    "写 mark: 文件（机关名称加“文件”），或 mark: 名称（只用机关名称）。",
                );
                ok = false;
                None
            }
        };
        let mark_bodies = match h.mark_names.as_ref().map(|m| (m, m.value.trim())) {
            None | Some((_, "全部")) if kind == Some(DocumentKind::Letter) => {
                // 信函格式 uses the 主办机关's 标志 alone (§10.1).
                if let Some(at) = &h.mark_names {
                    self.error(
                        at,
                        "信函格式只用主办机关标志，不能并用联合发文机关名称（GB/T 9704 §10.1）。",
                        "请删去 mark_names，或写 mark_names: 主办机关。",
                    );
                    ok = false;
                }
                MarkBodies::Host
            }
            Some((at, _)) if kind == Some(DocumentKind::Minutes) => {
                self.error(
                    at,
                    "纪要格式的标志是纪要的名称，不用发文机关名称（GB/T 9704 §10.3）。",
                    "请删去 mark_names。",
                );
                ok = false;
                MarkBodies::All
            }
            None | Some((_, "全部")) => MarkBodies::All,
            Some((_, "主办机关")) => MarkBodies::Host,
            Some((at, other)) => {
                self.error(
                    at,
                    &format!("发文机关标志用哪些机关名称「{other}」无法识别。"),
                    "写 mark_names: 全部（联合行文并用各机关名称，默认），或 mark_names: 主办机关（只用主办机关名称）。",
                );
                ok = false;
                MarkBodies::All
            }
        };
        let doc_number = draft.doc_number.as_ref().and_then(|d| {
            let v = d.value.trim().to_owned();
            match doc_number_problem(&v) {
                None => Some(v),
                Some(problem) => {
                    self.error(
                        d,
                        &format!("发文字号「{v}」不合规范：{problem}"),
                        "格式为 机关代字〔年份〕序号号，例如 梅府发〔2024〕3号。",
                    );
                    ok = false;
                    None
                }
            }
        });
        let signers: Vec<String> = h
            .signers
            .iter()
            .filter_map(|s| self.required_text(s, "签发人"))
            .collect();
        if kind.is_some_and(DocumentKind::is_upward) && signers.is_empty() {
            self.error(
                header,
                "上行文（报告、请示）的版头须标注签发人。",
                "例如 signers: [张三]；联合行文按发文机关顺序写出各机关的签发人。",
            );
            ok = false;
        }
        ok.then(|| Header {
            copy_number,
            secrecy,
            urgency,
            mark_names: issuers
                .iter()
                .take(match mark_bodies {
                    MarkBodies::All => issuers.len(),
                    MarkBodies::Host => 1,
                })
                .map(|i| i.name.clone())
                .collect(),
            mark_suffix,
            doc_number,
            signers,
        })
    }

    /// 签发人 with 职务 and, optionally, a 签名章 picture (§7.3.5.3).
    fn signer(&mut self, s: &crate::input::DraftSigner) -> Option<Signer> {
        let title = self.required_text(&s.title, "签发人职务");
        let name = self.required_text(&s.name, "签发人姓名");
        let stamp = match &s.stamp_image {
            Some(path) => Some(self.seal_image(path)?),
            None => None,
        };
        Some(Signer {
            title: title?,
            name: name?,
            stamp,
        })
    }

    /// Read a seal PNG, relative to the YAML file, and check that it decodes.
    fn seal_image(&mut self, path: &Spanned<String>) -> Option<SealImage> {
        let base = self
            .source
            .path
            .parent()
            .unwrap_or(std::path::Path::new("."));
        let file = base.join(path.value.trim());
        let bytes = match crate::input::file::read_bounded(&file, MAX_SEAL_BYTES, "印章图片") {
            Ok(b) => b,
            Err(e) => {
                self.error(
                    path,
                    &format!("{}（{}）", e.message, file.display()),
                    "路径相对于 YAML 文件所在的文件夹；请确认文件存在、是一个 PNG 图片。",
                );
                return None;
            }
        };
        match decode_png(bytes) {
            Ok(image) => Some(image),
            Err(problem) => {
                self.error(
                    path,
                    &format!("印章图片 {} 无法使用：{problem}", file.display()),
                    "请提供 PNG 格式（最好是透明背景）的印章图片，并确认文件完整、能用看图软件打开。",
                );
                None
            }
        }
    }

    fn title(&mut self, draft: &Draft) -> Option<TitleSource> {
        match (&draft.title, &draft.subject) {
            (Some(t), None) => self.title_text(t, "标题").map(TitleSource::Given),
            (None, Some(s)) => self.title_text(s, "事由").map(TitleSource::Subject),
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

    /// The blocks of one list; `level` is the level their numbers take unless a block names
    /// its own (one below the enclosing section's).
    fn blocks(&mut self, blocks: &[Spanned<DraftBlock>], level: u8) -> Vec<Block> {
        blocks.iter().filter_map(|b| self.block(b, level)).collect()
    }

    fn block(&mut self, block: &Spanned<DraftBlock>, level: u8) -> Option<Block> {
        match &block.value {
            DraftBlock::Text(text) => {
                let text = clean_text(text);
                if text.trim().is_empty() {
                    self.error(block, "这一段正文是空的。", "请删除这一行，或写上内容。");
                    return None;
                }
                Some(Block::Paragraph(Paragraph {
                    text,
                    points: Vec::new(),
                    point_numbers: PointNumbers::default(),
                }))
            }
            DraftBlock::Map(map) if map.table.is_some() => {
                let table = map.table.as_ref().expect("guarded");
                let alone = [
                    &map.heading,
                    &map.run_in,
                    &map.item,
                    &map.text,
                    &map.point_numbers,
                ]
                .iter()
                .all(|k| k.is_none())
                    && map.level.is_none()
                    && map.points.is_empty()
                    && map.body.is_empty();
                if !alone {
                    self.error(
                        table,
                        "table 要单独成为一项，不能和 heading、text、points、body 等写在同一项里。",
                        "请把表格另起一项：- table: {……}，写在它所属的标题或段落之后。",
                    );
                    return None;
                }
                self.table(table).map(Block::Table)
            }
            DraftBlock::Map(map) => {
                let heads = [&map.heading, &map.run_in, &map.item];
                let given: Vec<_> = heads.iter().filter_map(|h| h.as_ref()).collect();
                if given.len() > 1 {
                    self.error(
                        given[1],
                        "heading、run_in、item 只能写一个。",
                        "heading：单独成行的标题；run_in：标题后接正文在同一行；item：只有序号、没有标题的段落。",
                    );
                    return None;
                }
                if given.is_empty() {
                    if let Some(l) = &map.level {
                        self.error(
                            l,
                            "只有带序号的小节（heading、run_in 或 item）才能指定 level。",
                            "请删去 level，或给这一项写上 heading、run_in 或 item。",
                        );
                    }
                    if !map.body.is_empty() {
                        self.error(
                            block,
                            "只有带序号的小节（heading、run_in 或 item）才能有 body。",
                            "请给这一节加上 heading，或把 body 中的内容上移一层。",
                        );
                    }
                    return self.paragraph(block, map).map(Block::Paragraph);
                }
                self.section(block, map, level)
            }
        }
    }

    fn section(
        &mut self,
        block: &Spanned<DraftBlock>,
        map: &DraftBlockMap,
        default_level: u8,
    ) -> Option<Block> {
        let level = match &map.level {
            Some(l) if l.value < default_level => {
                let message = if default_level == 1 {
                    format!("level {} 不是有效的层次。", l.value)
                } else {
                    format!(
                        "这一节在第 {} 层之下，不能再用第 {} 层的序号。",
                        default_level - 1,
                        l.value
                    )
                };
                self.error(
                    l,
                    &message,
                    "level 写 1 至 4（一、（一）1.（1）），且要深于上一层。",
                );
                return None;
            }
            Some(l) => l.value,
            None => default_level,
        };
        let at: &Spanned<String> = [&map.heading, &map.run_in, &map.item]
            .into_iter()
            .find_map(|h| h.as_ref())?;
        let Some(level) = HeadingLevel::new(level) else {
            self.error(
                at,
                "结构层次超过四级。",
                "GB/T 9704 只规定四级序数：一、（一）1.（1）；请把这一节并入上一级，或改为“一是……二是……”的 points。",
            );
            return None;
        };
        let head = if let Some(h) = &map.heading {
            SectionHead::Heading(self.required_text(h, "标题")?)
        } else if let Some(h) = &map.run_in {
            if map.text.is_none() && map.points.is_empty() {
                self.error(
                    h,
                    "run_in 的标题后面要接正文。",
                    "请写上 text（接在标题后的正文）；标题单独成行请改用 heading。",
                );
                return None;
            }
            SectionHead::RunIn(self.required_text(h, "标题")?)
        } else {
            if let Some(text) = &map.text {
                self.error(
                    text,
                    "item 本身就是这一段的正文，不能再写 text。",
                    "请把 text 的内容并入 item。",
                );
                return None;
            }
            SectionHead::Item
        };
        let lead = match &map.item {
            Some(item) => {
                let text = self.required_text(item, "正文")?;
                Some(Paragraph {
                    text,
                    ..self.paragraph(block, map)?
                })
            }
            None if map.text.is_some() || !map.points.is_empty() => {
                Some(self.paragraph(block, map)?)
            }
            None => None,
        };
        let body = self.blocks(&map.body, level.get() + 1);
        Some(Block::Section(Section {
            level,
            head,
            lead,
            body,
        }))
    }

    /// A block's `text`, `points` and `point_numbers` (an `item` counts as text).
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
        let point_numbers = match &map.point_numbers {
            None => PointNumbers::default(),
            Some(p) => match PointNumbers::from_name(&p.value) {
                Some(n) => n,
                None => {
                    self.error(
                        p,
                        &format!("列举的序号「{}」无法识别。", p.value.trim()),
                        "point_numbers 写 一是（默认）、（1） 或 1.",
                    );
                    return None;
                }
            },
        };
        if text.trim().is_empty() && points.is_empty() && map.body.is_empty() && map.item.is_none()
        {
            self.error(
                block,
                "这一项没有内容：需要 text（正文）或 points（一是、二是……）。",
                "请补上内容，或删除这一项。",
            );
            return None;
        }
        Some(Paragraph {
            text,
            points,
            point_numbers,
        })
    }

    /// The date `what` (成文日期, 印发日期) written at `date`.
    fn date(&mut self, date: &Spanned<String>, what: &str) -> Option<IssueDate> {
        let parsed = IssueDate::parse(date.value.trim());
        if parsed.is_none() {
            self.error(
                date,
                &format!("{what}「{}」不是有效的日期。", date.value.trim()),
                "请写成 2024-02-22 或 2024年2月22日，并确认这一天存在；年份须在 1900 至 9999 之间。",
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
            Some(d) => self.date(d, "印发日期")?,
            None => issue_date,
        };
        Some(Imprint {
            copy_to,
            printer,
            print_date,
            even_page: i.even_page.as_ref().is_none_or(|e| e.value),
        })
    }

    /// A title's or 事由's text: besides its break hints (| or ｜) it must hold words.
    fn title_text(&mut self, value: &Spanned<String>, what: &str) -> Option<String> {
        let text = self.required_text(value, what)?;
        if text
            .chars()
            .all(|c| matches!(c, '|' | '｜') || c.is_whitespace())
        {
            self.error(
                value,
                &format!("{what}只有断行符「|」，没有文字。"),
                "「|」只用来指定标题在哪里换行；请写上标题的文字。",
            );
            return None;
        }
        Some(text)
    }

    /// 附件: each with its title checked and its body numbered afresh.
    fn attachments(&mut self, list: &[Spanned<crate::input::DraftAttachment>]) -> Vec<Attachment> {
        list.iter()
            .filter_map(|a| {
                let title = self.required_text(&a.value.title, "附件名称")?;
                if title.ends_with(['。', '；', '，', '.', ';']) {
                    self.error(
                        &a.value.title,
                        "附件名称后不加标点符号（GB/T 9704 §7.3.4）。",
                        "请删去末尾的标点。",
                    );
                }
                Some(Attachment {
                    title,
                    body: self.blocks(&a.value.body, 1),
                })
            })
            .collect()
    }

    /// A forwarded or issued document, checked as a document of its own.
    fn forwarded(&mut self, f: &Spanned<crate::input::DraftForwarded>) -> Option<Forwarded> {
        let d = &f.value;
        let start = match d.start.as_ref().map(|s| (s, s.value.trim())) {
            None | Some((_, "另起一页")) => ForwardedStart::NewPage,
            Some((_, "接排")) => ForwardedStart::Follow,
            Some((at, other)) => {
                self.error(
                    at,
                    &format!("被转发公文的起始位置「{other}」无法识别。"),
                    "写 start: 另起一页（默认），或 start: 接排（紧接在署名之后）。",
                );
                return None;
            }
        };
        let title = self.required_text(&d.title, "标题");
        let byline = d.byline.as_ref().and_then(|b| {
            let text = self.required_text(b, "题注")?;
            let bare = text
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            Some(format!("（{bare}）"))
        });
        let recipients = d
            .recipients
            .iter()
            .filter_map(|v| self.required_text(v, "主送机关"))
            .collect();
        if d.body.is_empty() {
            self.error(
                &d.title,
                "被转发公文的正文（body）是空的。",
                "请写上它的正文。",
            );
        }
        let body = self.blocks(&d.body, 1);
        let signatures = d
            .signatures
            .iter()
            .filter_map(|v| self.required_text(v, "署名"))
            .collect();
        let date = match &d.date {
            Some(v) => Some(self.date(v, "成文日期")?),
            None => None,
        };
        if date.is_none()
            && let Some(first) = d.signatures.first()
        {
            self.error(
                first,
                "被转发公文有署名（signatures），却没有成文日期（date）。",
                "请写上它的成文日期，例如 date: 1997-01-28。",
            );
            return None;
        }
        let attachments = self.attachments(&d.attachments);
        Some(Forwarded {
            start,
            title: title?,
            byline,
            recipients,
            body,
            signatures,
            date,
            attachments,
        })
    }

    /// Cleaned text, or an error naming `what` if it is empty.
    fn required_text(&mut self, value: &Spanned<String>, what: &str) -> Option<String> {
        let text = clean_text(&value.value);
        if text.trim().is_empty() {
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

/// Whether a 请示's 附注 names a 联系人 and a telephone (the word 电话, or a number of at least
/// seven digits).
fn names_contact(note: &str) -> bool {
    let mut run = 0;
    let long_number = note.chars().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 7
    });
    note.contains("联系人") && (note.contains("电话") || long_number)
}

/// The most pixels a seal image may have: a 42 mm seal needs about 1,000 × 1,000 even at
/// 600 dpi.
const MAX_SEAL_PIXELS: u64 = 40_000_000;

/// The largest seal file read: a scanned seal is a few hundred KB.
const MAX_SEAL_BYTES: usize = 32 * 1024 * 1024;

/// Decode a whole PNG (so a corrupt body is caught here, at the YAML line, not in a writer),
/// refusing one too large before decoding it: the seal as 8-bit RGB and alpha samples, or
/// what is wrong.
fn decode_png(bytes: Vec<u8>) -> std::result::Result<SealImage, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(&bytes[..]));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    decoder.set_limits(png::Limits {
        bytes: 4 * MAX_SEAL_PIXELS as usize,
    });
    let mut reader = decoder
        .read_info()
        .map_err(|_| "不是有效的 PNG 文件".to_owned())?;
    let (width, height) = (reader.info().width, reader.info().height);
    if width == 0 || height == 0 {
        return Err("图片是空的".to_owned());
    }
    if u64::from(width) * u64::from(height) > MAX_SEAL_PIXELS {
        return Err(format!(
            "图片有 {width} × {height} 像素，超过上限 {} 万像素",
            MAX_SEAL_PIXELS / 10_000
        ));
    }
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|_| "PNG 数据已损坏，无法解码".to_owned())?;
    let pixels = &buf[..frame.buffer_size()];
    let (mut rgb, mut alpha) = (Vec::new(), Vec::new());
    let mut push = |r: u8, g: u8, b: u8, a: u8| {
        rgb.extend([r, g, b]);
        alpha.push(a);
    };
    match frame.color_type {
        png::ColorType::Rgba => pixels.chunks(4).for_each(|p| push(p[0], p[1], p[2], p[3])),
        png::ColorType::Rgb => pixels.chunks(3).for_each(|p| push(p[0], p[1], p[2], 255)),
        png::ColorType::GrayscaleAlpha => {
            pixels.chunks(2).for_each(|p| push(p[0], p[0], p[0], p[1]))
        }
        png::ColorType::Grayscale => pixels.iter().for_each(|&p| push(p, p, p, 255)),
        // normalize_to_color8 expands palettes.
        png::ColorType::Indexed => return Err("调色板格式无法解码".to_owned()),
    }
    Ok(SealImage {
        png: std::sync::Arc::new(bytes),
        width: frame.width,
        height: frame.height,
        rgb: std::sync::Arc::new(rgb),
        alpha: std::sync::Arc::new(alpha),
    })
}

/// U+3000, one 字 wide on the grid.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// Trim the ASCII whitespace YAML leaves at the ends, and drop the line breaks YAML folds into
/// spaces where they fall between Chinese characters (a space there would print as a gap).
/// Every other space stays as typed: U+3000 and runs of spaces are the clerk's alignment.
pub(crate) fn clean_text(text: &str) -> String {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
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
            if !run.contains(&'\n') {
                // A tab or other space the grid has no cell for sets as one space.
                out.extend(
                    run.iter()
                        .map(|&c| if c == IDEOGRAPHIC_SPACE { c } else { ' ' }),
                );
                continue;
            }
            // A folded line break: the indentation around it is YAML's, a U+3000 the clerk's.
            let kept: Vec<char> = run
                .iter()
                .copied()
                .filter(|&c| c == IDEOGRAPHIC_SPACE)
                .collect();
            if !kept.is_empty() {
                out.extend(kept);
                continue;
            }
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if !(wide(chars.get(start.wrapping_sub(1))) || wide(chars.get(i))) {
                out.push(' ');
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_date_forms() {
        let want = IssueDate::new(2024, 2, 22);
        assert_eq!(IssueDate::parse("2024-02-22"), want);
        assert_eq!(IssueDate::parse("2024年2月22日"), want);
        assert_eq!(IssueDate::parse("2024/2/22"), want);
        assert_eq!(IssueDate::parse("2024-02-30"), None);
        assert_eq!(IssueDate::parse("二〇二四年二月"), None);
    }

    #[test]
    fn folded_lines_between_chinese_leave_no_gap() {
        assert_eq!(
            clean_text("坚持党的\n  领导，2023 年"),
            "坚持党的领导，2023 年"
        );
        assert_eq!(clean_text(" a\nb "), "a b");
    }

    #[test]
    fn spaces_the_clerk_typed_stay() {
        assert_eq!(clean_text("图1　某某示意图"), "图1　某某示意图");
        assert_eq!(clean_text("张　三　　李四  王五"), "张　三　　李四  王五");
        assert_eq!(clean_text("　　首行\n  　接续"), "　　首行　接续");
    }
}
