//! Issue 10: the page that holds the 署名 and 成文日期 carries 正文 (GB/T 9704 §7.3.5.5; the
//! 2012 standard dropped 「此页无正文」), in every sample and in notices with 附件 whose 正文
//! ends on every line of a page — the 附件说明 does not count as 正文. Read from the PDF.

mod common;
use common::pdf::{self, line_text};
use common::*;
use std::path::Path;

/// The 正文 paragraphs of `input`: what the 署名's page must show a line of.
fn text_paragraphs(input: &Path) -> Vec<String> {
    let loaded = gongwen::input::load(input, &Default::default()).expect("loads");
    let doc = gongwen::model::resolve(loaded.draft, &loaded.source).expect("resolves");
    let composed = gongwen::compose::compose(&doc, None).expect("composes");
    composed
        .body
        .iter()
        .chain(&composed.closing)
        .map(|b| squash(&b.text()))
        .collect()
}

/// Checks the PDF of `input`; `None` when it has no 署名 (纪要格式).
fn signature_page_has_text(input: &Path, name: &str) -> Option<bool> {
    let (_, out) = render(input, name);
    let text = text_paragraphs(input);
    let pages = pdf::read(&out);
    let date = {
        let loaded = gongwen::input::load(input, &Default::default()).unwrap();
        let doc = gongwen::model::resolve(loaded.draft, &loaded.source).unwrap();
        doc.date.chinese()
    };
    let page = pages.iter().find(|p| {
        p.lines()
            .iter()
            .any(|l| squash(&line_text(l)) == date && l[0].y < common::gbt::BOTTOM)
    })?;
    Some(page.lines().iter().any(|l| {
        let t = squash(&line_text(l));
        t.chars().count() > 1 && text.iter().any(|p| p.contains(&t))
    }))
}

#[test]
fn every_sample_signs_on_a_page_with_text() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(ok) = signature_page_has_text(&path, &format!("sigpage-{name}")) {
            assert!(ok, "{name}: the 署名's page carries no 正文");
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} samples with a 署名");
}

#[test]
fn notices_with_attachments_sign_on_a_page_with_text_wherever_the_text_ends() {
    // k one-line paragraphs (26 characters after the 2-字 indent) end the 正文 on every line of
    // pages 1 and 2, with two 附件 whose 附件说明 takes three lines.
    let dir = scratch("sigpage-notices");
    let line = "各单位要高度重视加强组织领导明确责任分工细化工作措。";
    assert_eq!(line.chars().count(), 26, "one full line after the indent");
    for k in 1..=46 {
        let mut y = String::from(
            "kind: 通知\nissuers:\n  - name: 某某县某某镇人民政府\nrecipients: [各村（社区）]\nsubject: 做好某项工作\nbody:\n",
        );
        for _ in 0..k {
            y.push_str(&format!("  - {line}\n"));
        }
        y.push_str("date: 2024-03-08\nattachments:\n  - title: 某某工作任务分工表\n    body: [附件正文。]\n  - title: 某某工作联系人名单和联系方式一览表（请于三月十五日前报送镇党政办公室）\n    body: [附件正文。]\n");
        let input = dir.join(format!("notice-{k:02}.yaml"));
        std::fs::write(&input, y).unwrap();
        let ok = signature_page_has_text(&input, &format!("sigpage-notice-{k:02}"))
            .expect("a notice has a 署名");
        assert!(ok, "{k} paragraphs: the 署名's page carries no 正文");
    }
}
