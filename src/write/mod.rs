//! Stage 5, write: draw the layout's pages as PDF, DOCX and OFD, and put files in place
//! atomically.

pub mod docx;
pub mod ofd;
pub mod pdf;
pub mod set;

use crate::diag::Diagnostic;
use std::fmt;
use std::path::Path;

/// What can go wrong while a writer draws the pages. Nothing here comes from the clerk's YAML —
/// the model checked every value (seal images are decoded whole there) — so these name the
/// font or the format, and say what to do.
#[derive(Debug)]
pub enum Error {
    /// A face cannot be read for embedding.
    Font { family: String, detail: String },
    /// The PDF could not be assembled.
    Pdf(String),
    /// The PDF would break the archival standard it claims (`--pdf-standard`).
    Archive(String),
    /// The DOCX package could not be assembled.
    Docx(String),
    /// The OFD package could not be assembled.
    Ofd(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Font { family, detail } => write!(f, "字体 {family} 无法嵌入 PDF：{detail}"),
            Error::Pdf(detail) => write!(f, "PDF 写入失败：{detail}"),
            Error::Archive(detail) => write!(f, "PDF/A 无法写成：{detail}"),
            Error::Docx(detail) => write!(f, "DOCX 打包失败：{detail}"),
            Error::Ofd(detail) => write!(f, "OFD 写入失败：{detail}"),
        }
    }
}

impl Error {
    /// The error as a clerk reads it, with what to do.
    pub fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            Error::Font { .. } => {
                d.hint("请换用其他字体文件（--fonts 目录），或加 --bundled-fonts 只用随附字体。")
            }
            Error::Archive(_) => d.hint("请换用含这些字的字体（--fonts 目录）。"),
            Error::Pdf(_) | Error::Docx(_) | Error::Ofd(_) => {
                d.hint("这是 gongwen 的内部错误；请把 YAML 文件和这条消息报告给维护者。")
            }
        }
    }
}

/// When written files are made to survive a power cut (a crash of gongwen itself never leaves
/// half a set, either way — see [`set`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Durability {
    /// Each set is synced to disk before it replaces the old files, its folder after: a render
    /// reports success only for files on the disk.
    #[default]
    EachSet,
    /// Nothing is synced per set; the caller syncs once at the end with [`set::sync_at_end`].
    /// A batch does this: a power cut during the run may then leave empty or half files among
    /// those written since the start, instead of costing three waits on the disk a document.
    AtEnd,
}

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place:
/// a failure leaves no half-written file and never replaces a good one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> crate::diag::Result<()> {
    write_all_atomically(&[(path, bytes)])
}

/// Write several files (a DOCX and its PDF, and any further format) so that either all of
/// them are replaced or none, whatever fails — see [`set`] for how, and how a run killed
/// between two renames is undone by the next one. A lock per set (on the first file) makes a
/// second render of the same files wait for the first. On failure the message says what
/// stands: the old files, restored, or exactly which could not be put back.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> crate::diag::Result<()> {
    write_all_atomically_with(files, Durability::EachSet)
}

/// [`write_all_atomically`], synced to disk as `durability` says.
pub fn write_all_atomically_with(
    files: &[(&Path, &[u8])],
    durability: Durability,
) -> crate::diag::Result<()> {
    // A target that is not a file (a folder of that name) cannot be replaced: refuse first.
    if let Some(&(path, _)) = files.iter().find(|(p, _)| p.exists() && !p.is_file()) {
        return Err(vec![failure(
            path,
            "同名的文件夹已存在",
            None,
            &set::nothing_written(files),
        )]);
    }
    let Some(&(first, _)) = files.first() else {
        return Ok(());
    };
    let _lock = set::Lock::acquire(first).map_err(|d| vec![d])?;
    set::recover(files);
    set::replace(files, durability).map_err(|d| vec![d])
}

/// The error for `path`: what went wrong, the OS's words, and what stands now.
fn failure(path: &Path, why: &str, os: Option<&std::io::Error>, stands: &str) -> Diagnostic {
    let d = Diagnostic::error(format!("无法写入输出文件：{why}。{stands}"))
        .in_file(path)
        .hint("请检查输出文件夹是否存在、是否有写权限、磁盘是否已满，以及文件是否正被 Word/WPS 或 PDF 阅读器打开。");
    match os {
        Some(e) => d.hint(format!("系统的原话：{e}")),
        None => d,
    }
}
