"""Inputs as users really have them: copy-paste noise, broken numbers, encodings, through the whole analysis."""
from __future__ import annotations

import warnings

import pytest

from govreport.analysis import TABLES
from govreport.document import Document, Resources
from govreport.inputs import reading_view
from govreport.report import StructureWarning, parse_report

RESOURCES = Resources()
MESSY = ("一、2023年工作总结\r\n一是全年GDP增长&nbsp;4.6%，<p>完成投资</p>近1.1\n万元，新增企业1\u200b393家。"
         "&amp;推进<b>百千万工程</b>。\r\n二、2024年工作计划\r\n一是确保增长５%。\r\n")


def analysis(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        return Document(parse_report(text), RESOURCES)


def test_reading_view_maps_back_to_the_text():
    v = reading_view(MESSY)
    assert "&nbsp;" not in v.clean and "<p>" not in v.clean and "\u200b" not in v.clean
    assert "近1.1万元" in v.clean and "企业1393家" in v.clean and "&推进百千万工程" in v.clean
    i = v.clean.index("1.1万元")
    s, e = v.span(i, i + 5)
    assert MESSY[s:e] == "1.1\n万元"
    assert len(v.starts) == len(v.ends) == len(v.clean)


def test_identity_view_without_noise():
    v = reading_view("一是增长4.6%。")
    assert v.clean == "一是增长4.6%。" and v.noise == ()


def test_numbers_broken_by_a_line_break_or_zero_width_space_are_read_whole():
    q = TABLES["quantities"](analysis(MESSY)).set_index("surface")
    assert q.loc["近1.1\n万元", "value_base"] == 11000 and q.loc["近1.1\n万元", "qualifier"] == "approx"
    assert q.loc["1\u200b393家", "value"] == 1393
    assert q.loc["增长&nbsp;4.6%", "polarity"] == "increase"
    assert q.loc["增长５%", "period"] == "target"


def test_markup_never_counts_as_a_word():
    a = analysis(MESSY)
    terms = set(TABLES["keywords"](a)["term"])
    assert {"nbsp", "amp", "p", "b"}.isdisjoint(terms)
    assert "百千万工程" in terms
    tokens = TABLES["tokens"](a)
    assert "".join(tokens["token"]) == MESSY


def test_offsets_refer_to_the_text_as_read():
    a = analysis(MESSY)
    for name in ("quantities", "numerals", "formulations"):
        df = TABLES[name](a)
        assert all(MESSY[s:e] == t for s, e, t in zip(df["start"], df["end"], df["surface"]))
    s = TABLES["structure"](a)
    assert all(MESSY[b:e] == t for b, e, t in zip(s["start"], s["end"], s["text"]))
    assert set(s["part"]) == {"review", "plan"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_every_encoding_gives_the_same_analysis(tmp_path, encoding):
    text = MESSY.replace("\u200b", "")  # GBK cannot hold a zero-width space
    path = tmp_path / f"r-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        a = Document.from_path(path, RESOURCES)
    assert a.report.text == text
    assert a.report.encoding == encoding if encoding != "utf-16" else a.report.encoding == "utf-16"
    assert len(TABLES["quantities"](a)) == len(TABLES["quantities"](analysis(text)))
