"""Extraction: a Document in, the facts a careful reader finds in it out.

    >>> from tenure.extract import extract_path
    >>> result = extract_path("samples/Office_of_the_National_Security_Commission.txt")
    >>> [(t.person, t.post, t.start, t.end) for t in result.tenures][:2]
    [('Li Zhanshu', 'Director', '2014', '2017'), ('Ding Xuexiang', 'Director', '2017', '2023')]

:func:`extract` runs the extractors in order (subject, infobox, structure, holders lists and
tables, prose) over one :class:`~tenure.sources.Document` and merges what they find into one
:class:`~tenure.model.Extraction`, the unit of the extraction contract.
:func:`extract_path` reads and extracts one file and never raises for bad input: an
unreadable file yields an extraction whose only content is an error diagnostic.
"""

from __future__ import annotations

import os

from tenure.errors import ReadError
from tenure.extract.article import extract
from tenure.model import Diagnostic, Extraction, Source, Subject
from tenure.sources import MAX_BYTES, read_path

__all__ = ["extract", "extract_document", "extract_path", "failed_read"]

extract_document = extract
"""The facts of one already-read Document (``tenure.extract_document``)."""


def extract_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Extraction:
    """Read and extract one file; a file that cannot be read gives an error diagnostic."""
    try:
        document = read_path(path, max_bytes)
    except ReadError as exc:
        return failed_read(str(path), exc)
    return extract(document)


def failed_read(path: str, error: ReadError) -> Extraction:
    """The extraction of a file that could not be read: no facts, one error diagnostic."""
    title = os.path.splitext(os.path.basename(path))[0].replace("_", " ") or path
    result = Extraction(
        source=Source(title=title, sha256="0" * 64, path=path),
        subject=Subject("other", title),
    )
    result.diagnostics.append(Diagnostic("error", error.message, error.line))
    return result
