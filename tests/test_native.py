"""The compiled modules (see :mod:`tenure.native` and ``setup.py``): they are the ones running,
they extract exactly what their sources extract, their docstring examples hold, and a stale
or unwanted extension gives way to its source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tenure import native

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run_python(
    code: str, *args: str, pure: bool, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, native.ENVIRONMENT: "1" if pure else "0"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def built() -> bool:
    return bool(native.extensions())


needs_build = pytest.mark.skipif(
    not built(), reason="tenure was installed without compiling (TENURE_PURE_PYTHON=1)"
)


@needs_build
def test_the_compiled_modules_are_the_ones_running() -> None:
    """After `make install`, the extensions are fresh and imported (unless asked otherwise)."""
    import tenure.extract.dates
    import tenure.sources.article_text

    if native.pure_requested():
        pytest.skip("TENURE_PURE_PYTHON is set for this run")
    assert native.FINDER is None, "the extensions are stale: run `make install`"
    assert native.stale(native.extensions()) == []
    assert native.compiled(tenure.extract.dates)
    assert native.compiled(tenure.sources.article_text)


@needs_build
def test_the_switch_imports_the_sources() -> None:
    code = (
        "import tenure.extract.dates as d, tenure.extract as e, tenure.native as n; "
        "print(n.compiled(d), n.compiled(e), d.__file__.endswith('dates.py'))"
    )
    result = run_python(code, pure=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]
    assert result.stderr == ""


@needs_build
@pytest.mark.slow
def test_compiled_and_source_extract_the_same() -> None:
    """Every sample and test article, extracted by the compiled modules and by their sources:
    the same JSON, byte for byte."""
    articles = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    articles += sorted(str(p) for p in (ROOT / "tests" / "data" / "articles").glob("*.txt"))
    code = (
        "import json, sys\n"
        "from tenure.extract import extract_path\n"
        "from tenure.native import FINDER\n"
        f"paths = {articles!r}\n"
        "print(json.dumps([FINDER is None] + [extract_path(p).to_dict() for p in paths]))\n"
    )
    compiled = run_python(code, pure=False)
    source = run_python(code, pure=True)
    assert compiled.returncode == 0, compiled.stderr
    assert source.returncode == 0, source.stderr
    compiled_out, source_out = json.loads(compiled.stdout), json.loads(source.stdout)
    assert compiled_out[0] is True and source_out[0] is False
    assert len(compiled_out) == len(articles) + 1 > 10
    assert compiled_out[1:] == source_out[1:]


STORE_DUMP = """
import json, sqlite3, sys
import tenure.api
from tenure.native import FINDER
db = tenure.api.open(sys.argv[1])
for paths in json.loads(sys.argv[2]):
    db.ingest(paths, workers=1)
db.close()
con = sqlite3.connect(sys.argv[1])
clock = {"first_seen", "last_seen", "applied_at", "ingested_at", "updated_at"}
tables = {}
for (name,) in con.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
    "AND name NOT LIKE 'search_fts%'"
):
    columns = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")') if r[1] not in clock]
    listed = ", ".join(f'"{c}"' for c in columns)
    tables[name] = sorted(repr(r) for r in con.execute(f'SELECT {listed} FROM "{name}"'))
