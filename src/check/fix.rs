//! `gongwen fix` — apply the checker's automatic fixes (GW201 half-width punctuation, and the
//! control characters cleaned on reading) to the file itself. The file's text is edited only at
//! the places of its values, so comments, quoting, indentation and blank lines stay as written;
//! it is written back in its own encoding, atomically, and only after the edited text has been
//! read back to the same structure.

use super::punct;
use super::text::Doc;
use crate::diag::{Diagnostic, Result};
use crate::input::{self, InputOptions, Loaded};

/// What a fix did.
#[derive(Debug, PartialEq, Eq)]
pub struct FixReport {
    /// Punctuation marks replaced.
    pub punctuation: usize,
    /// Whether the file was rewritten (also when only control characters were cleaned).
    pub written: bool,
}

/// The file's text with every fix applied, and how many marks were replaced.
pub fn fixed_text(loaded: &Loaded) -> (String, usize) {
    let mut edits = punct::edits(&Doc::new(loaded));
    edits.sort_by_key(|e| e.start);
    edits.dedup_by_key(|e| e.start);
    let text = &loaded.source.text;
    let mut out = String::with_capacity(text.len() + edits.len() * 2);
    let mut at = 0;
    for e in &edits {
        out.push_str(&text[at..e.start]);
        out.push_str(e.replacement);
        at = e.end;
    }
    out.push_str(&text[at..]);
    (out, edits.len())
}

/// Fix the file `loaded` was read from, in place.
pub fn fix_file(loaded: &Loaded, options: &InputOptions) -> Result<FixReport> {
    let (text, punctuation) = fixed_text(loaded);
    let source = &loaded.source;
    let original = std::fs::read(&source.path).unwrap_or_default();
    let bytes = source.encoding.encode(&text);
    if bytes == original {
        return Ok(FixReport {
            punctuation,
            written: false,
        });
    }
    // Read the result back: it must parse, to the same values in the same places.
    let again = input::load_bytes(&source.path, &bytes, options).map_err(|_| refuse(loaded))?;
    let same_shape = again.texts.len() == loaded.texts.len()
        && again
            .texts
            .iter()
            .zip(&loaded.texts)
            .all(|(a, b)| a.key == b.key && a.line == b.line);
    if !same_shape {
        return Err(refuse(loaded));
    }
    crate::write::write_atomically(&source.path, &bytes)?;
    Ok(FixReport {
        punctuation,
        written: true,
    })
}

fn refuse(loaded: &Loaded) -> Vec<Diagnostic> {
    vec![
        Diagnostic::error("自动改正后的文件读不回原来的结构，已放弃改正，文件未改动。")
            .in_file(&loaded.source.path)
            .hint("请按 gongwen check 的提示手动改正，并把这个文件报告给维护者。"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn fixes_values_and_keeps_comments_and_layout() {
        let src = "# 注释, 保留(不改)\nkind: 报告\nissuers:\n  - name: 某某镇人民政府\nsubject: 某项工作情况\nbody:\n  - 2023年,梅江镇坚持(一村一顾问):Hello, world  # 行尾注释, 不改\n  - |\n    第一段;\n    第二段?\ndate: 2024-02-22\n";
        let loaded = input::load_bytes(
            Path::new("a.yaml"),
            src.as_bytes(),
            &InputOptions::default(),
        )
        .unwrap();
        let (text, n) = fixed_text(&loaded);
        assert_eq!(n, 6);
        assert_eq!(
            text,
            "# 注释, 保留(不改)\nkind: 报告\nissuers:\n  - name: 某某镇人民政府\nsubject: 某项工作情况\nbody:\n  - 2023年，梅江镇坚持（一村一顾问）：Hello, world  # 行尾注释, 不改\n  - |\n    第一段；\n    第二段？\ndate: 2024-02-22\n"
        );
    }
}
