"""The letter checker: findings of the guidance rules' automatic checks in a letter body."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import Any, NamedTuple

from letterkit.guidance.rules import SEVERITIES, Rule, language_code, load_rules
from letterkit.guidance.terms import (
    NUMERAL_HUNDREDS,
    NUMERAL_TEENS,
    NUMERAL_TENS,
    NUMERAL_UNITS,
    Compiled,
    Partner,
    Topic,
    Word,
    abbreviation_words,
    compiled,
    fold,
    fold_yo,
    is_first_name,
    language_data,
    name_gender,
    param,
    russian_word_checker,
    signature_words,
    words_of,
)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    line: int
    text: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "text": self.text,
            "message": self.message,
        }


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def has_problems(self) -> bool:
        """True when any finding is a warning or an error (``check`` exits 3)."""
        return any(f.severity in ("warning", "error") for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The object ``letterkit check --json`` prints."""
        return {"findings": [f.to_json() for f in self.findings], "summary": self.summary}


# --------------------------------------------------------------------------------------
# The checker

_LATIN = r"A-Za-z\u00C0-\u024F"
_LATIN_WORD = re.compile(rf"[{_LATIN}][{_LATIN}'’]*")
_LATIN_RUN = re.compile(rf"[{_LATIN}][{_LATIN}'’]*(?:[ \-][{_LATIN}][{_LATIN}'’]*)*")
_TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")
_LATIN_LETTER = re.compile(rf"[{_LATIN}]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")
_NAME_TOKEN = (
    r"(?:[A-ZА-ЯЁ\u00C0-\u00DE][a-zа-яё\u00DF-\u00FF]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?|[A-ZА-ЯЁ]\.)"
)
_NAME_LINE = re.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}\s*[.!]?$")
_UNDERSCORES = re.compile(r"^_{3,}$")
# "Мой адрес:", "Обратный адрес:", "Адрес для ответа:" alone on a line: an address follows.
_ADDRESS_HEADING = re.compile(
    r"^(?:(?:мой|наш)\s+)?(?:обратный\s+)?адрес(?:\s+для\s+ответа)?\s*:$", re.I
)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join_words(words: Iterable[str]) -> str:
    unique: list[str] = []
    for w in words:
        w = " ".join(w.split())
        if w not in unique:
            unique.append(w)
    return ", ".join(unique)


def _format_lines(numbers: Sequence[int]) -> str:
    shown = [str(n) for n in numbers[:8]]
    return ", ".join(shown) + (", …" if len(numbers) > 8 else "")


@dataclass
class _Layout:
    """Where the parts of a letter are: 0-based line indexes."""

    nonempty: list[int]
    address: set[int]
    postscript_start: int | None
    signature: int | None  # the line holding the signature, if found
    signature_slot: int | None  # a last line of underscores (sign by hand)


def _is_postscript(line: str, markers: Sequence[str]) -> bool:
    head = fold(line.strip())
    return any(head.startswith(m) and not head[len(m) : len(m) + 1].isalpha() for m in markers)


def _analyse(lines: list[str], c: Compiled) -> _Layout:
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    # Address blocks: a heading line ("Мой адрес:") and the lines after it up to a blank.
    address: set[int] = set()
    i = 0
    while i < len(lines):
        if _ADDRESS_HEADING.search(lines[i].strip()):
            address.add(i)
            j = i + 1
            while j < len(lines) and lines[j].strip():
                address.add(j)
                j += 1
            i = j
        i += 1
    postscript = next(
        (i for i in nonempty[1:] if _is_postscript(lines[i], c.postscripts)),
        None,
    )
    body = [i for i in nonempty if i not in address and (postscript is None or i < postscript)]
    slot = None
    if body and _UNDERSCORES.match(lines[body[-1]].strip()):
        slot = body[-1]
    signature = slot
    if signature is None:
        n_lines = int(param(c.by_kind.get("signature"), "lines", 3))
        window = body[-n_lines:]
        if len(body) > 1:
            window = [i for i in window if i != body[0]]  # the greeting is no signature
        signature = _find_signature(lines, window, c.closings)
        if signature is None and postscript is not None:
            # signed after the postscript
            rest = [i for i in nonempty if i not in address and i > postscript]
            signature = _find_signature(lines, rest[-n_lines:], c.closings)
    return _Layout(nonempty, address, postscript, signature, slot)


def _find_signature(lines: list[str], window: Sequence[int], closings: Sequence[str]) -> int | None:
    first = next((ln for ln in lines if ln.strip()), "")
    # the names the letter is addressed to: «Передай привет маме, Иван.» calls Иван
    addressee = frozenset(re.findall(r"[А-ЯЁA-Z][а-яёa-z]+", first))
    for i in reversed(window):
        if _is_signature(lines[i], closings, addressee):
            return i
    return None


# A first line that addresses someone by name and ends in «!» is a greeting, whatever
# words come before the name («Мир тебе, брат Алексей!», «Доброй зимы, Ирина!»): the
# vocative shape of Russian letter openings, not a list of their phrases.
_VOCATIVE_LINE = re.compile(
    r"^\s*[^\W\d_][^!?.]{0,40},\s*(?:[^\W\d_]+\s+){0,2}[А-ЯЁ][а-яё]+\s*!\s*$"
)


# What may follow the name on a signature line and is no part of it: the writer's age
# («Никита, 14 лет», «Ярослав (15 лет)») and the family signing along («тётя Надя и вся
# наша родня», «Мама и все наши»).
_SIGNATURE_AGE = re.compile(r"(?:,\s*|\s*\()\d{1,3}\s+(?:лет|год|года)\)?\s*\.?$")
_SIGNATURE_FAMILY = re.compile(
    r",?\s+(?:и|с|со)\s+(?:вс(?:я|е|ё|ей|еми|ем)\s+)?(?:(?:наш|ваш|мо|тво)\w*\s+)?"
    r"(?:родн\w*|семь\w+|домочадц\w*|дет\w*|внук\w*|наши|мои|свои)\s*[.!]?$",
    re.IGNORECASE,
)


# A first line of one to three words ending in «!», one of them a word of address, calls
# the one the letter is written to: «Сынок!», «Любимый мой!», «Братишка!» (a Russian
# letter may open with a vocative alone; «Сегодня, наверное, пятница!» calls no one).
_CALL_LINE = re.compile(r"^\s*(?:[^\W\d_]+[\s,]+){0,2}[^\W\d_]+\s*!\s*$")


def _is_call(line: str, rule: Rule) -> bool:
    if not _CALL_LINE.match(line):
        return False
    words = {fold(w) for w in _WORD.findall(line)}
    return bool(words & ({fold(w) for w in param(rule, "call_words", ())} | signature_words().kin))


# More that follows the name and is no part of it: a remark in brackets («Варя (4 «Б»
# класс)», «Маша (Ли Мэй)», «Таня (10 «А», если помнишь)»), a school class after a comma
# («Соня, 6 «В»»), and a word on the return address («Ваш Михаил Ефимович, обратный адрес
# на конверте», «Людмила Сергеевна. Обратный адрес — библиотека»).
_SIGNATURE_REMARK = re.compile(r"\s*\([^()]*\)\s*\.?$")
_SIGNATURE_CLASS = re.compile(
    r",\s*\d{1,2}\s*(?:-?[«\"]?[А-ЯЁA-Z][»\"]?(?:\s*класс\w*)?|класс\w*)\s*\.?$"
)
_SIGNATURE_ADDRESS = re.compile(
    r"\s*[,.;—–-]\s*(?:мой\s+|наш\s+)?(?:обратный\s+)?адрес\b.*$", re.IGNORECASE
)


