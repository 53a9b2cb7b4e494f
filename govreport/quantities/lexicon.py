"""What the number reader knows, as data: :class:`NumberLexicon`, read from ``data/lexicon/``.

* ``formulations.csv``: numbered formulations (提法) with their glosses (:mod:`.formulations`);
* ``non_numeral_words.csv``: ordinary words whose numeral characters count nothing (统一, 进一步, 零售 …);
* ``numeral_names.csv``: place and other names with numeral characters (五邑, 九江 …);
* ``headline_indicators.csv``: the indicators a briefing reads first, with the pattern that finds them;
* ``commitment_words.csv``: the verbs (and adverbs, generic verbs, completions) of a checkable commitment;
* ``quantity_units.csv``, ``quantity_words.csv``: measure words, qualifiers, change words
  (:class:`.words.QuantityWords`);
* ``period_cues.csv``: the cues of a target, a result and a several-year figure (:class:`.words.PeriodCues`).

The formats, sources and how to add an entry are in ``data/lexicon/README.md``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import LEXICON_DIR, read_csv_rows
from ..regexes import compile_scan
from .words import PeriodCues, QuantityWords

if TYPE_CHECKING:  # pragma: no cover
    from .formulations import Formulation

__all__ = ["NumberLexicon", "Indicator"]

_COMMITMENT_KINDS = ("verb", "generic_verb", "completion", "adverb")


@dataclass(frozen=True, slots=True)
class Indicator:
    """A headline indicator: its label ``key`` (in ``data/figure_labels.csv``), the ``pattern`` an
    indicator phrase must match, and whether it is among the headline results (``headline``)."""

    key: str
    pattern: str
    headline: bool


@dataclass(frozen=True)
class NumberLexicon:
    """The curated lists the number reader and its briefing tables use (see the module docstring)."""

    formulations: tuple[Formulation, ...] = ()
    non_numeral_words: tuple[str, ...] = ()
    numeral_names: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    commitment_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""
    words: QuantityWords = field(default_factory=QuantityWords)
    cues: PeriodCues = field(default_factory=PeriodCues)

    @classmethod
    def load(cls, lexicon_dir: str | Path = LEXICON_DIR) -> NumberLexicon:
        """Read the lists from a lexicon folder.

        Raises:
            ValueError: a file lacks a column or a required cell, a pattern does not compile, an
                indicator key repeats, a commitment word has an unknown kind, or a quantity word or period
                cue has an unknown role or code (:mod:`.words`).
        """
        folder = Path(lexicon_dir)
        words = tuple(r["pattern"] for r in read_csv_rows(folder / "non_numeral_words.csv", ("pattern",)))
        for w in words:
            _compile(w, folder / "non_numeral_words.csv")
        names = tuple(r["name"] for r in read_csv_rows(folder / "numeral_names.csv", ("name",)))
        indicators = []
        for row in read_csv_rows(folder / "headline_indicators.csv", ("key", "pattern", "headline")):
            _compile(row["pattern"], folder / "headline_indicators.csv")
            if row["headline"] not in ("yes", "no"):
                raise ValueError(f"{folder / 'headline_indicators.csv'}: headline must be yes or no, "
                                 f"not {row['headline']!r}")
            indicators.append(Indicator(row["key"], row["pattern"], row["headline"] == "yes"))
        keys = [i.key for i in indicators]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{folder / 'headline_indicators.csv'}: a key is listed twice")
        commitment: dict[str, list[str]] = {k: [] for k in _COMMITMENT_KINDS}
        for row in read_csv_rows(folder / "commitment_words.csv", ("kind", "word")):
            if row["kind"] not in commitment:
                raise ValueError(f"{folder / 'commitment_words.csv'}: kind {row['kind']!r} is not one of "
                                 f"{_COMMITMENT_KINDS}")
            commitment[row["kind"]].append(row["word"])
        from .formulations import load_formulations

        formulations = load_formulations(folder / "formulations.csv") if (folder / "formulations.csv").is_file() else ()
        return cls(formulations, words, names, tuple(indicators),
                   {k: tuple(v) for k, v in commitment.items()}, str(folder), QuantityWords.load(folder),
                   PeriodCues.load(folder))

    @cached_property
    def non_numeral_re(self) -> re.Pattern[str] | None:
        """One pattern matching any word of :attr:`non_numeral_words`, longest first."""
        if not self.non_numeral_words:
            return None
        return compile_scan("|".join(f"(?:{w})" for w in sorted(self.non_numeral_words, key=len, reverse=True)))

    @property
    def headline_indicators(self) -> tuple[tuple[str, str], ...]:
        """``(key, pattern)`` of the headline indicators, in display order."""
        return tuple((i.key, i.pattern) for i in self.indicators if i.headline)

    @property
    def indicator_labels(self) -> tuple[tuple[str, str], ...]:
        """``(key, pattern)`` of every indicator with a figure label, headline ones first."""
        return tuple((i.key, i.pattern) for i in self.indicators)


def _compile(pattern: str, path: Path) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{path}: bad pattern {pattern!r}: {exc}") from None
