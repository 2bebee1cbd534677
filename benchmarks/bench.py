"""letterkit performance benchmark: every target is a ratio against a baseline measured in
the same run, in fresh processes, interleaved; never an absolute time.

    python benchmarks/bench.py            # N = 1 000 and 10 000 (several minutes)
    python benchmarks/bench.py --full     # also N = 100 000 (slow: tens of minutes)
    python benchmarks/bench.py --quick    # N = 1 000, fewer runs (under a minute; CI)
    python benchmarks/bench.py --check    # exit 1 when a measured target is missed
    python benchmarks/bench.py --readme   # rewrite README.md's table from results.json

What it runs, each measurement a whole fresh process (CPU time = user + system of that
process, peak RSS = its ``ru_maxrss``, both from ``os.wait4``):

- the baselines of ``<repo>/../shared/bench/`` exactly as they are (``bare`` and
  ``tuned`` reportlab, ``python X.py N OUT.pdf``: imports, font, N pages, save);
  WeasyPrint's only when ``weasyprint`` imports (it needs system Pango) and not in
  ``--quick``; a missing file is reported as "baseline not found, skipped";
- letterkit, the whole CLI: ``letterkit batch FILE --output OUT.pdf --sender …`` where FILE
  holds N slugs (the directory's printable people, cycled) or N *distinct* published
  address lines (``address_lines.txt`` with house numbers, names and birth years varied);
  and the library path, ``letterkit.batch.render_envelopes`` on the same inputs, in a
  child process of its own;
- start-up: ``letterkit write batsenin`` against ``typer_floor.py write batsenin`` (a
  typer command of the same 17 parameters doing nothing), ``letterkit --help`` against
  ``python -c "import typer"``;
- ``letterkit address parse -`` on distinct generated lines (fresh process, so every
  cache starts cold), in lines per second of CPU after start-up (the run minus a
  one-line run); beside it natasha's ``AddrExtractor`` on the first ``NATASHA_SAMPLE`` of
  the same lines, when it is installed (``pip install -e '.[bench]'``).

Runs are interleaved round-robin (the order rotates every round) so load that drifts
hits every side alike; a time ratio is the median over rounds of that round's ratio.
Child processes cache bytecode in a private temporary directory (``PYTHONPYCACHEPREFIX``),
as an installed package has its ``.pyc`` files. Results: rich tables on stdout and
``benchmarks/results.json`` (with the commit and the machine's load average).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results.json"
README = REPO / "README.md"
ADDRESS_LINES = HERE / "address_lines.txt"  # real published address lines
SHARED_BENCH = REPO.parent / "shared" / "bench"  # the baselines, beside the clone
BASELINE_FILES = {
    "bare": "bare_reportlab_envelopes.py",
    "tuned": "tuned_reportlab_envelopes.py",
    "weasyprint": "weasyprint_envelopes.py",
    "typer": "typer_floor.py",
}
SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Москва; 101000"
DATE = "2026-11-25"

# Targets, as ratios letterkit / baseline from the same run.
TARGET_ENVELOPES_VS_TUNED = 1.2  # CPU time, N >= 10 000, whole CLI
TARGET_LINEAR = 1.1  # ratio at 100 000 / ratio at 10 000
TARGET_RSS_VS_TUNED = 1.3  # peak RSS, N >= 10 000
TARGET_BYTES_VS_TUNED = 1.5  # PDF bytes per envelope, every N
TARGET_WRITE_VS_TYPER = 2.0  # letterkit write batsenin / typer_floor.py write batsenin
TARGET_HELP_VS_TYPER = 1.3  # letterkit --help / python -c "import typer"
TARGET_PARSE_LINES_S = 4000  # address parse -, distinct lines, one core

SECTIONS = ("envelopes", "startup", "parse", "pool", "sheets")
# "sheets" came later: results.json files without it still give a README table
README_OPTIONAL = ("sheets",)
SHEET_IMPLS = ("envelopes", "letters", "profiles")  # batch of N distinct slugs, A4 added
ENVELOPE_IMPLS = ("tuned", "bare", "cli-slugs", "cli-lines", "lib-slugs", "lib-lines")
LABELS = {
    "tuned": "tuned reportlab",
    "bare": "bare reportlab",
    "weasyprint": "WeasyPrint",
    "cli-slugs": "letterkit batch, slugs",
    "cli-lines": "letterkit batch, distinct lines",
    "lib-slugs": "render_envelopes, slugs",
    "lib-lines": "render_envelopes, distinct lines",
}


# ------------------------------------------------------------------------ inputs


def baseline(name: str) -> Path | None:
    path = SHARED_BENCH / BASELINE_FILES[name]
    return path if path.is_file() else None


def printable_slugs() -> list[str]:
    from letterkit.store import Store

    return sorted(p.slug for p in Store().people() if p.address and p.address.printable)


# Dative names (as printed after «Кому») to swap in, by grammatical gender.
MALE = (
    "Баценину Александру Дмитриевичу",
    "Слащёву Валерию Владимировичу",
    "Талипову Радику Азаматовичу",
    "Кобзеву Вадиму Викторовичу",
    "Скворцову Сергею Васильевичу",
    "Омерову Энверу Ярославовичу",
    "Филатову Андрею Анатольевичу",
    "Пономарёву Константину Павловичу",
    "Буслову Геннадию Юрьевичу",
    "Салиеву Артёму Рустемовичу",
    "Наумову Рустему Сергеевичу",
    "Кузнецову Ивану Петровичу",
    "Соколову Михаилу Олеговичу",
)
FEMALE = (
    "Абузаровой Парвинахан Окилжоновне",
    "Ивановой Марии Петровне",
    "Кузнецовой Анне Сергеевне",
    "Соколовой Елене Викторовне",
    "Морозовой Ольге Дмитриевне",
    "Новиковой Татьяне Андреевне",
    "Лебедевой Наталье Юрьевне",
)
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|200\d)(?=\s*г\.?\s*р)")
_HOUSE = re.compile(r"(\bд\.\s*)(\d+)")


def _bases(lines: list[str]) -> list[tuple[str, str, str]]:
    """(line, dative name, gender) of each sample line whose recipient letterkit finds."""
    from letterkit.address.parse import parse_address

    out = []
    for line in lines:
        try:
            recipient = parse_address(line).recipient
        except Exception:  # a line letterkit refuses is still a line to parse
            recipient = None
        if recipient and recipient.dative and recipient.dative in line:
            out.append((line, recipient.dative, recipient.gender or "m"))
    return out


def distinct_lines(n: int, *, printable_only: bool) -> list[str]:
    """``n`` distinct published-style lines: the sample's lines with the name, the birth
    year and the house number varied (deterministic). ``printable_only``: only lines
    letterkit can print (each one checked), for envelopes."""
    from letterkit.address.parse import parse_address
    from letterkit.address.validate import validate

    sample = [x.strip() for x in ADDRESS_LINES.read_text(encoding="utf-8").splitlines()]
    bases = _bases([x for x in sample if x])
    if printable_only:
        bases = [b for b in bases if validate(parse_address(b[0])).printable]
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(out) < n:
        line, dative, gender = bases[i % len(bases)]
        k = i // len(bases)
        i += 1
        names = FEMALE if gender == "f" else MALE
        new = line.replace(dative, names[(k + i) % len(names)])
        new = _YEAR.sub(str(1950 + (k * 7 + i) % 55), new, count=1)
        new = _HOUSE.sub(lambda m, k=k: f"{m.group(1)}{int(m.group(2)) + k}", new, count=1)
        if new in seen:  # a line with no house number to vary: it has given all it can
            continue
        seen.add(new)
        if printable_only and not validate(parse_address(new)).printable:
            continue
        out.append(new)
    return out


# --------------------------------------------------------------- child: library


def child_library(kind: str, input_file: str, out: str) -> None:
    """The library path in a process of its own: ``render_envelopes`` on the inputs."""
    t0 = time.perf_counter()
    from letterkit.batch import render_envelopes
    from letterkit.models import Sender

    targets = Path(input_file).read_text(encoding="utf-8").splitlines()
    t1 = time.perf_counter()
    pdf = render_envelopes(targets, Sender.parse(SENDER), "DL")
    t2 = time.perf_counter()
    Path(out).write_bytes(pdf)
    print(json.dumps({"kind": kind, "import_s": t1 - t0, "render_s": t2 - t1}))


def _resolve_chunk(rows: list) -> list:
    from letterkit.batch import BatchJob
    from letterkit.batch.resolve import resolve_rows
    from letterkit.models import Sender

    items, _problems, _notes = resolve_rows(rows, BatchJob(sender=Sender.parse(SENDER)))
    return items


def child_pool(workers: str, input_file: str, _out: str) -> None:
    """The process-pool experiment: a batch's rows of published lines looked up (parsed
    and validated, ``batch.resolve_rows``) in ``workers`` processes, each a contiguous
    share of the rows, the results joined in row order."""
    from letterkit.batch import read_inputs

    rows = read_inputs([input_file])
    t0 = time.perf_counter()
    n = int(workers)
    if n == 1:
        items = _resolve_chunk(rows)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = -(-len(rows) // n)
        chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
        context = multiprocessing.get_context("fork")  # the workers inherit the imports
        with ProcessPoolExecutor(n, mp_context=context) as pool:
            items = [item for part in pool.map(_resolve_chunk, chunks) for item in part]
    order = [item.row.number for item in items]
    assert order == sorted(order), "rows out of order"
    print(json.dumps({"workers": n, "items": len(items), "wall_s": time.perf_counter() - t0}))


# ----------------------------------------------------------------- measuring


@dataclass
class Run:
    cpu: float  # user + system seconds of the child
    wall: float
    rss_mb: float
    rc: int
    stderr: str


PYCACHE = str(Path(tempfile.gettempdir()) / "letterkit-bench-pycache")


def child_env(tmp: Path) -> dict[str, str]:
    """Private user directories (no profile, no records) and a private bytecode cache."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("LETTERKIT_DEBUG", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    env["LETTERKIT_CONFIG_DIR"] = str(tmp / "config")
    env["LETTERKIT_DATA_DIR"] = str(tmp / "data")
    env["LETTERKIT_CACHE_DIR"] = str(tmp / "cache")
    env["LETTERKIT_LANG"] = "en"
    env["LETTERKIT_OFFLINE"] = "1"
    return env


