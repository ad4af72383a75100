#!/usr/bin/env bash
# Every real-style document of tests/libreoffice_realtext.rs (120), not only CI's sample: the
# same page count in LibreOffice's PDF of our DOCX and ≥ 98 % of wrap breaks at the same
# character; prints each break that differs. Needs soffice; a few minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
GONGWEN_REALTEXT_DOCS=120 cargo test --locked --test libreoffice_realtext -- --nocapture
