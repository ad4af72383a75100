//! 套打 — one document per record: a template YAML with `${字段}` placeholders, filled from a
//! list of records (a YAML list of mappings, or a CSV table with a header row, as Excel or WPS
//! save it, in UTF-8 or GBK). Each record gives one job; `$${` writes a literal `${`.
//!
//! Values are data, not YAML: a value may not hold a line break or the half-width marks that
//! mean something in YAML (`: # " ' [ ] { } ,` and the like), so a record can never change the
//! document's structure — only the text where its placeholder stands.

use super::{Job, Source};
use crate::diag::{Diagnostic, Result};
use crate::input::{EncodingChoice, MAX_INPUT_BYTES, encoding, file};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

/// One record: field name → value.
pub type Record = BTreeMap<String, String>;

/// Half-width characters a value may not contain (they are YAML syntax), and line breaks.
const FORBIDDEN: &[char] = &[
    '\n', '\r', '"', '\'', '\\', '#', ':', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%',
    '@', '`',
];

/// Read the records of `path`: `.csv` as a table with a header row, anything else as YAML (a
/// list of mappings from field to a string, number or date).
pub fn read(path: &Path, choice: EncodingChoice) -> Result<Vec<Record>> {
    let bytes = file::read_bounded(path, MAX_INPUT_BYTES, "名单文件").map_err(|e| vec![e])?;
    let (text, _) = encoding::decode(path, &bytes, choice)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let records = if is_csv {
        read_csv(path, &text)?
    } else {
        read_yaml(path, &text)?
    };
    if records.is_empty() {
        return Err(vec![
            Diagnostic::error("名单中没有任何记录。")
                .in_file(path)
                .hint("CSV 第一行是字段名，以下每行一条记录；YAML 写成「- 字段: 值」的列表。"),
        ]);
    }
    Ok(records)
}

fn read_csv(path: &Path, text: &str) -> Result<Vec<Record>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let fail = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        vec![
            Diagnostic::error(format!("名单第 {line} 行读不了：{e}"))
                .in_file(path)
                .hint("每行的列数应与第一行（字段名）相同；含逗号的值请加英文双引号。"),
        ]
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(fail)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row.map_err(fail)?;
        records.push(
            header
                .iter()
                .cloned()
                .zip(row.iter().map(|v| v.trim().to_owned()))
                .collect(),
        );
    }
    Ok(records)
}

fn read_yaml(path: &Path, text: &str) -> Result<Vec<Record>> {
    // Every value as the clerk typed it: `000123` stays `000123`, a 23-digit number its digits,
    // `2024-02-22` a date as written; an empty value is empty text.
    let rows: Vec<BTreeMap<String, Option<String>>> = serde_saphyr::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let raw = e.without_snippet().to_string();
        let d = if raw.contains("invalid type") {
            Diagnostic::error("名单中的字段要写一个文字、数字或日期；这里是列表或再嵌套。")
        } else {
            Diagnostic::error("名单的 YAML 格式有误。")
        };
        vec![
            d.at(path, text, line as usize, column as usize)
                .hint("名单应写成列表，每条记录一组「字段: 值」，例如：\n- 乡镇: 梅江镇\n  日期: 2024-02-22")
                .hint(format!("解析器的原话：{raw}")),
        ]
    })?;
    Ok(rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(field, value)| (field, value.unwrap_or_default()))
                .collect()
        })
        .collect())
}

/// The jobs of `template` filled from each record. Output files are named from the field
/// `name_field` when given, else `<模板名>-0001`, `-0002`, … in record order. A record that
/// does not fit the template becomes a job that fails with its reason.
pub fn jobs(
    template: &Path,
    choice: EncodingChoice,
    records: &[Record],
    records_path: &Path,
    name_field: Option<&str>,
) -> Result<Vec<Job>> {
    let bytes = file::read_bounded(template, MAX_INPUT_BYTES, "模板文件").map_err(|e| vec![e])?;
    let (text, _) = encoding::decode(template, &bytes, choice)?;
    let stem = crate::output_stem(template).to_string_lossy().into_owned();
    let names = records_path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut jobs = Vec::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let label = format!("{names} 第 {} 条记录", i + 1);
        let numbered = format!("{stem}-{:04}", i + 1);
        let name = match name_field.and_then(|field| record.get(field).map(|v| (field, v))) {
            Some((field, value)) => file_name(value).map_err(|why| {
                Box::new(
                    Diagnostic::error(format!(
                        "第 {} 条记录的命名字段「{field}」的值「{value}」不能作文件名：{why}。",
                        i + 1
                    ))
                    .hint("请改正名单中这个值，或换一个 --name-field。"),
                )
            }),
            None => Ok(numbered),
        };
        let filled = name
            .clone()
            .and_then(|_| fill(&text, record))
            .map_err(|e| (*e).in_file(records_path));
        let source = match filled {
            Ok(text) => Source::Text {
                path: template.to_owned(),
                text,
            },
            Err(e) => Source::Failed {
                path: template.to_owned(),
                errors: vec![e],
            },
        };
        jobs.push(Job {
            label,
            source,
            stem: OsString::from(name.unwrap_or_else(|_| format!("{stem}-{:04}", i + 1))),
        });
    }
    Ok(jobs)
}

