//! Stage 4, layout: the only place positions are decided. Sets the composed tree on the
//! 22 × 28 grid, paginates once, and emits [`Pages`]: each page's rows (the paragraphs that
//! flow on it, for DOCX) and its drawing (glyphs, rules and pictures at fixed places, for PDF),
//! every item naming the paragraph it came from — following GB/T 9704 ([`crate::gbt9704`]).

mod attachments;
mod attendance;
pub mod bounds;
mod engine;
mod folio;
pub mod fonts;
mod forwarded;
mod imprint;
mod letterhead;
mod linebreak;
pub mod pages;
mod paginate;
mod setting;
mod signature;
mod table;
mod title;
mod turn;
mod words;

pub use crate::compose::Role;
pub use bounds::Overflow;
pub use fonts::{FontOptions, FontRole, FontSet};
pub use letterhead::Crowded;
pub use pages::{
    Affine, Align, Color, FaceData, FlowImage, FlowRun, Frame, Glyph, Image, ImprintLayout,
    ImprintRule, Item, Keep, LetterheadLayout, LetterheadLine, Line, Origin, OutlineEntry, Page,
    PageNumberSetup, PageSetup, PageStart, Pages, Paragraph, Row, RowMerge, Rule, TabStop,
    TableCell, TableLayout, TableRow, TextLine,
};
pub use table::share_out;

use crate::compose::{
    Composed, Imprint, ImprintPage, ImprintRules, Labelled, Recipients, RecipientsPlace,
};
use crate::diag::Diagnostic;
use crate::gbt9704 as std_;
use crate::length::Length;
use engine::{Engine, SlotLine};
use fonts::Metrics;
use paginate::Slot;

/// Where a CJK face's baseline sits in its em box: 880/1000 of the size below the top
/// (the ideographic em box of CJK fonts runs from −120 to 880 units).
const EM_BOX_ASCENT_PER_MILLE: i64 = 880;

/// Every drawn item of `pages` that leaves the paper, or text that leaves the 版心 where the
/// standard does not put it, as an error (see [`bounds`]).
pub fn overflow(pages: &Pages, fonts: &FontSet) -> Vec<Overflow> {
    bounds::check(&Metrics::new(fonts), pages)
}

/// Every drawn character whose face would print it as nothing (see
/// [`fonts::Metrics::undrawable`]), as an error naming the font file.
pub fn undrawable(pages: &Pages, fonts: &FontSet) -> Vec<Diagnostic> {
    let used = pages
        .pages
        .iter()
        .flat_map(Page::drawn)
        .filter_map(|item| match item {
            Item::Text(line) => Some(line),
            _ => None,
        })
        .flat_map(|line| line.glyphs.iter().map(|g| (g.face, g.ch)));
    Metrics::new(fonts).undrawable(used)
}

