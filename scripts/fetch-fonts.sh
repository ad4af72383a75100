#!/usr/bin/env bash
# Regenerate the bundled stand-in fonts and their licence files.
#
#   scripts/fetch-fonts.sh [OUTDIR]      (default: fonts/)
#
# Writes into OUTDIR:
#   FandolFang-Regular.otf FandolHei-Regular.otf FandolKai-Regular.otf
#   FandolSong-Regular.otf                  (verbatim from texlive-lang-chinese)
#   LICENSE-Fandol.txt GPL-3.txt            (Fandol licence texts)
#   GongwenTitleSerif-Bold.otf              (GB2312 subset of Noto Serif CJK SC
#                                            Bold, renamed)
#   LICENSE-OFL-Noto.txt                    (OFL-1.1 for the subset)
# README.md and fonts.conf in fonts/ are hand-written and not touched.
#
# Needs: apt-get (Debian/Ubuntu, package lists present: run `apt-get update`
# once as root if `apt-get download` cannot find the packages), dpkg, python3.
# No root needed otherwise; nothing is installed system-wide. If python3 has
# no fontTools, a throw-away venv with a pinned fontTools is used.
#
# Pinned package versions (override via environment; set to an empty string to
# take whatever version apt offers):
#   TEXLIVE_LANG_CHINESE_VERSION  default 2022.20230122-1        (Debian 12)
#   FONTS_NOTO_CJK_VERSION        default 1:20220127+repack1-1   (Debian 12)
#   FONTTOOLS_VERSION             default 4.68.0 (only used for the venv)
set -euo pipefail

TEXLIVE_LANG_CHINESE_VERSION=${TEXLIVE_LANG_CHINESE_VERSION-2022.20230122-1}
FONTS_NOTO_CJK_VERSION=${FONTS_NOTO_CJK_VERSION-1:20220127+repack1-1}
FONTTOOLS_VERSION=${FONTTOOLS_VERSION-4.68.0}

out=${1:-fonts}
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # lets apt's _apt user write there (avoids a warning)
cd "$work"

log() { printf '==> %s\n' "$*" >&2; }

pkgspec() { # name version
    if [ -n "$2" ]; then printf '%s=%s' "$1" "$2"; else printf '%s' "$1"; fi
}

# ---------------------------------------------------------------- download
log "downloading Debian packages"
if ! apt-get download -q \
        "$(pkgspec texlive-lang-chinese "$TEXLIVE_LANG_CHINESE_VERSION")" \
        "$(pkgspec fonts-noto-cjk "$FONTS_NOTO_CJK_VERSION")" >&2; then
    echo "apt-get download failed. Run 'apt-get update' (as root), or set" >&2
    echo "TEXLIVE_LANG_CHINESE_VERSION= FONTS_NOTO_CJK_VERSION= to accept the" >&2
    echo "versions your distribution offers." >&2
    exit 1
fi
tl_deb=$(ls texlive-lang-chinese_*.deb)
noto_deb=$(ls fonts-noto-cjk_*.deb)
tl_ver=$(dpkg-deb -f "$tl_deb" Version)
noto_ver=$(dpkg-deb -f "$noto_deb" Version)
log "texlive-lang-chinese $tl_ver, fonts-noto-cjk $noto_ver"
mkdir x
dpkg -x "$tl_deb" x/
dpkg -x "$noto_deb" x/

# ---------------------------------------------------------------- Fandol
fandol=x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
fandol_doc=x/usr/share/doc/texlive-doc/fonts/fandol
tl_copyright=x/usr/share/doc/texlive-lang-chinese/copyright
tl_licenses=x/usr/share/doc/texlive-lang-chinese/Licenses.gz

log "copying Fandol fonts"
for f in FandolFang-Regular FandolHei-Regular FandolKai-Regular FandolSong-Regular; do
    cp "$fandol/$f.otf" "$out/$f.otf"
    chmod 644 "$out/$f.otf"
done

# The GPL-3 text shipped with the fonts (upstream COPYING).
zcat "$fandol_doc/COPYING.gz" >"$out/GPL-3.txt"

