"""Invariants of the whole analysis on any text (hypothesis): no crash, offsets slice, lossless, repeatable."""
from __future__ import annotations

import warnings

from examples_budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.analysis import TABLES
from govreport.document import Document, Resources
from govreport.quantities import coverage_gaps
from govreport.report import PARTS, StructureWarning, parse_report

RESOURCES = Resources()

# Text that looks like reports: headings, markers, numbers, units, quotes, HTML remnants, odd spaces.
PIECES = [
    "一、2023年工作总结\n", "二、2024年工作计划\n", "（一）", "(二)", "一是", "二是", "三是", "1.", "2、",
    "推进“百千万工程”", "紫坭岛", "紫泥岛", "全年GDP增长4.6%", "近1.1万宗", "99.12亿元", "808 宗", "同比下降9.8%",
    "0-3岁", "三大专班", "５Ａ级", "《人民日报》", "&nbsp;", "<p>", "</p>", "\u200b", "\u3000", "\u00a0", "\r\n",
    "。", "；", "，", "！", "？", "\n", " ", "建设", "企业", "群众", "治理", "1+3+N", "十四五", "12345热线",
]
reports = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)


def _tables(text: str) -> dict[str, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        doc = Document(parse_report(text), RESOURCES)
        return {name: table(doc) for name, table in TABLES.items()}


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_every_table_on_any_text(text):
    tables = _tables(text)
    structure = tables["structure"]
    assert all(text[s:e] == t for s, e, t in zip(structure["start"], structure["end"], structure["text"]))
    assert set(structure["part"]) <= set(PARTS)
    tokens = tables["tokens"]
    assert "".join(tokens["token"]) == text
    assert all(text[s:e] == t for s, e, t in zip(tokens["start"], tokens["end"], tokens["token"]))
    assert set(tables["themes"]["part"]) <= set(PARTS)
    for name in ("quantities", "numerals", "formulations"):
        df = tables[name]
        assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["surface"]))
    # every digit and counting numeral is in exactly one quantity or one other-numeral row
    assert coverage_gaps(text, tables["quantities"], tables["numerals"], lexicon=RESOURCES.numbers).empty


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_running_twice_gives_identical_output(text):
    first, second = _tables(text), _tables(text)
    for name in first:
        assert first[name].equals(second[name]), name
