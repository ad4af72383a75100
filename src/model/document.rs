//! The resolved 公文: every default applied, every value checked. Nothing downstream guesses.

use crate::diag::Place;

/// 文种 — the kind of document (条例 第八条 names fifteen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// 决议 — 会议讨论通过的重大决策事项; carries the adopting meeting under its title.
    Resolution,
    /// 决定 — 对重要事项作出决策和部署、奖惩有关单位和人员、变更或者撤销下级机关不适当的决定事项.
    Decision,
    /// 命令（令） — 公布行政法规和规章、宣布施行重大强制性措施、批准授予和晋升衔级、嘉奖有关单位和人员;
    /// set in 命令格式 with a 版头 (GB/T 9704 §10.2).
    Order,
    /// 公报 — 公布重要决定或者重大事项; may carry the adopting meeting under its title.
    Communique,
    /// 公告 — 向国内外宣布重要事项或者法定事项; no 主送机关.
    Announcement,
    /// 通告 — 在一定范围内公布应当遵守或者周知的事项; no 主送机关.
    PublicNotice,
    /// 意见 — 对重要问题提出见解和处理办法.
    Opinion,
    /// 通知 — sends work down, publishes rules, forwards documents.
    Notice,
    /// 通报 — 表彰先进、批评错误、传达重要精神和告知重要情况.
    Bulletin,
    /// 报告 — reports to a higher organ; asks for no instructions.
    Report,
    /// 请示 — asks a higher organ for instructions or approval; one 主送机关 only.
    Request,
    /// 批复 — 答复下级机关请示事项; answers one 请示, so one 主送机关.
    Reply,
    /// 议案 — 各级人民政府按照法律程序向同级人民代表大会或者其常务委员会提请审议事项.
    Motion,
    /// 函 — between organs not subordinate to each other; set in 信函格式 with a 版头.
    Letter,
    /// 纪要 — records a meeting's main points; set in 纪要格式 with a 版头.
    Minutes,
}

/// Whom a kind is addressed to (主送机关).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addressing {
    /// Any number of 主送机关, or none.
    Any,
    /// Exactly one: the organ that answers (请示, 条例 第十五条) or that asked (批复) or that
    /// deliberates (议案).
    One,
    /// Published to all: normally no 主送机关 (公告, 通告, 公报, 决议).
    Published,
}

impl DocumentKind {
    /// In the order of 条例 第八条.
    pub const ALL: [DocumentKind; 15] = [
        DocumentKind::Resolution,
        DocumentKind::Decision,
        DocumentKind::Order,
        DocumentKind::Communique,
        DocumentKind::Announcement,
        DocumentKind::PublicNotice,
        DocumentKind::Opinion,
        DocumentKind::Notice,
        DocumentKind::Bulletin,
        DocumentKind::Report,
        DocumentKind::Request,
        DocumentKind::Reply,
        DocumentKind::Motion,
        DocumentKind::Letter,
        DocumentKind::Minutes,
    ];

    /// The kind written as its Chinese name (报告); 命令 may also be written 令 or 命令（令）.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "令" | "命令（令）" | "命令(令)" => Some(DocumentKind::Order),
            _ => Self::ALL.into_iter().find(|k| k.name() == name),
        }
    }

    /// The kind's Chinese name, as written in the YAML and in the title.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Resolution => "决议",
            DocumentKind::Decision => "决定",
            DocumentKind::Order => "命令",
            DocumentKind::Communique => "公报",
            DocumentKind::Announcement => "公告",
            DocumentKind::PublicNotice => "通告",
            DocumentKind::Opinion => "意见",
            DocumentKind::Notice => "通知",
            DocumentKind::Bulletin => "通报",
            DocumentKind::Report => "报告",
            DocumentKind::Request => "请示",
            DocumentKind::Reply => "批复",
            DocumentKind::Motion => "议案",
            DocumentKind::Letter => "函",
            DocumentKind::Minutes => "纪要",
        }
    }

    /// The template file (without extension) that holds the kind's wording.
    pub fn template_name(self) -> &'static str {
        match self {
            DocumentKind::Resolution => "resolution",
            DocumentKind::Decision => "decision",
            DocumentKind::Order => "order",
            DocumentKind::Communique => "communique",
            DocumentKind::Announcement => "announcement",
            DocumentKind::PublicNotice => "public_notice",
            DocumentKind::Opinion => "opinion",
            DocumentKind::Notice => "notice",
            DocumentKind::Bulletin => "bulletin",
            DocumentKind::Report => "report",
            DocumentKind::Request => "request",
            DocumentKind::Reply => "reply",
            DocumentKind::Motion => "motion",
            DocumentKind::Letter => "letter",
            DocumentKind::Minutes => "minutes",
        }
    }

    /// 上行文: sent to a higher organ; its 版头 carries 签发人 (GB/T 9704 §7.2.5–7.2.6).
    pub fn is_upward(self) -> bool {
        matches!(self, DocumentKind::Report | DocumentKind::Request)
    }

    /// Whom the kind is addressed to.
    pub fn addressing(self) -> Addressing {
        match self {
            DocumentKind::Request | DocumentKind::Reply | DocumentKind::Motion => Addressing::One,
            DocumentKind::Announcement
            | DocumentKind::PublicNotice
            | DocumentKind::Communique
            | DocumentKind::Resolution => Addressing::Published,
            _ => Addressing::Any,
        }
    }

    /// Whether the kind may carry the meeting that adopted it, bracketed under the title
    /// (（2024年7月10日……会议通过）): 决议 always does; 决定 and 公报 may.
    pub fn adoption(self) -> Adoption {
        match self {
            DocumentKind::Resolution => Adoption::Required,
            DocumentKind::Decision | DocumentKind::Communique => Adoption::Allowed,
            _ => Adoption::None,
        }
    }
}

