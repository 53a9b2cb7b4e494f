"""The words a quantity is read by, as data: measure words, qualifiers, change words and period cues.

Two lists, both in ``data/lexicon/`` (formats in ``data/lexicon/README.md``):

* :class:`QuantityWords` (``quantity_units.csv``, ``quantity_words.csv``): the measure words and their
  groups (元 money, 平方米 area, 成 tenths …), the qualifiers before, inside and after a number (近, 多,
  以上 …), the change verbs and nouns (增长, 降至, 涨幅 …), the words that give a direction to the
  quantities of their clause (净增, 减轻 …), the linking verbs, the comparison words (同比, 年均 …) and
  the nouns that make a number without a unit a count (人口 …);
* :class:`PeriodCues` (``period_cues.csv``): regular expressions for the cues of a target (力争, 今年 …)
  and of a result (去年, 拥有 …), a goal named after a number (…的目标), the openers of a several-year
  frame (五年来, “十三五”目标任务), the words of a several-year figure (年均, 累计, 连续 …) and the verbs
  of things done (建成, 完成 …), read by :mod:`.periods`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..paths import LEXICON_DIR, read_csv_rows
from ..regexes import compile_scan, nonempty_search

__all__ = ["QuantityWords", "PeriodCues", "UNIT_GROUPS", "WORD_ROLES", "CUE_ROLES"]

#: The groups a measure word may belong to (the ``group`` column of ``quantity_units.csv``).
UNIT_GROUPS = ("percent", "points", "money", "area", "length", "weight", "concentration", "volume", "energy", "age",
               "rating", "multiple", "tenths", "time", "count")
#: The roles of ``quantity_words.csv``.
WORD_ROLES = ("qualifier_before", "qualifier_infix", "qualifier_after", "ceiling", "change_verb", "change_noun",
              "clause_change", "link", "comparison", "count_noun")
#: The roles of ``period_cues.csv``.
CUE_ROLES = ("target", "result", "present", "goal_after", "frame", "multi_year", "flow", "level")
_QUALIFIERS = ("approx", "more_than", "at_least", "at_most", "cumulative")
_DIRECTIONS = ("increase", "decrease")


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regular-expression alternation of ``words``, longest first (so 比上年同期 wins over 比上年)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class QuantityWords:
    """Measure words and the words around a number (see the module docstring).

    Attributes:
        units: measure word -> group (one of :data:`UNIT_GROUPS`).
        unit_not_before: measure word -> characters after which it is not a measure word (米 in 米粉).
        qualifiers_before, qualifiers_infix, qualifiers_after: word -> qualifier code.
        ceilings: linking verbs that make the number after them a bound (控制在 -> at_most).
        not_after: word -> characters before which it is not that word (过 in 通过).
        change_verbs, change_nouns, clause_changes: word -> increase / decrease.
        links: linking verbs (控制在, 达 …).
        comparisons: word -> ``year`` (同比, 比上年) or ``multi_year`` (年均).
        count_nouns: nouns that make a number with a scale word and no unit a count (人口).
    """

    units: dict[str, str] = field(default_factory=dict)
    unit_not_before: dict[str, str] = field(default_factory=dict)
    qualifiers_before: dict[str, str] = field(default_factory=dict)
    qualifiers_infix: dict[str, str] = field(default_factory=dict)
    qualifiers_after: dict[str, str] = field(default_factory=dict)
    ceilings: dict[str, str] = field(default_factory=dict)
    not_after: dict[str, str] = field(default_factory=dict)
    change_verbs: dict[str, str] = field(default_factory=dict)
    change_nouns: dict[str, str] = field(default_factory=dict)
    clause_changes: dict[str, str] = field(default_factory=dict)
    links: tuple[str, ...] = ()
    comparisons: dict[str, str] = field(default_factory=dict)
    count_nouns: tuple[str, ...] = ()

    @classmethod
    def load(cls, lexicon_dir: str | Path = LEXICON_DIR) -> QuantityWords:
        """Read ``quantity_units.csv`` and ``quantity_words.csv`` of a lexicon folder.

        Raises:
            ValueError: an unknown group, role or code, or a word listed twice in one role.
        """
        folder = Path(lexicon_dir)
        units: dict[str, str] = {}
        not_before: dict[str, str] = {}
        path = folder / "quantity_units.csv"
        for row in read_csv_rows(path, ("group", "unit")):
            if row["group"] not in UNIT_GROUPS:
                raise ValueError(f"{path}: unknown group {row['group']!r}; use one of {UNIT_GROUPS}")
            if row["unit"] in units:
                raise ValueError(f"{path}: unit {row['unit']!r} listed twice")
            units[row["unit"]] = row["group"]
            if row.get("not_before"):
                not_before[row["unit"]] = row["not_before"]
        roles: dict[str, dict[str, str]] = {r: {} for r in WORD_ROLES}
        not_after: dict[str, str] = {}
        path = folder / "quantity_words.csv"
        for row in read_csv_rows(path, ("role", "word")):
            role, word, code = row["role"], row["word"], row.get("code", "")
            if role not in roles:
                raise ValueError(f"{path}: unknown role {role!r}; use one of {WORD_ROLES}")
            allowed = {"qualifier_before": _QUALIFIERS, "qualifier_infix": _QUALIFIERS, "qualifier_after": _QUALIFIERS,
                       "ceiling": _QUALIFIERS,
                       "change_verb": _DIRECTIONS, "change_noun": _DIRECTIONS, "clause_change": _DIRECTIONS,
                       "comparison": ("year", "multi_year")}.get(role, ("",))
            if code not in allowed:
                raise ValueError(f"{path}: {role} {word!r} has code {code!r}; use one of {allowed}")
            if word in roles[role]:
                raise ValueError(f"{path}: {role} {word!r} listed twice")
            roles[role][word] = code
            if row.get("not_after"):
                not_after[word] = row["not_after"]
        return cls(units, not_before, roles["qualifier_before"], roles["qualifier_infix"], roles["qualifier_after"],
                   roles["ceiling"], not_after, roles["change_verb"], roles["change_noun"], roles["clause_change"],
                   tuple(roles["link"]), roles["comparison"], tuple(roles["count_noun"]))

    def guarded(self, words: list[str] | tuple[str, ...]) -> str:
        """An alternation of ``words``, longest first, each with its ``not_after`` guard as a lookbehind."""
        parts = []
        for w in sorted(words, key=len, reverse=True):
            guard = self.not_after.get(w, "")
            parts.append((f"(?<![{re.escape(guard)}])" if guard else "") + re.escape(w))
        return "|".join(parts)

    @cached_property
    def units_by_length(self) -> tuple[str, ...]:
        """The measure words, longest first."""
        return tuple(sorted(self.units, key=len, reverse=True))

    @cached_property
    def qualifiers_after_by_length(self) -> tuple[str, ...]:
        """The qualifiers after a quantity (:attr:`qualifiers_after`), longest first (in file order among
        words of one length)."""
        return tuple(sorted(self.qualifiers_after, key=len, reverse=True))

    @cached_property
    def units_by_first(self) -> dict[str, tuple[str, ...]]:
        """The measure words by their first character, longest first (:attr:`units_by_length` without
        testing the words that cannot match)."""
        out: dict[str, list[str]] = {}
        for u in self.units_by_length:
            out.setdefault(u[:1], []).append(u)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def prefix_re(self) -> re.Pattern[str]:
        """What may stand right before a number, anchored at it: a comparison, 分别, a change verb, a
        connective (了, 达到, 到, 至), 分别为 and a qualifier (比上年增长, 分别下降, 提高到, 近, 翻了近)."""
        sp = r"[ \u00a0\u3000]"
        return re.compile(
            rf"(?:(?P<cmp>{alternation(tuple(self.comparisons))}){sp}?)?(?P<resp>分别)?"
            rf"(?P<verb>{alternation(tuple(self.change_verbs))})?(?P<conn>了|达到|达|到|至)?(?P<resp2>均|分别为|分别是|分别)?"
            rf"(?P<qual>{self.guarded(tuple(self.qualifiers_before))})?{sp}?$")

    @cached_property
    def _prefix_scan(self) -> re.Pattern[str] | None:
        return nonempty_search(self.prefix_re)

    def prefix_before(self, text: str, pos: int, end: int) -> tuple[int, int, dict[str, str | None]] | None:
        """What :attr:`prefix_re` finds in ``text[pos:end]`` (``prefix_re.search(text, pos, end)``) when that is
        not empty: ``(start, end, named groups)``; None when the search finds only the empty match at the end
        (at ``end``, or before a newline just before it). :func:`~govreport.regexes.nonempty_search` finds it
        faster, which it can because every part of :attr:`prefix_re` is optional and it ends in ``$``, so an
        empty match can only be at the end."""
        scan = self._prefix_scan
        m = scan.search(text, pos, end) if scan is not None else self.prefix_re.search(text, pos, end)
        if m is None:
            return None
        group = 1 if scan is not None else 0
        a, b = m.span(group)
        return (a, b, m.groupdict()) if a < b else None

    @cached_property
    def qualifier_only_re(self) -> re.Pattern[str]:
        """A qualifier right before a number, anchored at it."""
        return re.compile(rf"(?P<qual>{self.guarded(tuple(self.qualifiers_before))})[ \u00a0\u3000]?$")

    @cached_property
    def ceiling_re(self) -> re.Pattern[str]:
        """A ceiling verb right before a number, anchored at it (控制在)."""
        return re.compile(rf"(?P<word>{alternation(tuple(self.ceilings))})[ \u00a0\u3000]?$")

    @cached_property
    def change_noun_re(self) -> re.Pattern[str]:
        """A change noun, then linking verbs only, anchored at the number (涨幅控制在, 增速为)."""
        return re.compile(rf"(?P<noun>{alternation(tuple(self.change_nouns))})(?:{alternation(self.links)})?$")

    @cached_property
    def dated_level_re(self) -> re.Pattern[str]:
        """A change verb reaching a level dated by a year, anchored at the number (增加到2017年的)."""
        return re.compile(rf"(?P<verb>{alternation(tuple(self.change_verbs))})(?:到|至)?[0-9０-９]{{4}}年(?:底|末)?的$")

    @cached_property
    def clause_change_re(self) -> re.Pattern[str]:
        """Any word that gives a direction to the quantities of its clause."""
        return re.compile(alternation(tuple(self.clause_changes)))

    @cached_property
    def after_change_re(self) -> re.Pattern[str]:
        """A change verb shortly after a rate with a comparison only (年均20%以上高速增长)."""
        return re.compile(rf"[^，,；;。]{{0,4}}?(?P<verb>{alternation(tuple(self.change_verbs))})")

    @cached_property
    def count_noun_re(self) -> re.Pattern[str]:
        return re.compile(alternation(self.count_nouns))

    @cached_property
    def share_lead_re(self) -> re.Pattern[str]:
        """A qualifier standing before the base of a share (约占全国1/4, 超过全区固定资产投资总额的四成)."""
        quals = [w for w, c in self.qualifiers_before.items() if c != "cumulative" and len(w) <= 2]
        return re.compile(rf"(?P<qual>{self.guarded(quals)})(?:占[^，,；;。、]{{0,12}}|[^，,；;。、]{{1,16}}的)$")


@dataclass(frozen=True)
class PeriodCues:
    """Regular expressions (``period_cues.csv``), one alternation per role of :data:`CUE_ROLES`:

    * ``target`` / ``result``: a cue before the number in its sentence; the nearest one says whether the
      number is a goal or an outcome; ``present``: a cue of a present state (拥有, 目前), a result in
      its own clause only;
    * ``goal_after``: right after the number, it names a goal (…1.5万亿元的目标, 110万人年度任务);
    * ``frame``: a sentence or heading that opens a several-year frame (五年来, 过去五年工作回顾);
    * ``multi_year``: before the number in its clause, it makes the figure cover several years (年均,
      累计, 连续, 五年新增);
    * ``flow``: a verb of things done (建成, 完成): inside a several-year frame, what it counts covers the
      frame's years;
    * ``level``: a verb of a level reached (达到, 突破): what it states is one year's level.
    """

    patterns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, lexicon_dir: str | Path = LEXICON_DIR) -> PeriodCues:
        """Read ``period_cues.csv`` of a lexicon folder.

        Raises:
            ValueError: an unknown role or a pattern that does not compile.
        """
        path = Path(lexicon_dir) / "period_cues.csv"
        found: dict[str, list[str]] = {r: [] for r in CUE_ROLES}
        for row in read_csv_rows(path, ("role", "pattern")):
            if row["role"] not in found:
                raise ValueError(f"{path}: unknown role {row['role']!r}; use one of {CUE_ROLES}")
            try:
                re.compile(row["pattern"])
            except re.error as exc:
                raise ValueError(f"{path}: bad pattern {row['pattern']!r}: {exc}") from None
            found[row["role"]].append(row["pattern"])
        return cls({r: "|".join(f"(?:{p})" for p in ps) for r, ps in found.items() if ps})

    def regex(self, role: str) -> re.Pattern[str] | None:
        """The compiled alternation of a role (None when the role has no pattern)."""
        return self._compiled.get(role)

    @cached_property
    def _compiled(self) -> dict[str, re.Pattern[str]]:
        return {r: compile_scan(p) for r, p in self.patterns.items()}
