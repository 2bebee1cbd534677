"""Limits on what letterkit reads, renders and waits for, named in one place.

Each limit is far above what a real letter, record or profile needs and low enough that
a hostile or broken file fails with one clear error instead of hanging the computer or
exhausting its memory. The numbers are letterkit's own choices unless a comment says
where they come from.
"""

from __future__ import annotations

import json
from typing import Any

from letterkit.i18n import _

# --- files shared between runs ---------------------------------------------------------
# How long a run waits for another letterkit run to finish with the same profile, letter
# log or records before it gives up with an error (seconds).
LOCK_TIMEOUT_SECONDS = 60
# A hidden temporary file (``.NAME.XXXXXXXX.tmp``) older than this, that no running
# letterkit holds, is left over from a crash and is removed (seconds).
STALE_TEMP_SECONDS = 3600

# --- structured data (JSON, TOML) ------------------------------------------------------
# Arrays and tables nested deeper than this are refused: real records nest three levels.
MAX_NESTING_DEPTH = 64
# Python's default limit for converting a string to an int
# (https://docs.python.org/3/library/stdtypes.html#int-max-str-digits); a JSON integer
# with more digits is refused with a clear error instead of Python's ValueError.
MAX_INT_DIGITS = 4300

# --- letters ---------------------------------------------------------------------------
# `check` reads at most this many bytes: a four-page letter is about 10 kB.
MAX_LETTER_BYTES = 1_000_000

# --- user templates (Jinja2, sandboxed) ------------------------------------------------
# Loop iterations one render may run in total (every ``{% for %}`` together).
TEMPLATE_MAX_LOOP_ITERATIONS = 10_000
# Characters one render may produce, and the longest string a filter may make.
TEMPLATE_MAX_OUTPUT_CHARS = 200_000

# --- preview ---------------------------------------------------------------------------
# Pixels of the rendered page: A4 at 600 dpi is about 35 million.
PREVIEW_MAX_PIXELS = 40_000_000


class LimitExceeded(ValueError):
    """Structured data over one of the limits above; ``str()`` is the user's message.

    A ValueError, so a caller that already turns a JSON or TOML syntax error into a clear
    error (naming the file and line) reports this one the same way.
    """


def _int_or_fail(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise LimitExceeded(_("a number has more than {n} digits").format(n=MAX_INT_DIGITS))
    return int(text)


def _check_depth(value: Any) -> Any:
    """``value`` itself; LimitExceeded if lists or tables nest deeper than the limit."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth >= MAX_NESTING_DEPTH:
            raise _too_deep()
        stack.extend((child, depth + 1) for child in children)
    return value


def _too_deep() -> LimitExceeded:
    return LimitExceeded(
        _("lists or tables are nested more than {n} levels deep").format(n=MAX_NESTING_DEPTH)
    )


def load_json(text: str | bytes) -> Any:
    """``json.loads`` with the nesting and integer limits (LimitExceeded, a ValueError)."""
    try:
        return _check_depth(json.loads(text, parse_int=_int_or_fail))
    except RecursionError:
        raise _too_deep() from None


def load_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` with the nesting and integer limits (LimitExceeded, a ValueError)."""
    # deferred: --help must not load the TOML parser (tests/test_render_reuse.py)
    import tomllib

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise _too_deep() from None
    except ValueError as exc:
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise
        # int() of a huge number inside tomllib: "Exceeds the limit (4300 digits) …"
        raise LimitExceeded(
            _("a number has more than {n} digits").format(n=MAX_INT_DIGITS)
        ) from None
    return _check_depth(data)