/// Whether a kind carries the meeting that adopted it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adoption {
    Required,
    Allowed,
    None,
}

/// Whose names a 联合行文's 发文机关标志 shows (GB/T 9704 §7.2.3: "可以并用联合发文机关名称，
/// 也可以单独用主办机关名称").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MarkBodies {
    /// Every issuing body, 主办 first (`mark_names: 全部`, the default).
    #[default]
    All,
    /// The 主办机关 alone (`mark_names: 主办机关`); every body still signs.
    Host,
}

/// 版头 — GB/T 9704 §7.2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// 份号: six digits.
    pub copy_number: Option<String>,
    /// 密级和保密期限.
    pub secrecy: Option<String>,
    /// 紧急程度.
    pub urgency: Option<String>,
    /// 发文机关标志: the names it shows ([`MarkBodies`]), 主办 first; 文件 when the mark carries it.
    pub mark_names: Vec<String>,
    pub mark_suffix: Option<String>,
    /// 发文字号 (the 主办机关's).
    pub doc_number: Option<String>,
    /// 签发人 (上行文).
    pub signers: Vec<String>,
}

/// A whole document.
#[derive(Clone, Debug)]
pub struct Document {
    pub kind: DocumentKind,
    /// 发文机关, 主办机关 first (联合行文 when more than one).
    pub issuers: Vec<IssuingBody>,
    /// 主送机关, in order.
    pub recipients: Vec<String>,
    /// 标题.
    pub title: TitleSource,
    /// 正文.
    pub body: Vec<Block>,
    /// 结束语.
    pub closing: Closing,
    /// 成文日期.
    pub date: IssueDate,
    /// 附注.
    pub note: Option<String>,
    /// 印章.
    pub sealing: Sealing,
    /// 版记.
    pub imprint: Option<Imprint>,
    /// 版头; `None` on plain paper.
    pub header: Option<Header>,
    /// 附件, in order.
    pub attachments: Vec<Attachment>,
    /// 纪要: 出席, 请假, 列席 — each a list of names (units and people).
    pub attendance: Attendance,
    /// Documents forwarded or issued by this one (转发、印发、批转), in order.
    pub forwarded: Vec<Forwarded>,
    /// 决议, 决定, 公报: the meeting that adopted it (printed with the date under the title).
    pub adopted_by: Option<String>,
    /// 命令（令）: 令号 (第1号).
    pub order_number: Option<String>,
    /// Where the 主送机关 stand (GB/T 9704 §7.3.2).
    pub recipients_place: RecipientsPlace,
    /// Where the values the layout may refuse stand in the file.
    pub places: Places,
}

/// A value of the document that the layout may be unable to place, named for its error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The `i`th issuing body's name (in the 版头's 标志).
    IssuerName(usize),
    /// The `i`th issuing body's 署名 (`sign_as`, or its name).
    Signature(usize),
    /// The `i`th 签发人 in the 版头.
    Signer(usize),
    /// 发文字号.
    DocNumber,
    /// 令号.
    OrderNumber,
    /// 标题 (the 纪要格式's 标志).
    Title,
    /// 成文日期.
    Date,
    /// The 版头 as a whole.
    Header,
    /// 份号.
    CopyNumber,
    /// 密级和保密期限.
    Secrecy,
    /// 紧急程度.
    Urgency,
    /// 印发机关.
    Printer,
    /// 抄送机关.
    CopyTo,
}

