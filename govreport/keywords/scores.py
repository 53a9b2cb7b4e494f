"""Scores of terms: TF-IDF and TextRank with jieba's formulas and tables, and keyness (weighted log-odds)."""
from __future__ import annotations

import hashlib
import heapq
import importlib.util
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from ..frames import typed
from ..paths import cache_dir
from ..tokens import LAYERS
from .terms import _check_top, part_ranges

if TYPE_CHECKING:  # pragma: no cover

    from ..document import Document

@dataclass(frozen=True)
class IdfTable:
    """jieba's IDF table (``jieba/analyse/idf.txt``) and its median, the IDF of an unknown term.

    The words are kept sorted in a NumPy array beside their values (about 20 MB, against 50 MB as a dict),
    and looked up together (:meth:`lookup`); ``idf`` gives the same table as a mapping.
    """

    words: np.ndarray  # sorted, dtype str
    values: np.ndarray  # float64, values[i] is the IDF of words[i]
    median: float

    @classmethod
    def load(cls) -> IdfTable:
        """Read the table as jieba's ``IDFLoader`` reads it, without importing jieba (``jieba.analyse`` also
        builds jieba's part-of-speech tagger, about 0.4 s and 170 MB, which is not used).

        The parsed table is kept in the project's cache (``.cache/jieba/idf.<key>.npz``, keyed by jieba's
        version and the file), written whole and renamed into place; it loads in a few hundredths of a
        second, against about a third of a second for parsing the 270,000 lines.
        """
        source = Path(_jieba_origin()).parent / "analyse" / "idf.txt"
        st = source.stat()
        key = hashlib.sha1(f"{_jieba_version()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
        cached = cache_dir("jieba") / f"idf.{key}.npz"
        if cached.is_file():
            try:
                with np.load(cached, allow_pickle=False) as data:
                    return cls(data["words"], data["values"], float(data["median"]))
            except (OSError, ValueError, KeyError):
                pass  # a damaged cache: parse the file again
        idf: dict[str, float] = {}
        for line in source.read_bytes().decode("utf-8").splitlines():
            word, freq = line.strip().split(" ")
            idf[word] = float(freq)
        median = sorted(idf.values())[len(idf) // 2]
        words = np.array(sorted(idf))
        table = cls(words, np.array([idf[w] for w in words.tolist()], dtype=np.float64), median)
        fd, tmp = tempfile.mkstemp(prefix=cached.name, suffix=".npz", dir=cached.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, words=table.words, values=table.values, median=np.float64(median))
            os.replace(tmp, cached)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
        return table

    def lookup(self, words: Sequence[str]) -> np.ndarray:
        """The IDF of each word (the median for a word the table lacks).

        A word is found by its hash among the table's sorted hashes (:attr:`hashes`), then compared with the
        table's word there; if two of the table's words shared a hash, the words would be searched for
        themselves instead.
        """
        if not len(words) or not len(self.words):
            return np.full(len(words), self.median, dtype=np.float64)
        sorted_hashes = self.hashes
        if sorted_hashes is None:  # pragma: no cover  (no two of jieba's words share a hash in practice)
            query = np.array(list(words), dtype=str)
            at = np.minimum(np.searchsorted(self.words, query), len(self.words) - 1)
        else:
            order, hashes = sorted_hashes
            keys = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
            at = order[np.minimum(np.searchsorted(hashes, keys), len(hashes) - 1)]
        # NumPy's str arrays drop trailing NULs: a word with a NUL is never in the table
        found = [w == t and "\x00" not in w for w, t in zip(words, self.words[at].tolist())]
        return np.where(found, self.values[at], self.median)

    @cached_property
    def hashes(self) -> tuple[np.ndarray, np.ndarray] | None:
        """``(order, sorted)``: the words' hashes (this process's string hashes) sorted, and the index of the
        word of each; ``None`` if two words share a hash. Built on first use, in about a tenth of a second
        (:meth:`Resources.preload <govreport.document.Resources.preload>` builds it before forking, so that
        workers share it)."""
        of = np.fromiter(map(hash, self.words.tolist()), dtype=np.int64, count=len(self.words))
        order = np.argsort(of, kind="stable")
        ordered = of[order]
        if len(ordered) > 1 and bool((ordered[1:] == ordered[:-1]).any()):  # pragma: no cover
            return None
        return order, ordered

    @property
    def idf(self) -> Mapping[str, float]:
        """The table as a mapping word -> IDF."""
        return dict(zip(self.words.tolist(), self.values.tolist()))


def _jieba_origin() -> str:
    """jieba's ``__init__.py``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise FileNotFoundError("jieba is not installed: its IDF table is needed for TF-IDF")
    return spec.origin


def _jieba_version() -> str:
    from importlib import metadata

    return metadata.version("jieba")


class _Pair(NamedTuple):
    word: str
    flag: str


def _top(pairs: Iterable[tuple[str, float]], top: int | None) -> list[tuple[str, float]]:
    """``(term, score)`` pairs best first (ties by term), the ``top`` first (``None``: all)."""
    key = lambda kv: (-kv[1], kv[0])
    return heapq.nsmallest(top, pairs, key=key) if top else sorted(pairs, key=key)  # the same as sorted()[:top]


def _ranked(pairs: Iterable[tuple[str, float]], top: int | None) -> pd.DataFrame:
    frame = pd.DataFrame(_top(pairs, top), columns=["term", "score"])
    return typed(frame, {"term": "str", "score": "float64"})


def _tfidf_scores(codes: np.ndarray, vocab: Sequence[str], idf_of: np.ndarray) -> list[tuple[str, float]]:
    """jieba's ``TFIDF.extract_tags`` (jieba 0.42.1) on a sequence of terms (as codes into ``vocab``; ``idf_of``:
    the IDF of each term of ``vocab``), with no stopwords, as ``(term, score)`` pairs: see
    :func:`_tfidf_arrays`."""
    terms, scores = _tfidf_arrays(codes, idf_of, _long_enough(vocab))
    return [(vocab[t], s) for t, s in zip(terms.tolist(), scores.tolist())]


def _tfidf_arrays(codes: np.ndarray, idf_of: np.ndarray, long_enough: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """jieba's ``TFIDF.extract_tags`` scores as arrays ``(term codes, scores)``, in code order: each term of two
    characters or more (spaces aside; ``long_enough``, by term code) scores its count times its IDF (the
    table's median if it has none) divided by the count of all such terms. Counted with NumPy; the
    arithmetic is jieba's, operation for operation, so the scores are equal to the last bit."""
    tally = np.bincount(codes)  # codes are term codes (0 or more): np.unique's counts, without its sort
    seen = np.flatnonzero(tally)
    n = tally[seen]
    keep = long_enough[seen] if len(seen) else np.zeros(0, dtype=bool)
    seen = seen[keep]
    if not len(seen):
        return seen, np.zeros(0, dtype=np.float64)
    freq = n[keep].astype(np.float64)
    total = float(freq.sum())  # a sum of whole numbers, exact in any order
    return seen, freq * (idf_of[seen] / total)  # jieba: freq[k] *= idf / total


def _textrank_scores(codes: np.ndarray, vocab: Sequence[str], *, span: int) -> list[tuple[str, float]]:
    """jieba's ``TextRank.textrank`` (jieba 0.42.1, ``allowPOS=("term",)``, no stopwords) on a sequence of
    tokens given as term codes into ``vocab`` (-1 for a token that is no term), as ``(term, score)`` pairs:
    see :func:`_textrank_arrays`."""
    terms, scores = _textrank_arrays(codes, vocab, span=span, long_enough=_long_enough(vocab),
                                     rank_of=_alphabetical(vocab)[1])
    return [(vocab[t], s) for t, s in zip(terms.tolist(), scores.tolist())]


def _alphabetical(vocab: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(alphabetical, rank_of)`` of a vocabulary of distinct terms: the term codes in sorted order, and each
    code's place in that order (the inverse)."""
    alphabetical = np.array(sorted(range(len(vocab)), key=vocab.__getitem__), dtype=np.int64)
    rank_of = np.empty(len(vocab), dtype=np.int64)
    rank_of[alphabetical] = np.arange(len(vocab))
    return alphabetical, rank_of


def _textrank_arrays(codes: np.ndarray, vocab: Sequence[str], *, span: int, long_enough: np.ndarray,
                     rank_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """jieba's ``TextRank.textrank`` scores as arrays ``(term codes, scores)``: terms of two characters or more
    (``long_enough``, by term code) linked when fewer than ``span`` tokens apart, ranked by 10 iterations of
    weighted PageRank (d = 0.85), scaled as jieba scales them: :func:`_textrank_graph`, its sweeps
    (:func:`_gauss_seidel`) and :func:`_textrank_scaled`. ``rank_of`` is each term code's place in the
    alphabetical order of ``vocab`` (:func:`_alphabetical`)."""
    graph = _textrank_graph(codes, vocab, span=span, long_enough=long_enough, rank_of=rank_of)
    if graph is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    nodes, src, dst, coef = graph
    return _textrank_scaled(nodes, _gauss_seidel(src, dst, coef, len(nodes)))


def _textrank_graph(codes: np.ndarray, vocab: Sequence[str], *, span: int, long_enough: np.ndarray,
                    rank_of: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """jieba's TextRank graph of a token sequence (term codes into ``vocab``, -1 for a token that is no term),
    ready for its sweeps: ``(nodes, src, dst, coef)``, the linked term codes in the order jieba sweeps them
    (sorted by term) and the half-links between their places in that order, each weighted by its link's
    count over its far end's total; None when nothing is linked.

    The links are counted with NumPy; jieba's graph keeps them in order of first occurrence and its
    PageRank updates the nodes one by one in sorted order, summing each node's links in that order, which
    the half-links keep, so that the scores come out equal to the last bit."""
    seq = np.where(codes >= 0, codes, 0)
    seq = np.where((codes >= 0) & long_enough[seq], codes, -1) if len(vocab) else codes
    n_vocab = max(len(vocab), 1)
    keys, times = [], []
    for d in range(1, span):
        a, b = seq[:-d], seq[d:]
        linked = np.flatnonzero((a >= 0) & (b >= 0))
        keys.append(a[linked] * n_vocab + b[linked])
        times.append(linked * span + d)  # jieba's loop visits (i, i + d) at time i * span + d
    key = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    if not len(key):
        return None
    time = np.concatenate(times)
    key = key[np.argsort(time, kind="stable")]
    edge, first, weight = np.unique(key, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    edge, weight = edge[order], weight[order]
    # jieba's graph: each link (a, b, w) adds (b, w) to a's list, then (a, w) to b's; as half-links, sorted
    # stably by their node (sorted by its term, the order of jieba's sweep), each node's list stays in order
    src = np.empty(2 * len(edge), dtype=np.int64)
    dst = np.empty(2 * len(edge), dtype=np.int64)
    src[0::2], dst[0::2] = np.divmod(edge, n_vocab)
    src[1::2], dst[1::2] = dst[0::2], src[0::2]
    half_weight = np.repeat(weight, 2).astype(np.float64)
    linked_terms = np.zeros(n_vocab, dtype=bool)
    linked_terms[src] = True  # every node is the source of a half-link
    nodes = np.flatnonzero(linked_terms)  # the linked terms, ascending (np.unique's order)
    nodes = nodes[np.argsort(rank_of[nodes], kind="stable")]  # jieba sweeps its nodes sorted by term
    place = np.zeros(n_vocab, dtype=np.int64)
    place[nodes] = np.arange(len(nodes))
    src, dst = place[src], place[dst]
    out_sum = np.bincount(src, weights=half_weight, minlength=len(nodes))  # sums of whole numbers: exact
    coef = half_weight / out_sum[dst]  # jieba: e[2] / outSum[e[1]], then times ws[e[1]]
    return nodes, src, dst, coef


def _textrank_scaled(nodes: np.ndarray, ws: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """``(nodes, scores)``: the swept scores ``ws`` of a graph's nodes scaled as jieba scales them."""
    lo, hi = min(sys.float_info.max, *ws), max(sys.float_info.min, *ws)  # jieba's bounds, as its loop finds them
    # jieba scales each node's score as (w - lo / 10.0) / (hi - lo / 10.0): element by element, the same bits
    return nodes, (np.array(ws, dtype=np.float64) - lo / 10.0) / (hi - lo / 10.0)


def _long_enough(vocab: Sequence[str]) -> np.ndarray:
    return np.fromiter(map(len, map(str.strip, vocab)), dtype=np.int64, count=len(vocab)) >= 2


def _gauss_seidel(src: np.ndarray, dst: np.ndarray, coef: np.ndarray, n: int, *, damping: float = 0.85,
                  sweeps: int = 10) -> list[float]:
    """jieba's PageRank sweeps (``UndirectWeightedGraph.rank``) of one graph, to the last bit: see
    :func:`_gauss_seidel_many`."""
    return _gauss_seidel_many([(src, dst, coef, n)], damping=damping, sweeps=sweeps)[0]


def _gauss_seidel_many(graphs: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray, int]], *, damping: float = 0.85,
                       sweeps: int = 10) -> list[list[float]]:
    """jieba's PageRank sweeps (``UndirectWeightedGraph.rank``) of each graph ``(src, dst, coef, n)``, to the last
    bit, swept together.

    Nodes ``0 … n - 1`` are updated one after another in that order, each to ``(1 - d) + d * s`` where ``s``
    sums ``coef * ws[dst]`` over its half-links (``src``) left to right, with the scores of the nodes before
    it already updated in this sweep (Gauss-Seidel), starting from ``1 / n``. A node needs only its earlier
    neighbours' new scores, so the nodes fall into levels (1 + the highest level of an earlier neighbour) that
    can each be updated at once: a later neighbour always sits on a higher level, so it still holds its old
    score. Each level's sums are one sparse product (scipy's CSR product adds each row's terms in their
    stored order, one rounding a step, as jieba's loop does).

    Several graphs are swept as one graph of disjoint parts (their nodes numbered on from each other's), which
    links no node of one to a node of another: each node's sum, its level and its place among its level's rows
    are what they are alone, so each graph's scores are too, for one sweep of levels instead of one for each
    graph.
    """
    if not graphs:
        return []
    sizes = [n for *_, n in graphs]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    src = np.concatenate([g[0] + off for g, off in zip(graphs, offsets.tolist())])
    dst = np.concatenate([g[1] + off for g, off in zip(graphs, offsets.tolist())])
    coef = np.concatenate([g[2] for g in graphs])
    n = int(offsets[-1])
    # the half-links grouped by their node, each node's in jieba's order (a stable sort)
    by_node = np.argsort(src, kind="stable")
    src, dst, coef = src[by_node], dst[by_node], coef[by_node]
    # the longest chain of earlier neighbours, found by relaxing every half-link until nothing moves
    earlier = np.flatnonzero(dst < src)  # grouped by node: each node's first half-link starts its run
    firsts = src[earlier]
    starts = np.flatnonzero(np.concatenate([[True], firsts[1:] != firsts[:-1]])) if len(firsts) else \
        np.zeros(0, dtype=np.int64)
    heads = firsts[starts]
    back = dst[earlier]
    level = np.ones(n, dtype=np.int64)
    while len(back):
        new = level.copy()
        new[heads] = np.maximum(new[heads], np.maximum.reduceat(level[back], starts) + 1)
        if np.array_equal(new, level):
            break
        level = new
    # the nodes' runs of half-links, by level and then by node (each run kept in order): the rows of the sweeps
    per_node = np.bincount(src, minlength=n)
    node_start = np.concatenate([[0], np.cumsum(per_node)[:-1]])
    rows = np.flatnonzero(per_node)  # the nodes with half-links (every node has one), ascending
    rows = rows[np.argsort(level[rows], kind="stable")]  # by level, then by node
    lengths = per_node[rows]
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    order = np.arange(indptr[-1]) + np.repeat(node_start[rows] - indptr[:-1], lengths)
    cols, vals = dst[order], coef[order]
    bounds = np.searchsorted(level[rows], np.arange(1, level.max() + 2)).tolist()
    ws = np.repeat([1.0 / (k or 1.0) for k in sizes], sizes)  # each graph's own 1 / n
    base = 1 - damping
    matvec = _csr_matvec()
    if matvec is None:  # scipy's public product, the same kernel behind a few checks a call
        from scipy.sparse import csr_array

        matrix = csr_array((vals, cols, indptr), shape=(len(rows), n))
        steps = [(rows[a:b], matrix[a:b]) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
        for _ in range(sweeps):
            for nodes, part in steps:
                ws[nodes] = base + damping * (part @ ws)
    else:  # the kernel itself on each level's rows (y = 0 + row · ws, summed left to right)
        levels = [(rows[a:b], b - a, indptr[a:b + 1] - indptr[a], cols[indptr[a]:indptr[b]],
                   vals[indptr[a]:indptr[b]], np.zeros(b - a)) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
        for _ in range(sweeps):
            for nodes, m, p, c, v, y in levels:
                y.fill(0.0)
                matvec(m, n, p, c, v, ws, y)
                y *= damping  # base + damping * y, in place: the same two roundings
                y += base
                ws[nodes] = y
    out: list[float] = ws.tolist()
    return [out[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]


def _csr_matvec() -> Callable[..., None] | None:
    """scipy's CSR matrix-vector kernel (``csr_array @ vector`` calls it on a zeroed result), or ``None`` where
    this scipy lacks it. Called directly it spares the per-call checks of ``@``, most of a sweep's time on
    the small levels of a report's graph."""
    try:
        from scipy.sparse import _sparsetools
    except ImportError:  # pragma: no cover
        return None
    fn = getattr(_sparsetools, "csr_matvec", None)
    return fn if callable(fn) else None


def _part_term_codes(doc: Document, part: str | None, layers: tuple[str, ...]) -> np.ndarray:
    """The codes of the terms in a part's token ranges, in order (``part=None``: the whole text)."""
    index, codes, _ = doc.term_codes(layers=layers)
    ranges = part_ranges(doc, part)
    if not ranges:
        return np.zeros(0, dtype=np.int64)
    bounds = np.searchsorted(index, np.array(ranges, dtype=np.int64).ravel(), side="left").reshape(-1, 2)
    return np.concatenate([codes[a:b] for a, b in bounds.tolist()])


def _part_sequence(doc: Document, part: str | None, layers: tuple[str, ...]) -> np.ndarray:
    """Every token of a part's ranges, in order, as its term code (-1 for a token that is no term)."""
    index, codes, _ = doc.term_codes(layers=layers)
    at = np.full(len(doc.tokens), -1, dtype=np.int64)
    at[index] = codes
    ranges = part_ranges(doc, part)
    if not ranges:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate([at[lo:hi] for lo, hi in ranges])


def _part_terms(doc: Document, part: str | None, layers: tuple[str, ...]) -> list[str]:
    """The terms of a part, in order, as words (what jieba's TF-IDF would be fed)."""
    vocab = doc.term_codes(layers=layers)[2]
    return [vocab[c] for c in _part_term_codes(doc, part, layers).tolist()]


def _part_pairs(doc: Document, part: str | None, layers: tuple[str, ...]) -> list[_Pair]:
    """Every token of a part, flagged ``term`` (canonical spelling) or ``skip`` (what jieba's TextRank
    would be fed)."""
    vocab = doc.term_codes(layers=layers)[2]
    tokens = doc.tokens.tokens
    pairs: list[_Pair] = []
    seq = _part_sequence(doc, part, layers).tolist()
    flat = [i for lo, hi in part_ranges(doc, part) for i in range(lo, hi)]
    for i, c in zip(flat, seq):
        pairs.append(_Pair(vocab[c], "term") if c >= 0 else _Pair(tokens[i], "skip"))
    return pairs


def tfidf(doc: Document, *, part: str | None = None, top: int | None = 20,
          layers: Iterable[str] = LAYERS) -> pd.DataFrame:
    """TF-IDF keywords of the report or of one part, as jieba's ``jieba.analyse.TFIDF`` scores them.

    The formula and the IDF table are jieba's (``extract_tags``: a term's share of the text's terms
    times its IDF, the table's median for unknown terms); they are applied here directly, without
    importing ``jieba.analyse`` (see :meth:`IdfTable.load`), and give the same scores.

    Args:
        doc: the document (its terms are scored; the IDF table is ``doc.resources.idf``).
        part: score only the terms of this part (``review``, ``plan`` …); ``None``: the whole text.
        top: how many terms to return (``None``: all).
        layers: stopword layers removed before scoring.

    Returns:
        Columns ``term, score`` (term frequency share × IDF), best first; ties by term.

    References:
        jieba 0.42.1, ``jieba/analyse/tfidf.py`` and its ``idf.txt``.
    """
    _check_top(top)
    layers = tuple(layers)
    codes = _part_term_codes(doc, part, layers)
    if not len(codes):
        return _ranked([], top)
    return _ranked(_tfidf_scores(codes, doc.term_codes(layers=layers)[2], doc.term_idf(layers=layers)), top)


def textrank(doc: Document, *, part: str | None = None, top: int | None = 20, layers: Iterable[str] = LAYERS,
             span: int = 5) -> pd.DataFrame:
    """TextRank keywords of the report or of one part, as jieba's ``jieba.analyse.TextRank`` ranks them.

    jieba's ranking (its ``UndirectWeightedGraph``) is applied directly, without importing
    ``jieba.analyse``; it gives the same scores. Candidates are the content terms; two are linked each
    time they occur fewer than ``span`` tokens apart (punctuation and stopwords take up places in the
    window, as in jieba).

    Args:
        doc: the document.
        part: rank only the tokens of this part; ``None``: the whole text.
        top: how many terms to return (``None``: all).
        layers: stopword layers whose words cannot be candidates.
        span: window size in tokens (jieba's default 5).

    Returns:
        Columns ``term, score`` (jieba's rank scaled so the best term has 1), best first.

    References:
        Mihalcea & Tarau (2004); jieba 0.42.1, ``jieba/analyse/textrank.py``.
    """
    _check_top(top)
    if span < 2:
        raise ValueError(f"span must be at least 2, not {span}")
    layers = tuple(layers)
    seq = _part_sequence(doc, part, layers)
    if not len(seq):
        return _ranked([], top)
    return _ranked(_textrank_scores(seq, doc.term_codes(layers=layers)[2], span=span), top)


# --- keyness ---------------------------------------------------------------------------------------


def keyness(
    target: Mapping[str, int],
    reference: Mapping[str, int],
    *,
    alpha: float = 0.01,
    prior: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Rank terms by how much more often ``target`` uses them than ``reference``.

    The weighted log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eq. 16-18):

    .. math::

        \\delta_w = \\log\\frac{y^t_w + \\alpha_w}{n^t + \\alpha_0 - y^t_w - \\alpha_w}
                  - \\log\\frac{y^r_w + \\alpha_w}{n^r + \\alpha_0 - y^r_w - \\alpha_w},\\qquad
        \\sigma^2_w \\approx \\frac{1}{y^t_w + \\alpha_w} + \\frac{1}{y^r_w + \\alpha_w},\\qquad
        z_w = \\delta_w / \\sigma_w

    where ``y`` are counts, ``n`` totals, and the prior pseudo-counts are
    ``alpha_w = alpha * prior[w]`` with ``alpha_0`` their sum over the vocabulary. The prior is
    informative: by default it is the pooled counts of both texts, so ``alpha`` is the prior's
    weight as a share of the data (0.01: the prior counts as 1% of the words).

    Args:
        target: term counts of the text of interest (e.g. the plan).
        reference: term counts of the text it is compared with (e.g. the review).
        alpha: prior strength, > 0.
        prior: background counts; default ``target + reference``. Must be positive for every term.

    Returns:
        Columns ``term, log_odds, z`` for every term of either text, sorted by ``z`` descending
        (ties by term). Positive ``z``: used more by ``target``. Empty when the two texts share a
        vocabulary of fewer than two terms, where odds are undefined.

    References:
        Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words. Political Analysis
        16(4), 372-403.
    """
    columns = ["term", "log_odds", "z"]
    rows = _keyness_rows(target, reference, alpha=alpha, prior=prior)
    if not rows:
        return pd.DataFrame(columns=columns).astype({"term": "str", "log_odds": "float64", "z": "float64"})
    terms, deltas, z = zip(*rows)
    return pd.DataFrame({"term": list(terms), "log_odds": list(deltas), "z": list(z)}, columns=columns)


def _keyness_rows(target: Mapping[str, int], reference: Mapping[str, int], *, alpha: float = 0.01,
                  prior: Mapping[str, float] | None = None) -> list[tuple[str, float, float]]:
    """:func:`keyness` as ``(term, log_odds, z)`` rows, best first (empty when the odds are undefined)."""
    if not alpha > 0 or not math.isfinite(alpha):
        raise ValueError(f"alpha must be a positive number, not {alpha}")
    for name, counts in (("target", target), ("reference", reference)):
        bad = [w for w, n in counts.items() if n < 0]
        if bad:
            raise ValueError(f"{name} has negative counts for {bad[:3]}")
    vocab = sorted(w for w in set(target) | set(reference) if target.get(w, 0) + reference.get(w, 0) > 0)
    if len(vocab) < 2:  # with one term there are no odds to compare (the log-odds are undefined)
        return []
    background = prior if prior is not None else {w: target.get(w, 0) + reference.get(w, 0) for w in vocab}
    missing = [w for w in vocab if not background.get(w, 0) > 0]
    if missing:
        raise ValueError(f"the prior has no positive count for {missing[:3]}")
    t_counts = [target.get(w, 0) for w in vocab]
    r_counts = [reference.get(w, 0) for w in vocab]
    delta, z = _log_odds(t_counts, r_counts, [background[w] for w in vocab], alpha)
    zs = z.tolist()
    order = sorted(range(len(vocab)), key=lambda i: (-zs[i], vocab[i]))
    deltas = delta.tolist()
    return [(vocab[i], deltas[i], zs[i]) for i in order]


def _log_odds(t_counts: Sequence[float] | np.ndarray, r_counts: Sequence[float] | np.ndarray,
              background: Sequence[float] | np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """The log-odds and z of :func:`keyness` for terms in sorted order. In arrays, each operation the formula's
    own in the same order (logs by math.log, sums by sum), so that the figures are those of the formula
    written term by term. The counts may be lists or arrays."""
    a = alpha * np.asarray(background, dtype=np.float64)
    a0 = sum(a.tolist())
    n_t, n_r = _total(t_counts), _total(r_counts)
    yt = np.asarray(t_counts, dtype=np.float64) + a
    yr = np.asarray(r_counts, dtype=np.float64) + a
    delta = _logs(yt / ((n_t + a0) - yt)) - _logs(yr / ((n_r + a0) - yr))
    return delta, delta / np.sqrt(1 / yt + 1 / yr)


def _total(counts: Sequence[float] | np.ndarray) -> float:
    """``sum(counts)`` as Python adds a list, left to right (whole numbers in an array of them: exactly)."""
    if isinstance(counts, np.ndarray):
        return int(counts.sum()) if counts.dtype.kind in "iub" else sum(counts.tolist())
    return sum(counts)


def _logs(values: np.ndarray) -> np.ndarray:
    """``math.log`` of each value, taken once per distinct value: a part's terms share a few counts (most
    occur once or twice), so their ratios repeat. The distinct values are found by hashing
    (``pandas.factorize``, NaN kept as a value), not by sorting as ``np.unique`` does."""
    where, distinct = pd.factorize(values, use_na_sentinel=False)
    return np.fromiter(map(math.log, distinct.tolist()), dtype=np.float64, count=len(distinct))[where]
