"""Tests for govreport.keywords: counts, TF-IDF/TextRank through the lexicon, keyness, networks,
keyword in context, validation tables and word clouds."""
from __future__ import annotations

import math
from collections import Counter

import jieba
import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

from examples_budget import examples

from govreport.cutchecks import compare_top_terms, integrity_table
from govreport.document import Document, Resources
from govreport.keywords import (
    KEYWORD_COLUMNS,
    METHODS,
    cooccurrence,
    keyness,
    keywords_table,
    kwic,
    method_agreement,
    part_counts,
    term_counts,
    textrank,
    tfidf,
    tokens_table,
)
from govreport.report import PARTS, Report
from govreport.tokens import Segmenter


@pytest.fixture(scope="module")
def report(seed) -> Report:
    return seed


@pytest.fixture(scope="module")
def doc(seed_doc) -> Document:
    return seed_doc


@pytest.fixture(scope="module")
def seg(doc: Document) -> Segmenter:
    return doc.segmenter


@pytest.fixture(scope="module")
def baseline(report: Report) -> Document:
    """The seed cut with jieba's own dictionary and defaults (HMM on)."""
    return Document(report, Resources(user_dict=False, hmm=True, harvest=False))


@pytest.fixture(scope="module")
def table(doc: Document):
    return keywords_table(doc)


# --- keyness -------------------------------------------------------------------------------------


def test_keyness_ranks_overused_term_first() -> None:
    result = keyness(Counter({"改革": 9, "发展": 1}), Counter({"改革": 1, "发展": 9}))
    assert result.iloc[0]["term"] == "改革"


def test_keyness_toy_case_computed_by_hand() -> None:
    # alpha 0.1, prior = pooled counts {a: 10, b: 10} -> alpha_a = alpha_b = 1, alpha_0 = 2, n = 10 each.
    # delta_a = log(10 / (10 + 2 - 10)) - log(2 / (10 + 2 - 2)) = log 5 - log 0.2 = log 25
    # var_a = 1/10 + 1/2 = 0.6, z_a = 3.218876 / 0.774597 = 4.15555
    result = keyness(Counter({"a": 9, "b": 1}), Counter({"a": 1, "b": 9}), alpha=0.1).set_index("term")
    assert result.loc["a", "log_odds"] == pytest.approx(math.log(25))
    assert result.loc["a", "z"] == pytest.approx(4.15555, abs=1e-5)
    assert result.loc["b", "log_odds"] == pytest.approx(-math.log(25))
    assert list(result.index) == ["a", "b"]


def test_keyness_with_an_explicit_background_prior() -> None:
    # prior {a: 1, b: 3}, alpha 1 -> alpha_a = 1, alpha_0 = 4; target {a: 2, b: 2}, reference {a: 0, b: 4}
    # delta_a = log(3 / (4 + 4 - 3)) - log(1 / (4 + 4 - 1)) = log(3/5) - log(1/7) = log 4.2
    # var_a = 1/3 + 1/1 -> z_a = log 4.2 / sqrt(4/3)
    result = keyness({"a": 2, "b": 2}, {"b": 4}, alpha=1.0, prior={"a": 1, "b": 3}).set_index("term")
    assert result.loc["a", "log_odds"] == pytest.approx(math.log(4.2))
    assert result.loc["a", "z"] == pytest.approx(math.log(4.2) / math.sqrt(4 / 3))


def test_keyness_is_antisymmetric() -> None:
    a, b = Counter({"x": 5, "y": 2, "z": 1}), Counter({"x": 1, "y": 4, "w": 3})
    forth = keyness(a, b).set_index("term")["z"]
    back = keyness(b, a).set_index("term")["z"]
    assert (forth + back.reindex(forth.index)).abs().max() < 1e-12


def test_keyness_empty_in_empty_out() -> None:
    result = keyness(Counter(), Counter())
    assert result.empty and list(result.columns) == ["term", "log_odds", "z"]


@pytest.mark.parametrize("alpha", [0, -1, float("nan")])
def test_keyness_refuses_a_bad_alpha(alpha: float) -> None:
    with pytest.raises(ValueError, match="alpha"):
        keyness(Counter({"a": 1}), Counter({"b": 1}), alpha=alpha)


def test_keyness_refuses_a_prior_that_misses_a_term() -> None:
    with pytest.raises(ValueError, match="prior"):
        keyness(Counter({"a": 1}), Counter({"b": 1}), prior={"a": 1})


# --- counts ----------------------------------------------------------------------------------------


def test_term_counts_add_up_over_parts(report: Report, doc: Document) -> None:
    counts = term_counts(doc)
    assert list(counts.columns) == ["term", "count", "preamble", "review", "plan"]
    assert (counts[["preamble", "review", "plan"]].sum(axis=1) == counts["count"]).all()
    assert counts["count"].is_monotonic_decreasing


def test_term_counts_of_the_island(report: Report, doc: Document) -> None:
    # Read in the text: review point 3 writes 紫坭岛 twice and 紫泥岛 once; the plan writes 紫坭岛 three times.
    row = term_counts(doc).set_index("term").loc["紫坭岛"]
    assert (row["count"], row["review"], row["plan"]) == (6, 3, 3)


