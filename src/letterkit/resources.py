"""Where shipped data, templates and fonts live.

One place resolves them (the interface catalogues are found by letterkit.i18n, inside
the package), both from an installed wheel (data copied into
``letterkit/_shipped/`` by hatch ``force-include``) and from a source checkout or
editable install (the top-level ``data/`` and ``templates/`` directories).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from letterkit.errors import DataError
from letterkit.i18n import _

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def shipped_root() -> Path:
    """The directory holding ``data/`` and ``templates/``."""
    wheel = _PACKAGE_DIR / "_shipped"
    if (wheel / "data").is_dir():
        return wheel
    checkout = _PACKAGE_DIR.parent.parent  # src/letterkit -> repository root
    if (checkout / "data").is_dir():
        return checkout
    raise DataError(
        _("letterkit's shipped data was not found (looked in {wheel} and {checkout})").format(
            wheel=wheel, checkout=checkout
        ),
        hint=_("reinstall letterkit: pip install --force-reinstall letterkit"),
    )


def data_dir() -> Path:
    return shipped_root() / "data"


def templates_dir() -> Path:
    return shipped_root() / "templates"


def letter_templates_dir() -> Path:
    return templates_dir() / "letters"


# Fonts: ParaType PT Sans / PT Serif from the fontpkg-* wheels, never system fonts, so
# every PDF looks the same everywhere. Files are named PT_Sans-Web-Regular.ttf etc.
@cache
def font_file(family: str, style: str = "Regular") -> Path:
    """Path of a TTF file: family is ``"PT_Sans"`` or ``"PT_Serif"``."""
    if family == "PT_Sans":
        import fontpkg_pt_sans as pkg  # deferred: only the family asked for is loaded
    elif family == "PT_Serif":
        import fontpkg_pt_serif as pkg  # deferred: only the family asked for is loaded
    else:  # pragma: no cover - programming error
        raise ValueError(family)
    path = Path(pkg.ROOT) / "files" / f"{family}-Web-{style}.ttf"
    if not path.is_file():
        raise DataError(
            _("font file {path} is missing").format(path=path),
            hint=_("reinstall the font package: {command}").format(
                command="pip install --force-reinstall fontpkg-" + family.lower().replace("_", "-")
            ),
        )
    return path