{
    cat <<EOF
Fandol fonts: FandolFang-Regular.otf, FandolHei-Regular.otf,
FandolKai-Regular.otf, FandolSong-Regular.otf
===========================================================================

Upstream:  Fandol fonts v0.3 (2015-07-18, font version 1.300), by the Fandol
           team (Clerk Ma, Jie Su), https://ctan.org/pkg/fandol
Obtained:  Debian package texlive-lang-chinese $tl_ver,
           /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/
           The files are copied unmodified.
Copyright: Copyright (c) 2012-2013, the Fandol team.
           (name table, nameID 0, of each font)
Licence:   GNU General Public License version 3 (full text: GPL-3.txt, which
           is the COPYING file shipped with the fonts), with the GPL font
           exception (upstream README: "These fonts's licensing is GPL + GPL
           font exception."). TeX Live's licence list records "fandol: gpl".

GPL font exception
------------------
Upstream names the exception but does not ship its wording. The standard
wording published by the Free Software Foundation (GPL FAQ, "font
exception") is:

  As a special exception, if you create a document which uses this font,
  and embed this font or unaltered portions of this font into the
  document, this font does not by itself cause the resulting document
  to be covered by the GNU General Public License. This exception does
  not however invalidate any other reasons why the document might be
  covered by the GNU General Public License. If you modify this font,
  you may extend this exception to your version of the font, but you
  are not obligated to do so. If you do not wish to do so, delete this
  exception statement from your version.

How gongwen uses these fonts: they are kept as separate files, loaded at
run time, and embedded (possibly subset) into generated PDF documents. They
are not compiled into the gongwen binary.


Upstream README (texmf-dist/doc/fonts/fandol/README), verbatim
---------------------------------------------------------------------------
EOF
    cat "$fandol_doc/README"
    cat <<EOF


Debian copyright file of texlive-lang-chinese $tl_ver
(/usr/share/doc/texlive-lang-chinese/copyright), sections 1 and 2
---------------------------------------------------------------------------
EOF
    sed -n '1,/^3\. Reference to an/p' "$tl_copyright" | sed '$d'
    cat <<EOF

Entry for fandol in /usr/share/doc/texlive-lang-chinese/Licenses.gz
---------------------------------------------------------------------------
EOF
    zcat "$tl_licenses" | sed -n '1p'
    echo
    zcat "$tl_licenses" | awk '/^[^ ]*: /{p=($1=="fandol:")} p'
} >"$out/LICENSE-Fandol.txt"

# ---------------------------------------------------------------- title face
# python3 with fontTools (pyftsubset)
py=python3
if ! "$py" -c 'import fontTools.subset' 2>/dev/null; then
    log "creating a venv with fonttools==$FONTTOOLS_VERSION"
    python3 -m venv venv
    venv/bin/pip install -q "fonttools==$FONTTOOLS_VERSION"
    py=$work/venv/bin/python
fi
log "fontTools $("$py" -c 'import fontTools; print(fontTools.version)')"

ttc=x/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc

# Find the Simplified Chinese face of the collection by its PostScript name.
index=$("$py" - "$ttc" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1], lazy=True).fonts):
    if f["name"].getDebugName(6) == "NotoSerifCJKsc-Bold":
        print(i)
        break
else:
    sys.exit("NotoSerifCJKsc-Bold not found")
EOF
)
log "NotoSerifCJKsc-Bold is face $index of NotoSerifCJK-Bold.ttc"

# Code points to keep.
"$py" - >unicodes.txt <<'EOF'
cps = set()
# every valid 2-byte GB2312 code (rows 0xA1-0xF7, cells 0xA1-0xFE)
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            s = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        cps.update(ord(c) for c in s)
cps.update(range(0x20, 0x7F))       # ASCII printable
cps.update(range(0xA0, 0x100))      # Latin-1 (U+00B7 middle dot for foreign names;
                                    # Python maps GB2312 A1A4 to U+30FB)
cps.update(range(0xFF01, 0xFF5F))   # full-width forms
cps.update(range(0x3000, 0x3040))   # CJK symbols and punctuation
cps.update(range(0x2010, 0x2028))   # general punctuation
cps.update(range(0x2030, 0x203C))
cps.update(ord(c) for c in "镕堃喆珺玥赟〔〕★")
for cp in sorted(cps):
    print("U+%04X" % cp)
EOF
log "$(wc -l <unicodes.txt) code points requested"

log "subsetting (takes a minute)"
"$py" -m fontTools.subset "$ttc" \
    --font-number="$index" \
    --unicodes-file=unicodes.txt \
    --layout-features='' \
    --no-hinting \
    --name-IDs='*' \
    --name-languages='*' \
    --notdef-outline \
    --output-file=subset.otf

# Rename (OFL: a modified version must not use the original's names).
"$py" - subset.otf "$out/GongwenTitleSerif-Bold.otf" <<'EOF'
import sys
from fontTools.ttLib import TTFont

