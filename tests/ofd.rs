//! Issue 15: `--ofd` writes an OFD (GB/T 33190) of the same pages as the PDF. Read back by
//! independent readers (`tests/ofd/read.py`: ofdkit for the text and document information,
//! easyofd to draw it, PyMuPDF to read easyofd's drawing), every sample's OFD must show the
//! PDF's characters at the PDF's positions (within 0.1 mm), and its page 1 must look like the
//! PDF's page 1.

mod common;
use common::pdf::{self, DrawnPage};
use common::*;
use lopdf::{Document, Object};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How far a glyph may stand from the PDF's, mm (the bound).
const POSITION_TOLERANCE: f64 = 0.1;

/// Page 1 is compared at 20 dpi (1 px = 1.27 mm): enough to see every line, seal and rule,
/// coarse enough that easyofd's face (STSong-Light for every font, ours are Fandol and the
/// title face) changes only a glyph's edge. Each side's dark pixels must lie within one pixel
/// of the other's for this share of them: the samples score 0.86–1.0 (the lowest: a joint
/// 版头, whose narrowed 标志 easyofd draws unnarrowed — it ignores `HScale`); page 1 of another
/// document on the same grid scores at most 0.75 (asserted below, so the bound can fail).
const RENDER_DPI: u32 = 20;
const INK_COVERED: f64 = 0.8;
/// Red (the 版头): STSong-Light is far thinner than the bold 标志 face, so red is compared by
/// pixel row — each side's rows holding red within one row of the other's: the samples score
/// 0.93–1.0, a page with red against one without 0.
const RED_ROWS_COVERED: f64 = 0.85;

fn samples() -> Vec<PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(repo().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    all.sort();
    all
}

