//! gongwen — a clerk's YAML to a Chinese official document (公文) laid out to GB/T 9704-2012,
//! as DOCX and PDF. Five stages, each taking only the previous one's output:
//!
//! - **input**: read the YAML into a [`input::Draft`], with Chinese errors at file:line:column;
//! - **model**: resolve it into a [`model::Document`] — every default applied, every value checked;
//! - **compose**: number the headings and enumerations, and fill the kind's Tera template;
//! - **layout**: set every line on the 22 × 28 grid and paginate, into [`layout::Pages`];
//! - **write**: draw the pages as PDF (printpdf) and DOCX (docx-rs), written atomically.

pub mod batch;
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

/// The commented starter YAML of a 文种 (报告, 请示, …) for `gongwen new`.
pub fn starter(kind: &str, templates_dir: Option<&Path>) -> Result<String> {
    let kind = model::DocumentKind::from_name(kind.trim()).ok_or_else(|| {
        vec![
            Diagnostic::error(format!("未知的文种「{kind}」。")).hint(format!(
                "可用：{}。",
                model::DocumentKind::ALL.map(|k| k.name()).join("、")
            )),
        ]
    })?;
    compose::templates::starter(kind.template_name(), templates_dir)
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

/// A document rendered in memory.
#[derive(Debug)]
pub struct Output {
    pub docx: Vec<u8>,
    pub pdf: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

/// Fonts found, mapped and parsed once, for any number of documents: batch mode shares one
/// `Renderer` between its threads.
pub struct Renderer {
    options: RenderOptions,
    fonts: layout::FontSet,
    pdf_fonts: write::pdf::FontCache,
}

impl Renderer {
    /// Find a face for every role (see [`layout::FontSet::resolve`]).
    pub fn new(options: &RenderOptions) -> Result<Renderer> {
        Ok(Renderer {
            options: options.clone(),
            fonts: layout::FontSet::resolve(&options.fonts)?,
            pdf_fonts: write::pdf::FontCache::default(),
        })
    }

    /// One line per font role: which face is used.
    pub fn fonts(&self) -> Vec<String> {
        self.fonts.describe()
    }

    /// Render a YAML file in memory.
    pub fn render_file(&self, input: &Path) -> Result<Output> {
        self.render_loaded(input::load(input, &self.options.input)?)
    }

    /// Render YAML given as bytes (`path` names it in messages) in memory.
    pub fn render_bytes(&self, path: &Path, bytes: &[u8]) -> Result<Output> {
        self.render_loaded(input::load_bytes(path, bytes, &self.options.input)?)
    }

    /// Render YAML text made in memory (a template filled from a record); `path` names it.
    pub fn render_text(&self, path: &Path, text: &str) -> Result<Output> {
        let utf8 = input::InputOptions {
            encoding: input::EncodingChoice::Utf8,
        };
        self.render_loaded(input::load_bytes(path, text.as_bytes(), &utf8)?)
    }

    /// The folder the files of `input` go to: `--out`, else the input's own folder.
    pub fn output_dir(&self, input: &Path) -> PathBuf {
        match &self.options.out_dir {
            Some(d) => d.clone(),
            None => input.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }

    /// Every stage after reading: check, resolve, compose, lay out, write both formats.
    fn render_loaded(&self, loaded: input::Loaded) -> Result<Output> {
        let options = &self.options;
        // The checker's findings are warnings here; `gongwen check` shows the same ones.
        let check_options = check::CheckOptions {
            today: options.today,
            fonts: Some(&self.fonts),
        };
        let mut warnings = loaded.warnings.clone();
        warnings.extend(check::check(&loaded, &check_options));
        let document = model::resolve(loaded.draft, &loaded.source)?;
        let composed = compose::compose(&document, options.templates_dir.as_deref())?;
        let (pages, layout_warnings) = layout::layout(&composed, &self.fonts);
        // The checker already reported each missing glyph at its place in the file.
        let unplaced: Vec<Diagnostic> = layout_warnings
            .into_iter()
            .filter(|w| !warnings.iter().any(|c| c.message == w.message))
            .collect();
        warnings.extend(unplaced);

        let pdf =
            write::pdf::write_with(&pages, &self.pdf_fonts).map_err(|e| vec![e.diagnostic()])?;
        let docx = write::docx::write(&pages, &options.docx).map_err(|e| vec![e.diagnostic()])?;
        Ok(Output {
            docx,
            pdf,
            warnings,
        })
    }

    /// Write `output` as `<stem>.docx` and `<stem>.pdf` in the output folder (`input`'s own
    /// folder when none is set), each atomically.
    pub fn write(
        &self,
        output: &Output,
        input: &Path,
        stem: &std::ffi::OsStr,
    ) -> Result<(PathBuf, PathBuf)> {
        let dir = self.output_dir(input);
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(&dir).map_err(|e| {
                vec![Diagnostic::error(format!("无法创建输出文件夹：{e}")).in_file(&dir)]
            })?;
        }
        let pdf_path = dir.join(stem).with_extension("pdf");
        let docx_path = dir.join(stem).with_extension("docx");
        write::write_all_atomically(&[(&docx_path, &output.docx), (&pdf_path, &output.pdf)])?;
        Ok((docx_path, pdf_path))
    }

    /// Render `input` to `<stem>.docx` and `<stem>.pdf`. On any error nothing is written.
    pub fn render(&self, input: &Path) -> Result<Rendered> {
        let output = self.render_file(input)?;
        self.finish(output, input)
    }

    fn finish(&self, output: Output, input: &Path) -> Result<Rendered> {
        let stem = input.file_stem().unwrap_or(input.as_os_str());
        let (docx, pdf) = self.write(&output, input, stem)?;
        Ok(Rendered {
            docx,
            pdf,
            fonts: self.fonts(),
            warnings: output.warnings,
        })
    }
}

/// Render `input` to `<stem>.docx` and `<stem>.pdf`. On any error nothing is written.
pub fn render(input: &Path, options: &RenderOptions) -> Result<Rendered> {
    // The file first: its errors are reported even where the fonts are missing too.
    let loaded = input::load(input, &options.input)?;
    let renderer = Renderer::new(options)?;
    let output = renderer.render_loaded(loaded)?;
    renderer.finish(output, input)
}
