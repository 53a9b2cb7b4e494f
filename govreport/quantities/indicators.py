"""What a quantity measures: the indicator phrase of each quantity, read from its clause.

The rule (the ``indicator`` item of :mod:`govreport.quantities`): the phrase before the number within
its clause, trimmed of list markers, linking verbs and enumerations; the noun after the number when the
number qualifies it; the indicator of the quantity before it for a rate with nothing of its own; with
分别, the subjects listed (or the levels stated before) matched in order.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice

import numpy as np

from ..chars import CLAUSE_END, DIGITS, SENTENCE_END, WIDE_SPACE_CLASS, is_han
from .grammar import Quantity, replaced

__all__ = ["add_indicators", "LEAD_MARKER", "ENUM_GAP", "TextBounds", "clause_bounds"]

_HARD = set(CLAUSE_END + "\n\r")
_SENTENCE = set(SENTENCE_END + "\n\r")
_HARD_CHARS = "".join(sorted(_HARD))
_SENTENCE_CHARS = "".join(sorted(_SENTENCE))
ENUM_GAP = re.compile(rf"^[{WIDE_SPACE_CLASS}]*(?:[、,，]|和|及|与|以及)[{WIDE_SPACE_CLASS}]*$")
_VERBISH = sorted({
    "全年", "今年", "年内", "全街", "全区", "全市", "全镇", "全县", "其中", "累计", "共", "共计", "合计", "新增", "完成",
    "建成", "建设", "创建", "实现", "引入", "引进", "开展", "组织", "举办", "实施", "推动", "推进", "成立", "建立",
    "打造", "培育", "解决", "提出", "接待", "参与", "开设", "达到", "达", "为", "有", "已", "已经", "正在", "中",
    "了", "新建", "改造", "优化", "调整", "销号", "整治", "排查", "承办", "办理", "走访", "惠及", "带动", "覆盖",
    "确保", "力争", "争取", "统筹", "谋划", "精准", "筹集", "认定", "通过", "验收", "获得", "获评", "入选", "授予",
    "被", "落实", "投入", "发放", "帮助", "培训", "提供", "布点", "设置", "配备", "安装", "新增注册", "服务",
    "加快", "全力", "积极", "着力", "持续", "扎实", "深入", "大力", "重点", "不断", "切实", "努力", "继续", "全面",
    "吸引", "约", "近", "超", "的", "并", "和", "及", "等", "对", "向", "在", "从", "按照", "因地制宜",
}, key=len, reverse=True)
_VERBISH_RE = re.compile(rf"(?:{'|'.join(map(re.escape, _VERBISH))})+")


_NOT_CORE = re.compile(r"[\s“”\"'「」『』()（）、]")


def _verb_only(phrase: str) -> bool:
    core = _NOT_CORE.sub("", phrase)
    return not core or bool(_VERBISH_RE.fullmatch(core))


def clause_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    """The clause around ``text[s:e]``: from after the previous clause end (，；。： …) to the next."""
    a = s
    while a > 0 and text[a - 1] not in _HARD:
        a -= 1
    b = e
    while b < len(text) and text[b] not in _HARD:
        b += 1
    return a, b


class TextBounds:
    """Where one text's clauses and sentences end, found once: :func:`clause_bounds` and sentence
    starts for many quantities of the same text, without walking back character by character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: dict[str, list[int]] = {}
        self._codes: np.ndarray | None = None

    def _positions(self, chars: str) -> list[int]:
        """Every offset of the text that holds one of ``chars``, in order (found over the text's code points
        with NumPy; a lone surrogate is a code point like any other)."""
        got = self._at.get(chars)
        if got is None:
            if self._codes is None:
                self._codes = np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            wanted = np.array(sorted({ord(c) for c in chars}), dtype=np.uint32)
            got = self._at[chars] = np.flatnonzero(np.isin(self._codes, wanted)).tolist()
        return got

    def clause(self, s: int, e: int) -> tuple[int, int]:
        """The same as ``clause_bounds(text, s, e)``."""
        hard = self._positions(_HARD_CHARS)
        k = bisect_left(hard, s)
        a = hard[k - 1] + 1 if k else 0
        k = bisect_left(hard, e)
        return a, hard[k] if k < len(hard) else len(self.text)

    def sentence_start(self, s: int, ends: str = "") -> int:
        """Where the sentence around offset ``s`` starts: after the last of ``ends`` (default: the
        sentence ends and line breaks) before ``s``."""
        at = self._positions(ends or _SENTENCE_CHARS)
        k = bisect_left(at, s)
        return at[k - 1] + 1 if k else 0


_TRAILING_LINK = re.compile(r"(?:控制在|保持在|稳定在|达到|达|为|是|共计|共|约|在)$")
_COMPARISON_BASE = re.compile(r"^(?:较|比)(?:上年|去年|上年同期|同期|[0-9０-９]{4}年)?$")


_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("《", "》"), ("(", ")"), ("（", "）"))
_ANY_QUOTE = re.compile("[" + re.escape("".join(o + c for o, c in _QUOTE_PAIRS)) + "]")