def measure(cmd: list[str], env: dict[str, str], *, cwd: Path, stdin: Path | None = None) -> Run:
    """Run ``cmd`` to the end; its own CPU time and peak RSS from ``wait4``."""
    with tempfile.TemporaryFile() as err:
        stdin_f = stdin.open("rb") if stdin else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                cmd, stdin=stdin_f, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd
            )
            _pid, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
        finally:
            if stdin:
                stdin_f.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return Run(usage.ru_utime + usage.ru_stime, wall, rss_kb / 1024, proc.returncode, stderr)


def checked(run: Run, what: str, ok: tuple[int, ...] = (0,)) -> Run:
    if run.rc not in ok:
        raise SystemExit(f"{what} exited with {run.rc}:\n{run.stderr[-3000:]}")
    return run


def letterkit_command() -> list[str]:
    """The installed console script (what users run), else ``python -m letterkit``."""
    script = Path(sys.executable).with_name("letterkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "letterkit"]


def pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type /Page[^s]", pdf.read_bytes()))


def split_inputs(rows: list[str], stem: Path) -> list[str]:
    """``rows`` in files of at most ``MAX_ROWS`` rows (``letterkit batch`` reads each file
    up to that), named ``STEM-1.txt``, ``STEM-2.txt`` …; their paths, in order."""
    from letterkit.batch.rows import MAX_ROWS

    paths = []
    for k, start in enumerate(range(0, len(rows), MAX_ROWS), 1):
        path = stem.with_name(f"{stem.name}-{k}.txt")
        path.write_text("\n".join(rows[start : start + MAX_ROWS]) + "\n", "utf-8")
        paths.append(str(path))
    return paths


def median(values: list[float]) -> float:
    return statistics.median(values)


def rounds(impls: list[str], runs: int, run_one, log) -> dict[str, list]:
    """``runs`` rounds over ``impls``, the order rotated each round; impl → its results."""
    results: dict[str, list] = {impl: [] for impl in impls}
    for r in range(runs):
        order = impls[r % len(impls) :] + impls[: r % len(impls)]
        if r % 2:
            order.reverse()
        for impl in order:
            results[impl].append(run_one(impl))
        log(
            f"    round {r + 1}/{runs}: "
            + ", ".join(f"{impl} {results[impl][-1].cpu:.2f}s" for impl in impls)
        )
    return results


def pair_ratio(a: list[Run], b: list[Run], attr: str = "cpu") -> float:
    """Median over rounds of a/b (interleaved pairs cancel drifting load)."""
    return median([getattr(x, attr) / getattr(y, attr) for x, y in zip(a, b, strict=True)])


def weasyprint_importable() -> bool:
    proc = subprocess.run(
        [sys.executable, "-c", "import weasyprint"], capture_output=True, check=False
    )
    return proc.returncode == 0


def bench_envelopes(
    sizes: list[int], runs: dict[int, int], tmp: Path, log, *, weasyprint: bool
) -> dict:
    env = child_env(tmp)
    lk = letterkit_command()
    me = str(Path(__file__).resolve())
    skipped: dict[str, str] = {}
    impls = list(ENVELOPE_IMPLS)
    for name in ("tuned", "bare"):
        if baseline(name) is None:
            skipped[name] = f"baseline not found ({SHARED_BENCH / BASELINE_FILES[name]}), skipped"
            impls.remove(name)
    slugs = printable_slugs()
    out: dict[str, dict] = {"skipped": skipped, "sizes": {}}
    for n in sizes:
        log(f"  N = {n:,}: preparing inputs …")
        slug_file = tmp / f"slugs-{n}.txt"
        slug_rows = [slugs[i % len(slugs)] for i in range(n)]
        slug_file.write_text("\n".join(slug_rows) + "\n", "utf-8")
        line_file = tmp / f"lines-{n}.txt"
        lines = distinct_lines(n, printable_only=True)
        assert len(set(lines)) == n
        line_file.write_text("\n".join(lines) + "\n", "utf-8")
        # the CLI reads at most MAX_ROWS rows a file: a bigger list is given as several
        slug_inputs = split_inputs(slug_rows, tmp / f"slugs-{n}")
        line_inputs = split_inputs(lines, tmp / f"lines-{n}")
        pdf = tmp / f"out-{n}.pdf"
        cmds = {
            "tuned": [sys.executable, str(baseline("tuned")), str(n), str(pdf)],
            "bare": [sys.executable, str(baseline("bare")), str(n), str(pdf)],
            "weasyprint": [sys.executable, str(baseline("weasyprint")), str(n), str(pdf)],
            "cli-slugs": [*lk, "batch", *slug_inputs, "--output", str(pdf), "--sender", SENDER],
            "cli-lines": [*lk, "batch", *line_inputs, "--output", str(pdf), "--sender", SENDER],
            "lib-slugs": [sys.executable, me, "--child", "slugs", str(slug_file), str(pdf)],
            "lib-lines": [sys.executable, me, "--child", "lines", str(line_file), str(pdf)],
        }
        sizes_: dict[str, tuple[int, int]] = {}

        def run_one(impl: str, n=n, pdf=pdf, cmds=cmds, sizes_=sizes_) -> Run:
            pdf.unlink(missing_ok=True)
            # batch exits 3 when it skipped rows: the pages are counted from the PDF.
            run = checked(measure(cmds[impl], env, cwd=tmp), f"{impl} N={n}", (0, 3))
            if impl not in sizes_:
                sizes_[impl] = (pdf.stat().st_size, pages(pdf))
            return run

        if n == sizes[0]:  # warm the bytecode and file caches once
            for impl in impls:
                run_one(impl)
            sizes_.clear()
        log(f"  N = {n:,}: {runs[n]} rounds of {', '.join(impls)}")
        res = rounds(impls, runs[n], run_one, log)
        if n == 1000:
            if not weasyprint:
                skipped["weasyprint"] = "not run with --quick"
            elif baseline("weasyprint") is None:
                skipped["weasyprint"] = "baseline not found, skipped"
            elif not weasyprint_importable():
                skipped["weasyprint"] = "weasyprint does not import (needs Pango), skipped"
            else:
                log("  N = 1,000: WeasyPrint, one run …")
                res["weasyprint"] = [run_one("weasyprint")]
        entry: dict[str, dict] = {}
        for impl, rs in res.items():
            size, count = sizes_[impl]
            e = {
                "label": LABELS[impl],
                "runs": len(rs),
                "cpu_s": median([x.cpu for x in rs]),
                "wall_s": median([x.wall for x in rs]),
                "rss_mb": median([x.rss_mb for x in rs]),
                "envelopes": count,
                "bytes_per_envelope": size / max(count, 1),
                "cpu_runs_s": [round(x.cpu, 3) for x in rs],
            }
            for base in ("tuned", "bare"):
                if base in res and impl != base:
                    if len(rs) == len(res[base]):
                        e[f"cpu_vs_{base}"] = pair_ratio(rs, res[base])
                    else:
                        e[f"cpu_vs_{base}"] = e["cpu_s"] / median([x.cpu for x in res[base]])
                    e[f"rss_vs_{base}"] = e["rss_mb"] / median([x.rss_mb for x in res[base]])
                    e[f"bytes_vs_{base}"] = e["bytes_per_envelope"] / (
                        sizes_[base][0] / max(sizes_[base][1], 1)
                    )
            entry[impl] = e
        out["sizes"][str(n)] = entry
    return out


WRITE_LATER = "letterkit write batsenin (a later letter: cache kept)"
WRITE_FIRST = "letterkit write batsenin (a first letter: empty cache)"


def bench_startup(runs: int, tmp: Path, log) -> dict:
    """Fresh processes. ``write`` keeps answers that cost a dictionary load (the writer's
    town declined, letterkit/memo.py) in the user's cache directory: a user meets both
    figures, the first letter with an empty cache and every later one with the answers
    kept, so both are measured (the first with a new cache directory each run)."""
    env = child_env(tmp)
    lk = letterkit_command()
    work = tmp / "write"
    work.mkdir(exist_ok=True)
    write = [*lk, "write", "batsenin", "--force", "--date", DATE, "--sender", SENDER]
    cmds = {
        "import typer": [sys.executable, "-c", "import typer"],
        "letterkit --help": [*lk, "--help"],
        WRITE_LATER: write,
        WRITE_FIRST: write,
    }
    skipped = {}
    floor = baseline("typer")
    if floor is None:
        skipped["typer floor"] = "baseline not found, skipped"
    else:
        cmds["typer floor write batsenin"] = [sys.executable, str(floor), "write", "batsenin"]
    impls = list(cmds)
    first_letters = itertools.count()

    def run_one(impl: str) -> Run:
        run_env = env
        if impl == WRITE_FIRST:
            run_env = {
                **env,
                "LETTERKIT_CACHE_DIR": str(tmp / f"cache-first-{next(first_letters)}"),
            }
        return checked(measure(cmds[impl], run_env, cwd=work), impl)

    for impl in impls:
        run_one(impl)
    log(f"  start-up: {runs} rounds")
    res = rounds(impls, runs, run_one, log)
    out: dict = {"skipped": skipped}
    for impl, rs in res.items():
        out[impl] = {
            "runs": len(rs),
            "cpu_s": median([x.cpu for x in rs]),
            "wall_s": median([x.wall for x in rs]),
        }
    out["help_vs_import_typer"] = pair_ratio(res["letterkit --help"], res["import typer"])
    if floor is not None:
        out["write_vs_typer_floor"] = pair_ratio(
            res[WRITE_LATER], res["typer floor write batsenin"]
        )
        out["write_first_vs_typer_floor"] = pair_ratio(
            res[WRITE_FIRST], res["typer floor write batsenin"]
        )
    return out


def bench_parse(n_lines: int, runs: int, tmp: Path, log) -> dict:
    env = child_env(tmp)
    cmd = [*letterkit_command(), "address", "parse", "-"]
    lines = distinct_lines(n_lines, printable_only=False)
    data = tmp / "parse.txt"
    data.write_text("\n".join(lines) + "\n", "utf-8")
    one = tmp / "parse-one.txt"
    one.write_text(lines[0] + "\n", "utf-8")
    inputs = {"lines": data, "one": one}

    def run_one(impl: str) -> Run:
        # exit 3: some sample lines are not printable addresses (expected)
        return checked(measure(cmd, env, cwd=tmp, stdin=inputs[impl]), "address parse", (0, 3))

    run_one("one")
    log(f"  address parse -: {runs} rounds of {n_lines:,} distinct lines and of one line")
    res = rounds(["lines", "one"], runs, run_one, log)
    per_round = [
        (n_lines - 1) / max(a.cpu - b.cpu, 1e-9)
        for a, b in zip(res["lines"], res["one"], strict=True)
    ]
    return {
        "lines": n_lines,
        "distinct": len(set(lines)),
        "runs": runs,
        "cpu_s": median([x.cpu for x in res["lines"]]),
        "startup_cpu_s": median([x.cpu for x in res["one"]]),
        "lines_per_s": median(per_round),
        "lines_per_s_whole_process": n_lines / median([x.cpu for x in res["lines"]]),
        "natasha": bench_natasha(lines[:NATASHA_SAMPLE], tmp, log),
    }


# natasha's AddrExtractor reads ~10 lines/s: a short sample of the same lines gives its rate.
NATASHA_SAMPLE = 100


def child_natasha(input_file: str) -> None:
    """natasha's AddrExtractor (https://github.com/natasha/natasha) on the lines of
    ``input_file``: lines per second of this process's CPU, its models loaded first."""
    t0 = time.process_time()
    from natasha import AddrExtractor, MorphVocab

    extractor = AddrExtractor(MorphVocab())
    lines = Path(input_file).read_text(encoding="utf-8").splitlines()
    t1 = time.process_time()
    parts = sum(len(list(extractor(line))) for line in lines)
    t2 = time.process_time()
    print(json.dumps({"load_s": t1 - t0, "cpu_s": t2 - t1, "lines": len(lines), "parts": parts}))


def bench_natasha(lines: list[str], tmp: Path, log) -> dict | str:
    """natasha's rate on the first lines of the parse sample, one run in a process of its
    own (``pip install -e '.[bench]'`` installs it; the wheel carries its models)."""
    probe = subprocess.run([sys.executable, "-c", "import natasha"], capture_output=True)
    if probe.returncode:
        return "natasha is not installed (pip install -e '.[bench]'), skipped"
    data = tmp / "natasha.txt"
    data.write_text("\n".join(lines) + "\n", "utf-8")
    log(f"  natasha AddrExtractor: {len(lines)} of the same lines, one run")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", "natasha", str(data)],
        capture_output=True,
        text=True,
        env=child_env(tmp),
        check=False,
    )
    if proc.returncode:
        return f"natasha failed ({proc.stderr.strip().splitlines()[-1:]}), skipped"
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "lines": r["lines"],
        "cpu_s": r["cpu_s"],
        "load_cpu_s": r["load_s"],
        "lines_per_s": r["lines"] / max(r["cpu_s"], 1e-9),
        "parts_found": r["parts"],
    }


