#!/usr/bin/env python3
"""Mutation harness of the address parser: real published lines changed the ways publishers
change them, one change at a time and a few combined.

Usage: python scripts/measure_mutations.py [--every N] [--combos N] [--seed S]
                                           [--examples N] [--show KIND] [--only KIND]

The base lines are the real published lines of Memorial's snapshot
(/work/shared/data/memopzk-2025-02-22.jsonl, when present) and of
``tests/data/published_lines.jsonl``, in reverse order (postcode first, person last),
cut after the birth year, whose unmutated parse is printable without a warning. Each base
line is cut into its parts (postcode, region, locality, street, house, facility, name,
year …) and a mutation rewrites the parts or the way they are joined: a comma dropped,
every comma dropped, the house glued to the facility («д.5 ФКУ …»), other birth-year forms,
natural order, an envelope form's «Кому: … Куда: …» over several lines, a unit after the
facility («отряд № 5», «корпус 6», «ЕПКТ» …), the region in full or short, «Республика»
before or after the name, the person in the nominative or in the genitive after «для»,
extra spaces and no-break spaces, the facility in lower case. The choices are seeded, so a
run is repeatable. The expected parse of a mutant is the base's parse with the mutation's
known effect (a unit is appended to the facility). Prints the fields right per mutation,
the mutants read wholly right and the mutants that lose a word of the line.

``bases()``, ``mutants()`` and ``check()`` are imported by
``tests/test_address_mutations.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.address.classify import classify  # noqa: E402
from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.address.words import unexplained_words  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402
from letterkit.models import Address  # noqa: E402

SNAPSHOT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")
PUBLISHED = ROOT / "tests" / "data" / "published_lines.jsonl"
FIELDS = (
    "postcode",
    "region",
    "locality",
    "sublocality",
    "district",
    "street",
    "house",
    "building",
    "facility",
    "last",
    "first",
    "middle",
    "birth_year",
)
_YEAR_TAIL = re.compile(
    r"^(?P<name>.*?[А-Яа-яЁё)])\s*,?\s*\(?\s*(?P<y>(?:19|20)\d\d)\s*"
    r"(?:г\.?\s*р\.?|гр\.?|года?\s+рождения|г\.?)?\s*\)?\s*\.?$"
)
_LEAD_PC = re.compile(r"^(\d{6})\s*,?\s*")


def parts_of(a: Address) -> dict[str, object]:
    r = a.recipient
    return {
        "postcode": a.postcode,
        "region": a.region,
        "locality": a.locality,
        "sublocality": a.sublocality,
        "district": a.district,
        "street": a.street,
        "house": a.house,
        "building": a.building,
        "facility": a.facility,
        "last": r.last if r else None,
        "first": r.first if r else None,
        "middle": r.middle if r else None,
        "birth_year": r.birth_year if r else None,
    }


# ------------------------------------------------------------------ the base lines


@dataclass
class Base:
    """A published line cut into its parts, with its parse."""

    line: str
    pieces: list[tuple[str, str]]  # (role, text) in the order of the line
    address: Address


@dataclass
class Mutant:
    """A base line rewritten: the pieces, how they are joined, and what changes."""

    pieces: list[tuple[str, str]]
    seps: list[str]  # between pieces («, » unless a mutation dropped it)
    natural: bool = False
    form: bool = False  # «Кому: … Куда: …», a part a line
    spaces: str | None = None  # "double", "nbsp"
    expect: dict[str, object] = field(default_factory=dict)
    casefold: set[str] = field(default_factory=set)  # fields compared ignoring case
    names: list[str] = field(default_factory=list)  # the mutations applied


_ROLE = {
    "postcode": "postcode",
    "region": "region",
    "district": "district",
    "locality": "locality",
    "place": "locality",
    "street": "street",
    "street_extra": "street_extra",
    "house": "house",
    "building": "building",
    "facility": "facility",
}


def _cut(line: str, a: Address) -> list[tuple[str, str]] | None:
    """The (role, text) pieces of a reverse-order base line, or None when it does not cut
    cleanly (every piece one part of a known kind, the name and year last)."""
    r = a.recipient
    if r is None or not r.dative or r.birth_year is None:
        return None
    i = line.rfind(r.dative)
    if i <= 0:
        return None
    head, tail = line[:i].rstrip(" ,"), line[i:]
    m = _YEAR_TAIL.match(tail)
    if not m or m.group("name") != r.dative:
        return None
    pieces: list[tuple[str, str]] = []
    for text in head.split(", "):
        kinds = [s.kind for s in classify(text)]
        if len(kinds) != 1 or kinds[0] not in _ROLE:
            return None
        pieces.append((_ROLE[kinds[0]], text))
    if not pieces or pieces[0][0] != "postcode" or pieces[-1][0] != "facility":
        return None
    return [*pieces, ("name", r.dative), ("year", m.group("y"))]


def _clean(a: Address) -> bool:
    return a.printable and not a.warnings


def _base_lines(path: Path, key: str) -> Iterator[str]:
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            text = json.loads(raw).get(key)
            if text:
                # the line holding the postcode, cut after the person and the year
                for part in text.splitlines():
                    part = " ".join(part.split())
                    if _LEAD_PC.match(part):
                        yield part
                        break


def bases(snapshot: Path | None = SNAPSHOT, published: Path = PUBLISHED) -> list[Base]:
    """The base lines: printable without warnings, cut cleanly into parts."""
    out: list[Base] = []
    seen: set[str] = set()
    sources = [(published, "line")]
    if snapshot is not None and snapshot.exists():
        sources.insert(0, (snapshot, "address_text"))
    for path, key in sources:
        for text in _base_lines(path, key):
            try:
                a = parse_address(text)
            except LetterkitError:
                continue
            if not _clean(a):
                continue
            pieces = _cut(text, a)
            if pieces is None:
                continue
            line = _render(Mutant(pieces, [", "] * (len(pieces) - 1)))
            if line in seen:
                continue
            b = parse_address(line)
            if _clean(b) and parts_of(b) == parts_of(a):
                seen.add(line)
                out.append(Base(line, pieces, b))
    return out


# ------------------------------------------------------------------ rendering


def _role_index(m: Mutant, role: str) -> int | None:
    return next((i for i, (r, _t) in enumerate(m.pieces) if r == role), None)


_STREET_GROUP = ("street", "street_extra", "house", "building")
_FACILITY_GROUP = ("facility", "unit")


def _render(m: Mutant) -> str:
    pieces = list(m.pieces)
    seps = list(m.seps)
    if m.natural or m.form:
        # natural order: the person first, then the address from the facility out; a street
        # keeps its house and building after it
        addr = [p for p in pieces if p[0] not in ("name", "year")]
        person = [p for p in pieces if p[0] in ("name", "year")]
        groups: list[list[tuple[str, str]]] = []
        for p in addr:
            if groups and (
                (p[0] in _STREET_GROUP and groups[-1][0][0] in _STREET_GROUP)
                or (p[0] in _FACILITY_GROUP and groups[-1][0][0] in _FACILITY_GROUP)
            ):
                groups[-1].append(p)
            else:
                groups.append([p])
        groups.reverse()
        if m.form:
            lines = ["Кому: " + _join(person, seps, 0)]
            k = len(person) - 1
            for j, g in enumerate(groups):
                k += 1
                prefix = "Куда: " if j == 0 else ""
                lines.append(prefix + _join(g, seps, k))
                k += len(g) - 1
            text = "\n".join(lines)
        else:
            text = _join(person + [p for g in groups for p in g], seps, 0)
    else:
        text = _join(pieces, seps, 0)
    if m.spaces == "double":
        text = text.replace(" ", "  ").replace(",", " ,", 1)
    elif m.spaces == "nbsp":
        text = re.sub(r"(?<=\S) (?=\S)", lambda x: "\u00a0", text, count=0)
        text = text.replace("\u00a0", " ", 2)
    return text


def _join(pieces: list[tuple[str, str]], seps: list[str], k: int) -> str:
    """The pieces' texts joined by ``seps[k:]`` (a year piece in its written form)."""
    out = ""
    for j, (role, text) in enumerate(pieces):
        if role == "year" and text.isdigit():
            text = f"{text} г. р."
        if j:
            sep = seps[k + j - 1] if k + j - 1 < len(seps) else ", "
            out += sep
        out += text
    return out


