"""One root for every error tenure raises on purpose, each saying what to do next."""

from __future__ import annotations


class TenureError(Exception):
    """Base of tenure's errors. The CLI prints these as one line, never as a traceback."""


class ReadError(TenureError):
    """An input could not be read as an article (missing, binary, undecodable, too large)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class UsageError(TenureError):
    """The caller asked for something that cannot be done as asked."""


class NotFound(TenureError):
    """A name matched nothing in the store; ``suggestions`` holds the closest names."""

    def __init__(self, what: str, name: str, suggestions: list[str] | None = None) -> None:
        self.what = what
        self.name = name
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No {what} matches {name!r}.{hint}")
