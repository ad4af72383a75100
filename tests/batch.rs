//! Issue 7: batch rendering of a folder and of a template against records.

mod common;
use common::*;

#[test]
fn a_folder_of_twenty_with_one_broken_file_gives_nineteen_documents_and_exit_2() {
    let dir = scratch("batch-folder");
    let (inputs, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&inputs).unwrap();
    let seed = std::fs::read(sample("meijiang-2023-report.yaml")).unwrap();
    for i in 1..=20 {
        std::fs::write(inputs.join(format!("doc{i:02}.yaml")), &seed).unwrap();
    }
    std::fs::write(inputs.join("doc07.yaml"), "isuers: 某某镇\n").unwrap();
    let o = gongwen(&[
        "render",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
    ]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written.len(), 38, "{written:?}");
    assert!(!written.iter().any(|n| n.starts_with("doc07")));
    // One clear error, naming the file, the line and the fix.
    assert_eq!(stderr.matches("未能排版").count(), 1, "{stderr}");
    assert!(
        stderr.contains("doc07.yaml:1:1：未知字段「isuers」"),
        "{stderr}"
    );
    assert!(
        stdout.contains("共 20 份：已写出 19 份，失败 1 份"),
        "{stdout}"
    );
    // No progress bar when stderr is not a terminal.
    assert!(!stderr.contains("份  已用"), "{stderr}");
}

#[test]
fn records_fill_a_template_one_document_each() {
    let dir = scratch("batch-records");
    let template = std::fs::read_to_string(sample("meijiang-2023-report.yaml"))
        .unwrap()
        .replacen(
            "2023年度法治政府建设情况",
            "${乡镇}2023年度法治政府建设情况",
            1,
        );
    assert!(
        template.contains("${乡镇}"),
        "the seed has the subject to fill"
    );
    std::fs::write(dir.join("通知.yaml"), template).unwrap();
    std::fs::write(
        dir.join("名单.csv"),
        "乡镇,文件名\n梅江镇,梅江\n石耶镇,石耶\n\"坏:值\",坏\n",
    )
    .unwrap();
    let out = dir.join("out");
    let o = gongwen(&[
        "render",
        dir.join("通知.yaml").to_str().unwrap(),
        "--records",
        dir.join("名单.csv").to_str().unwrap(),
        "--name-field",
        "文件名",
        "-o",
        out.to_str().unwrap(),
        "--bundled-fonts",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("名单.csv 第 3 条记录"), "{stderr}");
    assert!(stderr.contains("「:」"), "{stderr}");
    for (name, town) in [("梅江", "梅江镇"), ("石耶", "石耶镇")] {
        let text = pdf_text(&out.join(format!("{name}.pdf")));
        assert!(
            text.contains(&format!("关于{town}2023年度法治政府建设情况的报告")),
            "{name}: {text}"
        );
    }
    assert!(!out.join("坏.pdf").exists());
}

/// An output reached through a linked folder is still an input of the run: the batch finds it
/// by the file's real place (its canonical path), not only by the path as typed.
#[cfg(unix)]
#[test]
fn an_output_that_is_an_input_through_a_linked_folder_stops_the_batch() {
    let dir = scratch("batch-linked-input");
    let real = dir.join("real");
    std::fs::create_dir_all(&real).unwrap();
    std::os::unix::fs::symlink(&real, dir.join("link")).unwrap();
    let seed = std::fs::read(sample("meijiang-2023-report.yaml")).unwrap();
    std::fs::write(real.join("a.docx.yaml"), &seed).unwrap();
    std::fs::write(real.join("a.docx.docx"), "not a document").unwrap();
    // `link/a.docx.yaml` writes `link/a.docx.docx`, which is `real/a.docx.docx`.
    let o = gongwen(&[
        "render",
        dir.join("link/a.docx.yaml").to_str().unwrap(),
        real.join("a.docx.docx").to_str().unwrap(),
        "--bundled-fonts",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("就是输入文件"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(real.join("a.docx.docx")).unwrap(),
        "not a document"
    );
    assert!(!real.join("a.docx.pdf").exists());
}