# ------------------------------------------------------------------ mutations

Mutation = Callable[[Mutant, Base, random.Random], bool]


def _facility_i(m: Mutant) -> int | None:
    return _role_index(m, "facility")


def mu_drop_comma(m: Mutant, b: Base, rng: random.Random) -> bool:
    idx = [i for i, s in enumerate(m.seps) if s == ", "]
    if not idx:
        return False
    m.seps[rng.choice(idx)] = " "
    return True


def mu_drop_commas(m: Mutant, b: Base, rng: random.Random) -> bool:
    m.seps = [" " for _s in m.seps]
    return True


_HOUSE_FORMS = ("д.{n}", "дом.{n}", "дом {n}", "д. {n}", "{n}")


def mu_glued_house(m: Mutant, b: Base, rng: random.Random) -> bool:
    """The house glued to the facility after it: «д.5 ФКУ …», «дом.7 ФКУ …»."""
    f = _facility_i(m)
    if f is None or f == 0 or m.pieces[f - 1][0] != "house":
        return False
    number = re.sub(r"^(?:д\.|дом)\s*", "", m.pieces[f - 1][1])
    if not number[:1].isdigit():
        return False
    m.pieces[f - 1] = ("house", rng.choice(_HOUSE_FORMS).format(n=number))
    m.seps[f - 1] = " "
    return True


