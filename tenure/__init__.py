"""tenure: read articles about state institutions into a temporal knowledge graph."""

from __future__ import annotations

from tenure.errors import TenureError
from tenure.extract import extract_document, extract_path
from tenure.model import Event, Evidence, Extraction, Tenure
from tenure.sources import Document, read_path

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Event",
    "Evidence",
    "Extraction",
    "Tenure",
    "TenureError",
    "__version__",
    "extract_document",
    "extract_path",
    "read_path",
]
