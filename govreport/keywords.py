"""Keywords: which terms carry a report, which ones each part stresses, and how they are used.

Every function here takes the report and a :class:`~govreport.tokens.Segmenter` and works on the
content terms the segmenter returns (domain terms whole, aliases merged, stopword layers removed,
numerals and punctuation never). Per-part results use the report's parts (``preamble``, ``review``,
``plan``, ``other``); a term belongs to the part of the sentence it occurs in.

Methods:

* frequency: occurrences of each term;
* TF-IDF: jieba's :class:`jieba.analyse.TFIDF` fed with the segmenter's terms; term frequency from
  the text, inverse document frequency from jieba's reference table (terms missing from it, most
  domain terms, get the table's median);
* TextRank: jieba's :class:`jieba.analyse.TextRank` fed with the segmenter's tokens; the candidate
  words are the content terms, linked when they occur within 5 tokens of each other;
* keyness: the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
  Quinn 2008), with z-scores.

References:
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature selection
    and evaluation for identifying the content of political conflict. Political Analysis 16(4),
    372-403.
    Mihalcea, R., & Tarau, P. (2004). TextRank: Bringing order into texts. EMNLP 2004.
"""
from __future__ import annotations

import functools
import sys

import bisect
import io
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from .report import PARTS, Report, Unit
from .tokens import LAYERS, Segmenter, Token

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import matplotlib.pyplot as plt
    from PIL import Image

__all__ = [
    "KEYWORD_COLUMNS",
    "METHODS",
    "TOKEN_COLUMNS",
    "compare_top_terms",
    "cooccurrence",
    "integrity_table",
    "keyness",
    "keywords_table",
    "kwic",
    "method_agreement",
    "part_counts",
    "plot_keyness",
    "plot_network",
    "plot_wordcloud",
    "segmenter_for",
    "sentence_terms",
    "term_counts",
    "textrank",
    "tfidf",
    "tokens_table",
    "wordcloud_image",
    "wordcloud_png",
]

#: Columns of ``python -m govreport tokens``.
TOKEN_COLUMNS = ["start", "end", "token", "pos"]
#: Columns of ``python -m govreport keywords``.
KEYWORD_COLUMNS = ["part", "method", "rank", "term", "score", "count"]
#: Methods of :func:`keywords_table`, in table order.
METHODS = ("frequency", "tfidf", "textrank", "keyness")


# --- segmentation of a report --------------------------------------------------------------------


def segmenter_for(report: Report, *, hmm: bool = False) -> Segmenter:
    """The project segmenter, extended with the phrases this report quotes or titles.

    Args:
        report: the parsed report.
        hmm: passed to :meth:`Segmenter.load`.

    Returns:
        ``Segmenter.load(hmm=hmm).with_harvested(report.text)``.
    """
    return Segmenter.load(hmm=hmm).with_harvested(report.text)


def tokens_table(report: Report, seg: Segmenter) -> pd.DataFrame:
    """Every token of the report, in order: ``start, end, token, pos`` (offsets into ``report.text``).

    The tokens cover the text: concatenated they give it back.
    """
    return seg.tokens_frame(report.text)


class _Located(NamedTuple):
    sentence: Unit
    tokens: list[Token]


def _by_sentence(report: Report, tokens: Sequence[Token]) -> list[_Located]:
    sentences = report.sentences()
    starts = [s.start for s in sentences]
    grouped: list[_Located] = [_Located(s, []) for s in sentences]
    for tok in tokens:
        i = bisect.bisect_right(starts, tok.start) - 1
        if i >= 0:
            grouped[i].tokens.append(tok)
    return grouped


def sentence_terms(report: Report, seg: Segmenter, *, layers: Iterable[str] = LAYERS) -> list[tuple[Unit, list[str]]]:
    """The content terms of each sentence, segmenting the report once.

    Args:
        report: the parsed report.
        seg: the segmenter (usually :func:`segmenter_for`).
        layers: stopword layers to remove.

    Returns:
        ``(sentence unit, terms in order)`` for every sentence of the report, in reading order.
    """
    terms = seg.term_tokens(report.text, layers=tuple(layers))
    return [(loc.sentence, [t.token for t in loc.tokens]) for loc in _by_sentence(report, terms)]


