"""The fast paths change nothing: guarded patterns, spans found charset-first, precomputed clause bounds, the one-pattern sentence
split, the indicator heads found by suffix, short texts cut in plain Python, a vocabulary judged in one
pass, the IDF found by hash and TextRank's sweeps on scipy's kernel give exactly what the plain versions
give, on real reports and on generated text."""
from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import numpy as np
import pytest
from examples_budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.document import Resources
from govreport.inputs import reading_view
from govreport.quantities.formulations import _ALTERNATING
from govreport.quantities.indicators import _SENTENCE, TextBounds, clause_bounds
from govreport.quantities.lexicon import NumberLexicon
from govreport.quantities.numerals import _NUMERAL_START, _rules
from govreport.quantities.periods import _YEAR
from govreport.regexes import (
    MultiSpanScanner,
    SpanScanner,
    compile_scan,
    first_chars,
    multi_span_scanner,
    nonempty_search,
    span_scanner,
)
from govreport.tokens import Segmenter

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


#: The period cues of the number lexicon, compiled charset-first, and the year the cue reader looks for.
CUES = [(role, p) for role in sorted(LEXICON.cues.patterns) if (p := LEXICON.cues.regex(role)) is not None]
CUES.append(("year", _YEAR))
CUE_PIECES = ["今年", "今年以来", "今年3月", "明年", "去年", "比去年", "过去五年", "五年来", "目标是", "预期目标", "超过预期目标",
              "力争", "斗争取", "争取，", "确保", "确保了", "要", "要求", "重要", "我们将", "拥有", "拥有量", "人均拥有", "目前",
              "2023年", "２０２４ 年", "12023年", "累计", "年均", "建成", "达到", "突破", "，", "。", "；", "：", "\n"]
cue_texts = st.lists(st.one_of(st.sampled_from(CUE_PIECES), st.text(max_size=3)), max_size=30).map("".join)


def test_the_period_cues_are_guarded():
    assert len(CUES) >= 8
    assert sum(p.pattern.startswith("(?=[") for _r, p in CUES) >= 5, [r for r, p in CUES if not p.pattern.startswith("(?=[")]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[5::7])
def test_period_cues_match_as_written_on_real_reports(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    for role, p in CUES:
        assert _spans(p, text) == _spans(_plain(p), text), role


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cue_texts, st.integers(0, 12))
def test_period_cues_match_as_written_on_any_text(text, pos):
    for role, p in CUES:  # from the start, and from a later place (the cue reader scans from a clause's start)
        assert _spans(p, text) == _spans(_plain(p), text), role
        assert [m.span() for m in p.finditer(text, pos)] == [m.span() for m in _plain(p).finditer(text, pos)], role


WORDS = LEXICON.words
#: Pieces of the text before a number: the words the prefix pattern is made of, and what breaks them up.
PREFIX_PIECES = sorted({*WORDS.comparisons, *WORDS.change_verbs, *WORDS.qualifiers_before, "分别", "分别为", "均",
                        "了", "达到", "达", "到", "至", " ", "\u3000", "\u00a0", "\n", "\r", "，", "的", "年", "3",
                        *"".join(WORDS.not_after.values())})  # the characters the qualifiers' lookbehinds look at
prefix_texts = st.lists(st.sampled_from(PREFIX_PIECES), max_size=8).map("".join)


def _prefix_found(text: str, pos: int, end: int) -> tuple[int, int, dict[str, str | None]] | None:
    """What ``prefix_before`` should give: ``prefix_re.search``'s match when it matches something."""
    m = WORDS.prefix_re.search(text, pos, end)
    return (m.start(), m.end(), m.groupdict()) if m is not None and m.start() < m.end() else None


@settings(max_examples=examples(300), deadline=None)
@given(prefix_texts, st.data())
def test_the_prefix_before_a_number_is_found_as_by_search(text, data):
    assert nonempty_search(WORDS.prefix_re) is not None  # the fast form, not the plain search, is what is tested
    end = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(max(0, end - 14), end))
    assert WORDS.prefix_before(text, pos, end) == _prefix_found(text, pos, end)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[3::9])
