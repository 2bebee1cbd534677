"""Term patterns and the compiled checks, built once from the rules.

Term syntax (see data/guidance.toml): words separated by spaces match across any run of
white space; ``word*`` matches any ending; ``stem~set`` matches one of the endings of a
named ending set; matching ignores case and reads ``ё`` as ``е``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from letterkit.errors import DataError
from letterkit.guidance.rules import Rule, ending_sets, load_rules
from letterkit.i18n import _


def fold(text: str) -> str:
    """Lower case, ``ё`` read as ``е``; keeps the length of Russian and Latin text."""
    return text.lower().replace("ё", "е")


def term_pattern(term: str, endings: Mapping[str, Sequence[str]]) -> str:
    parts = []
    for word in fold(term).split():
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        elif "~" in word:
            stem, _tilde, set_name = word.partition("~")
            if set_name not in endings:
                raise DataError(
                    _("guidance.toml: unknown ending set {name} in {term}").format(
                        name=repr(set_name), term=repr(term)
                    )
                )
            alts = sorted((re.escape(e) for e in endings[set_name]), key=len, reverse=True)
            parts.append(re.escape(stem) + "(?:" + "|".join(alts) + ")")
        else:
            parts.append(re.escape(word))
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def compile_terms(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``terms`` (term syntax: see data/guidance.toml)."""
    endings = ending_sets()
    return re.compile("|".join(term_pattern(t, endings) for t in terms))


@dataclass(frozen=True)
class Compiled:
    terms: tuple[tuple[Rule, re.Pattern[str]], ...]
    by_kind: Mapping[str, Rule]
    greeting: re.Pattern[str] | None
    closings: tuple[str, ...]
    postscripts: tuple[str, ...]
    address: tuple[re.Pattern[str], ...]
    placeholders: tuple[re.Pattern[str], ...]


@cache
def compiled() -> Compiled:
    terms = []
    by_kind: dict[str, Rule] = {}
    for rule in load_rules():
        if rule.check is None:
            continue
        kind = rule.check["kind"]
        if kind == "terms":
            terms.append((rule, compile_terms(rule.check["terms"])))
        else:
            by_kind[kind] = rule
    greeting = by_kind.get("greeting")
    signature = by_kind.get("signature")
    address = by_kind.get("return-address")
    placeholder = by_kind.get("placeholder")
    return Compiled(
        terms=tuple(terms),
        by_kind=by_kind,
        greeting=compile_terms(greeting.check["terms"]) if greeting and greeting.check else None,
        closings=tuple(
            sorted((fold(c) for c in param(signature, "closings", [])), key=len, reverse=True)
        ),
        postscripts=tuple(fold(p) for p in param(signature, "postscripts", [])),
        address=tuple(re.compile(p, re.I) for p in param(address, "patterns", [])),
        placeholders=tuple(re.compile(p) for p in param(placeholder, "patterns", [])),
    )


def param(rule: Rule | None, key: str, default: Any) -> Any:
    if rule is None or rule.check is None:
        return default
    return rule.check.get(key, default)
