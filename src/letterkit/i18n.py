"""Interface language (Russian or English) through gettext catalogues.

Language: the global ``--lang`` option, else ``LETTERKIT_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English. Letters and envelopes are always
Russian.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LANGUAGES = ("en", "ru")
DOMAIN = "letterkit"
# The compiled catalogues ship inside the package (src/letterkit/locale/), in a wheel and
# in a checkout alike, so the lowest module finds them without letterkit.resources.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current = "en"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def detect_language(explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get("LETTERKIT_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ru" if loc.lower().startswith("ru") else "en"


def set_language(lang: str | None = None) -> str:
    """Activate a language; returns the code in use."""
    global _current, _translation
    _current = detect_language(lang)
    _translation = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[_current], fallback=True
    )
    return _current


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate an interface message."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (module-level tables).

    Translate it with ``_()`` where it is used, once the language is set.
    """
    return message


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Use ``lang`` inside the block (e.g. English for text stored in data files)."""
    global _current, _translation
    saved = _current, _translation
    try:
        yield set_language(lang)
    finally:
        _current, _translation = saved