def bench_pool(n_lines: int, runs: int, tmp: Path, log) -> dict:
    """Rows of N distinct published lines looked up in one process and in two (the
    whole child process: CPU includes the workers', wall is what a user waits)."""
    env = child_env(tmp)
    me = str(Path(__file__).resolve())
    data = tmp / f"pool-{n_lines}.txt"
    data.write_text("\n".join(distinct_lines(n_lines, printable_only=True)) + "\n", "utf-8")
    cmds = {str(k): [sys.executable, me, "--child", "pool", str(k), str(data), "-"] for k in (1, 2)}

    def run_one(impl: str) -> Run:
        return checked(measure(cmds[impl], env, cwd=tmp), f"pool {impl}")

    run_one("1")
    log(f"  process pool: {runs} rounds of {n_lines:,} rows in 1 and in 2 processes")
    res = rounds(list(cmds), runs, run_one, log)
    one, two = res["1"], res["2"]
    wall = pair_ratio(two, one, "wall")
    return {
        "rows": n_lines,
        "runs": runs,
        "one": {"cpu_s": median([x.cpu for x in one]), "wall_s": median([x.wall for x in one])},
        "two": {"cpu_s": median([x.cpu for x in two]), "wall_s": median([x.wall for x in two])},
        "wall_two_vs_one": wall,
        "cpu_two_vs_one": pair_ratio(two, one),
        "wins": wall < 1.0,
    }


