//! The command line as a clerk meets it: errors in Chinese at file:line:column, exit codes,
//! nothing written on error, user text that cannot become structure, an office's templates.

mod common;
use common::*;

#[test]
fn an_unknown_key_is_an_error_with_place_and_suggestion_and_writes_nothing() {
    let out = scratch("unknown-key");
    let input = repo().join("tests/inputs/unknown-key.yaml");
    let o = render_into(&input, &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown-key.yaml:2:1"), "{err}");
    assert!(err.contains("未知字段「isuers」"), "{err}");
    assert!(err.contains("是不是要写「issuers」？"), "{err}");
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing may be written"
    );
}

#[test]
fn an_impossible_date_is_refused_at_its_line() {
    let out = scratch("bad-date");
    let input = repo().join("tests/inputs/bad-date.yaml");
    let o = render_into(&input, &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad-date.yaml:7:7"), "{err}");
    assert!(
        err.contains("成文日期「2023-02-29」不是有效的日期"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn user_text_never_becomes_structure() {
    let (docx, pdf) = render(&repo().join("tests/inputs/injection.yaml"), "injection");
    let text = pdf_text(&pdf);
    // The pasted markup stays in the paragraph as text, braces and all.
    assert!(
        text.contains("第一行正文@h1伪造的一级标题{h1}伪造{/}"),
        "{text}"
    );
    // Only the real heading is numbered.
    assert!(text.contains("一、真正的标题"));
    assert!(!text.contains("一、伪造"));
    let xml = docx_part(&docx, "word/document.xml");
    assert_eq!(xml.matches(r#"w:pStyle w:val="GwHeading1""#).count(), 1);
}

#[test]
fn an_office_template_folder_changes_the_wording() {
    let dir = scratch("office-templates");
    let original = std::fs::read_to_string(repo().join("templates/report.tera")).unwrap();
    std::fs::write(
        dir.join("report.tera"),
        original.replace("特此报告。", "专此报告。"),
    )
    .unwrap();
    let input = repo().join("tests/inputs/injection.yaml");
    let out = scratch("office-templates-out");
    let o = render_into_with(&input, &out, &["--templates", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = pdf_text(&out.join("injection.pdf"));
    assert!(text.contains("专此报告。"), "{text}");
    // Without the option the built-in wording applies.
    let (_, pdf) = render(&input, "default-templates");
    assert!(pdf_text(&pdf).contains("特此报告。"));
}

#[test]
fn render_reports_paths_and_fonts_per_role() {
    let out = scratch("report-paths");
    let input = sample("meijiang-2023-report.yaml");
    let o = render_into(&input, &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("meijiang-2023-report.docx") && stdout.contains("meijiang-2023-report.pdf")
    );
    for role in [
        "标题（小标宋）",
        "正文（仿宋）",
        "一级标题（黑体）",
        "二级标题（楷体）",
        "页码（宋体）",
    ] {
        assert!(stdout.contains(role), "{stdout}");
    }
}

#[test]
fn seal_images_must_be_png_and_need_seal_true() {
    let dir = scratch("seal-image-errors");
    std::fs::write(dir.join("not-a-png.png"), b"GIF89a").unwrap();
    std::fs::copy(
        repo().join("samples/seals/sample-seal.png"),
        dir.join("seal.png"),
    )
    .unwrap();
    let doc = |seal: &str, image: &str| {
        format!(
            "kind: 报告\nissuers:\n  - name: 某某镇人民政府\n    seal_image: {image}\nsubject: 某项工作\n{seal}body:\n  - 正文。\ndate: 2024-02-22\n"
        )
    };
    let cases = [
        (
            "no-seal.yaml",
            doc("", "seal.png"),
            "4:17",
            "没有写 seal: true",
        ),
        (
            "bad-png.yaml",
            doc("seal: true\n", "not-a-png.png"),
            "4:17",
            "不是有效的 PNG",
        ),
        (
            "missing.yaml",
            doc("seal: true\n", "nowhere.png"),
            "4:17",
            "无法读取印章图片",
        ),
    ];
    for (file, yaml, at, message) in cases {
        let input = dir.join(file);
        std::fs::write(&input, yaml).unwrap();
        let out = scratch(&format!("seal-image-out-{file}"));
        let o = render_into(&input, &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(
            err.contains(&format!("{file}:{at}")) && err.contains(message),
            "{file}: {err}"
        );
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    }
}

#[test]
fn the_docx_and_pdf_are_replaced_together_or_not_at_all() {
    let out = scratch("pair-atomic");
    let input = sample("single-no-seal.yaml");
    // A good earlier DOCX, and a folder where the PDF would go.
    std::fs::write(out.join("single-no-seal.docx"), b"earlier").unwrap();
    std::fs::create_dir(out.join("single-no-seal.pdf")).unwrap();
    let o = render_into(&input, &out);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read(out.join("single-no-seal.docx")).unwrap(),
        b"earlier",
        "the DOCX is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn help_speaks_chinese() {
    for args in [
        &["--help"][..],
        &["render", "--help"],
        &["check", "--help"],
        &["new", "--help"],
    ] {
        let o = gongwen(args);
        assert!(o.status.success());
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(
            help.contains("用法：gongwen") && help.contains("选项"),
            "{args:?}: {help}"
        );
        for english in ["Usage:", "Options:", "Print help", "[OPTIONS]", "[default:"] {
            assert!(
                !help.contains(english),
                "{args:?} still says {english}: {help}"
            );
        }
    }
}

#[test]
fn argument_mistakes_are_explained_in_chinese_with_exit_code_two() {
    let cases: [(&[&str], &str); 3] = [
        (&["redner", "x.yaml"], "是不是要写「render」？"),
        (&["render"], "缺少必需的参数"),
        (&["check", "x.yaml", "--format", "xml"], "的值「xml」无效"),
    ];
    for (args, want) in cases {
        let o = gongwen(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.starts_with("错误：") && err.contains(want),
            "{args:?}: {err}"
        );
    }
}
