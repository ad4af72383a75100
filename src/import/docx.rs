//! A DOCX's 公文: its paragraphs in order with their styles (gongwen's own style ids name the
//! role of each: 标题, 主送, 署名 …; another tool's DOCX falls back to the text recogniser),
//! the 版头's text boxes, the 版记's table rows, the seal pictures and the core properties
//! (dc:title, dc:creator = the 发文机关's full names, dc:subject = 文种).

use super::carried::{Forwarded, Start};
use super::recognise::{self, Mark, Outline, parse_date};
use super::table::{self, DocxTable, Maker, TableOutline, is_caption, place_tables, table_mark};
use crate::check::punct::fix_plain;
use crate::diag::{Diagnostic, Result};
use crate::model::{DocumentKind, MarkBodies, Sealing};
use std::io::Read;
use std::path::Path;

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
/// The largest part read from a package: a 公文's document.xml is far smaller.
const MAX_PART: u64 = 32 * 1024 * 1024;

/// One paragraph as the DOCX holds it.
pub struct Paragraph {
    /// Its place among all the document's paragraphs (text boxes included), from 0.
    pub index: usize,
    pub style: String,
    /// Text with `|` where a line break (`w:br`) stands and `\t` for tabs.
    pub text: String,
    /// Relationship ids of the pictures it anchors, in order.
    pictures: Vec<String>,
    /// Inside the 版头's text boxes.
    pub in_box: bool,
    /// Set on a new page (`w:pageBreakBefore`).
    pub new_page: bool,
    /// Centred (`w:jc w:val="center"`).
    pub centred: bool,
    /// Text runs (`w:r` with text) it holds: gongwen writes a run-in heading as a run of its
    /// own, a numbered paragraph (item) as one run.
    runs: usize,
    /// The body table it stands in (an index into [`Package::tables`]).
    pub table: Option<usize>,
}

/// The parts of a DOCX package a 公文 needs, read through size limits.
pub struct Package {
    pub document: String,
    pub styles: Option<String>,
    pub footers: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The body's tables (the 版记's aside), in order.
    pub tables: Vec<DocxTable>,
    /// dc:title, dc:creator, dc:subject (文种).
    title: Option<String>,
    creator: Option<String>,
    pub kind: Option<String>,
    /// The 成文日期 as written (a gongwen DOCX's 成文日期 paragraph).
    pub date: Option<String>,
    /// Relationship id → bytes of the picture.
    pictures: Vec<(String, Vec<u8>)>,
}

impl Package {
    /// Read the DOCX at `path`.
    pub fn open(path: &Path) -> Result<Package> {
        Package::read(path, &super::read_bounded(path)?)
    }

    fn read(path: &Path, bytes: &[u8]) -> Result<Package> {
        let fail = |what: String| {
            vec![
                Diagnostic::error(format!("无法读取 DOCX：{what}"))
                    .in_file(path)
                    .hint("请确认这是 Word 或 WPS 保存的 .docx 文件（不是 .doc 或 .wps）。"),
            ]
        };
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| fail(e.to_string()))?;
        let mut part = |name: &str| -> Option<Vec<u8>> {
            let entry = zip.by_name(name).ok()?;
            let mut buf = Vec::new();
            entry.take(MAX_PART).read_to_end(&mut buf).ok()?;
            Some(buf)
        };
        let text = |b: Option<Vec<u8>>| b.and_then(|b| String::from_utf8(b).ok());
        let document =
            text(part("word/document.xml")).ok_or_else(|| fail("缺少 word/document.xml".into()))?;
        let styles = text(part("word/styles.xml"));
        let footers: Vec<String> = (1..=8)
            .filter_map(|n| text(part(&format!("word/footer{n}.xml"))))
            .collect();
        let (title, creator, kind) = text(part("docProps/core.xml"))
            .map(|c| core_properties(&c))
            .unwrap_or_default();
        let targets = text(part("word/_rels/document.xml.rels"))
            .map(|r| relationships(&r))
            .unwrap_or_default();
        let pictures = targets
            .into_iter()
            .filter(|(_, t)| t.starts_with("media/"))
            .filter_map(|(id, t)| Some((id, part(&format!("word/{t}"))?)))
            .collect();
        let xml = roxmltree::Document::parse(&document).map_err(|e| fail(e.to_string()))?;
        let mut paragraphs = paragraphs(&xml);
        let tables = table::read(&xml, &paragraphs);
        for (t, table) in tables.iter().enumerate() {
            for &i in &table.paragraphs {
                paragraphs[i].table = Some(t);
            }
        }
        let date = paragraphs
            .iter()
            .find(|p| p.style == "GwDate")
            .map(|p| p.text.clone());
        Ok(Package {
            styles,
            footers,
            paragraphs,
            tables,
            title,
            creator,
            kind,
            date,
            pictures,
            document,
        })
    }
}

