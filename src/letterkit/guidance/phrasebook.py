"""A template's phrasebook: sentences a writer without Russian chooses, each with its
English meaning (the ``simple`` template, ``templates/letters/templates.toml``).

The phrases come in groups (greeting, about me, where I live, …), printed in the order
of the groups whatever order they are chosen in; consecutive groups with the same
``paragraph`` share a paragraph. A phrase may hold placeholders:

- ``{first_name}`` and other plain context fields (``{date_ru}``);
- ``{writer.place}`` and the other :class:`~letterkit.guidance.writer.Writer` fields;
- ``{hobby.acc}``: a *choice* slot, filled with ``--field hobby=ID`` (``music``, several
  as ``music,chess``) from the template's list, each value with its Russian forms (``acc``
  for «Я люблю музыку», ``ins`` for «Я увлекаюсь музыкой») and its English (``.en``).

A phrase whose writer or context field is empty (no name, no town) is left out; a choice
slot the chosen phrases need and that is not given is an error naming the ``--field``.
Substitution is a lookup in those three kinds of fields only, never ``str.format`` (a
user's phrasebook cannot reach Python attributes).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from letterkit.errors import DataError, InputError, LetterkitError, TemplateError
from letterkit.guidance.writer import Writer
from letterkit.i18n import _

PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\.([a-z_]+))?\}")
MAX_CHOICES = 3  # hobbies in one sentence: «музыку, шахматы и футбол»
_WRITER_FIELDS = frozenset(f.name for f in dataclasses.fields(Writer))
# Top-level context fields a phrase may name (letterkit.guidance.templates.make_context).
PLAIN_FIELDS = frozenset({"first_name", "recipient", "date_ru"})


# What a placeholder stands for, as a writer reads it where the phrases are listed
# (``templates simple --phrases``, the write page of ``serve``): «<their first name>».
SLOT_LABELS = {
    "first_name": "their first name",
    "recipient": "their full name",
    "writer.first_name": "your first name",
    "writer.signature": "your name",
    "writer.place": "in your town",
    "writer.country_ru": "your country",
    "writer.country_in": "in your country",
    "writer.country_from": "from your country",
    "hobby.acc": "hobby",
    "hobby.ins": "hobby",
    "hobby.en": "hobby",
}


def shown(text: str) -> str:
    """``text`` with each placeholder as what goes there: «Я живу <in your town>.»"""
    return PLACEHOLDER.sub(
        lambda m: f"<{SLOT_LABELS.get(m.group(0)[1:-1], m.group(0)[1:-1])}>", text
    )


@dataclass(frozen=True)
class Choice:
    """One value of a choice slot: a hobby with its Russian forms and its English."""

    id: str
    en: str
    forms: Mapping[str, str] = field(hash=False, compare=False)
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Everything ``--field`` accepts for it: the id, the Russian forms, the aliases."""
        return (self.id, *self.forms.values(), *self.aliases)


@dataclass(frozen=True)
class Phrase:
    id: str
    group: str
    ru: str
    en: str
    default: bool = False
    needs: tuple[str, ...] = ()  # context fields that must be true (``writer.abroad``)

    @property
    def placeholders(self) -> list[tuple[str, str | None]]:
        return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(self.ru)]


@dataclass(frozen=True)
class Group:
    name: str
    title_en: str
    paragraph: str
    phrases: tuple[Phrase, ...]
    one: bool = False  # at most one phrase of the group (a letter has one greeting)


