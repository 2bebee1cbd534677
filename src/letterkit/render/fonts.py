"""Font registration: PT Sans for envelopes, PT Serif for letters (ParaType, OFL; full
Cyrillic: https://pypi.org/project/fontpkg-pt-sans/, https://pypi.org/project/fontpkg-pt-serif/).

Fonts come from the fontpkg-pt-sans / fontpkg-pt-serif wheels, never from the system,
and are registered once per process. reportlab embeds subsets of them.
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

_FONTS = {
    SANS: ("PT_Sans", "Regular"),
    SANS_BOLD: ("PT_Sans", "Bold"),
    SANS_ITALIC: ("PT_Sans", "Italic"),
    SERIF: ("PT_Serif", "Regular"),
    SERIF_BOLD: ("PT_Serif", "Bold"),
    SERIF_ITALIC: ("PT_Serif", "Italic"),
}


@cache
def register(name: str) -> str:
    """Register one font (once) and return its reportlab name."""
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    family, style = _FONTS[name]
    pdfmetrics.registerFont(TTFont(name, str(font_file(family, style))))
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
