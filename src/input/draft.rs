//! 草稿 — the YAML as the clerk wrote it: serde types that mirror the file, nothing resolved.
//!
//! Unknown keys are errors (`deny_unknown_fields`). Values the model judges carry their place in
//! the file ([`Spanned`]) so its errors can point at them.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::fmt;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// 文种, e.g. 报告.
    pub kind: Spanned<String>,
    /// 发文机关, 主办机关 first.
    pub issuers: Spanned<Vec<DraftIssuer>>,
    /// 主送机关.
    #[serde(default)]
    pub recipients: Vec<Spanned<String>>,
    /// 标题 in full; or give `subject` and let the template build it.
    pub title: Option<Spanned<String>>,
    /// 事由: the template turns it into 关于……的报告.
    pub subject: Option<Spanned<String>>,
    /// 正文.
    pub body: Spanned<Vec<Spanned<DraftBlock>>>,
    /// 结束语; absent: the kind's own (特此报告。); empty string: none.
    pub closing: Option<Spanned<String>>,
    /// 成文日期: 2024-02-22 or 2024年2月22日.
    pub date: Spanned<String>,
    /// 附注.
    pub note: Option<Spanned<String>>,
    /// 发文字号, e.g. 梅府发〔2024〕3号 (GB/T 9704 §7.2.5). Checked by `gongwen check`; not yet
    /// printed (the 版头 is not laid out yet).
    pub doc_number: Option<Spanned<String>>,
    /// 加盖印章: true when the bodies seal the document (GB/T 9704 §7.3.5.1).
    pub seal: Option<Spanned<bool>>,
    /// 版记: 抄送机关, 印发机关和印发日期.
    pub imprint: Option<Spanned<DraftImprint>>,
    /// 版头 (红头); absent: the document is set on plain paper.
    pub header: Option<Spanned<DraftHeader>>,
    /// 附件, each on pages of its own after the 正文.
    #[serde(default)]
    pub attachments: Vec<Spanned<DraftAttachment>>,
    /// Documents this one forwards, issues or approves (转发、印发、批转), each set after its
    /// 署名.
    #[serde(default)]
    pub forwarded: Vec<Spanned<DraftForwarded>>,
    /// 纪要: 出席 (present), 请假 (on leave), 列席 (observers).
    #[serde(default)]
    pub present: Vec<Spanned<String>>,
    #[serde(default)]
    pub on_leave: Vec<Spanned<String>>,
    #[serde(default)]
    pub observers: Vec<Spanned<String>>,
    /// 决议, 决定, 公报: the meeting that adopted it, bracketed under the title with the date.
    pub adopted_by: Option<Spanned<String>>,
    /// 命令（令）: 令号, e.g. 第1号 (GB/T 9704 §10.2).
    pub order_number: Option<Spanned<String>>,
    /// Put the 主送机关 in the 版记 (GB/T 9704 §7.3.2); absent: only when they would push the
    /// 正文 off page 1.
    pub recipients_in_imprint: Option<Spanned<bool>>,
}

/// 附件 (GB/T 9704 §7.3.4, §7.3.7).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftAttachment {
    /// 附件名称 — also its title on its first page.
    pub title: Spanned<String>,
    /// Its content, in the same form as `body`.
    #[serde(default)]
    pub body: Vec<Spanned<DraftBlock>>,
}

/// A forwarded or issued document, set after the covering document's 署名.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftForwarded {
    /// Where it starts: 另起一页 (default) or 接排 (directly after the 署名).
    pub start: Option<Spanned<String>>,
    /// Its own 标题.
    pub title: Spanned<String>,
    /// The bracketed line under its title: （民政部　一九九七年一月二十八日）.
    pub byline: Option<Spanned<String>>,
    /// Its own 主送机关.
    #[serde(default)]
    pub recipients: Vec<Spanned<String>>,
    /// Its 正文, numbered afresh.
    pub body: Vec<Spanned<DraftBlock>>,
    /// Its 署名, one per body.
    #[serde(default)]
    pub signatures: Vec<Spanned<String>>,
    /// Its 成文日期.
    pub date: Option<Spanned<String>>,
    /// Its own 附件.
    #[serde(default)]
    pub attachments: Vec<Spanned<DraftAttachment>>,
}

