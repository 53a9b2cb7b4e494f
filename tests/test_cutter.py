"""The rjieba cutter against jieba itself: the same words, offsets and tags on the seed, the 142 corpus
reports and generated text. jieba 0.42.1 is the reference; an upgrade of either library that changes a
cut fails here."""
from __future__ import annotations

import bisect
import logging
import math
import pickle

import jieba
import pytest
from examples_budget import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govreport import paths
from govreport.cutter import (
    FORCE_FREQ,
    JiebaCutter,
    RustCutter,
    _dict_entry,
    _read_dict_tags,
    jieba_dict_path,
    load_cutter,
)
from govreport.inputs import read_text, reading_view
from govreport.tokens import _LATIN, _NUMBER, _NUMERAL, _WORDCHAR, Segmenter, Token, load_lexicon

CORPUS = sorted((paths.DATA_DIR / "corpus").glob("*.txt"))


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def jb(lexicon) -> jieba.Tokenizer:
    """jieba's own tokenizer, initialised by jieba, with the user terms added as the segmenter adds them."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(paths.cache_dir("jieba"))
    tk.initialize()
    for term, pos in sorted(lexicon.terms.items()):
        tk.add_word(term, max(FORCE_FREQ, tk.suggest_freq(term, False)), pos)
    return tk


@pytest.fixture(scope="module")
def dict_tags() -> dict[str, str]:
    return _read_dict_tags(jieba_dict_path())


@pytest.fixture(scope="module")
def rust(lexicon) -> RustCutter:
    return RustCutter(lexicon.terms)


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter.load()


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    """The seed and the 142 corpus reports, as the package reads them."""
    out = [(paths.SEED_REPORT.name, read_text(paths.SEED_REPORT)[0])]
    out += [(p.name, read_text(p)[0]) for p in CORPUS]
    assert len(out) == 143
    return out


@pytest.fixture(scope="module")
def sample(texts) -> list[tuple[str, str]]:
    """The seed and every tenth corpus report (the fast tests; the slow ones take all 143)."""
    return [texts[0], *texts[1::10]]


class JiebaCuts(dict[str, list[str]]):
    """jieba's cut of each text (HMM off), made on first use."""

    def __init__(self, jb: jieba.Tokenizer, texts: list[tuple[str, str]]) -> None:
        super().__init__()
        self.jb, self.texts = jb, dict(texts)

    def __missing__(self, name: str) -> list[str]:
        self[name] = cut = self.jb.lcut(self.texts[name], HMM=False)
        return cut


@pytest.fixture(scope="module")
def jieba_cuts(jb, texts) -> JiebaCuts:
    return JiebaCuts(jb, texts)


def reference_tokens(jb: jieba.Tokenizer, tags: dict[str, str], seg: Segmenter, text: str,
                     pieces: list[str] | None = None) -> list[Token]:
    """The segmentation as it was written before the cut moved to rjieba and the tokens to columns: jieba's
    cut, every occurrence of every protected phrase or number found with ``str.find`` and a regex, merged
    longest first where it starts and ends on a cut, one tag lookup per token, noise marked token by token."""
    def pos_of(token: str) -> str:
        if not token or not _WORDCHAR.search(token):
            return "x"
        if _NUMERAL.match(token):
            return "m"
        if seg.user_dict and token in seg.lexicon.terms:
            return seg.lexicon.terms[token]
        if token in seg.protected_terms:
            return "nz"
        if tags.get(token):
            return tags[token]
        return "eng" if _LATIN.match(token) else "n"

    spans: list[tuple[int, int]] = []
    at = 0
    for piece in (pieces if pieces is not None else jb.lcut(text, HMM=False)):
        spans.append((at, at + len(piece)))
        at += len(piece)
    starts, ends = {a for a, _ in spans}, {b for _, b in spans}
    candidates = {m.span() for m in _NUMBER.finditer(text)}
    for term in seg.protected_terms:
        i = text.find(term)
        while i >= 0:
            candidates.add((i, i + len(term)))
            i = text.find(term, i + 1)
    taken = bytearray(len(text))
    merged: dict[int, int] = {}
    for a, b in sorted(candidates, key=lambda s: (s[0] - s[1], s[0])):
        if b - a > 1 and a in starts and b in ends and not any(taken[a:b]):
            merged[a] = b
            taken[a:b] = b"\x01" * (b - a)
    out: list[Token] = []
    for a, b in spans:
        if taken[a]:
            if a in merged:
                out.append(Token(a, merged[a], text[a:merged[a]], pos_of(text[a:merged[a]])))
            continue
        out.append(Token(a, b, text[a:b], pos_of(text[a:b])))
    noise = reading_view(text).noise
    if noise:
        first = [s for s, _ in noise]
        for k, t in enumerate(out):
            i = bisect.bisect_right(first, t.start) - 1
            if i >= 0 and noise[i][0] <= t.start and t.end <= noise[i][1]:
                out[k] = t._replace(pos="x")
    return out


