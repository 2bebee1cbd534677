"""The guidance rules as data: loading ``data/guidance.toml`` and looking rules up.

The rules, their texts in Russian and English, their sources and the parameters of the
automatic checks live in ``data/guidance.toml``; this module only loads them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from letterkit.errors import DataError, NotFoundError
from letterkit.i18n import _, current_language
from letterkit.memo import toml_data
from letterkit.models import Source
from letterkit.resources import data_dir

SEVERITIES = ("info", "warning", "error")
CHECK_KINDS = (
    "language",
    "foreign-words",
    "terms",
    "topic",
    "greeting",
    "signature",
    "return-address",
    "empty",
    "length",
    "placeholder",
)


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
        return self.summary_ru if language_code(lang) == "ru" else self.summary_en

    def explanation(self, lang: str | None = None) -> str:
        return self.explanation_ru if language_code(lang) == "ru" else self.explanation_en

    @property
    def checkable(self) -> bool:
        return self.check is not None

    def message(self, key: str = "message", lang: str | None = None, **values: Any) -> str:
        """The finding message of this rule's check, in the interface language."""
        assert self.check is not None
        template = self.check.get(f"{key}_{language_code(lang)}") or self.check.get(f"{key}_en")
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


def language_code(lang: str | None) -> str:
    return (lang or current_language() or "en")[:2].lower()


def guidance_file() -> Path:
    return data_dir() / "guidance.toml"


@cache
def _load() -> tuple[tuple[Rule, ...], Mapping[str, tuple[str, ...]]]:
    path = guidance_file()
    try:
        raw = toml_data(path)
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
    groups: dict[str, list[Rule]] = {name: [] for name in guide_data()["sections"]}
    for rule in _load()[0]:
        groups.setdefault(rule.section, []).append(rule)
    return [(name, rules) for name, rules in groups.items() if rules]


def section_title(section: str, lang: str | None = None) -> str:
    """The guide's heading for a rule section (data/guidance.toml [sections])."""
    entry = guide_data()["sections"].get(section, {})
    return entry.get(language_code(lang)) or entry.get("en") or section


def ending_sets() -> Mapping[str, tuple[str, ...]]:
    """The named ending sets of the term syntax (``[endings]`` in data/guidance.toml)."""
    return _load()[1]


@cache
def guide_data() -> Mapping[str, Any]:
    """The guide's tables in data/guidance.toml: facility types, person markers, sections."""
    raw = tomllib.loads(guidance_file().read_text(encoding="utf-8"))
    return {
        "facility_types": raw.get("facility_types", {}),
        "person": raw.get("person", {}),
        "sections": raw.get("sections", {}),
    }
