"""The vectorised theme classification against the plain algorithm it replaced: the keywords cut one by one,
matched sentence by sentence with ``match_keywords``, scored with ``_scores_from_matches`` and ``_rank``;
and the NumPy aggregation against pandas' groupby."""
from __future__ import annotations

import warnings

import pytest

from govreport import paths
from govreport.document import Document
from govreport.themes import classify as C
from govreport.themes.taxonomy import (
    MIN_SCORE,
    UNCLASSIFIED,
    _first_index,
    _rank,
    _scores_from_matches,
    compile_keywords,
    format_themes,
    match_keywords,
    primary_theme,
)

CORPUS = sorted((paths.DATA_DIR / "corpus").glob("*.txt"))


@pytest.fixture(scope="module")
def docs(seed_doc, resources) -> list[Document]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [seed_doc, *(Document.from_path(p, resources) for p in CORPUS[::12])]


def reference(doc: Document) -> list[tuple[str, float, str, str, int]]:
    """``(primary_theme, score, themes, keywords, chars)`` of each sentence, computed sentence by sentence."""
    seg, taxonomy = doc.segmenter, doc.resources.taxonomy
    phrases = compile_keywords(taxonomy, seg)
    # a harvested name counts as the longest keyword that is a name suffix and that it ends with
    suffix_keywords = sorted((kw for kw in taxonomy.keyword_index() if kw in seg.lexicon.name_suffixes),
                             key=len, reverse=True)
    for name in doc.names:
        if name in taxonomy.keyword_index():
            continue
        for kw in suffix_keywords:
            if name.endswith(kw):
                code, weight = taxonomy.keyword_index()[kw]
                phrases.setdefault((seg.canonical(name),), (code, weight, kw))
                break
    index = _first_index(phrases)
    tokens, pos = doc.tokens.tokens, doc.tokens.pos
    bounds = doc.sentence_bounds.tolist()
    out = []
    for k, s in enumerate(doc.sentences):
        toks = [seg.canonical(tokens[i]) for i in range(bounds[k], bounds[k + 1]) if pos[i] != "x"]
        matches = match_keywords(toks, phrases, _index=index)
        scores, first = _scores_from_matches(matches)
        ranked = _rank(scores, first, taxonomy.codes)
        primary = primary_theme(dict(ranked), min_score=MIN_SCORE)
        out.append((primary, ranked[0][1] if primary != UNCLASSIFIED else 0.0, format_themes(ranked),
                    ";".join(e[2] for _, _, e in matches), sum(1 for ch in s.text if not ch.isspace())))
    return out


def test_classify_sentences_equals_the_sentence_by_sentence_algorithm(docs) -> None:
    for doc in docs:
        got = C.classify_sentences(doc)
        expected = reference(doc)
        assert list(zip(got["primary_theme"], got["score"], got["themes"], got["keywords"], got["chars"])) == expected
        assert (got["primary_theme"] != UNCLASSIFIED).sum() > 0


def test_keyword_phrases_reused_from_the_resources_equal_a_fresh_cut(docs) -> None:
    for doc in docs:
        assert doc.segmenter.extra_terms  # every report quotes something
        assert C._phrases(doc, doc.resources.taxonomy) == compile_keywords(doc.resources.taxonomy, doc.segmenter)


def test_primary_aggregation_equals_pandas_groupby(docs) -> None:
    for doc in docs:
        s = C.classify_sentences(doc)
        for subset in (s, s[~s["is_heading"]], s[s["part"] == "plan"]):
            for by in ("part", "section", "unit_id"):
                fast = C.aggregate_themes(subset, by=by)
                slow = C.aggregate_themes(subset.assign(chars=subset["chars"].astype(float)), by=by)  # pandas path
                assert fast.equals(slow) and list(fast.dtypes) == list(slow.dtypes)
