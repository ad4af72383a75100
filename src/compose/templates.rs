//! The Tera templates, one per 文种, found at run time so an office can edit its own wording.
//!
//! A template holds only wording: each *slot* is a Tera component that returns one piece of
//! text (`{% component closing() %}特此报告。{% endcomponent closing %}`). The kind's own
//! slots (title pattern, closing, 署名) are in `<kind>.tera`; the labels every kind shares
//! (附件, 抄送, 印发, 签发人, 出席…) in `common.tera`. Slots are checked when loaded: a template
//! that lacks one, or defines it with other arguments, is an error naming the file and the slot.
//!
//! Search order for each file: the `--templates` folder, `$GONGWEN_TEMPLATES`, a `templates/`
//! folder beside the executable or one level up (an unpacked release), the source tree's
//! `templates/`, and last the copy built into the binary. With `--templates`, the kind's file
//! must be in that folder; `common.tera` falls back to the built-in copy.

use crate::diag::{Diagnostic, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Templates compiled in, used when no folder on disk has the file.
const BUILT_IN: &[(&str, &str)] = &[
    ("common", include_str!("../../templates/common.tera")),
    (
        "resolution",
        include_str!("../../templates/resolution.tera"),
    ),
    ("decision", include_str!("../../templates/decision.tera")),
    ("order", include_str!("../../templates/order.tera")),
    (
        "communique",
        include_str!("../../templates/communique.tera"),
    ),
    (
        "announcement",
        include_str!("../../templates/announcement.tera"),
    ),
    (
        "public_notice",
        include_str!("../../templates/public_notice.tera"),
    ),
    ("opinion", include_str!("../../templates/opinion.tera")),
    ("notice", include_str!("../../templates/notice.tera")),
    ("bulletin", include_str!("../../templates/bulletin.tera")),
    ("report", include_str!("../../templates/report.tera")),
    ("request", include_str!("../../templates/request.tera")),
    ("reply", include_str!("../../templates/reply.tera")),
    ("motion", include_str!("../../templates/motion.tera")),
    ("letter", include_str!("../../templates/letter.tera")),
    ("minutes", include_str!("../../templates/minutes.tera")),
];

/// Starter YAML files for `gongwen new`, in `templates/starters/<kind>.yaml`.
const BUILT_IN_STARTERS: &[(&str, &str)] = &[
    (
        "resolution",
        include_str!("../../templates/starters/resolution.yaml"),
    ),
    (
        "decision",
        include_str!("../../templates/starters/decision.yaml"),
    ),
    ("order", include_str!("../../templates/starters/order.yaml")),
    (
        "communique",
        include_str!("../../templates/starters/communique.yaml"),
    ),
    (
        "announcement",
        include_str!("../../templates/starters/announcement.yaml"),
    ),
    (
        "public_notice",
        include_str!("../../templates/starters/public_notice.yaml"),
    ),
    (
        "opinion",
        include_str!("../../templates/starters/opinion.yaml"),
    ),
    (
        "notice",
        include_str!("../../templates/starters/notice.yaml"),
    ),
    (
        "bulletin",
        include_str!("../../templates/starters/bulletin.yaml"),
    ),
    (
        "report",
        include_str!("../../templates/starters/report.yaml"),
    ),
    (
        "request",
        include_str!("../../templates/starters/request.yaml"),
    ),
    ("reply", include_str!("../../templates/starters/reply.yaml")),
    (
        "motion",
        include_str!("../../templates/starters/motion.yaml"),
    ),
    (
        "notice-forward",
        include_str!("../../templates/starters/notice-forward.yaml"),
    ),
    (
        "letter",
        include_str!("../../templates/starters/letter.yaml"),
    ),
    (
        "minutes",
        include_str!("../../templates/starters/minutes.yaml"),
    ),
];

/// The most text one slot may produce: a slot words one line or title, never a document.
const MAX_SLOT_CHARS: usize = 2_000;

/// A named piece of wording a template supplies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// 标题 built from the 事由: `title(subject)`.
    Title,
    /// The kind's usual 结束语, empty for none: `closing()`.
    Closing,
    /// How an issuing body signs: `signature(name)`.
    Signature,
    /// 附件 (附件说明's label and each 附件's mark): `attachment_label()`.
    AttachmentLabel,
    /// 抄送 (版记): `copy_to_label()`.
    CopyToLabel,
    /// The 印发日期 with its word: `print_date(date)`.
    PrintDate,
    /// 签发人 (版头 of a 上行文): `signer_label()`.
    SignerLabel,
    /// 出席 (纪要): `present_label()`.
    Present,
    /// 请假 (纪要): `on_leave_label()`.
    OnLeave,
    /// 列席 (纪要): `observers_label()`.
    Observers,
    /// The bracketed line of a 决议, 决定 or 公报 adopted by a meeting:
    /// `adoption(date, meeting)`.
    Adoption,
    /// 主送 (the 主送机关 moved to the 版记): `recipients_label()`.
    RecipientsLabel,
}