def test_the_prefix_before_each_numeral_is_found_as_by_search_on_real_reports(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    ends = [m.start() for m in re.finditer(r"[0-9０-９一二三四五六七八九十两百千万]", text)]
    assert len(ends) > 50
    found = 0
    for end in ends:
        got = WORDS.prefix_before(text, max(0, end - 14), end)
        assert got == _prefix_found(text, max(0, end - 14), end), (name, end)
        found += got is not None
    assert found > 10  # change words and qualifiers were met, not only empty matches


@pytest.mark.parametrize(("pattern", "text", "pos", "end", "expected"), [
    (r"(?:增长|下降)?(?:近|约)?$", "同比增长近", 0, 5, (2, 5)),  # the leftmost place something matches
    (r"(?:增长|下降)?(?:近|约)?$", "增长了", 0, 3, None),  # only the empty match at the end
    (r"(?:增长|下降)?(?:近|约)?$", "下降", 1, 2, None),  # 降 alone starts nothing
    (r"(?:a|b)?c?$", "xbc", 0, 3, (1, 3)),
    (r"(?:a|b)?c?$", "ab\n", 0, 3, (1, 2)),  # $ holds before a last newline …
    (r"(?:a|b)?c?$", "x\n", 0, 2, None),  # … so the empty match is found there
])
def test_nonempty_search_by_hand(pattern, text, pos, end, expected):
    p = re.compile(pattern)
    scan = nonempty_search(p)
    assert scan is not None
    m = scan.search(text, pos, end)
    got = m.span(1) if m is not None and m.start(1) < m.end(1) else None
    assert got == expected
    plain = p.search(text, pos, end)
    assert (plain.span() if plain is not None and plain.start() < plain.end() else None) == expected


def test_nonempty_search_may_pass_an_earlier_empty_match_of_other_patterns():
    """For a pattern that can match the empty string before the end (here at a line start), the scan finds the
    first non-empty match, not search's earlier empty one: why prefix_before needs a pattern ending in $."""
    p = re.compile(r"(?:b)?")
    scan = nonempty_search(p)
    assert scan is not None
    assert p.search("\nb\n").span() == (0, 0)
    assert scan.search("\nb\n").span(1) == (1, 2)


@pytest.mark.parametrize("pattern", [r".?$", r"[^a]?b?$", r"(a)?\1?$", r"(?i:a)?$", r"(?P<x>a)?(?P=x)$", r"$"])
def test_nonempty_search_declines_what_it_cannot_guard(pattern):
    assert nonempty_search(re.compile(pattern)) is None


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from([0.0, -0.0, 0.5, 1.0, 2.0, 3.25, -1.0, float("inf"), float("-inf"), float("nan")]),
                max_size=60), st.integers(-1, 12), st.randoms(use_true_random=False))
def test_the_best_terms_are_those_of_a_full_sort(values, top, rnd):
    """The keywords table's ``_best``, which orders only the terms scoring at least the top-th best score, gives
    what sorting every term gives: best score first, ties by the term's alphabetical place."""
    from govreport.keywords.table import _best

    scores = np.array(values, dtype=np.float64)
    terms = np.arange(len(values), dtype=np.int64) * 3
    rank_of = np.array(rnd.sample(range(3 * len(values) + 1), 3 * len(values) + 1), dtype=np.int64)
    order = np.lexsort((rank_of[terms], -scores))[:top]  # the plain order, over every term
    expected = list(zip(terms[order].tolist(), scores[order].tolist()))
    got = _best(terms, scores, rank_of, top)
    assert [t for t, _ in got] == [t for t, _ in expected]
    assert np.array_equal([s for _, s in got], [s for _, s in expected], equal_nan=True)


def _finditer_spans(p: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in p.finditer(text)]


def test_most_reading_rules_are_scanned_charset_first():
    fast = [rule for rule, p in SCANNED if span_scanner(p).fast]
    assert len(fast) == len(SCANNED), [rule for rule, p in SCANNED if not span_scanner(p).fast]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[3::7])
def test_span_scanners_find_finditers_spans_on_real_reports(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    for rule, p in SCANNED:
        assert span_scanner(p).spans(text) == _finditer_spans(p, text), rule


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_span_scanners_find_finditers_spans_on_any_text(text):
    for rule, p in SCANNED:
        assert span_scanner(p).spans(text) == _finditer_spans(p, text), rule


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"(?<![0-9])[0-9]{1,2}月", 0, "12月3月123月"),  # a lookbehind sees the text before the match
    (r"^[ \t]*[0-9]+[、.]", re.M, "1、a\n 2.b 3、\n\t4、"),  # ^ holds at line starts only
    (r"[0-9]+(?=年|$)", re.M, "2023年\n99\n12个"),  # a lookahead and $ see the text after it
    (r"一一|一", 0, "一一一"),  # leftmost, not overlapping: 一一 then 一
    (r"[0-9]+(?:\.[0-9]+)?", 0, "3.5.6 10"),
])
def test_span_scanner_by_hand(pattern, flags, text):
    p = re.compile(pattern, flags)
    scanner = SpanScanner(p)
    assert scanner.fast
    assert scanner.spans(text) == _finditer_spans(p, text)


