//! Stage 1, input: read a YAML file into a [`Draft`], or say in Chinese where it is wrong.

mod clean;
pub mod draft;
pub mod encoding;
pub mod file;
mod suggest;
pub mod texts;

pub use draft::{
    Draft, DraftAttachment, DraftBlock, DraftBlockMap, DraftCell, DraftCellMap, DraftForwarded,
    DraftHeader, DraftImprint, DraftIssuer, DraftSigner, DraftTable,
};

pub use clean::is_forbidden;
pub use encoding::{EncodingChoice, SourceEncoding};
pub use texts::TextValue;

use crate::diag::{Diagnostic, Result};
use std::path::{Path, PathBuf};

/// The text of an input file, kept so later stages can quote the line they complain about.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The decoded text, control characters already replaced (see [`clean`]).
    pub text: String,
    /// How the file was stored, for writing it back (`gongwen fix`).
    pub encoding: SourceEncoding,
}

/// How to read the input.
#[derive(Clone, Debug, Default)]
pub struct InputOptions {
    /// `--encoding`; detected by default.
    pub encoding: EncodingChoice,
}

/// A file read and parsed: the draft, every text value with its place, and warnings about what
/// was cleaned on the way.
#[derive(Debug)]
pub struct Loaded {
    pub draft: Draft,
    pub source: SourceFile,
    pub texts: Vec<TextValue>,
    pub warnings: Vec<Diagnostic>,
}

impl SourceFile {
    /// An error at `line`:`column` of this file.
    pub fn error_at(&self, line: u64, column: u64, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(&self.path, &self.text, line as usize, column as usize)
    }

    /// An error at a value's place in this file (from a [`serde_saphyr::Spanned`]).
    /// The bytes of the file `value` was read from, as typed (a plain scalar's own text).
    pub fn typed<T>(&self, value: &serde_saphyr::Spanned<T>) -> &str {
        let span = value.referenced.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        self.text.get(start..start + len).unwrap_or("")
    }

    pub fn error_at_value<T>(
        &self,
        value: &serde_saphyr::Spanned<T>,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.error_at(value.referenced.line(), value.referenced.column(), message)
    }
}

/// Largest input accepted; a 公文 is a few pages, this leaves room for a 100-page one.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Read and parse `path`.
pub fn load(path: &Path, options: &InputOptions) -> Result<Loaded> {
    let bytes = file::read_bounded(path, MAX_INPUT_BYTES, "文件").map_err(|e| vec![e])?;
    load_bytes(path, &bytes, options)
}

/// Parse the contents of a file; `path` only names it in messages.
pub fn load_bytes(path: &Path, bytes: &[u8], options: &InputOptions) -> Result<Loaded> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(vec![
            Diagnostic::error(format!(
                "文件过大（{} 字节，上限 {} 字节）。",
                bytes.len(),
                MAX_INPUT_BYTES
            ))
            .in_file(path)
            .hint("一份公文的 YAML 通常只有几十 KB，请确认选对了文件。"),
        ]);
    }
    let (mut text, encoding) = encoding::decode(path, bytes, options.encoding)?;
    let warnings = clean::clean_source(path, &mut text);
    let source = SourceFile {
        path: path.to_owned(),
        text,
        encoding,
    };
    if source
        .text
        .lines()
        .all(|l| matches!(l.trim(), "" | "---" | "...") || l.trim_start().starts_with('#'))
    {
        return Err(vec![
            source
                .error_at(1, 1, "文件是空的（只有空行或注释），没有公文内容。")
                .hint("可用 gongwen new 报告 > 报告.yaml 生成一份起步文件再填写。"),
        ]);
    }
    let draft = serde_saphyr::from_str_with_options::<Draft>(&source.text, yaml_options())
        .map_err(|e| vec![translate(&source, &e)])?;
    let texts =
        texts::collect(&source.text, yaml_options()).map_err(|e| vec![translate(&source, &e)])?;
    let errors: Vec<Diagnostic> = texts
        .iter()
        .filter_map(|t| clean::forbidden_in_value(&source, &t.value, t.line, t.column))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Loaded {
        draft,
        source,
        texts,
        warnings,
    })
}

