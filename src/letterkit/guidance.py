"""Letter guidance: the rules as data, the letter checker, the Russian letter templates.

The rules, their texts in Russian and English, their sources and the parameters of the
automatic checks live in ``data/guidance.toml``; this module only loads and applies them.

    >>> from letterkit.guidance import check_text, render_template
    >>> body = render_template("first-letter", make_context(first_name="Александр", ...))
    >>> check_text(body, has_return_address=True).has_problems
    False

jinja2 and babel are imported inside the functions that need them, so importing this
module stays cheap.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from letterkit.dates import russian_date
from letterkit.errors import DataError, NotFoundError, TemplateError
from letterkit.i18n import _, current_language
from letterkit.models import Source
from letterkit.resources import data_dir, letter_templates_dir

SEVERITIES = ("info", "warning", "error")
CHECK_KINDS = (
    "language",
    "foreign-words",
    "terms",
    "greeting",
    "signature",
    "return-address",
    "empty",
    "length",
    "placeholder",
)
TEMPLATE_SUFFIX = ".ru.j2"

# --------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Rule:
    """One piece of guidance; ``check`` holds the parameters of its automatic check."""

    id: str
    section: str
    severity: str
    summary_ru: str
    summary_en: str
    explanation_ru: str
    explanation_en: str
    sources: tuple[Source, ...]
    top: int | None = None
    check: Mapping[str, Any] | None = None

    def summary(self, lang: str | None = None) -> str:
        return self.summary_ru if _lang(lang) == "ru" else self.summary_en

    def explanation(self, lang: str | None = None) -> str:
        return self.explanation_ru if _lang(lang) == "ru" else self.explanation_en

    @property
    def checkable(self) -> bool:
        return self.check is not None

    def message(self, key: str = "message", lang: str | None = None, **values: Any) -> str:
        """The finding message of this rule's check, in the interface language."""
        assert self.check is not None
        template = self.check.get(f"{key}_{_lang(lang)}") or self.check.get(f"{key}_en")
        if not template:
            return self.summary(lang)
        return str(template).format(**values)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "severity": self.severity,
            "top": self.top,
            "summary": self.summary(lang),
            "explanation": self.explanation(lang),
            "sources": [s.to_json() for s in self.sources],
        }


def _lang(lang: str | None) -> str:
    return (lang or current_language() or "en")[:2].lower()


def guidance_file() -> Path:
    return data_dir() / "guidance.toml"


@cache
def _load() -> tuple[tuple[Rule, ...], Mapping[str, tuple[str, ...]]]:
    path = guidance_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(_("the guidance file {path} is missing").format(path=path)) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            _("the guidance file {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc
    endings = {name: tuple(values) for name, values in raw.get("endings", {}).items()}
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(raw.get("rule", []), start=1):
        where = _("{file}, rule {index} ({id})").format(
            file=path.name, index=index, id=item.get("id", "?")
        )
        try:
            rule = Rule(
                id=str(item["id"]),
                section=str(item["section"]),
                severity=str(item["severity"]),
                summary_ru=str(item["summary_ru"]).strip(),
                summary_en=str(item["summary_en"]).strip(),
                explanation_ru=str(item["explanation_ru"]).strip(),
                explanation_en=str(item["explanation_en"]).strip(),
                sources=tuple(Source(str(s["title"]), str(s["url"])) for s in item["sources"]),
                top=item.get("top"),
                check=item.get("check"),
            )
        except (KeyError, TypeError) as exc:
            raise DataError(
                _("{where}: missing or invalid field {field}").format(where=where, field=exc)
            ) from exc
        if rule.id in seen:
            raise DataError(_("{where}: duplicate rule id").format(where=where))
        if rule.severity not in SEVERITIES:
            raise DataError(
                _("{where}: severity must be one of {values}").format(
                    where=where, values=", ".join(SEVERITIES)
                )
            )
        if not rule.sources:
            raise DataError(_("{where}: a rule needs at least one source").format(where=where))
        if rule.check is not None and rule.check.get("kind") not in CHECK_KINDS:
            raise DataError(
                _("{where}: unknown check kind {kind}").format(
                    where=where, kind=repr(rule.check.get("kind"))
                )
            )
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules), endings


def load_rules() -> list[Rule]:
    """All rules, in the order of the data file (loaded once)."""
    return list(_load()[0])


def get_rule(rule_id: str) -> Rule:
    for rule in _load()[0]:
        if rule.id == rule_id:
            return rule
    raise NotFoundError(_("no guidance rule {id}").format(id=repr(rule_id)))


