"""The pages of ``letterkit serve``: find, paste an address, write, see and download.

Every page calls the library functions the CLI calls (``directory.find``,
``directory.random_people``, ``directory.birthdays``, ``directory.stale_warning``,
``address.parse.parse_address`` and ``address.format.address_json``,
``targets.resolve_target``, ``writing.letter_body`` and ``writing.plan_letter``,
``guidance.check_text``, ``preview.render_png``); nothing is computed here that the CLI
computes elsewhere. A page session is a guest: it saves a profile only when the writer
ticks "remember me on this computer".

The interface language is one global of :mod:`letterkit.i18n`; each request renders its
page inside ``language(lang)`` with no ``await`` in between, so two requests never mix
their languages (the server runs one event loop in one thread).
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from letterkit import directory, guidance, letterlog, paths, targets, writing
from letterkit.address.format import address_json
from letterkit.address.parse import parse_address
from letterkit.address.validate import missing_parts
from letterkit.dates import russian_day_month, send_by
from letterkit.directory.picks import SEND_BY_WINDOW_DAYS
from letterkit.errors import InputError, LetterkitError
from letterkit.guidance.phrasebook import shown
from letterkit.guidance.writer import suggested_russian_name, writer_view
from letterkit.i18n import LANGUAGES, N_, _, language, ngettext
from letterkit.international import validate_country
from letterkit.models import Prisoner, Sender, Target
from letterkit.preview import DEFAULT_DPI, render_png
from letterkit.profile import load_profile, save_profile
from letterkit.render.envelope import envelope_content
from letterkit.render.geometry import DEFAULT_ENVELOPE, ENVELOPE_SIZES, envelope_size
from letterkit.store import Store
from letterkit.web import evening, update
from letterkit.web.security import CSRF_FIELD, CSRF_HEADER

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

LANG_PARAM = "lang"
LANG_COOKIE = "letterkit-lang"
BLANK = "blank"  # the template choice "start blank"
MAX_RESULTS = 50  # a search shows at most this many people
RANDOM_COUNT = 5
PREVIEW_DPI = DEFAULT_DPI  # as `letterkit preview`: an A4 page is 827 × 1169 px
MAX_FORM_FIELDS = 100
MAX_FORM_BYTES = 1_000_000  # a letter is at most writing.MAX_LETTER_CHARS characters

# The parts of a parsed address, in the order `letterkit address parse` shows them.
FIELD_LABELS = (
    ("postcode", N_("postcode")),
    ("region", N_("region")),
    ("district", N_("district")),
    ("locality", N_("locality")),
    ("sublocality", N_("sublocality")),
    ("street", N_("street")),
    ("house", N_("house")),
    ("building", N_("building")),
    ("po_box", N_("PO box")),
    ("facility", N_("facility")),
)


@dataclass
class WebState:
    """What one run of the server keeps: its secrets, its clock and its data."""

    token: str
    port: int
    csrf: str
    default_lang: str
    today: Callable[[], dt.date] = dt.date.today
    updater: update.Updater = field(default_factory=update.Updater)
    data_generation: int = 0  # the updates whose data the cached store has

    def refresh(self) -> None:
        """After an update of the addresses finished, the next request reads the new
        data (the event loop's thread is the only one that reads these caches)."""
        generation = self.updater.status().generation
        if generation != self.data_generation:
            for name in ("store", "people"):
                self.__dict__.pop(name, None)
            self.data_generation = generation

    @cached_property
    def store(self) -> Store:
        return Store()

    @cached_property
    def people(self) -> list[Prisoner]:
        return self.store.people()

    @cached_property
    def evenings(self) -> evening.Evenings:
        return evening.Evenings()

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
        )
        # letterkit's own catalogues, looked up when a page is rendered (inside language())
        env.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=lambda message: _(message),
            ngettext=lambda s, p, n: ngettext(s, p, n),
            newstyle=False,
        )
        return env


