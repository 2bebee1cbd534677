"""A fake Memorial site and Telegram preview, in the real sites' shapes, served from a
local HTTP server (pytest-httpserver) for the ``data update`` tests; and the adapters'
tests on those shapes (CSV list, REST page, person page, Telegram preview).

The shapes follow the public pages: the two ``?download`` lists (``;``-separated name and
``?p=ID`` link), WordPress's REST collection ``/wp-json/wp/v2/figurant`` (``X-WP-Total``,
``X-WP-TotalPages``; https://developer.wordpress.org/rest-api/using-the-rest-api/pagination/),
a person page with the selectors of data/sources.toml, and ``t.me/s/<channel>`` with
``div.tgme_widget_message[data-post]`` posts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug import Request, Response

from letterkit import resources
from letterkit.update.memorial import (
    LayoutChanged,
    parse_csv_list,
    parse_person_page,
    parse_rest_page,
)
from letterkit.update.sources import load_sources
from letterkit.update.telegram import address_posts, match_lines, parse_preview

LISTS = (
    "/list-persecuted/spisok-politzaklyuchyonnyh-presleduemyh-za-religiyu/",
    "/list-persecuted/spisok-politzaklyuchyonnyh-bez-presleduemyh-za-religiyu/",
)
RELIGION = "преследования по религиозному признаку"
OLD = dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)


@dataclass
class Person:
    id: str
    slug: str
    name: str
    born: str | None
    tags: list[str]
    articles: list[str]
    address_text: str | None
    modified: dt.datetime = OLD
    listed: bool = True
    broken: bool = False  # the page lost its layout


@dataclass
class Post:
    id: int
    date: dt.datetime
    lines: list[str]
    reply_to: str | None = None


@dataclass
class Site:
    people: dict[str, Person]
    posts: list[Post] = field(default_factory=list)
    robots: str | None = None
    rest: bool = True
    telegram_redirect: bool = False
    fail_first: dict[str, int] = field(default_factory=dict)  # path → 429s before success
    log: list[str] = field(default_factory=list)

    # -- the shapes -----------------------------------------------------------------
    def csv(self, religion: bool) -> bytes:
        lines = ["ФИО;Ссылка"]
        for p in self.people.values():
            if p.listed and (RELIGION in p.tags) == religion:
                lines.append(f"{p.name};https://memopzk.org/?p={p.id}")
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")

    def page(self, p: Person) -> str:
        tags = "".join(
            f'<li class="dossier-info__item"><a class="dossier-info__link" aria-label="{html.escape(t)}"'
            f' href="https://memopzk.org/tag/x/">{html.escape(t)}</a></li>'
            for t in p.tags
        )
        articles = "".join(
            f'<li class="clause__item"><span>{html.escape(a)}'
            f'<span class="tooltip">Статья УК РФ: подробности</span></span></li>'
            for a in p.articles
        )
        born = ""
        if p.born and len(p.born) == 10:
            y, m, d = p.born.split("-")
            born = f'<div class="human-dossier__birth">Дата рождения: {d}.{m}.{y}</div>'
        elif p.born:
            born = f'<div class="human-dossier__birth">Год рождения: {p.born}</div>'
        address = f"<p>{html.escape(p.address_text)}</p>" if p.address_text else ""
        name = "" if p.broken else f'<div class="human-dossier__name"><h1>{p.name}</h1></div>'
        return (
            "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'>"
            f"<link rel='canonical' href='https://memopzk.org/figurant/{p.slug}/'>"
            f"<title>{p.name}</title></head><body><main><section class='human-dossier'>"
            f"{name}{born}<ul class='dossier-info__list'>{tags}</ul>"
            f"<ul class='clause__list'>{articles}</ul></section>"
            "<button data-modal-open='letter'>Написать письмо</button></main>"
            "<div class='modal' data-modal='letter'><div class='modal-content'>"
            f"<h3>Написать письмо</h3>{address}</div></div></body></html>"
        )

    def rest_items(self, after: dt.datetime | None) -> list[dict]:
        items = [
            {
                "id": int(p.id),
                "slug": p.slug,
                "link": f"https://memopzk.org/figurant/{p.slug}/",
                "modified_gmt": p.modified.replace(tzinfo=None).isoformat(),
                "title": {"rendered": html.escape(p.name)},
            }
            for p in self.people.values()
            if after is None or p.modified >= after
        ]
        return sorted(items, key=lambda i: i["modified_gmt"], reverse=True)

    def preview(self, before: int | None) -> str:
        posts = [p for p in self.posts if before is None or p.id < before][-20:]
        out = []
        for post in posts:
            reply = ""
            if post.reply_to:
                reply = (
                    "<a class='tgme_widget_message_reply' href='https://t.me/pzk_memorial/1'>"
                    "<div class='tgme_widget_message_author'>Политзаключённые. Мемориал</div>"
                    f"<div class='tgme_widget_message_text js-message_reply_text'>{post.reply_to}</div></a>"
                )
            text = "<br/>".join(html.escape(line) for line in post.lines)
            out.append(
                "<div class='tgme_widget_message_wrap js-widget_message_wrap'>"
                f"<div class='tgme_widget_message text_not_supported_wrap js-widget_message' data-post='pzk_memorial/{post.id}'>"
                f"<div class='tgme_widget_message_bubble'>{reply}"
                f"<div class='tgme_widget_message_text js-message_text' dir='auto'>{text}</div>"
                "<div class='tgme_widget_message_footer'><div class='tgme_widget_message_info'>"
                f"<a class='tgme_widget_message_date' href='https://t.me/pzk_memorial/{post.id}'>"
                f"<time datetime='{post.date.isoformat()}' class='time'>12:00</time></a>"
                "</div></div></div></div></div>"
            )
        return (
            "<!DOCTYPE html><html><body><main class='tgme_main'>"
            "<section class='tgme_channel_history js-message_history'>"
            + "".join(out)
            + "</section></main></body></html>"
        )

    # -- the server -----------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        path, args = request.path, request.args
        self.log.append(request.full_path.rstrip("?"))
        left = self.fail_first.get(path, 0)
        if left:
            self.fail_first[path] = left - 1
            return Response("Too Many Requests", status=429, headers={"Retry-After": "5"})
        if path == "/robots.txt":
            if self.robots is None:
                return Response("not found", status=404)
            return Response(self.robots, content_type="text/plain")
        for religion, list_path in zip((True, False), LISTS, strict=True):
            if path == list_path and "download" in args:
                return Response(self.csv(religion), content_type="text/csv; charset=utf-8")
        if path == "/wp-json/wp/v2/figurant":
            if not self.rest:
                return Response('{"code":"rest_no_route"}', status=404)
            after = args.get("modified_after")
            items = self.rest_items(
                dt.datetime.fromisoformat(after).replace(tzinfo=dt.UTC) if after else None
            )
            per_page, page = int(args.get("per_page", 10)), int(args.get("page", 1))
            pages = max(1, -(-len(items) // per_page))
            chunk = items[(page - 1) * per_page : page * per_page]
            return Response(
                json.dumps(chunk, ensure_ascii=False),
                content_type="application/json",
                headers={"X-WP-Total": str(len(items)), "X-WP-TotalPages": str(pages)},
            )
        if path == "/" and "p" in args:
            p = next((p for p in self.people.values() if p.id == args["p"]), None)
            if p is None:
                return Response("not found", status=404)
            return Response(
                "", status=301, headers={"Location": f"https://memopzk.org/figurant/{p.slug}/"}
            )
        m = re.fullmatch(r"/figurant/([a-z0-9-]+)/", path)
        if m and m.group(1) in self.people:
            p = self.people[m.group(1)]
            body = self.page(p)
            etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
            if request.headers.get("If-None-Match") == etag:
                return Response("", status=304, headers={"ETag": etag})
            return Response(body, content_type="text/html; charset=utf-8", headers={"ETag": etag})
        if path == "/s/pzk_memorial":
            if self.telegram_redirect:
                return Response("", status=302, headers={"Location": "https://telegram.org/"})
            before = int(args["before"]) if "before" in args else None
            return Response(self.preview(before), content_type="text/html; charset=utf-8")
        return Response("not found", status=404)

    def pages_requested(self) -> list[str]:
        return [p for p in self.log if p.startswith("/figurant/")]


def shipped_records() -> tuple[dict, list[dict]]:
    path = next((resources.data_dir() / "directory").glob("memopzk-*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, data["records"]


def site_from(records: list[dict]) -> Site:
    return Site(
        {
            r["id"]: Person(
                id=r["memorial_id"],
                slug=r["id"],
                name=r["name"],
                born=r["born"],
                tags=list(r["tags"]),
                articles=list(r["articles"]),
                address_text=r["address_text"],
            )
            for r in records
        },
        posts=[Post(90, OLD, ["Сегодня суд над политзаключённым. Пишите письма!"])],
    )


def install_directory(user_dir: Path, records: list[dict], snapshot: str = "2025-02-22") -> Path:
    """A small directory in use (the user's), so a test converts a few dozen records."""
    data, _all = shipped_records()
    data = {**data, "snapshot": snapshot, "records": records}
    folder = user_dir / "directory"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"memopzk-{snapshot}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def serve(httpserver, monkeypatch, site: Site) -> Site:
    httpserver.expect_request(re.compile(".*")).respond_with_handler(site.handle)
    monkeypatch.setenv("LETTERKIT_MEMORIAL_BASE", f"http://localhost:{httpserver.port}")
    monkeypatch.setenv("LETTERKIT_TELEGRAM_BASE", f"http://127.0.0.1:{httpserver.port}")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("LETTERKIT_OFFLINE", raising=False)
    return site


# ------------------------------------------------------------- the adapters, on these shapes

SOURCES = load_sources()


def sample_site() -> Site:
    _data, records = shipped_records()
    return site_from([r for r in records if r["writable"]][:3])


def test_csv_list_is_read():
    site = sample_site()
    listed = parse_csv_list(site.csv(True), "list") + parse_csv_list(site.csv(False), "list")
    assert sorted(p.memorial_id for p in listed) == sorted(p.id for p in site.people.values())
    assert all(p.url.startswith("https://memopzk.org/?p=") for p in listed)


def test_csv_without_links_is_a_changed_layout():
    with pytest.raises(LayoutChanged) as err:
        parse_csv_list("ФИО;Ссылка\r\nИванов Иван;нет\r\n".encode(), "list.csv")
    assert str(err.value) == "list.csv: no row has a name and a page link (2 rows read)"


def test_rest_page_is_read():
    site = sample_site()
    items = parse_rest_page(json.dumps(site.rest_items(None)).encode(), "rest")
    assert {i.slug for i in items} == set(site.people)
    assert all(i.modified == OLD for i in items)


def test_person_page_is_read_without_tooltips():
    site = sample_site()
    person = next(iter(site.people.values()))
    page = parse_person_page(site.page(person), SOURCES.memorial["selectors"], "u")
    assert page.name == person.name
    assert page.articles == person.articles  # the tooltip text is gone
    assert page.tags == person.tags
    assert page.born == person.born
    assert page.address_text == " ".join(person.address_text.split())


def test_person_page_without_the_name_fails_loudly():
    site = sample_site()
    person = next(iter(site.people.values()))
    person.broken = True
    with pytest.raises(LayoutChanged) as err:
        parse_person_page(site.page(person), SOURCES.memorial["selectors"], "https://x/")
    assert "the person's name (div.human-dossier__name h1) is not on the page" in str(err.value)


def test_telegram_posts_reply_quotes_are_not_the_post():
    site = sample_site()
    line = (
        "690000, Приморский край, г. Владивосток, ул. Тест, д. 1, ФКУ СИЗО-1, "
        "Иванову Ивану Ивановичу, 1980 г. р."
    )
    site.posts = [
        Post(7, dt.datetime(2025, 3, 1, tzinfo=dt.UTC), ["Новые адреса политзаключённых", line]),
        Post(8, dt.datetime(2025, 3, 2, tzinfo=dt.UTC), ["Спасибо!"], reply_to="Новые адреса"),
    ]
    posts = parse_preview(site.preview(None), SOURCES.telegram["selectors"], "https://t.me/p/{id}")
    assert [p.id for p in posts] == [7, 8]
    assert posts[1].lines == ("Спасибо!",)
    assert [p.id for p in address_posts(posts, ["Новые адреса"])] == [7]
    assert posts[0].lines[1] == line  # <br> is a line break
    matched = match_lines(posts[:1], {"ivanov": ("Иванов Иван Иванович", 1980)})
    assert [(m.slug, m.note) for m in matched] == [("ivanov", None)]
    other_year = match_lines(posts[:1], {"ivanov": ("Иванов Иван Иванович", 1981)})
    assert other_year[0].slug is None and "no one" in other_year[0].note
