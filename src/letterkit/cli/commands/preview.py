"""``letterkit preview PDF``: a page (default the first) as ``<pdf-stem>-N.png`` beside the
PDF; ``--all``: every page."""

from __future__ import annotations

from pathlib import Path

import typer

from letterkit.cli import options as opt
from letterkit.i18n import _
from letterkit.preview import render_pages


def register(app: typer.Typer) -> None:
    @app.command(
        "preview",
        help=_(
            "Render a page of a PDF (default the first; --all: every page) to PNG beside "
            "it (<name>-N.png) and print the PNGs' paths."
        ),
    )
    def preview(
        pdf: Path = typer.Argument(..., help=_("The PDF to preview."), metavar="PDF"),
        dpi: int = typer.Option(
            100,
            "--dpi",
            **opt.whole_number(),
            help=_("Resolution of the PNG in dots per inch (20 to 600)."),
            metavar="N",
        ),
        force: bool = typer.Option(
            False, "-f", "--force", help=_("Overwrite an existing preview PNG.")
        ),
        page: int = typer.Option(
            1, "--page", **opt.whole_number(1), help=_("The page to render."), metavar="N"
        ),
        all_pages: bool = typer.Option(False, "--all", help=_("Render every page.")),
    ) -> None:
        if all_pages and page != 1:
            raise typer.BadParameter(_("use either --page or --all"), param_hint="--page")
        for png in render_pages(pdf, pages=None if all_pages else [page], dpi=dpi, force=force):
            typer.echo(str(png))  # plain: a long path must not wrap