@dataclass
class Page:
    """One request, its language and its input (query or form), while it is answered."""

    request: Request
    state: WebState
    lang: str
    form: Mapping[str, Any]
    extra_headers: dict[str, str] = field(default_factory=dict)

    def value(self, name: str, default: str = "") -> str:
        value = self.form.get(name, default)
        return value if isinstance(value, str) else default

    def values(self, name: str) -> list[str]:
        """Every value of a repeated field (checkboxes of one name), in order."""
        getlist = getattr(self.form, "getlist", None)
        items = getlist(name) if getlist is not None else [self.form.get(name)]
        return [v.strip() for v in items if isinstance(v, str) and v.strip()]

    def render(
        self,
        name: str,
        status: int = 200,
        *,
        switch_form: str | None = None,
        switch_action: str = "",
        switch_default: str = "",
        **values: Any,
    ) -> HTMLResponse:
        """The page ``name``. ``switch_form``: the id of a form the language switch
        re-posts (with ``action=switch_action``), so a letter being written survives the
        switch; ``switch_default``: the ``action`` of the form's own first button (what
        Enter in a field does). Without ``switch_form`` the switch is a link to the same
        address."""
        template = self.state.env.get_template(name)
        here = self.request.url.path
        query = {k: v for k, v in self.request.query_params.items() if k != LANG_PARAM}
        switch = {
            code: here
            + "?"
            + "&".join(f"{k}={_quote(v)}" for k, v in {**query, LANG_PARAM: code}.items())
            for code in LANGUAGES
        }
        html = template.render(
            lang=self.lang,
            csrf=self.state.csrf,
            csrf_field=CSRF_FIELD,
            path=here,
            switch=switch,
            switch_form=switch_form,
            switch_action=switch_action,
            switch_default=switch_default,
            **values,
        )
        return HTMLResponse(html, status_code=status)


def _quote(value: str) -> str:
    return quote(value, safe="")


def choose_language(request: Request, default: str) -> tuple[str, bool]:
    """``?lang=`` (remembered in a cookie), else the cookie, else the browser's
    ``Accept-Language`` (the first of Russian or English it names, by weight), else the
    server's language (``letterkit --lang``, ``LETTERKIT_LANG``, the locale). The flag
    says whether ``?lang=`` asked for it (then the cookie is set)."""
    asked = request.query_params.get(LANG_PARAM, "").strip().lower()
    if asked in LANGUAGES:
        return asked, True
    saved = request.cookies.get(LANG_COOKIE, "")
    if saved in LANGUAGES:
        return saved, False
    best: tuple[float, str] | None = None
    for index, item in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _sep, params = item.strip().partition(";")
        code = tag.strip().lower()[:2]
        if code not in LANGUAGES:
            continue
        weight = 1.0
        for param in params.split(";"):
            key, _eq, number = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(number)
                except ValueError:
                    weight = 0.0
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight - index * 1e-6, code)
    return (best[1] if best else default), False


def _csrf_ok(request: Request, form: Mapping[str, Any], expected: str) -> bool:
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    return isinstance(given, str) and hmac.compare_digest(given.encode(), expected.encode())


Handler = Callable[[Page], Response]


def endpoint(handler: Handler, *, max_bytes: int = MAX_FORM_BYTES, upload: bool = False):
    """A Starlette endpoint around ``handler``: reads the form (POST: with its CSRF
    token; ``upload``: a multipart form with one file, read by
    :func:`letterkit.web.evening.read_upload`), picks the language, renders inside it; a
    LetterkitError is the error page."""

    async def run(request: Request) -> Response:
        state: WebState = request.app.state.web
        form: Mapping[str, Any] = request.query_params
        failed: LetterkitError | None = None
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > max_bytes:
                return _too_large(request, state, max_bytes, upload=upload)
            try:
                if upload:
                    form = await evening.read_upload(request, max_bytes)
                else:
                    form = await request.form(
                        max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=max_bytes
                    )
            except evening.UploadTooLarge:
                return _too_large(request, state, max_bytes, upload=upload)
            except LetterkitError as exc:  # a multipart body that cannot be parsed
                form, failed = {}, exc
            if failed is None and not _csrf_ok(request, form, state.csrf):
                if isinstance(form, FormData):
                    await form.close()
                return PlainTextResponse(
                    "403 Forbidden: the form is from another run of letterkit serve; "
                    "reload the page.\n",
                    status_code=403,
                )
        lang, asked = choose_language(request, state.default_lang)
        state.refresh()
        with language(lang):
            page = Page(request, state, lang, form)
            try:
                if failed is not None:
                    raise failed
                response = handler(page)
            except LetterkitError as exc:
                response = page.render("error.html", status=400, error=exc)
            except Exception as exc:  # a bug: say so, without names or addresses
                sys.stderr.write(
                    f"Bug: letterkit serve failed unexpectedly ({type(exc).__name__}).\n"
                )
                response = page.render("error.html", status=500, error=None)
        if isinstance(form, FormData):
            await form.close()
        if asked:
            response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="strict", path="/")
        return response

    return run