@pytest.mark.parametrize("pattern", [r"[0-9]*", r"(a)\1", r"(?P<x>a)(?P=x)", r"(?i)ab", r"(?i:a)b", r"x?(?i:a)b", r".年",
                                     r"(a)?(?(1)b|c)"])
def test_span_scanner_keeps_finditer_where_the_form_cannot_hold(pattern):
    p = re.compile(pattern)
    scanner = SpanScanner(p)
    assert not scanner.fast
    text = "aab年0年ABc12 Ab xAb"
    assert scanner.spans(text) == _finditer_spans(p, text)
    assert MultiSpanScanner([p], "aAxX").spans(text) == [_finditer_spans(p, text)]


NUMERAL_RULES = tuple(pat for _c, _rule, pat in _rules(LEXICON))


def test_most_numeral_rules_share_one_pass():
    scanner = multi_span_scanner(NUMERAL_RULES, _NUMERAL_START)
    shared = sum(len(slots) for _rx, slots in scanner._passes)
    assert shared >= 30, shared  # the rules that begin at a numeral (36 of 49 today)
    assert shared + len(scanner._alone) == len(NUMERAL_RULES)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[5::7])
def test_multi_span_scanner_finds_finditers_spans_on_real_reports(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    got = multi_span_scanner(NUMERAL_RULES, _NUMERAL_START).spans(text)
    assert got == [_finditer_spans(p, text) for p in NUMERAL_RULES]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_multi_span_scanner_finds_finditers_spans_on_any_text(text):
    got = multi_span_scanner(NUMERAL_RULES, _NUMERAL_START).spans(text)
    assert got == [_finditer_spans(p, text) for p in NUMERAL_RULES]


HAND_PATTERNS = [
    (r"(?<![0-9])[0-9]{1,2}月", 0),  # a lookbehind sees the text before the match
    (r"^[ \t]*[0-9]+[、.]", re.M),  # ^ at line starts; begins with a space, so it is scanned on its own
    (r"[0-9]+(?=年|$)", re.M),  # a lookahead and $ see the text after it
    (r"一一|一", 0),  # leftmost, not overlapping, pattern by pattern
    (r"[0-9]+(?:\.[0-9]+)?", 0),
    (r"(?P<n>[0-9])(?P<u>月)", 0),  # named groups …
    (r"(?P<n>[0-9]{2})", 0),  # … even one named like another pattern's (that pass is then scanned pattern by pattern)
    (r"[0-9]*", 0),  # can match the empty string: on its own
    (r"([0-9])\1", 0),  # refers back to a group: on its own
    (r"年[0-9]", 0),  # begins with a character the pass does not stop at: on its own
]


@pytest.mark.parametrize("text", ["12月3月123月", "1、a\n 2.b 3、\n\t4、", "2023年\n99\n12个", "一一一", "3.5.6 10",
                                  "1月22年一一", "", "年1年22月"])
def test_multi_span_scanner_by_hand(text):
    patterns = [re.compile(p, f) for p, f in HAND_PATTERNS]
    scanner = MultiSpanScanner(patterns, "0123456789一")
    assert scanner.spans(text) == [_finditer_spans(p, text) for p in patterns]
    alone = {k for k, _s in scanner._alone}
    assert {1, 7, 8, 9} <= alone  # what cannot share a pass
    shared = [k for _rx, slots in scanner._passes for k, _g in slots]
    assert sorted(shared + sorted(alone)) == list(range(len(patterns)))


def test_multi_span_scanner_shares_a_pass_by_hand():
    # the patterns that begin with a digit share one pass, the one that begins with 一 has its own (neither is
    # tried at the other's characters), and one that may begin with either a third
    patterns = [re.compile(p, f) for p, f in HAND_PATTERNS if f == 0][:4] + [re.compile(r"[0-9一]+日")]
    scanner = MultiSpanScanner(patterns, "0123456789一")
    assert sorted(sorted(k for k, _g in slots) for _rx, slots in scanner._passes) == [[0, 2, 3], [1], [4]]
    text = "12月3月123月一一一2023年3.5 一3日"
    assert scanner.spans(text) == [_finditer_spans(p, text) for p in patterns]
    assert scanner.spans(text)[4] == [(len(text) - 3, len(text))]


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


@pytest.mark.parametrize("pattern", [r"a*", r".年", r"[^0-9]年", r"\d年", r"(?:\s|x)年", r"(?i)ab", r"x?(?i:a)b"])
def test_no_guard_when_the_first_character_is_not_a_plain_set(pattern):
    assert first_chars(pattern) is None
    assert compile_scan(pattern).pattern == pattern


def test_literal_led_patterns_are_left_as_written():
    for p in (r"年(?:度)?", r"[0-9]年", r"一批|一系列"):
        assert compile_scan(p).pattern == p


def _sentence_start_by_walk(text: str, s: int) -> int:
    """The walk back to the sentence start that the indicators did before :class:`TextBounds` (the reference)."""
    a = s
    while a > 0 and text[a - 1] not in _SENTENCE:
        a -= 1
    return a


bound_texts = st.lists(st.sampled_from(["一", "2", "，", "。", "；", "\n", "：", "!", "建设", "\r", "\ud800", "\U00020000",
                                        "\u3002\U0002000b"]), max_size=30).map("".join)


@settings(max_examples=examples(200), deadline=None)
@given(bound_texts, st.data())
def test_text_bounds_agree_with_the_character_walk(text, data):
    bounds = TextBounds(text)
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    assert bounds.clause(s, e) == clause_bounds(text, s, e)
    assert bounds.sentence_start(s) == _sentence_start_by_walk(text, s)
    a = s  # the start after the last of some other characters (astral ones, a lone surrogate)
    while a > 0 and text[a - 1] not in "；\U00020000\ud800":
        a -= 1
    assert bounds.sentence_start(s, "；\U00020000\ud800") == a


def _split_sentences_by_walk(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The character walk ``split_sentences`` did before it used one regular expression (the reference)."""
    from govreport.chars import INLINE_SPACE, LINE_BREAKS
    from govreport.report.headings import _CLOSERS, _SENT_END
    from govreport.report.parse import _join_blank_spans

    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    i = s = start
    while i < end:
        c = text[i]
        if c in _SENT_END or c in LINE_BREAKS:
            j = i + 1
            if c in _SENT_END:
                while j < end and text[j] in _CLOSERS:
                    j += 1
            while j < end and (text[j] in INLINE_SPACE or text[j] == "\u200b" or text[j] in LINE_BREAKS):
                j += 1
            spans.append((s, j))
            s = i = j
            continue
        i += 1
    if s < end:
        spans.append((s, end))
    return _join_blank_spans(text, spans)  # unchanged: only the walk was replaced


sentence_texts = st.lists(st.sampled_from(["。", "！", "?", ";", "”", "）", "」", " ", "\u3000", "\u200b", "\n", "\r\n",
                                           "\u2028", "\t", "建设", "2023年", "a"]), max_size=30).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(sentence_texts, st.data())
def test_split_sentences_agrees_with_the_character_walk(text, data):
    from govreport.report import split_sentences

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert split_sentences(text, start, end) == _split_sentences_by_walk(text, start, end)
    assert split_sentences(text) == _split_sentences_by_walk(text)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[::11])
def test_split_sentences_agrees_with_the_character_walk_on_real_reports(name):
    from govreport.report import split_sentences

    text = (CORPUS / name).read_text(encoding="utf-8")
    assert split_sentences(text) == _split_sentences_by_walk(text)


def test_indicator_heads_by_suffix_agree_with_a_scan_of_every_head():
    """The longest head an indicator ends in, found by its suffixes, is the one a scan of all heads finds."""
    from govreport.glosses import has_cjk, load_glosses, normalise

    glosses = load_glosses()
    table = glosses.tables.get("indicator", {})
    heads = {**glosses.indicator_heads, **table}
    phrases = ["全市地区生产总值", "全年规模以上工业增加值", "社会消费品零售总额", "新建5G基站", "建设"]
    for head in sorted(heads)[::3]:  # phrases that end in a head, in part of one, or in none
        phrases += [f"全市{head}", head[1:], f"{head}等", f"新增{head[-2:]}"]
    assert len(phrases) > 100
    for phrase in phrases:
        key = normalise(phrase)
        if key in table or not has_cjk(key):
            continue
        ending = [k for k in heads if len(k) >= 2 and key.endswith(k)]
        expected = heads[max(ending, key=lambda k: (len(k), k))] if ending else None
        assert glosses.lookup("indicator", phrase) == expected, phrase


@functools.cache
def _segmenter() -> Segmenter:
    return Resources().segmenter


short_texts = st.lists(st.one_of(st.sampled_from(["沙湾", "古东幼儿园", "社区卫生服务中心", "3.5%", "12", "2023年", "&nbsp;",
                                                  "<p>", "\u200b", "。", "，", "百千万工程", "紫坭岛", "a1", " "]),
                                 st.text(max_size=3)), max_size=14).map("".join)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(short_texts)
def test_short_texts_cut_as_the_table_cuts_them(text):
    seg = _segmenter()
    assert seg._short_tokens(text) == list(seg.table(text))


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[::13])
def test_short_windows_of_real_reports_cut_as_the_table_cuts_them(name):
    seg = _segmenter()
    text = (CORPUS / name).read_text(encoding="utf-8")
    for k in range(0, len(text) - 40, 97):  # windows of every length up to the limit, across the report
        window = text[k:k + 1 + k % 40]
        assert seg._short_tokens(window) == list(seg.table(window)), window


def _is_term_word(seg, word, stop, min_len):
    """The term rule written out word by word (what ``is_term_word`` did before it called ``term_words``)."""
    canon = seg.canonical(word)
    if word in stop or canon in stop:
        return False
    return len(canon) >= min_len or canon in seg.protected_terms


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[::17])
def test_vocabulary_judged_in_one_pass_as_word_by_word(name):
    """``canonicals`` and ``term_words`` (a report's vocabulary at once), and ``is_term_word`` (one word),
    agree with the rule written out word by word, for every stopword layer set the package uses."""
    from govreport.document import Document
    from govreport.tokens import LAYERS

    doc = Document.from_path(CORPUS / name, Resources())
    seg = doc.segmenter
    assert doc.canonical_vocab == [seg.canonical(w) for w in doc.tokens.vocab]
    # the report's words, and every spelling of the alias table (few reports use one)
    aliases = seg.lexicon.aliases
    words = [*doc.tokens.vocab, *aliases, *aliases.values()]
    canon = seg.canonicals(words)
    assert canon == [seg.canonical(w) for w in words] and canon != words
    for layers in [LAYERS, (), LAYERS[:1]]:
        stop = seg.stopwords(layers)
        for min_len in (1, 2, 3):
            expected = [_is_term_word(seg, w, stop, min_len) for w in words]
            assert seg.term_words(words, canon, stop=stop, min_len=min_len) == expected
            assert [seg.is_term_word(w, stop=stop, min_len=min_len) for w in words] == expected
            if layers and min_len == 2:  # the package's setting keeps some words and drops others
                assert 0 < sum(expected) < len(words)


@functools.cache
def _idf():
    from govreport.keywords import IdfTable

    return IdfTable.load()


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10 ** 6), st.text(max_size=4)), max_size=60), st.data())
def test_idf_found_by_hash_as_by_the_sorted_words(picks, data):
    """The IDF looked up by hash equals the table as a mapping, for words of the table and others (near
    misses, NULs, empty), and equals the search of the sorted words the hash index stands in for."""
    import numpy as np

    table = _idf()
    mapping = _idf_mapping()
    words = [table.words[p % len(table.words)] if isinstance(p, int) else p for p in picks]
    words += [w + data.draw(st.sampled_from(["", "\x00", "的", " "])) for w in words[:10]]
    got = table.lookup(words)
    assert got.tolist() == [mapping.get(w, table.median) if "\x00" not in w else table.median for w in words]
    query = np.array(words, dtype=str)
    at = np.minimum(np.searchsorted(table.words, query), len(table.words) - 1) if words else np.zeros(0, int)
    by_words = np.where((table.words[at] == query) & np.array(["\x00" not in w for w in words], dtype=bool),
                        table.values[at], table.median) if words else np.zeros(0)
    assert got.tolist() == by_words.tolist()


@functools.cache
def _idf_mapping():
    return _idf().idf


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(1, 5)), min_size=1, max_size=150))
def test_sweeps_with_the_kernel_equal_sweeps_with_the_public_product(links):
    """TextRank's sweeps calling scipy's CSR kernel directly give the scores of ``csr_array @ vector``, to
    the last bit."""
    from unittest import mock

    from textrank_links import half_links

    from govreport.keywords import scores

    graph = half_links(links)
    assert scores._csr_matvec() is not None
    fast = scores._gauss_seidel(*graph)
    with mock.patch.object(scores, "_csr_matvec", return_value=None):
        assert scores._gauss_seidel(*graph) == fast


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from("沙湾古东村㐀a1，。 \n"), max_size=40), st.data())
def test_name_windows_found_by_pattern_as_by_the_character_walk(text, data):
    """``harvest_names`` finds a window's Han characters before a suffix (at most ``max_head + 4``) and after
    it (at most 4) with two patterns; they give the bounds the character-by-character walk gives."""
    from govreport.chars import HAN_EXT_CLASS
    from govreport.harvest import _HAN_TO_END, _HAN_UP_TO_4

    han = re.compile(f"[{HAN_EXT_CLASS}]")
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    reach = data.draw(st.integers(0, 16))
    a = s
    while a > 0 and s - a < reach and han.match(text[a - 1]):
        a -= 1
    b = e
    while b < len(text) and b - e < 4 and han.match(text[b]):
        b += 1
    found = _HAN_TO_END.search(text, max(0, s - reach), s)
    assert found is not None and found.start() == a
    assert e + len(_HAN_UP_TO_4.match(text, e).group()) == b


@pytest.mark.parametrize("rows", [[], [(1, "a", 0.5)], [(1, "a", 0.5), (2, "", float("nan"))], [(3, None, 1.0)]])
def test_typed_frames_equal_a_full_cast(rows):
    """``typed`` (casting only the columns not yet of their dtype) gives what ``astype`` gives: the same
    values and dtypes, for empty frames (object columns), filled ones and missing cells."""
    import pandas as pd

    from govreport.frames import typed

    dtypes = {"n": "int64", "s": "str", "x": "float64"}
    frame = pd.DataFrame(rows, columns=list(dtypes))
    expected = frame.astype(dtypes)
    got = typed(frame.copy(), dtypes)
    pd.testing.assert_frame_equal(got, expected)
    assert got.dtypes.tolist() == expected.dtypes.tolist()
    assert got.equals(expected)


def test_with_columns_selects_only_when_the_columns_differ():
    """``with_columns`` gives ``df[columns]``: the frame itself when it already has exactly these columns in
    order, else the selection (reordered, or fewer columns)."""
    import pandas as pd

    from govreport.frames import with_columns

    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": [0.5, None]})
    assert with_columns(frame, ["a", "b", "c"]) is frame
    for columns in (["c", "a", "b"], ["a", "c"]):
        got = with_columns(frame, columns)
        assert got is not frame
        pd.testing.assert_frame_equal(got, frame[columns])


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 5), st.text(max_size=3), st.floats(allow_nan=True) | st.none()), max_size=4))
def test_from_columns_equals_a_frame_of_rows(rows):
    """``from_columns`` gives what ``pd.DataFrame(rows, columns=…)`` gives: the same values, dtypes and index, with
    no rows (columns of objects) too."""
    import pandas as pd

    from govreport.frames import from_columns

    names = ["n", "s", "x"]
    expected = pd.DataFrame(rows, columns=names)
    got = from_columns({name: [row[k] for row in rows] for k, name in enumerate(names)}, names)
    pd.testing.assert_frame_equal(got, expected)
    assert got.dtypes.tolist() == expected.dtypes.tolist()
    assert type(got.index) is type(expected.index)


def _view_by_character(text: str, kept: tuple[tuple[int, int], ...], reps: list[str]) -> tuple[str, list[int], list[int]]:
    """The reading view's text and offsets built one character at a time (the reference)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for (s, e), rep in zip(kept, reps):
        for k in range(pos, s):
            out.append(text[k])
            starts.append(k)
            ends.append(k + 1)
        for ch in rep:
            out.append(ch)
            starts.append(s)
            ends.append(e)
        pos = e
    for k in range(pos, len(text)):
        out.append(text[k])
        starts.append(k)
        ends.append(k + 1)
    return "".join(out), starts, ends


NOISY = ["<p>", "</b>", "&nbsp;", "&amp;", "&#20013;", "\u200b", "1\n2", "3.\n4万", "增长", "。", "\n", "5"]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NOISY), st.text(max_size=3)), max_size=25).map("".join))
def test_the_reading_view_equals_the_character_walk(text):
    view = reading_view(text)
    # what each kept noise span becomes: an entity its character (a space when it is none or several),
    # anything else (a tag, a zero-width character, a line break inside a number) nothing
    reps = []
    for s, e in view.noise:
        entity = html.unescape(text[s:e]) if text[s] == "&" else ""
        reps.append(entity if len(entity) == 1 and entity != text[s:e] else " " if text[s] == "&" else "")
    clean, starts, ends = _view_by_character(text, view.noise, reps)
    assert (view.clean, list(view.starts), list(view.ends)) == (clean, starts, ends)