def part_counts(report: Report, seg: Segmenter, *, layers: Iterable[str] = LAYERS) -> dict[str, Counter[str]]:
    """Term counts per part.

    Returns:
        ``{part: Counter}`` for the parts present in the report, in :data:`~govreport.report.PARTS`
        order.
    """
    counts: dict[str, Counter[str]] = {}
    for sentence, terms in sentence_terms(report, seg, layers=layers):
        counts.setdefault(sentence.part, Counter()).update(terms)
    return {p: counts[p] for p in PARTS if p in counts}


def term_counts(report: Report, seg: Segmenter, *, layers: Iterable[str] = LAYERS) -> pd.DataFrame:
    """Term frequencies for the whole report and per part.

    Args:
        report: the parsed report.
        seg: the segmenter.
        layers: stopword layers to remove.

    Returns:
        Columns ``term, count`` (whole report) and one count column per part present
        (``preamble, review, plan, other``), sorted by ``count`` descending, then term.
    """
    per_part = part_counts(report, seg, layers=layers)
    total: Counter[str] = Counter()
    for c in per_part.values():
        total.update(c)
    columns = ["term", "count", *per_part]
    if not total:
        return pd.DataFrame(columns=columns).astype({c: "int64" for c in columns[1:]})
    rows = [[term, n, *(per_part[p].get(term, 0) for p in per_part)] for term, n in total.items()]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- jieba.analyse, bound to the segmenter ---------------------------------------------------------


class _Pair(NamedTuple):
    word: str
    flag: str


class _TermCutter:
    """Stands in for jieba's tokenizer inside jieba.analyse: yields the segmenter's terms (of the
    text it is given, or of ``tokens`` when the text was cut already)."""

    def __init__(self, seg: Segmenter, layers: tuple[str, ...], tokens: Sequence[Token] | None = None) -> None:
        self.seg, self.layers, self.tokens = seg, layers, tokens

    def cut(self, sentence: str, *args: object, **kwargs: object) -> Iterator[str]:
        if self.tokens is None:
            return iter(self.seg.terms(sentence, layers=self.layers))
        stop = self.seg.stopwords(self.layers)
        return (self.seg.canonical(t.token) for t in self.tokens if self.seg.is_term(t, stop=stop))


class _PairCutter:
    """Stands in for jieba.posseg inside TextRank: every token, flagged ``term`` or ``skip``."""

    def __init__(self, seg: Segmenter, layers: tuple[str, ...], tokens: Sequence[Token] | None = None) -> None:
        self.seg, self.layers, self.tokens = seg, layers, tokens

    def cut(self, sentence: str, *args: object, **kwargs: object) -> Iterator[_Pair]:
        stop = self.seg.stopwords(self.layers)
        for tok in self.seg.tokens(sentence) if self.tokens is None else self.tokens:
            if self.seg.is_term(tok, stop=stop):
                yield _Pair(self.seg.canonical(tok.token), "term")
            else:
                yield _Pair(tok.token, "skip")


def _ranked(pairs: Iterable[tuple[str, float]], top: int | None) -> pd.DataFrame:
    rows = sorted(pairs, key=lambda kv: (-kv[1], kv[0]))
    frame = pd.DataFrame(rows[:top] if top else rows, columns=["term", "score"])
    return frame.astype({"term": "str", "score": "float64"})


def _check_top(top: int | None) -> None:
    if top is not None and top < 1:
        raise ValueError(f"top must be a positive number or None, not {top}")


@functools.cache
def _idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table (``jieba/analyse/idf.txt``) and its median, read once per process.

    Read as jieba's ``IDFLoader`` reads it, without importing ``jieba.analyse``: that package also
    builds jieba's part-of-speech tagger (about 0.4 s and 170 MB) which the book does not use.
    """
    import jieba

    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    idf: dict[str, float] = {}
    for line in path.read_bytes().decode("utf-8").splitlines():
        word, freq = line.strip().split(" ")
        idf[word] = float(freq)
    return idf, sorted(idf.values())[len(idf) // 2]


def _tfidf_scores(words: Iterable[str]) -> list[tuple[str, float]]:
    """jieba's ``TFIDF.extract_tags`` (jieba 0.42.1) on a sequence of terms, with no stopwords."""
    idf, median = _idf_table()
    freq: dict[str, float] = {}
    for w in words:
        if len(w.strip()) < 2:
            continue
        freq[w] = freq.get(w, 0.0) + 1.0
    total = sum(freq.values())
    for k in freq:
        freq[k] *= idf.get(k, median) / total
    return sorted(freq.items(), key=lambda kv: kv[1], reverse=True)


