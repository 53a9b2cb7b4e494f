"""govreport.measures: a superlative is stated only where every measure names the same winner."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import govreport as gr
import govreport.themes as th
from govreport import measures as M
from govreport.paths import DATA_DIR, PROJECT_ROOT


def test_claim_names_the_winner_when_the_measures_agree():
    table = pd.DataFrame({"a": [3.0, 1.0], "b": [5.0, 2.0]}, index=["x", "y"])
    c = M.claim(table, ["a", "b"], what="wins", names={"x": "Ex"})
    assert c.robust and c.agreed == "x"
    assert c.sentence() == "Ex wins (a and b alike)."


def test_claim_names_none_when_the_measures_disagree_or_tie():
    table = pd.DataFrame({"chars": [3.0, 1.0], "sentences": [1.0, 2.0], "points": [1.0, 1.0]}, index=["x", "y"])
    c = M.claim(table, ["chars", "sentences", "points"], what="gains most", noun="area")
    assert not c.robust and c.winners == {"chars": "x", "sentences": "y", "points": None}
    assert c.sentence() == ("Which area gains most depends on the measure: "
                            "by characters, x; by sentences, y; by points, a tie between x and y.")


def test_smallest_wins_when_asked():
    c = M.top_claim({"m": {"x": -1.0, "y": 2.0}}, what="loses most", largest=False)
    assert c.agreed == "x"


@pytest.fixture(scope="module")
def seed():
    doc = gr.book_document()
    return doc, th.classify_sentences(doc)


def test_the_general_paragraph_of_the_seed_plan_is_its_lead_paragraph(seed):
    doc, _ = seed
    assert M.general_paragraphs(doc.report) == ["plan.0"]


def test_general_paragraph_of_a_plan_cut_into_sections_only():
    """Shenzhen 2024: the plan's 总体要求 (今年是中华人民共和国成立75周年 … 重点做好以下十个方面工作) before
    （一）; its ten sections and its closing appeal are not general paragraphs."""
    from govreport.paths import DATA_DIR
    from govreport.report import load_report

    report = load_report(DATA_DIR / "corpus" / "city_深圳市_2024.txt")
    assert M.general_paragraphs(report) == ["plan.00"]
    assert M.general_paragraphs(report, part="review") == ["review.00"]


def test_theme_weights_sum_to_one_in_each_part_under_each_measure(seed):
    doc, sentences = seed
    for drop in ((), ("plan.0",)):
        w = M.theme_weights(sentences, doc.report, drop=drop)
        sums = w.groupby("part")[list(M.THEME_MEASURES)].sum()
        assert ((sums - 1).abs() < 1e-9).all().all()


def test_seed_gains_by_characters_match_the_share_change_of_the_themes_package(seed):
    doc, sentences = seed
    gains = M.theme_gains(sentences, doc.report)
    change = th.share_change(th.theme_shares(sentences)).set_index("theme")["change"]
    for theme in gains.index:
        assert gains.loc[theme, "chars"] == pytest.approx(change[theme])


def test_which_area_gains_most_in_the_seed_depends_on_the_measure(seed):
    """Checked by hand: by characters economy (+6.5 points, most of it the plan's one-sentence general
    paragraph, 336 characters classified as economy), by sentences Party building (+7.8), by points a tie
    of culture and tourism and Party building (+9.2 each); so the book names no winner."""
    doc, sentences = seed
    gains = M.theme_gains(sentences, doc.report)
    assert gains["chars"].idxmax() == "economy" and round(gains.loc["economy", "chars"] * 100, 1) == 6.5
    assert gains["sentences"].idxmax() == "party"
    assert gains.loc["economy", "chars_without_general"] < gains.loc["economy", "chars"]
    claims = M.gain_claims(gains)
    assert not claims["gain"].robust
    assert "depends on the measure" in claims["gain"].sentence()


CORPUS = sorted((DATA_DIR / "corpus").glob("district_*_2023.txt"))[:4]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_a_claim_about_another_report_names_a_winner_only_where_all_measures_agree(path):
    doc = gr.Document.from_path(path)
    sentences = th.classify_sentences(doc)
    gains = M.theme_gains(sentences, doc.report)
    for c in M.gain_claims(gains).values():
        winners = set(c.winners.values())
        if c.robust:
            assert len(winners) == 1 and None not in winners
            assert c.name(c.agreed).lower() in c.sentence().lower()
            for measure in c.winners:  # the stated winner really is first under every measure
                col = gains[measure]
                best = col.max() if "gains" in c.what else col.min()
                assert col[c.agreed] == best
        else:
            assert "depends on the measure" in c.sentence()


# --- the book's prose: every superlative is a glued claim ----------------------------------------

SUPERLATIVE = re.compile(r"\b(gains most|loses most|the most|the largest|the longest|the biggest|stresses most|"
                         r"largest share|most frequent)\b", re.IGNORECASE)


def _prose_lines(path: Path) -> list[str]:
    """Markdown prose of a chapter: no code cells, no directives (captions are descriptions, not claims)."""
    lines, fence = [], None
    for line in path.read_text(encoding="utf-8").split("---", 2)[-1].splitlines():
        m = re.match(r"^(`{3,}|:{3,})", line.strip())
        if m:
            fence = None if fence and m.group(1).startswith(fence) and line.strip() == m.group(1) else (
                fence or m.group(1))
            continue
        if fence is None:
            lines.append(line)
    return lines


@pytest.mark.parametrize("chapter", sorted((PROJECT_ROOT / "chapters").glob("0[0-4]-*.md")), ids=lambda p: p.stem)
def test_every_superlative_in_the_prose_is_a_claim_checked_against_its_alternative_measure(chapter):
    text = chapter.read_text(encoding="utf-8")
    bare = [line for line in _prose_lines(chapter) if SUPERLATIVE.search(line) and "{glue:text}`claim_" not in line]
    assert bare == []
    if re.search(r"\{glue:text\}`claim_", text):  # claims are glued by glue_claim, which checks the measures
        assert "glue_claim(" in text


def test_values_equal_at_the_shown_precision_are_a_tie_and_the_sentence_names_the_tied_items():
    import pandas as pd

    from govreport.measures import claim

    table = pd.DataFrame({"z": [2.0, 1.5, 1.0], "log_odds": [4.3612, 4.3598, 3.0]}, index=["a", "b", "c"])
    exact = claim(table, ["z", "log_odds"], what="is stressed most", noun="term")
    assert exact.robust and exact.agreed == "a"
    shown = claim(table, ["z", "log_odds"], what="is stressed most", noun="term", decimals={"log_odds": 2})
    assert not shown.robust and shown.winners == {"z": "a", "log_odds": None}
    assert shown.tied == {"log_odds": ("a", "b")}
    assert "a tie between a and b" in shown.sentence()
