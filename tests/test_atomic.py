"""Atomic writes and safe paths.

The user's store (records, profile, letter log) survives a crash mid-save: the write is
failed on purpose (``os.fsync`` or ``os.replace`` raising), then the old file must be
intact and no temporary file left. Slugs are checked before any path is built, user
data stays inside the user directories, and outputs go only where the user asked.
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from conftest import SEED_LINE


def _fail(exc: OSError):
    def fail(*args, **kwargs):
        raise exc

    return fail


def _files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but the (empty) lock files of fsutil.locked."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(".lock")
    }


FAILURES = {
    "fsync": ("fsync", OSError(errno.ENOSPC, "No space left on device")),
    "replace": ("replace", PermissionError(errno.EACCES, "Permission denied")),
    "mkstemp": ("mkstemp", PermissionError(errno.EACCES, "Permission denied")),
}


def _break(monkeypatch, which: str) -> None:
    name, exc = FAILURES[which]
    if name == "mkstemp":
        monkeypatch.setattr("tempfile.mkstemp", _fail(exc))
    else:
        monkeypatch.setattr(os, name, _fail(exc))


@pytest.mark.parametrize("which", FAILURES)
def test_user_record_survives_a_failed_save(cli, monkeypatch, isolated_user_dirs, which) -> None:
    assert cli("add", SEED_LINE, "--slug", "mine").exit_code == 0
    data = isolated_user_dirs / "data"
    before = _files(data)
    assert "prisoners/mine.toml" in before
    _break(monkeypatch, which)
    other = SEED_LINE.replace("Баценину Александру", "Баценину Алексею")
    result = cli("add", other, "--slug", "mine", "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert _files(data) == before  # old record intact, no temp file


@pytest.mark.parametrize("which", FAILURES)
def test_profile_survives_a_failed_save(cli, monkeypatch, isolated_user_dirs, which) -> None:
    assert cli("sender", "set", "Иванова Мария; г. Тверь; 170000").exit_code == 0
    config = isolated_user_dirs / "config"
    before = _files(config)
    _break(monkeypatch, which)
    result = cli("sender", "set", "Петрова Анна; г. Тула; 300000")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert _files(config) == before
    assert "Иванова Мария" in (config / "profile.toml").read_text(encoding="utf-8")


def test_new_add_leaves_nothing_when_the_second_file_fails(
    cli, monkeypatch, isolated_user_dirs
) -> None:
    """``add`` writes a facility and a person record: both or neither."""
    line = SEED_LINE.replace("ИК-1", "ИК-7").replace("д. 71", "д. 7")
    real = os.replace
    calls = {"n": 0}

    def second_fails(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    result = cli("add", line, "--slug", "seven")
    assert result.exit_code == 1, result.stdout
    assert _files(isolated_user_dirs) == {}


def test_unwritable_user_folder_is_a_clean_error(cli, monkeypatch) -> None:
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = cli("sender", "set", "Иванова Мария; г. Тверь; 170000")
    assert result.exit_code == 1
    assert re.fullmatch(
        r"Error: cannot create the folder .*/config: Permission denied\n"
        r"Hint: check that your home directory is writable\n",
        result.stderr,
    )


def test_letter_log_is_private_from_the_start(cli, monkeypatch, isolated_user_dirs) -> None:
    from letterkit import letterlog

    seen: list[int] = []
    real = os.replace

    def spy(src, dst):
        seen.append(os.stat(src).st_mode & 0o777)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    import datetime as dt

    path = letterlog.log_path()
    letterlog.record_letter("batsenin", "Баценин", dt.date(2026, 11, 25), template=None,
                            signature=None, path=path)  # fmt: skip
    assert seen == [0o600]
    assert path.stat().st_mode & 0o777 == 0o600


# --------------------------------------------------------------------------------------
# Paths


@pytest.mark.parametrize(
    "slug",
    ["", "-", "a-", "-a", "A", "a_b", "a/b", "..", "a..b", "a b", "a\x00", "é", "a" * 65, "а"],
)
def test_invalid_slugs_are_refused(slug: str) -> None:
    from letterkit.errors import InputError
    from letterkit.recordstore import validate_slug

    with pytest.raises(InputError):
        validate_slug(slug)


def test_valid_slugs() -> None:
    from letterkit.recordstore import validate_slug

    for slug in ("batsenin", "makhmudov-azamzhon", "a", "a1", "a" * 64):
        assert validate_slug(slug) == slug


def test_slug_is_checked_before_any_path_is_built(monkeypatch) -> None:
    """Store.get refuses a bad slug without looking at the file system at all."""
    from letterkit.errors import InputError
    from letterkit.store import Store

    def no_fs(*args, **kwargs):
        raise AssertionError("the file system was touched")

    for name in ("glob", "exists", "is_file", "open", "read_bytes", "stat"):
        monkeypatch.setattr(Path, name, no_fs)
    store = Store(data_dir=Path("/nonexistent"), user_dir=Path("/nonexistent"))
    for slug in ("../../etc/passwd", "/etc/passwd", "a/../../b", "x\x00y"):
        with pytest.raises(InputError):
            store.get(slug)


def test_add_stays_inside_the_user_data_dir(cli, isolated_user_dirs, tmp_path) -> None:
    outside_before = sorted(p.name for p in isolated_user_dirs.parent.iterdir())
    result = cli("add", SEED_LINE, "--slug", "mine")
    assert result.exit_code == 0, result.stderr
    written = sorted(str(p.relative_to(isolated_user_dirs)) for p in isolated_user_dirs.rglob("*"))
    assert all(w.startswith("data") for w in written), written
    assert "data/prisoners/mine.toml" in written
    assert sorted(p.name for p in isolated_user_dirs.parent.iterdir()) == outside_before
    assert list(cli.cwd.iterdir()) == []


def test_outputs_go_only_where_asked(cli, isolated_user_dirs) -> None:
    out = cli.cwd / "letters"
    out.mkdir()
    result = cli("write", "batsenin", "--out-dir", "letters", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in cli.cwd.iterdir()) == ["letters"]
    assert sorted(p.name for p in out.iterdir()) == ["batsenin-envelope.pdf", "batsenin-letter.pdf"]
    assert not (isolated_user_dirs / "data").exists()  # nothing in the user data dir


def test_address_target_slug_is_safe(cli) -> None:
    """A published line's surname becomes the file name only through slugify."""
    line = SEED_LINE.replace("Баценину", "..Баценину")
    result = cli("write", line, "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in cli.cwd.iterdir()) == [
        "batsenin-envelope.pdf",
        "batsenin-letter.pdf",
    ]


