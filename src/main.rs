//! The `gongwen` command: parse the arguments, run, print diagnostics, and decide the exit
//! code in one place ([`exit_code`]) — 0 done (warnings allowed), 1 findings under
//! `check --strict`, 2 input errors (nothing written).

use clap::{Args, Parser, Subcommand, ValueEnum};
use gongwen::batch::{self, progress, records};
use gongwen::check::{self, RunOptions};
use gongwen::diag::Diagnostic;
use gongwen::input::{EncodingChoice, InputOptions};
use gongwen::layout::FontOptions;
use gongwen::model::IssueDate;
use gongwen::write::docx::{DocxOptions, FontNames};
use gongwen::write::ofd::OfdOutput;
use gongwen::write::pdf::{PdfOptions, PdfStandard};
use gongwen::{RenderOptions, Renderer, Writers, render};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 公文生成工具：把 YAML 写成的公文按 GB/T 9704-2012 排成 DOCX 和 PDF。
#[derive(Parser)]
#[command(name = "gongwen", version, about, long_about = None)]
#[command(
    after_help = "退出码：0 成功（可能有警告）；1 check --strict 发现问题；2 输入有误或无法运行，未写出任何文件（批量排版时：有输入失败，其余照常写出）。"
)]
// Help in Chinese throughout: headings, usage line, and the help and version flags.
#[command(
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    next_help_heading = "选项",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助。
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本。
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