def _textrank_scores(pairs: Sequence[_Pair], *, span: int) -> list[tuple[str, float]]:
    """jieba's ``TextRank.textrank`` (jieba 0.42.1, ``allowPOS=("term",)``, no stopwords): terms linked
    when fewer than ``span`` tokens apart, ranked by 10 iterations of weighted PageRank (d = 0.85),
    scaled as jieba scales them."""
    def keep(p: _Pair) -> bool:
        return p.flag == "term" and len(p.word.strip()) >= 2

    cm: dict[tuple[str, str], int] = {}
    for i, wp in enumerate(pairs):
        if not keep(wp):
            continue
        for j in range(i + 1, i + span):
            if j >= len(pairs):
                break
            if keep(pairs[j]):
                key = (wp.word, pairs[j].word)
                cm[key] = cm.get(key, 0) + 1
    graph: dict[str, list[tuple[str, str, int]]] = {}
    for (a, b), w in cm.items():
        graph.setdefault(a, []).append((a, b, w))
        graph.setdefault(b, []).append((b, a, w))
    d = 0.85
    ws: dict[str, float] = {}
    out_sum: dict[str, float] = {}
    wsdef = 1.0 / (len(graph) or 1.0)
    for n, out in graph.items():
        ws[n] = wsdef
        out_sum[n] = sum((e[2] for e in out), 0.0)
    order = sorted(graph)
    for _ in range(10):
        for n in order:
            total = 0.0
            for e in graph[n]:
                total += e[2] / out_sum[e[1]] * ws[e[1]]
            ws[n] = (1 - d) + d * total
    if not ws:
        return []
    lo, hi = sys.float_info.max, sys.float_info.min
    for w in ws.values():
        lo, hi = min(lo, w), max(hi, w)
    ranked = {n: (w - lo / 10.0) / (hi - lo / 10.0) for n, w in ws.items()}
    return sorted(ranked.items(), key=lambda kv: kv[1], reverse=True)


def tfidf(seg: Segmenter, text: str, *, top: int | None = 20, layers: Iterable[str] = LAYERS,
          tokens: Sequence[Token] | None = None) -> pd.DataFrame:
    """TF-IDF keywords of a text as jieba's ``jieba.analyse.TFIDF`` scores them, cut by ``seg``.

    The formula and the IDF table are jieba's (``extract_tags``: a term's share of the text's terms
    times its IDF, the table's median for unknown terms); they are applied here directly, without
    importing ``jieba.analyse`` (see :func:`_idf_table`), and give the same scores.

    Args:
        seg: the segmenter whose terms jieba scores.
        text: the text (a part, or the whole report).
        top: how many terms to return (``None``: all).
        layers: stopword layers removed before scoring.
        tokens: ``seg.tokens(text)`` if the caller has them already (the text is not cut again).

    Returns:
        Columns ``term, score`` (term frequency share × IDF), best first; ties by term.

    References:
        jieba 0.42.1, ``jieba/analyse/tfidf.py`` and its ``idf.txt``.
    """
    _check_top(top)
    if not text:
        return _ranked([], top)
    return _ranked(_tfidf_scores(_TermCutter(seg, tuple(layers), tokens).cut(text)), top)