def bench_sheets(n: int, runs: int, tmp: Path, log) -> dict:
    """A4 pages added to a batch of N distinct people: ``--letters first-letter`` (one
    letter each) and ``--profiles`` (one sheet each). A page's cost is the run's CPU less
    the same batch's envelopes alone (paired rounds), over the A4 pages written."""
    env = child_env(tmp)
    lk = letterkit_command()
    slugs = printable_slugs()[:n]
    data = tmp / f"sheets-{len(slugs)}.txt"
    data.write_text("\n".join(slugs) + "\n", "utf-8")
    out = tmp / "sheets.pdf"
    base = [*lk, "batch", str(data), "--output", str(out), "--sender", SENDER, "--date", DATE]
    cmds = {
        "envelopes": base,
        "letters": [*base, "--letters", "first-letter"],
        "profiles": [*base, "--profiles"],
    }
    a4 = out.with_name(f"{out.stem}-a4.pdf")
    a4_pages: dict[str, int] = {}

    def run_one(impl: str) -> Run:
        for old in tmp.glob(f"{out.stem}*.pdf"):
            old.unlink()
        run = checked(measure(cmds[impl], env, cwd=tmp), f"batch {impl}", (0, 3))
        a4_pages.setdefault(impl, pages(a4) if a4.exists() else 0)
        return run

    for impl in SHEET_IMPLS:  # warm the caches once
        run_one(impl)
    log(f"  A4 sheets: {runs} rounds of {len(slugs):,} people: {', '.join(SHEET_IMPLS)}")
    res = rounds(list(SHEET_IMPLS), runs, run_one, log)
    entry: dict = {"people": len(slugs), "runs": runs}
    for impl in SHEET_IMPLS:
        entry[impl] = {"cpu_s": median([x.cpu for x in res[impl]]), "a4_pages": a4_pages[impl]}
        if impl != "envelopes" and a4_pages[impl]:
            extra = [
                max(x.cpu - y.cpu, 0.0) for x, y in zip(res[impl], res["envelopes"], strict=True)
            ]
            entry[impl]["ms_per_page"] = 1000 * median(extra) / a4_pages[impl]
    return entry