/// The layout of every help page, with Chinese labels.
const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Subcommand)]
enum Command {
    /// 排版一份公文，写出同名的 .docx 和 .pdf（加 --ofd 时还写出 .ofd）。
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "选项",
        override_usage = "gongwen render [选项] <文件或文件夹>..."
    )]
    Render {
        /// 公文的 YAML 文件；可以列出多个文件或文件夹（批量排版：文件夹中的每个 .yaml/.yml）。
        #[arg(required = true, value_name = "文件或文件夹")]
        files: Vec<PathBuf>,
        /// 套打：用名单（.csv 或 .yaml）中的每条记录填写模板中的 ${字段}，每条记录排一份公文。
        #[arg(long, value_name = "名单")]
        records: Option<PathBuf>,
        /// 套打时用这个字段的值作输出文件名（默认：模板名-0001、-0002……）。
        #[arg(long, value_name = "字段", requires = "records")]
        name_field: Option<String>,
        /// 批量排版的线程数（默认：本机的核数）。
        #[arg(short = 'j', long, value_name = "数目")]
        jobs: Option<usize>,
        /// 输出文件夹（默认与 YAML 文件同一文件夹）。
        #[arg(short = 'o', long = "out", value_name = "目录")]
        out: Option<PathBuf>,
        /// 使用本单位自己的模板文件夹（内含 report.tera 等）。
        #[arg(long, value_name = "目录")]
        templates: Option<PathBuf>,
        /// 随附字体所在的文件夹（默认：环境变量 GONGWEN_FONTS，或程序旁的 fonts/）。
        #[arg(long, value_name = "目录")]
        fonts: Option<PathBuf>,
        /// 只用随附的开源字体，不用本机安装的字体（输出在任何机器上都相同）。
        #[arg(long)]
        bundled_fonts: bool,
        /// DOCX 中使用字体名「仿宋」「楷体」，而不是「仿宋_GB2312」「楷体_GB2312」（本机只有 Windows 自带字体时用）。
        #[arg(long)]
        plain_font_names: bool,
        /// PDF 遵循的标准：a-2u（默认，PDF/A-2u 归档格式，文字可检索）、a-2a（PDF/A-2a，另带标题、各级标题、段落的结构标记，供读屏软件和重排使用）、a-2b（PDF/A-2b）、none（普通 PDF）。
        #[arg(long, value_enum, value_name = "标准", hide_possible_values = true)]
        pdf_standard: Option<PdfStandardArg>,
        /// 同时写出 OFD 版式文件（GB/T 33190-2016，与 PDF 版面相同，内嵌字体子集；档案、电子公文系统用）。三个文件一起替换。
        #[arg(long)]
        ofd: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// 检查一份公文的 YAML：错误、手写序号、半角标点、日期等，不写出任何文件。
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "选项",
        override_usage = "gongwen check [选项] <文件>"
    )]
    Check {
        /// 公文的 YAML 文件。
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 有任何警告时以退出码 1 结束（供 CI 使用）。
        #[arg(long)]
        strict: bool,
        /// 先自动改正能改的问题（半角标点、控制字符），直接改写 YAML 文件，注释和排版不变。
        #[arg(long)]
        fix: bool,
        /// 输出格式：text（给人看）或 json（给编辑器和 CI）。
        #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Text, hide_default_value = true, hide_possible_values = true)]
        format: Format,
        /// 随附字体所在的文件夹（用于检查缺字）。
        #[arg(long, value_name = "目录")]
        fonts: Option<PathBuf>,
        /// 只用随附的开源字体检查缺字。
        #[arg(long)]
        bundled_fonts: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// 输出一个文种的起步 YAML（带中文注释，可直接排版），例如：gongwen new 报告 > 报告.yaml
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "选项",
        override_usage = "gongwen new [选项] <文种>"
    )]
    New {
        /// 文种：报告、请示、通知、函、纪要。
        #[arg(value_name = "文种")]
        kind: String,
        /// 使用本单位自己的模板文件夹（其中 starters/ 下的起步文件优先）。
        #[arg(long, value_name = "目录")]
        templates: Option<PathBuf>,
        /// 转发、印发、批转其他公文的通知（被转发的公文排在署名之后）。
        #[arg(long)]
        forward: bool,
    },
    /// 从已有公文的纯文本（网页、Word 复制的全文）识别结构，写成 YAML。
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "选项",
        override_usage = "gongwen import [选项] <文本文件>"
    )]
    Import {
        /// 公文全文的纯文本文件（UTF-8 或 GBK）。
        #[arg(value_name = "文本文件")]
        file: PathBuf,
        /// 写入这个 YAML 文件（不覆盖已有文件）；不写则输出到屏幕。
        #[arg(short = 'o', long = "out", value_name = "YAML文件")]
        out: Option<PathBuf>,
    },
    /// 自动改正 YAML 中能改的问题（同 check --fix）。
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "选项",
        override_usage = "gongwen fix [选项] <文件>"
    )]
    Fix {
        /// 公文的 YAML 文件。
        #[arg(value_name = "文件")]
        file: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
}

/// How to read the YAML.
#[derive(Args)]
struct ReadArgs {
    /// 文件编码：auto（默认，自动识别 UTF-8 与 GBK）、utf-8、gbk 或 gb18030。
    #[arg(long, value_name = "编码", default_value = "auto", hide_default_value = true, value_parser = parse_encoding)]
    encoding: EncodingChoice,
}

fn parse_encoding(name: &str) -> Result<EncodingChoice, String> {
    EncodingChoice::parse(name)
        .ok_or_else(|| format!("不认识的编码「{name}」；可用：auto、utf-8、gbk、gb18030"))
}