def _too_large(request: Request, state: WebState, limit: int, *, upload: bool = False) -> Response:
    lang, _asked = choose_language(request, state.default_lang)
    with language(lang):
        page = Page(request, state, lang, {})
        if upload:
            error = evening.too_large_error()
        else:
            error = InputError(
                _("the form is too large: at most {mb} MB").format(mb=round(limit / 1e6, 1)),
                hint=_("a letter to a prison should be 1-3 pages; shorten it"),
            )
        return page.render("error.html", status=413, error=error)


# --------------------------------------------------------------------------------------
# Find someone


def person_view(p: Prisoner, today: dt.date) -> dict[str, Any]:
    """What a result card shows about one person: the fields of ``--json``
    (:func:`letterkit.directory.person_json`) and the card's own wording."""
    view = directory.person_json(p, today)
    age = directory.address_age(p, today)
    view.update(
        age=age.phrase() if age is not None else None,
        seen=age.seen.isoformat() if age is not None else None,
        stale=directory.stale_warning(p, today),  # the warning's text, as `show` prints it
        url=view["source_url"],
        source=next((src.title for src in p.sources), None),
        writable=view["writable"] and view["printable"],
    )
    return view


def find_page(page: Page) -> Response:
    state = page.state
    today = state.today()
    query = page.value("q").strip()
    mode = page.value("mode")
    people: list[dict[str, Any]] = []
    heading = None
    total = 0
    if mode == "random":
        picked = directory.random_people(
            state.people, RANDOM_COUNT, written=letterlog.written_slugs()
        )
        people = [person_view(p, today) for p in picked]
        heading = _("Someone to write to")
        total = len(people)
    elif mode == "birthdays":
        # as `letterkit birthdays` with no period: the birthdays whose send-by date (from
        # abroad when the saved profile's country is not RU) falls in the next 30 days
        abroad = load_profile().country != "RU"
        found = directory.birthdays(state.people, today, abroad=abroad)
        for entry in found[:MAX_RESULTS]:
            view = person_view(entry.prisoner, today)
            view["birthday"] = _("{date}: turns {age}, in {days} days; post by {send_by}").format(
                date=entry.date_ru,
                age=entry.age,
                days=entry.days,
                send_by=russian_day_month(send_by(entry.date, abroad=abroad)),
            )
            people.append(view)
        heading = _(
            "Birthdays a letter posted now can reach (send-by dates in the next {days} days)"
        ).format(days=SEND_BY_WINDOW_DAYS)
        total = len(found)
    elif query:
        found_people = directory.find(state.people, query)
        people = [person_view(p, today) for p in found_people[:MAX_RESULTS]]
        heading = _("Found: {n}").format(n=len(found_people))
        total = len(found_people)
    return page.render(
        "find.html",
        query=query,
        mode=mode,
        people=people,
        heading=heading,
        total=total,
        shown=len(people),
        searched=bool(query or mode),
        update=update_view(page),
    )


# --------------------------------------------------------------------------------------
# Update the addresses (letterkit.web.update)

UPDATE_PARAM = "update"  # ?update=running: the button was pressed during an update