# --- the cut -----------------------------------------------------------------------------------------


def _cuts_differ(rust: RustCutter, texts: list[tuple[str, str]], jieba_cuts: JiebaCuts) -> list[str]:
    return [name for name, text in texts if rust.cut(text) != jieba_cuts[name]]


def test_rust_cut_equals_jieba_on_the_seed_and_a_sample_of_the_corpus(rust, sample, jieba_cuts) -> None:
    assert _cuts_differ(rust, sample, jieba_cuts) == []


@pytest.mark.slow
def test_rust_cut_equals_jieba_on_the_whole_corpus(rust, texts, jieba_cuts) -> None:
    assert _cuts_differ(rust, texts, jieba_cuts) == []
    assert sum(len(jieba_cuts[name]) for name, _ in texts) == 1_558_722


@pytest.mark.parametrize("text", [
    "夜夜夜𫠠",  # a rare CJK character next to an exact tie: jieba keeps it out of the block
    "㐀㐁乙乙乙乙丁", "鿖鿗中国", "豈更車賈", "\U0002f800\U0002f801天下", "𠀀𠀁人民",
    "\ud800中国\udc80人民\udfff",  # lone surrogates (text decoded with surrogateescape)
    "", "\x00", " ", "a\r\nb", "\r\r\n\n\r", "TikTok Shop5G+VR", "0-3岁", "1.4GHz", "2017-2019年", "99.12亿元,增长4.6%。",
    "\u3000\u00a0\u2028\u200b\ufeff👨\u200d👩\u200d👧🇨🇳", "ＡＢＣ１２３", "母母母母母", "上争先进",
])
def test_rust_cut_equals_jieba_on_odd_inputs(rust, jb, text: str) -> None:
    assert rust.cut(text) == jb.lcut(text, HMM=False)


def test_dictionary_totals_are_equal(rust, jb) -> None:
    """Read rjieba's total back through suggest_freq of two fresh words with huge frequencies, F and G:
    jieba-rs answers floor(exp(ln F - ln T + ln G - ln T + ln T)) + 1, which pins T down to ±1. Without the
    ballast entry it would be 14 lower (dict.txt's duplicate line, three user terms already in dict.txt)."""
    assert rust.total == jb.total
    probe = RustCutter(load_lexicon().terms)
    total = jb.total
    candidates: set[int] | None = None
    for k in range(6):
        x, y = f"㐀{'甲乙丙丁戊己'[k]}子", f"㐀{'甲乙丙丁戊己'[k]}丑"
        f, g = 10**9 + 7919 * k, 10**9 + 104729 * k + 13
        probe._rj.add_word(x, f, "x")
        probe._rj.add_word(y, g, "x")
        total += f + g
        answer = probe._rj.suggest_freq(x + y)

        def suggest(t: int, f: int = f, g: int = g) -> int:
            lt = math.log(t)
            return int(math.exp((math.log(f) - lt) + (math.log(g) - lt) + lt)) + 1

        near = range(math.floor(f * g / answer) - 4, math.ceil(f * g / (answer - 1)) + 5)
        fits = {t - total for t in near if suggest(t) == answer}
        candidates = fits if candidates is None else candidates & fits
    assert candidates is not None and 0 in candidates and max(map(abs, candidates)) <= 1


