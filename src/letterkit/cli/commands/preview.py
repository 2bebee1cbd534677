"""``letterkit preview PDF``: the first page as ``<pdf-stem>-1.png`` beside the PDF."""

from __future__ import annotations

from pathlib import Path

import typer

from letterkit.cli import options as opt
from letterkit.i18n import _
from letterkit.preview import render_preview


def register(app: typer.Typer) -> None:
    @app.command(
        "preview",
        help=_(
            "Render the first page of a PDF to PNG beside it (<name>-1.png) and print "
            "the PNG's path."
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
    ) -> None:
        png = render_preview(pdf, dpi=dpi, force=force)
        typer.echo(str(png))  # plain: a long path must not wrap