def update_view(page: Page) -> dict[str, Any]:
    """The find page's panel about the data: its date, the button (or why it is off),
    a running update's progress, the last update's summary or error."""
    updater = page.state.updater
    status = updater.status()
    summary = status.summary
    return {
        "status": status,
        "offline": updater.offline,
        "data": update.data_date(),
        "already": page.value(UPDATE_PARAM) == "running" and status.running,
        # after the button, the panel comes first (the page reloads itself to follow it)
        "top": bool(page.value(UPDATE_PARAM)),
        "failed": [_(label) for key, label in update.SOURCES if summary and key in summary.failed],
    }


def update_press(page: Page) -> Response:
    """The button: start ``letterkit data update`` (its defaults) in the worker thread,
    then the find page, which follows its progress (POST, redirect, GET)."""
    updater = page.state.updater
    if updater.offline:
        raise InputError(
            _("updating the addresses is off: letterkit serve runs offline "
              "(--offline or LETTERKIT_OFFLINE=1)"),
            hint=_("stop letterkit serve and start it again without --offline and without "
                   "LETTERKIT_OFFLINE=1"),
        )  # fmt: skip
    started = updater.start(letterlog.written_slugs())
    # no #fragment: the page's refresh to the same address must reload it, not scroll
    # (https://html.spec.whatwg.org/multipage/browsing-the-web.html#navigate-fragid)
    where = f"/find?{UPDATE_PARAM}={'started' if started else 'running'}"
    return RedirectResponse(where, status_code=303)


# --------------------------------------------------------------------------------------
# Paste a published line


def parse_page(page: Page) -> Response:
    line = " ".join(page.value("line").split())
    parsed = None
    if line:
        address = parse_address(line)
        data = address_json(address)
        recipient = data["recipient"] or {}
        rows = []
        if recipient:
            nominative = " ".join(
                recipient.get(k) or "" for k in ("last", "first", "middle") if recipient.get(k)
            )
            rows += [
                (_("recipient (dative)"), recipient.get("dative")),
                (_("name (nominative)"), nominative),
                (_("birth year"), recipient.get("birth_year")),
            ]
        rows += [(_(label), data[key]) for key, label in FIELD_LABELS if data.get(key)]
        if data["printable"]:
            verdict = _("Printable.")
        elif missing_parts(address):
            verdict = _("Not printable: something required is missing (see the warnings).")
        else:
            verdict = _("Not printable: see the warnings.")
        parsed = {
            "rows": rows,
            "envelope": data["envelope"],
            "english": data["english"],
            "warnings": [w["message"] for w in data["warnings"]],
            "notes": data["notes"],
            "printable": data["printable"],
            "verdict": verdict,
        }
    # once an address was pasted, the language switch re-posts it
    return page.render("parse.html", switch_form="parse" if line else None, line=line,
                       parsed=parsed)  # fmt: skip


# --------------------------------------------------------------------------------------
# Write, check, see and download


@dataclass
class LetterForm:
    """The write page's form, read into the values `letterkit write` takes."""

    to: str
    template: str
    text: str | None
    sender_text: str
    country: str
    writer_ru: str
    envelope: str
    remember: bool
    fields: dict[str, str]
    phrases: tuple[str, ...] = ()  # the phrasebook's ticked sentences (`write --phrase`)

    @classmethod
    def read(cls, page: Page) -> LetterForm:
        text = page.form.get("text")
        fields = {
            key.removeprefix("field_"): value.strip()
            for key, value in page.form.items()
            if key.startswith("field_") and isinstance(value, str) and value.strip()
        }
        return cls(
            to=" ".join(page.value("to").split()),
            template=page.value("template") or writing.DEFAULT_TEMPLATE,
            text=text.replace("\r\n", "\n") if isinstance(text, str) else None,
            sender_text=page.value("sender"),
            country=page.value("country").strip() or "RU",
            writer_ru=" ".join(page.value("writer_ru").split()),
            envelope=page.value("envelope") or DEFAULT_ENVELOPE,
            remember=page.value("remember") == "1",
            fields=fields,
            phrases=tuple(page.values("phrase")),
        )

    def sender_lines(self) -> list[str]:
        return [
            line for line in (" ".join(x.split()) for x in self.sender_text.splitlines()) if line
        ]

    def sender(self) -> tuple[Sender | None, str | None]:
        """The return address and the signature, as `letterkit write --sender "…"
        --sender-country CC --writer-ru NAME` reads them (no saved profile: the form is
        what the writer sees)."""
        lines = self.sender_lines()
        return writing.prepare_sender(
            "; ".join(lines) if lines else None,
            self.country,
            self.writer_ru or None,
            profile=False,
            read_line=parse_address,
        )


