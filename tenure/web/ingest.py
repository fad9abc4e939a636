"""``POST /api/ingest``: upload article files into the store, when the server allows it.

The route exists only in an app made with ``allow_ingest=True`` (``tenure serve
--allow-ingest``), and then answers only requests carrying ``Authorization: Bearer <token>``
with the token the server was started with (compared in constant time). The upload is
bounded (:data:`MAX_UPLOAD` in all): a larger body is refused with 413 before it is read
whole. Upload as multipart form data, any field name, one part per file::

    curl -H "Authorization: Bearer $TOKEN" -F files=@Wang_Yi.txt -F files=@Li_Xi.txt \\
        http://127.0.0.1:8000/api/ingest

The answer is the ingest report (:meth:`tenure.api.IngestReport.to_dict`): an outcome per
file, totals, diagnostics naming file and line.
"""

from __future__ import annotations

import hmac
import os
import re
import threading
from collections.abc import Awaitable, Callable

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from tenure.api import Database, IngestReport
from tenure.errors import ReadError
from tenure.extract import extract, failed_read
from tenure.model import Extraction
from tenure.sources import Document, read_bytes
from tenure.web.errors import error_response
from tenure.web.render import JSONResponse

MAX_UPLOAD = 16 * 1024 * 1024
"""Largest request body accepted by ``POST /api/ingest``, all files together."""

MAX_FILES = 1000

_UNSAFE = re.compile(r"[^\w .()\-,'’]+")


class TooLarge(Exception):
    pass


def upload_path(filename: str | None, index: int) -> str:
    """Where an uploaded file is said to come from: ``upload/<its base name>``."""
    name = os.path.basename((filename or "").replace("\\", "/"))
    name = _UNSAFE.sub("_", name).strip(" .")[:200]
    return f"upload/{name or f'file-{index}.txt'}"


def ingest_uploads(db: Database, files: list[tuple[str, bytes]]) -> IngestReport:
    """Read, extract and store uploaded articles; a file that cannot be read is reported as
    ``failed`` with its diagnostic, and the others are stored all the same."""
    extractions: list[Extraction] = []
    documents: list[Document | None] = []
    for path, data in files:
        document: Document | None
        try:
            document = read_bytes(data, path)
            extraction = extract(document)
        except ReadError as exc:
            document, extraction = None, failed_read(path, exc)
        except Exception as exc:  # an extractor bug must not stop the batch
            document = None
            extraction = failed_read(path, ReadError(path, f"extraction failed: {exc!r}"))
        extractions.append(extraction)
        documents.append(document)
    return db.ingest_extractions(extractions, documents)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def add_ingest_route(app: FastAPI, token: str, max_upload: int = MAX_UPLOAD) -> None:
    """Add ``POST /api/ingest`` to ``app``, guarded by ``token``."""
    if not token:
        raise ValueError("an ingest token must not be empty")
    expected = token.encode("utf-8")
    lock = threading.Lock()

    def store(files: list[tuple[str, bytes]]) -> IngestReport:
        with lock:
            return ingest_uploads(app.state.databases.get(), files)

    async def ingest(request: Request) -> Response:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return error_response(
                request,
                401,
                "send the server's ingest token: Authorization: Bearer <token>",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not hmac.compare_digest(given.strip().encode("utf-8"), expected):
            return error_response(request, 403, "the ingest token is wrong")
        try:
            body = await _read_body(request, max_upload)
        except TooLarge:
            return error_response(
                request,
                413,
                f"the upload is over {max_upload // (1024 * 1024)} MB; send fewer files at a time",
            )
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return error_response(
                request,
                400,
                "upload the articles as multipart/form-data, one part per file "
                "(curl -F files=@article.txt)",
            )
        form = await Request(request.scope, replay).form(
            max_files=MAX_FILES, max_fields=MAX_FILES, max_part_size=max_upload
        )
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not uploads:
            return error_response(request, 400, "no files in the upload; send one part per file")
        files = [(upload_path(u.filename, i), await u.read()) for i, u in enumerate(uploads, 1)]
        await form.close()
        report = await run_in_threadpool(store, files)
        return JSONResponse(report.to_dict())

    endpoint: Callable[[Request], Awaitable[Response]] = ingest
    app.add_api_route(
        "/api/ingest",
        endpoint,
        methods=["POST"],
        tags=["ingest"],
        summary="Upload articles into the store (server started with --allow-ingest)",
        description=__doc__ or "",
        responses={
            401: {"description": "No bearer token."},
            403: {"description": "Wrong token."},
            413: {"description": f"Upload over {MAX_UPLOAD // (1024 * 1024)} MB."},
        },
    )
