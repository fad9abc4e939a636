"""Exports: the graph in the formats other tools read, dates at their true precision.

    >>> import tenure.api, tenure.export
    >>> db = tenure.api.open("tenure.db")                                      # doctest: +SKIP
    >>> tenure.export.export(db, "popolo", "graph.popolo.json")               # doctest: +SKIP
    >>> frames = tenure.export.dataframes(db)                                 # doctest: +SKIP

One module per format, each a renaming of tenure's Organization / Post / Person / Tenure:
:mod:`~tenure.export.ftm` (FollowTheMoney entities), :mod:`~tenure.export.popolo`,
:mod:`~tenure.export.csv` and :mod:`~tenure.export.parquet` (seven tables, see
:mod:`~tenure.export.tables`), :mod:`~tenure.export.gexf` (Gephi),
:mod:`~tenure.export.quickstatements` (Wikidata); :mod:`~tenure.export.frames` gives the
tables as pandas DataFrames. :mod:`~tenure.export.common` holds what they share (the scope of
an export: the whole store, an organization's or a person's part). Every format streams, so
memory stays flat as the store grows.
"""

from __future__ import annotations

import os
import sys
import time as clock
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tenure.api import Database
from tenure.errors import UsageError
from tenure.export.common import Counter, ExportError, Progress, Scope

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("ftm", "popolo", "csv", "parquet", "gexf", "quickstatements")
FOLDER_FORMATS = ("csv", "parquet")
"""Formats that write a folder of files (one per table) rather than one file."""


@dataclass
class ExportReport:
    """What one export wrote: rows per kind, files, warnings, skipped tenures."""

    format: str
    scope: str
    paths: list[str] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0
    skipped_path: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def export(
    db: Database,
    format: str,
    out: str | os.PathLike[str] | None = None,
    *,
    org: str | None = None,
    person: str | None = None,
    progress: Progress | None = None,
    stdout: IO[str] | None = None,
    skipped: IO[str] | None = None,
) -> ExportReport:
    """Write the store (or the part of ``org`` / ``person``) in ``format`` to ``out``.

    ``out`` is a file for ftm, popolo, gexf and quickstatements (None or ``-``: ``stdout``),
    a folder for csv and parquet. A file is written beside its target and renamed into place,
    so an interrupted export leaves no half file. QuickStatements lists the tenures it skips,
    with the reason, in ``<out>.skipped.tsv`` (or on ``skipped``, default stderr, when
    writing to stdout).
    """
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}.")
    started = clock.perf_counter()
    target = None if out is None or os.fspath(out) == "-" else Path(out)
    if format in FOLDER_FORMATS and target is None:
        raise UsageError(f"{format} writes one file per table; give a folder: --out FOLDER.")
    if target is not None and format not in FOLDER_FORMATS and target.is_dir():
        raise UsageError(f"{target} is a folder; {format} writes one file: --out FILE.")
    scope = Scope.of(db, org=org, person=person)
    report = ExportReport(format, scope.describe())
    counter = Counter(_total(scope, format), progress)
    if format in FOLDER_FORMATS:
        assert target is not None
        if format == "csv":
            from tenure.export import csv as writer
        else:
            from tenure.export import parquet as writer  # type: ignore[no-redef]
        report.paths = [str(p) for p in writer.write(scope, target, counter)]
    else:
        _write_file(scope, format, target, stdout or sys.stdout, skipped, counter, report)
    counter.finish()
    report.written = dict(counter.written)
    report.warnings = list(counter.warnings)
    report.seconds = clock.perf_counter() - started
    return report


def _total(scope: Scope, format: str) -> int:
    counts = scope.counts()
    if format in FOLDER_FORMATS:
        from tenure.export.tables import size

        return size(scope)
    if format == "quickstatements":
        return counts["tenures"]
    return counts["organizations"] + counts["persons"] + counts["posts"] + counts["tenures"]


def _write_file(
    scope: Scope,
    format: str,
    target: Path | None,
    stdout: IO[str],
    skipped: IO[str] | None,
    counter: Counter,
    report: ExportReport,
) -> None:
    if target is not None and not target.parent.exists():
        raise UsageError(f"{target.parent}: no such folder; create it or choose another --out.")
    part = target.with_name(target.name + ".part") if target is not None else None
    sidecar = None
    try:
        with part.open("w", encoding="utf-8", newline="\n") if part else _Keep(stdout) as fh:
            if format == "quickstatements":
                from tenure.export import quickstatements

                if target is not None:
                    sidecar = target.with_name(target.name + ".skipped.tsv")
                    with sidecar.open("w", encoding="utf-8", newline="\n") as side:
                        report.skipped = quickstatements.write(scope, fh, side, counter)
                    report.skipped_path = str(sidecar)
                else:
                    report.skipped = quickstatements.write(
                        scope, fh, skipped or sys.stderr, counter
                    )
            elif format == "ftm":
                from tenure.export import ftm

                ftm.write(scope, fh, counter)
            elif format == "popolo":
                from tenure.export import popolo

                popolo.write(scope, fh, counter)
            else:
                from tenure.export import gexf

                gexf.write(scope, fh, counter)
    except BaseException:
        if part is not None:
            part.unlink(missing_ok=True)
        raise
    if part is not None and target is not None:
        os.replace(part, target)
        report.paths = [str(target)]


class _Keep:
    """A context manager that hands out a stream without closing it (stdout)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __enter__(self) -> IO[str]:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.flush()


def dataframes(
    db: Database, *, org: str | None = None, person: str | None = None
) -> dict[str, pd.DataFrame]:
    """The seven tables (organizations, names, posts, persons, tenures, events, claims) as
    pandas DataFrames, for the whole store or the part of ``org`` / ``person``."""
    from tenure.export.frames import dataframes as frames

    return frames(Scope.of(db, org=org, person=person))


__all__ = [
    "FOLDER_FORMATS",
    "FORMATS",
    "ExportError",
    "ExportReport",
    "Scope",
    "dataframes",
    "export",
]
