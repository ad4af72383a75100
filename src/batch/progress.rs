//! What a batch shows while it runs: a progress bar on a terminal (none when stderr is piped),
//! each failed document's errors as it fails, and one summary line at the end.

use super::{Done, Job};
use crate::Renderer;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Instant;

/// How a batch went.
#[derive(Debug, Default)]
pub struct Summary {
    pub total: usize,
    pub written: usize,
    pub failed: usize,
    /// Documents written with warnings, by label.
    pub with_warnings: Vec<String>,
    /// The written files could not be synced to disk at the end (the error was printed).
    pub unsynced: bool,
}

impl Summary {
    /// The closing line: 共 20 份：已写出 19 份，失败 1 份。
    pub fn line(&self, seconds: f64, threads: usize) -> String {
        let mut line = format!(
            "共 {} 份：已写出 {} 份，失败 {} 份",
            self.total, self.written, self.failed
        );
        if !self.with_warnings.is_empty() {
            let shown: Vec<&str> = self
                .with_warnings
                .iter()
                .take(3)
                .map(String::as_str)
                .collect();
            let more = if self.with_warnings.len() > 3 {
                "等"
            } else {
                ""
            };
            line.push_str(&format!(
                "；{} 份有警告（{}{more}，可用 gongwen check 查看）",
                self.with_warnings.len(),
                shown.join("、")
            ));
        }
        line.push_str(&format!("。用时 {seconds:.2} 秒，{threads} 个线程。"));
        line
    }
}

/// Run `jobs` on `threads` threads with a progress bar, printing each failure's errors to
/// stderr as it happens; returns the tally and the closing line.
pub fn run(renderer: &Renderer, jobs: &[Job], threads: usize) -> (Summary, String) {
    let start = Instant::now();
    // Hidden by indicatif when stderr is not a terminal.
    let bar = ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} 份  已用 {elapsed}  尚需 {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let on_done = |done: &Done| {
        if let Err(errors) = &done.outcome {
            bar.suspend(|| {
                eprintln!("「{}」未能排版：", done.label);
                for e in errors {
                    eprintln!("{e}");
                }
            });
        }
        bar.inc(1);
    };
    let results = super::run(renderer, jobs, threads, &on_done);
    bar.finish_and_clear();
    let mut summary = Summary {
        total: results.len(),
        ..Summary::default()
    };
    if let Err(errors) = super::sync_written(&results) {
        for e in errors {
            eprintln!("{e}");
        }
        summary.unsynced = true;
    }
    for done in results {
        match done.outcome {
            Ok(written) => {
                summary.written += 1;
                if !written.warnings.is_empty() {
                    summary.with_warnings.push(done.label);
                }
            }
            Err(_) => summary.failed += 1,
        }
    }
    let line = summary.line(start.elapsed().as_secs_f64(), threads);
    (summary, line)
}
