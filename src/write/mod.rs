//! Stage 5, write: draw the layout's pages as PDF and DOCX, and put files in place atomically.

pub mod docx;
pub mod pdf;

use crate::diag::Diagnostic;
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place:
/// a failure leaves no half-written file and never replaces a good one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> crate::diag::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| {
        vec![
            Diagnostic::error(format!("无法写入输出文件：{e}"))
                .in_file(path)
                .hint("请检查输出文件夹是否存在、是否有写权限，以及文件是否正被 Word/WPS 打开。"),
        ]
    };
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
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
