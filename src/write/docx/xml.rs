//! A small XML writer: elements come out in the order they are written and attributes in the
//! order given, so every part we write keeps the schema's element order (ECMA-376 Part 1).

/// An XML document being written.
pub struct Xml(String);

/// One attribute: name and value (escaped when written).
pub type Attr<'a> = (&'a str, String);

/// An attribute from anything printable.
pub fn a(name: &str, value: impl ToString) -> Attr<'_> {
    (name, value.to_string())
}

impl Xml {
    /// A new part, starting with the XML declaration Word writes.
    pub fn new() -> Self {
        Xml(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.to_owned())
    }

    fn tag(&mut self, name: &str, attrs: &[Attr]) {
        self.0.push('<');
        self.0.push_str(name);
        for (k, v) in attrs {
            self.0.push(' ');
            self.0.push_str(k);
            self.0.push_str("=\"");
            escape_into(&mut self.0, v, true);
            self.0.push('"');
        }
    }

    pub fn open(&mut self, name: &str, attrs: &[Attr]) -> &mut Self {
        self.tag(name, attrs);
        self.0.push('>');
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[Attr]) -> &mut Self {
        self.tag(name, attrs);
        self.0.push_str("/>");
        self
    }

    pub fn close(&mut self, name: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    /// `<name attrs>text</name>`.
    pub fn text_element(&mut self, name: &str, attrs: &[Attr], text: &str) -> &mut Self {
        self.open(name, attrs);
        escape_into(&mut self.0, text, false);
        self.close(name)
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0.into_bytes()
    }
}

fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut x = Xml(String::new());
        x.open("w:p", &[a("w:val", "a\"<&")])
            .text_element("w:t", &[], "1 < 2 & \"3\"")
            .close("w:p");
        assert_eq!(
            String::from_utf8(x.into_bytes()).unwrap(),
            r#"<w:p w:val="a&quot;&lt;&amp;"><w:t>1 &lt; 2 &amp; "3"</w:t></w:p>"#
        );
    }
}
