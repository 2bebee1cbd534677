"""letterkit performance benchmark (issue 7): every target is a ratio against a baseline
measured in the same run, never an absolute time.

    python benchmarks/bench.py            # full: N = 100, 1000, 10 000 (a few minutes)
    python benchmarks/bench.py --quick    # N = 100 and 1000, fewer runs (< 60 s)
    python benchmarks/bench.py --check    # exit 1 when a target is missed

What it measures, each in a fresh child process (so peak RSS is that run's own):

- N DL envelopes through letterkit's batch path (``letterkit.batch.render_envelopes``;
  before that module existed, one :class:`EnvelopeRenderer` on one canvas) for varied
  Batsenin-like records, and the same N with bare reportlab (the logic of
  ``bare_reportlab_envelopes.py``, copied below so the repository stands alone);
  median time, median peak RSS (``ru_maxrss``), PDF bytes per envelope;
- cold ``letterkit --help`` and ``letterkit write batsenin`` against
  ``python -c "import typer"``; ``letterkit address parse -`` on 10 000 real lines.

Child processes cache bytecode in a private temporary directory (``PYTHONPYCACHEPREFIX``),
as an installed package has its ``.pyc`` files, without writing into the checkout.

Timed region for both renderers: inputs in memory and modules imported → PDF bytes in
memory (font registration, drawing and saving included). Runs are interleaved
(letterkit, baseline, baseline, letterkit, …) so machine noise hits both sides alike.
Results: a rich table on stdout and ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
ADDRESS_LINES = HERE / "address_lines.txt"  # first lines of real published addresses
PARSE_LINES = 10_000

# Targets (issue 7), as ratios letterkit / baseline measured in the same run.
TARGET_RENDER_1000 = 1.5
TARGET_RENDER_10000 = 1.5
TARGET_RSS_10000 = 1.5
TARGET_PDF_SIZE = 1.5
TARGET_HELP = 2.0

# --------------------------------------------------------------------------- records

# Facilities as Memorial publishes them (postcode, region, locality, street, house, name).
FACILITIES = (
    (
        "693008",
        "Сахалинская область",
        "г. Южно-Сахалинск",
        "ул. Пограничная",
        "71",
        "ФКУ ИК-1 УФСИН России по Сахалинской области",
    ),
    (
        "682640",
        "Хабаровский край",
        "г. Амурск",
        "ш. Машиностроителей",
        "10",
        "ФКУ ИК-14 УФСИН России по Хабаровскому краю",
    ),
    (
        "620024",
        "Свердловская область",
        "г. Екатеринбург",
        "Елизаветинское шоссе",
        "19",
        "ФКУ СИЗО-5 ГУФСИН России по Свердловской области",
    ),
    (
        "600021",
        "Владимирская область",
        "г. Владимир",
        "ул. 9 января",
        "5а",
        "ФКУ СИЗО-1 УФСИН России по Владимирской области",
    ),
    (
        "433510",
        "Ульяновская область",
        "г. Димитровград",
        "ул. Осипенко",
        "22",
        "ФКУ ИК-3 УФСИН России по Ульяновской области",
    ),
    (
        "424006",
        "Республика Марий Эл",
        "г. Йошкар-Ола",
        "ул. Строителей",
        "56А",
        "ФКУ ИК-6 УФСИН России по Республике Марий Эл",
    ),
    (
        "346408",
        "Ростовская область",
        "г. Новочеркасск",
        "ул. Украинская",
        "1",
        "ФКУ СИЗО-3 ГУФСИН России по Ростовской области",
    ),
    (
        "109382",
        "г. Москва",
        "г. Москва",
        "ул. Верхние поля",
        "57",
        "ФКУ СИЗО-7 ГУФСИН России по г. Москве",
    ),
)
# Dative forms, as printed («Кому»): surname, first name, patronymic.
SURNAMES = (
    "Баценину",
    "Слащёву",
    "Талипову",
    "Кобзеву",
    "Скворцову",
    "Королёву",
    "Омерову",
    "Кулиевичу",
    "Филатову",
    "Пономарёву",
    "Буслову",
    "Салиеву",
    "Наумову",
    "Гугурику",
    "Муединову",
    "Иванову",
    "Петрову",
    "Смирнову",
    "Кузнецову",
    "Соколову",
    "Лебедеву",
    "Новикову",
    "Морозову",
)
FIRST_NAMES = (
    "Александру",
    "Валерию",
    "Радику",
    "Вадиму",
    "Сергею",
    "Энверу",
    "Андрею",
    "Константину",
    "Геннадию",
    "Артёму",
    "Рустему",
)
PATRONYMICS = (
    "Дмитриевичу",
    "Владимировичу",
    "Азаматовичу",
    "Викторовичу",
    "Васильевичу",
    "Ярославовичу",
    "Анатольевичу",
    "Павловичу",
    "Юрьевичу",
)
SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Москва; 101000"


def make_addresses(n: int) -> list:
    """``n`` validated, printable addresses: distinct people spread over the facilities."""
    from letterkit.address.validate import validate
    from letterkit.models import Address, Recipient

    out = []
    for i in range(n):
        postcode, region, locality, street, house, facility = FACILITIES[(i * 5) % len(FACILITIES)]
        surname = SURNAMES[i % len(SURNAMES)]
        first = FIRST_NAMES[(i // len(SURNAMES)) % len(FIRST_NAMES)]
        middle = PATRONYMICS[(i // 7) % len(PATRONYMICS)]
        recipient = Recipient(
            f"{surname} {first} {middle}", birth_year=1950 + (i * 13) % 55, gender="m"
        )
        address = validate(
            Address(
                postcode=postcode,
                region=region,
                locality=locality,
                street=street,
                house=house,
                facility=facility,
                recipient=recipient,
            )
        )
        if not address.printable:
            raise SystemExit(f"benchmark record is not printable: {address.warnings}")
        out.append(address)
    return out


# ----------------------------------------------------------------- child: rendering


def render_letterkit(n: int) -> tuple[float, bytes, str]:
    from letterkit.models import Sender

    sender = Sender.parse(SENDER)
    addresses = make_addresses(n)
    try:
        from letterkit.batch import render_envelopes
    except ImportError:
        render_envelopes = None
    if render_envelopes is not None:
        t0 = time.perf_counter()
        pdf = render_envelopes(addresses, sender, "DL")
        return time.perf_counter() - t0, pdf, "letterkit.batch.render_envelopes"
    # Until the batch module exists: what a batch does, one renderer on one canvas.
    from letterkit.render.envelope import EnvelopeRenderer, envelope_content
    from letterkit.render.pdf import finish, new_canvas

    t0 = time.perf_counter()
    renderer = EnvelopeRenderer("DL")
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    for address in addresses:
        renderer.draw(canvas, envelope_content(address, sender))
        canvas.showPage()
    pdf = finish(canvas, buffer)
    return time.perf_counter() - t0, pdf, "render.envelope.EnvelopeRenderer"


def render_baseline(n: int) -> tuple[float, bytes, str]:
    """Bare reportlab, copied from ``bare_reportlab_envelopes.py`` (same font, same page)."""
    import io

    import fontpkg_pt_sans
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    root = fontpkg_pt_sans.ROOT / "files"
    W, H = 220 * mm, 110 * mm
    lines = [
        "Кому: Баценину Александру Дмитриевичу, 1995 г. р.",
        "Куда: ФКУ ИК-1 УФСИН России по Сахалинской области",
        "ул. Пограничная, д. 71",
        "г. Южно-Сахалинск, Сахалинская область",
        "693008",
    ]
    t0 = time.perf_counter()
    pdfmetrics.registerFont(TTFont("PTSans", str(root / "PT_Sans-Web-Regular.ttf")))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(W, H), invariant=1)
    for i in range(n):
        c.setFont("PTSans", 9)
        y = H - 12 * mm
        for s in ["От: Иванова Мария Петровна", "ул. Ленина, д. 1, кв. 2", "г. Москва", "101000"]:
            c.drawString(10 * mm, y, s)
            y -= 4.5 * mm
        c.setFont("PTSans", 11)
        y = 50 * mm
        for s in lines:
            c.drawString(110 * mm, y, s + (f" #{i}" if s.startswith("Кому") else ""))
            y -= 6 * mm
        # 6-digit index stencil: 9-segment boxes
        for d in range(6):
            x0 = 10 * mm + d * 8 * mm
            c.rect(x0, 10 * mm, 5 * mm, 10 * mm)
        c.showPage()
    c.save()
    return time.perf_counter() - t0, out.getvalue(), "bare reportlab"


def child_render(impl: str, n: int, save: str | None) -> None:
    import reportlab.pdfgen.canvas  # noqa: F401  (imports are outside the timed region)

    if impl == "letterkit":
        import letterkit.render.envelope  # noqa: F401

        seconds, pdf, path = render_letterkit(n)
    else:
        seconds, pdf, path = render_baseline(n)
    if save:
        Path(save).write_bytes(pdf)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if sys.platform == "darwin":
        rss_kb //= 1024  # bytes on macOS
    print(
        json.dumps(
            {"seconds": seconds, "rss_kb": rss_kb, "pdf_bytes": len(pdf), "n": n, "path": path}
        )
    )


# ----------------------------------------------------------------- parent: measuring


def child_env() -> dict[str, str]:
    """Children cache bytecode like an installed package, in a private temp directory.

    Without it (``PYTHONDONTWRITEBYTECODE=1`` in a shared checkout) every fresh process
    would recompile letterkit's sources, which no installed copy ever does.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    return env


