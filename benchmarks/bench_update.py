"""``letterkit data update`` against a local fake of Memorial's site (no internet): the
number of requests and the wall time of a full and of an incremental update.

    python benchmarks/bench_update.py

The fake site (tests/test_update_fixtures.py) serves every person of the shipped list
(827 pages), the two CSV lists, the WordPress REST index and a Telegram preview. The runs
use ``--delay 0``: the wall time is letterkit's own work plus the local server; a real
run adds the politeness gap, ``requests × 2 s`` per host at the default ``--delay``,
which the table also shows. The incremental run follows the full one after 12 pages
changed and one Telegram post announced a move.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    from pytest_httpserver import HTTPServer
    from typer.testing import CliRunner

    from letterkit.cli import make_app
    from test_update_fixtures import Post, shipped_records, site_from

    work = Path(tempfile.mkdtemp(prefix="letterkit-bench-update-"))
    os.environ["LETTERKIT_DATA_DIR"] = str(work / "data")
    os.environ["LETTERKIT_CONFIG_DIR"] = str(work / "config")
    os.environ["LETTERKIT_LANG"] = "en"
    os.environ["COLUMNS"] = "160"
    _data, records = shipped_records()
    site = site_from(records)
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    import re

    server.expect_request(re.compile(".*")).respond_with_handler(site.handle)
    os.environ["LETTERKIT_MEMORIAL_BASE"] = f"http://localhost:{server.port}"
    os.environ["LETTERKIT_TELEGRAM_BASE"] = f"http://127.0.0.1:{server.port}"
    runner, app = CliRunner(), make_app()
    rows = []

    def run(label: str, *args: str) -> dict:
        site.log.clear()
        start = time.perf_counter()
        result = runner.invoke(app, ["data", "update", "--delay", "0", "--json", *args])
        wall = time.perf_counter() - start
        assert result.exit_code in (0, 3), result.output
        report = json.loads(result.stdout)
        rows.append((label, report["requests"], report["pages_fetched"], wall))
        return report

    run("full (--full)", "--full")
    writable = [r for r in records if r["writable"]]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    for rec in writable[:12]:
        site.people[rec["id"]].modified = later
        site.people[rec["id"]].tags = [*rec["tags"], "апелляция в суде"]
    moved = writable[20]
    from letterkit.names import to_dative

    dative = to_dative(moved["last"], moved["first"], moved["middle"], moved["gender"])
    site.posts.append(
        Post(
            200,
            later,
            [
                "Новые адреса политзаключённых",
                (
                    "420000, Республика Татарстан, г. Казань, ул. Петрова, д. 1, ФКУ СИЗО-2 "
                    f"УФСИН России по Республике Татарстан, {dative}, {moved['born'][:4]} г. р."
                ),
            ],
        )
    )
    report = run("incremental (default)")
    server.stop()
    print(f"{'run':<24} {'requests':>8} {'pages':>6} {'wall s':>8} {'+ 2 s gap/host':>15}")
    for label, requests, pages, wall in rows:
        print(f"{label:<24} {requests:>8} {pages:>6} {wall:>8.1f} {requests * 2 / 60:>11.1f} min")
    print(json.dumps([c for c in report["changes"] if c["kind"] != "edited"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