def _signature_core(line: str) -> str:
    """The signature line without what follows the name and is no part of it."""
    text = line.strip()
    for _ in range(3):  # «Таня Крылова (10 «А»), обратный адрес на конверте»
        before = text
        for rx in (_SIGNATURE_ADDRESS, _SIGNATURE_REMARK, _SIGNATURE_CLASS, _SIGNATURE_AGE):
            text = rx.sub("", text).strip()
        text = _SIGNATURE_FAMILY.sub("", text).strip()
        if text == before:
            break
    return text


def _is_signature(
    line: str, closings: Sequence[str], addressee: frozenset[str] = frozenset()
) -> bool:
    text = _signature_core(line)
    if not text:
        return False
    called = re.search(r",\s*([А-ЯЁA-Z][а-яёa-z]+)\s*[!.]?$", text)
    if called and called.group(1) in addressee:
        return False  # «Держись, Иван!» calls the one the letter is written to
    head, comma, tail = text.partition(",")
    # «Светлана Агафонова, г. Ярославль», «Галина Сергеевна, учительница вашего сына»: a
    # name, then after a comma a short description of the writer (a town, who they are).
    if (
        comma
        and 0 < len(tail.split()) <= 5
        and not head.strip().endswith(tuple(".!?"))
        and (_NAME_LINE.match(head.strip()) or _is_name_part(head, kin_alone=False))
        and (len(head.split()) >= 2 or _describes_writer(tail))
        and not any(_starts_with_closing(head, closing) for closing in closings)
    ):
        return True
    norm = fold(text)
    for closing in closings:
        if norm.startswith(closing) and not norm[len(closing) : len(closing) + 1].isalpha():
            rest = text[len(closing) :].strip(" ,.!—-–")
            words = rest.split()
            # "Твой старый друг Миша": after a closing, a short line ending in a name
            if (0 < len(words) <= 5 and words[-1][:1].isupper()) or _is_name_part(
                rest, kin_alone=True
            ):
                return True
            break
    if _NAME_LINE.match(text) or _is_name_part(text, kin_alone=False):
        return True
    # «С сердечными приветами, Ханна», «Ваш друг по переписке, Степан Ильич», «Пишите мне,
    # пожалуйста. Марко»: a closing or a last sentence, then the name on the same line
    tail = _SIGNED_TAIL.search(text)
    return (
        tail is not None
        and len(text[: tail.start()].split()) <= _SIGNED_HEAD_WORDS
        and not set(re.findall(r"[А-ЯЁA-Z][а-яёa-z]+", tail.group())) & addressee
    )


# A name after the last comma or sentence end of a line; the words before it may be any
# closing of the writer's own («С дружбой», «Жду тебя очень. Целую»).
_SIGNED_TAIL = re.compile(rf"[,.!?…]\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}\s*\.?$")
_SIGNED_HEAD_WORDS = 10


_POSSESSIVES = frozenset({"ваш", "ваша", "ваши", "твой", "твоя", "твои"})


def _describes_writer(tail: str) -> bool:
    """After a one-word name and a comma: «ваша соседка», «г. Киров», «Самара» — not the
    rest of a sentence («Пишите, если сможете»)."""
    words = tail.split()
    first = fold(words[0].strip(",.!")) if words else ""
    return (
        first in _POSSESSIVES
        or first in signature_words().kin
        or first in ("г.", "г")
        or (len(words) == 1 and words[0][:1].isupper())
    )


def _starts_with_closing(text: str, closing: str) -> bool:
    """Whether ``text`` begins with the closing ``closing`` as a whole word."""
    norm = fold(text.strip())
    return norm.startswith(closing) and not norm[len(closing) : len(closing) + 1].isalpha()


