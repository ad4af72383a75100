//! Stage 5, write: draw the layout's pages as PDF and DOCX, and put files in place atomically.

pub mod docx;
pub mod pdf;

use crate::diag::Diagnostic;
use std::fmt;
use std::io::Write;
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Font { family, detail } => write!(f, "字体 {family} 无法嵌入 PDF：{detail}"),
            Error::Pdf(detail) => write!(f, "PDF 写入失败：{detail}"),
            Error::Archive(detail) => write!(f, "PDF/A 无法写成：{detail}"),
            Error::Docx(detail) => write!(f, "DOCX 打包失败：{detail}"),
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
            Error::Pdf(_) | Error::Docx(_) => {
                d.hint("这是 gongwen 的内部错误；请把 YAML 文件和这条消息报告给维护者。")
            }
        }
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place:
/// a failure leaves no half-written file and never replaces a good one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> crate::diag::Result<()> {
    write_all_atomically(&[(path, bytes)])
}

/// Write several files so that either all of them are replaced or none: every file is written
/// and synced to a temporary file first, and only then are they renamed into place (a DOCX and
/// its PDF never end up from two different runs because one of them could not be written).
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> crate::diag::Result<()> {
    // A target that is not a file (a folder of that name) would fail its rename after the
    // others had been replaced: refuse before touching any.
    if let Some(&(path, _)) = files.iter().find(|(p, _)| p.exists() && !p.is_file()) {
        return Err(failure(path, std::io::Error::other("同名的文件夹已存在")));
    }
    let staged = files
        .iter()
        .map(|&(path, bytes)| stage(path, bytes).map(|tmp| (path, tmp)))
        .collect::<crate::diag::Result<Vec<_>>>()?;
    for (path, tmp) in staged {
        tmp.persist(path).map_err(|e| failure(path, e.error))?;
    }
    Ok(())
}

fn failure(path: &Path, e: std::io::Error) -> Vec<Diagnostic> {
    vec![
        Diagnostic::error(format!("无法写入输出文件：{e}"))
            .in_file(path)
            .hint("请检查输出文件夹是否存在、是否有写权限，以及文件是否正被 Word/WPS 打开。"),
    ]
}

/// `bytes` in a synced temporary file beside `path`, not yet in place.
fn stage(path: &Path, bytes: &[u8]) -> crate::diag::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| failure(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".gongwen-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // A temporary file is private (0600); the document should read like any file the user
    // saves: keep the old file's permissions, else rw-r--r--.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    Ok(tmp)
}