/// `--pdf-standard`'s values.
#[derive(Clone, Copy, ValueEnum)]
enum PdfStandardArg {
    None,
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "a-2u")]
    A2u,
    #[value(name = "a-2a")]
    A2a,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    match cli.command {
        Command::Render {
            files,
            records,
            name_field,
            jobs,
            out,
            templates,
            fonts,
            bundled_fonts,
            plain_font_names,
            pdf_standard,
            ofd,
            read,
        } => {
            let options = RenderOptions {
                out_dir: out,
                templates_dir: templates,
                fonts: FontOptions {
                    fonts_dir: fonts,
                    bundled_only: bundled_fonts,
                },
                input: InputOptions {
                    encoding: read.encoding,
                },
                today: today(),
                docx: DocxOptions {
                    font_names: if plain_font_names {
                        FontNames::Plain
                    } else {
                        FontNames::Gb2312
                    },
                },
                pdf: PdfOptions {
                    standard: match pdf_standard {
                        Some(PdfStandardArg::None) => PdfStandard::None,
                        Some(PdfStandardArg::A2b) => PdfStandard::A2b,
                        Some(PdfStandardArg::A2u) | None => PdfStandard::A2u,
                        Some(PdfStandardArg::A2a) => PdfStandard::A2a,
                    },
                },
                ofd: if ofd {
                    OfdOutput::Write
                } else {
                    OfdOutput::Skip
                },
            };
            let batch = Batch {
                records,
                name_field,
                jobs,
            };
            if files.len() > 1 || files[0].is_dir() || batch.records.is_some() {
                return run_batch(&files, &options, &batch, read.encoding);
            }
            let file = &files[0];
            if options.ofd == OfdOutput::Skip {
                one_heap();
            }
            match render(file, &options) {
                Ok(done) => {
                    for w in &done.warnings {
                        eprintln!("{w}");
                    }
                    if !done.warnings.is_empty() {
                        eprintln!("共 {} 条警告（不影响写出）。", done.warnings.len());
                    }
                    println!("已写出：{}", done.docx.display());
                    println!("已写出：{}", done.pdf.display());
                    if let Some(ofd) = &done.ofd {
                        println!("已写出：{}", ofd.display());
                    }
                    println!("字体：");
                    for line in &done.fonts {
                        println!("  {line}");
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    eprintln!("共 {} 个错误，未写出任何文件。", errors.len());
                    exit_code(Outcome::of(&errors), false)
                }
            }
        }
        Command::Check {
            file,
            strict,
            fix,
            format,
            fonts,
            bundled_fonts,
            read,
        } => {
            let options = RunOptions {
                input: InputOptions {
                    encoding: read.encoding,
                },
                fonts: Some(FontOptions {
                    fonts_dir: fonts,
                    bundled_only: bundled_fonts,
                }),
                today: today(),
                fix,
            };
            run_check(&file, &options, format, strict)
        }
        Command::New {
            kind,
            templates,
            forward,
        } => {
            let form = if forward {
                gongwen::StarterForm::Forwarding
            } else {
                gongwen::StarterForm::Plain
            };
            match gongwen::starter_form(&kind, form, templates.as_deref()) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    ExitCode::from(2)
                }
            }
        }
        Command::Import { file, out } => import(&file, out.as_deref()),
        Command::Fix { file, read } => {
            let options = RunOptions {
                input: InputOptions {
                    encoding: read.encoding,
                },
                fonts: None,
                today: today(),
                fix: true,
            };
            run_check(&file, &options, Format::Text, false)
        }
    }
}

/// `gongwen import`: the YAML to `out` (never over an existing file) or to the screen; what
/// was guessed to standard error.
fn import(file: &Path, out: Option<&Path>) -> ExitCode {
    let stem = out
        .and_then(|o| o.file_stem())
        .map_or_else(|| "导入".to_owned(), |s| s.to_string_lossy().into_owned());
    let imported = match gongwen::import::import(file, &stem) {
        Ok(i) => i,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            return ExitCode::from(2);
        }
    };
    for note in &imported.notes {
        eprintln!("说明：{note}");
    }
    let Some(out) = out else {
        if !imported.files.is_empty() {
            eprintln!("说明：原文有印章图片；用 -o 写出 YAML 时会一并写出图片文件。");
        }
        print!("{}", imported.yaml);
        return ExitCode::SUCCESS;
    };
    let dir = out.parent().unwrap_or(Path::new(""));
    let mut files: Vec<(PathBuf, &[u8])> = vec![(out.to_owned(), imported.yaml.as_bytes())];
    files.extend(
        imported
            .files
            .iter()
            .map(|(name, bytes)| (dir.join(name), bytes.as_slice())),
    );
    if let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
        eprintln!(
            "{}",
            Diagnostic::error("输出文件已存在，没有覆盖它，也没有写出任何文件。")
                .in_file(existing)
                .hint("请换一个文件名，或先移走原文件。")
        );
        return ExitCode::from(2);
    }
    if !dir.as_os_str().is_empty()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "{}",
            Diagnostic::error(format!("无法创建输出文件夹：{e}")).in_file(dir)
        );
        return ExitCode::from(2);
    }
    let refs: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    match gongwen::write::write_all_atomically(&refs) {
        Ok(()) => {
            println!("已写出 {}", out.display());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            ExitCode::from(2)
        }
    }
}