impl Package {
    /// gongwen's own DOCX names its paragraphs' roles in its styles.
    pub fn maker(&self) -> Maker {
        if self
            .paragraphs
            .iter()
            .any(|p| p.style.starts_with("Gw") || p.style == "Title")
        {
            Maker::Gongwen
        } else {
            Maker::Other
        }
    }

    /// Whether paragraph `i` is the 表题 right above a table: in gongwen's DOCX a centred 正文
    /// line (it sets no other centred), in another tool's a centred line that reads as one
    /// ([`is_caption`]).
    pub fn is_table_caption(&self, i: usize) -> bool {
        let Some(p) = self.paragraphs.get(i) else {
            return false;
        };
        let above = self
            .paragraphs
            .get(i + 1)
            .is_some_and(|next| next.table.is_some());
        above
            && p.table.is_none()
            && p.centred
            && match self.maker() {
                Maker::Gongwen => p.style == "Normal",
                Maker::Other => is_caption(&p.text),
            }
    }
}

/// A 公文 read from `bytes` of a DOCX: the outline, and the seal pictures (PNG bytes, in the
/// order of the 署名 they belong to).
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Outline, Vec<Vec<u8>>)> {
    let package = Package::read(path, bytes)?;
    let paras = &package.paragraphs;
    let maker = package.maker();
    // The 表题s, taken out of the flow into their tables.
    let mut captions = vec![None; package.tables.len()];
    for (i, p) in paras.iter().enumerate() {
        if package.is_table_caption(i)
            && let Some(t) = paras[i + 1].table
        {
            captions[t] = Some(p.text.replace('|', ""));
        }
    }
    let flow: Vec<&Paragraph> = paras
        .iter()
        .filter(|p| !p.in_box && !package.is_table_caption(p.index))
        .collect();
    let mut out = match maker {
        Maker::Gongwen => ours(&flow),
        Maker::Other => {
            // Another tool's DOCX: its text, line by line, a table as a line standing for it.
            let mut lines: Vec<String> = Vec::new();
            for p in flow {
                if let Some(t) = p.table {
                    if lines.last() != Some(&table_mark(t)) {
                        lines.push(table_mark(t));
                    }
                    continue;
                }
                let text = p.text.replace(['|', '\t'], "");
                if !text.trim().is_empty() {
                    lines.push(text);
                }
            }
            recognise::recognise(&lines)
        }
    };
    let mut tables: Vec<TableOutline> = package
        .tables
        .iter()
        .zip(captions)
        .map(|(t, caption)| TableOutline {
            caption,
            ..t.outline(maker)
        })
        .collect();
    if maker == Maker::Other {
        // Its tables' text gets the fixes its paragraphs get (recognise), with a note.
        let fixed: usize = tables.iter_mut().map(fix_marks).sum();
        if fixed > 0 {
            out.notes.push(format!(
                "已把表格中 {fixed} 处半角标点改为全角（与 gongwen fix 相同；汉字后的句点“.”改为句号“。”）。"
            ));
        }
    }
    place_tables(&mut out, tables);
    for t in &package.tables {
        out.notes.extend(t.left_out.iter().cloned());
    }
    if let Some(kind) = package.kind.as_deref().and_then(DocumentKind::from_name) {
        out.kind = Some(kind);
    }
    // The full names of the 发文机关; the 署名 may be shorter (规范化简称).
    match package.creator.clone().filter(|c| !c.is_empty()) {
        Some(creator) => out.issuers = creator.split('、').map(str::to_owned).collect(),
        None if out.issuers.is_empty() => out.issuers = out.signatures.clone(),
        None => {}
    }
    if out.title.is_none() {
        out.title = package.title.clone();
    }
    letterhead(paras, &mut out);
    let seals: Vec<Vec<u8>> = paras
        .iter()
        .filter(|p| p.style == "GwSignature")
        .flat_map(|p| p.pictures.iter())
        .filter_map(|id| package.pictures.iter().find(|(rid, _)| rid == id))
        .map(|(_, png)| png.clone())
        .collect();
    Ok((out, seals))
}