def textrank(
    seg: Segmenter, text: str, *, top: int | None = 20, layers: Iterable[str] = LAYERS, span: int = 5,
    tokens: Sequence[Token] | None = None,
) -> pd.DataFrame:
    """TextRank keywords of a text as jieba's ``jieba.analyse.TextRank`` ranks them, cut by ``seg``.

    jieba's ranking (its ``UndirectWeightedGraph``) is applied directly, without importing
    ``jieba.analyse``; it gives the same scores.

    Candidates are the content terms; two are linked each time they occur fewer than ``span``
    tokens apart (punctuation and stopwords take up places in the window, as in jieba).

    Args:
        seg: the segmenter.
        text: the text.
        top: how many terms to return (``None``: all).
        layers: stopword layers whose words cannot be candidates.
        span: window size in tokens (jieba's default 5).
        tokens: ``seg.tokens(text)`` if the caller has them already (the text is not cut again).

    Returns:
        Columns ``term, score`` (jieba's rank scaled so the best term has 1), best first.

    References:
        Mihalcea & Tarau (2004); jieba 0.42.1, ``jieba/analyse/textrank.py``.
    """
    _check_top(top)
    if span < 2:
        raise ValueError(f"span must be at least 2, not {span}")
    if not text:
        return _ranked([], top)
    pairs = tuple(_PairCutter(seg, tuple(layers), tokens).cut(text))
    return _ranked(_textrank_scores(pairs, span=span), top)


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
    if not alpha > 0 or not math.isfinite(alpha):
        raise ValueError(f"alpha must be a positive number, not {alpha}")
    for name, counts in (("target", target), ("reference", reference)):
        bad = [w for w, n in counts.items() if n < 0]
        if bad:
            raise ValueError(f"{name} has negative counts for {bad[:3]}")
    vocab = sorted(w for w in set(target) | set(reference) if target.get(w, 0) + reference.get(w, 0) > 0)
    columns = ["term", "log_odds", "z"]
    if len(vocab) < 2:  # with one term there are no odds to compare (the log-odds are undefined)
        return pd.DataFrame(columns=columns).astype({"term": "str", "log_odds": "float64", "z": "float64"})
    background = prior if prior is not None else {w: target.get(w, 0) + reference.get(w, 0) for w in vocab}
    missing = [w for w in vocab if not background.get(w, 0) > 0]
    if missing:
        raise ValueError(f"the prior has no positive count for {missing[:3]}")
    a = {w: alpha * background[w] for w in vocab}
    a0 = sum(a.values())
    n_t = sum(target.get(w, 0) for w in vocab)
    n_r = sum(reference.get(w, 0) for w in vocab)
    rows = []
    for w in vocab:
        yt, yr = target.get(w, 0) + a[w], reference.get(w, 0) + a[w]
        delta = math.log(yt / (n_t + a0 - yt)) - math.log(yr / (n_r + a0 - yr))
        rows.append((w, delta, delta / math.sqrt(1 / yt + 1 / yr)))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return pd.DataFrame(rows, columns=columns)


# --- the CLI table ---------------------------------------------------------------------------------


def keywords_table(
    report: Report, seg: Segmenter, *, top: int = 20, layers: Iterable[str] = LAYERS
) -> pd.DataFrame:
    """The keywords of each part by four methods: ``part, method, rank, term, score, count``.

    For each part present (``preamble, review, plan, other``) and each method of :data:`METHODS`,
    the ``top`` best terms:

    * ``frequency``: score = occurrences in the part;
    * ``tfidf``: score from :func:`tfidf` on the part's text;
    * ``textrank``: score from :func:`textrank` on the part's text;
    * ``keyness``: score = z of :func:`keyness`, the part against the rest of the report (only
      terms with z > 0; none when the report has a single part).

    ``count`` is the term's number of occurrences in the part. There are no whole-report rows:
    every row names one part.

    Args:
        report: the parsed report.
        seg: the segmenter (usually :func:`segmenter_for`).
        top: terms per part and method.
        layers: stopword layers to remove.
    """
    _check_top(top)
    layers = tuple(layers)
    per_part = part_counts(report, seg, layers=layers)
    texts: dict[str, list[str]] = {}
    part_tokens: dict[str, list[Token]] = {}
    all_tokens = seg.tokens(report.text)  # cut once; each part takes its slice
    starts = [t.start for t in all_tokens]
    for unit in report.parts():
        texts.setdefault(unit.part, []).append(unit.text)
        lo, hi = bisect.bisect_left(starts, unit.start), bisect.bisect_left(starts, unit.end)
        part_tokens.setdefault(unit.part, []).extend(all_tokens[lo:hi])
    rows: list[tuple[str, str, int, str, float, int]] = []
    for part, counts in per_part.items():
        text = "\n".join(texts.get(part, []))
        tokens = part_tokens.get(part, [])
        rest: Counter[str] = Counter()
        for other, c in per_part.items():
            if other != part:
                rest.update(c)
        ranked = {
            "frequency": _ranked(counts.items(), top),
            "tfidf": tfidf(seg, text, top=top, layers=layers, tokens=tokens),
            "textrank": textrank(seg, text, top=top, layers=layers, tokens=tokens),
            "keyness": (
                keyness(counts, rest).query("z > 0").head(top).rename(columns={"z": "score"})
                if rest
                else _ranked([], top)
            ),
        }
        for method in METHODS:
            frame = ranked[method]
            for rank, (term, score) in enumerate(zip(frame["term"], frame["score"]), start=1):
                rows.append((part, method, rank, term, float(score), int(counts.get(term, 0))))
    table = pd.DataFrame(rows, columns=KEYWORD_COLUMNS)
    return table.astype({"part": "str", "method": "str", "rank": "int64", "term": "str", "score": "float64",
                         "count": "int64"})


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