def _sheets_line(sh: dict | None) -> str:
    if not sh:
        return "A4 sheets: not measured."
    return (
        f"A4 sheets added to a batch of {sh['people']:,} people (CPU beyond the envelopes): "
        f"`--letters first-letter` {sh['letters']['ms_per_page']:.1f} ms per page "
        f"({sh['letters']['a4_pages']:,} pages), `--profiles` "
        f"{sh['profiles']['ms_per_page']:.1f} ms per page ({sh['profiles']['a4_pages']:,} pages)."
    )


# ------------------------------------------------------------------- report


def machine(load_start: tuple[float, float, float]) -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import reportlab

    from letterkit import __version__

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
            ).stdout.strip()
        except OSError:
            return ""

    try:
        import _rl_accel  # noqa: F401

        accel = True
    except ImportError:
        accel = False
    return {
        "commit": git("rev-parse", "HEAD") or None,
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average_start": [round(x, 2) for x in load_start],
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "reportlab": reportlab.Version,
        "rl_accel": accel,
        "letterkit": __version__,
        "date": dt.date.today().isoformat(),
    }


def targets(results: dict) -> list[dict]:
    rows: list[dict] = []

    def add(name: str, value: float, limit: float, *, at_least: bool = False) -> None:
        rows.append(
            {
                "target": name,
                "value": round(value, 3),
                "limit": limit,
                "at_least": at_least,
                "pass": value >= limit if at_least else value <= limit,
            }
        )

    sizes = results.get("envelopes", {}).get("sizes", {})
    for n, entry in sizes.items():
        for impl in ("cli-slugs", "cli-lines"):
            e = entry.get(impl, {})
            if int(n) >= 10_000 and "cpu_vs_tuned" in e:
                add(f"{LABELS[impl]}, N={int(n):,}: CPU / tuned", e["cpu_vs_tuned"], 1.2)
                add(f"{LABELS[impl]}, N={int(n):,}: RSS / tuned", e["rss_vs_tuned"], 1.3)
            if "bytes_vs_tuned" in e:
                add(
                    f"{LABELS[impl]}, N={int(n):,}: bytes/envelope / tuned",
                    e["bytes_vs_tuned"],
                    TARGET_BYTES_VS_TUNED,
                )
    if "10000" in sizes and "100000" in sizes:
        for impl in ("cli-slugs", "cli-lines"):
            a, b = sizes["10000"].get(impl, {}), sizes["100000"].get(impl, {})
            if "cpu_vs_tuned" in a and "cpu_vs_tuned" in b:
                add(
                    f"{LABELS[impl]}: linear (ratio at 100 000 / at 10 000)",
                    b["cpu_vs_tuned"] / a["cpu_vs_tuned"],
                    TARGET_LINEAR,
                )
    s = results.get("startup")
    if s and "write_vs_typer_floor" in s:
        add(
            "write batsenin, a later letter (cache kept) / typer floor (CPU)",
            s["write_vs_typer_floor"],
            TARGET_WRITE_VS_TYPER,
        )
    if s and "write_first_vs_typer_floor" in s:
        add(
            "write batsenin, a first letter (empty cache) / typer floor (CPU)",
            s["write_first_vs_typer_floor"],
            TARGET_WRITE_VS_TYPER,
        )
    if s:
        add("--help / import typer (CPU)", s["help_vs_import_typer"], TARGET_HELP_VS_TYPER)
    p = results.get("parse")
    if p:
        add(
            "address parse -, distinct lines/s",
            p["lines_per_s"],
            TARGET_PARSE_LINES_S,
            at_least=True,
        )
    return rows


