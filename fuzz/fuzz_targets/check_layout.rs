//! YAML bytes → input → check → model → compose → layout, writing nothing. Any panic is a bug:
//! gongwen must answer every input with a document or Chinese diagnostics.
#![no_main]

use gongwen::check::{self, CheckOptions};
use gongwen::input::{self, InputOptions};
use gongwen::layout::{FontOptions, FontSet};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        let options = FontOptions {
            fonts_dir: None,
            bundled_only: true,
        };
        // The bundled fonts ship with the source tree; without them nothing can be tested.
        FontSet::resolve(&options).expect("bundled fonts in fonts/")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = input::load_bytes(Path::new("fuzz.yaml"), data, &InputOptions::default())
    else {
        return;
    };
    let options = CheckOptions {
        today: gongwen::model::IssueDate::new(2024, 6, 1),
        fonts: Some(fonts()),
    };
    let findings = check::check(&loaded, &options);
    for d in &findings {
        // Every finding is placed and printable.
        assert!(d.location.is_some(), "{d}");
        let _ = d.to_string();
    }
    // The fix must keep the file readable.
    let (fixed, _) = check::fix::fixed_text(&loaded);
    let again = input::load_bytes(
        Path::new("fuzz.yaml"),
        fixed.as_bytes(),
        &InputOptions::default(),
    );
    assert!(again.is_ok(), "the fixed text no longer parses");
    let Ok(document) = gongwen::model::resolve(loaded.draft, &loaded.source) else {
        return;
    };
    let Ok(composed) = gongwen::compose::compose(&document, None) else {
        return;
    };
    let _ = gongwen::layout::layout(&composed, fonts());
});
