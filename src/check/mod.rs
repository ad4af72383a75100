//! 检查 — `gongwen check`: the slips a clerk makes that are still valid input, found before the
//! document goes upward. Each rule has an id, a Chinese message at file:line:column, and the
//! clause it rests on. The checker reads the [`Loaded`] input — the draft and every text value
//! with its place — never the layout; `render` runs it too and prints its findings as warnings.
//!
//! | id | what |
//! |---|---|
//! | GW101 | a number typed before a heading, paragraph or point (一、（一）1.（1）一是) |
//! | GW102 | an enumeration 一是……二是…… typed into a paragraph |
//! | GW103 | a typed sequence with a gap: 二是 then 是 (the 三 lost), 一、 then 三、 |
//! | GW104 | levels skipped inconsistently: 1. under 一、 here, （一） under 一、 there |
//! | GW201 | half-width punctuation in Chinese text (fixable) |
//! | GW202 | unbalanced brackets and quotes |
//! | GW203 | a title ending in punctuation |
//! | GW301 | 成文日期 in the future |
//! | GW302 | a year in a heading that does not fit the report's period |
//! | GW401 | a 报告 that asks for instructions |
//! | GW402 | a 批复 whose opening does not cite the 请示's title and 发文字号 |
//! | GW403 | a 主送机关 on a kind published to all (公告, 通告, 公报, 决议) |
//! | GW404 | a 议案 not addressed to a people's congress or its standing committee |
//! | GW501 | 发文字号 not in the form 〔YYYY〕N号 |
//! | GW601 | a character no available font has |
//! | GW801 | a table row with fewer cells than the table has columns (YAML; a DOCX's in `docx`) |
//! | GW701–GW706 | a DOCX's paper, margins, grid, faces and sizes by role, 署名 and 成文日期, page numbers (`check FILE.docx`) |

mod dates;
pub mod docx;
pub mod fix;
mod glyphs;
pub mod json;
mod kind;
pub mod numbering;
pub mod punct;
mod tables;
pub(crate) mod text;

use crate::diag::Diagnostic;
use crate::input::{Loaded, SourceFile, TextValue};
use crate::layout::FontSet;
use crate::model::IssueDate;

pub use crate::model::doc_number_problem;

/// A rule of the checker.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub id: &'static str,
    /// What it finds, in Chinese.
    pub name: &'static str,
    /// The clause it rests on; empty where none applies.
    pub clause: &'static str,
}

/// Every rule, by id.
pub const RULES: &[Rule] = &[
    Rule {
        id: "GW001",
        name: "文件中的控制字符（已换成空格）",
        clause: "",
    },
    Rule {
        id: "GW101",
        name: "手写的序号",
        clause: "GB/T 9704-2012 7.3.3（结构层次序数）",
    },
    Rule {
        id: "GW102",
        name: "正文中手写的列举“一是、二是”",
        clause: "GB/T 9704-2012 7.3.3",
    },
    Rule {
        id: "GW103",
        name: "序号不连续",
        clause: "GB/T 9704-2012 7.3.3",
    },
    Rule {
        id: "GW104",
        name: "层次跳级前后不一",
        clause: "GB/T 9704-2012 7.3.3",
    },
    Rule {
        id: "GW201",
        name: "中文里的半角标点",
        clause: "GB/T 15834-2011 第5章（标点符号的位置和书写形式）",
    },
    Rule {
        id: "GW202",
        name: "括号、引号、书名号不成对",
        clause: "GB/T 15834-2011 4.8（引号）、4.9（括号）、4.15（书名号）",
    },
    Rule {
        id: "GW203",
        name: "标题末尾有标点",
        clause: "GB/T 9704-2012 7.3.1（标题）",
    },
    Rule {
        id: "GW301",
        name: "成文日期晚于今天",
        clause: "《党政机关公文处理工作条例》第九条（成文日期）",
    },
    Rule {
        id: "GW302",
        name: "标题中的年份与报告期不符",
        clause: "",
    },
    Rule {
        id: "GW401",
        name: "报告中夹带请示事项",
        clause: "《党政机关公文处理工作条例》第十五条（四）",
    },
    Rule {
        id: "GW402",
        name: "批复开头未引述来文",
        clause: "《党政机关公文处理工作条例》第八条（十二）（批复答复下级机关请示事项）",
    },
    Rule {
        id: "GW403",
        name: "普发文种写了主送机关",
        clause: "《党政机关公文处理工作条例》第八条（四）（五）（六）；GB/T 9704-2012 7.3.2",
    },
    Rule {
        id: "GW404",
        name: "议案的主送机关不是人民代表大会或其常务委员会",
        clause: "《党政机关公文处理工作条例》第八条（十三）",
    },
    Rule {
        id: "GW501",
        name: "发文字号格式",
        clause: "GB/T 9704-2012 7.2.5（发文字号）",
    },
    Rule {
        id: "GW601",
        name: "字库缺字",
        clause: "",
    },
    Rule {
        id: "GW801",
        name: "表格的行缺格（参差不齐）",
        clause: "",
    },
    Rule {
        id: "GW701",
        name: "纸张不是 A4",
        clause: "GB/T 9704-2012 5.1",
    },
    Rule {
        id: "GW702",
        name: "页边距与版心",
        clause: "GB/T 9704-2012 5.2.1",
    },
    Rule {
        id: "GW703",
        name: "每页行数",
        clause: "GB/T 9704-2012 5.2.3",
    },
    Rule {
        id: "GW704",
        name: "标题、层次标题和正文的字体字号",
        clause: "GB/T 9704-2012 5.2.2、7.3.1、7.3.3",
    },
    Rule {
        id: "GW705",
        name: "署名和成文日期的编排",
        clause: "GB/T 9704-2012 7.3.5",
    },
    Rule {
        id: "GW706",
        name: "页码",
        clause: "GB/T 9704-2012 7.5",
    },
];

