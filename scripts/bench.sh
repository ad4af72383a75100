#!/usr/bin/env bash
# Whole-process benchmarks of `gongwen render` (issue 7), release build, bundled fonts:
#   - the seed report: wall time (hyperfine, else a /usr/bin/time loop), peak RSS, PDF size,
#     and instructions (callgrind) — instruction counts do not move when the machine is busy;
#   - the seed with the machine's fonts looked for (no --bundled-fonts);
#   - a generated 30-page document;
#   - 1,000 seed documents in one batch (a folder), all cores.
# Prints a Markdown table for the README's "Performance" section.
#   bash scripts/bench.sh            # all of the above
#   BATCH=100 bash scripts/bench.sh  # a smaller batch
#   bash scripts/bench.sh --criterion   # then also `cargo bench` (stage by stage)
# Needs: hyperfine (apt-get install hyperfine) for wall times, valgrind for instruction counts;
# both optional.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-30}
batch=${BATCH:-1000}
seed=samples/meijiang-2023-report.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/gongwen

# Median of numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# wall_ms LABEL CMD... : median wall time in ms of $runs runs (3 warm-ups).
wall_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c "import json;r=json.load(open('$work/h.json'))['results'][0];print('%.1f ms (CPU %.1f ms)' % (r['median']*1000, (r['user']+r['system'])*1000))"
  else
    for _ in $(seq 3); do "$@" >/dev/null 2>&1; done
    for _ in $(seq "$runs"); do
      /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1
    done | awk '{print $1*1000}' | median | awk '{print $1 " ms"}'
  fi
}

# peak_mb CMD... : the largest peak RSS of 5 runs, in MB.
peak_mb() {
  for _ in $(seq 5); do
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | tail -1 | awk '{printf "%.1f", $1/1024}'
}

render_seed=("$bin" render "$seed" -o "$work" --bundled-fonts)
seed_wall=$(wall_ms "${render_seed[@]}")
seed_rss=$(peak_mb "${render_seed[@]}")
"${render_seed[@]}" >/dev/null 2>&1
pdf_kb=$(( $(stat -c %s "$work/meijiang-2023-report.pdf") / 1024 ))
docx_kb=$(( $(stat -c %s "$work/meijiang-2023-report.docx") / 1024 ))

system_wall=$(wall_ms "$bin" render "$seed" -o "$work")

instructions="–"
if command -v valgrind >/dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$work/cg" "${render_seed[@]}" >/dev/null 2>"$work/cg.log"
  instructions=$(awk '/Collected/ {printf "%.0f M", $4/1e6}' "$work/cg.log")
fi

# 30 pages: the seed's body six times over.
python3 - "$seed" "$work/long.yaml" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
start = s.index("\nbody:"); start = s.index("\n", start + 1) + 1
end = s.index("\nclosing:") + 1
open(sys.argv[2], "w", encoding="utf-8").write(s[:start] + s[start:end] * 6 + s[end:])
EOF
long_wall=$(wall_ms "$bin" render "$work/long.yaml" -o "$work" --bundled-fonts)
long_pages=$(python3 -c "import re;print(len(re.findall(rb'/Type\s*/Page[^s]', open('$work/long.pdf','rb').read())))")

# The batch: $batch copies of the seed in one folder.
mkdir -p "$work/batch" "$work/batch-out"
for i in $(seq -w 1 "$batch"); do cp "$seed" "$work/batch/doc$i.yaml"; done
batch_s=$(for _ in 1 2 3; do
  rm -rf "$work/batch-out"
  /usr/bin/time -f "%e %M" "$bin" render "$work/batch" -o "$work/batch-out" --bundled-fonts 2>&1 >/dev/null | tail -1
done | tee "$work/batch.times" | awk '{print $1}' | median)
batch_rss=$(awk '{print $2}' "$work/batch.times" | sort -n | tail -1 | awk '{printf "%.1f", $1/1024}')

cores=$(nproc)
cat <<EOF

| what (release, bundled fonts, $cores cores; wall is a median, CPU a mean of user + sys) | measured | target |
|---|---|---|
| seed report, DOCX + PDF, whole process: wall (median of $runs) | $seed_wall | ≤ 25 ms |
| seed report: instructions (callgrind, one run) | $instructions | — |
| seed report: peak RSS (largest of 5) | $seed_rss MB | ≤ 30 MB |
| seed report: PDF / DOCX size | $pdf_kb KB / $docx_kb KB | PDF ≤ 130 KB |
| seed report with the machine's fonts looked for (no --bundled-fonts) | $system_wall | — |
| generated document of $long_pages pages, whole process | $long_wall | — |
| $batch seed documents in one batch (median of 3), peak RSS | $batch_s s, $batch_rss MB | ≤ 10 s for 1,000 |

load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)
EOF

if [ "${1:-}" = "--criterion" ]; then
  cargo bench --bench render
fi
