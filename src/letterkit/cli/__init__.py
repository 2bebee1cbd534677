"""The command line: the only part of letterkit that uses typer and rich.

``app.py`` builds the Typer app and reports every LetterkitError in one place;
``commands/`` holds one module per command; ``options.py`` the shared options;
``output.py`` what several commands print; ``completion.py`` Tab completion;
``typer_i18n.py`` the Russian interface for typer's own messages.
"""

from letterkit.cli.app import main, make_app

__all__ = ["main", "make_app"]