/// Where each [`Part`] stands in the YAML file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    pub issuer_names: Vec<Place>,
    pub signatures: Vec<Place>,
    pub signers: Vec<Place>,
    pub doc_number: Option<Place>,
    pub order_number: Option<Place>,
    pub title: Option<Place>,
    pub date: Option<Place>,
    pub header: Option<Place>,
    pub copy_number: Option<Place>,
    pub secrecy: Option<Place>,
    pub urgency: Option<Place>,
    pub printer: Option<Place>,
    pub copy_to: Option<Place>,
}

impl Places {
    pub fn of(&self, part: Part) -> Option<Place> {
        match part {
            Part::IssuerName(i) => self.issuer_names.get(i).copied(),
            Part::Signature(i) => self.signatures.get(i).copied(),
            Part::Signer(i) => self.signers.get(i).copied(),
            Part::DocNumber => self.doc_number,
            Part::OrderNumber => self.order_number,
            Part::Title => self.title,
            Part::Date => self.date,
            Part::Header => self.header,
            Part::CopyNumber => self.copy_number,
            Part::Secrecy => self.secrecy,
            Part::Urgency => self.urgency,
            Part::Printer => self.printer,
            Part::CopyTo => self.copy_to,
        }
    }
}

/// Where the 主送机关 stand (GB/T 9704 §7.3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecipientsPlace {
    /// Under the title, unless so many that page 1 would show no 正文; then in the 版记.
    Auto,
    /// In the 版记, above 抄送 (the clerk asked: `recipients_in_imprint: true`).
    Imprint,
}

/// 签发人 signing with 职务 and 签名章 (GB/T 9704 §7.3.5.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    /// 签发人职务, in full.
    pub title: String,
    pub name: String,
    /// 签名章 image, drawn over the name.
    pub stamp: Option<SealImage>,
}

/// A forwarded or issued document: a whole document of its own, set after the covering
/// document's 署名.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forwarded {
    pub start: ForwardedStart,
    pub title: String,
    /// The bracketed line under its title, brackets included.
    pub byline: Option<String>,
    pub recipients: Vec<String>,
    pub body: Vec<Block>,
    /// Its 署名, one per body (none for a document that carries none).
    pub signatures: Vec<String>,
    pub date: Option<IssueDate>,
    pub attachments: Vec<Attachment>,
}

/// Where a forwarded document starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForwardedStart {
    /// On a new page (另起一页).
    NewPage,
    /// Directly after the covering 署名, one blank line between (接排).
    Follow,
}

/// 出席、请假、列席 of a 纪要 (GB/T 9704 §10.3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attendance {
    pub present: Vec<String>,
    pub on_leave: Vec<String>,
    pub observers: Vec<String>,
}

/// 附件 — listed in the 附件说明 and set on pages of its own (GB/T 9704 §7.3.4, §7.3.7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// 附件名称, also its title.
    pub title: String,
    /// Its content; headings numbered afresh from 一、.
    pub body: Vec<Block>,
}

/// 印章 — whether the issuing bodies seal the document (GB/T 9704 §7.3.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sealing {
    /// 不加盖印章 (§7.3.5.2).
    NoSeal,
    /// 加盖印章 (§7.3.5.1): room is kept for one seal per issuing body.
    Seal,
}

/// 版记 — 抄送机关, 印发机关和印发日期 at the foot of the last page (GB/T 9704 §7.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imprint {
    /// 抄送机关.
    pub copy_to: Vec<String>,
    /// 印发机关.
    pub printer: Option<String>,
    /// 印发日期 (the 成文日期 when not given).
    pub print_date: IssueDate,
    /// On an even page (the back of a sheet), as 双面印刷 requires (spec digest §6.2).
    pub even_page: bool,
}

/// 发文机关 — an issuing organ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuingBody {
    /// 全称.
    pub name: String,
    /// 署名: the full name or a 规范化简称 (条例 第九条).
    pub signature_name: String,
    /// 印章 image, when the clerk supplies one.
    pub seal_image: Option<SealImage>,
    /// 签发人 with 签名章, signing in the body's place (§7.3.5.3).
    pub signer: Option<Signer>,
}

/// 印章 — a seal image, decoded whole when the YAML was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealImage {
    /// The PNG file's bytes (what a DOCX embeds).
    pub png: std::sync::Arc<Vec<u8>>,
    /// Pixels.
    pub width: u32,
    pub height: u32,
    /// 8-bit RGB samples, row by row (what a PDF embeds).
    pub rgb: std::sync::Arc<Vec<u8>>,
    /// 8-bit alpha samples.
    pub alpha: std::sync::Arc<Vec<u8>>,
}