def top_rules(n: int = 3) -> list[Rule]:
    """The ``n`` most important rules, by their ``top`` rank."""
    ranked = sorted((r for r in _load()[0] if r.top is not None), key=lambda r: r.top or 0)
    return ranked[:n]


def rule_sections() -> list[tuple[str, list[Rule]]]:
    """Rules grouped by section, sections in order of first appearance."""
    groups: dict[str, list[Rule]] = {name: [] for name in _guide_data()["sections"]}
    for rule in _load()[0]:
        groups.setdefault(rule.section, []).append(rule)
    return [(name, rules) for name, rules in groups.items() if rules]


# --------------------------------------------------------------------------------------
# Findings


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
# Compiled checks

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


def _norm(text: str) -> str:
    """Lower case, ``ё`` read as ``е``; keeps the length of Russian and Latin text."""
    return text.lower().replace("ё", "е")


def _term_pattern(term: str, endings: Mapping[str, Sequence[str]]) -> str:
    parts = []
    for word in _norm(term).split():
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
    endings = _load()[1]
    return re.compile("|".join(_term_pattern(t, endings) for t in terms))


@dataclass(frozen=True)
class _Compiled:
    terms: tuple[tuple[Rule, re.Pattern[str]], ...]
    by_kind: Mapping[str, Rule]
    greeting: re.Pattern[str] | None
    closings: tuple[str, ...]
    postscripts: tuple[str, ...]
    address: tuple[re.Pattern[str], ...]
    placeholders: tuple[re.Pattern[str], ...]


@cache
def _compiled() -> _Compiled:
    terms = []
    by_kind: dict[str, Rule] = {}
    for rule in _load()[0]:
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
    return _Compiled(
        terms=tuple(terms),
        by_kind=by_kind,
        greeting=compile_terms(greeting.check["terms"]) if greeting and greeting.check else None,
        closings=tuple(
            sorted((_norm(c) for c in _param(signature, "closings", [])), key=len, reverse=True)
        ),
        postscripts=tuple(_norm(p) for p in _param(signature, "postscripts", [])),
        address=tuple(re.compile(p, re.I) for p in _param(address, "patterns", [])),
        placeholders=tuple(re.compile(p) for p in _param(placeholder, "patterns", [])),
    )


def _param(rule: Rule | None, key: str, default: Any) -> Any:
    if rule is None or rule.check is None:
        return default
    return rule.check.get(key, default)


# --------------------------------------------------------------------------------------
# The checker


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
    head = _norm(line.strip())
    return any(head.startswith(m) and not head[len(m) : len(m) + 1].isalpha() for m in markers)


def _analyse(lines: list[str], c: _Compiled) -> _Layout:
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
        n_lines = int(_param(c.by_kind.get("signature"), "lines", 3))
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
    norm = _norm(text)
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
    c = _compiled()
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
    norm_text = _norm(text)
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
        window = layout.nonempty[: int(_param(rules["greeting"], "lines", 2))]
        if not any(c.greeting.search(_norm(lines[i])) for i in window):
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

    order = {rule.id: n for n, rule in enumerate(_load()[0])}
    findings.sort(key=lambda f: (f.line, order.get(f.rule, 0)))
    return CheckResult(findings)


def _check_language(lines: list[str], layout: _Layout, rules: Mapping[str, Rule], add) -> None:
    rule = rules.get("language")
    foreign = rules.get("foreign-words")
    if rule is None and foreign is None:
        return
    min_words = int(_param(rule, "min_latin_words", 2))
    min_share = float(_param(rule, "min_latin_share", 0.67))
    translit_words = frozenset(_param(rule, "translit_words", ()))
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
                _norm(w).replace("'", "").replace("’", "") in translit_words for w in words
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
        if share < float(_param(rule, "min_cyrillic_share", 0.5)):
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
        min_letters = int(_param(foreign, "min_letters", 3))
        for i, words in mixed:
            long_words = [w for w in words if len(_LATIN_LETTER.findall(w)) >= min_letters]
            if long_words:
                joined = _join_words(long_words)
                add(foreign, i + 1, joined, foreign.message(words=joined))


def estimate_pages(text: str) -> float:
    """Estimated A4 pages of the letter layout (constants in data/guidance.toml)."""
    rule = _compiled().by_kind.get("length")
    cpl = int(_param(rule, "chars_per_line", 76))
    lpp = int(_param(rule, "lines_per_page", 46))
    total = sum(max(1, math.ceil(len(ln.rstrip()) / cpl)) for ln in text.split("\n"))
    return total / lpp


