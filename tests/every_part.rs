//! Issue 10: every 文种 prints every optional part its YAML can hold — 附件, 附注, 版记, 版头,
//! 印章 — found in the PDF's text and the DOCX's XML; a part a kind's format has no place for
//! is refused with a Chinese error, never dropped in silence.

mod common;
use common::*;

/// Which parts a document carries.
#[derive(Clone, Copy)]
struct Parts {
    seal: bool,
    note: bool,
    printer: bool,
}

const ALL: Parts = Parts {
    seal: true,
    note: true,
    printer: true,
};

fn yaml(kind: &str, parts: Parts) -> String {
    let upward = matches!(kind, "报告" | "请示");
    let mut y = format!(
        "kind: {kind}\n\
         issuers:\n  - name: 某某县某某镇人民政府\n    sign_as: 某某镇人民政府\n"
    );
    if parts.seal {
        y.push_str("    seal_image: ../../../samples/seals/sample-seal.png\nseal: true\n");
    }
    y.push_str(
        "recipients: [某某县人民政府]\n\
         subject: 某项工作的安排\n\
         body:\n  - 开头段落写明缘由。\n  - heading: 主要任务\n    body:\n      - 第一项任务的正文。\n\
         date: 2024-03-08\n",
    );
    if parts.note || kind == "请示" {
        y.push_str("note: 联系人：张三，电话：12345678\n");
    }
    y.push_str("imprint:\n  copy_to: [县委办公室, 县财政局]\n");
    if parts.printer {
        y.push_str("  printer: 某某镇党政办公室\n");
    }
    // Unquoted: the 份号 keeps its zeros as typed.
    y.push_str("header:\n  copy_number: 000042\n  urgency: 加急\n");
    if upward {
        y.push_str("  signers: [张三]\n");
    }
    if kind != "纪要" {
        y.push_str("doc_number: 某府发〔2024〕8号\n");
    }
    if kind == "纪要" {
        y.push_str("present: [张三, 李四]\n");
    }
    y.push_str(
        "attachments:\n  - title: 甲项工作分工表\n    body: [甲附件的正文。]\n  - title: 乙项工作联系表\n    body: [乙附件的正文。]\n",
    );
    y
}

fn render_kind(name: &str, kind: &str, parts: Parts) -> std::process::Output {
    let dir = scratch(name);
    let input = dir.join("doc.yaml");
    std::fs::write(&input, yaml(kind, parts)).unwrap();
    render_into(&input, &dir)
}