many_texts = st.lists(st.one_of(short_texts, st.sampled_from(["", "\n", "\r", "甲\r", "\r\n乙", "  ", "沙湾" * 120])),
                      max_size=12)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(many_texts)
def test_many_texts_cut_as_each_alone(texts):
    """Texts cut together (joined by line breaks) get the tokens each gets alone: empty ones, ones with a
    line break or a carriage return (cut alone), long ones, spaces at the edges."""
    seg = _segmenter()
    assert seg.tokens_many(texts) == [seg.tokens(t) for t in texts]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[5::19])
def test_name_windows_of_real_reports_cut_as_each_alone(name):
    """The windows the name harvest cuts (Han text before a name suffix), and windows of any characters
    across the report, cut together as each alone."""
    seg = _segmenter()
    text = (CORPUS / name).read_text(encoding="utf-8")
    windows = [m.group() for m in re.finditer(r"[\u4e00-\u9fff]{2,16}(?:中心|学校|社区|基地|公园|村)", text)]
    windows += [text[k:k + 1 + k % 40] for k in range(0, len(text) - 40, 131)]
    assert len(windows) > 100
    assert seg.tokens_many(windows) == [seg.tokens(w) for w in windows]


def _table_ranking(table, part: str, method: str) -> list[tuple[str, float]]:
    rows = table[(table["part"] == part) & (table["method"] == method)]
    return list(zip(rows["term"], rows["score"].tolist()))


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[2::23])
def test_keywords_table_ranks_as_the_public_functions(name):
    """Each part's rankings in the keywords table (ranked over arrays) are those of ``tfidf``, ``textrank``,
    ``keyness`` and the counts of ``part_counts``, sorted as they sort (best first, ties by term), to the
    last bit of every score."""
    from govreport.document import Document
    from govreport.keywords import keyness, keywords_table, part_counts, textrank, tfidf

    doc = Document.from_path(CORPUS / name, Resources())
    table = keywords_table(doc, top=20)
    counts = part_counts(doc)
    assert len(counts) >= 2
    for part, mine in counts.items():
        rest = sum((c for p, c in counts.items() if p != part), type(mine)())
        frequency = sorted(mine.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
        assert _table_ranking(table, part, "frequency") == [(t, float(n)) for t, n in frequency]
        expected = tfidf(doc, part=part, top=20)
        assert _table_ranking(table, part, "tfidf") == list(zip(expected["term"], expected["score"].tolist()))
        expected = textrank(doc, part=part, top=20)
        assert _table_ranking(table, part, "textrank") == list(zip(expected["term"], expected["score"].tolist()))
        expected = keyness(mine, rest) if rest else keyness({}, {})
        expected = expected[expected["z"] > 0].head(20)
        assert _table_ranking(table, part, "keyness") == list(zip(expected["term"], expected["z"].tolist()))


def test_a_quantity_replaced_as_dataclasses_replaces_it():
    """``replaced`` (the reader's copy of a quantity with a few fields changed) gives what
    ``dataclasses.replace`` gives, for every field, and refuses a field a quantity does not have."""
    import dataclasses
    from decimal import Decimal

    from govreport.quantities.grammar import Quantity, replaced

    q = Quantity(3, 9, 4, Decimal("1.5"), "万", "元", Decimal("15000"), None, "approx", "count", "increase",
                 compare=True, indicator="营业收入", verb="增长")
    values = {"start": 1, "end": 2, "core_start": 1, "value": Decimal(2), "multiplier": "", "unit": "%",
              "value_base": Decimal(2), "value_high": Decimal(3), "qualifier": "none", "kind": "share",
              "polarity": "none", "compare": False, "respectively": True, "indicator": "", "verb": "下降",
              "shared": True}
    assert [f.name for f in dataclasses.fields(Quantity)] == list(values)
    for name, value in values.items():
        assert replaced(q, **{name: value}) == dataclasses.replace(q, **{name: value})
        assert getattr(replaced(q, **{name: value}), name) == value
    assert replaced(q, **values) == Quantity(**values)
    assert replaced(q) == q
    with pytest.raises(TypeError, match="no field 'colour'"):
        replaced(q, colour="red")


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["沙湾", "", " ", "nan", "None", "NaN", "\ud800", "1", "1.0"]), st.text(max_size=3)),
                max_size=40))
