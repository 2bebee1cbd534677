"""``letterkit birthdays --ics FILE``: the birthdays as an iCalendar file (RFC 5545,
https://www.rfc-editor.org/rfc/rfc5545), written with the icalendar library
(https://icalendar.readthedocs.io/).

One all-day event per birthday, on the day itself, with an alarm on the last day to post
a card (``send_by``). The file depends only on the entries and ``today`` (``DTSTAMP``), so
the same command gives the same bytes; the ``UID`` is the slug and the year, so importing
a newer file updates the events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event

from letterkit import __version__
from letterkit.address.format import envelope_lines
from letterkit.directory.stale import page_url
from letterkit.i18n import _

if TYPE_CHECKING:
    from letterkit.directory.picks import BirthdayEntry

# RFC 5545, 3.7.3: "the identifier for the product that created the iCalendar object",
# in the form its example shows ("-//ABC Corporation//NONSGML My Product//EN").
PRODID = "-//letterkit//NONSGML letterkit {version}//EN"
# RFC 5545, 3.8.4.7: a globally unique identifier; the domain part keeps ours apart from
# other programs' events in the same calendar.
UID_DOMAIN = "letterkit.invalid"


def birthday_calendar(
    entries: Iterable[BirthdayEntry],
    today: dt.date,
    send_by: Callable[[dt.date], dt.date],
) -> bytes:
    """The iCalendar file for ``entries``; ``send_by(birthday)``: the day to post a card."""
    cal = Calendar()
    cal.add("prodid", PRODID.format(version=__version__))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Birthdays (letterkit)"))
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for entry in entries:
        p = entry.prisoner
        event = Event()
        event.add("uid", f"{p.slug}-{entry.date.year}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # all day, but not busy
        event.add(
            "summary",
            _("Birthday: {name} turns {age}").format(name=p.nominative, age=entry.age),
        )
        last_day = send_by(entry.date)
        lines = [
            _("Post a card by {date}: letterkit write {slug} --template birthday").format(
                date=last_day.isoformat(), slug=p.slug
            ),
        ]
        if p.address is not None:
            lines += ["", *envelope_lines(p.address)]
        url = page_url(p)
        if url:
            event.add("url", url)
            lines += ["", url]
        event.add("description", "\n".join(lines))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("Post a birthday card to {name}").format(name=p.nominative))
        # at 09:00 on the last day (an all-day event starts at midnight)
        alarm.add("trigger", dt.timedelta(days=-(entry.date - last_day).days, hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
