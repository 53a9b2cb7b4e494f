"""Terms in context: the co-occurrence network and keyword-in-context lines."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from ..tokens import LAYERS
from .terms import _check_top, term_counts

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ..document import Document

def cooccurrence(doc: Document, *, top: int = 30, min_weight: int = 2, layers: Iterable[str] = LAYERS) -> nx.Graph[str]:
    """Co-occurrence network of the most frequent terms within sentences.

    Args:
        doc: the document.
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

    counts = term_counts(doc, layers=layers)
    chosen = counts.head(top)
    graph: nx.Graph[str] = nx.Graph()
    for row in chosen.to_dict(orient="records"):
        graph.add_node(row["term"], **{str(k): int(v) for k, v in row.items() if k != "term"})
    nodes = set(chosen["term"])
    weights: Counter[tuple[str, str]] = Counter()
    for terms in doc.sentence_terms(layers=tuple(layers)):
        present = sorted(nodes.intersection(terms))
        for i, a in enumerate(present):
            for b in present[i + 1 :]:
                weights[(a, b)] += 1
    for (a, b), w in sorted(weights.items()):
        if w >= min_weight:
            graph.add_edge(a, b, weight=w)
    return graph


def kwic(doc: Document, term: str, *, width: int | None = 20) -> pd.DataFrame:
    """Keyword in context: every occurrence of a term, with its sentence and unit.

    A term occurs where a token's canonical spelling equals the term's canonical spelling (so
    ``kwic(doc, "紫坭岛")`` also finds 紫泥岛, and 紫坭 inside 紫坭岛 is not an occurrence of 紫坭).

    Args:
        doc: the document.
        term: the term to look for.
        width: characters of context kept on each side, within the sentence (``None``: all).

    Returns:
        Columns ``unit_id, sentence_id, part, start, end, left, term, right``: the block that holds
        the sentence, the sentence, its part, the token's offsets into the text, and the
        text around it (``term`` is the token as written).
    """
    if not term or not term.strip():
        raise ValueError("term must be a non-empty string")
    if width is not None and width < 0:
        raise ValueError(f"width must be >= 0 or None, not {width}")
    seg = doc.segmenter
    wanted = seg.canonical(term.strip())
    text = doc.report.text
    columns = ["unit_id", "sentence_id", "part", "start", "end", "left", "term", "right"]
    rows = []
    sentence_of = doc.sentence_of_tokens()
    for i, tok in enumerate(doc.tokens):
        if seg.canonical(tok.token) != wanted:
            continue
        sentence = doc.sentences[int(sentence_of[i])]
        left = text[sentence.start : tok.start]
        right = text[tok.end : sentence.end].rstrip("\r\n")
        if width is not None:
            left, right = left[-width:] if width else "", right[:width]
        rows.append((sentence.parent_id, sentence.unit_id, sentence.part, tok.start, tok.end, left, tok.token,
                     right))
    return pd.DataFrame(rows, columns=columns).astype({"start": "int64", "end": "int64"})
