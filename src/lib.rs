//! gongwen — a clerk's YAML to a Chinese official document (公文) laid out to GB/T 9704-2012,
//! as DOCX and PDF. Five stages, each taking only the previous one's output:
//!
//! - **input**: read the YAML into a [`input::Draft`], with Chinese errors at file:line:column;
//! - **model**: resolve it into a [`model::Document`] — every default applied, every value checked;
//! - **compose**: number the headings and enumerations, and fill the kind's Tera template;
//! - **layout**: set every line on the 22 × 28 grid and paginate, into [`layout::Pages`];
//! - **write**: draw the pages as PDF (printpdf) and DOCX (docx-rs), written atomically.

pub mod check;
pub mod compose;
pub mod diag;
pub mod gbt9704;
pub mod input;
pub mod layout;
pub mod length;
pub mod model;
mod resources;
pub mod write;

use diag::{Diagnostic, Result};
use std::path::{Path, PathBuf};

/// What `render` needs besides the input file.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Output folder; the input's folder when `None`.
    pub out_dir: Option<PathBuf>,
    /// An office's own template folder.
    pub templates_dir: Option<PathBuf>,
    pub fonts: layout::FontOptions,
    /// How to read the input (`--encoding`).
    pub input: input::InputOptions,
    /// Today, for the checker's "成文日期 not in the future"; never reaches the document.
    pub today: Option<model::IssueDate>,
    /// How the DOCX names its faces (`--plain-font-names`).
    pub docx: write::docx::DocxOptions,
}

/// What `render` wrote.
#[derive(Debug)]
pub struct Rendered {
    pub docx: PathBuf,
    pub pdf: PathBuf,
    /// One line per font role: which face was used.
    pub fonts: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// Render `input` to `<stem>.docx` and `<stem>.pdf`. On any error nothing is written.
pub fn render(input: &Path, options: &RenderOptions) -> Result<Rendered> {
    let loaded = input::load(input, &options.input)?;
    let fonts = layout::FontSet::resolve(&options.fonts)?;
    // The checker's findings are warnings here; `gongwen check` shows the same ones.
    let check_options = check::CheckOptions {
        today: options.today,
        fonts: Some(&fonts),
    };
    let mut warnings = loaded.warnings.clone();
    warnings.extend(check::check(&loaded, &check_options));
    let document = model::resolve(loaded.draft, &loaded.source)?;
    let composed = compose::compose(&document, options.templates_dir.as_deref())?;
    let (pages, layout_warnings) = layout::layout(&composed, &fonts);
    // The checker already reported each missing glyph at its place in the file.
    let unplaced: Vec<Diagnostic> = layout_warnings
        .into_iter()
        .filter(|w| !warnings.iter().any(|c| c.message == w.message))
        .collect();
    warnings.extend(unplaced);

    let pdf = write::pdf::write(&pages).map_err(|e| vec![Diagnostic::error(e)])?;
    let docx = write::docx::write(&pages, &options.docx).map_err(|e| vec![Diagnostic::error(e)])?;

    let stem = input.file_stem().unwrap_or(input.as_os_str());
    let dir = match &options.out_dir {
        Some(d) => d.clone(),
        None => input.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Diagnostic::error(format!("无法创建输出文件夹：{e}")).in_file(&dir)]
        })?;
    }
    let pdf_path = dir.join(stem).with_extension("pdf");
    let docx_path = dir.join(stem).with_extension("docx");
    write::write_atomically(&docx_path, &docx)?;
    write::write_atomically(&pdf_path, &pdf)?;
    Ok(Rendered {
        docx: docx_path,
        pdf: pdf_path,
        fonts: fonts.describe(),
        warnings,
    })
}
