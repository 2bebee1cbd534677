"""``letterkit serve``: the same tool as a local web page, for writers who never open a terminal.

Starlette (an ASGI toolkit, https://www.starlette.io/) served by uvicorn
(https://www.uvicorn.org/) on 127.0.0.1 only; Jinja2 templates and one stylesheet and one
small script shipped in the package (``templates/``, ``static/``): no CDN, no external
fonts, no build step. Plain HTML forms work without JavaScript; the script only runs the
letter check as one types.

Modules: :mod:`~letterkit.web.security` (the Host, token, cookie and CSRF rules, before
any page), :mod:`~letterkit.web.pages` (the pages: they call the library functions the
CLI calls), :mod:`~letterkit.web.app` (the application), :mod:`~letterkit.web.server`
(the socket, the first stdout line, uvicorn).
"""