def test_term_counts_hold_no_numerals_or_stopwords(report: Report, doc: Document) -> None:
    terms = set(term_counts(doc)["term"])
    assert not terms & {"推进", "加强", "持续", "全面", "深入", "的", "工作"}
    assert not any(t.replace(".", "").replace("%", "").isdigit() for t in terms)
    assert "百千万工程" in terms and "百千万" not in terms


def test_part_counts_keys_are_parts(report: Report, doc: Document) -> None:
    assert list(part_counts(doc)) == [p for p in PARTS if p in {"preamble", "review", "plan"}]


# --- jieba.analyse through the lexicon ---------------------------------------------------------------


def test_tfidf_and_textrank_use_the_segmenter_terms(report: Report, doc: Document) -> None:
    plan = report.unit("plan").text
    allowed = set(doc.segmenter.terms(plan))
    for frame in (tfidf(doc, part="plan", top=None), textrank(doc, part="plan", top=None)):
        assert set(frame["term"]) <= allowed
        assert "百千万工程" in set(frame["term"])
        assert frame["score"].is_monotonic_decreasing


def test_jieba_global_tokenizer_is_never_initialised(report: Report, doc: Document) -> None:
    tfidf(doc)
    textrank(doc)
    assert not jieba.dt.initialized


def test_textrank_best_score_is_one(report: Report, doc: Document) -> None:
    assert textrank(doc, part="review").iloc[0]["score"] == pytest.approx(1.0)


def test_extractors_empty_in_empty_out(resources) -> None:
    empty = Document.from_text("", resources)
    assert tfidf(empty).empty and textrank(empty).empty
    assert tfidf(empty, part="plan").empty


# --- the CLI tables ------------------------------------------------------------------------------------


def test_keywords_table_columns_and_codes(table) -> None:
    assert list(table.columns) == KEYWORD_COLUMNS
    assert set(table["part"]) <= set(PARTS)
    assert set(table["method"]) == set(METHODS)


def test_keywords_table_ranks_run_from_one(table) -> None:
    for _, group in table.groupby(["part", "method"]):
        assert list(group["rank"]) == list(range(1, len(group) + 1))


def test_keywords_table_counts_match_term_counts(report: Report, doc: Document, table) -> None:
    counts = term_counts(doc).set_index("term")
    for row in table.itertuples():
        assert row.count == counts.loc[row.term, row.part]
    freq = table[table["method"] == "frequency"]
    assert (freq["score"] == freq["count"]).all()


def test_keywords_table_keyness_scores_are_positive(table) -> None:
    assert (table.loc[table["method"] == "keyness", "score"] > 0).all()


def test_tokens_table_covers_the_text(report: Report, doc: Document) -> None:
    tokens = tokens_table(doc)
    assert list(tokens.columns) == ["start", "end", "token", "pos"]
    assert "".join(tokens["token"]) == report.text
    assert tokens["start"].iloc[0] == 0 and tokens["end"].iloc[-1] == len(report.text)


def test_method_agreement_counts_methods() -> None:
    import pandas as pd

    a = pd.DataFrame({"term": ["x", "y", "z"]})
    b = pd.DataFrame({"term": ["y", "w"]})
    result = method_agreement({"a": a, "b": b}, top=3).set_index("term")
    assert result.loc["y", "methods"] == 2 and result.loc["y", "a"] == 2 and result.loc["y", "b"] == 1
    assert result.loc["w", "methods"] == 1 and pd.isna(result.loc["w", "a"])
    assert result.index[0] == "y"


# --- network and keyword in context ------------------------------------------------------------------


def test_cooccurrence_edge_weight_checked_by_hand(report: Report, doc: Document) -> None:
    # 沙湾北村 and 紫坭岛 share exactly one sentence (review.03.s02); the plan names them apart.
    graph = cooccurrence(doc, top=500, min_weight=1)
    assert graph["沙湾北村"]["紫坭岛"]["weight"] == 1
    assert graph.nodes["紫坭岛"]["count"] == 6


def test_cooccurrence_respects_top_and_min_weight(report: Report, doc: Document) -> None:
    graph = cooccurrence(doc, top=30, min_weight=2)
    assert graph.number_of_nodes() == 30
    assert all(w >= 2 for *_, w in graph.edges(data="weight"))


def test_kwic_finds_every_spelling_with_its_unit(report: Report, doc: Document) -> None:
    rows = kwic(doc, "紫坭岛")
    assert len(rows) == 6
    assert list(rows["term"]).count("紫泥岛") == 1
    assert rows.loc[rows["term"] == "紫泥岛", "unit_id"].item() == "review.03"
    assert all(report.text[s:e] == t for s, e, t in zip(rows["start"], rows["end"], rows["term"]))
    assert set(rows["unit_id"]) == {"review.03", "plan.1.3", "plan.2.2"}


def test_kwic_context_stays_in_the_sentence(report: Report, doc: Document) -> None:
    for row in kwic(doc, "百千万工程", width=None).itertuples():
        sentence = report.unit(row.sentence_id).text
        assert (row.left + row.term + row.right) == sentence.rstrip("\r\n")


