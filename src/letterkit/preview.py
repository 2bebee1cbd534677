"""PNG previews of PDFs: ``letterkit preview PDF`` writes ``<pdf-stem>-N.png`` beside it
(page N, default 1; ``--all``: every page).

Pages are rendered with pypdfium2 (wheels on PyPI for every platform, no
system libraries) and written atomically. An existing preview is only replaced with
``force=True``, like every other output (``--force``; see tests/test_preview.py).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from pathlib import Path

from letterkit.errors import DataError, InputError
from letterkit.fsutil import atomic_write, check_targets
from letterkit.i18n import _, ngettext
from letterkit.limits import PREVIEW_MAX_PIXELS

DEFAULT_DPI = 100
MIN_DPI = 20
MAX_DPI = 600


def preview_path(pdf_path: Path, page: int = 1) -> Path:
    """``letters/batsenin-envelope.pdf`` → ``letters/batsenin-envelope-1.png`` (page 1)."""
    pdf_path = Path(pdf_path)
    return pdf_path.with_name(f"{pdf_path.stem}-{page}.png")


def render_png(
    pdf: bytes | Path, *, dpi: int = DEFAULT_DPI, source: str = "PDF", page: int = 1
) -> bytes:
    """Page ``page`` (1-based) of a PDF (bytes or a file) as PNG bytes, white background."""
    return render_pngs(pdf, dpi=dpi, source=source, pages=[page])[0]


def render_pngs(
    pdf: bytes | Path, *, dpi: int = DEFAULT_DPI, source: str = "PDF", pages: list[int] | None
) -> list[bytes]:
    """The given pages (1-based; None: every page) as PNG bytes. A page beyond the last
    is an InputError naming the page count; nothing is rendered then."""
    # deferred: pypdfium2 is heavy at start-up and only needed to render
    import pypdfium2 as pdfium

    if not MIN_DPI <= dpi <= MAX_DPI:
        raise InputError(
            _("--dpi {dpi} is out of range").format(dpi=dpi),
            hint=_("use a value from {low} to {high}").format(low=MIN_DPI, high=MAX_DPI),
        )
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        # "Failed to load document (PDFium: Data format error)." → "data format error"
        reason = str(exc).rsplit(":", 1)[-1].strip(" .)").lower() or "unreadable"
        raise DataError(
            _("{file} is not a readable PDF ({reason})").format(file=source, reason=reason),
            hint=_("check that the file is a complete, unencrypted PDF (open it in a PDF viewer)"),
        ) from None
    try:
        if len(document) == 0:
            raise DataError(
                _("{file} has no pages").format(file=source),
                hint=_("give a PDF with at least one page"),
            )
        count = len(document)
        wanted = list(range(1, count + 1)) if pages is None else pages
        for number in wanted:
            if not 1 <= number <= count:
                raise InputError(
                    ngettext(
                        "{file} has {n} page; there is no page {page}",
                        "{file} has {n} pages; there is no page {page}",
                        count,
                    ).format(file=source, n=count, page=number),
                    hint=_("use --page 1 to {n}, or --all").format(n=count)
                    if count > 1
                    else _("use --page 1"),
                )
        for number in wanted:
            _check_pixels(document[number - 1].get_size(), dpi, source, number)
        return [_render_page(document[number - 1], dpi, source) for number in wanted]
    finally:
        document.close()


def _render_page(page, dpi: int, source: str) -> bytes:
    # deferred: pypdfium2 is heavy at start-up and only needed to render
    import pypdfium2 as pdfium

    try:
        image = page.render(scale=dpi / 72).to_pil()
    except pdfium.PdfiumError:
        raise DataError(
            _("a page of {file} cannot be rendered").format(file=source),
            hint=_("check that the file opens in a PDF viewer"),
        ) from None
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def _check_pixels(size_pt: tuple[float, float], dpi: int, source: str, page: int) -> None:
    """Refuse a page whose bitmap would exceed PREVIEW_MAX_PIXELS (before it is made)."""
    width, height = (max(1, round(side * dpi / 72)) for side in size_pt)
    if width * height <= PREVIEW_MAX_PIXELS:
        return
    fits = math.floor(dpi * math.sqrt(PREVIEW_MAX_PIXELS / (width * height)))
    hint = (
        _("use --dpi {dpi} or lower").format(dpi=fits)
        if fits >= MIN_DPI
        else _("the page is too large to preview; open the PDF in a viewer instead")
    )
    raise InputError(
        _(
            "page {page} of {file} at {dpi} dpi would be {width} × {height} pixels, "
            "more than the {limit} million a preview may have"
        ).format(
            page=page,
            file=source,
            dpi=dpi,
            width=width,
            height=height,
            limit=PREVIEW_MAX_PIXELS // 10**6,
        ),
        hint=hint,
    )


def _check_input(pdf_path: Path) -> None:
    if not pdf_path.exists():
        raise InputError(
            _("the PDF {file} does not exist").format(file=pdf_path), hint=_("check the path")
        )
    if pdf_path.is_dir():
        raise InputError(
            _("{file} is a directory").format(file=pdf_path), hint=_("give a PDF file")
        )
    try:
        with pdf_path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(
            _("cannot read {file}: {reason}").format(file=pdf_path, reason=exc.strerror or exc)
        ) from None
    if b"%PDF-" not in head:
        raise DataError(
            _("{file} is not a PDF file").format(file=pdf_path),
            hint=_("give a PDF written by letterkit (or any other PDF)"),
        )


def render_pages(
    pdf_path: Path,
    *,
    pages: list[int] | None,
    dpi: int = DEFAULT_DPI,
    force: bool = False,
) -> list[Path]:
    """Render pages (1-based; None: all) to ``<pdf-stem>-N.png`` beside the PDF.

    The same errors as :func:`render_preview`, plus an InputError for a page beyond the
    last; every PNG is checked for overwriting before any is written."""
    pdf_path = Path(pdf_path)
    _check_input(pdf_path)
    pngs = render_pngs(pdf_path, dpi=dpi, source=str(pdf_path), pages=pages)
    numbers = pages if pages is not None else list(range(1, len(pngs) + 1))
    targets = [preview_path(pdf_path, n) for n in numbers]
    check_targets(targets, force=force)
    return [atomic_write(t, png, force=force) for t, png in zip(targets, pngs, strict=True)]


def render_preview(pdf_path: Path, *, dpi: int = DEFAULT_DPI, force: bool = False) -> Path:
    """Render the first page to ``<pdf-stem>-1.png`` beside the PDF; returns its path.

    Raises ``InputError`` (missing file), ``DataError`` (not a PDF, corrupt, no pages)
    or ``OutputError`` (the PNG exists without ``force``, or cannot be written).
    Nothing is written when it fails.
    """
    pdf_path = Path(pdf_path)
    _check_input(pdf_path)
    target = preview_path(pdf_path)
    check_targets([target], force=force)
    png = render_png(pdf_path, dpi=dpi, source=str(pdf_path))
    return atomic_write(target, png, force=force)


def pdf_outputs(paths: Iterable[Path]) -> list[Path]:
    """The PDFs among a command's outputs (``write --text-only`` writes a .txt letter)."""
    return [Path(p) for p in paths if Path(p).suffix.lower() == ".pdf"]


def check_previews(pdf_paths: Iterable[Path], *, force: bool) -> None:
    """Fail before anything is written if a preview PNG exists (without ``force``)."""
    check_targets([preview_path(p) for p in pdf_paths], force=force)


def render_previews(
    pdf_paths: Iterable[Path], *, dpi: int = DEFAULT_DPI, force: bool = False
) -> list[Path]:
    """``render_preview`` for each PDF; returns the PNG paths in the same order."""
    return [render_preview(p, dpi=dpi, force=force) for p in pdf_paths]
