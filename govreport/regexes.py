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

Many rules that can begin only at the same few characters (the numerals) are scanned together by
:class:`MultiSpanScanner`: one pass over the text stops at each of those characters and tries every
rule there, instead of one pass per rule (each pass over a long report costs about as much as the
attempts it makes).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["MultiSpanScanner", "SpanScanner", "compile_scan", "first_chars", "multi_span_scanner", "nonempty_search",
           "span_scanner"]

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
        if av[1] & re.IGNORECASE:  # (?i:…): its first characters are not the ones written
            return None, False
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


def _first_items(parsed: Any) -> list[_Item] | None:
    """The items (literals and ranges) of every character a non-empty match can begin with, or None."""
    items, nullable = _first(parsed.data)
    return None if items is None or nullable or not items else items


def _class_body(items: list[_Item]) -> str:
    """The body of a character class holding these literals and ranges."""
    return "".join(re.escape(chr(av)) if op is _c.LITERAL else f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
                   for op, av in items)


def _first_class(parsed: Any) -> str | None:
    """:func:`first_chars` of a parsed pattern."""
    items = _first_items(parsed)
    return None if items is None else _class_body(items)


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


def _charset_form(pattern: re.Pattern[str]) -> tuple[Any, str] | None:
    """``(parsed, first-character class body)`` of a pattern the charset-first form holds for, else None: it
    cannot match the empty string, refers back to no group by number, and its first characters are a plain
    set."""
    parsed = _parse(pattern.pattern, pattern.flags)
    if parsed is None or _GROUP_REFERENCE.search(pattern.pattern) or parsed.getwidth()[0] == 0:
        return None
    chars = _first_class(parsed)
    return None if chars is None else (parsed, chars)


