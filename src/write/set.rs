//! A set of output files replaced together (the DOCX and its PDF): all or none, whatever fails,
//! even when the process is killed between two renames.
//!
//! Beside each target `报告.docx` live, only while a write is under way, `.报告.docx.gongwen-new`
//! (the new bytes, synced), `.报告.docx.gongwen-old` (the old file, moved aside) or
//! `.报告.docx.gongwen-none` (a marker: there was no old file). The steps:
//! 1. write every `-new`, and sync it unless the caller syncs at the end ([`Durability`]);
//! 2. move every old file aside to `-old` (or leave a `-none` marker);
//! 3. rename every `-new` onto its target;
//! 4. delete the `-old` files and markers.
//!
//! The set is committed exactly when step 3 has renamed the last `-new`. So a later write of the
//! same set, holding the same lock, first looks (see [`recover`]): any `-new` left means a run
//! died before committing — every `-old` is moved back and every target with a `-none` marker
//! removed, giving the old set back; no `-new` but markers left means it died after — the markers
//! are deleted. A failure this process catches is undone the same way at once.

use super::{Durability, failure};
use crate::diag::Diagnostic;
use crate::input::file::os_reason;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a render waits for another one writing the same files.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// The file beside `target` for one step: `.<name>.gongwen-<step>`.
fn beside(target: &Path, step: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".gongwen-");
    name.push(step);
    target.with_file_name(name)
}

fn names(files: &[(&Path, &[u8])]) -> String {
    files
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// What stands when nothing was written.
pub(super) fn nothing_written(files: &[(&Path, &[u8])]) -> String {
    let old: Vec<&(&Path, &[u8])> = files.iter().filter(|(p, _)| p.is_file()).collect();
    if old.is_empty() {
        format!("未写出任何文件（{}）。", names(files))
    } else {
        let kept: Vec<(&Path, &[u8])> = old.into_iter().copied().collect();
        format!("未写出任何文件；原有的 {} 保持不变。", names(&kept))
    }
}

/// An advisory lock on a set, held while it is replaced: `.<first>.gongwen-lock`, removed when
/// released.
pub struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Wait (up to [`LOCK_WAIT`]) until no other process writes the set whose first file is
    /// `first`.
    // One diagnostic, made once per file written or read: its size costs nothing.
    #[allow(clippy::result_large_err)]
    pub fn acquire(first: &Path) -> Result<Lock, Diagnostic> {
        let path = beside(first, "lock");
        let start = Instant::now();
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| {
                    failure(
                        first,
                        os_reason(&e),
                        Some(&e),
                        "未写出任何文件，原有文件未改动。",
                    )
                })?;
            match file.try_lock() {
                // The holder before us removes the file when done; a lock on a removed file
                // guards nothing, so take it again on the file now at that path.
                Ok(()) if same_file(&file, &path) => return Ok(Lock { path, _file: file }),
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(failure(
                        first,
                        &format!(
                            "另一个 gongwen 正在写出同一组文件，等待 {} 秒后仍未结束",
                            LOCK_WAIT.as_secs()
                        ),
                        None,
                        "未写出任何文件，原有文件未改动。",
                    ));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(failure(
                        first,
                        os_reason(&e),
                        Some(&e),
                        "未写出任何文件，原有文件未改动。",
                    ));
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so a waiter never locks a file about to vanish unseen.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// Finish or undo what a killed run of this set left (see the module comment).
pub fn recover(files: &[(&Path, &[u8])]) {
    let died_before_commit = files.iter().any(|(p, _)| beside(p, "new").is_file());
    for &(target, _) in files {
        if died_before_commit {
            let _ = undo(target);
        } else {
            let _ = std::fs::remove_file(beside(target, "old"));
            let _ = std::fs::remove_file(beside(target, "none"));
        }
    }
}

/// Put back what stood at `target` before this set's write, and remove the write's files.
fn undo(target: &Path) -> std::io::Result<()> {
    let (old, none, new) = (
        beside(target, "old"),
        beside(target, "none"),
        beside(target, "new"),
    );
    if old.is_file() {
        std::fs::rename(&old, target)?;
    } else if none.is_file() {
        if target.exists() {
            std::fs::remove_file(target)?;
        }
        std::fs::remove_file(&none)?;
    }
    if new.is_file() {
        std::fs::remove_file(&new)?;
    }
    Ok(())
}

/// Steps 1 to 4; on any failure, undo everything and say what stands.
// One diagnostic, made once per file written or read: its size costs nothing.
#[allow(clippy::result_large_err)]
pub fn replace(files: &[(&Path, &[u8])], durability: Durability) -> Result<(), Diagnostic> {
    let fail = |target: &Path, e: std::io::Error| -> Diagnostic {
        let stands = match rollback(files) {
            Ok(()) => nothing_written(files),
            Err(left) => left,
        };
        failure(target, os_reason(&e), Some(&e), &stands)
    };
    for &(target, bytes) in files {
        stage(target, bytes, durability).map_err(|e| fail(target, e))?;
    }
    for &(target, _) in files {
        let moved = if target.exists() {
            std::fs::rename(target, beside(target, "old"))
        } else {
            File::create(beside(target, "none")).map(drop)
        };
        moved.map_err(|e| fail(target, e))?;
    }
    for &(target, _) in files {
        std::fs::rename(beside(target, "new"), target).map_err(|e| fail(target, e))?;
    }
    if durability == Durability::EachSet {
        sync_folder(files[0].0);
    }
    for &(target, _) in files {
        let _ = std::fs::remove_file(beside(target, "old"));
        let _ = std::fs::remove_file(beside(target, "none"));
    }
    Ok(())
}

/// Undo a failed write; on failure, what stands and what to do.
fn rollback(files: &[(&Path, &[u8])]) -> Result<(), String> {
    let stuck: Vec<String> = files
        .iter()
        .filter(|(target, _)| undo(target).is_err())
        .map(|(target, _)| {
            format!(
                "{}（原文件在 {}）",
                target.display(),
                beside(target, "old").display()
            )
        })
        .collect();
    if stuck.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "未能完全恢复原有文件：{}；请手动把原文件改回原名。",
            stuck.join("、")
        ))
    }
}

