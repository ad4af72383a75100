//! gongwen — a clerk's YAML to a Chinese official document (公文) laid out to GB/T 9704-2012,
//! as DOCX and PDF, and on request OFD. Five stages, each taking only the previous one's output:
//!
//! - **input**: read the YAML into a [`input::Draft`], with Chinese errors at file:line:column;
//! - **model**: resolve it into a [`model::Document`] — every default applied, every value checked;
//! - **compose**: number the headings and enumerations, and fill the kind's Tera template;
//! - **layout**: set every line on the 22 × 28 grid and paginate, into [`layout::Pages`];
//! - **write**: draw the pages as PDF (krilla, PDF/A-2u), DOCX (our XML parts, zipped) and
//!   OFD (GB/T 33190), written atomically together.

pub mod batch;
pub mod check;
pub mod compose;
pub mod diag;
pub mod gbt9704;
pub mod import;
pub mod input;
pub mod layout;
pub mod length;
pub mod model;
mod resources;
pub mod write;

use compose::templates::Wording;
use diag::{Diagnostic, Result};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

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
    /// Which standard the PDF claims (`--pdf-standard`).
    pub pdf: write::pdf::PdfOptions,
    /// Whether `<stem>.ofd` is written too (`--ofd`).
    pub ofd: write::ofd::OfdOutput,
}

/// The commented starter YAML of a 文种 (报告, 请示, …) for `gongwen new`.
pub fn starter(kind: &str, templates_dir: Option<&Path>) -> Result<String> {
    starter_form(kind, StarterForm::Plain, templates_dir)
}

/// Which starter `gongwen new` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StarterForm {
    /// The kind on its own.
    Plain,
    /// A 通知 that forwards or issues another document (`--forward`).
    Forwarding,
}

/// [`starter`] in the given form.
pub fn starter_form(kind: &str, form: StarterForm, templates_dir: Option<&Path>) -> Result<String> {
    let kind = model::DocumentKind::from_name(kind.trim()).ok_or_else(|| {
        vec![
            Diagnostic::error(format!("未知的文种「{kind}」。")).hint(format!(
                "可用：{}。",
                model::DocumentKind::ALL.map(|k| k.name()).join("、")
            )),
        ]
    })?;
    match form {
        StarterForm::Plain => compose::templates::starter(kind.template_name(), templates_dir),
        StarterForm::Forwarding if kind == model::DocumentKind::Notice => {
            compose::templates::starter("notice-forward", templates_dir)
        }
        StarterForm::Forwarding => Err(vec![
            Diagnostic::error(format!(
                "{}不用于转发、印发公文；--forward 只用于通知。",
                kind.name()
            ))
            .hint("请写 gongwen new 通知 --forward。"),
        ]),
    }
}

/// What `render` wrote.
#[derive(Debug)]
pub struct Rendered {
    pub docx: PathBuf,
    pub pdf: PathBuf,
    /// With `--ofd`.
    pub ofd: Option<PathBuf>,
    /// One line per font role: which face was used.
    pub fonts: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// A document rendered in memory.
#[derive(Debug)]
pub struct Output {
    pub docx: Vec<u8>,
    pub pdf: Vec<u8>,
    /// With `--ofd`.
    pub ofd: Option<Vec<u8>>,
    pub warnings: Vec<Diagnostic>,
}

/// Fonts found, mapped and parsed once, for any number of documents: batch mode shares one
/// `Renderer` between its threads.
pub struct Renderer {
    options: RenderOptions,
    fonts: layout::FontSet,
    pdf_fonts: write::pdf::FontCache,
    /// Each kind's wording, loaded and checked by its first document.
    wordings: Mutex<Vec<(model::DocumentKind, Arc<Wording>)>>,
    writers: Writers,
}

/// How the writers of one document share the machine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Writers {
    /// The PDF (the longest) on the calling thread; the damaged-face check and the DOCX on a
    /// second, the OFD on a third: one document's wall time is its PDF's.
    #[default]
    Beside,
    /// One after the other on the calling thread: for a batch, whose threads already keep
    /// every core busy.
    InTurn,
}

impl Renderer {
    /// Find a face for every role (see [`layout::FontSet::resolve`]).
    pub fn new(options: &RenderOptions) -> Result<Renderer> {
        Ok(Renderer {
            options: options.clone(),
            fonts: layout::FontSet::resolve(&options.fonts)?,
            pdf_fonts: write::pdf::FontCache::default(),
            wordings: Mutex::default(),
            writers: Writers::default(),
        })
    }

    /// The same renderer, its writers run as `writers` says.
    pub fn with_writers(self, writers: Writers) -> Renderer {
        Renderer { writers, ..self }
    }

