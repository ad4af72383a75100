#!/usr/bin/env bash
# Whole-process benchmarks of `gongwen render`, release build, bundled fonts, each against its
# target (issues 7 and 16):
#   - the seed report and a one-page report with a three-line title (samples/long-title.yaml):
#     instructions (callgrind: they do not move when the machine is busy) with the share of each
#     stage, CPU time (user + sys, mean), wall time (median), peak RSS;
#   - the seed with the machine's fonts looked for (no --bundled-fonts), with --ofd, a generated
#     30-page document, and a batch of seed documents in one folder on 2 threads (CPU and wall;
#     instructions a document inside a batch, callgrind);
#   - Typst on the same text, when `typst` is installed.
# Prints a Markdown table for the README's "Performance" section.
#   bash scripts/bench.sh                  # all of the above
#   BATCH=100 RUNS=10 bash scripts/bench.sh   # a smaller batch, fewer runs
#   BIN=path/to/gongwen bash scripts/bench.sh # measure another build (before/after)
#   bash scripts/bench.sh --criterion      # then also `cargo bench` (stage by stage)
#   bash scripts/bench.sh --ci             # then also time .ci/run's two builds from scratch
# Needs python3 and GNU time; valgrind (callgrind) for instruction counts, hyperfine for wall
# times (else a /usr/bin/time loop), typst for the comparison: all optional.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-30}
batch=${BATCH:-1000}
seed=samples/meijiang-2023-report.yaml
long_title=samples/long-title.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --quiet
  bin=${CARGO_TARGET_DIR:-target}/release/gongwen
fi

# cpu_wall CMD... : "CPU x ms, wall y ms": CPU (user + sys) the mean and wall the median of
# $runs runs after 3 warm-ups.
cpu_wall() {
  for _ in 1 2 3; do "$@" >/dev/null 2>&1; done
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1
  done | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
cpu = statistics.mean(u + s for _, u, s in rows) * 1000
wall = statistics.median(e for e, _, _ in rows) * 1000
print("CPU %.0f ms, wall %.0f ms" % (cpu, wall))'
}

# wall_ms CMD... : hyperfine's median wall time when it is installed, else cpu_wall's.
wall_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c "import json;r=json.load(open('$work/h.json'))['results'][0];print('wall %.1f ms, CPU %.1f ms (hyperfine)' % (r['median']*1000, (r['user']+r['system'])*1000))"
  else
    cpu_wall "$@"
  fi
}

# peak_mb CMD... : the largest peak RSS of 5 runs, in MB.
peak_mb() {
  for _ in $(seq 5); do
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | tail -1 | awk '{printf "%.1f", $1/1024}'
}

# instructions NAME CMD... : total instructions and the inclusive share of each stage.
instructions() {
  local name=$1
  shift
  if ! command -v valgrind >/dev/null; then
    echo "– (no valgrind)"
    return
  fi
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.cg" "$@" >/dev/null 2>"$work/$name.log"
  callgrind_annotate --inclusive=yes --threshold=100 "$work/$name.cg" 2>/dev/null | python3 -c '
import re, sys
total, stages = None, {}
names = [("PDF", "gongwen::write::pdf::write_with"), ("DOCX", "gongwen::write::docx::write"),
         ("layout", "gongwen::layout::layout"), ("title words", "gongwen::layout::words::segment"),
         ("title (jieba)", "gongwen::layout::title::word_starts"),
         ("check", "gongwen::check::check"), ("YAML", "gongwen::input::load"),
         ("glyph check", "gongwen::layout::undrawable"),
         ("fonts found", "gongwen::layout::fonts::FontSet::resolve"),
         ("in the PDF: CFF subsets", "subsetter::subset_inner"),
         ("deflate", "krilla::stream::deflate_encode"),
         ("subset bounding boxes", "skrifa::outline::OutlineGlyph::draw")]
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) .*?(PROGRAM TOTALS|\?\?\?:(\S+))", line)
    if not m:
        continue
    n = int(m.group(1).replace(",", ""))
    if m.group(2) == "PROGRAM TOTALS":
        total = n
    for label, fn in names:
        if m.group(3) == fn and label not in stages:
            stages[label] = n
