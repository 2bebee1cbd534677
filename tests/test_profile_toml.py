"""profile.toml is the user's file: letterkit rewrites its values and keeps the rest.

Written with tomlkit (letterkit.profile, letterkit.fsutil.toml_text): the user's comments,
blank lines and other keys survive ``log --disable``, ``sender set`` and ``sender clear``.
"""

from __future__ import annotations

import datetime as dt
import tomllib

from letterkit.fsutil import toml_text

USER_PROFILE = """\
# My own notes: the address is my mother's flat.
[sender]
lines = ["Иванова Мария", "г. Тверь", "170000"]  # checked 2026-11
country = "RU"

# measured on the office printer
[printer]
offset_x_mm = 1.5
offset_y_mm = 0
"""


def test_log_disable_keeps_the_users_comments(cli, isolated_user_dirs) -> None:
    profile = isolated_user_dirs / "config" / "profile.toml"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(USER_PROFILE, encoding="utf-8")
    assert cli("log", "--disable").exit_code == 0
    text = profile.read_text(encoding="utf-8")
    assert text.startswith(USER_PROFILE)  # every line as the user wrote it
    assert "# My own notes: the address is my mother's flat." in text
    assert "# checked 2026-11" in text
    assert "# measured on the office printer" in text
    assert tomllib.loads(text)["log"] == {"enabled": False}
    assert cli("log", "--enable").exit_code == 0
    text = profile.read_text(encoding="utf-8")
    assert "# measured on the office printer" in text
    assert tomllib.loads(text)["log"] == {"enabled": True}


def test_sender_set_and_clear_keep_the_users_comments(cli, isolated_user_dirs) -> None:
    profile = isolated_user_dirs / "config" / "profile.toml"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(USER_PROFILE, encoding="utf-8")
    assert cli("sender", "set", "Петрова Анна; г. Тула; 300000").exit_code == 0
    text = profile.read_text(encoding="utf-8")
    assert "# My own notes: the address is my mother's flat." in text
    assert "# measured on the office printer" in text
    data = tomllib.loads(text)
    assert data["sender"] == {
        "lines": ["Петрова Анна", "г. Тула", "300000"],
        "country": "RU",
        "parts": {
            "first": "Анна",
            "last": "Петрова",
            "gender": "f",
            "locality": "Тула",
            "locality_type": "г.",
            "region": "Тульская область",
            "postcode": "300000",
        },
    }
    assert data["printer"] == {"offset_x_mm": 1.5, "offset_y_mm": 0}  # untouched
    assert cli("sender", "clear").exit_code == 0
    text = profile.read_text(encoding="utf-8")
    assert "# My own notes: the address is my mother's flat." in text
    assert tomllib.loads(text)["sender"] == {"lines": [], "country": "RU"}


def test_a_new_profile_is_written_as_before(cli, isolated_user_dirs) -> None:
    assert (
        cli("sender", "set", 'Иванова "Маша"; г. Тверь; 170000', "--country", "ru").exit_code == 0
    )
    text = (isolated_user_dirs / "config" / "profile.toml").read_text(encoding="utf-8")
    assert text == (
        "# letterkit profile: your return address and settings. Stays on this computer.\n"
        "\n"
        "[sender]\n"
        'lines = ["Иванова \\"Маша\\"", "г. Тверь", "170000"]\n'
        'country = "RU"\n'
        "\n"
        "[sender.parts]\n"
        'first = "Маша"\n'
        'last = "Иванова"\n'
        'gender = "f"\n'
        'locality = "Тверь"\n'
        'locality_type = "г."\n'
        'region = "Тверская область"\n'
        'postcode = "170000"\n'
        "\n"
        "[printer]\n"
        "offset_x_mm = 0.0\n"
        "offset_y_mm = 0.0\n"
    )


def test_toml_text_layout() -> None:
    """Header comments, top-level keys, then tables and arrays of tables; None left out."""
    text = toml_text(
        {
            "slug": "x",
            "middle": None,
            "birth_year": 1995,
            "checked": dt.date(2026, 1, 2),
            "sources": [{"title": "Added", "url": None}, {"title": "b", "url": "https://x"}],
            "facility": "ik-1",
        },
        header="Added with letterkit add.",
    )
    assert text == (
        "# Added with letterkit add.\n"
        'slug = "x"\n'
        "birth_year = 1995\n"
        "checked = 2026-01-02\n"
        'facility = "ik-1"\n'
        "\n"
        "[[sources]]\n"
        'title = "Added"\n'
        "\n"
        "[[sources]]\n"
        'title = "b"\n'
        'url = "https://x"\n'
    )
