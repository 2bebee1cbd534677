"""``--refresh`` of ``write`` and ``show``: re-read one person's Memorial page first.

:func:`refresh_before` runs :func:`letterkit.update.refresh.refresh_person` and says on
stderr what happened: what changed (or that nothing did), or, when the page could not be
read (no network, offline, robots.txt, a changed layout), a ``Warning:`` that the stored
address is used; the command then goes on, and its stale-address warning still applies.
A page that is gone (404) stops the command: the person is no longer on the list.
"""

from __future__ import annotations

from letterkit.cli import output as out
from letterkit.errors import AddressError, InputError
from letterkit.i18n import _


def refresh_before(target: str, command: str = "write", *, offline: bool = False) -> None:
    """Refresh the record ``target`` names (a slug or alias) before ``command`` uses it;
    ``offline`` (``--offline``) as LETTERKIT_OFFLINE=1 forbids the network."""
    # deferred: httpx, selectolax and the address engine load only with --refresh
    from letterkit.lookup import find_person, looks_like_address
    from letterkit.store import Store
    from letterkit.update.refresh import refresh_person
    from letterkit.update.sources import offline_requested

    text = " ".join(target.split())
    if looks_like_address(text):
        raise InputError(
            _("--refresh re-reads a person's Memorial page: give a slug, not an address"),
            hint=_(
                "run: letterkit {command} SLUG --refresh (letterkit find NAME shows the slug)"
            ).format(command=command),
        )
    store = Store()
    slug = find_person(text, store).slug  # an alias or a name: the record it names
    done = refresh_person(slug, store, offline=offline_requested(offline))
    err = out.stderr_console()

    def say(label: str, message: str) -> None:
        err.print(f"{label}: {message}", markup=False, highlight=False, soft_wrap=True)

    if done.problem is not None:
        say(
            _("Warning"),
            _("{slug}: the page was not re-read ({reason}); using the stored address").format(
                slug=done.slug, reason=done.problem
            ),
        )
        return
    if done.gone:
        raise AddressError(
            _(
                "{url} is gone: {slug} is no longer on Memorial's list (released, or removed)"
            ).format(url=done.url, slug=done.slug),
            hint=_("nothing was written; look for news of the person before writing"),
        )
    change = done.change
    if change is None:
        say(_("Note"), _("{url}: the address is unchanged (confirmed today)").format(url=done.url))
    elif change.kind == "kept-old":
        say(
            _("Warning"),
            _("{url}: the new address cannot be printed ({reason}); kept the old one").format(
                url=done.url, reason=change.note
            ),
        )
    elif change.kind == "unpublished":
        say(_("Note"), _("{url}: the page no longer publishes an address").format(url=done.url))
    else:
        say(
            _("Note"),
            _("{url}: the address changed: {old} → {new}").format(
                url=done.url, old=change.old or "—", new=change.new or "—"
            ),
        )
