"""Interface language (Russian or English) through gettext catalogues.

Language: the global ``--lang`` option, else ``LETTERKIT_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English. Letters and envelopes are always
Russian.

:func:`set_language` sets the process's language (the CLI, once at start);
:func:`language` overrides it for a block in the current context only
(:mod:`contextvars`): one page request of ``letterkit serve`` in Russian does not change
the language of another, and a worker thread started in a copy of the request's context
(``contextvars.copy_context().run``) keeps the language of the page that started it.
"""

from __future__ import annotations

import contextvars
import functools
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
# A block's language (language()), in this context only; None: the process's language.
_override: contextvars.ContextVar[tuple[str, gettext.NullTranslations] | None] = (
    contextvars.ContextVar("letterkit_language", default=None)
)


@functools.cache
def _catalogue(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[code], fallback=True)


def _active() -> gettext.NullTranslations:
    override = _override.get()
    return _translation if override is None else override[1]


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
    """Activate a language for the process (and end any :func:`language` block's
    override in this context); returns the code in use."""
    global _current, _translation
    _current = detect_language(lang)
    _translation = _catalogue(_current)
    _override.set(None)
    return _current


def current_language() -> str:
    override = _override.get()
    return _current if override is None else override[0]


def _(message: str) -> str:
    """Translate an interface message."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (module-level tables).

    Translate it with ``_()`` where it is used, once the language is set.
    """
    return message


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Use ``lang`` inside the block, in this context only (e.g. English for text stored
    in data files, or a page request's language)."""
    code = detect_language(lang)
    token = _override.set((code, _catalogue(code)))
    try:
        yield code
    finally:
        _override.reset(token)