def _is_name_part(text: str, *, kin_alone: bool) -> bool:
    """A signature after its closing: names joined by "и", "из" ("Оля из Самары", "Петя и
    Вера"), kinship words ("бабушка", "тётя Галя"); a kinship word alone only after a
    closing ("Ваша бабушка")."""
    words = [w.strip(",.!—-–") for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > 5:
        return False
    s = signature_words()
    kin = [w for w in words if fold(w) in s.kin]
    names = [w for w in words if w[:1].isupper() and fold(w) not in s.kin and w[1:2] != "."]
    initials = [w for w in words if re.fullmatch(r"[A-ZА-ЯЁ]\.(?:[A-ZА-ЯЁ]\.)?", w)]
    other = [
        w
        for w in words
        if w not in kin and w not in names and w not in initials and fold(w) not in s.joins
    ]
    if other and not (names and words[0] in names and any(fold(w) in s.joins for w in words[1:2])):
        return False  # "Ксения и коты": a name and a joining word, then anything short
    return bool(names or initials) or (kin_alone and bool(kin))


def check_text(text: str, *, has_return_address: bool = False) -> CheckResult:
    """Check a letter body against the guidance rules.

    ``has_return_address`` tells the checker that the return address will be printed
    with the letter (the letter renderer adds it), so the body need not contain one.
    """
    c = compiled()
    rules = c.by_kind
    findings: list[Finding] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")

    def add(rule: Rule, line: int, found: str, message: str, severity: str | None = None) -> None:
        findings.append(Finding(rule.id, severity or rule.severity, line, found, message))

    if not any(ch.isalpha() for ch in text):
        if "empty" in rules:
            add(rules["empty"], 1, "", rules["empty"].message())
        return CheckResult(findings)

    layout = _analyse(lines, c)
    first = layout.nonempty[0]
    last = layout.nonempty[-1]

    # Censor topics and profanity, on the whole text so phrases may cross a line break.
    norm_text = fold(text)
    same_length = len(norm_text) == len(text)
    tokens = words_of(norm_text) if c.fields or c.innocents or c.titles else []
    titles = _title_spans(text, tokens, c)
    cased_text = fold_yo(text)
    for rule, tier in c.terms:
        per_line: dict[int, list[str]] = {}
        for start, end, _i in tier.find(norm_text, cased_text):
            hit = Hit(start, end, c.scoring.threshold, True)
            # no evidence inside a «title» of a work, nor in an innocent context of the
            # rule (a pistol on the stage)
            if not _innocent(_outside([hit], titles), rule, tokens, c):
                continue
            line_no = text.count("\n", 0, start) + 1
            found = text[start:end] if same_length else norm_text[start:end]
            per_line.setdefault(line_no, []).append(found)
        for line_no, words in per_line.items():
            joined = _join_words(words)
            add(rule, line_no, joined, rule.message(words=joined))

    signature = lines[layout.signature] if layout.signature is not None else None
    _check_topics(text, c, findings, tokens, titles, signature)

    non_russian = _check_language(lines, layout, rules, add)

    if "greeting" in rules and c.greeting is not None and not non_russian:
        window = layout.nonempty[: int(param(rules["greeting"], "lines", 2))]
        if not any(
            c.greeting.find(fold(lines[i]), fold_yo(lines[i]))
            or _VOCATIVE_LINE.match(lines[i])
            or (i == first and _is_call(lines[i], rules["greeting"]))
            for i in window
        ):
            add(rules["greeting"], first + 1, _short(lines[first]), rules["greeting"].message())

    if "signature" in rules and layout.signature is None:
        add(rules["signature"], last + 1, _short(lines[last]), rules["signature"].message())

    if "return-address" in rules and not has_return_address:
        found = bool(layout.address) or any(p.search(ln) for p in c.address for ln in lines)
        if not found:
            add(rules["return-address"], last + 1, "", rules["return-address"].message())

    if "length" in rules:
        _check_length(lines, rules["length"], add)

    if "placeholder" in rules:
        for i, ln in enumerate(lines):
            if i == layout.signature_slot:
                continue
            hits = [m.group() for p in c.placeholders for m in p.finditer(ln)]
            if hits:
                joined = _join_words(hits)
                add(rules["placeholder"], i + 1, joined, rules["placeholder"].message(words=joined))

    order = {rule.id: n for n, rule in enumerate(load_rules())}
    findings.sort(key=lambda f: (f.line, order.get(f.rule, 0)))
    return CheckResult(findings)


_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n\s*\n")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


_STREET = re.compile(
    r"(?<!\w)(?:ул|улиц[аеуы]|пр-т|просп|проспект[аеу]?|пл|площад[ьи]|пер|переул(?:ок|ке)|"
    r"бульв|бульвар[аеу]?|наб|набережн(?:ая|ой))\.?\s+(?:[А-ЯЁ0-9][\w-]*\s+){0,2}[А-ЯЁ][\w-]*"
)


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


class Hit(NamedTuple):
    """One piece of topic evidence: where it stands, what it weighs, and whether it is
    quoted in an info note when the topic stays below the threshold."""

    start: int
    end: int
    weight: float
    hint: bool
    family: str | None = None  # all words of a group that counts once (its name)


def _outside(hits: list[Hit], spans: list[tuple[int, int]]) -> list[Hit]:
    """The hits that overlap none of ``spans`` (exception phrases, street names)."""
    return [h for h in hits if not any(a < h.end and h.start < b for a, b in spans)]


_TITLE = re.compile(r"«([A-ZА-ЯЁ][^«»\n]{0,80})»")


def _title_spans(text: str, words: list[Word], c: Compiled) -> list[tuple[int, int]]:
    """«Titles» of works near a word about a work ("читаю детективы… в «Свидетеле
    обвинения»"): no topic evidence inside them."""
    titles = c.titles
    if titles is None:
        return []
    starts = [w.start for w in words]
    work = [i for i, w in enumerate(words) if w.lemmas & titles.lemmas]
    spans = []
    for m in _TITLE.finditer(text):
        inner = m.group(1)
        if len(inner.split()) > titles.max_words or inner.isupper():
            continue
        i = bisect.bisect_left(starts, m.start(1))
        if any(abs(j - i) <= titles.window for j in work):
            spans.append(m.span())
    return spans


# Irony quotes: a short quote that starts in lower case (a title starts in upper case):
# наши «освобождают», уехал «в командировку», «выборы».
_IRONY = re.compile(
    r"«([^\W\d_A-ZА-ЯЁ][^«»\n]{0,40})»|[\"“„]([^\W\d_A-ZА-ЯЁ][^\"“”„\n]{0,40})[\"”“]"
)
_IRONY_WORDS = 3


def _irony_spans(text: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in _IRONY.finditer(text)
        if len((m.group(1) or m.group(2)).split()) <= _IRONY_WORDS
    ]


# A pair whose words stand this many words apart or more is quoted as its two words
# («заседании», «свидетелей»), not as the clause between them.
_PAIR_SPAN = 5


def _field_hits(
    topic: Topic, words: list[Word], c: Compiled, irony: list[tuple[int, int]]
) -> list[Hit]:
    """The hits of the semantic fields of the topic's rule: each word of a group at the
    group's weight (its ``quoted`` weight inside irony quotes), each pair at its weight."""
    hits: list[Hit] = []
    found_pairs: set[tuple[int, int]] = set()
    for fld in c.fields:
        if fld.rule is not topic.rule:
            continue
        for i, w in enumerate(words):
            quoted = any(a < w.start and w.end < b for a, b in irony)
            found = fld.weigh(w.lemmas, quoted=quoted)
            if found is not None:
                group, weight = found
                family = group.name if group.one_family else None
                hits.append(Hit(w.start, w.end, weight, group.hint, family))
            if not w.lemmas & fld.pair_starts:
                continue
            for n, pair in enumerate(fld.pairs):
                if not w.lemmas & pair.first or (id(fld), n) in found_pairs:
                    continue
                lo = max(0, i - pair.within) if pair.any_order else i + 1
                for j in range(lo, min(len(words), i + 1 + pair.within)):
                    if j != i and words[j].lemmas & pair.then:
                        a, b = min(i, j), max(i, j)
                        if pair.between and not (j > 0 and words[j - 1].lemmas & pair.between):
                            continue
                        if not pair.number or any(x.number for x in words[a : b + 1]):
                            # a pair counts once in a letter, whichever of its words it
                            # finds («забор прогнил, сетка провисла»: one piece of evidence)
                            found_pairs.add((id(fld), n))
                            if b - a < _PAIR_SPAN:
                                hits.append(Hit(words[a].start, words[b].end, pair.weight, False))
                            else:  # its two words, one piece of evidence
                                key = f"pair@{words[a].start}"
                                hits.append(Hit(w.start, w.end, pair.weight, False, key))
                                hits.append(
                                    Hit(words[j].start, words[j].end, pair.weight, False, key)
                                )
                        break
    return hits


def _word_index(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _innocent(hits: list[Hit], rule: Rule, words: list[Word], c: Compiled) -> list[Hit]:
    """The hits less the weight of the innocent contexts (sport, garden, snow…) of the
    rule near them; a hit at the threshold loses weight only where a lemma of its words is
    listed in the context's ``strong``, and a context with ``only`` clears the hits of those
    lemmas alone. Hits left with no weight are dropped."""
    groups = [g for g in c.innocents if rule.id in g.topics]
    if not groups or not hits or not words:
        return hits
    threshold = c.scoring.threshold
    starts = [w.start for w in words]
    keep = []
    for h in hits:
        i = _word_index(starts, h.start)
        # the lemmas of the words of the hit ("на нуле": "на", "ноль")
        lemmas = frozenset().union(
            *(w.lemmas for w in words[i : _word_index(starts, max(h.start, h.end - 1)) + 1])
        )
        weight = h.weight
        for g in groups:
            if h.weight >= threshold and not lemmas & g.strong:
                continue
            if g.only and not lemmas & g.only:
                continue
            lo, hi = max(0, i - g.window), i + g.window + 1
            if any(w.lemmas & g.lemmas for w in words[lo:hi]):
                weight -= g.weight
        if weight > 0:
            keep.append(h._replace(weight=weight))
    return keep


# Two hits of one word family are one piece of evidence: words that share a lemma ("суда",
# "судов") or their first letters ("свобода", "свободных"; a Russian root with its prefix
# is rarely shorter).
_FAMILY_LETTERS = 5


def _score(hits: list[Hit], words: list[Word], folded: str, c: Compiled) -> float:
    """The topic's score: the heaviest window of ``window`` words, where each word family
    counts once at its heaviest, plus ``letter_factor`` of the families outside it."""
    if not hits:
        return 0.0
    s = c.scoring
    starts = [w.start for w in words]
    # word family of each hit: the first one sharing a lemma or the first letters
    keys: list[tuple[str, frozenset[str]]] = []
    placed: list[tuple[int, int, float]] = []  # (word index, family, weight)
    for h in hits:
        i = _word_index(starts, h.start) if words else 0
        prefix = folded[h.start : h.end][:_FAMILY_LETTERS]
        lemmas = words[i].lemmas if words else frozenset()
        if h.family is not None:  # a group that counts once
            prefix, lemmas = "=" + h.family, frozenset()
        family = next(
            (n for n, (p, ls) in enumerate(keys) if p == prefix or lemmas & ls), len(keys)
        )
        if family == len(keys):
            keys.append((prefix, lemmas))
        placed.append((i, family, h.weight))
    heaviest: dict[int, float] = {}
    for _i, family, weight in placed:
        heaviest[family] = max(heaviest.get(family, 0.0), weight)
    total = sum(heaviest.values())
    best = 0.0
    for i, _f, _w in placed:
        inside: dict[int, float] = {}
        for j, family, weight in placed:
            if i <= j <= i + s.window:
                inside[family] = max(inside.get(family, 0.0), weight)
        near = sum(inside.values())
        outside = total - sum(heaviest[f] for f in inside)
        best = max(best, near + s.letter_factor * outside)
    return best


def _check_topics(
    text: str,
    c: Compiled,
    findings: list[Finding],
    words: list[Word],
    titles: list[tuple[int, int]],
    signature: str | None,
) -> None:
    """Topic evidence as weights (data/topics.toml): strong terms and lemmas weigh the
    threshold, weak ones less; the weights of different word families near each other add
    up, those elsewhere in the letter add a share. A topic warns when its score reaches
    the threshold, quoting all its evidence; below it, an info note quotes the words that
    may be read as the topic. Exception phrases, «titles» of works and street names never
    count; innocent contexts subtract."""
    folded = fold(text)
    cased = fold_yo(text)
    same_length = len(folded) == len(text)
    partner_hits = (
        _partner_hits(text, folded, c.partner, words, signature) if c.partner is not None else []
    )
    # street names of an address never count ("ул. Свободы", "ул. Советской Армии")
    streets = [m.span() for m in _STREET.finditer(text)]
    s = c.scoring
    irony = _irony_spans(text)
    for topic in c.topics:
        spans = [(a, b) for a, b, _i in topic.exceptions.find(folded, cased)] + streets + titles
        hits = [Hit(a, b, s.threshold, True) for a, b, _i in topic.strong.find(folded, cased)]
        hits += [Hit(a, b, s.weak, True) for a, b, _i in topic.weak.find(folded, cased)]
        hits = _innocent(
            _outside(hits + _field_hits(topic, words, c, irony), spans), topic.rule, words, c
        )
        if c.partner is not None and topic.rule is c.partner.rule:
            hits += [Hit(a, b, s.threshold, True) for a, b in partner_hits]
            hits += [
                Hit(a, b, s.threshold, True)
                for a, b in (
                    *_transition_hits(text, folded, c.partner, words),
                    *_same_gender_love(folded, c.partner, words),
                    *_third_spouse_hits(text),
                )
            ]
        # scored before the overlaps are joined: a pair ("заседание … свидетелей") does not
        # swallow the words of other families inside it ("судья"); the family of each hit
        # (its first word) still counts once
        score = _score(hits, words, folded, c)
        hits = _dedupe(hits)
        if score >= s.threshold:
            _add_topic(topic, hits, topic.rule.severity, "message", text, same_length, findings)
        elif score >= s.hint:
            notes = [h for h in hits if h.hint]
            _add_topic(topic, notes, "info", "message_weak", text, same_length, findings)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits as one: from the first start to the last end, at the heaviest
    weight of those it joins."""
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out and h.start < out[-1].end:
            last = out[-1]
            out[-1] = last._replace(
                end=max(last.end, h.end),
                weight=max(last.weight, h.weight),
                hint=last.hint or h.hint,
            )
            continue
        out.append(h)
    return out


def _add_topic(
    topic: Topic,
    hits: list[Hit],
    severity: str,
    key: str,
    text: str,
    same_length: bool,
    findings: list[Finding],
) -> None:
    per_line: dict[int, list[str]] = {}
    for start, end, *_rest in hits:
        line_no = text.count("\n", 0, start) + 1
        found = text[start:end] if same_length else fold(text)[start:end]
        per_line.setdefault(line_no, []).append(found)
    for line_no, words in per_line.items():
        joined = _join_words(words)
        message = topic.rule.message(key, words=joined)
        findings.append(Finding(topic.rule.id, severity, line_no, joined, message))


# How many words after "я" may stand before the verb that shows the writer's gender
# ("я с женой в этом году наконец выбралась").
_GENDER_WINDOW = 6
# Where a clause ends: punctuation and the conjunctions that start a new subject.
_CLAUSE_BREAK = re.compile(r"[,.;:!?…—()«»\"\n]|\s(?:как|что|когда|где|который|которая|а|но)\s")


# A man's past tense: Russian "-л" ("хотел"); in a Ukrainian or Belarusian letter also
# "-в" ("переїхав", "зробив": in Russian the shape of a genitive plural, "внуков") and
# "-ў" ("з'ездзіў").
_MALE_PAST = re.compile(r"\w+[аеиоуыяю]л(?:ся)?")
_MALE_PAST_UK_BE = re.compile(r"\w+[аеиоуыяю]л(?:ся)?|[\w']+[аеиоуіїя]в(?:ся)?|[\w']+ў(?:ся)?")
_UK_BE_LETTER = re.compile(r"[іїєґў]")


def _writer_gender(folded: str, partner: Partner) -> str | None:
    """ "f" or "m" from the writer's own words after "я": a short adjective ("я рада") or a
    past-tense verb within two words ("я впервые попробовала"); None when unclear."""
    female = male = 0
    male_past = _MALE_PAST_UK_BE if _UK_BE_LETTER.search(folded) else _MALE_PAST
    # within the clause of "я" only: in «я опишу, как прошёл концерт» the verb after the
    # comma has another subject
    for clause in _CLAUSE_BREAK.split(folded):
        words = [m.group() for m in _WORD.finditer(clause)]
        for i, word in enumerate(words):
            if word != "я":
                continue
            for nxt in words[i + 1 : i + 1 + _GENDER_WINDOW]:
                if nxt in partner.female_forms or re.fullmatch(r"\w{2,}ла(?:сь)?", nxt):
                    female += 1
                    break
                if nxt in partner.male_forms or male_past.fullmatch(nxt):
                    male += 1
                    break
        # "мы обе": the writer and another woman
        female += sum(1 for a, b in pairwise(words) if a == "мы" and b in partner.female_we)
    for line in folded.split("\n"):
        head = line.strip().split(" ", 1)
        if len(head) == 2 and head[1][:1].isalpha():
            female += head[0] in partner.female_closings
            male += head[0] in partner.male_closings
    if female > male:
        return "f"
    if male > female:
        return "m"
    return None


# "мы с Леной", "я с моим Олегом": one first name after "с" (not "с Леной и Мариной"),
# read by the dictionary
_WITH_NAME = re.compile(
    r"(?<!\w)(?:[Мм]ы|[Яя])\s+со?\s+(?:(?:мо|сво)(?:ей|им)\s+)?"
    # "мы с моим партнёром Томом", "с моей любимой Аней"
    r"(?:(?:партн[её]р(?:ом|шей)|любим(?:ым|ой)|половинкой)\s+)?([А-ЯЁ][а-яё]+)(?!\w)"
    r"(?!,?\s+(?:и|с|да)\s)"
)


# "моя Света", "мой любимый Паша", "моего Диму": a first name after a possessive, whose
# gender the possessive shows
_MY_NAME = re.compile(
    r"(?<!\w)([Мм]о(?:й|его|ему|[её]м|я|ю|ей))\s+(?:(?:любим|родн|дорог)\w*\s+)?([А-ЯЁ][а-яё]+)(?!\w)"
    r"(?!,?\s+(?:и|с|да)\s)"
)
_MY_FEMININE = frozenset(("моя", "мою", "моей"))
# how many words beside a name a kinship or friend word makes it a relative's ("сестра
# Катя", "с Андреем, сыном", "с Леной, соседкой по палате")
_KIN_WINDOW = 3


def _named_kin(name: str, words: list[Word], folded: str, partner: Partner) -> bool:
    """Whether a mention of ``name`` in the letter stands beside a kinship or friend word
    ("моя сестра Катя … мы с Катей"): a relative or a friend, not a partner."""
    stem = fold(name)[:3]
    for i, w in enumerate(words):
        if not folded[w.start : w.end].startswith(stem):
            continue
        near = words[max(0, i - _KIN_WINDOW) : i + _KIN_WINDOW + 1]
        if any(x.lemmas & partner.not_partner for x in near):
            return True
    return False


_THIRD_PERSON = frozenset(("он", "она", "они", "его", "ее", "их"))


def _anothers_spouse(
    text: str, folded: str, start: int, words: list[Word], partner: Partner
) -> bool:
    """A bare "с женой", "с мужем" after another person ("Андрей с женой", "сосед с
    женой", "они с мужем"): that person's spouse, not the writer's."""
    if not folded.startswith("с", start) or folded.startswith("сво", start):
        return False
    before = [w for w in words if w.end <= start]
    if not before:
        return False
    prev = before[-1]
    word = folded[prev.start : prev.end]
    if word in _THIRD_PERSON or prev.lemmas & partner.not_partner:
        return True
    # a name: capitalised inside its sentence, or a first name of the dictionary at its start
    if not text[prev.start].isupper() or text[prev.end : start].strip():
        return False
    head = text[: prev.start].rstrip()
    inside = bool(head) and head[-1] not in ".!?\n"
    return inside or is_first_name(text[prev.start : prev.end])


def _partner_hits(
    text: str, folded: str, partner: Partner, words: list[Word], signature: str | None
) -> list[tuple[int, int]]:
    female_hits = [(a, b) for a, b, _i in partner.female_partner.find(folded, folded)]
    male_hits = [(a, b) for a, b, _i in partner.male_partner.find(folded, folded)]
    starts = [w.start for w in words]
    # words of a couple: their lemmas ("поженились") and phrases ("десять лет вместе")
    cues = [i for i, w in enumerate(words) if w.lemmas & partner.couple]
    if partner.couple_phrases is not None:
        cues += [
            _word_index(starts, a) for a, _b, _i in partner.couple_phrases.find(folded, folded)
        ]
    if partner.couple_durations is not None:
        cues += [
            _word_index(starts, a)
            for a, b, _i in partner.couple_durations.find(folded, folded)
            if _CLAUSE_END.match(folded, b) or _AND_NEXT.match(folded, b)
        ]
    window = partner.couple_window

    def couple_near(pos: int) -> bool:
        i = _word_index(starts, pos) if words else 0
        return any(i - window <= j <= i + window + 2 for j in cues)

    # a partner by name ("мы с Леной", "моя Света") beside a word of a couple; the one the
    # letter is written to ("Мой дорогой Андрей!") is no partner of the writer
    first_line = next((line for line in folded.split("\n") if line.strip()), "")
    by_name = [
        m
        for m in chain(_WITH_NAME.finditer(text), _MY_NAME.finditer(text))
        if couple_near(m.start()) and fold(m.group(m.lastindex or 1))[:3] not in first_line
    ]
    if not (female_hits or male_hits or by_name):
        return []  # nothing to read the writer's gender for (and no dictionary to load)
    # The name the writer signs with says more than a verb form ("Маша", "Марина и Катя",
    # "Ольга Викторовна Сазонова"); the verbs after "я" decide when the signature does not.
    gender = _signature_gender(signature) or _writer_gender(folded, partner)
    if gender is None:
        return []
    hits = [
        (a, b)
        for a, b in (female_hits if gender == "f" else male_hits)
        if not _anothers_spouse(text, folded, a, words, partner)
    ]
    for m in by_name:
        if m.re is _MY_NAME:  # the possessive shows the name's gender
            name = m.group(2)
            name_sex = "f" if fold(m.group(1)) in _MY_FEMININE else "m"
            if name_sex != gender or not is_first_name(name):
                continue
        else:
            name = m.group(1)
            if name_gender(name) != gender:
                continue
        if not _named_kin(name, words, folded, partner):
            hits.append(m.span())
    return hits


_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?…—–)]|$)")
_AND_NEXT = re.compile(r"\s+(?:и|а|но)\s")
# how many words after "теперь" the new gender may stand ("теперь уже брат", "теперь это Николь")
_NOW_WINDOW = 3