def _ratio(e: dict, key: str) -> str:
    return f"{e[key]:.2f}" if key in e else "–"


def print_report(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 140)
    m = results["machine"]
    console.print(
        f"[bold]letterkit benchmark[/] {m['date']} · commit {(m['commit'] or '?')[:10]}"
        f"{' (dirty)' if m['dirty'] else ''} · {m['cpu']} · {m['cores']} cores · "
        f"load {m['load_average_start'][0]:.2f} → {m['load_average_end'][0]:.2f} · "
        f"Python {m['python']} · reportlab {m['reportlab']}"
        f" ({'with' if m['rl_accel'] else 'without'} rl_accel)"
    )
    if "envelopes" in results:
        env = results["envelopes"]
        table = Table(
            title="DL envelopes, whole process (CPU s; ratios: median of interleaved rounds)"
        )
        for col in ("N", "what", "runs", "CPU", "/ tuned", "/ bare", "RSS", "/ tuned", "B/env"):
            table.add_column(col, justify="left" if col == "what" else "right")
        for n, entry in env["sizes"].items():
            for _impl, e in entry.items():
                table.add_row(
                    f"{int(n):,}",
                    e["label"],
                    str(e["runs"]),
                    f"{e['cpu_s']:.2f} s",
                    _ratio(e, "cpu_vs_tuned"),
                    _ratio(e, "cpu_vs_bare"),
                    f"{e['rss_mb']:.0f} MB",
                    _ratio(e, "rss_vs_tuned"),
                    f"{e['bytes_per_envelope']:.0f}",
                )
        console.print(table)
        for what, why in env["skipped"].items():
            console.print(f"  {what}: {why}")
    if "startup" in results:
        s = results["startup"]
        table = Table(title="Start-up (fresh process, median CPU)")
        for col in ("command", "runs", "CPU", "wall"):
            table.add_column(col, justify="left" if col == "command" else "right")
        for key, e in s.items():
            if isinstance(e, dict) and "cpu_s" in e:
                table.add_row(
                    key,
                    str(e["runs"]),
                    f"{e['cpu_s'] * 1000:.0f} ms",
                    f"{e['wall_s'] * 1000:.0f} ms",
                )
        console.print(table)
        for what, why in s["skipped"].items():
            console.print(f"  {what}: {why}")
    if "parse" in results:
        p = results["parse"]
        console.print(
            f"address parse -: {p['lines']:,} distinct lines, {p['cpu_s']:.2f} s CPU "
            f"(start-up {p['startup_cpu_s']:.2f} s): {p['lines_per_s']:,.0f} lines/s after start-up, "
            f"{p['lines_per_s_whole_process']:,.0f} lines/s whole process; {_natasha_text(p)}"
        )
    if "pool" in results:
        console.print(_pool_line(results["pool"]))
    if "sheets" in results:
        console.print(_sheets_line(results["sheets"]))
    table = Table(title="Targets (ratios from this run)")
    for col in ("target", "value", "limit", "result"):
        table.add_column(col, justify="left" if col == "target" else "right")
    for t in results["targets"]:
        table.add_row(
            t["target"],
            f"{t['value']:,.2f}",
            f"{'≥' if t['at_least'] else '≤'} {t['limit']:,}",
            "[green]pass[/]" if t["pass"] else "[red]FAIL[/]",
        )
    console.print(table)