def saved_sender_form() -> dict[str, str]:
    """The form's return address from the saved profile (``sender set`` or "remember me")."""
    profile = load_profile()
    parts = profile.sender_parts
    return {
        "sender": "\n".join(profile.sender_lines),
        "country": profile.country,
        "writer_ru": " ".join(p for p in (parts.first_ru, parts.last_ru) if p)
        if parts is not None and parts.first_ru
        else "",
        "saved": "1" if profile.sender_lines else "",
    }


def remember_sender(form: LetterForm, sender: Sender | None) -> None:
    """Save the return address as `letterkit sender set` does (only when ticked)."""
    if sender is None or not sender.lines:
        return
    profile = load_profile()
    profile.sender_lines = sender.lines
    profile.country = sender.country
    # form.sender() read the parts and the Russian name as `sender set` does
    profile.sender_parts = sender.parts
    save_profile(profile)


def log_letter(form: LetterForm, plan: writing.LetterPlan, signature: str | None) -> None:
    """Record a downloaded letter in the letter log as `letterkit write` records it (only
    when "remember me" is ticked; the log's own rule then decides, see
    :func:`letterlog.is_enabled`)."""
    try:
        writing.record_in_log(
            plan,
            # the template the letter started from; None for a blank page
            template=None if form.template == BLANK else form.template,
            signature=signature,
        )
    except LetterkitError as exc:  # the letter is downloaded; the log is secondary
        sys.stderr.write(
            _("Warning: the letter was not recorded in your letter log: {reason}").format(
                reason=exc.message
            )
            + "\n"
        )


def template_choices(lang: str) -> list[dict[str, Any]]:
    return [
        {
            "name": info.name,
            "title": (info.title_ru if lang == "ru" and info.title_ru else info.title_en),
            "slots": list(info.slots),
            "required": list(info.required),
            "help": dict(info.field_help),
            "groups": _phrase_groups(info),
        }
        for info in guidance.list_templates([paths.user_templates_dir()])
    ]


def _phrase_groups(info: guidance.TemplateInfo) -> list[dict[str, Any]]:
    """A phrasebook's sentences by group for the write page's checkboxes (what
    `templates NAME --phrases` lists); none for a template without one."""
    book = info.phrasebook
    if book is None:
        return []
    return [
        {
            "name": group.name,
            "title": group.title_en,
            "phrases": [
                {"id": p.id, "ru": shown(p.ru), "en": shown(p.en), "default": p.default}
                for p in book.phrases
                if p.group == group.name
            ],
        }
        for group in book.groups
    ]


def _spans(line: str, found: str) -> list[tuple[int, int]]:
    """Where a finding's text stands in its line: the whole text, else each of the words
    the checker joined with commas; the whole line when none is there (a finding about
    the line itself, or a text the checker shortened)."""
    folded = line.lower()
    pieces = [found] if found and found.lower() in folded else found.split(", ")
    spans = []
    for piece in pieces:
        piece = piece.strip().rstrip("…")
        if not piece:
            continue
        start = folded.find(piece.lower())
        while start >= 0:
            spans.append((start, start + len(piece)))
            start = folded.find(piece.lower(), start + len(piece))
    return sorted(spans) or ([(0, len(line))] if line.strip() else [])