_YEAR_FORMS = (
    "{y} г.р.",
    "{y} г. р.",
    "{y} гр",
    "{y} г.р",
    "{y} года рождения",
    "{y} г. р.»",
    '{y} г. р."',
    "{y} г. р..",
    "{y}г.р.",
    "{y} г.",
    "({y} г. р.)",
    "{y} года рождения.",
)


def mu_year_form(m: Mutant, b: Base, rng: random.Random) -> bool:
    y = _role_index(m, "year")
    if y is None:
        return False
    year = m.pieces[y][1]
    if not year.isdigit():
        return False
    m.pieces[y] = ("year", rng.choice(_YEAR_FORMS).format(y=year))
    if rng.random() < 0.5:
        m.seps[y - 1] = " "
    return True


def mu_natural(m: Mutant, b: Base, rng: random.Random) -> bool:
    m.natural = True
    if rng.random() < 0.5:
        m.seps = ["\n" if s == ", " else s for s in m.seps]
    return True


def mu_form(m: Mutant, b: Base, rng: random.Random) -> bool:
    m.form = True
    return True


_UNITS = (
    "отряд № 5",
    "отр. 5",
    "отряд 12",
    "корпус 6",
    "уч. 1 «Д»",
    "участок 3",
    "ЛИУ",
    "ПФРСИ",
    "ЕПКТ",
    "отделение № 2",
)


def mu_unit(m: Mutant, b: Base, rng: random.Random) -> bool:
    """A unit after the facility: it belongs on the facility line, after the name."""
    f = _facility_i(m)
    if f is None:
        return False
    while f + 1 < len(m.pieces) and m.pieces[f + 1][0] == "facility":
        f += 1  # after the facility's own units («…, ЕПКТ»)
    unit = rng.choice(_UNITS)
    m.pieces.insert(f + 1, ("unit", unit))
    m.seps.insert(f, ", ")
    fac = m.expect.get("facility", b.address.facility)
    m.expect["facility"] = f"{fac}, {unit}"
    return True


_REGION_FORMS = (("область", "обл."), ("край", "кр."), ("Республика", "Респ."))


def mu_region_form(m: Mutant, b: Base, rng: random.Random) -> bool:
    """The region written in full or short: «Владимирская область» / «Владимирская обл.»,
    «Пермский край» / «Пермский кр.», «Республика Коми» / «Респ. Коми»."""
    r = _role_index(m, "region")
    if r is None:
        return False
    text = m.pieces[r][1]
    for full, short in _REGION_FORMS:
        new = re.sub(rf"(?<![А-Яа-яЁё]){full}(?![А-Яа-яЁё])", short, text)
        if new == text:
            new = re.sub(rf"(?<![А-Яа-яЁё]){re.escape(short)}(?![А-Яа-яЁё])", full, text)
        if new != text:
            break
    else:
        return False
    m.pieces[r] = ("region", new)
    return True