parts = ", ".join("%s %.0f%%" % (k, 100 * v / total) for k, v in stages.items() if v * 200 >= total)
print("%.0f M (%s)" % (total / 1e6, parts))'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
render=("$bin" render -o "$work" --bundled-fonts)
seed_instr=$(instructions seed "${render[@]}" "$seed")
seed_time=$(wall_ms "${render[@]}" "$seed")
seed_rss=$(peak_mb "${render[@]}" "$seed")
# The same into a RAM folder: its fsyncs return at once, so this is the wall time without
# waiting on the disk (which other builds on the machine make slow and erratic).
ram_time="– (no /dev/shm)"
if [ -d /dev/shm ] && ram=$(mktemp -d /dev/shm/gongwen-bench.XXXXXX); then
  ram_time=$(wall_ms "$bin" render -o "$ram" --bundled-fonts "$seed")
  rm -rf "$ram"
fi
"${render[@]}" "$seed" >/dev/null 2>&1
pdf_kb=$(( $(stat -c %s "$work/meijiang-2023-report.pdf") / 1024 ))
docx_kb=$(( $(stat -c %s "$work/meijiang-2023-report.docx") / 1024 ))

title_instr=$(instructions title "${render[@]}" "$long_title")
title_time=$(wall_ms "${render[@]}" "$long_title")
title_rss=$(peak_mb "${render[@]}" "$long_title")
ratio=$(python3 -c "
import re
n = lambda s: float(re.match(r'[\d.]+', s).group()) if re.match(r'[\d.]+', s) else float('nan')
c = lambda s: float(re.search(r'CPU ([\d.]+)', s).group(1))
print('%.2f × the seed in instructions, %.2f × in CPU' % (n('$title_instr') / n('$seed_instr'), c('$title_time') / c('$seed_time')))")

system_time=$(wall_ms "$bin" render "$seed" -o "$work")
ofd_time=$(wall_ms "${render[@]}" --ofd "$seed")

# 30 pages: the seed's body six times over.
python3 - "$seed" "$work/long.yaml" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
start = s.index("\nbody:"); start = s.index("\n", start + 1) + 1
end = s.index("\nclosing:") + 1
open(sys.argv[2], "w", encoding="utf-8").write(s[:start] + s[start:end] * 6 + s[end:])
EOF
long_time=$(wall_ms "${render[@]}" "$work/long.yaml")
long_pages=$(python3 -c "import re;print(len(re.findall(rb'/Type\s*/Page[^s]', open('$work/long.pdf','rb').read())))")

# The batch: $batch copies of the seed in one folder on 2 threads, median of 3 runs.
mkdir -p "$work/batch"
for i in $(seq -w 1 "$batch"); do cp "$seed" "$work/batch/doc$i.yaml"; done
# Instructions a document costs inside a batch (what is cached across documents is paid once):
# callgrind of 20 seeds less 10 seeds, over 10.
batch_instr="– (no valgrind)"
if command -v valgrind >/dev/null; then
  for n in 10 20; do
    mkdir -p "$work/b$n"
    for i in $(seq -w 1 "$n"); do cp "$seed" "$work/b$n/doc$i.yaml"; done
    valgrind --tool=callgrind --callgrind-out-file="$work/b$n.cg" "$bin" render "$work/b$n" \
      -o "$work/b$n-out" --bundled-fonts -j 2 >/dev/null 2>"$work/b$n.log"
  done
  batch_instr=$(python3 -c "
import re
n = lambda f: int(re.search(r'Collected : (\d+)', open(f).read()).group(1))
print('%.0f M' % ((n('$work/b20.log') - n('$work/b10.log')) / 10 / 1e6))")
fi
for _ in 1 2 3; do
  rm -rf "$work/batch-out"
  /usr/bin/time -f "%e %U %S %M" "$bin" render "$work/batch" -o "$work/batch-out" --bundled-fonts -j 2 2>&1 >/dev/null | tail -1
done >"$work/batch.times"
batch_line=$(python3 -c "
import statistics
rows = [list(map(float, l.split())) for l in open('$work/batch.times') if l.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
print('wall %.1f s, CPU %.1f s (%.1f ms a document; on 2 idle cores ≈ %.1f s), peak RSS %.0f MB'
      % (wall, cpu, cpu / $batch * 1000, cpu / 2, max(r[3] for r in rows) / 1024))")

# Typst on the seed's text (from our PDF), same faces, A4 with the 公文 margins.
typst_line="not installed (\`typst\` not on PATH)"
if command -v typst >/dev/null && command -v pdftotext >/dev/null; then
  pdftotext -enc UTF-8 "$work/meijiang-2023-report.pdf" "$work/seed.txt"
  python3 - "$work/seed.txt" "$work/seed.typ" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\f", "\n")
esc = lambda s: "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~\"'" else c for c in s)
paras = [esc(p.strip()) for p in text.split("\n") if p.strip()]
head = ('#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm))\n'
        '#set text(font: "FandolFang", size: 16pt, lang: "zh")\n'
        '#set par(leading: 0.6em, first-line-indent: 2em, justify: true)\n')
open(sys.argv[2], "w", encoding="utf-8").write(head + "\n\n".join(paras) + "\n")
EOF
  typst_line=$(wall_ms typst compile --font-path fonts "$work/seed.typ" "$work/seed-typst.pdf")
fi

cores=$(nproc)
cat <<EOF

| what (release, bundled fonts, $cores cores) | measured | target |
|---|---|---|
| seed report: instructions (callgrind) and stage shares | $seed_instr | — |
| seed report, DOCX + PDF, whole process ($runs runs) | $seed_time | ≤ 25 ms |
| seed report, written to a RAM folder (/dev/shm: no wait on the disk) | $ram_time | ≤ 25 ms |
| seed report: peak RSS (largest of 5) | $seed_rss MB | ≤ 30 MB |
| seed report: PDF / DOCX size | $pdf_kb KB / $docx_kb KB | — |
| long title, one page: instructions | $title_instr | — |
| long title, one page, whole process | $title_time; $ratio | ≤ 1.2 × the seed |
| long title: peak RSS | $title_rss MB | ≤ 30 MB |
| seed with the machine's fonts looked for (no --bundled-fonts) | $system_time | — |
| seed with \`--ofd\` (DOCX + PDF + OFD, the OFD beside the PDF) | $ofd_time | — |
| generated document of $long_pages pages, whole process | $long_time | — |
| a seed document inside a batch: instructions (callgrind, 20 less 10 documents) | $batch_instr | — |
| $batch seed documents in one batch, \`-j 2\` (median of 3) | $batch_line | ≤ 10 s for 1,000 on 2 cores |
| Typst on the seed's text | $typst_line | seed ≤ 0.2 × Typst |

CPU is user + sys; wall times depend on the machine's load, instructions do not.
load average (1, 5, 15 min) at the start: $load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg)
EOF

case "${1:-}" in
  --criterion) cargo bench --bench render ;;
  --ci)
    # The two builds of .ci/run from nothing (fresh target folders, this machine's cores): the
    # tests, and the fuzz target as .ci/run builds it.
    echo
    echo "CI builds from scratch (load at the start: $(cut -d' ' -f1-3 /proc/loadavg)):"
    /usr/bin/time -f "  cargo test --no-run: %e s wall, %U s user" \
      cargo test --locked --no-run --quiet --target-dir "$work/ci-test" >/dev/null
    (cd fuzz && RUSTC_BOOTSTRAP=1 /usr/bin/time -f "  cargo fuzz build --sanitizer none: %e s wall, %U s user" \
      cargo fuzz build --sanitizer none --target-dir "$work/ci-fuzz" check_layout \
      >/dev/null 2>"$work/fuzz.log") || true
    tail -1 "$work/fuzz.log"
    ;;
esac
