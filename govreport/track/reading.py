"""Reading targets from a plan and results from a review, each as an indicator of the table.

:func:`read_targets` finds the plan's statement of the year's targets (:func:`target_passage`) and reads
every quantity in it, and every target stated in words, as a :class:`Statement`; :func:`read_results`
reads every quantity of a report's review as a :class:`Statement` of the year it reviews. Both take
the quantities the package already reads (:func:`govreport.quantities.extract_quantities`) and decide
which indicator of ``indicators.csv`` each one measures (:func:`indicator_keys`). The rules are listed
in :mod:`govreport.track`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..chars import HAN_CLASS, to_ascii_digits
from ..report import report_years
from .lexicon import TrackLexicon
from .passages import (
    SENTENCE_END,
    YEAR,
    Passage,
    clause_start,
    paragraph_bounds,
    review_end,
    target_passage,
    term_spans,
    year_of,
    year_spans,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = ["Statement", "Passage", "target_passage", "read_targets", "read_results", "review_end",
           "indicator_keys"]

_CONJ = re.compile(r"、|以及|及|和|与")
_PERCENT = ("%", "％", "‰")
_RESPECTIVELY = "分别"


@dataclass(frozen=True, slots=True)
class Statement:
    """A target or a result read as an indicator of the table.

    Attributes:
        key: the indicator (None: the phrase names no indicator of the table, *unmatched*).
        start, end, surface: where it stands in its report (``text[start:end] == surface``).
        value, high: the value in base units (a cut positive for a ``_reduction`` key, a fall negative
            for a ``_growth`` key, an index as the rise) and the upper bound of a range; None for words.
        qualifier: ``approx``, ``more_than``, ``at_least``, ``at_most`` or ``none``.
        alias_keys: every key that shares the alias found (the same thing as another measure).
        alias: the alias found.
        phrase: the text that names the indicator.
        narrow: the phrase has a word of a narrower scope (规模以上).
        words: a target stated in words (与经济增长基本同步).
        multi_year: a figure over several years (年均, 累计, 五年 …), never the year's result.
        other_year: a figure of another year than the one reviewed (or where a change started: 从6.5万元).
        percent: a percentage (a rate, a cut, a share), not an amount.
        span_multi: the quantity reader says the figure spans several years (from its own cues or from
            the frame of a term review it stands in); :func:`read_results` weighs it against the year.
        goal: a goal cited in a review (超额完成国家下达的110万人年度任务), not a result.
        arrival: the level a change arrives at (从2.17%提高到2.65%, 增加到2015年的7.28万亿元).
    """

    key: str | None
    start: int
    end: int
    surface: str
    value: float | None
    high: float | None
    qualifier: str
    alias_keys: tuple[str, ...] = ()
    alias: str = ""
    phrase: str = ""
    narrow: bool = False
    words: bool = False
    multi_year: bool = False
    other_year: bool = False
    percent: bool = False
    span_multi: bool = False
    goal: bool = False
    arrival: bool = False


# --- what a quantity measures ------------------------------------------------------------------------

def _split_items(phrase: str) -> list[str]:
    return [p for p in _CONJ.split(phrase) if p.strip()]


def _carry_head(lexicon: TrackLexicon, first: str, item: str) -> str | None:
    """``item`` with the head of ``first`` before it when only that names an alias (万元GDP建设用地、能耗:
    能耗 → 万元GDP能耗)."""
    for p in range(len(first) - 1, 0, -1):
        cand = first[:p] + item
        hits = [h for h in lexicon.find_aliases(cand) if h.start < p < h.end]
        if hits:
            return hits[-1].alias
    return None


def _carry_tail(lexicon: TrackLexicon, item: str, last: str) -> tuple[str, tuple[str, ...]] | None:
    """``item`` with the tail of the list's ``last`` item after it when only that names an alias, and the
    alias starts in ``item`` (城镇、农村常住居民人均可支配收入: 城镇 → 城镇常住居民人均可支配收入)."""
    for p in range(1, len(last)):
        cand = item + last[p:]
        hits = lexicon.find_aliases(cand)
        if hits and hits[-1].start < len(item) < hits[-1].end:
            got = _item_alias(lexicon, cand, None)
            if got is not None:
                return got
    return None


def _list_aliases(lexicon: TrackLexicon, items: list[str]) -> list[tuple[str, tuple[str, ...]] | None]:
    """The alias of each item of a list: its own, or the head of the first item carried to it (能耗 after
    万元GDP建设用地), or the tail of the last carried to it (城镇 before 农村常住居民人均可支配收入)."""
    got = [_item_alias(lexicon, item, items[0] if k else None) for k, item in enumerate(items)]
    if len(items) > 1 and lexicon.find_aliases(items[-1]):
        got = [g if g is not None or k == len(items) - 1 else _carry_tail(lexicon, items[k], items[-1])
               for k, g in enumerate(got)]
    return got


def _item_alias(lexicon: TrackLexicon, item: str, first: str | None) -> tuple[str, tuple[str, ...]] | None:
    hits = lexicon.find_aliases(item)
    if hits:
        h = hits[-1]
        rest = item[:h.start] + item[h.end:]
        if lexicon.pattern("other_measure").search(rest):
            return None
        prefix = _neutral(lexicon, item[:h.start])
        if re.search(f"[{HAN_CLASS}A-Za-z]", prefix):
            return None  # 前海地区生产总值, 高新技术产品出口: a part of the indicator
        return h.alias, h.keys
    if first is not None:
        alias = _carry_head(lexicon, first, item)
        if alias is not None:
            return alias, next(h.keys for h in lexicon.find_aliases(alias))
    return None


def phrase_aliases(lexicon: TrackLexicon, phrase: str) -> list[tuple[str, tuple[str, ...]]]:
    """The aliases a phrase names: one, or one per item of a list (进出口总额及出口总额: two), the head of
    the first item carried to the others (万元GDP能耗和水耗: 万元GDP能耗, 万元GDP水耗). Empty when the
    phrase names none, or names it as another measure (``other_measure``: 人均, 占…比重 outside the alias)."""
    items = _split_items(phrase)
    if len(items) > 1:
        each = _list_aliases(lexicon, items)
        found = [g for g in each if g is not None] if all(g is not None for g in each) else []
        if len({keys for _, keys in found}) == len(found) > 1:
            return found
    got = _item_alias(lexicon, phrase, None)
    return [got] if got else []


def indicator_keys(lexicon: TrackLexicon, keys: Sequence[str], *, percent: bool, polarity: str) -> str | None:
    """Which of the keys that share an alias a quantity measures: a percentage with a fall is a cut
    (``_reduction``) or a negative growth; with a rise or a comparison a growth; without either a rate
    or share first; an amount (元, 人, 吨 …) a level."""
    if not percent:
        order: tuple[str, ...] = ("level",)
    elif polarity == "decrease":
        order = ("reduction", "growth", "rate", "share")
    elif polarity == "increase":
        order = ("growth", "rate", "share")
    else:
        order = ("rate", "share", "growth", "reduction")
    return lexicon.choose(keys, order)


def _value(lexicon: TrackLexicon, key: str, alias: str, v: float, *, polarity: str) -> float:
    measure = lexicon.info(key).measure
    if measure == "growth":
        return -abs(v) if polarity == "decrease" else v
    if measure == "reduction":
        return -abs(v) if polarity == "increase" else abs(v)
    if measure in ("rate", "share") and lexicon.pattern("index").search(alias) and v > 50:
        return round(v - 100, 10)  # an index with the previous year = 100: 102 → a 2% rise
    return v


def _num(v: object) -> float | None:
    if v is None or not isinstance(v, (int, float)):
        return None
    f = float(v)
    return None if f != f else f


# --- reading the quantities ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Q:
    start: int
    end: int
    core: int  # where the number starts (after 分别 and change words)
    value: float
    high: float | None
    unit: str
    qualifier: str
    polarity: str
    kind: str
    indicator: str
    multi_year: bool
    period: str


def _quantities(doc: Document) -> list[_Q]:
    from ..quantities import extract_quantities

    df = extract_quantities(doc)
    text = doc.text
    span = [str(v) for v in df["span"]] if "span" in df.columns else [""] * len(df)
    starts, ends = [int(v) for v in df["start"]], [int(v) for v in df["end"]]
    values, highs = [float(v) for v in df["value_base"]], [_num(v) for v in df["value_high"]]
    strings = {c: [str(v) for v in df[c]] for c in ("unit", "qualifier", "polarity", "kind", "indicator", "period")}
    out = []
    for i, (start, end) in enumerate(zip(starts, ends)):
        core = start
        while core < end and not (text[core].isdigit() or text[core] in "一二三四五六七八九十两零〇百千万亿."):
            core += 1
        out.append(_Q(start, end, core, values[i], highs[i], strings["unit"][i], strings["qualifier"][i],
                      strings["polarity"][i], strings["kind"][i], strings["indicator"][i], span[i] == "multi_year",
                      strings["period"][i]))
    return out


def _runs(text: str, qs: list[_Q]) -> list[list[int]]:
    """Quantities listed together (10%、2.75%和4%; 0.501吨标准煤和19.2立方米), as runs of indices."""
    runs: list[list[int]] = []
    for i, q in enumerate(qs):
        if runs and i - 1 == runs[-1][-1]:
            gap = text[qs[i - 1].end:q.start]
            if re.fullmatch(r"[^\d，,；;。：:\n]{0,4}?(?:、|和|及|与|以及)", gap):
                runs[-1].append(i)
                continue
        runs.append([i])
    return runs


def _decrease_before(lexicon: TrackLexicon, text: str, q: _Q) -> int:
    """Where a cut word the reader does not know (削减) starts right before the quantity, else -1."""
    for m in lexicon.pattern("decrease").finditer(text, max(0, q.start - 4), q.start):
        if m.end() == q.start:
            return m.start()
    return -1


_BRACKETS = re.compile(r"[（(][^（()）]*[)）]")
#: Quantity kinds that are never an indicator's value (90年 in 工业总产值（90年不变价）).
_NOT_MEASURES = ("duration", "age_range", "rating", "scale")


def _in_brackets(text: str, s: int, e: int) -> bool:
    """A quantity inside brackets restates or qualifies another (4.6万元（折合5561美元））."""
    a = max(text.rfind("（", 0, s), text.rfind("(", 0, s))
    if a < 0 or re.search(r"[)）。\n]", text[a:s]):
        return False
    return bool(re.match(r"[^（(。\n]*[)）]", text[e:]))
_SHARE_OF = re.compile(r"占.*?(?:的)?比重")


def _names_nothing(lexicon: TrackLexicon, own: str) -> bool:
    """Whether a clause before a number names no indicator of its own: only linking and change words,
    comparison words, years, brackets and 占…比重 (the share of the quantity before it)."""
    rest = _BRACKETS.sub("", own)
    rest = _SHARE_OF.sub("", rest)
    rest = YEAR.sub("", rest)
    rest = lexicon.pattern("comparison").sub("", rest)
    rest = lexicon.pattern("link").sub("", rest)
    return not re.sub(r"[\s\u3000、，,的了]", "", rest)


def _inherited(lexicon: TrackLexicon, text: str, clause: int, out: list[Statement], *, rate: bool
               ) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """The indicator a quantity whose clause names nothing measures: that of the quantity before it in
    the sentence (a rate always belongs to it: 外商直接投资36.23亿美元，增长13.6%); for an amount, failing
    that, the last indicator a clause of the sentence names (五年来，本市生产总值翻了一番多，…，2004年达到
    3423亿元). A line break ends the sentence only after a sentence end."""
    start = paragraph_bounds(text, clause)[0]
    start = max(start, max(text.rfind(c, 0, clause) for c in SENTENCE_END + "；;") + 1)
    prev = out[-1] if out and out[-1].start >= start else None
    if prev is not None and (prev.alias_keys or rate):
        return ([(prev.alias, prev.alias_keys)], prev.phrase) if prev.alias_keys else ([], "")
    b = clause - 1
    while b > start:
        a = clause_start(text, b)
        chunk = re.split(r"[0-9０-９]", text[a:b], maxsplit=1)[0]
        found = phrase_aliases(lexicon, chunk)
        if len(found) == 1:
            return found, chunk
        b = a - 1
    return [], ""


_SHARE_ITEM = re.compile(r"(?P<pre>[^、，,；;：:]*?)(?P<share>占[^、，,；;。]*?比重)[^、，,；;。]*$")


def _share_of_before(lexicon: TrackLexicon, text: str, clause: int, core: int, out: list[Statement]
                     ) -> tuple[list[tuple[str, tuple[str, ...]]], str] | None:
    """A share whose item names no subject (…研发经费支出超过2500亿元、占地区生产总值比重达2.65%; 占…的比重达
    47.9%): the subject is the indicator named before it in the sentence, and the share is that indicator's
    share key — the alias of subject + share (研发经费支出占地区生产总值比重) if the table lists it, else the
    share key among the subject's. None when the item is no share, or names a subject of its own."""
    m = _SHARE_ITEM.search(text, clause, core)
    if m is None or re.search(f"[{HAN_CLASS}A-Za-z]", _neutral(lexicon, m["pre"])):
        return None
    start = paragraph_bounds(text, clause)[0]
    start = max(start, max(text.rfind(c, 0, clause) for c in SENTENCE_END + "；;") + 1)
    prev = next((r for r in reversed(out) if r.start >= start and r.alias_keys), None)
    if prev is None:
        return [], ""
    shares = tuple(k for k in prev.alias_keys if lexicon.info(k).measure == "share")
    if shares and prev.key is not None and lexicon.info(prev.key).measure == "share":
        return [(prev.alias, shares)], prev.phrase  # the same share again: 从2.17%提高到2.65%
    composed = prev.alias + m["share"]
    found = [(a, ks) for a, ks in phrase_aliases(lexicon, composed)
             if any(lexicon.info(k).measure == "share" for k in ks)]
    if len(found) == 1:
        a, ks = found[0]
        return [(a, tuple(k for k in ks if lexicon.info(k).measure == "share"))], composed
    return ([(prev.alias, shares)], prev.phrase) if shares else ([], "")


def _neutral(lexicon: TrackLexicon, prefix: str) -> str:
    for kind in ("multi_year", "neutral_prefix", "link"):
        prefix = lexicon.pattern(kind).sub("", prefix)
    return prefix


def _respectively(lexicon: TrackLexicon, lead: str, n: int, subject_before: str = ""
                  ) -> list[list[tuple[str, tuple[str, ...]]]] | None:
    """The subjects of a 分别 list matched to its ``n`` numbers in order, or None when it is not one."""
    k = lead.rfind(_RESPECTIVELY)
    if k < 0 or n < 2:
        return None
    items = _split_items(lead[:k])
    if not items and subject_before:  # A、B和C跃上新台阶，分别为…: the subjects are in the clause before
        items = _split_items(subject_before)
    if len(items) != n:
        return None
    return [[got] if got else [] for got in _list_aliases(lexicon, items)]


def _statements(doc: Document, lexicon: TrackLexicon, qs: list[_Q], *, lo: int, hi: int) -> list[Statement]:
    """Every quantity in ``text[lo:hi]`` as statements (one per indicator it measures; unmatched: key None).

    Steps, per run of quantities listed together: the subjects of a 分别 list; then, per quantity, the
    aliases of its phrase (the reader's indicator, else its clause); failing that, the alias of the
    quantity before it in the sentence when its own clause names nothing (a rate after a level, a
    restated level, a share 占…比重); then the key by measure (:func:`indicator_keys`) and the value.
    """
    text = doc.text
    inside = [q for q in qs if lo <= q.start and q.end <= hi and q.kind not in _NOT_MEASURES
              and not _in_brackets(text, q.start, q.end)]
    out: list[Statement] = []
    last_run: list[tuple[list[tuple[str, tuple[str, ...]]], str]] = []
    last_end = 0
    narrow = lexicon.pattern("scope")
    multi_re = lexicon.pattern("multi_year")
    goal_re = lexicon.pattern("goal_after")
    for run in _runs(text, inside):
        first = inside[run[0]]
        clause0 = clause_start(text, first.start)
        lead = text[clause0:first.core]
        comma = clause0 > 0 and text[clause0 - 1] in "，,"
        before = text[clause_start(text, clause0 - 1):clause0 - 1] if comma else ""
        per_item = _respectively(lexicon, lead, len(run), before)
        parallel = last_run if per_item is None and last_run and len(last_run) == len(run) > 1 \
            and _names_nothing(lexicon, lead) and not re.search(r"[。；;！？!?\n]", text[last_end:first.start]) \
            else None  # 城镇、农村…分别达32148元、12246元，增长8.8%、10.6%: the same subjects again, in order
        named: list[tuple[list[tuple[str, tuple[str, ...]]], str]] = []
        cut = _decrease_before(lexicon, text, first)
        k = lead.rfind(_RESPECTIVELY)
        run_polarity = "decrease" if cut >= 0 or (k >= 0 and lexicon.pattern("decrease").search(lead[k:])) \
            else first.polarity
        for j, idx in enumerate(run):
            q = inside[idx]
            start = cut if j == 0 and cut >= 0 else q.start
            if text.startswith(_RESPECTIVELY, start):
                start += len(_RESPECTIVELY)
            polarity = q.polarity if q.polarity != "none" and not (j == 0 and cut >= 0) else run_polarity
            clause = clause_start(text, q.start)
            own = text[clause:q.core]
            share = None
            if per_item is not None:
                aliases, phrase = per_item[j], (per_item[j][0][0] if per_item[j] else "")
            elif parallel is not None:
                aliases, phrase = parallel[j]
            else:
                phrase = q.indicator
                aliases = phrase_aliases(lexicon, phrase)
                if not aliases:
                    aliases = phrase_aliases(lexicon, text[clause:q.start])
                    phrase = text[clause:q.start] if aliases else phrase
                if not aliases and q.unit in _PERCENT:
                    share = _share_of_before(lexicon, text, clause, q.core, out)
                    if share is not None:
                        aliases, phrase = share
            if not aliases and share is None and _names_nothing(lexicon, own):
                aliases, phrase = _inherited(lexicon, text, clause, out, rate=q.unit in _PERCENT)
            named.append((aliases, phrase))
            aliases = [(a, ks) for a, ks in aliases if not lexicon.weak(a) or text[:q.start].endswith(a)]
            if q.kind == "share" and q.unit not in _PERCENT:
                aliases = []  # a fraction (不到全国平均水平一半) is no value of the table: its shares are percentages
            multi = bool(multi_re.search(text[clause:q.end])) or q.unit == "倍"
            starting = bool(lexicon.pattern("starting_point").search(text[clause:q.core].rstrip("-－−+")))
            arrival = bool(_ARRIVAL.search(text[clause:q.core])) and bool(_FROM.search(text[clause:q.core]))
            qualifier = _qual(q.qualifier)
            if qualifier == "none":  # 分别下降5%、5%、3%左右: a qualifier after a list holds for each number
                qualifier = _qual(inside[run[-1]].qualifier)
            base = Statement(None, start, q.end, text[start:q.end], q.value, q.high, qualifier,
                             phrase=phrase, multi_year=multi, other_year=starting, percent=q.unit in _PERCENT,
                             span_multi=q.multi_year, goal=bool(goal_re.match(text, q.end)), arrival=arrival)
            if not aliases:
                out.append(base)
                continue
            for alias, keys in aliases:
                key = indicator_keys(lexicon, keys, percent=q.unit in _PERCENT, polarity=polarity)
                value = _value(lexicon, key, alias, q.value, polarity=polarity) if key else q.value
                high = _value(lexicon, key, alias, q.high, polarity=polarity) if key and q.high is not None \
                    else q.high
                out.append(replace(base, key=key, value=value, high=high, alias=alias, alias_keys=keys,
                                   narrow=bool(narrow.search(phrase))))
        last_run, last_end = named, inside[run[-1]].end
    return out


#: A change that arrives at a level (增加到, 提高到超过, 降至): the level is where it ends.
_ARRIVAL = re.compile(r"(?:到|至|为)(?:(?:19|20)[0-9]{2}年的?)?(?:超过|突破|近)?$")
_FROM = re.compile(r"(?:从|由)")


def _qual(q: str) -> str:
    return q if q in ("approx", "more_than", "at_least", "at_most") else "none"


_INDEX_NUMBER = re.compile(r"(?:控制在|为|达到)?([0-9０-９]{2,3}(?:[.．][0-9０-９]+)?)(?![0-9０-９.．%％])(左右)?")


def _bare_indexes(doc: Document, lexicon: TrackLexicon, lo: int, hi: int, taken: list[Statement]) -> list[Statement]:
    """An index written without a % sign (居民消费价格指数104左右), which the quantity reader does not read."""
    text = doc.text
    out = []
    for h in lexicon.find_aliases(text[lo:hi]):
        if not lexicon.pattern("index").search(h.alias):
            continue
        m = _INDEX_NUMBER.match(text, lo + h.end)
        if not m or any(s.start <= m.start(1) < s.end for s in taken):
            continue
        v = float(to_ascii_digits(m.group(1)).replace("．", "."))
        key = indicator_keys(lexicon, h.keys, percent=True, polarity="none")
        if key is None or not 50 < v < 200:
            continue
        s = m.start(1)
        out.append(Statement(key, s, m.end(), text[s:m.end()], _value(lexicon, key, h.alias, v, polarity="none"),
                             None, "approx" if m.group(2) else "none", h.keys, h.alias, h.alias))
    return out


def _word_targets(doc: Document, lexicon: TrackLexicon, lo: int, hi: int) -> list[Statement]:
    """Targets stated in words (与经济增长基本同步, 稳步增长, 有所下降 …) of an indicator of the table."""
    text = doc.text
    out: list[Statement] = []
    used: list[tuple[int, int]] = []
    for measure, pat in lexicon.word_patterns():
        for m in pat.finditer(text, lo, hi):
            if any(a < m.end() and m.start() < b for a, b in used):
                continue
            used.append((m.start(), m.end()))
            s, e = (m.start("w"), m.end("w")) if "w" in pat.groupindex else (m.start(), m.end())
            subject = text[clause_start(text, m.start()):m.start()]
            last_number = max(subject.rfind(c) for c in "%％0123456789０１２３４５６７８９")
            subject = subject[last_number + 1:].lstrip("、，, ")  # …下降10%、万元GDP能耗和水耗有所下降
            if "w" in pat.groupindex:  # 居民收入增长和经济增长同步: the subject is what comes before 和
                subject = _CONJ.split(subject)[0]
            for alias, keys in phrase_aliases(lexicon, subject):
                key = lexicon.choose(keys, (measure, "growth", "reduction", "rate"))
                if key is not None:
                    out.append(Statement(key, s, e, text[s:e], None, None, "none", keys, alias, alias, words=True))
    return out


SCOPES = ("passage", "plan")


def read_targets(doc: Document, lexicon: TrackLexicon, *, scope: str = "passage"
                 ) -> tuple[list[Statement], Passage | None]:
    """The targets of a report's plan, in text order, with the statement of targets they were read from.

    Args:
        doc: The earlier report.
        lexicon: The indicator table and phrases.
        scope: ``passage`` (default): every quantity of the plan's statement of the year's targets
            (:func:`target_passage`), with the targets it states in words and an index written without
            a % sign; when the plan has no such statement, every quantity of the plan (period
            ``target``). ``plan``: every quantity of the plan and of the statement. Either way a
            quantity that names no indicator of the table is kept, with key None (unmatched), and a
            figure the quantity reader marks as spanning several years (``span`` = ``multi_year``) is
            left out.

    Returns:
        ``(statements, passage)``; ``passage`` is None when the plan has no statement of targets.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
    years = report_years(doc.text)
    qs = [q for q in _quantities(doc) if not q.multi_year]
    passage = target_passage(doc.text, lexicon, plan_year=years.plan_year)
    found: list[Statement] = []
    if passage is not None:
        found = _statements(doc, lexicon, qs, lo=passage.start, hi=passage.end)
        found += _bare_indexes(doc, lexicon, passage.start, passage.end, found)
        found += _word_targets(doc, lexicon, passage.start, passage.end)
    if scope == "plan" or passage is None:
        outside = [q for q in qs if q.period == "target"
                   and (passage is None or not passage.start <= q.start < passage.end)]
        found += _statements(doc, lexicon, outside, lo=0, hi=len(doc.text))
    found = [replace(s, multi_year=False, span_multi=False, goal=False) for s in found]
    return sorted(found, key=lambda s: (s.start, s.end)), passage


def read_results(doc: Document, lexicon: TrackLexicon) -> list[Statement]:
    """Every quantity of a report's review (before :func:`review_end`) as a statement of the year the
    review looks back on, in text order; ``other_year`` and ``multi_year`` mark the ones that are not the
    year's figure.

    ``other_year``: another year named in the sentence (2015年的…), a starting point (从6.5万元), and a
    goal cited (超额完成国家下达的110万人年度任务). ``multi_year``: the figure's own clause says so (年均,
    累计, 五年 …); a comparison with an earlier year than the one before (比2005年增长86%); in a stretch
    that reviews a term (:func:`term_spans`), every percentage and every addition (新增, 累计) whose
    sentence does not name the year — but not the level a change arrives at, the term's end (从2.17%提高到
    2.65%: the year's); and the quantity reader's own judgement (its span) except where the sentence
    names the year reviewed (增加到2015年的7.28万亿元) or the figure stands in the year's own section of a
    review that looks back on a term first (:func:`year_spans`)."""
    years = report_years(doc.text)
    ry = years.review_year
    end = review_end(doc, lexicon)
    spans = term_spans(doc, lexicon, end, ry)
    own_year = year_spans(doc, lexicon, end, ry)
    out = []
    for s in _statements(doc, lexicon, _quantities(doc), lo=0, hi=end):
        year, compared = year_of(doc.text, s.start, ry)
        other = s.other_year or s.goal or (year is not None and ry is not None and not compared and year != ry)
        multi = s.multi_year or (compared and ry is not None and year != ry - 1)
        dated = ry is not None and year == ry and not compared
        level = s.key is not None and lexicon.info(s.key).measure in ("level", "share", "rate")
        if s.span_multi and not dated and not (s.arrival and level) \
                and not any(a <= s.start < b for a, b in own_year):
            multi = True
        if not dated and any(a <= s.start < b for a, b in spans) and not (s.arrival and level) \
                and (s.percent or lexicon.pattern("term_total").search(s.phrase)):
            multi = True
        out.append(replace(s, other_year=other, multi_year=multi))
    return out
