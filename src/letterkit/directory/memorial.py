"""Memorial's rows → the directory's own records (the import, run once per snapshot).

:func:`convert_rows` parses and validates every published address with the address
engine *once*: ``scripts/import_memorial.py`` writes the shipped file under
``data/directory/`` and ``letterkit data update FILE`` one in the user data dir, so
start-up never parses an address (:mod:`letterkit.directory.snapshot`). The record
format is described in data/directory/README.md.

Record ids are Memorial's page slugs (``mahmudov-azamzhon-asadovich``); our own surname
slug (iuliia ``mvd_310``, the same slug :func:`letterkit.names.slugify` gives a
hand-made record) becomes an alias only where it is unique in the snapshot; where it is
not, the surname and first name (``makhmudov-azamzhon``) are tried, and the bare surname
lists the candidates (:func:`letterkit.store.ambiguous_alias`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit.address.parse import parse_address
from letterkit.address.validate import blocking_reasons
from letterkit.directory._common import FORMAT, PAREN, SOURCE_TITLE, SOURCE_URL, fold
from letterkit.directory.rows import read_jsonl, validate_rows
from letterkit.directory.status import NEEDS_FACILITY, RECEIVES_LETTERS, STATUS_EN, status_of
from letterkit.errors import LetterkitError
from letterkit.i18n import language
from letterkit.models import Issue
from letterkit.names import detect_gender, slugify, to_dative, transliterate

if TYPE_CHECKING:
    from letterkit.models import Address, Prisoner


# Text before the address that says it is not the current one (checked in the parser's
# "dropped text" notes): «Адрес колонии уточняется. Предыдущий адрес (СИЗО): …».
_NOT_CURRENT = re.compile(
    r"[^«»]*(?:уточняется|предыдущий адрес|прежний адрес|на этапе)[^«»]*", re.IGNORECASE
)
_EXPECTED = re.compile(r"ожидается", re.IGNORECASE)


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
    others = [m.group(1).strip() for m in PAREN.finditer(text) if m.group(1).strip()]
    words = PAREN.sub(" ", text).split()
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
    out = [" ".join(PAREN.sub(" ", text).split())]
    for m in PAREN.finditer(text):
        inner = m.group(1).strip()
        if len(inner.split()) >= 2:
            out.append(inner)
            continue
        before = text[: m.start()].split()
        after = PAREN.sub(" ", text[m.end() :]).split()
        if before:
            out.append(" ".join([*PAREN.sub(" ", " ".join(before[:-1])).split(), inner, *after]))
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
    published = fold(PAREN.sub(" ", dative))
    for variant in name_variants(name):
        words = variant.split()
        if len(words) < 2:
            continue
        middle = " ".join(words[2:]) or None
        try:
            declined = to_dative(words[0], words[1], middle, gender)
        except Exception:  # pragma: no cover - a decliner failure is no match
            continue
        if fold(declined) == published or fold(declined).startswith(published + " "):
            return True
    return False


def _missing_reason(address: Address) -> str:
    reasons = blocking_reasons(address)
    blocking = [w.message for w in reasons if not w.code.startswith("missing-")]
    missing = [
        w.message.removeprefix("the ").removesuffix(" is missing")
        for w in reasons
        if w.code.startswith("missing-")
    ]
    if missing:
        return "address incomplete: no " + ", no ".join(missing)
    if blocking:
        return "address invalid: " + "; ".join(blocking)
    return "address not printable"  # pragma: no cover - validate always says why


def _convert_one(row: dict[str, Any], snapshot: dt.date) -> tuple[dict[str, Any], list[str]]:
    """One row → (record, mismatch messages). The address is parsed here, once."""
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
    # data update: the day a source last confirmed the address, and which (else the
    # list's date and the page: data/directory/README.md)
    for key in ("address_seen", "address_source"):
        if row.get(key):
            rec[key] = row[key]
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
        if fold(PAREN.sub(" ", derived)) not in {
            fold(n) for n in name_variants(name)
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


def convert_rows(rows: Sequence[Any], source_file: str, where: str | None = None) -> Conversion:
    """Validate and convert Memorial's rows (:mod:`letterkit.directory.rows`) into records."""
    snapshot = validate_rows(rows, where or source_file)
    records: list[dict[str, Any]] = []
    conversion = Conversion(snapshot=snapshot, source_file=source_file, records=records)
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


def surname_slug(prisoner: Prisoner) -> str:
    """The slug a hand-made record of this person would have (the alias candidate)."""
    return slugify(prisoner.last)