def highlighted(body: str, findings: list[guidance.Finding]) -> list[list[dict[str, Any]]]:
    """The letter as lines of pieces; a piece a finding names carries its number."""
    lines = body.split("\n")
    marks: dict[int, list[tuple[int, int, int]]] = {}
    for number, finding in enumerate(findings, 1):
        if 1 <= finding.line <= len(lines):
            for start, end in _spans(lines[finding.line - 1], finding.text or ""):
                marks.setdefault(finding.line - 1, []).append((start, end, number))
    out = []
    for index, line in enumerate(lines):
        pieces: list[dict[str, Any]] = []
        at = 0
        for start, end, number in sorted(marks.get(index, [])):
            if start < at:
                continue  # overlapping marks: the first one wins
            if start > at:
                pieces.append({"text": line[at:start], "mark": None})
            pieces.append(
                {"text": line[start:end], "mark": number, "severity": findings[number - 1].severity}
            )
            at = end
        if at < len(line) or not pieces:
            pieces.append({"text": line[at:], "mark": None})
        out.append(pieces)
    return out


def check_view(body: str, sender: Sender | None, signature: str | None) -> dict[str, Any]:
    """The letter check as the page shows it: the same check `write` runs."""
    check = guidance.check_text(body, has_return_address=True)
    if not writer_view(sender, signature):
        writing.unnamed_writer_finding(check)
    findings = []
    for number, f in enumerate(check.findings, 1):
        rule = guidance.get_rule(f.rule)
        findings.append(
            {
                "number": number,
                "rule": f.rule,
                "severity": f.severity,
                "line": f.line,
                "text": f.text,
                "message": f.message,
                "explanation": rule.explanation(),
                "sources": [s.to_json() for s in rule.sources],
            }
        )
    serious = sum(1 for f in check.findings if f.severity in ("warning", "error"))
    if serious:
        verdict = ngettext(
            "{n} warning: change the letter before you print it — see the marks below.",
            "{n} warnings: change the letter before you print it — see the marks below.",
            serious,
        ).format(n=serious)
    elif check.findings:
        verdict = ngettext(
            "{n} note, nothing that stops the letter; reread it as the censor would.",
            "{n} notes, nothing that stops the letter; reread it as the censor would.",
            len(check.findings),
        ).format(n=len(check.findings))
    else:
        verdict = _(
            "The check found nothing, but it only knows certain words: reread the letter as "
            "the censor would."
        )
    return {
        "findings": findings,
        "lines": highlighted(body, check.findings),
        "verdict": verdict,
        "problems": check.has_problems,
        "empty": not body.strip(),
    }


def _target(page: Page, to: str) -> Target:
    return targets.resolve_target(to, page.state.store)


def _recipient_view(target: Target, today: dt.date) -> dict[str, Any]:
    p = target.prisoner
    recipient = target.address.recipient
    return {
        "name": p.nominative if p is not None else (recipient.dative if recipient else ""),
        "facility": target.address.facility,
        "envelope": envelope_content(target.address, None).recipient,
        "stale": directory.stale_warning(p, today) if p is not None else None,
        "url": directory.page_url(p) if p is not None else None,
        "slug": target.slug,
    }


