"""govreport.glosses: English beside the Chinese, and a visible mark where the curated data have none."""
from __future__ import annotations

import pytest

import govreport as gr
import govreport.keywords as kw
import govreport.quantities as Q
from govreport import glosses as G
from govreport.plots.keywords import EN_CLOUD_WORDS


@pytest.fixture(scope="module")
def g() -> G.Glosses:
    return G.load_glosses()


@pytest.fixture(scope="module")
def seed_doc() -> gr.Document:
    return gr.book_document()


def test_whole_indicator_phrase_is_looked_up_first(g):
    assert g.english("indicator", "前三季度全街实现生产总值(GDP)") == "GDP, first three quarters"


def test_an_indicator_not_listed_takes_the_longest_listed_phrase_it_ends_with(g):
    # 走访企业 and 企业 … : the longest listed head wins
    assert g.english("indicator", "今年上半年走访企业") == g.english("indicator", "走访企业") == "visits to enterprises"


def test_unglossed_text_says_so_and_empty_or_latin_text_is_itself(g):
    assert g.english("indicator", "某某未收录的指标") == G.NO_GLOSS
    assert g.english("term", "") == ""
    assert g.english("term", "GDP") == "GDP"
    assert G.english_column(["", None, float("nan"), "沙湾"], "term", glosses=g) == ["", "", "", "Shawan"]


def test_headings_match_whatever_width_their_commas_are_typed_in(g):
    half = g.english("heading", "以产业转型升级为引擎,强化经济高质量发展新动能")
    assert half == g.english("heading", "以产业转型升级为引擎，强化经济高质量发展新动能")
    assert half.startswith("Industrial upgrading")


def test_terms_missing_from_terms_csv_take_the_lexicon_gloss_cut_to_its_first_clause(g):
    assert g.english("term", "飘色") == "piaose ('floating colours')"  # user_dict: "…: a parade art …"
    assert g.english("term", "紫坭岛") == "Zini Island"


def test_unknown_kind_is_refused(g):
    with pytest.raises(ValueError, match="unknown gloss kind"):
        g.english("colour", "红")


def test_a_gloss_file_with_two_glosses_for_one_text_is_refused(tmp_path):
    (tmp_path / "terms.csv").write_text("term,en,note\n沙湾,Shawan,\n沙湾,Sand Bay,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossed twice"):
        G.load_glosses(folder=tmp_path, lexicon_dir=tmp_path)


def test_in_prose_and_bilingual_put_the_gloss_beside_the_term(g):
    assert G.in_prose("营商环境", glosses=g) == "营商环境 (business environment)"
    assert G.bilingual("营商环境", glosses=g) == "营商环境 business environment"
    assert G.bilingual("GDP", glosses=g) == "GDP"


def test_gloss_files_are_sorted_by_their_first_column():
    import csv

    for name, _ in G.KINDS.values():
        with open(G.GLOSSES_DIR / name, encoding="utf-8", newline="") as fh:
            keys = [row[0] for row in list(csv.reader(fh))[1:]]
        assert keys == sorted(keys), name


# --- the Shawan report: everything the book shows in English has a gloss -------------------------

def test_every_indicator_of_the_seed_report_has_english(seed_doc, g):
    quantities = Q.extract_quantities(seed_doc)
    assert g.missing("indicator", quantities["indicator"]) == []
    assert len(G.indicator_en(quantities["indicator"], glosses=g)) == len(quantities)


def test_every_heading_and_commitment_of_the_seed_report_has_english(seed_doc, g):
    units = gr.unit_summary(seed_doc.report)
    assert g.missing("heading", [h for h in units["heading"] if h]) == []
    commit = Q.commitments(seed_doc)
    assert g.missing("verb", commit["verb"]) == []
    assert g.missing("object", commit["object"]) == []


def test_every_term_an_english_figure_of_the_seed_report_draws_has_english(seed_doc, g):
    per_part = kw.part_counts(seed_doc)
    shown: list[str] = []
    for part in ("review", "plan"):
        top = sorted(per_part[part].items(), key=lambda kv: (-kv[1], kv[0]))[:EN_CLOUD_WORDS]
        shown += [t for t, _ in top]
    key = kw.keyness(per_part["plan"], per_part["review"])
    shown += list(key[key["z"] > 0].head(15)["term"]) + list(key[key["z"] < 0].tail(15)["term"])
    shown += list(kw.cooccurrence(seed_doc, top=30, min_weight=2).nodes)
    shown += list(kw.term_counts(seed_doc)["term"].head(20))
    assert g.missing("term", shown) == []


def test_an_indicator_takes_the_english_of_its_head_not_of_any_phrase_inside_it():
    """A Chinese noun phrase ends in its head: 全市地区生产总值 is GDP, but a share of GDP or the energy
    used per unit of GDP is not GDP; an indicator the data cannot name says so."""
    g = G.load_glosses()
    assert g.english("indicator", "全市地区生产总值") == "GDP"
    assert g.english("indicator", "地方一般公共预算收入") == "General public budget revenue"
    assert g.english("indicator", "新经济增加值占地区生产总值比重") == G.NO_GLOSS
    assert g.english("indicator", "预计单位地区生产总值能耗") == "Energy consumption per 10000 yuan of GDP"


