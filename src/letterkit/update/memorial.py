"""Memorial's site as data update reads it: the CSV lists, the WordPress REST collection
of person pages, and a person page (selectors in data/sources.toml ``[memorial]``).

Every function takes text or bytes and returns plain values: the fetching is in
:mod:`letterkit.update.run`, so each adapter is tested on fixtures in the site's shape.
A person page whose selectors find nothing raises :class:`LayoutChanged`: a changed
layout fails loudly, it never turns into "no address".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from letterkit.errors import LetterkitError
from letterkit.i18n import _
from letterkit.limits import load_json
from letterkit.textfile import decode_text


class LayoutChanged(LetterkitError):
    """A fetched page or file does not have the shape the selectors expect."""


@dataclass(frozen=True)
class Listed:
    """One person in Memorial's CSV list."""

    memorial_id: str
    name: str
    url: str


def parse_csv_list(raw: bytes, where: str) -> list[Listed]:
    """Memorial's ``?download`` list: ``;``-separated, the name and the page URL with
    ``?p=ID`` (a header row, if any, is skipped). Raises :class:`LayoutChanged` when no
    row has that shape."""
    text = decode_text(raw, where, hint=_("save the list as UTF-8")).text
    out: list[Listed] = []
    rows = 0
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        cells = [c.strip() for c in row if c.strip()]
        if not cells:
            continue
        rows += 1
        url = next((c for c in cells if c.startswith(("http://", "https://"))), None)
        if url is None:
            continue  # a header or a note
        page_id = _page_id(url)
        name = next((c for c in cells if c is not url and not c.startswith("http")), "")
        if page_id is None or not name:
            continue
        out.append(Listed(page_id, " ".join(name.split()), url))
    if not out:
        raise LayoutChanged(
            _("{where}: no row has a name and a page link ({rows} rows read)").format(
                where=where, rows=rows
            ),
            hint=_("Memorial may have changed the list's format; nothing was changed"),
        )
    return out


def _page_id(url: str) -> str | None:
    parts = urlsplit(url)
    values = parse_qs(parts.query).get("p")
    if values and values[0].isdigit():
        return values[0]
    return None


@dataclass(frozen=True)
class Changed:
    """A person page the REST collection says changed."""

    memorial_id: str
    slug: str
    link: str
    modified: dt.datetime  # UTC
    title: str


def parse_rest_page(raw: bytes, where: str) -> list[Changed]:
    """One page of ``/wp-json/wp/v2/figurant?_fields=id,slug,link,modified_gmt,title``."""
    try:
        items = load_json(raw)  # nesting and number limits: letterkit.limits
    except ValueError as exc:  # not JSON, not UTF-8, or over a limit
        raise LayoutChanged(
            _("{where}: not JSON ({reason})").format(where=where, reason=exc)
        ) from None
    if not isinstance(items, list):
        raise LayoutChanged(_("{where}: not a list of pages").format(where=where))
    out = []
    for item in items:
        try:
            title = item["title"]
            title = title.get("rendered", "") if isinstance(title, dict) else str(title)
            modified = dt.datetime.fromisoformat(item["modified_gmt"]).replace(tzinfo=dt.UTC)
            out.append(
                Changed(
                    str(item["id"]),
                    str(item["slug"]),
                    str(item["link"]),
                    modified,
                    HTMLParser(title).text().strip() if title else "",
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise LayoutChanged(
                _("{where}: a page entry lacks {field}").format(where=where, field=exc)
            ) from None
    return out


@dataclass
class PersonPage:
    """What a person page says."""

    name: str
    articles: list[str]
    tags: list[str]
    born: str | None  # YYYY-MM-DD or YYYY, None when the page does not say
    address_text: str | None
    slug: str | None = None
    notes: list[str] = field(default_factory=list)


_DATE_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _text(node: Any) -> str:
    """A node's text with ``<br>`` as line breaks and spaces normalised in each line."""
    html = node.html or ""
    html = re.sub(r"<br\s*/?>", "\n", html, flags=re.IGNORECASE)
    text = HTMLParser(html).text(separator="")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def parse_person_page(html: str, selectors: dict[str, str], url: str) -> PersonPage:
    """A person page → :class:`PersonPage`. The name and the letter modal must be found
    (:class:`LayoutChanged` otherwise); an empty modal means no address is published."""
    tree = HTMLParser(html)
    name_node = tree.css_first(selectors["name"])
    if name_node is None or not name_node.text(strip=True):
        raise LayoutChanged(
            _("{url}: the person's name ({selector}) is not on the page").format(
                url=url, selector=selectors["name"]
            ),
            hint=_("Memorial's page layout changed; nothing was changed. Please report it."),
        )
    if tree.css_first(selectors["address_block"]) is None:
        raise LayoutChanged(
            _("{url}: the «написать письмо» block ({selector}) is not on the page").format(
                url=url, selector=selectors["address_block"]
            ),
            hint=_("Memorial's page layout changed; nothing was changed. Please report it."),
        )
    articles = []
    for node in tree.css(selectors["articles"]):
        for tip in node.css(selectors["article_tooltip"]):
            tip.decompose()
        text = " ".join(node.text().split())
        if text:
            articles.append(text)
    tags = []
    for node in tree.css(selectors["tags"]):
        label = node.attributes.get(selectors["tag_attribute"]) or node.text()
        label = " ".join((label or "").split())
        if label and label not in tags:
            tags.append(label)
    born = None
    born_node = tree.css_first(selectors["born"])
    if born_node is not None:
        text = born_node.text()
        if m := _DATE_RU.search(text):
            day, month, year = (int(g) for g in m.groups())
            try:
                born = dt.date(year, month, day).isoformat()
            except ValueError:
                born = None
        elif m := _YEAR.search(text):
            born = m.group(1)
    paragraphs = [_text(p) for p in tree.css(selectors["address"])]
    address = " ".join(" ".join(p.split("\n")) for p in paragraphs if p).strip() or None
    return PersonPage(
        name=" ".join(name_node.text().split()),
        articles=articles,
        tags=tags,
        born=born,
        address_text=address,
    )
