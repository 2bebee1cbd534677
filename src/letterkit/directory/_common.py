"""Names and helpers the directory's modules share: the file format and name folding."""

from __future__ import annotations

import re

FORMAT = 1
DIRECTORY = "directory"  # folder under the shipped data dir and the user data dir
FILE_PREFIX = "memopzk-"
STATE_FILE = "update-state.json"  # in the user's DIRECTORY folder: what data update knows
SOURCE_TITLE = "Political Prisoners. Memorial"
SOURCE_URL = "https://memopzk.org/"

# The note a record carries when the page title holds other names (search reads it).
PAGE_NAME = "Name on Memorial's page: "
PAREN = re.compile(r"\s*\(([^()]*)\)")

# The snapshot's precomputed Latin spelling of each record's name, keyed by (slug,
# nominative): search uses it instead of transliterating.
LATIN_NAMES: dict[tuple[str, str], str] = {}


def fold(text: str) -> str:
    """Case- and ё-insensitive form of a name, with single spaces."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").casefold().split())