def _balance_quotes(phrase: str) -> str:
    """Drop a quotation mark left open or closed at either end by the cut (打出提振发展信心“ → …信心)."""
    if not _ANY_QUOTE.search(phrase):  # most phrases: nothing to balance
        return phrase
    for o, c in _QUOTE_PAIRS:
        if phrase.endswith(o):
            phrase = phrase[:-1]
        if phrase.startswith(c):
            phrase = phrase[1:]
        if phrase.count(o) > phrase.count(c) and phrase.rfind(o) > phrase.rfind(c):
            k = phrase.rfind(o)
            phrase = phrase[:k] + phrase[k + 1:]
        elif phrase.count(c) > phrase.count(o) and phrase.find(c) < (phrase.find(o) if o in phrase else len(phrase)):
            k = phrase.find(c)
            phrase = phrase[:k] + phrase[k + 1:]
    return phrase


LEAD_MARKER = re.compile(r"^[ \t\u00a0\u3000]*(?:[（(][ \u3000]*(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[ \u3000]*[）)]"
                          r"|[一二三四五六七八九十]{1,3}(?:是|、)|[0-9０-９]{1,2}[.、．](?![0-9０-９]))[ \t\u00a0\u3000]*")


def _trim_before(phrase: str) -> str:
    phrase = LEAD_MARKER.sub("", phrase).strip(" \u00a0\u3000、")
    phrase = _TRAILING_LINK.sub("", phrase)
    if _COMPARISON_BASE.match(phrase):
        return ""  # 较2015年分别增长…: a comparison base, not what is measured
    if "等" in phrase:
        tail = phrase[phrase.rfind("等") + 1:]
        if len(tail.strip()) >= 2:
            phrase = tail.strip()
    if len(phrase) > 30:
        cut = phrase[-30:]
        k = cut.find("、")
        phrase = cut[k + 1:] if 0 <= k < 15 else cut
    return phrase


_PREDICATE = re.compile(r"^(?:已|正在|被|为|是|将|均|全部|基本|都|也|还|共|获|成为|得到|同比|增长|下降|以上|以下|左右|的[增下])")
_ENUM_TAIL = re.compile(r"(?:、|以及|及|和|与)[ \u00a0\u3000]*$")


def add_indicators(text: str, qs: list[Quantity], bounds: TextBounds | None = None) -> list[Quantity]:
    """Give each quantity (in text order) its indicator: what it measures, read from its clause.

    See the rule for ``indicator`` in :mod:`govreport.quantities`. ``bounds`` is the text's
    :class:`TextBounds` when the caller has it.
    """
    bounds = bounds if bounds is not None and bounds.text is text else TextBounds(text)
    in_order = all(x.start <= y.start for x, y in zip(qs, qs[1:]))
    out: list[Quantity] = []
    for i, q in enumerate(qs):
        a, b = bounds.clause(q.start, q.end)
        # cut at an earlier quantity in the clause when a new list item (、, 及) or a new predicate follows it
        for prev in reversed(out):
            if prev.end <= a:
                break
            gap = text[prev.end:q.start]
            if re.match(r"^(?:已|正在|其中|并)", gap):
                a = prev.end
            elif "、" in gap:
                a = prev.end + gap.rfind("、") + 1
            elif tail := _ENUM_TAIL.search(gap):
                a = prev.end + tail.end()
            else:
                continue
            break
        before = _trim_before(text[a:q.start])
        last = before.split("、")[-1]
        if "、" in before and last.strip() and _verb_only(last):
            before = last  # …展示地、创建一个: a new verb opens this item
        nxt = b
        for o in islice(qs, i + 1, None):
            if o.start < b and o.kind not in ("rating", "scale"):
                nxt = o.start
                break
            if in_order and o.start >= b:
                break  # in text order, no later quantity starts inside the clause
        after = text[q.end:min(b, nxt)].split("、")[0].strip(" \u00a0\u3000")
        after = _ENUM_TAIL.sub("", after)[:30]
        attributive = bool(after) and (after[0] in "“" + DIGITS or is_han(after[0])) \
            and not _PREDICATE.match(after) and q.kind not in ("growth_rate", "change_rate")
        if not _verb_only(before):
            indicator = f"{before}…{after}" if attributive else before
        elif attributive:
            indicator = after
        elif out and out[-1].start >= bounds.sentence_start(q.start):  # the last quantity read, in this sentence
            root = out[-1].indicator.split("…")[0]
            indicator = f"{root}…{before.strip()}" if before.strip() else out[-1].indicator
        else:
            indicator = before.strip()
        out.append(replaced(q, indicator=_balance_quotes(indicator.strip())))
    # 分别: subjects listed before the first value, matched in order
    i = 0
    while i < len(out):
        q = out[i]
        if q.respectively:
            run = [i]
            j = i + 1
            while j < len(out) and ENUM_GAP.match(text[out[j - 1].end:out[j].start]):
                run.append(j)
                j += 1
            subject = out[i].indicator
            items = [s for s in re.split(r"、|和|及|与|以及", subject) if s.strip()]
            # …生产总值1097亿元、工业增加值269.7亿元,较2015年分别增长26.8%、12%: the levels before, in order
            start = bounds.sentence_start(out[i].start)
            levels = [o for o in out[:i] if o.start >= start and o.kind not in ("growth_rate", "change_rate")]
            if len(items) == len(run) > 1:
                for k, idx in enumerate(run):
                    out[idx] = replaced(out[idx], indicator=items[k].strip())
            elif len(run) > 1 and len(levels) == len(run):
                for k, idx in enumerate(run):
                    out[idx] = replaced(out[idx], indicator=levels[k].indicator)
            else:
                for idx in run:
                    out[idx] = replaced(out[idx], indicator=subject)
            i = j
        else:
            i += 1
    return out
