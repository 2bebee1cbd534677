"""The bad-input battery: every bad input gets a clean error and writes nothing.

Each case runs one CLI command and asserts the exact stderr (the ``Error: …`` line and
the ``Hint: …`` line, or no hint), the exit code, and that no file was created or
changed anywhere letterkit could write: the working directory, the user config and data
directories, and (for the cases that need one) a private copy of the shipped data.
Nothing ever prints a traceback or the bug notice for these.

Messages may name paths; ``{cwd}``, ``{data}``, ``{config}`` and ``{shipped}`` in the
expected text stand for the working directory, the user data directory, the user
config directory and the copied shipped data directory.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SEED_LINE

SEED_TAIL = (
    "Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
    "ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу, 1995 г. р."
)
KNOWN_COLUMNS = (
    "address, count, name, sender, slug, source, адрес, источник, количество, отправитель, фио"
)
SLUG_HINT = "run 'letterkit list' to see the known slugs"
RECORD_HINT = "fix the record, or run 'letterkit data check' to see every problem"
TOML_HINT = "fix the line named, or delete the file"
CSV_HINT = "save it as «CSV UTF-8» (Excel: File → Save As → CSV UTF-8)"


def bad_slug(shown: str) -> str:
    return f"'{shown}' is not a valid slug: use lowercase letters, digits and '-' (at most 64)"


def unprintable(reasons: str, line: str) -> tuple[str, str]:
    return (
        f"this address cannot be printed: {reasons}",
        f'run: letterkit address parse "{line}" to see what was recognised',
    )


# --------------------------------------------------------------------------------------
# The environment a case sets up


@dataclass
class Env:
    cwd: Path
    data: Path  # $LETTERKIT_DATA_DIR
    config: Path  # $LETTERKIT_CONFIG_DIR
    mp: pytest.MonkeyPatch
    shipped: Path | None = None

    def write(self, relpath: str, content: str | bytes, base: Path | None = None) -> Path:
        path = (base or self.cwd) / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    def user(self, relpath: str, content: str | bytes) -> Path:
        return self.write(relpath, content, self.data)

    def copy_shipped(self) -> Path:
        """A private copy of the shipped data that the store reads instead."""
        from letterkit import resources

        target = self.cwd.parent / f"{self.cwd.name}-shipped"
        shutil.copytree(resources.data_dir(), target, ignore=shutil.ignore_patterns("directory"))
        self.shipped = target
        self.mp.setattr(resources, "data_dir", lambda: target)
        return target


def person(slug: str = "ivanov", **fields: object) -> str:
    """A user prisoner record; a field set to None is left out."""
    values: dict[str, object] = {
        "slug": slug,
        "last": "Иванов",
        "first": "Иван",
        "middle": "Иванович",
        "birth_year": 1990,
        "facility": "ik-1-sakhalin",
        "checked": "2026-11-01",
    }
    values.update(fields)
    lines = []
    for key, value in values.items():
        if value is None:
            continue
        if key == "checked" or isinstance(value, int):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f'{key} = "{value}"')
    return "\n".join(lines) + '\n\n[[sources]]\ntitle = "test"\n'


def facility(fid: str = "ik-9-test", **fields: object) -> str:
    values: dict[str, object] = {
        "id": fid,
        "name": "ФКУ ИК-9 УФСИН России по Сахалинской области",
        "type": "ИК",
        "postcode": "693008",
        "region": "Сахалинская область",
        "locality": "г. Южно-Сахалинск",
        "street": "ул. Пограничная",
        "house": "9",
    }
    values.update(fields)
    lines = [f'{k} = "{v}"' for k, v in values.items() if v is not None]
    return "\n".join(lines) + '\nchecked = 2026-11-01\n\n[[sources]]\ntitle = "test"\n'


def raiser(exc: BaseException) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


def fail_on_call(n: int, exc: BaseException, real: Callable[..., object]) -> Callable[..., object]:
    """Behave like ``real`` except on the n-th call (1-based), which raises ``exc``."""
    calls = {"n": 0}

    def wrapper(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)

    return wrapper


# --------------------------------------------------------------------------------------
# The cases


@dataclass
class Case:
    id: str
    args: tuple[str, ...]
    error: str | None  # None: only the exit code and "nothing written" are checked
    hint: str | None = None
    exit_code: int = 1
    setup: Callable[[Env], object] | None = None
    input: str | bytes | None = None
    # batch: the stderr lines naming the skipped rows, printed before the Error line
    rows: tuple[str, ...] = ()


def _edit_env(editor: str) -> Callable[[Env], None]:
    def setup(env: Env) -> None:
        import letterkit.editor

        env.mp.setattr(letterkit.editor, "interactive", lambda: True)
        env.mp.setenv("EDITOR", editor)

    return setup


LONG_NAME = "Константинопольский" * 8
SEED_5 = "69300, " + SEED_TAIL
SEED_7 = "6930080, " + SEED_TAIL
SEED_OTHER_REGION = "101000, " + SEED_TAIL

CASES: list[Case] = [
    # --- unknown and malformed slugs -------------------------------------------------
    Case(
        "unknown-slug-suggests",
        ("write", "batsenim"),
        "no person with the slug 'batsenim'",
        "did you mean: batsenin?",
    ),
    Case(
        "unknown-slug-no-suggestion",
        ("write", "qqqqqq"),
        "no person with the slug 'qqqqqq'",
        "run 'letterkit list' or 'letterkit find NAME' to see who is known",
    ),
    Case("slug-with-slash", ("write", "a/b"), bad_slug("a/b"), SLUG_HINT),
    Case("slug-dotdot", ("write", ".."), bad_slug(".."), SLUG_HINT),
    Case("slug-traversal", ("write", "../../etc/passwd"), bad_slug("../../etc/passwd"), SLUG_HINT),
    Case("slug-absolute", ("show", "/etc/passwd"), bad_slug("/etc/passwd"), SLUG_HINT),
    Case("slug-nul", ("write", "bats\x00enin"), bad_slug("bats\\x00enin"), SLUG_HINT),
    Case("slug-control", ("write", "bats\x01enin"), bad_slug("bats\\x01enin"), SLUG_HINT),
    Case("slug-escape-seq", ("show", "\x1b[31mred"), bad_slug("\\x1b[31mred"), SLUG_HINT),
    Case("slug-too-long", ("write", "a" * 65), bad_slug("a" * 65), SLUG_HINT),
    # ("show", "Batsenin") finds him by name: tests/test_slug_aliases.py
    Case("slug-uppercase", ("show", "Batsenin-1"), bad_slug("Batsenin-1"), SLUG_HINT),
    Case(
        "target-empty",
        ("write", ""),
        "no recipient given",
        "give a slug (see 'letterkit list') or a published address line",
    ),
    Case(
        "target-whitespace",
        ("write", " \t\n "),
        "no recipient given",
        "give a slug (see 'letterkit list') or a published address line",
    ),
    Case(
        "address-with-nul",
        ("write", SEED_LINE + "\x00"),
        "the address contains control characters (\\x00)",
        "copy the address again from its source, as plain text",
    ),
    # --- records -----------------------------------------------------------------------
    Case(
        # a broken record of the user's own: the error when it is the one asked for (any
        # other command skips it with a warning: tests/test_limits.py)
        "user-record-broken-toml",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: broken TOML: Illegal character '\\n' (at line 2, column 15)",
        TOML_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", 'slug = "ivanov"\nlast = "Иванов\n'),
    ),
    Case(
        "user-facility-broken-toml",
        ("write", "ivanov"),
        "{data}/facilities/ik-9-test.toml: broken TOML: Invalid value (at line 3, column 8)",
        TOML_HINT,
        setup=lambda e: (
            e.user("facilities/ik-9-test.toml", 'id = "ik-9-test"\n\nname = \n'),
            e.user("prisoners/ivanov.toml", person(facility="ik-9-test")),
        ),
    ),
    Case(
        "shipped-record-broken-toml",
        ("write", "batsenin"),
        "{shipped}/prisoners/batsenin.toml: broken TOML: Expected '=' after a key in a "
        "key/value pair (at line 4, column 7)",
        TOML_HINT,
        setup=lambda e: (e.copy_shipped() / "prisoners/batsenin.toml").write_text(
            'slug = "batsenin"\nlast = "Баценин"\nfirst = "Александр"\nmiddle\n',
            encoding="utf-8",
        ),
    ),
    Case(
        "user-record-not-utf8",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: not UTF-8 text",
        "save the file as UTF-8 or delete it",
        setup=lambda e: e.user("prisoners/ivanov.toml", 'last = "Иванов"'.encode("cp1251")),
    ),
    Case(
        "record-missing-field",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: field 'first' is missing",
        RECORD_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", person(first=None)),
    ),
    Case(
        "record-missing-checked",
        ("show", "ivanov"),
        "{data}/prisoners/ivanov.toml: field 'checked' is missing",
        RECORD_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", person(checked=None)),
    ),
    Case(
        "record-bad-birth-year",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: field 'birth_year' must be a whole number",
        RECORD_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", person(birth_year="1990")),
    ),
    Case(
        "record-slug-not-file-name",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: field 'slug' is 'petrov' but the file is named ivanov.toml",
        RECORD_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", person(slug="petrov")),
    ),
    Case(
        "record-slug-traversal",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: field 'slug' must be lowercase letters, digits and '-' "
        "(at most 64)",
        RECORD_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", person(slug="../../x")),
    ),
    Case(
        "record-unknown-facility",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: unknown facility id 'ik-99-nowhere'",
        "add data/facilities/<id>.toml or fix the 'facility' field",
        setup=lambda e: e.user("prisoners/ivanov.toml", person(facility="ik-99-nowhere")),
    ),
    Case(
        "record-empty-address",
        ("write", "ivanov"),
        "{data}/prisoners/ivanov.toml: field 'address' is empty: give the published address line",
        RECORD_HINT,
        setup=lambda e: e.user("prisoners/ivanov.toml", person(facility=None, address="   ")),
    ),
    Case(
        "facility-postcode-5-digits",
        ("write", "ivanov"),
        "{data}/facilities/ik-9-test.toml: field 'postcode' must be 6 digits, not '69300'",
        RECORD_HINT,
        setup=lambda e: (
            e.user("facilities/ik-9-test.toml", facility(postcode="69300")),
            e.user("prisoners/ivanov.toml", person(facility="ik-9-test")),
        ),
    ),
    Case(
        "facility-postcode-other-region",
        ("write", "ivanov"),
        "there is no usable postal address for 'ivanov'",
        "check the person's page for a current address, then add it with 'letterkit add'",
        setup=lambda e: (
            e.user("facilities/ik-9-test.toml", facility(postcode="101000")),
            e.user("prisoners/ivanov.toml", person(facility="ik-9-test")),
        ),
    ),
    # --- address lines -----------------------------------------------------------------
    Case(
        "postcode-5-digits",
        ("write", SEED_5),
        *unprintable("postcode «69300» is not 6 digits", SEED_5),
    ),
    Case(
        "postcode-7-digits",
        ("write", SEED_7),
        *unprintable("postcode «6930080» is not 6 digits", SEED_7),
    ),
    Case(
        "postcode-other-region",
        ("write", SEED_OTHER_REGION),
        *unprintable(
            "postcode 101000 belongs to г. Москва, not to Сахалинская область", SEED_OTHER_REGION
        ),
    ),
    Case(
        "address-only-punctuation",
        ("write", ", ,"),
        *unprintable(
            "the recipient is missing; the street or facility is missing; the locality is "
            "missing; the region is missing; the postcode is missing",
            ", ,",
        ),
    ),
    Case(
        "address-parse-empty",
        ("address", "parse", "   "),
        "the address is empty",
        'give the address as published, e.g. "693008, Сахалинская область, г. Южно-Сахалинск, …"',
    ),
    Case(
        "address-parse-stdin-not-utf8",
        ("address", "parse", "-"),
        "line 1 of standard input is not UTF-8 text",
        "save the addresses as UTF-8 text",
        input="Баценину".encode("cp1251"),
    ),
    Case(
        "add-empty-address",
        ("add", ""),
        "the address is empty",
        'give the address as published, e.g. "693008, Сахалинская область, г. Южно-Сахалинск, …"',
    ),
    # --- layout ------------------------------------------------------------------------
    Case(
        "overlong-name",
        ("write", "ivanov", "--envelope", "C4"),
        f"the name «{LONG_NAME[:-2]}ому Ивану Ивановичу, 1990 г. р.» does not fit in the recipient "
        "block of a C4 envelope even at 8 pt",
        "use a larger envelope (--envelope C5 or C4) or shorten the text",
        setup=lambda e: e.user("prisoners/ivanov.toml", person(last=LONG_NAME)),
    ),
    Case(
        "overlong-facility",
        ("write", "ivanov"),
        None,  # the message is checked in test_overlong_facility_names_the_field
        setup=lambda e: (
            e.user("facilities/ik-9-test.toml", facility(name="ФКУ" + "Ж" * 120)),
            e.user("prisoners/ivanov.toml", person(facility="ik-9-test")),
        ),
    ),
    Case(
        "unknown-envelope",
        ("write", "batsenin", "--envelope", "B5"),
        "Invalid value for '--envelope': 'B5' is not one of: DL, C6, C65, C5, C4",
        exit_code=2,  # a choice list: typer's usage error
    ),
    Case(
        "unknown-label-sheet",
        ("batch", "batsenin", "--labels", "L9999"),
        "Invalid value for '--labels': 'L9999' is not one of: L7160, L7161, L7162, L7163, "
        "L7165, 3x7-70x42, 3x8-70x37, custom:COLSxROWS-WxH",
        exit_code=2,
    ),
    Case(
        "label-start-beyond-sheet",
        ("batch", "batsenin", "--labels", "L7160", "--start", "22"),
        "--start 22 is beyond the 21 labels of a L7160 sheet",
        "use a number from 1 to 21",
    ),
    Case(
        "reply-kit-without-sender",
        ("batch", "batsenin", "--reply-kit"),
        "--reply-kit needs your return address, and there is none for command line, row 1",
        'give --sender "Name; street; town; postcode", a sender column, or save one with '
        "'letterkit sender set'",
    ),
    Case(
        "reply-envelope-does-not-fit",
        (
            "batch",
            "batsenin",
            "--reply-kit",
            "--sender",
            "Иванова Мария Петровна; " + "Оченьдлинноеимя" * 8 + "; г. Тверь; 170000",
        ),
        "none of the 1 rows can be printed; nothing was written",
        "fix the rows listed above",
        rows=(
            "command line, row 1, column address: the sender line «"
            + "Оченьдлинноеимя" * 8
            + "» does not fit in the sender block of a DL envelope even at 8 pt",
        ),
    ),
    # --- the letter text ---------------------------------------------------------------
    Case(
        "text-missing",
        ("write", "batsenin", "--text", "nope.txt"),
        "the letter file nope.txt does not exist",
        "check the path",
    ),
    Case(
        "text-not-utf8-nor-cp1251",
        ("write", "batsenin", "--text", "cp.txt"),
        "the letter file cp.txt is not text in UTF-8, Windows-1251, KOI8-R or MacCyrillic "
        "(it decodes to «ЎўЈ»)",
        "save the letter as plain text (.txt, UTF-8)",
        setup=lambda e: e.write("cp.txt", b"\xa0\xa1 \xa2 \xa3 text"),
    ),
    Case(
        "text-empty",
        ("write", "batsenin", "--text", "empty.txt"),
        "the letter file empty.txt is empty",
        "write the letter text first",
        setup=lambda e: e.write("empty.txt", ""),
    ),
    Case(
        "text-whitespace-only",
        ("write", "batsenin", "--text", "blank.txt"),
        "the letter file blank.txt is empty",
        "write the letter text first",
        setup=lambda e: e.write("blank.txt", " \n\t\n \n"),
    ),
    Case(
        "text-binary",
        ("write", "batsenin", "--text", "letter.pdf"),
        "the letter file letter.pdf is a binary file, not text",
        "save the letter as plain text (.txt, UTF-8)",
        setup=lambda e: e.write("letter.pdf", b"%PDF-1.4\n\x00\x01\x02binary"),
    ),
    Case(
        "text-is-directory",
        ("write", "batsenin", "--text", "drafts"),
        "the letter file drafts is a directory",
        "give a text file",
        setup=lambda e: (e.cwd / "drafts").mkdir(),
    ),
    Case(
        "text-too-long",
        ("write", "batsenin", "--text", "huge.txt"),
        "the letter is too long to print: about 435 pages (at most 30)",
        "a letter to a prison should be 1-3 pages; shorten it",
        setup=lambda e: e.write("huge.txt", "Привет\n" * 20000),
    ),
    Case(
        "text-and-template",
        ("write", "batsenin", "--text", "a.txt", "--template", "simple"),
        "--text and --template cannot be used together",
        "choose one",
        setup=lambda e: e.write("a.txt", "Здравствуйте!\n"),
    ),
    # --- templates ---------------------------------------------------------------------
    Case(
        "template-unknown",
        ("write", "batsenin", "--template", "nosuch"),
        "no letter template 'nosuch'",
        "available templates: first-letter, reply, birthday, new-year, postcard, simple",
    ),
    Case(
        "template-path-traversal",
        ("write", "batsenin", "--template", "../../../etc/passwd"),
        "no letter template '../../../etc/passwd'",
        "available templates: first-letter, reply, birthday, new-year, postcard, simple",
    ),
    Case(
        "template-syntax-error",
        ("write", "batsenin", "--template", "mine"),
        "letter template 'mine' has a syntax error at line 3: unexpected '}'",
        None,
        setup=lambda e: e.user("templates/mine.ru.j2", "Здравствуйте!\n\n{{ first_name }\n"),
    ),
    Case(
        "template-undefined-field",
        ("write", "batsenin", "--template", "mine"),
        "letter template 'mine', line 2 uses the field 'nickname', which is not defined",
        "fields available: date, date_ru, first_name, recipient, writer, writer_city, writer_name",
        setup=lambda e: e.user("templates/mine.ru.j2", "Здравствуйте,\n{{ nickname }}!\n"),
    ),
    Case(
        "template-not-utf8",
        ("write", "batsenin", "--template", "mine"),
        "letter template 'mine' is not UTF-8 text (byte 1)",
        "save the template as UTF-8 in your editor",
        setup=lambda e: e.user("templates/mine.ru.j2", "Здравствуйте!".encode("cp1251")),
    ),
    Case(
        "template-runtime-error",
        ("write", "batsenin", "--template", "mine"),
        "letter template 'mine', line 1 failed: ZeroDivisionError: division by zero",
        None,
        setup=lambda e: e.user("templates/mine.ru.j2", "{{ 1 / 0 }}\n"),
    ),
    # --- batch input files -------------------------------------------------------------
    Case(
        "csv-no-header",
        ("batch", "people.csv"),
        "people.csv: the first row is not a header (found «batsenin» in column 1)",
        f"add a header row naming the columns, e.g. slug;address;count (known: {KNOWN_COLUMNS}), "
        "or map yours with --column ROLE=HEADER",
        setup=lambda e: e.write("people.csv", "batsenin,1\n"),
    ),
    Case(
        "csv-no-known-role",
        ("batch", "people.csv"),
        "people.csv: there is no slug, address or name column",
        "a row needs a slug (e.g. batsenin), a full published address or a name; "
        "map a column with --column ROLE=HEADER",
        setup=lambda e: e.write("people.csv", "count,colour\n1,red\n"),
    ),
    Case(
        "csv-broken-utf16",
        ("batch", "people.csv"),
        "people.csv is not text in UTF-8, Windows-1251, KOI8-R or MacCyrillic (byte 29)",
        CSV_HINT,
        setup=lambda e: e.write("people.csv", "slug\nbatsenin\n".encode("utf-16")[:-1]),
    ),
    Case(
        "csv-mixed-encoding",
        ("batch", "people.csv"),
        "people.csv mixes UTF-8 with another encoding (line 2 is not UTF-8)",
        CSV_HINT,
        setup=lambda e: e.write(
            "people.csv", "slug,адрес\n".encode() + "batsenin,Сахалин\n".encode("cp1251")
        ),
    ),
    Case(
        "csv-empty",
        ("batch", "people.csv"),
        "people.csv is empty",
        "the first row must name the columns, e.g. slug;address",
        setup=lambda e: e.write("people.csv", ""),
    ),
    Case(
        "csv-ragged-row",
        ("batch", "people.csv"),
        "none of the 1 rows can be printed; nothing was written",
        "fix the rows listed above",
        setup=lambda e: e.write("people.csv", "slug,count\nbatsenin,1,5,6\n"),
        rows=(
            (
                "people.csv, row 2: 4 values but the header has 2 columns — an address with a "
                "separator must be in quotes"
            ),
        ),
    ),
    Case(
        "csv-10mb-field",
        ("batch", "people.csv"),
        "none of the 1 rows can be printed; nothing was written",
        "fix the rows listed above",
        setup=lambda e: e.write("people.csv", "slug,address\nbatsenin," + "ж" * 5_000_000),
        rows=("people.csv, row 2, column address: a cell of 5,000,000 characters (at most 2,000)",),
    ),
    Case(
        "xlsx-corrupt",
        ("batch", "people.xlsx"),
        "people.xlsx: the workbook cannot be read (BadZipFile)",
        "open it in a spreadsheet program and save it again, or export it as CSV UTF-8",
        setup=lambda e: e.write("people.xlsx", b"PK\x03\x04 not really a workbook"),
    ),
    Case(
        "batch-input-missing",
        ("batch", "nosuch.csv"),
        "the input file nosuch.csv does not exist",
        "give a CSV, XLSX, ODS, JSON Lines or text file, or a slug such as batsenin",
    ),
    Case(
        "batch-all-rows-bad",
        ("batch", "people.csv"),
        "none of the 1 rows can be printed; nothing was written",
        "fix the rows listed above",
        setup=lambda e: e.write("people.csv", "slug\nnosuch\n"),
        rows=("people.csv, row 2, column slug: no person with the slug 'nosuch'",),
    ),
    # --- outputs -----------------------------------------------------------------------
    Case(
        "out-dir-missing",
        ("write", "batsenin", "--out-dir", "nowhere"),
        "the output directory nowhere does not exist",
        "create it first, or choose another directory",
    ),
    Case(
        "out-dir-is-a-file",
        ("write", "batsenin", "--out-dir", "notes.txt"),
        "notes.txt is a file, not a directory",
        "choose a directory for the output",
        setup=lambda e: e.write("notes.txt", "x"),
    ),
    Case(
        "out-dir-read-only",
        ("write", "batsenin"),
        "cannot write to the current directory: Permission denied",
        "check that the directory exists and is writable, or choose another one",
        setup=lambda e: e.mp.setattr(
            "tempfile.mkstemp", raiser(PermissionError(errno.EACCES, "Permission denied"))
        ),
    ),
    Case(
        "batch-output-dir-missing",
        ("batch", "batsenin", "--output", "nowhere/out.pdf"),
        "the output directory nowhere does not exist",
        "create it first, or choose another directory",
    ),
    Case(
        "output-exists",
        ("write", "batsenin"),
        "batsenin-envelope.pdf already exists",
        "use --force to overwrite it, or choose another output",
        setup=lambda e: e.write("batsenin-envelope.pdf", b"old envelope"),
    ),
    Case(
        "batch-output-exists",
        ("batch", "batsenin"),
        "letterkit-batch.pdf already exists",
        "use --force to overwrite it, or choose another output",
        setup=lambda e: e.write("letterkit-batch.pdf", b"old batch"),
    ),
    Case(
        "output-locked",
        ("write", "batsenin", "--force"),
        "cannot replace batsenin-letter.pdf: the file is open in another program or locked",
        "close it (for example the PDF viewer) and run the command again",
        setup=lambda e: (
            e.write("batsenin-letter.pdf", b"old letter"),
            e.mp.setattr(os, "replace", raiser(PermissionError(errno.EACCES, "in use"))),
        ),
    ),
    Case(
        "second-output-fails",
        ("write", "batsenin"),
        "writing batsenin-envelope.pdf failed: Input/output error; nothing was written",
        "check free disk space and permissions, then run again",
        setup=lambda e: e.mp.setattr(
            os, "link", fail_on_call(2, OSError(errno.EIO, "Input/output error"), os.link)
        ),
    ),
    Case(
        # another run created the file between the check and the write
        "second-output-appears",
        ("write", "batsenin"),
        "batsenin-envelope.pdf already exists",
        "use --force to overwrite it, or choose another output",
        setup=lambda e: e.mp.setattr(
            os, "link", fail_on_call(2, FileExistsError(errno.EEXIST, "File exists"), os.link)
        ),
    ),
    Case(
        "second-output-locked",
        ("write", "batsenin", "--force"),
        "cannot replace batsenin-envelope.pdf: the file is open in another program or locked",
        "close it (for example the PDF viewer) and run the command again",
        setup=lambda e: e.mp.setattr(
            os, "replace", fail_on_call(2, PermissionError(errno.EACCES, "in use"), os.replace)
        ),
    ),
    Case(
        "disk-full-midway",
        ("write", "batsenin"),
        "writing batsenin-letter.pdf failed: No space left on device; nothing was written",
        "check free disk space and permissions, then run again",
        setup=lambda e: e.mp.setattr(
            os, "fsync", raiser(OSError(errno.ENOSPC, "No space left on device"))
        ),
    ),
    Case(
        "disk-full-second-file",
        ("write", "batsenin"),
        "writing batsenin-envelope.pdf failed: No space left on device; nothing was written",
        "check free disk space and permissions, then run again",
        setup=lambda e: e.mp.setattr(
            os, "fsync", fail_on_call(2, OSError(errno.ENOSPC, "No space left on device"), os.fsync)
        ),
    ),
    Case(
        "batch-disk-full",
        ("batch", "batsenin"),
        "writing letterkit-batch.pdf failed: No space left on device; nothing was written",
        "check free disk space and permissions, then run again",
        setup=lambda e: e.mp.setattr(
            os, "fsync", raiser(OSError(errno.ENOSPC, "No space left on device"))
        ),
    ),
    # --- editor and prompts ------------------------------------------------------------
    Case(
        "editor-fails",
        ("write", "batsenin", "--edit"),
        "the editor 'false' exited with code 1; nothing was written",
        "save and close the editor normally, or use --text FILE",
        setup=_edit_env("false"),
    ),
    Case(
        "editor-missing",
        ("write", "batsenin", "--edit"),
        "the editor '/nonexistent/editor' could not be started: No such file or directory",
        "set EDITOR to an installed editor, e.g. EDITOR=nano",
        setup=_edit_env("/nonexistent/editor"),
    ),
    Case(
        "edit-without-terminal",
        ("write", "batsenin", "--edit"),
        "--edit needs an interactive terminal, but standard input is not one",
        "write the letter in a file and pass it with --text FILE",
        input="",
    ),
    # --- options and the profile -------------------------------------------------------
    Case(
        "sender-empty",
        ("write", "batsenin", "--sender", " ; ;"),
        "--sender is empty",
        'give the lines separated by ";"',
    ),
    Case(
        "sender-country-unknown",
        ("write", "batsenin", "--sender-country", "XX"),
        "unknown country code 'XX'",
        "use a two-letter ISO 3166 code, for example DE, FR, US or RU",
    ),
    Case(
        "sender-set-empty",
        ("sender", "set", ";;"),
        "the return address is empty",
        'give the lines separated by ";"',
    ),
    Case(
        "profile-broken-toml",
        ("write", "batsenin"),
        "{config}/profile.toml: broken TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 8)",
        TOML_HINT,
        setup=lambda e: e.write("profile.toml", "[sender\n", e.config),
    ),
    Case(
        "profile-sender-not-a-table",
        ("sender", "show"),
        "{config}/profile.toml: field 'sender' must be a table ([sender])",
        "fix it, or run 'letterkit sender clear' to start again",
        setup=lambda e: e.write("profile.toml", "sender = 5\n", e.config),
    ),
    Case(
        "profile-offset-nan",
        ("write", "batsenin"),
        "{config}/profile.toml: field 'printer.offset_x_mm' must be between -20 and 20 (mm)",
        "fix it, or run 'letterkit sender clear' to start again",
        setup=lambda e: e.write("profile.toml", "[printer]\noffset_x_mm = nan\n", e.config),
    ),
    Case(
        "preview-not-a-pdf",
        ("preview", "notes.pdf"),
        "notes.pdf is not a PDF file",
        "give a PDF written by letterkit (or any other PDF)",
        setup=lambda e: e.write("notes.pdf", "hello"),
    ),
    Case(
        "preview-missing",
        ("preview", "nope.pdf"),
        "the PDF nope.pdf does not exist",
        "check the path",
    ),
    # --- add: user data stays inside the data dir --------------------------------------
    Case(
        "add-slug-traversal",
        ("add", SEED_LINE, "--slug", "../../outside"),
        bad_slug("../../outside"),
        SLUG_HINT,
    ),
    Case(
        "add-slug-absolute",
        ("add", SEED_LINE, "--slug", "/tmp/x"),
        bad_slug("/tmp/x"),
        SLUG_HINT,
    ),
    # --- usage errors (typer's own, exit 2) -------------------------------------------
    Case(
        "date-invalid",
        ("write", "batsenin", "--date", "2026-13-01"),
        "Invalid value for '--date': use the form YYYY-MM-DD, e.g. 2026-11-25",
        exit_code=2,
    ),
    Case(
        "unknown-option",
        ("write", "batsenin", "--zzz", "red"),
        "No such option: --zzz",
        exit_code=2,
    ),
]


# --------------------------------------------------------------------------------------
# Snapshots: names, sizes, mtimes and hashes of every file under the watched roots


def snapshot(*roots: Path | None) -> dict[str, tuple[int, int, str]]:
    out: dict[str, tuple[int, int, str]] = {}
    for root in roots:
        if root is None or not root.exists():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames:
                out[os.path.join(dirpath, name) + "/"] = (0, 0, "dir")
            for name in filenames:
                path = os.path.join(dirpath, name)
                st = os.stat(path)
                with open(path, "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
                out[path] = (st.st_size, st.st_mtime_ns, digest)
    return out


@pytest.fixture
def env(cli, monkeypatch, isolated_user_dirs) -> Env:
    return Env(
        cwd=cli.cwd,
        data=isolated_user_dirs / "data",
        config=isolated_user_dirs / "config",
        mp=monkeypatch,
    )


def run_case(case: Case, cli, env: Env):
    if case.setup is not None:
        case.setup(env)
    roots = (env.cwd, env.data.parent, env.shipped)
    before = snapshot(*roots)
    result = cli(*case.args, input=case.input)
    after = snapshot(*roots)
    return result, before, after


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, cli, env: Env) -> None:
    result, before, after = run_case(case, cli, env)
    stderr = result.stderr
    assert "Traceback" not in stderr and "Bug:" not in stderr, stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == case.exit_code, (result.exit_code, stderr, result.stdout)
    if case.error is not None:
        fmt = {
            "{cwd}": str(env.cwd),
            "{data}": str(env.data),
            "{config}": str(env.config),
            "{shipped}": str(env.shipped),
        }

        def fill(text: str) -> str:
            for key, value in fmt.items():
                text = text.replace(key, value)
            return text

        error = fill(case.error)
        if case.exit_code == 2:
            # typer/click's usage error: usage lines, then the error as the last line
            assert stderr.rstrip("\n").splitlines()[-1] == f"Error: {error}"
        else:
            expected = "".join(f"{fill(row)}\n" for row in case.rows)
            expected += f"Error: {error}\n"
            if case.hint is not None:
                expected += f"Hint: {fill(case.hint)}\n"
            assert stderr == expected
    assert after == before, "files were created or changed"


def test_enough_cases() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def test_overlong_facility_names_the_field(cli, env: Env) -> None:
    case = next(c for c in CASES if c.id == "overlong-facility")
    result, before, after = run_case(case, cli, env)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Error: the facility «ФКУЖЖЖ")
    assert lines[0].endswith("does not fit in the recipient block of a DL envelope even at 8 pt")
    assert lines[1] == "Hint: use a larger envelope (--envelope C5 or C4) or shorten the text"
    assert after == before


def test_reply_kit_that_does_not_fit_says_why(cli, env: Env) -> None:
    case = next(c for c in CASES if c.id == "reply-envelope-does-not-fit")
    result, _, _ = run_case(case, cli, env)
    text = result.stderr
    assert "does not fit in the sender block of a DL envelope even at 8 pt" in text


def test_read_only_directory_for_real(cli, env: Env) -> None:
    """The chmod variant: only meaningful when not root (root ignores permissions)."""
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions; covered by out-dir-read-only")
    out = env.cwd / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = cli("write", "batsenin", "--out-dir", "ro")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write to ro: Permission denied\n")
    assert list(out.iterdir()) == []


def test_failed_overwrite_keeps_the_old_file_and_leaves_no_temp(cli, env: Env) -> None:
    old = env.write("batsenin-letter.pdf", b"old letter")
    env.write("batsenin-envelope.pdf", b"old envelope")
    env.mp.setattr(os, "fsync", raiser(OSError(errno.EIO, "Input/output error")))
    result = cli("write", "batsenin", "--force")
    assert result.exit_code == 1
    assert old.read_bytes() == b"old letter"
    assert sorted(p.name for p in env.cwd.iterdir()) == [
        "batsenin-envelope.pdf",
        "batsenin-letter.pdf",
    ]