    /// The wording of `kind`, loaded once per `Renderer`.
    fn wording(&self, kind: model::DocumentKind) -> Result<Arc<Wording>> {
        let mut loaded = self.wordings.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, wording)) = loaded.iter().find(|(k, _)| *k == kind) {
            return Ok(Arc::clone(wording));
        }
        let dir = self.options.templates_dir.as_deref();
        let wording = Arc::new(Wording::load(kind.template_name(), dir)?);
        loaded.push((kind, Arc::clone(&wording)));
        Ok(wording)
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
        let composed = compose::compose_with(&document, &*self.wording(document.kind)?)?;
        let (pages, layout_warnings) = layout::layout(&composed, &self.fonts);
        let refused = overflow_errors(&pages, &document, &loaded.source, &self.fonts);
        if !refused.is_empty() {
            return Err(refused);
        }
        // The checker already reported each missing glyph at its place in the file.
        let unplaced: Vec<Diagnostic> = layout_warnings
            .into_iter()
            .filter(|w| !warnings.iter().any(|c| c.message == w.message))
            .collect();
        warnings.extend(unplaced);

        // A glyph that prints as nothing refuses the document whatever the writers made of it.
        let (pdf, docx, ofd) = match self.writers {
            Writers::InTurn => {
                let undrawable = layout::undrawable(&pages, &self.fonts);
                if !undrawable.is_empty() {
                    return Err(undrawable);
                }
                (
                    self.write_pdf(&pages),
                    self.write_docx(&pages),
                    self.write_ofd(&pages),
                )
            }
            Writers::Beside => std::thread::scope(|s| {
                let ofd = (self.options.ofd == write::ofd::OfdOutput::Write)
                    .then(|| s.spawn(|| self.write_ofd(&pages)));
                let docx = s.spawn(|| {
                    let undrawable = layout::undrawable(&pages, &self.fonts);
                    (undrawable, self.write_docx(&pages))
                });
                // The PDF is made before the check has passed: should a damaged face make
                // krilla panic, the check's refusal is the answer, not the panic.
                let pdf = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.write_pdf(&pages)
                }));
                let (undrawable, docx) = joined(docx);
                let ofd = ofd.map(|t| t.join());
                if !undrawable.is_empty() {
                    return Err(undrawable);
                }
                let pdf = pdf.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                let ofd = ofd.map_or(Ok(None), |o| {
                    o.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                });
                Ok((pdf, docx, ofd))
            })?,
        };
        let (pdf, archive_warning) = pdf?;
        warnings.extend(archive_warning);
        Ok(Output {
            docx: docx?,
            pdf,
            ofd: ofd?,
            warnings,
        })
    }

    /// The PDF, with a warning when it had to be a plain PDF: a character no face has cannot
    /// be drawn in a PDF/A file, so the PDF is then written without the standard and the clerk
    /// is told why (the character itself is reported by the layout).
    fn write_pdf(&self, pages: &layout::Pages) -> Result<(Vec<u8>, Option<Diagnostic>)> {
        match write::pdf::write_with(pages, &self.pdf_fonts, &self.options.pdf) {
            Err(e @ write::Error::Archive(_)) => {
                let warning =
                    Diagnostic::warning(format!("{e}；已写成普通 PDF（不是 PDF/A，不能归档）。"))
                        .hint("请换用含这些字的字体（--fonts 目录）后重新生成。");
                let plain = write::pdf::PdfOptions {
                    standard: write::pdf::PdfStandard::None,
                };
                write::pdf::write_with(pages, &self.pdf_fonts, &plain)
                    .map(|pdf| (pdf, Some(warning)))
            }
            other => other.map(|pdf| (pdf, None)),
        }
        .map_err(|e| vec![e.diagnostic()])
    }

    fn write_docx(&self, pages: &layout::Pages) -> Result<Vec<u8>> {
        write::docx::write(pages, &self.options.docx).map_err(|e| vec![e.diagnostic()])
    }

    /// The OFD when `--ofd` asks for it.
    fn write_ofd(&self, pages: &layout::Pages) -> Result<Option<Vec<u8>>> {
        match self.options.ofd {
            write::ofd::OfdOutput::Skip => Ok(None),
            write::ofd::OfdOutput::Write => write::ofd::write(pages)
                .map(Some)
                .map_err(|e| vec![e.diagnostic()]),
        }
    }

    /// The files `input`'s document goes to: `<stem>.docx` and `<stem>.pdf` in the output
    /// folder (`input`'s own folder when none is set).
    pub fn output_paths(&self, input: &Path, stem: &std::ffi::OsStr) -> (PathBuf, PathBuf) {
        let dir = self.output_dir(input);
        let with = |ext: &str| {
            let mut name = stem.to_os_string();
            name.push(ext);
            dir.join(name)
        };
        (with(".docx"), with(".pdf"))
    }

    /// Write `output` as `<stem>.docx` and `<stem>.pdf` (see [`Renderer::output_paths`]), and
    /// `<stem>.ofd` if it has one, all replaced or none (see [`write::set`]). An output that
    /// would replace `input` itself is refused.
    pub fn write(
        &self,
        output: &Output,
        input: &Path,
        stem: &std::ffi::OsStr,
    ) -> Result<(PathBuf, PathBuf)> {
        self.write_with(output, input, stem, write::Durability::EachSet)
    }

    /// [`Renderer::write`], synced to disk as `durability` says.
    pub fn write_with(
        &self,
        output: &Output,
        input: &Path,
        stem: &std::ffi::OsStr,
        durability: write::Durability,
    ) -> Result<(PathBuf, PathBuf)> {
        let dir = self.output_dir(input);
        let (docx_path, pdf_path) = self.output_paths(input, stem);
        let ofd_path = docx_path.with_extension("ofd");
        let mut files: Vec<(&Path, &[u8])> =
            vec![(&docx_path, &output.docx), (&pdf_path, &output.pdf)];
        if let Some(ofd) = &output.ofd {
            files.push((&ofd_path, ofd));
        }
        for &(out, _) in &files {
            if same_place(out, input) {
                return Err(vec![overwrites_input(out, input)]);
            }
        }
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(&dir).map_err(|e| {
                vec![input::file::os_error(&dir, "输出文件夹", "创建", &e).hint("未写出任何文件。")]
            })?;
        }
        write::write_all_atomically_with(&files, durability)?;
        Ok((docx_path, pdf_path))
    }

    /// Render `input` to `<stem>.docx` and `<stem>.pdf`. On any error nothing is written.
    pub fn render(&self, input: &Path) -> Result<Rendered> {
        let output = self.render_file(input)?;
        self.finish(output, input)
    }

    fn finish(&self, output: Output, input: &Path) -> Result<Rendered> {
        let (docx, pdf) = self.write(&output, input, &output_stem(input))?;
        let ofd = output.ofd.as_ref().map(|_| docx.with_extension("ofd"));
        Ok(Rendered {
            docx,
            pdf,
            ofd,
            fonts: self.fonts(),
            warnings: output.warnings,
        })
    }
}