def _transition_hits(
    text: str, folded: str, partner: Partner, words: list[Word]
) -> list[tuple[int, int]]:
    """A gender transition told by kin: a kin word of one gender, then (with only a name or
    "то есть" between) "теперь", then a kin word or a first name of the other gender ("мой
    брат Кирилл — теперь Кира", "сестра — то есть теперь уже брат"). "У сестры теперь сын"
    (a child born) is not one: a kin word after "у" is a possessor."""
    kin = partner.female_kin | partner.male_kin
    if not kin or not partner.now:
        return []
    hits = []
    for i, w in enumerate(words):
        if not w.lemmas & kin or (i and folded[words[i - 1].start : words[i - 1].end] == "у"):
            continue
        old = "f" if w.lemmas & partner.female_kin else "m"
        j = i + 1
        # only the kin's name ("брат Кирилл") or a correction ("то есть") before "теперь"
        while j < len(words) and not words[j].lemmas & partner.now:
            if not (words[j].lemmas & partner.now_skip or text[words[j].start].isupper()):
                break
            j += 1
        if j >= len(words) or not words[j].lemmas & partner.now:
            continue
        if _SENTENCE_BREAK.search(text, w.end, words[j].start):
            continue  # "Приехал брат. Теперь Лена…": another sentence
        for k in range(j + 1, min(len(words), j + 1 + _NOW_WINDOW)):
            x = words[k]
            if x.lemmas & partner.now_skip:
                continue
            if x.lemmas & kin:
                new = "f" if x.lemmas & partner.female_kin else "m"
            elif text[x.start].isupper():
                new = name_gender(text[x.start : x.end], case="nomn")
            else:
                new = None
            # the new gender ends its clause ("теперь Кира…", "теперь уже брат,"): in
            # "теперь Лена скучает" the name is the subject of another predicate
            if new is not None and new != old and _CLAUSE_END.match(text, x.end):
                hits.append((w.start, x.end))
            break
    return hits