/// `table`'s caption and cells with half-width marks made full-width and a "." after a 汉字 a
/// 。, line by line; how many marks changed.
fn fix_marks(table: &mut TableOutline) -> usize {
    let fix = |text: &mut String| {
        let mut n = 0;
        let lines: Vec<String> = text
            .split('\n')
            .map(|line| {
                let (fixed, a) = fix_plain(line);
                let (fixed, b) = recognise::full_stops(&fixed);
                n += a + b;
                fixed
            })
            .collect();
        *text = lines.join("\n");
        n
    };
    let cells = table.header.iter_mut().chain(&mut table.rows).flatten();
    table.caption.iter_mut().map(fix).sum::<usize>()
        + cells.map(|c| fix(&mut c.text)).sum::<usize>()
}

/// Every `w:p` in document order (text boxes included, marked), with its style and text.
fn paragraphs(xml: &roxmltree::Document) -> Vec<Paragraph> {
    xml.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .enumerate()
        .map(|(index, p)| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or("Normal")
                .to_owned();
            let in_box = p.ancestors().any(|a| a.has_tag_name((W, "txbxContent")));
            let ppr = p.children().find(|n| n.has_tag_name((W, "pPr")));
            let property =
                |name: &str| ppr.and_then(|r| r.children().find(|n| n.has_tag_name((W, name))));
            let new_page = property("pageBreakBefore").is_some_and(|n| {
                n.attribute((W, "val"))
                    .is_none_or(|v| v != "0" && v != "false")
            });
            let centred = property("jc").and_then(|n| n.attribute((W, "val"))) == Some("center");
            let mut text = String::new();
            let mut pictures = Vec::new();
            let runs = p
                .children()
                .filter(|r| r.has_tag_name((W, "r")))
                .filter(|r| r.children().any(|t| t.has_tag_name((W, "t"))))
                .count();
            for n in p.descendants() {
                // A nested text box's paragraphs are paragraphs of their own.
                if !in_box && n.ancestors().any(|a| a.has_tag_name((W, "txbxContent"))) {
                    continue;
                }
                if n.has_tag_name((W, "t")) {
                    text.push_str(n.text().unwrap_or(""));
                } else if n.has_tag_name((W, "br")) {
                    text.push('|');
                } else if n.has_tag_name((W, "tab"))
                    && n.parent().is_some_and(|r| r.has_tag_name((W, "r")))
                {
                    text.push('\t');
                } else if n.has_tag_name((A, "blip"))
                    && let Some(id) = n.attribute((R, "embed"))
                {
                    pictures.push(id.to_owned());
                }
            }
            Paragraph {
                new_page,
                centred,
                runs,
                index,
                style,
                text,
                pictures,
                in_box,
                table: None,
            }
        })
        .collect()
}

/// dc:title, dc:creator, dc:subject.
fn core_properties(xml: &str) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return (None, None, None);
    };
    let get = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    (get("title"), get("creator"), get("subject"))
}

/// Relationship id → target, from document.xml.rels.
fn relationships(xml: &str) -> Vec<(String, String)> {
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            Some((
                n.attribute("Id")?.to_owned(),
                n.attribute("Target")?.to_owned(),
            ))
        })
        .collect()
}

