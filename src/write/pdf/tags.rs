//! The structure tree of a tagged PDF (PDF/A-2a, `--pdf-standard a-2a`): each paragraph of the
//! layout one element in reading order — the 版头's lines, then every paragraph by its index —
//! 标题 as `Title`, headings as `H1`–`H4`, the rest `P`, a seal a `Figure`, a table a `Table`
//! of `TR` rows with `TH`/`TD` cells at its own paragraph's place; page numbers, rules and the
//! header rows a table repeats on later pages are artifacts. Built from the items' origins only: the layout decided all of it.

use crate::compose::Role;
use crate::layout::{Item, Origin, Pages};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use std::collections::BTreeMap;
use std::num::NonZeroU16;

/// The marked content of one paragraph.
#[derive(Default)]
struct Marked {
    figures: Vec<Identifier>,
    spans: Vec<Identifier>,
}

/// A table cell: (table, row, first column).
type CellKey = (usize, usize, usize);

/// Marks each drawn item and remembers where it belongs; does nothing for an untagged PDF.
pub struct Tagger {
    tagged: bool,
    letterhead: Vec<Identifier>,
    paragraphs: BTreeMap<usize, Marked>,
    /// Each cell's marked content, and the page it was first drawn on.
    cells: BTreeMap<CellKey, (usize, Vec<Identifier>)>,
}

impl Tagger {
    pub fn new(tagged: bool) -> Self {
        Tagger {
            tagged,
            letterhead: Vec::new(),
            paragraphs: BTreeMap::new(),
            cells: BTreeMap::new(),
        }
    }

    /// Begin `item`'s marked content on page `page` (end it with [`Tagger::end`]).
    pub fn start(&mut self, surface: &mut Surface, item: &Item, page: usize) {
        if !self.tagged {
            return;
        }
        let artifact = |kind| ContentTag::Artifact(Artifact::with_kind(kind));
        let tag = match item {
            Item::Text(line) if line.origin == Origin::Folio => artifact(ArtifactType::PageNumber),
            Item::Text(line) if self.repeated(line.origin, page) => {
                artifact(ArtifactType::PaginationOther)
            }
            Item::Text(_) => ContentTag::Span(SpanTag::empty()),
            Item::Rule(_) | Item::Line(_) => artifact(ArtifactType::Layout),
            Item::Image(_) => ContentTag::Other,
        };
        let id = surface.start_tagged(tag);
        let origin = match item {
            Item::Text(line) => line.origin,
            Item::Image(image) => image.origin,
            Item::Rule(_) | Item::Line(_) => return,
        };
        match (origin, item) {
            (Origin::Letterhead, Item::Text(_)) => self.letterhead.push(id),
            (Origin::Paragraph(p), Item::Image(_)) => {
                self.paragraphs.entry(p).or_default().figures.push(id)
            }
            (Origin::Paragraph(p), _) => self.paragraphs.entry(p).or_default().spans.push(id),
            (Origin::Cell { table, row, column }, Item::Text(line))
                if !self.repeated(line.origin, page) =>
            {
                self.cells
                    .entry((table, row, column))
                    .or_insert((page, Vec::new()))
                    .1
                    .push(id)
            }
            _ => {}
        }
    }

    /// Whether `origin` is a table cell already drawn on an earlier page: a header row the
    /// layout repeats.
    fn repeated(&self, origin: Origin, page: usize) -> bool {
        match origin {
            Origin::Cell { table, row, column } => self
                .cells
                .get(&(table, row, column))
                .is_some_and(|(first, _)| *first != page),
            _ => false,
        }
    }

    pub fn end(&self, surface: &mut Surface) {
        if self.tagged {
            surface.end_tagged();
        }
    }

    /// The structure tree, for a tagged PDF.
    pub fn tree(self, pages: &Pages) -> Option<TagTree> {
        if !self.tagged {
            return None;
        }
        let mut tree = TagTree::new().with_lang(Some("zh-CN".to_owned()));
        for id in self.letterhead {
            tree.push(TagGroup::with_children(Tag::P, vec![Node::Leaf(id)]));
        }
        let mut paragraphs = self.paragraphs;
        for table in &pages.tables {
            paragraphs.entry(table.paragraph).or_default();
        }
        let mut cells = self.cells;
        for (p, marked) in paragraphs {
            if let Some(t) = pages.tables.iter().position(|t| t.paragraph == p) {
                tree.push(table(&pages.tables[t], t, &mut cells));
            }
            for id in marked.figures {
                tree.push(TagGroup::with_children(
                    Tag::Figure(Some("印章".to_owned())),
                    vec![Node::Leaf(id)],
                ));
            }
            if marked.spans.is_empty() {
                continue;
            }
            let kind: TagKind = match pages.paragraphs[p].role {
                Role::Title | Role::AttachmentTitle => Tag::Title.into(),
                Role::Heading(level) => {
                    let text: String = pages.paragraphs[p]
                        .runs
                        .iter()
                        .map(|r| r.text.as_str())
                        .collect();
                    Tag::Hn(
                        NonZeroU16::new(level.into()).unwrap_or(NonZeroU16::MIN),
                        Some(text),
                    )
                    .into()
                }
                _ => Tag::P.into(),
            };
            tree.push(TagGroup::with_children(
                kind,
                marked.spans.into_iter().map(Node::Leaf).collect(),
            ));
        }
        Some(tree)
    }
}

/// A table's `Table` element: a `TR` per row, a `TH` (header rows) or `TD` per cell that holds
/// text.
fn table(
    layout: &crate::layout::TableLayout,
    index: usize,
    cells: &mut BTreeMap<CellKey, (usize, Vec<Identifier>)>,
) -> TagGroup {
    let rows = layout
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .cells
                .iter()
                .filter_map(|cell| {
                    let (_, ids) = cells.remove(&(index, r, cell.column))?;
                    let leaves = ids.into_iter().map(Node::Leaf).collect();
                    let kind: TagKind = if r < layout.header_rows {
                        Tag::TH(TableHeaderScope::Column).into()
                    } else {
                        Tag::TD.into()
                    };
                    Some(Node::Group(TagGroup::with_children(kind, leaves)))
                })
                .collect();
            Node::Group(TagGroup::with_children(Tag::TR, cells))
        })
        .collect();
    TagGroup::with_children(Tag::Table, rows)
}
