"""The ``write`` job as a library: build the letter for a target, render, save.

The target comes from :func:`letterkit.targets.resolve_target`. ``plan_letter`` does
everything that can fail before a file is touched (template, check, layout); ``save``
writes the files atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit import guidance, paths
from letterkit.errors import InputError
from letterkit.fsutil import atomic_write_many
from letterkit.i18n import _
from letterkit.render.envelope import EnvelopeRenderer, envelope_content
from letterkit.render.letter import render_letter
from letterkit.render.pdf import finish, new_canvas

if TYPE_CHECKING:
    from letterkit.guidance import CheckResult
    from letterkit.models import Sender, Target

DEFAULT_TEMPLATE = "first-letter"
# Far beyond any real letter (guidance: 1-3 pages); keeps rendering time bounded.
MAX_LETTER_PAGES = 30
MAX_LETTER_CHARS = 200_000


@dataclass
class LetterPlan:
    target: Target
    body: str
    date: dt.date
    sender: Sender | None
    envelope_pdf: bytes
    letter_pdf: bytes | None  # None with --text-only
    letter_txt: str | None
    check: CheckResult | None
    outputs: dict[str, Path] = field(default_factory=dict)


def writer_city(sender: Sender | None) -> str:
    """The writer's town from the return address: the first line naming a settlement."""
    if not sender:
        return ""
    for line in sender.lines[1:]:
        stripped = line.strip()
        if stripped.startswith(("г. ", "город ")):
            return stripped.split(" ", 1)[1]
        if stripped and not any(ch.isdigit() for ch in stripped):
            return stripped
    return ""


def template_context(
    target: Target,
    sender: Sender | None,
    date: dt.date,
    *,
    signature: str | None = None,
    fields: dict[str, str] | None = None,
) -> dict:
    """Template fields; ``signature`` (the name the writer signs with) wins over the
    first return-address line; ``fields`` adds template-specific slots (``hobby``…)."""
    if target.prisoner is not None:
        recipient = target.prisoner.nominative
    else:
        r = target.address.recipient
        recipient = " ".join(p for p in (r.last, r.first, r.middle) if p) if r else ""
    return guidance.make_context(
        first_name=target.first_name or "",
        recipient=recipient,
        writer_name=signature or (sender.lines[0] if sender and sender.lines else ""),
        writer_city=writer_city(sender),
        date=date,
        **(fields or {}),
    )


def letter_body(
    target: Target,
    sender: Sender | None,
    date: dt.date,
    *,
    template: str | None = None,
    text: str | None = None,
    signature: str | None = None,
    fields: dict[str, str] | None = None,
) -> str:
    if text is not None:
        return text
    return guidance.render_template(
        template or DEFAULT_TEMPLATE,
        template_context(target, sender, date, signature=signature, fields=fields),
        extra_dirs=[paths.user_templates_dir()],
    )


def parse_fields(items: list[str] | None) -> dict[str, str]:
    """``--field hobby=читать`` → ``{"hobby": "читать"}`` (template slots)."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier() or not value.strip():
            raise InputError(
                _("--field '{item}' is not NAME=VALUE").format(item=item),
                hint=_("for example: --field hobby=читать --field writer_country=Германия"),
            )
        if key in guidance.CONTEXT_FIELDS:
            raise InputError(
                _("--field cannot set '{name}': letterkit fills it in").format(name=key),
                hint=_(
                    "use --sender for your name and town, --signature for the name you sign with"
                ),
            )
        out[key] = value.strip()
    return out


def output_paths(slug: str, out_dir: Path, *, text_only: bool) -> dict[str, Path]:
    """DIR/<slug>-letter.pdf (or .txt with --text-only) and DIR/<slug>-envelope.pdf."""
    return {
        "letter": out_dir / f"{slug}-letter.{'txt' if text_only else 'pdf'}",
        "envelope": out_dir / f"{slug}-envelope.pdf",
    }


def plan_letter(
    target: Target,
    body: str,
    *,
    sender: Sender | None,
    date: dt.date,
    envelope: str = "DL",
    text_only: bool = False,
    offset_mm: tuple[float, float] = (0.0, 0.0),
) -> LetterPlan:
    if not body.strip():
        raise InputError(_("the letter is empty"), hint=_("write some text, or use a template"))
    if len(body) > MAX_LETTER_CHARS or guidance.estimate_pages(body) > MAX_LETTER_PAGES:
        raise InputError(
            _("the letter is too long to print: about {pages} pages (at most {max_pages})").format(
                pages=f"{guidance.estimate_pages(body):.0f}", max_pages=MAX_LETTER_PAGES
            ),
            hint=_("a letter to a prison should be 1-3 pages; shorten it"),
        )
    check = guidance.check_text(body, has_return_address=True)
    renderer = EnvelopeRenderer(envelope, offset_mm)
    canvas, buffer = new_canvas(renderer.pagesize, "Envelope")
    renderer.draw(canvas, envelope_content(target.address, sender))
    canvas.showPage()
    envelope_pdf = finish(canvas, buffer)
    letter_pdf = None if text_only else render_letter(body, date, sender, title="Letter")
    letter_txt = guidance.plain_text(body) if text_only else None
    return LetterPlan(target, body, date, sender, envelope_pdf, letter_pdf, letter_txt, check)


def save(plan: LetterPlan, out_dir: Path, *, force: bool) -> dict[str, Path]:
    """Write both files atomically, all or nothing (a failure leaves neither behind)."""
    outputs = output_paths(plan.target.slug, out_dir, text_only=plan.letter_pdf is None)
    letter = plan.letter_pdf if plan.letter_pdf is not None else (plan.letter_txt or "")
    atomic_write_many(
        [(outputs["letter"], letter), (outputs["envelope"], plan.envelope_pdf)], force=force
    )
    plan.outputs = outputs
    return outputs
