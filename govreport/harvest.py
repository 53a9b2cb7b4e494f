"""Terms and names a report brings with it, harvested from its text before it is cut.

* :func:`harvest_terms`: the phrases it puts in quotation or title marks (programmes, slogans, honours);
* :func:`harvest_names`: the names of its institutions, places and heritage items, found by their shape
  (a proper-noun head before a name suffix of ``data/lexicon/name_parts.csv``).

Both feed :meth:`govreport.tokens.Segmenter.with_terms`, so that a report the lexicon has never seen
still has its own names kept whole.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .chars import HAN_EXT_CLASS, SENTENCE_END

if TYPE_CHECKING:
    from .tokens import Segmenter, Token

__all__ = ["harvest_names", "harvest_terms"]

_QUOTED = re.compile(r"“([^“”\n]+)”|《([^《》\n]+)》")
_CLAUSE_END = re.compile(f"[{re.escape(SENTENCE_END)}]")


def harvest_terms(text: str, *, min_len: int = 2, max_len: int = 24) -> list[str]:
    """Collect the phrases a report puts in quotation marks “…” or title marks 《…》.

    Such phrases are names the report coins or cites (programmes, slogans, honours, media), so they
    should come out of segmentation whole. Phrases containing a clause end (。！？；) or a line break
    are skipped, as are ones shorter than ``min_len`` or longer than ``max_len`` characters.

    Args:
        text: the report text.
        min_len: shortest phrase kept, in characters.
        max_len: longest phrase kept, in characters.

    Returns:
        Distinct phrases (without the marks), in order of first appearance.
    """
    if min_len < 1 or max_len < min_len:
        raise ValueError(f"need 1 <= min_len <= max_len, got {min_len}, {max_len}")
    seen: dict[str, None] = {}
    for match in _QUOTED.finditer(text):
        phrase = (match.group(1) or match.group(2)).strip()
        if min_len <= len(phrase) <= max_len and not _CLAUSE_END.search(phrase):
            seen.setdefault(phrase, None)
    return list(seen)


#: Tags a word of a name's head may have (nouns, proper nouns, adjectives, locality words, Latin).
_HEAD_TAGS = frozenset({"n", "ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "j", "s", "f", "b", "a", "an", "eng"})
#: Tags of a proper noun: a name starts at one.
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})
#: User-dictionary categories that are names.
_PROPER_CATEGORIES = frozenset({"place", "village", "park", "company", "institution", "platform"})
#: The run of Han characters that ends where a search's range ends (the longest such run in the range).
_HAN_TO_END = re.compile(f"[{HAN_EXT_CLASS}]*\\Z")
_HAN_UP_TO_4 = re.compile(f"[{HAN_EXT_CLASS}]{{0,4}}")
_NUMERAL_CHAR = re.compile("[〇零一二两三四五六七八九十百千万亿]")


def harvest_names(text: str, segmenter: Segmenter, *, max_len: int = 16, max_head: int = 12) -> list[str]:
    """Collect the names of institutions, places and heritage items a report uses, by their shape.

    A name is a proper-noun head followed by one of the lexicon's name suffixes
    (``data/lexicon/name_parts.csv``: 幼儿园, 卫生服务中心, 基地, 工业园, 示范区, 社区, 村, 有限公司,
    水道, 飘色 …): 古东幼儿园, 沙湾社区卫生服务中心, 广州市对台交流基地, 莲香楼食品工业园, 沙湾飘色. It is
    found in four steps:

    1. every occurrence of a suffix (longest first) that ends where ``segmenter`` ends a word (not 村民),
       with the word it ends (外语学校) and the text before it on the same line with no punctuation,
       space or digit between (so a harvest never crosses a clause or a sentence);
    2. the words before that word, right to left, as long as each is a noun-like word
       (:data:`_HEAD_TAGS`) or a single character that is not a head stop of the lexicon (的, 和, 在 …),
       is not a stopword (建立健全), has no numeral character (万企兴万村) and does not itself end in a
       suffix (罗湖外语学校高中部…中学 stops at 学校), at most ``max_head`` characters;
    3. the head starts at its first proper noun: a place or organisation name by jieba's tag or a name
       of the user dictionary, or a run of two or more single characters jieba does not know as a word
       with one tagged as a name (古东: 古 / 东), or failing those the first such run of any tags; a word
       or character that never starts a name (the lexicon's edges: 对, 原, 个, 新建, 全市 …) is passed
       over;
    4. heads with no proper noun (公办学校, 全国社区, 网格服务中心) and names longer than ``max_len``
       characters are dropped.

    Args:
        text: the report text.
        segmenter: the segmenter to cut with (its lexicon gives the suffixes, stops and edges, and the
            user dictionary's names).
        max_len: longest name kept, in characters.
        max_head: longest head, in characters.

    Returns:
        Distinct names, in order of first appearance.
    """
    lexicon = segmenter.lexicon
    if not lexicon.name_suffixes or not text:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in sorted(lexicon.name_suffixes, key=len, reverse=True)))
    proper_terms = frozenset(t for t, c in lexicon.categories.items() if c in _PROPER_CATEGORIES)
    stop = segmenter.stopwords()
    suffix_ends = tuple(lexicon.name_suffixes)  # a word ending in a suffix is a name of its own: it ends a head
    seen: dict[str, None] = {}
    found: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        # the window: the Han characters before the suffix (up to max_head + 4) and after it (up to 4)
        a = _HAN_TO_END.search(text, max(0, s - max_head - 4), s).start()  # type: ignore[union-attr]  # found by s
        if a == s:
            continue
        b = e + len(_HAN_UP_TO_4.match(text, e).group())  # type: ignore[union-attr]  # matches the empty string
        found.append((s - a, e - a, text[a:b]))  # offsets in the window from here on
    windows = list(dict.fromkeys(w for *_, w in found))  # a long text repeats its phrases: cut each window once
    cuts = dict(zip(windows, segmenter.tokens_many(windows)))
    for s, e, window in found:
        toks = cuts[window]
        first = next((t for t in toks if t.start <= s < t.end), None)
        if first is None or e not in {t.end for t in toks}:
            continue  # the suffix runs into the next word (村民)
        # a word that ends in the suffix (外语学校) belongs to the name; its own start is where the head ends
        s = first.start
        head: list[Token] = []
        for t in reversed([t for t in toks if t.end <= s]):
            one = len(t.token) == 1
            if s - t.start > max_head or (one and t.token in lexicon.name_stops) or _NUMERAL_CHAR.search(t.token) \
                    or t.token.endswith(suffix_ends) \
                    or (not one and (t.token in stop or (t.pos not in _HEAD_TAGS and t.token not in proper_terms))):
                break
            head.insert(0, t)
        start = _proper_start(head, proper_terms, lexicon.name_edges)
        if start is not None and e - start <= max_len:
            seen.setdefault(window[start:e], None)
    return list(seen)


def _proper_start(head: list[Token], proper_terms: frozenset[str], edges: frozenset[str]) -> int | None:
    """Where a name's head starts (step 3 of :func:`harvest_names`), or None.

    The head is read as words and runs of single characters (a run's leading edge characters dropped).
    It starts at the first proper word or at the first run of two or more characters one of which jieba
    tags as a name (古东: 古 / 东); failing both, at the first run of two or more characters (an
    unknown name whose characters jieba tags as anything).
    """
    units: list[list[Token]] = []
    i = 0
    while i < len(head):
        if len(head[i].token) > 1:
            if head[i].token not in edges:
                units.append([head[i]])
            i += 1
            continue
        j = i
        while j < len(head) and len(head[j].token) == 1:
            j += 1
        run = head[i:j]
        while run and run[0].token in edges:
            run = run[1:]
        units.append(run)
        i = j
    for unit in units:
        if len(unit) == 1 and len(unit[0].token) > 1:
            if unit[0].pos in _PROPER_TAGS or unit[0].token in proper_terms:
                return unit[0].start
        elif len(unit) >= 2 and any(t.pos in _PROPER_TAGS for t in unit):
            return unit[0].start
    return next((u[0].start for u in units if len(u) >= 2), None)
