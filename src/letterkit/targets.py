"""Whom a letter is for: a known slug or a published address line → :class:`~letterkit.models.Target`.

The one resolution used by ``letterkit write``, ``letterkit batch`` and the Python
entry point :func:`letterkit.batch.render_envelopes`. A slug is looked up in the store
(shipped and user records); a published line is parsed and must be printable.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from letterkit.address.parse import parse_address
from letterkit.address.validate import blocking_reasons
from letterkit.errors import AddressError, InputError
from letterkit.i18n import _
from letterkit.models import Target
from letterkit.names import slugify
from letterkit.records import is_valid_slug

if TYPE_CHECKING:
    from letterkit.store import Store

# The file-name stem when no surname could be recognised in a published line.
FALLBACK_SLUG = "letter"


class UnprintableAddress(AddressError):
    """A published line that parses but cannot be printed; ``reasons`` says why."""

    def __init__(self, text: str, reasons: list[str]) -> None:
        super().__init__(
            _("this address cannot be printed: {reasons}").format(
                reasons="; ".join(reasons or [_("it is incomplete")])
            ),
            hint=_('run: letterkit address parse "{text}" to see what was recognised').format(
                text=text
            ),
        )
        self.reasons = reasons


def looks_like_address(text: str) -> bool:
    """A published line has spaces, digits, commas or Cyrillic; a slug has none."""
    return not is_valid_slug(text) and (
        any(c.isspace() or c == "," for c in text) or any("а" <= c.lower() <= "я" for c in text)
    )


def address_target(text: str) -> Target:
    """A published line → Target; :class:`UnprintableAddress` when it cannot be printed."""
    address = parse_address(text)
    if not address.printable:
        raise UnprintableAddress(text, [w.message for w in blocking_reasons(address)])
    last = address.recipient.last if address.recipient else None
    return Target(slug=(slugify(last) if last else "") or FALLBACK_SLUG, address=address)


def slug_target(slug: str, store: Store) -> Target:
    """A known record → Target; AddressError when it has no printable address."""
    prisoner = store.get(slug)
    if prisoner.address is None or not prisoner.address.printable:
        raise AddressError(
            _("there is no usable postal address for '{slug}'").format(slug=prisoner.slug),
            hint=_(
                "check the person's page for a current address, then add it with 'letterkit add'"
            ),
        )
    return Target(slug=slug, address=prisoner.address, prisoner=prisoner)


def resolve_target(text: str, store: Store) -> Target:
    """A slug or a published line, as typed by the user."""
    # A pasted address may hold line breaks or tabs: they are spaces. Other control
    # characters never belong in a slug or an address.
    text = " ".join(text.split())
    if not text:
        raise InputError(
            _("no recipient given"),
            hint=_("give a slug (see 'letterkit list') or a published address line"),
        )
    if looks_like_address(text):
        bad = sorted({c for c in text if unicodedata.category(c) == "Cc"})
        if bad:
            shown = ", ".join(c.encode("unicode_escape").decode("ascii") for c in bad)
            raise AddressError(
                _("the address contains control characters ({chars})").format(chars=shown),
                hint=_("copy the address again from its source, as plain text"),
            )
        return address_target(text)
    return slug_target(text, store)
