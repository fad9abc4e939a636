"""Running the web app under uvicorn: what ``tenure serve`` calls.

    >>> serve("tenure.db", port=8000)                      # doctest: +SKIP

With several ``workers`` uvicorn starts that many processes, each building the app with
:func:`app_from_env` from the settings this module puts in the environment.
"""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI

from tenure.web.app import create_app

ENV_DB = "TENURE_WEB_DB"
ENV_ALLOW_INGEST = "TENURE_WEB_ALLOW_INGEST"
ENV_TOKEN = "TENURE_WEB_TOKEN"
ENV_ALIASES = "TENURE_WEB_ALIASES"


def app_from_env() -> FastAPI:
    """The app as :func:`serve` configured it (uvicorn's ``--factory`` target)."""
    return create_app(
        os.environ[ENV_DB],
        allow_ingest=os.environ.get(ENV_ALLOW_INGEST) == "1",
        token=os.environ.get(ENV_TOKEN) or None,
        aliases=os.environ.get(ENV_ALIASES) or None,
    )


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    aliases: str | None = None,
    workers: int = 1,
    log_level: str = "info",
) -> None:
    """Serve the store at ``db`` until interrupted."""
    if workers <= 1:
        app = create_app(db, allow_ingest, token, aliases=aliases)
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    create_app(db, allow_ingest, token, aliases=aliases)  # fail here, once, on a bad store
    os.environ[ENV_DB] = db
    os.environ[ENV_ALLOW_INGEST] = "1" if allow_ingest else "0"
    os.environ[ENV_TOKEN] = token or ""
    os.environ[ENV_ALIASES] = aliases or ""
    uvicorn.run(
        "tenure.web.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
    )