/// 版头 — the red letterhead of page 1 (GB/T 9704 §7.2).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftHeader {
    /// 份号: six digits.
    pub copy_number: Option<Spanned<String>>,
    /// 密级和保密期限, e.g. 秘密★1年.
    pub secrecy: Option<Spanned<String>>,
    /// 紧急程度: 特急 or 加急.
    pub urgency: Option<Spanned<String>>,
    /// 发文机关标志: 文件 (names + 文件, the default) or 名称 (names only).
    pub mark: Option<Spanned<String>>,
    /// Whose names the 标志 of a 联合行文 shows: 全部 (every body, the default) or 主办机关 (the
    /// first alone), GB/T 9704 §7.2.3.
    pub mark_names: Option<Spanned<String>>,
    /// 签发人, one per issuing body, for 上行文 (报告, 请示).
    #[serde(default)]
    pub signers: Vec<Spanned<String>>,
}

/// 版记 — the block at the foot of the last page (GB/T 9704 §7.4).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftImprint {
    /// 抄送机关, in order.
    #[serde(default)]
    pub copy_to: Vec<Spanned<String>>,
    /// 印发机关.
    pub printer: Option<Spanned<String>>,
    /// 印发日期.
    pub print_date: Option<Spanned<String>>,
    /// Put the 版记 on an even page (default true, spec digest §6.2).
    pub even_page: Option<Spanned<bool>>,
}

/// 发文机关.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftIssuer {
    /// 全称.
    pub name: Spanned<String>,
    /// The name used in the 署名, e.g. a 规范化简称; the full name when absent.
    pub sign_as: Option<Spanned<String>>,
    /// 印章 image (PNG), relative to the YAML file; drawn over the 署名 when `seal: true`.
    pub seal_image: Option<Spanned<String>>,
    /// 签发人 who signs with a 签名章 (GB/T 9704 §7.3.5.3), instead of the body's 署名.
    pub signer: Option<Spanned<DraftSigner>>,
}

/// 签发人 with 职务 and 签名章 (GB/T 9704 §7.3.5.3).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftSigner {
    /// 签发人职务, in full (县长).
    pub title: Spanned<String>,
    /// 姓名.
    pub name: Spanned<String>,
    /// 签名章 image (PNG), relative to the YAML file.
    pub stamp_image: Option<Spanned<String>>,
}

/// One item of `body`: a bare string is a paragraph; a mapping is a section or a paragraph
/// with an enumeration. Used as `Spanned<DraftBlock>` so both forms keep their place.
#[derive(Debug)]
pub enum DraftBlock {
    Text(String),
    /// Boxed: a mapping is far larger than a bare string.
    Map(Box<DraftBlockMap>),
}

/// A `body` item written as a mapping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftBlockMap {
    /// A heading sentence, without its number.
    pub heading: Option<Spanned<String>>,
    /// A heading sentence run in with its `text` at any level, level 1 included
    /// (一、加强组织领导。各地区……).
    pub run_in: Option<Spanned<String>>,
    /// A numbered paragraph without a heading sentence (一、各地区要……。), set in the body face.
    pub item: Option<Spanned<String>>,
    /// The level whose numbers this block takes (1 一、 · 2 （一） · 3 1. · 4 （1）); absent: one
    /// below the enclosing block's.
    pub level: Option<Spanned<u8>>,
    /// Paragraph text; under a heading of level 2–4 it runs in after the heading.
    pub text: Option<Spanned<String>>,
    /// An enumeration rendered inline as 一是……二是…….
    #[serde(default)]
    pub points: Vec<Spanned<String>>,
    /// How the points are numbered: 一是 (default), （1） or 1.
    pub point_numbers: Option<Spanned<String>>,
    /// The blocks under a heading.
    #[serde(default)]
    pub body: Vec<Spanned<DraftBlock>>,
    /// A table standing where a paragraph could (then the only key of the item).
    pub table: Option<Spanned<DraftTable>>,
}

