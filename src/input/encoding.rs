//! 编码 — which character encoding a file was saved in: UTF-8 (with or without the BOM Notepad
//! adds), or GBK/GB18030 (older Notepad and WPS defaults on Chinese Windows). Anything else is
//! an error that says how to save the file as UTF-8.

use crate::diag::{Diagnostic, Result};
use encoding_rs::GB18030;
use std::path::Path;

/// The encoding the user asks for (`--encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EncodingChoice {
    /// UTF-8, else GBK/GB18030 when the bytes read as Chinese in it.
    #[default]
    Auto,
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl EncodingChoice {
    /// `utf-8`, `gbk`, `gb18030`, `gb2312` or `auto` (any case).
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Some(Self::Auto),
            "utf-8" | "utf8" => Some(Self::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(Self::Gb18030),
            _ => None,
        }
    }
}

/// How a file was stored, so `gongwen fix` can write it back the same way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceEncoding {
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    Gb18030,
}

impl SourceEncoding {
    /// The text as bytes in this encoding. Every character a YAML file can hold exists in
    /// GB18030, so nothing is lost either way.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            SourceEncoding::Utf8 => text.as_bytes().to_vec(),
            SourceEncoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            SourceEncoding::Gb18030 => GB18030.encode(text).0.into_owned(),
        }
    }
}

/// The share of two-byte sequences in the GB2312 area (both bytes A1–FE) above which bytes that
/// are not UTF-8 are taken for GBK. Text in Big5 or Latin-1 falls well below it.
const GB2312_SHARE_PER_MILLE: usize = 800;

/// Decode `bytes` as `choice` says.
pub fn decode(
    path: &Path,
    bytes: &[u8],
    choice: EncodingChoice,
) -> Result<(String, SourceEncoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(path, rest).map(|t| (t, SourceEncoding::Utf8Bom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(vec![
            Diagnostic::error(
                "文件是 UTF-16 编码（记事本中叫“Unicode”），gongwen 读不了这种编码。",
            )
            .at(path, "", 1, 1)
            .hint(SAVE_AS_UTF8),
        ]);
    }
    match choice {
        EncodingChoice::Utf8 => utf8(path, bytes).map(|t| (t, SourceEncoding::Utf8)),
        EncodingChoice::Gb18030 => gb18030(bytes)
            .map(|t| (t, SourceEncoding::Gb18030))
            .ok_or_else(|| {
                vec![
                    Diagnostic::error(
                        "按 GBK/GB18030 编码读取失败：文件中有这种编码里不存在的字节。",
                    )
                    .in_file(path)
                    .hint("请确认文件的编码，或去掉 --encoding 让 gongwen 自动识别。")
                    .hint(SAVE_AS_UTF8),
                ]
            }),
        EncodingChoice::Auto => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((text.to_owned(), SourceEncoding::Utf8)),
            Err(_) if looks_like_gbk(bytes) => gb18030(bytes)
                .map(|t| (t, SourceEncoding::Gb18030))
                .ok_or_else(|| utf8(path, bytes).err().unwrap_or_default()),
            Err(_) => utf8(path, bytes).map(|t| (t, SourceEncoding::Utf8)),
        },
    }
}

const SAVE_AS_UTF8: &str =
    "请用记事本或 WPS 打开文件，选“另存为”，在“编码”中选择 UTF-8，保存后再试。";

fn utf8(path: &Path, bytes: &[u8]) -> Result<String> {
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| {
        let offset = e.valid_up_to();
        let text = String::from_utf8_lossy(bytes);
        // `valid_up_to` counts bytes of the valid prefix, which the lossy text keeps as is.
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        vec![
            Diagnostic::error("文件不是 UTF-8 编码，也不像 GBK 编码的中文，无法识别。")
                .at(path, &text, line, column)
                .hint(SAVE_AS_UTF8)
                .hint("如果确定是 GBK 编码，可以加上 --encoding gbk 再试。"),
        ]
    })
}

fn gb18030(bytes: &[u8]) -> Option<String> {
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// Whether bytes that are not UTF-8 read as Chinese in GBK: they decode without error, and
/// most of their two-byte characters lie in the GB2312 area of common characters.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    if gb18030(bytes).is_none() {
        return false;
    }
    let (mut common, mut other) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if (0x30..=0x39).contains(&next) {
            // A four-byte GB18030 sequence: a rare character.
            other += 1;
            i += 4;
        } else {
            if (0xA1..=0xFE).contains(&b) && (0xA1..=0xFE).contains(&next) {
                common += 1;
            } else {
                other += 1;
            }
            i += 2;
        }
    }
    common > 0 && common * 1000 >= (common + other) * GB2312_SHARE_PER_MILLE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<(String, SourceEncoding)> {
        decode(Path::new("a.yaml"), bytes, EncodingChoice::Auto)
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(
            auto("标题".as_bytes()).unwrap(),
            ("标题".into(), SourceEncoding::Utf8)
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), "标题".as_bytes()].concat();
        assert_eq!(
            auto(&bom).unwrap(),
            ("标题".into(), SourceEncoding::Utf8Bom)
        );
    }

    #[test]
    fn detects_gbk_and_round_trips_it() {
        let text = "kind: 报告\nsubject: 关于某某镇的工作情况，（一）示例\n";
        let gbk = SourceEncoding::Gb18030.encode(text);
        assert_ne!(gbk, text.as_bytes());
        assert_eq!(auto(&gbk).unwrap(), (text.into(), SourceEncoding::Gb18030));
        let forced = decode(Path::new("a.yaml"), &gbk, EncodingChoice::Gb18030).unwrap();
        assert_eq!(forced.0, text);
    }

    #[test]
    fn refuses_other_encodings_with_how_to_save_as_utf8() {
        // Latin-1 "café: é" and UTF-16.
        let err = auto(b"caf\xE9: \xE9\n").unwrap_err();
        assert!(err[0].message.contains("不是 UTF-8 编码"), "{}", err[0]);
        assert_eq!(
            err[0].location.as_ref().map(|l| (l.line, l.column)),
            Some((1, 4))
        );
        assert!(err[0].hints[0].contains("另存为"));
        let err = auto(b"\xFF\xFEk\0").unwrap_err();
        assert!(err[0].message.contains("UTF-16"));
        // Big5 for 報告 (B3 F8 A7 69): not taken for GBK.
        let err = auto(b"kind: \xB3\xF8\xA7\x69\n").unwrap_err();
        assert!(err[0].message.contains("不是 UTF-8 编码"));
    }

    #[test]
    fn encoding_names() {
        assert_eq!(EncodingChoice::parse("GBK"), Some(EncodingChoice::Gb18030));
        assert_eq!(EncodingChoice::parse("utf_8"), Some(EncodingChoice::Utf8));
        assert_eq!(EncodingChoice::parse("big5"), None);
    }
}