def mu_republic(m: Mutant, b: Base, rng: random.Random) -> bool:
    """«Республика Коми» ↔ «Коми Республика»; «Татарстан» → «Республика Татарстан»."""
    r = _role_index(m, "region")
    if r is None or not (b.address.region or "").startswith("Республика "):
        return False
    text = m.pieces[r][1]
    name = b.address.region.removeprefix("Республика ")  # type: ignore[union-attr]
    if text == b.address.region:
        new = f"{name} {rng.choice(('Республика', 'республика', 'Респ.'))}"
    elif text == name:
        new = f"Республика {name}"
    else:
        return False
    m.pieces[r] = ("region", new)
    return True


def mu_nominative(m: Mutant, b: Base, rng: random.Random) -> bool:
    r = b.address.recipient
    n = _role_index(m, "name")
    if r is None or n is None or not r.last or not r.first or "(" in r.last + r.first:
        return False
    m.pieces[n] = ("name", " ".join(x for x in (r.last, r.first, r.middle) if x))
    return True


def _genitive(last: str, first: str, middle: str | None, gender: str) -> str | None:
    from pytrovich.enums import Case, Gender, NamePart
    from pytrovich.maker import PetrovichDeclinationMaker

    maker = PetrovichDeclinationMaker()
    g = Gender.MALE if gender == "m" else Gender.FEMALE
    try:
        out = [
            maker.make(NamePart.LASTNAME, g, Case.GENITIVE, last),
            maker.make(NamePart.FIRSTNAME, g, Case.GENITIVE, first),
        ]
        if middle:
            out.append(maker.make(NamePart.MIDDLENAME, g, Case.GENITIVE, middle))
    except Exception:  # pytrovich raises on names it has no rule for
        return None
    return " ".join(out)


def mu_genitive(m: Mutant, b: Base, rng: random.Random) -> bool:
    """«для Иванова Ивана Ивановича»: a chat's sentence gives the person in the genitive."""
    r = b.address.recipient
    n = _role_index(m, "name")
    if r is None or n is None or not r.last or not r.first or "(" in r.last + r.first:
        return False
    if " " in r.last or r.gender not in ("m", "f"):
        return False
    gen = _genitive(r.last, r.first, r.middle, r.gender)
    if gen is None:
        return False
    m.pieces[n] = ("name", f"для {gen}")
    return True


def mu_spaces(m: Mutant, b: Base, rng: random.Random) -> bool:
    m.spaces = rng.choice(("double", "nbsp"))
    return True


def mu_lower_facility(m: Mutant, b: Base, rng: random.Random) -> bool:
    """«фку ик-2 уфсин россии по …»: the facility typed in lower case."""
    f = _facility_i(m)
    if f is None:
        return False
    m.pieces[f] = ("facility", m.pieces[f][1].lower())
    m.casefold.add("facility")
    return True


# (name, mutation, stage): combined mutations apply in stage order
MUTATIONS: dict[str, tuple[Mutation, int]] = {
    "drop-one-comma": (mu_drop_comma, 3),
    "drop-all-commas": (mu_drop_commas, 3),
    "glued-house": (mu_glued_house, 1),
    "year-form": (mu_year_form, 2),
    "natural-order": (mu_natural, 2),
    "кому-куда": (mu_form, 2),
    "unit-after-facility": (mu_unit, 0),
    "region-full-short": (mu_region_form, 2),
    "republic-order": (mu_republic, 2),
    "name-nominative": (mu_nominative, 2),
    "name-genitive-для": (mu_genitive, 2),
    "spaces-nbsp": (mu_spaces, 4),
    "lowercase-facility": (mu_lower_facility, 2),
}
# pairs that cannot combine (both rewrite the same thing)
_EXCLUSIVE = [
    {"natural-order", "кому-куда"},
    {"drop-one-comma", "drop-all-commas"},
    {"name-nominative", "name-genitive-для"},
    {"region-full-short", "republic-order"},
]


def _start(b: Base) -> Mutant:
    return Mutant(list(b.pieces), [", "] * (len(b.pieces) - 1))


def mutate(b: Base, names: list[str], rng: random.Random) -> Mutant | None:
    m = _start(b)
    for name in sorted(names, key=lambda k: MUTATIONS[k][1]):
        fn, _stage = MUTATIONS[name]
        if not fn(m, b, rng):
            return None
        m.names.append(name)
    return m