impl Slot {
    /// Every slot, in the order templates list them.
    pub const ALL: [Slot; 12] = [
        Slot::Title,
        Slot::Closing,
        Slot::Signature,
        Slot::AttachmentLabel,
        Slot::CopyToLabel,
        Slot::PrintDate,
        Slot::SignerLabel,
        Slot::Present,
        Slot::OnLeave,
        Slot::Observers,
        Slot::Adoption,
        Slot::RecipientsLabel,
    ];

    /// The component's name in the template.
    pub fn name(self) -> &'static str {
        match self {
            Slot::Title => "title",
            Slot::Closing => "closing",
            Slot::Signature => "signature",
            Slot::AttachmentLabel => "attachment_label",
            Slot::CopyToLabel => "copy_to_label",
            Slot::PrintDate => "print_date",
            Slot::SignerLabel => "signer_label",
            Slot::Present => "present_label",
            Slot::OnLeave => "on_leave_label",
            Slot::Observers => "observers_label",
            Slot::Adoption => "adoption",
            Slot::RecipientsLabel => "recipients_label",
        }
    }

    /// The arguments the component takes.
    pub fn args(self) -> &'static [&'static str] {
        match self {
            Slot::Title => &["subject"],
            Slot::Signature => &["name"],
            Slot::PrintDate => &["date"],
            Slot::Adoption => &["date", "meeting"],
            _ => &[],
        }
    }

    /// Whether the kind's own template must define it (the rest are in `common.tera`).
    fn is_kind_slot(self) -> bool {
        matches!(self, Slot::Title | Slot::Closing | Slot::Signature)
    }

    /// Whether the slot may produce no text (a kind without a usual 结束语).
    fn may_be_empty(self) -> bool {
        self == Slot::Closing
    }
}

/// One template file's text and where it came from.
pub struct Template {
    pub name: String,
    pub text: String,
    /// `None` for a built-in template.
    pub path: Option<PathBuf>,
}

impl Template {
    /// How messages name it: its path, or 内置模板 report.tera.
    pub fn describe(&self) -> String {
        self.path.as_ref().map_or_else(
            || format!("内置模板 {}.tera", self.name),
            |p| p.display().to_string(),
        )
    }
}

/// A kind's wording, loaded and checked: fill a slot with [`Wording::fill`].
pub struct Wording {
    tera: Arc<tera::Tera>,
    /// A slot ran past its time and was given up on: the wording is not run again.
    stalled: AtomicBool,
    kind: Template,
    common: Template,
}