# --- co-occurrence and keyword in context ------------------------------------------------------------


def cooccurrence(
    report: Report, seg: Segmenter, *, top: int = 30, min_weight: int = 2, layers: Iterable[str] = LAYERS
) -> nx.Graph:
    """Co-occurrence network of the most frequent terms within sentences.

    Args:
        report: the parsed report.
        seg: the segmenter.
        top: how many of the most frequent terms become nodes.
        min_weight: least number of sentences two terms must share to be linked.
        layers: stopword layers to remove.

    Returns:
        An undirected graph: nodes are terms with attributes ``count`` (occurrences) and one count
        per part (``review``, ``plan`` …); an edge's ``weight`` is the number of sentences holding
        both terms.
    """
    _check_top(top)
    if min_weight < 1:
        raise ValueError(f"min_weight must be at least 1, not {min_weight}")
    import networkx as nx

    per_sentence = sentence_terms(report, seg, layers=layers)
    counts = term_counts(report, seg, layers=layers)
    chosen = counts.head(top)
    graph = nx.Graph()
    for row in chosen.to_dict(orient="records"):
        graph.add_node(row["term"], **{k: int(v) for k, v in row.items() if k != "term"})
    nodes = set(chosen["term"])
    weights: Counter[tuple[str, str]] = Counter()
    for _, terms in per_sentence:
        present = sorted(nodes.intersection(terms))
        for i, a in enumerate(present):
            for b in present[i + 1 :]:
                weights[(a, b)] += 1
    for (a, b), w in sorted(weights.items()):
        if w >= min_weight:
            graph.add_edge(a, b, weight=w)
    return graph


def kwic(report: Report, seg: Segmenter, term: str, *, width: int | None = 20) -> pd.DataFrame:
    """Keyword in context: every occurrence of a term, with its sentence and unit.

    A term occurs where a token's canonical spelling equals the term's canonical spelling (so
    ``kwic(..., "紫坭岛")`` also finds 紫泥岛, and 紫坭 inside 紫坭岛 is not an occurrence of 紫坭).

    Args:
        report: the parsed report.
        seg: the segmenter.
        term: the term to look for.
        width: characters of context kept on each side, within the sentence (``None``: all).

    Returns:
        Columns ``unit_id, sentence_id, part, start, end, left, term, right``: the block that holds
        the sentence, the sentence, its part, the token's offsets into ``report.text``, and the
        text around it (``term`` is the token as written).
    """
    if not term or not term.strip():
        raise ValueError("term must be a non-empty string")
    if width is not None and width < 0:
        raise ValueError(f"width must be >= 0 or None, not {width}")
    wanted = seg.canonical(term.strip())
    columns = ["unit_id", "sentence_id", "part", "start", "end", "left", "term", "right"]
    rows = []
    for loc in _by_sentence(report, seg.tokens(report.text)):
        sentence = loc.sentence
        for tok in loc.tokens:
            if seg.canonical(tok.token) != wanted:
                continue
            left = report.text[sentence.start : tok.start]
            right = report.text[tok.end : sentence.end].rstrip("\r\n")
            if width is not None:
                left, right = left[-width:] if width else "", right[:width]
            rows.append((sentence.parent_id, sentence.unit_id, sentence.part, tok.start, tok.end, left, tok.token,
                         right))
    return pd.DataFrame(rows, columns=columns).astype({"start": "int64", "end": "int64"})


# --- validation ------------------------------------------------------------------------------------