@dataclass(frozen=True)
class Phrasebook:
    groups: tuple[Group, ...]
    choices: Mapping[str, tuple[Choice, ...]] = field(hash=False, compare=False)
    choice_help: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def phrases(self) -> list[Phrase]:
        return [p for g in self.groups for p in g.phrases]

    def phrase(self, phrase_id: str) -> Phrase | None:
        return next((p for p in self.phrases if p.id == phrase_id), None)

    @property
    def default_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.phrases if p.default)

    def slots_of(self, phrase: Phrase) -> list[str]:
        """The choice slots (``--field`` names) ``phrase`` needs."""
        out = []
        for name, _attr in phrase.placeholders:
            if name in self.choices and name not in out:
                out.append(name)
        return out

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(self.choices)

    def needed_slots(self, phrases: Sequence[Phrase]) -> list[str]:
        out: list[str] = []
        for phrase in phrases:
            out += [s for s in self.slots_of(phrase) if s not in out]
        return out

    def select(self, ids: Sequence[str] | None, template: str) -> list[Phrase]:
        """The phrases ``ids`` name (the default set when None or empty), in the order of
        the groups. An unknown id: InputError naming the nearest ids."""
        if not ids:
            ids = self.default_ids
        known = {p.id for p in self.phrases}
        for phrase_id in ids:
            if phrase_id not in known:
                close = difflib.get_close_matches(phrase_id, sorted(known), n=3, cutoff=0.5)
                message = _("the template '{template}' has no phrase '{id}'").format(
                    template=template, id=phrase_id
                )
                if close:
                    message += "; " + _("did you mean: {ids}?").format(ids=", ".join(close))
                raise InputError(
                    message,
                    hint=_(
                        "see the phrases and their ids: letterkit templates {template} --phrases"
                    ).format(template=template),
                )
        wanted = set(ids)
        chosen = [p for p in self.phrases if p.id in wanted]
        for group in self.groups:
            both = [p.id for p in chosen if p.group == group.name]
            if group.one and len(both) > 1:
                raise InputError(
                    _("--phrase {ids}: choose one of them ({group})").format(
                        ids=", ".join(both), group=group.title_en
                    ),
                    hint=_(
                        "see the phrases and their ids: letterkit templates {template} --phrases"
                    ).format(template=template),
                )
        return chosen

    def resolve(self, slot: str, value: str, template: str) -> tuple[Choice, ...]:
        """``--field hobby=music,chess`` → the two choices; an unknown one: InputError."""
        items = [v.strip() for v in re.split(r"[,;]", value) if v.strip()]
        out: list[Choice] = []
        by_name = {}
        for choice in self.choices[slot]:
            for name in choice.names():
                by_name.setdefault(name.casefold(), choice)
        for item in items:
            choice = by_name.get(item.casefold())
            if choice is None:
                ids = [c.id for c in self.choices[slot]]
                close = difflib.get_close_matches(item.casefold(), list(by_name), n=1, cutoff=0.6)
                message = _("--field {slot}={value}: not one of the template's choices").format(
                    slot=slot, value=item
                )
                if close:
                    message += "; " + _("did you mean: {ids}?").format(ids=by_name[close[0]].id)
                raise InputError(
                    message,
                    hint=_("choose from: {ids} (letterkit templates {template} --phrases)").format(
                        ids=", ".join(ids), template=template
                    ),
                )
            if choice not in out:
                out.append(choice)
        if len(out) > MAX_CHOICES:
            raise InputError(
                _("--field {slot}: at most {n} at once").format(slot=slot, n=MAX_CHOICES),
                hint=_("e.g. --field {example}").format(
                    example=self.choice_help.get(slot, f"{slot}=…")
                ),
            )
        return tuple(out)

    def compose(
        self,
        context: Mapping[str, Any],
        ids: Sequence[str] | None,
        template: str,
    ) -> tuple[list[str], list[tuple[str, str]]]:
        """The letter's paragraphs from the chosen phrases, and each sentence written
        with its English meaning. A phrase whose context field is empty is left out."""
        phrases = self.select(ids, template)
        chosen: dict[str, tuple[Choice, ...]] = {}
        for slot in self.needed_slots(phrases):
            value = str(context.get(slot) or "").strip()
            if not value:
                example = self.choice_help.get(slot)
                raise missing_slot_error(template, slot, example, TemplateError)
            chosen[slot] = self.resolve(slot, value, template)
        paragraphs: list[list[str]] = []
        pairs: list[tuple[str, str]] = []
        last_paragraph = None
        for group in self.groups:
            for phrase in group.phrases:
                if phrase not in phrases:
                    continue
                filled = _fill(phrase, context, chosen)
                if filled is None:
                    continue
                if group.paragraph != last_paragraph or not paragraphs:
                    paragraphs.append([])
                    last_paragraph = group.paragraph
                paragraphs[-1].append(filled[0])
                pairs.append(filled)
        return [" ".join(p) for p in paragraphs], pairs

    def meaning(self, sentence: str) -> str | None:
        """The English of a sentence one of the phrases writes (the writer may have
        edited the letter since), or None."""
        for pattern, phrase in _patterns(self):
            m = pattern.fullmatch(sentence)
            if m is None:
                continue
            values: dict[tuple[str, str | None], str] = {}
            for (name, attr), got in zip(phrase.placeholders, m.groups(), strict=True):
                values[(name, attr)] = got
            return _fill_en(phrase.en, values, self)
        return None


