"""Tests for govreport.themes: taxonomy data, sentence classification, aggregation, heading agreement,
and the NMF cross-check."""
from __future__ import annotations

import csv
import math

import pandas as pd
import pytest
import yaml

from govreport import themes as th
from govreport.document import Document
from govreport.labels import label
from govreport.tokens import Segmenter

ISSUE_LABELS = {
    "economy": "经济与产业", "business_env": "营商环境与改革开放", "rural": "百千万工程与乡村振兴",
    "urban": "城乡建设与城市更新", "culture_tourism": "文化与文商旅", "ecology": "生态环境",
    "democracy": "民主政治与统战", "livelihood": "民生社会事业", "safety_governance": "安全与基层治理",
    "party": "党的建设",
}

# One hand-written sentence per theme (not taken from the report); the expected theme is what a reader
# of the sentence would say it is about.
HAND_SENTENCES = {
    "economy": "全力支持制造业龙头企业增资扩产，培育战略性新兴产业。",
    "business_env": "持续优化营商环境，深化政务服务改革，做好招商引资。",
    "rural": "深入实施乡村振兴战略，发展现代农业，建设和美乡村。",
    "urban": "加快推进城市更新和老旧小区改造，完善基础设施。",
    "culture_tourism": "推动文旅融合，办好非遗展演，擦亮古镇旅游品牌。",
    "ecology": "打好蓝天碧水净土保卫战，落实河长制，加强生态环境保护。",
    "democracy": "支持人大代表依法履职，发挥政治协商作用，巩固大统战格局。",
    "livelihood": "办好人民满意的教育，完善养老服务，扩大就业和社会保障。",
    "safety_governance": "狠抓安全生产，排查消防隐患，常态化开展扫黑除恶。",
    "party": "加强基层党组织建设，深化正风肃纪反腐，教育引导党员干部。",
}


@pytest.fixture(scope="module")
def seg(resources) -> Segmenter:
    return resources.segmenter


@pytest.fixture(scope="module")
def taxonomy() -> th.Taxonomy:
    return th.load_taxonomy()


@pytest.fixture(scope="module")
def sentences(seed_doc) -> pd.DataFrame:
    return th.classify_sentences(seed_doc)


# --- taxonomy data -------------------------------------------------------------------------------

def test_taxonomy_has_the_ten_codes_and_labels_of_the_issue(taxonomy):
    assert taxonomy.codes == th.THEMES
    assert {t.code: t.zh for t in taxonomy.themes} == ISSUE_LABELS
    assert all(t.en for t in taxonomy.themes)


