//! Helpers shared by the integration tests: run the real binary, read its files back.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    repo().join("samples").join(name)
}

/// Run `gongwen` with `args`, only the bundled fonts, and return its output.
pub fn gongwen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .output()
        .expect("the gongwen binary runs")
}

/// A fresh, empty folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = repo().join("target").join("test-out").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `gongwen render INPUT -o OUT --bundled-fonts`, whatever its outcome.
pub fn render_into(input: &Path, out: &Path) -> Output {
    render_into_with(input, out, &[])
}

/// [`render_into`] with more options after the usual ones.
pub fn render_into_with(input: &Path, out: &Path, options: &[&str]) -> Output {
    let mut args = vec![
        "render",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
    ];
    args.extend_from_slice(options);
    gongwen(&args)
}

/// Render `yaml` written to `<fresh folder>/<file>`, expecting it refused (exit 2); its stderr.
pub fn refused(file: &str, yaml: &str) -> String {
    let dir = scratch(&format!("refused-{file}"));
    let input = dir.join(file);
    std::fs::write(&input, yaml).unwrap();
    let o = render_into(&input, &dir);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{file}: {err}");
    err
}

/// Render `input` into a fresh folder; returns (docx, pdf) paths.
pub fn render(input: &Path, name: &str) -> (PathBuf, PathBuf) {
    let out = scratch(name);
    let o = render_into(input, &out);
    assert!(
        o.status.success(),
        "render failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = input.file_stem().unwrap().to_str().unwrap();
    (
        out.join(format!("{stem}.docx")),
        out.join(format!("{stem}.pdf")),
    )
}

/// The text of each page of a PDF, read back through its ToUnicode maps.
pub fn pdf_pages_text(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&p| doc.extract_text(&[p]).expect("text extracts"))
        .collect()
}

/// The text of any PDF as poppler's `pdftotext` reads it (for PDFs we did not write, whose
/// font encodings lopdf does not decode).
pub fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils; .ci/run does)");
    assert!(o.status.success());
    squash(&String::from_utf8_lossy(&o.stdout))
}

/// All the text of a PDF with line breaks and spaces removed (lines are split by layout).
pub fn pdf_text(pdf: &Path) -> String {
    squash(&pdf_pages_text(pdf).concat())
}

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One part of a DOCX (e.g. `word/document.xml`) as a string.
pub fn docx_part(docx: &Path, part: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("the DOCX is a zip");
    let mut entry = zip
        .by_name(part)
        .unwrap_or_else(|_| panic!("{part} in the DOCX"));
    let mut s = String::new();
    entry.read_to_string(&mut s).unwrap();
    s
}

/// The text of all `w:t` elements of document.xml, in order.
pub fn docx_text(docx: &Path) -> String {
    let xml = docx_part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is well-formed XML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

/// The text between the first `from` and the first `to` after it.
pub fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("「{from}」 not found"))
        + from.len();
    let len = text[start..]
        .find(to)
        .unwrap_or_else(|| panic!("「{to}」 not found after 「{from}」"));
    &text[start..start + len]
}
/// A small deterministic generator (SplitMix64): the same random documents on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

/// Render the document `make(seed)` for each seed into `dir` as `<prefix>-NNN.yaml`, `.docx`
/// and `.pdf` (bundled fonts, one `Renderer`); the DOCX paths.
pub fn render_generated(
    dir: &Path,
    prefix: &str,
    seeds: &[u64],
    make: impl Fn(u64) -> String,
) -> Vec<PathBuf> {
    let renderer = gongwen::Renderer::new(&gongwen::RenderOptions {
        fonts: gongwen::layout::FontOptions {
            bundled_only: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap();
    seeds
        .iter()
        .map(|&seed| {
            let name = format!("{prefix}-{seed:03}");
            let input = dir.join(format!("{name}.yaml"));
            std::fs::write(&input, make(seed)).unwrap();
            let output = renderer
                .render_file(&input)
                .unwrap_or_else(|e| panic!("{name}: {}", e[0]));
            renderer
                .write(&output, &input, std::ffi::OsStr::new(&name))
                .unwrap();
            dir.join(format!("{name}.docx"))
        })
        .collect()
}

/// Convert every DOCX in `docx` to PDF in `dir/lo` with one LibreOffice run (the bundled faces
/// under the official names, through `fonts/fonts.conf`).
pub fn libreoffice_all(dir: &Path, docx: &[PathBuf]) -> PathBuf {
    let out = dir.join("lo");
    std::fs::create_dir_all(&out).unwrap();
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(docx)
        .env("FONTCONFIG_FILE", repo().join("fonts/fonts.conf"))
        .env("HOME", dir)
        .output()
        .expect("soffice runs (apt-get install libreoffice-writer-nogui; .ci/run does)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// `soffice --convert-to docx` of `file` in `dir`, with the project's fonts.
pub fn libreoffice_docx(dir: &Path, file: &str) -> PathBuf {
    let o = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("p").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(dir)
        .arg(dir.join(file))
        .env("HOME", dir)
        .env("FONTCONFIG_FILE", repo().join("fonts/fonts.conf"))
        .output()
        .expect("soffice runs (.ci/run installs it)");
    assert!(o.status.success());
    let docx = dir.join(Path::new(file).with_extension("docx"));
    assert!(docx.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    docx
}

pub mod gbt;
pub mod pdf;

/// `docx` with its document.xml passed through `edit`, written as `out`.
pub fn edit_docx(docx: &Path, out: &Path, edit: impl Fn(&str) -> String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            bytes = edit(&String::from_utf8(bytes).unwrap()).into_bytes();
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap();
}

/// Each page's MediaBox of `pdf`: [x0, y0, x1, y1] in points.
pub fn media_boxes(pdf: &Path) -> Vec<Vec<f64>> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let mb = doc.get_dictionary(*id).unwrap().get(b"MediaBox").unwrap();
            mb.as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    o.as_float()
                        .map(f64::from)
                        .or(o.as_i64().map(|i| i as f64))
                        .unwrap()
                })
                .collect()
        })
        .collect()
}

/// For each page of `pdf`, whether it is wider than high.
pub fn landscape_pages(pdf: &Path) -> Vec<bool> {
    media_boxes(pdf)
        .iter()
        .map(|v| v[2] - v[0] > v[3] - v[1])
        .collect()
}
