"""Regular expressions respelt to find the same matches with fewer steps of sre."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

_LOOKAROUNDS: Final = ("(?=", "(?!", "(?<=", "(?<!")


def optional_branches(source: str) -> str:
    """``source`` with each group that a greedy ``?`` makes optional spelled as a choice of
    the group or nothing: ``(?:X)?`` as ``(?:(?:X)|)``, ``(X)?`` as ``(?:(X)|)``.

    sre runs an optional group as a repeat, which allocates a context each time it is tried
    and keeps count of its matches; a choice it tries as it is written, checking the first
    character of each branch before trying it. Both try the group, then nothing, with the
    rest of the pattern after each, so the matches are the same (tests check, on the twins
    and the date patterns).
    Over ORG_PHRASE's twin, whose two bracketed abbreviations and possessive are optional,
    findall on the sentences of articles 5000-5200 took 22,122 -> 20,525 instructions a
    sentence (callgrind).
    """
    opened: list[int] = []
    edits: list[tuple[int, int, str]] = []
    for index, char in syntax(source):
        if char == "(":
            opened.append(index)
        elif char == ")":
            start = opened.pop()
            quantifier = source[index + 1 : index + 3]
            if (
                quantifier.startswith("?")
                and quantifier not in ("??", "?+")
                and not source.startswith(_LOOKAROUNDS, start)
            ):
                edits += [(start, 0, "(?:"), (index + 1, 1, "|)")]
    for position, size, text in sorted(edits, reverse=True):
        source = source[:position] + text + source[position + size :]
    return source


def syntax(source: str) -> Iterator[tuple[int, str]]:
    """Each ``(``, ``)`` and ``|`` of a pattern's ``source`` that is syntax, with its index:
    none escaped, none inside a character class (where a ``]`` first, after any ``^``,
    stands for itself)."""
    in_class = False
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith("^", index + 1):
                index += 1
            if source.startswith("]", index + 1):
                index += 1
        elif char in "()|":
            yield index, char
        index += 1
