//! Issue 7 benchmarks (criterion): each stage on the seed report, a generated 30-page
//! document, and 1,000 seed-sized documents in one batch. Run: `cargo bench --bench render`;
//! the whole-process numbers (wall time, peak RSS, PDF size) come from `scripts/bench.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen::batch::{self, Job, Source};
use gongwen::layout::{FontOptions, FontSet};
use gongwen::write::docx::DocxOptions;
use gongwen::write::pdf::FontCache;
use gongwen::{RenderOptions, Renderer};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_path() -> PathBuf {
    repo().join("samples/meijiang-2023-report.yaml")
}

fn options() -> RenderOptions {
    RenderOptions {
        fonts: FontOptions {
            fonts_dir: Some(repo().join("fonts")),
            bundled_only: true,
        },
        ..RenderOptions::default()
    }
}

fn compose(yaml: &[u8]) -> gongwen::compose::Composed {
    let loaded = gongwen::input::load_bytes(Path::new("seed.yaml"), yaml, &Default::default())
        .expect("the seed parses");
    let document =
        gongwen::model::resolve(loaded.draft, &loaded.source).expect("the seed resolves");
    gongwen::compose::compose(&document, None).expect("the seed composes")
}

/// The seed's body six times over: about 30 pages.
fn thirty_pages() -> String {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let start = seed.find("\nbody:").expect("the seed has a body");
    let start = start + seed[start + 1..].find('\n').expect("a line follows") + 2;
    let end = seed.find("\nclosing:").expect("the body ends") + 1;
    let (head, body, tail) = (&seed[..start], &seed[start..end], &seed[end..]);
    format!("{head}{}{tail}", body.repeat(6))
}

fn stages(c: &mut Criterion) {
    let yaml = std::fs::read(seed_path()).unwrap();
    let fonts = FontSet::resolve(&options().fonts).expect("the bundled fonts load");
    let composed = compose(&yaml);
    let (pages, _) = gongwen::layout::layout(&composed, &fonts);
    let cache = FontCache::default();

    let mut group = c.benchmark_group("seed");
    group.bench_function("parse+compose", |b| b.iter(|| compose(black_box(&yaml))));
    group.bench_function("layout", |b| {
        b.iter(|| gongwen::layout::layout(black_box(&composed), &fonts))
    });
    group.bench_function("pdf (faces parsed once)", |b| {
        b.iter(|| {
            gongwen::write::pdf::write_with(black_box(&pages), &cache, &Default::default()).unwrap()
        })
    });
    group.bench_function("pdf (faces parsed anew)", |b| {
        b.iter(|| gongwen::write::pdf::write(black_box(&pages), &Default::default()).unwrap())
    });
    group.bench_function("docx", |b| {
        b.iter(|| gongwen::write::docx::write(black_box(&pages), &DocxOptions::default()).unwrap())
    });
    group.finish();
}

fn whole_documents(c: &mut Criterion) {
    let renderer = Renderer::new(&options()).expect("the bundled fonts load");
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let long = thirty_pages();
    let mut group = c.benchmark_group("document");
    group.bench_function("seed, in memory", |b| {
        b.iter(|| {
            renderer
                .render_text(Path::new("seed.yaml"), black_box(&seed))
                .unwrap()
        })
    });
    group.sample_size(10);
    group.bench_function("30 pages, in memory", |b| {
        b.iter(|| {
            renderer
                .render_text(Path::new("long.yaml"), black_box(&long))
                .unwrap()
        })
    });
    group.finish();
}

fn thousand(c: &mut Criterion) {
    let out = std::env::temp_dir().join("gongwen-bench-batch");
    let _ = std::fs::remove_dir_all(&out);
    let renderer = Renderer::new(&RenderOptions {
        out_dir: Some(out.clone()),
        ..options()
    })
    .expect("the bundled fonts load");
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let jobs: Vec<Job> = (0..1000)
        .map(|i| Job {
            label: format!("{i}"),
            source: Source::Text {
                path: seed_path(),
                text: seed.clone(),
            },
            stem: format!("doc{i:04}").into(),
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("1000 seed documents, written", |b| {
        b.iter(|| {
            let done = batch::run(&renderer, &jobs, threads, &|_| {});
            assert!(done.iter().all(|d| d.outcome.is_ok()));
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, stages, whole_documents, thousand);
criterion_main!(benches);
