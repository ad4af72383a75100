//! The `gongwen` command: parse the arguments, run, print diagnostics, and decide the exit
//! code in one place — 0 written (warnings allowed), 2 input errors (nothing written).

use clap::{Parser, Subcommand};
use gongwen::layout::FontOptions;
use gongwen::{RenderOptions, render};
use std::path::PathBuf;
use std::process::ExitCode;

/// 公文生成工具：把 YAML 写成的公文按 GB/T 9704-2012 排成 DOCX 和 PDF。
#[derive(Parser)]
#[command(name = "gongwen", version, about, long_about = None)]
#[command(after_help = "退出码：0 成功（可能有警告）；2 输入有误或无法运行，未写出任何文件。")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 排版一份公文，写出同名的 .docx 和 .pdf。
    Render {
        /// 公文的 YAML 文件。
        file: PathBuf,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render {
            file,
            out,
            templates,
            fonts,
            bundled_fonts,
        } => {
            let options = RenderOptions {
                out_dir: out,
                templates_dir: templates,
                fonts: FontOptions {
                    fonts_dir: fonts,
                    bundled_only: bundled_fonts,
                },
            };
            match render(&file, &options) {
                Ok(done) => {
                    for w in &done.warnings {
                        eprintln!("{w}");
                    }
                    println!("已写出：{}", done.docx.display());
                    println!("已写出：{}", done.pdf.display());
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
                    ExitCode::from(2)
                }
            }
        }
    }
}