/// Lay the document out. Warnings (characters no font has) come back beside the pages.
pub fn layout(doc: &Composed, fonts: &FontSet) -> (Pages, Vec<Diagnostic>) {
    let metrics = Metrics::new(fonts);
    let mut engine = Engine::new(&metrics);

    // Set every part on the grid, in reading order. The 版头 takes the top of page 1.
    let letterhead = doc
        .letterhead
        .as_ref()
        .map(|h| letterhead::set(&metrics, h));
    if let Some(head) = &letterhead {
        for _ in 0..head.rows {
            engine.blank();
        }
    }
    if let Some(title) = &doc.title {
        engine.title(title, doc.adoption.as_ref());
    }
    let recipients_in_imprint = doc
        .recipients
        .as_ref()
        .and_then(|r| recipients(&mut engine, r, doc.imprint.as_ref()))
        .cloned();
    engine.blocks(&doc.body);
    engine.blocks(doc.closing.as_slice());
    if let Some(note) = &doc.attachment_note {
        engine.attachment_note(note);
    }
    engine.attendance(&doc.attendance);
    if let Some(signature) = &doc.signature {
        engine.signature(signature);
    }
    for part in &doc.attachments {
        engine.attachment(part);
    }
    for part in &doc.forwarded {
        engine.forwarded(part);
    }
    // The 版记 is set apart for the foot of the last page; 主送机关 moved there stand first.
    let imprint = with_recipients(doc.imprint.as_ref(), recipients_in_imprint);
    let imprint = imprint
        .as_ref()
        .map(|i| (imprint::set(&metrics, i, &mut engine.paragraphs), i.page));

    // Fill pages of 22 lines, then put the 版记 at the foot of the last page.
    let Engine {
        slots,
        paragraphs,
        outline: marks,
        mut warnings,
        tables,
        ..
    } = engine;
    let mut paged: Vec<PageSlots> = paginate::paginate(slots)
        .into_iter()
        .enumerate()
        .map(|(i, (slots, started_early))| PageSlots {
            slots,
            start: match (i, started_early) {
                (0, _) => PageStart::First,
                (_, true) => PageStart::Break,
                (_, false) => PageStart::Overflow,
            },
            imprint: false,
            numbered: true,
        })
        .collect();
    if let Some((imprint, page)) = &imprint {
        place_imprint(&mut paged, imprint.rows, *page);
    }
    // 信函格式: 首页不显示页码 (GB/T 9704 §10.1).
    let letter = matches!(
        doc.letterhead.as_ref().map(|h| &h.format),
        Some(crate::compose::LetterheadFormat::Letter { .. })
    );
    if letter && let Some(first) = paged.first_mut() {
        first.numbered = false;
    }

    // Place every line on its page; number the pages; mark the outline.
    let mut outline = Vec::new();
    let mut letterhead = letterhead.map(|h| h.layout);
    let pages = paged
        .iter()
        .enumerate()
        .map(|(i, page)| {
            for (row, slot) in page.slots.iter().enumerate() {
                if !slot.line.as_ref().is_some_and(|l| l.first_of_paragraph) {
                    continue;
                }
                if let Some((_, level, title)) = marks.iter().find(|m| m.0 == slot.paragraph) {
                    outline.push(OutlineEntry {
                        level: *level,
                        title: title.clone(),
                        page: i,
                        y: std_::TYPE_AREA_TOP + std_::LINE_PITCH * row as i64,
                    });
                }
            }
            let number = page.numbered.then_some(i as u32 + 1);
            Page {
                number,
                start: page.start,
                rows: page
                    .slots
                    .iter()
                    .map(|s| Row {
                        paragraph: s.paragraph,
                        first: s.line.as_ref().is_none_or(|l| l.first_of_paragraph),
                    })
                    .collect(),
                items: place_page(&page.slots),
                letterhead: if i == 0 { letterhead.take() } else { None },
                imprint: page
                    .imprint
                    .then(|| imprint.as_ref().map(|(i, _)| i.layout()))
                    .flatten(),
                folio: number.map(|n| Item::Text(folio::page_number(&metrics, n))),
                frame: page.frame(),
            }
        })
        .collect::<Vec<_>>();

    warnings.extend(metrics.missing.borrow().iter().map(|c| {
        Diagnostic::warning(format!(
            "字符「{c}」（U+{:04X}）在所有可用字体中都没有字形，将显示为空框。",
            *c as u32
        ))
        .hint("请安装含该字的字体（如思源宋体/Noto Serif CJK），或改用常用字。")
    }));
    let pages = Pages {
        setup: folio::page_setup(),
        metadata: doc.metadata.clone(),
        faces: fonts
            .faces
            .iter()
            .map(|f| FaceData {
                family: f.family.clone(),
                index: f.index,
                data: f.data.clone(),
            })
            .collect(),
        paragraphs,
        pages,
        outline,
        tables,
    };
    (pages, warnings)
}

/// 主送机关 under the title — unless the clerk put them in the 版记, or they are so many that
/// page 1 would show no 正文 (GB/T 9704 §7.3.2: 公文首页必须显示正文); then they are taken
/// back out and the 版记 line is returned, with a warning when the move was not asked for.
/// A 版记 taller than a page cannot be set, so they stay under the title then, with a warning.
fn recipients<'r>(
    engine: &mut Engine,
    r: &'r Recipients,
    imprint: Option<&Imprint>,
) -> Option<&'r Labelled> {
    let candidate = with_recipients(imprint, Some(r.imprint.clone()))?;
    let fits =
        imprint::set(engine.metrics, &candidate, &mut Vec::new()).rows <= std_::LINES_PER_PAGE;
    if r.place == RecipientsPlace::Imprint && fits {
        return Some(&r.imprint);
    }
    let (slots, paragraphs) = (engine.slots.len(), engine.paragraphs.len());
    engine.recipients(&r.heading);
    // The 正文's first line needs a grid line of page 1 after them.
    if engine.slots.len() < std_::LINES_PER_PAGE {
        return None;
    }
    if !fits {
        engine.warnings.push(
            Diagnostic::warning("主送机关过多：首页容不下正文，移至版记也超过一页，只得留在标题下。")
                .hint("GB/T 9704 §7.3.2 要求公文首页显示正文；请精简主送机关（如“各乡镇人民政府，县政府各部门”）。"),
        );
        return None;
    }
    engine.slots.truncate(slots);
    engine.paragraphs.truncate(paragraphs);
    engine.warnings.push(
        Diagnostic::warning("主送机关过多，首页容不下正文，已移至版记（抄送之上）。")
            .hint("GB/T 9704 §7.3.2：主送机关名称过多导致公文首页不能显示正文时，应当将主送机关名称移至版记。")
            .hint("不想移动时请精简主送机关（如“各乡镇人民政府，县政府各部门”）。"),
    );
    Some(&r.imprint)
}

