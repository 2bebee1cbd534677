"""The recipient of a published address: the name patterns, and the name read as a
:class:`~letterkit.models.Recipient` (dative as published, nominative derived by
:mod:`letterkit.names`, initials, birth year) with warnings about its form.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from letterkit import names
from letterkit.address.normalise import clean
from letterkit.i18n import _, current_language
from letterkit.models import Issue, Recipient

# A name (or any text ending in a letter) followed by a birth year: «…, 1995 г. р.»
NAME_YEAR = re.compile(
    r"^(?P<name>.*?[А-Яа-яЁё)])\s*,?\s*\(?\s*(?:\d{1,2}\.\d{1,2}\.)?(?P<year>(?:19|20)\d\d)\s*"
    r"(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?\s*\)?\.?$"
)
# Two to four capitalised words (a bracketed second name after any): a full name; a
# Turkic particle after the patronymic («Рза оглы») or, in the Kyrgyz form, after the
# father's name that is the surname («Абдыманап уулу Алтынбек»).
_NAME_WORD = r"[А-ЯЁ][А-ЯЁа-яё'’-]*"
_PAREN_WORD = r"(?:\s+\([А-ЯЁа-яё\s-]+\))?"
_PARTICLE = r"(?:оглы|кызы|угли|оглу|огълы|улы|уулу|гызы)"
NAME = re.compile(
    rf"^{_NAME_WORD}{_PAREN_WORD}(?:\s+{_PARTICLE}(?=\s+[А-ЯЁ]))?"
    rf"(?:\s+{_NAME_WORD}{_PAREN_WORD}){{1,3}}(?:\s+{_PARTICLE})?$"
)
# A name in the genitive after «для», as a chat writes it: «для Хасанова Рустама
# Ильдаровича» (the envelope needs the dative, derived from it).
FOR_NAME = re.compile(r"^[Дд]ля\s+(?P<n>" + NAME.pattern[1:-1] + r")$")
# A surname with initials, as RosUznik and news pages sometimes publish it: «Баценину
# А. Д.», «Баценину А.Д», «А. Д. Баценину», «А.Д.Баценину». The surname is title-cased
# (capitals are facility acronyms); surname first needs two initials and the dot after
# the first one (the last dot may have been cut at a segment end), so «Блок А» is no name.
_SURNAME = r"[А-ЯЁ][а-яё'’]+(?:-[А-ЯЁ][а-яё'’]+)*(?:\s+\([А-ЯЁ][а-яё'’-]+\))?"
_INITIALS_BODY = (
    rf"(?:(?P<last>{_SURNAME})\s+(?P<ini>[А-ЯЁ]\.\s?[А-ЯЁ])\.?"
    rf"|(?P<ini_first>[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?)\s*(?P<last_after>{_SURNAME}))"
)
INITIALS_NAME = re.compile(rf"^{_INITIALS_BODY}$")
# A birth year right after the full stop of an initial: «… А. Д. 1995 г. р.».
TAIL_YEAR = re.compile(
    r"(?<=[А-ЯЁ])\.\s*,?\s*\(?\s*(?:\d{1,2}\.\d{1,2}\.)?(?:19|20)\d\d\s*"
    r"(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?\s*\)?\.?$"
)
INITIALS_YEAR = re.compile(
    rf"^(?P<name>{_INITIALS_BODY})\s*,?\s*\(?\s*(?:\d{{1,2}}\.\d{{1,2}}\.)?"
    r"(?P<year>(?:19|20)\d\d)\s*(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?"
    r"\s*\)?\.?$"
)
_NAME_TOKENS = re.compile(r"\([^)]*\)|[^\s()]+")


# A word of a name in capitals (two letters or more: «ИВАНОВУ», «ПЕТРОВ-ВОДКИН»).
_CAPS_WORD = re.compile(r"\b[А-ЯЁ]{2,}\b")
# Distinct names whose reading is kept: a list that writes to one person several times
# (or to a family) repeats the name, and reading it declines every word.
NAME_CACHE_SIZE = 4096


def read_recipient(text: str, year: int | None, warnings: list[Issue]) -> Recipient:
    """The person a segment names: nominative derived from the published dative (or the
    dative from a published nominative); a warning for each doubt about the name.

    The reading depends on the text alone (the year is only kept), so it is made once
    per name and language of the messages; each caller gets a recipient of its own."""
    rec, found = _read_name(text, current_language())
    warnings.extend(found)
    return dataclasses.replace(rec, birth_year=year)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _read_name(text: str, _language: str) -> tuple[Recipient, tuple[Issue, ...]]:
    """:func:`read_recipient` of ``text`` with no year, and its warnings (``_language``:
    the messages' language, a key of the cache only)."""
    found: list[Issue] = []
    rec = _read(text, None, found)
    return rec, tuple(found)


def _read(text: str, year: int | None, warnings: list[Issue]) -> Recipient:
    text = clean(text)
    if _CAPS_WORD.search(text):
        # «ИВАНОВУ Сергею Петровичу»: a surname in capitals, as some sites set it
        text = _CAPS_WORD.sub(lambda w: w.group(0).capitalize(), text)
    m = INITIALS_NAME.match(text)
    if m:
        return _initials_recipient(m, year, warnings)
    m = FOR_NAME.match(text)
    if m:
        return _genitive_recipient(m.group("n"), year, warnings)
    # Bracketed second names («Карелиной (Хаваной) Ксении»): remember after which word.
    alts: dict[int, str] = {}
    words: list[str] = []
    for tok in _NAME_TOKENS.findall(text):
        if tok.startswith("("):
            if words:
                alts[len(words) - 1] = tok[1:-1].strip()
        else:
            words.append(tok)
    # Garbled: «Анастасии Поляковой Анастасии Владимировне» (first name twice).
    if len(words) >= 4 and words[-1].lower() not in names.TURKIC:
        fold = [w.lower().replace("ё", "е") for w in words]
        if fold[0] == fold[2]:
            warnings.append(
                Issue(
                    "name-garbled",
                    "recipient",
                    _("the name «{name}» repeats a word; read as «{read}»").format(
                        name=text, read=" ".join(words[1:])
                    ),
                )
            )
            words = words[1:]
            text = " ".join(words)
            alts = {}
    rec = Recipient(dative=text, birth_year=year)
    if names.looks_nominative(words):
        if len(words) >= 3 and words[1].lower() in names.TURKIC:
            words = [f"{words[0]} {words[1]}", *words[2:]]  # «Абдыманап уулу Алтынбек»
        last = words[0]
        first = words[1] if len(words) > 1 else None
        middle = " ".join(words[2:]) or None
        gender = names.detect_gender(first, middle, last)
        if 0 in alts:
            last = f"{last} ({alts[0]})"
        if 1 in alts and first:
            first = f"{first} ({alts[1]})"
        rec.last, rec.first, rec.middle, rec.gender = last, first, middle, gender
        rec.dative = names.to_dative(last, first, middle, gender)
        warnings.append(
            Issue(
                "name-nominative",
                "recipient",
                _(
                    "the name is published in the nominative («{name}»); "
                    "the envelope uses the dative «{dative}»"
                ).format(name=text, dative=rec.dative),
            )
        )
        return rec
    reordered = names.surname_last(words) if not alts else None
    if reordered is not None:
        words = reordered
    slip = names.dative_slip(words)
    if slip is not None:
        return _slip_recipient(rec, text, slip, warnings)
    if names.case_unknown(words):
        warnings.append(
            Issue(
                "name-case-unknown",
                "recipient",
                _(
                    "cannot tell whether «{name}» is in the dative: for a man the envelope "
                    "needs the dative (-у/-ю), a woman's foreign names do not change; check "
                    "the name on the person's page"
                ).format(name=text),
            )
        )
    last, first, middle, gender, exact = names.from_dative_checked(" ".join(words))
    if reordered is not None:
        warnings.append(
            Issue(
                "name-order",
                "recipient",
                _(
                    "«{name}» gives the first name before the surname: read as surname "
                    "«{last}», first name «{first}»; check the name on the person's page"
                ).format(name=text, last=last, first=first),
            )
        )
    if 0 in alts:
        last = f"{last} ({names.from_dative_checked(alts[0])[0]})"
    if 1 in alts and first:
        first = f"{first} ({alts[1]})"
    rec.last, rec.first, rec.middle, rec.gender = last, first, middle, gender
    for used, other in names.two_readings(" ".join(words)):
        warnings.append(
            Issue(
                "name-two-readings",
                "recipient",
                _(
                    "«{name}» reads two ways: the nominative is «{used}» or «{other}»; the "
                    "envelope is right either way, but the greeting, the reply envelope and "
                    "the English line use «{used}» — check the name on the person's page"
                ).format(name=text, used=used, other=other),
            )
        )
    if not exact:
        derived = names.to_dative(last, first, middle, gender)
        warnings.append(
            Issue(
                "dative-mismatch",
                "recipient",
                _(
                    "the published name «{name}» is not the dative the decliner gives for "
                    "«{full}» («{derived}»); check it"
                ).format(
                    name=text,
                    full=" ".join(p for p in (last, first, middle) if p),
                    derived=derived,
                ),
            )
        )
    return rec


def _genitive_recipient(text: str, year: int | None, warnings: list[Issue]) -> Recipient:
    """«для Хасанова Рустама Ильдаровича»: the nominative read from the genitive, the
    dative derived from it, and a warning that the source gives no dative."""
    last, first, middle, gender, _ok = names.from_genitive(text)
    dative = names.to_dative(last, first, middle, gender)
    warnings.append(
        Issue(
            "name-genitive",
            "recipient",
            _(
                "the name is given in the genitive after «для» («{name}»), not in the "
                "dative the envelope needs; read as «{full}», the envelope uses «{dative}» "
                "— check the name on the person's page"
            ).format(
                name=text,
                full=" ".join(p for p in (last, first, middle) if p),
                dative=dative,
            ),
        )
    )
    return Recipient(
        dative=dative, last=last, first=first, middle=middle, gender=gender, birth_year=year
    )


def _slip_recipient(
    rec: Recipient, text: str, slip: tuple[str, list[str], list[str]], warnings: list[Issue]
) -> Recipient:
    """A dative with a slip of the source: the right forms, and a warning naming both."""
    kind, nominative, dative = slip
    rec.last = nominative[0]
    rec.first = nominative[1] if len(nominative) > 1 else None
    rec.middle = " ".join(nominative[2:]) or None
    # the genitive read is a man's (a woman's foreign name does not decline)
    rec.gender = names.detect_gender(rec.first, rec.middle, rec.last) or "m"
    rec.dative = " ".join(dative)
    if kind == "ykh":
        message = _(
            "«{name}» has a slip: a surname in -ых/-их («{last}») does not decline; the "
            "envelope uses «{dative}»"
        )
    else:
        message = _(
            "«{name}» gives the first name in the genitive, not the dative; read as "
            "«{last} {first}», the envelope uses «{dative}» — check the name on the "
            "person's page"
        )
    warnings.append(
        Issue(
            "name-slip",
            "recipient",
            message.format(name=text, last=rec.last, first=rec.first, dative=rec.dative),
        )
    )
    return rec


def _initials_recipient(m: re.Match[str], year: int | None, warnings: list[Issue]) -> Recipient:
    """``Баценину А.Д`` → dative ``Баценину А. Д.`` (order as published), last ``Баценин``.

    Prisons identify people by full name and year of birth: a letter to initials is
    likely returned, so ``initials-only`` blocks printing (``address/validate.py``).
    """
    surname = m.group("last") or m.group("last_after")
    initials = " ".join(f"{c}." for c in (m.group("ini") or m.group("ini_first")) if c.isalpha())
    dative = f"{surname} {initials}" if m.group("last") else f"{initials} {surname}"
    warnings.append(
        Issue(
            "initials-only",
            "recipient",
            _(
                "only initials are given: prisons identify people by full name and birth "
                "year; find the full name (e.g. on the person's page)"
            ),
        )
    )
    return Recipient(dative=dative, last=names.surname_from_dative(surname), birth_year=year)
