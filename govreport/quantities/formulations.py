"""Numbered political formulations (提法): “1310”, 两个维护, 百千万工程, 三会一课, “1+3+N” ….

Chinese policy language packs programmes and principles into numbered slogans. This module finds them
in two ways:

* a curated list, ``data/lexicon/formulations.csv`` (key, pattern, numbers, English gloss, item
  keywords, scope, basis of the gloss, source; see ``data/lexicon/README_formulations.md``);
* patterns for formulations the list does not know: a short quoted phrase that opens with a numeral
  (“三大片区”, “两攻三亮”), a quoted string of digits (“2104”, “3+5+X”), and an unquoted run in which
  numerals alternate with short words (三会一课, 双强六好, 一企一策).

Which of the candidates are kept is decided together with every other reading of the numerals by the
resolver in :mod:`govreport.quantities` (a date, an ordinal or a quantity is never also a formulation).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..chars import DIGITS, HAN_CLASS
from ..paths import LEXICON_DIR, read_csv_rows
from ..regexes import compile_scan, span_scanner
from .numerals import CN_NUMERAL_CHARS, chinese_value, parse_chinese

__all__ = ["Formulation", "FormulationSpan", "FORMULATIONS_FILE", "load_formulations", "formulation_candidates",
           "spelled_out", "numbers_in"]

FORMULATIONS_FILE = LEXICON_DIR / "formulations.csv"
_COLUMNS = ["key", "pattern", "numbers", "gloss", "items", "scope", "basis", "source"]
_BASES = {"public", "literal"}


@dataclass(frozen=True, slots=True)
class Formulation:
    """One curated formulation.

    ``numbers`` are the numbers it packs, as written (``"1;3;10"``); ``items`` keywords (``|``-separated)
    that show the report spells the items out; ``basis`` says whether the gloss states a documented
    meaning (``public``) or only reads the words (``literal``).
    """

    key: str
    pattern: re.Pattern[str]
    numbers: str
    gloss: str
    items: tuple[str, ...]
    scope: str
    basis: str
    source: str


@dataclass(frozen=True, slots=True)
class FormulationSpan:
    """A candidate formulation in a text: offsets, the curated ``key`` (or the surface), numbers, gloss."""

    start: int
    end: int
    key: str
    numbers: str
    gloss: str
    curated: bool
    rule: str


def load_formulations(path: str | Path = FORMULATIONS_FILE) -> tuple[Formulation, ...]:
    """The curated formulations of a file (``data/lexicon/formulations.csv`` by default).

    Raises:
        ValueError: the columns differ from the documented ones, a row lacks a key or gloss, has an
            unknown basis or a pattern that does not compile.
    """
    out = []
    for i, row in enumerate(read_csv_rows(path, ("key", "gloss"), missing_ok=False, columns=_COLUMNS), 2):
        if row["basis"] not in _BASES:
            raise ValueError(f"{path}:{i}: basis must be one of {sorted(_BASES)}")
        try:
            pat = compile_scan(row["pattern"] or re.escape(row["key"]))
        except re.error as exc:
            raise ValueError(f"{path}:{i}: bad pattern: {exc}") from exc
        items = tuple(x for x in row["items"].split("|") if x)
        out.append(Formulation(row["key"], pat, row["numbers"], row["gloss"], items, row["scope"], row["basis"],
                               row["source"]))
    return tuple(out)


def numbers_in(surface: str) -> str:
    """The numbers a formulation's surface packs, ``;``-joined: 两攻三亮 → ``2;3``, 1+3+N → ``1;3;N``.

    双 counts as 2; a run of Chinese numerals that is not one number (百千万, 一二三) gives one number per
    character; a string of digits stays as written (1310).
    """
    out: list[str] = []
    for m in re.finditer(rf"[{DIGITS}]+|[{CN_NUMERAL_CHARS}]+|双|(?<=[+＋])[A-Za-z]+", surface):
        tok = m.group()
        if tok == "双":
            out.append("2")
        elif tok[0] in DIGITS:
            out.append(unicodedata.normalize("NFKC", tok))
        elif tok.isascii():
            out.append(tok)
        else:
            n = parse_chinese(tok)
            value = chinese_value(tok)
            if n is not None and n.high is None and value is not None:
                out.append(str(int(value)))
            else:
                out.extend(str(int(v)) for v in map(chinese_value, tok) if v is not None)
    return ";".join(out)


_OPEN_Q = "“\"「『"
_CLOSE_Q = "”\"」』"
_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{1,14})[”\"」』]")
_CNS = "一二两三四五六七八九十百千万双"
_MEASURE = "个项条家名人次座所台套件宗期批届年月日天岁级星倍"
# numerals alternating with one-character words: 三会一课, 双强六好, 一企一策 (not 一条…, 三个…: measure words)
_ALTERNATING = compile_scan(rf"(?:[{_CNS}](?![{_CNS}{_MEASURE}])[{HAN_CLASS}]){{2,3}}")
_RATING_LIKE = re.compile(rf"^[{CN_NUMERAL_CHARS}{DIGITS}]+(?:星|A级|A)")
_DIGIT_SLOGAN = re.compile(rf"^[{DIGITS}]{{3,}}$|^[{DIGITS}A-Z]+(?:[+＋][{DIGITS}A-Z]+)+$")


def _curated(text: str, lexicon: tuple[Formulation, ...]) -> list[FormulationSpan]:
    out = []
    for f in lexicon:
        for s, e in span_scanner(f.pattern).spans(text):
            if e > s:
                out.append(FormulationSpan(s, e, f.key, f.numbers, f.gloss, True, "curated"))
    # longer matches first, so that 千企帮千镇,万企兴万村 wins over a pattern inside it
    out.sort(key=lambda s: (-(s.end - s.start), s.start))
    return out


def _pattern(text: str, counting: set[int]) -> list[FormulationSpan]:
    out: list[FormulationSpan] = []
    for m in _QUOTED.finditer(text):
        s, e = m.span(1)
        body = m.group(1)
        if _DIGIT_SLOGAN.match(body):
            out.append(FormulationSpan(s, e, body, numbers_in(body), "", False, "quoted_digits"))
            continue
        starts_with_numeral = (body[0] in CN_NUMERAL_CHARS and s in counting) or body[0] == "双"
        if not starts_with_numeral or _RATING_LIKE.match(body) or len(body) > 12:
            continue
        if re.match(rf"^[{CN_NUMERAL_CHARS}]+(?:是|、)", body):
            continue
        out.append(FormulationSpan(s, e, body, numbers_in(body), "", False, "quoted_numeral"))
    for s, e in span_scanner(_ALTERNATING).spans(text):
        body = text[s:e]
        if len(body) > 10 or not any(k in counting for k in range(s, e)):
            continue
        out.append(FormulationSpan(s, e, body, numbers_in(body), "", False, "alternating"))
    return out


def formulation_candidates(text: str, curated: tuple[Formulation, ...], counting: Iterable[int]
                           ) -> tuple[list[FormulationSpan], list[FormulationSpan]]:
    """Candidate formulations: ``(curated, pattern)`` spans, each list in priority order.

    Curated spans outrank every other reading of their numerals; pattern spans rank below dates,
    ordinals, list markers and names, and above quantities (see :mod:`.resolver`).

    Args:
        text: Any text.
        curated: The curated list (:func:`load_formulations`).
        counting: Offsets of the text's counting numerals (:func:`.numerals.counting_numeral_positions`).
    """
    return _curated(text, curated), _pattern(text, set(counting))


_ENUM_SPLIT = re.compile(r"[、，,]|和|及|与|以及")


def spelled_out(text: str, start: int, end: int, *, numbers: str, items: tuple[str, ...] = (),
                window: int = 120) -> bool:
    """Whether the text spells out the items of the formulation at ``start:end``.

    With curated item keywords: at least two thirds of them occur within ``window`` characters of the
    formulation. Without: the clause right before the formulation is an enumeration (、/和/及) with as
    many items as the formulation's first number (农村厕所建设、垃圾分类和生活污水处理“三大革命”).

    Args:
        text: The text.
        start: Where the formulation starts.
        end: Where it ends.
        numbers: Its numbers, ``;``-joined.
        items: Keywords of its items, if curated.
        window: How far to look, in characters, on either side.
    """
    if items:
        near = text[max(0, start - window):end + window]
        found = sum(1 for k in items if k in near)
        return found * 3 >= 2 * len(items)
    first = numbers.split(";")[0] if numbers else ""
    if not first.isdigit() or int(first) < 2:
        return False
    k = start
    while k > 0 and text[k - 1] in _OPEN_Q:
        k -= 1
    m = re.search(r"[^，,；;。：:！!？?\n]*$", text[max(0, k - 80):k])
    clause = m.group() if m else ""
    parts = [p for p in _ENUM_SPLIT.split(clause) if p.strip()]
    return len(parts) == int(first)