def test_words_factorized_in_order_of_first_occurrence(words):
    """A token list as codes and vocabulary (pandas' factorize): the distinct words in order of first
    occurrence, each word's code its place among them, words that look missing ("nan", "") words like any."""
    from govreport.tokens import _factorize

    codes, vocab = _factorize(words)
    assert vocab == list(dict.fromkeys(words))
    assert codes.dtype == "int64" and [vocab[c] for c in codes.tolist()] == words


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.sampled_from("沙湾 \t\n\r\x0b\x0c\u3000\u00a0\u2028\u200b\u1680\u2003a1，。"), max_size=60))
def test_visible_chars_counts_what_isspace_does_not(text):
    from govreport.chars import visible_chars

    assert visible_chars(text) == sum(1 for c in text if not c.isspace())


def test_the_periods_of_quantities_are_read_once_and_as_read_times_reads_them(seed_doc):
    from govreport.quantities.periods import read_times
    from govreport.report.years import report_years

    times = seed_doc.quantity_times
    assert seed_doc.quantity_times is times
    assert len(times) == len(seed_doc.numbers.quantities) > 50
    assert list(times) == read_times(seed_doc.report, seed_doc.numbers.quantities, seed_doc.resources.numbers,
                                     plan_year=report_years(seed_doc.report.text).plan_year)