def missing_slot_error(
    template: str, slot: str, example: str | None, kind: type[LetterkitError] = InputError
) -> LetterkitError:
    """The error for a slot the letter needs and ``--field`` does not give (an
    InputError; a TemplateError when a template is rendered without it)."""
    return kind(
        _("the template '{template}' needs the slot '{slot}', which is not given").format(
            template=template, slot=slot
        ),
        hint=_("give it with --field, e.g. --field {example}").format(
            example=example or f"{slot}=…"
        ),
    )


def _join(words: Sequence[str], conjunction: str) -> str:
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _value(
    name: str, attr: str | None, context: Mapping[str, Any], chosen: Mapping[str, Any]
) -> Any:
    if name in chosen:
        choices = chosen[name]
        if attr == "en":
            return _join([c.en for c in choices], "and")
        return _join([c.forms[attr or "acc"] for c in choices], "и")
    if name == "writer":
        writer = context.get("writer")
        return getattr(writer, attr or "", "") if attr in _WRITER_FIELDS else ""
    return context.get(name, "") if name in PLAIN_FIELDS else ""


def _fill(
    phrase: Phrase, context: Mapping[str, Any], chosen: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(Russian, English) of ``phrase`` in ``context``, or None when a field it needs is
    empty. Russian values in the English are quoted «…»: the reader sees what was put in."""
    for need in phrase.needs:
        name, _dot, attr = need.partition(".")
        if not _value(name, attr or None, context, chosen):
            return None
    values: dict[tuple[str, str | None], str] = {}
    for name, attr in phrase.placeholders:
        value = _value(name, attr, context, chosen)
        if not value or not isinstance(value, str):
            return None
        values[(name, attr)] = value

    def ru(m: re.Match) -> str:
        return values[(m.group(1), m.group(2))]

    en_values = {}
    for name, attr in PLACEHOLDER.findall(phrase.en):
        key = (name, attr or None)
        en_values[key] = _value(name, attr or None, context, chosen)
    english = PLACEHOLDER.sub(lambda m: _quoted(m, en_values, chosen_names=set(chosen)), phrase.en)
    return PLACEHOLDER.sub(ru, phrase.ru), english


def _quoted(m: re.Match, values: Mapping, *, chosen_names: set[str]) -> str:
    name, attr = m.group(1), m.group(2)
    value = str(values.get((name, attr), ""))
    return value if name in chosen_names and attr == "en" else f"«{value}»"


def _fill_en(en: str, values: Mapping[tuple[str, str | None], str], book: Phrasebook) -> str:
    """The English of a phrase matched in a letter: choice values back to their English,
    other values quoted as the letter has them."""

    def sub(m: re.Match) -> str:
        name, attr = m.group(1), m.group(2)
        if name in book.choices and attr == "en":
            russian = next((v for (n, _a), v in values.items() if n == name), "")
            return _choices_en(russian, book.choices[name]) or f"«{russian}»"
        return f"«{values.get((name, attr), '')}»"

    return PLACEHOLDER.sub(sub, en)


def _choices_en(russian: str, choices: Sequence[Choice]) -> str | None:
    words = [w for w in re.split(r",\s*|\s+и\s+", russian) if w]
    found = []
    for word in words:
        choice = next((c for c in choices if word in c.forms.values()), None)
        if choice is None:
            return None
        found.append(choice.en)
    return _join(found, "and")


# What a writer field looks like in a letter, so that a sentence of the writer's own
# («Я живу одна.») is not taken for a phrase with a place in it («Я живу {writer.place}.»).
_FIELD_SHAPES = {
    "place": r"(?:в|во|на)\s.+?",
    "country_in": r"(?:в|во|на)\s.+?",
    "place_from": r"(?:из|с|со)\s.+?",
    "country_from": r"(?:из|с|со)\s.+?",
}


def _slot_pattern(book: Phrasebook, name: str, attr: str | None) -> str:
    if name in book.choices:  # one to MAX_CHOICES of the known forms, «музыку и шахматы»
        forms = sorted(
            {c.forms[attr or "acc"] for c in book.choices[name] if (attr or "acc") in c.forms},
            key=len,
            reverse=True,
        )
        one = "(?:" + "|".join(re.escape(f) for f in forms) + ")"
        return f"({one}(?:(?:, | и ){one}){{0,{MAX_CHOICES - 1}}})"
    if name == "writer" and attr in _FIELD_SHAPES:
        return f"({_FIELD_SHAPES[attr]})"
    return "(.+?)"


@functools.cache
def _patterns(book: Phrasebook) -> list[tuple[re.Pattern, Phrase]]:
    out = []
    for phrase in book.phrases:
        texts = PLACEHOLDER.split(phrase.ru)[::3]
        regex = re.escape(texts[0])
        for (name, attr), text in zip(phrase.placeholders, texts[1:], strict=True):
            regex += _slot_pattern(book, name, attr) + re.escape(text)
        out.append((re.compile(regex), phrase))
    # sentences without a slot first, then the longest literal text: «Я живу в деревне.»
    # is its own phrase, not «Я живу {writer.place}.»
    out.sort(key=lambda item: (bool(item[1].placeholders), -len(PLACEHOLDER.sub("", item[1].ru))))
    return out


def read_phrasebook(raw: Mapping[str, Any], where: str) -> Phrasebook | None:
    """The phrasebook of one ``[[template]]`` entry (its ``group`` and ``choice`` tables),
    or None when it has none. A malformed entry: DataError naming ``where``."""
    groups_raw = raw.get("group")
    if not groups_raw:
        return None
    try:
        choices: dict[str, tuple[Choice, ...]] = {}
        choice_help: dict[str, str] = {}
        for slot in raw.get("choice", ()):
            name = str(slot["slot"])
            choice_help[name] = str(slot.get("example", f"{name}=…"))
            choices[name] = tuple(
                Choice(
                    id=str(c["id"]),
                    en=str(c["en"]),
                    forms={k: str(v) for k, v in c["forms"].items()},
                    aliases=tuple(str(a) for a in c.get("aliases", ())),
                )
                for c in slot["values"]
            )
        groups = []
        for g in groups_raw:
            name = str(g["name"])
            groups.append(
                Group(
                    name=name,
                    title_en=str(g["title_en"]),
                    paragraph=str(g.get("paragraph", name)),
                    one=bool(g.get("one", False)),
                    phrases=tuple(
                        Phrase(
                            id=str(p["id"]),
                            group=name,
                            ru=str(p["ru"]),
                            en=str(p["en"]),
                            default=bool(p.get("default", False)),
                            needs=tuple(str(n) for n in p.get("needs", ())),
                        )
                        for p in g["phrases"]
                    ),
                )
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(
            _("{where}: a phrasebook entry lacks {field}").format(where=where, field=exc)
        ) from None
    book = Phrasebook(tuple(groups), choices, choice_help)
    _validate(book, where)
    return book


def _validate(book: Phrasebook, where: str) -> None:
    seen: set[str] = set()
    for phrase in book.phrases:
        if phrase.id in seen:
            raise DataError(
                _("{where}: the phrase id '{id}' is used twice").format(where=where, id=phrase.id)
            )
        seen.add(phrase.id)
        for name, attr in phrase.placeholders + [
            (n, a or None) for n, a in PLACEHOLDER.findall(phrase.en)
        ]:
            ok = (
                (name in book.choices and attr is not None)
                or (name == "writer" and attr in _WRITER_FIELDS)
                or (name in PLAIN_FIELDS and attr is None)
            )
            forms = {k for c in book.choices.get(name, ()) for k in c.forms} | {"en"}
            if not ok or (name in book.choices and attr not in forms):
                raise DataError(
                    _("{where}: the phrase '{id}' has an unknown slot {slot}").format(
                        where=where,
                        id=phrase.id,
                        slot="{" + name + (f".{attr}" if attr else "") + "}",
                    )
                )
