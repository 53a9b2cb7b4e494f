"""Sentences scored against the taxonomy, and their sums by block, section and part.

See :mod:`govreport.themes` for the method.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..report import PARTS, Report, Unit
from .taxonomy import (
    MIN_SCORE,
    THEME_CODES,
    THEMES,
    UNCLASSIFIED,
    Entry,
    Taxonomy,
    _first_index,
    _rank,
    _scores_from_matches,
    compile_keywords,
    format_themes,
    parse_themes,
    primary_theme,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = [
    "TABLE_COLUMNS", "SENTENCE_COLUMNS", "classify_sentences", "aggregate_themes", "theme_shares", "theme_matrix",
    "share_change", "unit_matrix", "block_themes", "themes_table", "strongest_sentences",
]

#: Columns of :func:`themes_table` (the CLI ``themes`` subcommand).
TABLE_COLUMNS = ["unit_id", "part", "start", "end", "primary_theme", "themes"]
SENTENCE_COLUMNS = ["sentence_id", "unit_id", "section", "part", "start", "end", "chars", "is_heading",
                    "primary_theme", "score", "themes", "keywords"]
Mode = Literal["primary", "split"]
Match = tuple[int, int, Entry]
_SPACE = re.compile(r"\s")
Measure = Literal["chars", "sentences"]


# --- sentences -----------------------------------------------------------------------------------

def _is_heading_sentence(sentence: Unit, parent: Unit, *, slack: int = 8) -> bool:
    """A heading line or lead phrase: the first sentence of a headed unit, not much longer than its heading."""
    if not parent.heading or sentence.start != parent.start:
        return False
    body = sentence.text.strip()
    return parent.heading in body and len(body) <= len(parent.heading) + slack


def _section_of(report: Report, unit: Unit) -> str:
    """The unit directly below the part that holds ``unit`` (the part itself for a part's own text)."""
    u = unit
    while u.parent_id:
        parent = report.unit(u.parent_id)
        if parent.level == "part":
            return u.unit_id
        u = parent
    return u.unit_id


def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def classify_sentences(doc: Document, *, taxonomy: Taxonomy | None = None,
                       min_score: float = MIN_SCORE) -> pd.DataFrame:
    """Score every sentence of a report against the theme taxonomy.

    Args:
        doc: the document; its tokens are matched and its segmenter cuts the keywords.
        taxonomy: the themes (default: ``doc.resources.taxonomy``, ``data/lexicon/themes.yml``).
        min_score: the score a sentence's best theme needs to become its primary theme.

    Returns:
        One row per sentence in reading order, columns ``sentence_id, unit_id`` (the block, or the section
        or part whose heading line it is), ``section, part, start, end, chars`` (characters not counting
        whitespace), ``is_heading`` (a heading line or lead phrase), ``primary_theme``, ``score`` (of the
        primary theme; 0 if unclassified), ``themes`` (``code:score;…`` best first, every theme with a
        keyword, even below ``min_score``) and ``keywords`` (the matched keywords in order, ``;``-joined).

    References:
        Grimmer & Stewart (2013), Political Analysis 21(3) (dictionary methods).
    """
    if min_score <= 0:
        raise ValueError(f"min_score must be positive, got {min_score}")
    taxonomy = taxonomy if taxonomy is not None else doc.resources.taxonomy
    report = doc.report
    sentences = doc.sentences
    if not sentences:
        return _empty_sentences()
    seg = doc.segmenter
    phrases = compile_keywords(taxonomy, seg)
    matches = _sentence_matches(doc, phrases)
    space = _space_counts(report.text)
    sections: dict[str, str] = {}
    rows = []
    for k, s in enumerate(sentences):
        found = matches.get(k)
        if found:
            scores, first = _scores_from_matches(found)
            ranked = _rank(scores, first, taxonomy.codes)
            primary = primary_theme(dict(ranked), min_score=min_score)
            themes, score, keywords = format_themes(ranked), ranked[0][1] if primary != UNCLASSIFIED else 0.0, \
                ";".join(e[2] for _, _, e in found)
        else:
            primary, themes, score, keywords = UNCLASSIFIED, "", 0.0, ""
        parent = report.unit(s.parent_id)
        block = parent if parent.level != "sentence" else report.block_at(s.start)
        section = sections.get(block.unit_id)
        if section is None:
            section = sections[block.unit_id] = _section_of(report, block)
        chars = s.end - s.start - int(space[s.end] - space[s.start])
        rows.append((s.unit_id, block.unit_id, section, s.part, s.start, s.end, chars,
                     _is_heading_sentence(s, parent), primary, score, themes, keywords))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(
        {"start": "int64", "end": "int64", "chars": "int64", "is_heading": "bool", "score": "float64"})


def _space_counts(text: str) -> np.ndarray:
    """``counts[i]``: how many of the first ``i`` characters of ``text`` are whitespace (``str.isspace``;
    the regular expression ``\\s`` of a str pattern is the same class)."""
    at = np.zeros(len(text) + 1, dtype=np.int64)
    at[np.fromiter((m.start() + 1 for m in _SPACE.finditer(text)), dtype=np.int64)] = 1
    return np.cumsum(at)


def _sentence_matches(doc: Document, phrases: Mapping[tuple[str, ...], Entry]) -> dict[int, list[Match]]:
    """:func:`~govreport.themes.taxonomy.match_keywords` over every sentence at once: for each sentence
    with a match, its matches as ``match_keywords`` gives them on the sentence's canonical tokens (tags
    other than ``x``), indices counted within the sentence.

    The tokens are matched as integers (each distinct canonical word once), and only where a keyword
    phrase can begin; left to right, longest first, no overlap, never across a sentence end, as
    ``match_keywords`` does."""
    seg = doc.segmenter
    table = doc.tokens
    sentences = doc.sentences
    if not len(table) or not sentences:
        return {}
    code_of: dict[str, int] = {}
    canon = np.fromiter((code_of.setdefault(seg.canonical(w), len(code_of)) for w in table.vocab),
                        dtype=np.int64, count=len(table.vocab))
    kept = np.flatnonzero(~table.pos_in(("x",)))
    seq = canon[table.codes[kept]]
    # phrase -> codes; a phrase with a word this text lacks cannot match
    starts: dict[int, list[tuple[tuple[int, ...], Entry]]] = {}
    for head, cands in _first_index(phrases).items():
        if head not in code_of:
            continue
        for phrase in cands:
            if all(w in code_of for w in phrase):
                starts.setdefault(code_of[head], []).append((tuple(code_of[w] for w in phrase), phrases[phrase]))
    if not starts:
        return {}
    can_start = np.zeros(len(code_of), dtype=bool)
    can_start[list(starts)] = True
    at = np.flatnonzero(can_start[seq])
    bounds = np.searchsorted(kept, doc.sentence_bounds, side="left")  # sentence k: seq[bounds[k]:bounds[k + 1]]
    sentence = np.searchsorted(bounds, at, side="right") - 1
    words = seq.tolist()
    cuts = bounds.tolist()
    out: dict[int, list[Match]] = {}
    free = 0
    for i, k in zip(at.tolist(), sentence.tolist()):
        if i < free or not 0 <= k < len(sentences):
            continue
        lo, hi = cuts[k], cuts[k + 1]
        for coded, entry in starts[words[i]]:
            j = i + len(coded)
            if j <= hi and tuple(words[i:j]) == coded:
                out.setdefault(k, []).append((i - lo, j - lo, entry))
                free = j
                break
    return out


def _empty_sentences() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
        SENTENCE_COLUMNS, ["str", "str", "str", "str", "int64", "int64", "int64", "bool", "str", "float64", "str",
                           "str"])})


