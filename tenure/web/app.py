"""The web app: pages for people, JSON for programs, both over one store.

    >>> app = create_app("tenure.db")                     # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)     # doctest: +SKIP

Read-only unless made with ``allow_ingest=True`` and a ``token`` (see
:mod:`tenure.web.ingest`). Everything it serves comes from this package: templates, CSS, the
API documentation's scripts (from the ``fastapi-offline`` package); nothing is fetched from
the network, so it works on a disconnected laptop.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import fastapi_offline
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tenure import __version__
from tenure.web import api, errors, pages
from tenure.web.databases import Databases
from tenure.web.ingest import MAX_UPLOAD, add_ingest_route
from tenure.web.render import ENV

STATIC = Path(__file__).parent / "static"
DOCS_STATIC = Path(fastapi_offline.__file__).parent / "static"

THREADS = 8
"""Threads answering requests, per process."""

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)

DESCRIPTION = """\
Who held which post of which state institution, when, and the line each fact was read from.

Dates are as precise as the sources: `2014` means some day of 2014. Answers about a date say
whether each holder held the post on it for `certain` (whatever the unknown days are) or
only `possible`. Names match any alias, ignoring case; a name that matches nothing answers
404 with `suggestions`. Every page of the web UI has a JSON twin at the same address with
`.json` (tag *pages*).
"""


class SecurityHeaders:
    """Headers that keep a page from running anything it did not ship (defence in depth
    behind the templates' escaping)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope["path"] == "/docs" else CSP).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", csp),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db: str | os.PathLike[str],
    allow_ingest: bool = False,
    token: str | None = None,
    *,
    aliases: str | os.PathLike[str] | None = None,
    max_upload: int = MAX_UPLOAD,
) -> FastAPI:
    """The app over the store at ``db`` (a path or URL; created when missing).

    ``allow_ingest`` adds ``POST /api/ingest``, which then requires ``token``.
    """
    if allow_ingest and not token:
        raise ValueError("allow_ingest needs a token: create_app(db, True, token='...')")
    databases = Databases(db, aliases)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Queries are short and CPU-bound: a few threads, each with its store open, beat
        # anyio's default forty, each opening the store on its first request.
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield
        databases.close()

    app = FastAPI(
        title="tenure",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.databases = databases
    app.state.allow_ingest = allow_ingest
    errors.install(app)
    app.include_router(api.router)
    if allow_ingest:
        assert token is not None
        add_ingest_route(app, token, max_upload)
    app.include_router(pages.router)
    app.mount("/static/docs", StaticFiles(directory=DOCS_STATIC), name="docs-static")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        """Swagger UI over ``/openapi.json``, served from local files."""
        return HTMLResponse(ENV.get_template("docs.html").render(title="tenure API"))

    app.add_middleware(SecurityHeaders)
    return app