def test_has_word_and_tags_equal_jiebas(rust, jb, dict_tags, jieba_cuts) -> None:
    words = set().union(*jieba_cuts.values()) | set(dict_tags)
    assert [w for w in words if rust.has_word(w) != (jb.FREQ.get(w, 0) > 0)] == []
    # every word of dict.txt, including the 6,000 that the cut would split when alone (一三, γ射线)
    assert [w for w in dict_tags if rust.dict_tag(w) != dict_tags[w]] == []
    assert rust.dict_tag("百千万工程") is None and rust.dict_tag("新力") == dict_tags["新力"] == "n"
    assert not rust.has_word(" total ballast ") and rust.dict_tag("") is None


def test_words_the_cut_splits_are_looked_up_in_the_file_then_in_the_table(dict_tags) -> None:
    fresh = RustCutter()
    split = [w for w in list(dict_tags)[::7] if len(fresh._rj.tag(w, False)) > 1][:100]
    assert len(split) == 100
    # the first 64 come from dict.txt's bytes, the rest from the whole table, read once
    got = [fresh.dict_tag(w) for w in split[:64]]
    assert fresh._file_tags is None and fresh._file_lookups == 64
    got += [fresh.dict_tag(w) for w in split[64:]]
    assert fresh._file_tags is not None and fresh._dict_bytes is None
    assert got == [dict_tags[w] for w in split]


def test_a_dictionary_line_is_read_from_the_bytes() -> None:
    data = "\n\u4e00 3 m\nab 5 n\nabc 7 v\nab 9 nz\nxy 2\n".encode()
    assert _dict_entry(data, "ab") == (9, "nz")  # the last line wins, as in the table
    assert _dict_entry(data, "abc") == (7, "v") and _dict_entry(data, "一") == (3, "m")
    assert _dict_entry(data, "xy") == (2, "")
    with pytest.raises(KeyError):
        _dict_entry(data, "a")


def test_the_hmm_and_the_engine_choice() -> None:
    assert load_cutter({}).engine == "rjieba"
    assert load_cutter({}, hmm=True).engine == "jieba"
    assert load_cutter({}, engine="jieba").engine == "jieba"
    with pytest.raises(ValueError, match="HMM"):
        load_cutter({}, hmm=True, engine="rjieba")
    with pytest.raises(ValueError, match="unknown segmentation engine"):
        load_cutter({}, engine="pkuseg")


def test_the_rust_cutter_does_not_pickle_so_spawned_workers_build_their_own(rust) -> None:
    with pytest.raises(TypeError):
        pickle.dumps(rust)


_FRESH_PROCESS = """
import json, sys
from govreport.cutter import RustCutter
cutter = RustCutter({"沙湾古镇": "ns"})
built_default = "rjieba" in sys.modules  # the package's __init__ (and its module-level tokenizer) not run
words = cutter.cut("沙湾古镇的广州市对台交流基地")
import rjieba  # a later import of the package finds the compiled module already loaded
print(json.dumps({"built_default": built_default, "words": words, "same_class": type(cutter._rj) is rjieba.Jieba,
                  "shortcut": rjieba.cut("沙湾古镇")}))
"""


def test_the_rust_cutter_does_not_build_rjiebas_module_level_tokenizer() -> None:
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _FRESH_PROCESS], capture_output=True, text=True, check=True,
                         cwd=paths.PROJECT_ROOT)
    got = json.loads(out.stdout)
    assert got["built_default"] is False
    assert got["words"][0] == "沙湾古镇" and "".join(got["words"]) == "沙湾古镇的广州市对台交流基地"  # the user term whole
    assert got["same_class"] is True  # one compiled module in the process, not two
    assert got["shortcut"] == ["沙湾", "古镇"]  # rjieba's own tokenizer still works, without our user terms


# --- the whole segmenter -----------------------------------------------------------------------------