# Another's same-sex spouse: "у Димы теперь муж", "Дима со своим мужем", "Лена с женой"
# (a man's husband, a woman's wife; not "с женой брата", the wife of a kinsman)
_THIRD_SPOUSE = re.compile(
    r"(?<!\w)(?:[Уу]\s+(?P<gen>[А-ЯЁ][а-яё]+)\s+(?:(?:теперь|есть|уже)\s+)?(?P<gs>муж|жена)"
    r"|(?P<nom>[А-ЯЁ][а-яё]+)\s+со?\s+(?:сво(?:им|ей)\s+)?(?P<ns>мужем|женой))"
    r"(?!\w)(?!\s+[а-яё]+(?:а|я|ы|и)\b)"
)


def _third_spouse_hits(text: str) -> list[tuple[int, int]]:
    """Another person's spouse of the same gender ("у Димы теперь муж, они поженились")."""
    hits = []
    for m in _THIRD_SPOUSE.finditer(text):
        name, case = (m.group("gen"), "gent") if m.group("gen") else (m.group("nom"), "nomn")
        spouse = (m.group("gs") or m.group("ns"))[:3]
        want = "m" if spouse == "муж" else "f"
        if name_gender(name, case=case) == want:
            hits.append(m.span())
    return hits


# how far the love word may stand from the one in love, and "другой" from the love word
_LOVE_WINDOW = 6
_OTHER = "другой"


