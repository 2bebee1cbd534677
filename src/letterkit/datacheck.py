"""``letterkit data check``: validate every shipped and user record.

Checks each facility and person file (schema, via the same loaders ``write`` uses),
postcode against region, facility references, that sources are present, that the
``checked`` date is not in the future, the user's address-line records, and the
directory snapshot file when there is one. Unlike loading, which stops at the first
problem, the check goes on and returns every problem it finds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from letterkit import directory, paths, resources
from letterkit.address.classify import FACILITY
from letterkit.address.parse import parse_address
from letterkit.address.postcode import check_postcode
from letterkit.address.validate import missing_message, missing_parts
from letterkit.errors import DataError, LetterkitError
from letterkit.i18n import _
from letterkit.records import is_valid_slug, load_facility, load_prisoner

# Postcode issues that stop a letter from arriving (letterkit.address.validate refuses
# to print with any of them); a range shared by two regions is only a warning.
_POSTCODE_PROBLEMS = frozenset({"postcode-format", "postcode-region", "postcode-unknown"})
# Parts glued into the wrong field by a converter or by hand: a house number before the
# facility's name («12 ФКУ ИК-5 …»), a unit before it («отряд № 8, ИК № 31 …»), a
# building of the street line inside it («…, корпус 2»), a facility inside the street.
_LEADING_NUMBER = re.compile(r"^\d")
_UNIT_FIRST = re.compile(r"^(?:отряд|отделение|участок|корпус|блок|камера)(?![А-Яа-яЁё])", re.I)
_BUILDING_IN = re.compile(
    r"(?<![А-Яа-яЁё])(?:корпус|корп\.|строение|стр\.|квартира|кв\.)\s*№?\s*\d", re.I
)
_FIELD_MESSAGE = re.compile(r"^field '(?P<field>[^']+)' (?P<message>.*)$", re.S)


@dataclass(frozen=True)
class Problem:
    """One problem: the file, the field (or None for the whole file) and what is wrong."""

    file: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, str | None]:
        return {"file": self.file, "field": self.field, "message": self.message}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    facilities: int = 0
    people: int = 0
    directory_records: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _from_error(path: Path, exc: LetterkitError) -> Problem:
    """Split a loader's ``<path>: field 'x' message`` into a Problem."""
    if isinstance(exc, DataError) and exc.field is not None and exc.problem is not None:
        return Problem(str(path), exc.field, exc.problem)
    message = exc.message
    prefix = f"{path}: "
    if message.startswith(prefix):
        message = message[len(prefix) :]
    m = _FIELD_MESSAGE.match(message)
    if m:
        return Problem(str(path), m.group("field"), m.group("message"))
    return Problem(str(path), None, message)


def _postcode_problems(path: Path, postcode: str | None, region: str | None) -> list[Problem]:
    return [
        Problem(str(path), "postcode", issue.message)
        for issue in check_postcode(postcode, region)
        if issue.code in _POSTCODE_PROBLEMS
    ]


def _shape_problems(facility: str | None, street: str | None) -> list[tuple[str, str]]:
    """(field, message) for a facility or street that holds another part."""
    out: list[tuple[str, str]] = []
    if facility:
        if _LEADING_NUMBER.match(facility):
            out.append(
                (
                    "facility",
                    _(
                        "«{text}» starts with a number: a house number glued to the facility "
                        "name belongs in the house field"
                    ).format(text=facility),
                )
            )
        if _UNIT_FIRST.match(facility) and FACILITY.search(facility[5:]):
            out.append(
                (
                    "facility",
                    _(
                        "«{text}» starts with a unit: the facility's own name comes first, "
                        "the unit (отряд, корпус) after it"
                    ).format(text=facility),
                )
            )
        if _BUILDING_IN.search(facility):
            out.append(
                (
                    "facility",
                    _(
                        "«{text}» holds a building or flat number: it belongs on the street line"
                    ).format(text=facility),
                )
            )
    if street and FACILITY.search(street):
        out.append(
            (
                "street",
                _("«{text}» holds a facility name: it belongs on the facility line").format(
                    text=street
                ),
            )
        )
    return out


def _checked(path: Path, checked: dt.date, today: dt.date) -> list[Problem]:
    if checked > today:
        return [
            Problem(
                str(path),
                "checked",
                _("{date} is in the future (today is {today})").format(
                    date=checked.isoformat(), today=today.isoformat()
                ),
            )
        ]
    return []


