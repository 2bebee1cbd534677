"""The prisoner directory: Memorial's list shipped offline as a precomputed snapshot.

Source: the "Political Prisoners. Memorial" pages (memopzk.org), scraped into JSON Lines
(``../shared/data/README.md``). :func:`convert_rows` turns those rows into the project's
own record format: every published address is parsed and validated by the address
engine *once*, by ``scripts/import_memorial.py`` (the shipped file under
``data/directory/``) or by ``letterkit data update FILE`` (a file in the user data dir),
so start-up never parses an address: :func:`load_snapshot` is one ``json.loads`` and
plain object construction.

Record ids are Memorial's page slugs (``mahmudov-azamzhon-asadovich``); our own surname
slug (iuliia ``mvd_310``, cli.md § Slugs) becomes an alias only where it is unique in the
snapshot; where it is not, the surname and first name (``makhmudov-azamzhon``) are tried,
and the bare surname lists the candidates (:func:`ambiguous_alias`).

Writable (random picks, batch selections) = a printable address and a status under
which a person receives letters at that address. Statuses come from Memorial's tags:

=================  =====================================================  ===========
status             tags                                                   writable
=================  =====================================================  ===========
``psychiatric``    принудительное лечение, карательная психиатрия         yes
``custody``        в заключении, в СИЗО, заключение под стражу,           yes
                   лишение свободы, реальный срок
``forced-labour``  принудительные работы (исправительный центр)           yes
``house-arrest``   под домашним арестом, домашний арест                   no: letters
                                                                          go home,
                                                                          not published
``restricted``     ограничение свободы, условный срок или УДО, штраф      no: at home
``on-trial``       идёт суд, ожидание суда, апелляция в суде              only if the
                                                                          address names
                                                                          a facility
``unknown``        none of the above                                      only if the
                                                                          address names
                                                                          a facility
=================  =====================================================  ===========

The first row that matches wins (a person ``в заключении`` with ``идёт суд`` is in
custody). A trial may be held in custody or at liberty; Memorial publishes a postal
address for people held in a facility, so an address naming one (СИЗО, ИК, hospital)
is taken as the place to write to; without a facility the record is kept but not
writable. Records that cannot be written to are kept, marked "no usable address" with
the reason, and never guessed.

The data ages: :func:`is_stale` (older than six months) drives the warning ``show`` and
``write`` print, telling the writer to check the page before sending.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit.dates import birthday_in, russian_day_month
from letterkit.i18n import _

if TYPE_CHECKING:
    import random

    from letterkit.models import Address, Prisoner
    from letterkit.store import Store

FORMAT = 1
DIRECTORY = "directory"  # folder under the shipped data dir and the user data dir
FILE_PREFIX = "memopzk-"
SOURCE_TITLE = "Political Prisoners. Memorial"
SOURCE_URL = "https://memopzk.org/"
STALE_MONTHS = 6
MAX_UPDATE_BYTES = 50 * 1024 * 1024

# (status, tags) in order of precedence; see the module docstring.
STATUS_TAGS: tuple[tuple[str, frozenset[str]], ...] = (
    ("psychiatric", frozenset({"принудительное лечение", "карательная психиатрия"})),
    (
        "custody",
        frozenset(
            {"в заключении", "в СИЗО", "заключение под стражу", "лишение свободы", "реальный срок"}
        ),
    ),
    ("forced-labour", frozenset({"принудительные работы"})),
    ("house-arrest", frozenset({"под домашним арестом", "домашний арест"})),
    ("restricted", frozenset({"ограничение свободы", "условный срок или УДО", "штраф"})),
    ("on-trial", frozenset({"идёт суд", "ожидание суда", "апелляция в суде"})),
)
RECEIVES_LETTERS = frozenset({"psychiatric", "custody", "forced-labour"})
NEEDS_FACILITY = frozenset({"on-trial", "unknown"})
STATUS_RU = {
    "psychiatric": "принудительное лечение",
    "custody": "в заключении",
    "forced-labour": "принудительные работы",
    "house-arrest": "под домашним арестом",
    "restricted": "на свободе с ограничениями",
    "on-trial": "идёт суд",
    "unknown": "не указан",
}
STATUS_EN = {
    "psychiatric": "compulsory psychiatric treatment",
    "custody": "in custody",
    "forced-labour": "forced labour (correctional centre)",
    "house-arrest": "under house arrest",
    "restricted": "at liberty with restrictions",
    "on-trial": "on trial",
    "unknown": "not stated",
}

_PAGE_NAME = "Name on Memorial's page: "
# Text before the address that says it is not the current one (checked in the parser's
# "dropped text" notes): «Адрес колонии уточняется. Предыдущий адрес (СИЗО): …».
_NOT_CURRENT = re.compile(
    r"[^«»]*(?:уточняется|предыдущий адрес|прежний адрес|на этапе)[^«»]*", re.IGNORECASE
)
_EXPECTED = re.compile(r"ожидается", re.IGNORECASE)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PAGE_SLUG = re.compile(r"^https?://[^/]+/figurant/([^/?#]+)/?$")


# ============================================================== conversion (import)


@dataclass
class Conversion:
    """The result of converting a snapshot: records and the import report."""

    snapshot: dt.date
    source_file: str
    records: list[dict[str, Any]]
    # (id, name, reason) for every record that is not writable, in input order
    unusable: list[tuple[str, str, str]] = field(default_factory=list)
    # (id, name, message): the parsed address disagrees with the page (name, birth year)
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, Any]:
        reasons: dict[str, int] = {}
        for _id, _name, reason in self.unusable:
            key = reason.split(":", 1)[0]
            reasons[key] = reasons.get(key, 0) + 1
        return {
            "records": len(self.records),
            "with_address": sum(1 for r in self.records if r["address_text"]),
            "printable": sum(1 for r in self.records if r["printable"]),
            "writable": sum(1 for r in self.records if r["writable"]),
            "not_writable": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": {
                "title": SOURCE_TITLE,
                "url": SOURCE_URL,
                "file": self.source_file,
                "note": "public scrape of the memopzk.org pages; each record links its page",
            },
            "snapshot": self.snapshot.isoformat(),
            "generated_by": "letterkit.directory.convert_rows (scripts/import_memorial.py)",
            "counts": self.counts,
            "records": self.records,
        }

    def dumps(self) -> str:
        """The file: header keys one a line, then one record a line (readable diffs)."""
        data = self.to_json()
        records = data.pop("records")
        head = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()]
        body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        return "{\n" + ",\n".join(head) + ',\n"records": [\n' + body + "\n]}\n"


def split_name(name: str) -> tuple[str, str | None, str | None, list[str]]:
    """Page title → (last, first, middle, other names given in brackets).

    ``Фёдоров Олег (Али) Владимирович`` → ``("Фёдоров", "Олег", "Владимирович", ["Али"])``;
    ``Ведель Семиэль Вальтерович (Клоков Сергей Валентинович)`` keeps the bracketed
    full name as another name. Four words and more: the rest is the middle name
    (``Меликов Илькин Шафи оглы``, ``Винтер Грегори Маркус Северин``).
    """
    text = " ".join(name.split())
    others = [m.group(1).strip() for m in _PAREN.finditer(text) if m.group(1).strip()]
    words = _PAREN.sub(" ", text).split()
    if not words:
        raise ValueError("empty name")
    last = words[0]
    first = words[1] if len(words) > 1 else None
    middle = " ".join(words[2:]) or None
    return last, first, middle, others


def name_variants(name: str) -> list[str]:
    """The page title without brackets, and with each bracketed name put in place.

    ``Алсынов (Алчинов) Фаиль Фаттахович`` → ``Алсынов Фаиль Фаттахович``,
    ``Алчинов Фаиль Фаттахович``; a bracketed full name stands alone.
    """
    text = " ".join(name.split())
    out = [" ".join(_PAREN.sub(" ", text).split())]
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        if len(inner.split()) >= 2:
            out.append(inner)
            continue
        before = text[: m.start()].split()
        after = _PAREN.sub(" ", text[m.end() :]).split()
        if before:
            out.append(" ".join([*_PAREN.sub(" ", " ".join(before[:-1])).split(), inner, *after]))
    return out


def _surname_gender(last: str) -> str | None:
    """Gender from a Russian-type surname (used when there is no patronymic)."""
    low = last.lower().split("-")[-1]
    if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")):
        return "f"
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        return "m"
    return None


def _same_dative(dative: str, name: str, gender: str | None) -> bool:
    """The published dative is the page title declined (the parser's nominative may err)."""
    from letterkit.names import to_dative

    published = _fold(_PAREN.sub(" ", dative))
    for variant in name_variants(name):
        words = variant.split()
        if len(words) < 2:
            continue
        middle = " ".join(words[2:]) or None
        try:
            declined = to_dative(words[0], words[1], middle, gender)
        except Exception:  # pragma: no cover - a decliner failure is no match
            continue
        if _fold(declined) == published or _fold(declined).startswith(published + " "):
            return True
    return False


def status_of(tags: Iterable[str]) -> str:
    tagset = set(tags)
    for status, status_tags in STATUS_TAGS:
        if tagset & status_tags:
            return status
    return "unknown"


def _fold(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").casefold().split())


def page_slug(url: str) -> str | None:
    """Memorial's page slug from the URL, if it is a valid letterkit slug."""
    from letterkit.records import is_valid_slug

    m = _PAGE_SLUG.match(url.strip())
    if m is None:
        return None
    slug = m.group(1).lower()
    return slug if is_valid_slug(slug) else None


def _missing_reason(address: Address) -> str:
    from letterkit.address.validate import BLOCKING_CODES

    blocking = [w.message for w in address.warnings if w.code in BLOCKING_CODES]
    missing = [
        w.message.removeprefix("the ").removesuffix(" is missing")
        for w in address.warnings
        if w.code.startswith("missing-") and w.code != "missing-birth-year"
    ]
    if missing:
        return "address incomplete: no " + ", no ".join(missing)
    if blocking:
        return "address invalid: " + "; ".join(blocking)
    return "address not printable"  # pragma: no cover - validate always says why


def _convert_one(row: dict[str, Any], snapshot: dt.date) -> tuple[dict[str, Any], list[str]]:
    """One row → (record, mismatch messages). The address is parsed here, once."""
    from letterkit.address.parse import parse_address
    from letterkit.errors import LetterkitError
    from letterkit.models import Issue
    from letterkit.names import detect_gender, transliterate

    name = " ".join(row["name"].split())
    last, first, middle, others = split_name(name)
    born = row.get("born")
    birth_year = int(born[:4]) if born else None
    status = status_of(row.get("tags") or [])
    rec: dict[str, Any] = {
        "id": row["_slug"],
        "memorial_id": str(row["id"]),
        "name": name,
        "last": last,
        "first": first,
        "middle": middle,
        "other_names": others,
        "latin": transliterate(name),
        "gender": _surname_gender(last) if middle is None else None,
        "born": born,
        "status": status,
        "tags": list(row.get("tags") or []),
        "articles": list(row.get("articles") or []),
        "url": row["source_url"],
        "aliases": [],
        "address_text": row.get("address_text") or None,
        "address": None,
        "printable": False,
        "writable": False,
        "problem": None,
    }
    if rec["gender"] is None:
        rec["gender"] = detect_gender(first, middle, last)
    mismatches: list[str] = []
    text = rec["address_text"]
    if not text or not text.strip():
        rec["address_text"] = None
        rec["problem"] = "no address published"
        return rec, mismatches
    try:
        address = parse_address(text)
    except LetterkitError as exc:
        rec["problem"] = f"address not parsed: {exc.message}"
        return rec, mismatches
    r = address.recipient
    if r is not None:
        if rec["gender"] is None:
            rec["gender"] = r.gender
        derived = " ".join(p for p in (r.last, r.first, r.middle) if p)
        if _fold(_PAREN.sub(" ", derived)) not in {
            _fold(n) for n in name_variants(name)
        } and not _same_dative(r.dative, name, rec["gender"]):
            mismatches.append(f"the name in the address («{derived}») differs from the page's")
        if birth_year is not None and r.birth_year is not None and r.birth_year != birth_year:
            mismatches.append(
                f"the birth year in the address ({r.birth_year}) differs from the page's"
                f" ({birth_year})"
            )
        for message in mismatches:
            address.warnings.append(
                Issue("page-differs", "recipient", f"{message}; check the page before sending")
            )
    dropped = " ".join(n for n in address.notes if n.startswith("dropped text:"))
    if _EXPECTED.search(dropped):
        address.warnings.append(
            Issue(
                "address-expected",
                None,
                "Memorial gave this as the address the person was expected to be moved to; "
                "check the page before sending",
            )
        )
    rec["address"] = _address_json(address)
    rec["printable"] = address.printable
    if not address.printable:
        rec["problem"] = _missing_reason(address)
    elif m := _NOT_CURRENT.search(dropped):
        rec["problem"] = f"address not current: the page says «{m.group(0)}»"
    elif status in NEEDS_FACILITY and not address.facility:
        rec["problem"] = f"status {status}: the address names no facility"
    elif status not in RECEIVES_LETTERS and status not in NEEDS_FACILITY:
        rec["problem"] = f"status {status}: {STATUS_EN[status]}"
    else:
        rec["writable"] = True
    return rec, mismatches


def _address_json(address: Address) -> dict[str, Any]:
    out: dict[str, Any] = dict(address.parts())
    out["recipient"] = address.recipient.to_json() if address.recipient else None
    out["printable"] = address.printable
    out["warnings"] = [w.to_json() for w in address.warnings]
    out["notes"] = list(address.notes)
    return out


def _assign_aliases(records: list[dict[str, Any]]) -> None:
    """Surname slug where unique, else surname + first name where that is unique."""
    from letterkit.names import slugify

    ids = {r["id"] for r in records}
    surname = [slugify(r["last"]) for r in records]
    full = [slugify(f"{r['last']} {r['first'] or ''}") for r in records]
    count_s: dict[str, int] = {}
    count_f: dict[str, int] = {}
    for s, f in zip(surname, full, strict=True):
        count_s[s] = count_s.get(s, 0) + 1
        count_f[f] = count_f.get(f, 0) + 1
    for rec, s, f in zip(records, surname, full, strict=True):
        alias = None
        if s and count_s[s] == 1:
            alias = s
        elif f and count_f[f] == 1 and f not in count_s:
            alias = f
        if alias and alias not in ids:  # never shadow a page slug, nor repeat one's own
            rec["aliases"].append(alias)


def validate_rows(rows: Sequence[Any], where: str | None = None) -> dt.date:
    """Check rows of the JSON Lines format (data/README); returns the snapshot date.

    Adds ``_slug`` (Memorial's page slug) to each row. Raises :class:`InputError`
    naming the first bad row (1-based).
    """
    from letterkit.errors import InputError

    where = where or _("the file")

    def bad(i: int, problem: str) -> InputError:
        return InputError(
            _("{file}, row {row}: {problem}").format(file=where, row=i, problem=problem),
            hint=_(
                "the file must be Memorial's list in JSON Lines (one object a line: "
                "id, name, born, address_text, articles, tags, source_url, snapshot)"
            ),
        )

    if not rows:
        raise InputError(
            _("{file} holds no records").format(file=where),
            hint=_("check that it is the right file"),
        )
    dates: set[str] = set()
    seen: set[str] = set()
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise bad(i, _("not a JSON object"))
        for key in ("id", "name", "source_url", "snapshot"):
            if not isinstance(row.get(key), str | int) or not str(row.get(key)).strip():
                raise bad(i, _("'{key}' is missing").format(key=key))
        if not isinstance(row["name"], str) or not row["name"].split():
            raise bad(i, _("'name' must be the person's name"))
        born = row.get("born")
        if born is not None and not (
            isinstance(born, str) and (_YEAR.fullmatch(born) or _DATE.fullmatch(born))
        ):
            raise bad(i, _("'born' must be YYYY-MM-DD, YYYY or null"))
        if born and len(born) == 10:
            try:
                dt.date.fromisoformat(born)
            except ValueError:
                raise bad(i, _("'born' is not a date: {born}").format(born=born)) from None
        text = row.get("address_text")
        if text is not None and not isinstance(text, str):
            raise bad(i, _("'address_text' must be text or null"))
        for key in ("tags", "articles"):
            value = row.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(i, _("'{key}' must be a list of strings").format(key=key))
        slug = page_slug(str(row["source_url"]))
        if slug is None:
            raise bad(
                i, _("'source_url' is not a Memorial page: {url}").format(url=row["source_url"])
            )
        if slug in seen:
            raise bad(i, _("the page {url} appears twice").format(url=row["source_url"]))
        seen.add(slug)
        row["_slug"] = slug
        snap = str(row["snapshot"])
        if not _DATE.fullmatch(snap):
            raise bad(i, _("'snapshot' must be YYYY-MM-DD"))
        dates.add(snap)
    if len(dates) != 1:
        raise InputError(
            _("{file} mixes snapshots of {count} dates ({dates})").format(
                file=where, count=len(dates), dates=", ".join(sorted(dates))
            ),
            hint=_("import one snapshot at a time"),
        )
    try:
        return dt.date.fromisoformat(dates.pop())
    except ValueError:
        raise InputError(_("{file}: 'snapshot' is not a valid date").format(file=where)) from None


def read_jsonl(path: Path) -> list[Any]:
    """The rows of a JSON Lines file, with errors naming the line."""
    from letterkit.errors import InputError

    path = Path(path)
    try:
        if path.stat().st_size > MAX_UPDATE_BYTES:
            raise InputError(_("{path} is too large for a snapshot (over 50 MB)").format(path=path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            _("the file {path} does not exist").format(path=path), hint=_("check the path")
        ) from None
    except IsADirectoryError:
        raise InputError(
            _("{path} is a directory").format(path=path), hint=_("give a .jsonl file")
        ) from None
    except OSError as exc:
        raise InputError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            _("{path} is not UTF-8 text").format(path=path), hint=_("give the .jsonl file")
        ) from None
    rows: list[Any] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(
                _("{path}, line {line}: not JSON ({reason})").format(
                    path=path, line=n, reason=exc.msg
                ),
                hint=_("the file must be JSON Lines: one JSON object a line"),
            ) from None
    return rows


def convert_rows(rows: Sequence[Any], source_file: str, where: str | None = None) -> Conversion:
    """Validate and convert snapshot rows (data/README format) into directory records."""
    snapshot = validate_rows(rows, where or source_file)
    records: list[dict[str, Any]] = []
    conversion = Conversion(snapshot=snapshot, source_file=source_file, records=records)
    from letterkit.i18n import language

    for row in rows:
        # The snapshot stores messages and parser notes: always in English (data, not
        # interface; _convert_one also reads the notes' English wording).
        with language("en"):
            rec, mismatches = _convert_one(row, snapshot)
        records.append(rec)
        for message in mismatches:
            conversion.mismatches.append((rec["id"], rec["name"], message))
    _assign_aliases(records)
    for rec in records:
        if not rec["writable"]:
            conversion.unusable.append((rec["id"], rec["name"], rec["problem"]))
    return conversion


def convert_file(path: Path) -> Conversion:
    return convert_rows(read_jsonl(path), Path(path).name, str(path))


def snapshot_file_name(snapshot: dt.date) -> str:
    return f"{FILE_PREFIX}{snapshot.isoformat()}.json"


def update_snapshot(path: Path, user_dir: Path | None = None) -> tuple[Path, Conversion]:
    """``letterkit data update FILE``: convert a newer snapshot into the user data dir.

    The shipped file is never modified. Refuses a snapshot older than the shipped one
    (it would be ignored: the newest snapshot is loaded). Older user snapshots are
    removed once the new file is written atomically.
    """
    from letterkit import paths, resources
    from letterkit.errors import InputError, OutputError
    from letterkit.fsutil import atomic_write

    user_dir = user_dir or paths.user_data_dir()
    conversion = convert_file(path)
    shipped = _newest(_candidates(resources.data_dir() / DIRECTORY))
    if shipped is not None and conversion.snapshot < shipped[0]:
        raise InputError(
            _(
                "{file} is a snapshot of {date}, older than the one letterkit ships ({shipped})"
            ).format(
                file=Path(path).name,
                date=conversion.snapshot.isoformat(),
                shipped=shipped[0].isoformat(),
            ),
            hint=_("download a newer list, or keep using the shipped one"),
        )
    folder = user_dir / DIRECTORY
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _("cannot create {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from None
    target = folder / snapshot_file_name(conversion.snapshot)
    atomic_write(target, conversion.dumps(), force=True)
    for _date, old in _candidates(folder):
        if old != target:
            old.unlink(missing_ok=True)
    return target, conversion


# ================================================================= loading (start-up)


def _candidates(folder: Path) -> list[tuple[dt.date, Path]]:
    out = []
    for path in folder.glob(f"{FILE_PREFIX}*.json"):
        try:
            out.append((dt.date.fromisoformat(path.stem.removeprefix(FILE_PREFIX)), path))
        except ValueError:
            continue
    return out


def _newest(found: list[tuple[dt.date, Path]]) -> tuple[dt.date, Path] | None:
    return max(found) if found else None


def snapshot_path(data_dir: Path, user_dir: Path) -> Path | None:
    """The snapshot file to load: the newest; on a tie the user's (``data update``)."""
    user = _newest(_candidates(user_dir / DIRECTORY))
    shipped = _newest(_candidates(data_dir / DIRECTORY))
    if user is None or (shipped is not None and shipped[0] > user[0]):
        return shipped[1] if shipped else None
    return user[1]


def load_snapshot(data_dir: Path, user_dir: Path) -> dict[str, Prisoner]:
    """Directory records keyed by Memorial's page slug; aliases on each record."""
    from letterkit.errors import DataError

    path = snapshot_path(data_dir, user_dir)
    if path is None:
        return {}
    try:
        raw = json.loads(path.read_bytes())
    except OSError as exc:
        raise DataError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(
            _("{path}: broken directory file ({reason})").format(path=path, reason=exc),
            hint=_("run 'letterkit data update FILE' again, or delete the file"),
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DataError(
            _("{path}: not a directory file of format {format}").format(path=path, format=FORMAT),
            hint=_("run 'letterkit data update FILE' again, or delete the file"),
        )
    try:
        snapshot = dt.date.fromisoformat(raw["snapshot"])
        people = {}
        for rec in raw["records"]:
            prisoner = _prisoner(rec, snapshot, str(path))
            people[prisoner.slug] = prisoner
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(
            _("{path}: damaged directory record ({kind}: {reason})").format(
                path=path, kind=type(exc).__name__, reason=exc
            ),
            hint=_("run 'letterkit data update FILE' again, or delete the file"),
        ) from None
    return people


_QUOTED_SLUG = re.compile(r'"([a-z0-9-]+)"')


def snapshot_slugs(data_dir: Path | None = None, user_dir: Path | None = None) -> list[str]:
    """Ids and aliases of the directory, read cheaply for shell completion (no parsing
    into objects; relies on the one-record-a-line layout of :meth:`Conversion.dumps`)."""
    from letterkit import paths, resources

    path = snapshot_path(data_dir or resources.data_dir(), user_dir or paths.user_data_dir())
    if path is None:
        return []
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith('{"id": "'):
            continue
        out.append(line[8 : line.index('"', 8)])
        start = line.find('"aliases": [')
        if start >= 0:
            out += _QUOTED_SLUG.findall(line, start + 12, line.index("]", start))
    return out


def _prisoner(rec: dict[str, Any], snapshot: dt.date, path: str) -> Prisoner:
    from letterkit.models import Address, Issue, Prisoner, Recipient, Source

    born = rec["born"]
    birth_date = dt.date.fromisoformat(born) if born and len(born) == 10 else None
    notes: list[str] = []
    if rec["other_names"]:
        notes.append(f"{_PAGE_NAME}{rec['name']}")
    address = None
    a = rec["address"]
    if rec["writable"]:
        r = a["recipient"]
        address = Address(
            postcode=a["postcode"],
            region=a["region"],
            district=a["district"],
            locality=a["locality"],
            sublocality=a["sublocality"],
            street=a["street"],
            house=a["house"],
            building=a["building"],
            po_box=a["po_box"],
            facility=a["facility"],
            recipient=Recipient(**r) if r else None,
            printable=True,
            warnings=[Issue(w["code"], w["field"], w["message"]) for w in a["warnings"]],
            notes=list(a["notes"]),
        )
    else:
        notes.append(f"No usable address in Memorial's list of {snapshot.isoformat()}: "
                     f"{rec['problem']}.")  # fmt: skip
        if rec["address_text"]:
            notes.append(f"The page said: «{' '.join(rec['address_text'].split())[:300]}»")
    nominative = " ".join(p for p in (rec["last"], rec["first"], rec["middle"]) if p)
    _LATIN_NAMES[(rec["id"], nominative)] = rec["latin"]
    return Prisoner(
        slug=rec["id"],
        last=rec["last"],
        first=rec["first"] or "",
        middle=rec["middle"],
        gender=rec["gender"],
        birth_year=int(born[:4]) if born else None,
        birth_date=birth_date,
        sources=[Source(title=f"{SOURCE_TITLE}: {rec['name']}", url=rec["url"])],
        checked=snapshot,
        address=address,
        notes=notes,
        aliases=list(rec["aliases"]),
        tags=list(rec["tags"]),
        status=rec["status"],
        snapshot=snapshot,
        origin="snapshot",
        path=path,
    )


def surname_slug(prisoner: Prisoner) -> str:
    from letterkit.names import slugify

    return slugify(prisoner.last)


def ambiguous_alias(store: Store, slug: str) -> list[Prisoner]:
    """People whose surname slug is ``slug`` when more than one has it (else [])."""
    found = [p for p in store.people() if surname_slug(p) == slug]
    return sorted(found, key=lambda p: p.slug) if len(found) > 1 else []


# ==================================================================== staleness


def add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_stale(snapshot_date: dt.date, today: dt.date | None = None) -> bool:
    """True when the data is older than six months."""
    today = today or dt.date.today()
    return today > add_months(snapshot_date, STALE_MONTHS)


def age_in_months(snapshot_date: dt.date, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    months = (today.year - snapshot_date.year) * 12 + today.month - snapshot_date.month
    if today.day < snapshot_date.day:
        months -= 1
    return max(months, 0)


def is_writable(prisoner: Prisoner) -> bool:
    """Printable address and (for directory records) a status that receives letters."""
    return prisoner.writable


# ====================================================================== search


def _edit_distance_le1(a: str, b: str) -> bool:
    """Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-z]")

# search words per person, keyed by (slug, nominative); the snapshot precomputes Latin.
_LATIN_NAMES: dict[tuple[str, str], str] = {}
_WORDS: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def _search_words(p: Prisoner) -> tuple[frozenset[str], frozenset[str]]:
    """(Cyrillic words, Latin words) of a person's names, slug and aliases."""
    key = (p.slug, p.nominative)
    cached = _WORDS.get(key)
    if cached is not None:
        return cached
    names = [p.nominative]
    names += [n.removeprefix(_PAGE_NAME) for n in p.notes if n.startswith(_PAGE_NAME)]
    cyr = {w for n in names for w in _words(n)}
    latin = _LATIN_NAMES.get(key)
    if latin is None:
        from letterkit.names import transliterate

        lat = {w for n in names for w in _words(transliterate(n))}
    else:
        lat = set(_words(latin))
    for s in (p.slug, *p.aliases):
        lat.update(s.split("-"))
    found = (frozenset(cyr), frozenset(lat))
    _WORDS[key] = found
    return found


def _word_score(q: str, words: frozenset[str]) -> int:
    """3 exact, 2 prefix (≥ 3 letters), 1 one typo (≥ 4 letters), 0 no match."""
    if q in words:
        return 3
    if len(q) >= 3 and any(w.startswith(q) for w in words):
        return 2
    if len(q) >= 4 and any(_edit_distance_le1(q, w) for w in words):
        return 1
    return 0


def name_score(query: str, prisoner: Prisoner) -> int:
    """How well a name query matches (0 = no match). Every query word must match."""
    qwords = _words(query.replace("-", " "))
    if not qwords:
        return 0
    cyr, lat = _search_words(prisoner)
    total = 0
    for q in qwords:
        score = _word_score(q, lat if _LATIN_LETTER.search(q) else cyr)
        if score == 0:
            return 0
        total += score
    return total


def _matches(text: str | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if not text:
        return False
    return _fold(wanted) in _fold(text)


def _filters(p: Prisoner, region: str | None, tag: str | None, facility: str | None) -> bool:
    a = p.address
    if region is not None and not (
        _matches(a.region if a else None, region)
        or _matches(a.locality if a else None, region)
        or any(_fold(t) == _fold(region) for t in p.tags)
    ):
        return False
    if tag is not None and not any(_matches(t, tag) for t in p.tags):
        return False
    return facility is None or _matches(a.facility if a else None, facility)


def find(
    query: str | None,
    region: str | None = None,
    tag: str | None = None,
    facility: str | None = None,
    *,
    store: Store | None = None,
) -> list[Prisoner]:
    """People matching a name (Cyrillic or Latin, one typo tolerated) and the filters.

    Best matches first (exact words, then prefixes, then one typo), then by name.
    ``region`` matches the address's region or locality, or a Memorial region tag;
    ``tag`` and ``facility`` match as case-insensitive substrings.
    """
    if store is None:
        from letterkit.store import Store

        store = Store()
    scored = []
    for p in store.people():
        if not _filters(p, region, tag, facility):
            continue
        score = name_score(query, p) if query and query.strip() else 1
        if score:
            scored.append((-score, _fold(p.nominative), p.slug, p))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored]


# ====================================================================== random


def written_slugs() -> set[str]:
    """Slugs in the writer's letter log, if the letter log module and file exist."""
    try:
        from letterkit import letterlog
    except ImportError:  # pragma: no cover - the log is optional
        return set()
    from letterkit.errors import LetterkitError

    try:
        return {e.slug for e in letterlog.read_log().entries}
    except (LetterkitError, AttributeError):
        return set()


def random_people(
    n: int = 1,
    region: str | None = None,
    tag: str | None = None,
    exclude: Iterable[str] = (),
    rng: random.Random | None = None,
    *,
    store: Store | None = None,
    written: set[str] | None = None,
) -> list[Prisoner]:
    """``n`` writable people, those not in the letter log first (``written`` overrides)."""
    import random as _random

    if store is None:
        from letterkit.store import Store

        store = Store()
    rng = rng or _random.Random()
    excluded = set(exclude)
    written = written_slugs() if written is None else written
    pool = [
        p
        for p in store.people()
        if is_writable(p)
        and p.slug not in excluded
        and not excluded & set(p.aliases)
        and _filters(p, region, tag, None)
    ]
    fresh = [p for p in pool if p.slug not in written and not written & set(p.aliases)]
    fresh_ids = {id(p) for p in fresh}
    seen = [p for p in pool if id(p) not in fresh_ids]
    picked = rng.sample(fresh, min(n, len(fresh)))
    if len(picked) < n:
        picked += rng.sample(seen, min(n - len(picked), len(seen)))
    return picked


# =================================================================== birthdays


@dataclass(frozen=True)
class BirthdayEntry:
    prisoner: Prisoner
    date: dt.date  # the next birthday on or after ``today`` (or in the month asked)
    days: int  # days from today (negative: earlier this month with ``month``)
    age: int  # the age they turn

    @property
    def date_ru(self) -> str:
        return russian_day_month(self.date)


def birthdays(
    today: dt.date | None = None,
    within_days: int | None = None,
    month: int | None = None,
    *,
    store: Store | None = None,
    writable_only: bool = True,
) -> list[BirthdayEntry]:
    """Birthdays within ``within_days`` days from today (inclusive, across the new year),
    or in ``month`` (this year's if not over yet, else next year's); default 30 days.
    Only people whose full birth date is known; writable ones unless told otherwise."""
    from letterkit.errors import InputError

    today = today or dt.date.today()
    if within_days is not None and month is not None:
        raise InputError(_("use either --within or --month, not both"))
    if month is not None and not 1 <= month <= 12:
        raise InputError(_("--month must be 1 to 12, not {month}").format(month=month))
    if within_days is not None and within_days < 0:
        raise InputError(_("--within must be 0 or more days"))
    if within_days is None and month is None:
        within_days = 30
    if store is None:
        from letterkit.store import Store

        store = Store()
    year = today.year if month is None or month >= today.month else today.year + 1
    out = []
    for p in store.people():
        if p.birth_date is None or (writable_only and not is_writable(p)):
            continue
        if month is not None:
            if p.birth_date.month != month:
                continue
            day = birthday_in(p.birth_date, year)
        else:
            day = birthday_in(p.birth_date, today.year)
            if day < today:
                day = birthday_in(p.birth_date, today.year + 1)
            if (day - today).days > within_days:
                continue
        out.append(BirthdayEntry(p, day, (day - today).days, day.year - p.birth_date.year))
    out.sort(key=lambda b: (b.date, _fold(b.prisoner.nominative)))
    return out


def birthday_targets(
    within: int, today: dt.date | None = None, *, store: Store | None = None
) -> list[Prisoner]:
    """Writable people with a birthday in the next ``within`` days (batch
    ``--birthdays-within``), soonest first."""
    return [b.prisoner for b in birthdays(today, within_days=within, store=store)]
