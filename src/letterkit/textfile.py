"""Reading a user's text file: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1251.

One reader for every text letterkit takes from the user: a letter (``write --text``,
``check``) and the text formats of ``batch`` (CSV, JSON Lines, plain lists).
:func:`decode_text` returns a :class:`TextFile` that says which encoding it chose, so
the CLI can tell the user when a file was not UTF-8. A file that is binary, mixes UTF-8
with another encoding, or decodes to something that is not Russian or English text is
an :class:`~letterkit.errors.InputError` naming the file (``where``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from letterkit.errors import InputError
from letterkit.i18n import _

UTF8 = "utf-8"
UTF16 = "utf-16"
CP1251 = "cp1251"
# How each encoding is named to the user.
ENCODING_NAMES = {UTF8: "UTF-8", UTF16: "UTF-16", CP1251: "Windows-1251"}

# Windows-1251 characters outside the Cyrillic letters that real texts contain.
_CP1251_OK = frozenset("«»—–№„“”‘’…•·°ЁёІіЇїЄєЎўЈјЅѕЂђЃѓЉљЊњЌќЋћЏџҐґ€‚")
# A Cyrillic letter encoded as UTF-8 (А-я, Ё, ё).
_UTF8_CYRILLIC = re.compile(rb"\xd0[\x81\x90-\xbf]|\xd1[\x80-\x8f\x91]")


@dataclass(frozen=True)
class TextFile:
    """Decoded text and the encoding it was read in (``utf-8``, ``utf-16``, ``cp1251``)."""

    text: str
    encoding: str = UTF8

    @property
    def encoding_name(self) -> str:
        """The encoding as the user knows it: ``UTF-8``, ``UTF-16``, ``Windows-1251``."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def is_utf8(self) -> bool:
        return self.encoding == UTF8


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode_text(raw: bytes, where: str, *, hint: str) -> TextFile:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251.

    ``where`` names the file in messages ("guests.csv", "the letter file a.txt");
    ``hint`` says how to save it in a readable encoding.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return TextFile(raw.decode(UTF16), UTF16)  # the BOM tells the byte order
        except UnicodeDecodeError as exc:
            raise InputError(
                _("{where} is neither UTF-8 nor Windows-1251 text (byte {byte})").format(
                    where=where, byte=exc.start + 1
                ),
                hint=hint,
            ) from None
    if b"\x00" in raw:
        raise InputError(_("{where} is a binary file, not text").format(where=where), hint=hint)
    try:
        return TextFile(raw.decode("utf-8-sig"), UTF8)
    except UnicodeDecodeError as exc:
        # Cyrillic in valid UTF-8 before the first invalid byte: two encodings mixed
        # in one file (a real Windows-1251 file fails at its first Cyrillic letter).
        if _UTF8_CYRILLIC.search(raw, 0, exc.start):
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                _("{where} mixes UTF-8 with another encoding (line {line} is not UTF-8)").format(
                    where=where, line=line
                ),
                hint=hint,
            ) from None
    try:
        text = raw.decode(CP1251)
    except UnicodeDecodeError as exc:
        raise InputError(
            _("{where} is neither UTF-8 nor Windows-1251 text (byte {byte})").format(
                where=where, byte=exc.start + 1
            ),
            hint=hint,
        ) from None
    high = [ch for ch in text if ord(ch) > 127]
    odd = [ch for ch in high if not ("А" <= ch <= "я") and ch not in _CP1251_OK]
    if high and len(odd) > max(3, len(high) // 20):
        raise InputError(
            _("{where} is neither UTF-8 nor Windows-1251 text (it decodes to «{text}»)").format(
                where=where, text=_short("".join(odd[:12]))
            ),
            hint=hint,
        )
    return TextFile(text, CP1251)


def read_text_file(path: Path, what: str | None = None) -> TextFile:
    """A user's text file (a letter) with clear errors: missing, binary, undecodable, empty.

    ``what`` names the file in messages, already translated (e.g. ``_("letter file")``).
    """
    path = Path(path)
    what = what or _("file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            _("the {what} {path} does not exist").format(what=what, path=path),
            hint=_("check the path"),
        ) from None
    except IsADirectoryError:
        raise InputError(
            _("the {what} {path} is a directory").format(what=what, path=path),
            hint=_("give a text file"),
        ) from None
    except OSError as exc:
        raise InputError(
            _("cannot read the {what} {path}: {reason}").format(
                what=what, path=path, reason=exc.strerror or exc
            )
        ) from None
    decoded = decode_text(
        raw,
        _("the {what} {path}").format(what=what, path=path),
        hint=_("save the letter as plain text (.txt, UTF-8)"),
    )
    if not decoded.text.strip():
        raise InputError(
            _("the {what} {path} is empty").format(what=what, path=path),
            hint=_("write the letter text first"),
        )
    return decoded
