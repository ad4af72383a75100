#!/usr/bin/env bash
# Every random document of tests/libreoffice_random.rs (240), not only CI's sample: LibreOffice's
# PDF of our DOCX must have our PDF's pages, each with the same text, and no blank numbered page.
# Needs soffice and the test build (cargo test); about two minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
GONGWEN_RANDOM_DOCS=240 cargo test --locked --test libreoffice_random -- --nocapture
