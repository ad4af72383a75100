//! 批量排版 — many documents in one run: every YAML file of a folder, several files, or one
//! document against many records (a mail merge: one 通知 per township). One [`Renderer`]
//! (fonts mapped and parsed once) is shared by a thread per core; each document is written
//! as soon as it is done, and one that fails takes nothing else down.

pub mod progress;
pub mod records;

use crate::diag::{Diagnostic, Result};
use crate::{Output, Renderer};
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One document to render.
#[derive(Debug)]
pub struct Job {
    /// How the document is named in messages: its file, or 名单 第 3 条.
    pub label: String,
    pub source: Source,
    /// The output files' name, without extension.
    pub stem: OsString,
}

/// Where a job's YAML comes from.
#[derive(Debug)]
pub enum Source {
    /// A file, read when its turn comes.
    File(PathBuf),
    /// Text already made (a template filled from a record); `path` names it in messages and
    /// decides the default output folder.
    Text { path: PathBuf, text: String },
    /// Nothing to render: the job was refused when it was made (a record that does not fit
    /// its template), and reports `errors` in its turn.
    Failed {
        path: PathBuf,
        errors: Vec<Diagnostic>,
    },
}

impl Source {
    fn path(&self) -> &Path {
        match self {
            Source::File(path) | Source::Text { path, .. } | Source::Failed { path, .. } => path,
        }
    }
}

/// What became of one job.
#[derive(Debug)]
pub struct Done {
    pub label: String,
    /// The files written and the warnings, or every error (then nothing was written).
    pub outcome: Result<Written>,
}

/// The files a job wrote.
#[derive(Debug)]
pub struct Written {
    pub docx: PathBuf,
    pub pdf: PathBuf,
    /// `<stem>.ofd`, when the run writes OFD.
    pub ofd: Option<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// The jobs for `inputs`: each file as it is, each folder's `.yaml`/`.yml` files in name
/// order. A folder that cannot be read, or one without YAML, is an error.
pub fn jobs_for_inputs(inputs: &[PathBuf]) -> Result<Vec<Job>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match yaml_files(input) {
                Ok(found) if found.is_empty() => errors.push(
                    Diagnostic::error("文件夹中没有 .yaml 或 .yml 文件。")
                        .in_file(input)
                        .hint("批量排版时请给出含 YAML 文件的文件夹，或直接列出文件。"),
                ),
                Ok(found) => files.extend(found),
                Err(e) => {
                    errors.push(Diagnostic::error(format!("无法读取文件夹：{e}")).in_file(input))
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(files
        .into_iter()
        .map(|path| Job {
            label: path.display().to_string(),
            stem: crate::output_stem(&path),
            source: Source::File(path),
        })
        .collect())
}

/// The YAML files directly in `dir`, sorted by name.
fn yaml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Render every job on `threads` threads, calling `on_done` as each finishes (from the
/// thread that did it). Results come back in job order. Call [`check_outputs`] first: it
/// refuses a run in which two jobs would write the same file or one would replace an input.
/// The files are not synced to disk one by one ([`crate::write::Durability::AtEnd`]): call
/// [`sync_written`] when the run is done.
pub fn run(
    renderer: &Renderer,
    jobs: &[Job],
    threads: usize,
    on_done: &(dyn Fn(&Done) + Sync),
) -> Vec<Done> {
    keep_freed_memory();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let outcome = render_one(renderer, job);
            let result = Done {
                label: job.label.clone(),
                outcome,
            };
            on_done(&result);
            done.push((i, result));
        }
        done
    };
    let threads = threads.clamp(1, jobs.len().max(1));
    let mut all: Vec<(usize, Done)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for worker in workers {
            // A worker only panics on a bug; its jobs are then missing from the results.
            if let Ok(done) = worker.join() {
                all.extend(done);
            }
        }
        all
    });
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, done)| done).collect()
}

/// Keep memory freed by one document for the next, instead of handing it back to the system
/// and faulting it in again: with glibc's defaults each document's large buffers (deflate
/// windows, font subsets) cost ≈ 2,200 page faults, a quarter of its CPU time in the kernel.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's thresholds; no memory is touched.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

