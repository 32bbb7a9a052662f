"""Make a PDF of a text with fpdf2, as a report would be printed (helpers for the format tests;
not a test module). A Unicode TrueType font is used where the system has one (Debian's
fonts-dejavu comes with Chromium, which CI installs); otherwise the text is written in
Latin-1, curly quotes and dashes made plain."""

from __future__ import annotations

from pathlib import Path

_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
_PLAIN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "•": "-",
                        "…": "...", "\u00a0": " "})


def pdf_of(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    font = next((f for f in _FONTS if Path(f).exists()), None)
    if font:
        pdf.add_font("body", fname=font)
        pdf.set_font("body", size=10)
    else:
        pdf.set_font("helvetica", size=10)
        text = text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
    for paragraph in text.replace("\t", "    ").split("\n"):
        pdf.multi_cell(0, 5, paragraph if paragraph.strip() else " ", align="L",
                       new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