print(json.dumps([FINDER is None, tables]))
"""


@needs_build
@pytest.mark.slow
def test_compiled_and_source_store_the_same(tmp_path: Path) -> None:
    """The samples, then the test articles, ingested by the compiled modules and by their
    sources into two stores: the same rows in every table, but for the times of the ingest."""
    batches = [
        sorted(str(p) for p in SAMPLES.glob("*.txt")),
        sorted(str(p) for p in (ROOT / "tests" / "data" / "articles").glob("*.txt")),
    ]
    compiled, source = (
        run_python(STORE_DUMP, str(tmp_path / f"{name}.db"), json.dumps(batches), pure=pure)
        for name, pure in (("compiled", False), ("source", True))
    )
    assert compiled.returncode == 0, compiled.stderr
    assert source.returncode == 0, source.stderr
    compiled_out, source_out = json.loads(compiled.stdout), json.loads(source.stdout)
    assert compiled_out[0] is True and source_out[0] is False
    assert compiled_out[1]["tenures"], "the samples hold tenures"
    assert compiled_out[1] == source_out[1]


@needs_build
@pytest.mark.slow
def test_docstring_examples_of_compiled_modules() -> None:
    """``--doctest-modules`` cannot read a compiled module's examples (see ``conftest.py``):
    they run here, against the sources."""
    sources = sorted(str(path) for path in native.extensions().values())
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--doctest-modules",
            *sources,
        ],
        cwd=ROOT,
        env={**os.environ, native.ENVIRONMENT: "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_a_changed_source_makes_its_extension_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "tenure"
    (package / "extract").mkdir(parents=True)
    source = package / "extract" / "dates.py"
    source.write_text("A = 1\n")
    (package / "extract" / "dates.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    (package / "extract" / "names.py").write_text("B = 2\n")  # no extension: not listed
    monkeypatch.setattr(native, "PACKAGE", package)
    monkeypatch.setattr(native, "MANIFEST", package / "compiled.sha256")
    monkeypatch.setattr(native, "EXTENSION_SUFFIXES", [".cpython-311-x86_64-linux-gnu.so"])

    found = native.extensions()
    assert found == {"tenure.extract.dates": source}
    assert native.stale(found) == ["tenure.extract.dates"]  # no record of the build

    import hashlib

    digest = hashlib.sha256(b"A = 1\n").hexdigest()
    native.MANIFEST.write_text(f"{digest}  tenure/extract/dates.py\n")
    assert native.stale(found) == []
    source.write_text("A = 2\n")
    assert native.stale(found) == ["tenure.extract.dates"]


@needs_build
def test_a_stale_extension_gives_way_to_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the build's record of a source changed, tenure says so once and puts a finder
    first that imports every compiled module from its source (what those extract is
    compared with the compiled modules above)."""
    record = native.MANIFEST.read_text(encoding="utf-8")
    changed = tmp_path / "compiled.sha256"
    changed.write_text("0" * 64 + record[64:], encoding="utf-8")
    monkeypatch.setattr(native, "MANIFEST", changed)
    monkeypatch.setattr(native, "FINDER", None)
    monkeypatch.delenv(native.ENVIRONMENT, raising=False)
    before = list(sys.meta_path)
    try:
        native.install()
        native.install()
        finder = native.FINDER
        assert finder is not None and sys.meta_path[0] is finder
        assert sys.meta_path[1:] == before
    finally:
        sys.meta_path[:] = before
    assert finder.names == frozenset(native.extensions())
    assert "tenure.extract.dates" in finder.names
    spec = finder.find_spec("tenure.extract.dates", [str(ROOT / "tenure" / "extract")])
    assert spec is not None and spec.origin == str(ROOT / "tenure" / "extract" / "dates.py")
    assert finder.find_spec("tenure.cli", [str(ROOT / "tenure")]) is None
    err = capsys.readouterr().err
    assert err.count("no longer match their sources") == 1


@needs_build
def test_compiled_and_source_hold_the_same_caches() -> None:
    """:func:`~tenure.extract.memo.cache_stats` finds the caches of a compiled object (whose
    fields are slots) as it does of an interpreted one, so that ``clear_caches`` (the cold
    pass of ``bench_extract.py``) empties them all."""
    code = (
        "from tenure.extract import extract_path\n"
        "from tenure.extract.memo import cache_stats, clear_caches\n"
        f"extract_path({str(SAMPLES / 'Office_of_the_National_Security_Commission.txt')!r})\n"
        "names = sorted(cache_stats())\n"
        "clear_caches()\n"
        "print(sum(s.currsize for s in cache_stats().values()), *names)\n"
    )
    compiled, source = run_python(code, pure=False), run_python(code, pure=True)
    assert compiled.returncode == 0, compiled.stderr
    assert source.returncode == 0, source.stderr
    assert compiled.stdout == source.stdout
    emptied, *names = compiled.stdout.split()
    assert emptied == "0"
    assert "tenure.extract.prose.GATE.rules_of" in names


def test_describe_says_how_the_modules_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "extensions", dict)
    assert native.describe() == "pure Python (built without compiling)"
    monkeypatch.setattr(native, "extensions", lambda: {"tenure.errors": Path("errors.py")})
    monkeypatch.setattr(native, "FINDER", None)
    assert native.describe() == "compiled by mypyc (1 modules)"
    monkeypatch.setattr(native, "FINDER", native.SourceFinder(["tenure.errors"]))
    monkeypatch.setenv(native.ENVIRONMENT, "1")
    assert native.describe() == "pure Python (TENURE_PURE_PYTHON=1)"
    monkeypatch.setenv(native.ENVIRONMENT, "0")
    assert native.describe() == "pure Python (the compiled modules are stale)"
