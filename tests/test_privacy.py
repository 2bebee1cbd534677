"""Deterministic, private output; no network; bug notices without personal data."""

from __future__ import annotations

import getpass
import io
import socket
import time
from pathlib import Path

import pytest

DATE = ("--date", "2026-11-25")


def _identities(*paths: Path) -> list[str]:
    """Strings that must never appear in a PDF: user, host, home, working paths."""
    found = {getpass.getuser(), socket.gethostname(), str(Path.home())}
    for path in paths:
        found.add(str(path))
        found.add(str(path.resolve()))
    # very short names ("a") would match anything; the user "root" is still checked
    return sorted(s for s in found if len(s) >= 4)


def _metadata(pdf: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(pdf)).metadata or {}
    return {str(k): str(v) for k, v in meta.items()}


def _run_in(cli, monkeypatch, where: Path, *args: str):
    where.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(where)
    result = cli(*args)
    assert result.exit_code in (0, 3), result.stderr
    return result


SENDER = ("--sender", "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")


@pytest.mark.parametrize(
    "args",
    [
        ("write", "batsenin", *DATE),
        ("write", "batsenin", *DATE, *SENDER, "--envelope", "C5"),
        ("write", "batsenin", *DATE, "--sender-country", "DE", "--sender", "Max; Berlin"),
        ("batch", "batsenin", *DATE),
        ("batch", "batsenin", *DATE, "--labels", "L7160"),
        ("batch", "batsenin", *DATE, *SENDER, "--reply-kit"),
    ],
    ids=["write", "write-c5-sender", "write-international", "batch", "labels", "reply-kit"],
)
def test_same_input_gives_the_same_bytes(cli, monkeypatch, tmp_path, args) -> None:
    """Two runs in different directories, at different times: byte-identical PDFs."""
    _run_in(cli, monkeypatch, tmp_path / "one", *args)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # another local day must not matter
    time.tzset()
    try:
        _run_in(cli, monkeypatch, tmp_path / "two" / "deeper", *args)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    one = sorted((tmp_path / "one").glob("*.pdf"))
    two = sorted((tmp_path / "two" / "deeper").glob("*.pdf"))
    assert [p.name for p in one] == [p.name for p in two] and one
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_pdfs_carry_no_user_host_or_path(cli, monkeypatch, tmp_path) -> None:
    work = tmp_path / "private-work-dir"
    _run_in(cli, monkeypatch, work, "write", "batsenin", *DATE, *SENDER)
    _run_in(cli, monkeypatch, work, "batch", "batsenin", *DATE)
    pdfs = sorted(work.glob("*.pdf"))
    assert len(pdfs) == 3
    secrets = _identities(work, tmp_path)
    for pdf in pdfs:
        raw = pdf.read_bytes()
        meta = _metadata(raw)
        assert meta.get("/Author", "") == ""
        assert meta.get("/Creator", "").startswith("letterkit")
        for key, value in meta.items():
            for secret in secrets:
                assert secret not in value, (pdf.name, key)
        for secret in secrets:
            assert secret.encode() not in raw, (pdf.name, secret)
            assert secret.encode("utf-16-be") not in raw, (pdf.name, secret)
        # reportlab's invariant mode: no creation timestamp from the clock
        assert "/CreationDate" not in meta or meta["/CreationDate"].startswith("D:2000")


def test_no_network_access(cli, monkeypatch) -> None:
    calls: list[object] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("letterkit tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for args in (
        ("write", "batsenin", *DATE),
        ("batch", "batsenin", *DATE, "--force"),
        ("show", "batsenin"),
        ("list",),
        ("data", "check"),
    ):
        result = cli(*args)
        assert result.exit_code in (0, 3), (args, result.stderr)
    assert calls == []


# --------------------------------------------------------------------------------------
# Unexpected exceptions: one line, no personal data, no locals


SECRET_ADDRESS = "Баценину Александру Дмитриевичу, 693008, ул. Пограничная, д. 71"


def test_bug_notice_has_no_personal_data(cli, monkeypatch) -> None:
    from letterkit.render import envelope

    def explode(*args, **kwargs):
        secret_local = SECRET_ADDRESS  # noqa: F841 - must not be shown as a local
        raise RuntimeError(SECRET_ADDRESS)

    monkeypatch.setattr(envelope.EnvelopeRenderer, "draw", explode)
    result = cli("write", "batsenin", *DATE)
    assert result.exit_code == 1
    assert result.stderr == (
        "Bug: letterkit failed unexpectedly (RuntimeError). Please report it on letterkit's "
        "issue tracker (where you got letterkit), with the command you ran but without "
        "names or addresses.\n"
    )
    out = result.stdout + result.stderr
    for piece in ("Баценин", "693008", "Пограничная", "Traceback", "secret_local"):
        assert piece not in out
    assert list(cli.cwd.iterdir()) == []


def test_bug_notice_from_a_deep_library_error(cli, monkeypatch) -> None:
    """An error deep in the address engine (a KeyError carrying the address)."""
    from letterkit.address import postcode

    def explode(*args, **kwargs):
        raise KeyError(SECRET_ADDRESS)

    monkeypatch.setattr(postcode, "check_postcode", explode)
    result = cli("write", "693008, " + SECRET_ADDRESS.split(", ", 2)[2] + ", Сахалинская область")
    assert result.exit_code == 1
    # The parser turns its own unexpected errors into a clean AddressError; either way
    # the output names the exception type only.
    assert result.stderr in (
        (
            "Bug: letterkit failed unexpectedly (KeyError). Please report it on letterkit's "
            "issue tracker (where you got letterkit), with the command you ran but without "
            "names or addresses.\n"
        ),
        "Error: could not parse the address (KeyError)\nHint: please report this line as a bug\n",
    )
    assert "Баценин" not in result.stdout + result.stderr


def test_pretty_exceptions_never_show_locals() -> None:
    from letterkit.cli import make_app

    app = make_app()
    assert app.pretty_exceptions_show_locals is False
    assert app.pretty_exceptions_enable is False


def test_debug_switch_reraises(cli, monkeypatch) -> None:
    """LETTERKIT_DEBUG=1 is the only way to see the real exception."""
    from letterkit.render import envelope

    monkeypatch.setattr(envelope.EnvelopeRenderer, "draw", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("LETTERKIT_DEBUG", "1")
    result = cli("write", "batsenin", *DATE)
    assert isinstance(result.exception, ZeroDivisionError)
