"""The user's own records: ``letterkit add`` and ``letterkit import`` save here.

Records are TOML files in the platformdirs user data dir (``prisoners/<slug>.toml``,
``facilities/<id>.toml``), the same format as the shipped ones, written atomically,
readable only by the user, under one lock (two ``add`` runs for the same slug: the
second says the record exists).
A saved record works everywhere a shipped slug does (user records take precedence).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from letterkit import paths
from letterkit.address.facility_type import type_and_number
from letterkit.address.format import envelope_lines
from letterkit.address.validate import blocking_reasons
from letterkit.directory import page_slug
from letterkit.directory._common import fold
from letterkit.errors import AddressError, InputError
from letterkit.fsutil import PRIVATE_FILE, atomic_write_many, locked
from letterkit.fsutil import toml_text as dumps
from letterkit.i18n import _
from letterkit.models import Address, Recipient
from letterkit.names import slugify
from letterkit.recordstore import validate_slug
from letterkit.store import Store

_SOURCE_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.I)


@dataclass
class Saved:
    slug: str
    person_path: Path
    facility_path: Path | None
    facility_is_new: bool


def memorial_source(store: Store, recipient: Recipient) -> dict[str, str] | None:
    """The Memorial page of the one directory person with this name and birth year, as
    a record's ``[[sources]]`` entry; None without a birth year or a unique match."""
    if recipient.birth_year is None:
        return None
    name = fold(" ".join(p for p in (recipient.last, recipient.first, recipient.middle) if p))
    same = [
        p
        for p in store.snapshot_people.values()
        if p.birth_year == recipient.birth_year and fold(p.nominative) == name
    ]
    if len(same) != 1:
        return None
    page = next((s for s in same[0].sources if s.url and page_slug(s.url)), None)
    return {"title": page.title, "url": page.url} if page is not None else None


def facility_id_for(name: str) -> str:

    return slugify(name)[:64].rstrip("-") or "facility"


def _find_facility(store: Store, address: Address) -> str | None:
    for facility in store.facilities.values():
        if (
            facility.name == address.facility
            and facility.postcode == address.postcode
            and facility.locality == address.locality
        ):
            return facility.id
    return None


def add_record(
    address: Address,
    *,
    slug: str | None = None,
    source: str | None = None,
    force: bool = False,
    today: dt.date | None = None,
    store: Store | None = None,
) -> Saved:
    """Save a parsed, printable address as the user's person (and facility) record."""

    if not address.printable:
        missing = [w.message for w in blocking_reasons(address)]
        raise AddressError(
            _("this address cannot be saved because it cannot be printed: {reasons}").format(
                reasons="; ".join(missing or [_("it is incomplete")])
            ),
            hint=_("check the line against the person's page and try again"),
        )
    recipient = address.recipient
    if recipient is None or not recipient.last or not recipient.first:
        raise AddressError(
            _("the person's surname and first name could not be recognised in the address"),
            hint=_("write the name in full, e.g. «Баценину Александру Дмитриевичу, 1995 г. р.»"),
        )
    if source is not None and not _SOURCE_URL.fullmatch(source.strip()):
        raise InputError(
            _("the source '{source}' is not a web address").format(source=source),
            hint=_("give the page the address comes from, starting with https:// or http://"),
        )
    slug = validate_slug(slug) if slug else slugify(recipient.last)
    if not slug:
        raise InputError(
            _("no slug could be made from the surname"), hint=_("give one with --slug")
        )
    validate_slug(slug)
    store = store or Store()
    today = today or dt.date.today()
    with locked(paths.user_data_dir() / RECORDS_LOCK):
        return _add(address, recipient, slug, source, force, today, store)


# The lock held while a record is checked and written (a hidden .records.lock).
RECORDS_LOCK = "records"


def _add(
    address: Address,
    recipient: Recipient,
    slug: str,
    source: str | None,
    force: bool,
    today: dt.date,
    store: Store,
) -> Saved:
    people_dir = paths.user_prisoners_dir()
    person_path = people_dir / f"{slug}.toml"
    if person_path.exists() and not force:
        raise InputError(
            _("you already have a record '{slug}' ({path})").format(slug=slug, path=person_path),
            hint=_("choose another name with --slug, or replace it with --force"),
        )
    sources = [
        {"title": "Added with letterkit add" + (f" from {source}" if source else ""), "url": source}
    ]
    memorial = memorial_source(store, recipient)
    if memorial is not None and (source is None or page_slug(source) is None):
        # the person's Memorial page: `data update` and `write --refresh` reach the record
        sources.append(memorial)
    person: dict = {
        "slug": slug,
        "last": recipient.last,
        "first": recipient.first,
        "middle": recipient.middle,
        "gender": recipient.gender,
        "birth_year": recipient.birth_year,
        "checked": today,
    }
    facility_path = None
    facility_is_new = False
    writes: list[tuple[Path, str]] = []
    if address.facility and address.locality and address.postcode and address.region:
        facility_id = _find_facility(store, address)
        if facility_id is None:
            facility_id = facility_id_for(address.facility)
            facility_path = paths.user_facilities_dir() / f"{facility_id}.toml"
            kind = type_and_number(address.facility)
            facility = {
                "id": facility_id,
                "name": address.facility,
                "type": kind[0] if kind else "учреждение",
                "number": kind[1] if kind else None,
                "postcode": address.postcode,
                "region": address.region,
                "district": address.district,
                "locality": address.locality,
                "sublocality": address.sublocality,
                "street": address.street,
                "house": address.house,
                "building": address.building,
                "po_box": address.po_box,
                "checked": today,
                "sources": sources,
            }
            writes.append((facility_path, dumps(facility, header="Added with letterkit add.")))
            facility_is_new = True
        person["facility"] = facility_id
    else:
        # No facility record possible: keep the whole address as one line in envelope
        # order (name first, postcode last); it is parsed again when loaded.
        person["address"] = ", ".join(envelope_lines(address))
    person["sources"] = sources
    writes.append((person_path, dumps(person, header="Added with letterkit add.")))
    # Both files or neither; missing folders become a clean OutputError.
    atomic_write_many(writes, force=True, make_dirs=True, mode=PRIVATE_FILE)
    return Saved(slug, person_path, facility_path, facility_is_new)