def mutants(
    sample: list[Base], combos: int = 2, seed: int = 17, only: str | None = None
) -> Iterator[tuple[str, Base, Mutant]]:
    """(kind, base, mutant): every mutation on every base, then ``combos`` combinations of
    two or three mutations a base."""
    for kind in MUTATIONS:
        if only and kind != only:
            continue
        for n, b in enumerate(sample):
            rng = random.Random(f"{seed}:{kind}:{n}")
            m = mutate(b, [kind], rng)
            if m is not None:
                yield kind, b, m
    if only and only != "combined":
        return
    for n, b in enumerate(sample):
        rng = random.Random(f"{seed}:combo:{n}")
        for _c in range(combos):
            k = rng.choice((2, 2, 3))
            pick = rng.sample(sorted(MUTATIONS), k)
            if any(len(ex & set(pick)) > 1 for ex in _EXCLUSIVE):
                continue
            m = mutate(b, pick, rng)
            if m is not None:
                yield "combined", b, m


def _fold(value: object, casefold: bool = False) -> object:
    if isinstance(value, str):
        value = " ".join(value.replace("ё", "е").replace("Ё", "Е").split())
        return value.lower() if casefold else value
    return value


@dataclass
class Result:
    text: str
    right: int
    total: int
    diffs: list[str]
    lost: list[str]


def check(b: Base, m: Mutant) -> Result:
    """The mutant's parse against the expected one."""
    text = _render(m)
    want = {**parts_of(b.address), **m.expect}
    try:
        got_a = parse_address(text)
    except LetterkitError as exc:
        return Result(text, 0, len(FIELDS) + 1, [f"error: {exc}"], [])
    got = parts_of(got_a)
    diffs = []
    for f in FIELDS:
        cf = f in m.casefold
        if _fold(want[f], cf) != _fold(got[f], cf):
            diffs.append(f"{f}: {got[f]!r} != {want[f]!r}")
    if not got_a.printable:
        diffs.append(f"printable: False ({', '.join(w.code for w in got_a.warnings)})")
    lost = unexplained_words(text, got_a)
    total = len(FIELDS) + 1
    return Result(text, total - len(diffs), total, diffs, lost)


def run(
    sample: list[Base], combos: int = 2, seed: int = 17, only: str | None = None
) -> dict[str, list[Result]]:
    out: dict[str, list[Result]] = {}
    for kind, b, m in mutants(sample, combos, seed, only):
        r = check(b, m)
        if kind == "combined":
            r.diffs = [f"[{'+'.join(m.names)}]", *r.diffs] if r.diffs else []
        out.setdefault(kind, []).append(r)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=1, help="use every Nth base line")
    ap.add_argument("--combos", type=int, default=2, help="combined mutants a base line")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--show", help="print every failure of this kind")
    ap.add_argument("--only", help="run this mutation only (or 'combined')")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    sample = bases()[:: args.every]
    results = run(sample, args.combos, args.seed, args.only)
    elapsed = time.perf_counter() - started
    print(f"base lines (printable without warnings, cut into parts): {len(sample)}")
    print(
        f"{'mutation':22} {'mutants':>7} {'fields right':>18} {'lines right':>12} {'lose a word':>11}"
    )
    all_right = all_total = all_lines = all_ok = all_lost = 0
    for kind, rs in results.items():
        right = sum(r.right for r in rs)
        total = sum(r.total for r in rs)
        ok = sum(1 for r in rs if not r.diffs)
        lost = sum(1 for r in rs if r.lost)
        all_right += right
        all_total += total
        all_lines += len(rs)
        all_ok += ok
        all_lost += lost
        pct = 100 * right / total if total else 100.0
        print(
            f"{kind:22} {len(rs):7} {right:>8}/{total:<6} {pct:6.2f} % {ok:>5}/{len(rs):<5} {lost:>6}"
        )
    pct = 100 * all_right / all_total if all_total else 100.0
    print(
        f"{'all':22} {all_lines:7} {all_right:>8}/{all_total:<6} {pct:6.2f} % "
        f"{all_ok:>5}/{all_lines:<5} {all_lost:>6}   ({elapsed:.1f} s)"
    )
    for kind, rs in results.items():
        fails = [r for r in rs if r.diffs or r.lost]
        if not fails:
            continue
        show = fails if kind == args.show else fails[: args.examples]
        print(f"\n[{kind}] {len(fails)}")
        for r in show:
            lost = f"; loses {' '.join(r.lost)!r}" if r.lost else ""
            print(f"  - {r.text!r}\n      -> {'; '.join(r.diffs)}{lost}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