impl Wording {
    /// Load `<kind>.tera` and `common.tera` and check that every slot is there with its
    /// arguments.
    pub fn load(kind: &str, explicit: Option<&Path>) -> Result<Wording> {
        let kind = find(kind, explicit)?;
        let common = find_or_built_in("common", explicit)?;
        let mut tera = tera::Tera::default();
        for t in [&common, &kind] {
            if let Some((line, what)) = unbounded_construct(&t.text) {
                return Err(vec![
                    Diagnostic::error(format!(
                        "模板 {} 第 {line} 行用了{what}；模板只写文字，不能用它。",
                        t.describe()
                    ))
                    .hint("请删去它，或对照 templates/ 中的原始模板改回。"),
                ]);
            }
            tera.add_raw_template(&format!("{}.tera", t.name), &t.text)
                .map_err(|e| {
                    vec![
                        Diagnostic::error(format!(
                            "模板 {} 无法读取：{}",
                            t.describe(),
                            tera_message(&e)
                        ))
                        .hint("请对照 templates/ 中的原始模板检查 {% %} 与 {{ }} 是否成对。"),
                    ]
                })?;
        }
        let wording = Wording {
            tera: Arc::new(tera),
            stalled: AtomicBool::new(false),
            kind,
            common,
        };
        let errors: Vec<Diagnostic> = Slot::ALL
            .iter()
            .filter_map(|&slot| wording.check_slot(slot))
            .collect();
        if errors.is_empty() {
            Ok(wording)
        } else {
            Err(errors)
        }
    }

    /// The file a slot belongs in.
    fn home(&self, slot: Slot) -> &Template {
        if slot.is_kind_slot() {
            &self.kind
        } else {
            &self.common
        }
    }

    /// A missing slot, or one whose arguments differ from what gongwen passes.
    fn check_slot(&self, slot: Slot) -> Option<Diagnostic> {
        let home = self.home(slot).describe();
        let signature = format!("{}({})", slot.name(), slot.args().join(", "));
        let example = format!(
            "{{% component {signature} %}}……{{% endcomponent {} %}}",
            slot.name()
        );
        let Some(def) = self.tera.get_component_definition(slot.name()) else {
            return Some(
                Diagnostic::error(format!("模板 {home} 缺少「{}」一项。", slot.name()))
                    .hint(format!("请在模板中补上：{example}")),
            );
        };
        let mut args: Vec<&str> = def.args().iter().map(|a| a.name()).collect();
        args.sort_unstable();
        let mut want = slot.args().to_vec();
        want.sort_unstable();
        (args != want).then(|| {
            Diagnostic::error(format!(
                "模板 {home} 中「{}」的参数应为（{}），这里是（{}）。",
                slot.name(),
                slot.args().join(", "),
                args.join(", ")
            ))
            .hint(format!("请写成：{example}"))
        })
    }

    /// The slot's text with `args` filled in, trimmed.
    pub fn fill(&self, slot: Slot, args: &[(&str, &str)]) -> Result<String> {
        let mut context = tera::Context::new();
        for (name, value) in args {
            context.insert((*name).to_owned(), value);
        }
        let home = self.home(slot).describe();
        let stopped = |over: &str| {
            vec![
                Diagnostic::error(format!("模板 {home} 的「{}」{over}，已停止。", slot.name()))
                    .hint(
                        "模板只写一行文字；请删去其中的循环，或对照 templates/ 中的原始模板改回。",
                    ),
            ]
        };
        if self.stalled.load(Ordering::Relaxed) {
            return Err(stopped(&stall_message()));
        }
        // On a thread of its own, so a loop that writes nothing (which the budget never sees)
        // is given up on after MAX_SLOT_WAIT; that thread is left to the process's end, and
        // this wording is not run again.
        let tera = Arc::clone(&self.tera);
        let name = slot.name();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut out = Budget::new();
            let rendered = tera
                .render_component_to(name, &context, None, false, &mut out)
                .map_err(|e| tera_message(&e));
            let _ = send.send((rendered, out));
        });
        let (rendered, out) = match receive.recv_timeout(MAX_SLOT_WAIT) {
            Ok(done) => done,
            Err(_) => {
                self.stalled.store(true, Ordering::Relaxed);
                return Err(stopped(&stall_message()));
            }
        };
        if let Some(over) = out.exceeded {
            return Err(stopped(&over));
        }
        rendered.map_err(|e| {
            vec![Diagnostic::error(format!(
                "模板 {home} 的「{}」出错：{e}",
                slot.name(),
            ))]
        })?;
        let text = String::from_utf8_lossy(&out.bytes).trim().to_owned();
        if text.is_empty() && !slot.may_be_empty() {
            return Err(vec![
                Diagnostic::error(format!("模板 {home} 的「{}」没有写出文字。", slot.name()))
                    .hint("这一项不能为空；请对照 templates/ 中的原始模板改回。"),
            ]);
        }
        if text.chars().count() > MAX_SLOT_CHARS || text.contains(['\n', '\r']) {
            return Err(vec![
                Diagnostic::error(format!(
                    "模板 {home} 的「{}」写出的文字过长或含换行。",
                    slot.name()
                ))
                .hint(format!(
                    "每一项只写一行文字（不超过 {MAX_SLOT_CHARS} 字）；排版由 gongwen 完成。"
                )),
            ]);
        }
        Ok(text)
    }
}

