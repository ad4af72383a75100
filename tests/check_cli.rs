//! `gongwen check` and `gongwen fix` as a clerk meets them: the seed report as published, the
//! automatic fix, JSON for editors, encodings, limits, and "nothing lost" when a run fails.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], today: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .env("GONGWEN_TODAY", today)
        .output()
        .expect("the gongwen binary runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A copy of `tests/inputs/<name>` in a fresh folder.
fn copy_input(name: &str, folder: &str) -> std::path::PathBuf {
    let dir = scratch(folder);
    let to = dir.join(name);
    std::fs::copy(repo().join("tests/inputs").join(name), &to).unwrap();
    to
}

#[test]
fn the_seed_as_published_shows_every_slip() {
    let input = repo().join("tests/inputs/seed-as-published.yaml");
    let o = run(&["check", input.to_str().unwrap()], "2024-03-01");
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let at = |place: &str, message: &str| {
        assert!(
            out.lines()
                .any(|l| l.contains(&format!("seed-as-published.yaml:{place}："))
                    && l.contains(message)),
            "missing {place} {message}:\n{out}"
        );
    };
    // （五）: 三是、四是、五是 lost their numerals; （六）: 四是.
    at("19:244", "[GW103]");
    at("19:244", "应为「三是」");
    at("19:360", "应为「四是」");
    at("19:436", "应为「五是」");
    at("20:259", "应为「四是」");
    // 三、2023年主要工作思路 in a report dated 2024.
    at("24:7", "[GW302]");
    at("24:7", "是不是应为2024年");
    // Half-width punctuation, typed heading numbers.
    assert!(out.matches("[GW201]").count() >= 10, "{out}");
    at("14:5", "手写的序号「一、」");
    assert!(out.contains("依据：GB/T 15834-2011"), "{out}");
    let strict = run(
        &["check", input.to_str().unwrap(), "--strict"],
        "2024-03-01",
    );
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn fix_repairs_the_punctuation_and_keeps_everything_else() {
    let input = copy_input("seed-as-published.yaml", "fix-seed");
    let before = std::fs::read_to_string(&input).unwrap();
    let o = run(&["check", "--fix", input.to_str().unwrap()], "2024-03-01");
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("处半角标点"), "{out}");
    assert!(!out.contains("[GW201]"), "{out}");
    // The lost numerals are not the fix's business: still reported.
    assert_eq!(out.matches("[GW103]").count(), 4, "{out}");
    let after = std::fs::read_to_string(&input).unwrap();
    assert_ne!(before, after);
    // Only punctuation changed: mapping the full-width marks back gives the file as it was,
    // comments and layout included.
    let half = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '，' => ',',
                '：' => ':',
                '；' => ';',
                '（' => '(',
                '）' => ')',
                '？' => '?',
                '！' => '!',
                c => c,
            })
            .collect()
    };
    assert_eq!(half(&after), half(&before));
    // Comments are not values: untouched.
    for (a, b) in after
        .lines()
        .zip(before.lines())
        .filter(|(_, b)| b.starts_with('#'))
    {
        assert_eq!(a, b);
    }
    assert!(after.contains("2023年，梅江镇坚持"), "{after}");
    assert!(after.contains("《法治政府建设实施纲要（2021—2025年）》"));
    assert!(
        after
            .lines()
            .next()
            .unwrap()
            .starts_with("# 梅江镇 2023 年法治政府建设报告")
    );
    // A second fix finds nothing to do.
    let again = run(&["fix", input.to_str().unwrap()], "2024-03-01");
    assert!(
        text(&again).contains("没有需要自动改正的地方"),
        "{}",
        text(&again)
    );
}