def nonempty_search(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A faster stand-in for ``pattern.search(text, pos, endpos)`` when ``pattern`` can match the empty string
    only at the end of the range, as a pattern of optional parts ending in ``$`` can (at ``endpos``, or before
    a newline that ends the range): tried at every place, such a pattern matches nothing at the end at worst.

    It is ``[C](?<=(?=(P))[C])``, ``C`` the characters a non-empty match of ``P`` can begin with: ``re`` jumps
    from one character of ``C`` to the next and stops at the first one from which ``P`` matches, with
    ``pattern.match(text, place, endpos)``'s match as group 1 (the pattern's named groups keep their names).
    A match that begins elsewhere is empty. So whenever ``pattern.search`` finds a non-empty match, group 1 is
    that match; and for a pattern that can match the empty string only at the end of the range, group 1 is
    empty or missing whenever ``pattern.search``'s match is empty (for other patterns it may then hold a
    later match). None when the form cannot be built: ``C`` is not a plain set of characters (the pattern
    ignores case, begins with a negated class or ``.``, or can match only the empty string), the pattern may
    refer back to a group (``\1``, ``(?P=…)``, ``(?(…)…)``), or the combined pattern does not compile (flags
    written inside the pattern)."""
    parsed = _parse(pattern.pattern, pattern.flags)
    if parsed is None or _GROUP_REFERENCE.search(pattern.pattern):
        return None
    items, _nullable = _first(parsed.data)
    if not items:
        return None
    return _lookbehind_form(pattern, _class_body(items))


def _lookbehind_form(pattern: re.Pattern[str], chars: str) -> re.Pattern[str] | None:
    """``[C](?<=(?=(P))[C])`` for a pattern ``P`` and the body ``C`` of a class of the characters its matches begin
    with (:func:`nonempty_search`, :class:`SpanScanner`), or None when it does not compile."""
    try:
        return re.compile(f"[{chars}](?<=(?=({pattern.pattern}))[{chars}])", pattern.flags)
    except re.error:  # e.g. inline global flags, which must stay first
        return None


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
        form = _charset_form(pattern)
        if form is not None:
            self._fast = _lookbehind_form(pattern, form[1])

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


def _begins_within(parsed: Any, chars: frozenset[str]) -> bool:
    """Whether every character a match of the parsed pattern can begin with is one of ``chars``."""
    items = _first_items(parsed)
    if items is None:
        return False
    for op, av in items:
        if op is _c.LITERAL:
            if chr(av) not in chars:
                return False
        elif any(chr(k) not in chars for k in range(av[0], av[1] + 1)):
            return False
    return True


def _digit_start(parsed: Any) -> str:
    """Whether the matches of a parsed pattern (its first characters a plain set) begin with a digit (``d``),
    with another character (``o``) or with either (``do``)."""
    kinds: set[str] = set()
    for op, av in _first_items(parsed) or ():
        lo, hi = (av, av) if op is _c.LITERAL else av
        kinds.update("d" if chr(c).isdigit() else "o" for c in range(lo, hi + 1))
    return "".join(sorted(kinds))


class MultiSpanScanner:
    """The spans of ``p.finditer(text)`` for each of several patterns, found in shared passes.

    The patterns whose matches can begin only with one of ``at`` (and which :class:`SpanScanner` can scan
    charset-first) are tried together, one pass per set of flags and kind of first character (a digit, another
    character, either), so that a pattern that begins only with digits is not tried at other characters, nor
    the reverse: the pass searches for
    ``[C](?<=(?:(?=(P1))|)(?:(?=(P2))|)…[C])``, where ``C`` holds every character those patterns can begin
    with. At each character of ``C`` it looks back at that character and tries each pattern from there,
    capturing its match (the empty alternative lets the pass go on when a pattern does not match), so group
    ``Pk`` holds exactly what :class:`SpanScanner`'s search for ``Pk`` alone finds at that place; keeping,
    pattern by pattern, each match that starts at or after the end of the last one kept gives ``finditer``'s
    matches, as there. Every other pattern is scanned on its own (:func:`span_scanner`).

    Args:
        patterns: Compiled patterns.
        at: The characters at which the shared pass stops (e.g. the numerals, for rules about numbers).
    """

    __slots__ = ("patterns", "_passes", "_alone")

    def __init__(self, patterns: Sequence[re.Pattern[str]], at: str) -> None:
        self.patterns = tuple(patterns)
        within = frozenset(at)
        groups: dict[tuple[int, str], list[tuple[int, re.Pattern[str], str]]] = {}
        self._alone: list[tuple[int, SpanScanner]] = []
        for k, p in enumerate(self.patterns):
            form = _charset_form(p)
            if form is not None and not p.flags & re.VERBOSE and _begins_within(form[0], within):
                groups.setdefault((p.flags, _digit_start(form[0])), []).append((k, p, form[1]))
            else:
                self._alone.append((k, span_scanner(p)))
        #: each pass: its pattern, and for each of its rules, the rule's index and the number of its group
        self._passes: list[tuple[re.Pattern[str], list[tuple[int, int]]]] = []
        for (flags, _starts), members in groups.items():
            chars = "".join(c for _k, _p, c in members)
            tries, slots, group = [], [], 1
            for k, p, _c in members:
                tries.append(f"(?:(?=({p.pattern}))|)")
                slots.append((k, group))
                group += 1 + p.groups
            try:
                self._passes.append((re.compile(f"[{chars}](?<={''.join(tries)}[{chars}])", flags), slots))
            except re.error:  # e.g. inline global flags, which must stay first: each on its own
                self._alone += [(k, span_scanner(p)) for k, p, _c in members]

    def spans(self, text: str) -> list[list[tuple[int, int]]]:
        """``[[m.span() for m in p.finditer(text)] for p in patterns]``."""
        out: list[list[tuple[int, int]]] = [[] for _ in self.patterns]
        for k, scanner in self._alone:
            out[k] = scanner.spans(text)
        for rx, slots in self._passes:
            lists = [out[k] for k, _g in slots]
            groups = [g for _k, g in slots]
            last = [0] * len(slots)
            for m in rx.finditer(text):
                if m.lastindex is None:  # no pattern matches from this character
                    continue
                regs = m.regs
                for i, g in enumerate(groups):
                    s, e = regs[g]
                    if s >= last[i]:  # (-1 where the pattern did not match)
                        lists[i].append((s, e))
                        last[i] = e
        return out


@functools.lru_cache(maxsize=64)
def multi_span_scanner(patterns: tuple[re.Pattern[str], ...], at: str) -> MultiSpanScanner:
    """The :class:`MultiSpanScanner` of these patterns, built once."""
    return MultiSpanScanner(patterns, at)
