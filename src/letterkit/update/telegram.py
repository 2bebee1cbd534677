"""Memorial's weekly «Новые адреса…» posts on the public web preview of its Telegram
channel (``https://t.me/s/pzk_memorial``; selectors in data/sources.toml ``[telegram]``).

Memorial announces transfers there first; the person pages follow, sometimes weeks
later. A post lists address lines in Memorial's usual one-line form. Each line is parsed
by the address engine and matched to a record by the derived nominative name plus the
birth year (a transfer changes the postcode, so it is never used to match); an
ambiguous or unmatched line is a note, never applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from letterkit.address.parse import parse_address
from letterkit.directory._common import fold
from letterkit.errors import LetterkitError
from letterkit.i18n import language
from letterkit.update.memorial import _text

_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
_LEAD = re.compile(r"^[\W_]+")  # emoji and punctuation before a post's title


@dataclass(frozen=True)
class Post:
    id: int
    url: str
    when: dt.datetime  # UTC
    lines: tuple[str, ...]

    @property
    def date(self) -> dt.date:
        return self.when.date()


def parse_preview(html: str, selectors: dict[str, str], post_url: str) -> list[Post]:
    """The posts of one preview page, oldest first (none past the oldest post)."""
    tree = HTMLParser(html)
    nodes = tree.css(selectors["post"])
    posts = []
    for node in nodes:
        ref = node.attributes.get(selectors["post_attribute"]) or ""
        number = ref.rsplit("/", 1)[-1]
        if not number.isdigit():
            continue
        for quoted in node.css(selectors["reply"]):  # a reply quotes another post's text
            quoted.decompose()
        text = node.css_first(selectors["text"])
        when = node.css_first(selectors["date"])
        if text is None or when is None or not when.attributes.get("datetime"):
            continue  # a photo or a sticker without text
        try:
            stamp = dt.datetime.fromisoformat(when.attributes["datetime"])
        except ValueError:
            continue
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=dt.UTC)
        lines = tuple(_text(text).split("\n"))
        posts.append(Post(int(number), post_url.format(id=number), stamp.astimezone(dt.UTC), lines))
    return sorted(posts, key=lambda p: p.id)


def address_posts(posts: Iterable[Post], prefixes: Iterable[str]) -> list[Post]:
    """The posts that announce new addresses (their first line starts with a prefix)."""
    starts = tuple(prefixes)
    return [p for p in posts if p.lines and _LEAD.sub("", p.lines[0]).startswith(starts)]


@dataclass(frozen=True)
class Announcement:
    """One address line of a post, matched (``slug``) or not (``note``)."""

    post: Post
    line: str
    slug: str | None
    note: str | None = None


def match_lines(
    posts: Iterable[Post], people: dict[str, tuple[str, int | None]]
) -> list[Announcement]:
    """Match each address line to ``people`` (slug → (nominative, birth year)).

    A line matches when the engine's nominative of the recipient and the birth year
    equal exactly one person's; the newest post wins for a person.
    """
    index: dict[tuple[str, int], list[str]] = {}
    for slug, (nominative, year) in people.items():
        if year is not None:
            index.setdefault((fold(nominative), year), []).append(slug)
    out: list[Announcement] = []
    for post in posts:
        for line in post.lines[1:]:
            if not _POSTCODE.search(line):
                continue
            try:
                with language("en"):
                    address = parse_address(line)
            except LetterkitError as exc:
                out.append(Announcement(post, line, None, f"not parsed: {exc.message}"))
                continue
            r = address.recipient
            if r is None or not r.last or r.birth_year is None:
                out.append(Announcement(post, line, None, "no name with a birth year"))
                continue
            derived = " ".join(p for p in (r.last, r.first, r.middle) if p)
            found = index.get((fold(derived), r.birth_year), [])
            if len(found) == 1:
                out.append(Announcement(post, line, found[0]))
            elif found:
                out.append(
                    Announcement(post, line, None, f"{derived}, {r.birth_year}: several people")
                )
            else:
                out.append(Announcement(post, line, None, f"{derived}, {r.birth_year}: no one"))
    return out