fn run_check(file: &Path, options: &RunOptions, format: Format, strict: bool) -> ExitCode {
    use std::fmt::Write as _;
    let outcome = check::run(file, options);
    let all = &outcome.diagnostics;
    let mut text = String::new();
    match format {
        Format::Json => {
            let mut report = check::json::report(file, all);
            if let Some(fixed) = &outcome.fixed {
                report["fixed"] = fixed.punctuation.into();
            }
            let _ = writeln!(text, "{report}");
        }
        Format::Text => {
            for d in all {
                let _ = writeln!(text, "{d}\n");
            }
            if let Some(fixed) = &outcome.fixed {
                let _ = match (fixed.written, fixed.punctuation) {
                    (false, _) => writeln!(text, "没有需要自动改正的地方。"),
                    (true, 0) => writeln!(text, "已改写 {}：清除了控制字符。", file.display()),
                    (true, n) => {
                        writeln!(text, "已改写 {}：改正了 {n} 处半角标点。", file.display())
                    }
                };
            }
            let errors = all.iter().filter(|d| d.is_error()).count();
            let warnings = all.len() - errors;
            let _ = match (errors, warnings) {
                (0, 0) => writeln!(text, "{}：没有发现问题。", file.display()),
                (0, w) => writeln!(text, "{}：共 {w} 条警告。", file.display()),
                (e, w) => writeln!(
                    text,
                    "{}：共 {e} 个错误、{w} 条警告；有错误时无法排版。",
                    file.display()
                ),
            };
        }
    }
    // A closed pipe (`gongwen check … | head`) is not an error of the check.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    exit_code(Outcome::of(all), strict)
}

/// What a run found, for [`exit_code`].
struct Outcome {
    /// Some input could not be rendered (or checked).
    errors: bool,
    /// Something was found: a warning or an error.
    findings: bool,
}

impl Outcome {
    fn of(diagnostics: &[Diagnostic]) -> Outcome {
        Outcome {
            errors: diagnostics.iter().any(Diagnostic::is_error),
            findings: !diagnostics.is_empty(),
        }
    }
}