def _segmenter_differs(seg: Segmenter, jb: jieba.Tokenizer, dict_tags: dict[str, str],
                       texts: list[tuple[str, str]], jieba_cuts: JiebaCuts) -> list[str]:
    differ = []
    for name, text in texts:
        named = seg.with_harvested(text)
        table = named.table(text)
        expected = reference_tokens(jb, dict_tags, named, text, jieba_cuts[name])
        if list(table) != expected:
            differ.append(name)
        assert [table.vocab[c] for c in table.codes.tolist()] == table.tokens
    return differ


def test_segmenter_equals_the_reference_on_the_seed_and_a_sample(seg, jb, dict_tags, sample, jieba_cuts) -> None:
    assert _segmenter_differs(seg, jb, dict_tags, sample, jieba_cuts) == []


@pytest.mark.slow
def test_segmenter_equals_the_reference_on_the_whole_corpus(seg, jb, dict_tags, texts, jieba_cuts) -> None:
    assert _segmenter_differs(seg, jb, dict_tags, texts, jieba_cuts) == []


def test_the_jieba_engine_gives_the_same_tokens(seg, sample) -> None:
    other = Segmenter.load(engine="jieba")
    assert other.engine == "jieba" and seg.engine == "rjieba"
    for _, text in sample:
        assert other.with_harvested(text).table(text).tokens == seg.with_harvested(text).table(text).tokens


# --- generated text ----------------------------------------------------------------------------------

_SEED = paths.SEED_REPORT.read_text(encoding="utf-8")
_CJK = sorted({c for c in _SEED if "\u4e00" <= c <= "\u9fd5"})
_SNIPPETS = [_SEED[i:i + n] for i, n in zip(range(0, len(_SEED) - 20, 37), [1, 2, 3, 5, 8, 13, 16] * 999)]
_RARE = [(0x3400, 0x4DBF), (0x9FD6, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
         (0x2F800, 0x2FA1F), (0x30000, 0x3134F)]
_PIECE = st.one_of(
    st.sampled_from(_CJK), st.sampled_from(_SNIPPETS), st.sampled_from(sorted(load_lexicon().terms)),
    st.text(alphabet="0123456789", min_size=1, max_size=6),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6),
    st.sampled_from(list("+#&._%-,;:!?()[]{}<>/\\|'\"`~^*=@$") + list("，。、；：！？“”‘’（）《》【】…—·％＋－．")),
    st.sampled_from(["\r\n", "\r", "\n", "\t", " ", "\u3000", "\xa0", "\x85", "\u2028", "\u202f", "\x1c", "\x0b",
                     "\u200b", "\ufeff", "&nbsp;", "<p>", "</b>", "&#12345;"]),
    st.sampled_from(["😀", "👍🏽", "🇨🇳", "👨\u200d👩\u200d👧", "１２３", "ＡＢ"]),
    st.sampled_from(_RARE).flatmap(lambda r: st.integers(r[0], r[1]).map(chr)),
    st.sampled_from(["\ud800", "\udc80", "\udfff"]),
    st.text(min_size=1, max_size=3),
    st.tuples(st.sampled_from(_CJK), st.integers(2, 5)).map(lambda p: p[0] * p[1]),
    st.tuples(st.sampled_from(["“", "《"]), st.sampled_from(_SNIPPETS), st.sampled_from(["”", "》"])).map("".join),
)
_TEXTS = st.lists(_PIECE, min_size=1, max_size=40).map("".join)


@settings(max_examples=examples(400), deadline=None, suppress_health_check=list(HealthCheck))
@given(_TEXTS)
@example("\u201c0\ud800\u201d重点企业梯队培")  # a quoted lone surrogate: a harvested term rjieba cannot look up
def test_generated_text_cuts_and_tags_as_jieba_does(rust, seg, jb, dict_tags, text: str) -> None:
    assert rust.cut(text) == jb.lcut(text, HMM=False)
    named = seg.with_harvested(text)
    assert list(named.table(text)) == reference_tokens(jb, dict_tags, named, text)


def test_the_hmm_segmenter_is_jiebas() -> None:
    hmm = Segmenter.load(hmm=True, user_dict=False)
    assert hmm.engine == "jieba" and hmm.hmm
    assert isinstance(hmm.tokenizer, JiebaCutter)