# ------------------------------------------------------------------- README

README_START = "<!-- bench.py --readme: start -->"
README_END = "<!-- bench.py --readme: end -->"


def readme_table(results: dict) -> str:
    m = results["machine"]
    load = f"{m['load_average_start'][0]:.1f}–{m['load_average_end'][0]:.1f}"
    lines = [
        (
            f"Last run: `{results['command']}`, {m['date']}, commit `{(m['commit'] or '?')[:10]}`"
            f"{' (uncommitted changes)' if m['dirty'] else ''}; {m['cpu']}, {m['cores']} cores, "
            f"load average {load}; Python {m['python']}, reportlab {m['reportlab']}"
            f" ({'with' if m['rl_accel'] else 'without'} rl_accel)."
        ),
        "",
        "| DL envelopes (whole process) | N | CPU | ÷ tuned | ÷ bare | peak RSS | ÷ tuned | bytes/envelope |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, entry in results["envelopes"]["sizes"].items():
        for e in entry.values():
            lines.append(
                f"| {e['label']} | {int(n):,} | {e['cpu_s']:.2f} s | {_ratio(e, 'cpu_vs_tuned')} "
                f"| {_ratio(e, 'cpu_vs_bare')} | {e['rss_mb']:.0f} MB | {_ratio(e, 'rss_vs_tuned')} "
                f"| {e['bytes_per_envelope']:.0f} |"
            )
    s = results["startup"]
    lines += ["", "| start-up (fresh process) | CPU |", "|---|---:|"]
    for key, e in s.items():
        if isinstance(e, dict) and "cpu_s" in e:
            lines.append(f"| `{key}` | {e['cpu_s'] * 1000:.0f} ms |")
    p = results["parse"]
    lines += [
        "",
        (
            f"`letterkit address parse -` on {p['lines']:,} distinct lines: "
            f"{p['lines_per_s']:,.0f} lines/s after start-up ({p['lines_per_s_whole_process']:,.0f} "
            "lines/s for the whole process); "
            f"{_natasha_text(p)}."
        ),
        "",
        _pool_line(results.get("pool")),
        "",
        _sheets_line(results.get("sheets")),
        "",
        "| target | value | limit | |",
        "|---|---:|---:|---|",
    ]
    for t in results["targets"]:
        lines.append(
            f"| {t['target']} | {t['value']:,.2f} | {'≥' if t['at_least'] else '≤'} "
            f"{t['limit']:,} | {'pass' if t['pass'] else 'missed'} |"
        )
    skipped = {**results["envelopes"]["skipped"], **results["startup"]["skipped"]}
    if skipped:
        lines += ["", "Skipped: " + "; ".join(f"{k} ({v})" for k, v in skipped.items()) + "."]
    return "\n".join(lines)


def _natasha_text(p: dict) -> str:
    """natasha's rate beside ours (results.json files before it say only why not)."""
    nat = p.get("natasha")
    if not isinstance(nat, dict):
        return f"natasha: {nat}"
    return (
        f"natasha AddrExtractor on {nat['lines']:,} of the same lines: "
        f"{nat['lines_per_s']:,.1f} lines/s (letterkit {p['lines_per_s'] / nat['lines_per_s']:,.0f}×)"
    )


def _pool_line(p: dict | None) -> str:
    if not p:
        return "Process pool: not measured."
    verdict = (
        "faster to wait for (letterkit does not use a pool yet)"
        if p["wins"]
        else "no faster to wait for, so letterkit looks rows up in one process"
    )
    return (
        f"Process pool (the rows of {p['rows']:,} distinct lines looked up in 2 processes "
        f"instead of 1): wall {p['two']['wall_s']:.2f} s against {p['one']['wall_s']:.2f} s "
        f"(× {p['wall_two_vs_one']:.2f}), CPU {p['two']['cpu_s']:.2f} s against "
        f"{p['one']['cpu_s']:.2f} s (× {p['cpu_two_vs_one']:.2f}): {verdict}."
    )


def write_readme(results: dict, readme: Path = README) -> None:
    missing = [k for k in SECTIONS if k not in results and k not in README_OPTIONAL]
    if missing:
        raise SystemExit(f"results cover only part of the benchmark (no {', '.join(missing)})")
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme}: no {README_START} … {README_END} block")
    new = text[: start + len(README_START)] + "\n" + readme_table(results) + "\n" + text[end:]
    readme.write_text(new, encoding="utf-8")


