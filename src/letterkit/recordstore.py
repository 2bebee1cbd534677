"""Known people and facilities: shipped records, the user's own records, lookup.

:class:`RecordStore` reads a record that gives its address as a published line (one of
the user's own, ``letterkit add``) with the ``read_line`` it is given; it does not import
the address parser itself, so ``write batsenin`` (a facility record) never loads it.
:class:`letterkit.store.Store` is the store with the parser.

Precedence when two records share a slug: user records > hand-made shipped records >
snapshot (directory) records. Each layer is loaded
lazily and once, so ``write batsenin`` never reads the directory snapshot.

A broken record of the user's own (a typo in a hand-edited file) is skipped with a
:class:`SkippedRecord` warning (Python's ``warnings``: the CLI prints it as one
``Warning:`` line), so one bad file does not stop ``write``, ``list`` or ``find``;
``letterkit data check`` still fails on it. A broken shipped record is an error.
"""

from __future__ import annotations

import dataclasses
import difflib
import warnings
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from letterkit import directory, paths, resources
from letterkit.address.validate import validate
from letterkit.errors import DataError, InputError, NotFoundError
from letterkit.i18n import _
from letterkit.models import Address, Facility, LineReader, Prisoner, Recipient
from letterkit.names import to_dative
from letterkit.records import is_valid_slug, load_facility, load_prisoner


def validate_slug(slug: str) -> str:
    """Reject anything that is not a slug before it gets near a path."""
    if not is_valid_slug(slug):
        shown = slug.encode("unicode_escape").decode("ascii")
        raise InputError(
            _(
                "'{slug}' is not a valid slug: use lowercase letters, digits and '-' (at most 64)"
            ).format(slug=shown),
            hint=_("run 'letterkit list' to see the known slugs"),
        )
    return slug


def facility_address(facility: Facility, recipient: Recipient | None) -> Address:
    """The postal address of a person held in a facility."""
    address = Address(
        postcode=facility.postcode,
        region=facility.region,
        district=facility.district,
        locality=facility.locality,
        sublocality=facility.sublocality,
        street=facility.street,
        house=facility.house,
        building=facility.building,
        po_box=facility.po_box,
        facility=facility.name,
        recipient=recipient,
    )
    return validate(address)


def recipient_for(prisoner: Prisoner) -> Recipient:
    return Recipient(
        dative=to_dative(prisoner.last, prisoner.first, prisoner.middle, prisoner.gender),
        last=prisoner.last,
        first=prisoner.first,
        middle=prisoner.middle,
        gender=prisoner.gender,
        birth_year=prisoner.birth_year,
    )


class SkippedRecord(UserWarning):
    """A record of the user's own that cannot be loaded; its message names file and field."""


