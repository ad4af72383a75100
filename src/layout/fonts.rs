//! 字体 — which face sets each role, found with fontdb: the official face where the machine
//! has it, else the open stand-in shipped in `fonts/`; plus per-glyph fallback and advances.

use crate::diag::{Diagnostic, Result};
use crate::length::Length;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// A typographic role of GB/T 9704, each with its own face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontRole {
    /// 小标宋 — 标题 (§7.3.1).
    Title,
    /// 仿宋 — 正文 and most elements (§5.2.2); also levels 3–4.
    Body,
    /// 黑体 — level-1 headings (§7.3.3).
    Hei,
    /// 楷体 — level-2 headings (§7.3.3).
    Kai,
    /// 宋体 — 页码 (§7.5).
    Song,
}

impl FontRole {
    pub const ALL: [FontRole; 5] = [
        FontRole::Title,
        FontRole::Body,
        FontRole::Hei,
        FontRole::Kai,
        FontRole::Song,
    ];

    /// The face of a heading level: 一级 黑体, 二级 楷体, 三、四级 仿宋 (GB/T 9704 §7.3.3).
    pub fn heading(level: u8) -> FontRole {
        match level {
            1 => FontRole::Hei,
            2 => FontRole::Kai,
            _ => FontRole::Body,
        }
    }

    /// The face the receiving office has, named in the DOCX.
    pub fn official_name(self) -> &'static str {
        match self {
            FontRole::Title => "方正小标宋简体",
            FontRole::Body => "仿宋_GB2312",
            FontRole::Hei => "黑体",
            FontRole::Kai => "楷体_GB2312",
            FontRole::Song => "宋体",
        }
    }

    /// Families searched on the machine, official first.
    fn system_families(self) -> &'static [&'static str] {
        match self {
            FontRole::Title => &["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S"],
            FontRole::Body => &["仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong"],
            FontRole::Hei => &["黑体", "SimHei"],
            FontRole::Kai => &["楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi"],
            FontRole::Song => &["宋体", "SimSun"],
        }
    }

    /// The open stand-in in `fonts/`.
    fn bundled_file(self) -> &'static str {
        match self {
            FontRole::Title => "GongwenTitleSerif-Bold.otf",
            FontRole::Body => "FandolFang-Regular.otf",
            FontRole::Hei => "FandolHei-Regular.otf",
            FontRole::Kai => "FandolKai-Regular.otf",
            FontRole::Song => "FandolSong-Regular.otf",
        }
    }

    /// The role's name for a clerk.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::Title => "标题（小标宋）",
            FontRole::Body => "正文（仿宋）",
            FontRole::Hei => "一级标题（黑体）",
            FontRole::Kai => "二级标题（楷体）",
            FontRole::Song => "页码（宋体）",
        }
    }
}

/// Where fonts come from.
#[derive(Clone, Debug, Default)]
pub struct FontOptions {
    /// A folder with the bundled faces (`--fonts`).
    pub fonts_dir: Option<PathBuf>,
    /// Use only the bundled faces, never the machine's (tests, reproducible output).
    pub bundled_only: bool,
}

/// An index into [`FontSet::faces`].
pub type FaceId = usize;

/// A font file's bytes, memory-mapped: only the pages a document touches are read, and
/// every clone shares the one mapping, which the PDF writer embeds from without a copy
/// (see [`FontBytes::shared`]).
#[derive(Clone, Debug)]
pub struct FontBytes(Arc<Bytes>);

#[derive(Debug)]
enum Bytes {
    Mapped(mmapio::Mmap),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Owned(bytes) => bytes,
        }
    }
}

impl FontBytes {
    /// Map `path` read-only. A font file changed while mapped can fault; font files are
    /// installed once and not rewritten in place, as every font loader that maps them assumes.
    pub fn map(path: &Path) -> std::io::Result<FontBytes> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the mapping is read-only and lives as long as its `Arc`; see the doc above.
        let map = unsafe { mmapio::Mmap::map(&file)? };
        Ok(FontBytes(Arc::new(Bytes::Mapped(map))))
    }

    /// Bytes already in memory (tests, generated faces).
    pub fn from_vec(bytes: Vec<u8>) -> FontBytes {
        FontBytes(Arc::new(Bytes::Owned(bytes)))
    }

    /// The shared holder, for a parser that keeps the bytes without copying them.
    pub fn shared(&self) -> Arc<dyn AsRef<[u8]> + Send + Sync> {
        self.0.clone()
    }

    /// Whether `self` and `other` are clones of one mapping.
    pub fn same(&self, other: &FontBytes) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for FontBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.0.as_ref().as_ref()
    }
}

/// A font face, its file mapped in memory.
#[derive(Debug)]
pub struct Face {
    pub family: String,
    pub path: PathBuf,
    /// The face's index in a collection (`.ttc`).
    pub index: u32,
    pub data: FontBytes,
    /// Came from `fonts/` rather than the machine.
    pub bundled: bool,
}