def _check_sentences(sentences: pd.DataFrame, needed: Iterable[str]) -> None:
    missing = [c for c in needed if c not in sentences.columns]
    if missing:
        raise ValueError(f"sentences table lacks columns {missing}; use classify_sentences()")


# --- aggregation ---------------------------------------------------------------------------------

def _weights(sentences: pd.DataFrame, mode: Mode) -> pd.DataFrame:
    """Long table: one row per (sentence, theme) with the fraction of the sentence given to the theme."""
    if mode == "primary":
        return pd.DataFrame({"row": range(len(sentences)), "theme": sentences["primary_theme"].to_numpy(),
                             "weight": 1.0})
    if mode != "split":
        raise ValueError(f"mode must be 'primary' or 'split', not {mode!r}")
    rows = []
    for i, (primary, themes) in enumerate(zip(sentences["primary_theme"], sentences["themes"])):
        scores = parse_themes(themes)
        total = sum(scores.values())
        if primary == UNCLASSIFIED or not total:
            rows.append((i, UNCLASSIFIED, 1.0))
        else:
            rows.extend((i, code, score / total) for code, score in scores.items())
    return pd.DataFrame(rows, columns=["row", "theme", "weight"])


def aggregate_themes(sentences: pd.DataFrame, *, by: str = "part", mode: Mode = "primary") -> pd.DataFrame:
    """Characters and sentences per theme within each group of sentences.

    Args:
        sentences: from :func:`classify_sentences` (any subset of its rows).
        by: the grouping column: ``part``, ``section`` or ``unit_id`` (the block).
        mode: ``primary`` counts each sentence for its primary theme; ``split`` divides a classified
            sentence among its themes in proportion to their scores.

    Returns:
        Columns ``<by>, theme, sentences, chars, share_sentences, share_chars``: one row per group and theme
        code (all eleven, zeros included), groups in reading order, themes in taxonomy order. Within each
        group the shares sum to 1. Empty in, empty out.
    """
    _check_sentences(sentences, [by, "primary_theme", "themes", "chars", "start"])
    columns = [by, "theme", "sentences", "chars", "share_sentences", "share_chars"]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    s = sentences.reset_index(drop=True)
    w = _weights(s, mode)
    w[by] = s[by].to_numpy()[w["row"]]
    w["chars"] = s["chars"].to_numpy()[w["row"]] * w["weight"]
    w["sentences"] = w["weight"]
    order = list(dict.fromkeys(s.sort_values("start", kind="stable")[by]))
    grid = pd.MultiIndex.from_product([order, THEME_CODES], names=[by, "theme"])
    agg = w.groupby([by, "theme"])[["sentences", "chars"]].sum().reindex(grid, fill_value=0.0).reset_index()
    totals = agg.groupby(by, sort=False)[["sentences", "chars"]].transform("sum")
    agg["share_sentences"] = (agg["sentences"] / totals["sentences"]).where(totals["sentences"] > 0, 0.0)
    agg["share_chars"] = (agg["chars"] / totals["chars"]).where(totals["chars"] > 0, 0.0)
    if mode == "primary":
        agg = agg.astype({"sentences": "int64", "chars": "int64"})
    return agg[columns]


