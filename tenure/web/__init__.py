"""The web UI and HTTP API over a store: ``tenure serve``.

- :mod:`tenure.web.app`: :func:`create_app`, the FastAPI app.
- :mod:`tenure.web.views`: what each page shows, as data (the ``.json`` twins).
- :mod:`tenure.web.pages` and :mod:`tenure.web.api`: the addresses.
- :mod:`tenure.web.timeline`: where bars go, the uncertain part of partial dates apart.
- :mod:`tenure.web.ingest`: ``POST /api/ingest``, only when allowed, behind a token.
- :mod:`tenure.web.server`: running it under uvicorn.
"""

from __future__ import annotations

from tenure.web.app import create_app

__all__ = ["create_app"]