/// The exit code, decided here only: 2 when anything is an error (nothing was written; in a
/// batch, some input failed and the others were written), 1 when `strict` and anything was
/// found, else 0.
fn exit_code(outcome: Outcome, strict: bool) -> ExitCode {
    if outcome.errors {
        ExitCode::from(2)
    } else if strict && outcome.findings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Batch options of `render`.
struct Batch {
    records: Option<PathBuf>,
    name_field: Option<String>,
    jobs: Option<usize>,
}

/// Several files, a folder, or a template with records: render them all with the fonts loaded
/// once, on a thread per core; one bad input is reported and the others are still written.
fn run_batch(
    inputs: &[PathBuf],
    options: &RenderOptions,
    batch: &Batch,
    encoding: EncodingChoice,
) -> ExitCode {
    let fail = |errors: Vec<Diagnostic>| {
        for e in &errors {
            eprintln!("{e}");
        }
        eprintln!("共 {} 个错误，未写出任何文件。", errors.len());
        exit_code(Outcome::of(&errors), false)
    };
    let jobs = match &batch.records {
        Some(names) => {
            let [template] = inputs else {
                return fail(vec![
                    Diagnostic::error("套打（--records）只能用一个模板文件。")
                        .hint("请只给出一个 YAML 模板，名单中的每条记录排一份。"),
                ]);
            };
            records::read(names, encoding).and_then(|list| {
                records::jobs(
                    template,
                    encoding,
                    &list,
                    names,
                    batch.name_field.as_deref(),
                )
            })
        }
        None => batch::jobs_for_inputs(inputs),
    };
    let jobs = match jobs {
        Ok(jobs) => jobs,
        Err(errors) => return fail(errors),
    };
    let threads = batch.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    // Documents side by side keep the cores busy; one at a time, its writers go side by side.
    let writers = if threads.min(jobs.len()) > 1 {
        Writers::InTurn
    } else {
        Writers::Beside
    };
    let renderer = match Renderer::new(options) {
        Ok(r) => r.with_writers(writers),
        Err(errors) => return fail(errors),
    };
    let mut also_read: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    also_read.extend(batch.records.as_deref());
    if let Err(errors) = batch::check_outputs(&renderer, &jobs, &also_read) {
        return fail(errors);
    }
    let (summary, line) = progress::run(&renderer, &jobs, threads);
    println!("{line}");
    exit_code(
        Outcome {
            errors: summary.failed > 0 || summary.unsynced,
            findings: summary.failed > 0 || !summary.with_warnings.is_empty(),
        },
        false,
    )
}

/// One document as DOCX and PDF: the thread beside the PDF's (the glyph check and the DOCX)
/// shares the main thread's heap instead of making an arena of its own, which took the seed's
/// peak RSS from 29.2 MB to 31–34 MB at no gain in time. Not with `--ofd`: the OFD's font
/// subsets sharing the PDF's heap cost 20% more CPU and most of the time saved by the threads.
fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's limits, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Today in China (UTC+8), for "成文日期 not in the future". `GONGWEN_TODAY=2024-02-22` or
/// `SOURCE_DATE_EPOCH` (seconds) fix it, for tests and reproducible runs; it never reaches the
/// rendered document.
fn today() -> Option<IssueDate> {
    if let Ok(day) = std::env::var("GONGWEN_TODAY") {
        return IssueDate::parse(day.trim());
    }
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => s.trim().parse::<i64>().ok()?,
        Err(_) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            i64::try_from(now.as_secs()).ok()?
        }
    };
    IssueDate::from_days_since_epoch((seconds + 8 * 3600).div_euclid(86_400))
}

/// Help and version print as asked; a mistake in the arguments is explained in Chinese with
/// what clap found, and ends with exit code 2 like any input error.
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let ctx = |kind| e.get(kind).map(|v| v.to_string());
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!(
            "不认识的选项「{}」。",
            ctx(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::InvalidSubcommand => {
            let mut m = format!(
                "不认识的命令「{}」；可用的命令：render、check、new、fix。",
                ctx(ContextKind::InvalidSubcommand).unwrap_or_default()
            );
            if let Some(near) = ctx(ContextKind::SuggestedSubcommand) {
                m.push_str(&format!("是不是要写「{near}」？"));
            }
            m
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => format!(
            "缺少必需的参数{}。",
            ctx(ContextKind::InvalidArg)
                .map(|a| format!("「{a}」"))
                .unwrap_or_default()
        ),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "请指定一个命令。".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "选项「{}」的值「{}」无效{}。",
            ctx(ContextKind::InvalidArg).unwrap_or_default(),
            ctx(ContextKind::InvalidValue).unwrap_or_default(),
            ctx(ContextKind::ValidValue)
                .map(|v| format!("；可用：{v}"))
                .unwrap_or_default()
        ),
        _ => "命令行参数有误。".to_owned(),
    };
    eprintln!("错误：{what}");
    eprintln!("  提示：运行 gongwen --help 或 gongwen <命令> --help 查看用法。");
    ExitCode::from(2)
}