#[test]
fn json_for_editors_and_ci() {
    let input = repo().join("tests/errors/r06-half-width-comma.yaml");
    let o = run(
        &["check", input.to_str().unwrap(), "--format", "json"],
        "2024-03-01",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("GW201"), Some(7), Some(10))
    );
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("半角标点"));
    assert!(d["clause"].as_str().unwrap().contains("GB/T 15834"));
    let bad = repo().join("tests/errors/e01-unknown-key.yaml");
    let o = run(
        &["check", bad.to_str().unwrap(), "--format", "json"],
        "2024-03-01",
    );
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    assert_eq!(v["diagnostics"][0]["hints"][0], "是不是要写「issuers」？");
}

#[test]
fn gbk_files_read_like_utf8_and_fix_keeps_their_encoding() {
    let utf8 = "kind: 报告\nissuers:\n  - name: 某某镇人民政府\nsubject: 某项工作情况\nbody:\n  - 全镇完成各项任务,成效明显。\ndate: 2024-02-22\n";
    let dir = scratch("gbk");
    let gbk_path = dir.join("gbk.yaml");
    let gbk: Vec<u8> = gongwen::input::SourceEncoding::Gb18030.encode(utf8);
    std::fs::write(&gbk_path, &gbk).unwrap();
    let (_, pdf) = render(&gbk_path, "gbk-out");
    assert!(
        pdf_text(&pdf).contains("全镇完成各项任务"),
        "{}",
        pdf_text(&pdf)
    );
    // Forced to UTF-8 it is refused, with how to save as UTF-8.
    let o = run(
        &["check", gbk_path.to_str().unwrap(), "--encoding", "utf-8"],
        "2024-03-01",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("另存为"), "{}", text(&o));
    // Fixed in place, still GBK.
    let o = run(&["fix", gbk_path.to_str().unwrap()], "2024-03-01");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let after = std::fs::read(&gbk_path).unwrap();
    let want =
        gongwen::input::SourceEncoding::Gb18030.encode(&utf8.replace("任务,成效", "任务，成效"));
    assert_eq!(after, want);
    // A BOM is kept too.
    let bom_path = dir.join("bom.yaml");
    std::fs::write(
        &bom_path,
        gongwen::input::SourceEncoding::Utf8Bom.encode(utf8),
    )
    .unwrap();
    assert_eq!(
        run(&["fix", bom_path.to_str().unwrap()], "2024-03-01")
            .status
            .code(),
        Some(0)
    );
    assert!(
        std::fs::read(&bom_path)
            .unwrap()
            .starts_with("\u{FEFF}kind".as_bytes())
    );
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.path().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_failed_run_never_touches_a_good_earlier_output() {
    let out = scratch("nothing-lost");
    let good = "kind: 报告\nissuers:\n  - name: 某某镇人民政府\nsubject: 某项工作情况\nbody:\n  - 正文。\ndate: 2024-02-22\n";
    let input = out.join("report.yaml");
    std::fs::write(&input, good).unwrap();
    let o = run(
        &["render", input.to_str().unwrap(), "--bundled-fonts"],
        "2024-03-01",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let written = files_in(&out);
    assert_eq!(
        written.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["report.docx", "report.pdf", "report.yaml"]
    );
    for (name, bad) in [
        (
            "YAML error",
            good.replace("body:\n  - 正文。", "body:\n  - \"正文"),
        ),
        ("model error", good.replace("2024-02-22", "2024-02-30")),
        ("unknown key", good.replace("subject", "subjcet")),
    ] {
        std::fs::write(&input, &bad).unwrap();
        let o = run(
            &["render", input.to_str().unwrap(), "--bundled-fonts"],
            "2024-03-01",
        );
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(text(&o).contains("未写出任何文件"), "{name}");
        let now: Vec<_> = files_in(&out)
            .into_iter()
            .filter(|f| f.0 != "report.yaml")
            .collect();
        let then: Vec<_> = written
            .iter()
            .filter(|f| f.0 != "report.yaml")
            .cloned()
            .collect();
        assert_eq!(
            now, then,
            "{name}: the earlier documents must stay byte for byte"
        );
    }
    // An output folder that cannot be made: exit 2, no file anywhere.
    std::fs::write(&input, good).unwrap();
    let blocker = out.join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let o = run(
        &[
            "render",
            input.to_str().unwrap(),
            "-o",
            blocker.join("sub").to_str().unwrap(),
            "--bundled-fonts",
        ],
        "2024-03-01",
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    // A document that cannot be put in place (a folder is in the way): exit 2, and no
    // temporary or truncated file is left behind.
    let target = scratch("nothing-lost-blocked");
    std::fs::create_dir(target.join("report.pdf")).unwrap();
    let o = run(
        &[
            "render",
            input.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
            "--bundled-fonts",
        ],
        "2024-03-01",
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let left: Vec<String> = files_in(&target).into_iter().map(|f| f.0).collect();
    assert!(
        left.iter().all(|n| !n.ends_with(".tmp")),
        "temporary files left: {left:?}"
    );
    assert!(target.join("report.pdf").is_dir());
}

#[test]
fn control_characters_never_reach_the_docx() {
    let dir = scratch("control-chars");
    let input = dir.join("ctl.yaml");
    let yaml = "kind: 报告\nissuers:\n  - name: 某某镇\u{1}人民政府\nsubject: 某项\u{B}工作情况\nbody:\n  - 正文\u{7}里有\u{1F}控制字符\u{FFFF}。\ndate: 2024-02-22\n";
    std::fs::write(&input, yaml).unwrap();
    let o = run(
        &["render", input.to_str().unwrap(), "--bundled-fonts"],
        "2024-03-01",
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("ctl.yaml:6:7：这里有看不见的控制字符 U+0007"),
        "{out}"
    );
    let xml = docx_part(&dir.join("ctl.docx"), "word/document.xml");
    roxmltree::Document::parse(&xml).expect("document.xml is well-formed XML");
    assert!(!xml.chars().any(gongwen::input::is_forbidden));
}

#[test]
fn huge_files_are_refused_before_parsing() {
    let dir = scratch("huge");
    let input = dir.join("huge.yaml");
    let mut yaml = String::from("kind: 报告\nbody:\n");
    while yaml.len() < 5 * 1024 * 1024 {
        yaml.push_str("  - 很长很长的正文。\n");
    }
    std::fs::write(&input, yaml).unwrap();
    let o = run(&["check", input.to_str().unwrap()], "2024-03-01");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("文件过大"), "{}", text(&o));
}

#[test]
fn today_comes_from_the_environment_and_never_reaches_the_document() {
    let input = repo().join("tests/errors/r10-future-date.yaml");
    let epoch = |day: &str, secs: &str| {
        Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(["check", input.to_str().unwrap()])
            .env_remove("GONGWEN_TODAY")
            .env("SOURCE_DATE_EPOCH", secs)
            .output()
            .map(|o| (day.to_owned(), text(&o)))
            .unwrap()
    };
    // 2029-12-31 16:00 UTC is already 2030-01-01 in Beijing: the date is today, not future.
    let (_, after) = epoch("2030-01-01", "1893427200");
    assert!(!after.contains("GW301"), "{after}");
    let (_, before) = epoch("2029-12-31", "1893427199");
    assert!(before.contains("晚于今天（2029年12月31日）"), "{before}");
    // The same document rendered on two different days is the same, byte for byte.
    let sample = repo().join("samples/meijiang-2023-report.yaml");
    let a = scratch("today-a");
    let b = scratch("today-b");
    for (dir, day) in [(&a, "2024-03-01"), (&b, "2031-07-15")] {
        let o = run(
            &[
                "render",
                sample.to_str().unwrap(),
                "-o",
                dir.to_str().unwrap(),
                "--bundled-fonts",
            ],
            day,
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
    for ext in ["docx", "pdf"] {
        let name = format!("meijiang-2023-report.{ext}");
        assert!(
            std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap(),
            "{name} differs"
        );
    }
}
