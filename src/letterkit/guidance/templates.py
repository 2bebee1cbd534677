"""The Russian letter templates: listing them and rendering them in a jinja2 sandbox.

jinja2 is imported inside the functions that need it, so importing this module stays
cheap.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from letterkit.address.sender import CITY_TYPE
from letterkit.dates import russian_date, send_by
from letterkit.errors import DataError, NotFoundError, TemplateError
from letterkit.guidance.phrasebook import Phrasebook, read_phrasebook
from letterkit.guidance.writer import Writer, place_phrases
from letterkit.i18n import _
from letterkit.limits import TEMPLATE_MAX_LOOP_ITERATIONS, TEMPLATE_MAX_OUTPUT_CHARS
from letterkit.models import SenderParts
from letterkit.resources import letter_templates_dir

TEMPLATE_SUFFIX = ".ru.j2"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title_en: str
    gloss_en: str
    kind: str
    title_ru: str = ""
    fields: tuple[str, ...] = ()  # optional extra context fields the template reads
    path: Path | None = None
    required: tuple[str, ...] = ()  # extra fields the writer must give (``--field``)
    field_help: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    glosses: tuple[tuple[str, str], ...] = ()  # (Russian sentence, English), ``{}``: a slot
    # sentences to choose with ``--phrase`` (the ``simple`` template), see guidance.phrasebook
    phrasebook: Phrasebook | None = field(default=None, hash=False, compare=False)

    @property
    def slots(self) -> tuple[str, ...]:
        """Every ``--field`` the template reads: required first, then optional."""
        book = self.phrasebook.slots if self.phrasebook is not None else ()
        optional = (f for f in (*self.fields, *book) if f not in self.required)
        return tuple(dict.fromkeys((*self.required, *optional)))


CONTEXT_FIELDS = (
    "first_name",
    "recipient",
    "writer",
    "writer_name",
    "writer_city",
    "date_ru",
    "date",
    "days_to_birthday",
    "birthday",
    "send_by",
    "birthday_in_time",
    "phrases",
    "phrasebook",
)


def make_context(
    *,
    first_name: str,
    recipient: str = "",
    writer: Writer | None = None,
    writer_name: str = "",
    writer_city: str = "",
    date: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    """The context a letter template receives.

    Fields:

    - ``first_name``: the recipient's first name, nominative (``Александр``);
    - ``recipient``: the recipient's full name, nominative (``Баценин Александр
      Дмитриевич``);
    - ``writer``: a :class:`~letterkit.guidance.writer.Writer` — ``writer.first_name``
      (``Мария``), ``writer.signature`` (``Мария Иванова``), ``writer.place`` (``в Твери``,
      ``в селе Кевдо-Вершина``, ``в Германии``), ``writer.place_from`` (``из Твери``),
      ``writer.place_of`` (``Твери``), ``writer.city``, ``writer.country_ru``
      (``Германия``), ``writer.country_in`` (``в Германии``), ``writer.abroad``; every
      field is ``""`` when unknown. Built from ``writer_name``/``writer_city`` when not
      given;
    - ``writer_name``, ``writer_city``: the signature and the town (nominative), kept for
      templates written before ``writer`` existed;
    - ``date``: a ``datetime.date`` (default today);
    - ``date_ru``: the date in Russian, e.g. ``25 ноября 2026 г.`` (babel, long format);
    - ``days_to_birthday`` (when the recipient's birth date is known): days from ``date``
      to the nearest birthday (40 ahead, 0 on the day, -5 after it); from it come
      ``birthday`` (that date), ``send_by`` (the last day to post a letter that arrives in
      time: the birthday minus the delivery time in ``data/delivery.toml``, from abroad
      when ``writer.abroad``) and ``birthday_in_time`` (``date`` is on or before
      ``send_by``).

    - ``phrases`` (a template with a phrasebook, ``simple``): the ids of the sentences to
      write (``--phrase``), None for its default set; the template receives them as
      ``phrasebook``, the letter's paragraphs (see :mod:`letterkit.guidance.phrasebook`).

    Extra keyword arguments are passed through (the ``simple`` template reads ``hobby``:
    ids from its list, ``music`` or ``music,chess``).
    """
    day = date or dt.date.today()
    if writer is None:
        writer = _writer_from_strings(writer_name, writer_city)
    context: dict[str, Any] = {
        "first_name": first_name,
        "recipient": recipient or first_name,
        "writer": writer,
        "writer_name": writer_name or writer.signature,
        "writer_city": writer_city or writer.city,
        "date": day,
        "date_ru": russian_date(day),
    }
    context.update(extra)
    days = context.get("days_to_birthday")
    if isinstance(days, int):
        birthday = day + dt.timedelta(days=days)
        last_day = send_by(birthday, abroad=writer.abroad)
        context.update(birthday=birthday, send_by=last_day, birthday_in_time=day <= last_day)
    return context


def _writer_from_strings(name: str, city: str) -> Writer:
    """A :class:`Writer` from a signature and a town name (``Мария Иванова``, ``Тверь``)."""
    name = " ".join((name or "").split())
    parts = SenderParts(locality=city or None, locality_type=CITY_TYPE if city else None)
    place, place_from, place_of = place_phrases(parts)
    return Writer(
        first_name=name.split()[0] if name else "",
        signature=name,
        city=city or "",
        place=place,
        place_from=place_from,
        place_of=place_of,
        country_ru="Россия",
        country_in="в России",
        country_from="из России",
    )


_YEAR_END = re.compile(r"\d г\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z«])")


def gloss(body: str, info: TemplateInfo | None) -> list[tuple[str, str | None]]:
    """The letter sentence by sentence, each with its English meaning from the template's
    phrasebook or ``glosses`` (``{}`` filled with what the letter says there), or None
    when the template does not know the sentence (the writer's own words, their name)."""
    patterns = []
    for ru, en in info.glosses if info else ():
        parts = [re.escape(p) for p in ru.split("{}")]
        patterns.append((re.compile("(.+?)".join(parts)), en))
    patterns.sort(key=lambda item: len(item[0].pattern), reverse=True)
    book = info.phrasebook if info else None
    out: list[tuple[str, str | None]] = []
    for line in body.splitlines():
        for sentence in split_sentences(line):
            meaning = book.meaning(sentence) if book is not None else None
            for pattern, en in patterns if meaning is None else ():
                # «… 2026 г.» ending a sentence lost the sentence's own period (see
                # _DOUBLE_PERIOD): the slot holds the date with its «г.»
                m = _YEAR_END.search(sentence) and pattern.fullmatch(sentence + ".")
                m = m or pattern.fullmatch(sentence)
                if m:
                    meaning = en.replace("{}", "«{}»").format(*m.groups())
                    break
            out.append((sentence, meaning))
    return out


def split_sentences(line: str) -> list[str]:
    """One line of a letter cut into its sentences (at «.», «!», «?» before a capital)."""
    return [s for s in _SENTENCE_END.split(line.strip()) if s]


def missing_fields(
    info: TemplateInfo, fields: Mapping[str, str], phrases: Iterable[str] | None = None
) -> list[str]:
    """The required slots of ``info`` that ``fields`` leaves empty; for a template with a
    phrasebook, the slots the chosen ``phrases`` (None: the default set) need."""
    if info.phrasebook is not None:
        chosen = info.phrasebook.select(tuple(phrases or ()), info.name)
        needed = info.phrasebook.needed_slots(chosen)
    else:
        needed = list(info.required)
    return [name for name in needed if not str(fields.get(name, "")).strip()]


@cache
def _shipped_metadata() -> tuple[TemplateInfo, ...]:
    return _read_metadata(letter_templates_dir())


def _read_metadata(directory: Path) -> tuple[TemplateInfo, ...]:
    path = directory / "templates.toml"
    if not path.is_file():
        return ()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            _("the template list {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc
    infos = []
    for item in raw.get("template", []):
        try:
            name = str(item["name"])
            book = read_phrasebook(item, f"{path} [{name}]")
            required = tuple(item.get("required", ()))
            field_help = {str(k): str(v) for k, v in item.get("field_help", {}).items()}
            if book is not None:
                defaults = book.select(None, name)
                required = tuple(dict.fromkeys((*required, *book.needed_slots(defaults))))
                field_help = {**book.choice_help, **field_help}
            infos.append(
                TemplateInfo(
                    name=name,
                    title_en=str(item["title_en"]),
                    gloss_en=str(item["gloss_en"]).strip(),
                    kind=str(item.get("kind", "letter")),
                    title_ru=str(item.get("title_ru", "")),
                    fields=tuple(item.get("fields", ())),
                    path=directory / f"{name}{TEMPLATE_SUFFIX}",
                    required=required,
                    field_help=field_help,
                    glosses=tuple((str(ru), str(en)) for ru, en in item.get("glosses", ())),
                    phrasebook=book,
                )
            )
        except KeyError as exc:
            raise DataError(
                _("{path}: a template entry lacks {field}").format(path=path, field=exc)
            ) from exc
    return tuple(infos)


def _dirs(extra_dirs: Iterable[str | Path] | None) -> tuple[str, ...]:
    return tuple(str(Path(d).expanduser()) for d in (extra_dirs or ()))


def list_templates(extra_dirs: Iterable[str | Path] | None = None) -> list[TemplateInfo]:
    """The shipped letter templates, then the user's (``*.ru.j2`` in ``extra_dirs``).

    A user template with a shipped name replaces the shipped one.
    """
    found: dict[str, TemplateInfo] = {}
    shipped = {info.name: info for info in _shipped_metadata()}
    found.update(shipped)
    user: dict[str, TemplateInfo] = {}
    for directory in _dirs(extra_dirs):
        d = Path(directory)
        if not d.is_dir():
            continue
        meta = {info.name: info for info in _read_metadata(d)}
        for path in sorted(d.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name[: -len(TEMPLATE_SUFFIX)]
            if name in user:
                continue
            info = meta.get(name) or TemplateInfo(
                name=name, title_en=name, gloss_en="", kind="user", path=path
            )
            user[name] = info
    found.update(user)
    return list(found.values())


# Work done by the render running in this thread (loop iterations and calls), against
# TEMPLATE_MAX_LOOP_ITERATIONS. A context variable: renders in other threads have their own.
_work: contextvars.ContextVar[list[int]] = contextvars.ContextVar("letterkit_template_work")
# A width or precision in a format string ("%999999999d", "{:>999999999}") that would
# build a string longer than a letter.
_HUGE_FORMAT_WIDTH = re.compile(r"%[-+ #0]*\d{6,}|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}")


def _spend(units: int = 1) -> None:
    """Count template work; a SecurityError once this render has done too much."""
    # deferred: jinja2 costs start-up time and most commands never render a template
    from jinja2.sandbox import SecurityError

    counter = _work.get(None)
    if counter is None:
        return
    counter[0] += units
    if counter[0] > TEMPLATE_MAX_LOOP_ITERATIONS:
        raise SecurityError(
            _("the template does more than {n} loop steps or calls").format(
                n=TEMPLATE_MAX_LOOP_ITERATIONS
            )
        )


def _budgeted(iterable: Any) -> Any:
    """The filter every ``{% for %}`` loop's iterable goes through: one unit a step."""
    for item in iterable:
        _spend()
        yield item


def _check_size(value: Any) -> Any:
    """``value`` itself; a SecurityError for an argument or result too large for a letter."""
    # deferred: see _spend
    from jinja2.sandbox import SecurityError

    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > TEMPLATE_MAX_OUTPUT_CHARS:
        raise SecurityError(_("a number that large is not allowed here"))
    if isinstance(value, str | list | tuple | dict) and len(value) > TEMPLATE_MAX_OUTPUT_CHARS:
        raise SecurityError(_("a value that long is not allowed in a letter"))
    if isinstance(value, str) and _HUGE_FORMAT_WIDTH.search(value):
        raise SecurityError(_("a format width that large is not allowed"))
    return value


def _sized_filter(name: str, func: Any) -> Any:
    """A jinja2 filter whose arguments and result are checked with _check_size."""

    @functools.wraps(func)  # keeps jinja2's pass_context/pass_environment marks
    def checked(*args: Any, **kwargs: Any) -> Any:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, int | str | list | tuple | dict):
                _check_size(arg)
        _spend()
        result = func(*args, **kwargs)
        if isinstance(result, str | list | tuple):
            _check_size(result)
        return result

    return checked


@cache
def _environment(dirs: tuple[str, ...]):
    """A sandboxed jinja2 environment, built once per list of template directories.

    Beyond jinja2's sandbox (no attributes starting with ``_``, no mutation, ``range`` of
    at most 100 000 items): every loop step, call and filter counts against
    ``TEMPLATE_MAX_LOOP_ITERATIONS``; values and filter arguments are limited to
    ``TEMPLATE_MAX_OUTPUT_CHARS`` (checked before the value is built, so memory stays
    small); a user template that is a link to a file outside its folder is refused. No
    signals or threads: this works in any thread and on Windows.
    """
    # deferred: jinja2 costs start-up time and most commands never render a template
    from jinja2 import FileSystemLoader, StrictUndefined, nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range

    user_dirs = [os.path.realpath(d) for d in dirs]

    class LetterLoader(FileSystemLoader):
        """Templates from the folders only: a link in a user folder must stay inside it."""

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            real = os.path.realpath(filename)
            for folder in user_dirs:
                inside = os.path.abspath(filename).startswith(folder + os.sep)
                if inside and not real.startswith(folder + os.sep):
                    raise TemplateError(
                        _(
                            "letter template {name} is a link to a file outside your "
                            "templates folder"
                        ).format(name=repr(template.removesuffix(TEMPLATE_SUFFIX))),
                        hint=_("copy the template into {folder} instead of linking to it").format(
                            folder=folder
                        ),
                    )
            return source, filename, uptodate

    class LetterSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, plus budgets for work and value sizes (a letter is short)."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            tree = super()._parse(source, name, filename)
            for loop in tree.find_all(nodes.For):  # every loop step goes through _budgeted
                loop.iter = nodes.Filter(loop.iter, "letterkit_budget", [], [], None, None)
            return tree

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _spend()
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int | str | list | tuple | dict):
                    _check_size(arg)
            result = super().call(__context, __obj, *args, **kwargs)
            if isinstance(result, str | list | tuple):
                _check_size(result)
            return result

        def wrap_str_format(self, value: Any) -> Any:
            if isinstance(getattr(value, "__self__", None), str):  # "{:>999999999}".format
                _check_size(value.__self__)
            return super().wrap_str_format(value)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "%" and isinstance(left, str):
                _check_size(left)
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(n, int)
                        and len(seq) * n > _MAX_TEMPLATE_VALUE
                    ):
                        raise SecurityError(_("a value that long is not allowed in a letter"))
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError(_("powers that large are not allowed"))
            return super().call_binop(context, operator, left, right)

    env = LetterSandbox(
        loader=LetterLoader([*dirs, str(letter_templates_dir())]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    # No helpers beyond `range`: fewer objects a user template can poke at.
    env.globals.clear()
    env.globals["range"] = safe_range  # the sandbox's range: at most 100 000 items
    env.filters = {name: _sized_filter(name, f) for name, f in env.filters.items()}
    env.filters["letterkit_budget"] = _budgeted
    return env


_MAX_TEMPLATE_VALUE = 100_000  # characters or items one ``*`` may produce


def _template_file(name: str) -> str:
    if name.endswith(".j2"):
        return name
    return f"{name}{TEMPLATE_SUFFIX}"


def _template_line(exc: BaseException) -> int | None:
    """The template line where a runtime error happened (jinja2 rewrites tracebacks)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(
    name: str,
    context: Mapping[str, Any],
    extra_dirs: Iterable[str | Path] | None = None,
) -> str:
    """Render a letter template to the letter BODY (greeting … signature).

    ``name`` is a template name (``first-letter``) or file name (``first-letter.ru.j2``);
    user directories in ``extra_dirs`` are searched before the shipped templates. The
    context is described in :func:`make_context`; ``date_ru`` is filled in from ``date``
    when missing. Templates are sandboxed: they cannot read files outside the template
    directories, import Python modules or reach Python internals.

    Raises :class:`NotFoundError` for an unknown template and :class:`TemplateError` for
    a broken template or an undefined field.
    """
    # deferred: jinja2 costs start-up time (see the module doc)
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2 import exceptions as jexc
    from jinja2.sandbox import SecurityError

    ctx = dict(context)
    if "writer" not in ctx:  # a context from before ``writer`` existed
        ctx["writer"] = _writer_from_strings(ctx.get("writer_name", ""), ctx.get("writer_city", ""))
    if "date" in ctx and "date_ru" not in ctx and ctx["date"] is not None:
        ctx["date_ru"] = russian_date(ctx["date"])
    book = _phrasebook_of(name, extra_dirs)
    if book is not None:
        ctx["phrasebook"], _meanings = book.compose(ctx, ctx.get("phrases"), name)
    env = _environment(_dirs(extra_dirs))
    filename = _template_file(name)
    try:
        template = env.get_template(filename)
    except TemplateNotFound as exc:
        if exc.name != filename:
            raise TemplateError(
                _("letter template {name} includes {other}, which does not exist").format(
                    name=repr(name), other=repr(exc.name)
                )
            ) from None
        names = ", ".join(info.name for info in list_templates(extra_dirs))
        raise NotFoundError(
            _("no letter template {name}").format(name=repr(name)),
            hint=_("available templates: {names}").format(names=names),
        ) from None
    except TemplateSyntaxError as exc:
        raise _syntax_error(name, exc) from None
    except UnicodeDecodeError as exc:
        raise TemplateError(
            _("letter template {name} is not UTF-8 text (byte {byte})").format(
                name=repr(name), byte=exc.start + 1
            ),
            hint=_("save the template as UTF-8 in your editor"),
        ) from None
    except OSError as exc:
        raise TemplateError(
            _("letter template {name} cannot be read: {reason}").format(
                name=repr(name), reason=exc.strerror or exc
            )
        ) from None
    token = _work.set([0])
    try:
        text = _render_limited(template, ctx)
    except SecurityError as exc:
        raise TemplateError(
            _("{template} tried something templates may not do: {reason}").format(
                template=_template_label(name, _template_line(exc)), reason=exc
            ),
            hint=_("templates can only use the letter fields and simple filters"),
        ) from None
    except UndefinedError as exc:
        m = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        if m and m.group(2):
            missing = m.group(2)
        elif m:
            missing = m.group(1)
        else:
            missing = str(exc)
        raise TemplateError(
            _("{template} uses the field {field}, which is not defined").format(
                template=_template_label(name, _template_line(exc)), field=repr(missing)
            ),
            hint=_("fields available: {fields}").format(fields=", ".join(sorted(ctx))),
        ) from None
    except TemplateNotFound as exc:
        raise TemplateError(
            _("letter template {name} includes {other}, which does not exist").format(
                name=repr(name), other=repr(exc.name)
            )
        ) from None
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc.name or name, exc) from None
    except jexc.TemplateError as exc:
        raise TemplateError(
            _("letter template {name} failed: {reason}").format(name=repr(name), reason=exc)
        ) from None
    except Exception as exc:  # a user template can trigger any error (1/0, bad filter args)
        raise TemplateError(
            _("{template} failed: {reason}").format(
                template=_template_label(name, _template_line(exc)),
                reason=f"{type(exc).__name__}: {exc}",
            )
        ) from None
    finally:
        _work.reset(token)
    return _normalise_body(text)


def _phrasebook_of(name: str, extra_dirs: Iterable[str | Path] | None) -> Phrasebook | None:
    bare = name.removesuffix(TEMPLATE_SUFFIX)
    for info in list_templates(extra_dirs):
        if info.name == bare:
            return info.phrasebook
    return None


def _render_limited(template: Any, ctx: Mapping[str, Any]) -> str:
    """``template.render(ctx)``, stopped once the text passes TEMPLATE_MAX_OUTPUT_CHARS."""
    # deferred: see _spend
    from jinja2.sandbox import SecurityError

    parts: list[str] = []
    size = 0
    for chunk in template.generate(ctx):
        size += len(chunk)
        if size > TEMPLATE_MAX_OUTPUT_CHARS:
            raise SecurityError(
                _("the letter is longer than {n} characters").format(n=TEMPLATE_MAX_OUTPUT_CHARS)
            )
        parts.append(chunk)
    return "".join(parts)


def _template_label(name: str, line: int | None) -> str:
    """``letter template 'x'`` or ``letter template 'x', line 3``: the subject of a message."""
    if line:
        return _("letter template {name}, line {line}").format(name=repr(name), line=line)
    return _("letter template {name}").format(name=repr(name))


def _syntax_error(name: str, exc: Any) -> TemplateError:
    return TemplateError(
        _("letter template {name} has a syntax error at line {line}: {reason}").format(
            name=repr(name), line=exc.lineno, reason=exc.message
        )
    )


# A sentence that ends on an abbreviation («… 2 декабря 2026 г.») takes no second period
# (Мильчин А. Э., Чельцова Л. К., «Справочник издателя и автора», on abbreviations at the
# end of a sentence): a field ending in «г.» before a template's «.» gives one. An
# ellipsis («...») stays.
_DOUBLE_PERIOD = re.compile(r"(?<=\w\.)\.(?!\.)(?<!\.\.\.)")


def _normalise_body(text: str) -> str:
    text = _DOUBLE_PERIOD.sub("", text)
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""
