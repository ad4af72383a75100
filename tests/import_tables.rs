//! Issue 13: `gongwen import` of a DOCX keeps its tables — gongwen's own (the 分工表 sample comes
//! back as the same tables, rows, spans and text) and another tool's (a LibreOffice DOCX with a
//! 表题, header rows, merged cells, a cell of two paragraphs and one with a line break; then the
//! same edited the way WPS and Word write tables: `w:vMerge` without a value, a
//! `w:tblGridChange`, an empty `w:tc`, a table and a picture inside a cell).

mod common;
use common::*;
use gongwen::model::{Block, Table};
use std::path::Path;

/// Every table of the document at `yaml`, in order: 正文, then each 附件.
fn tables(yaml: &Path) -> Vec<Table> {
    let loaded = gongwen::input::load(yaml, &Default::default()).expect("loads");
    let doc = gongwen::model::resolve(loaded.draft, &loaded.source).expect("resolves");
    fn walk(blocks: &[Block], out: &mut Vec<Table>) {
        for b in blocks {
            match b {
                Block::Table(t) => out.push(t.clone()),
                Block::Section(s) => walk(&s.body, out),
                Block::Paragraph(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    for a in &doc.attachments {
        walk(&a.body, &mut out);
    }
    out
}

/// `gongwen import DOCX -o YAML`: the YAML text and what the command said.
fn import(docx: &Path, yaml: &Path) -> (String, String) {
    let o = gongwen(&[
        "import",
        docx.to_str().unwrap(),
        "-o",
        yaml.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{said}");
    (std::fs::read_to_string(yaml).unwrap(), said)
}

#[test]
fn the_task_table_sample_imports_back_to_the_same_tables_and_pages() {
    let sample = repo().join("samples/notice-task-table.yaml");
    let (docx, pdf) = render(&sample, "import-tables-sample");
    let dir = scratch("import-tables-sample-back");
    let yaml = dir.join("back.yaml");
    let (text, _) = import(&docx, &yaml);
    let (want, got) = (tables(&sample), tables(&yaml));
    assert_eq!(want.len(), 2);
    assert_eq!(got.len(), 2, "{text}");
    for (got, want) in got.iter().zip(&want) {
        assert_eq!(got.rows, want.rows, "rows, spans, text\n{text}");
        assert_eq!(got.header_rows, want.header_rows);
        assert_eq!(got.caption, want.caption);
        assert_eq!(got.widths, want.widths);
    }
    // The 字号 and alignment the DOCX shows: the budget table's 3号 (the sample left it to
    // the layout, which chose 3号), and its integer-only 上级补助 column right-aligned (the
    // sample's 小数点 sets integers flush right; the imported YAML renders the same PDF bytes,
    // tests/import.rs).
    assert_eq!(got[0].size, want[0].size);
    assert_eq!(got[1].size, gongwen::model::CellSize::Three);
    assert_eq!(got[0].align, want[0].align);
    // What the clerk reads: spans as the sample wrote them, the 表题, the ratios.
    for line in [
        "- [{text: 序号, rowspan: 2}, {text: 工作任务, rowspan: 2}, {text: 责任分工, colspan: 2}, {text: 完成时限, rowspan: 2}]",
        "caption: （单位：万元）",
        "widths: [2, 12, 5, 6, 4]",
        "align: [居中, 左, 小数点, 小数点, 右, 左]",
        "- [{text: 合计, colspan: 2}, \"5,168.9\", \"2,288.9\", \"2,880\", \"\"]",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let r = render_into(&yaml, &dir);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        pdf_pages_text(&pdf).len(),
        pdf_pages_text(&dir.join("back.pdf")).len()
    );
}

/// A 通知 with a table in its 正文, as LibreOffice's flat ODF (converted to DOCX by it).
const FODT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="R" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="B" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="T1" style:family="table"><style:table-properties style:width="15.6cm" table:align="center"/></style:style>
<style:style style:name="T1.A" style:family="table-column"><style:table-column-properties style:column-width="1.56cm"/></style:style>
<style:style style:name="T1.B" style:family="table-column"><style:table-column-properties style:column-width="3.12cm"/></style:style>
<style:style style:name="T1.C" style:family="table-column"><style:table-column-properties style:column-width="4.68cm"/></style:style>
<style:style style:name="T1.D" style:family="table-column"><style:table-column-properties style:column-width="6.24cm"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="C">关于报送防汛联系人名单的通知</text:p>
<text:p>各村（社区）：</text:p>
<text:p>现将镇防汛联系人名单印发给你们，请保持通讯畅通。</text:p>
<text:p text:style-name="C">表1　防汛联系人名单</text:p>
<table:table table:name="T1" table:style-name="T1">
<table:table-column table:style-name="T1.A"/><table:table-column table:style-name="T1.B"/><table:table-column table:style-name="T1.C"/><table:table-column table:style-name="T1.D"/>
<table:table-header-rows>
<table:table-row>
<table:table-cell table:style-name="B" table:number-rows-spanned="2"><text:p text:style-name="C">序号</text:p></table:table-cell>
<table:table-cell table:style-name="B" table:number-rows-spanned="2"><text:p text:style-name="C">姓名</text:p></table:table-cell>
<table:table-cell table:style-name="B" table:number-columns-spanned="2"><text:p text:style-name="C">联系方式</text:p></table:table-cell>
<table:covered-table-cell/>
</table:table-row>
<table:table-row>
<table:covered-table-cell/><table:covered-table-cell/>
<table:table-cell table:style-name="B"><text:p text:style-name="C">电话</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p text:style-name="C">地址</text:p></table:table-cell>
</table:table-row>
</table:table-header-rows>
<table:table-row>
<table:table-cell table:style-name="B"><text:p text:style-name="C">1</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p>张三</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p text:style-name="R">1234567</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p>青山镇</text:p><text:p>人民路1号</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell table:style-name="B"><text:p text:style-name="C">2</text:p></table:table-cell>
<table:table-cell table:style-name="B" table:number-rows-spanned="2"><text:p>李四</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p text:style-name="R">2345678</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p>青山镇<text:line-break/>东街2号</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell table:style-name="B"><text:p text:style-name="C">3</text:p></table:table-cell>
<table:covered-table-cell/>
<table:table-cell table:style-name="B"><text:p text:style-name="R">3456789</text:p></table:table-cell>
<table:table-cell table:style-name="B"><text:p/></table:table-cell>
</table:table-row>
</table:table>
<text:p>特此通知。</text:p>
<text:p>青山镇人民政府</text:p>
<text:p>2024年6月1日</text:p>
</office:text></office:body></office:document>
"#;

/// The table's rows as the import writes them from LibreOffice's DOCX.
const LIBREOFFICE_TABLE: &str = "  - table:
      caption: 表1　防汛联系人名单
      header:
        - [{text: 序号, rowspan: 2}, {text: 姓名, rowspan: 2}, {text: 联系方式, colspan: 2}]
        - [电话, 地址]
      rows:
        - [\"1\", 张三, \"1234567\", \"青山镇\\n人民路1号\"]
        - [\"2\", {text: 李四, rowspan: 2}, \"2345678\", \"青山镇\\n东街2号\"]
        - [\"3\", \"3456789\", \"\"]
";

#[test]
fn another_tool_s_table_imports_at_its_place_with_spans_lines_widths_and_alignment() {
    let dir = scratch("import-tables-libreoffice");
    std::fs::write(dir.join("lianxi.fodt"), FODT).unwrap();
    let docx = libreoffice_docx(&dir, "lianxi.fodt");
    let (text, said) = import(&docx, &dir.join("lianxi.yaml"));
    // Between the 正文's paragraph and the closing; the centred 表1 line above it its 表题;
    // LibreOffice's widths 884 : 1769 : 2653 : 3538 twips as 1 : 2 : 3 : 4; 序号 centred, 电话
    // right, the others left.
    let table = format!(
        "  - 现将镇防汛联系人名单印发给你们，请保持通讯畅通。\n{LIBREOFFICE_TABLE}      widths: [1, 2, 3, 4]\n      align: [居中, 左, 右, 左]\nclosing: 特此通知。\n"
    );
    assert!(text.contains(&table), "{text}");
    assert!(!said.contains("表格1"), "nothing left out: {said}");
    // `check` of the same DOCX: its format findings are about the text's paragraphs, none
    // about the 表题 (paragraph 4) or a cell (5–24): a cell is no 正文 paragraph.
    let o = gongwen(&["check", docx.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(report.contains("lianxi.docx:27:1"), "the date: {report}");
    for n in 4..=24 {
        assert!(
            !report.contains(&format!("lianxi.docx:{n}:")),
            "{n}: {report}"
        );
    }
    let r = render_into(&dir.join("lianxi.yaml"), &dir);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // gongwen's DOCX of it (written over LibreOffice's) keeps to the format: its 表题 in 黑体
    // right above the table is no 正文 paragraph in the wrong face.
    let o = gongwen(&["check", docx.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(!report.contains("[GW7"), "{report}");
    // Each line of a cell on a line of its own in the PDF.
    let page = &common::pdf::read(&dir.join("lianxi.pdf"))[0];
    let lines: Vec<String> = page
        .lines()
        .iter()
        .map(|l| common::pdf::line_text(l))
        .collect();
    for line in ["青山镇", "人民路1号", "东街2号", "表1　防汛联系人名单"] {
        assert!(
            lines.iter().any(|l| l.ends_with(line)),
            "{line}:\n{lines:?}"
        );
    }
}

#[test]
fn word_and_wps_table_forms_import_and_what_cannot_come_along_is_named() {
    let dir = scratch("import-tables-wps");
    std::fs::write(dir.join("lianxi.fodt"), FODT).unwrap();
    let docx = libreoffice_docx(&dir, "lianxi.fodt");
    let wps = dir.join("wps.docx");
    // A sixth row: 王五 across two columns with a table and a picture in its cell, then a
    // `w:tc` with nothing in it.
    let row = "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"884\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>4</w:t></w:r></w:p></w:tc>\
        <w:tc><w:tcPr><w:tcW w:w=\"4422\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>王五(副组长),经费1,234.50元.</w:t></w:r><w:r><w:pict/></w:r></w:p>\
        <w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>备注甲</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>\
        <w:tc><w:tcPr><w:tcW w:w=\"3538\" w:type=\"dxa\"/></w:tcPr></w:tc></w:tr></w:tbl>";
    edit_docx(&docx, &wps, |xml| {
        let xml = xml
            .replace("<w:vMerge w:val=\"continue\"/>", "<w:vMerge/>")
            .replacen(
                "</w:tblGrid>",
                "<w:tblGridChange w:id=\"1\"><w:tblGrid><w:gridCol w:w=\"500\"/></w:tblGrid></w:tblGridChange></w:tblGrid>",
                1,
            );
        let end = xml.find("</w:tbl>").unwrap();
        format!("{}{row}{}", &xml[..end], &xml[end + "</w:tbl>".len()..])
    });
    let (text, said) = import(&wps, &dir.join("wps.yaml"));
    let rows = LIBREOFFICE_TABLE.to_owned()
        + "        - [\"4\", {text: \"王五（副组长），经费1,234.50元。\\n备注甲\", colspan: 2}, \"\"]\n";
    assert!(text.contains(&rows), "{text}");
    // Another tool's cells get the marks its paragraphs get; a number keeps its comma.
    for note in [
        "已把表格中 4 处半角标点改为全角",
        "表格1第6行第2格里套着一个表格：表格中不能再套表格，已把它的文字按行并入这一格。",
        "表格1第6行第2格有 1 个图片或对象，表格里不能放图片，未导入。",
    ] {
        assert!(said.contains(note), "{note}:\n{said}");
        assert!(text.contains(note), "the YAML says it too: {text}");
    }
    let r = render_into(&dir.join("wps.yaml"), &dir);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
}

#[test]
fn check_names_a_docx_table_s_ragged_row_and_the_cell_of_a_text_finding() {
    let dir = scratch("check-docx-tables");
    std::fs::write(dir.join("lianxi.fodt"), FODT).unwrap();
    let docx = libreoffice_docx(&dir, "lianxi.fodt");
    let ragged = dir.join("ragged.docx");
    // A sixth row of two cells in the four-column table; a half-width comma in 王五's cell.
    let row = "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"884\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc>\
        <w:tc><w:tcPr><w:tcW w:w=\"1769\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>王五,赵六</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    edit_docx(&docx, &ragged, |xml| xml.replacen("</w:tbl>", row, 1));
    let o = gongwen(&["check", ragged.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    let finding = |rule: &str| -> &str {
        report
            .split("\n\n")
            .find(|f| f.contains(rule))
            .unwrap_or_else(|| panic!("{rule} missing:\n{report}"))
    };
    // The row's place: the table, the row, and its first paragraph (the 25th of the file).
    let row = finding("[GW801]");
    assert!(
        row.contains("ragged.docx:25:1") && row.contains("表格1第6行只有 2 列，表格是 4 列"),
        "{row}"
    );
    assert!(row.contains("请在 Word 或 WPS 中补上漏掉的格"), "{row}");
    // The text rule on the cell's text, the cell named, the column in its paragraph.
    let comma = finding("[GW201]");
    assert!(
        comma.contains("ragged.docx:26:3") && comma.contains("表格1第6行第2格："),
        "{comma}"
    );
    // Its 序号 cells (1, 2, 3, 4) are no numbering of the 正文, and the cells' own text is
    // not counted as 正文 paragraphs twice.
    assert!(!report.contains("[GW103]"), "{report}");
    assert_eq!(report.matches("[GW201]").count(), 1, "{report}");
    // gongwen's own DOCX of the 分工表 sample: every row whole.
    let (ours, _) = render(
        &repo().join("samples/notice-task-table.yaml"),
        "check-docx-ours-table",
    );
    let o = gongwen(&["check", ours.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("[GW801]"));
}

#[test]
fn tables_in_a_section_and_a_forwarded_document_import_back_to_the_same_pdf() {
    let dir = scratch("import-tables-places");
    let source = dir.join("places.yaml");
    std::fs::write(
        &source,
        "kind: 通知
issuers:
  - name: 青山县人民政府办公室
recipients: [各乡镇人民政府]
title: 青山县人民政府办公室关于印发防汛工作方案的通知
body:
  - 现将方案印发给你们，请认真贯彻执行。
  - heading: 责任分工
    body:
      - 各单位按下表落实责任。
      - table:
          header:
            - [序号, 事项, 责任单位]
          rows:
            - [1, 巡查河道堤防, \"牵头：\\n县水利局\"]
            - [2, 转移危险区群众, 各乡镇人民政府]
          align: [居中, 左, 左]
      - 各单位要于每月底前报送进展。
closing: \"\"
date: 2024-06-18
forwarded:
  - title: 青山县防汛工作方案
    body:
      - 为做好防汛工作，制定本方案。
      - table:
          caption: 表1　物资储备
          header:
            - [{text: 物资, rowspan: 2}, {text: 数量, colspan: 2}]
            - [县级, 乡级]
          rows:
            - [编织袋, \"12,000\", \"3,000\"]
            - [救生衣, \"800\", \"200\"]
          widths: [3, 2, 2]
          align: [左, 右, 右]
      - 本方案自印发之日起施行。
",
    )
    .unwrap();
    let r = render_into(&source, &dir);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let back = scratch("import-tables-places-back");
    let yaml = back.join("places.yaml");
    let (text, _) = import(&dir.join("places.docx"), &yaml);
    let r = render_into(&yaml, &back);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(
        std::fs::read(dir.join("places.pdf")).unwrap()
            == std::fs::read(back.join("places.pdf")).unwrap(),
        "another PDF:\n{text}"
    );
    // Our DOCX keeps to the format: its 表题 in 黑体 and its 4号 cells are no 正文.
    let o = gongwen(&["check", dir.join("places.docx").to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(!report.contains("[GW7"), "{report}");
    // In the section's body, between its paragraphs; in the forwarded document with its 表题.
    assert!(
        text.contains(
            "      - 各单位按下表落实责任。\n      - table:\n          header:\n            - [序号, 事项, 责任单位]\n          rows:\n            - [\"1\", 巡查河道堤防, \"牵头：\\n县水利局\"]"
        ),
        "{text}"
    );
    assert!(
        text.contains("    body:\n      - 为做好防汛工作，制定本方案。\n      - table:\n          caption: 表1　物资储备"),
        "{text}"
    );
}

#[test]
fn a_table_without_rules_is_read_as_lines_of_the_text() {
    // Word users set the 署名 and date in a borderless table to place them: those are the
    // document's own lines, no table of the 正文.
    let dir = scratch("import-tables-layout-grid");
    let grid = "<table:table table:name=\"T2\"><table:table-column/>\
        <table:table-row><table:table-cell><text:p text:style-name=\"R\">青山镇人民政府</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell><text:p text:style-name=\"R\">2024年6月1日</text:p></table:table-cell></table:table-row>\
        </table:table>";
    let fodt = FODT.replace(
        "<text:p>青山镇人民政府</text:p>\n<text:p>2024年6月1日</text:p>",
        grid,
    );
    assert_ne!(fodt, FODT);
    std::fs::write(dir.join("grid.fodt"), fodt).unwrap();
    let docx = libreoffice_docx(&dir, "grid.fodt");
    let (text, _) = import(&docx, &dir.join("grid.yaml"));
    assert_eq!(text.matches("- table:").count(), 1, "{text}");
    assert!(text.contains("  - name: 青山镇人民政府\n"), "{text}");
    assert!(text.contains("date: 2024-06-01\n"), "{text}");
}
