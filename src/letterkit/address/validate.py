"""Validation of an Address before anything is printed (issue 4 § Validation).

``printable`` needs: recipient, street or facility or ``а/я``, locality or federal
city, region, and a 6-digit postcode (libaddressinput RU: required A C S Z, postcode
``\\d{6}``; ru-post.md §3). A missing birth year is a warning: prisons identify
people by name and birth year (ru-post.md §1); a recipient given by surname and
initials only (``initials-only``) is present, so :func:`missing_parts` does not name
it, but it blocks printing like a bad postcode (:data:`BLOCKING_CODES`).
"""

from __future__ import annotations

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
    if not (
        address.locality or address.region in ("г. Москва", "г. Санкт-Петербург", "г. Севастополь")
    ):
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
# a postcode of another region goes to the wrong sorting centre (a shared range is only
# a warning, ru-post.md §3); a letter to a surname with initials only is likely returned,
# as prisons identify people by full name and year of birth (ru-post.md §1).
BLOCKING_CODES = frozenset({"postcode-format", "postcode-region", "initials-only"})


def validate(address: Address) -> Address:
    """Set ``printable`` and add warnings in place; returns the same object."""
    from letterkit.address.postcode import check_postcode

    if address.postcode:
        for issue in check_postcode(address.postcode, address.region):
            _add(address, issue.code, issue.field, issue.message)
    missing = missing_parts(address)
    for part in missing:
        _add(address, f"missing-{part.split()[0]}", part.split()[0], missing_message(part))
    if address.recipient is not None and address.recipient.birth_year is None:
        _add(
            address,
            "missing-birth-year",
            "recipient",
            _("no birth year: prisons identify people by full name and year of birth"),
        )
    address.printable = not missing and not any(w.code in BLOCKING_CODES for w in address.warnings)
    return address