def test_path_in_the_recipient_is_refused_and_nothing_written(cli) -> None:
    line = SEED_LINE.replace("Баценину", "../../Баценину")
    result = cli("write", line, "--date", "2026-11-25")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: this address cannot be printed: the recipient is missing\n"
    )
    assert list(cli.cwd.iterdir()) == []


@pytest.mark.parametrize(
    "last", ["../../Баценин", "/etc/passwd", "..", "a\x00b", "Ба/це\\нин", "C:\\Windows", "~root"]
)
def test_slugify_never_makes_a_path(last: str) -> None:
    from letterkit.names import slugify

    slug = slugify(last)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|", slug), slug


# --------------------------------------------------------------------------------------
# Private files, stale temporary files, the letter log's bad lines


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_user_files_are_private(cli, isolated_user_dirs) -> None:
    assert cli("sender", "set", "Иванова Мария; г. Тверь; 170000").exit_code == 0
    assert cli("add", SEED_LINE.replace("ИК-1", "ИК-7"), "--slug", "mine").exit_code == 0
    assert cli("log", "--enable").exit_code == 0
    assert cli("write", "batsenin", "--date", "2026-11-25").exit_code == 0
    private = [p for p in isolated_user_dirs.rglob("*") if p.is_file()]
    assert sorted(
        str(p.relative_to(isolated_user_dirs)) for p in private if p.suffix != ".lock"
    ) == [
        "config/profile.toml",
        "data/facilities/fku-ik-7-ufsin-rossii-po-sakhalinskoy-oblasti.toml",
        "data/letter-log.jsonl",
        "data/prisoners/mine.toml",
    ]
    for path in private:
        assert path.stat().st_mode & 0o777 == 0o600, path
    for folder in ("config", "data", "data/prisoners", "data/facilities"):
        assert (isolated_user_dirs / folder).stat().st_mode & 0o777 == 0o700, folder