PYCACHE = str(Path(tempfile.gettempdir()) / "letterkit-bench-pycache")


def run_child(impl: str, n: int) -> dict:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", impl, str(n)],
        capture_output=True,
        text=True,
        check=False,
        env=child_env(),
    )
    if proc.returncode != 0:
        raise SystemExit(f"{impl} N={n} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def wall(cmd: list[str], **kwargs) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    return time.perf_counter() - t0, proc.returncode


def letterkit_command() -> list[str]:
    """The installed console script (what users run), else ``python -m letterkit``."""
    script = Path(sys.executable).with_name("letterkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "letterkit"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_render(sizes: list[int], runs: dict[int, int], log) -> dict:
    out: dict[str, dict] = {}
    for n in sizes:
        lk: list[dict] = []
        base: list[dict] = []
        for r in range(runs[n]):
            order = ("letterkit", "baseline") if r % 2 == 0 else ("baseline", "letterkit")
            for impl in order:
                (lk if impl == "letterkit" else base).append(run_child(impl, n))
            log(
                f"  N={n:>6} run {r + 1}/{runs[n]}: letterkit {lk[-1]['seconds']:.3f}s, "
                f"baseline {base[-1]['seconds']:.3f}s"
            )
        entry = {
            "n": n,
            "runs": runs[n],
            "path": lk[0]["path"],
            "letterkit_s": median([x["seconds"] for x in lk]),
            "baseline_s": median([x["seconds"] for x in base]),
            "letterkit_rss_mb": median([x["rss_kb"] for x in lk]) / 1024,
            "baseline_rss_mb": median([x["rss_kb"] for x in base]) / 1024,
            "letterkit_bytes_per_envelope": lk[0]["pdf_bytes"] / n,
            "baseline_bytes_per_envelope": base[0]["pdf_bytes"] / n,
            "letterkit_runs_s": [round(x["seconds"], 4) for x in lk],
            "baseline_runs_s": [round(x["seconds"], 4) for x in base],
        }
        # Runs come in interleaved pairs: the median of the pairs' ratios cancels load
        # that drifts over the run better than the ratio of the two medians does.
        entry["time_ratio"] = median(
            [a["seconds"] / b["seconds"] for a, b in zip(lk, base, strict=True)]
        )
        entry["time_ratio_of_medians"] = entry["letterkit_s"] / entry["baseline_s"]
        entry["rss_ratio"] = entry["letterkit_rss_mb"] / entry["baseline_rss_mb"]
        entry["size_ratio"] = (
            entry["letterkit_bytes_per_envelope"] / entry["baseline_bytes_per_envelope"]
        )
        out[str(n)] = entry
    return out


def bench_cli(runs: int, parse_runs: int, log) -> dict:
    lk = letterkit_command()
    typer_cmd = [sys.executable, "-c", "import typer"]
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="letterkit-bench-") as tmp:
        env = child_env()
        # Private, empty user directories: no profile, no user records, nothing touched.
        env["LETTERKIT_CONFIG_DIR"] = str(Path(tmp) / "config")
        env["LETTERKIT_DATA_DIR"] = str(Path(tmp) / "data")
        env["LETTERKIT_LANG"] = "en"
        env.pop("LETTERKIT_DEBUG", None)
        work = Path(tmp) / "out"
        work.mkdir()
        write_cmd = [*lk, "write", "batsenin", "--force", "--date", "2026-11-25"]
        timings: dict[str, list[float]] = {"help": [], "typer": [], "write": []}
        # Warm the OS file cache and the bytecode cache once; every run is a new process.
        for cmd in (typer_cmd, [*lk, "--help"], write_cmd):
            wall(cmd, env=env, cwd=work)
        for r in range(runs):
            pairs = [("help", [*lk, "--help"]), ("typer", typer_cmd), ("write", write_cmd)]
            if r % 2:
                pairs.reverse()
            for key, cmd in pairs:
                seconds, rc = wall(cmd, env=env, cwd=work)
                if rc != 0:
                    raise SystemExit(f"{' '.join(cmd)} exited with {rc}")
                timings[key].append(seconds)
        typer_s = median(timings["typer"])
        out["help"] = {
            "letterkit_s": median(timings["help"]),
            "baseline_s": typer_s,
            "ratio": median(timings["help"]) / typer_s,
            "runs": runs,
        }
        out["write"] = {
            "letterkit_s": median(timings["write"]),
            "baseline_s": typer_s,
            "ratio": median(timings["write"]) / typer_s,
            "runs": runs,
        }
        log(
            f"  --help {out['help']['letterkit_s']:.3f}s, write {out['write']['letterkit_s']:.3f}s,"
            f" import typer {typer_s:.3f}s"
        )
        # address parse - on 10 000 real lines (repeated).
        help_proc = subprocess.run(
            [*lk, "address", "parse", "--help"], capture_output=True, env=env, check=False
        )
        if help_proc.returncode != 0:
            out["address_parse"] = {"skipped": "the 'address parse' command does not exist yet"}
            return out
        sample = [x for x in ADDRESS_LINES.read_text(encoding="utf-8").splitlines() if x.strip()]
        lines = (sample * (PARSE_LINES // len(sample) + 1))[:PARSE_LINES]
        data = Path(tmp) / "lines.txt"
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
        parse_times = []
        for _ in range(parse_runs):
            with data.open("rb") as stdin:
                seconds, rc = wall([*lk, "address", "parse", "-"], env=env, stdin=stdin)
            if rc not in (0, 3):  # 3: some lines are not printable addresses (expected)
                raise SystemExit(f"address parse exited with {rc}")
            parse_times.append(seconds)
        out["address_parse"] = {
            "lines": PARSE_LINES,
            "letterkit_s": median(parse_times),
            "runs": parse_runs,
        }
        log(f"  address parse - ({PARSE_LINES} lines) {out['address_parse']['letterkit_s']:.3f}s")
    return out


def machine() -> dict:
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

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=HERE,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "commit": commit or None,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "reportlab": reportlab.Version,
        "letterkit": __version__,
        "date": dt.date.today().isoformat(),
    }


def targets(render: dict, cli: dict) -> list[dict]:
    rows = []

    def add(name: str, letterkit: str, baseline: str, ratio: float, limit: float) -> None:
        rows.append(
            {
                "target": name,
                "letterkit": letterkit,
                "baseline": baseline,
                "ratio": round(ratio, 3),
                "limit": limit,
                "pass": ratio <= limit,
            }
        )

    if "1000" in render:
        r = render["1000"]
        add(
            "1000 envelopes, time",
            f"{r['letterkit_s']:.3f} s",
            f"{r['baseline_s']:.3f} s",
            r["time_ratio"],
            TARGET_RENDER_1000,
        )
    if "10000" in render:
        r = render["10000"]
        add(
            "10 000 envelopes, time",
            f"{r['letterkit_s']:.3f} s",
            f"{r['baseline_s']:.3f} s",
            r["time_ratio"],
            TARGET_RENDER_10000,
        )
        add(
            "10 000 envelopes, peak RSS",
            f"{r['letterkit_rss_mb']:.1f} MB",
            f"{r['baseline_rss_mb']:.1f} MB",
            r["rss_ratio"],
            TARGET_RSS_10000,
        )
    # Bytes per envelope in a batch, fonts embedded once: N = 1000 is in both modes (at
    # N = 100 letterkit's three font subsets, against the baseline's one, still dominate).
    sized = render.get("1000") or render[max(render, key=int)]
    add(
        f"PDF bytes per envelope (N={sized['n']})",
        f"{sized['letterkit_bytes_per_envelope']:.0f} B",
        f"{sized['baseline_bytes_per_envelope']:.0f} B",
        sized["size_ratio"],
        TARGET_PDF_SIZE,
    )
    h = cli["help"]
    add(
        "cold letterkit --help",
        f"{h['letterkit_s'] * 1000:.0f} ms",
        f"{h['baseline_s'] * 1000:.0f} ms (import typer)",
        h["ratio"],
        TARGET_HELP,
    )
    return rows


def print_report(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 120)
    m = results["machine"]
    console.print(
        f"[bold]letterkit benchmark[/] {m['date']} · {m['cpu']} · {m['cores']} cores · "
        f"Python {m['python']} · reportlab {m['reportlab']}"
    )
    table = Table(
        title="Rendering DL envelopes (medians; time ratio = median of interleaved pairs; "
        "baseline = bare reportlab)"
    )
    for col in ("N", "runs", "letterkit", "baseline", "ratio", "RSS lk", "RSS base", "ratio"):
        table.add_column(col, justify="right")
    for col in ("B/env lk", "B/env base", "ratio"):
        table.add_column(col, justify="right")
    for r in results["render"].values():
        table.add_row(
            f"{r['n']:,}",
            str(r["runs"]),
            f"{r['letterkit_s']:.3f} s",
            f"{r['baseline_s']:.3f} s",
            f"{r['time_ratio']:.2f}",
            f"{r['letterkit_rss_mb']:.1f} MB",
            f"{r['baseline_rss_mb']:.1f} MB",
            f"{r['rss_ratio']:.2f}",
            f"{r['letterkit_bytes_per_envelope']:.0f}",
            f"{r['baseline_bytes_per_envelope']:.0f}",
            f"{r['size_ratio']:.2f}",
        )
    console.print(table)
    cli = results["cli"]
    table = Table(title="Command line (fresh process each run, median)")
    for col in ("command", "runs", "time", "vs import typer"):
        table.add_column(col, justify="right" if col != "command" else "left")
    for key, label in (("help", "letterkit --help"), ("write", "letterkit write batsenin")):
        c = cli[key]
        table.add_row(label, str(c["runs"]), f"{c['letterkit_s']:.3f} s", f"{c['ratio']:.2f} ×")
    table.add_row("python -c 'import typer'", "", f"{cli['help']['baseline_s']:.3f} s", "1.00 ×")
    ap = cli["address_parse"]
    if "skipped" in ap:
        table.add_row("letterkit address parse -", "", f"skipped: {ap['skipped']}", "")
    else:
        table.add_row(
            f"letterkit address parse - ({ap['lines']:,} lines)",
            str(ap["runs"]),
            f"{ap['letterkit_s']:.3f} s",
            "",
        )
    console.print(table)
    table = Table(title="Targets (ratios from this run)")
    for col in ("target", "letterkit", "baseline", "ratio", "limit", "result"):
        table.add_column(col, justify="left" if col == "target" else "right")
    for t in results["targets"]:
        table.add_row(
            t["target"],
            t["letterkit"],
            t["baseline"],
            f"{t['ratio']:.2f}",
            f"≤ {t['limit']}",
            "[green]pass[/]" if t["pass"] else "[red]FAIL[/]",
        )
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 100 and 1000, fewer runs")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3 quick, 5)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument("--child", nargs=2, metavar=("IMPL", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--save", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_render(args.child[0], int(args.child[1]), args.save)
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    if args.quick:
        sizes = [100, 1000]
        runs = dict.fromkeys(sizes, args.runs or 3)
        cli_runs, parse_runs = args.runs or 5, 1
    else:
        sizes = [100, 1000, 10_000]
        runs = {100: args.runs or 7, 1000: args.runs or 7, 10_000: args.runs or 5}
        cli_runs, parse_runs = args.runs or 11, 3
    log("rendering envelopes …")
    render = bench_render(sizes, runs, log)
    log("command line …")
    cli = bench_cli(cli_runs, parse_runs, log)
    results = {
        "machine": machine(),
        "command": "python benchmarks/bench.py" + (" --quick" if args.quick else ""),
        "quick": args.quick,
        "render": render,
        "cli": cli,
        "targets": targets(render, cli),
        "seconds": round(time.perf_counter() - started, 1),
    }
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