/// Step 1 for one target: its bytes in `-new` (synced for [`Durability::EachSet`]), with the
/// old file's permissions.
fn stage(target: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    let new = beside(target, "new");
    let mut file = File::create(&new)?;
    file.write_all(bytes)?;
    #[cfg(unix)]
    if let Ok(old) = std::fs::metadata(target) {
        file.set_permissions(old.permissions())?;
    }
    match durability {
        Durability::EachSet => file.sync_all(),
        Durability::AtEnd => Ok(()),
    }
}

/// Make the renames durable (a power cut after the message keeps them); best effort.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}

/// Put everything written into `files`' folders on the disk, for sets written with
/// [`Durability::AtEnd`]: on Linux one `syncfs` per folder (the whole file system in one
/// flush), elsewhere each file; then each folder, for the renames.
pub fn sync_at_end(files: &[&Path]) -> std::io::Result<()> {
    let mut folders: Vec<&Path> = files
        .iter()
        .map(|f| match f.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        })
        .collect();
    folders.sort();
    folders.dedup();
    #[cfg(target_os = "linux")]
    for dir in &folders {
        use std::os::fd::AsRawFd;
        let dir = std::fs::File::open(dir)?;
        // SAFETY: `dir` is an open descriptor for the whole call; syncfs only reads it.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(not(target_os = "linux"))]
    for file in files {
        std::fs::File::open(file)?.sync_all()?;
    }
    #[cfg(unix)]
    for dir in &folders {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(dir: &Path) -> (PathBuf, PathBuf) {
        (dir.join("报告.docx"), dir.join("报告.pdf"))
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Killed in step 3, after the DOCX was renamed and before the PDF was: the next write of
    /// the set finds `-new` and gives the old pair back before writing.
    #[test]
    fn a_run_killed_before_committing_is_undone() {
        let dir = tempfile::tempdir().unwrap();
        let (docx, pdf) = pair(dir.path());
        std::fs::write(beside(&docx, "old"), "old docx").unwrap();
        std::fs::write(&docx, "new docx").unwrap();
        std::fs::write(beside(&pdf, "old"), "old pdf").unwrap();
        std::fs::write(beside(&pdf, "new"), "new pdf").unwrap();
        recover(&[(&docx, b""), (&pdf, b"")]);
        assert_eq!(std::fs::read_to_string(&docx).unwrap(), "old docx");
        assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "old pdf");
        assert_eq!(listing(dir.path()), ["报告.docx", "报告.pdf"]);
    }

    /// Killed in step 3 of a first write: the lone new DOCX goes, leaving no half pair.
    #[test]
    fn a_first_write_killed_before_committing_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (docx, pdf) = pair(dir.path());
        std::fs::write(beside(&docx, "none"), "").unwrap();
        std::fs::write(&docx, "new docx").unwrap();
        std::fs::write(beside(&pdf, "none"), "").unwrap();
        std::fs::write(beside(&pdf, "new"), "new pdf").unwrap();
        recover(&[(&docx, b""), (&pdf, b"")]);
        assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
    }

    /// Killed in step 4: the new pair stands; only the leftovers go.
    #[test]
    fn a_run_killed_after_committing_keeps_the_new_pair() {
        let dir = tempfile::tempdir().unwrap();
        let (docx, pdf) = pair(dir.path());
        std::fs::write(&docx, "new docx").unwrap();
        std::fs::write(&pdf, "new pdf").unwrap();
        std::fs::write(beside(&pdf, "old"), "old pdf").unwrap();
        recover(&[(&docx, b""), (&pdf, b"")]);
        assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "new pdf");
        assert_eq!(listing(dir.path()), ["报告.docx", "报告.pdf"]);
    }

    /// The PDF cannot be moved aside (something is in the way): the DOCX is put back, and the
    /// message says nothing was written and the old pair stands.
    #[test]
    fn a_failure_between_the_two_files_restores_the_old_pair() {
        let dir = tempfile::tempdir().unwrap();
        let (docx, pdf) = pair(dir.path());
        std::fs::write(&docx, "old docx").unwrap();
        std::fs::write(&pdf, "old pdf").unwrap();
        let blocker = beside(&pdf, "old");
        std::fs::create_dir_all(blocker.join("x")).unwrap();
        let err = replace(
            &[(&docx, b"new docx"), (&pdf, b"new pdf")],
            Durability::EachSet,
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("未写出任何文件；原有的"), "{text}");
        assert_eq!(std::fs::read_to_string(&docx).unwrap(), "old docx");
        assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "old pdf");
        std::fs::remove_dir_all(&blocker).unwrap();
        assert_eq!(listing(dir.path()), ["报告.docx", "报告.pdf"]);
    }

    #[test]
    fn the_final_sync_fails_for_a_folder_that_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let (docx, pdf) = pair(dir.path());
        std::fs::write(&docx, "docx").unwrap();
        std::fs::write(&pdf, "pdf").unwrap();
        sync_at_end(&[&docx, &pdf]).unwrap();
        let gone = dir.path().join("gone").join("报告.pdf");
        assert!(sync_at_end(&[&docx, &gone]).is_err());
    }

    #[test]
    fn a_second_writer_waits_for_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let (docx, _) = pair(dir.path());
        let held = Lock::acquire(&docx).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = docx.clone();
        let waiter = std::thread::spawn(move || {
            let lock = Lock::acquire(&path).unwrap();
            tx.send(()).unwrap();
            drop(lock);
        });
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        drop(held);
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
        waiter.join().unwrap();
        assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
    }
}