class RecordStore:
    """All records letterkit knows. Cheap to create; loads on first use. ``read_line``
    reads the published address line of a record that gives one."""

    def __init__(
        self,
        data_dir: Path | None = None,
        user_dir: Path | None = None,
        *,
        read_line: LineReader,
    ) -> None:
        self.data_dir = data_dir or resources.data_dir()
        self.user_dir = user_dir or paths.user_data_dir()
        self.read_line = read_line
        # The user's records that could not be loaded, by file name without ".toml".
        self.skipped: dict[str, DataError] = {}

    def _skip(self, path: Path, error: DataError) -> None:
        self.skipped[path.stem] = error
        warnings.warn(SkippedRecord(error.message), stacklevel=2)

    # -- facilities -------------------------------------------------------
    @cached_property
    def facilities(self) -> dict[str, Facility]:
        found: dict[str, Facility] = {}
        for origin, folder in (
            ("shipped", self.data_dir / "facilities"),
            ("user", self.user_dir / "facilities"),
        ):
            for path in sorted(folder.glob("*.toml")):
                try:
                    facility = load_facility(path, origin)
                except DataError as error:
                    if origin != "user":
                        raise
                    self._skip(path, error)
                    continue
                found[facility.id] = facility  # user overrides shipped
        return found

    def facility(self, facility_id: str, *, referenced_by: str | None = None) -> Facility:
        try:
            return self.facilities[facility_id]
        except KeyError:
            if facility_id in self.skipped:  # the user's facility record is broken: say why
                raise self.skipped[facility_id] from None
            message = _("unknown facility id '{id}'").format(id=facility_id)
            raise DataError(
                f"{referenced_by}: {message}" if referenced_by else message,
                hint=_("add data/facilities/<id>.toml or fix the 'facility' field"),
            ) from None

    # -- people -----------------------------------------------------------
    def _load_people(self, folder: Path, origin: str) -> dict[str, Prisoner]:
        people: dict[str, Prisoner] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                prisoner, line = load_prisoner(path, origin)
                self._resolve_address(prisoner, line)
            except DataError as error:
                if origin != "user":
                    raise
                self._skip(path, error)
                continue
            people[prisoner.slug] = prisoner
        return people

    def _resolve_address(self, prisoner: Prisoner, line: str | None) -> None:
        if prisoner.facility_id is not None:
            facility = self.facility(prisoner.facility_id, referenced_by=prisoner.path)
            prisoner.address = facility_address(facility, recipient_for(prisoner))
        elif line is not None:
            prisoner.address = self.read_line(line)

    @cached_property
    def user_people(self) -> dict[str, Prisoner]:
        return self._load_people(self.user_dir / "prisoners", "user")

    @cached_property
    def shipped_people(self) -> dict[str, Prisoner]:
        return self._load_people(self.data_dir / "prisoners", "shipped")

    @cached_property
    def snapshot_people(self) -> dict[str, Prisoner]:
        """Directory records (Memorial snapshot), keyed by id and unique alias."""
        return directory.load_snapshot(self.data_dir, self.user_dir)

    def _layers(self) -> Iterator[dict[str, Prisoner]]:
        yield self.user_people
        yield self.shipped_people
        yield self.snapshot_people

    def get(self, slug: str) -> Prisoner:
        """The person with this slug or alias; NotFoundError with suggestions."""
        validate_slug(slug)
        for layer in self._layers():
            found = layer.get(slug)
            if found is None:
                found = next((p for p in layer.values() if slug in p.aliases), None)
            if found is not None:
                return self._newest_address(found)
        if slug in self.skipped:  # the user's own record of that name is broken: say why
            raise self.skipped[slug]
        candidates = ambiguous_alias(self, slug)
        if candidates:
            raise NotFoundError(
                _("'{slug}' matches {count} people").format(slug=slug, count=len(candidates)),
                hint=_("use one of: {slugs}").format(slugs=", ".join(p.slug for p in candidates)),
            )
        suggestions = difflib.get_close_matches(slug, list(self.all_slugs()), n=3, cutoff=0.6)
        hint = (
            _("did you mean: {slugs}?").format(slugs=", ".join(suggestions))
            if suggestions
            else _("run 'letterkit list' or 'letterkit find NAME' to see who is known")
        )
        raise NotFoundError(_("no person with the slug '{slug}'").format(slug=slug), hint=hint)

    def _newest_address(self, prisoner: Prisoner) -> Prisoner:
        """A hand-made or user record with the directory's address when the directory
        confirmed one for the same person (name and birth year) later. Only a directory
        the user updated (``data update``) can be newer than a hand-made record, so the
        shipped snapshot is not loaded for this (``write batsenin`` stays fast)."""
        if prisoner.origin == "snapshot" or not directory.has_user_snapshot(self.user_dir):
            return prisoner
        same = [
            p
            for p in self.snapshot_people.values()
            if p.nominative == prisoner.nominative and p.birth_year == prisoner.birth_year
        ]
        if len(same) != 1:
            return prisoner
        other = same[0]
        if (
            other.writable
            and other.address_seen is not None
            and (prisoner.address_seen is None or other.address_seen > prisoner.address_seen)
        ):
            return dataclasses.replace(
                prisoner,
                address=other.address,
                facility_id=None,
                address_seen=other.address_seen,
                address_source=other.address_source,
            )
        return prisoner

    def all_slugs(self) -> Iterator[str]:
        for layer in self._layers():
            for prisoner in layer.values():
                yield prisoner.slug
                yield from prisoner.aliases

    def people(self) -> list[Prisoner]:
        """Every distinct person, higher-precedence records first hiding lower ones."""
        seen: set[str] = set()
        out: list[Prisoner] = []
        for layer in self._layers():
            for prisoner in layer.values():
                if prisoner.slug in seen:
                    continue
                seen.add(prisoner.slug)
                out.append(prisoner)
        return out


def ambiguous_alias(store: RecordStore, slug: str) -> list[Prisoner]:
    """People whose surname slug is ``slug`` when more than one has it (else [])."""
    found = [p for p in store.people() if directory.surname_slug(p) == slug]
    return sorted(found, key=lambda p: p.slug) if len(found) > 1 else []
