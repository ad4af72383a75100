#!/usr/bin/env python3
"""Read an OFD back with independent readers, for tests/ofd.rs.

    read.py DPI FILE.ofd OURS.pdf [FILE.ofd OURS.pdf ...]

Prints a JSON list, one object per pair (the readers are loaded once):
  info     ofdkit's document information (title, custom data) and page count;
  pages    per page: ofdkit's text, and every glyph as easyofd draws it — character, x and
           baseline in mm from the top-left corner — read from easyofd's PDF with PyMuPDF;
  render   page 1 of easyofd's rendering against page 1 of OURS.pdf rendered by pdftoppm,
           both at DPI: the mean ink difference (0..1) after a 3x3 box blur, and the red
           pixels of each, and how the rows holding red match (the 版头).

Needs: pip install easyofd ofdkit (pulls PyMuPDF, reportlab, Pillow); pdftoppm.
easyofd draws every character with its "宋体"; no CJK TrueType font is needed: that name is
bound to reportlab's built-in STSong-Light CID font, which PyMuPDF renders with its own CJK
face. Glyph shapes therefore differ from ours; positions do not.
"""
import io
import json
import subprocess
import sys
import tempfile
import warnings

from PIL import Image

warnings.filterwarnings("ignore")


def quiet_easyofd():
    import contextlib
    import logging

    logging.disable(logging.WARNING)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from loguru import logger

        logger.remove()
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from easyofd.ofd import OFD

        song = UnicodeCIDFont("STSong-Light")
        song.fontName = song.name = "宋体"
        pdfmetrics.registerFont(song)
    return OFD


def easyofd_pdf(path):
    import contextlib

    OFD = quiet_easyofd()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        ofd = OFD()
        ofd.read(path, fmt="path")
        return ofd.to_pdf()


def glyphs(doc, page_width_mm):
    pages = []
    for page in doc:
        scale = page_width_mm / page.rect.width
        out = []
        raw = page.get_text("rawdict")
        for block in raw["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        if ch["c"].isspace():
                            continue
                        x, y = ch["origin"]
                        out.append([ch["c"], x * scale, y * scale])
        pages.append(out)
    return pages


def gray(png_bytes, size):

    im = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    return im.resize(size) if size and im.size != size else im


def compare(ours_pdf, theirs, dpi):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", ours_pdf, tmp + "/p"],
            check=True,
        )
        with open(tmp + "/p.png", "rb") as f:
            ours = gray(f.read(), None)
    # easyofd's page is larger than A4 (its own unit); render it to our pixel size.
    import pymupdf as fitz

    page = theirs[0]
    zoom = ours.size[0] / page.rect.width
    pix = page.get_pixmap(matrix=fitz.Matrix(zoom, zoom), alpha=False)
    theirs_im = gray(pix.tobytes("png"), ours.size)

    ours_ink, theirs_ink = ink(ours), ink(theirs_im)
    ours_red, theirs_red = red(ours), red(theirs_im)
    return {
        "size": list(ours.size),
        "ink": [covered(ours_ink, theirs_ink), covered(theirs_ink, ours_ink)],
        "red_pixels": [count(ours_red), count(theirs_red)],
        "red_rows": [rows_covered(ours_red, theirs_red), rows_covered(theirs_red, ours_red)],
    }


def ink(im):
    """Pixels darker than light grey, as a 0/255 mask."""
    return im.convert("L").point(lambda v: 255 if v < 200 else 0)


def red(im):
    """Reddish pixels (red well above green and blue: a thin red line drawn at 20 dpi is pink)."""
    return Image.frombytes(
        "L", im.size, bytes(255 if r - max(g, b) > 50 else 0 for r, g, b in im.getdata())
    )


def rows(mask):
    """The pixel rows holding at least two of the mask's pixels."""
    w, h = mask.size
    data = list(mask.getdata())
    return {y for y in range(h) if sum(1 for v in data[y * w:(y + 1) * w] if v) >= 2}


def rows_covered(a, b):
    """The share of a's rows within one row (1.27 mm at 20 dpi) of one of b's (1 when a has none): where the red
    lines and the red 标志 stand, whatever the weight of the face."""
    ra, rb = rows(a), rows(b)
    if not ra:
        return 1.0
    return sum(1 for y in ra if {y - 1, y, y + 1} & rb) / len(ra)


def count(mask):
    return sum(1 for v in mask.getdata() if v)


def covered(a, b):
    """The share of a's pixels that lie within one pixel of one of b's (1 when a is empty)."""
    from PIL import ImageChops, ImageFilter

    n = count(a)
    if n == 0:
        return 1.0
    return count(ImageChops.multiply(a, b.filter(ImageFilter.MaxFilter(3)))) / n


def read(path, ours_pdf, dpi):
    import ofdkit
    import pymupdf as fitz

    with ofdkit.open(path) as d:
        info = d.info.to_dict() if hasattr(d, "info") else {}
        texts = [p.text() for p in d.pages]
        width = d.pages[0].width
    pdf = easyofd_pdf(path)
    doc = fitz.open(stream=pdf, filetype="pdf")
    return {
        "info": info,
        "pages": [{"text": t, "glyphs": g} for t, g in zip(texts, glyphs(doc, width))],
        "easyofd_pages": len(doc),
        "render": compare(ours_pdf, doc, dpi),
    }


def main():
    dpi, files = int(sys.argv[1]), sys.argv[2:]
    pairs = zip(files[0::2], files[1::2])
    json.dump([read(ofd, pdf, dpi) for ofd, pdf in pairs], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
