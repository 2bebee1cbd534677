"""Code for a fresh Python process that runs ``letterkit`` with ``argv`` and keeps its
output out of the way, for tests that look at the process afterwards (which modules it
imported, what it opened, what the collector holds)."""

from __future__ import annotations


def run_main_code(argv: list[str], *, quiet_stderr: bool = False) -> str:
    """Python source that runs ``letterkit.cli.main`` with ``argv`` (stdout, and stderr
    with ``quiet_stderr``, captured) and carries on after its ``SystemExit``."""
    redirect = "contextlib.redirect_stdout(io.StringIO())"
    if quiet_stderr:
        redirect += ", contextlib.redirect_stderr(io.StringIO())"
    return (
        "import contextlib, io, sys\n"
        f"sys.argv = ['letterkit', *{list(argv)!r}]\n"
        "from letterkit.cli import main\n"
        f"with {redirect}:\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
