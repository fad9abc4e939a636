"""Readers: bytes in, a :class:`Document` out, one reader per input format.

    >>> doc = read_path("samples/Office_of_the_National_Security_Commission.txt")
    >>> doc.title
    'Office of the National Security Commission'

:func:`read_bytes` refuses what is not an article (empty, binary, not UTF-8, too large) with a
:class:`~tenure.errors.ReadError` naming the file and line; anything readable becomes a
Document whose problems are diagnostics.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Final

from tenure.errors import ReadError
from tenure.model import Diagnostic
from tenure.sources.article_text import read_text
from tenure.sources.document import Block, Document, Infobox, InfoboxEntry, Section

__all__ = [
    "MAX_BYTES",
    "Block",
    "Document",
    "Infobox",
    "InfoboxEntry",
    "Section",
    "read_bytes",
    "read_path",
    "read_text",
]

CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters other than tab, newline and carriage return: a sign of binary data."""
CONTROL_BYTES: Final = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""The same characters as bytes: UTF-8 writes them as themselves and never inside another
character, so bytes without any of them (checked in one fast pass) decode to text without any."""
MAX_BYTES: Final = 16 * 1024 * 1024
"""Largest article read by default; the longest encyclopedia articles are a few MB."""


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Document:
    """Read one file (``-`` for standard input) into a Document."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return read_bytes(data, "-", max_bytes)
    where = _normalized(name)
    data = _read_plain_file(name, where, max_bytes)
    link = data is None
    if data is None:
        data = _read_file(name, where, max_bytes)
    document = read_bytes(data, name, max_bytes)
    document.url = document.url or _source_url(where, link)
    return document


_PLAIN_SEPARATOR: Final = os.sep == "/" and os.altsep is None
"""Paths use "/" only (POSIX), so Path normalizes a name as :func:`_normalized` expects."""


def _normalized(name: str) -> str:
    """``str(Path(name))``: ``name`` itself when Path would leave it as it is.

    Path drops empty and ``.`` parts (``a//b``, ``./a``, ``a/.``, a trailing ``/``) and keeps
    every other; a name without any is its own normal form, and most paths given to
    :func:`read_path` are; building a Path for each cost several microseconds a file.
    """
    if (
        _PLAIN_SEPARATOR
        and name
        and "//" not in name
        and not name.endswith(("/", "/."))
        and not name.startswith("./")
        and "/./" not in name
    ):
        return name
    return str(Path(name))


_NO_FOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_OPEN_PLAIN: Final = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0)
"""Open flags for :func:`_read_plain_file`: read only, and fail on a symlink."""


def _read_plain_file(name: str, where: str, max_bytes: int) -> bytes | None:
    """The bytes of ``where`` when it is a regular file that is not a symlink, else None.

    The common case in few system calls (open, fstat, read to the end, close). Anything else
    (a link, a folder, a missing or unreadable file) is None and is read, or refused with its
    usual message, by :func:`_read_file`.
    """
    if not _NO_FOLLOW:
        return None  # no way to refuse links while opening here
    try:
        fd = os.open(where, _OPEN_PLAIN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        size = info.st_size
        if size > max_bytes:
            raise ReadError(name, _too_large(size, max_bytes))
        data = os.read(fd, size + 1)
        if len(data) <= size:  # a short read of a regular file: its end
            return data
        chunks = [data]  # the file grew since fstat: read on to its end
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(name, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one "
        "article; split it, or raise the limit with --max-bytes"
    )


def _read_file(name: str, where: str, max_bytes: int) -> bytes:
    """The bytes of ``where``, any kind of path; a ReadError saying why it cannot be read."""
    try:
        size = os.stat(where).st_size
        if size > max_bytes:
            raise ReadError(name, _too_large(size, max_bytes))
        with open(where, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except IsADirectoryError:
        raise ReadError(name, "is a folder; pass the files in it or a glob") from None
    except PermissionError:
        raise ReadError(name, "permission denied") from None
    except OSError as exc:
        raise ReadError(name, f"cannot be read: {exc.strerror or exc}") from None


def _source_url(where: str, link: bool) -> str | None:
    """The address :func:`source_urls` gives the file at ``where`` in its real folder
    (``p.resolve().parent`` for ``p = Path(where)``).

    Unless ``p`` is itself a link (or ends in ``.``/``..``), that folder is the real path of
    its parent, the same for every file of a folder: it is looked up once per folder (and
    working directory, for a relative one) instead of once per file. ``where`` is normalized
    as Path writes it (:func:`_normalized`), so ``os.path.split`` gives ``p.parent`` and
    ``p.name``.
    """
    parent, file_name = os.path.split(where)
    if link or file_name in ("", ".", ".."):
        p = Path(where)
        return source_urls(str(p.resolve().parent)).get(p.name)
    parent = parent or "."
    real = _real_folder(parent, "" if os.path.isabs(parent) else os.getcwd())
    return source_urls(real).get(file_name)


@lru_cache(maxsize=256)
def _real_folder(folder: str, cwd: str) -> str:
    """``os.path.realpath(folder)``, once per folder; ``cwd`` (the working directory a relative
    ``folder`` is resolved in, "" for an absolute one) is only part of the cache key."""
    return os.path.realpath(folder)


@lru_cache(maxsize=256)
def source_urls(folder: str) -> dict[str, str]:
    """File name -> address, from a ``SOURCES.tsv`` beside the articles (``file``, ``url``).

    Corpora of article extracts carry their sources this way (``samples/SOURCES.tsv``); the
    address becomes the article's ``source.url``, which the exports cite.
    """
    table = Path(folder) / "SOURCES.tsv"
    try:
        lines = table.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    if not lines:
        return {}
    header = [h.strip().lower() for h in lines[0].split("\t")]
    if "file" not in header or "url" not in header:
        return {}
    file_i, url_i = header.index("file"), header.index("url")
    urls: dict[str, str] = {}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > max(file_i, url_i) and cells[url_i].startswith(("http://", "https://")):
            urls[cells[file_i].strip()] = cells[url_i].strip()
    return urls


def read_bytes(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Decode and read one article's bytes; raises ReadError when they are not an article."""
    if len(data) > max_bytes:
        raise ReadError(
            path, f"over the {max_bytes / 1e6:.0f} MB limit for one article; raise --max-bytes"
        )
    if not data or data.isspace():  # nothing but ASCII blanks, as `not data.strip()` without a copy
        raise ReadError(path, "empty file: nothing to read")
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ReadError(path, "binary data (a NUL byte), not an article's text", line)
    cut_line = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            # A file cut mid-write can stop inside a character: read up to it.
            text = data[: exc.start].decode("utf-8")
            cut_line = line
        else:
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise ReadError(
                path,
                f"not UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
                "re-encode it, e.g. `iconv -f latin1 -t utf-8`",
                line,
            ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(data.translate(None, CONTROL_BYTES)) != len(data) and (
        len(CONTROL.findall(text, 0, 4096)) > 8
    ):
        raise ReadError(path, "binary data (control characters), not an article's text")
    document = read_text(text, path, hashlib.sha256(data).hexdigest())
    if cut_line is not None:
        document.diagnostics.append(
            Diagnostic("warning", "file ends inside a character (cut mid-write?)", cut_line)
        )
    return document