/// What a writer's thread returned; its panic, if it panicked, goes on in the caller.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Render `input` to `<stem>.docx` and `<stem>.pdf`. On any error nothing is written.
pub fn render(input: &Path, options: &RenderOptions) -> Result<Rendered> {
    // The file first: its errors are reported even where the fonts are missing too.
    let loaded = input::load(input, &options.input)?;
    let renderer = Renderer::new(options)?;
    let output = renderer.render_loaded(loaded)?;
    renderer.finish(output, input)
}

/// The name of `input`'s outputs without extension: its file name without a last `.yaml` or
/// `.yml` only (`报告.初稿.yaml` → `报告.初稿`, so drafts that differ after a dot never meet).
pub fn output_stem(input: &Path) -> std::ffi::OsString {
    let name = input.file_name().unwrap_or(input.as_os_str());
    let Some(text) = name.to_str() else {
        return name.to_os_string();
    };
    let lower = text.to_ascii_lowercase();
    let cut = [".yaml", ".yml"]
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map_or(text.len(), |ext| text.len() - ext.len());
    std::ffi::OsString::from(&text[..cut])
}

/// Whether two paths name the same file: the same absolute path, or (both existing) the same
/// file through links or case-insensitive names.
pub fn same_place(a: &Path, b: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).ok();
    if absolute(a).is_some() && absolute(a) == absolute(b) {
        return true;
    }
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(x), Ok(y)) if x == y
    )
}

/// The error for an output that would replace an input of the same run.
pub fn overwrites_input(output: &Path, input: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "输出文件 {} 就是输入文件 {}，写出会覆盖它；未写出任何文件。",
        output.display(),
        input.display()
    ))
    .in_file(input)
    .hint("请把 YAML 文件改名为 .yaml 结尾，或用 -o 写到其他文件夹。")
}

/// What the layout refuses in `document`'s pages, each at its value's place in `source`: a
/// 版头 that does not fit, text that leaves the 版心 ([`layout::overflow`]); then glyphs their
/// face would print as nothing ([`layout::undrawable`]). `render` and `check` both ask.
pub fn layout_errors(
    pages: &layout::Pages,
    document: &model::Document,
    source: &input::SourceFile,
    fonts: &layout::FontSet,
) -> Vec<Diagnostic> {
    let overflow = overflow_errors(pages, document, source, fonts);
    if !overflow.is_empty() {
        return overflow;
    }
    layout::undrawable(pages, fonts)
}

/// A 版头 that does not fit and text that leaves the 版心 ([`layout::overflow`]), each at its
/// value's place in `source`.
fn overflow_errors(
    pages: &layout::Pages,
    document: &model::Document,
    source: &input::SourceFile,
    fonts: &layout::FontSet,
) -> Vec<Diagnostic> {
    layout::overflow(pages, fonts)
        .into_iter()
        .map(|o| {
            let place = o.part.and_then(|p| document.places.of(p));
            Diagnostic::error(o.message)
                .hint(o.hint)
                .at_place(&source.path, &source.text, place)
        })
        .collect()
}
