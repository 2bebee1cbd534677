"""The letter checker: findings of the guidance rules' automatic checks in a letter body."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from letterkit.guidance.rules import SEVERITIES, Rule, load_rules
from letterkit.guidance.terms import Compiled, compiled, fold, param


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
    for i in reversed(window):
        if _is_signature(lines[i], closings):
            return i
    return None


def _is_signature(line: str, closings: Sequence[str]) -> bool:
    text = line.strip()
    norm = fold(text)
    for closing in closings:
        if norm.startswith(closing) and not norm[len(closing) : len(closing) + 1].isalpha():
            rest = text[len(closing) :].strip(" ,.!—-–")
            return any(word[:1].isupper() for word in rest.split())
    return bool(_NAME_LINE.match(text))


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

    def add(rule: Rule, line: int, found: str, message: str) -> None:
        findings.append(Finding(rule.id, rule.severity, line, found, message))

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
    for rule, pattern in c.terms:
        per_line: dict[int, list[str]] = {}
        for m in pattern.finditer(norm_text):
            if m.end() == m.start():
                continue
            line_no = text.count("\n", 0, m.start()) + 1
            found = text[m.start() : m.end()] if same_length else m.group()
            per_line.setdefault(line_no, []).append(found)
        for line_no, words in per_line.items():
            joined = _join_words(words)
            add(rule, line_no, joined, rule.message(words=joined))

    _check_language(lines, layout, rules, add)

    if "greeting" in rules and c.greeting is not None:
        window = layout.nonempty[: int(param(rules["greeting"], "lines", 2))]
        if not any(c.greeting.search(fold(lines[i])) for i in window):
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


def _check_language(lines: list[str], layout: _Layout, rules: Mapping[str, Rule], add) -> None:
    rule = rules.get("language")
    foreign = rules.get("foreign-words")
    if rule is None and foreign is None:
        return
    min_words = int(param(rule, "min_latin_words", 2))
    min_share = float(param(rule, "min_latin_share", 0.67))
    translit_words = frozenset(param(rule, "translit_words", ()))
    skip = set(layout.address)
    if layout.signature is not None and _NAME_LINE.match(lines[layout.signature].strip()):
        skip.add(layout.signature)  # a name written in Latin letters is fine
    cyrillic = latin = 0
    latin_lines: list[tuple[int, str]] = []
    mixed: list[tuple[int, list[str]]] = []
    for i, ln in enumerate(lines):
        if i in skip or not ln.strip():
            continue
        ln = _TEMPLATE_TAG.sub(" ", ln)  # reported as placeholders, not as foreign words
        cyrillic += len(_CYRILLIC_LETTER.findall(ln))
        latin += len(_LATIN_LETTER.findall(ln))
        latin_sentences: list[str] = []
        runs: list[str] = []
        for sentence in _SENTENCE_SPLIT.split(ln.strip()):
            n_cyr = len(_CYRILLIC_LETTER.findall(sentence))
            n_lat = len(_LATIN_LETTER.findall(sentence))
            words = [w for w in _LATIN_WORD.findall(sentence) if len(w) >= 2]
            translit = any(
                fold(w).replace("'", "").replace("’", "") in translit_words for w in words
            )
            if translit or (len(words) >= min_words and n_lat >= min_share * (n_cyr + n_lat)):
                latin_sentences.append(sentence)
            elif words:
                runs.extend(m.group() for m in _LATIN_RUN.finditer(sentence))
        if latin_sentences:
            latin_lines.append((i, " ".join(latin_sentences)))
        if runs:
            mixed.append((i, runs))
    if rule is not None and latin_lines:
        share = cyrillic / (cyrillic + latin) if cyrillic + latin else 1.0
        if share < float(param(rule, "min_cyrillic_share", 0.5)):
            numbers = [i + 1 for i, _ in latin_lines]
            i, sentence = latin_lines[0]
            message = rule.message(
                "message_whole", share=round(share * 100), lines=_format_lines(numbers)
            )
            add(rule, i + 1, _short(sentence), message)
        else:
            for i, sentence in latin_lines:
                add(rule, i + 1, _short(sentence), rule.message("message_line"))
    if foreign is not None:
        min_letters = int(param(foreign, "min_letters", 3))
        for i, words in mixed:
            long_words = [w for w in words if len(_LATIN_LETTER.findall(w)) >= min_letters]
            if long_words:
                joined = _join_words(long_words)
                add(foreign, i + 1, joined, foreign.message(words=joined))


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
