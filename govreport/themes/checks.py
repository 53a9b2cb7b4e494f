"""Checks of the theme classification: against the report's own headings, and against NMF topics.

See :mod:`govreport.themes` for the method.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from .classify import _check_sentences, classify_sentences
from .taxonomy import THEME_CODES, THEMES, UNCLASSIFIED, Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = ["Agreement", "TopicModel", "heading_agreement", "keyword_coverage", "nmf_topics", "topic_theme_overlap",
           "topic_summary"]


# --- validation against the headings --------------------------------------------------------------

@dataclass(frozen=True)
class Agreement:
    """How often the classifier's primary theme agrees with the theme a heading announces.

    Attributes:
        table: one row per mapped unit: ``unit_id, heading, expected, predicted, agree``.
        confusion: expected theme (rows) x predicted theme (columns), counts; the codes that occur.
        accuracy: share of mapped units that agree (NaN if none is mapped).
        unmapped: unit ids whose heading is not in the mapping.
    """

    table: pd.DataFrame
    confusion: pd.DataFrame
    accuracy: float
    unmapped: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        """Number of units compared."""
        return len(self.table)

    @property
    def n_agree(self) -> int:
        """Number of units whose primary theme agrees with the heading's."""
        return int(self.table["agree"].sum()) if len(self.table) else 0


def heading_agreement(units: pd.DataFrame, mapping: Mapping[str, str]) -> Agreement:
    """Compare the primary theme of each unit with the theme its heading announces.

    Args:
        units: columns ``unit_id, heading, primary_theme`` (e.g. :func:`block_themes`, or sections).
        mapping: heading -> expected theme code (:func:`load_heading_themes`).

    Returns:
        An :class:`Agreement`. Units with an empty or unmapped heading are left out (listed in ``unmapped``).
    """
    missing = [c for c in ("unit_id", "heading", "primary_theme") if c not in units.columns]
    if missing:
        raise ValueError(f"units table lacks columns {missing}")
    bad = sorted({v for v in mapping.values() if v not in THEMES})
    if bad:
        raise ValueError(f"mapping uses unknown theme codes {bad}")
    rows, unmapped = [], []
    for uid, heading, predicted in zip(units["unit_id"], units["heading"], units["primary_theme"]):
        expected = mapping.get(heading or "")
        if expected is None:
            unmapped.append(uid)
            continue
        rows.append((uid, heading, expected, predicted, expected == predicted))
    table = pd.DataFrame(rows, columns=["unit_id", "heading", "expected", "predicted", "agree"]).astype(
        {"agree": "bool"})
    codes = [c for c in THEME_CODES if c in set(table["expected"]) | set(table["predicted"])]
    confusion = pd.crosstab(pd.Categorical(table["expected"], categories=codes),
                            pd.Categorical(table["predicted"], categories=codes), dropna=False)
    confusion = confusion.loc[[c for c in codes if c in set(table["expected"])],
                              [c for c in codes if c in set(table["predicted"])]]
    confusion.index.name, confusion.columns.name = "expected", "predicted"
    accuracy = float(table["agree"].mean()) if len(table) else float("nan")
    return Agreement(table, confusion.astype("int64"), accuracy, tuple(unmapped))


