"""Overlapping runs lose nothing: real processes at once, counts bounded, no timings.

Two kinds of test. Library level: processes started together with a barrier so that
their read-modify-write cycles overlap for certain (without the locks these lose data
in nearly every run). Command level: the real ``letterkit`` commands started together
as the user would, with the result checked whatever order they finish in.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_LINE

SPAWN = multiprocessing.get_context("spawn")
# Six signatures (Cyrillic: the letter check has nothing to say about them).
NAMES = [
    "Анна",
    "Борис",
    "Вера",
    "Глеб",
    "Дарья",
    "Егор",
]  # a fresh interpreter, as a second run is


def _env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        LETTERKIT_CONFIG_DIR=str(base / "config"),
        LETTERKIT_DATA_DIR=str(base / "data"),
        LETTERKIT_LANG="en",
        PYTHONIOENCODING="utf-8",
    )
    env.pop("LETTERKIT_DEBUG", None)
    return env


def _start(args: list[str], base: Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "letterkit", *args],
        cwd=cwd,
        env=_env(base),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _finish(procs: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        out.append((proc.returncode, stdout, stderr))
    return out


# --- library level ---------------------------------------------------------------------


def _append_entries(base: str, worker: int, count: int, barrier) -> None:
    os.environ["LETTERKIT_DATA_DIR"] = str(Path(base) / "data")
    os.environ["LETTERKIT_CONFIG_DIR"] = str(Path(base) / "config")
    from letterkit import letterlog

    barrier.wait()
    for i in range(count):
        letterlog.record_letter(
            f"p{worker}-{i}", "Имя", dt.date(2026, 11, 25), template=None, signature=None
        )


def test_appends_from_six_processes_lose_nothing(tmp_path: Path) -> None:
    from letterkit import letterlog

    workers, count = 6, 15
    barrier = SPAWN.Barrier(workers)
    procs = [
        SPAWN.Process(target=_append_entries, args=(str(tmp_path), w, count, barrier))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(600)
    assert [p.exitcode for p in procs] == [0] * workers
    contents = letterlog.read_log(tmp_path / "data" / letterlog.LOG_FILE)
    assert contents.bad_lines == []
    assert sorted(e.slug for e in contents.entries) == sorted(
        f"p{w}-{i}" for w in range(workers) for i in range(count)
    )


def _change_profile(base: str, what: str, loaded, go) -> None:
    os.environ["LETTERKIT_CONFIG_DIR"] = str(Path(base) / "config")
    from letterkit.profile import load_profile, save_profile

    profile = load_profile()
    loaded.wait()  # both runs have read the profile before either saves
    if what == "sender":
        profile.sender_lines = ["Иванова Мария Петровна", "г. Тверь", "170000"]
    else:
        profile.offset_x_mm = 1.5
        profile.offset_y_mm = -2.0
    go.wait()
    save_profile(profile)


def test_profile_changes_read_at_the_same_time_are_both_kept(tmp_path: Path) -> None:
    loaded, go = SPAWN.Barrier(2), SPAWN.Barrier(2)
    procs = [
        SPAWN.Process(target=_change_profile, args=(str(tmp_path), what, loaded, go))
        for what in ("sender", "offsets")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(600)
    assert [p.exitcode for p in procs] == [0, 0]
    os.environ["LETTERKIT_CONFIG_DIR"] = str(tmp_path / "config")
    from letterkit.profile import load_profile

    profile = load_profile()
    assert profile.sender_lines == ["Иванова Мария Петровна", "г. Тверь", "170000"]
    assert (profile.offset_x_mm, profile.offset_y_mm) == (1.5, -2.0)


def _create(target: str, worker: int, barrier, results) -> None:
    from letterkit.errors import OutputError
    from letterkit.fsutil import atomic_write

    barrier.wait()
    try:
        atomic_write(Path(target), f"worker {worker}\n")
    except OutputError as exc:
        results.put((worker, exc.message))
    else:
        results.put((worker, "written"))


def test_six_processes_creating_one_file_exactly_one_wins(tmp_path: Path) -> None:
    workers = 6
    target = tmp_path / "same.pdf"
    barrier, results = SPAWN.Barrier(workers), SPAWN.Queue()
    procs = [
        SPAWN.Process(target=_create, args=(str(target), w, barrier, results))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    outcomes = dict(results.get(timeout=600) for _ in range(workers))
    for p in procs:
        p.join(600)
    winners = [w for w, what in outcomes.items() if what == "written"]
    assert len(winners) == 1
    assert target.read_text() == f"worker {winners[0]}\n"
    assert {what for w, what in outcomes.items() if w != winners[0]} == {f"{target} already exists"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.pdf"]  # no temp file left


# --- command level ---------------------------------------------------------------------


def test_six_writes_at_once_log_six_letters(tmp_path: Path) -> None:
    base, cwd = tmp_path / "user", tmp_path / "work"
    cwd.mkdir()
    first = _finish([_start(["log", "--enable"], base, cwd)])
    assert first[0][0] == 0, first
    procs = []
    for n in range(6):
        (cwd / f"out{n}").mkdir()
        args = ["write", "batsenin", "--out-dir", f"out{n}", "--date", "2026-11-25"]
        procs.append(_start([*args, "--signature", NAMES[n]], base, cwd))
    results = _finish(procs)
    assert [code for code, _, _ in results] == [0] * 6, results
    lines = (base / "data" / "letter-log.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["signature"] for line in lines) == sorted(NAMES)


@pytest.mark.parametrize("trial", range(1))
def test_sender_set_and_calibrate_at_once_keep_both(tmp_path: Path, trial: int) -> None:
    base, cwd = tmp_path / "user", tmp_path / "work"
    cwd.mkdir()
    results = _finish(
        [
            _start(["sender", "set", "Иванова Мария; г. Тверь; 170000"], base, cwd),
            _start(["calibrate", "--offset-x", "1.5", "--offset-y", "-2", "--force"], base, cwd),
        ]
    )
    assert [code for code, _, _ in results] == [0, 0], results
    assert results[0][1].startswith("Saved your return address:")
    assert "Saved printer offsets: X +1.5 mm, Y -2.0 mm." in results[1][1]
    shown = _finish([_start(["sender", "show"], base, cwd)])[0]
    assert shown[1].splitlines()[:3] == ["Иванова Мария", "г. Тверь", "170000"]
    text = (base / "config" / "profile.toml").read_text(encoding="utf-8")
    assert "offset_x_mm = 1.5" in text
    assert "offset_y_mm = -2.0" in text


@pytest.mark.parametrize("trial", range(1))
def test_two_batches_to_one_output_exactly_one_succeeds(tmp_path: Path, trial: int) -> None:
    base, cwd = tmp_path / "user", tmp_path / "work"
    cwd.mkdir()
    args = ["batch", "batsenin", "--output", "same.pdf", "--date", "2026-11-25"]
    results = _finish([_start(args, base, cwd), _start(args, base, cwd)])
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    loser = next(stderr for code, _, stderr in results if code == 1)
    assert loser == (
        "Error: same.pdf already exists\n"
        "Hint: use --force to overwrite it, or choose another output\n"
    )
    assert sorted(p.name for p in cwd.iterdir()) == ["same.pdf"]
    assert (cwd / "same.pdf").read_bytes().startswith(b"%PDF")


def test_two_adds_of_one_slug_save_one_record(tmp_path: Path) -> None:
    base, cwd = tmp_path / "user", tmp_path / "work"
    cwd.mkdir()
    results = _finish([_start(["add", SEED_LINE, "--slug", "mine"], base, cwd) for _ in range(2)])
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    loser = next(stderr for code, _, stderr in results if code == 1)
    assert loser.startswith("Error: you already have a record 'mine'")
