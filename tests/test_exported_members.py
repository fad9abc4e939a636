"""The public API is what ``tenure.__all__`` lists: pinned here, so changing it is deliberate."""

from __future__ import annotations
import __future__

import importlib.metadata
from types import ModuleType

import tenure

PUBLIC_API = [
    "Document",
    "Event",
    "Evidence",
    "Extraction",
    "Tenure",
    "TenureError",
    "__version__",
    "extract_document",
    "extract_path",
    "open",
    "read_path",
]


def test_public_api_is_pinned() -> None:
    assert tenure.__all__ == PUBLIC_API, "update PUBLIC_API and the CHANGELOG together"


def test_every_exported_name_exists() -> None:
    missing = [name for name in tenure.__all__ if not hasattr(tenure, name)]
    assert missing == []


def test_every_public_member_is_exported() -> None:
    public = sorted(
        name
        for name, value in vars(tenure).items()
        if (not name.startswith("_") or name == "__version__")
        and not isinstance(value, ModuleType)
        and value is not __future__.annotations
    )
    assert public == tenure.__all__


def test_version_is_the_installed_distributions() -> None:
    assert tenure.__version__ == importlib.metadata.version("tenure")