/// The faces of a document, one per role (several roles may share one face).
#[derive(Debug)]
pub struct FontSet {
    pub faces: Vec<Face>,
    roles: HashMap<FontRole, FaceId>,
    /// System faces refused as broken, each with why (shown with the faces used).
    skipped: Vec<String>,
    /// What the damaged-face check found for each (face, character) it has read: a batch
    /// outlines each glyph once, not once a document (7% of the seed's instructions).
    glyph_checks: Mutex<HashMap<(FaceId, char), Option<&'static str>>>,
}

impl FontSet {
    /// Find a face for every role.
    pub fn resolve(options: &FontOptions) -> Result<FontSet> {
        let mut db = fontdb::Database::new();
        if !options.bundled_only {
            load_official_candidates(&mut db);
        }
        let dirs = font_dirs(options.fonts_dir.as_deref());
        let mut set = FontSet {
            faces: Vec::new(),
            roles: HashMap::new(),
            skipped: Vec::new(),
            glyph_checks: Mutex::default(),
        };
        let mut errors = Vec::new();
        for role in FontRole::ALL {
            let found = match set.find_system(&db, role) {
                // A broken system face is skipped for the bundled one, with a note.
                Some(Err(e)) => {
                    let file = e.location.as_ref().map(|l| l.file.display().to_string());
                    set.skipped.push(format!(
                        "本机字体 {} 未用：{}（已改用随附字体）",
                        file.unwrap_or_default(),
                        e.message
                    ));
                    set.find_bundled(&dirs, role)
                }
                Some(Ok(id)) => Some(Ok(id)),
                None => set.find_bundled(&dirs, role),
            };
            match found {
                Some(Ok(id)) => {
                    set.roles.insert(role, id);
                }
                Some(Err(e)) => errors.push(*e),
                None => errors.push(
                    Diagnostic::error(format!(
                        "找不到{}所需的字体：本机没有 {}，随附字体 {} 也不在 {} 中。",
                        role.label(),
                        role.system_families().join("、"),
                        role.bundled_file(),
                        dirs.iter()
                            .map(|d| d.display().to_string())
                            .collect::<Vec<_>>()
                            .join("、")
                    ))
                    .hint(
                        "用 --fonts 指向 gongwen 的 fonts 文件夹，或设置环境变量 GONGWEN_FONTS。",
                    ),
                ),
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    pub fn face_for(&self, role: FontRole) -> FaceId {
        self.roles[&role]
    }

    fn find_system(
        &mut self,
        db: &fontdb::Database,
        role: FontRole,
    ) -> Option<std::result::Result<FaceId, Box<Diagnostic>>> {
        for family in role.system_families() {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(family)],
                ..Default::default()
            };
            let Some(id) = db.query(&query) else { continue };
            let info = db.face(id)?;
            let fontdb::Source::File(path) = &info.source else {
                continue;
            };
            return Some(self.load(path, info.index, family, false));
        }
        None
    }

    fn find_bundled(
        &mut self,
        dirs: &[PathBuf],
        role: FontRole,
    ) -> Option<std::result::Result<FaceId, Box<Diagnostic>>> {
        let path = dirs
            .iter()
            .map(|d| d.join(role.bundled_file()))
            .find(|p| p.is_file())?;
        let family = role.bundled_file().trim_end_matches(".otf").to_owned();
        Some(self.load(&path, 0, &family, true))
    }

    /// Load a face once, however many roles use it.
    fn load(
        &mut self,
        path: &Path,
        index: u32,
        family: &str,
        bundled: bool,
    ) -> std::result::Result<FaceId, Box<Diagnostic>> {
        if let Some(id) = self
            .faces
            .iter()
            .position(|f| f.path == path && f.index == index)
        {
            return Ok(id);
        }
        let broken = |why: String| {
            Box::new(
                Diagnostic::error(format!("字体文件无法使用：{why}。"))
                    .in_file(path)
                    .hint("请重新获取该字体（见 fonts/README.md），或加 --bundled-fonts 只用随附字体。"),
            )
        };
        // Mapping an empty file fails with the OS's words; say what it is.
        if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(broken("文件是空的（0 字节）".to_owned()));
        }
        let data = FontBytes::map(path)
            .map_err(|e| Box::new(crate::input::file::os_error(path, "字体文件", "读取", &e)))?;
        let face = ttf_parser::Face::parse(&data, index)
            .map_err(|_| broken("已损坏，或不是 OpenType/TrueType 字体".to_owned()))?;
        drawable(&face).map_err(broken)?;
        self.faces.push(Face {
            family: family.to_owned(),
            path: path.to_owned(),
            index,
            data,
            bundled,
        });
        Ok(self.faces.len() - 1)
    }