fn render_one(renderer: &Renderer, job: &Job) -> Result<Written> {
    let output: Output = match &job.source {
        Source::File(path) => renderer.render_file(path)?,
        Source::Text { path, text } => renderer.render_text(path, text)?,
        Source::Failed { errors, .. } => return Err(errors.clone()),
    };
    let (docx, pdf) = renderer.write_with(
        &output,
        job.source.path(),
        &job.stem,
        crate::write::Durability::AtEnd,
    )?;
    let ofd = output.ofd.as_ref().map(|_| docx.with_extension("ofd"));
    Ok(Written {
        docx,
        pdf,
        ofd,
        warnings: output.warnings,
    })
}

/// Put every file the run wrote on the disk: once for the batch, not twice a document.
pub fn sync_written(done: &[Done]) -> Result<()> {
    let written: Vec<&Path> = done
        .iter()
        .filter_map(|d| d.outcome.as_ref().ok())
        .flat_map(|w| {
            [
                Some(w.docx.as_path()),
                Some(w.pdf.as_path()),
                w.ofd.as_deref(),
            ]
        })
        .flatten()
        .collect();
    crate::write::set::sync_at_end(&written).map_err(|e| {
        let folder = written
            .first()
            .and_then(|p| p.parent())
            .unwrap_or(Path::new("."));
        vec![
            crate::input::file::os_error(folder, "输出文件夹", "同步到磁盘", &e)
                .hint("文件已写出，但可能尚未存到磁盘；断电前请确认磁盘正常，必要时重新排版。"),
        ]
    })
}

/// Refuse, before anything is written, a run in which two jobs would write the same file
/// (`报告.yaml` in two folders with one `-o`, two records with one name) or a job's output would
/// replace an input of the run: a job's file, or one of `also_read` (the 名单, the template).
pub fn check_outputs(renderer: &Renderer, jobs: &[Job], also_read: &[&Path]) -> Result<()> {
    let mut errors = Vec::new();
    let mut first: HashMap<PathBuf, usize> = HashMap::new();
    let inputs: Vec<&Path> = jobs
        .iter()
        .filter_map(|j| match &j.source {
            Source::File(p) => Some(p.as_path()),
            _ => None,
        })
        .chain(also_read.iter().copied())
        .collect();
    // Each input's places looked up once (as `same_place` compares them), so a batch of n
    // documents costs n look-ups, not n² (2 million system calls for 1,000).
    let mut absolute: HashMap<PathBuf, &Path> = HashMap::new();
    let mut canonical: HashMap<PathBuf, &Path> = HashMap::new();
    for &input in &inputs {
        let [abs, canon] = places(input);
        if let Some(abs) = abs {
            absolute.entry(abs).or_insert(input);
        }
        if let Some(canon) = canon {
            canonical.entry(canon).or_insert(input);
        }
    }
    for (i, job) in jobs.iter().enumerate() {
        let (docx, pdf) = renderer.output_paths(job.source.path(), &job.stem);
        let key = std::path::absolute(&docx).unwrap_or_else(|_| docx.clone());
        if let Some(&earlier) = first.get(&key) {
            errors.push(
                Diagnostic::error(format!(
                    "「{}」与「{}」的输出文件同为 {}（及同名 .pdf）；整批未写出任何文件。",
                    job.label,
                    jobs[earlier].label,
                    docx.display()
                ))
                .hint("请改名，或分别用 -o 写到不同的文件夹；套打时请让命名字段的值各不相同。"),
            );
        } else {
            first.insert(key, i);
        }
        for out in [&docx, &pdf] {
            let [abs, canon] = places(out);
            let input = abs
                .and_then(|p| absolute.get(&p))
                .or_else(|| canon.and_then(|p| canonical.get(&p)));
            if let Some(input) = input {
                errors.push(crate::overwrites_input(out, input));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where `path` is, as [`crate::same_place`] compares two paths: its absolute form, and its
/// canonical form when it exists.
fn places(path: &Path) -> [Option<PathBuf>; 2] {
    [
        std::path::absolute(path).ok(),
        std::fs::canonicalize(path).ok(),
    ]
}
