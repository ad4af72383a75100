//! The corpus of bad inputs in `tests/errors/`: each file's first line states what gongwen must
//! say — `# 错误 行:列 消息` (an input error: exit 2) or `# 规则 GWnnn 行:列` (a checker finding).
//! For each, the runner checks the exit code, the Chinese message at that line and column, that
//! nothing panicked, that no output file appeared, and that an earlier DOCX/PDF pair standing
//! where the outputs go is left byte for byte as it was.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Output};

/// What a corpus file expects.
#[derive(Debug)]
enum Expect {
    Error {
        line: usize,
        column: usize,
        message: String,
    },
    Rule {
        id: String,
        line: usize,
        column: usize,
    },
}

/// The first line of a file, in whichever encoding the file is in.
fn first_line(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned();
    }
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
    let choice = gongwen::input::EncodingChoice::Auto;
    match gongwen::input::encoding::decode(Path::new("x"), line, choice) {
        Ok((text, _)) => text,
        Err(_) => String::from_utf8_lossy(line).into_owned(),
    }
}

fn parse_expectation(line: &str) -> Expect {
    let parts: Vec<&str> = line.trim_start_matches('#').trim().splitn(3, ' ').collect();
    let place = |s: &str| -> (usize, usize) {
        let (l, c) = s.split_once(':').expect("行:列");
        (l.parse().unwrap(), c.parse().unwrap())
    };
    match parts.as_slice() {
        ["错误", at, message] => {
            let (line, column) = place(at);
            Expect::Error {
                line,
                column,
                message: message.to_string(),
            }
        }
        ["规则", id, at] => {
            let (line, column) = place(at);
            Expect::Rule {
                id: id.to_string(),
                line,
                column,
            }
        }
        _ => panic!("first line must be `# 错误 行:列 消息` or `# 规则 GWnnn 行:列`, got {line:?}"),
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .env("GONGWEN_TODAY", "2024-06-01")
        .output()
        .expect("the gongwen binary runs")
}

fn check_one(file: &Path) -> Result<(), String> {
    let name = file.file_name().unwrap().to_str().unwrap();
    let bytes = std::fs::read(file).unwrap();
    let expect = parse_expectation(&first_line(&bytes));
    // Work on a copy in an empty folder, so any file written beside it would show.
    let dir = scratch(&format!("errors-{name}"));
    let input = dir.join(name);
    std::fs::write(&input, &bytes).unwrap();
    let input_str = input.to_str().unwrap();
    // A pair from an earlier render stands where the outputs go: a refused input leaves it as
    // it was.
    let earlier = |ext: &str| dir.join(format!("{}.{ext}", name.trim_end_matches(".yaml")));
    let old_pair = [
        (earlier("docx"), b"earlier DOCX".to_vec()),
        (earlier("pdf"), b"earlier PDF".to_vec()),
    ];
    if matches!(expect, Expect::Error { .. }) {
        for (path, content) in &old_pair {
            std::fs::write(path, content).unwrap();
        }
    }
    let check = run(&["check", input_str, "--bundled-fonts"]);
    let render = run(&[
        "render",
        input_str,
        "-o",
        dir.to_str().unwrap(),
        "--bundled-fonts",
    ]);
    let check_out = String::from_utf8_lossy(&check.stdout).into_owned();
    let render_err = String::from_utf8_lossy(&render.stderr).into_owned();
    for (what, o) in [("check", &check), ("render", &render)] {
        let stderr = String::from_utf8_lossy(&o.stderr);
        if stderr.contains("panicked") || o.status.code().is_none() {
            return Err(format!("{name}: {what} crashed:\n{stderr}"));
        }
    }
    match &expect {
        Expect::Error {
            line,
            column,
            message,
        } => {
            let place = format!("错误：{input_str}:{line}:{column}：");
            for (what, code, text) in [
                ("check", check.status.code(), &check_out),
                ("render", render.status.code(), &render_err),
            ] {
                if code != Some(2) {
                    return Err(format!("{name}: {what} exit {code:?}, want 2\n{text}"));
                }
                let hit = text
                    .lines()
                    .any(|l| l.starts_with(&place) && l.contains(message.as_str()));
                if !hit {
                    return Err(format!("{name}: {what} lacks `{place}…{message}`:\n{text}"));
                }
            }
            if !render_err.contains("未写出任何文件") {
                return Err(format!(
                    "{name}: render does not say nothing was written:\n{render_err}"
                ));
            }
            for (path, content) in &old_pair {
                if std::fs::read(path).ok().as_ref() != Some(content) {
                    return Err(format!("{name}: the earlier {} changed", path.display()));
                }
                std::fs::remove_file(path).unwrap();
            }
        }
        Expect::Rule { id, line, column } => {
            let head = format!("警告[{id}]：{input_str}:{line}:{column}：");
            let found = check_out.lines().find(|l| l.starts_with(&head));
            let Some(found) = found else {
                return Err(format!("{name}: check lacks `{head}`:\n{check_out}"));
            };
            if !found[head.len()..]
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            {
                return Err(format!("{name}: the message is not Chinese: {found}"));
            }
            if check.status.code() != Some(0) {
                return Err(format!(
                    "{name}: check exit {:?}, want 0 without --strict",
                    check.status.code()
                ));
            }
            let strict = run(&["check", input_str, "--bundled-fonts", "--strict"]);
            if strict.status.code() != Some(1) {
                return Err(format!(
                    "{name}: check --strict exit {:?}, want 1",
                    strict.status.code()
                ));
            }
            // Rendering goes ahead and prints the same finding as a warning.
            if !render_err.contains(&head) {
                return Err(format!(
                    "{name}: render does not warn `{head}`:\n{render_err}"
                ));
            }
            // Only the render may write, and only its two documents.
            for ext in ["docx", "pdf"] {
                let _ = std::fs::remove_file(input.with_extension(ext));
            }
        }
    }
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != name)
        .collect();
    if !left.is_empty() {
        return Err(format!("{name}: files left beside the input: {left:?}"));
    }
    if std::fs::read(&input).unwrap() != bytes {
        return Err(format!("{name}: check changed the input file"));
    }
    Ok(())
}

#[test]
fn every_bad_input_gets_its_message_at_its_place_and_writes_nothing() {
    let mut files: Vec<_> = std::fs::read_dir(repo().join("tests/errors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    let errors = files
        .iter()
        .filter(|f| f.file_name().unwrap().to_str().unwrap().starts_with('e'))
        .count();
    assert!(errors >= 20, "{errors} error files");
    let failures: Vec<String> = files.iter().filter_map(|f| check_one(f).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_has_a_corpus_file() {
    let corpus: String = std::fs::read_dir(repo().join("tests/errors"))
        .unwrap()
        .map(|e| first_line(&std::fs::read(e.unwrap().path()).unwrap()))
        .collect::<Vec<_>>()
        .join("\n");
    // The GW7xx rules judge a DOCX's format; tests/import.rs checks them on DOCX files.
    for rule in gongwen::check::RULES
        .iter()
        .filter(|r| !r.id.starts_with("GW7"))
    {
        assert!(
            corpus.contains(&format!("规则 {} ", rule.id)),
            "no corpus file for {}",
            rule.id
        );
    }
}
