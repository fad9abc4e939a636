"""What pytest collects from the package itself (``testpaths`` includes ``tenure`` for the
examples in docstrings).

A module that runs compiled (see :mod:`tenure.native`) has no Python functions for
``--doctest-modules`` to read examples from, and pytest would refuse it as a file that is not
the module it imported; those sources are left to ``tests/test_native.py``, which runs their
examples against the sources in a separate process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tenure import native


def compiled_sources() -> frozenset[Path]:
    """The sources of the modules that run compiled in this process."""
    if native.FINDER is not None:
        return frozenset()
    return frozenset(path.resolve() for path in native.extensions().values())


COMPILED = compiled_sources()


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.suffix == ".py" and collection_path.resolve() in COMPILED:
        return True
    return None