/// A DOCX gongwen wrote: each paragraph's style says what it is. A title after another, or
/// after a 署名 or date, opens a forwarded document (印发、转发): its own title, byline, 主送,
/// 正文, 署名, date and 附件.
fn ours(flow: &[&Paragraph]) -> Outline {
    let mut starts = vec![0];
    let mut seen_end = false;
    for (i, p) in flow.iter().enumerate() {
        match p.style.as_str() {
            "Title"
                if seen_end
                    || flow[*starts.last().unwrap_or(&0)..i]
                        .iter()
                        .any(|q| q.style == "Title") =>
            {
                starts.push(i);
                seen_end = false;
            }
            "GwSignature" | "GwDate" => seen_end = true,
            _ => {}
        }
    }
    starts.push(flow.len());
    let mut out = part(&flow[starts[0]..starts[1]]);
    for w in starts[1..].windows(2) {
        let paras = &flow[w[0]..w[1]];
        // The centred, bracketed line right under the title.
        let byline = paras
            .get(1)
            .filter(|p| p.centred && p.style == "Normal")
            .and_then(|p| recognise::bracketed(&p.text));
        let skip = if byline.is_some() { 2 } else { 1 };
        let mut part = part(&paras[skip..]);
        out.forwarded.push(Forwarded {
            start: if paras[0].new_page {
                Start::NewPage
            } else {
                Start::RunOn
            },
            title: paras[0].text.clone(),
            byline,
            recipients: std::mem::take(&mut part.recipients),
            body: std::mem::take(&mut part.body),
            signatures: std::mem::take(&mut part.signatures),
            date: part.date,
            attachments: std::mem::take(&mut part.attachments),
        });
    }
    out
}

