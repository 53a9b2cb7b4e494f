"""Pairing each target of a plan with the result of the next review, and the verdict.

:func:`verdict` applies the rules (written out in :mod:`govreport.track`); :func:`pair_statements`
finds each target's result among the review's statements; :func:`track` does both for two reports and
returns the public table (:data:`TRACK_COLUMNS`).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..report import report_years
from .lexicon import IndicatorInfo, TrackLexicon
from .reading import Statement, read_results, read_targets

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = ["TRACK_COLUMNS", "VERDICTS", "DETAIL_COLUMNS", "verdict", "pair_statements", "track", "track_table",
           "YearMismatch"]

TRACK_COLUMNS = ["indicator", "indicator_en", "target_start", "target_end", "target_surface", "target_value",
                 "target_high", "target_qualifier", "result_start", "result_end", "result_surface", "result_value",
                 "verdict"]
VERDICTS = ("met", "missed", "no_result", "unclear")
#: Columns :func:`track` adds after the public ones (``track_table`` drops them): why a row is unclear.
DETAIL_COLUMNS = ["reason", "target_phrase"]
#: The tolerance of a 左右 (approximately) target: half a point for a percentage, 5% of a level.
APPROX_POINTS = 0.5
APPROX_SHARE = 0.05
_EPS = 1e-9


class YearMismatch(ValueError):
    """The later report does not review the year the earlier report's plan is for."""


def verdict(info: IndicatorInfo, qualifier: str, target: float, high: float | None, result: float) -> str:
    """``met`` or ``missed``: a numeric target against a result of the same measure.

    ``good = higher``: met if result ≥ target (``none``, ``at_least``); result > target (``more_than``);
    result ≥ target − 0.5 (``approx``, a percentage) or ≥ 0.95 × target (``approx``, a level); a range
    (``high`` set) is met from its low bound. ``good = lower`` and ``good = ceiling``: met if result ≤
    target (``none``, ``at_most``); ≤ target + 0.5 or ≤ 1.05 × target (``approx``); a range up to its high
    bound.
    """
    if high is not None:
        ok = result >= target - _EPS if info.good == "higher" else result <= high + _EPS
    elif info.good == "higher":
        if qualifier == "more_than":
            ok = result > target + _EPS
        elif qualifier == "approx":
            ok = result >= (target - APPROX_POINTS if info.percent else (1 - APPROX_SHARE) * target) - _EPS
        else:
            ok = result >= target - _EPS
    elif qualifier == "approx":
        ok = result <= (target + APPROX_POINTS if info.percent else (1 + APPROX_SHARE) * target) + _EPS
    else:
        ok = result <= target + _EPS
    return "met" if ok else "missed"


def _usable(r: Statement) -> bool:
    return not r.multi_year and not r.other_year


def _pick(t: Statement, candidates: Sequence[Statement], text: str | None) -> Statement | None:
    """The result for ``t`` among same-key candidates (in text order): the first that uses the target's own
    alias if any does (出口总额 before a bare 出口 of software exports), else the first; a bound (突破1000亿美元)
    gives way to an exact figure of the same sentence (，达到1173.99亿美元)."""
    if not candidates:
        return None
    chosen = next((r for r in candidates if r.alias == t.alias), candidates[0])
    if chosen.qualifier != "none" and text is not None:
        end = len(text)
        for i in range(chosen.end, len(text)):
            if text[i] in "。；;！？!?\n":
                end = i
                break
        exact = next((r for r in candidates if chosen.end <= r.start < end and r.qualifier == "none"), None)
        chosen = exact or chosen
    return chosen


