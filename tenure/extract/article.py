"""Run the extractors over one Document (placeholder while the extractors are written)."""

from __future__ import annotations

from tenure.model import Extraction, Source, Subject
from tenure.sources import Document


def extract(document: Document) -> Extraction:
    source = Source(
        title=document.title,
        sha256=document.sha256,
        format=document.format,
        path=document.path,
        url=document.url,
        revision=document.revision,
    )
    return Extraction(source=source, subject=Subject("other", document.title), diagnostics=list(document.diagnostics))