def write_page(page: Page) -> Response:
    """GET: the letter from a template (or blank) for ``?to=``; POST: check, preview or
    download what the form holds."""
    today = page.state.today()
    if page.request.method == "GET":
        to = " ".join(page.value("to").split())
        if not to:
            return page.render("write_pick.html")
        form = LetterForm.read(page)
        target = _target(page, to)
        saved = saved_sender_form()
        form.sender_text, form.country, form.writer_ru = (
            saved["sender"],
            saved["country"],
            saved["writer_ru"],
        )
        sender, signature = form.sender()
        notice = None
        body = ""
        if form.template != BLANK:
            try:
                body = writing.letter_body(
                    target, sender, today, template=form.template, signature=signature,
                    fields=form.fields, phrases=form.phrases or None,
                )  # fmt: skip
            except LetterkitError as exc:
                notice = exc
        return _write_response(page, form, target, body, sender, signature, saved=saved["saved"],
                               notice=notice)  # fmt: skip
    form = LetterForm.read(page)
    action = page.value("action") or "check"
    target = _target(page, form.to)
    body = form.text or ""
    try:  # an error about a field is shown at the field, the letter kept
        with evening.about_field("country"):
            validate_country(form.country)
        with evening.about_field("sender"):
            sender, signature = form.sender()
    except LetterkitError as exc:
        return _write_response(page, form, target, body, None, None, error=exc)
    if action == "check":
        return _write_response(page, form, target, body, sender, signature)
    try:
        with evening.about_field("envelope"):
            envelope_size(form.envelope)
        profile = load_profile()  # the printer offsets of `letterkit calibrate`
        with evening.about_field("text"):
            plan = writing.plan_letter(
                target,
                body,
                sender=sender,
                date=today,
                envelope=form.envelope,
                offset_mm=(profile.offset_x_mm, profile.offset_y_mm),
                signature=signature,
            )
    except LetterkitError as exc:
        return _write_response(page, form, target, body, sender, signature, error=exc)
    if form.remember:
        remember_sender(form, sender)
        if action == "letter":
            log_letter(form, plan, signature)
    names = writing.output_paths(target.slug, Path("."), text_only=False, gloss=True)
    if action == "gloss":  # `write --gloss`: the English of each sentence, for the writer
        writing.add_gloss(plan, None if form.template == BLANK else form.template, signature)
        assert plan.gloss_pdf is not None
        return Response(
            plan.gloss_pdf,
            media_type="application/pdf",
            headers={"content-disposition": f'attachment; filename="{names["gloss"].name}"'},
        )
    if action in ("letter", "envelope"):
        pdf = plan.letter_pdf if action == "letter" else plan.envelope_pdf
        assert pdf is not None
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"content-disposition": f'attachment; filename="{names[action].name}"'},
        )
    assert plan.letter_pdf is not None and plan.envelope_pdf is not None
    images = {
        "envelope": _data_url(render_png(plan.envelope_pdf, dpi=PREVIEW_DPI, source="envelope")),
        "letter": _data_url(render_png(plan.letter_pdf, dpi=PREVIEW_DPI, source="letter")),
    }
    return _write_response(page, form, target, body, sender, signature, images=images,
                           files={k: v.name for k, v in names.items()})  # fmt: skip


def check_api(page: Page) -> Response:
    """The live check: the same form as the write page, the check's HTML and counts."""
    form = LetterForm.read(page)
    sender, signature = form.sender()
    view = check_view(form.text or "", sender, signature)
    html = page.state.env.get_template("_check.html").render(check=view)
    return JSONResponse({"html": html, "problems": view["problems"], "findings": view["findings"]})


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _write_response(
    page: Page,
    form: LetterForm,
    target: Target,
    body: str,
    sender: Sender | None,
    signature: str | None,
    *,
    saved: str = "",
    notice: LetterkitError | None = None,
    images: dict[str, str] | None = None,
    files: dict[str, str] | None = None,
    error: LetterkitError | None = None,
) -> Response:
    today = page.state.today()
    choices = template_choices(page.lang)
    chosen = next((c for c in choices if c["name"] == form.template), None)
    return page.render(
        "write.html",
        # the language switch re-posts the letter form: what was typed stays, and a
        # preview is shown again
        switch_form="letter",
        switch_action="preview" if images else "check",
        switch_default="check",
        form=form,
        body=body,
        recipient=_recipient_view(target, today),
        templates=choices,
        chosen=chosen,
        blank=BLANK,
        envelopes=list(ENVELOPE_SIZES),
        check=check_view(body, sender, signature),
        suggestion=None if form.writer_ru else suggested_russian_name(sender),
        saved=saved,
        notice=notice,
        images=images,
        files=files,
        date=today.isoformat(),
        status=400 if error is not None else 200,
        error=error,
        error_field=evening.error_field(error),
    )


# --------------------------------------------------------------------------------------
# An evening: a spreadsheet in, the evening's PDFs out (letterkit.web.evening)


