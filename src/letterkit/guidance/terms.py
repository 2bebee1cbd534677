"""Term patterns and the compiled checks, built once from the rules.

Term syntax (see data/guidance.toml): words separated by spaces match across any run of
white space; ``word*`` matches any ending; ``stem~set`` matches one of the endings of a
named ending set; matching ignores case and reads ``ё`` as ``е``.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from pathlib import Path
from typing import Any

from letterkit.address.morph import analyser
from letterkit.errors import DataError
from letterkit.guidance.rules import Rule, ending_sets, load_rules
from letterkit.i18n import _
from letterkit.memo import toml_data
from letterkit.resources import data_dir


def fold(text: str) -> str:
    """Lower case, ``ё`` read as ``е``; keeps the length of Russian and Latin text."""
    return text.lower().replace("ё", "е")


def _word_pattern(word: str, term: str, endings: Mapping[str, Sequence[str]]) -> str:
    if "|" in word:
        alts = [_word_pattern(w, term, endings) for w in word.split("|") if w]
        return "(?:" + "|".join(alts) + ")"
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if "~" in word:
        stem, _tilde, set_name = word.partition("~")
        if set_name not in endings:
            raise DataError(
                _("guidance.toml: unknown ending set {name} in {term}").format(
                    name=repr(set_name), term=repr(term)
                )
            )
        alts = sorted((re.escape(e) for e in endings[set_name]), key=len, reverse=True)
        return re.escape(stem) + "(?:" + "|".join(alts) + ")"
    return re.escape(word)


def is_cased(term: str) -> bool:
    """A term written ``=Слово``: matched with its case as written (a name)."""
    return term.startswith("=")


def term_pattern(term: str, endings: Mapping[str, Sequence[str]]) -> str:
    """The regex of one term; a ``=`` term keeps its case (match it on :func:`fold_yo` text)."""
    source = term[1:].replace("ё", "е").replace("Ё", "Е") if is_cased(term) else fold(term)
    parts = [_word_pattern(word, term, endings) for word in source.split()]
    return _AT_WORD_START + r"\s+".join(parts) + r"(?!\w)"


_AT_WORD_START = r"(?<!\w)"


def fold_yo(text: str) -> str:
    """``ё`` read as ``е``, case kept: the text that ``=`` terms are matched on."""
    return text.replace("ё", "е").replace("Ё", "Е")


def compile_terms(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``terms`` (term syntax: see data/guidance.toml)."""
    endings = ending_sets()
    return re.compile("|".join(term_pattern(t, endings) for t in terms))


# ---------------------------------------------------------------------------------------
# Term matching without regexes: the terms of every tier are expanded into word forms and
# stems once (a few milliseconds; a regex alternation of the same terms takes 60-150 ms to
# compile), and a letter is matched word by word with set lookups. The result is the one
# of the regex of :func:`term_pattern`: words are runs of ``\w``, the words of a phrase
# are separated by white space, the parts of a hyphenated word by one hyphen; at each
# word the first term (in data order) that matches wins, and matches do not overlap.


@dataclass(frozen=True)
class _WordSpec:
    """What one word of a term accepts: exact forms, and stems followed by any letters."""

    exact: frozenset[str]
    stems: tuple[str, ...]

    def accepts(self, token: str) -> bool:
        return token in self.exact or any(token.startswith(st) for st in self.stems)


_SPACE, _HYPHEN = " ", "-"


def _word_specs(
    word: str, term: str, endings: Mapping[str, Sequence[str]]
) -> list[tuple[str, _WordSpec]]:
    """(separator before it, spec) of each part of one word of a term ("сим-карт*" has two
    parts)."""
    if "-" in word:
        if "|" in word:
            # a hyphenated word cannot have alternatives
            raise DataError(
                _("{where}: missing or invalid field {field}").format(
                    where="guidance.toml", field=repr(term)
                )
            )
        parts = word.split("-")
        specs = [_word_specs(part, term, endings)[0][1] for part in parts]
        return [(_SPACE, specs[0]), *((_HYPHEN, sp) for sp in specs[1:])]
    exact: set[str] = set()
    stems: list[str] = []
    for alt in (w for w in word.split("|") if w):
        if alt.endswith("*"):
            stems.append(alt[:-1])
        elif "~" in alt:
            stem, _tilde, set_name = alt.partition("~")
            if set_name not in endings:
                raise DataError(
                    _("guidance.toml: unknown ending set {name} in {term}").format(
                        name=repr(set_name), term=repr(term)
                    )
                )
            exact.update(stem + e for e in endings[set_name])
        else:
            exact.add(alt)
    return [(_SPACE, _WordSpec(frozenset(exact), tuple(stems)))]


