"""The ``write`` job as a library: resolve a target, build the letter, render, save.

``plan_letter`` does everything that can fail before a file is touched (lookup,
validation, template, check, layout); ``save`` writes the files atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit.errors import AddressError, InputError
from letterkit.records import is_valid_slug

if TYPE_CHECKING:
    from letterkit.guidance import CheckResult
    from letterkit.models import Address, Prisoner, Sender
    from letterkit.store import Store

DEFAULT_TEMPLATE = "first-letter"


@dataclass
class Target:
    """Whom the letter is for: a known record or a published address line."""

    slug: str
    address: Address
    prisoner: Prisoner | None = None

    @property
    def first_name(self) -> str | None:
        if self.prisoner is not None:
            return self.prisoner.first
        return self.address.recipient.first if self.address.recipient else None


def looks_like_address(text: str) -> bool:
    """A published line has spaces, digits, commas or Cyrillic; a slug has none."""
    return not is_valid_slug(text) and (
        any(c.isspace() or c == "," for c in text) or any("а" <= c.lower() <= "я" for c in text)
    )


def resolve_target(text: str, store: Store) -> Target:
    text = text.strip()
    if looks_like_address(text):
        from letterkit.address.parse import parse_address
        from letterkit.names import slugify

        address = parse_address(text)
        if not address.printable:
            problems = [w.message for w in address.warnings if w.code.startswith("missing")]
            raise AddressError(
                "this address cannot be printed: " + "; ".join(problems or ["it is incomplete"]),
                hint=f'run: letterkit address parse "{text}" to see what was recognised',
            )
        last = address.recipient.last if address.recipient else None
        slug = slugify(last) if last else "letter"
        return Target(slug=slug or "letter", address=address)
    prisoner = store.get(text)
    if prisoner.address is None or not prisoner.address.printable:
        raise AddressError(
            f"there is no usable postal address for '{prisoner.slug}'",
            hint="check the person's page for a current address, then add it with 'letterkit add'",
        )
    return Target(slug=text, address=prisoner.address, prisoner=prisoner)


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


def template_context(target: Target, sender: Sender | None, date: dt.date) -> dict:
    from letterkit.guidance import make_context

    if target.prisoner is not None:
        recipient = target.prisoner.nominative
    else:
        r = target.address.recipient
        recipient = " ".join(p for p in (r.last, r.first, r.middle) if p) if r else ""
    return make_context(
        first_name=target.first_name or "",
        recipient=recipient,
        writer_name=sender.lines[0] if sender and sender.lines else "",
        writer_city=writer_city(sender),
        date=date,
    )


def letter_body(
    target: Target,
    sender: Sender | None,
    date: dt.date,
    *,
    template: str | None = None,
    text: str | None = None,
) -> str:
    if text is not None:
        return text
    from letterkit import guidance, paths

    return guidance.render_template(
        template or DEFAULT_TEMPLATE,
        template_context(target, sender, date),
        extra_dirs=[paths.user_templates_dir()],
    )


def output_paths(slug: str, out_dir: Path, *, text_only: bool) -> dict[str, Path]:
    """cli.md: DIR/<slug>-letter.pdf (or .txt with --text-only) and DIR/<slug>-envelope.pdf."""
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
    from letterkit import guidance
    from letterkit.render.envelope import EnvelopeRenderer, envelope_content
    from letterkit.render.letter import render_letter
    from letterkit.render.pdf import finish, new_canvas

    if not body.strip():
        raise InputError("the letter is empty", hint="write some text, or use a template")
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
    """Write both files atomically; checks both targets before writing either."""
    from letterkit.fsutil import atomic_write, check_targets

    outputs = output_paths(plan.target.slug, out_dir, text_only=plan.letter_pdf is None)
    check_targets(outputs.values(), force=force)
    if plan.letter_pdf is not None:
        atomic_write(outputs["letter"], plan.letter_pdf, force=force)
    else:
        atomic_write(outputs["letter"], plan.letter_txt or "", force=force)
    atomic_write(outputs["envelope"], plan.envelope_pdf, force=force)
    plan.outputs = outputs
    return outputs
