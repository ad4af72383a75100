//! The face names the DOCX gives Word and WPS, and `word/fontTable.xml` with the fallbacks a
//! machine without the official face uses (`w:altName`).

use super::xml::{Xml, a};
use crate::layout::FontRole;

/// Which names the body and 楷体 faces go by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FontNames {
    /// 仿宋_GB2312 and 楷体_GB2312: what most offices' rules ask for and have installed.
    #[default]
    Gb2312,
    /// 仿宋 and 楷体: the faces Windows ships since Windows Vista (GB/T 9704 itself says 仿宋体).
    Plain,
}

/// How one face is named in the file.
pub struct FaceName {
    pub name: &'static str,
    /// Comma-separated alternatives, tried when `name` is not installed (ECMA-376 §17.8.3.1).
    pub alt: &'static str,
    /// `w:family`: Word's generic family for substitution.
    pub family: &'static str,
    /// `w:pitch`.
    pub pitch: &'static str,
}

impl FontNames {
    pub fn face(self, role: FontRole) -> FaceName {
        let (name, alt, family, pitch) = match (role, self) {
            (FontRole::Title, _) => (
                role.official_name(),
                "方正小标宋_GBK,FZXiaoBiaoSong-B05S,小标宋",
                "roman",
                "variable",
            ),
            (FontRole::Body, FontNames::Gb2312) => (
                role.official_name(),
                "仿宋,FangSong,FangSong_GB2312",
                "modern",
                "fixed",
            ),
            (FontRole::Body, FontNames::Plain) => (
                "仿宋",
                "FangSong,仿宋_GB2312,FangSong_GB2312",
                "modern",
                "fixed",
            ),
            (FontRole::Hei, _) => (role.official_name(), "SimHei", "modern", "fixed"),
            (FontRole::Kai, FontNames::Gb2312) => (
                role.official_name(),
                "楷体,KaiTi,KaiTi_GB2312",
                "modern",
                "fixed",
            ),
            (FontRole::Kai, FontNames::Plain) => {
                ("楷体", "KaiTi,楷体_GB2312,KaiTi_GB2312", "modern", "fixed")
            }
            (FontRole::Song, _) => (role.official_name(), "SimSun", "auto", "variable"),
        };
        FaceName {
            name,
            alt,
            family,
            pitch,
        }
    }

    pub fn name(self, role: FontRole) -> &'static str {
        self.face(role).name
    }
}

/// `word/fontTable.xml`: every face the document names, charset GB 2312 (86).
pub fn font_table(names: FontNames) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "w:fonts",
        &[(
            "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main".to_owned(),
        )],
    );
    for role in FontRole::ALL {
        let face = names.face(role);
        x.open("w:font", &[a("w:name", face.name)])
            .empty("w:altName", &[a("w:val", face.alt)])
            .empty("w:charset", &[a("w:val", "86")])
            .empty("w:family", &[a("w:val", face.family)])
            .empty("w:pitch", &[a("w:val", face.pitch)])
            .close("w:font");
    }
    x.close("w:fonts");
    x.into_bytes()
}
