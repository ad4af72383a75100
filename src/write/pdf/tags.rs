//! The structure tree of a tagged PDF (PDF/A-2a, `--pdf-standard a-2a`): each paragraph of the
//! layout one element in reading order — the 版头's lines, then every paragraph by its index —
//! 标题 as `Title`, headings as `H1`–`H4`, the rest `P`, a seal a `Figure`; page numbers and
//! rules are artifacts. Built from the items' origins only: the layout decided all of it.

use crate::compose::Role;
use crate::layout::{Item, Origin, Pages};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use std::collections::BTreeMap;
use std::num::NonZeroU16;

/// The marked content of one paragraph.
#[derive(Default)]
struct Marked {
    figures: Vec<Identifier>,
    spans: Vec<Identifier>,
}

/// Marks each drawn item and remembers where it belongs; does nothing for an untagged PDF.
pub struct Tagger {
    tagged: bool,
    letterhead: Vec<Identifier>,
    paragraphs: BTreeMap<usize, Marked>,
}

impl Tagger {
    pub fn new(tagged: bool) -> Self {
        Tagger {
            tagged,
            letterhead: Vec::new(),
            paragraphs: BTreeMap::new(),
        }
    }

    /// Begin `item`'s marked content (end it with [`Tagger::end`]).
    pub fn start(&mut self, surface: &mut Surface, item: &Item) {
        if !self.tagged {
            return;
        }
        let artifact = |kind| ContentTag::Artifact(Artifact::with_kind(kind));
        let tag = match item {
            Item::Text(line) if line.origin == Origin::Folio => artifact(ArtifactType::PageNumber),
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
            _ => {}
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
        for (p, marked) in self.paragraphs {
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