/// The first construct in a template's tags whose work has no bound the slot budget can see:
/// `set_global` (a loop that doubles a string holds gigabytes within the time budget) and a
/// component called from a component (recursion with growing arguments does the same). The
/// built-in templates use neither. (line, what) of the first.
fn unbounded_construct(text: &str) -> Option<(usize, &'static str)> {
    let mut rest = text;
    let mut offset = 0;
    while let Some(at) = rest.find('{') {
        let tag = &rest[at..];
        let inner = tag
            .strip_prefix("{%")
            .or_else(|| tag.strip_prefix("{{"))
            .map(|t| t.trim_start_matches('-').trim_start());
        let what = match inner {
            Some(t) if t.starts_with("set_global") => Some("全局变量（set_global）"),
            Some(t) if t.starts_with('<') => Some("组件调用（<…/>）"),
            _ => None,
        };
        if let Some(what) = what {
            let line = text[..offset + at].matches('\n').count() + 1;
            return Some((line, what));
        }
        offset += at + 1;
        rest = &rest[at + 1..];
    }
    None
}

/// Why a slot that never returned was given up on.
fn stall_message() -> String {
    format!(
        "运行超过 {} 秒仍未写完（可能是不写文字的循环）",
        MAX_SLOT_WAIT.as_secs()
    )
}

/// Where a component writes: stops it (with an error Tera passes back) once it has written
/// more than [`MAX_SLOT_BYTES`] or run longer than [`MAX_SLOT_TIME`], so an office template with
/// a runaway loop ends in a message, not minutes and gigabytes. (Time is looked at on each
/// write; a loop that writes nothing is given up on by [`Wording::fill`]'s wait.)
struct Budget {
    bytes: Vec<u8>,
    started: std::time::Instant,
    exceeded: Option<String>,
}

/// The most a slot may write before it is stopped: far above [`MAX_SLOT_CHARS`] of UTF-8.
const MAX_SLOT_BYTES: usize = 64 * 1024;
/// The longest a slot may run: filling one line takes microseconds.
const MAX_SLOT_TIME: std::time::Duration = std::time::Duration::from_secs(2);
/// How long a slot is waited for at all, writing or not.
const MAX_SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

impl Budget {
    fn new() -> Budget {
        Budget {
            bytes: Vec::new(),
            started: std::time::Instant::now(),
            exceeded: None,
        }
    }
}