def _check_length(lines: list[str], rule: Rule, add) -> None:
    cpl = int(_param(rule, "chars_per_line", 76))
    lpp = int(_param(rule, "lines_per_page", 46))
    max_pages = int(_param(rule, "max_pages", 3))
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


# --------------------------------------------------------------------------------------
# Plain text for e-letters (ZT, ФСИН-письмо)


def plain_text(text: str, width: int = 72) -> str:
    """The letter as plain text to paste into an e-letter form (ZT, ФСИН-письмо).

    Line endings become ``\\n``, control characters and odd spaces are dropped, spaces
    are collapsed, paragraphs are separated by one blank line. A paragraph of running
    text is re-wrapped at ``width`` characters (``0``: one line per paragraph); a
    paragraph of short lines (greeting, closing, signature, a poem) keeps its lines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    text = re.sub(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060]", "", text)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block_lines = [" ".join(ln.split()) for ln in block.split("\n")]
        block_lines = [ln for ln in block_lines if ln]
        if not block_lines:
            continue
        limit = width or 72
        if len(block_lines) > 1 and all(len(ln) < limit * 0.6 for ln in block_lines):
            paragraphs.append("\n".join(block_lines))
            continue
        joined = " ".join(block_lines)
        if width > 0:
            joined = textwrap.fill(
                joined, width=width, break_long_words=False, break_on_hyphens=False
            )
        paragraphs.append(joined)
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


# --------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title_en: str
    gloss_en: str
    kind: str
    title_ru: str = ""
    fields: tuple[str, ...] = ()  # optional extra context fields the template reads
    path: Path | None = None


CONTEXT_FIELDS = ("first_name", "recipient", "writer_name", "writer_city", "date_ru", "date")


def make_context(
    *,
    first_name: str,
    recipient: str = "",
    writer_name: str = "",
    writer_city: str = "",
    date: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    """The context a letter template receives.

    Fields:

    - ``first_name``: the recipient's first name, nominative (``Александр``);
    - ``recipient``: the recipient's full name, nominative (``Баценин Александр
      Дмитриевич``);
    - ``writer_name``: the writer's name as it should be signed, Cyrillic preferred;
      ``""`` when unknown (the template then leaves a line to sign by hand);
    - ``writer_city``: the writer's town, nominative (``Тверь``, ``Берлин``), or ``""``;
    - ``date``: a ``datetime.date`` (default today);
    - ``date_ru``: the date in Russian, e.g. ``25 ноября 2026 г.`` (babel, long format).

    Extra keyword arguments are passed through (the ``simple`` template reads
    ``writer_country`` and ``hobby``, in Russian).
    """
    day = date or dt.date.today()
    context: dict[str, Any] = {
        "first_name": first_name,
        "recipient": recipient or first_name,
        "writer_name": writer_name or "",
        "writer_city": writer_city or "",
        "date": day,
        "date_ru": russian_date(day),
    }
    context.update(extra)
    return context


@cache
def _shipped_metadata() -> tuple[TemplateInfo, ...]:
    return _read_metadata(letter_templates_dir())


def _read_metadata(directory: Path) -> tuple[TemplateInfo, ...]:
    path = directory / "templates.toml"
    if not path.is_file():
        return ()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            _("the template list {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc
    infos = []
    for item in raw.get("template", []):
        try:
            name = str(item["name"])
            infos.append(
                TemplateInfo(
                    name=name,
                    title_en=str(item["title_en"]),
                    gloss_en=str(item["gloss_en"]).strip(),
                    kind=str(item.get("kind", "letter")),
                    title_ru=str(item.get("title_ru", "")),
                    fields=tuple(item.get("fields", ())),
                    path=directory / f"{name}{TEMPLATE_SUFFIX}",
                )
            )
        except KeyError as exc:
            raise DataError(
                _("{path}: a template entry lacks {field}").format(path=path, field=exc)
            ) from exc
    return tuple(infos)


def _dirs(extra_dirs: Iterable[str | Path] | None) -> tuple[str, ...]:
    return tuple(str(Path(d).expanduser()) for d in (extra_dirs or ()))


def list_templates(extra_dirs: Iterable[str | Path] | None = None) -> list[TemplateInfo]:
    """The shipped letter templates, then the user's (``*.ru.j2`` in ``extra_dirs``).

    A user template with a shipped name replaces the shipped one.
    """
    found: dict[str, TemplateInfo] = {}
    shipped = {info.name: info for info in _shipped_metadata()}
    found.update(shipped)
    user: dict[str, TemplateInfo] = {}
    for directory in _dirs(extra_dirs):
        d = Path(directory)
        if not d.is_dir():
            continue
        meta = {info.name: info for info in _read_metadata(d)}
        for path in sorted(d.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name[: -len(TEMPLATE_SUFFIX)]
            if name in user:
                continue
            info = meta.get(name) or TemplateInfo(
                name=name, title_en=name, gloss_en="", kind="user", path=path
            )
            user[name] = info
    found.update(user)
    return list(found.values())


@cache
def _environment(dirs: tuple[str, ...]):
    """A sandboxed jinja2 environment, built once per list of template directories."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range

    class LetterSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, plus no huge values from ``*`` and ``**`` (a letter is short)."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(n, int)
                        and len(seq) * n > _MAX_TEMPLATE_VALUE
                    ):
                        raise SecurityError(_("a value that long is not allowed in a letter"))
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError(_("powers that large are not allowed"))
            return super().call_binop(context, operator, left, right)

    env = LetterSandbox(
        loader=FileSystemLoader([*dirs, str(letter_templates_dir())]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    # No helpers beyond `range`: fewer objects a user template can poke at.
    env.globals.clear()
    env.globals["range"] = safe_range  # the sandbox's range: at most 100 000 items
    return env


_MAX_TEMPLATE_VALUE = 100_000  # characters or items one ``*`` may produce


def _template_file(name: str) -> str:
    if name.endswith(".j2"):
        return name
    return f"{name}{TEMPLATE_SUFFIX}"


def _template_line(exc: BaseException) -> int | None:
    """The template line where a runtime error happened (jinja2 rewrites tracebacks)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(
    name: str,
    context: Mapping[str, Any],
    extra_dirs: Iterable[str | Path] | None = None,
) -> str:
    """Render a letter template to the letter BODY (greeting … signature).

    ``name`` is a template name (``first-letter``) or file name (``first-letter.ru.j2``);
    user directories in ``extra_dirs`` are searched before the shipped templates. The
    context is described in :func:`make_context`; ``date_ru`` is filled in from ``date``
    when missing. Templates are sandboxed: they cannot read files outside the template
    directories, import Python modules or reach Python internals.

    Raises :class:`NotFoundError` for an unknown template and :class:`TemplateError` for
    a broken template or an undefined field.
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2 import exceptions as jexc
    from jinja2.sandbox import SecurityError

    ctx = dict(context)
    if "date" in ctx and "date_ru" not in ctx and ctx["date"] is not None:
        ctx["date_ru"] = russian_date(ctx["date"])
    env = _environment(_dirs(extra_dirs))
    filename = _template_file(name)
    try:
        template = env.get_template(filename)
    except TemplateNotFound as exc:
        if exc.name != filename:
            raise TemplateError(
                _("letter template {name} includes {other}, which does not exist").format(
                    name=repr(name), other=repr(exc.name)
                )
            ) from None
        names = ", ".join(info.name for info in list_templates(extra_dirs))
        raise NotFoundError(
            _("no letter template {name}").format(name=repr(name)),
            hint=_("available templates: {names}").format(names=names),
        ) from None
    except TemplateSyntaxError as exc:
        raise _syntax_error(name, exc) from None
    except UnicodeDecodeError as exc:
        raise TemplateError(
            _("letter template {name} is not UTF-8 text (byte {byte})").format(
                name=repr(name), byte=exc.start + 1
            ),
            hint=_("save the template as UTF-8 in your editor"),
        ) from None
    except OSError as exc:
        raise TemplateError(
            _("letter template {name} cannot be read: {reason}").format(
                name=repr(name), reason=exc.strerror or exc
            )
        ) from None
    try:
        text = template.render(ctx)
    except SecurityError as exc:
        raise TemplateError(
            _("{template} tried something templates may not do: {reason}").format(
                template=_template_label(name, _template_line(exc)), reason=exc
            ),
            hint=_("templates can only use the letter fields and simple filters"),
        ) from None
    except UndefinedError as exc:
        m = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        if m and m.group(2):
            missing = m.group(2)
        elif m:
            missing = m.group(1)
        else:
            missing = str(exc)
        raise TemplateError(
            _("{template} uses the field {field}, which is not defined").format(
                template=_template_label(name, _template_line(exc)), field=repr(missing)
            ),
            hint=_("fields available: {fields}").format(fields=", ".join(sorted(ctx))),
        ) from None
    except TemplateNotFound as exc:
        raise TemplateError(
            _("letter template {name} includes {other}, which does not exist").format(
                name=repr(name), other=repr(exc.name)
            )
        ) from None
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc.name or name, exc) from None
    except jexc.TemplateError as exc:
        raise TemplateError(
            _("letter template {name} failed: {reason}").format(name=repr(name), reason=exc)
        ) from None
    except Exception as exc:  # a user template can trigger any error (1/0, bad filter args)
        raise TemplateError(
            _("{template} failed: {reason}").format(
                template=_template_label(name, _template_line(exc)),
                reason=f"{type(exc).__name__}: {exc}",
            )
        ) from None
    return _normalise_body(text)


def _template_label(name: str, line: int | None) -> str:
    """``letter template 'x'`` or ``letter template 'x', line 3``: the subject of a message."""
    if line:
        return _("letter template {name}, line {line}").format(name=repr(name), line=line)
    return _("letter template {name}").format(name=repr(name))


def _syntax_error(name: str, exc: Any) -> TemplateError:
    return TemplateError(
        _("letter template {name} has a syntax error at line {line}: {reason}").format(
            name=repr(name), line=exc.lineno, reason=exc.message
        )
    )


def _normalise_body(text: str) -> str:
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


# --------------------------------------------------------------------------------------
# What applies to one person (`letterkit guide SLUG`)

_FACILITY_TYPE = re.compile(r"(?<![А-ЯЁ])(ПФРСИ|СИЗО|ЛИУ|ИК|КП|ВК|ИЦ|Т)(?=[-\s№\d]|$)")


@cache
def _guide_data() -> Mapping[str, Any]:
    raw = tomllib.loads(guidance_file().read_text(encoding="utf-8"))
    return {
        "facility_types": raw.get("facility_types", {}),
        "person": raw.get("person", {}),
        "sections": raw.get("sections", {}),
    }


@dataclass(frozen=True)
class PersonGuide:
    """The person-specific part of the guide."""

    name: str  # nominative
    greeting: str  # "Здравствуйте, Александр!"
    envelope_name: str | None  # the envelope's first line, with the birth year
    birth_year: int | None
    facility: str | None
    facility_type: str | None  # abbreviation: ИК, СИЗО, …
    facility_type_ru: str | None
    facility_type_en: str | None
    eletters: bool  # the record says e-letters (ZT, ФСИН-письмо) reach the person
    notes: tuple[str, ...] = ()

    def facility_type_text(self, lang: str | None = None) -> str | None:
        return self.facility_type_ru if _lang(lang) == "ru" else self.facility_type_en


def facility_type(facility_name: str | None) -> str | None:
    """The kind of facility from its name: ``ФКУ ИК-1 УФСИН …`` → ``ИК``."""
    if not facility_name:
        return None
    m = _FACILITY_TYPE.search(facility_name)
    return m.group(1) if m else None


def person_guide(prisoner: Any) -> PersonGuide:
    """Guidance specific to one :class:`letterkit.models.Prisoner`."""
    address = getattr(prisoner, "address", None)
    facility = address.facility if address is not None else None
    kind = facility_type(facility)
    kinds = _guide_data()["facility_types"].get(kind or "", {})
    envelope_name = None
    if address is not None and address.recipient is not None:
        lines = address.envelope_lines()
        envelope_name = lines[0] if lines else None
    markers = [_norm(m) for m in _guide_data()["person"].get("eletter_markers", [])]
    haystack = _norm(" ".join([*prisoner.notes, *prisoner.tags]))
    eletters = any(re.search(r"(?<!\w)" + re.escape(m) + r"(?!\w)", haystack) for m in markers if m)
    first = prisoner.first or ""
    return PersonGuide(
        name=prisoner.nominative,
        greeting=f"Здравствуйте, {first}!" if first else "Здравствуйте!",
        envelope_name=envelope_name,
        birth_year=prisoner.birth_year,
        facility=facility,
        facility_type=kind,
        facility_type_ru=kinds.get("ru"),
        facility_type_en=kinds.get("en"),
        eletters=eletters,
        notes=tuple(prisoner.notes),
    )


def section_title(section: str, lang: str | None = None) -> str:
    """The guide's heading for a rule section (data/guidance.toml [sections])."""
    entry = _guide_data()["sections"].get(section, {})
    return entry.get(_lang(lang)) or entry.get("en") or section
