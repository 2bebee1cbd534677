"""Font registration: PT Sans for envelopes, PT Serif for letters (ParaType, OFL; full
Cyrillic: https://pypi.org/project/fontpkg-pt-sans/, https://pypi.org/project/fontpkg-pt-serif/).

Fonts come from the fontpkg-pt-sans / fontpkg-pt-serif wheels, never from the system,
and are registered once per process. reportlab embeds subsets of them: only the glyphs a
document draws. reportlab's default (``rl_config.ttfAsciiReadable``) also puts all 95
printable ASCII glyphs into every font's first subset, drawn or not, so that ASCII text
stays readable in the raw content stream; no reader of a letterkit PDF reads it raw (text
is extracted through the font's ToUnicode map), and those glyphs are half of an envelope
PDF's bytes and of the time spent compressing it (reportlab/pdfbase/ttfonts.py, its
``TTFont`` ``asciiReadable`` argument: "smaller subsets when set to 0").
"""

from __future__ import annotations

from functools import cache

from letterkit.resources import font_file

SANS = "PTSans"
SANS_BOLD = "PTSans-Bold"
SANS_ITALIC = "PTSans-Italic"
SERIF = "PTSerif"
SERIF_BOLD = "PTSerif-Bold"
SERIF_ITALIC = "PTSerif-Italic"

EMBED_ASCII_UNUSED = False  # see the module doc

# reportlab name -> (fontpkg family, weight, style)
_FONTS = {
    SANS: ("PT Sans", 400, "normal"),
    SANS_BOLD: ("PT Sans", 700, "normal"),
    SANS_ITALIC: ("PT Sans", 400, "italic"),
    SERIF: ("PT Serif", 400, "normal"),
    SERIF_BOLD: ("PT Serif", 700, "normal"),
    SERIF_ITALIC: ("PT Serif", 400, "italic"),
}


@cache
def register(name: str) -> str:
    """Register one font (once) and return its reportlab name."""
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    family, weight, style = _FONTS[name]
    path = str(font_file(family, weight, style))
    pdfmetrics.registerFont(TTFont(name, path, asciiReadable=EMBED_ASCII_UNUSED))
    return name


def register_sans() -> None:
    for name in (SANS, SANS_BOLD, SANS_ITALIC):
        register(name)


@cache
def register_serif() -> None:
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase.pdfmetrics import registerFontFamily

    for name in (SERIF, SERIF_BOLD, SERIF_ITALIC):
        register(name)
    registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD
    )