def evening_page(page: Page) -> Response:
    """GET: the upload form; POST: read the upload (or the kept one, with other options)
    and print it as ``letterkit batch`` does; the table of rows and the downloads."""
    state = page.state
    if page.request.method == "GET":
        saved = saved_sender_form()
        options = evening.EveningOptions(sender_text=saved["sender"], country=saved["country"])
        return _evening_response(page, options, None, None, None, saved=saved["saved"])
    options = evening.EveningOptions.read(page.form)
    if page.value("action") == "forget":
        state.evenings.forget(page.value("evening"))
        return _evening_response(page, evening.EveningOptions(), None, None, None)
    upload = evening.uploaded(page.form)
    kept = None if upload else state.evenings.get(page.value("evening"))
    if upload is None and kept is None:
        if not options.birthdays and not options.all_people:
            error = InputError(
                _("choose the spreadsheet of the evening first"),
                hint=_("a CSV, XLSX, ODS, JSON Lines or text file with a slug, address or "
                       "name column; or add everyone with a birthday soon"),
            )  # fmt: skip
            return _evening_response(page, options, None, None, error, status=400)
        upload = ("", b"")  # `batch --all` or `batch --birthdays-within DAYS`: no file
    if upload is not None and kept is None:
        options.columns = {}  # a new file: its own headers
    current = kept or state.evenings.add(*upload)  # type: ignore[misc]
    try:
        view = evening.run_evening(current, options, state.today(), state.store)
    except evening.ColumnsNeeded as need:
        return _evening_response(page, options, current, None, need.error, status=400,
                                 columns=_columns_view(need))  # fmt: skip
    except LetterkitError as exc:
        if upload is not None and not current.files:
            state.evenings.forget(current.id)
            current = None
        return _evening_response(page, options, current, None, exc, status=400)
    status = 400 if view["error"] is not None else 200
    columns = None
    if options.columns and current.name:  # the mapping the user gave stays on the form
        headers = evening.header_names(current.name, current.raw)
        columns = _columns_view(evening.ColumnsNeeded(InputError(""), headers, options.columns))
    return _evening_response(page, options, current, view, view["error"], status=status,
                             columns=columns)  # fmt: skip


# What each column can hold, in the order of `letterkit batch --column ROLE=HEADER`.
COLUMN_ROLES = (
    ("slug", N_("slug (letterkit's short name, e.g. batsenin)")),
    ("address", N_("the full published address")),
    ("name", N_("the person's name")),
    ("count", N_("how many envelopes")),
    ("sender", N_("the writer's return address")),
    ("source", N_("a link to the source")),
)


def _columns_view(need: evening.ColumnsNeeded) -> dict[str, Any]:
    return {
        "headers": [
            {"index": i, "header": h, "role": need.guessed.get(h, evening.NOT_READ)}
            for i, h in enumerate(need.headers)
        ],
        "roles": [(role, _(label)) for role, label in COLUMN_ROLES],
        "not_read": evening.NOT_READ,
        "options": evening.column_options(need.guessed),
    }


def _evening_response(
    page: Page,
    options: evening.EveningOptions,
    current: evening.Evening | None,
    view: dict[str, Any] | None,
    error: LetterkitError | None,
    *,
    status: int = 200,
    saved: str = "",
    columns: dict[str, Any] | None = None,
) -> Response:
    return page.render(
        "evening.html",
        status=status,
        options=options,
        evening=current,
        view=view,
        error=error,
        saved=saved,
        columns=columns,
        error_field=evening.error_field(error),
        sheets=evening.label_choices(),
        letters=evening.letter_choices(page.lang),
        envelopes=list(ENVELOPE_SIZES),
        max_mb=evening.MAX_FILE_MB,
        date=page.state.today().isoformat(),
    )


def _gone() -> InputError:
    return InputError(
        _("the files of this evening are no longer kept"),
        hint=_("upload the spreadsheet again on the evening page"),
    )


def evening_download(page: Page) -> Response:
    found = evening.download(page.state.evenings.get(page.value("evening")), page.value("file"))
    if found is None:
        raise _gone()
    return found


def evening_zip(page: Page) -> Response:
    """All the evening's files in one ZIP (:func:`letterkit.web.evening.zip_files`)."""
    found = evening.zip_download(page.state.evenings.get(page.value("evening")))
    if found is None:
        raise _gone()
    return found


def home(page: Page) -> Response:
    return find_page(page)


def not_found(page: Page) -> Response:
    return page.render("error.html", status=404, error=InputError(_("there is no such page")))
