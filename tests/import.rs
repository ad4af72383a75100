//! Issue 18: `gongwen import` recognises an existing 公文 in its plain text and writes YAML
//! whose render holds every paragraph of the text, in order, with the numbers gongwen assigns —
//! on ten real-style texts written for these tests and on the seed report's web text.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// `gongwen import TEXT -o <dir>/<name>.yaml`, then render it; the YAML and the PDF's text.
fn import_and_render(text: &Path, name: &str) -> (PathBuf, String) {
    let dir = scratch(&format!("import-{name}"));
    let yaml = dir.join(format!("{name}.yaml"));
    import_into(text, &yaml, &dir, name);
    (yaml, pdf_text(&dir.join(format!("{name}.pdf"))))
}

/// `gongwen import SOURCE -o YAML`, then render YAML into `dir`; both must succeed.
fn import_into(source: &Path, yaml: &Path, dir: &Path, name: &str) {
    let o = gongwen(&[
        "import",
        source.to_str().unwrap(),
        "-o",
        yaml.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r = render_into(yaml, dir);
    assert!(
        r.status.success(),
        "{name} renders: {}\n{}",
        String::from_utf8_lossy(&r.stderr),
        std::fs::read_to_string(yaml).unwrap()
    );
}

/// The runs of at least four 汉字 in `line` (its typed numbers and marks aside): what must
/// reach the document.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in line.chars().chain(['|']) {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            run.push(c);
        } else {
            if run.chars().count() >= 4 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    out
}

fn input(name: &str) -> PathBuf {
    repo().join("tests/inputs/import").join(name)
}

/// Every run of 汉字 of the text's lines from the title on appears in the PDF, in order (the
/// lines after the 成文日期 that are no part of the 公文 aside).
fn assert_in_order(name: &str, source: &Path, pdf: &str) {
    let text = std::fs::read_to_string(source).unwrap();
    // From the title: the first line that begins with 关于.
    let from = text.find("\n关于").unwrap_or(0);
    let mut at = 0;
    for line in text[from..].lines() {
        // A date in Chinese numerals is printed in Arabic digits (GB/T 9704 §7.3.5.4).
        let date = line.trim().ends_with('日') && line.contains('年') && line.contains('月');
        if date {
            continue;
        }
        if line.contains("扫一扫") {
            break;
        }
        for word in words(line) {
            // 一是/二是 are the text's own numbers: gongwen writes them again, maybe corrected.
            let word = word.trim_start_matches(|c| "一二三四五六七八九十是".contains(c));
            if word.chars().count() < 4 {
                continue;
            }
            let found = pdf[at..].find(word).unwrap_or_else(|| {
                panic!("{name}: 「{word}」 missing or out of order in the PDF:\n{pdf}")
            });
            at += found;
        }
    }
}

#[test]
fn real_style_texts_import_with_every_paragraph_in_order_and_numbered_afresh() {
    // For each text: the numbers gongwen must print (the text's own lost or skipped ones
    // corrected).
    let cases: [(&str, &[&str]); 10] = [
        (
            "01-report-gaps",
            &[
                "一、主要工作",
                "（一）压实安全责任。",
                "（二）开展隐患排查。",
                "三是加强危险化学品管理",
                "二、存在问题",
                "特此报告。",
            ],
        ),
        (
            "02-request",
            &[
                "一、受灾情况",
                "二、资金需求",
                "妥否，请批示。",
                "（联系人：王五，电话：0851-12345678）",
            ],
        ),
        (
            "03-notice-attachments",
            &[
                "某府办发〔2024〕12号",
                "三、工作要求",
                "附件：1.安全生产大检查工作方案",
                "2.安全生产大检查情况统计表",
                "附件1",
                "附件2",
                "抄送：县应急管理局，县安委办。",
                "2024年2月21日印发",
            ],
        ),
        ("04-letter", &["盼复。", "2024年4月2日"]),
        (
            "05-joint",
            &[
                "中共某某县某某镇委员会",
                "某某县某某镇人民政府",
                "2024年1月15日",
                "二、下一步工作打算",
            ],
        ),
        (
            "06-half-width",
            &[
                "一、加强值班值守",
                "各单位要严格执行24小时值班",
                "三是加强道路交通管理。",
                "特此通知。",
            ],
        ),
        (
            "07-levels",
            &[
                "（一）抓好项目建设",
                "1.加快推进工业园区建设",
                "（1）6月底前完成30户",
                "（2）年底前全部完成",
            ],
        ),
        (
            "08-web-page",
            &["一、提高思想认识", "二、落实防汛责任", "2024年5月20日"],
        ),
        (
            "09-enumeration",
            &[
                "一是经济运行平稳",
                "三是社会大局稳定",
                "四是作风建设持续加强",
            ],
        ),
        (
            "10-notice-imprint",
            &["（此件公开发布）", "抄送：县应急管理局，县水利局。"],
        ),
    ];
    for (name, numbers) in cases {
        let source = input(&format!("{name}.txt"));
        let (_, pdf) = import_and_render(&source, name);
        assert_in_order(name, &source, &pdf);
        for n in numbers {
            assert!(
                pdf.contains(&squash(n)),
                "{name}: 「{n}」 not in the PDF:\n{pdf}"
            );
        }
    }
}

#[test]
fn recipients_and_copy_to_come_back_with_the_marks_between_them_as_typed() {
    // 主送 groups are set off with ，, names in a group with 、; 抄送 the other way round in
    // practice. Import splits each where gongwen joins it again, so neither mark is lost.
    let dir = scratch("import-marks-between-names");
    let text = dir.join("groups.txt");
    std::fs::write(
        &text,
        "关于做好防汛工作的通知\n\n各乡镇人民政府，县直各部门、各单位：\n    现将有关事项通知如下。\n    特此通知。\n\n某某县人民政府办公室\n2024年3月1日\n\n抄送：县委办公室、县人大常委会办公室，县政协办公室。\n某某县人民政府办公室  2024年3月1日印发\n",
    )
    .unwrap();
    let (_, pdf) = import_and_render(&text, "groups");
    let pdf = squash(&pdf);
    for line in [
        "各乡镇人民政府，县直各部门、各单位：",
        "抄送：县委办公室、县人大常委会办公室，县政协办公室。",
    ] {
        assert!(pdf.contains(line), "{line}:\n{pdf}");
    }
}

#[test]
fn a_web_page_keeps_its_menus_as_comments_not_text() {
    let (yaml, pdf) = import_and_render(&input("08-web-page.txt"), "web-page");
    let yaml = std::fs::read_to_string(yaml).unwrap();
    for line in ["首页 > 政务公开 > 通知公告", "扫一扫在手机打开当前页"] {
        assert!(
            yaml.contains(&format!("#   {line}")),
            "kept as a comment: {line}\n{yaml}"
        );
        assert!(
            !pdf.contains(&squash(line)),
            "{line} is not part of the document"
        );
    }
    assert!(
        yaml.contains("title: 关于做好2024年防汛工作的通知"),
        "{yaml}"
    );
}

/// The shape of a document's 正文: each section's level, whether it has a run-in text, its
/// number of points, and the paragraphs' points, in reading order.
fn shape(yaml: &Path) -> Vec<String> {
    let loaded = gongwen::input::load(yaml, &Default::default()).expect("loads");
    let doc = gongwen::model::resolve(loaded.draft, &loaded.source).expect("resolves");
    fn walk(blocks: &[gongwen::model::Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                gongwen::model::Block::Paragraph(p) => out.push(format!("P{}", p.points.len())),
                gongwen::model::Block::Table(t) => out.push(format!("T{}", t.rows.len())),
                gongwen::model::Block::Section(s) => {
                    let lead = s.lead.as_ref().map_or(0, |l| l.points.len());
                    out.push(format!("S{}:{lead}", s.level.get()));
                    walk(&s.body, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    out.push(format!("signed by {}", doc.issuers.len()));
    out.push(doc.date.chinese());
    out
}

#[test]
fn the_seed_web_text_imports_to_the_sample_structure_with_its_lost_numbers() {
    let seed = repo().join("../shared/seed/000_db118ec43bc15ae5.txt");
    let (yaml, pdf) = import_and_render(&seed, "seed");
    assert_eq!(
        shape(&yaml),
        shape(&sample("meijiang-2023-report.yaml")),
        "{}",
        std::fs::read_to_string(&yaml).unwrap()
    );
    // The 三是 四是 五是 the web page lost in （五）, and 四是 in （六）.
    let five = between(&pdf, "（五）加强综合治理", "（六）");
    for n in ["一是", "二是", "三是", "四是", "五是"] {
        assert!(five.contains(n), "（五） lacks {n}: {five}");
    }
    assert!(between(&pdf, "（六）改进工作作风", "二、").contains("四是把公开透明"));
}

#[test]
fn import_never_overwrites_a_file() {
    let dir = scratch("import-no-overwrite");
    let yaml = dir.join("existing.yaml");
    std::fs::write(&yaml, "keep me").unwrap();
    let o = gongwen(&[
        "import",
        input("09-enumeration.txt").to_str().unwrap(),
        "-o",
        yaml.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已存在"));
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), "keep me");
}

/// Render `path`, import its DOCX and render that YAML: the same PDF bytes.
fn assert_round_trip(path: &Path, name: &str) {
    let (docx, pdf) = render(path, &format!("import-rt-{name}"));
    let back = scratch(&format!("import-rt-{name}-back"));
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let yaml = back.join(format!("{stem}.yaml"));
    import_into(&docx, &yaml, &back, name);
    // Our own DOCX keeps to the format (no GW7xx departure), and its text draws no finding the
    // YAML does not: the 附件说明's 「2.」 and each 附件's 一、 are no numbering gaps.
    let findings = |file: &Path| {
        let o = gongwen(&["check", file.to_str().unwrap()]);
        let report =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        let codes: std::collections::BTreeSet<String> = report
            .match_indices("[GW")
            .map(|(i, _)| report[i + 1..i + 6].to_owned())
            .collect();
        (codes, report)
    };
    let (ours, report) = findings(&docx);
    let (typed, _) = findings(path);
    assert!(!report.contains("[GW7"), "{name}: {report}");
    assert!(
        ours.is_subset(&typed),
        "{name}: {ours:?} beyond the YAML's {typed:?}:\n{report}"
    );
    assert!(
        std::fs::read(&pdf).unwrap() == std::fs::read(back.join(format!("{stem}.pdf"))).unwrap(),
        "{name}: the imported YAML renders another PDF:\n{}",
        std::fs::read_to_string(&yaml).unwrap()
    );
}

#[test]
fn every_sample_docx_imports_back_to_yaml_that_renders_the_same_pdf() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert_round_trip(&path, &name);
        checked += 1;
    }
    assert!(checked >= 18, "{checked} samples");
}

#[test]
fn forwarded_documents_import_back_one_by_one() {
    // A 转发 notice with its own 附件, then two forwarded documents: one run on after the
    // 署名 without a byline or 署名, one on a new page with a byline, 署名, date and 附件.
    let dir = scratch("import-forwarded-src");
    let path = dir.join("forwarding.yaml");
    std::fs::write(
        &path,
        "kind: 通知
issuers:
  - name: 青山县人民政府办公室
recipients: [各乡镇人民政府]
title: 青山县人民政府办公室关于转发两个文件的通知
body:
  - 现将两个文件转发给你们，请认真贯彻执行。
closing: \"\"
date: 2024-06-18
attachments:
  - title: 联系人名单
    body: [张三，电话1234567。]
forwarded:
  - title: 青山县防汛工作要点
    start: 接排
    body:
      - heading: 总体要求
        body: [坚持人民至上、生命至上。]
      - heading: 主要任务
        text: 落实责任。
  - title: 青山县农村集体资产管理办法
    byline: 青山县农业农村局　2024年6月10日
    recipients: [各乡镇人民政府]
    body:
      - 为加强农村集体资产管理，制定本办法。
      - item: 本办法由县农业农村局负责解释。
    signatures: [青山县农业农村局, 青山县财政局]
    date: 2024-06-10
    attachments:
      - title: 登记表
        body: [资产名称、类别。]
",
    )
    .unwrap();
    assert_round_trip(&path, "forwarding");
}

#[test]
fn check_reads_the_faces_and_sizes_set_on_the_paragraphs_themselves() {
    // Most tools set faces and sizes on the text, not in styles: a title in 18 pt 黑体, the
    // headings in 宋体, the 正文 in 12 pt 宋体 (ODF automatic styles → the DOCX's w:rPr).
    let dir = scratch("check-docx-direct");
    let para =
        |style: &str, text: &str| format!("<text:p text:style-name=\"{style}\">{text}</text:p>");
    let face = |name: &str, face: &str, size: &str, extra: &str| {
        format!(
            "<style:style style:name=\"{name}\" style:family=\"paragraph\"><style:paragraph-properties {extra}/>\
             <style:text-properties style:font-name-asian=\"{face}\" style:font-size-asian=\"{size}\" fo:font-size=\"{size}\"/></style:style>"
        )
    };
    let body = [
        para("T", "关于做好防汛工作的通知"),
        para("B", "各村（社区）："),
        para(
            "B",
            "当前已进入汛期，为切实做好防汛工作，现将有关事项通知如下。",
        ),
        para("H", "一、提高思想认识"),
        para("B", "各村要充分认识防汛工作的重要性。"),
        para("H", "二、落实防汛责任"),
        para("G", "要层层压实责任，确保责任到人。"),
        para("G", "特此通知。"),
        para("G", "某某镇人民政府"),
        para("G", "二〇二四年五月二十日"),
    ]
    .concat();
    let fodt = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
         xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
         xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" \
         office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">\
         <office:font-face-decls>{}</office:font-face-decls>\
         <office:automatic-styles>{}{}{}{}</office:automatic-styles>\
         <office:body><office:text>{body}</office:text></office:body></office:document>",
        ["黑体", "宋体", "仿宋_GB2312"]
            .map(|f| format!("<style:font-face style:name=\"{f}\" svg:font-family=\"{f}\"/>"))
            .concat(),
        face("T", "黑体", "18pt", "fo:text-align=\"center\""),
        face("H", "宋体", "16pt", ""),
        face("B", "宋体", "12pt", ""),
        face("G", "仿宋_GB2312", "16pt", ""),
    );
    std::fs::write(dir.join("direct.fodt"), fodt).unwrap();
    let docx = libreoffice_docx(&dir, "direct.fodt");
    let o = gongwen(&["check", docx.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    let at = |place: &str, what: &str, clause: &str| {
        let finding = report
            .split("\n\n")
            .find(|f| f.contains(&format!("direct.docx:{place}")) && f.contains(what))
            .unwrap_or_else(|| panic!("{place} {what} missing:\n{report}"));
        assert!(
            finding.contains("[GW704]") && finding.contains(clause),
            "{finding}"
        );
    };
    at("1:1", "标题：字体应为小标宋，这里是「黑体」", "7.3.1");
    at("1:1", "标题：字号应为 22 pt，这里是 18 pt", "7.3.1");
    at(
        "4:1",
        "一级标题：字体应为黑体，这里是「宋体」（共 2 段如此）",
        "7.3.3",
    );
    // The 主送 and the two 正文 paragraphs in 12 pt 宋体; those set in 仿宋 三号 pass.
    at(
        "2:1",
        "正文：字体应为仿宋，这里是「宋体」（共 3 段如此）",
        "5.2.2",
    );
    at(
        "2:1",
        "正文：字号应为 16 pt，这里是 12 pt（共 3 段如此）",
        "5.2.2",
    );
    assert_eq!(report.matches("[GW704]").count(), 5, "{report}");
    // The 署名 and the date typed at the left margin, the date in Chinese numerals.
    let gw705 = |place: &str, what: &str, clause: &str| {
        let finding = report
            .split("\n\n")
            .find(|f| f.contains(&format!("direct.docx:{place}")) && f.contains(what))
            .unwrap_or_else(|| panic!("{place} {what} missing:\n{report}"));
        assert!(
            finding.contains("[GW705]") && finding.contains(clause),
            "{finding}"
        );
    };
    gw705("10:1", "应用阿拉伯数字将年、月、日标全", "7.3.5.4");
    gw705("10:1", "成文日期应编排在版心右侧", "7.3.5.1");
    gw705("9:1", "发文机关署名应编排在版心右侧", "7.3.5.2");
    assert_eq!(report.matches("[GW705]").count(), 3, "{report}");
}

#[test]
fn check_reports_a_plain_docx_s_departures_and_none_for_ours() {
    let dir = scratch("check-docx");
    // A DOCX from LibreOffice's default template: Letter/A4 with 2 cm margins, no page numbers.
    std::fs::copy(input("02-request.txt"), dir.join("plain.txt")).unwrap();
    libreoffice_docx(&dir, "plain.txt");
    let plain = gongwen(&["check", dir.join("plain.docx").to_str().unwrap()]);
    // The findings are the command's output: on stdout, nothing on stderr.
    assert!(
        plain.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let report = String::from_utf8_lossy(&plain.stdout).into_owned();
    for (rule, clause) in [
        ("GW702", "5.2.1"),
        ("GW704", "5.2.2"),
        ("GW705", "7.3.5"),
        ("GW706", "7.5"),
        ("GW201", "GB/T 15834"),
    ] {
        assert!(report.contains(rule), "{rule} missing:\n{report}");
        assert!(report.contains(clause), "{clause} missing:\n{report}");
    }
    // A text finding names the paragraph and column: 县人民政府: is the third paragraph.
    assert!(report.contains("plain.docx:3:6"), "{report}");
    // What to do fits a DOCX: no `gongwen fix`, no YAML keys.
    assert!(
        report.contains("请在 Word 或 WPS 中把这些半角标点改为全角"),
        "{report}"
    );
    for yaml in ["gongwen fix", "--fix", "points", "heading:"] {
        assert!(!report.contains(yaml), "{yaml}:\n{report}");
    }
    // Our own DOCX keeps to the format: no GW7xx finding.
    let (docx, _) = render(&sample("single-seal.yaml"), "check-docx-ours");
    let ours = gongwen(&["check", docx.to_str().unwrap()]);
    let report =
        String::from_utf8_lossy(&ours.stderr).into_owned() + &String::from_utf8_lossy(&ours.stdout);
    assert!(!report.contains("[GW7"), "{report}");
}

/// The covering notice and the documents it carries, as the imported YAML resolves.
struct Issued {
    title: String,
    doc_number: Option<String>,
    issuers: Vec<String>,
    date: String,
    recipients: usize,
    carried: Vec<Carried>,
}

/// A carried document: title, byline, 署名, date, shape of its 正文.
#[derive(Debug, PartialEq)]
struct Carried {
    title: String,
    byline: Option<String>,
    signatures: Vec<String>,
    date: Option<String>,
    shape: Vec<String>,
}

fn issued(yaml: &Path) -> Issued {
    let loaded = gongwen::input::load(yaml, &Default::default()).expect("loads");
    let doc = gongwen::model::resolve(loaded.draft, &loaded.source).expect("resolves");
    fn shape(blocks: &[gongwen::model::Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                gongwen::model::Block::Paragraph(p) => out.push(format!("P{}", p.points.len())),
                gongwen::model::Block::Section(s) => {
                    out.push(format!("S{}", s.level.get()));
                    shape(&s.body, out);
                }
                gongwen::model::Block::Table(t) => out.push(format!("T{}", t.rows.len())),
            }
        }
    }
    Issued {
        title: format!("{:?}", doc.title),
        doc_number: doc.header.as_ref().and_then(|h| h.doc_number.clone()),
        issuers: doc.issuers.iter().map(|i| i.name.clone()).collect(),
        date: doc.date.chinese(),
        recipients: doc.recipients.len(),
        carried: doc
            .forwarded
            .iter()
            .map(|f| {
                let mut s = Vec::new();
                shape(&f.body, &mut s);
                Carried {
                    title: f.title.clone(),
                    byline: f.byline.clone(),
                    signatures: f.signatures.clone(),
                    date: f.date.map(|d| d.chinese()),
                    shape: s,
                }
            })
            .collect(),
    }
}

#[test]
fn issued_and_forwarded_documents_in_text_import_after_their_notice() {
    // 11 is written for the test; 12–14 are published notices as their web pages show them
    // (党政机关公文, public; cut after a few paragraphs of the carried document).
    let (yaml, pdf) = import_and_render(&input("11-issued.txt"), "issued");
    let got = issued(&yaml);
    assert!(
        got.title
            .contains("关于印发青山县农村集体资产管理办法的通知")
    );
    assert_eq!(got.doc_number.as_deref(), Some("青府办发〔2024〕15号"));
    assert_eq!(got.issuers, ["青山县人民政府办公室"]);
    assert_eq!(got.date, "2024年6月18日");
    // 各乡镇人民政府，县政府各部门: two groups set off with ，, one entry that keeps it (joined
    // with 、 as two entries, the ， would have become 、).
    assert_eq!(got.recipients, 1);
    assert!(
        squash(&pdf).contains("各乡镇人民政府，县政府各部门："),
        "{pdf}"
    );
    assert_eq!(
        got.carried,
        [Carried {
            title: "青山县农村集体资产管理办法".to_owned(),
            byline: Some("（青山县农业农村局　青山县财政局　2024年6月10日）".to_owned()),
            signatures: vec!["青山县农业农村局".to_owned(), "青山县财政局".to_owned()],
            date: Some("2024年6月10日".to_owned()),
            shape: ["S1", "S2", "S2", "S1", "S2", "S2", "S1", "P0"]
                .map(str::to_owned)
                .to_vec()
        }]
    );
    // In order, the 发文字号 aside: the web page has it under the title, the 版头 above.
    let text = std::fs::read_to_string(input("11-issued.txt")).unwrap();
    let without_number = scratch("import-issued-text").join("11.txt");
    std::fs::write(&without_number, text.replace("青府办发〔2024〕15号\n", "")).unwrap();
    assert_in_order("11-issued", &without_number, &pdf);
    // Numbered afresh: the text's （一） then （三） become （一）（二）.
    assert!(pdf.contains("（二）因土地征收"), "{pdf}");

    // (file, notice title, 发文字号, 署名, date, carried title, carried 正文's shape)
    type Published<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a [&'a str],
        &'a str,
        &'a str,
        &'a [&'a str],
    );
    let real: [Published; 3] = [
        (
            "12-real-taihu-issued-rules",
            "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知",
            None,
            &["太湖县人民政府"],
            "2019年1月17日",
            "太湖县人民政府工作规则",
            &["P0", "S1", "S1", "S1"],
        ),
        (
            "13-real-yueyang-joint-issued",
            "印发《关于全面推进政务公开工作的实施意见》的通知",
            Some("岳办发〔2017〕2号"),
            &["中共岳阳市委办公室", "岳阳市人民政府办公室"],
            "2017年1月10日",
            "关于全面推进政务公开工作的实施意见",
            &["P0", "S1", "S2"],
        ),
        (
            "14-real-youth-league-issued",
            "关于印发《“全国青年中心建设先进县（市）”创建办法（试行）》的通知",
            Some("中青办发〔2005〕13号"),
            &["共青团中央办公厅"],
            "2005年5月9日",
            "“全国青年中心建设先进县（市）”创建办法",
            &["P0", "P0", "P0"],
        ),
    ];
    for (name, title, number, issuers, date, carried, shape) in real {
        let source = input(&format!("{name}.txt"));
        let (yaml, pdf) = import_and_render(&source, name);
        let text = std::fs::read_to_string(&yaml).unwrap();
        let got = issued(&yaml);
        assert!(got.title.contains(title), "{name}: {}\n{text}", got.title);
        assert_eq!(got.doc_number.as_deref(), number, "{name}\n{text}");
        assert_eq!(got.issuers, issuers, "{name}\n{text}");
        assert_eq!(got.date, date, "{name}\n{text}");
        assert!(got.recipients > 0, "{name}: 主送\n{text}");
        assert_eq!(got.carried.len(), 1, "{name}\n{text}");
        assert_eq!(got.carried[0].title, carried, "{name}\n{text}");
        assert_eq!(got.carried[0].shape, shape, "{name}\n{text}");
        // The web page's own lines are comments, not text of the document.
        assert!(
            !pdf.contains("法律资料网") && !pdf.contains("首页"),
            "{name}:\n{pdf}"
        );
        // The carried document starts on a page of its own, after the notice's date.
        let pages =
            pdf_pages_text(&repo().join(format!("target/test-out/import-{name}/{name}.pdf")));
        let at = pages
            .iter()
            .position(|p| p.starts_with(&squash(carried)))
            .unwrap_or_else(|| panic!("{name}: no page starts with {carried}: {pages:?}"));
        assert!(
            squash(&pages[..at].concat()).contains(&squash(date)),
            "{name}"
        );
        assert!(text.contains("forwarded:"), "{name}");
    }
}

#[test]
fn a_joint_mark_of_the_host_alone_imports_back_as_such() {
    // The DOCX's 版头 names the 主办机关 alone while the 发文机关 are three: import writes
    // mark_names: 主办机关, with 文件 (the sample, round-tripped above) and without it.
    let dir = scratch("import-host-mark-names");
    let yaml = std::fs::read_to_string(repo().join("samples/joint-host-mark.yaml"))
        .unwrap()
        .replace("  mark: 文件\n", "  mark: 名称\n");
    let path = dir.join("host-names.yaml");
    std::fs::write(&path, &yaml).unwrap();
    assert_round_trip(&path, "host-names");
    // Every body's name in the 标志 (the default) imports without the key.
    let all = dir.join("all-names.yaml");
    std::fs::write(&all, yaml.replace("  mark_names: 主办机关\n", "")).unwrap();
    assert_round_trip(&all, "all-names");
}
