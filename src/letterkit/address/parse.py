"""Parse a published prisoner address line into an :class:`~letterkit.models.Address`.

Published lines (Memorial, OVD-Info, RosUznik, avtonom.org, chats) come in many shapes
(the variants in ``tests/test_address_variants.py`` and ``tests/data/published_lines.jsonl``):
reverse order (postcode first, person last) or natural order, no postcode, «Россия»
inside, abbreviated or missing region, glued house numbers, trailing sentences about
e-letter services, the name in the nominative … The parser:

1. normalises the text (:mod:`letterkit.address.normalise`);
2. picks the paragraph holding the address and drops trailing sentences (with a note),
   and splits it into segments (:mod:`letterkit.address.segments`);
3. classifies each segment, splitting glued ones (:mod:`letterkit.address.classify`);
4. assembles the address: which segment is the person, the order of the line, the main
   locality, the region (stated, or inferred from the postcode or the facility);
5. derives the nominative name and checks the published dative
   (:mod:`letterkit.address.recipient`);
6. validates (:mod:`letterkit.address.validate`): printable, warnings.

Nothing but :class:`~letterkit.errors.LetterkitError` ever escapes :func:`parse_address`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letterkit.address.capitals import in_one_case, recase
from letterkit.address.classify import FACILITY, PO, UNIT, Seg, classify
from letterkit.address.normalise import HAS_LATIN, normalise_text, short
from letterkit.address.postcode import infer_region
from letterkit.address.recipient import NAME, read_recipient
from letterkit.address.regions import (
    FEDERAL_CITIES,
    Region,
    by_name,
    region_from_po,
    regions,
    regions_from_po,
)
from letterkit.address.segments import ANY_POSTCODE, address_body, chunks, split_segments
from letterkit.address.validate import validate
from letterkit.address.words import unexplained_words
from letterkit.errors import AddressError, LetterkitError
from letterkit.i18n import N_, _
from letterkit.models import Address, Issue

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_BORN_EN = re.compile(r"\(born\s+((?:19|20)\d\d)\)", re.I)

EMPTY_HINT = N_(
    'give the address as published, e.g. "693008, Сахалинская область, г. Южно-Сахалинск, …"'
)


# A segment loses the full stop it ended with (normalise.clean strips separators), which
# for a facility ending in a short form is part of the word: «… по Владимирской обл.».
# One word in a Russian surname's dative (Соколову, Белой, Горскому): with a birth year
# beside it, the person, not a place.
_DATIVE_SURNAME = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:ову|еву|ёву|ину|ыну|скому|цкому|овой|евой|ёвой|иной|ыной|ской|цкой)$"
)
_ABBREVIATION_END = re.compile(r"(?<![\w.-])(обл|Обл|респ|Респ)$")
# What a text ends with for _ABBREVIATION_END to match ($ matches before a final newline too).
_ABBREVIATION_TAILS = ("обл", "Обл", "респ", "Респ", "\n")


def parse_address(line: str) -> Address:
    """Parse one published address line (any order, any of the published variants)."""
    if not isinstance(line, str) or not line.strip():
        raise AddressError(_("the address is empty"), hint=_(EMPTY_HINT))
    try:
        return _parse(line)
    except LetterkitError:
        raise
    except Exception as exc:  # a parser bug must not escape as a traceback
        raise AddressError(
            _("could not parse the address ({reason})").format(reason=type(exc).__name__),
            hint=_("please report this line as a bug"),
        ) from exc


def _parse(line: str) -> Address:
    notes: list[str] = []
    warnings: list[Issue] = []
    text = normalise_text(line)
    if not _CYRILLIC.search(text) and HAS_LATIN.search(text):
        return _latin_only(text)
    if in_one_case(text):
        text = recase(text)
        notes.append(
            "the line is written all in capitals or all in lower case: read in ordinary case"
        )
    paragraphs = chunks(text)
    if not paragraphs:
        raise AddressError(_("the address is empty"), hint=_(EMPTY_HINT))
    body = address_body(paragraphs, notes, warnings)
    segs: list[Seg] = []
    for s in split_segments(body):
        segs.extend(classify(s))
    addr = _assemble(segs, notes, warnings)
    lost = unexplained_words(line, addr) if addr.printable else []
    if lost:
        # a safety net: a word of the line on no envelope line and in no note is a part
        # the parser misread; the letter must not go out without it (an unprintable
        # address already says what is missing)
        addr.warnings.append(
            Issue(
                "text-lost",
                None,
                _(
                    "the envelope would leave out «{words}» of the line; check the address "
                    "and give it with commas between its parts"
                ).format(words=" ".join(lost)),
            )
        )
        validate(addr)
    return addr


def _latin_only(text: str) -> Address:
    """An address written only in Latin letters (an ENG line): report, do not guess."""
    addr = Address()
    m = ANY_POSTCODE.search(text)
    if m:
        addr.postcode = m.group(0)
    m = _BORN_EN.search(text)
    low = text.lower()
    for reg in regions():
        if reg.en.lower() in low:
            addr.region = reg.name
            break
    addr.warnings = [
        Issue(
            "not-russian",
            None,
            _(
                "the address is written in Latin letters; Russian Post needs it in Russian — "
                "copy the Russian (RU) line of the same page"
            ),
        )
    ]
    if m:
        addr.notes.append(_("birth year in the line: {year}").format(year=m.group(1)))
    addr.printable = False
    return addr


# ---------------------------------------------------------------------- the assembly


def _assemble(segs: list[Seg], notes: list[str], warnings: list[Issue]) -> Address:
    addr = Address()
    name_i = _recipient_index(segs)
    parts = _sort(segs, name_i, notes)
    if parts.postcode is not None:
        addr.postcode = parts.postcode.value
    main = _set_locality(addr, parts)
    _set_region(addr, parts, main, warnings)
    if addr.region is None:
        _infer_region(addr, parts.facilities, notes)
    _place_in_federal_city(addr, main)
    _set_street_parts(addr, parts, notes)
    _street_without_locality(addr)
    if (
        addr.region
        and by_name(addr.region) is None
        and not any(w.code == "region-unknown" for w in warnings)
    ):
        warnings.append(_region_unknown(addr.region))
    for text in parts.guessed:
        warnings.append(
            Issue(
                "facility-guessed",
                "facility",
                _(
                    "«{text}» is no address part letterkit knows; it is printed on the "
                    "facility line as published — check it on the person's page"
                ).format(text=text),
            )
        )
    if name_i is not None:
        addr.recipient = read_recipient(segs[name_i].value, parts.year, warnings)
    addr.warnings = warnings
    addr.notes = notes
    validate(addr)
    return addr


def _recipient_index(segs: list[Seg]) -> int | None:
    """Which segment names the person: the name next to the birth year, else the last
    or the first part of the line."""
    names = [i for i, s in enumerate(segs) if s.kind == "name"]
    if not names:
        # a bare two-word «place» next to the year may be a short name (Идрисову Рафису)
        names = [
            i
            for i, s in enumerate(segs)
            if s.kind == "place" and len(s.value.split()) >= 2 and NAME.match(s.value)
        ]
    years = [i for i, s in enumerate(segs) if s.kind == "year"]
    if not names:
        # a surname alone next to the year, as chats write it («отряд 9, Соколову, 1988
        # г.р.»), or with no year at either end of the line next to the facility («…
        # УФСИН России по Алтайскому краю, Ольшанскому»)
        names = [
            i
            for i, s in enumerate(segs)
            if s.kind == "place"
            and _DATIVE_SURNAME.match(s.value)
            and (any(abs(i - y) == 1 for y in years) or _end_by_facility(segs, i))
        ]
    if not names:
        return None
    for y in years:
        for i in names:
            if abs(i - y) == 1:
                return i
    last_real = max(i for i, s in enumerate(segs) if s.kind not in ("year",))
    if names[-1] == last_real:
        return names[-1]
    if names[0] == 0:
        return 0
    return names[-1]


def _end_by_facility(segs: list[Seg], i: int) -> bool:
    """Segment ``i`` is the first or the last of the line, next to the facility."""
    if i == len(segs) - 1 and i > 0:
        return segs[i - 1].kind == "facility"
    return i == 0 and len(segs) > 1 and segs[1].kind == "facility"


@dataclass
class _Parts:
    """The segments of a line sorted by kind, in the order of the line."""

    natural: bool  # natural order (person first), not reverse (postcode first)
    year: int | None = None
    postcode: Seg | None = None
    regions: list[Seg] = field(default_factory=list)
    localities: list[Seg] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    streets: list[str] = field(default_factory=list)
    houses: list[str] = field(default_factory=list)
    buildings: list[str] = field(default_factory=list)
    facilities: list[str] = field(default_factory=list)
    po_boxes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)  # unknown acronyms read as facility
    units: list[str] = field(default_factory=list)  # «отряд № 8»: after the facility


def _sort(segs: list[Seg], name_i: int | None, notes: list[str]) -> _Parts:
    """Sort the segments by kind; a segment of no kind continues the street or facility
    before it, or is kept unplaced."""
    kinds = ["recipient" if i == name_i else s.kind for i, s in enumerate(segs)]
    first_place = next(
        (i for i, k in enumerate(kinds) if k in ("postcode", "region", "locality")), None
    )
    natural = name_i is not None and first_place is not None and name_i < first_place
    p = _Parts(natural)
    streets, facilities = p.streets, p.facilities
    last_field: list[str] | None = None
    for i, (s, k) in enumerate(zip(segs, kinds, strict=True)):
        if s.extra.get("unit") and _next_to_facility(kinds, i, natural):
            p.units.append(s.raw)  # «…, ФКУ ИК-3 …, участок 3» / «корпус 6, ФКУ СИЗО-1 …»
            last_field = None
            continue
        if k == "postcode":
            if p.postcode is None:
                p.postcode = s
            last_field = None
        elif k == "country":
            notes.append(_("dropped the country: «{text}»").format(text=s.raw))
        elif k == "remark":
            notes.append(_("the line says: «{text}»").format(text=s.raw))
        elif k == "year":
            if p.year is None:
                p.year = int(s.value)
        elif k == "region":
            p.regions.append(s)
            last_field = None
        elif k == "district":
            p.districts.append(s.value)
            last_field = p.districts
            if "genitive" in s.extra:
                notes.append(
                    f"the district is given in the genitive («{s.extra['genitive']}»): "
                    f"printed «{s.value}»"
                )
        elif k in ("locality", "place"):
            if k == "place" and streets and not natural:
                # a bare word after the street: keep it with the street (Птицефабрика)
                streets[-1] = f"{streets[-1]}, {s.value}"
                continue
            p.localities.append(s)
            last_field = None
        elif k == "street":
            streets.append(s.value)
            last_field = streets
        elif k == "street_extra":
            if streets:
                streets[-1] = f"{streets[-1]}, {s.value}"
            else:
                streets.append(s.value)
        elif k == "house":
            p.houses.append(s.value)
            last_field = p.houses
        elif k == "building":
            p.buildings.append(s.value)
        elif k == "po_box":
            p.po_boxes.append(s.value)
        elif k == "facility" and UNIT.match(s.value):
            p.units.append(s.value)
            last_field = None
        elif k == "facility":
            facilities.append(s.value)
            last_field = facilities
            if s.extra.get("acronym") and not FACILITY.search(s.value):
                p.guessed.append(s.value)
        elif k == "recipient":
            pass
        elif k == "name":
            # a capitalised phrase that is not the person: a place (Ростов-на Дону)
            if streets and not natural:
                streets[-1] = f"{streets[-1]}, {s.value}"
            else:
                p.localities.append(Seg("place", s.value, s.raw))
        elif last_field is streets and streets:
            streets[-1] = f"{streets[-1]}, {s.value}"
        elif last_field is facilities and facilities:
            facilities[-1] = f"{facilities[-1]}, {s.value}"
        else:
            p.unplaced.append(s.raw)
    return p


def _next_to_facility(kinds: list[str], i: int, natural: bool) -> bool:
    """Is the plot or building at ``i`` a unit of the facility: right after it in reverse
    order, or right before it in natural order with no house before it?"""
    if i > 0 and kinds[i - 1] == "facility":
        return True
    if natural and i + 1 < len(kinds) and kinds[i + 1] == "facility":
        return i == 0 or kinds[i - 1] not in ("house", "street", "building")
    return False


def _set_locality(addr: Address, parts: _Parts) -> Seg | None:
    """The main locality and the settlements inside it; returns the main one."""
    localities = parts.localities
    if not localities:
        return None
    fed = [s for s in localities if s.extra.get("federal")]
    if fed:
        main = fed[0]
    else:
        typed = [s for s in localities if s.kind == "locality"]
        # a town outranks a settlement inside it («г. Плавск, пос. Белая Гора»),
        # whichever order the line gives them in
        towns = [s for s in typed if s.extra.get("type") == "г."]
        pool = towns or typed or localities
        main = pool[-1] if parts.natural else pool[0]
    subs = [s.value for s in localities if s is not main]
    addr.locality = main.value
    if subs:
        addr.sublocality = ", ".join(subs)
    return main


def _region_unknown(region: str) -> Issue:
    return Issue(
        "region-unknown",
        "region",
        _("«{region}» is not a known region").format(region=region),
    )


def _set_region(addr: Address, parts: _Parts, main: Seg | None, warnings: list[Issue]) -> None:
    """The region the line states (a known one first); a federal city as its own region.
    Another stated region is kept unplaced."""
    stated = parts.regions
    if stated:
        known = [s for s in stated if not s.extra.get("unknown")]
        pick = known[0] if known else stated[0]
        addr.region = pick.value
        if pick.extra.get("unknown"):
            warnings.append(_region_unknown(pick.value))
        for s in stated:
            if s is not pick and s.value != pick.value:
                parts.unplaced.append(s.raw)
    # «Московская область, … Москва»: with a region stated, the city is a locality in it
    if main is not None and main.extra.get("federal") and addr.region is None:
        addr.region = main.value


def _infer_region(addr: Address, facilities: list[str], notes: list[str]) -> None:
    """No region stated: the region of the postcode, or of the facility's administration
    («УФСИН России по Сахалинской области»), with a note."""
    inferred = infer_region(addr.postcode) if addr.postcode else None
    fac_regions: list[Region] = []
    for f in facilities:
        m = PO.search(f)
        if m:
            fac_regions = regions_from_po(m.group(1)) or (
                [r] if (r := region_from_po(m.group(1))) else []
            )
            if fac_regions:
                break
    fac_names = [r.name for r in fac_regions]
    if inferred and len(fac_names) == 1 and inferred not in fac_names:
        # the postcode points elsewhere than the facility's administration:
        # trust the facility, and validation flags the postcode
        addr.region = fac_names[0]
        notes.append(
            _("region inferred from the facility name: {region}").format(region=addr.region)
        )
    elif inferred:
        addr.region = inferred
        notes.append(f"region inferred from the postcode: {inferred}")
    elif fac_regions:
        addr.region = fac_regions[0].name
        notes.append(
            _("region inferred from the facility name: {region}").format(region=addr.region)
        )


def _place_in_federal_city(addr: Address, main: Seg | None) -> None:
    """A federal city as region is also the locality; a bare place name with it is a
    place inside the city («г. Москва, Зеленоград»)."""
    if addr.region in FEDERAL_CITIES and addr.locality is None:
        addr.locality = addr.region
    elif (
        addr.region in FEDERAL_CITIES
        and addr.locality not in FEDERAL_CITIES
        and addr.locality is not None
        and main is not None
        and main.kind == "place"
    ):
        addr.sublocality = ", ".join(x for x in (addr.locality, addr.sublocality) if x)
        addr.locality = addr.region


def _street_without_locality(addr: Address) -> None:
    """«111020 Москва Лефортовский Вал д.5 …»: with no comma and no «г.», the locality's
    bare name is glued before the street; the locality line already carries it."""
    if not (addr.street and addr.locality):
        return
    kind, _sep, bare = addr.locality.partition(" ")
    if not (kind.endswith(".") and bare):
        return
    rest = addr.street[len(bare) :].lstrip()
    if addr.street.startswith(bare + " ") and rest[:1].isupper():
        addr.street = rest


# A planning element of a locality (Minfin order 171н: микрорайон, квартал, промзона),
# type before or after its name, written on its own.
_PLANNING = re.compile(
    r"^(?:мкр\.|мкрн\.?|кв-л|микрорайон|квартал|промзона)\s+[^,]+$|^[^,]+\s(?:мкр|мкрн|мкр-н)\.?$",
    re.I,
)


# «Промышленный массив, кв-л 10»: a quarter of an industrial zone is one part with it.
_INDUSTRIAL = re.compile(r"(?<![А-Яа-яЁё])[Пп]ром")


def _set_street_parts(addr: Address, parts: _Parts, notes: list[str]) -> None:
    """District, street, house, building, а/я, facility; unplaced text goes on the
    street (or the facility) line, with a note."""
    if parts.districts:
        addr.district = ", ".join(parts.districts)
    streets = parts.streets
    planning = [x for x in streets if _PLANNING.search(x)]
    industrial = any(_INDUSTRIAL.search(x) for x in streets)
    if planning and not industrial and (len(planning) < len(streets) or addr.sublocality):
        # «мкр. Комсомольский, проезд Димитрова»: a microdistrict or quarter with a street
        # (or a settlement) in it is a part of the locality, not the street line
        streets = [x for x in streets if x not in planning]
        addr.sublocality = ", ".join([*planning, *filter(None, [addr.sublocality])])
    if streets:
        addr.street = ", ".join(streets)
    buildings = parts.buildings
    if parts.houses:
        addr.house = parts.houses[0]
        for h in parts.houses[1:]:
            buildings.append(h if h.startswith("влд") else f"д. {h}")
    if buildings:
        addr.building = ", ".join(buildings)
    if parts.po_boxes:
        addr.po_box = ", ".join(parts.po_boxes)
    if parts.facilities or parts.units:
        # «отряд № 8, ИК № 31 …» → «ИК № 31 …, отряд № 8»: the institution first
        addr.facility = ", ".join(
            _ABBREVIATION_END.sub(r"\1.", part) if part.endswith(_ABBREVIATION_TAILS) else part
            for part in [*parts.facilities, *parts.units]
        )
    if parts.unplaced:
        text = ", ".join(parts.unplaced)
        if addr.street:
            addr.street = f"{addr.street}, {text}"
        elif addr.facility:
            addr.facility = f"{addr.facility}, {text}"
        else:
            addr.street = text
        notes.append(f"kept unrecognised text on the envelope: «{short(text)}»")
