"""Plain text for e-letters (ZT, ФСИН-письмо): the letter as text to paste into a form."""

from __future__ import annotations

import re
import textwrap


def plain_text(text: str, width: int = 72) -> str:
    """The letter as plain text to paste into an e-letter form (ZT, ФСИН-письмо).

    Line endings become ``\\n``, control characters and odd spaces are dropped, spaces
    are collapsed, paragraphs are separated by one blank line. A paragraph of running
    text is re-wrapped at ``width`` characters (``0``: one line per paragraph); a
    paragraph of short lines (greeting, closing, signature, a poem) keeps its lines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    text = re.sub(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060]", "", text)
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block_lines = [" ".join(ln.split()) for ln in block.split("\n")]
        block_lines = [ln for ln in block_lines if ln]
        if not block_lines:
            continue
        limit = width or 72
        if len(block_lines) > 1 and all(len(ln) < limit * 0.6 for ln in block_lines):
            paragraphs.append("\n".join(block_lines))
            continue
        joined = " ".join(block_lines)
        if width > 0:
            joined = textwrap.fill(
                joined, width=width, break_long_words=False, break_on_hyphens=False
            )
        paragraphs.append(joined)
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