    /// One line per role for the command line: 正文（仿宋）：FandolFang（随附，fonts/…）.
    pub fn describe(&self) -> Vec<String> {
        FontRole::ALL
            .iter()
            .map(|&role| {
                let face = &self.faces[self.face_for(role)];
                let origin = if face.bundled { "随附" } else { "本机" };
                format!(
                    "{}：{}（{}，{}）",
                    role.label(),
                    face.family,
                    origin,
                    face.path.display()
                )
            })
            .chain(self.skipped.iter().cloned())
            .collect()
    }
}

/// Characters every face draws (the 国 of 中华人民共和国, the 一 of numbering) — probed so a face
/// whose glyphs have no outlines or no width is refused instead of printing empty boxes.
const PROBES: [char; 2] = ['国', '一'];

/// Whether `face` draws the probe characters: each mapped, with an outline and a width.
fn drawable(face: &ttf_parser::Face) -> std::result::Result<(), String> {
    for c in PROBES {
        if face.glyph_index(c).is_none() {
            return Err(format!("没有汉字「{c}」"));
        }
        if let Some(why) = glyph_problem(face, c) {
            return Err(format!("「{c}」{why}（文件可能已损坏）"));
        }
    }
    Ok(())
}

/// What is wrong with the glyph `face` maps `c` to, if anything: no outline, or (for a 汉字 or
/// full-width mark) no width. Blank characters have no outline by design; an unmapped one is
/// reported as missing elsewhere.
fn glyph_problem(face: &ttf_parser::Face, c: char) -> Option<&'static str> {
    struct Nothing;
    impl ttf_parser::OutlineBuilder for Nothing {
        fn move_to(&mut self, _: f32, _: f32) {}
        fn line_to(&mut self, _: f32, _: f32) {}
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
        fn close(&mut self) {}
    }
    if c.is_whitespace() {
        return None;
    }
    let glyph = face.glyph_index(c)?;
    if face.outline_glyph(glyph, &mut Nothing).is_none() {
        return Some("没有字形轮廓");
    }
    let wide = ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c);
    if wide && face.glyph_hor_advance(glyph).unwrap_or(0) == 0 {
        return Some("字宽为零");
    }
    None
}

impl Metrics<'_> {
    /// Every (face, character) of `used` whose glyph would print as nothing — a face damaged
    /// where the load-time probe did not look: one error per face, naming its file and the
    /// first characters, so no document of empty boxes is written.
    pub fn undrawable(&self, used: impl IntoIterator<Item = (FaceId, char)>) -> Vec<Diagnostic> {
        let mut seen = std::collections::HashSet::new();
        let distinct: Vec<(FaceId, char)> = used.into_iter().filter(|&k| seen.insert(k)).collect();
        let checks = || {
            self.set
                .glyph_checks
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        let known: Vec<Option<Option<&'static str>>> = {
            let cache = checks();
            distinct.iter().map(|k| cache.get(k).copied()).collect()
        };
        // The outlines are read without the lock, so the threads of a batch do not wait on it.
        let found: Vec<Option<&'static str>> = distinct
            .iter()
            .zip(&known)
            .map(|(&(face, c), known)| known.unwrap_or_else(|| glyph_problem(&self.faces[face], c)))
            .collect();
        checks().extend(
            distinct
                .iter()
                .zip(&known)
                .zip(&found)
                .filter(|((_, known), _)| known.is_none())
                .map(|((&k, _), &problem)| (k, problem)),
        );
        let mut bad: std::collections::BTreeMap<FaceId, (Vec<char>, &str)> = Default::default();
        for (&(face, c), problem) in distinct.iter().zip(found) {
            if let Some(why) = problem {
                let entry = bad.entry(face).or_insert((Vec::new(), why));
                entry.0.push(c);
            }
        }
        bad.into_iter()
            .map(|(face, (chars, why))| {
                let shown: String = chars.iter().take(10).collect();
                let more = if chars.len() > 10 {
                    format!("等 {} 个字", chars.len())
                } else {
                    String::new()
                };
                Diagnostic::error(format!(
                    "字体文件无法使用：「{shown}」{more}{why}（文件可能已损坏），印出来会是空白。"
                ))
                .in_file(&self.set.faces[face].path)
                .hint("请重新获取该字体（见 fonts/README.md），或加 --bundled-fonts 只用随附字体。")
            })
            .collect()
    }
}

/// Put into `db` the machine's font files that may hold an official face: those whose file
/// name looks like one (simfang.ttf, 仿宋_GB2312.ttf, FZXBSJW.TTF…). Only those are parsed;
/// reading every installed font (fontdb's `load_system_fonts`) cost ~15 ms a run.
fn load_official_candidates(db: &mut fontdb::Database) {
    let mut stack = system_font_dirs();
    let mut seen = 0usize;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            // A bound against symlink loops and huge trees; font folders hold thousands at most.
            if seen > 100_000 {
                return;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
                stack.push(path);
            } else if may_be_official(&path) {
                let _ = db.load_font_file(&path);
            }
        }
    }
}