def _same_gender_love(folded: str, partner: Partner, words: list[Word]) -> list[tuple[int, int]]:
    """One in love with another of the same gender: a person noun, a word of love, then
    "другой" and a person noun of the same gender ("мальчик признался, что влюблён в другого
    мальчика", "девушка встречается с другой девушкой"). "Жена влюбилась в другого
    мужчину" is not one: the genders differ."""
    people = partner.female_people | partner.male_people
    if not people or not partner.love:
        return []
    hits = []
    for i, w in enumerate(words):
        if not w.lemmas & people:
            continue
        sex = partner.female_people if w.lemmas & partner.female_people else partner.male_people
        for j in range(i + 1, min(len(words), i + 1 + _LOVE_WINDOW)):
            if not words[j].lemmas & partner.love:
                continue
            for k in range(j + 1, min(len(words) - 1, j + 4)):
                if _OTHER in words[k].lemmas and words[k + 1].lemmas & sex:
                    hits.append((w.start, words[k + 1].end))
                    break
            break
    return hits


_UK_BE_TO_RU = str.maketrans("ІЇЄҐЎіїєґў", "ИИЕГВииегв")


def _signature_gender(signature: str | None) -> str | None:
    """The gender of the first name the writer signs with ("Оксана", "Ваш Антон")."""
    if not signature:
        return None
    # Ukrainian and Belarusian names are looked up in Russian letters ("Соломія": Соломия)
    names = re.findall(r"[А-ЯЁІЇЄҐЎ][а-яёіїєґў']+", signature)
    genders = {
        name_gender(w.translate(_UK_BE_TO_RU).replace("'", ""), case="nomn") for w in names[:2]
    } - {None}
    return genders.pop() if len(genders) == 1 else None


_LINK = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\.(?:ru|com|org|net|рф|me|io|su|ua|by|de|info|tv)"
    r"(?:/\S*)?(?![\w@])",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(
    r"(?<![\w@])@\w{2,}|(?<![\w@])[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*_[A-Za-z0-9_.]*[A-Za-z0-9]"
)
# A chain of digit groups: "+7 (912) 345-67-89", "8 903 117 45 62", "2202 2063 1234 5678",
# "9-12-3", "4471". Groups are joined by one space, a dash or brackets; a dot, a colon or a
# comma ends a chain (dates "12.05.2023", times "15:30", scores "2:1" are not chains).
_CHAIN = re.compile(r"(?<![\w.,:/-])\+?\(?\d+\)?(?:(?: ?[-\u2013] ?| )\(?\d+\)?)*(?![\w-])")
_GROUP = re.compile(r"\d+")
_DATE = re.compile(
    r"(\d{1,2})[-\u2013](\d{1,2})[-\u2013](\d{2}|\d{4})|(\d{4})[-\u2013](\d{1,2})[-\u2013](\d{1,2})"
)
# Digits spelled out in words, as a phone number is read aloud ("восемь девятьсот
# двенадцать 345-67-89"): how many digits each word stands for.
_UNITS = ("ноль", "нуль", *NUMERAL_UNITS, "одна", "две")
_TEENS, _TENS, _HUNDREDS = NUMERAL_TEENS, NUMERAL_TENS, NUMERAL_HUNDREDS
_SPELLED = re.compile(
    r"(?<!\w)(?:(?:%s)|\d+)(?:[ ,\-\u2013]+(?:(?:%s)|\d+))*(?!\w)"
    % (("|".join(_UNITS + _TEENS + _TENS + _HUNDREDS),) * 2),
    re.I,
)


# A place by its map coordinates: two decimal degrees of three places or more
# ("55.7512, 37.6184", "55,7512 37,6184", "N55.7512 E37.6184").
_COORDINATES = re.compile(
    r"(?<![\w.,])[NSСЮ]?-?\d{1,3}[.,]\d{3,}°?[NSСЮ]?[,;]?\s*[EWВЗ]?-?\d{1,3}[.,]\d{3,}°?[EWВЗ]?(?![\w.,]\d)"
)


def _is_date(chain: str) -> bool:
    """ "12-05-2023", "2023-05-12": a day and a month that exist."""
    m = _DATE.fullmatch(chain)
    if m is None:
        return False
    day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(6), m.group(5))
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _spelled_digits(chain: str) -> tuple[int, int, bool]:
    """(digits, groups, has a word) of a chain of number words and digit groups: a hundreds
    word takes the tens and the unit after it into its three digits ("девятьсот двенадцать")."""
    digits = groups = 0
    word = False
    open_width = 0  # digits still free in the group a hundreds or tens word opened
    for tok in re.findall(r"\w+", chain.lower()):
        if tok.isdigit():
            digits, groups, open_width = digits + len(tok), groups + 1, 0
            continue
        word = True
        width = 3 if tok in _HUNDREDS else 2 if tok in _TENS + _TEENS else 1
        if open_width >= width and not (width == 2 and open_width == 1):
            open_width = 1 if width == 2 and tok in _TENS else 0
            continue
        digits, groups = digits + width, groups + 1
        open_width = 2 if width == 3 else (1 if tok in _TENS else 0)
    return digits, groups, word


def _codes(line: str, rule: Rule) -> list[str]:
    """Strings of digits that look like a code, a phone, a card or an account number.

    A chain of at least ``phone_digits`` digits in any grouping is one ("8 903 117 45 62",
    "+7 (912)…", "2202 2063 1234 5678"), unless it is a number in thousands ("1 000 000 000");
    so is a chain of three groups or more ("345-67-89") or one run of ``min_code_digits``
    digits, unless a unit or a counted word stands beside it ("12000 шагов", "человек 45000")
    or it is a date or a range of years and pages ("2024-2025", "145-167"). Shorter digits
    are a code beside a word of codes ("код 4471", "это ячейка 9-12-3", "комбинация 7 3 9 1").
    """
    phone_digits = int(param(rule, "phone_digits", 10))
    min_digits = int(param(rule, "min_code_digits", 5))
    context_digits = int(param(rule, "min_context_digits", 3))
    window = int(param(rule, "code_window", 3))
    code_words = tuple(fold(w) for w in param(rule, "code_words", ()))
    units = tuple(fold(w) for w in param(rule, "quantity_words", ()))
    found: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.group()) for m in _COORDINATES.finditer(line)
    ]
    taken = [(a, b) for a, b, _t in found]

    def words_near(start: int, end: int) -> tuple[list[str], list[str]]:
        before = [fold(w) for w in _WORD.findall(re.split(r"[.!?;]", line[:start])[-1])]
        after = [fold(w) for w in _WORD.findall(re.split(r"[.!?;]", line[end:])[0])]
        return before[-window:], after[:window]

    def is_stem(word: str, stems: tuple[str, ...]) -> bool:
        return any(word.startswith(s) for s in stems)

    for m in _CHAIN.finditer(line):
        if any(a <= m.start() < b for a, b in taken):
            continue
        chain = m.group().strip()
        groups = _GROUP.findall(chain)
        digits = sum(len(g) for g in groups)
        before, after = words_near(m.start(), m.end())
        near_code = any(is_stem(w, code_words) for w in before + after)
        counted = (
            bool(after and is_stem(after[0], units))
            or bool(before and is_stem(before[-1], units))
            or line[m.end() :].lstrip()[:1] in ("%", "₽", "$", "€")
        )
        # "1 000 000": groups of three after the first, joined by spaces only
        thousands = (
            len(groups) > 1
            and len(groups[0]) <= 3
            and all(len(g) == 3 for g in groups[1:])
            and not re.search(r"[-\u2013()+]", chain)
        )
        dashed_pair = len(groups) == 2 and re.search(r"[-\u2013]", chain) is not None
        date = _is_date(chain)
        if digits >= phone_digits:
            code = not thousands
        elif near_code and digits >= context_digits:
            code = not (counted or date or thousands)
        elif counted or dashed_pair or date:
            code = False
        else:
            code = digits >= min_digits and not thousands
        if code:
            found.append((m.start(), m.end(), chain))
    for m in _SPELLED.finditer(line):
        digits, groups, word = _spelled_digits(m.group())
        if word and digits >= phone_digits and groups >= 3:
            # the spelled number replaces the digit groups it holds
            found = [f for f in found if not (m.start() <= f[0] and f[1] <= m.end())]
            found.append((m.start(), m.end(), m.group().strip(" ,")))
    return [text for _a, _b, text in sorted(found)]


