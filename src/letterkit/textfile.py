"""Reading a user's text file: UTF-8 (BOM or not), UTF-16 with BOM, or a Cyrillic code page.

One reader for every text letterkit takes from the user: a letter (``write --text``,
``check``) and the text formats of ``batch`` (CSV, JSON Lines, plain lists).
:func:`decode_text` returns a :class:`TextFile` that says which encoding it chose, so
the CLI can tell the user when a file was not UTF-8. The order: a BOM (UTF-8, UTF-16),
then strict UTF-8, then the one of Windows-1251, KOI8-R and MacCyrillic that
charset-normalizer (https://github.com/jawah/charset_normalizer) finds most likely —
restricted to those three, because unrestricted it reads short Russian files as Greek or
Turkish code pages — with a caller's ``prefer`` test (a batch file: "the header names
known columns") deciding between decodings that are equally likely. A file that is
binary, mixes UTF-8 with another encoding, or decodes to something that is not Russian
or English text is an :class:`~letterkit.errors.InputError` naming the file (``where``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.limits import MAX_LETTER_BYTES

UTF8 = "utf-8"
UTF16 = "utf-16"
CP1251 = "cp1251"
KOI8R = "koi8_r"
MAC_CYRILLIC = "mac_cyrillic"
# The single-byte encodings Russian files come in: Windows (Excel's «CSV» on a Russian
# Windows), KOI8-R (old Unix and mail archives), MacCyrillic (Excel for Mac before 2016).
CYRILLIC_CODEPAGES = (CP1251, KOI8R, MAC_CYRILLIC)
# How each encoding is named to the user.
ENCODING_NAMES = {
    UTF8: "UTF-8",
    UTF16: "UTF-16",
    CP1251: "Windows-1251",
    KOI8R: "KOI8-R",
    MAC_CYRILLIC: "MacCyrillic",
}

# Characters outside the Cyrillic letters and ASCII that real Russian texts contain.
_TYPOGRAPHY = frozenset("«»—–№„“”‘’…•·°\xa0ЁёІіЇїЄє")
# A Cyrillic letter encoded as UTF-8 (А-я, Ё, ё).
_UTF8_CYRILLIC = re.compile(rb"\xd0[\x81\x90-\xbf]|\xd1[\x80-\x8f\x91]")


@dataclass(frozen=True)
class TextFile:
    """Decoded text and the encoding it was read in (``utf-8``, ``utf-16``, ``cp1251``…)."""

    text: str
    encoding: str = UTF8

    @property
    def encoding_name(self) -> str:
        """The encoding as the user knows it: ``UTF-8``, ``Windows-1251``, ``KOI8-R``…"""
        return ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def is_utf8(self) -> bool:
        return self.encoding == UTF8


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _odd(text: str) -> list[str]:
    """Characters a Russian or English text would not contain (a wrong code page's marks)."""
    return [ch for ch in text if ord(ch) > 127 and not ("А" <= ch <= "я") and ch not in _TYPOGRAPHY]


def _not_text(where: str, hint: str, *, byte: int | None = None, text: str = "") -> InputError:
    if byte is not None:
        message = _(
            "{where} is not text in UTF-8, Windows-1251, KOI8-R or MacCyrillic (byte {byte})"
        ).format(where=where, byte=byte)
    else:
        message = _(
            "{where} is not text in UTF-8, Windows-1251, KOI8-R or MacCyrillic "
            "(it decodes to «{text}»)"
        ).format(where=where, text=_short(text))
    return InputError(message, hint=hint)


def decode_text(
    raw: bytes, where: str, *, hint: str, prefer: Callable[[str], bool] | None = None
) -> TextFile:
    """A BOM, else strict UTF-8, else the likeliest Cyrillic code page.

    ``where`` names the file in messages ("guests.csv", "the letter file a.txt");
    ``hint`` says how to save it in a readable encoding; ``prefer`` (optional) tells a
    right decoding from a wrong one when the statistics cannot (short files): a batch
    reader passes "the header names known columns".
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return TextFile(raw.decode(UTF16), UTF16)  # the BOM tells the byte order
        except UnicodeDecodeError as exc:
            raise _not_text(where, hint, byte=exc.start + 1) from None
    if b"\x00" in raw:
        raise InputError(_("{where} is a binary file, not text").format(where=where), hint=hint)
    try:
        return TextFile(raw.decode("utf-8-sig"), UTF8)
    except UnicodeDecodeError as exc:
        # Cyrillic in valid UTF-8 before the first invalid byte: two encodings mixed
        # in one file (a real single-byte file fails at its first Cyrillic letter).
        if _UTF8_CYRILLIC.search(raw, 0, exc.start):
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                _("{where} mixes UTF-8 with another encoding (line {line} is not UTF-8)").format(
                    where=where, line=line
                ),
                hint=hint,
            ) from None
    encoding, text = _best_codepage(raw, prefer)
    if text is None:
        raise _not_text(where, hint, byte=1)
    high = [ch for ch in text if ord(ch) > 127]
    odd = _odd(text)
    if len(odd) > max(3, len(high) // 20) or (high and len(odd) * 2 >= len(high)):
        raise _not_text(where, hint, text="".join(odd[:12]))
    return TextFile(text, encoding)


def _best_codepage(raw: bytes, prefer: Callable[[str], bool] | None) -> tuple[str, str | None]:
    """The code page to read ``raw`` in: what ``prefer`` accepts, fewest odd characters,
    then charset-normalizer's ranking (most likely first)."""
    # deferred: charset-normalizer loads its language tables (~40 ms); only non-UTF-8 files pay
    from charset_normalizer import from_bytes

    ranked = [m.encoding for m in from_bytes(raw, cp_isolation=list(CYRILLIC_CODEPAGES))]
    order = [e for e in ranked if e in CYRILLIC_CODEPAGES]
    order += [e for e in CYRILLIC_CODEPAGES if e not in order]
    best: tuple[tuple, str, str] | None = None
    for rank, encoding in enumerate(order):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        liked = prefer(text) if prefer is not None else False
        score = (not liked, len(_odd(text)), rank)
        if best is None or score < best[0]:
            best = (score, encoding, text)
    if best is None:
        return CP1251, None
    return best[1], best[2]


def read_text_file(
    path: Path, what: str | None = None, *, limit: int = MAX_LETTER_BYTES
) -> TextFile:
    """A user's text file (a letter) with clear errors: missing, binary, undecodable,
    empty, larger than ``limit`` bytes (as ``letterkit check`` says it).

    ``what`` names the file in messages, already translated (e.g. ``_("letter file")``).
    """
    path = Path(path)
    what = what or _("file")
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)  # one byte more: "too large"
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
    if len(raw) > limit:
        raise InputError(
            _("{where} is larger than {limit} kB: not a letter").format(
                where=path, limit=limit // 1000
            ),
            hint=_("check that this is the right file; a letter of four pages is about 10 kB"),
        )
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
