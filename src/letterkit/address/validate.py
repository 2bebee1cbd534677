"""Validation of an Address before anything is printed.

``printable`` needs: recipient, street or facility or ``а/я``, locality or federal
city, region, and a 6-digit postcode (libaddressinput RU: required A C S Z, postcode
``\\d{6}``, https://github.com/google/libaddressinput; the «Правила оказания услуг
почтовой связи», постановление Правительства РФ № 221). A missing birth year
is a warning: prisons identify people by full name and year of birth; a recipient
given by surname and initials only (``initials-only``) or by the surname alone
(``surname-only``) is present, so :func:`missing_parts` does not name it, but it blocks
printing like a bad postcode (:data:`BLOCKING_CODES`). :func:`blocking_reasons` says why an address is not
printable.
"""

from __future__ import annotations

from letterkit.address import postcode
from letterkit.address.regions import FEDERAL_CITIES
from letterkit.i18n import _
from letterkit.models import Address, Issue


def _add(address: Address, code: str, field: str | None, message: str) -> None:
    if not any(w.code == code and w.field == field for w in address.warnings):
        address.warnings.append(Issue(code, field, message))


def missing_parts(address: Address) -> list[str]:
    """Names of the required parts that are missing, in envelope order."""
    missing = []
    if address.recipient is None or not address.recipient.dative:
        missing.append("recipient")
    if not (address.street or address.facility or address.po_box):
        missing.append("street or facility")
    if not (address.locality or address.region in FEDERAL_CITIES):
        missing.append("locality")
    if not address.region:
        missing.append("region")
    if not address.postcode:
        missing.append("postcode")
    return missing


def missing_message(part: str) -> str:
    """The warning for a part named by :func:`missing_parts`, in the interface language."""
    messages = {
        "recipient": _("the recipient is missing"),
        "street or facility": _("the street or facility is missing"),
        "locality": _("the locality is missing"),
        "region": _("the region is missing"),
        "postcode": _("the postcode is missing"),
    }
    return messages[part]


# Problems that make an address unprintable although no part is missing: a letter with
# a postcode of another region, or of no region at all, goes to the wrong sorting centre
# or none (a shared range is only a warning); a letter to a surname with initials only is likely returned, as prisons
# identify people by full name and year of birth; an envelope that leaves out a word of
# the published line (``text-lost``, letterkit.address.words) may miss a unit or a house.
BLOCKING_CODES = frozenset(
    {
        "postcode-format",
        "postcode-region",
        "postcode-unknown",
        "initials-only",
        "surname-only",
        "text-lost",
    }
)


def validate(address: Address) -> Address:
    """Set ``printable`` and add warnings in place; returns the same object."""
    if address.postcode:
        for issue in postcode.check_postcode(address.postcode, address.region):
            _add(address, issue.code, issue.field, issue.message)
    missing = missing_parts(address)
    for part in missing:
        _add(address, f"missing-{part.split()[0]}", part.split()[0], missing_message(part))
    recipient = address.recipient
    if (
        recipient is not None
        and recipient.dative
        and not recipient.first
        and not any(w.code == "initials-only" for w in address.warnings)
    ):
        _add(
            address,
            "surname-only",
            "recipient",
            _(
                "only the surname «{name}» is published: prisons need the full name; find "
                "the first name and patronymic on the person's page"
            ).format(name=recipient.dative),
        )
    if address.recipient is not None and address.recipient.birth_year is None:
        _add(
            address,
            "missing-birth-year",
            "recipient",
            _("no birth year: prisons identify people by full name and year of birth"),
        )
    address.printable = not missing and not any(w.code in BLOCKING_CODES for w in address.warnings)
    return address


def _blocks(issue: Issue) -> bool:
    return issue.code in BLOCKING_CODES or (
        issue.code.startswith("missing-") and issue.code != "missing-birth-year"
    )


def blocking_reasons(address: Address) -> list[Issue]:
    """The warnings that make ``address`` unprintable, in the order :func:`validate` gave
    them: a missing required part (``missing-*``, but not the birth year, which is only a
    warning) or a :data:`BLOCKING_CODES` problem. Empty for a printable address.

    Callers join the messages: ``"; ".join(w.message for w in blocking_reasons(a))``;
    a missing part is the ``missing-`` codes (``w.code.startswith("missing-")``).
    """
    return [w for w in address.warnings if _blocks(w)]
