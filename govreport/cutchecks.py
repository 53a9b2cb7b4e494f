"""Checks of a segmentation: are the lexicon's terms kept whole, and which words come from no dictionary.

:func:`term_integrity` feeds the segmentation audit of the Methods chapter and the keyword evaluation;
:func:`unknown_words` lists what jieba's HMM (or a missing dictionary entry) left behind;
:func:`integrity_table` and :func:`compare_top_terms` set a document cut with the lexicon beside the same
report cut by a baseline (jieba's own dictionary).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from .keywords.terms import _check_top, term_counts
from .tokens import _LATIN, LAYERS, NON_TERM_POS, Segmenter, Token

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

__all__ = ["compare_top_terms", "integrity_table", "term_integrity", "unknown_words"]


def term_integrity(tokens: Iterable[Token], text: str, terms: Iterable[str]) -> pd.DataFrame:
    """Check whether a segmentation keeps each occurrence of the given terms whole.

    Every place where a term's characters occur is classified by the tokens there:

    * kept whole: no token boundary falls strictly inside it (it may sit inside a longer token, as
      紫坭 inside 紫坭红砖屋);
    * split: the tokens start and end with it but cut it inside (百千万 / 工程), a failure;
    * other reading: a token runs across its start or end, so the characters are read as parts of
      other words (全街 in 建立健全 / 街道); listed so a person can confirm the reading.

    Args:
        tokens: the tokens of ``text`` (e.g. ``seg.table(text)``), covering it in order.
        text: the text they were cut from.
        terms: terms to look for, e.g. a segmenter's ``protected_terms`` (user dictionary plus
            extra terms).

    Returns:
        One row per term occurring in ``text``, columns ``term, occurrences, kept_whole, split,
        other_reading, split_as, other_as`` (the tokens over the first split and first
        other-reading occurrence, joined by " / ", else ""), sorted by term.
    """
    chosen = sorted(set(terms) - {""})
    columns = ["term", "occurrences", "kept_whole", "split", "other_reading", "split_as", "other_as"]
    ints = {c: "int64" for c in ("occurrences", "kept_whole", "split", "other_reading")}
    if not text or not chosen:
        return pd.DataFrame(columns=columns).astype(ints)
    tokens = list(tokens)
    boundaries = {t.start for t in tokens} | {len(text)}

    def covering(a: int, b: int) -> str:
        return " / ".join(t.token for t in tokens if t.end > a and t.start < b)

    rows = []
    for term in chosen:
        counts = {"kept_whole": 0, "split": 0, "other_reading": 0}
        split_as = other_as = ""
        i = text.find(term)
        while i >= 0:
            j = i + len(term)
            if not any(k in boundaries for k in range(i + 1, j)):
                counts["kept_whole"] += 1
            elif i in boundaries and j in boundaries:
                counts["split"] += 1
                split_as = split_as or covering(i, j)
            else:
                counts["other_reading"] += 1
                other_as = other_as or covering(i, j)
            i = text.find(term, i + 1)
        n = sum(counts.values())
        if n:
            rows.append((term, n, counts["kept_whole"], counts["split"], counts["other_reading"], split_as, other_as))
    return pd.DataFrame(rows, columns=columns).astype(ints)


def unknown_words(seg: Segmenter, tokens: Iterable[Token]) -> pd.DataFrame:
    """Tokens found in no dictionary of ``seg``: neither jieba's, nor the user dictionary, nor extra terms.

    With ``hmm=True`` these are the words jieba's HMM invented; with ``hmm=False`` they are single
    characters missing from the dictionary.

    Args:
        seg: the segmenter that cut the tokens.
        tokens: its tokens of a text (``seg.table(text)``).

    Returns:
        Columns ``token, count``, most frequent first (ties by token).
    """
    counts: dict[str, int] = {}
    for t in tokens:
        if t.pos in NON_TERM_POS or t.token in seg.protected_terms or seg.has_word(t.token):
            continue
        if _LATIN.match(t.token):
            continue
        counts[t.token] = counts.get(t.token, 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame(rows, columns=["token", "count"]).astype({"count": "int64"})


def integrity_table(doc: Document, baseline: Document) -> pd.DataFrame:
    """How well each curated or harvested term survives segmentation, with and without the lexicon.

    Args:
        doc: the document, cut by the segmenter under test.
        baseline: the same report cut for comparison, e.g. with ``Resources(user_dict=False, hmm=True)``
            (jieba's own dictionary and defaults).

    Returns:
        For every protected term of ``doc.segmenter`` found in the text, columns ``term, source, category,
        occurrences, kept_whole, split, other_reading, other_as, baseline_kept_whole,
        baseline_split, baseline_split_as`` (see :func:`govreport.cutchecks.term_integrity`);
        ``source`` is ``user_dict`` or ``harvested`` (category ``quoted``); sorted by source,
        category, term.
    """
    seg = doc.segmenter
    text = doc.report.text
    ours = term_integrity(doc.tokens, text, seg.protected_terms)
    theirs = term_integrity(baseline.tokens, baseline.report.text, seg.protected_terms)
    theirs = theirs[["term", "kept_whole", "split", "split_as"]].rename(
        columns={"kept_whole": "baseline_kept_whole", "split": "baseline_split", "split_as": "baseline_split_as"})
    merged = ours.merge(theirs, on="term", how="left")
    lexicon = seg.lexicon
    merged["source"] = ["user_dict" if t in lexicon.terms else "harvested" for t in merged["term"]]
    merged["category"] = [lexicon.categories.get(t, "quoted") for t in merged["term"]]
    columns = ["term", "source", "category", "occurrences", "kept_whole", "split", "other_reading", "other_as",
               "baseline_kept_whole", "baseline_split", "baseline_split_as"]
    merged = merged[columns].sort_values(["source", "category", "term"], kind="stable")
    return merged.reset_index(drop=True)


def compare_top_terms(
    doc: Document,
    baseline: Document,
    *,
    top: int = 20,
    layers: Iterable[str] = LAYERS,
    baseline_layers: Iterable[str] = ("function",),
) -> pd.DataFrame:
    """The ``top`` most frequent terms with the project lexicon and with a baseline, side by side.

    Args:
        doc: the document, cut with the lexicon.
        baseline: the same report cut by the comparison segmenter (e.g. jieba's own dictionary).
        top: rows.
        layers: stopword layers removed for ``doc``.
        baseline_layers: stopword layers removed for the baseline (default: function words only,
            what a plain keyword count would drop).

    Returns:
        Columns ``rank, with_lexicon, count, baseline, baseline_count``.
    """
    _check_top(top)
    ours = term_counts(doc, layers=layers).head(top)
    theirs = term_counts(baseline, layers=baseline_layers).head(top)
    frame = pd.DataFrame({"rank": range(1, top + 1)})
    frame["with_lexicon"] = pd.Series(list(ours["term"]), dtype="str").reindex(range(top))
    frame["count"] = pd.Series(list(ours["count"])).reindex(range(top)).astype("Int64")
    frame["baseline"] = pd.Series(list(theirs["term"]), dtype="str").reindex(range(top))
    frame["baseline_count"] = pd.Series(list(theirs["count"])).reindex(range(top)).astype("Int64")
    return frame
