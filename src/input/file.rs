//! Reading a file the clerk names — the YAML, a seal image, a 名单 — bounded before any work:
//! only a regular file (a FIFO or device such as `/dev/zero` would hang or never end, a folder
//! has no bytes), read through a size limit so a 2 GB file is refused after `limit + 1` bytes,
//! never read whole first. OS errors are said in Chinese; the OS's own words follow as detail.

use crate::diag::Diagnostic;
use std::io::Read;
use std::path::Path;

/// What a file is, in a message: 文件, 印章图片, 名单文件, 模板文件.
pub type What<'a> = &'a str;

/// The bytes of `path`, at most `limit` of them, or a Chinese error naming `what` it is.
// One diagnostic, made once per file written or read: its size costs nothing.
#[allow(clippy::result_large_err)]
pub fn read_bounded(path: &Path, limit: usize, what: What) -> Result<Vec<u8>, Diagnostic> {
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path).map_err(|e| os_error(path, what, "读取", &e))?;
    refuse_special(path, &meta, what)?;
    let file = std::fs::File::open(path).map_err(|e| os_error(path, what, "读取", &e))?;
    // The file opened may not be the one checked (renamed in between): check it again.
    let meta = file
        .metadata()
        .map_err(|e| os_error(path, what, "读取", &e))?;
    refuse_special(path, &meta, what)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(limit));
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| os_error(path, what, "读取", &e))?;
    if bytes.len() > limit {
        return Err(
            Diagnostic::error(format!("{what}过大（超过上限 {limit} 字节），未读取。"))
                .in_file(path)
                .hint("请确认选对了文件。"),
        );
    }
    Ok(bytes)
}

// One diagnostic, made once per file written or read: its size costs nothing.
#[allow(clippy::result_large_err)]
fn refuse_special(path: &Path, meta: &std::fs::Metadata, what: What) -> Result<(), Diagnostic> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = if meta.is_dir() {
        "是一个文件夹"
    } else {
        "不是普通文件（可能是管道、设备或套接字）"
    };
    Err(Diagnostic::error(format!("{what}{kind}，无法读取。"))
        .in_file(path)
        .hint("请给出一个普通文件的路径。"))
}

/// An OS error while doing `doing` (读取, 写入, 创建…) to `path`, in Chinese, the OS's own
/// words as detail.
pub fn os_error(path: &Path, what: What, doing: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("无法{doing}{what}：{}。", os_reason(e)))
        .in_file(path)
        .hint(format!("系统的原话：{e}"))
}

/// The Chinese reason for an OS error.
pub fn os_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::IsADirectory => "这是一个文件夹",
        K::NotADirectory => "路径中的某一级不是文件夹",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘或文件夹只读",
        K::FileTooLarge => "文件过大",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序使用",
        K::InvalidFilename => "文件名无效",
        K::CrossesDevices => "不能跨磁盘改名",
        K::Interrupted | K::TimedOut => "操作被中断",
        K::InvalidData | K::UnexpectedEof => "文件内容不完整或已损坏",
        _ => "系统报告了错误",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.yaml");
        std::fs::write(&big, vec![b'a'; 11]).unwrap();
        assert_eq!(read_bounded(&big, 11, "文件").unwrap().len(), 11);
        let e = read_bounded(&big, 10, "文件").unwrap_err();
        assert!(e.to_string().contains("过大"), "{e}");
        let e = read_bounded(dir.path(), 10, "文件").unwrap_err();
        assert!(e.to_string().contains("文件夹"), "{e}");
        #[cfg(unix)]
        {
            let e = read_bounded(Path::new("/dev/zero"), 10, "印章图片").unwrap_err();
            assert!(e.to_string().contains("不是普通文件"), "{e}");
        }
        let e = read_bounded(&dir.path().join("none"), 10, "文件").unwrap_err();
        assert!(e.to_string().contains("不存在"), "{e}");
    }
}
