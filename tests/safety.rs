//! Issue 14: nothing overwritten, nothing lost, every resource bounded. Each test runs the real
//! binary and checks the exit code, the Chinese message, and which files exist afterwards.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A short valid 报告 whose title carries `mark`.
fn report(mark: &str) -> String {
    format!(
        "kind: 报告\nissuers:\n  - name: 某某镇人民政府\nsubject: {mark}工作情况\nbody:\n  - 正文。\ndate: 2024-02-22\n"
    )
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let o = gongwen(args);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn dotted_drafts_each_get_their_own_pair() {
    let dir = scratch("safety-dotted");
    std::fs::write(dir.join("报告.初稿.yaml"), report("初稿")).unwrap();
    std::fs::write(dir.join("报告.定稿.yaml"), report("定稿")).unwrap();
    std::fs::write(dir.join("报告.yml"), report("正式")).unwrap();
    let (code, out, err) = run(&["render", s(&dir), "--bundled-fonts"]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(out.contains("已写出 3 份"), "{out}");
    for (stem, mark) in [
        ("报告.初稿", "初稿"),
        ("报告.定稿", "定稿"),
        ("报告", "正式"),
    ] {
        let docx = dir.join(format!("{stem}.docx"));
        assert!(docx_text(&docx).contains(mark), "{stem}");
        assert!(pdf_text(&dir.join(format!("{stem}.pdf"))).contains(mark));
    }
    assert_eq!(listing(&dir).len(), 9, "{:?}", listing(&dir));
}

#[test]
fn a_yaml_saved_as_docx_is_never_overwritten() {
    let dir = scratch("safety-docx-name");
    let input = dir.join("公文.docx");
    std::fs::write(&input, report("甲")).unwrap();
    let (code, out, err) = run(&["render", s(&input), "--bundled-fonts"]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), report("甲"));
    assert!(out.contains("公文.docx.docx"), "{out}");
    assert_eq!(
        listing(&dir),
        ["公文.docx", "公文.docx.docx", "公文.docx.pdf"]
    );
}

#[test]
fn an_output_that_is_an_input_of_the_run_stops_the_run_before_writing() {
    let dir = scratch("safety-output-is-input");
    // `a.docx.yaml` writes `a.docx.docx`, which is the other input.
    std::fs::write(dir.join("a.docx.yaml"), report("甲")).unwrap();
    std::fs::write(dir.join("a.docx.docx"), report("乙")).unwrap();
    let (code, _, err) = run(&[
        "render",
        s(&dir.join("a.docx.yaml")),
        s(&dir.join("a.docx.docx")),
        "--bundled-fonts",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("就是输入文件") && err.contains("未写出任何文件"),
        "{err}"
    );
    assert_eq!(listing(&dir), ["a.docx.docx", "a.docx.yaml"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("a.docx.docx")).unwrap(),
        report("乙")
    );
}

#[test]
fn two_inputs_with_one_output_stop_the_run_before_writing() {
    let dir = scratch("safety-clash");
    let (a, b, out) = (dir.join("a"), dir.join("b"), dir.join("out"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(a.join("报告.yaml"), report("甲")).unwrap();
    std::fs::write(b.join("报告.yaml"), report("乙")).unwrap();
    let (code, _, err) = run(&["render", s(&a), s(&b), "-o", s(&out), "--bundled-fonts"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("输出文件同为") && err.contains("整批未写出任何文件"),
        "{err}"
    );
    assert!(!out.exists());
    // The same in one folder: 报告.yaml and 报告.yml.
    std::fs::write(a.join("报告.yml"), report("丙")).unwrap();
    let (code, _, err) = run(&["render", s(&a), "--bundled-fonts"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(listing(&a), ["报告.yaml", "报告.yml"]);
}

/// The template and records of a mail merge in `dir`; the template puts `${名称}` in the title.
fn merge(dir: &Path, records: &str, ext: &str) -> (PathBuf, PathBuf) {
    let template = dir.join("模板.yaml");
    std::fs::write(&template, report("${名称}")).unwrap();
    let list = dir.join(format!("名单.{ext}"));
    std::fs::write(&list, records).unwrap();
    (template, list)
}

#[test]
fn record_names_stay_inside_the_output_folder_and_never_collide() {
    let dir = scratch("safety-record-names");
    let out = dir.join("out");
    let (template, list) = merge(
        &dir,
        "名称,文件\n甲,.\n乙,..\n丙,第1.1组\n丁,第1.2组\n戊,../逃逸\n",
        "csv",
    );
    let (code, stdout, err) = run(&[
        "render",
        s(&template),
        "--records",
        s(&list),
        "--name-field",
        "文件",
        "-o",
        s(&out),
        "--bundled-fonts",
    ]);
    assert_eq!(code, Some(2), "{stdout}\n{err}");
    assert_eq!(err.matches("不能作文件名").count(), 2, "{err}");
    assert!(stdout.contains("已写出 3 份，失败 2 份"), "{stdout}");
    assert_eq!(
        listing(&out),
        [
            "___逃逸.docx",
            "___逃逸.pdf",
            "第1.1组.docx",
            "第1.1组.pdf",
            "第1.2组.docx",
            "第1.2组.pdf"
        ]
    );
    assert_eq!(listing(&dir), ["out", "名单.csv", "模板.yaml"]);
}

#[test]
fn records_with_one_name_stop_the_run_before_writing() {
    let dir = scratch("safety-record-clash");
    let out = dir.join("out");
    let (template, list) = merge(&dir, "名称,文件\n甲,同名\n乙,同名\n", "csv");
    let (code, _, err) = run(&[
        "render",
        s(&template),
        "--records",
        s(&list),
        "--name-field",
        "文件",
        "-o",
        s(&out),
        "--bundled-fonts",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("整批未写出任何文件"), "{err}");
    assert!(!out.exists());
}

#[test]
fn record_values_stay_as_typed() {
    let dir = scratch("safety-record-values");
    let (template, list) = merge(
        &dir,
        "- 名称: 000123\n- 名称: 12345678901234567890123\n- 名称: 1.50\n",
        "yaml",
    );
    let (code, out, err) = run(&[
        "render",
        s(&template),
        "--records",
        s(&list),
        "--bundled-fonts",
    ]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    for (n, typed) in ["000123", "12345678901234567890123", "1.50"]
        .iter()
        .enumerate()
    {
        let docx = dir.join(format!("模板-{:04}.docx", n + 1));
        assert!(docx_text(&docx).contains(typed), "{typed}");
    }
}

#[test]
fn a_records_file_with_a_syntax_error_is_explained_at_its_line() {
    let dir = scratch("safety-record-syntax");
    let (template, list) = merge(&dir, "- 名称: 甲\n- 名称: \"乙\n", "yaml");
    let (code, _, err) = run(&[
        "render",
        s(&template),
        "--records",
        s(&list),
        "--bundled-fonts",
    ]);
    assert_eq!(code, Some(2), "{err}");
    let place = format!("错误：{}:2:", list.display());
    assert!(
        err.contains(&place) && err.contains("名单的 YAML 格式有误"),
        "{err}"
    );
    assert_eq!(listing(&dir), ["名单.yaml", "模板.yaml"]);
}

/// Run `args` and give up (killing it) after 20 s: a hang is a failure, not a stuck test.
fn run_bounded(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("gongwen {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_are_refused_without_reading() {
    let dir = scratch("safety-special");
    let fifo = dir.join("公文.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let list = dir.join("名单.yaml");
    Command::new("mkfifo").arg(&list).status().unwrap();
    let template = dir.join("模板.yaml");
    std::fs::write(&template, report("${名称}")).unwrap();
    let cases: [Vec<&str>; 4] = [
        vec!["render", s(&fifo), "--bundled-fonts"],
        vec!["render", "/dev/zero", "-o", s(&dir), "--bundled-fonts"],
        vec!["check", "/dev/urandom", "--bundled-fonts"],
        vec![
            "render",
            s(&template),
            "--records",
            s(&list),
            "--bundled-fonts",
        ],
    ];
    for args in cases {
        let o = run_bounded(&args);
        let err =
            String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("不是普通文件"), "{args:?}: {err}");
    }
    assert_eq!(listing(&dir), ["公文.yaml", "名单.yaml", "模板.yaml"]);
}

#[test]
fn a_huge_input_is_refused_after_reading_at_most_its_limit() {
    let dir = scratch("safety-huge");
    let input = dir.join("大.yaml");
    // 2 GB, sparse: reading it whole would take seconds and gigabytes.
    let f = std::fs::File::create(&input).unwrap();
    f.set_len(2 << 30).unwrap();
    let o = run_bounded(&["render", s(&input), "--bundled-fonts"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("文件过大") && err.contains("未写出任何文件"),
        "{err}"
    );
    assert_eq!(listing(&dir), ["大.yaml"]);
}

/// A PNG whose header says `width` × `height` and whose data is a few hundred bytes of zeros.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(&mut out, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &vec![0; 1 << 20]).unwrap();
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_seal_of_28000_by_28000_pixels_is_refused_before_decoding() {
    let dir = scratch("safety-seal-pixels");
    std::fs::write(dir.join("印章.png"), png_header(28_000, 28_000)).unwrap();
    let input = dir.join("公文.yaml");
    std::fs::write(
        &input,
        report("甲").replace(
            "  - name: 某某镇人民政府\n",
            "  - name: 某某镇人民政府\n    seal_image: 印章.png\nseal: true\n",
        ),
    )
    .unwrap();
    let o = run_bounded(&["render", s(&input), "--bundled-fonts"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("28000 × 28000 像素，超过上限 4000 万像素"),
        "{err}"
    );
    assert_eq!(listing(&dir), ["公文.yaml", "印章.png"]);
}

/// A copy of the templates in `dir/templates` whose 报告 closes with `closing`: the folder and
/// the edited file.
fn office_templates(dir: &Path, closing: &str) -> (PathBuf, PathBuf) {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    for entry in std::fs::read_dir(repo().join("templates")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, templates.join(p.file_name().unwrap())).unwrap();
        }
    }
    let path = templates.join("report.tera");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "{% component closing() %}特此报告。",
        &format!("{{% component closing() %}}{closing}"),
    );
    std::fs::write(&path, text).unwrap();
    (templates, path)
}

/// Render a 报告 in `dir` with `office_templates(dir, closing)`: the edited template's path and
/// the run's output (time-bounded).
fn render_with_closing(dir: &Path, closing: &str) -> (PathBuf, Output) {
    let (templates, path) = office_templates(dir, closing);
    let input = dir.join("公文.yaml");
    std::fs::write(&input, report("甲")).unwrap();
    let o = run_bounded(&[
        "render",
        s(&input),
        "--templates",
        s(&templates),
        "--bundled-fonts",
    ]);
    (path, o)
}

#[test]
fn a_template_with_global_state_or_component_calls_is_refused_before_rendering() {
    for (name, closing, says) in [
        (
            "global",
            "{% set s = \"ab\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}特此报告。",
            "全局变量（set_global）",
        ),
        ("call", "{{ <closing/> }}特此报告。", "组件调用"),
    ] {
        let dir = scratch(&format!("safety-template-{name}"));
        let (path, o) = render_with_closing(&dir, closing);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("模板 {} 第", path.display())) && err.contains(says),
            "{name}: {err}"
        );
        assert_eq!(listing(&dir), ["templates", "公文.yaml"], "{name}");
    }
}

#[test]
fn a_template_with_a_runaway_loop_is_stopped() {
    let dir = scratch("safety-template-loop");
    let (_, o) = render_with_closing(
        &dir,
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}特此报告。{% endfor %}{% endfor %}",
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("写出的文字超过") && err.contains("已停止"),
        "{err}"
    );
    assert!(!dir.join("公文.docx").exists() && !dir.join("公文.pdf").exists());
}

/// The bundled fonts copied to `dir`, with `broken` replaced by what `spoil` makes of it.
fn fonts_with(dir: &Path, broken: &str, spoil: impl Fn(Vec<u8>) -> Vec<u8>) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(repo().join("fonts")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_owned();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            let bytes = if name == broken { spoil(bytes) } else { bytes };
            std::fs::write(dir.join(&name), bytes).unwrap();
        }
    }
}

/// `bytes` with the table `tag`'s contents zeroed (the table directory stays).
fn zero_table(mut bytes: Vec<u8>, tag: &[u8; 4]) -> Vec<u8> {
    let n = u16::from_be_bytes([bytes[4], bytes[5]]) as usize;
    for i in 0..n {
        let rec = 12 + 16 * i;
        if &bytes[rec..rec + 4] == tag {
            let at = |k: usize| u32::from_be_bytes(bytes[k..k + 4].try_into().unwrap()) as usize;
            let (offset, len) = (at(rec + 8), at(rec + 12));
            bytes[offset..offset + len].fill(0);
            return bytes;
        }
    }
    panic!("no table {tag:?}");
}

#[test]
fn an_empty_or_outline_less_font_is_refused_in_chinese() {
    let body_font = "FandolFang-Regular.otf";
    assert!(repo().join("fonts").join(body_font).is_file());
    for (name, spoil, says) in [
        (
            "empty",
            Box::new(|_: Vec<u8>| Vec::new()) as Box<dyn Fn(Vec<u8>) -> Vec<u8>>,
            "文件是空的（0 字节）",
        ),
        (
            "no-outlines",
            Box::new(|b| zero_table(b, b"CFF ")),
            "没有字形轮廓",
        ),
    ] {
        let dir = scratch(&format!("safety-font-{name}"));
        fonts_with(&dir.join("fonts"), body_font, spoil);
        let input = dir.join("公文.yaml");
        std::fs::write(&input, report("甲")).unwrap();
        let (code, _, err) = run(&[
            "render",
            s(&input),
            "--fonts",
            s(&dir.join("fonts")),
            "--bundled-fonts",
        ]);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(
            err.contains("字体文件无法使用") && err.contains(says),
            "{name}: {err}"
        );
        assert!(err.contains("未写出任何文件"), "{err}");
        assert_eq!(listing(&dir), ["fonts", "公文.yaml"]);
    }
}

/// The byte range of glyph `gid`'s charstring in a CFF-flavoured OpenType font: the table
/// directory, the CFF header, the Name and Top DICT INDEXes, the Top DICT's CharStrings offset
/// (operator 17), then that INDEX's entry.
fn cff_charstring(bytes: &[u8], gid: u16) -> std::ops::Range<usize> {
    let be = |k: usize, n: usize| {
        bytes[k..k + n]
            .iter()
            .fold(0usize, |a, &b| a << 8 | b as usize)
    };
    let tables = be(4, 2);
    let cff = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&rec| &bytes[rec..rec + 4] == b"CFF ")
        .map(|rec| be(rec + 8, 4))
        .expect("a CFF table");
    // An INDEX at `at`: (start of item k, end of item k) for each k, and where it ends.
    let index = |at: usize| -> (Vec<(usize, usize)>, usize) {
        let count = be(at, 2);
        if count == 0 {
            return (Vec::new(), at + 2);
        }
        let size = bytes[at + 2] as usize;
        let offsets: Vec<usize> = (0..=count).map(|k| be(at + 3 + k * size, size)).collect();
        let data = at + 3 + (count + 1) * size - 1;
        let items = offsets
            .windows(2)
            .map(|w| (data + w[0], data + w[1]))
            .collect();
        (items, data + offsets[count])
    };
    let (_, after_names) = index(cff + bytes[cff + 2] as usize);
    let (top, _) = index(after_names);
    let (mut k, end) = top[0];
    let mut operands: Vec<i64> = Vec::new();
    let mut charstrings = None;
    while k < end {
        let b0 = bytes[k] as i64;
        let (value, size) = match b0 {
            32..=246 => (b0 - 139, 1),
            247..=250 => ((b0 - 247) * 256 + bytes[k + 1] as i64 + 108, 2),
            251..=254 => (-(b0 - 251) * 256 - bytes[k + 1] as i64 - 108, 2),
            28 => (be(k + 1, 2) as i16 as i64, 3),
            29 => (be(k + 1, 4) as i32 as i64, 5),
            30 => {
                // A real number: nibbles up to the 0xf one.
                let mut n = 1;
                while bytes[k + n] & 0x0f != 0x0f && bytes[k + n] >> 4 != 0x0f {
                    n += 1;
                }
                (0, n + 1)
            }
            _ => {
                if b0 == 17 {
                    charstrings = operands.last().copied();
                }
                operands.clear();
                k += if b0 == 12 { 2 } else { 1 };
                continue;
            }
        };
        operands.push(value);
        k += size;
    }
    let (glyphs, _) = index(cff + charstrings.expect("a CharStrings offset") as usize);
    let (a, b) = glyphs[gid as usize];
    a..b
}

#[test]
fn a_font_whose_used_glyphs_have_no_outlines_is_refused_naming_them() {
    // The probe characters (国, 一) stay whole; 正 and 文 of the body lose their outlines.
    let body_font = "FandolFang-Regular.otf";
    let dir = scratch("safety-font-some-glyphs");
    fonts_with(&dir.join("fonts"), body_font, |mut bytes| {
        for c in ['正', '文'] {
            let gid = ttf_parser::Face::parse(&bytes, 0)
                .unwrap()
                .glyph_index(c)
                .unwrap()
                .0;
            let range = cff_charstring(&bytes, gid);
            bytes[range].fill(0x0e); // endchar: a glyph that draws nothing
        }
        bytes
    });
    let input = dir.join("公文.yaml");
    std::fs::write(&input, report("甲")).unwrap();
    let fonts = dir.join("fonts");
    let (code, _, err) = run(&["render", s(&input), "--fonts", s(&fonts), "--bundled-fonts"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("字体文件无法使用")
            && err.contains(body_font)
            && err.contains("没有字形轮廓")
            && err.contains('正')
            && err.contains('文'),
        "{err}"
    );
    assert!(err.contains("未写出任何文件"), "{err}");
    assert_eq!(listing(&dir), ["fonts", "公文.yaml"]);

    // In a batch the glyphs are checked once and the finding kept: every document is refused,
    // on one thread (its writers side by side) and on two (one after the other).
    let batch = dir.join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    for name in ["甲", "乙", "丙"] {
        std::fs::write(batch.join(format!("{name}.yaml")), report(name)).unwrap();
    }
    for jobs in ["1", "2"] {
        let out = dir.join(format!("out-{jobs}"));
        let (code, _, err) = run(&[
            "render",
            s(&batch),
            "-o",
            s(&out),
            "-j",
            jobs,
            "--fonts",
            s(&fonts),
            "--bundled-fonts",
        ]);
        assert_eq!(code, Some(2), "-j {jobs}: {err}");
        assert_eq!(
            err.matches("没有字形轮廓").count(),
            3,
            "-j {jobs}: each document refused: {err}"
        );
        assert!(err.contains('正') && err.contains('文'), "-j {jobs}: {err}");
        let written = if out.exists() {
            listing(&out)
        } else {
            Vec::new()
        };
        assert!(
            written
                .iter()
                .all(|n| !n.ends_with(".pdf") && !n.ends_with(".docx")),
            "-j {jobs}: {written:?}"
        );
    }
}

#[test]
fn a_template_loop_that_writes_nothing_is_given_up_on() {
    let dir = scratch("safety-template-silent-loop");
    let (path, o) = render_with_closing(
        &dir,
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}特此报告。",
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let tera = path.display().to_string();
    assert!(
        err.contains(&format!("模板 {tera} 的「closing」运行超过")) && err.contains("已停止"),
        "{err}"
    );
    assert_eq!(listing(&dir), ["templates", "公文.yaml"]);
}

#[test]
fn os_errors_are_said_in_chinese_with_the_os_words_as_detail() {
    let dir = scratch("safety-os-errors");
    let (code, _, err) = run(&["render", s(&dir.join("没有.yaml")), "--bundled-fonts"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("无法读取文件：文件或文件夹不存在") && err.contains("系统的原话"),
        "{err}"
    );
    // The output folder cannot be made: a file stands where it would be.
    let input = dir.join("公文.yaml");
    std::fs::write(&input, report("甲")).unwrap();
    std::fs::write(dir.join("占位"), "").unwrap();
    let (code, _, err) = run(&[
        "render",
        s(&input),
        "-o",
        s(&dir.join("占位").join("out")),
        "--bundled-fonts",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("无法创建输出文件夹"), "{err}");
    assert_eq!(listing(&dir), ["公文.yaml", "占位"]);
}

#[test]
fn concurrent_renders_of_one_pair_never_mix_their_files() {
    let dir = scratch("safety-concurrent");
    let (a, b, out) = (dir.join("a"), dir.join("b"), dir.join("out"));
    for (d, mark) in [(&a, "甲方"), (&b, "乙方")] {
        std::fs::create_dir_all(d).unwrap();
        std::fs::write(d.join("报告.yaml"), report(mark)).unwrap();
    }
    for round in 0..4 {
        let spawn = |d: &Path| {
            Command::new(env!("CARGO_BIN_EXE_gongwen"))
                .args([
                    "render",
                    s(&d.join("报告.yaml")),
                    "-o",
                    s(&out),
                    "--bundled-fonts",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut x, mut y) = (spawn(&a), spawn(&b));
        assert!(x.wait().unwrap().success() && y.wait().unwrap().success());
        let docx = docx_text(&out.join("报告.docx"));
        let pdf = pdf_text(&out.join("报告.pdf"));
        let mark = if docx.contains("甲方") {
            "甲方"
        } else {
            "乙方"
        };
        assert!(pdf.contains(mark), "round {round}: DOCX {mark}, PDF {pdf}");
        assert_eq!(listing(&out), ["报告.docx", "报告.pdf"], "round {round}");
    }
}

/// Every glyph of the PDF inside the 版心 (a line-end 点号 may hang one character past its right
/// edge); only the page number's line lies below it. (page, text) of any that leaves.
fn outside_type_area(pdf: &Path) -> Vec<(usize, String)> {
    let hanging = "，。、；：？！";
    let mut out = Vec::new();
    for (n, page) in common::pdf::read(pdf).iter().enumerate() {
        for line in page.lines() {
            let text = common::pdf::line_text(&line);
            let folio = line[0].y > gbt::BOTTOM;
            if folio
                && text
                    .chars()
                    .all(|c| c == '—' || c == ' ' || c.is_ascii_digit())
            {
                continue;
            }
            let last = line.len() - 1;
            let leaves = line.iter().enumerate().any(|(i, g)| {
                let end = if i == last && hanging.contains(g.ch) {
                    g.x
                } else {
                    g.x + g.advance
                };
                let top = g.y - g.size * gbt::PT * 0.88;
                g.x < gbt::LEFT - 1.0
                    || end > gbt::RIGHT + 1.0
                    || top < gbt::TOP - 1.0
                    || g.y > gbt::BOTTOM + 1.0
            });
            if leaves {
                out.push((n + 1, text));
            }
        }
    }
    out
}

/// A 报告 with a 版头 of `bodies` bodies named `name(i)`, each with a 签发人.
fn joint_report(bodies: usize, name: impl Fn(usize) -> String, extra: &str) -> String {
    let mut yaml = String::from("kind: 报告\nissuers:\n");
    for i in 0..bodies {
        yaml.push_str(&format!("  - name: {}\n", name(i)));
    }
    yaml.push_str("header:\n  mark: 文件\n  signers: [");
    yaml.push_str(&vec!["王明"; bodies].join(", "));
    yaml.push_str("]\ndoc_number: 某府发〔2024〕3号\nsubject: 某项工作情况\nbody:\n  - 正文。\ndate: 2024-02-22\n");
    yaml + extra
}

#[test]
fn a_joint_letterhead_of_ten_bodies_keeps_its_number_inside_the_type_area() {
    let dir = scratch("safety-ten-bodies");
    for bodies in [8, 10] {
        let input = dir.join(format!("联合{bodies}.yaml"));
        let names = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
        std::fs::write(
            &input,
            joint_report(bodies, |i| format!("某某县{}局", names[i]), ""),
        )
        .unwrap();
        let (code, out, err) = run(&["render", s(&input), "--bundled-fonts"]);
        assert_eq!(code, Some(0), "{out}\n{err}");
        let pdf = dir.join(format!("联合{bodies}.pdf"));
        assert_eq!(outside_type_area(&pdf), Vec::<(usize, String)>::new());
        let first = &common::pdf::read(&pdf)[0];
        let number = first
            .lines()
            .into_iter()
            .find(|l| common::pdf::line_text(l).contains("某府发"))
            .expect("the 发文字号 is drawn");
        assert!(
            number[0].y < gbt::BOTTOM - 20.0,
            "{bodies}: {}",
            number[0].y
        );
    }
}

#[test]
fn long_names_wrap_or_are_refused_never_overflow() {
    let dir = scratch("safety-long-names");
    // A 20-character single 署名 with a seal, and a 印发机关 of 30 characters.
    let input = dir.join("长名.yaml");
    let seal = repo().join("samples/seals/sample-seal.png");
    let yaml = format!(
        "kind: 报告\nissuers:\n  - name: 某某县某某镇人民政府某某某某某办公室\n    seal_image: {}\nseal: true\nsubject: 某项工作情况\nbody:\n  - 正文。\ndate: 2024-02-22\nimprint:\n  printer: 某某县某某镇人民政府党政综合办公室某某某某某某某工作专班\n",
        seal.display()
    );
    std::fs::write(&input, yaml).unwrap();
    let (code, out, err) = run(&["render", s(&input), "--bundled-fonts"]);
    assert_eq!(code, Some(0), "{out}\n{err}");
    let pdf = dir.join("长名.pdf");
    assert_eq!(outside_type_area(&pdf), Vec::<(usize, String)>::new());
    // The 印发机关 and the 印发日期 never share a place: the date is on a line of its own or
    // right of the name's last character.
    let text = pdf_text(&pdf);
    assert!(text.contains("2024年2月22日印发"), "{text}");
    // A 500-character name in the 版头 is refused, naming the page; nothing is written.
    let input = dir.join("超长.yaml");
    std::fs::write(&input, joint_report(1, |_| "某".repeat(500), "")).unwrap();
    let (code, _, err) = run(&["render", s(&input), "--bundled-fonts"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("排不进") && err.contains("未写出任何文件"),
        "{err}"
    );
    assert!(!dir.join("超长.docx").exists() && !dir.join("超长.pdf").exists());
}

#[test]
fn a_sealed_signature_longer_than_the_type_area_wraps_inside_it() {
    let dir = scratch("safety-long-sealed-name");
    let seal = repo().join("samples/seals/sample-seal.png");
    for chars in [20, 30, 60] {
        let name = format!("{}人民政府", "某".repeat(chars - 4));
        let input = dir.join(format!("盖章{chars}.yaml"));
        std::fs::write(
            &input,
            format!(
                "kind: 报告\nissuers:\n  - name: {name}\n    seal_image: {}\nseal: true\nsubject: 某项工作情况\nbody:\n  - 正文。\ndate: 2024-02-22\n",
                seal.display()
            ),
        )
        .unwrap();
        let (code, out, err) = run(&["render", s(&input), "--bundled-fonts"]);
        assert_eq!(code, Some(0), "{chars}: {out}\n{err}");
        let pdf = dir.join(format!("盖章{chars}.pdf"));
        assert_eq!(
            outside_type_area(&pdf),
            Vec::<(usize, String)>::new(),
            "{chars}"
        );
        // Every character of the name is printed, and the seal with it.
        let pages = common::pdf::read(&pdf);
        assert!(squash(&pdf_text(&pdf)).contains(&name), "{chars}");
        let seals: Vec<_> = pages.iter().flat_map(|p| &p.images).collect();
        assert_eq!(seals.len(), 1, "{chars}");
        assert!(
            seals[0].x >= gbt::LEFT - 0.5 && seals[0].x + seals[0].width <= gbt::RIGHT + 0.5,
            "{chars}: the seal inside the 版心"
        );
        // The DOCX wraps the name where the PDF does: before 右空二字 (2 × 5.57 mm = 632 twips).
        let xml = docx_part(&dir.join(format!("盖章{chars}.docx")), "word/document.xml");
        let wrapped = chars > 26;
        assert_eq!(
            xml.contains(r#"<w:ind w:left="0" w:right="632" w:firstLine="0"/>"#),
            wrapped,
            "{chars}"
        );
    }
}