def theme_shares(sentences: pd.DataFrame, *, parts: Sequence[str] | None = ("review", "plan"),
                 mode: Mode = "primary") -> pd.DataFrame:
    """Share of characters and of sentences per theme, per part.

    Args:
        sentences: from :func:`classify_sentences`.
        parts: the parts to keep, in this order (``None``: every part present).
        mode: see :func:`aggregate_themes`.

    Returns:
        Columns ``part, theme, sentences, chars, share_sentences, share_chars``; within each part both
        shares sum to 1.
    """
    if parts is not None:
        bad = [p for p in parts if p not in PARTS]
        if bad:
            raise ValueError(f"unknown parts {bad}; use some of {PARTS}")
        sentences = sentences[sentences["part"].isin(parts)]
    out = aggregate_themes(sentences, by="part", mode=mode)
    if parts is not None and not out.empty:
        rank = {p: i for i, p in enumerate(parts)}
        out = out.sort_values("part", key=lambda c: c.map(rank), kind="stable").reset_index(drop=True)
    return out


def theme_matrix(sentences: pd.DataFrame, *, by: str = "unit_id", measure: Measure = "chars",
                 mode: Mode = "primary") -> pd.DataFrame:
    """Shares as a wide table: one row per group (reading order), one column per theme code.

    Returns:
        Index named ``by``; columns :data:`THEME_CODES`; values the share of the group's characters
        (``measure="chars"``) or sentences.
    """
    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    long = aggregate_themes(sentences, by=by, mode=mode)
    if long.empty:
        return pd.DataFrame(columns=list(THEME_CODES))
    order = list(dict.fromkeys(long[by]))
    wide = long.pivot(index=by, columns="theme", values=f"share_{measure}")
    return wide.reindex(index=order, columns=list(THEME_CODES)).fillna(0.0)


