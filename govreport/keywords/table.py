"""The keywords table of ``python -m govreport keywords``: every method's top terms per part, and how the
methods agree."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..frames import from_columns, typed
from ..report import PARTS
from ..tokens import LAYERS
from .scores import (
    _alphabetical,
    _gauss_seidel_many,
    _log_odds,
    _long_enough,
    _part_sequence,
    _part_term_codes,
    _textrank_graph,
    _textrank_scaled,
    _tfidf_arrays,
)
from .terms import _check_top, _term_parts

if TYPE_CHECKING:  # pragma: no cover

    from ..document import Document

#: Columns of ``python -m govreport keywords``.
KEYWORD_COLUMNS = ["part", "method", "rank", "term", "score", "count"]
#: Methods of :func:`keywords_table`, in table order.
METHODS = ("frequency", "tfidf", "textrank", "keyness")


def keywords_table(doc: Document, *, top: int = 20, layers: Iterable[str] = LAYERS) -> pd.DataFrame:
    """The keywords of each part by four methods: ``part, method, rank, term, score, count``.

    For each part present (``preamble, review, plan, other``) and each method of :data:`METHODS`,
    the ``top`` best terms:

    * ``frequency``: score = occurrences in the part;
    * ``tfidf``: score from :func:`tfidf` of the part;
    * ``textrank``: score from :func:`textrank` of the part;
    * ``keyness``: score = z of :func:`keyness`, the part against the rest of the report (only
      terms with z > 0; none when the report has a single part).

    ``count`` is the term's number of occurrences in the part. There are no whole-report rows:
    every row names one part.

    Args:
        doc: the document.
        top: terms per part and method.
        layers: stopword layers to remove.
    """
    _check_top(top)
    layers = tuple(layers)
    inner, token_part, vocab, present = _term_parts(doc, layers)
    alphabetical, rank_of = _alphabetical(vocab)
    count = np.zeros((len(PARTS), len(vocab)), dtype=np.int64)  # count[part, term]
    np.add.at(count, (token_part[token_part >= 0], inner[token_part >= 0]), 1)
    candidates = _long_enough(vocab)
    idf = doc.term_idf(layers=layers)
    none: list[tuple[int, float]] = []
    out_part: list[str] = []  # the table's columns
    out_method: list[str] = []
    out_rank: list[int] = []
    out_term: list[str] = []
    out_score: list[float] = []
    out_count: list[int] = []
    ranked: dict[str, dict[str, list[tuple[int, float]]]] = {}
    graphs: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
    for k, part in enumerate(PARTS):
        if part not in present:
            continue
        # what part_counts(), tfidf(), textrank() and keyness() give, without a Counter or a frame for each
        counts = count[k]
        rest = sum((count[j] for j, other in enumerate(PARTS) if other in present and j != k),
                   np.zeros(len(vocab), dtype=np.int64))
        codes, seq = _part_term_codes(doc, part, layers), _part_sequence(doc, part, layers)
        used = np.flatnonzero(counts)
        ranked[part] = {
            "frequency": _best(used, counts[used], rank_of, top),
            "tfidf": _best(*_tfidf_arrays(codes, idf, candidates), rank_of, top) if len(codes) else none,
            "textrank": none,
            "keyness": _keyness_top(counts, rest, alphabetical, rank_of, top) if rest.any() else none,
        }
        graph = _textrank_graph(seq, vocab, span=5, long_enough=candidates, rank_of=rank_of) if len(seq) else None
        if graph is not None:
            graphs[part] = graph
    # the parts' TextRank graphs swept together: the scores each would have alone, in one pass of sweeps
    swept = _gauss_seidel_many([(src, dst, coef, len(nodes)) for nodes, src, dst, coef in graphs.values()])
    for (part, graph), ws in zip(graphs.items(), swept):
        ranked[part]["textrank"] = _best(*_textrank_scaled(graph[0], ws), rank_of, top)
    for k, part in enumerate(PARTS):
        if part not in ranked:
            continue
        in_part = count[k].tolist()
        for method in METHODS:
            best = ranked[part][method]
            out_part += [part] * len(best)
            out_method += [method] * len(best)
            out_rank += range(1, len(best) + 1)
            out_term += [vocab[term] for term, _ in best]
            out_score += [float(score) for _, score in best]
            out_count += [in_part[term] for term, _ in best]
    table = from_columns(dict(zip(KEYWORD_COLUMNS, (out_part, out_method, out_rank, out_term, out_score, out_count))),
                         KEYWORD_COLUMNS)
    return typed(table, {"part": "str", "method": "str", "rank": "int64", "term": "str", "score": "float64",
                         "count": "int64"})


def _best(terms: np.ndarray, scores: np.ndarray, rank_of: np.ndarray, top: int) -> list[tuple[int, float]]:
    """The ``top`` best ``(term code, score)`` of parallel arrays, best score first, ties by term (``rank_of``:
    each term code's place in alphabetical order): ``sorted(..., key=lambda kv: (-kv[1], term))[:top]``."""
    if 0 < top and 2 * top < len(terms) and not np.isnan(scores).any():
        # only the terms scoring at least the top-th best score can be among the best
        bar = np.partition(scores, len(scores) - top)[len(scores) - top]
        within = np.flatnonzero(scores >= bar)  # ties with the bar included: the order below settles them
        terms, scores = terms[within], scores[within]
    best = np.lexsort((rank_of[terms], -scores))[:top]
    return list(zip(terms[best].tolist(), scores[best].tolist()))


def _keyness_top(target: np.ndarray, reference: np.ndarray, alphabetical: np.ndarray, rank_of: np.ndarray,
                 top: int) -> list[tuple[int, float]]:
    """``keyness(target, reference)``'s terms with z > 0, best first, the ``top`` first, as ``(term code, z)``;
    the counts are arrays over the term vocabulary (``alphabetical``: its indices in sorted order, ``rank_of``
    the inverse)."""
    both = target + reference
    terms = alphabetical[both[alphabetical] > 0]  # keyness's vocabulary, sorted
    if len(terms) < 2:
        return []
    _, z = _log_odds(target[terms], reference[terms], both[terms], 0.01)
    positive = z > 0
    return _best(terms[positive], z[positive], rank_of, top)  # by z, then by term, as keyness sorts


def method_agreement(tables: Mapping[str, pd.DataFrame], *, top: int = 15) -> pd.DataFrame:
    """Side by side: the top terms of several methods, and which methods list each term.

    Args:
        tables: method name -> frame with a ``term`` column, best first.
        top: how many terms of each method to compare.

    Returns:
        One row per term in any top list, columns ``term`` then one rank column per method
        (``<NA>`` when the term is not in that method's top) and ``methods`` (how many list it),
        sorted by number of methods, then best rank.
    """
    _check_top(top)
    ranks: dict[str, dict[str, int]] = {}
    for method, frame in tables.items():
        for rank, term in enumerate(frame["term"].head(top), start=1):
            ranks.setdefault(term, {})[method] = rank
    columns = ["term", *tables, "methods"]
    rows = [[term, *(r.get(m) for m in tables), len(r)] for term, r in ranks.items()]
    frame = pd.DataFrame(rows, columns=columns)
    for m in tables:
        frame[m] = frame[m].astype("Int64")
    frame["best"] = frame[list(tables)].min(axis=1)
    frame = frame.sort_values(["methods", "best", "term"], ascending=[False, True, True], kind="stable")
    return frame.drop(columns="best").reset_index(drop=True)