/// Whether a font file's name suggests one of the official faces.
fn may_be_official(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let is_font = [".ttf", ".otf", ".ttc", ".otc"]
        .iter()
        .any(|ext| name.ends_with(ext));
    const STEMS: [&str; 7] = ["sim", "fz", "fang", "kai", "hei", "song", "gb2312"];
    is_font && (!name.is_ascii() || STEMS.iter().any(|s| name.contains(s)))
}

/// The usual font folders of Linux, macOS and Windows, system-wide and per user.
fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.extend([
            home.join(".fonts"),
            home.join(".local/share/fonts"),
            home.join("Library/Fonts"),
        ]);
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        dirs.push(PathBuf::from(data).join("fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
    }
    dirs
}

/// Folders searched for the bundled faces, in order.
fn font_dirs(explicit: Option<&Path>) -> Vec<PathBuf> {
    if let Some(dir) = explicit {
        return vec![dir.to_owned()];
    }
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os("GONGWEN_FONTS") {
        dirs.push(PathBuf::from(dir));
    }
    dirs.extend(crate::resources::beside_executable("fonts"));
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    dirs
}

/// Parsed faces for measuring, borrowed from a [`FontSet`].
pub struct Metrics<'a> {
    set: &'a FontSet,
    faces: Vec<ttf_parser::Face<'a>>,
    /// Faces tried, in order, for a character the role's face lacks.
    fallback_order: Vec<FaceId>,
    /// Characters no face has, reported once each.
    pub missing: std::cell::RefCell<Vec<char>>,
}

impl<'a> Metrics<'a> {
    pub fn new(set: &'a FontSet) -> Self {
        let faces = set
            .faces
            .iter()
            // Every face was parsed once in `FontSet::load`, so this cannot fail.
            .map(|f| ttf_parser::Face::parse(&f.data, f.index).expect("face parsed at load"))
            .collect();
        let mut fallback_order = Vec::new();
        for role in [
            FontRole::Body,
            FontRole::Title,
            FontRole::Hei,
            FontRole::Kai,
            FontRole::Song,
        ] {
            let id = set.face_for(role);
            if !fallback_order.contains(&id) {
                fallback_order.push(id);
            }
        }
        Metrics {
            set,
            faces,
            fallback_order,
            missing: Default::default(),
        }
    }

    pub fn face_for(&self, role: FontRole) -> FaceId {
        self.set.face_for(role)
    }

    /// The first role a face serves (for naming it in a flow format).
    pub fn role_of(&self, face: FaceId) -> FontRole {
        FontRole::ALL
            .into_iter()
            .find(|&r| self.set.face_for(r) == face)
            .unwrap_or(FontRole::Body)
    }

    /// The face that draws `c` in `role`: the role's own, else the first fallback that has it.
    pub fn face_with(&self, role: FontRole, c: char) -> FaceId {
        let own = self.set.face_for(role);
        if c.is_whitespace() || self.faces[own].glyph_index(c).is_some() {
            return own;
        }
        match self
            .fallback_order
            .iter()
            .copied()
            .find(|&id| self.faces[id].glyph_index(c).is_some())
        {
            Some(id) => id,
            None => {
                let mut missing = self.missing.borrow_mut();
                if !missing.contains(&c) {
                    missing.push(c);
                }
                own
            }
        }
    }

    /// The advance of `c` in face `face` at `size`.
    pub fn advance(&self, face: FaceId, c: char, size: Length) -> Length {
        let f = &self.faces[face];
        let units = f
            .glyph_index(c)
            .and_then(|g| f.glyph_hor_advance(g))
            // A space the face lacks: a quarter em, as most CJK faces draw it.
            .unwrap_or(if c == ' ' {
                f.units_per_em() / 4
            } else {
                f.units_per_em()
            });
        Length::font_units(i64::from(units), i64::from(f.units_per_em()), size)
    }
}

#[cfg(test)]
mod tests {
    use super::may_be_official;
    use std::path::Path;

    #[test]
    fn only_files_named_like_official_faces_are_parsed() {
        for name in [
            "simfang.ttf",
            "SIMHEI.TTF",
            "仿宋_GB2312.ttf",
            "FZXBSJW.TTF",
            "simsun.ttc",
        ] {
            assert!(may_be_official(Path::new(name)), "{name}");
        }
        for name in ["DejaVuSans.ttf", "NotoSansCJK-Regular.ttc", "simfang.txt"] {
            assert!(!may_be_official(Path::new(name)), "{name}");
        }
    }
}