def share_change(shares: pd.DataFrame, *, measure: Measure = "chars", before: str = "review",
                 after: str = "plan") -> pd.DataFrame:
    """How each theme's share moves from one part to another.

    Args:
        shares: from :func:`theme_shares` (holding both parts).
        measure: ``chars`` or ``sentences``.
        before, after: the two parts compared.

    Returns:
        Columns ``theme, <before>, <after>, change`` (``after - before``, as a fraction), sorted by change,
        largest gain first (ties in taxonomy order). Empty if either part is missing.
    """
    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    columns = ["theme", before, after, "change"]
    if shares.empty or not {before, after} <= set(shares["part"]):
        return pd.DataFrame(columns=columns)
    wide = shares.pivot(index="theme", columns="part", values=f"share_{measure}").reindex(list(THEME_CODES))
    out = wide[[before, after]].fillna(0.0).reset_index()
    out["change"] = out[after] - out[before]
    out["_order"] = range(len(out))
    out = out.sort_values(["change", "_order"], ascending=[False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def unit_matrix(sentences: pd.DataFrame, report: Report, *, parts: Sequence[str] = ("review", "plan"),
                max_rows: int | None = None, measure: Measure = "chars") -> tuple[pd.DataFrame, dict[str, str]]:
    """Theme shares of the units of some parts, one row per unit in reading order, with their headings.

    The units are the blocks (points and lead paragraphs) of ``parts``; when they are more than
    ``max_rows``, the units directly below each part (sections) instead; when those are still more, the
    ``max_rows`` longest of them, in reading order.

    Returns:
        ``(matrix, headings)``: :func:`theme_matrix` of those units, and unit id -> heading.
    """
    blocks = [b for b in report.blocks() if b.part in parts]
    if max_rows is None or len(blocks) <= max_rows:
        units, by = blocks, "unit_id"
    else:
        top = [u for u in report.units if u.level not in ("part", "sentence") and u.parent_id
               and report.unit(u.parent_id).level == "part" and u.part in parts]
        if len(top) > max_rows:
            longest = sorted(top, key=lambda u: -_chars(u.text))[:max_rows]
            top = sorted(longest, key=lambda u: u.start)
        units, by = top, "section"
    ids = [u.unit_id for u in units]
    matrix = theme_matrix(sentences[sentences[by].isin(ids)], by=by, measure=measure)
    return matrix.reindex(ids).fillna(0.0), {u.unit_id: u.heading for u in units}


def block_themes(sentences: pd.DataFrame, report: Report, *, by: str = "unit_id",
                 exclude_headings: bool = False) -> pd.DataFrame:
    """One row per block (or section): its primary theme and theme shares of characters.

    Args:
        sentences: from :func:`classify_sentences`.
        report: the report they came from.
        by: ``unit_id`` for the blocks (``report.blocks()``: points and lead paragraphs), ``section`` for
            the units directly below a part (the review's points, the plan's sections and lead paragraph).
        exclude_headings: leave heading lines and lead phrases out (to judge a unit by its body alone).

    Returns:
        Columns ``unit_id, part, start, end, heading, primary_theme, themes`` in reading order; ``themes``
        is ``code:share;…`` (share of the unit's characters, largest first, ``unclassified`` included);
        ``primary_theme`` is the theme (of the ten) with the largest share, ``unclassified`` if none.
    """
    if by not in ("unit_id", "section"):
        raise ValueError(f"by must be 'unit_id' or 'section', not {by!r}")
    _check_sentences(sentences, [by, "is_heading", "primary_theme", "chars"])
    columns = ["unit_id", "part", "start", "end", "heading", "primary_theme", "themes"]
    if by == "unit_id":
        units = report.blocks()
    else:
        units = [u for u in report.units if u.level not in ("part", "sentence") and u.parent_id
                 and report.unit(u.parent_id).level == "part"]
    if not units:
        return pd.DataFrame(columns=columns)
    used = sentences[~sentences["is_heading"]] if exclude_headings else sentences
    long = aggregate_themes(used, by=by) if not used.empty else pd.DataFrame(columns=[by, "theme", "share_chars"])
    shares: dict[str, dict[str, float]] = {}
    for uid, theme, share in zip(long[by], long["theme"], long["share_chars"]):
        if share > 0:
            shares.setdefault(uid, {})[theme] = float(share)
    rows = []
    for u in units:
        ranked = _rank(shares.get(u.unit_id, {}))
        primary = next((c for c, _ in ranked if c != UNCLASSIFIED), UNCLASSIFIED)
        rows.append((u.unit_id, u.part, u.start, u.end, u.heading, primary, format_themes(ranked)))
    return pd.DataFrame(rows, columns=columns).astype({"start": "int64", "end": "int64"})


def themes_table(doc: Document, *, taxonomy: Taxonomy | None = None, min_score: float = MIN_SCORE) -> pd.DataFrame:
    """The public themes table: one row per point-level unit (``report.blocks()``).

    Args:
        doc: the document.
        taxonomy, min_score: as for :func:`classify_sentences`.

    Returns:
        Columns ``unit_id, part, start, end, primary_theme, themes`` (``themes``: ``code:share;…``, the
        block's shares of characters by sentence primary theme, largest first).
    """
    sentences = classify_sentences(doc, taxonomy=taxonomy, min_score=min_score)
    return block_themes(sentences, doc.report)[TABLE_COLUMNS]


def strongest_sentences(sentences: pd.DataFrame, report: Report, *, per_theme: int = 3,
                        width: int | None = None) -> pd.DataFrame:
    """For each theme, the sentences that express it most strongly.

    Candidates are the sentences whose primary theme it is (heading lines excluded), ranked by the
    theme's score, then by the share of the sentence's total score that the theme holds, then by
    reading order.

    Args:
        sentences: from :func:`classify_sentences`.
        report: the report (for the sentence text).
        per_theme: sentences kept per theme.
        width: shorten the quoted text to this many characters (with "…"); ``None`` keeps it whole.

    Returns:
        Columns ``theme, rank, sentence_id, unit_id, score, keywords, text``, themes in taxonomy order.
    """
    if per_theme < 1:
        raise ValueError(f"per_theme must be at least 1, got {per_theme}")
    if width is not None and width < 2:
        raise ValueError(f"width must be at least 2, got {width}")
    _check_sentences(sentences, ["sentence_id", "primary_theme", "themes", "score", "is_heading", "start"])
    columns = ["theme", "rank", "sentence_id", "unit_id", "score", "keywords", "text"]
    c = sentences[(sentences["primary_theme"] != UNCLASSIFIED) & ~sentences["is_heading"]].copy()
    if c.empty:
        return pd.DataFrame(columns=columns)
    c["purity"] = [s / sum(parse_themes(t).values()) for s, t in zip(c["score"], c["themes"])]
    rows = []
    for code in THEMES:
        top = c[c["primary_theme"] == code].sort_values(["score", "purity", "start"], ascending=[False, False, True],
                                                         kind="stable").head(per_theme)
        for rank, row in enumerate(top.to_dict(orient="records"), 1):
            text = report.text[int(row["start"]):int(row["end"])].strip()
            if width is not None and len(text) > width:
                text = text[: width - 1] + "…"
            rows.append((code, rank, row["sentence_id"], row["unit_id"], row["score"], row["keywords"], text))
    return pd.DataFrame(rows, columns=columns)
