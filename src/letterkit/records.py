"""Reading and validating record files (TOML) into model objects.

Every problem names the file and the field, e.g.
``data/prisoners/batsenin.toml: field 'birth_year' must be a whole number``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from letterkit.errors import DataError
from letterkit.i18n import _
from letterkit.limits import LimitExceeded, load_toml
from letterkit.models import Facility, Prisoner, Source

# Slugs (what a user types: `letterkit write batsenin`): lowercase ASCII [a-z0-9-]+,
# at most 64 characters, no leading or trailing dash.
SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
POSTCODE_RE = re.compile(r"\d{6}")
GENDERS = ("m", "f")


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG_RE.fullmatch(slug))


def read_toml(path: Path) -> dict[str, Any]:
    # deferred: letterkit.profile needs this module, and --help must not load the TOML
    # parser (tests/test_render_reuse.py)
    import tomllib

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            _("{path}: cannot be read: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        return load_toml(raw.decode("utf-8"))  # nesting and number limits: letterkit.limits
    except UnicodeDecodeError:
        raise DataError(
            _("{path}: not UTF-8 text").format(path=path),
            hint=_("save the file as UTF-8 or delete it"),
        ) from None
    except (tomllib.TOMLDecodeError, LimitExceeded) as exc:
        # tomllib puts "(at line N, column M)" in the message.
        raise DataError(
            _("{path}: broken TOML: {reason}").format(path=path, reason=exc),
            hint=_("fix the line named, or delete the file"),
        ) from None


class _Fields:
    """Typed access to a record's fields with errors naming file and field."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw

    def fail(self, field: str, problem: str) -> DataError:
        error = DataError(
            _("{path}: field '{field}' {problem}").format(
                path=self.path, field=field, problem=problem
            ),
            hint=_("fix the record, or run 'letterkit data check' to see every problem"),
        )
        error.field, error.problem = field, problem
        return error

    def str(self, field: str, *, required: bool = True) -> str | None:
        value = self.raw.get(field)
        if value is None:
            if required:
                raise self.fail(field, _("is missing"))
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, _("must be a non-empty string"))
        return " ".join(value.split())

    def int(self, field: str, *, required: bool = True, lo: int = 0, hi: int = 10**9) -> int | None:
        value = self.raw.get(field)
        if value is None:
            if required:
                raise self.fail(field, _("is missing"))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, _("must be a whole number"))
        if not lo <= value <= hi:
            raise self.fail(field, _("must be between {lo} and {hi}").format(lo=lo, hi=hi))
        return value

    def date(self, field: str, *, required: bool = True) -> dt.date | None:
        value = self.raw.get(field)
        if value is None:
            if required:
                raise self.fail(field, _("is missing"))
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(field, _("must be a date (YYYY-MM-DD)"))

    def str_list(self, field: str) -> list[str]:
        value = self.raw.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(field, _("must be a list of strings"))
        return list(value)

    def sources(self) -> list[Source]:
        value = self.raw.get("sources")
        if not value:
            raise self.fail("sources", _("is missing: every record needs at least one source"))
        if not isinstance(value, list):
            raise self.fail("sources", _("must be a list of [[sources]] tables"))
        out = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, dict) or not isinstance(item.get("title"), str):
                raise self.fail("sources", _("entry {n} needs a 'title'").format(n=i))
            url = item.get("url")
            if url is not None and not isinstance(url, str):
                raise self.fail("sources", _("entry {n}: 'url' must be a string").format(n=i))
            out.append(Source(title=item["title"], url=url))
        return out


def load_facility(path: Path, origin: str = "shipped") -> Facility:
    f = _Fields(path, read_toml(path))
    fid = f.str("id")
    if fid != path.stem:
        raise f.fail(
            "id", _("is '{value}' but the file is named {name}").format(value=fid, name=path.name)
        )
    if not is_valid_slug(fid):
        raise f.fail("id", _("must be lowercase letters, digits and '-'"))
    postcode = f.str("postcode")
    if not POSTCODE_RE.fullmatch(postcode):
        raise f.fail("postcode", _("must be 6 digits, not '{value}'").format(value=postcode))
    return Facility(
        id=fid,
        name=f.str("name"),
        type=f.str("type"),
        number=f.str("number", required=False),
        administration=f.str("administration", required=False),
        postcode=postcode,
        region=f.str("region"),
        district=f.str("district", required=False),
        locality=f.str("locality"),
        sublocality=f.str("sublocality", required=False),
        street=f.str("street", required=False),
        house=f.str("house", required=False),
        building=f.str("building", required=False),
        po_box=f.str("po_box", required=False),
        name_en=f.str("name_en", required=False),
        sources=f.sources(),
        checked=f.date("checked"),
        origin=origin,
        path=str(path),
    )


def load_prisoner(path: Path, origin: str = "shipped") -> tuple[Prisoner, str | None]:
    """A person record; returns the prisoner and the facility id it refers to."""
    f = _Fields(path, read_toml(path))
    slug = f.str("slug")
    if not is_valid_slug(slug):
        raise f.fail("slug", _("must be lowercase letters, digits and '-' (at most 64)"))
    if slug != path.stem:
        raise f.fail(
            "slug",
            _("is '{value}' but the file is named {name}").format(value=slug, name=path.name),
        )
    gender = f.str("gender", required=False)
    if gender is not None and gender not in GENDERS:
        raise f.fail("gender", _("must be 'm' or 'f'"))
    this_year = dt.date.today().year
    prisoner = Prisoner(
        slug=slug,
        last=f.str("last"),
        first=f.str("first"),
        middle=f.str("middle", required=False),
        gender=gender,
        birth_year=f.int("birth_year", required=False, lo=1900, hi=this_year),
        birth_date=f.date("birth_date", required=False),
        facility_id=f.str("facility", required=False),
        sources=f.sources(),
        checked=f.date("checked"),
        summary_en=f.str("summary_en", required=False),
        summary_ru=f.str("summary_ru", required=False),
        sentence=f.str("sentence", required=False),
        notes=f.str_list("notes"),
        aliases=f.str_list("aliases"),
        tags=f.str_list("tags"),
        status=f.str("status", required=False),
        origin=origin,
        path=str(path),
    )
    # the day the address was last confirmed: `address_seen` when the record gives one,
    # else the day the record was checked; the source is its first URL
    prisoner.address_seen = f.date("address_seen", required=False) or prisoner.checked
    prisoner.address_source = next((s.url for s in prisoner.sources if s.url), None)
    for alias in prisoner.aliases:
        if not is_valid_slug(alias):
            raise f.fail("aliases", _("'{slug}' is not a valid slug").format(slug=alias))
    address_raw = f.raw.get("address")
    if prisoner.facility_id is None and address_raw is None:
        raise f.fail("facility", _("is missing (a record needs a facility id or an address)"))
    if address_raw is not None and not isinstance(address_raw, str):
        raise f.fail("address", _("must be the published address line (a string)"))
    if address_raw is not None and not address_raw.strip():
        raise f.fail("address", _("is empty: give the published address line"))
    return prisoner, address_raw