def test_kwic_refuses_an_empty_term(report: Report, doc: Document) -> None:
    with pytest.raises(ValueError):
        kwic(doc, " ")


# --- validation --------------------------------------------------------------------------------------


def test_integrity_table_all_kept_whole_and_baseline_splits(doc: Document, baseline: Document) -> None:
    checked = integrity_table(doc, baseline).set_index("term")
    assert checked["split"].sum() == 0
    assert checked["kept_whole"].sum() + checked["other_reading"].sum() == checked["occurrences"].sum()
    assert checked.loc["百千万工程", "baseline_split"] == 7
    assert checked.loc["百千万工程", "baseline_split_as"] == "百千万 / 工程"
    assert checked.loc["百千万工程", "source"] == "user_dict"
    assert checked.loc["湾区旅游度假活力岛", "source"] == "harvested"


def test_top_terms_without_the_lexicon_are_policy_verbs(doc: Document, baseline: Document) -> None:
    compared = compare_top_terms(doc, baseline, top=20)
    assert {"推进", "推动", "持续"} <= set(compared["baseline"])
    assert not {"推进", "推动", "持续"} & set(compared["with_lexicon"])
    assert "百千万工程" in set(compared["with_lexicon"])


def test_keyness_of_a_single_term_vocabulary_is_empty_not_a_crash():
    from collections import Counter

    from govreport.keywords import keyness

    assert keyness(Counter({"工作": 3}), Counter({"工作": 1})).empty


def test_tfidf_and_textrank_give_jiebas_own_scores(report: Report, doc: Document) -> None:
    """Ours apply jieba's formulas without importing jieba.analyse; on every part of the seed they give
    exactly the scores of jieba.analyse's TFIDF and TextRank fed the same terms."""
    from jieba.analyse import TFIDF, TextRank

    import govreport.keywords as kw
    from govreport.keywords import scores

    class Terms:  # stands in for jieba's tokenizer: the part's terms
        def __init__(self, part: str) -> None:
            self.part = part

        def cut(self, *args: object, **kwargs: object) -> list[str]:
            return scores._part_terms(doc, self.part, kw.LAYERS)

    class Pairs(Terms):  # stands in for jieba.posseg: every token, flagged term or skip
        def cut(self, *args: object, **kwargs: object) -> list[scores._Pair]:  # type: ignore[override]
            return scores._part_pairs(doc, self.part, kw.LAYERS)

    for unit in report.parts():
        extractor = TFIDF()
        extractor.tokenizer, extractor.stop_words = Terms(unit.part), set()
        expected = scores._ranked(extractor.extract_tags(unit.text, topK=None, withWeight=True), None)
        assert kw.tfidf(doc, part=unit.part, top=None).equals(expected)
        ranker = TextRank()
        ranker.tokenizer = ranker.postokenizer = Pairs(unit.part)
        ranker.stop_words = set()
        expected = scores._ranked(ranker.textrank(unit.text, topK=None, withWeight=True, allowPOS=("term",)), None)
        assert kw.textrank(doc, part=unit.part, top=None).equals(expected)


def test_idf_table_is_jiebas(tmp_path, monkeypatch) -> None:
    """Parsed from idf.txt (a fresh cache) or loaded from the cache, the table is jieba's IDFLoader's."""
    from jieba.analyse.tfidf import DEFAULT_IDF, IDFLoader

    from govreport.keywords import IdfTable

    loader = IDFLoader(DEFAULT_IDF)
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # parsed and cached, then read from the cache
        table = IdfTable.load()
        assert table.idf == loader.idf_freq and table.median == loader.median_idf
        assert table.lookup(["中国", "百千万工程", "中国\x00", ""]).tolist() == [
            loader.idf_freq["中国"], loader.median_idf, loader.median_idf, loader.median_idf]
    assert len(list((tmp_path / "jieba").glob("idf.*.npz"))) == 1


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(1, 5)), min_size=1, max_size=120))
def test_gauss_seidel_sweeps_equal_jiebas_loop(links) -> None:
    """The level-by-level sparse sweeps give jieba's node-by-node loop to the last bit (self-links included)."""
    from textrank_links import half_links

    from govreport.keywords import scores

    nodes = sorted({x for a, b, _ in links for x in (a, b)})
    at = {n: i for i, n in enumerate(nodes)}
    graph: dict[int, list[tuple[int, int, int]]] = {}
    for a, b, w in links:  # jieba's UndirectWeightedGraph.addEdge
        graph.setdefault(at[a], []).append((at[a], at[b], w))
        graph.setdefault(at[b], []).append((at[b], at[a], w))
    out_sum = {n: sum((e[2] for e in out), 0.0) for n, out in graph.items()}
    ws = dict.fromkeys(graph, 1.0 / len(graph))
    for _ in range(10):
        for n in sorted(graph):
            s = 0
            for e in graph[n]:
                s += e[2] / out_sum[e[1]] * ws[e[1]]
            ws[n] = (1 - 0.85) + 0.85 * s
    assert scores._gauss_seidel(*half_links(links)) == [ws[i] for i in range(len(nodes))]