def integrity_table(report: Report, seg: Segmenter, baseline: Segmenter) -> pd.DataFrame:
    """How well each curated or harvested term survives segmentation, with and without the lexicon.

    Args:
        report: the parsed report.
        seg: the segmenter under test (usually :func:`segmenter_for`).
        baseline: the comparison, e.g. ``Segmenter.load(user_dict=False, hmm=True)`` (jieba's own
            dictionary and defaults).

    Returns:
        For every protected term of ``seg`` found in the text, columns ``term, source, category,
        occurrences, kept_whole, split, other_reading, other_as, baseline_kept_whole,
        baseline_split, baseline_split_as`` (see :func:`govreport.tokens.term_integrity`);
        ``source`` is ``user_dict`` or ``harvested`` (category ``quoted``); sorted by source,
        category, term.
    """
    from .tokens import term_integrity

    ours = term_integrity(seg, report.text)
    theirs = term_integrity(baseline, report.text, terms=seg.protected_terms)
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
    report: Report,
    seg: Segmenter,
    baseline: Segmenter,
    *,
    top: int = 20,
    layers: Iterable[str] = LAYERS,
    baseline_layers: Iterable[str] = ("function",),
) -> pd.DataFrame:
    """The ``top`` most frequent terms with the project lexicon and with a baseline, side by side.

    Args:
        report: the parsed report.
        seg: the segmenter with the lexicon.
        baseline: the comparison segmenter (e.g. jieba's own dictionary).
        top: rows.
        layers: stopword layers removed for ``seg``.
        baseline_layers: stopword layers removed for the baseline (default: function words only,
            what a plain keyword count would drop).

    Returns:
        Columns ``rank, with_lexicon, count, baseline, baseline_count``.
    """
    _check_top(top)
    ours = term_counts(report, seg, layers=layers).head(top)
    theirs = term_counts(report, baseline, layers=baseline_layers).head(top)
    frame = pd.DataFrame({"rank": range(1, top + 1)})
    frame["with_lexicon"] = pd.Series(list(ours["term"]), dtype="str").reindex(range(top))
    frame["count"] = pd.Series(list(ours["count"])).reindex(range(top)).astype("Int64")
    frame["baseline"] = pd.Series(list(theirs["term"]), dtype="str").reindex(range(top))
    frame["baseline_count"] = pd.Series(list(theirs["count"])).reindex(range(top)).astype("Int64")
    return frame


# --- word clouds -----------------------------------------------------------------------------------


def wordcloud_image(
    freqs: Mapping[str, float],
    *,
    width: int = 900,
    height: int = 560,
    max_words: int = 80,
    colors: Sequence[str] | None = None,
    random_state: int = 7,
) -> Image.Image:
    """A word cloud of term frequencies (terms stay whole: nothing is re-segmented).

    Built with :meth:`wordcloud.WordCloud.generate_from_frequencies`, the book's CJK font
    (:data:`govreport.figures.FONT_PATH`) and a fixed ``random_state``, so the same frequencies give
    the same image.

    Args:
        freqs: term -> frequency (positive).
        width, height: image size in pixels.
        max_words: most terms drawn.
        colors: word colours, picked per word from the seeded generator (default the house palette).
        random_state: seed for placement and colours.

    Returns:
        A PIL image (RGB).

    Raises:
        ValueError: if ``freqs`` has no positive frequency.
    """
    from wordcloud import WordCloud

    from .figures import FONT_PATH, PALETTE

    positive = {str(k): float(v) for k, v in sorted(freqs.items()) if v > 0}
    if not positive:
        raise ValueError("a word cloud needs at least one term with a positive frequency")
    palette = list(colors or PALETTE[:6])

    def color(word: str, font_size: int, position: tuple[int, int], orientation: object,
              random_state: object = None, **kwargs: object) -> str:
        return palette[random_state.randint(0, len(palette) - 1)] if random_state else palette[0]  # type: ignore[attr-defined]

    cloud = WordCloud(
        font_path=FONT_PATH,
        width=width,
        height=height,
        max_words=max_words,
        background_color="white",
        prefer_horizontal=1.0,
        random_state=random_state,
        color_func=color,
        collocations=False,
        margin=4,
    ).generate_from_frequencies(positive)
    return cloud.to_image()


