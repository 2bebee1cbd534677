"""Plain data classes shared by the library: addresses, people, facilities, senders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

# Address fields in the order of the ``address parse --json`` object (README, tests/conftest.py).
ADDRESS_FIELDS = (
    "postcode",
    "region",
    "district",
    "locality",
    "sublocality",
    "street",
    "house",
    "building",
    "po_box",
    "facility",
)


@dataclass(frozen=True)
class Issue:
    """A warning about an address; as JSON ``{"code", "field", "message"}``."""

    code: str
    field: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "message": self.message}


@dataclass
class Recipient:
    """The addressee. ``dative`` is what the envelope prints (Кому?)."""

    dative: str
    last: str | None = None
    first: str | None = None
    middle: str | None = None
    gender: str | None = None  # "m", "f" or None
    birth_year: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Address:
    """A postal address in its parts, Russian Post order is produced by ``format``.

    ``house`` holds the number only (``71``, ``13А``, ``10/1``, or ``влд. 1А``);
    ``building`` holds its word (``корп. 2``, ``стр. 8``); ``po_box`` is ``а/я 12``;
    ``locality`` and ``sublocality`` keep their type word (``г. Южно-Сахалинск``).
    """

    postcode: str | None = None
    region: str | None = None
    district: str | None = None
    locality: str | None = None
    sublocality: str | None = None
    street: str | None = None
    house: str | None = None
    building: str | None = None
    po_box: str | None = None
    facility: str | None = None
    recipient: Recipient | None = None
    printable: bool = False
    warnings: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def parts(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in ADDRESS_FIELDS}


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"title": self.title, "url": self.url}


@dataclass
class Facility:
    """A penal facility (data/facilities/<id>.toml)."""

    id: str
    name: str  # full Russian name: ФКУ ИК-1 УФСИН России по Сахалинской области
    type: str  # ИК, СИЗО, КП, …
    number: str | None
    administration: str | None  # УФСИН России по Сахалинской области
    postcode: str
    region: str
    locality: str
    street: str | None
    house: str | None
    sources: list[Source]
    checked: dt.date
    district: str | None = None
    sublocality: str | None = None
    building: str | None = None
    po_box: str | None = None
    name_en: str | None = None
    origin: str = "shipped"  # "shipped" or "user"
    path: str | None = None


@dataclass
class Prisoner:
    """A person one can write to (data/prisoners/<slug>.toml, or a directory record)."""

    slug: str
    last: str
    first: str
    middle: str | None
    gender: str | None
    birth_year: int | None
    sources: list[Source]
    checked: dt.date
    facility_id: str | None = None
    address: Address | None = None  # resolved postal address (facility + recipient)
    birth_date: dt.date | None = None
    summary_en: str | None = None
    summary_ru: str | None = None
    sentence: str | None = None
    notes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str | None = None
    snapshot: dt.date | None = None  # date of the data snapshot a record came from
    address_seen: dt.date | None = None  # the day a source last confirmed the address
    address_source: str | None = None  # the URL that confirmed it (page or post)
    origin: str = "shipped"  # "user", "shipped" (hand-made) or "snapshot"
    path: str | None = None

    @property
    def nominative(self) -> str:
        return " ".join(p for p in (self.last, self.first, self.middle) if p)

    @property
    def writable(self) -> bool:
        return self.address is not None and self.address.printable


@dataclass
class SenderParts:
    """What the return address says about the writer, parsed once (``sender set``).

    The name as written (Cyrillic for a Russian sender; a writer abroad may add a Russian
    spelling in ``first_ru``/``last_ru``); ``locality`` without its type word, nominative
    (``Кевдо-Вершина``), ``locality_type`` the short type word (``с.``, ``г.``; None when
    unknown); for a writer abroad ``locality`` is the Russian name of the city when one is
    known, else None.
    """

    first: str | None = None
    last: str | None = None
    middle: str | None = None
    gender: str | None = None  # "m", "f" or None
    locality: str | None = None
    locality_type: str | None = None
    district: str | None = None
    region: str | None = None
    postcode: str | None = None
    first_ru: str | None = None
    last_ru: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SenderParts:
        names = cls.__dataclass_fields__
        return cls(**{k: str(v) for k, v in raw.items() if k in names and v is not None})


# Reads a published address line: ``letterkit.address.parse.parse_address``. Taken as an
# argument where a line is read only sometimes (a record of the user's own, a return
# address not read before), so that ``write batsenin`` need not import the parser.
LineReader = Callable[[str], Address]


@dataclass
class Sender:
    """The writer's return address: lines as printed, top to bottom, and (when known)
    their parsed :class:`SenderParts`."""

    lines: list[str]
    country: str = "RU"  # ISO 3166 alpha-2
    parts: SenderParts | None = None

    @classmethod
    def parse(cls, text: str, country: str = "RU") -> Sender:
        """``"Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"``."""
        lines = [" ".join(part.split()) for part in text.split(";")]
        return cls(lines=[line for line in lines if line], country=(country or "RU").upper())

    @property
    def name(self) -> str | None:
        return self.lines[0] if self.lines else None

    @property
    def postcode(self) -> str | None:
        """A 6-digit Russian postcode among the lines (for the sender stencil)."""
        import re

        if self.country != "RU":
            return None
        if self.parts is not None and self.parts.postcode:
            return self.parts.postcode
        for line in reversed(self.lines):
            m = re.search(r"(?<!\d)(\d{6})(?!\d)", line)
            if m:
                return m.group(1)
        return None


@dataclass
class Target:
    """Whom a letter is for: a known record or a published address line
    (``letterkit.targets.resolve_target`` makes one)."""

    slug: str
    address: Address
    prisoner: Prisoner | None = None

    @property
    def first_name(self) -> str | None:
        if self.prisoner is not None:
            return self.prisoner.first
        return self.address.recipient.first if self.address.recipient else None