FAMILY = "Gongwen Title Serif"
STYLE = "Bold"
FULL = FAMILY + " " + STYLE
PS = "GongwenTitleSerif-Bold"

f = TTFont(sys.argv[1], recalcTimestamp=False)
name = f["name"]
version = name.getDebugName(5)
new = {
    1: FAMILY,
    2: STYLE,
    3: "2.001;GONGWEN;" + PS,
    4: FULL,
    5: version + ";gongwen GB2312 subset",
    6: PS,
    16: FAMILY,
    17: STYLE,
}
langs = sorted({(r.platformID, r.platEncID, r.langID) for r in name.names
                if r.nameID in (1, 4)})
for rec in list(name.names):
    if rec.nameID in new:
        name.removeNames(nameID=rec.nameID, platformID=rec.platformID,
                         platEncID=rec.platEncID, langID=rec.langID)
for (p, e, l) in langs:
    for nid, s in new.items():
        if nid in (3, 5, 6) and l != 0x409:
            continue
        name.setName(s, nid, p, e, l)
name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))

# CFF names (the TTC shares one CFF named after the JP face).
cff = f["CFF "].cff
old_ps = cff.fontNames[0]
cff.fontNames = [PS]
top = cff.topDictIndex[0]
top.FullName = FULL
top.FamilyName = FAMILY
for k in ("XUID", "UniqueID"):
    if k in top.rawDict:
        del top.rawDict[k]
        if hasattr(top, k):
            delattr(top, k)
if hasattr(top, "FDArray"):
    for fd in top.FDArray:
        if getattr(fd, "FontName", None):
            fd.FontName = fd.FontName.replace(old_ps, PS)

f.save(sys.argv[2])

# Check no old names survived.
g = TTFont(sys.argv[2])
for r in g["name"].names:
    if r.nameID in (1, 3, 4, 6, 16, 17) and ("Noto" in r.toUnicode() or "Source" in r.toUnicode()):
        sys.exit("old name left: %r" % r)
assert g["CFF "].cff.fontNames == [PS]
EOF

# Licence for the title face.
noto_copyright=x/usr/share/doc/fonts-noto-cjk/copyright
noto_notice=$("$py" -c 'import sys; from fontTools.ttLib import TTFont; print(TTFont(sys.argv[1], fontNumber=int(sys.argv[2]), lazy=True)["name"].getDebugName(0))' "$ttc" "$index")
{
    cat <<EOF
GongwenTitleSerif-Bold.otf
===========================================================================

This font is a MODIFIED VERSION of Noto Serif CJK SC Bold (font version
2.001), face $index (PostScript name NotoSerifCJKsc-Bold) of
/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc in the Debian package
fonts-noto-cjk $noto_ver (upstream https://github.com/notofonts/noto-cjk).

Changes made (by scripts/fetch-fonts.sh in the gongwen project):
  * extracted as a standalone OpenType/CFF font;
  * subset to GB 2312, ASCII, Latin-1, full-width forms, CJK and general
    punctuation and a few extra characters (pyftsubset; OpenType layout
    features and hinting removed);
  * renamed to "Gongwen Title Serif" (name table and CFF names), as the
    licence requires for modified versions.

Original copyright notice (font name table, nameID 0):
  $noto_notice
  Noto is a trademark of Google Inc.

Debian's copyright file for fonts-noto-cjk states:
$(awk '/^Files: \*$/{p=1} p&&/^$/{exit} p{print "  " $0}' "$noto_copyright")

The font is licensed under the SIL Open Font License, Version 1.1, whose
text follows (taken from the Debian copyright file of fonts-noto-cjk, with
Debian's leading-space/"." continuation markup removed).

EOF
    # License: SIL-1.1 paragraph of the DEP-5 copyright file, unwrapped.
    awk '/^License: SIL-1.1$/{n++; if(n==2){p=1; next}}
         p && /^[^ ]/{exit}
         p{sub(/^ /,""); if($0==".") $0=""; print}' "$noto_copyright"
} >"$out/LICENSE-OFL-Noto.txt"

# ---------------------------------------------------------------- summary
log "done:"
(cd "$out" && ls -l FandolFang-Regular.otf FandolHei-Regular.otf \
    FandolKai-Regular.otf FandolSong-Regular.otf GongwenTitleSerif-Bold.otf \
    LICENSE-Fandol.txt LICENSE-OFL-Noto.txt GPL-3.txt >&2)
(cd "$out" && sha256sum Fandol*-Regular.otf GongwenTitleSerif-Bold.otf >&2)