/// What the checker needs besides the input.
#[derive(Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// Today, for "not in the future". `None` skips that rule. The library never reads the clock:
    /// the command line passes it in (from `GONGWEN_TODAY` or `SOURCE_DATE_EPOCH` when set).
    pub today: Option<IssueDate>,
    /// The fonts the document will be set in; `None` skips the missing-glyph rule.
    pub fonts: Option<&'a FontSet>,
}

/// Every finding of every rule, in file order.
pub fn check(loaded: &Loaded, options: &CheckOptions) -> Vec<Diagnostic> {
    let doc = text::Doc::new(loaded);
    let mut out = Findings {
        source: &loaded.source,
        lines: text::LineIndex::new(&loaded.source.text),
        list: Vec::new(),
    };
    numbering::check(&doc, &mut out);
    punct::check(&doc, &mut out);
    dates::check(&doc, options.today, &mut out);
    kind::check(&doc, &mut out);
    tables::check(&loaded.draft, &mut out);
    if let Some(fonts) = options.fonts {
        glyphs::check(&doc, fonts, &mut out);
    }
    let mut list = out.list;
    list.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    list
}

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Where findings are collected.
struct Findings<'a> {
    source: &'a SourceFile,
    lines: text::LineIndex,
    list: Vec<Diagnostic>,
}

impl Findings<'_> {
    /// A warning of rule `id` at byte `offset` of the file.
    fn at_byte(&mut self, id: &'static str, offset: usize, message: String) -> &mut Diagnostic {
        let (line, column) = self.lines.line_column(&self.source.text, offset);
        self.at(id, line, column, message)
    }

    /// A warning of rule `id` at `line`:`column`.
    fn at(
        &mut self,
        id: &'static str,
        line: usize,
        column: usize,
        message: String,
    ) -> &mut Diagnostic {
        let clause = rule(id).map_or("", |r| r.clause);
        // Quote the line through the index: `Diagnostic::at` would scan the file from the top
        // for every finding, quadratic in a long file.
        let mut d = Diagnostic::warning(message)
            .at(&self.source.path, "", line, column)
            .rule(id, clause);
        d.source_line = self.lines.line(&self.source.text, line).map(str::to_owned);
        self.list.push(d);
        self.list.last_mut().expect("just pushed")
    }

    /// A warning of rule `id` where `needle` (the `nth` occurrence) is written inside `value`,
    /// else at the start of the value.
    fn in_value(
        &mut self,
        id: &'static str,
        value: &TextValue,
        needle: &str,
        nth: usize,
        message: String,
    ) -> &mut Diagnostic {
        match text::find_in_raw(&self.source.text, value, needle, nth) {
            Some(offset) => self.at_byte(id, offset, message),
            None => self.at(id, value.line, value.column, message),
        }
    }
}

/// Add a hint to the last finding.
fn hint(d: &mut Diagnostic, hint: impl Into<String>) {
    d.hints.push(hint.into());
}

/// What `gongwen check` needs.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub input: crate::input::InputOptions,
    /// The fonts to check glyphs against; `None` skips GW601.
    pub fonts: Option<crate::layout::FontOptions>,
    pub today: Option<IssueDate>,
    /// Apply the automatic fixes to the file first (`--fix`).
    pub fix: bool,
}

/// What `gongwen check` found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Errors (the file cannot be rendered) and findings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// What `--fix` did.
    pub fixed: Option<fix::FixReport>,
}

/// Read `path`, optionally fix it, and report every error and finding. Writes nothing but the
/// fixed file itself.
pub fn run(path: &std::path::Path, options: &RunOptions) -> Outcome {
    let mut outcome = Outcome::default();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    {
        let check_options = CheckOptions {
            today: options.today,
            fonts: None,
        };
        outcome.diagnostics = docx::check(path, &check_options);
        return outcome;
    }
    let mut loaded = match crate::input::load(path, &options.input) {
        Ok(loaded) => loaded,
        Err(errors) => {
            outcome.diagnostics = errors;
            return outcome;
        }
    };
    if options.fix {
        match fix::fix_file(&loaded, &options.input) {
            Ok(report) => {
                if report.written {
                    match crate::input::load(path, &options.input) {
                        Ok(again) => loaded = again,
                        Err(errors) => outcome.diagnostics.extend(errors),
                    }
                }
                outcome.fixed = Some(report);
            }
            Err(errors) => outcome.diagnostics.extend(errors),
        }
    }
    outcome.diagnostics.extend(loaded.warnings.iter().cloned());
    let fonts = match options.fonts.as_ref().map(FontSet::resolve) {
        Some(Ok(fonts)) => Some(fonts),
        Some(Err(errors)) => {
            outcome.diagnostics.extend(errors);
            None
        }
        None => None,
    };
    let check_options = CheckOptions {
        today: options.today,
        fonts: fonts.as_ref(),
    };
    outcome.diagnostics.extend(check(&loaded, &check_options));
    match crate::model::resolve(loaded.draft, &loaded.source) {
        Err(errors) => outcome.diagnostics.extend(errors),
        // What `render` would refuse in the layout, `check` says too.
        Ok(document) => {
            if let Some(fonts) = &fonts {
                match crate::compose::compose(&document, None) {
                    Ok(composed) => {
                        let (pages, _) = crate::layout::layout(&composed, fonts);
                        let refused =
                            crate::layout_errors(&pages, &document, &loaded.source, fonts);
                        outcome.diagnostics.extend(refused);
                    }
                    Err(errors) => outcome.diagnostics.extend(errors),
                }
            }
        }
    }
    outcome
        .diagnostics
        .sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    outcome
}