fn assert_parts(name: &str, kind: &str, parts: Parts) {
    let o = render_kind(name, kind, parts);
    assert!(
        o.status.success(),
        "{kind}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = repo().join("target/test-out").join(name);
    let pdf = out.join("doc.pdf");
    let docx = out.join("doc.docx");
    let text = pdf_text(&pdf);
    let xml_text = squash(&docx_text(&docx));
    let minutes_format = kind == "纪要";
    let mut want = vec![
        "附件：1.甲项工作分工表",
        "2.乙项工作联系表",
        "附件1",
        "甲附件的正文。",
        "附件2",
        "乙项工作联系表",
        "乙附件的正文。",
        "抄送：县委办公室，县财政局。",
        "000042",
        "加急",
        "一、主要任务",
    ];
    if !minutes_format {
        want.extend(["某府发〔2024〕8号", "某某镇人民政府", "2024年3月8日"]);
    } else {
        want.extend(["出席：张三、李四", "某项工作的安排纪要"]);
    }
    if parts.note {
        want.push("（联系人：张三，电话：12345678）");
    }
    if parts.printer {
        want.extend(["某某镇党政办公室", "2024年3月8日印发"]);
    }
    if matches!(kind, "报告" | "请示") {
        want.push("签发人：张三");
    }
    for w in want {
        assert!(text.contains(w), "{kind}: PDF lacks 「{w}」:\n{text}");
        assert!(
            xml_text.contains(w),
            "{kind}: DOCX lacks 「{w}」:\n{xml_text}"
        );
    }
    let pages = common::pdf::read(&pdf);
    let images: usize = pages.iter().map(|p| p.images.len()).sum();
    let xml = docx_part(&docx, "word/document.xml");
    if parts.seal {
        assert_eq!(images, 1, "{kind}: the seal in the PDF");
        assert_eq!(
            xml.matches("<pic:pic>").count(),
            1,
            "{kind}: the seal in the DOCX"
        );
    } else {
        assert_eq!(images, 0, "{kind}");
    }
    // The 版记's table in the DOCX; each 附件 on a page of its own.
    assert!(xml.contains("<w:tbl>"), "{kind}: 版记 table");
    let label_pages: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.text()
                .lines()
                .any(|l| squash(l).starts_with("附件") && squash(l).len() <= "附件2".len())
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(label_pages.len(), 2, "{kind}: two 附件 pages");
}

#[test]
fn every_kind_prints_every_part_it_can_hold() {
    for (kind, name) in [("报告", "report"), ("请示", "request"), ("通知", "notice")] {
        assert_parts(&format!("every-part-{name}"), kind, ALL);
    }
}

#[test]
fn a_letter_in_letter_format_refuses_the_printer_and_prints_the_rest() {
    let o = render_kind("every-part-letter-refused", "函", ALL);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("信函格式的版记只有抄送"), "{err}");
    assert!(err.contains("doc.yaml:"), "names the file and line: {err}");
    assert_parts(
        "every-part-letter",
        "函",
        Parts {
            printer: false,
            ..ALL
        },
    );
}

#[test]
fn minutes_refuse_seal_and_note_and_print_the_rest() {
    let o = render_kind("every-part-minutes-refused", "纪要", ALL);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("纪要不加盖印章"), "{err}");
    assert!(err.contains("没有署名和附注的位置"), "{err}");
    assert_parts(
        "every-part-minutes",
        "纪要",
        Parts {
            seal: false,
            note: false,
            ..ALL
        },
    );
}

#[test]
fn an_office_template_without_a_signature_slot_is_refused_by_name() {
    let dir = scratch("template-without-signature");
    let original = std::fs::read_to_string(repo().join("templates/report.tera")).unwrap();
    let start = original.find("{% component signature").unwrap();
    let end = original.find("{% endcomponent signature %}").unwrap()
        + "{% endcomponent signature %}".len();
    let edited = format!("{}{}", &original[..start], &original[end..]);
    std::fs::write(dir.join("report.tera"), edited).unwrap();
    let input = dir.join("doc.yaml");
    std::fs::write(&input, yaml("报告", ALL)).unwrap();
    let o = gongwen(&[
        "render",
        input.to_str().unwrap(),
        "--bundled-fonts",
        "--templates",
        dir.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("report.tera"), "{err}");
    assert!(err.contains("「signature」"), "{err}");
    assert!(!dir.join("doc.pdf").exists() && !dir.join("doc.docx").exists());
}

#[test]
fn a_corrupt_seal_png_is_an_error_at_its_yaml_line() {
    let dir = scratch("corrupt-seal");
    let mut png = std::fs::read(repo().join("samples/seals/sample-seal.png")).unwrap();
    // Keep the header and the image's size; spoil the compressed pixels.
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    for b in &mut png[idat + 8..idat + 200] {
        *b = !*b;
    }
    std::fs::write(dir.join("seal.png"), png).unwrap();
    let input = dir.join("doc.yaml");
    std::fs::write(
        &input,
        "kind: 报告\nissuers:\n  - name: 某某镇人民政府\n    seal_image: seal.png\nseal: true\nsubject: 某项工作\nbody:\n  - 正文。\ndate: 2024-02-22\n",
    )
    .unwrap();
    let o = render_into(&input, &dir);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("doc.yaml:4:17"), "{err}");
    assert!(err.contains("印章图片"), "{err}");
    assert!(!dir.join("doc.pdf").exists());
}
