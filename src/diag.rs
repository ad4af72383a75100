//! 诊断 — errors and warnings about the user's input, in Chinese, with file, line and column.
//!
//! Every stage reports problems as [`Diagnostic`]s; `main` prints them and decides the exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// 错误 or 警告.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// 错误: nothing is written.
    Error,
    /// 警告: the documents are written; the user should look.
    Warning,
}

/// Where in which file a problem is: 1-based line and column (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// Where a value stands in its YAML file: 1-based line and column. The model keeps it for the
/// values a later stage may refuse (a name the layout cannot fit), so that error points there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

/// 诊断 — one error or warning.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `None` for problems that belong to no place in a file (a missing font folder, say).
    pub location: Option<Location>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to do, in Chinese.
    pub hints: Vec<String>,
    /// The source line quoted under the message, when known.
    pub source_line: Option<String>,
    /// The `gongwen check` rule that found it (`GW201`), for findings of the checker.
    pub rule: Option<&'static str>,
    /// The clause it rests on (`GB/T 15834-2011 第5章`), where one applies.
    pub clause: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: None,
            message: message.into(),
            hints: Vec::new(),
            source_line: None,
            rule: None,
            clause: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Place the diagnostic at `line`:`column` of `file`, quoting that line of `source`.
    pub fn at(mut self, file: &Path, source: &str, line: usize, column: usize) -> Self {
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_owned);
        self.location = Some(Location {
            file: file.to_owned(),
            line,
            column,
        });
        self
    }

    /// Place the diagnostic at `place` in `file`, or name only the file when there is none.
    pub fn at_place(self, file: &Path, source: &str, place: Option<Place>) -> Self {
        match place {
            Some(p) => self.at(file, source, p.line, p.column),
            None => self.in_file(file),
        }
    }

    /// Name the file without a line (a file that cannot be read at all).
    pub fn in_file(mut self, file: &Path) -> Self {
        self.location = Some(Location {
            file: file.to_owned(),
            line: 0,
            column: 0,
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Mark the diagnostic as a finding of checker rule `id`, resting on `clause` (may be empty).
    pub fn rule(mut self, id: &'static str, clause: &'static str) -> Self {
        self.rule = Some(id);
        self.clause = (!clause.is_empty()).then_some(clause);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `错误：文件:行:列：消息`, the quoted line with a caret, then `提示：…` lines.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match (self.severity, self.rule) {
            (Severity::Error, None) => "错误".to_owned(),
            (Severity::Warning, None) => "警告".to_owned(),
            (Severity::Error, Some(id)) => format!("错误[{id}]"),
            (Severity::Warning, Some(id)) => format!("警告[{id}]"),
        };
        match &self.location {
            Some(loc) if loc.line > 0 => write!(
                f,
                "{label}：{}:{}:{}：{}",
                loc.file.display(),
                loc.line,
                loc.column,
                self.message
            )?,
            Some(loc) => write!(f, "{label}：{}：{}", loc.file.display(), self.message)?,
            None => write!(f, "{label}：{}", self.message)?,
        }
        if let (Some(line), Some(loc)) = (&self.source_line, &self.location) {
            let gutter = loc.line.to_string();
            write!(f, "\n {gutter} | {line}")?;
            // The caret sits under the column-th character; CJK characters take two cells.
            let pad: usize = line
                .chars()
                .take(loc.column.saturating_sub(1))
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum();
            write!(f, "\n {} | {}^", " ".repeat(gutter.len()), " ".repeat(pad))?;
        }
        for hint in &self.hints {
            write!(f, "\n  提示：{hint}")?;
        }
        if let Some(clause) = self.clause {
            write!(f, "\n  依据：{clause}")?;
        }
        Ok(())
    }
}

/// A stage's result: the value, or every error found (at least one).
pub type Result<T> = std::result::Result<T, Vec<Diagnostic>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_location_quote_and_hint() {
        let d = Diagnostic::error("未知字段「isuers」")
            .at(Path::new("a.yaml"), "kind: 报告\nisuers: []\n", 2, 1)
            .hint("是不是要写「issuers」？");
        let text = d.to_string();
        assert!(
            text.starts_with("错误：a.yaml:2:1：未知字段「isuers」"),
            "{text}"
        );
        assert!(text.contains(" 2 | isuers: []\n   | ^"), "{text}");
        assert!(text.ends_with("提示：是不是要写「issuers」？"), "{text}");
    }

    #[test]
    fn a_rule_finding_names_its_rule_and_clause() {
        let d = Diagnostic::warning("标题末尾有标点「。」。")
            .at(Path::new("a.yaml"), "title: 关于某事的报告。\n", 1, 17)
            .rule("GW203", "GB/T 9704-2012 7.3.1")
            .hint("请删去标题末尾的标点。");
        let text = d.to_string();
        assert!(
            text.starts_with("警告[GW203]：a.yaml:1:17：标题末尾有标点「。」。"),
            "{text}"
        );
        assert!(text.ends_with("依据：GB/T 9704-2012 7.3.1"), "{text}");
    }
}