def wordcloud_png(freqs: Mapping[str, float], **kwargs: object) -> bytes:
    """:func:`wordcloud_image` encoded as PNG bytes (identical bytes for identical input)."""
    buf = io.BytesIO()
    wordcloud_image(freqs, **kwargs).save(buf, format="PNG", optimize=False)  # type: ignore[arg-type]
    return buf.getvalue()


# --- figures ---------------------------------------------------------------------------------------


def plot_wordcloud(freqs: Mapping[str, float], *, ax: plt.Axes, **kwargs: object) -> plt.Axes:
    """Draw :func:`wordcloud_image` on ``ax`` (axes hidden)."""
    ax.imshow(wordcloud_image(freqs, **kwargs), interpolation="bilinear")  # type: ignore[arg-type]
    ax.set_axis_off()
    return ax


def plot_keyness(
    df: pd.DataFrame, *, ax: plt.Axes, top: int = 15, target: str = "plan", reference: str = "review"
) -> plt.Axes:
    """Diverging bars of the most distinctive terms of two parts.

    Args:
        df: :func:`keyness` output of ``target`` against ``reference`` (columns ``term, z``).
        ax: the axes to draw on.
        top: terms shown on each side.
        target, reference: the parts compared (for colours and the legend).

    Returns:
        ``ax``: the ``top`` terms with the highest z (more used by ``target``) above, the ``top`` with
        the lowest z (more used by ``reference``) below, bar length = z. The bars are in order of z, so
        that each side's most distinctive term is read first: the ``target``'s strongest at the top,
        the ``reference``'s strongest at the bottom; a gap separates the two sides.
    """
    _check_top(top)
    from .figures import PART_COLORS, label, use_house_style

    use_house_style()
    # strongest first on each side (ties in the order of ``df``), then laid out bottom to top
    high = df[df["z"] > 0].sort_values("z", ascending=False, kind="stable").head(top).iloc[::-1]
    low = df[df["z"] < 0].iloc[::-1].sort_values("z", kind="stable").head(top)
    gap = 0.8 if len(low) and len(high) else 0.0
    positions = [*range(len(low)), *(len(low) + gap + i for i in range(len(high)))]
    shown = pd.concat([low, high])
    colors = [PART_COLORS[target] if z > 0 else PART_COLORS[reference] for z in shown["z"]]
    ax.barh(positions, shown["z"], color=colors)
    ax.set_yticks(positions, list(shown["term"]))
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(label("keyness_z_axis", target=label(f"part_{target}"), reference=label(f"part_{reference}")))
    for part in (target, reference):
        ax.barh([0], [0], color=PART_COLORS[part], label=label("keyness_more_in", part=label(f"part_{part}")))
    ax.legend(loc="lower right")
    ax.margins(y=0.01)
    return ax


def _spread(pos: Mapping[str, tuple[float, float]], *, diameters: Mapping[str, float] | None = None,
            char: float = 0.085, height: float = 0.2, iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose labels would overlap (deterministic: fixed order, no randomness).

    Each node is a box as wide as its label (``char`` layout units per character) and ``height`` tall,
    or as large as its disc (``diameters``, in layout units) if that is larger; two boxes that overlap
    are moved apart, each by half the overlap, along the axis where the overlap is smaller. Layout units
    are those of :func:`_layout` (Kamada-Kawai, about -1 to 1), for which ``char`` is about one 9-point
    character in the book's network figure (8 inches wide).
    """
    xy = {n: [float(x), float(y)] for n, (x, y) in sorted(pos.items())}
    names = list(xy)
    disc = {n: (diameters or {}).get(n, 0.0) for n in names}
    half = {n: max(char * len(n), height, disc[n]) / 2 for n in names}
    tall = {n: max(height, disc[n]) / 2 for n in names}
    for _ in range(iterations):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = xy[b][0] - xy[a][0], xy[b][1] - xy[a][1]
                over_x = half[a] + half[b] - abs(dx)
                over_y = tall[a] + tall[b] - abs(dy)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                if over_y <= over_x:
                    step = (over_y / 2 + 1e-3) * (1 if dy >= 0 else -1)
                    xy[a][1] -= step
                    xy[b][1] += step
                else:
                    step = (over_x / 2 + 1e-3) * (1 if dx >= 0 else -1)
                    xy[a][0] -= step
                    xy[b][0] += step
        if not moved:
            break
    return {n: (x, y) for n, (x, y) in xy.items()}


def _ordered_subgraph(graph: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    """A copy of the subgraph on ``nodes`` whose nodes and edges iterate in a fixed order.

    ``graph.subgraph(nodes)`` iterates a small subgraph in the order of a set of strings, which
    changes with Python's hash seed from one process to the next (and with it the layout)."""
    import networkx as nx

    keep = list(dict.fromkeys(n for n in nodes if n in graph))
    inside = set(keep)
    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in keep)
    edges = sorted((min(a, b), max(a, b)) for a, b in graph.edges(keep) if a in inside and b in inside)
    sub.add_edges_from((a, b, graph.edges[a, b]) for a, b in dict.fromkeys(edges))
    return sub


