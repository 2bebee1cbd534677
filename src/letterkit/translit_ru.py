"""Latin-script names in Russian letters: ``Schmidt`` → ``Шмидт``, ``Jean`` → ``Жан``.

The writer abroad signs a Russian letter; a name in Latin letters is a foreign word to the
censor. The rules are data (``data/translit_ru.toml``: practical transcription after
Гиляревский & Старостин, per language, with the sources); this module only applies them:
the longest matching pattern wins, then Russian spelling rules (``шы`` → ``ши``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from letterkit.errors import DataError
from letterkit.i18n import _
from letterkit.international import sender_language
from letterkit.resources import data_dir

VOWELS = set("aeiouyäöüéèêëàâîïôûùœæåøáíóú")
_CONTEXT_VOWELS = set("aeouäöüéèêëàâôûù")  # before "<": a vowel sound, not the i/y of ai, ei
_EXTRA = {"V": VOWELS, "E": set("eiyéèêë"), "B": set("bp")}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Russian spelling: и, not ы, after ж ш ч щ (Правила русской орфографии и пунктуации,
# 1956, § 4: https://ru.wikisource.org/wiki/Правила_русской_орфографии_и_пунктуации_(1956))
_SPELLING = (("жы", "жи"), ("шы", "ши"), ("чы", "чи"), ("щы", "щи"))


@dataclass(frozen=True)
class _Rule:
    text: str
    out: str
    start: bool = False
    end: bool = False
    after_vowel: bool = False
    next_kind: str | None = None  # V, C, N, E, B

    def matches(self, word: str, i: int) -> bool:
        if not word.startswith(self.text, i):
            return False
        j = i + len(self.text)
        if self.start and i != 0:
            return False
        if self.end and j != len(word):
            return False
        if self.after_vowel and (i == 0 or word[i - 1] not in _CONTEXT_VOWELS):
            return False
        if self.next_kind:
            nxt = word[j] if j < len(word) else ""
            kind = self.next_kind
            if kind == "C":
                return bool(nxt) and nxt not in VOWELS
            if kind == "N":
                return not nxt or (nxt not in VOWELS and nxt not in "nm")
            return bool(nxt) and nxt in _EXTRA[kind]
        return True

    @property
    def weight(self) -> tuple[int, int]:
        context = self.start + self.end + self.after_vowel + bool(self.next_kind)
        return (len(self.text), context)


def _rule(pattern: str, out: str) -> _Rule:
    after = pattern.startswith("V<")
    pattern = pattern[2:] if after else pattern
    pattern, _sep, kind = pattern.partition("|")
    start, end = pattern.startswith("^"), pattern.endswith("$")
    return _Rule(pattern.strip("^$"), out, start, end, after, kind or None)


@dataclass(frozen=True)
class _Language:
    rules: tuple[_Rule, ...]
    names: dict[str, str]


@cache
def _table() -> dict:
    path = data_dir() / "translit_ru.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(_("{path} cannot be read: {reason}").format(path=path, reason=exc)) from exc


@cache
def _language(code: str) -> _Language:
    table = _table()
    tables = table.get("language", {})
    entry = tables.get(code, {})
    own: list[_Rule] = []
    seen: set[str] = set()
    link: str | None = code
    while link in tables and link not in seen:  # the language, then what it extends
        seen.add(link)
        own += [_rule(p, o) for p, o in tables[link].get("rules", ())]
        link = tables[link].get("extends")
    base = [_rule(p, o) for p, o in table["base"]["rules"]]
    rules = sorted([*own, *base], key=lambda r: r.weight, reverse=True)
    # a language's own rule beats its parent's and the base rule of the same weight: the
    # sort is stable and keeps that order
    names = {k.casefold(): str(v) for k, v in entry.get("names", {}).items()}
    return _Language(tuple(rules), names)


def languages() -> tuple[str, ...]:
    """The languages with their own rules (``de``, ``en``, ``fr``, ``pl``, ``ru``, ``uk`` …)."""
    return tuple(sorted(_table().get("language", {})))


def _aliases() -> dict[str, str]:
    """Languages spelled by another's table (``be`` → ``ru``), from its ``also`` list."""
    tables = _table().get("language", {})
    return {alias: code for code, entry in tables.items() for alias in entry.get("also", ())}


def language_for(country: str) -> str:
    """The transcription to use for a writer from ``country`` (its main language; the
    common Latin reading when there is no table for it)."""
    code = sender_language(country)
    code = _aliases().get(code, code)
    return code if code in languages() else "base"


def _word(word: str, language: _Language) -> str:
    known = language.names.get(word.casefold())
    if known:
        return known
    low = word.casefold()
    out: list[str] = []
    i = 0
    while i < len(low):
        for rule in language.rules:
            if rule.matches(low, i):
                out.append(rule.out)
                i += len(rule.text)
                break
        else:
            out.append(low[i])  # a letter no table knows stays as written
            i += 1
    text = "".join(out)
    for wrong, right in _SPELLING:
        text = text.replace(wrong, right)
    return text[:1].upper() + text[1:]


def to_cyrillic(name: str, language: str = "base") -> str:
    """``name`` in Russian letters by the rules of ``language`` (``de``, ``en``, ``fr``,
    ``pl`` or ``base``); words already in Cyrillic stay as they are."""
    table = _language(language)
    return _WORD.sub(
        lambda m: m.group(0) if not _is_latin(m.group(0)) else _word(m.group(0), table), name
    )


_LATIN_EXTRA = set("ßçñłńśźżćąęšžčřőōū")


def _is_latin(word: str) -> bool:
    return all(
        "a" <= c <= "z" or c in VOWELS or c in _LATIN_EXTRA for c in (ch.casefold() for ch in word)
    )


def russian_name(name: str, country: str) -> str | None:
    """The Russian spelling of a writer's Latin-script name for a writer from ``country``
    (``Anna Schmidt``, ``DE`` → ``Анна Шмидт``), or None when there is nothing to spell."""
    if not name or not any(_is_latin(w) for w in _WORD.findall(name)):
        return None
    return to_cyrillic(" ".join(name.split()), language_for(country))