_WORD_RUN = re.compile(r"\w+")


class TermIndex:
    """The terms of all tiers, indexed by what their first word accepts."""

    def __init__(self) -> None:
        self._endings = ending_sets()
        self._terms: list[tuple[int, int, tuple[tuple[str, _WordSpec], ...]]] = []
        self._exact: dict[str, list[int]] = {}
        self._stems: dict[str, list[int]] = {}
        self._stem_lengths: set[int] = set()
        self._tiers = 0
        self._last: tuple[tuple[str, str], dict[int, list[tuple[int, int, int]]]] | None = None

    def tier(self, terms: Iterable[str]) -> Tier:
        terms = tuple(terms)
        tier_id = self._tiers
        self._tiers += 1
        for i, term in enumerate(terms):
            source = term[1:].replace("ё", "е").replace("Ё", "Е") if is_cased(term) else fold(term)
            parts = tuple(
                part for word in source.split() for part in _word_specs(word, term, self._endings)
            )
            n = len(self._terms)
            # a cased term is matched on the words of the text with their case
            self._terms.append((tier_id * 2 + is_cased(term), i, parts))
            first = parts[0][1]
            for form in first.exact:
                self._exact.setdefault(form, []).append(n)
            for stem in first.stems:
                self._stems.setdefault(stem, []).append(n)
                self._stem_lengths.add(len(stem))
        return Tier(terms, self, tier_id)

    def scan(self, folded: str, cased: str) -> dict[int, list[tuple[int, int, int]]]:
        """(start, end, term index) of every match of every tier, in text order."""
        if self._last is not None and self._last[0] == (folded, cased):
            return self._last[1]
        found: dict[int, list[tuple[int, int, int]]] = {}
        lengths = sorted(self._stem_lengths)
        for kind, text in ((0, folded), (1, cased)):
            tokens = [(m.start(), m.end(), m.group()) for m in _WORD_RUN.finditer(text)]
            free: dict[int, int] = {}  # per tier and kind: where the next match may start
            for k, (start, _end, token) in enumerate(tokens):
                cands = list(self._exact.get(token, ()))
                for n in lengths:
                    if n > len(token):
                        break
                    cands.extend(self._stems.get(token[:n], ()))
                done: set[int] = set()
                for n in sorted(cands):
                    slot, index, parts = self._terms[n]
                    if slot % 2 != kind or slot in done or free.get(slot, 0) > start:
                        continue
                    end = _match_from(parts, tokens, k, text)
                    if end is not None:
                        done.add(slot)
                        free[slot] = end
                        found.setdefault(slot // 2, []).append((start, end, index))
        for hits in found.values():
            hits.sort()
        self._last = ((folded, cased), found)
        return found


def _match_from(
    parts: tuple[tuple[str, _WordSpec], ...],
    tokens: list[tuple[int, int, str]],
    k: int,
    text: str,
) -> int | None:
    """The end of the term matched from token ``k``, or None."""
    end = tokens[k][1]
    for offset, (sep, spec) in enumerate(parts):
        j = k + offset
        if j >= len(tokens) or not spec.accepts(tokens[j][2]):
            return None
        if offset:
            gap = text[end : tokens[j][0]]
            if not (gap == "-" if sep == _HYPHEN else gap and gap.isspace()):
                return None
        end = tokens[j][1]
    return end


@dataclass(frozen=True)
class Tier:
    """One tier of a topic's evidence (or the terms of a rule): its terms, matched
    through the shared :class:`TermIndex`."""

    terms: tuple[str, ...]
    index: TermIndex = field(repr=False, compare=False)
    id: int

    def find(self, folded_text: str, cased_text: str) -> list[tuple[int, int, int]]:
        """(start, end, term index) of every match, in text order."""
        return self.index.scan(folded_text, cased_text).get(self.id, [])


@dataclass(frozen=True)
class Topic:
    """The evidence of one censor topic (data/topics.toml): strong and weak terms, and the
    phrases that never count."""

    rule: Rule
    strong: Tier
    weak: Tier
    exceptions: Tier


@dataclass(frozen=True)
class Scoring:
    """How evidence adds up (data/topics.toml [scoring]): a topic warns when its score
    reaches ``threshold``; below it, a score of ``hint`` or more is an info note. Weak
    surface terms weigh ``weak``; distinct word families within ``window`` words add up in
    full, those elsewhere in the letter count ``letter_factor`` of their weight."""

    threshold: float = 1.0
    weak: float = 0.5
    hint: float = 0.5
    window: int = 15
    letter_factor: float = 0.25


@dataclass(frozen=True)
class Group:
    """Lemmas of a field that weigh the same (data/topics.toml [[field.group]]); ``hint``:
    whether a word of the group alone is quoted in an info note."""

    name: str
    weight: float
    lemmas: frozenset[str]
    hint: bool
    quoted: float = 0.0  # the weight inside irony quotes («освобождают»), if more
    one_family: bool = False  # all its words count once, at the heaviest


@dataclass(frozen=True)
class Field:
    """A semantic field of a topic (data/topics.toml [[field]]): lemmas in weighted groups,
    so that every inflected form counts, and pairs of lemmas that weigh together."""

    rule: Rule
    name: str
    groups: tuple[Group, ...]
    pairs: tuple[Pair, ...]

    @cached_property
    def pair_starts(self) -> frozenset[str]:
        """The lemmas any pair starts from: a word with none of them starts no pair."""
        return frozenset().union(*(p.first for p in self.pairs))

    def weigh(self, lemmas: frozenset[str], *, quoted: bool) -> tuple[Group, float] | None:
        """The heaviest group holding one of ``lemmas`` and its weight (its ``quoted``
        weight when the word stands in irony quotes), or None."""
        best: tuple[Group, float] | None = None
        for group in self.groups:
            if lemmas & group.lemmas:
                weight = max(group.weight, group.quoted) if quoted else group.weight
                if best is None or weight > best[1]:
                    best = (group, weight)
        return best


@dataclass(frozen=True)
class Pair:
    """Evidence from two lemmas near each other ("огласили двенадцать лет"): a lemma of
    ``first``, then within ``within`` words a lemma of ``then``; with ``number``, a numeral
    must stand between or with them. Weighs ``weight`` (the threshold unless given)."""

    first: frozenset[str]
    then: frozenset[str]
    within: int
    number: bool
    any_order: bool = False
    weight: float = 1.0
    between: frozenset[str] = frozenset()  # a word right before the ``then`` lemma ("за")


@dataclass(frozen=True)
class Innocent:
    """A context that makes ambiguous evidence innocent (data/topics.toml [[innocent]]):
    a lemma of ``lemmas`` within ``window`` words takes ``weight`` off the evidence of
    ``topics`` below the threshold there, and off the strong lemmas listed in ``strong``."""

    name: str
    topics: frozenset[str]
    lemmas: frozenset[str]
    window: int
    strong: frozenset[str]
    weight: float = 1.0
    # when given, the context clears only the evidence of these lemmas (a teacher's
    # «власть» in a class, not the rest of a letter about school)
    only: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Titles:
    """Titles of works in «quotes» near a word about a work (книга, фильм, картина…):
    no topic evidence inside them."""

    lemmas: frozenset[str]
    window: int
    max_words: int


@dataclass(frozen=True)
class Partner:
    """Same-sex partner references read with the writer's gendered forms."""

    rule: Rule
    female_partner: Tier
    male_partner: Tier
    female_forms: frozenset[str]
    male_forms: frozenset[str]
    female_closings: frozenset[str]
    male_closings: frozenset[str]
    # a partner by name ("мы с Леной поженились"): a couple lemma within couple_window words
    couple: frozenset[str] = frozenset()
    couple_window: int = 8
    # phrases of a shared life ("десять лет вместе", "живём вдвоём") that count as a couple
    # word, the words after "мы" that show a women's "we" ("мы обе"), and the kin and
    # friends whose name beside a partner's marks a relative, not a partner ("сестра Катя")
    couple_phrases: Tier | None = None
    couple_durations: Tier | None = None
    female_we: frozenset[str] = frozenset()
    not_partner: frozenset[str] = frozenset()
    # a gender transition: a kin word of one gender, "теперь", a kin word or a first name of
    # the other ("брат Кирилл — теперь Кира", "сестра — то есть теперь уже брат")
    female_kin: frozenset[str] = frozenset()
    male_kin: frozenset[str] = frozenset()
    now: frozenset[str] = frozenset()
    now_skip: frozenset[str] = frozenset()
    # one in love with another of the same gender: "мальчик влюблён в другого мальчика"
    love: frozenset[str] = frozenset()
    female_people: frozenset[str] = frozenset()
    male_people: frozenset[str] = frozenset()


def topics_file() -> Path:
    return data_dir() / "topics.toml"


@cache
def topic_data() -> Mapping[str, Any]:
    path = topics_file()
    try:
        return toml_data(path)
    except FileNotFoundError as exc:
        raise DataError(_("the guidance file {path} is missing").format(path=path)) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            _("the guidance file {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc


def _lemma_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _invalid(where: str, field: str) -> DataError:
    return DataError(
        _("{where}: missing or invalid field {field}").format(
            where=f"{topics_file().name}, {where}", field=field
        )
    )


@cache
def scoring() -> Scoring:
    """The scoring of topic evidence (data/topics.toml [scoring])."""
    raw = topic_data().get("scoring", {})
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "rationale":
            continue
        if key not in Scoring.__dataclass_fields__ or isinstance(value, bool):
            raise _invalid("[scoring]", key)
        kind = type(getattr(Scoring, key))
        if not isinstance(value, int | float) or value < 0:
            raise _invalid("[scoring]", key)
        values[key] = kind(value)
    return Scoring(**values)


def _fields(rules: Mapping[str, Rule], threshold: float) -> tuple[Field, ...]:
    fields = []
    for item in topic_data().get("field", []):
        name = str(item.get("name", ""))
        rule_id = str(item.get("rule", ""))
        if rule_id not in rules or not item.get("source") or not item.get("rationale"):
            raise _invalid(f"field {name!r}", "rule, source, rationale")
        groups = []
        for n, g in enumerate(item.get("group", ()), start=1):
            weight = g.get("weight")
            quoted = g.get("quoted", 0.0)
            if (
                not isinstance(weight, int | float)
                or not isinstance(quoted, int | float)
                or weight < 0
                or max(weight, quoted) <= 0
                or not g.get("lemmas")
                or not str(g.get("rationale", "")).strip()
            ):
                raise _invalid(f"field {name!r}, group {n}", "weight, lemmas, rationale")
            groups.append(
                Group(
                    name=str(g.get("name", n)),
                    weight=float(weight),
                    lemmas=_lemma_set(g["lemmas"]),
                    hint=bool(g.get("hint", False)),
                    quoted=float(quoted),
                    one_family=bool(g.get("one_family", False)),
                )
            )
        pairs = tuple(
            Pair(
                first=_lemma_set(p["first"]),
                then=_lemma_set(p["then"]),
                within=int(p.get("within", 3)),
                number=bool(p.get("number", False)),
                any_order=bool(p.get("any_order", False)),
                weight=float(p.get("weight", threshold)),
                between=_lemma_set(p.get("between", ())),
            )
            for p in item.get("pairs", ())
        )
        fields.append(Field(rule=rules[rule_id], name=name, groups=tuple(groups), pairs=pairs))
    return tuple(fields)


def _innocents() -> tuple[Innocent, ...]:
    return tuple(
        Innocent(
            name=str(item.get("name", "")),
            topics=frozenset(item.get("topics", ())),
            lemmas=_lemma_set(item.get("lemmas", ())),
            window=int(item.get("window", 6)),
            strong=_lemma_set(item.get("strong", ())),
            weight=float(item.get("weight", 1.0)),
            only=_lemma_set(item.get("only", ())),
        )
        for item in topic_data().get("innocent", [])
    )


def _titles() -> Titles | None:
    raw = topic_data().get("titles")
    if not raw:
        return None
    return Titles(
        lemmas=_lemma_set(raw.get("lemmas", ())),
        window=int(raw.get("window", 12)),
        max_words=int(raw.get("max_words", 6)),
    )


def _topics(
    rules: Mapping[str, Rule], index: TermIndex
) -> tuple[tuple[Topic, ...], Partner | None]:
    raw = topic_data()
    common = tuple(raw.get("exceptions", {}).get("phrases", ()))
    topics = []
    for item in raw.get("topic", []):
        rule_id = str(item.get("rule", ""))
        if rule_id not in rules:
            raise DataError(
                _("{where}: missing or invalid field {field}").format(
                    where=f"{topics_file().name}, topic {rule_id!r}", field="rule"
                )
            )
        topics.append(
            Topic(
                rule=rules[rule_id],
                strong=index.tier(item.get("strong", ())),
                weak=index.tier(item.get("weak", ())),
                exceptions=index.tier((*common, *item.get("except", ()))),
            )
        )
    partner = None
    data = raw.get("partner")
    if data and data.get("rule") in rules:
        partner = Partner(
            rule=rules[data["rule"]],
            female_partner=index.tier(data["female_partner"]),
            male_partner=index.tier(data["male_partner"]),
            female_forms=frozenset(fold(w) for w in data.get("female_forms", ())),
            male_forms=frozenset(fold(w) for w in data.get("male_forms", ())),
            female_closings=frozenset(fold(w) for w in data.get("female_closings", ())),
            male_closings=frozenset(fold(w) for w in data.get("male_closings", ())),
            couple=_lemma_set(data.get("couple", ())),
            couple_window=int(data.get("couple_window", 8)),
            couple_phrases=index.tier(data.get("couple_phrases", ())),
            couple_durations=index.tier(data.get("couple_durations", ())),
            female_we=_lemma_set(data.get("female_we", ())),
            not_partner=_lemma_set(data.get("not_partner", ())),
            female_kin=_lemma_set(data.get("female_kin", ())),
            male_kin=_lemma_set(data.get("male_kin", ())),
            now=_lemma_set(data.get("now", ())),
            now_skip=_lemma_set(data.get("now_skip", ())),
            love=_lemma_set(data.get("love", ())),
            female_people=_lemma_set(data.get("female_people", ())),
            male_people=_lemma_set(data.get("male_people", ())),
        )
    return tuple(topics), partner


def tier_sizes() -> dict[str, int]:
    """How many terms each tier of data/topics.toml holds (all topics together), and how
    many lemmas its semantic fields hold by weight, and its innocent contexts."""
    raw = topic_data()
    topics = raw.get("topic", [])
    threshold = scoring().threshold
    by_weight: dict[str, int] = {}
    for f in raw.get("field", []):
        for g in f.get("group", ()):
            w = float(g["weight"])
            key = "strong lemmas" if w >= threshold else f"lemmas of weight {w:g}"
            by_weight[key] = by_weight.get(key, 0) + len(g["lemmas"])
    return {
        "strong": sum(len(t.get("strong", ())) for t in topics),
        "weak": sum(len(t.get("weak", ())) for t in topics),
        "exceptions": len(raw.get("exceptions", {}).get("phrases", ()))
        + sum(len(t.get("except", ())) for t in topics),
        **dict(sorted(by_weight.items(), key=lambda kv: kv[0] != "strong lemmas")),
        "lemma pairs": sum(len(f.get("pairs", ())) for f in raw.get("field", [])),
        "innocent-context lemmas": sum(len(g.get("lemmas", ())) for g in raw.get("innocent", []))
        + len(raw.get("titles", {}).get("lemmas", ())),
    }


@dataclass(frozen=True)
class Compiled:
    terms: tuple[tuple[Rule, Tier], ...]
    scoring: Scoring
    topics: tuple[Topic, ...]
    partner: Partner | None
    fields: tuple[Field, ...]
    innocents: tuple[Innocent, ...]
    titles: Titles | None
    lemmas: frozenset[str]  # every lemma of the data
    lemma_prefixes: frozenset[str]
    by_kind: Mapping[str, Rule]
    greeting: Tier | None
    closings: tuple[str, ...]
    postscripts: tuple[str, ...]
    address: tuple[re.Pattern[str], ...]
    placeholders: tuple[re.Pattern[str], ...]


@cache
def compiled() -> Compiled:
    terms = []
    by_kind: dict[str, Rule] = {}
    rules = load_rules()
    topic_rules = {r.id: r for r in rules if r.check and r.check["kind"] == "topic"}
    index = TermIndex()
    topics, partner = _topics(topic_rules, index)
    score = scoring()
    fields = _fields(topic_rules, score.threshold)
    innocents, titles = _innocents(), _titles()
    for rule in rules:
        if rule.check is None:
            continue
        kind = rule.check["kind"]
        if kind == "terms":
            terms.append((rule, index.tier(rule.check["terms"])))
        elif kind == "topic":
            continue
        else:
            by_kind[kind] = rule
    greeting = by_kind.get("greeting")
    signature = by_kind.get("signature")
    address = by_kind.get("return-address")
    placeholder = by_kind.get("placeholder")
    data_lemmas = frozenset(
        [
            *(w for f in fields for g in f.groups for w in g.lemmas),
            *(w for f in fields for p in f.pairs for w in (*p.first, *p.then)),
            *(w for g in innocents for w in (*g.lemmas, *g.strong, *g.only)),
            *(titles.lemmas if titles else ()),
            *(partner.couple if partner else ()),
            *(partner.not_partner if partner else ()),
            *(partner.female_kin | partner.male_kin if partner else ()),
            *(partner.love | partner.female_people | partner.male_people if partner else ()),
        ]
    )
    return Compiled(
        terms=tuple(terms),
        scoring=score,
        topics=topics,
        partner=partner,
        fields=fields,
        innocents=innocents,
        titles=titles,
        lemmas=data_lemmas,
        lemma_prefixes=lemma_prefixes(data_lemmas),
        by_kind=by_kind,
        greeting=index.tier(greeting.check["terms"]) if greeting and greeting.check else None,
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


@dataclass(frozen=True)
class SignatureWords:
    kin: frozenset[str]
    joins: frozenset[str]


@cache
def signature_words() -> SignatureWords:
    """Kinship words and joining words of signatures (guidance.toml, structure.signature)."""
    rule = next((r for r in load_rules() if r.check and r.check["kind"] == "signature"), None)
    return SignatureWords(
        kin=frozenset(fold(w) for w in param(rule, "kin", ())),
        joins=frozenset(fold(w) for w in param(rule, "joins", ())),
    )


@cache
def abbreviation_words() -> frozenset[str]:
    """Chat abbreviations of the foreign-words check (guidance.toml)."""
    rule = next((r for r in load_rules() if r.check and r.check["kind"] == "foreign-words"), None)
    return frozenset(fold(w) for w in param(rule, "abbreviations", ()))


@cache
def language_data() -> Mapping[str, Any]:
    """Other Cyrillic alphabets and their marker words (data/languages.toml)."""
    path = data_dir() / "languages.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            _("the guidance file {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc
    for entry in raw.get("language", {}).values():
        entry["markers"] = frozenset(fold(w) for w in entry.get("markers", ()))
    return raw


def _morph() -> Any:
    """The Russian analyser of pymorphy3 (OpenCorpora dictionary), loaded on the first
    check of a letter that needs it, never by importing letterkit — the same one the
    address engine reads the writer's name with (one dictionary load, not two)."""
    return analyser()


def name_gender(word: str, case: str = "ablt") -> str | None:
    """ "f" or "m" when every reading of ``word`` as a first name in ``case`` (the
    instrumental: "Леной", "Олегом") has that gender; None for other words and names of
    both genders ("Сашей")."""
    genders = {
        "f" if "femn" in p.tag else "m" if "masc" in p.tag else "?"
        for p in _morph().parse(word)
        if "Name" in p.tag and case in p.tag
    }
    return genders.pop() if len(genders) == 1 and "?" not in genders else None


def is_first_name(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a first name in some case ("Свету", "Паша")."""
    return any("Name" in p.tag for p in _morph().parse(word))


@cache
def russian_word_checker() -> Callable[[str], bool]:
    """Whether a lower-case word is in the Russian dictionary of pymorphy3 (OpenCorpora)."""
    return _morph().word_is_known


@dataclass(frozen=True)
class Word:
    """One word of a letter with its lemmas (every reading the dictionary gives)."""

    start: int
    end: int
    lemmas: frozenset[str]
    number: bool


# hyphenated words are read part by part ("прадедушки-фронтовика")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


# The dictionary is asked only about words that may have a lemma of the data: those that
# start like one (a lemma and its forms share their first three letters, Russian inflection
# is at the end; two letters for a lemma of four letters or fewer, whose stem alternates:
# «дал» is «дать»), numerals (for the pairs that need a number) and the few forms whose
# lemma starts otherwise. A lookup costs about 0.5 ms; most words of a letter are skipped.
_PREFIX = 3
_SHORT_LEMMA = 4
_NUMERAL_STARTS = frozenset(
    [
        "одн",
        "оди",
        "два",
        "дву",
        "две",
        "три",
        "тре",
        "чет",
        "пят",
        "шес",
        "сем",
        "вос",
        "дев",
        "дес",
        "сор",
        "сто",
        "тыс",
        "пол",
        "пар",
    ]
)
_SUPPLETIVE = frozenset(("лет",))  # лет → год


def lemma_prefixes(lemmas: Iterable[str]) -> frozenset[str]:
    """The starts of the words worth a dictionary lookup (see above)."""
    starts = set(_NUMERAL_STARTS | _SUPPLETIVE)
    for lemma in lemmas:
        lemma = fold(lemma)
        starts.add(lemma[: _PREFIX - 1] if len(lemma) <= _SHORT_LEMMA else lemma[:_PREFIX])
        if lemma.endswith("йти"):  # выйти: вышли, вышла (the past stem in -ш-)
            starts.add((lemma[:-3] + "ш")[:_PREFIX])
    return frozenset(starts)


# The word forms of the data's lemmas, generated with pymorphy3 by scripts/lemma_forms.py
# (data/lemma_forms.json): a letter is then read without loading the dictionary (about
# 0.1 s a process). The file names the digest of the lemmas it was made from; when the
# data changed since, the dictionary is used as before.
LEMMA_FORMS = "lemma_forms.json"
# Cardinal numerals: the forms the pairs that need a number look for, and the words of a
# number read aloud (a phone number spelled out, guidance.checker).
NUMERAL_UNITS = ("один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
NUMERAL_TEENS = (
    "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
    "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
)  # fmt: skip
NUMERAL_TENS = (
    "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
    "девяносто",
)  # fmt: skip
NUMERAL_HUNDREDS = (
    "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
    "девятьсот",
)  # fmt: skip
_NUMERAL_WORDS = (
    *NUMERAL_UNITS, *NUMERAL_TEENS, *NUMERAL_TENS, *NUMERAL_HUNDREDS,
    "полтора", "оба", "двое", "трое", "четверо", "пятеро", "шестеро", "семеро", "несколько",
)  # fmt: skip


def lemma_digest(lemmas: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(lemmas)).encode("utf-8")).hexdigest()


def build_lemma_forms() -> dict[str, Any]:
    """The content of data/lemma_forms.json: every form of every lemma of the data (the
    words whose dictionary lemma it is), and the forms of the cardinal numerals."""
    # deferred: pymorphy3 only for building the file
    import pymorphy3

    morph = _morph()
    lemmas = compiled().lemmas
    forms: dict[str, set[str]] = {}
    for lemma in sorted(lemmas):
        for parse in morph.parse(lemma):
            if fold(parse.normal_form) == lemma:
                forms.setdefault(lemma, set()).update(fold(f.word) for f in parse.lexeme)
    numerals = set()
    for base in _NUMERAL_WORDS:
        for parse in morph.parse(base)[:1]:
            for form in parse.lexeme:
                word = fold(form.word)
                if "NUMR" in morph.parse(word)[0].tag:
                    numerals.add(word)
    return {
        "about": "Generated by scripts/lemma_forms.py from the lemmas of data/topics.toml "
        "with pymorphy3 (OpenCorpora dictionary). Do not edit: run the script again.",
        "pymorphy3": pymorphy3.__version__,
        "lemmas": lemma_digest(lemmas),
        "numerals": " ".join(sorted(numerals)),
        "forms": {lemma: " ".join(sorted(forms[lemma])) for lemma in sorted(forms)},
    }


def dump_lemma_forms(content: Mapping[str, Any]) -> str:
    """The file's text: one lemma a line, so that a change of the data is a readable diff."""
    return json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class FormIndex(Mapping[str, frozenset[str]]):
    """form → the lemmas of the data it is a form of, inverted from the file's lemma →
    forms. A form belongs to one lemma but for a few hundred («мира»: мир, мира): the
    index holds the one lemma of each form and the sets of the shared ones only, built
    with dict operations that run in C rather than a set per form (a letter looks up a
    hundred words of the ten thousand forms)."""

    def __init__(self, forms: Mapping[str, str]) -> None:
        split = {lemma: words.split() for lemma, words in forms.items()}
        self._one: dict[str, str] = {}
        for lemma, words in split.items():
            self._one.update(dict.fromkeys(words, lemma))
        counts = Counter(chain.from_iterable(split.values()))
        shared = {word for word, n in counts.items() if n > 1}
        self._shared: dict[str, frozenset[str]] = {}
        if shared:
            sets: dict[str, set[str]] = {}
            for lemma, words in split.items():
                for word in shared.intersection(words):
                    sets.setdefault(word, set()).add(lemma)
            self._shared = {word: frozenset(lemmas) for word, lemmas in sets.items()}

    def __getitem__(self, word: str) -> frozenset[str]:
        shared = self._shared.get(word)
        return shared if shared is not None else frozenset((self._one[word],))

    def __iter__(self) -> Iterator[str]:
        return iter(self._one)

    def __len__(self) -> int:
        return len(self._one)


@cache
def lemma_forms() -> tuple[Mapping[str, frozenset[str]], frozenset[str]] | None:
    """(form → lemmas of the data, numeral forms) from data/lemma_forms.json, or None when
    the file is missing or was made from other lemmas than the data's."""
    try:
        raw = json.loads((data_dir() / LEMMA_FORMS).read_text(encoding="utf-8"))
        if raw.get("lemmas") != lemma_digest(compiled().lemmas):
            return None
        index = FormIndex(raw["forms"])
        numerals = frozenset(raw["numerals"].split())
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    return index, numerals


@cache
def _lemmas(word: str) -> tuple[frozenset[str], bool]:
    if word.isdigit():
        return frozenset({word}), True  # a year of the data ("1943") is its own lemma
    forms = lemma_forms()
    if forms is not None:
        return forms[0].get(word, frozenset()) | {word}, word in forms[1]
    starts = compiled().lemma_prefixes
    if not _CYRILLIC.search(word) or not (
        word[:_PREFIX] in starts or word[: _PREFIX - 1] in starts or word in starts
    ):
        return frozenset({word}), False
    parses = _morph().parse(word)
    lemmas = {fold(p.normal_form) for p in parses}
    lemmas.add(word)
    return frozenset(lemmas), any("NUMR" in p.tag for p in parses[:1])


def words_of(folded: str) -> list[Word]:
    """The words of a folded text with their lemmas (pymorphy3)."""
    words = []
    for m in _TOKEN.finditer(folded):
        lemmas, number = _lemmas(m.group())
        words.append(Word(m.start(), m.end(), lemmas, number))
    return words