def _innermost_by_scan(report, offset):
    """``Report.block_at``'s rule off the blocks, by a scan of every unit: the shortest non-sentence unit
    over ``offset``, the later of two as short."""
    best = None
    for u in report.units:
        if u.level != "sentence" and u.start <= offset < u.end:
            if best is None or u.end - u.start <= best.end - best.start:
                best = u
    return best


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[1::7])
def test_block_at_finds_the_innermost_unit_a_scan_finds(name):
    from govreport.report import load_report

    report = load_report(CORPUS / name)
    offsets = {o for u in report.units for o in (u.start - 1, u.start, u.end - 1, u.end)}
    checked = 0
    for o in sorted(o for o in offsets if 0 <= o < len(report.text)):
        expected = _innermost_by_scan(report, o)
        if expected is None:
            with pytest.raises(IndexError):
                report.block_at(o)
            continue
        got = report.block_at(o)
        assert got is expected, (o, got.unit_id, expected.unit_id)
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[2::7])
def test_formulation_density_counts_each_formulation_in_the_part_it_stands_in(name, resources):
    from govreport.document import Document
    from govreport.quantities.tables import formulation_density

    doc = Document.from_path(CORPUS / name, resources)
    density = formulation_density(doc).set_index("part")
    for part, row in density.iterrows():
        units = [u for u in doc.report.parts() if u.part == part]
        inside = [f for f in doc.numbers.formulations if any(u.start <= f.start < u.end for u in units)]
        assert (row["uses"], row["distinct"]) == (len(inside), len({f.key for f in inside}))
        assert row["chars"] == sum(u.end - u.start for u in units)
    assert density["uses"].sum() <= len(doc.numbers.formulations)


