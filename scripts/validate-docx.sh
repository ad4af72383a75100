#!/usr/bin/env bash
# Validate every sample's DOCX against the ISO/IEC 29500 transitional schemas with Markup
# Compatibility applied (OPC, MCE, XSD). The schemas are third-party files and not in the
# repository; point SCHEMAS at a folder holding them (ISO-IEC29500-4_2016/, ecma/, mce/,
# microsoft/, dc/) and VALIDATOR at validate_docx.py. tests/docx_package.rs checks the rules our
# writer can break without them, in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${SCHEMAS:?set SCHEMAS to the folder of OOXML schemas}"
: "${VALIDATOR:?set VALIDATOR to validate_docx.py}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release -- render samples -o "$out" --bundled-fonts >/dev/null
status=0
for f in "$out"/*.docx; do
  printf '%s: ' "$(basename "$f")"
  python3 "$VALIDATOR" "$f" --schemas "$SCHEMAS" --quiet | tail -n 1 || status=1
done
exit $status
