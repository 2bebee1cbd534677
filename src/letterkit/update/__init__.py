"""``letterkit data update``: Memorial's current list, fetched politely, checked, applied.

- :mod:`~letterkit.update.sources`: the sources as data (data/sources.toml), the host
  rewriting for mirrors and tests, ``--offline``;
- :mod:`~letterkit.update.http`: the one HTTP client (httpx), polite and conditional.

Nothing here runs unless the user asks for an update: every other command stays offline.
"""
