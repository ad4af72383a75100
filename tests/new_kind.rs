//! `gongwen new KIND > x.yaml && gongwen render x.yaml` works for every kind (issue 5).

mod common;
use common::*;

#[test]
fn every_starter_renders_as_it_is() {
    for (kind, title) in [
        ("决议", "的决议"),
        ("决定", "的决定"),
        ("命令", "人民政府令"),
        ("公报", "会议公报"),
        ("公告", "的公告"),
        ("通告", "的通告"),
        ("意见", "的意见"),
        ("通知", "的通知"),
        ("通报", "的通报"),
        ("报告", "的报告"),
        ("请示", "的请示"),
        ("批复", "的批复"),
        ("议案", "的议案"),
        ("函", "的函"),
        ("纪要", "会议纪要"),
    ] {
        let o = gongwen(&["new", kind]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let yaml = String::from_utf8(o.stdout).unwrap();
        assert!(
            yaml.contains(&format!("kind: {kind}")) && yaml.contains("# "),
            "a commented starter for {kind}"
        );
        let dir = scratch(&format!("new-{}", kind.escape_unicode()));
        let input = dir.join("x.yaml");
        std::fs::write(&input, yaml).unwrap();
        let (_, pdf) = render(&input, &format!("new-out-{}", kind.escape_unicode()));
        assert!(pdf_text(&pdf).contains(title), "{kind}");
        let check = gongwen(&["check", input.to_str().unwrap()]);
        assert!(
            check.status.success(),
            "{kind}: the starter passes check: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

#[test]
fn an_unknown_kind_is_refused_with_the_list() {
    let o = gongwen(&["new", "简报"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("「简报」")
            && err.contains("决议、决定、命令、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要"),
        "{err}"
    );
}
