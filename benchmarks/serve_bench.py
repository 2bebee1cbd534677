#!/usr/bin/env python3
"""How long ``letterkit serve`` takes: from start to the first page served, and one PDF
download (the letter and the envelope) of the write page.

    python benchmarks/serve_bench.py            # 5 rounds, medians
    python benchmarks/serve_bench.py --rounds 9

Each round starts a fresh ``letterkit serve --no-open`` (its own user dirs in a temporary
folder), reads the first stdout line, and times with ``time.perf_counter``: start → the
first line; start → the find page answered (token → cookie → ``/``); then the first and
a second download of each PDF (the first one pays for the address engine, the fonts and
reportlab). Only 127.0.0.1 is contacted. Asserts nothing: it prints the numbers.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SENDER = "Иванова Мария Петровна\nул. Ленина, д. 1, кв. 2\nг. Тверь\n170000"
TEXT = "Здравствуйте, Александр!\n\nПишу Вам из Твери.\n\nВсего доброго!\nМария"


def one_round(folder: Path) -> dict[str, float]:
    env = {
        **os.environ,
        "LETTERKIT_CONFIG_DIR": str(folder / "config"),
        "LETTERKIT_DATA_DIR": str(folder / "data"),
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "letterkit", "--lang", "en", "serve", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    out: dict[str, float] = {}
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        out["first line"] = time.perf_counter() - start
        base, token = re.fullmatch(r"(http://127\.0\.0\.1:\d+)/\?token=(\S+)", url).groups()
        with httpx.Client(base_url=base, timeout=120, follow_redirects=True) as http:
            page = http.get(f"/?token={token}")
            page.raise_for_status()
            out["first page served"] = time.perf_counter() - start
            write = http.get("/write?to=batsenin")
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', write.text)[1]
            form = {"csrf": csrf, "to": "batsenin", "text": TEXT, "sender": SENDER}
            for attempt in ("first", "second"):
                for which in ("letter", "envelope"):
                    began = time.perf_counter()
                    pdf = http.post("/write", data={**form, "action": which})
                    assert pdf.headers["content-type"] == "application/pdf"
                    out[f"{which} PDF download ({attempt})"] = time.perf_counter() - began
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _round in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(one_round(Path(folder)))
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"letterkit serve, {args.rounds} rounds, medians (load average {load}):")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(
            f"  {key:34} {statistics.median(values) * 1000:8.0f} ms"
            f"   (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"
        )


if __name__ == "__main__":
    main()
