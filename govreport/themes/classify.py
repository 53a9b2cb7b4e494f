"""Sentences scored against the taxonomy, and their sums by block, section and part.

See :mod:`govreport.themes` for the method.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np
import pandas as pd

from ..chars import visible_chars
from ..frames import typed
from ..report import PARTS, Report, Unit
from ..tokens import _factorize
from .taxonomy import (
    MIN_SCORE,
    THEME_CODES,
    THEMES,
    UNCLASSIFIED,
    Entry,
    Taxonomy,
    _rank,
    compile_keywords,
    format_themes,
    parse_themes,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document
    from ..tokens import Segmenter

__all__ = [
    "TABLE_COLUMNS", "SENTENCE_COLUMNS", "classify_sentences", "aggregate_themes", "theme_shares", "theme_matrix",
    "share_change", "unit_matrix", "block_themes", "themes_table", "strongest_sentences", "name_keywords",
]

#: Columns of :func:`themes_table` (the CLI ``themes`` subcommand).
TABLE_COLUMNS = ["unit_id", "part", "start", "end", "primary_theme", "themes"]
SENTENCE_COLUMNS = ["sentence_id", "unit_id", "section", "part", "start", "end", "chars", "is_heading",
                    "primary_theme", "score", "themes", "keywords"]
Mode = Literal["primary", "split"]
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
    phrases = _phrases(doc, taxonomy)
    seg = doc.segmenter
    for name, entry in name_keywords(doc.names, taxonomy, seg.lexicon.name_suffixes).items():
        phrases.setdefault((seg.canonical(name),), entry)
    found = _matches(doc, phrases)
    # each sentence's scores, in the order of its matches (np.add.at adds in that order, as a loop would)
    codes = taxonomy.codes
    n, width = len(sentences), len(codes)
    theme = np.array([codes.index(e[0]) for e in found.entries], dtype=np.int64)
    weight = np.array([e[1] for e in found.entries], dtype=np.float64)
    score = np.zeros((n, width), dtype=np.float64)
    np.add.at(score, (found.sentence, theme), weight)
    first = np.full((n, width), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, (found.sentence, theme), found.position)
    # ranked themes: by score, then first match, then taxonomy order (taxonomy.taxonomy._rank)
    k, t = np.nonzero(score > 0)
    order = np.lexsort((t, first[k, t], -score[k, t], k))
    k, t = k[order], t[order]
    values = score[k, t]
    label: dict[tuple[int, float], str] = {}  # "code:score", formatted once per distinct pair
    items = []
    for key in zip(t.tolist(), values.tolist()):
        item = label.get(key)
        if item is None:
            item = label[key] = format_themes([(codes[key[0]], key[1])])
        items.append(item)
    cut = np.searchsorted(k, np.arange(n + 1)).tolist()
    head = np.array(cut[:-1], dtype=np.int64)
    ranked_any = np.diff(cut) > 0
    top_score = np.where(ranked_any, values[np.minimum(head, max(len(values) - 1, 0))] if len(values) else 0.0, 0.0)
    top_theme = t[np.minimum(head, max(len(t) - 1, 0))] if len(t) else np.zeros(n, dtype=np.int64)
    classified = ranked_any & (top_score >= min_score)
    primary = [codes[c] if ok else UNCLASSIFIED for c, ok in zip(top_theme.tolist(), classified.tolist())]
    themes = [";".join(items[a:b]) for a, b in zip(cut[:-1], cut[1:])]
    mcut = np.searchsorted(found.sentence, np.arange(n + 1)).tolist()
    keywords = [";".join(e[2] for e in found.entries[a:b]) for a, b in zip(mcut[:-1], mcut[1:])]
    # where each sentence sits
    space = _space_counts(report.text)
    starts = np.fromiter((x.start for x in sentences), dtype=np.int64, count=n)
    ends = np.fromiter((x.end for x in sentences), dtype=np.int64, count=n)
    sections: dict[str, str] = {}
    blocks, heading = [], []
    for x in sentences:
        parent = report.unit(x.parent_id)
        block = parent if parent.level != "sentence" else report.block_at(x.start)
        if block.unit_id not in sections:
            sections[block.unit_id] = _section_of(report, block)
        blocks.append(block.unit_id)
        heading.append(_is_heading_sentence(x, parent))
    return pd.DataFrame({  # (arrays, not Series: nothing to align)
        "sentence_id": pd.array([x.unit_id for x in sentences], dtype="str"),
        "unit_id": pd.array(blocks, dtype="str"),
        "section": pd.array([sections[b] for b in blocks], dtype="str"),
        "part": pd.array([x.part for x in sentences], dtype="str"),
        "start": starts, "end": ends,
        "chars": ends - starts - (space[ends] - space[starts]),
        "is_heading": np.array(heading, dtype=bool),
        "primary_theme": pd.array(primary, dtype="str"),
        "score": np.where(classified, top_score, 0.0).astype(np.float64),
        "themes": pd.array(themes, dtype="str"),
        "keywords": pd.array(keywords, dtype="str"),
    }, columns=SENTENCE_COLUMNS)


def _space_counts(text: str) -> np.ndarray:
    """``counts[i]``: how many of the first ``i`` characters of ``text`` are whitespace (``str.isspace``;
    the regular expression ``\\s`` of a str pattern is the same class)."""
    at = np.zeros(len(text) + 1, dtype=np.int64)
    at[np.fromiter((m.start() + 1 for m in _SPACE.finditer(text)), dtype=np.int64)] = 1
    return np.cumsum(at)


def name_keywords(names: Iterable[str], taxonomy: Taxonomy, suffixes: Iterable[str]) -> dict[str, Entry]:
    """The keyword each harvested name counts as: the longest keyword of the taxonomy that is also a name
    suffix (``data/lexicon/name_parts.csv``) and that the name ends with (莲香楼食品工业园 -> 工业园, 罗湖外语学校
    -> 学校, 沙湾社区卫生服务中心 -> 社区卫生服务中心). A name that is itself a keyword, or ends in no such
    keyword, is left out.

    A harvested name is kept whole as one token (:func:`govreport.harvest.harvest_names`), and a keyword is
    never found inside a longer token; without this rule the name would hide the keyword that says what it
    is (an industrial park, a school, a village).

    Returns:
        Name -> ``(theme, weight, keyword)``, the keyword's entry.
    """
    entries: dict[str, Entry] = {}
    for theme in taxonomy.themes:
        for kw, weight in theme.keywords.items():
            entries.setdefault(kw, (theme.code, weight, kw))
    ends = sorted({kw for kw in suffixes if kw in entries}, key=lambda k: (-len(k), k))
    out: dict[str, Entry] = {}
    for name in names:
        end = next((k for k in ends if name.endswith(k)), None)
        if end is not None and name not in entries:
            out[name] = entries[end]
    return out


def keyword_cuts(taxonomy: Taxonomy, seg: Segmenter) -> list[tuple[str, float, str, tuple[str, ...]]]:
    """Every keyword of the taxonomy, in order, as ``seg`` cuts it: ``(theme, weight, keyword, phrase)``, the
    phrase being the canonical spellings of its tokens, punctuation dropped (as :func:`compile_keywords`
    cuts it)."""
    return [(theme.code, weight, kw, _phrase(seg, kw)) for theme in taxonomy.themes
            for kw, weight in theme.keywords.items()]


def _phrase(seg: Segmenter, keyword: str) -> tuple[str, ...]:
    return tuple(seg.canonical(t.token) for t in seg.tokens(keyword) if t.pos != "x")


def _phrases(doc: Document, taxonomy: Taxonomy) -> dict[tuple[str, ...], Entry]:
    """``compile_keywords(taxonomy, doc.segmenter)``, from the keywords as the resources' segmenter cuts them
    (:attr:`~govreport.document.Resources.keyword_cuts`, cut once for every document).

    A document's segmenter is the resources' one with the phrases the report quotes added; such a phrase
    changes the cut of a keyword only where it occurs in the keyword (it is merged, or tagged, nowhere
    else), so only those keywords are cut again."""
    res = doc.resources
    seg, base = doc.segmenter, res.segmenter
    if (taxonomy is not res.taxonomy or seg.tokenizer is not base.tokenizer or seg.lexicon is not base.lexicon
            or seg.user_dict != base.user_dict or not base.protected_terms <= seg.protected_terms):
        return compile_keywords(taxonomy, seg)
    cuts = res.keyword_cuts
    recut: set[int] = set()
    extra = seg.protected_terms - base.protected_terms
    if extra:
        joined = "\n".join(kw for _, _, kw, _ in cuts)
        offsets = np.cumsum([0, *(len(kw) + 1 for _, _, kw, _ in cuts)]).tolist()
        for term in extra:
            i = joined.find(term)
            while i >= 0:
                recut.add(bisect.bisect_right(offsets, i) - 1)
                i = joined.find(term, i + 1)
    out: dict[tuple[str, ...], Entry] = {}
    for i, (code, weight, kw, phrase) in enumerate(cuts):
        if i in recut:
            phrase = _phrase(seg, kw)
        if phrase:
            out.setdefault(phrase, (code, weight, kw))
    return out


class _Found(NamedTuple):
    """Keyword matches of a whole text: for each, its sentence, its index among the sentence's matched
    tokens (tags other than ``x``), and its entry; in text order."""

    sentence: np.ndarray
    position: np.ndarray
    entries: list[Entry]


def _matches(doc: Document, phrases: Mapping[tuple[str, ...], Entry]) -> _Found:
    """:func:`~govreport.themes.taxonomy.match_keywords` over every sentence at once.

    In each sentence, the canonical spellings of its tokens (tags other than ``x``) are matched left to
    right, at each place the first phrase that fits (longest first, then in phrase order), none overlapping
    the previous match, none running past the sentence's end; as ``match_keywords`` does. Here the tokens
    are integers (each distinct canonical spelling once) and each phrase is tried everywhere at once with
    NumPy; only matches of two tokens or more, which can hide later ones, are walked one by one."""
    table = doc.tokens
    n_sent = len(doc.sentences)
    none = _Found(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), [])
    if not len(table) or not n_sent:
        return none
    canon, spellings = _factorize(doc.canonical_vocab)  # each spelling numbered in vocabulary order
    code_of = {c: i for i, c in enumerate(spellings)}
    kept = np.flatnonzero(~table.pos_in(("x",)))
    seq = canon[table.codes[kept]]
    n = len(seq)
    # sentence k holds seq[bounds[k]:bounds[k + 1]]
    bounds = np.searchsorted(kept, doc.sentence_bounds, side="left")
    sentence = np.searchsorted(bounds, np.arange(n), side="right") - 1
    inside = (sentence >= 0) & (sentence < n_sent)
    end = bounds[np.clip(sentence + 1, 0, n_sent)]
    # the phrases whose words all occur, in the order match_keywords tries them at one place
    tried = sorted((p for p in phrases if all(w in code_of for w in p)), key=lambda p: (-len(p), p))
    if not tried:
        return none
    by_code = np.argsort(seq, kind="stable")
    groups = np.searchsorted(seq[by_code], np.arange(len(code_of) + 1))
    best = np.full(n, -1, dtype=np.int64)
    single = np.full(len(code_of), -1, dtype=np.int64)  # each one-word phrase's place in tried, by its word
    for k, phrase in enumerate(tried):
        words = [code_of[w] for w in phrase]
        if len(words) == 1:
            single[words[0]] = k
            continue
        at = by_code[groups[words[0]]:groups[words[0] + 1]]
        at = at[(best[at] < 0) & inside[at]]
        at = at[at + len(words) <= end[at]]
        for m, w in enumerate(words[1:], 1):
            at = at[seq[at + m] == w]
        best[at] = k
    # the one-word phrases come after every longer one and each has a word of its own: all at once
    k_at = single[seq]
    at = np.flatnonzero((k_at >= 0) & (best < 0) & inside)
    best[at] = k_at[at]
    at = np.flatnonzero(best >= 0)
    length = np.array([len(p) for p in tried], dtype=np.int64)[best[at]]
    # a match starting inside an earlier (taken) match of several tokens is not taken
    covered = np.zeros(n + 1, dtype=np.int64)
    free = 0
    for i, size in zip(at[length > 1].tolist(), length[length > 1].tolist()):
        if i >= free:
            covered[i + 1] += 1
            covered[i + size] -= 1
            free = i + size
    at = at[np.cumsum(covered)[at] == 0]
    return _Found(sentence[at], at - bounds[sentence[at]], [phrases[tried[c]] for c in best[at].tolist()])


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
    if mode == "primary" and s["chars"].dtype.kind in "iu" and not s[by].isna().any():
        return _aggregate_primary(s, by, columns)
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
        agg = typed(agg, {"sentences": "int64", "chars": "int64"})
    return agg[columns]


def _aggregate_primary(s: pd.DataFrame, by: str, columns: list[str]) -> pd.DataFrame:
    """:func:`aggregate_themes` with ``mode="primary"``, counted with NumPy: every sum is of whole numbers
    (a sentence and its characters go to one theme), so it is exact whatever the order, and each share is
    the same division as pandas makes."""
    order = list(dict.fromkeys(s.sort_values("start", kind="stable")[by].tolist()))
    group = {g: i for i, g in enumerate(order)}
    theme = {c: i for i, c in enumerate(THEME_CODES)}
    gi = np.array([group[g] for g in s[by].tolist()], dtype=np.int64)
    ti = np.array([theme.get(c, -1) for c in s["primary_theme"].tolist()], dtype=np.int64)
    known = ti >= 0
    shape = (len(order), len(THEME_CODES))
    n_sent = np.zeros(shape, dtype=np.int64)
    n_chars = np.zeros(shape, dtype=np.int64)
    np.add.at(n_sent, (gi[known], ti[known]), 1)
    np.add.at(n_chars, (gi[known], ti[known]), s["chars"].to_numpy()[known])

    def share(n: np.ndarray) -> np.ndarray:
        total = n.sum(axis=1, keepdims=True).astype(np.float64)
        out = np.zeros(shape, dtype=np.float64)
        np.divide(n.astype(np.float64), total, out=out, where=total > 0)
        return out.ravel()

    # every group with every theme, groups in reading order, themes in taxonomy order (one frame, built once)
    grid = {by: np.repeat(np.array(order, dtype=object), len(THEME_CODES)),
            "theme": np.tile(np.array(THEME_CODES, dtype=object), len(order)),
            "sentences": n_sent.ravel(), "chars": n_chars.ravel(),
            "share_sentences": share(n_sent), "share_chars": share(n_chars)}
    return pd.DataFrame({c: grid[c] for c in columns})


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
            longest = sorted(top, key=lambda u: -visible_chars(u.text))[:max_rows]
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
    for uid, theme, share in zip(long[by].tolist(), long["theme"].tolist(), long["share_chars"].tolist()):
        if share > 0:
            shares.setdefault(uid, {})[theme] = float(share)
    rows = []
    for u in units:
        ranked = _rank(shares.get(u.unit_id, {}))
        primary = next((c for c, _ in ranked if c != UNCLASSIFIED), UNCLASSIFIED)
        rows.append((u.unit_id, u.part, u.start, u.end, u.heading, primary, format_themes(ranked)))
    return typed(pd.DataFrame(rows, columns=columns), {"start": "int64", "end": "int64"})


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