impl std::io::Write for Budget {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_SLOT_BYTES {
            self.exceeded = Some(format!("写出的文字超过 {MAX_SLOT_BYTES} 字节"));
        } else if self.started.elapsed() > MAX_SLOT_TIME {
            self.exceeded = Some(format!("运行超过 {} 秒", MAX_SLOT_TIME.as_secs()));
        }
        if self.exceeded.is_some() {
            return Err(std::io::Error::other("template budget exceeded"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn tera_message(e: &tera::Error) -> String {
    use std::error::Error;
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push('：');
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// The commented starter YAML for a kind, from the template folders or the built-in copy.
pub fn starter(name: &str, explicit: Option<&Path>) -> Result<String> {
    let file = Path::new("starters").join(format!("{name}.yaml"));
    for dir in search_dirs(explicit) {
        if let Ok(text) = std::fs::read_to_string(dir.join(&file)) {
            return Ok(text);
        }
    }
    BUILT_IN_STARTERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_owned())
        .ok_or_else(|| vec![Diagnostic::error(format!("没有 {name} 的起步模板。"))])
}

/// Where templates are looked for, in order.
pub fn search_dirs(explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = explicit {
        dirs.push(dir.to_owned());
        return dirs;
    }
    if let Some(dir) = std::env::var_os("GONGWEN_TEMPLATES") {
        dirs.push(PathBuf::from(dir));
    }
    dirs.extend(crate::resources::beside_executable("templates"));
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"));
    dirs
}

/// `<name>.tera` from the first folder that has it.
fn on_disk(name: &str, explicit: Option<&Path>) -> Result<Option<Template>> {
    let file = format!("{name}.tera");
    for dir in search_dirs(explicit) {
        let path = dir.join(&file);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                vec![Diagnostic::error(format!("无法读取模板：{e}")).in_file(&path)]
            })?;
            return Ok(Some(Template {
                name: name.to_owned(),
                text,
                path: Some(path),
            }));
        }
    }
    Ok(None)
}

fn built_in(name: &str) -> Result<Template> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| Template {
            name: name.to_owned(),
            text: (*text).to_owned(),
            path: None,
        })
        .ok_or_else(|| vec![Diagnostic::error(format!("没有文种模板 {name}.tera。"))])
}

/// Find `<name>.tera`. With an explicit folder, the file must be there.
pub fn find(name: &str, explicit: Option<&Path>) -> Result<Template> {
    if let Some(t) = on_disk(name, explicit)? {
        return Ok(t);
    }
    if let Some(dir) = explicit {
        let file = format!("{name}.tera");
        return Err(vec![
            Diagnostic::error(format!("模板文件夹中没有 {file}。"))
                .in_file(dir)
                .hint(format!(
                    "请把 {file} 放进该文件夹，或去掉 --templates 使用内置模板。"
                )),
        ]);
    }
    built_in(name)
}

/// `<name>.tera` from the folders, else the built-in copy.
fn find_or_built_in(name: &str, explicit: Option<&Path>) -> Result<Template> {
    match on_disk(name, explicit)? {
        Some(t) => Ok(t),
        None => built_in(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_variables_and_component_calls_are_found_with_their_line() {
        let text = "{% component closing() %}\n特此报告。\n{%- set_global s = s ~ s %}{% endcomponent closing %}";
        assert_eq!(
            unbounded_construct(text),
            Some((3, "全局变量（set_global）"))
        );
        let call = "{% component title(subject) %}{{ <title subject={subject ~ subject}/> }}";
        assert_eq!(unbounded_construct(call), Some((1, "组件调用（<…/>）")));
        for name in [
            "common", "report", "notice", "request", "letter", "minutes", "order",
        ] {
            let text = super::built_in(name).unwrap().text;
            assert_eq!(unbounded_construct(&text), None, "{name}");
        }
    }

    #[test]
    fn every_built_in_kind_fills_every_slot() {
        for kind in crate::model::DocumentKind::ALL {
            let w = Wording::load(kind.template_name(), None).unwrap();
            let title = w.fill(Slot::Title, &[("subject", "某事")]).unwrap();
            assert!(title.contains("某事"), "{title}");
            assert!(
                !w.fill(Slot::Signature, &[("name", "某局")])
                    .unwrap()
                    .is_empty()
            );
            assert_eq!(w.fill(Slot::AttachmentLabel, &[]).unwrap(), "附件");
        }
    }

    #[test]
    fn a_template_without_a_slot_is_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("gongwen-slot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = built_in("report").unwrap().text;
        let start = text.find("{% component signature").unwrap();
        let end = text.find("{% endcomponent signature %}").unwrap() + 28;
        std::fs::write(
            dir.join("report.tera"),
            format!("{}{}", &text[..start], &text[end..]),
        )
        .unwrap();
        let err = Wording::load("report", Some(&dir)).err().unwrap();
        assert_eq!(err.len(), 1);
        assert!(err[0].message.contains("report.tera"), "{}", err[0]);
        assert!(err[0].message.contains("「signature」"), "{}", err[0]);
        std::fs::remove_dir_all(&dir).ok();
    }
}