/// The 版记 with the 主送机关 moved into it: the clerk's, or a ruled one of its own.
fn with_recipients(imprint: Option<&Imprint>, recipients: Option<Labelled>) -> Option<Imprint> {
    match (imprint, recipients) {
        (Some(i), recipients @ Some(_)) => Some(Imprint {
            recipients,
            ..i.clone()
        }),
        (Some(i), None) => Some(i.clone()),
        (None, recipients @ Some(_)) => Some(Imprint {
            recipients,
            copy_to: None,
            printer: None,
            print_date: None,
            rules: ImprintRules::Ruled,
            page: ImprintPage::Even,
        }),
        (None, None) => None,
    }
}

/// A page before placement: its grid lines and what else it carries.
struct PageSlots {
    slots: Vec<Slot<SlotLine>>,
    start: PageStart,
    /// Carries the 版记 at its foot.
    imprint: bool,
    /// Shows a page number (blank pages and a 版记 page after one do not, §7.5).
    numbered: bool,
}

impl PageSlots {
    /// The frame its lines are set in (pagination never mixes two on a page).
    fn frame(&self) -> Frame {
        self.slots.first().map_or(Frame::Upright, |s| s.frame)
    }
}

/// The 版记 goes on the last page if it fits under the text and, when it must, the page is
/// even (printed on the back of the sheet, spec digest §6.2); otherwise on a page of its own —
/// after a blank page when that is what makes it even, and then neither page is numbered (§7.5).
fn place_imprint(paged: &mut Vec<PageSlots>, rows: usize, page: ImprintPage) {
    let even_page = page == ImprintPage::Even;
    let last = paged.len();
    // Never on a turned page: the 版记 stands upright at the sheet's foot.
    let fits = paged.last().is_some_and(|p| {
        p.frame() == Frame::Upright && p.slots.len() + rows <= std_::LINES_PER_PAGE
    });
    if fits && (!even_page || last.is_multiple_of(2)) {
        if let Some(p) = paged.last_mut() {
            p.imprint = true;
        }
        return;
    }
    let blank_first = even_page && !(last + 1).is_multiple_of(2);
    if blank_first {
        paged.push(PageSlots {
            slots: Vec::new(),
            start: PageStart::Break,
            imprint: false,
            numbered: false,
        });
    }
    paged.push(PageSlots {
        slots: Vec::new(),
        start: PageStart::Break,
        imprint: true,
        numbered: !blank_first,
    });
}

/// Baseline of a line of `size` on grid line `row` (0-based) of the 版心: the em box centred
/// in the line.
fn baseline(row: usize, size: Length) -> Length {
    std_::TYPE_AREA_TOP
        + std_::LINE_PITCH * row as i64
        + (std_::LINE_PITCH - size).div_round(2)
        + (size * EM_BOX_ASCENT_PER_MILLE).div_round(1000)
}

fn place_page(slots: &[Slot<SlotLine>]) -> Vec<Item> {
    // Seals first, so the 署名 and date print over them.
    let seals = slots.iter().enumerate().flat_map(|(row, slot)| {
        let top = std_::TYPE_AREA_TOP + std_::LINE_PITCH * row as i64;
        slot.line.iter().flat_map(move |line| {
            line.images.iter().map(move |i| {
                Item::Image(Image {
                    x: std_::TYPE_AREA_LEFT + i.x,
                    y: top + i.y,
                    width: i.width,
                    height: i.height,
                    image: i.image.clone(),
                    origin: Origin::Paragraph(slot.paragraph),
                })
            })
        })
    });
    // Table rules and cell text, placed relative to their grid line.
    let drawn = slots.iter().enumerate().flat_map(|(row, slot)| {
        let top = std_::TYPE_AREA_TOP + std_::LINE_PITCH * row as i64;
        slot.line
            .iter()
            .flat_map(|l| &l.drawing)
            .map(move |item| item.clone().shifted(std_::TYPE_AREA_LEFT, top))
    });
    let text = slots.iter().enumerate().filter_map(|(row, slot)| {
        let line = slot.line.as_ref()?;
        if line.glyphs.is_empty() && !line.drawing.is_empty() {
            return None;
        }
        Some(Item::Text(TextLine::set(
            &line.glyphs,
            std_::TYPE_AREA_LEFT,
            baseline(row, line.size),
            line.size,
            Origin::Paragraph(slot.paragraph),
        )))
    });
    seals.chain(text).chain(drawn).collect()
}
