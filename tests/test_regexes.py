"""Fast scanning changes nothing: the guarded patterns and the precomputed clause bounds give exactly
what the plain ones give, on real reports and on generated text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from examples_budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.quantities.formulations import _ALTERNATING
from govreport.quantities.indicators import TextBounds, _sentence_start, clause_bounds
from govreport.quantities.lexicon import NumberLexicon
from govreport.quantities.numerals import _rules
from govreport.regexes import compile_scan, first_chars

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
LEXICON = NumberLexicon.load()


def _plain(p: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written, without the guard ``compile_scan`` put in front."""
    m = re.fullmatch(r"\(\?=\[(?:[^\]\\]|\\.)*\]\)\(\?:(.*)\)", p.pattern, re.S)
    return re.compile(m.group(1) if m else p.pattern, p.flags)


def _scanned() -> list[tuple[str, re.Pattern[str]]]:
    pats = [(rule, pat) for _c, rule, pat in _rules(LEXICON)]
    pats += [(f.key, f.pattern) for f in LEXICON.formulations]
    pats.append(("alternating", _ALTERNATING))
    assert LEXICON.non_numeral_re is not None
    pats.append(("non_numeral_words", LEXICON.non_numeral_re))
    return pats


SCANNED = _scanned()


def _spans(p: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in p.finditer(text)]


def test_most_reading_rules_are_guarded():
    guarded = [rule for rule, p in SCANNED if p.pattern.startswith("(?=[")]
    # most of them: a rule that begins with a literal or a class is left as written (re already skips)
    assert len(guarded) >= 40, guarded


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[::7])
def test_guarded_patterns_match_as_written_on_real_reports(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    for rule, p in SCANNED:
        assert _spans(p, text) == _spans(_plain(p), text), rule


PIECES = ["2023年", "１９９８年", "十四五", "一批", "5A级", "三大", "周年", "第一", "一是", "统一", "届", "次会议",
          "7×24小时", "G20", "3.0版", "“三旧”改造", "号线", "近五年来", "、", "，", "。", "\n", " ", "\u3000", "亿元"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_guarded_patterns_match_as_written_on_any_text(text):
    for rule, p in SCANNED:
        assert _spans(p, text) == _spans(_plain(p), text), rule


PROBE = "0123456789一二三近过的年月周 \t（(a）"


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"(?:[0-9]+|[一二]+)周年", "0123456789一二"),
    (r"(?<![0-9])[0-9]{1,2}月", "0123456789"),  # a lookbehind takes no character
    (r"(?:近|过去(?:的)?)?[0-9]+年", "近过0123456789"),  # an optional lead: its first characters and what follows
    (r"^[ \t]*[（(]", " \t（("),  # ^ takes no character; the spaces may be absent
])
def test_first_chars_by_hand(pattern, chars):
    got = first_chars(pattern, re.MULTILINE)
    assert got is not None
    assert {c for c in PROBE if re.fullmatch(f"[{got}]", c)} == set(chars)


@pytest.mark.parametrize("pattern", [r"a*", r".年", r"[^0-9]年", r"\d年", r"(?:\s|x)年", r"(?i)ab"])
def test_no_guard_when_the_first_character_is_not_a_plain_set(pattern):
    assert first_chars(pattern) is None
    assert compile_scan(pattern).pattern == pattern


def test_literal_led_patterns_are_left_as_written():
    for p in (r"年(?:度)?", r"[0-9]年", r"一批|一系列"):
        assert compile_scan(p).pattern == p


bound_texts = st.lists(st.sampled_from(["一", "2", "，", "。", "；", "\n", "：", "!", "建设", "\r"]), max_size=30).map("".join)


@settings(max_examples=examples(200), deadline=None)
@given(bound_texts, st.data())
def test_text_bounds_agree_with_the_character_walk(text, data):
    bounds = TextBounds(text)
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    assert bounds.clause(s, e) == clause_bounds(text, s, e)
    assert bounds.sentence_start(s) == _sentence_start(text, s)