def check_data(
    data_dir: Path | None = None, user_dir: Path | None = None, today: dt.date | None = None
) -> Report:
    """Every problem in the shipped data (``data_dir``) and the user's (``user_dir``)."""
    data_dir = data_dir or resources.data_dir()
    user_dir = user_dir or paths.user_data_dir()
    today = today or dt.date.today()
    report = Report()
    facility_ids = _check_facilities(report, data_dir, user_dir, today)
    _check_people(report, data_dir, user_dir, today, facility_ids)
    _check_directory(report, data_dir, user_dir, today)
    return report


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def _check_facilities(report: Report, data_dir: Path, user_dir: Path, today: dt.date) -> set[str]:
    """Checks facility files; returns every facility id that has a file (even a broken one)."""
    ids: set[str] = set()
    for origin, folder in (("shipped", data_dir), ("user", user_dir)):
        for path in _files(folder / "facilities"):
            ids.add(path.stem)
            report.facilities += 1
            try:
                facility = load_facility(path, origin)
            except LetterkitError as exc:
                report.problems.append(_from_error(path, exc))
                continue
            report.problems += _postcode_problems(path, facility.postcode, facility.region)
            report.problems += [
                Problem(str(path), "name" if f == "facility" else f, m)
                for f, m in _shape_problems(facility.name, facility.street)
            ]
            report.problems += _checked(path, facility.checked, today)
    return ids


def _check_people(
    report: Report, data_dir: Path, user_dir: Path, today: dt.date, facility_ids: set[str]
) -> None:
    for origin, folder in (("shipped", data_dir), ("user", user_dir)):
        for path in _files(folder / "prisoners"):
            report.people += 1
            try:
                prisoner, line = load_prisoner(path, origin)
            except LetterkitError as exc:
                report.problems.append(_from_error(path, exc))
                continue
            report.problems += _checked(path, prisoner.checked, today)
            if prisoner.facility_id is not None:
                if prisoner.facility_id not in facility_ids:
                    report.problems.append(
                        Problem(
                            str(path),
                            "facility",
                            _(
                                "unknown facility id '{id}' "
                                "(no facilities/<id>.toml with that name)"
                            ).format(id=prisoner.facility_id),
                        )
                    )
            elif line is not None:
                try:
                    address = parse_address(line)
                except LetterkitError as exc:
                    report.problems.append(Problem(str(path), "address", exc.message))
                    continue
                for part in missing_parts(address):
                    report.problems.append(Problem(str(path), "address", missing_message(part)))
                report.problems += [
                    Problem(str(path), "address", p.message)
                    for p in _postcode_problems(path, address.postcode, address.region)
                ]
                report.problems += [
                    Problem(str(path), "address", m)
                    for _f, m in _shape_problems(address.facility, address.street)
                ]


def _check_directory(report: Report, data_dir: Path, user_dir: Path, today: dt.date) -> None:
    """The directory snapshot in use (shipped, or the user's from ``data update``)."""
    path = directory.snapshot_path(data_dir, user_dir)
    if path is None:
        return
    try:
        people = directory.load_snapshot(data_dir, user_dir)
    except LetterkitError as exc:
        report.problems.append(_from_error(path, exc))
        return
    seen: set[int] = set()
    for prisoner in people.values():
        if id(prisoner) in seen:
            continue
        seen.add(id(prisoner))
        report.directory_records += 1
        where = _("record '{slug}'").format(slug=prisoner.slug)

        def problem(field_name: str, message: str, where: str = where) -> None:
            report.problems.append(Problem(str(path), field_name, f"{where}: {message}"))

        if not is_valid_slug(prisoner.slug):
            problem("id", _("is not a valid slug"))
        for alias in prisoner.aliases:
            if not is_valid_slug(alias):
                problem("aliases", _("'{slug}' is not a valid slug").format(slug=alias))
        if not prisoner.sources or not any(s.url for s in prisoner.sources):
            problem("url", _("has no source page"))
        if prisoner.checked > today:
            problem(
                "snapshot", _("{date} is in the future").format(date=prisoner.checked.isoformat())
            )
        if prisoner.address is not None:
            for p in _postcode_problems(path, prisoner.address.postcode, prisoner.address.region):
                problem("postcode", p.message)
            for f, m in _shape_problems(prisoner.address.facility, prisoner.address.street):
                problem(f, m)