def test_the_quantities_table_carries_indicator_en(seed_doc, resources):
    """The CLI table gains indicator_en after the contract's columns: English for every indicator of the
    seed (curated), the shared indicators' names for another report, [no gloss] where there is none."""
    from govreport.document import Document
    from govreport.paths import DATA_DIR
    from govreport.quantities import QUANTITY_COLUMNS, quantities_table

    seed = quantities_table(seed_doc)
    assert list(seed.columns) == [*QUANTITY_COLUMNS, "indicator_en"]
    assert (seed["indicator_en"] != G.NO_GLOSS).all() and (seed["indicator_en"] != "").all()
    city = quantities_table(Document.from_path(DATA_DIR / "corpus" / "city_深圳市_2024.txt", resources))
    gdp = city[city["indicator"] == "全市地区生产总值"]
    assert len(gdp) and set(gdp["indicator_en"]) == {"GDP"}
    assert G.NO_GLOSS in set(city["indicator_en"])


def test_a_quantity_in_an_area_unit_is_named_as_an_area_not_as_the_count_of_its_indicator(seed_doc, g):
    table = Q.quantities_table(seed_doc)
    areas = table[table["unit"].isin(["平方米", "公顷", "亩"])]
    assert len(areas) >= 3
    assert all(en.startswith("area of ") for en in areas["indicator_en"])
    same = table[table["indicator"].isin(areas["indicator"]) & ~table["unit"].isin(["平方米", "公顷", "亩"])]
    assert len(same) >= 2 and not any(en.startswith("area of ") for en in same["indicator_en"])
    assert g.quantity_indicator("污染源整治", "类") == "kinds of pollution sources cleaned up"
    assert g.unit("公顷") == "hectares" and g.unit("个") == "" and g.unit("%") == "%"
    assert g.unit("斤") == G.NO_GLOSS


def test_a_name_glossed_in_the_lexicon_reads_the_same_inside_every_longer_gloss():
    """The glossary (the lexicon) and the tables (data/glosses) give a place, company or proper name one English
    name: a longer phrase that contains the name carries the name's English (plural allowed)."""
    import re

    from govreport.paths import DATA_DIR, LEXICON_DIR, read_csv_rows

    rows = read_csv_rows(LEXICON_DIR / "user_dict.csv")
    names = {G.normalise(r["term"]): G._short(r["en"]) for r in rows
             if r.get("en") and (r.get("pos") == "nz" or r.get("category") in ("place", "company"))}
    assert len(names) > 20
    differ = []
    for file, column in G.KINDS.values():
        for row in read_csv_rows(DATA_DIR / "glosses" / file):
            zh, en = G.normalise(row[column]), row["en"].lower().replace("-", " ")
            for term, name in names.items():
                if len(term) >= 3 and term in zh and term != zh:
                    key = re.sub(r"\s*\(.*\)$", "", name).lower().replace("-", " ").strip("'")
                    if key.removesuffix("s") not in en:
                        differ.append((file, row[column], row["en"], name))
    assert differ == []


def test_loaded_glosses_are_kept_until_a_file_they_came_from_changes(tmp_path):
    (tmp_path / "terms.csv").write_text("term,en,note\n沙湾,Shawan,\n", encoding="utf-8")
    first = G.load_glosses(folder=tmp_path, lexicon_dir=tmp_path)
    assert G.load_glosses(folder=tmp_path, lexicon_dir=tmp_path) is first  # read once
    assert first.english("term", "沙湾") == "Shawan"
    # the same size, written at once after the read: the content decides, not the file's time
    (tmp_path / "terms.csv").write_text("term,en,note\n沙湾,Shawax,\n", encoding="utf-8")
    assert G.load_glosses(folder=tmp_path, lexicon_dir=tmp_path).english("term", "沙湾") == "Shawax"
    (tmp_path / "headings.csv").write_text("heading,en\n总结,Review\n", encoding="utf-8")  # a file added
    assert G.load_glosses(folder=tmp_path, lexicon_dir=tmp_path).english("heading", "总结") == "Review"
    (tmp_path / "headings.csv").unlink()  # and removed
    assert G.load_glosses(folder=tmp_path, lexicon_dir=tmp_path).english("heading", "总结") == G.NO_GLOSS


def test_figure_labels_are_read_again_when_their_file_changes(tmp_path, monkeypatch):
    from govreport import labels

    path = tmp_path / "figure_labels.csv"
    path.write_text("key,en,zh\naxis,Characters,字数\n", encoding="utf-8")
    monkeypatch.setattr(labels, "LABELS_FILE", path)
    assert labels.label("axis", lang="en") == "Characters"
    path.write_text("key,en,zh\naxis,Charactery,字数\n", encoding="utf-8")
    assert labels.label("axis", lang="en") == "Charactery"
    assert labels.label("axis", lang="zh") == "字数"
    with pytest.raises(KeyError):
        labels.label("nothing")