def pair_statements(targets: Sequence[Statement], results: Sequence[Statement], lexicon: TrackLexicon, *,
                    later_text: str | None = None) -> list[tuple[Statement, Statement | None, str, str]]:
    """Each target with its result, verdict and the reason for an ``unclear`` one.

    The result is the first statement of the review, in text order, of the target's key for the year
    (not ``multi_year``, not ``other_year``), preferring one that names the indicator as the target does
    and an exact figure over a bound in the same sentence (``later_text`` given). Failing that, the first
    of the year that names the same indicator as another measure (a level for a growth target:
    ``unclear``). Failing that, ``unclear`` with no result when the review gives only a multi-year
    figure, else ``no_result``.

    Returns:
        ``(target, result or None, verdict, reason)`` per target, in the targets' order.
    """
    out: list[tuple[Statement, Statement | None, str, str]] = []
    for t in targets:
        if t.key is None:
            out.append((t, None, "unclear", "unmatched: the phrase names no indicator of the table"))
            continue
        same = _pick(t, [r for r in results if r.key == t.key and _usable(r)], later_text)
        if same is not None:
            if t.words:
                out.append((t, same, "unclear", "target stated in words"))
            elif t.narrow != same.narrow:
                out.append((t, same, "unclear", "target and result differ in scope (规模以上)"))
            elif t.value is None or same.value is None:
                out.append((t, same, "unclear", "no value"))
            else:
                v = verdict(lexicon.info(t.key), t.qualifier, t.value, t.high, same.value)
                out.append((t, same, v, ""))
            continue
        other = next((r for r in results if t.key in r.alias_keys and r.key != t.key and _usable(r)), None)
        if other is not None:
            given = f"a {lexicon.info(other.key).measure}" if other.key else "another measure"
            why = "target stated in words" if t.words else f"the review gives {given}, not the target's measure"
            out.append((t, other, "unclear", why))
            continue
        if any(t.key in r.alias_keys and r.multi_year for r in results):
            out.append((t, None, "unclear", "the review gives only a multi-year figure"))
        elif t.words:
            out.append((t, None, "unclear", "target stated in words; the review gives no figure"))
        else:
            out.append((t, None, "no_result", ""))
    return out


def _plain(v: float | None) -> Any:
    if v is None or v != v:
        return None
    return int(v) if float(v).is_integer() and abs(v) < 2 ** 53 else round(v, 10)


def track(earlier: Document, later: Document, *, lexicon: TrackLexicon | None = None, scope: str = "passage",
          check_years: bool = True) -> pd.DataFrame:
    """Pair every target of ``earlier``'s plan with the result ``later``'s review reports for it.

    Args:
        earlier: The report whose plan sets the targets (year Y).
        later: The report whose review reports on year Y (delivered in Y + 1).
        lexicon: The indicator table and phrases (default: the project's, loaded now).
        scope: Which targets: ``passage`` (the plan's statement of the year's targets) or ``plan``
            (every target of the plan that names a known indicator); see :func:`.reading.read_targets`.
        check_years: Refuse a pair whose later report does not review the earlier one's plan year.

    Returns:
        :data:`TRACK_COLUMNS` then :data:`DETAIL_COLUMNS`, one row per target in text order; offsets
        into each report's text as read; values in base units.

    Raises:
        YearMismatch: ``later`` reviews another year than the one ``earlier`` plans (with ``check_years``).
    """
    lexicon = lexicon if lexicon is not None else TrackLexicon.load()
    if check_years:
        plan = report_years(earlier.text).plan_year
        review = report_years(later.text).review_year
        if plan is None or review is None or plan != review:
            raise YearMismatch(f"{later.report.source or 'the later report'} reviews {review or 'no year found'}, "
                               f"not {plan or 'no year found'}, the year "
                               f"{earlier.report.source or 'the earlier report'} plans for")
    targets, _ = read_targets(earlier, lexicon, scope=scope)
    results = read_results(later, lexicon)
    rows = []
    for t, r, v, why in pair_statements(targets, results, lexicon, later_text=later.text):
        info = lexicon.indicators.get(t.key) if t.key else None
        rows.append({
            "indicator": t.key or "", "indicator_en": info.en if info else "",
            "target_start": t.start, "target_end": t.end, "target_surface": t.surface,
            "target_value": _plain(t.value), "target_high": _plain(t.high), "target_qualifier": t.qualifier,
            "result_start": r.start if r else None, "result_end": r.end if r else None,
            "result_surface": r.surface if r else "", "result_value": _plain(r.value) if r else None,
            "verdict": v, "reason": why, "target_phrase": t.phrase,
        })
    df = pd.DataFrame(rows, columns=TRACK_COLUMNS + DETAIL_COLUMNS)
    for col in ("target_value", "target_high", "result_value"):  # 5.5, 10, empty: as written, not 10.0
        df[col] = pd.Series([r[col] for r in rows], index=df.index, dtype="object")
    for col in ("result_start", "result_end"):
        df[col] = pd.array([r[col] for r in rows], dtype="Int64")
    return df.astype({"target_start": "int64", "target_end": "int64"}) if len(df) else df


def track_table(earlier: Document, later: Document, **kwargs: Any) -> pd.DataFrame:
    """The ``track`` CLI table: :func:`track` with the public columns only."""
    return track(earlier, later, **kwargs)[TRACK_COLUMNS]