def test_taxonomy_keywords_are_sorted_weighted_and_in_one_theme_only(taxonomy):
    raw = yaml.safe_load(th.THEMES_FILE.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for row in raw["themes"]:
        words = list(row["keywords"])
        assert words == sorted(words), row["code"]
        assert set(row["keywords"].values()) <= {1, 2, 3}, row["code"]
        assert not seen & set(words)
        seen |= set(words)


def test_load_taxonomy_rejects_wrong_codes_and_duplicate_keywords(tmp_path):
    base = yaml.safe_load(th.THEMES_FILE.read_text(encoding="utf-8"))
    swapped = {"themes": [base["themes"][1], base["themes"][0], *base["themes"][2:]]}
    (tmp_path / "a.yml").write_text(yaml.safe_dump(swapped, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="theme codes"):
        th.load_taxonomy(tmp_path / "a.yml")
    dup = yaml.safe_load(th.THEMES_FILE.read_text(encoding="utf-8"))
    dup["themes"][9]["keywords"]["营商环境"] = 3
    (tmp_path / "b.yml").write_text(yaml.safe_dump(dup, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="营商环境"):
        th.load_taxonomy(tmp_path / "b.yml")
    bad = yaml.safe_load(th.THEMES_FILE.read_text(encoding="utf-8"))
    bad["themes"][0]["keywords"]["产业"] = 0
    (tmp_path / "c.yml").write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="positive weight"):
        th.load_taxonomy(tmp_path / "c.yml")


def test_every_theme_has_a_figure_label_matching_its_chinese_label(taxonomy):
    for t in taxonomy.themes:
        assert label(f"theme_{t.code}", lang="zh") == t.zh
    assert label(f"theme_{th.UNCLASSIFIED}", lang="en") == "Unclassified"


def test_heading_mapping_is_sorted_valid_and_matches_the_report_headings(seed):
    with th.HEADING_THEMES_FILE.open(encoding="utf-8", newline="") as fh:
        headings = [row["heading"] for row in csv.DictReader(fh)]
    assert headings == sorted(headings)
    mapping = th.load_heading_themes()
    assert set(mapping.values()) <= set(th.THEMES)
    in_report = {u.heading for u in seed.units if u.level in ("section", "point") and u.heading}
    assert set(mapping) <= in_report
    # every point of the review and of the plan (not the plan's lead paragraph 总体要求) is mapped
    points = {u.heading for u in seed.blocks() if u.part in ("review", "plan") and u.unit_id != "plan.0"}
    assert points <= set(mapping)


# --- scoring on hand-written input ---------------------------------------------------------------

@pytest.mark.parametrize("code", th.THEMES)
def test_hand_written_sentence_gets_its_theme(seg, taxonomy, code):
    primary, scores = th.classify_text(HAND_SENTENCES[code], seg, taxonomy=taxonomy)
    assert primary == code
    assert next(iter(scores)) == code


def test_sentence_without_signal_is_unclassified_not_forced(seg, taxonomy):
    assert th.classify_text("今年天气晴朗，大家都很开心。", seg, taxonomy=taxonomy) == ("unclassified", {})
    # 增长 alone is a weak economy keyword (weight 1): some signal, below the minimum score
    primary, scores = th.classify_text("收入增长。", seg, taxonomy=taxonomy)
    assert scores == {"economy": 1.0} and primary == "unclassified"


def test_score_terms_on_token_lists(taxonomy):
    assert th.score_terms(["优化", "营商环境"], taxonomy) == {"business_env": 3.0}
    assert th.score_terms(["党建", "党员", "旅游"], taxonomy) == {"party": 6.0, "culture_tourism": 3.0}
    assert th.score_terms([], taxonomy) == {}
    # weak keywords add up: 增长 (1) + 创新 (1) reach the minimum score of 2
    scores = th.score_terms(["增长", "创新"], taxonomy)
    assert scores == {"economy": 2.0} and th.primary_theme(scores) == "economy"


def test_ties_go_to_the_theme_named_first(taxonomy):
    # 非遗 (culture_tourism) and 党建 (party) both weigh 3
    assert list(th.score_terms(["非遗", "党建"], taxonomy)) == ["culture_tourism", "party"]
    assert list(th.score_terms(["党建", "非遗"], taxonomy)) == ["party", "culture_tourism"]


def test_longest_phrase_wins_and_phrases_do_not_overlap():
    phrases = {("营商", "环境"): ("business_env", 3.0, "营商环境"), ("环境",): ("ecology", 1.0, "环境"),
               ("营商",): ("economy", 1.0, "营商")}
    found = th.match_keywords(["优化", "营商", "环境", "保护", "环境"], phrases)
    assert [(i, j, e[2]) for i, j, e in found] == [(1, 3, "营商环境"), (4, 5, "环境")]


def test_keyword_inside_a_longer_token_does_not_count(seg, taxonomy):
    # the quoted name of a basketball match is one token; it is not rural revitalisation
    named = seg.with_terms(["助力乡村振兴"])
    assert th.classify_text("举办“助力乡村振兴”男子篮球赛。", named, taxonomy=taxonomy)[1].get("rural") is None


def test_a_harvested_name_counts_as_the_name_suffix_keyword_it_ends_with():
    taxonomy = th.Taxonomy(themes=(
        th.Theme("economy", "经济", "Economy", {"工业园": 1.0, "食品": 2.0}),
        th.Theme("livelihood", "民生", "Livelihood", {"学校": 2.0, "社区": 1.0, "社区卫生服务中心": 3.0}),
    ))
    suffixes = ["工业园", "学校", "外语学校", "社区", "社区卫生服务中心", "中心", "食品"]
    names = ["莲香楼食品工业园", "罗湖外语学校", "沙湾社区卫生服务中心", "东区社区", "青少年活动中心", "学校",
             "某某食品"]
    assert th.name_keywords(names, taxonomy, suffixes) == {
        "莲香楼食品工业园": ("economy", 1.0, "工业园"),      # not 食品: only the ending counts
        "罗湖外语学校": ("livelihood", 2.0, "学校"),         # 外语学校 is a suffix but no keyword
        "沙湾社区卫生服务中心": ("livelihood", 3.0, "社区卫生服务中心"),  # the longest keyword, not 中心
        "东区社区": ("livelihood", 1.0, "社区"),
        "某某食品": ("economy", 2.0, "食品"),
    }  # 青少年活动中心: 中心 is no keyword; 学校 is the keyword itself
    # a keyword that is not a name suffix is never taken from a name's end
    assert th.name_keywords(["莲香楼食品"], taxonomy, ["工业园"]) == {}


def test_the_seed_industrial_park_counts_for_the_economy(seed_doc, sentences):
    # 莲香楼食品工业园 is harvested as one token; it still counts as 工业园, and the plan's point 三是深化产业布局
    # (plan.1.3: industry planning, the jewellery park's supporting industries, redeveloping old factory
    # sites and the food industrial park) is about the economy, as its heading says; without the rule the
    # 片区 of its urban renewal sentences outweighed it
    assert "莲香楼食品工业园" in seed_doc.names
    assert "莲香楼食品工业园" in seed_doc.tokens.tokens
    matched = sentences.set_index("sentence_id")["keywords"].str.split(";")
    assert [sid for sid, kws in matched.items() if "工业园" in kws] == ["plan.1.3.s03"]
    blocks = th.block_themes(sentences, seed_doc.report).set_index("unit_id")
    assert blocks.loc["plan.1.3", "primary_theme"] == "economy"


def test_format_and_parse_themes_round_trip():
    text = th.format_themes({"party": 12.0, "economy": 4.5, "unclassified": 0.125})
    assert text == "party:12;economy:4.5;unclassified:0.125"
    assert th.parse_themes(text) == {"party": 12.0, "economy": 4.5, "unclassified": 0.125}
    assert th.parse_themes("") == {}
    with pytest.raises(ValueError):
        th.parse_themes("nonsense:1")


def test_primary_theme_rejects_non_positive_minimum():
    with pytest.raises(ValueError):
        th.primary_theme({"party": 3.0}, min_score=0)


# --- aggregation arithmetic ----------------------------------------------------------------------

def _hand_sentences() -> pd.DataFrame:
    rows = [  # sentence_id, unit_id, section, part, start, chars, primary, themes
        ("r.s1", "review.01", "review.01", "review", 0, 10, "economy", "economy:3"),
        ("r.s2", "review.01", "review.01", "review", 10, 30, "party", "party:4;economy:1"),
        ("r.s3", "review.02", "review.02", "review", 40, 60, "unclassified", ""),
        ("p.s1", "plan.1.1", "plan.1", "plan", 100, 40, "economy", "economy:3;party:1"),
        ("p.s2", "plan.1.1", "plan.1", "plan", 140, 60, "economy", "economy:2"),
    ]
    df = pd.DataFrame(rows, columns=["sentence_id", "unit_id", "section", "part", "start", "chars",
                                     "primary_theme", "themes"])
    df["end"] = df["start"] + df["chars"]
    df["is_heading"] = False
    return df


def test_theme_shares_hand_made_case():
    shares = th.theme_shares(_hand_sentences()).set_index(["part", "theme"])
    assert shares.loc[("review", "economy"), "share_chars"] == pytest.approx(0.1)
    assert shares.loc[("review", "party"), "share_chars"] == pytest.approx(0.3)
    assert shares.loc[("review", "unclassified"), "share_chars"] == pytest.approx(0.6)
    assert shares.loc[("review", "party"), "share_sentences"] == pytest.approx(1 / 3)
    assert shares.loc[("plan", "economy"), "share_chars"] == pytest.approx(1.0)
    assert shares.loc[("plan", "economy"), "sentences"] == 2
    assert len(shares) == 2 * len(th.THEME_CODES)


def test_split_mode_divides_a_sentence_by_its_scores():
    shares = th.theme_shares(_hand_sentences(), mode="split").set_index(["part", "theme"])
    # review: 10 economy + 30 * (1/5) economy = 16; 30 * 4/5 = 24 party; 60 unclassified
    assert shares.loc[("review", "economy"), "chars"] == pytest.approx(16)
    assert shares.loc[("review", "party"), "chars"] == pytest.approx(24)
    # plan: 40 * 3/4 + 60 = 90 economy; 40 * 1/4 = 10 party
    assert shares.loc[("plan", "economy"), "share_chars"] == pytest.approx(0.9)
    assert shares.loc[("plan", "party"), "share_sentences"] == pytest.approx(0.125)


@pytest.mark.parametrize("mode", ["primary", "split"])
def test_shares_sum_to_one_per_part_hand_and_real(sentences, mode):
    for df in (_hand_sentences(), sentences):
        shares = th.theme_shares(df, parts=None, mode=mode)
        sums = shares.groupby("part")[["share_chars", "share_sentences"]].sum()
        assert sums.to_numpy() == pytest.approx(1.0)


def test_aggregation_by_section_and_block_adds_up(sentences):
    for by in ("section", "unit_id"):
        agg = th.aggregate_themes(sentences, by=by)
        assert agg["chars"].sum() == sentences["chars"].sum()
        assert agg["sentences"].sum() == len(sentences)
        assert agg.groupby(by)["share_chars"].sum().to_numpy() == pytest.approx(1.0)


def test_share_change_is_sorted_and_hand_checked():
    change = th.share_change(th.theme_shares(_hand_sentences()))
    assert list(change["change"]) == sorted(change["change"], reverse=True)
    row = change.set_index("theme").loc["economy"]
    assert (row["review"], row["plan"], row["change"]) == pytest.approx((0.1, 1.0, 0.9))
    assert change["change"].sum() == pytest.approx(0.0)


def test_empty_in_empty_out(resources):
    empty = Document.from_text("", resources)
    s = th.classify_sentences(empty)
    assert s.empty and list(s.columns) == th.SENTENCE_COLUMNS
    assert th.theme_shares(s).empty
    assert th.share_change(th.theme_shares(s)).empty
    table = th.themes_table(empty)
    assert table.empty and list(table.columns) == th.TABLE_COLUMNS


# --- the real report -----------------------------------------------------------------------------

def test_sentence_table_covers_the_report(seed, sentences):
    assert list(sentences["sentence_id"]) == [u.unit_id for u in seed.sentences()]
    assert sentences["chars"].sum() == sum(1 for ch in seed.text if not ch.isspace())
    assert set(sentences["primary_theme"]) <= set(th.THEME_CODES)
    classified = sentences[sentences["primary_theme"] != th.UNCLASSIFIED]
    assert (classified["score"] >= th.MIN_SCORE).all()


def test_heading_lines_are_flagged(sentences):
    flags = sentences.set_index("sentence_id")["is_heading"]
    assert flags["review.s01"] and flags["review.01.s01"] and flags["plan.1.s01"] and flags["plan.1.1.s01"]
    # the plan's lead paragraph begins 今年全街工作的总体要求是: and is a whole paragraph, not a heading
    assert not flags["plan.0.s01"] and not flags["review.01.s02"]


def test_real_sentences_read_by_hand(sentences):
    primary = sentences.set_index("sentence_id")["primary_theme"]
    # 常态化开展扫黑除恶斗争,严打电信网络诈骗犯罪 …
    assert primary["review.09.s04"] == "safety_governance"
    # 全面推动绿美沙湾建设,深入打好蓝天、碧水、净土保卫战 …
    assert primary["plan.2.4.s02"] == "ecology"
    # 支持和保证人大依法行使职权,全面发展协商民主,持续完善大统战格局 … (under the Party section)
    assert primary["plan.6.1.s03"] == "democracy"
    # the part heading 一、2023年工作总结 says nothing about a theme
    assert primary["review.s01"] == "unclassified"


def test_themes_table_contract(seed, seed_doc):
    table = th.themes_table(seed_doc)
    assert list(table.columns) == ["unit_id", "part", "start", "end", "primary_theme", "themes"]
    assert list(table["unit_id"]) == [b.unit_id for b in seed.blocks()]
    assert list(table["start"]) == [b.start for b in seed.blocks()]
    assert set(table["primary_theme"]) <= set(th.THEME_CODES)
    for themes, primary in zip(table["themes"], table["primary_theme"]):
        shares = th.parse_themes(themes)
        assert sum(shares.values()) == pytest.approx(1.0, abs=0.002)
        assert list(shares.values()) == sorted(shares.values(), reverse=True)
        if primary != th.UNCLASSIFIED:
            assert shares[primary] == max(v for c, v in shares.items() if c != th.UNCLASSIFIED)
    rows = table.set_index("unit_id")["primary_theme"]
    assert rows["review.03"] == "rural" and rows["review.10"] == "party" and rows["plan.3.1"] == "culture_tourism"


def test_strongest_sentences(seed, sentences):
    top = th.strongest_sentences(sentences, seed, per_theme=3, width=30)
    primary = sentences.set_index("sentence_id")["primary_theme"]
    heading = sentences.set_index("sentence_id")["is_heading"]
    assert set(top["theme"]) == set(th.THEMES)
    for code, grp in top.groupby("theme"):
        assert len(grp) <= 3 and list(grp["rank"]) == list(range(1, len(grp) + 1))
        assert list(grp["score"]) == sorted(grp["score"], reverse=True)
        assert (primary[grp["sentence_id"]] == code).all() and not heading[grp["sentence_id"]].any()
    assert top["text"].str.len().max() <= 30
    assert top.iloc[0]["sentence_id"] == "plan.1.1.s02"  # 培育打造千亿级“湾区珠宝时尚产业生产性服务业聚集区” …


# --- heading agreement ---------------------------------------------------------------------------

def test_heading_agreement_hand_made_case():
    units = pd.DataFrame({
        "unit_id": ["a", "b", "c", "d", "e"],
        "heading": ["抓经济", "强党建", "管党治党", "其他", ""],
        "primary_theme": ["economy", "democracy", "party", "party", "rural"],
    })
    mapping = {"抓经济": "economy", "强党建": "party", "管党治党": "party"}
    result = th.heading_agreement(units, mapping)
    assert result.n == 3 and result.n_agree == 2
    assert result.accuracy == pytest.approx(2 / 3)
    assert result.unmapped == ("d", "e")
    assert list(result.confusion.index) == ["economy", "party"]
    assert list(result.confusion.columns) == ["economy", "democracy", "party"]
    assert result.confusion.loc["party", "democracy"] == 1 and result.confusion.loc["party", "party"] == 1
    assert result.confusion.to_numpy().sum() == 3
    assert math.isnan(th.heading_agreement(units.iloc[3:], mapping).accuracy)


def test_heading_agreement_on_the_report(seed, sentences):
    blocks = th.block_themes(sentences, seed, exclude_headings=True)
    result = th.heading_agreement(blocks, th.load_heading_themes())
    assert result.n == 35 and result.unmapped == ("preamble", "plan.0")
    review = result.table[result.table["unit_id"].str.startswith("review.")]
    assert review["agree"].all()  # each review point's body carries its heading's theme (read by hand)
    assert result.accuracy >= 0.8


# --- NMF cross-check -----------------------------------------------------------------------------

def test_nmf_is_deterministic_and_well_formed(seed, seed_doc, sentences):
    a = th.nmf_topics(seed_doc, n_topics=10)
    b = th.nmf_topics(seed_doc, n_topics=10)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.sentences, b.sentences)
    assert sorted(set(a.terms["topic"])) == list(range(1, 11))
    assert a.terms.groupby("topic").size().max() <= 8
    assert list(a.sentences["sentence_id"]) == list(sentences["sentence_id"])
    overlap = th.topic_theme_overlap(a, sentences)
    assert overlap.to_numpy().sum() == int((a.sentences["topic"] > 0).sum())
    summary = th.topic_summary(a, sentences)
    assert list(summary["topic"]) == list(range(1, 11))
    assert ((summary["best_share"] >= 0) & (summary["best_share"] <= 1)).all()


def test_nmf_rejects_bad_arguments(seed_doc):
    with pytest.raises(ValueError):
        th.nmf_topics(seed_doc, n_topics=0)


def test_section_themes_cover_review_points_and_plan_sections(seed, sentences):
    sections = th.block_themes(sentences, seed, by="section", exclude_headings=True)
    assert list(sections["unit_id"]) == [f"review.{i:02d}" for i in range(1, 11)] + [f"plan.{i}" for i in range(7)]
    primary = sections.set_index("unit_id")["primary_theme"]
    # the plan's six sections announce economy, rural, culture, safety, livelihood and Party building
    assert list(primary[[f"plan.{i}" for i in range(1, 7)]]) == [
        "economy", "rural", "culture_tourism", "safety_governance", "livelihood", "party"]
    with pytest.raises(ValueError):
        th.block_themes(sentences, seed, by="part")