def _tags_as_the_token_list_gives_them(seg: Segmenter, text: str) -> tuple[list[str], np.ndarray, list[str]]:
    """The tags of ``seg.tokens(text)`` (the token-by-token path, which tags each word and marks noise ``x`` on
    its own), and those tags numbered in order of first occurrence."""
    from govreport.tokens import _factorize

    tags = [t.pos for t in seg.tokens(text)]
    codes, vocab = _factorize(tags)
    return tags, codes, vocab


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt"))[2::11])
def test_the_tags_as_codes_are_those_of_the_token_list(name):
    """The token table's tags and their codes, worked out from each distinct word's tag, are the tags the
    token list gives each token, numbered in order of first occurrence."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    seg = Resources().segmenter.with_harvested(text)
    table = seg.table(text)
    tags, codes, vocab = _tags_as_the_token_list_gives_them(seg, text)
    assert table.pos == tags and len(set(tags)) > 10
    assert table.pos_vocab == vocab and table.pos_codes.dtype == "int64" and np.array_equal(table.pos_codes, codes)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["沙湾", "街道", "办事处", "2024年", "增长5%", "，", "。", "\n", " ", "&nbsp;", "<p>",
                                 "\u200b", "ab", "nbsp", "x"]), max_size=20).map("".join))
def test_the_tags_as_codes_are_those_of_the_token_list_on_any_text(text):
    seg = _segmenter()
    table = seg.table(text)
    tags, codes, vocab = _tags_as_the_token_list_gives_them(seg, text)
    assert table.pos == tags
    assert table.pos_vocab == vocab and np.array_equal(table.pos_codes, codes)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["ns", "n", "x", "v", "m"]), min_size=0, max_size=5, unique=True).flatmap(
    lambda names: st.tuples(st.just(names), st.lists(st.integers(0, max(len(names) - 1, 0)),
                                                     max_size=40 if names else 0))))
def test_codes_renumbered_in_order_of_first_occurrence(case):
    """Codes into a list of names numbered again by first occurrence: what factorizing the names they stand for
    gives (the token table's tags and the document's terms are numbered so)."""
    from govreport.tokens import _factorize, _renumbered

    names, codes = case
    got_codes, got_names = _renumbered(np.array(codes, dtype=np.int64), names)
    want_codes, want_names = _factorize([names[c] for c in codes])
    assert got_names == want_names and got_codes.dtype == "int64" and np.array_equal(got_codes, want_codes)


_LINKS = st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25), st.integers(1, 5)), min_size=1, max_size=80)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(_LINKS, min_size=1, max_size=5))
def test_graphs_swept_together_score_as_each_swept_alone(graphs):
    """Several TextRank graphs swept as one graph of disjoint parts give each graph's scores alone, to the last
    bit (the keywords table sweeps a report's parts together)."""
    from textrank_links import half_links

    from govreport.keywords import scores

    arrays = [half_links(links) for links in graphs]
    together = scores._gauss_seidel_many(arrays)
    assert [len(ws) for ws in together] == [n for *_, n in arrays]
    assert together == [scores._gauss_seidel(*graph) for graph in arrays]