# A bare code token: a capital letter and digits ("К2", "М12"), digits and a capital letter
# ("3Б"), a run of three or four digits ("5418"), or a chain of three dashed groups
# ("14-7-22", a date's shape too); a decimal, a time, a score or a fraction is none.
_BARE_TOKEN = re.compile(
    r"(?<![\w.,:/+\-\u2013])"
    r"(?:[А-ЯЁA-Z]\d{1,3}|\d{1,3}[А-ЯЁA-Z]|\d{3,4}|\d{1,4}(?:[-\u2013]\d{1,4}){2,})"
    r"(?!\w)(?![.,:/\-\u2013]\w)(?!\s*[%₽$€])"
)
# Years stand bare in letters ("с 2010 по 2015"): never a bare code.
_YEARS = range(1900, 2100)
_STEM_LETTERS = 3
_RUN = re.compile(r"\w+")  # words and numbers, to count the distance between tokens


def _bare_codes(lines: list[str], skip: set[int], rule: Rule) -> list[tuple[int, str]]:
    """(line, token) of the bare codes of a letter: number groups and letter-digit tokens
    with no unit or label word beside them ("14-7-22 всё как договаривались, 3Б на месте, К2
    ждёт сигнала"), when ``min_bare_codes`` of them stand within ``bare_window`` words of
    each other. One such number is a house, a form or a seat whose noun was left out; several
    together, with nothing that names them, are a message in a key."""
    least = int(param(rule, "min_bare_codes", 0))
    if least <= 0:
        return []
    window = int(param(rule, "bare_window", 30))
    labels = [
        fold(w) for w in (*param(rule, "quantity_words", ()), *param(rule, "label_words", ()))
    ]
    # a stem of three letters or more starts a word; a shorter one ("г", "кв") is the word
    stems = tuple(w for w in labels if len(w) >= _STEM_LETTERS)
    short = frozenset(w for w in labels if len(w) < _STEM_LETTERS)
    before_only = frozenset(fold(w) for w in param(rule, "quantity_before", ()))

    def label(word: str) -> bool:
        return word in short or word.startswith(stems)

    tokens: list[tuple[int, int, str]] = []  # (word number in the letter, line, token)
    count = 0
    for i, line in enumerate(lines):
        if i in skip:
            continue
        for m in _BARE_TOKEN.finditer(line):
            token = m.group()
            if token.isdigit() and int(token) in _YEARS:
                continue
            before = [fold(w) for w in _WORD.findall(re.split(r"[.!?;]", line[: m.start()])[-1])]
            after = [fold(w) for w in _WORD.findall(re.split(r"[.!?;]", line[m.end() :])[0])]
            if any(label(w) for w in before[-2:] + after[:1]) or (
                before and before[-1] in before_only
            ):
                continue
            tokens.append((count + len(_RUN.findall(line, 0, m.start())), i, token))
        count += len(_RUN.findall(line))
    chosen: set[int] = set()
    for k in range(len(tokens) - least + 1):
        if tokens[k + least - 1][0] - tokens[k][0] <= window:
            chosen.update(range(k, k + least))
    return [(tokens[k][1], tokens[k][2]) for k in sorted(chosen)]


def _foreign_material(line: str, rule: Rule) -> tuple[str, list[tuple[str, str]]]:
    """Links, e-mail addresses, handles, digit codes and chat abbreviations in one line:
    ((key, found) ...), and the line with them blanked out (for the Latin-word check)."""
    found: list[tuple[str, str]] = []

    def take(key: str, pattern: re.Pattern[str], text: str) -> str:
        def blank(m: re.Match[str]) -> str:
            found.append((key, m.group().rstrip(".,;:!?)»")))
            return " " * len(m.group())

        return pattern.sub(blank, text)

    line = take("message_email", _EMAIL, line)
    line = take("message_link", _LINK, line)
    line = take("message_handle", _HANDLE, line)
    found.extend(("message_code", code) for code in _codes(line, rule))
    abbreviations = abbreviation_words()
    for m in _WORD.finditer(line):
        if fold(m.group()) in abbreviations:
            found.append(("message_abbr", m.group()))
    return line, found


# Distinct words looked up in the dictionary: enough to tell a language, and a long
# letter costs no more than a short one.
_MAX_DICTIONARY_WORDS = 80


def _cyrillic_language(lines: list[str], skip: set[int]) -> tuple[str | None, float | None]:
    """(language code, None) when the Cyrillic text uses letters or marker words of another
    alphabet; (None, unknown share) when too many words are not Russian; (None, None)."""
    data = language_data()
    text = "\n".join(ln for i, ln in enumerate(lines) if i not in skip)
    folded = fold(text)
    words = [m.group() for m in _WORD.finditer(folded) if _CYRILLIC_LETTER.search(m.group())]
    if not words:
        return None, None
    languages = data.get("language", {})

    def best(candidates: Iterable[str]) -> str | None:
        scores = {
            code: sum(w in set(languages[code].get("markers", ())) for w in words)
            for code in candidates
        }
        code = max(scores, key=lambda k: scores[k], default=None)
        return code if code is not None and scores[code] > 0 else None

    letter_count: dict[str, int] = {}
    for code, entry in languages.items():
        letters = entry.get("letters", "")
        if letters:
            letter_count[code] = sum(folded.count(ch) for ch in letters)
    min_letters = int(data.get("min_foreign_letters", 2))
    with_letters = [code for code, n in letter_count.items() if n >= min_letters]
    if with_letters:
        return best(with_letters) or max(with_letters, key=lambda k: letter_count[k]), None
    russian = sum(folded.count(ch) for ch in data.get("russian_letters", ""))
    if russian >= int(data.get("min_russian_letters", 2)):
        return None, None
    counted = [
        m.group()
        for m in _WORD.finditer(text.replace("ё", "е"))
        if len(m.group()) >= int(data.get("min_letters", 3))
        and m.group().islower()
        and _CYRILLIC_LETTER.search(m.group())
    ]
    if len(counted) < int(data.get("min_words", 8)):
        return None, None
    known = russian_word_checker()
    sample = list(dict.fromkeys(counted))[:_MAX_DICTIONARY_WORDS]
    unknown = sum(not known(w) for w in sample) / len(sample)
    if unknown < float(data.get("max_unknown_share", 0.3)):
        return None, None
    code = best(languages)
    return (code, None) if code else (None, unknown)