def _layout(graph: nx.Graph, *, diameters: Mapping[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Kamada-Kawai positions (deterministic): the largest component in the middle, the other
    components in a column on the right, smallest last; then labels are kept apart (:func:`_spread`)."""
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    pos: dict[str, tuple[float, float]] = {}
    y = 0.9
    for i, comp in enumerate(comps):
        sub = _ordered_subgraph(graph, comp)
        local = nx.kamada_kawai_layout(sub, weight=None) if len(comp) > 1 else {comp[0]: (0.0, 0.0)}
        if i == 0:
            pos.update({n: (float(x), float(yy)) for n, (x, yy) in local.items()})
            continue
        scale = 0.22 * math.sqrt(len(comp))
        pos.update({n: (1.45 + scale * float(x), y + scale * float(yy)) for n, (x, yy) in local.items()})
        y -= 2.2 * scale + 0.15
    return _spread(pos, diameters=diameters)


def plot_network(graph: nx.Graph, *, ax: plt.Axes) -> plt.Axes:
    """Draw a :func:`cooccurrence` graph: node size by count, colour by the part using it more.

    Nodes are placed by the Kamada-Kawai layout and then moved apart where their discs or labels would
    overlap (deterministic: the same drawing on every build); labels have a white halo; edge
    width grows with the number of shared sentences; a node is coloured by the part (review or plan)
    where the term is more frequent relative to the part's length, grey when even. Terms linked to
    no other term are left out of the drawing.
    """
    import networkx as nx
    from matplotlib import patheffects

    from .figures import FONT_NAME, PART_COLORS, label, use_house_style

    use_house_style()
    ax.set_axis_off()
    graph = _ordered_subgraph(graph, [n for n in graph.nodes if graph.degree(n) > 0])
    if graph.number_of_nodes() == 0:
        return ax
    nodes = list(graph.nodes)
    data = dict(graph.nodes(data=True))
    counts = [data[n].get("count", 1) for n in nodes]
    biggest = max(counts)
    node_size = [120 + 900 * c / biggest for c in counts]  # marker area, points squared
    # a disc of area s pt² is sqrt(s) pt across; about 115 pt per layout unit in an 8-inch figure
    pos = _layout(graph, diameters={n: math.sqrt(a) / 115 for n, a in zip(nodes, node_size)})
    sizes = {p: sum(d.get(p, 0) for _, d in graph.nodes(data=True)) for p in ("review", "plan")}

    def lean(d: Mapping[str, int]) -> str:
        r = d.get("review", 0) / sizes["review"] if sizes["review"] else 0.0
        p = d.get("plan", 0) / sizes["plan"] if sizes["plan"] else 0.0
        return "review" if r > p else "plan" if p > r else "other"

    colors = [PART_COLORS[lean(data[n])] if lean(data[n]) != "other" else "#BBBBBB" for n in nodes]
    widths = [0.4 + 2.2 * d["weight"] / max(w for *_, w in graph.edges(data="weight")) for *_, d in
              graph.edges(data=True)] if graph.number_of_edges() else []
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes, node_color=colors,
                           node_size=node_size, alpha=0.85, linewidths=0)
    texts = nx.draw_networkx_labels(graph, pos, ax=ax, font_family=FONT_NAME, font_size=9)
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white", alpha=0.8)]
    for text in texts.values():  # readable over nodes and edges of either colour
        text.set_path_effects(halo)
    for part in ("review", "plan"):
        ax.scatter([], [], color=PART_COLORS[part], label=label("network_more_in", part=label(f"part_{part}")))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2)
    return ax
