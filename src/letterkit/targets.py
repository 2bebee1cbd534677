"""Whom a letter is for: a known slug or a published address line → :class:`~letterkit.models.Target`.

The one resolution used by ``letterkit write``, ``letterkit batch`` and the Python
entry point :func:`letterkit.batch.render_envelopes`. A slug is looked up in the store
(shipped and user records, letterkit/lookup.py); a published line is parsed and must be
printable. ``write`` for a slug imports letterkit/lookup.py alone: no address parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letterkit.address.parse import parse_address
from letterkit.address.validate import blocking_reasons
from letterkit.errors import AddressError
from letterkit.i18n import _
from letterkit.lookup import known_target
from letterkit.models import Target
from letterkit.names import slugify

if TYPE_CHECKING:
    from letterkit.recordstore import RecordStore

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


def address_target(text: str) -> Target:
    """A published line → Target; :class:`UnprintableAddress` when it cannot be printed."""
    address = parse_address(text)
    if not address.printable:
        raise UnprintableAddress(text, [w.message for w in blocking_reasons(address)])
    last = address.recipient.last if address.recipient else None
    return Target(slug=(slugify(last) if last else "") or FALLBACK_SLUG, address=address)


def resolve_target(text: str, store: RecordStore) -> Target:
    """A slug or a published line, as typed by the user."""
    target = known_target(text, store)
    return target if target is not None else address_target(" ".join(text.split()))
