"""tenure's build: the package, with the modules every article goes through compiled by mypyc.

Everything else about the package is in ``pyproject.toml``, including which modules are
compiled (``[tool.tenure.compiled]``): the ones every article goes through (reading, dates,
extraction, name keys, storing and deriving). mypyc compiles them to C extensions beside
their sources, which makes extraction about a quarter faster (``benchmarks/bench_extract.py``)
and the store's share of an ingest 15-20% (``benchmarks/bench_store.py``, "store alone").
Each compiled module behaves as its source does: the sources stay in the package, and
``TENURE_PURE_PYTHON=1`` at run time imports them instead (see :mod:`tenure.native`).

Building needs a C compiler and Python's headers (Debian: ``gcc python3-dev``). Where the
compilation fails, the build says why and leaves the package pure Python, which works the same,
slower; ``TENURE_PURE_PYTHON=1 pip install .`` does not try.

A successful build records each compiled source's sha256 in ``tenure/compiled.sha256`` (a
build that starts removes it): a compiled module whose source has changed since is stale, and
:mod:`tenure.native` imports the source in its place (an editable install keeps the
extensions beside sources that keep changing).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tomllib
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
COMPILED = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["tenure"][
    "compiled"
]
"""What to compile: ``[tool.tenure.compiled]`` of ``pyproject.toml`` (which says why some
modules are left out), read by the Makefile too."""
MANIFEST = "tenure/compiled.sha256"
GROUP = "tenure"
"""mypyc's name for the shared library of the compiled modules (``tenure__mypyc``)."""


def compiled_sources() -> list[str]:
    """The sources to compile, as paths relative to the project (sorted)."""
    excluded = set(COMPILED["excluded"])
    found = set(COMPILED["modules"])
    for package in COMPILED["packages"]:
        found.update(str(path.relative_to(HERE)) for path in (HERE / package).glob("*.py"))
    return sorted(found - excluded)


def pure_python() -> bool:
    return os.environ.get("TENURE_PURE_PYTHON", "").strip().lower() not in ("", "0", "false", "no")


def manifest(sources: list[str]) -> str:
    """``sha256  path`` for each source, as ``sha256sum`` prints them."""
    return "".join(f"{hashlib.sha256((HERE / s).read_bytes()).hexdigest()}  {s}\n" for s in sources)


BUILT: list[str] = []
"""The manifest of the sources mypyc read, written once the compiled modules are built."""


class OptionalBuildExt(build_ext):
    """``build_ext`` that, where compiling fails, removes what it built and leaves the package
    pure Python (the compiled modules all load one shared library: a part of them would not
    import), saying so."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers, a compiler error: all alike
            self.give_up(exc)
            return
        if BUILT:
            # Beside the extensions: in the source tree for an in-place (editable) build.
            folder = HERE if self.inplace else Path(self.build_lib)
            (folder / MANIFEST).write_text(BUILT[0], encoding="utf-8")

    def give_up(self, exc: Exception) -> None:
        for ext in self.extensions:
            for path in (self.get_ext_fullpath(ext.name), HERE / self.get_ext_filename(ext.name)):
                Path(path).unlink(missing_ok=True)
        (HERE / MANIFEST).unlink(missing_ok=True)
        print(
            f"warning: tenure's modules could not be compiled ({exc}); installing them as pure "
            "Python, which extracts the same, about a quarter slower",
            file=sys.stderr,
        )


def ext_modules() -> list[Extension]:
    # Until a build succeeds, no record: extensions already there are then stale.
    (HERE / MANIFEST).unlink(missing_ok=True)
    if pure_python():
        return []
    from mypyc.build import mypycify

    sources = compiled_sources()
    BUILT.append(manifest(sources))
    # Only the compiled modules are checked; what they import from elsewhere (the rest of
    # tenure, and its dependencies, which a build environment need not have) is not.
    flags = ["--follow-imports=silent", "--ignore-missing-imports"]
    return list(mypycify([*flags, *sources], opt_level="3", group_name=GROUP))


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
