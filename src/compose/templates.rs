//! The Tera templates, one per 文种, found at run time so an office can edit its own.
//!
//! Search order for `<kind>.tera`: the `--templates` folder, `$GONGWEN_TEMPLATES`, a
//! `templates/` folder beside the executable or one level up (an unpacked release), the
//! source tree's `templates/`, and last the copy built into the binary.

use crate::diag::{Diagnostic, Result};
use std::path::{Path, PathBuf};

/// Templates compiled in, used when no folder on disk has the file.
const BUILT_IN: &[(&str, &str)] = &[
    ("report", include_str!("../../templates/report.tera")),
    ("request", include_str!("../../templates/request.tera")),
    ("notice", include_str!("../../templates/notice.tera")),
    ("letter", include_str!("../../templates/letter.tera")),
    ("minutes", include_str!("../../templates/minutes.tera")),
];

/// Starter YAML files for `gongwen new`, in `templates/starters/<kind>.yaml`.
const BUILT_IN_STARTERS: &[(&str, &str)] = &[
    (
        "report",
        include_str!("../../templates/starters/report.yaml"),
    ),
    (
        "request",
        include_str!("../../templates/starters/request.yaml"),
    ),
    (
        "notice",
        include_str!("../../templates/starters/notice.yaml"),
    ),
    (
        "letter",
        include_str!("../../templates/starters/letter.yaml"),
    ),
    (
        "minutes",
        include_str!("../../templates/starters/minutes.yaml"),
    ),
];

/// The commented starter YAML for a kind, from the template folders or the built-in copy.
pub fn starter(name: &str, explicit: Option<&Path>) -> Result<String> {
    let file = Path::new("starters").join(format!("{name}.yaml"));
    for dir in search_dirs(explicit) {
        if let Ok(text) = std::fs::read_to_string(dir.join(&file)) {
            return Ok(text);
        }
    }
    BUILT_IN_STARTERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_owned())
        .ok_or_else(|| vec![Diagnostic::error(format!("没有 {name} 的起步模板。"))])
}

/// One template's text and where it came from.
pub struct Template {
    pub name: String,
    pub text: String,
    /// `None` for a built-in template.
    pub path: Option<PathBuf>,
}

/// Where templates are looked for, in order.
pub fn search_dirs(explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = explicit {
        dirs.push(dir.to_owned());
        return dirs;
    }
    if let Some(dir) = std::env::var_os("GONGWEN_TEMPLATES") {
        dirs.push(PathBuf::from(dir));
    }
    dirs.extend(crate::resources::beside_executable("templates"));
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"));
    dirs
}

/// Find `<name>.tera`. With an explicit folder, the file must be there.
pub fn find(name: &str, explicit: Option<&Path>) -> Result<Template> {
    let file = format!("{name}.tera");
    for dir in search_dirs(explicit) {
        let path = dir.join(&file);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                vec![Diagnostic::error(format!("无法读取模板：{e}")).in_file(&path)]
            })?;
            return Ok(Template {
                name: name.to_owned(),
                text,
                path: Some(path),
            });
        }
    }
    if let Some(dir) = explicit {
        return Err(vec![
            Diagnostic::error(format!("模板文件夹中没有 {file}。"))
                .in_file(dir)
                .hint(format!(
                    "请把 {file} 放进该文件夹，或去掉 --templates 使用内置模板。"
                )),
        ]);
    }
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| Template {
            name: name.to_owned(),
            text: (*text).to_owned(),
            path: None,
        })
        .ok_or_else(|| vec![Diagnostic::error(format!("没有文种模板 {file}。"))])
}
