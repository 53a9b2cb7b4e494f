"""Compiling the reading rules' regular expressions so that a scan of a whole report skips fast.

Python's ``re`` tries a pattern at every position of the text unless the pattern begins with a literal
or a character class, in which case it first jumps to the next character that can start a match. Most
reading rules begin with a repeat (``[0-9]+``), a group of alternatives or a lookbehind, so a scan of
a report costs a full attempt per character and per rule. :func:`compile_scan` works out the set of
characters a match can begin with and puts it in front as a lookahead, ``(?=[…])``, which the engine
checks in one step: the same matches, at the same places, at about half the cost.

When only the spans of the matches are wanted, :class:`SpanScanner` goes further: it lets ``re`` jump
between the characters that can begin a match (the fast scan ``re`` gives a pattern that begins with a
class) and tries the rule only there, which halves the cost again.
"""
from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["SpanScanner", "compile_scan", "first_chars", "span_scanner"]

try:  # the parser behind re.compile (a private module: anything unexpected leaves the pattern as it is)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python before 3.11
    _c = _p = None

_Item = tuple[Any, Any]


def _first(seq: Any) -> tuple[list[_Item] | None, bool]:
    """The first-character items of a parsed sequence and whether it can match the empty string;
    ``None`` when the set is not a plain set of characters (a negated class, ``.``, a category …)."""
    items: list[_Item] = []
    for op, av in seq:
        got, nullable = _first_op(op, av)
        if got is None:
            return None, False
        items += got
        if not nullable:
            return items, False
    return items, True


def _first_op(op: Any, av: Any) -> tuple[list[_Item] | None, bool]:
    if op is _c.LITERAL:
        return [(op, av)], False
    if op is _c.IN:
        if any(o not in (_c.LITERAL, _c.RANGE) for o, _ in av):
            return None, False
        return list(av), False
    if op is _c.SUBPATTERN:
        return _first(av[-1])
    if op is _c.BRANCH:
        items: list[_Item] = []
        nullable = False
        for branch in av[1]:
            got, n = _first(branch)
            if got is None:
                return None, False
            items += got
            nullable = nullable or n
        return items, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        lo, _hi, item = av
        got, n = _first(item)
        return got, (n or lo == 0) if got is not None else False
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return [], True  # zero-width: the first character comes after it
    return None, False


def _parse(pattern: str, flags: int) -> Any:
    """The parsed pattern, or None when it cannot be worked on (no parser, ignoring case, a parse error)."""
    if _p is None or flags & re.IGNORECASE:
        return None
    try:
        parsed = _p.parse(pattern, flags)
    except Exception:  # an unparsable pattern is re.compile's to report
        return None
    return None if parsed.state.flags & re.IGNORECASE else parsed


def _first_class(parsed: Any) -> str | None:
    """:func:`first_chars` of a parsed pattern."""
    items, nullable = _first(parsed.data)
    if items is None or nullable or not items:
        return None
    body = []
    for op, av in items:
        if op is _c.LITERAL:
            body.append(re.escape(chr(av)))
        else:
            body.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
    return "".join(body)


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The body of a character class of every character a non-empty match of ``pattern`` can begin
    with, or None when that is not a plain set (the pattern can match the empty string, begins with
    ``.`` or a negated class, ignores case …)."""
    parsed = _parse(pattern, flags)
    return None if parsed is None else _first_class(parsed)


def _skips_already(parsed: Any) -> bool:
    """Whether ``re`` already jumps ahead for this parsed pattern (it begins with a literal, a class, or
    alternatives that each begin with a literal)."""
    data = parsed.data
    while data and data[0][0] is _c.SUBPATTERN:
        data = data[0][1][-1].data
    if not data:
        return False
    op, av = data[0]
    if op in (_c.LITERAL, _c.IN):
        return True
    return op is _c.BRANCH and all(b.data and b.data[0][0] is _c.LITERAL for b in av[1])


def compile_scan(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the lookahead of :func:`first_chars` in front when ``re``
    would otherwise try every position. Matches, groups and their names are those of the pattern."""
    parsed = _parse(pattern, flags)
    chars = None if parsed is None or _skips_already(parsed) else _first_class(parsed)
    if chars is None:
        return re.compile(pattern, flags)
    try:
        return re.compile(f"(?=[{chars}])(?:{pattern})", flags)
    except re.error:  # e.g. inline global flags, which must stay first
        return re.compile(pattern, flags)


#: What may refer back to a group by number (the charset-first form adds a group in front): ``\1``, ``(?P=…)``
#: and ``(?(…)…)``. A conservative test: anything like it keeps the plain scan.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


class SpanScanner:
    """The spans of ``pattern.finditer(text)``, found faster.

    ``re`` jumps ahead fast only for a pattern that begins with a character class. For a pattern whose
    matches can begin only with characters of a set ``C`` (:func:`first_chars`), the scanner searches for
    ``[C](?<=(?=(P))[C])``: one character of ``C``, then, looking back at that character, the whole
    pattern ``P`` matching from it, captured. It finds every position where ``P`` matches, with ``P``'s
    match there as group 1; keeping each one that starts at or after the end of the last one kept gives
    exactly ``finditer``'s matches (leftmost, not overlapping), since ``P`` cannot match the empty string.
    Lookbehinds, anchors and lookaheads of ``P`` see the whole text, as in ``finditer``. A pattern that
    can match the empty string, refers back to a group by number or has no such set is scanned by
    ``finditer`` itself.

    Args:
        pattern: A compiled pattern (its source and flags are used).
    """

    __slots__ = ("pattern", "_fast")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._fast: re.Pattern[str] | None = None
        parsed = _parse(pattern.pattern, pattern.flags)
        if parsed is None or _GROUP_REFERENCE.search(pattern.pattern) or parsed.getwidth()[0] == 0:
            return
        chars = _first_class(parsed)
        if chars is None:
            return
        try:
            self._fast = re.compile(f"[{chars}](?<=(?=({pattern.pattern}))[{chars}])", pattern.flags)
        except re.error:  # e.g. inline global flags, which must stay first
            self._fast = None

    @property
    def fast(self) -> bool:
        """Whether the charset-first form is used."""
        return self._fast is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in pattern.finditer(text)]``."""
        if self._fast is None:
            return [m.span() for m in self.pattern.finditer(text)]
        out: list[tuple[int, int]] = []
        last = 0
        for m in self._fast.finditer(text):
            s, e = m.span(1)
            if s >= last:
                out.append((s, e))
                last = e
        return out


@functools.lru_cache(maxsize=512)
def span_scanner(pattern: re.Pattern[str]) -> SpanScanner:
    """The :class:`SpanScanner` of a compiled pattern, built once."""
    return SpanScanner(pattern)