/// 表格: an optional caption, header rows, body rows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftTable {
    /// 表题, centred above the table.
    pub caption: Option<Spanned<String>>,
    /// 表头 rows, repeated at the top of every page the table runs onto.
    #[serde(default)]
    pub header: Vec<Spanned<Vec<Spanned<DraftCell>>>>,
    /// The body rows.
    #[serde(default)]
    pub rows: Vec<Spanned<Vec<Spanned<DraftCell>>>>,
    /// Column widths as ratios (1, 3, 2…); absent: from the content.
    pub widths: Option<Spanned<Vec<Spanned<u32>>>>,
    /// 字号 of the cells: 3号 or 4号; absent: 3号, or 4号 when 3号 would not fit.
    pub size: Option<Spanned<String>>,
    /// Alignment per column: 左, 居中, 右 or 小数点; absent: 左.
    #[serde(default)]
    pub align: Vec<Spanned<String>>,
    /// 横排 or 竖排 (GB/T 9704 §8); absent: 横排 when the columns do not fit the 版心's width.
    pub orientation: Option<Spanned<String>>,
}

/// One cell: a bare string, a bare value YAML would read as a number, a truth value or nothing
/// (`1097.10`, `01`, `是`… its text is taken from the file as typed, so 01 stays 01 and 1097.10
/// keeps its 0), or a mapping with spans.
#[derive(Debug)]
pub enum DraftCell {
    Text(String),
    AsTyped,
    Map(DraftCellMap),
}

/// A cell written as a mapping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftCellMap {
    #[serde(default)]
    pub text: String,
    /// Columns it spans (横向合并).
    pub colspan: Option<Spanned<u32>>,
    /// Rows it spans (纵向合并).
    pub rowspan: Option<Spanned<u32>>,
}

impl<'de> Deserialize<'de> for DraftCell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = DraftCell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cell (text) or a mapping with text/colspan/rowspan")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DraftCell, E> {
                Ok(DraftCell::Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<DraftCell, E> {
                Ok(DraftCell::AsTyped)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<DraftCell, E> {
                Ok(DraftCell::AsTyped)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<DraftCell, E> {
                Ok(DraftCell::AsTyped)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<DraftCell, E> {
                Ok(DraftCell::AsTyped)
            }
            fn visit_unit<E: de::Error>(self) -> Result<DraftCell, E> {
                Ok(DraftCell::AsTyped)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DraftCell, A::Error> {
                DraftCellMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(DraftCell::Map)
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

impl<'de> Deserialize<'de> for DraftBlock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlockVisitor;
        impl<'de> Visitor<'de> for BlockVisitor {
            type Value = DraftBlock;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paragraph (text) or a mapping with heading/text/points/body")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DraftBlock, E> {
                Ok(DraftBlock::Text(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DraftBlock, A::Error> {
                DraftBlockMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|m| DraftBlock::Map(Box::new(m)))
            }
        }
        deserializer.deserialize_any(BlockVisitor)
    }
}

/// The keys a draft struct accepts, read from its own serde definition — the one list of YAML
/// keys (for "是不是要写……" hints), so a new field can never be missing from the hints.
pub fn keys_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut keys = None;
    // The derived impl names its fields when it asks for a struct; then we stop it.
    let _ = T::deserialize(FieldNames(&mut keys));
    keys.unwrap_or(&[])
}

/// A deserializer that only records the field list a struct asks for.
struct FieldNames<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("field names read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lists_come_from_the_structs() {
        assert_eq!(
            keys_of::<DraftIssuer>(),
            ["name", "sign_as", "seal_image", "signer"]
        );
        assert!(keys_of::<Draft>().contains(&"attachments"));
        assert!(keys_of::<DraftBlockMap>().contains(&"points"));
        assert!(keys_of::<DraftTable>().contains(&"header"));
        assert_eq!(keys_of::<DraftCellMap>(), ["text", "colspan", "rowspan"]);
    }
}
