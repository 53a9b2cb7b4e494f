"""The content terms of a document: by sentence, by part, counted; the tokens table of the CLI."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..report import PARTS, Unit
from ..tokens import LAYERS

if TYPE_CHECKING:  # pragma: no cover

    from ..document import Document

#: Columns of ``python -m govreport tokens``.
TOKEN_COLUMNS = ["start", "end", "token", "pos"]


def tokens_table(doc: Document) -> pd.DataFrame:
    """Every token of the report, in order: ``start, end, token, pos`` (offsets into the text).

    The tokens cover the text: concatenated they give it back.
    """
    return doc.tokens.frame()


def sentence_terms(doc: Document, *, layers: Iterable[str] = LAYERS) -> list[tuple[Unit, list[str]]]:
    """The content terms of each sentence.

    Args:
        doc: the document.
        layers: stopword layers to remove.

    Returns:
        ``(sentence unit, terms in order)`` for every sentence of the report, in reading order.
    """
    return list(zip(doc.sentences, doc.sentence_terms(layers=tuple(layers))))


def part_counts(doc: Document, *, layers: Iterable[str] = LAYERS) -> dict[str, Counter[str]]:
    """Term counts per part.

    Returns:
        ``{part: Counter}`` for the parts present in the report, in :data:`~govreport.report.PARTS`
        order; each counter lists its terms in order of first occurrence.
    """
    inner, token_part, vocab, present = _term_parts(doc, tuple(layers))
    return {p: _counter(inner[token_part == k], vocab) for k, p in enumerate(PARTS) if p in present}


def _term_parts(doc: Document, layers: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, list[str], set[str]]:
    """The terms that lie in a sentence, as ``(codes, part of each as an index of PARTS, vocabulary, the parts
    that have a sentence)``; a term belongs to the part of its sentence."""
    index, codes, vocab = doc.term_codes(layers=layers)
    sentences = doc.sentences
    parts = [s.part for s in sentences]
    # the sentence of each term token: sentence i holds tokens sentence_bounds[i]:sentence_bounds[i + 1]
    sentence = np.searchsorted(doc.sentence_bounds, index, side="right") - 1
    inside = (sentence >= 0) & (sentence < len(sentences))
    part_code = np.array([PARTS.index(p) if p in PARTS else -1 for p in parts], dtype=np.int64)
    token_part = part_code[sentence[inside]] if len(parts) else np.zeros(0, dtype=np.int64)
    return codes[inside], token_part, vocab, set(parts)


def _counter(codes: np.ndarray, vocab: Sequence[str]) -> Counter[str]:
    """The counts of term codes as a Counter of terms, in order of first occurrence."""
    if not len(codes):
        return Counter()
    seen, first, n = np.unique(codes, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return Counter(dict(zip([vocab[c] for c in seen[order].tolist()], n[order].tolist())))


def term_counts(doc: Document, *, layers: Iterable[str] = LAYERS) -> pd.DataFrame:
    """Term frequencies for the whole report and per part.

    Args:
        doc: the document.
        layers: stopword layers to remove.

    Returns:
        Columns ``term, count`` (whole report) and one count column per part present
        (``preamble, review, plan, other``), sorted by ``count`` descending, then term.
    """
    per_part = part_counts(doc, layers=layers)
    total: Counter[str] = Counter()
    for c in per_part.values():
        total.update(c)
    columns = ["term", "count", *per_part]
    if not total:
        return pd.DataFrame(columns=columns).astype({c: "int64" for c in columns[1:]})
    rows = [[term, n, *(per_part[p].get(term, 0) for p in per_part)] for term, n in total.items()]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def part_ranges(doc: Document, part: str | None = None) -> list[tuple[int, int]]:
    """The token index ranges ``[lo, hi)`` of a part's units (``part=None``: the whole text), in order."""
    if part is None:
        return [(0, len(doc.tokens))] if len(doc.tokens) else []
    starts = doc.tokens.starts
    out = []
    for unit in doc.report.parts():
        if unit.part == part:
            lo, hi = np.searchsorted(starts, [unit.start, unit.end], side="left")
            out.append((int(lo), int(hi)))
    return out


def _check_top(top: int | None) -> None:
    if top is not None and top < 1:
        raise ValueError(f"top must be a positive number or None, not {top}")
