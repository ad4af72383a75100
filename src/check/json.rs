//! `gongwen check --format json` — the findings for editors and CI, one object per file.

use crate::diag::{Diagnostic, Severity};
use serde_json::{Value, json};
use std::path::Path;

/// `{"file", "errors", "warnings", "diagnostics": [{severity, rule, clause, line, column,
/// message, hints}]}`; `line` and `column` are 1-based (0 when the problem has no place).
pub fn report(file: &Path, diagnostics: &[Diagnostic]) -> Value {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    json!({
        "file": file.display().to_string(),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "diagnostics": diagnostics.iter().map(one).collect::<Vec<_>>(),
    })
}

fn one(d: &Diagnostic) -> Value {
    let (line, column) = d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
    json!({
        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "rule": d.rule,
        "clause": d.clause,
        "line": line,
        "column": column,
        "message": d.message,
        "hints": d.hints,
    })
}