/// The parser's limits: a 公文 needs no anchors, little nesting and few nodes, so alias bombs
/// and runaway nesting stop early with an error instead of exhausting memory.
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_INPUT_BYTES),
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_total_scalar_bytes: 4 * MAX_INPUT_BYTES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_NODES,
        },
    }
}

/// Deepest nesting accepted: four heading levels need about a dozen.
const MAX_DEPTH: usize = 64;
/// Most aliases (`*name`) accepted: a 公文 needs none; this is room for a hand-made shortcut.
const MAX_ALIASES: usize = 1_000;
/// Most YAML nodes accepted (aliases count each time they are used).
const MAX_NODES: usize = 200_000;

/// Turn a YAML or serde error into a Chinese diagnostic at its place.
fn translate(source: &SourceFile, err: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let raw = err.without_snippet().to_string();
    let raw = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim()
        .to_owned();
    let at = |message: String| source.error_at(line, column, message);

    if raw.contains("multiple") && raw.contains("documents") {
        // The line of the marker that starts the second document.
        let mut content = false;
        let second = source.text.lines().enumerate().find_map(|(i, l)| {
            let t = l.trim_end();
            let marker = t == "---" || t.starts_with("--- ") || t == "...";
            if marker && content {
                return Some(i + 1);
            }
            content |= !marker && !t.trim().is_empty() && !t.trim_start().starts_with('#');
            None
        });
        return source
            .error_at(
                second.unwrap_or(line as usize) as u64,
                1,
                "一个文件里只能写一份公文，这里开始了第二份 YAML 文档（「---」）。",
            )
            .hint("请把第二份公文另存为一个文件，或删去这一行的「---」。");
    }
    if let Some(key) = between(&raw, "unknown field `", "`") {
        let candidates: &[&str] = if raw.contains("`sign_as`") {
            draft::keys_of::<DraftIssuer>()
        } else if raw.contains("`stamp_image`") {
            draft::keys_of::<DraftSigner>()
        } else if raw.contains("`copy_to`") {
            draft::keys_of::<DraftImprint>()
        } else if raw.contains("`signers`") {
            draft::keys_of::<DraftHeader>()
        } else if raw.contains("expected `title` or `body`") {
            draft::keys_of::<DraftAttachment>()
        } else if raw.contains("`byline`") {
            draft::keys_of::<DraftForwarded>()
        } else if raw.contains("`points`") {
            draft::keys_of::<DraftBlockMap>()
        } else if raw.contains("`caption`") {
            draft::keys_of::<DraftTable>()
        } else if raw.contains("`colspan`") {
            draft::keys_of::<DraftCellMap>()
        } else {
            draft::keys_of::<Draft>()
        };
        let d = at(format!("未知字段「{key}」。"));
        if !key.is_ascii() {
            // A Chinese "key" is text with a half-width colon and a space: `甲: 乙` reads as
            // a mapping.
            return d
                .hint("这一行的文字里有半角冒号加空格（“: ”），YAML 把它当成了“字段: 值”。")
                .hint("请把冒号改为全角“：”，或给整段文字加上引号。");
        }
        return match suggest::closest(key, candidates) {
            Some(near) => d.hint(format!("是不是要写「{near}」？")),
            None => d.hint(format!("这一层可用的字段有：{}。", candidates.join("、"))),
        };
    }
    if let Some(key) = between(&raw, "missing field `", "`") {
        let message = match (key, kind_of(&source.text)) {
            ("kind", _) => "缺少必填字段「kind」（文种）。".to_owned(),
            (_, Some(kind)) => format!(
                "缺少必填字段「{key}」：文种「{kind}」必须写{}。",
                field_name(key)
            ),
            (_, None) => format!("缺少必填字段「{key}」（{}）。", field_name(key)),
        };
        return at(message).hint(field_hint(key));
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return at(format!("字段「{key}」写了两次。"))
            .hint("同一层里每个字段只能写一次；请删去或合并其中一处。");
    }
    if raw.contains("tabs disallowed") {
        return at("缩进里用了制表符（Tab）。".to_owned())
            .hint("YAML 只能用空格缩进；请把这一行开头的 Tab 换成空格（每层两个空格）。");
    }
    if raw.contains("unclosed quote") {
        return at("引号没有结束：从这里开始的引号缺少另一半。".to_owned())
            .hint("请在这段文字末尾补上同样的引号，或者去掉开头的引号。");
    }
    if let Some(key) = between(&raw, "duplicate field `", "`") {
        return at(format!("字段「{key}」写了两次。"))
            .hint("同一层里每个字段只能写一次；请删去或合并其中一处。");
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return at(format!(
            "这里的值是{}，而此处需要{}。",
            yaml_kind(found),
            yaml_kind(expected)
        ))
        .hint("请对照 README 中的示例检查缩进和“- ”列表符号。");
    }
    if let Some(what) = raw.strip_prefix("expected ") {
        return at(format!("这里需要{}。", yaml_kind(what)))
            .hint("请对照 README 中的示例检查这一项的写法（列表每项以“- ”开头）。");
    }
    if raw.contains("mapping values are not allowed") || raw.contains("mapping values not allowed")
    {
        return at("这里的冒号让 YAML 读不懂这一行。".to_owned())
            .hint("文字里的半角冒号后面跟空格（“: ”）会被当成“字段: 值”；请改为全角“：”，或给整段文字加上引号。");
    }
    if raw.contains("budget")
        || raw.contains("limit")
        || raw.contains("depth")
        || raw.contains("alias")
    {
        return at("文件嵌套过深或别名（&/*）展开过多，已拒绝读取。".to_owned())
            .hint("公文 YAML 不需要锚点和别名，请删去 & 和 * 后再试。");
    }
    at("YAML 格式有误。".to_owned())
        .hint(format!("解析器的原话：{raw}"))
        .hint("常见原因：缩进不一致、冒号后缺空格、引号不成对。")
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

fn yaml_kind(serde_words: &str) -> &'static str {
    let w = serde_words;
    if w.contains("sequence") || w.contains("Vec") || w.contains("seq") {
        "列表（以“- ”开头的多行）"
    } else if w.contains("map") || w.contains("struct") || w.contains("paragraph (text)") {
        "映射（“键: 值”的多行）"
    } else if w.contains("string") || w.contains("str") {
        "一段文字"
    } else if w.contains("integer") || w.contains("number") || w.contains("float") {
        "数字"
    } else if w.contains("bool") {
        "是/否（true/false）"
    } else if w.contains("null") || w.contains("unit") {
        "空值"
    } else {
        "其他类型的值"
    }
}

/// The 文种 written in a file whose draft could not be read, for naming what it requires.
fn kind_of(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct KindOnly {
        kind: Option<String>,
    }
    let options = yaml_options();
    let found: KindOnly = serde_saphyr::from_str_with_options(text, options).ok()?;
    found.kind.filter(|k| !k.trim().is_empty())
}

/// A field's Chinese name.
fn field_name(key: &str) -> &'static str {
    match key {
        "kind" => "文种",
        "issuers" => "发文机关（issuers）",
        "body" => "正文（body）",
        "date" => "成文日期（date）",
        "name" => "发文机关名称（name）",
        _ => "这个字段",
    }
}

fn field_hint(key: &str) -> String {
    let what = match key {
        "kind" => "文种，例如 kind: 报告",
        "issuers" => "发文机关列表，例如 issuers: [{name: 某某镇人民政府}]",
        "body" => "正文，一个列表",
        "date" => "成文日期，例如 date: 2024-02-22",
        "name" => "发文机关全称，例如 name: 某某镇人民政府",
        _ => "该字段",
    };
    format!("请补上 {what}。")
}
