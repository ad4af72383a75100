//! 导入 — `gongwen import`: the structure of an existing 公文, recognised from its plain text
//! (a web page, a copy from Word) or its DOCX, written as schema YAML for gongwen to lay out
//! again. A DOCX gongwen wrote names each paragraph's role in its style, so it imports back to
//! a YAML that renders the same document ([`docx`]).
//!
//! The text is read line by line ([`lines`]), each line cleaned the way `gongwen fix` cleans a
//! YAML value (half-width marks made full-width), then recognised ([`recognise`]) into an
//! [`Outline`]: title, 主送, numbered sections from their typed numbers (一、（一）1.（1）),
//! enumerations 一是……二是…… (a bare 是 whose numeral was lost counts as an item), closing,
//! 附件说明 and 附件, 署名, 成文日期 (Chinese numerals too), 附注, 版记, 发文字号. Typed
//! numbers are removed: gongwen numbers again, so a lost 三是 comes back. Every line it could not
//! place is kept — as a paragraph or, outside the 正文, as a comment — never dropped.

mod carried;
pub mod docx;
mod recognise;
pub(crate) use recognise::is_attachment_label;
mod roles;
pub mod table;
mod yaml;

pub use recognise::{Node, Outline, recognise};
pub(crate) use recognise::{is_signature, parse_date};
pub(crate) use roles::{Role, roles};

use crate::diag::{Diagnostic, Result};
use crate::input::{EncodingChoice, encoding};
use std::path::Path;

/// The largest text accepted: a 公文 is a few pages.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// What `import` made: the YAML, the files it refers to (seal pictures, named relative to the
/// YAML), and what it guessed or changed, for the clerk to check.
#[derive(Debug)]
pub struct Imported {
    pub yaml: String,
    pub files: Vec<(String, Vec<u8>)>,
    pub notes: Vec<String>,
}

/// Recognise the 公文 in `path` — plain text, or a DOCX — and write it as YAML; seal pictures
/// found in a DOCX are named `<stem>-印章N.png` after `stem` (the YAML's own name).
pub fn import(path: &Path, stem: &str) -> Result<Imported> {
    let bytes = read_bounded(path)?;
    let docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let (outline, seals) = if docx {
        docx::read(path, &bytes)?
    } else {
        let (text, _) = encoding::decode(path, &bytes, EncodingChoice::Auto)?;
        (recognise(&lines(&text)), Vec::new())
    };
    let files: Vec<(String, Vec<u8>)> = seals
        .into_iter()
        .enumerate()
        .map(|(i, png)| (format!("{stem}-印章{}.png", i + 1), png))
        .collect();
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let source = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(Imported {
        yaml: yaml::write(&outline, &source, &names),
        files,
        notes: outline.notes.clone(),
    })
}

/// The file's bytes, refusing anything that is not a regular file of reasonable size before
/// reading it.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let fail = |message: String| {
        vec![Diagnostic::error(message).in_file(path).hint(
            "请给出一个纯文本（.txt）文件：从网页或 Word 复制公文全文，另存为 UTF-8 或 GBK 文本。",
        )]
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("无法读取文件：{e}")))?;
    if !meta.is_file() {
        return Err(fail("这不是一个普通文件。".to_owned()));
    }
    if meta.len() > MAX_BYTES {
        return Err(fail(format!(
            "文件有 {} 字节，超过导入上限 {MAX_BYTES} 字节。",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(format!("无法读取文件：{e}")))?;
    Ok(bytes)
}

/// The text's non-empty lines, trimmed of spaces (ASCII and U+3000) at both ends.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
