"""Whom a letter is for, when it is a known person: a slug, an alias or a name →
:class:`~letterkit.models.Target`.

This is the half of :mod:`letterkit.targets` that needs no address parser: a known
record's address is parsed and validated when the record is loaded (shipped directory
records once, by ``scripts/import_memorial.py``). :func:`known_target` tells a person
from a published line, which :func:`letterkit.targets.address_target` then parses.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from typing import TYPE_CHECKING

from letterkit.directory.search import alias_index, exact_name_matches, find
from letterkit.errors import AddressError, InputError, NotFoundError
from letterkit.i18n import _, ngettext
from letterkit.models import Target
from letterkit.records import is_valid_slug

if TYPE_CHECKING:
    from letterkit.models import Prisoner
    from letterkit.recordstore import RecordStore

# A person's name as typed: words of letters (any script) joined by spaces, hyphens,
# apostrophes or dots (``Баценин``, ``Makhmudov Azamzhon``, ``O'Neil``). Anything else
# that is not a slug is reported as a bad slug (or parsed as an address).
_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")


def looks_like_address(text: str) -> bool:
    """A published line has spaces, digits, commas or Cyrillic; a slug has none."""
    return not is_valid_slug(text) and (
        any(c.isspace() or c == "," for c in text) or any("а" <= c.lower() <= "я" for c in text)
    )


def _ambiguous(text: str, slugs: list[str]) -> NotFoundError:
    return NotFoundError(
        ngettext(
            "'{text}' matches {count} person", "'{text}' matches {count} people", len(slugs)
        ).format(text=text, count=len(slugs)),
        hint=_("use one of: {slugs}").format(slugs=", ".join(slugs)),
    )


def _no_one_named(text: str, people: list[Prisoner]) -> None:
    """NotFoundError naming the closest people (one typo, or a prefix) when there are any;
    else nothing, and the caller reports ``text`` as it would have before."""
    close = find(people, text)[:3]
    if close:
        raise NotFoundError(
            _("no one named '{text}'").format(text=text),
            hint=_("did you mean: {slugs}?").format(slugs=", ".join(p.slug for p in close)),
        )


# One alias index per store: building it transliterates every surname in a dozen
# schemas (~0.2 s), and a batch with many unknown slugs asks it once per row.
_ALIASES: weakref.WeakKeyDictionary[RecordStore, dict[str, list[str]]] = weakref.WeakKeyDictionary()


def _alias_index(store: RecordStore) -> dict[str, list[str]]:
    index = _ALIASES.get(store)
    if index is None:
        index = _ALIASES[store] = alias_index(store.people())
    return index


def find_person(text: str, store: RecordStore) -> Prisoner:
    """The person a user means by ``text``: a slug or an alias of one; a slug in another
    transliteration (``czurkan``, ISO 9, GOST 7.79, BGN/PCGN, scientific, Memorial's page
    spelling) when it names one person; or, for text that is not a slug, a name
    (``Баценин``, ``Makhmudov Azamzhon``) whose words match one person exactly.
    NotFoundError lists the candidates when there are several."""
    text = " ".join(text.split())
    if not is_valid_slug(text) and _NAME.fullmatch(text):
        matches = exact_name_matches(store.people(), text)
        if len(matches) == 1:
            return store.get(matches[0].slug)
        if matches:
            raise _ambiguous(text, sorted(p.slug for p in matches))
        _no_one_named(text, store.people())
    try:
        return store.get(text)
    except NotFoundError as missing:
        slugs = _alias_index(store).get(text, [])
        if len(slugs) == 1:
            return store.get(slugs[0])
        if slugs:
            raise _ambiguous(text, sorted(slugs)) from None
        raise missing from None


def slug_target(slug: str, store: RecordStore) -> Target:
    """A known record → Target; AddressError when it has no printable address."""
    prisoner = find_person(slug, store)
    if prisoner.address is None or not prisoner.address.printable:
        raise AddressError(
            _("there is no usable postal address for '{slug}'").format(slug=prisoner.slug),
            hint=_(
                "check the person's page for a current address, then add it with 'letterkit add'"
            ),
        )
    # the file names follow what the user typed when it is a slug (``czurkan-letter.pdf``)
    return Target(
        slug=slug if is_valid_slug(slug) else prisoner.slug,
        address=prisoner.address,
        prisoner=prisoner,
    )


def known_target(text: str, store: RecordStore) -> Target | None:
    """The person ``text`` (as typed by the user) names, or None when it is a published
    line, for :func:`letterkit.targets.address_target` to parse."""
    # A pasted address may hold line breaks or tabs: they are spaces. Other control
    # characters never belong in a slug or an address.
    text = " ".join(text.split())
    if not text:
        raise InputError(
            _("no recipient given"),
            hint=_("give a slug (see 'letterkit list') or a published address line"),
        )
    if not is_valid_slug(text) and _NAME.fullmatch(text):
        # a name, not an address: every published address has a postcode
        people = store.people()
        if exact_name_matches(people, text):
            return slug_target(text, store)
        _no_one_named(text, people)
    if looks_like_address(text):
        bad = sorted({c for c in text if unicodedata.category(c) == "Cc"})
        if bad:
            shown = ", ".join(c.encode("unicode_escape").decode("ascii") for c in bad)
            raise AddressError(
                _("the address contains control characters ({chars})").format(chars=shown),
                hint=_("copy the address again from its source, as plain text"),
            )
        return None
    return slug_target(text, store)
