"""Where shipped data, templates and fonts live.

One place resolves them (the interface catalogues are found by letterkit.i18n, inside
the package), both from an installed wheel (data copied into
``letterkit/_shipped/`` by hatch ``force-include``) and from a source checkout or
editable install (the top-level ``data/`` and ``templates/`` directories).
"""

from __future__ import annotations

import importlib.resources
import json
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


# Fonts: ParaType PT Sans / PT Serif from the fontpkg-pt-sans / fontpkg-pt-serif wheels,
# never system fonts, so every PDF looks the same everywhere. fontpkg describes a family
# from the metadata.json its wheel ships and picks the file for a weight and style
# (https://pypi.org/project/fontpkg/).
FONT_PACKAGES = {"PT Sans": "fontpkg-pt-sans", "PT Serif": "fontpkg-pt-serif"}


@cache
def _font_family(family: str):  # -> fontpkg.Family
    """fontpkg's description of an installed family.

    Read straight from the family's own package: ``fontpkg.family()`` first loads every
    installed distribution's entry points to find the families (~10 ms a process, more
    in a big environment); a family letterkit does not ship goes that way."""
    import fontpkg  # deferred: only drawing needs fonts (letterkit --help never draws)

    package = FONT_PACKAGES.get(family)
    if package is None:
        return fontpkg.family(family)
    try:
        root = importlib.resources.files(package.replace("-", "_"))
        meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):  # not installed, or a broken install
        return fontpkg.family(family)
    return fontpkg.family_from_metadata(meta, root)


@cache
def font_file(family: str, weight: int = 400, style: str = "normal") -> Path:
    """Path of the TTF file of ``family`` ("PT Sans" or "PT Serif") at a weight and style."""
    import fontpkg  # deferred: only drawing needs fonts (letterkit --help never draws)

    hint = _("reinstall the font package: {command}").format(
        command="pip install --force-reinstall " + FONT_PACKAGES.get(family, "fontpkg")
    )
    try:
        chosen = fontpkg.select_file(
            _font_family(family),
            fontpkg.normalize_weight(weight),
            fontpkg.normalize_style(style),
            False,  # nearest: never another weight than asked for
        )
    except fontpkg.FontpkgError as exc:
        raise DataError(
            _("font {family} (weight {weight}, {style}) is not installed").format(
                family=family, weight=weight, style=style
            ),
            hint=hint,
        ) from exc
    path = Path(chosen.path)
    if not path.is_file():
        raise DataError(_("font file {path} is missing").format(path=path), hint=hint)
    return path
