//! 控制字符 — characters that cannot stand in a document: C0 controls other than tab and line
//! breaks, DEL, the C1 controls U+0080–U+009F (no text needs one; YAML would read U+0085 as a
//! line break) and the noncharacters U+FFFE/U+FFFF. XML 1.0 forbids them, so a DOCX holding one
//! would not open. Pasted from Word or a web page they are invisible, so the file's own ones are
//! cleaned with a warning; ones spelled as escapes (`"\x07"`) in quoted text are refused.

use super::SourceFile;
use crate::diag::Diagnostic;
use std::path::Path;

/// At most this many cleaning warnings are printed; the rest are counted in the last one.
const MAX_WARNINGS: usize = 10;

/// Whether `c` may not appear in a document.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Replace every forbidden character of the file with a space, one character for one so lines
/// and columns stay where they were; warn once per line.
pub fn clean_source(path: &Path, text: &mut String) -> Vec<Diagnostic> {
    if !text.chars().any(is_forbidden) {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize, char, usize)> = Vec::new(); // line, column, first, count
    for (i, line) in text.split('\n').enumerate() {
        let mut hits = line.chars().enumerate().filter(|(_, c)| is_forbidden(*c));
        if let Some((col, c)) = hits.next() {
            found.push((i + 1, col + 1, c, 1 + hits.count()));
        }
    }
    let cleaned: String = text
        .chars()
        .map(|c| if is_forbidden(c) { ' ' } else { c })
        .collect();
    let mut warnings: Vec<Diagnostic> = found
        .iter()
        .take(MAX_WARNINGS)
        .map(|&(line, column, c, count)| {
            let more = if count > 1 {
                format!("（这一行共 {count} 个）")
            } else {
                String::new()
            };
            Diagnostic::warning(format!(
                "这里有看不见的控制字符 U+{:04X}{more}，已换成空格。",
                c as u32
            ))
            .at(path, &cleaned, line, column)
            .rule("GW001", "")
            .hint("这类字符多来自从网页或 Word 复制的文字；请在编辑器中删去这个位置的空格后保存。")
        })
        .collect();
    if found.len() > MAX_WARNINGS {
        warnings.push(
            Diagnostic::warning(format!(
                "另有 {} 行含控制字符，均已换成空格。",
                found.len() - MAX_WARNINGS
            ))
            .in_file(path)
            .rule("GW001", ""),
        );
    }
    *text = cleaned;
    warnings
}

/// An error for a text value that holds a forbidden character after YAML escapes were read.
pub fn forbidden_in_value(
    source: &SourceFile,
    value: &str,
    line: usize,
    column: usize,
) -> Option<Diagnostic> {
    let c = value.chars().find(|&c| is_forbidden(c))?;
    Some(
        source
            .error_at(
                line as u64,
                column as u64,
                format!(
                    "这段文字里有控制字符 U+{:04X}，公文中不能有这种字符。",
                    c as u32
                ),
            )
            .hint("多半是引号里的转义写法（如 \\x07、\\u0000、\\a）；请删去它。"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_controls_keeping_columns() {
        let mut text = "a: 甲\u{B}乙\nb: \u{0}\u{7}丙\u{FFFF}\n".to_owned();
        let warnings = clean_source(Path::new("x.yaml"), &mut text);
        assert_eq!(text, "a: 甲 乙\nb:   丙 \n");
        assert_eq!(warnings.len(), 2);
        let w = warnings[1].to_string();
        assert!(
            w.starts_with(
                "警告[GW001]：x.yaml:2:4：这里有看不见的控制字符 U+0000（这一行共 3 个）"
            ),
            "{w}"
        );
    }

    #[test]
    fn tab_and_line_breaks_are_kept() {
        let mut text = "a:\t甲\r\n".to_owned();
        assert!(clean_source(Path::new("x.yaml"), &mut text).is_empty());
        assert_eq!(text, "a:\t甲\r\n");
    }
}
