"""`batch --birthdays-within DAYS --letters birthday`."""

from __future__ import annotations

import datetime as dt
import re

from letterkit import directory
from letterkit.store import Store
from pdfutil import page_count


def test_birthdays_within_prints_an_envelope_per_person(cli):
    today = dt.date(2026, 12, 20)
    people = directory.birthday_targets(Store().people(), 30, today)
    assert people, "the shipped directory has birthdays around the new year"
    assert all(p.writable for p in people)
    result = cli("batch", "--birthdays-within", "30", "--date", "2026-12-20", "--output", "bd.pdf")
    assert result.exit_code in (0, 3), result.output
    pdf = (cli.cwd / "bd.pdf").read_bytes()
    assert page_count(pdf) == len(people)
    assert re.search(rf"Envelopes printed\s+│\s+{len(people)}\s", result.stdout)