/// The readers' findings for each (OFD, PDF) pair.
fn read_back(pairs: &[(PathBuf, PathBuf)]) -> Vec<Value> {
    let python = std::env::var("GONGWEN_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let mut cmd = std::process::Command::new(&python);
    cmd.arg(repo().join("tests/ofd/read.py"))
        .arg(RENDER_DPI.to_string());
    for (ofd, pdf) in pairs {
        cmd.arg(ofd).arg(pdf);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{python} does not run: {e}"));
    assert!(
        out.status.success(),
        "tests/ofd/read.py failed (needs `pip install easyofd ofdkit` and pdftoppm; \
         GONGWEN_PYTHON names the interpreter):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Glyphs as (character, x, baseline), in reading order: by line (baselines within 0.2 mm),
/// then left to right.
fn ordered(mut glyphs: Vec<(char, f64, f64)>) -> Vec<(char, f64, f64)> {
    glyphs.retain(|g| !g.0.is_whitespace());
    glyphs.sort_by(|a, b| a.2.total_cmp(&b.2));
    let mut lines: Vec<Vec<(char, f64, f64)>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (line[0].2 - g.2).abs() < 0.2 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    lines
        .into_iter()
        .flat_map(|mut l| {
            l.sort_by(|a, b| a.1.total_cmp(&b.1));
            l
        })
        .collect()
}

fn ours(page: &DrawnPage) -> Vec<(char, f64, f64)> {
    ordered(page.glyphs.iter().map(|g| (g.ch, g.x, g.y)).collect())
}

fn theirs(page: &Value) -> Vec<(char, f64, f64)> {
    ordered(
        page["glyphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g[0].as_str().unwrap().chars().next().unwrap(),
                    g[1].as_f64().unwrap(),
                    g[2].as_f64().unwrap(),
                )
            })
            .collect(),
    )
}

/// Whether page 1 as easyofd draws it matches the PDF's, and why not.
fn render_matches(render: &Value) -> Result<(), String> {
    let share = |key: &str| -> (f64, f64) {
        let v = &render[key];
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    };
    let (ink_ours, ink_theirs) = share("ink");
    if ink_ours.min(ink_theirs) < INK_COVERED {
        return Err(format!("ink covered {ink_ours:.3} / {ink_theirs:.3}"));
    }
    let red = &render["red_pixels"];
    let (red_ours, red_theirs) = (red[0].as_u64().unwrap(), red[1].as_u64().unwrap());
    let (red_a, red_b) = share("red_rows");
    if (red_ours > 0) != (red_theirs > 0) || red_a.min(red_b) < RED_ROWS_COVERED {
        return Err(format!(
            "red pixels {red_ours} / {red_theirs}, red rows covered {red_a:.3} / {red_b:.3}"
        ));
    }
    Ok(())
}

/// The document's title as the PDF's Info dictionary holds it.
fn pdf_title(pdf: &Path) -> String {
    let doc = Document::load(pdf).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap()
}

#[test]
fn every_sample_s_ofd_shows_the_pdf_s_glyphs_where_the_pdf_has_them() {
    let out = scratch("ofd-samples");
    // One batch run: the folder of samples, `--ofd`.
    let o = gongwen(&[
        "render",
        repo().join("samples").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
        "--ofd",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stems: Vec<String> = samples()
        .iter()
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    let file = |stem: &str, ext: &str| out.join(format!("{stem}.{ext}"));
    let mut pairs: Vec<(PathBuf, PathBuf)> = stems
        .iter()
        .map(|s| (file(s, "ofd"), file(s, "pdf")))
        .collect();
    // Controls: page 1 of another document must not pass for ours.
    let controls = [
        ("single-seal", "letter"),
        ("five-pages-imprint", "meijiang-2023-report"),
        ("single-seal", "single-no-seal"),
    ];
    pairs.extend(
        controls
            .iter()
            .map(|(a, b)| (file(a, "ofd"), file(b, "pdf"))),
    );
    let read = read_back(&pairs);

    let mut worst: f64 = 0.0;
    let mut glyph_count = 0;
    for (stem, found) in stems.iter().zip(&read) {
        let pdf_path = file(stem, "pdf");
        let pdf_pages = pdf::read(&pdf_path);
        let pages = found["pages"].as_array().unwrap();
        assert_eq!(pages.len(), pdf_pages.len(), "{stem}: pages (ofdkit)");
        assert_eq!(
            found["easyofd_pages"].as_u64().unwrap() as usize,
            pdf_pages.len(),
            "{stem}: pages (easyofd)"
        );
        for (n, (page, drawn)) in pages.iter().zip(&pdf_pages).enumerate() {
            // A turned page (横排, GB/T 9704 §8) turns its objects with a `CTM`, whose rotation
            // easyofd and ofdkit ignore; `tests/landscape.rs` places those glyphs itself.
            if drawn.glyphs.iter().any(|g| g.dir.1 != 0.0) {
                continue;
            }
            let (ours, theirs) = (ours(drawn), theirs(page));
            let text = |g: &[(char, f64, f64)]| g.iter().map(|g| g.0).collect::<String>();
            assert_eq!(text(&theirs), text(&ours), "{stem} page {}", n + 1);
            // ofdkit's own reading of the page: the same text, line by line.
            assert_eq!(
                squash(page["text"].as_str().unwrap()),
                squash(&drawn.text()),
                "{stem} page {} (ofdkit)",
                n + 1
            );
            for (a, b) in ours.iter().zip(&theirs) {
                let off = (a.1 - b.1).abs().max((a.2 - b.2).abs());
                assert!(
                    off <= POSITION_TOLERANCE,
                    "{stem} page {}: {} at ({:.3}, {:.3}) in the PDF, ({:.3}, {:.3}) in the OFD",
                    n + 1,
                    a.0,
                    a.1,
                    a.2,
                    b.1,
                    b.2
                );
                worst = worst.max(off);
            }
            glyph_count += ours.len();
        }

        let info = &found["info"];
        assert_eq!(
            info["title"].as_str().unwrap(),
            pdf_title(&pdf_path),
            "{stem}"
        );
        let custom = &info["custom_data"];
        assert_eq!(custom["文种"], info["subject"], "{stem}");
        assert_eq!(custom["成文日期"], info["creation_date"], "{stem}");
        assert_eq!(custom["发文机关"], info["author"], "{stem}");

        if let Err(why) = render_matches(&found["render"]) {
            panic!("{stem}: page 1 as easyofd draws it differs from the PDF's: {why}");
        }
    }
    for ((a, b), found) in controls.iter().zip(&read[stems.len()..]) {
        assert!(
            render_matches(&found["render"]).is_err(),
            "the OFD of {a} passed for the PDF of {b}: {}",
            found["render"]
        );
    }
    eprintln!(
        "{glyph_count} glyphs in {} samples; farthest from the PDF's position: {worst:.4} mm",
        stems.len()
    );
}

/// A zip's entries: (name, bytes, modification time).
fn entries(path: &Path) -> Vec<(String, Vec<u8>, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            let time = f.last_modified().map(|t| t.to_string()).unwrap_or_default();
            (f.name().to_owned(), bytes, time)
        })
        .collect()
}

/// The PDF's bookmarks, depth first: (depth, title).
fn pdf_outline(pdf: &Path) -> Vec<(usize, String)> {
    let doc = Document::load(pdf).unwrap();
    let mut out = Vec::new();
    let Ok(outlines) = doc.catalog().unwrap().get(b"Outlines") else {
        return out;
    };
    let root = doc.dereference(outlines).unwrap().1.as_dict().unwrap();
    fn walk(doc: &Document, first: Option<&Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.cloned();
        while let Some(obj) = next {
            let item = doc.dereference(&obj).unwrap().1.as_dict().unwrap();
            out.push((
                depth,
                lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap(),
            ));
            walk(doc, item.get(b"First").ok(), depth + 1, out);
            next = item.get(b"Next").ok().cloned();
        }
    }
    walk(&doc, root.get(b"First").ok(), 0, &mut out);
    out
}

/// The OFD's outline, depth first: (depth, title).
fn ofd_outline(ofd: &Path) -> Vec<(usize, String)> {
    let parts = entries(ofd);
    let xml = &parts
        .iter()
        .find(|(n, _, _)| n == "Doc_0/Document.xml")
        .unwrap()
        .1;
    let text = String::from_utf8(xml.clone()).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "OutlineElem")
        .map(|n| {
            let depth = n
                .ancestors()
                .skip(1)
                .filter(|a| a.tag_name().name() == "OutlineElem")
                .count();
            (depth, n.attribute("Title").unwrap().to_owned())
        })
        .collect()
}

#[test]
fn the_ofd_is_the_same_bytes_every_time_with_the_pdf_s_outline() {
    let input = sample("meijiang-2023-report.yaml");
    let mut runs = Vec::new();
    for round in 0..2 {
        let out = scratch(&format!("ofd-repeat-{round}"));
        let o = render_into_with(&input, &out, &["--ofd"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(stdout.contains("meijiang-2023-report.ofd"), "{stdout}");
        runs.push(out);
    }
    let ofd = |dir: &Path| dir.join("meijiang-2023-report.ofd");
    assert_eq!(
        std::fs::read(ofd(&runs[0])).unwrap(),
        std::fs::read(ofd(&runs[1])).unwrap()
    );
    let parts = entries(&ofd(&runs[0]));
    assert_eq!(parts[0].0, "OFD.xml");
    assert!(
        parts.iter().all(|(_, _, t)| t == &parts[0].2),
        "one fixed timestamp"
    );
    // Fonts embedded as subsets: each far smaller than its face (the smallest bundled face is
    // 2 MB).
    let fonts: Vec<_> = parts
        .iter()
        .filter(|(n, _, _)| n.ends_with(".otf") || n.ends_with(".ttf"))
        .collect();
    assert!(fonts.len() >= 3, "{}", fonts.len());
    for (name, bytes, _) in fonts {
        assert!(bytes.len() < 400_000, "{name}: {} bytes", bytes.len());
        // A character map, for the reader to find each TextCode's glyphs.
        let face = ttf_parser::Face::parse(bytes, 0).unwrap();
        let cmap = face.tables().cmap.expect("a cmap");
        assert!(cmap.subtables.into_iter().any(|t| t.is_unicode()), "{name}");
    }
    let outline = ofd_outline(&ofd(&runs[0]));
    assert!(!outline.is_empty());
    assert_eq!(
        outline,
        pdf_outline(&runs[0].join("meijiang-2023-report.pdf"))
    );
}

/// `--ofd` joins the set replaced together: a folder where the OFD goes stops the DOCX and
/// PDF too, and the old ones stand.
#[test]
fn an_ofd_that_cannot_be_written_leaves_the_old_set() {
    let dir = scratch("ofd-blocked");
    let input = dir.join("报告.yaml");
    std::fs::copy(sample("single-seal.yaml"), &input).unwrap();
    std::fs::write(dir.join("报告.docx"), "old docx").unwrap();
    std::fs::write(dir.join("报告.pdf"), "old pdf").unwrap();
    std::fs::create_dir(dir.join("报告.ofd")).unwrap();
    let o = gongwen(&[
        "render",
        input.to_str().unwrap(),
        "--bundled-fonts",
        "--ofd",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("报告.ofd"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("报告.docx")).unwrap(),
        "old docx"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("报告.pdf")).unwrap(),
        "old pdf"
    );
}