def _age(path: Path, seconds: float) -> None:
    import time

    old = time.time() - seconds
    os.utime(path, (old, old))


def test_stale_temp_files_are_removed_on_the_next_write(cli) -> None:
    stale = cli.cwd / ".batsenin-letter.pdf.a1b2c3d4.tmp"
    stale.write_bytes(b"personal data from a killed run")
    _age(stale, 2 * 3600)
    fresh = cli.cwd / ".batsenin-letter.pdf.zzzz9999.tmp"  # a run writing right now
    fresh.write_bytes(b"being written")
    other = cli.cwd / ".notes.txt.tmp"  # not a name letterkit makes
    other.write_bytes(b"the user's")
    _age(other, 2 * 3600)
    result = cli("write", "batsenin", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in cli.cwd.iterdir()) == sorted(
        [fresh.name, other.name, "batsenin-envelope.pdf", "batsenin-letter.pdf"]
    )


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_locked_old_temp_file_is_kept(tmp_path) -> None:
    import fcntl

    from letterkit.fsutil import clean_stale_temps

    busy = tmp_path / ".out.pdf.abcd1234.tmp"
    busy.write_bytes(b"x")
    _age(busy, 2 * 3600)
    with busy.open("rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        assert clean_stale_temps(tmp_path) == []
    assert clean_stale_temps(tmp_path) == [busy]
    assert not busy.exists()


def test_bad_log_lines_are_kept_byte_for_byte(isolated_user_dirs) -> None:
    import datetime as dt

    from letterkit import letterlog

    path = letterlog.log_path()
    path.parent.mkdir(parents=True)
    bad = [
        b"\xff\xfe not utf-8 \xd0",
        b"vertical\x0btab and\x0cform feed",
        b"file\x1cgroup\x1drecord\x1eseparators",
        "line\u2028separator".encode(),
        b'{"slug": "x"}\r',
    ]
    path.write_bytes(b"\n".join(bad) + b"\n")
    letterlog.record_letter("batsenin", "Б", dt.date(2026, 11, 25), template=None, signature=None)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert json.loads(lines[0])["slug"] == "batsenin"
    assert lines[1:-1] == bad
    assert len(letterlog.read_log().bad_lines) == len(bad)


def test_a_held_lock_times_out_with_a_clear_error(isolated_user_dirs, monkeypatch) -> None:
    import filelock

    from letterkit import fsutil, paths
    from letterkit.errors import OutputError
    from letterkit.profile import load_profile, save_profile

    monkeypatch.setattr(fsutil, "LOCK_TIMEOUT_SECONDS", 0.05)
    monkeypatch.setattr(fsutil, "_locks", {})
    lock_file = fsutil.lock_path(paths.profile_path())
    lock_file.parent.mkdir(parents=True)
    # another lock on the file (its own descriptor), held as a second run would hold it
    other = filelock.FileLock(str(lock_file), thread_local=False)
    profile = load_profile()
    with other, pytest.raises(OutputError) as caught:
        save_profile(profile)
    assert caught.value.message == f"{paths.profile_path()} is in use by another letterkit run"
    assert caught.value.hint == "wait until it has finished, then run the command again"


def test_calibrate_saves_the_offsets_only_once_the_page_is_written(cli, monkeypatch) -> None:
    from letterkit.profile import load_profile

    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):  # the disk is full when the page is written
        if str(dst).endswith(".pdf"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = cli("calibrate", "--offset-x", "2.5", "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert load_profile().offset_x_mm == 0.0  # not saved: no page was printed with it
    monkeypatch.setattr(os, "replace", real_replace)
    assert cli("calibrate", "--offset-x", "2.5", "--force").exit_code == 0
    assert load_profile().offset_x_mm == 2.5
