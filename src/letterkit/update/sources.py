"""The sources of ``letterkit data update``, as data (data/sources.toml), and the host
rewriting that points them at a mirror or a test server.

``LETTERKIT_MEMORIAL_BASE=http://HOST:PORT`` / ``LETTERKIT_TELEGRAM_BASE=…`` replace the
scheme, host and port of every ``memopzk.org`` / ``t.me`` URL (path and query kept);
with a base set, a URL on any other host is refused. What is stored and shown stays
``https://memopzk.org/…`` (:meth:`HostMap.canonical`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from letterkit import __version__, resources
from letterkit.errors import DataError, InputError
from letterkit.i18n import _
from letterkit.limits import load_toml

SOURCES_FILE = "sources.toml"
OFFLINE_ENV = "LETTERKIT_OFFLINE"
TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Politeness:
    delay: float
    timeout: float
    retries: int
    backoff: float
    max_wait: float
    user_agent: str


@dataclass(frozen=True)
class Sources:
    politeness: Politeness
    memorial: dict[str, Any]
    telegram: dict[str, Any]
    path: Path


def load_sources(data_dir: Path | None = None) -> Sources:
    return _load((data_dir or resources.data_dir()) / SOURCES_FILE)


@cache
def _load(path: Path) -> Sources:
    try:
        raw = load_toml(path.read_text(encoding="utf-8"))  # limits: letterkit.limits
        p = raw["politeness"]
        politeness = Politeness(
            delay=float(p["delay_seconds"]),
            timeout=float(p["timeout_seconds"]),
            retries=int(p["retries"]),
            backoff=float(p["backoff_seconds"]),
            max_wait=float(p["max_wait_seconds"]),
            user_agent=str(p["user_agent"]).format(version=__version__),
        )
        return Sources(politeness, dict(raw["memorial"]), dict(raw["telegram"]), path)
    except (OSError, ValueError, KeyError, TypeError) as exc:  # ValueError: TOML syntax, limits
        raise DataError(
            _("{path}: cannot read the update sources ({reason})").format(path=path, reason=exc),
            hint=_("reinstall letterkit: pip install --force-reinstall letterkit"),
        ) from None


def offline_requested(flag: bool = False) -> bool:
    """``--offline`` or ``LETTERKIT_OFFLINE=1``: no network connection at all."""
    return flag or os.environ.get(OFFLINE_ENV, "").strip().lower() in TRUE


class HostMap:
    """Canonical host (``memopzk.org``) → the base URL to use instead, from the environment."""

    def __init__(self, sources: Sources, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.bases: dict[str, tuple[str, str]] = {}  # canonical netloc → (scheme, netloc)
        self.canonical_of: dict[str, tuple[str, str]] = {}  # used netloc → canonical
        for source in (sources.memorial, sources.telegram):
            canonical = urlsplit(source["base"])
            override = env.get(source["base_env"], "").strip()
            if override:
                used = urlsplit(override)
                if used.scheme not in ("http", "https") or not used.netloc:
                    raise InputError(
                        _("{name}={value} is not a base URL like http://127.0.0.1:8080").format(
                            name=source["base_env"], value=override
                        )
                    )
                if used.netloc in self.canonical_of:
                    raise InputError(
                        _("LETTERKIT_MEMORIAL_BASE and LETTERKIT_TELEGRAM_BASE must differ"),
                        hint=_(
                            "use another port, or localhost for one and 127.0.0.1 for the other"
                        ),
                    )
                self.bases[canonical.netloc] = (used.scheme, used.netloc)
                self.canonical_of[used.netloc] = (canonical.scheme, canonical.netloc)
        self.strict = bool(self.bases)
        self.hosts = {urlsplit(s["base"]).netloc for s in (sources.memorial, sources.telegram)}

    def rewrite(self, url: str) -> str:
        """The URL to fetch. With a base set, a host that is none of the sources is refused."""
        parts = urlsplit(url)
        if parts.netloc in self.bases:
            scheme, netloc = self.bases[parts.netloc]
            return urlunsplit((scheme, netloc, parts.path, parts.query, ""))
        if self.strict and parts.netloc not in self.canonical_of:
            raise InputError(
                _(
                    "refusing to fetch {url}: with a base URL set, only the sources' hosts are used"
                ).format(url=url)
            )
        return url

    def is_source(self, url: str) -> bool:
        """Whether the URL is on one of the sources' hosts (canonical or rewritten)."""
        netloc = urlsplit(url).netloc
        return netloc in self.bases or netloc in self.canonical_of or netloc in self.hosts

    def canonical(self, url: str) -> str:
        """The URL as stored and shown (``https://memopzk.org/…``)."""
        parts = urlsplit(url)
        if parts.netloc in self.canonical_of:
            scheme, netloc = self.canonical_of[parts.netloc]
            return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))
        return url