def _is_latin_name(run: str, initial: bool) -> bool:
    """One capitalised Latin word inside a Russian sentence — a make, a shop, a service
    («ноутбук Lenovo», «ракетка Wilson») — is a name, not a foreign phrase: an info note.
    A run of two words or more, a word in lower case, and a word that begins its sentence
    («Sorry, что…») are foreign words."""
    return not initial and " " not in run and "-" not in run and run[:1].isupper()


def _check_language(lines: list[str], layout: _Layout, rules: Mapping[str, Rule], add) -> bool:
    """Language and foreign material; True when the letter as a whole is not Russian."""
    rule = rules.get("language")
    foreign = rules.get("foreign-words")
    if rule is None and foreign is None:
        return False
    min_words = int(param(rule, "min_latin_words", 2))
    min_share = float(param(rule, "min_latin_share", 0.67))
    translit_words = frozenset(param(rule, "translit_words", ()))
    # The writer's own name, signature and return address are theirs to spell.
    skip = set(layout.address)
    if layout.signature is not None:
        skip.add(layout.signature)
    address_patterns = compiled().address
    cyrillic = latin = 0
    latin_lines: list[tuple[int, str]] = []
    # (run, starts its sentence, the sentence's number in the letter)
    mixed: list[tuple[int, list[tuple[str, bool, int]]]] = []
    sentence_no = 0
    material: list[tuple[int, list[tuple[str, str]]]] = []
    for i, ln in enumerate(lines):
        if i in skip or not ln.strip():
            continue
        ln = _TEMPLATE_TAG.sub(" ", ln)  # reported as placeholders, not as foreign words
        if foreign is not None:
            ln, found = _foreign_material(ln, foreign)
            if any(p.search(lines[i]) for p in address_patterns):
                found = [f for f in found if f[0] != "message_code"]  # postcodes, houses
            if found:
                material.append((i, found))
        cyrillic += len(_CYRILLIC_LETTER.findall(ln))
        latin += len(_LATIN_LETTER.findall(ln))
        latin_sentences: list[str] = []
        runs: list[tuple[str, bool, int]] = []
        for sentence in _SENTENCE_SPLIT.split(ln.strip()):
            sentence_no += 1
            n_cyr = len(_CYRILLIC_LETTER.findall(sentence))
            n_lat = len(_LATIN_LETTER.findall(sentence))
            words = [w for w in _LATIN_WORD.findall(sentence) if len(w) >= 2]
            translit = any(
                fold(w).replace("'", "").replace("’", "") in translit_words for w in words
            )
            if translit or (len(words) >= min_words and n_lat >= min_share * (n_cyr + n_lat)):
                latin_sentences.append(sentence.strip())
            elif words:
                lead = len(sentence) - len(sentence.lstrip(" \t«\"'(—–-"))
                runs.extend(
                    (m.group(), m.start() <= lead, sentence_no)
                    for m in _LATIN_RUN.finditer(sentence)
                )
        if latin_sentences:
            latin_lines.append((i, " ".join(latin_sentences)))
        if runs:
            mixed.append((i, runs))
    whole = False
    if rule is not None:
        share = cyrillic / (cyrillic + latin) if cyrillic + latin else 1.0
        if latin_lines and share < float(param(rule, "min_cyrillic_share", 0.5)):
            numbers = [i + 1 for i, _ in latin_lines]
            i, sentence = latin_lines[0]
            message = rule.message(
                "message_whole", share=round(share * 100), lines=_format_lines(numbers)
            )
            add(rule, i + 1, _short(sentence), message)
            whole = True
        else:
            code, unknown = _cyrillic_language(lines, skip)
            first = layout.nonempty[0]
            if code is not None:
                name = language_data()["language"][code].get("name", {})
                lang = name.get(language_code(None)) or name.get("en") or code
                add(
                    rule,
                    first + 1,
                    _short(lines[first]),
                    rule.message("message_cyrillic", language=lang),
                )
                whole = True
            elif unknown is not None:
                add(
                    rule,
                    first + 1,
                    _short(lines[first]),
                    rule.message("message_unknown", share=round(unknown * 100)),
                )
                whole = True
            for i, sentence in latin_lines:
                add(rule, i + 1, _short(sentence), rule.message("message_line"))
    if foreign is not None:
        min_letters = int(param(foreign, "min_letters", 3))
        by_line: dict[int, list[tuple[str, str]]] = {i: list(f) for i, f in material}
        address = {i for i, ln in enumerate(lines) if any(p.search(ln) for p in address_patterns)}
        for i, token in _bare_codes(lines, skip | address, foreign):
            found = by_line.setdefault(i, [])
            if not any(key == "message_code" and token in word for key, word in found):
                found.append(("message_code", token))
        names: dict[int, list[str]] = {}
        name_sentences: set[int] = set()
        for i, words in mixed:
            for w, initial, sentence in words:
                # a run of two or more Latin words, or one word of min_letters letters
                if len(w.split()) < 2 and len(_LATIN_LETTER.findall(w)) < min_letters:
                    continue
                if _is_latin_name(w, initial):
                    names.setdefault(i, []).append(w)
                    name_sentences.add(sentence)
                else:
                    by_line.setdefault(i, []).append(("message", w))
        # one make in a sentence («шью на Janome, снимаю на Canon») is a name; single Latin
        # words in name_sentences sentences or more («на Flohmarkt», then «ели Kaiserschmarrn»)
        # are a letter that keeps leaving words untranslated: foreign words
        if len(name_sentences) >= int(param(foreign, "name_sentences", 0)) > 0:
            for i, words_of_line in names.items():
                by_line.setdefault(i, []).extend(("message", w) for w in words_of_line)
            names = {}
        for i in sorted(by_line):
            keys: dict[str, list[str]] = {}
            for key, word in by_line[i]:
                keys.setdefault(key, []).append(word)
            for key, words in keys.items():
                joined = _join_words(words)
                add(foreign, i + 1, joined, foreign.message(key, words=joined))
        for i in sorted(names):
            joined = _join_words(names[i])
            add(foreign, i + 1, joined, foreign.message("message_name", words=joined), "info")
    return whole


def estimate_pages(text: str) -> float:
    """Estimated A4 pages of the letter layout (constants in data/guidance.toml)."""
    rule = compiled().by_kind.get("length")
    cpl = int(param(rule, "chars_per_line", 76))
    lpp = int(param(rule, "lines_per_page", 46))
    total = sum(max(1, math.ceil(len(ln.rstrip()) / cpl)) for ln in text.split("\n"))
    return total / lpp


def _check_length(lines: list[str], rule: Rule, add) -> None:
    cpl = int(param(rule, "chars_per_line", 76))
    lpp = int(param(rule, "lines_per_page", 46))
    max_pages = int(param(rule, "max_pages", 3))
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    used = 0
    first_over = None
    for i, ln in enumerate(lines):
        used += max(1, math.ceil(len(ln.rstrip()) / cpl))
        if first_over is None and used > max_pages * lpp:
            first_over = i
    if first_over is not None:
        pages = math.ceil(used / lpp)
        add(rule, first_over + 1, "", rule.message(pages=pages, max_pages=max_pages))