# --------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="N = 1 000, fewer runs (< 1 min)")
    mode.add_argument("--full", action="store_true", help="also N = 100 000 (slow)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--runs", type=int, help="rounds per measurement")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this part (repeatable); the README cannot be written from such a run",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument(
        "--readme", action="store_true", help="rewrite README.md's table from --output and stop"
    )
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "pool":
            child_pool(*rest)
        elif kind == "natasha":
            child_natasha(*rest)
        else:
            child_library(*args.child)
        return 0
    if args.readme:
        write_readme(json.loads(args.output.read_text(encoding="utf-8")))
        print(f"README.md table rewritten from {args.output}")
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    load_start = os.getloadavg()
    if args.quick:
        sizes, runs = [1000], {1000: args.runs or 2}
        startup_runs, parse_lines, parse_runs = args.runs or 4, 3000, args.runs or 2
        sheet_people, sheet_runs = 100, args.runs or 2
    else:
        sizes = [1000, 10_000, *([100_000] if args.full else [])]
        runs = {1000: args.runs or 5, 10_000: args.runs or 3, 100_000: args.runs or 1}
        startup_runs, parse_lines, parse_runs = args.runs or 11, 10_000, args.runs or 3
        sheet_people, sheet_runs = 500, args.runs or 3
    only = args.only or list(SECTIONS)
    tmp = Path(tempfile.mkdtemp(prefix="letterkit-bench-"))
    parts: dict[str, dict] = {}
    try:
        if "envelopes" in only:
            log("envelopes …")
            parts["envelopes"] = bench_envelopes(sizes, runs, tmp, log, weasyprint=not args.quick)
        if "startup" in only:
            log("start-up …")
            parts["startup"] = bench_startup(startup_runs, tmp, log)
        if "parse" in only:
            log("address parse …")
            parts["parse"] = bench_parse(parse_lines, parse_runs, tmp, log)
        if "pool" in only:
            log("process pool …")
            parts["pool"] = bench_pool(parse_lines, parse_runs, tmp, log)
        if "sheets" in only:
            log("A4 sheets …")
            parts["sheets"] = bench_sheets(sheet_people, sheet_runs, tmp, log)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    command = "python benchmarks/bench.py" + (
        " --quick" if args.quick else " --full" if args.full else ""
    )
    command += "".join(f" --only {x}" for x in args.only or ())
    results = {
        "machine": machine(load_start),
        "command": command + (f" --runs {args.runs}" if args.runs else ""),
        **parts,
        "seconds": round(time.perf_counter() - started, 1),
    }
    results["targets"] = targets(results)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print_report(results)
    print(f"written {args.output} in {results['seconds']} s")
    failed = [t["target"] for t in results["targets"] if not t["pass"]]
    if args.check and failed:
        print("missed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
