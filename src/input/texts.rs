//! 文字清单 — every text value of the file with its place: the key it stands under and the exact
//! bytes of the file it was read from. The checker reads text through it, whatever the field, and
//! `gongwen fix` edits the file at these places, so comments and layout stay as they were.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// One text (string) value of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextValue {
    /// The mapping key it stands under (`text`, `heading`, `points`, `body`, `date` …); for an
    /// item of a list, the list's key (a table cell's, written `{text: …}` or not: `rows`, `header`).
    pub key: String,
    /// The value as YAML reads it (escapes resolved, lines folded).
    pub value: String,
    /// 1-based line and column (in characters) where the value starts.
    pub line: usize,
    pub column: usize,
    /// The byte range of the value in the file's text, quotes and block lines included.
    pub start: usize,
    pub end: usize,
}

impl TextValue {
    /// The value as written in the file.
    pub fn raw<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// Every text value of `text`, in file order. `text` must already parse as YAML (the draft did).
pub fn collect(
    text: &str,
    options: serde_saphyr::Options,
) -> Result<Vec<TextValue>, serde_saphyr::Error> {
    let root: Spanned<Node> = serde_saphyr::from_str_with_options(text, options)?;
    let mut out = Vec::new();
    walk(&root, "", &mut out);
    Ok(out)
}

fn walk(node: &Spanned<Node>, key: &str, out: &mut Vec<TextValue>) {
    match &node.value {
        Node::Text(value) => {
            let span = node.referenced.span();
            let start = span.byte_offset().unwrap_or(0) as usize;
            let len = span.byte_len().unwrap_or(0) as usize;
            out.push(TextValue {
                key: key.to_owned(),
                value: value.clone(),
                line: node.referenced.line() as usize,
                column: node.referenced.column() as usize,
                start,
                end: start + len,
            });
        }
        Node::List(items) => items.iter().for_each(|i| walk(i, key, out)),
        Node::Map(entries) => {
            for (k, v) in entries {
                // A table cell written `{text: …}` stands under its row list's key, as a bare
                // cell does: cell text, not a paragraph.
                let k = match (k.as_str(), key) {
                    ("text", "rows" | "header") => key,
                    _ => k,
                };
                walk(v, k, out);
            }
        }
        Node::Other => {}
    }
}

/// A YAML node with only what the checker needs: texts, lists, mappings with text keys.
enum Node {
    Text(String),
    List(Vec<Spanned<Node>>),
    Map(Vec<(String, Spanned<Node>)>),
    /// Numbers, booleans, nulls, and keys that are not text.
    Other,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// A mapping key: its text, or nothing for a key that is a number or a structure.
struct Key(Option<String>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Node::deserialize(deserializer)? {
            Node::Text(k) => Ok(Key(Some(k))),
            _ => Ok(Key(None)),
        }
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key.unwrap_or_default(), value));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_with_key_and_exact_bytes() {
        let src = "kind: 报告  # 文种\nseal: true\nbody:\n  - \"甲,\\x41\"\n  - heading: 乙\n    points: [丙, 丁]\n";
        let texts = collect(src, serde_saphyr::Options::default()).unwrap();
        let got: Vec<(&str, &str, usize, usize, &str)> = texts
            .iter()
            .map(|t| {
                (
                    t.key.as_str(),
                    t.value.as_str(),
                    t.line,
                    t.column,
                    t.raw(src),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("kind", "报告", 1, 7, "报告"),
                ("body", "甲,A", 4, 5, "\"甲,\\x41\""),
                ("heading", "乙", 5, 14, "乙"),
                ("points", "丙", 6, 14, "丙"),
                ("points", "丁", 6, 17, "丁"),
            ]
        );
    }
}
