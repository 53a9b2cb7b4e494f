"""What the matcher knows, as data: the indicator table and the phrases of targets and results.

* ``data/lexicon/indicators.csv``: one indicator per key, with its aliases, English name, unit and the
  direction that counts as good (:class:`IndicatorInfo`);
* ``data/lexicon/track_phrases.csv``: the phrases that open a plan's statement of targets, targets
  stated in words, the words of a multi-year figure, of another measure or a narrower scope
  (:class:`TrackLexicon`).

Both are documented in ``data/lexicon/README_indicators.md``. Load a :class:`TrackLexicon` once and
pass it to every call (:func:`govreport.track.track`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..paths import LEXICON_DIR, read_csv_rows

__all__ = ["IndicatorInfo", "TrackLexicon", "AliasHit", "MEASURES", "GOODS", "PHRASE_KINDS"]

#: What a key measures, from its name and unit: a growth rate, a cut, a share, a rate (a percentage
#: that is neither: the CPI rise, an unemployment rate) or a level (an amount in its unit).
MEASURES = ("growth", "reduction", "share", "rate", "level")
GOODS = ("higher", "lower", "ceiling")
PHRASE_KINDS = ("comparison", "decrease", "goal_after", "header", "index", "link", "multi_year", "neutral_prefix",
                "opener", "other_measure", "other_term", "passage_end", "scope", "starting_point", "term",
                "term_total", "this_year", "words_growth", "words_reduction")
PERCENT_UNITS = ("%", "percentage points", "per mille")
_INDICATOR_COLUMNS = ("key", "aliases", "en", "unit", "good", "note")


@dataclass(frozen=True, slots=True)
class IndicatorInfo:
    """One row of ``indicators.csv``: ``key``, ``aliases`` (most specific first), ``en``, ``unit``, ``good``."""

    key: str
    aliases: tuple[str, ...]
    en: str
    unit: str
    good: str

    @property
    def measure(self) -> str:
        """``growth``, ``reduction``, ``share``, ``rate`` or ``level`` (see :data:`MEASURES`)."""
        for suffix in ("growth", "reduction", "share"):
            if self.key.endswith(f"_{suffix}"):
                return suffix
        return "rate" if self.percent else "level"

    @property
    def percent(self) -> bool:
        """The value compared is a percentage (or per mille): tolerances of 左右 are in points."""
        return self.unit in PERCENT_UNITS


@dataclass(frozen=True, slots=True)
class AliasHit:
    """An alias found in a phrase: where (``start``, ``end`` in the phrase), which alias, and the keys
    that share it."""

    start: int
    end: int
    alias: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class TrackLexicon:
    """The indicator table and the phrase lists (see the module docstring)."""

    indicators: dict[str, IndicatorInfo] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""

    @classmethod
    def load(cls, lexicon_dir: str | Path = LEXICON_DIR) -> TrackLexicon:
        """Read ``indicators.csv`` and ``track_phrases.csv`` from a lexicon folder.

        Raises:
            ValueError: a missing file or column, a repeated key, an unknown ``good`` or phrase kind,
                or a pattern that does not compile.
        """
        folder = Path(lexicon_dir)
        path = folder / "indicators.csv"
        indicators: dict[str, IndicatorInfo] = {}
        for row in read_csv_rows(path, ("key", "aliases", "en", "unit", "good"), missing_ok=False,
                                 columns=_INDICATOR_COLUMNS):
            if row["key"] in indicators:
                raise ValueError(f"{path}: key {row['key']!r} is listed twice")
            if row["good"] not in GOODS:
                raise ValueError(f"{path}: {row['key']}: good must be one of {GOODS}, not {row['good']!r}")
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            indicators[row["key"]] = IndicatorInfo(row["key"], aliases, row["en"], row["unit"], row["good"])
        path = folder / "track_phrases.csv"
        phrases: dict[str, list[str]] = {k: [] for k in PHRASE_KINDS}
        for row in read_csv_rows(path, ("kind", "pattern"), missing_ok=False):
            if row["kind"] not in phrases:
                raise ValueError(f"{path}: kind {row['kind']!r} is not one of {PHRASE_KINDS}")
            try:
                re.compile(row["pattern"])
            except re.error as exc:
                raise ValueError(f"{path}: bad pattern {row['pattern']!r}: {exc}") from None
            phrases[row["kind"]].append(row["pattern"])
        return cls(indicators, {k: tuple(v) for k, v in phrases.items()}, str(folder))

    def pattern(self, kind: str) -> re.Pattern[str]:
        """One pattern matching any phrase of ``kind`` (a pattern that never matches when there is none)."""
        return self._patterns[kind]

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        out = {}
        for kind in PHRASE_KINDS:
            pats = self.phrases.get(kind, ())
            out[kind] = re.compile("|".join(f"(?:{p})" for p in pats)) if pats else re.compile(r"(?!x)x")
        return out

    def word_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        """``(measure, pattern)`` of every target stated in words, longest pattern first."""
        out = [(kind.removeprefix("words_"), re.compile(p)) for kind in ("words_growth", "words_reduction")
               for p in self.phrases.get(kind, ())]
        return sorted(out, key=lambda mp: -len(mp[1].pattern))

    @cached_property
    def _aliases(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every alias with the keys that list it, longest alias first."""
        by_alias: dict[str, list[str]] = {}
        for info in self.indicators.values():
            for a in info.aliases:
                by_alias.setdefault(a, []).append(info.key)
        return sorted(((a, tuple(ks)) for a, ks in by_alias.items()), key=lambda ak: (-len(ak[0]), ak[0]))

    @cached_property
    def _alias_re(self) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(a) for a, _ in self._aliases)) if self._aliases else re.compile(r"(?!x)x")

    def find_aliases(self, phrase: str) -> list[AliasHit]:
        """The aliases in ``phrase``, left to right, the longest at each place (地方一般公共预算收入 before
        一般公共预算收入), not overlapping."""
        keys = dict(self._aliases)
        return [AliasHit(m.start(), m.end(), m.group(), keys[m.group()]) for m in self._alias_re.finditer(phrase)]

    def keys_sharing(self, key: str) -> tuple[str, ...]:
        """The keys that share an alias with ``key`` (``gdp_growth`` → ``gdp``, ``gdp_growth``)."""
        aliases = set(self.indicators[key].aliases)
        return tuple(k for k, info in self.indicators.items() if aliases & set(info.aliases))

    def weak(self, alias: str) -> bool:
        """An alias that only a rate key lists while its level key does not (出口 for ``exports_growth``,
        经济增长 for ``gdp_growth``): it names the indicator only right before its rate (出口增长15%)."""
        keys = dict(self._aliases).get(alias, ())
        for k in keys:
            if self.indicators[k].measure in ("growth", "reduction"):
                siblings = [s for s in self.keys_sharing(k) if self.indicators[s].measure == "level"]
                if siblings and not any(alias in self.indicators[s].aliases for s in siblings):
                    return True
        return False

    def info(self, key: str) -> IndicatorInfo:
        """The row of ``key``."""
        return self.indicators[key]

    def choose(self, keys: Iterable[str], measures: Iterable[str]) -> str | None:
        """The first key of ``keys`` whose measure comes first in ``measures`` (None if none fits)."""
        ks = list(keys)
        for m in measures:
            for k in ks:
                if self.indicators[k].measure == m:
                    return k
        return None