/// `template` with every `${字段}` replaced by the record's value; `$${` stays `${`.
pub fn fill(template: &str, record: &Record) -> std::result::Result<String, Box<Diagnostic>> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(literal) = after.strip_prefix("${") {
            out.push_str("${");
            rest = literal;
        } else if let Some(open) = after.strip_prefix('{') {
            let Some(close) = open.find('}') else {
                return Err(Box::new(
                    Diagnostic::error("模板中的「${」没有配对的「}」。")
                        .hint("占位符写作 ${字段}；要写出「${」本身，请写「$${」。"),
                ));
            };
            let field = open[..close].trim();
            let Some(value) = record.get(field) else {
                let known: Vec<&str> = record.keys().map(String::as_str).collect();
                return Err(Box::new(
                    Diagnostic::error(format!("模板用到字段「{field}」，名单中没有这个字段。"))
                        .hint(format!("名单中的字段：{}。", known.join("、"))),
                ));
            };
            if let Some(bad) = value.chars().find(|c| FORBIDDEN.contains(c)) {
                let shown = match bad {
                    '\n' | '\r' => "换行".to_owned(),
                    c => format!("「{c}」"),
                };
                return Err(Box::new(
                    Diagnostic::error(format!(
                        "字段「{field}」的值「{}」含有{shown}，不能填入公文。",
                        value.replace(['\n', '\r'], " ")
                    ))
                    .hint("请改用全角标点（，：“”），或去掉换行。"),
                ));
            }
            out.push_str(value);
            rest = &open[close + 1..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// A record's value as one file name in the output folder: characters Windows forbids in a
/// name (path separators among them), control characters and leading dots become `_`; a name that is empty
/// or only dots (`.`, `..` would leave the folder) is refused with the reason.
fn file_name(value: &str) -> std::result::Result<String, &'static str> {
    let name: String = value
        .trim()
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    // Windows drops trailing dots and spaces, which would make two names one.
    let name = name.trim_end_matches(['.', ' ']).to_owned();
    if name.is_empty() {
        return Err("是空的，或只有点号");
    }
    // A leading dot would hide the file on Unix.
    let dots = name.len() - name.trim_start_matches('.').len();
    Ok("_".repeat(dots) + &name[dots..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(pairs: &[(&str, &str)]) -> Record {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn placeholders_are_filled_and_dollar_braces_escape() {
        let r = record(&[("乡镇", "梅江镇")]);
        assert_eq!(
            fill("subject: 关于${乡镇}防汛的通知 $${乡镇} $5", &r).unwrap(),
            "subject: 关于梅江镇防汛的通知 ${乡镇} $5"
        );
    }

    #[test]
    fn unknown_fields_and_yaml_syntax_in_values_are_refused() {
        let r = record(&[("乡镇", "梅江镇"), ("坏", "a: b")]);
        assert!(
            fill("${县}", &r)
                .unwrap_err()
                .to_string()
                .contains("「县」")
        );
        assert!(fill("${坏}", &r).unwrap_err().to_string().contains("「:」"));
        assert!(fill("${乡镇", &r).is_err());
    }

    #[test]
    fn file_names_lose_separators_and_dots_alone_are_refused() {
        assert_eq!(file_name(" 梅江/镇 "), Ok("梅江_镇".to_owned()));
        assert_eq!(file_name("a\u{85}b"), Ok("a_b".to_owned()));
        assert_eq!(file_name("第1.5号."), Ok("第1.5号".to_owned()));
        assert_eq!(file_name("../逃逸"), Ok("___逃逸".to_owned()));
        for bad in [".", "..", "  ", "...", ""] {
            assert!(file_name(bad).is_err(), "{bad:?}");
        }
    }
}