/// One document's paragraphs: the covering one's, or a forwarded one's after its title. A
/// table stands as a line of its own ([`table_mark`]).
fn part(flow: &[&Paragraph]) -> Outline {
    let mut out = Outline::default();
    let mut body: Vec<String> = Vec::new();
    // For each 正文 line: a numbered one-run paragraph is an item, whatever its sentences.
    let mut forms: Vec<Option<recognise::SectionForm>> = Vec::new();
    let mut attachment: Option<(String, Vec<String>)> = None;
    let mut blanks_before_signature = 0;
    let mut blanks = 0;
    let finish = |a: Option<(String, Vec<String>)>, out: &mut Outline| {
        if let Some((title, lines)) = a {
            let nodes = recognise::sections(&lines);
            out.attachments.push((title, nodes));
        }
    };
    for &p in flow {
        if let Some(t) = p.table {
            let mark = table_mark(t);
            match attachment.as_mut() {
                Some(a) if a.1.last() != Some(&mark) => a.1.push(mark),
                None if body.last() != Some(&mark) => {
                    body.push(mark);
                    forms.push(None);
                }
                _ => {}
            }
            continue;
        }
        let text = p.text.as_str();
        if text.is_empty() {
            blanks += 1;
            continue;
        }
        let had_blanks = std::mem::take(&mut blanks);
        match p.style.as_str() {
            "Title" => out.title = Some(text.to_owned()),
            "GwRecipients" => {
                out.recipients = text
                    .trim_end_matches('：')
                    .split('、')
                    .map(str::to_owned)
                    .collect();
            }
            "GwClosing" => out.closing = Some(text.to_owned()),
            "GwAttachmentNote" => {
                let name = text.strip_prefix("附件：").unwrap_or(text);
                let name = match name.split_once(' ') {
                    Some((n, rest)) if n.ends_with('.') => rest,
                    _ => name,
                };
                out.attachment_names.push(name.to_owned());
            }
            "GwSignature" => {
                if out.signatures.is_empty() {
                    blanks_before_signature = had_blanks;
                }
                out.signatures.extend(
                    text.split('\t')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
            }
            "GwDate" => out.date = parse_date(text),
            "GwNote" => {
                out.note = text
                    .strip_prefix('（')
                    .and_then(|t| t.strip_suffix('）'))
                    .map(str::to_owned);
            }
            "GwCopyTo" => {
                out.copy_to = text
                    .strip_prefix("抄送：")
                    .unwrap_or(text)
                    .trim_end_matches('。')
                    .split('，')
                    .map(str::to_owned)
                    .collect();
            }
            "GwImprint" => {
                if let Some((printer, date)) = text.split_once('\t') {
                    out.printer = (!printer.is_empty()).then(|| printer.to_owned());
                    out.print_date = date.strip_suffix("印发").and_then(parse_date);
                }
            }
            "GwAttachmentLabel" => {
                finish(attachment.take(), &mut out);
                attachment = Some((String::new(), Vec::new()));
            }
            "GwAttachmentTitle" => {
                if let Some(a) = attachment.as_mut() {
                    a.0 = text.replace('|', "");
                }
            }
            _ => {
                if let Some(list) = attendance(text) {
                    out.attendance.push(list);
                } else if let Some(a) = attachment.as_mut() {
                    a.1.push(text.to_owned());
                } else {
                    body.push(text.to_owned());
                    let item = p.runs == 1 && p.style == "Normal";
                    forms.push(item.then_some(recognise::SectionForm::Item));
                }
            }
        }
    }
    finish(attachment, &mut out);
    out.sealing = Some(
        if blanks_before_signature >= crate::gbt9704::LINES_BEFORE_SEALED_SIGNATURE {
            Sealing::Seal
        } else {
            Sealing::NoSeal
        },
    );
    out.body = recognise::sections_with(&body, &forms);
    out
}

/// 出席：…, 请假：…, 列席：… (纪要).
fn attendance(text: &str) -> Option<(String, Vec<String>)> {
    ["出席", "请假", "列席"].into_iter().find_map(|label| {
        let names = text.strip_prefix(label)?.strip_prefix('：')?;
        Some((
            label.to_owned(),
            names.split('、').map(str::to_owned).collect(),
        ))
    })
}

/// The 版头's text boxes: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人.
fn letterhead(paras: &[Paragraph], out: &mut Outline) {
    let boxes: Vec<&str> = paras
        .iter()
        .filter(|p| p.in_box)
        .map(|p| p.text.as_str())
        .collect();
    if boxes.is_empty() {
        return;
    }
    let mut head = recognise::Letterhead {
        mark: Mark::Names,
        ..Default::default()
    };
    let mut signers = false;
    // The issuing bodies whose name stands in a box, alone or with the 标志's suffix.
    let shown = |n: &String| {
        boxes.iter().any(|t| {
            t.trim()
                .strip_prefix(n.as_str())
                .is_some_and(|rest| ["", "文件", "令", "命令"].contains(&rest))
        })
    };
    let own_mark = !matches!(out.kind, Some(DocumentKind::Letter | DocumentKind::Minutes));
    if let [host, others @ ..] = out.issuers.as_slice()
        && own_mark
        && !others.is_empty()
        && shown(host)
        && !others.iter().any(shown)
    {
        head.mark_bodies = MarkBodies::Host;
    }
    for text in boxes {
        let t = text.trim();
        if t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
            head.copy_number = Some(t.to_owned());
        } else if t == "特急" || t == "加急" {
            head.urgency = Some(t.to_owned());
        } else if t.contains("密") && t.chars().count() <= 12 {
            head.secrecy = Some(t.to_owned());
        } else if t.contains('〔') && t.ends_with('号') {
            out.doc_number = Some(t.to_owned());
        } else if t.starts_with("签发人") {
            signers = true;
        } else if signers {
            head.signers.extend(t.split('　').map(str::to_owned));
        } else if t.ends_with("文件") {
            head.mark = Mark::File;
        } else if let Some(date) = parse_date(t) {
            // 纪要格式: the date under the 标志.
            out.date = out.date.or(Some(date));
        } else if out.kind == Some(DocumentKind::Minutes)
            && out.signatures.is_empty()
            && out.title.as_deref() != Some(t)
        {
            // 纪要格式: the 主办机关 under the 标志, as it signs.
            out.signatures.push(t.to_owned());
        }
    }
    out.letterhead = Some(head);
}
