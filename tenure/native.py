"""Which of tenure's modules run compiled, and a switch to run them as Python.

The build (``setup.py``) compiles the reading, extraction, resolving and storing modules with
mypyc into C extensions beside their sources; Python imports an extension before a source of
the same name. Two things make tenure import the sources instead:

- ``TENURE_PURE_PYTHON=1`` in the environment: to compare, to profile with :mod:`cProfile`
  (which does not see inside compiled functions), or to debug;
- a **stale** extension, whose source changed after it was built (the build records each
  source's sha256 in ``tenure/compiled.sha256``). An editable install keeps its extensions
  beside sources that keep changing, and running yesterday's compiled code against today's
  source would be worse than running slower: tenure says so once on stderr and imports every
  compiled module's source (the compiled modules call each other directly, so they are used
  all together or not at all). ``make install`` (or ``pip install -e .``) builds them again.

:func:`install` runs when this module is imported, which :mod:`tenure` does before it
imports any compiled module.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from importlib.machinery import (
    EXTENSION_SUFFIXES,
    SOURCE_SUFFIXES,
    FileFinder,
    ModuleSpec,
    SourceFileLoader,
)
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
MANIFEST = PACKAGE / "compiled.sha256"
ENVIRONMENT = "TENURE_PURE_PYTHON"


def pure_requested() -> bool:
    """Whether ``TENURE_PURE_PYTHON`` asks for the sources."""
    return os.environ.get(ENVIRONMENT, "").strip().lower() not in ("", "0", "false", "no")


def extensions() -> dict[str, Path]:
    """The compiled modules present in the package, by dotted name, with their source."""
    found: dict[str, Path] = {}
    for folder in (PACKAGE, *sorted(p for p in PACKAGE.iterdir() if p.is_dir())):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            for suffix in EXTENSION_SUFFIXES:
                if entry.name.endswith(suffix):
                    stem = entry.name[: -len(suffix)]
                    source = Path(folder, stem + ".py")
                    if source.exists():
                        parts = [] if stem == "__init__" else [stem]
                        relative = folder.relative_to(PACKAGE.parent).parts
                        found[".".join([*relative, *parts])] = source
                    break
    return found


def stale(found: dict[str, Path]) -> list[str]:
    """The compiled modules whose source differs from the one they were built from (all of
    them when the build left no record)."""
    try:
        lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    except OSError:
        return sorted(found)
    built: dict[str, str] = {}
    for line in lines:
        digest, _, path = line.partition("  ")
        built[path.strip()] = digest
    changed = []
    for name, source in sorted(found.items()):
        relative = source.relative_to(PACKAGE.parent).as_posix()
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        if built.get(relative) != digest:
            changed.append(name)
    return changed


class SourceFinder:
    """A meta path finder that imports the listed modules from their ``.py`` source."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        folders = list(path) if path is not None else [str(PACKAGE.parent)]
        for folder in folders:
            finder = FileFinder(folder, (SourceFileLoader, SOURCE_SUFFIXES))
            spec = finder.find_spec(fullname, target)
            if spec is not None and spec.origin not in (None, "namespace"):
                return spec
        return None


FINDER: SourceFinder | None = None
"""The finder :func:`install` put first on :data:`sys.meta_path`, if any."""


def install() -> None:
    """Make the compiled modules' sources be imported when asked for, or when any is stale.
    Idempotent; nothing to do (and about a millisecond spent) when the extensions are fresh."""
    global FINDER
    if FINDER is not None:
        return
    found = extensions()
    if not found:
        return
    if not pure_requested():
        changed = stale(found)
        if not changed:
            return
        shown = ", ".join(changed[:3]) + (
            f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        )
        print(
            f"tenure: the compiled {shown} no longer match their sources; running every "
            "compiled module from its source (slower) until they are built again with "
            "`make install` or `pip install -e .`",
            file=sys.stderr,
        )
    FINDER = SourceFinder(list(found))
    sys.meta_path.insert(0, FINDER)


def describe() -> str:
    """How tenure's compiled modules run in this process, in a few words (benchmarks print
    it beside their figures)."""
    found = extensions()
    if not found:
        return "pure Python (built without compiling)"
    if FINDER is None:
        return f"compiled by mypyc ({len(found)} modules)"
    if pure_requested():
        return f"pure Python ({ENVIRONMENT}=1)"
    return "pure Python (the compiled modules are stale)"


def compiled(module: ModuleType) -> bool:
    """Whether ``module`` runs compiled."""
    origin = getattr(module, "__file__", None) or ""
    return origin.endswith(tuple(EXTENSION_SUFFIXES))


install()