/// Where the 标题 comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TitleSource {
    /// Written out in full by the clerk.
    Given(String),
    /// Only the 事由; the kind's template adds 关于……的报告.
    Subject(String),
}

/// 结束语 — the closing sentence after the 正文.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closing {
    /// The kind's usual closing, from its template (报告: 特此报告。).
    KindDefault,
    /// None at all.
    Omitted,
    /// The clerk's own.
    Text(String),
}

/// One unit of the 正文.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Section(Section),
    /// 表格, where a paragraph could stand.
    Table(super::Table),
}

/// 结构层次 — a numbered section (一、 （一） 1. （1）).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub level: HeadingLevel,
    pub head: SectionHead,
    /// The paragraph that follows the number and the heading sentence.
    pub lead: Option<Paragraph>,
    pub body: Vec<Block>,
}

/// What stands after a section's number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionHead {
    /// A heading sentence, without its number: on its own line at level 1, run in with the lead
    /// at levels 2–4.
    Heading(String),
    /// A heading sentence run in with the lead at every level, level 1 included.
    RunIn(String),
    /// None: the number starts the lead paragraph, set in the body face (一、各地区要……。).
    Item,
}

/// The depth of a heading: 1 一、 · 2 （一） · 3 1. · 4 （1） (GB/T 9704 §7.3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    pub const MAX: u8 = 4;

    /// `None` beyond level 4: the standard has four levels of 序数.
    pub fn new(level: u8) -> Option<Self> {
        (1..=Self::MAX)
            .contains(&level)
            .then_some(HeadingLevel(level))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Level 1 stands on its own line; deeper levels run in with their paragraph.
    pub fn runs_in(self) -> bool {
        self.0 >= 2
    }
}

/// 自然段 — a paragraph, optionally carrying an inline enumeration 一是……二是…….
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Text before the enumeration (may be empty).
    pub text: String,
    /// The enumeration's items, without their 一是/二是.
    pub points: Vec<String>,
    pub point_numbers: PointNumbers,
}

/// How the items of an inline enumeration are numbered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PointNumbers {
    /// 一是……二是…… (GB/T 15834 B.3.7).
    #[default]
    Shi,
    /// （1）……（2）…….
    Parenthesized,
    /// 1.……2.…….
    Arabic,
}

impl PointNumbers {
    /// The form as a clerk writes it in `point_numbers`: 一是, （1） or 1.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim() {
            "一是" => Some(PointNumbers::Shi),
            "（1）" | "(1)" => Some(PointNumbers::Parenthesized),
            "1." | "1．" => Some(PointNumbers::Arabic),
            _ => None,
        }
    }
}

/// 成文日期 — a real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IssueDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IssueDate {
    /// The years accepted: from 1900, and four digits at most (PDF and DOCX dates have four).
    pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=9999;

    /// `None` unless the date exists (leap years included) and its year is in [`Self::YEARS`].
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (Self::YEARS.contains(&year) && (1..=days).contains(&day)).then_some(IssueDate {
            year,
            month,
            day,
        })
    }

    /// 2024-02-22, 2024-2-22, 2024/2/22 or 2024年2月22日.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.strip_suffix('日').unwrap_or(s);
        let parts: Vec<&str> = s.split(['-', '/', '年', '月', '.']).collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        IssueDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days from 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year) - i64::from(self.month <= 2),
            i64::from(self.month),
            i64::from(self.day),
        );
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`), if it is one
    /// gongwen accepts.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        IssueDate::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// 2024-02-22 (ISO 8601), as file metadata states a date.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// 2024年2月22日 — Arabic digits, 年 in full, no leading zeros (GB/T 9704 §7.3.5.4).
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(IssueDate::new(2024, 2, 29).is_some());
        assert!(IssueDate::new(2023, 2, 29).is_none());
        assert!(IssueDate::new(2100, 2, 29).is_none());
        assert!(IssueDate::new(2024, 13, 1).is_none());
        assert_eq!(
            IssueDate::new(2024, 2, 22).unwrap().chinese(),
            "2024年2月22日"
        );
    }

    #[test]
    fn days_since_epoch_both_ways() {
        let d = IssueDate::new(2024, 2, 22).unwrap();
        assert_eq!(d.days_since_epoch() * 86_400, 1_708_560_000);
        assert_eq!(
            IssueDate::from_days_since_epoch(d.days_since_epoch()),
            Some(d)
        );
        assert_eq!(IssueDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        let leap = IssueDate::new(2000, 2, 29).unwrap();
        assert_eq!(
            IssueDate::from_days_since_epoch(leap.days_since_epoch()),
            Some(leap)
        );
    }
}
