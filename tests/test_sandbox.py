"""User templates are sandboxed, seen from the command line.

``letterkit write batsenin --template evil`` with ``evil.ru.j2`` in the user's template
folder: every usual Jinja2 escape ends in one clean ``Error: letter template 'evil' …``
line (exit 1), never file content, Python internals, a bug notice or a written file.
The library-level sandbox tests live in ``tests/test_guidance.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SECRET = "letterkit-sandbox-secret-4f1c"

ESCAPES = {
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "self-module": "{{ self.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'] }}",
    "include-etc-passwd": "{% include '/etc/passwd' %}",
    "include-traversal": "{% include '../../../../../../etc/passwd' %}",
    "include-secret-abs": "{% include '__SECRET__' %}",
    "extends-traversal": "{% extends '../secret.txt' %}",
    "import-os": "{% import 'os' as os %}{{ os.system('id') }}",
    "from-import": "{% from 'os' import system %}",
    "config": "{{ config }}",
    "config-items": "{{ config.items() }}",
    "request": "{{ request.application.__globals__ }}",
    "url-for": "{{ url_for.__globals__ }}",
    "get-flashed": "{{ get_flashed_messages.__globals__ }}",
    "range-internals": "{{ range.__init__.__globals__ }}",
    "date-class": "{{ date.__class__.__subclasses__() }}",
    "format-attr": "{{ '{0.__class__.__mro__}'.format(first_name) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': first_name}) }}",
    "attr-filter": "{{ first_name|attr('__class__') }}",
    "getattr-string": "{{ first_name['__class__'] }}",
    "dict-mutation": "{% set d = {} %}{{ d.update({'a': 1}) }}",
    "list-mutation": "{% set l = [] %}{{ l.append(1) }}",
    "huge-range": "{% for i in range(10**9) %}x{% endfor %}",
    "huge-string": "{{ 'x' * 1000000000 }}",
    "huge-power": "{{ 2 ** 100000000 }}",
    # work and size budgets (letterkit.limits): each stops before time or memory is spent
    "nested-loops": "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "loop-over-a-string": "{% set s = 'x' * 90000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "exponential-macro": "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "recursive-macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "center-filter": "{{ 'x'|center(10**9) }}",
    "indent-filter": "{{ 'x\ny'|indent(10**9) }}",
    "ljust-method": "{{ first_name.ljust(10**9) }}",
    "format-method-width": "{{ '{:>999999999}'.format(1) }}",
    "format-filter-width": "{{ '%999999999d'|format(1) }}",
    "percent-width": "{{ '%999999999d' % 1 }}",
    "long-output": "{% for i in range(5000) %}{{ 'x' * 99999 }}{% endfor %}",
    "replace-grows": "{{ ('y' * 99999)|replace('y', 'zzzzzzzzzz') }}",
}


@pytest.fixture
def evil(cli, isolated_user_dirs, tmp_path_factory):
    """Writes the user template ``evil.ru.j2``; a secret file sits beside the folder."""
    folder = isolated_user_dirs / "data" / "templates"
    folder.mkdir(parents=True)
    secret = folder.parent / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")

    def write(source: str) -> Path:
        from letterkit import guidance

        guidance._environment.cache_clear()  # templates are cached per process
        source = source.replace("__SECRET__", str(secret))
        path = folder / "evil.ru.j2"
        path.write_text(source + "\n", encoding="utf-8")
        return path

    return write


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("source", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_is_a_clean_template_error(cli, evil, source: str) -> None:
    evil(source)
    before = _listing(cli.cwd)
    result = cli("write", "batsenin", "--template", "evil")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert 1 <= len(lines) <= 2, result.stderr
    assert lines[0].startswith("Error: letter template 'evil'"), result.stderr
    if len(lines) == 2:
        assert lines[1].startswith("Hint: ")
    out = result.stdout + result.stderr
    for leak in ("root:x:", SECRET, "<class", "<module", "<function", "uid=", "Traceback"):
        assert leak not in out
    assert _listing(cli.cwd) == before


def test_the_messages_say_what_went_wrong(cli, evil) -> None:
    evil(ESCAPES["mro-subclasses"])
    result = cli("write", "batsenin", "--template", "evil")
    assert result.stderr == (
        "Error: letter template 'evil', line 1 tried something templates may not do: "
        "access to attribute '__class__' of 'str' object is unsafe.\n"
        "Hint: templates can only use the letter fields and simple filters\n"
    )
    evil(ESCAPES["cycler-globals"])
    result = cli("write", "batsenin", "--template", "evil")
    assert result.stderr == (
        "Error: letter template 'evil', line 1 tried something templates may not do: "
        "access to attribute '__init__' of 'StrictUndefined' object is unsafe.\n"
        "Hint: templates can only use the letter fields and simple filters\n"
    )
    evil("{{ config }}")
    result = cli("write", "batsenin", "--template", "evil")
    assert result.stderr == (
        "Error: letter template 'evil', line 1 uses the field 'config', which is not defined\n"
        "Hint: fields available: date, date_ru, first_name, recipient, writer, writer_city, "
        "writer_name\n"
    )
    evil(ESCAPES["include-etc-passwd"])
    result = cli("write", "batsenin", "--template", "evil")
    assert result.stderr == (
        "Error: letter template 'evil' includes '/etc/passwd', which does not exist\n"
    )
    evil(ESCAPES["huge-string"])
    result = cli("write", "batsenin", "--template", "evil")
    assert result.stderr == (
        "Error: letter template 'evil', line 1 tried something templates may not do: "
        "a value that long is not allowed in a letter\n"
        "Hint: templates can only use the letter fields and simple filters\n"
    )


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (ESCAPES["nested-loops"], "the template does more than 10000 loop steps or calls"),
        (ESCAPES["exponential-macro"], "the template does more than 10000 loop steps or calls"),
        (ESCAPES["center-filter"], "a number that large is not allowed here"),
        # Jinja2 3.1 stops it at the format width; 3.0 (the lower bound) at the output
        # length it would make: both refuse before anything is built.
        (
            ESCAPES["format-method-width"],
            (
                "a format width that large is not allowed",
                "a value that long is not allowed in a letter",
            ),
        ),
        (ESCAPES["long-output"], "the letter is longer than 200000 characters"),
    ],
)
def test_budget_messages(cli, evil, source: str, reason: str | tuple[str, ...]) -> None:
    evil(source)
    result = cli("write", "batsenin", "--template", "evil")
    assert result.exit_code == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith("Error: letter template 'evil'")
    reasons = (reason,) if isinstance(reason, str) else reason
    assert line.endswith(tuple(f" tried something templates may not do: {r}" for r in reasons))


def test_a_loop_in_another_thread_is_budgeted_too(evil) -> None:
    """No signals: the budget works off the main thread (where a server would render)."""
    import threading

    from letterkit import guidance, paths
    from letterkit.errors import TemplateError

    evil(ESCAPES["nested-loops"])
    caught: list[BaseException] = []

    def render() -> None:
        try:
            guidance.render_template(
                "evil", guidance.make_context(first_name="А"), [paths.user_templates_dir()]
            )
        except TemplateError as exc:
            caught.append(exc)

    thread = threading.Thread(target=render)
    thread.start()
    thread.join()
    assert [str(e).rsplit(": ", 1)[-1] for e in caught] == [
        "the template does more than 10000 loop steps or calls"
    ]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_user_template_linked_to_a_file_outside_is_refused(cli, isolated_user_dirs) -> None:
    from letterkit import guidance

    guidance._environment.cache_clear()
    folder = isolated_user_dirs / "data" / "templates"
    folder.mkdir(parents=True)
    secret = isolated_user_dirs / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (folder / "linked.ru.j2").symlink_to(secret)
    result = cli("write", "batsenin", "--template", "linked")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: letter template 'linked' is a link to a file outside your templates folder\n"
        f"Hint: copy the template into {folder} instead of linking to it\n"
    )
    assert SECRET not in result.stdout
    assert list(cli.cwd.iterdir()) == []
    # a link that stays inside the folder is fine
    (folder / "real.ru.j2").write_text("Здравствуйте, {{ first_name }}!\n", encoding="utf-8")
    (folder / "alias.ru.j2").symlink_to(folder / "real.ru.j2")
    guidance._environment.cache_clear()
    assert cli("write", "batsenin", "--template", "alias", "--date", "2026-11-25").exit_code == 0


def test_a_harmless_user_template_works(cli, evil) -> None:
    evil("Здравствуйте, {{ first_name }}!\n\nКак ваши дела?\n\n{{ '-' * 3 }}\nМария")
    result = cli("write", "batsenin", "--template", "evil", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert (cli.cwd / "batsenin-letter.pdf").is_file()


def test_template_name_cannot_leave_the_template_folders(cli, isolated_user_dirs) -> None:
    outside = isolated_user_dirs / "data" / "outside.ru.j2"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_text(SECRET, encoding="utf-8")
    for name in ("../outside", "../outside.ru.j2", str(outside), os.path.relpath(outside)):
        result = cli("write", "batsenin", "--template", name)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: no letter template {name!r}\n")
        assert SECRET not in result.stdout
