"""Claims that survive a second look: a "most / largest / gains most" stated only where measures agree.

A superlative about a short report often depends on what is counted. Which policy area gains most
from the review to the plan may be one area by characters (a long paragraph weighs a lot) and another
by sentences or by points. This module computes such rankings under several measures and turns them
into a :class:`Claim`: the winner when every measure names the same one, and a sentence saying that
the measures disagree (and what each names) otherwise. The book's prose states its superlatives only
through claims, and the tests check every claim the book makes against its alternative measures.

Measures of a theme's weight in a part (:data:`THEME_MEASURES`):

* ``chars``: its share of the part's characters (whitespace excluded), sentences counting for their
  primary theme;
* ``sentences``: its share of the part's sentences;
* ``points``: its share of the part's points (blocks: points and lead paragraphs), each point counting
  for the theme with the largest share of its characters.

The plan's *general paragraph* is the lead paragraph of the plan (总体要求, general requirements):
a block of the plan that is not a point. It speaks of every area at once, but the classifier gives its
single long sentence one theme; :func:`theme_gains` can leave it out to show how much rests on it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .report import Report

__all__ = ["THEME_MEASURES", "MEASURE_NAMES", "Claim", "claim", "general_paragraphs", "theme_weights",
           "theme_gains", "gain_claims", "top_claim"]

THEME_MEASURES = ("chars", "sentences", "points")
#: How a measure is named in the prose.
MEASURE_NAMES: dict[str, str] = {
    "chars": "by characters",
    "sentences": "by sentences",
    "points": "by points",
    "chars_without_general": "by characters without the general paragraph",
    "z": "by z-score",
    "log_odds": "by log-odds ratio",
    "sentences_without_general": "by sentences without it",
    "points_without_general": "by points without it",
    "count": "by occurrences",
    "sentence_count": "by sentences containing it",
}
_UNCLASSIFIED = "unclassified"
_TOL = 1e-12


@dataclass(frozen=True, slots=True)
class Claim:
    """A superlative under several measures.

    Attributes:
        winners: measure -> the item that comes first under it (``None`` for a tie at the top or no data).
        what: what the superlative says, e.g. ``"gains most share from the review to the plan"``.
        names: item -> how the prose names it.
        noun: What the items are (``"area"``, ``"term"``), for the sentence that names none.
        tied: measure -> the items that share the top under it, where more than one does.
    """

    winners: Mapping[str, str | None]
    what: str
    names: Mapping[str, str] = field(default_factory=dict)
    noun: str = "item"
    tied: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def agreed(self) -> str | None:
        """The winner every measure names, or ``None`` when they differ, tie or have no data."""
        found = set(self.winners.values())
        if len(found) != 1:
            return None
        return next(iter(found))

    @property
    def robust(self) -> bool:
        """Whether the measures agree on one winner."""
        return self.agreed is not None

    def name(self, item: str | None) -> str:
        """The prose name of ``item`` (``"a tie"`` for ``None``)."""
        return "a tie" if item is None else self.names.get(item, item)

    def sentence(self) -> str:
        """The claim in plain English, one sentence, naming a winner only where the measures agree."""
        if not self.winners:
            return f"No {self.noun} {self.what}: there is nothing to compare."
        if self.robust:
            how = _and([MEASURE_NAMES.get(m, m) for m in self.winners])
            text = f"{self.name(self.agreed)} {self.what} ({how} alike)."
            return text[:1].upper() + text[1:]
        each = "; ".join(f"{MEASURE_NAMES.get(m, m)}, {self._named(m, w)}" for m, w in self.winners.items())
        return f"Which {self.noun} {self.what} depends on the measure: {each}."

    def _named(self, measure: str, item: str | None) -> str:
        """The winner under ``measure`` as the prose names it; a tie names the items that share the top."""
        tied = self.tied.get(measure, ())
        if item is None and tied:
            if len(tied) > 4:
                return f"a tie of {len(tied)} {self.noun}s, among them {_and([self.name(t) for t in tied[:4]])}"
            return f"a tie between {_and([self.name(t) for t in tied])}"
        return self.name(item)


def _and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _at_top(values: pd.Series, *, largest: bool, decimals: int | None = None) -> list[str]:
    """The index labels of the largest (smallest) value, all of them where several share it (compared at
    ``decimals`` places when given, the precision a table shows); ``[]`` for no values."""
    v = values.dropna()
    if decimals is not None:
        v = v.round(decimals)
    if v.empty:
        return []
    best = v.max() if largest else v.min()
    return [str(i) for i in v[(v - best).abs() <= _TOL].index]


def _top(values: pd.Series, *, largest: bool, decimals: int | None = None) -> str | None:
    """The index label of the largest (smallest) value; ``None`` for a tie at the top or no values."""
    at_top = _at_top(values, largest=largest, decimals=decimals)
    return at_top[0] if len(at_top) == 1 else None


def claim(table: pd.DataFrame, measures: Sequence[str], *, what: str, largest: bool = True,
          names: Mapping[str, str] | None = None, noun: str = "item",
          decimals: Mapping[str, int] | None = None) -> Claim:
    """The :class:`Claim` of the first item of ``table`` (its index) under each measure (column).

    Args:
        table: One row per item (index: the item), one column per measure.
        measures: The columns compared.
        what: The predicate, as the prose states it.
        largest: The largest value wins (else the smallest).
        names: item -> prose name.
        decimals: measure -> the decimal places its table shows: values equal at that precision tie
            (a reader sees the same number for both), and the sentence names the items that tie.
    """
    missing = [m for m in measures if m not in table.columns]
    if missing:
        raise ValueError(f"the table has no column {missing}")
    places = dict(decimals or {})
    tops = {m: _at_top(table[m], largest=largest, decimals=places.get(m)) for m in measures} if len(table) else {}
    winners = {m: (t[0] if len(t) == 1 else None) for m, t in tops.items()}
    return Claim(winners, what, dict(names or {}), noun, {m: tuple(t) for m, t in tops.items() if len(t) > 1})


def top_claim(items: Mapping[str, Mapping[str, float]], *, what: str, largest: bool = True,
              names: Mapping[str, str] | None = None, noun: str = "item") -> Claim:
    """A claim from ``{measure: {item: value}}`` (for rankings not kept in one table)."""
    table = pd.DataFrame({m: pd.Series(dict(v), dtype="float64") for m, v in items.items()})
    return claim(table, list(items), what=what, largest=largest, names=names, noun=noun)


_LEAD_ID = re.compile(r"[a-z]+[0-9]*\.0+")


def general_paragraphs(report: Report, *, part: str = "plan") -> list[str]:
    """The ids of the lead paragraphs of ``part`` (the plan's 总体要求): its blocks before the first
    numbered section or point, whose ids end in zeros (``plan.0``, ``plan.00``). A report whose plan is
    cut into sections without points has no other block of the plan counted as general."""
    return [b.unit_id for b in report.blocks() if b.part == part and _LEAD_ID.fullmatch(b.unit_id)]


def theme_weights(sentences: pd.DataFrame, report: Report, *, parts: Sequence[str] = ("review", "plan"),
                  drop: Sequence[str] = ()) -> pd.DataFrame:
    """Each theme's share of each part under every measure of :data:`THEME_MEASURES`.

    Args:
        sentences: :func:`govreport.themes.classify_sentences` rows.
        report: The report they came from.
        parts: The parts measured.
        drop: Block ids left out (e.g. :func:`general_paragraphs`).

    Returns:
        Columns ``part, theme, chars, sentences, points`` (shares 0-1, each summing to 1 within a part
        over the ten themes and ``unclassified``); one row per part and theme (the taxonomy's order).
    """
    from .themes import THEME_CODES, block_themes

    kept = sentences[~sentences["unit_id"].isin(list(drop))]
    blocks = block_themes(kept, report)
    blocks = blocks[~blocks["unit_id"].isin(list(drop)) & blocks["unit_id"].isin(set(kept["unit_id"]))]
    codes = [*THEME_CODES, _UNCLASSIFIED] if _UNCLASSIFIED not in THEME_CODES else list(THEME_CODES)
    rows = []
    for part in parts:
        s = kept[kept["part"] == part]
        b = blocks[blocks["part"] == part]
        chars = s.groupby("primary_theme")["chars"].sum()
        count = s.groupby("primary_theme").size()
        points = b.groupby("primary_theme").size()
        for code in codes:
            rows.append((part, code,
                         float(chars.get(code, 0)) / max(int(s["chars"].sum()), 1),
                         float(count.get(code, 0)) / max(len(s), 1),
                         float(points.get(code, 0)) / max(len(b), 1)))
    return pd.DataFrame(rows, columns=["part", "theme", *THEME_MEASURES])


def theme_gains(sentences: pd.DataFrame, report: Report, *, before: str = "review", after: str = "plan"
                ) -> pd.DataFrame:
    """How each theme's share moves from ``before`` to ``after`` under each measure, with and without
    the general paragraph of ``after``.

    Returns:
        One row per theme of the ten (``unclassified`` left out), in the taxonomy's order, index
        ``theme``; columns ``chars, sentences, points`` and ``chars_without_general,
        sentences_without_general, points_without_general``: the share in ``after`` minus the share in
        ``before``, as a fraction (0.065 is 6.5 percentage points).
    """
    from .themes import THEME_CODES

    general = general_paragraphs(report, part=after)
    out = pd.DataFrame(index=pd.Index([c for c in THEME_CODES if c != _UNCLASSIFIED], name="theme"))
    for suffix, drop in (("", ()), ("_without_general", general)):
        w = theme_weights(sentences, report, parts=(before, after), drop=drop).set_index(["part", "theme"])
        for m in THEME_MEASURES:
            out[f"{m}{suffix}"] = [float(w.loc[(after, c), m] - w.loc[(before, c), m]) for c in out.index]
    return out


def gain_claims(gains: pd.DataFrame, *, names: Mapping[str, str] | None = None) -> dict[str, Claim]:
    """The claims of the theme chapter about :func:`theme_gains`.

    Returns:
        ``{"gain": …, "loss": …}`` over the three measures with the general paragraph, and
        ``{"gain_without_general": …, "loss_without_general": …}`` without it.
    """
    base = list(THEME_MEASURES)
    without = [f"{m}_without_general" for m in THEME_MEASURES]
    def make(cols: list[str], what: str, largest: bool) -> Claim:
        return claim(gains, cols, what=what, largest=largest, names=names, noun="area")

    return {
        "gain": make(base, "gains most share from the review to the plan", True),
        "loss": make(base, "loses most share from the review to the plan", False),
        "gain_without_general": make(without, "gains most share once the general paragraph is left out", True),
        "loss_without_general": make(without, "loses most share once the general paragraph is left out", False),
    }


def term_spread(doc: object, terms: Sequence[str]) -> pd.DataFrame:
    """How often each term occurs and in how many sentences: the two measures of "most frequent".

    Args:
        doc: The :class:`~govreport.document.Document`.
        terms: The terms (e.g. the 20 most frequent by count).

    Returns:
        Index ``term``; columns ``count`` (occurrences found by :func:`govreport.keywords.kwic`) and
        ``sentence_count`` (distinct sentences holding it).
    """
    from . import keywords as kw

    rows = []
    for term in dict.fromkeys(terms):
        hits = kw.kwic(doc, term)  # type: ignore[arg-type]
        rows.append((term, len(hits), hits["sentence_id"].nunique() if len(hits) else 0))
    return pd.DataFrame(rows, columns=["term", "count", "sentence_count"]).set_index("term").astype("float64")