def keyword_coverage(doc: Document, *, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """For each keyword, how often it occurs in the text and how often token matching finds it.

    A keyword found less often than it occurs either sits inside a longer keyword (环境 in 营商环境, on
    purpose), inside a longer token (乡村振兴 in the quoted name 助力乡村振兴), or is cut differently in
    context than alone (worth a lexicon entry).

    Returns:
        Columns ``keyword, theme, weight, occurrences, matched`` for keywords that occur, sorted by theme
        order then keyword.
    """
    taxonomy = taxonomy if taxonomy is not None else doc.resources.taxonomy
    columns = ["keyword", "theme", "weight", "occurrences", "matched"]
    text = doc.report.text
    if not text:
        return pd.DataFrame(columns=columns)
    sentences = classify_sentences(doc, taxonomy=taxonomy)
    found: dict[str, int] = {}
    for kws in sentences["keywords"]:
        for kw in filter(None, kws.split(";")):
            found[kw] = found.get(kw, 0) + 1
    rows = []
    for theme in taxonomy.themes:
        for kw, weight in sorted(theme.keywords.items()):
            n = text.count(kw)
            if n:
                rows.append((kw, theme.code, weight, n, found.get(kw, 0)))
    return pd.DataFrame(rows, columns=columns).astype({"occurrences": "int64", "matched": "int64"})


# --- unsupervised cross-check --------------------------------------------------------------------

@dataclass(frozen=True)
class TopicModel:
    """An NMF topic model of the report's sentences.

    Attributes:
        terms: ``topic, rank, term, weight``: the top terms of each topic (topics numbered from 1).
        sentences: ``sentence_id, topic, weight``: each sentence's dominant topic (0: no term in the
            vocabulary) and its weight.
        n_terms: size of the vocabulary.
        reconstruction_err: the fit's Frobenius reconstruction error.
    """

    terms: pd.DataFrame
    sentences: pd.DataFrame
    n_terms: int
    reconstruction_err: float


def _identity(doc: list[str]) -> list[str]:
    return doc


def nmf_topics(doc: Document, *, n_topics: int = 10, top_n: int = 8, min_df: int = 2,
               random_state: int = 0) -> TopicModel:
    """Fit non-negative matrix factorisation to the TF-IDF matrix of the report's sentences.

    Documents are the sentences; their terms are the segmenter's content terms (stopwords of every
    layer removed, aliases merged). Terms in fewer than ``min_df`` sentences are dropped. NMF starts
    from the deterministic NNDSVD initialisation, so a run gives the same topics every time.

    Args:
        doc: the document.
        n_topics: number of topics (ten, like the taxonomy, by default).
        top_n: top terms kept per topic.
        min_df: minimum number of sentences a term must occur in.
        random_state: passed to scikit-learn's NMF.

    Returns:
        A :class:`TopicModel`.

    References:
        Lee & Seung (1999), Nature 401; scikit-learn ``sklearn.decomposition.NMF``.
    """
    if n_topics < 1 or top_n < 1 or min_df < 1:
        raise ValueError("n_topics, top_n and min_df must be at least 1")
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    term_cols = ["topic", "rank", "term", "weight"]
    sent_cols = ["sentence_id", "topic", "weight"]
    sentences = doc.sentences
    docs = doc.sentence_terms() if sentences else []
    used = [d for d in docs if d]
    if len({t for d in used for t in d}) == 0 or sum(1 for d in used) < max(2, min_df):
        return TopicModel(pd.DataFrame(columns=term_cols), pd.DataFrame(columns=sent_cols), 0, float("nan"))
    vectorizer = TfidfVectorizer(analyzer=_identity, min_df=min_df, lowercase=False)
    try:
        x = vectorizer.fit_transform(docs)
    except ValueError:  # no term left after min_df
        return TopicModel(pd.DataFrame(columns=term_cols), pd.DataFrame(columns=sent_cols), 0, float("nan"))
    vocab = vectorizer.get_feature_names_out()
    k = min(n_topics, x.shape[0], x.shape[1])
    model = NMF(n_components=k, init="nndsvd", random_state=random_state, max_iter=2000)
    w = model.fit_transform(x)
    h = model.components_
    term_rows: list[tuple[int, int, str, float]] = []
    for topic, row in enumerate(h, 1):
        order = sorted(range(len(row)), key=lambda j: (-row[j], vocab[j]))[:top_n]
        term_rows.extend((topic, rank, str(vocab[j]), float(row[j])) for rank, j in enumerate(order, 1) if row[j] > 0)
    sent_rows = []
    for s, weights in zip(sentences, w):
        best = int(weights.argmax())
        sent_rows.append((s.unit_id, best + 1 if weights[best] > 0 else 0, float(weights[best])))
    terms = pd.DataFrame(term_rows, columns=term_cols).astype({"topic": "int64", "rank": "int64"})
    sents = pd.DataFrame(sent_rows, columns=sent_cols).astype({"topic": "int64"})
    return TopicModel(terms, sents, len(vocab), float(model.reconstruction_err_))


def topic_theme_overlap(model: TopicModel, sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences by dominant NMF topic (rows) and primary theme (columns).

    Returns:
        Counts, index ``topic`` (1..k), columns the theme codes in taxonomy order that occur; sentences
        without a topic are left out.
    """
    _check_sentences(sentences, ["sentence_id", "primary_theme"])
    merged = model.sentences.merge(sentences[["sentence_id", "primary_theme"]], on="sentence_id")
    merged = merged[merged["topic"] > 0]
    if merged.empty:
        return pd.DataFrame()
    codes = [c for c in THEME_CODES if c in set(merged["primary_theme"])]
    table = pd.crosstab(merged["topic"], pd.Categorical(merged["primary_theme"], categories=codes), dropna=False)
    table.columns = [str(c) for c in table.columns]
    table.columns.name = "theme"
    return table.astype("int64")


def topic_summary(model: TopicModel, sentences: pd.DataFrame, *, top_n: int = 6) -> pd.DataFrame:
    """One row per topic: its top terms and the theme its sentences most often have.

    Returns:
        Columns ``topic, top_terms`` (``、``-joined), ``sentences`` (with this dominant topic),
        ``best_theme`` (most frequent primary theme among them, ``unclassified`` excluded; ties in taxonomy
        order), ``best_share`` (its share of the topic's sentences).
    """
    overlap = topic_theme_overlap(model, sentences)
    rows = []
    for topic, grp in model.terms.groupby("topic", sort=True):
        terms = "、".join(grp.sort_values("rank")["term"].head(top_n))
        counts = overlap.loc[topic] if topic in overlap.index else pd.Series(dtype="int64")
        n = int(counts.to_numpy().sum())
        classified = counts.drop(UNCLASSIFIED, errors="ignore")
        best = ""
        share = 0.0
        if n and classified.max() > 0:
            best = max(classified.index, key=lambda c: (classified[c], -THEME_CODES.index(c)))
            share = float(classified[best] / n)
        rows.append((int(str(topic)), terms, n, best, share))
    return pd.DataFrame(rows, columns=["topic", "top_terms", "sentences", "best_theme", "best_share"])
