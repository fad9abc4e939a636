"""Errors as answers: a JSON body ``{"error", "detail", ...}`` for the API and the ``.json``
twins, an HTML page for the rest, with the status that says whose fault it was.

- a name that matches nothing: 404, with ``suggestions``
- a name that fits several things: 400, with ``candidates``
- a bad or missing parameter: 400, naming the parameter
- an unknown address: 404; a method the address does not take: 405
- anything else: 500, logged with its traceback, the answer saying only that it failed
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from tenure.errors import NotFound, TenureError, UsageError
from tenure.query.lookup import Ambiguous
from tenure.store.sql import StoreError
from tenure.web.render import JSONResponse, render_html

log = logging.getLogger("tenure.web")

ERROR_NAMES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "internal_error",
    503: "unavailable",
}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def error_response(
    request: Request,
    status: int,
    detail: str,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    body = {"error": ERROR_NAMES.get(status, "error"), "detail": detail, **extra}
    if wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    response = render_html(request, "error.html", f"{status}: {body['error']}", body, status)
    if headers:
        response.headers.update(headers)
    return response


def _describe(error: dict[str, Any]) -> str:
    where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    name = ".".join(where) or "request"
    if error.get("type") == "missing":
        return f"missing parameter {name!r}"
    return f"parameter {name!r}: {error.get('msg', 'invalid')}"


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NotFound)
        return error_response(
            request, 404, str(exc), suggestions=exc.suggestions, what=exc.what, name=exc.name
        )

    async def ambiguous(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Ambiguous)
        return error_response(request, 400, str(exc), candidates=exc.candidates)

    async def usage(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def store(request: Request, exc: Exception) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(request, 503, str(exc))

    async def tenure_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [_describe(e) for e in exc.errors()]
        return error_response(request, 400, "; ".join(problems) or "bad request")

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}; start from / or the API at /docs"
        return error_response(request, exc.status_code, detail, headers=exc.headers)

    async def crash(request: Request, exc: Exception) -> Response:
        log.error("error on %s", request.url.path, exc_info=exc)
        body = {
            "error": ERROR_NAMES[500],
            "detail": "tenure failed to answer this; see the server log",
        }
        return JSONResponse(body, status_code=500)

    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(Ambiguous, ambiguous)
    app.add_exception_handler(UsageError, usage)
    app.add_exception_handler(StoreError, store)
    app.add_exception_handler(TenureError, tenure_error)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(Exception, crash)
