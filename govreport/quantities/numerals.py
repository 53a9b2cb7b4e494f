"""Numerals in a report's text: where they are, what they are worth, and which are not quantities.

This module is the lower half of the quantity stage. It knows

* which characters are numerals that count something: every ASCII and full-width digit, and every
  Chinese numeral character (一 … 十, 百, 千, 万, 亿, 两, 〇, 零 and the financial forms) except where
  the character is part of an ordinary word in which it counts nothing (统一, 一致, 一体化, 唯一,
  进一步, 一把手, 零售 …; listed in ``data/lexicon/non_numeral_words.csv``);
* how to read a Chinese numeral (with ``cn2an``, Ailln's cn2an package), including approximate ranges
  such as 五六百 that cn2an does not read;
* the patterns of numerals that are *not* quantities, each with a category: dates and periods
  (2023年, 前三季度, 1-11月, 十四五, 24小时), ordinals, ranks and batches (第二批, 二十届二中全会, 一期,
  前十), list markers (一是, （一）, 一、), numbers inside names (5G, 营商环境5.0, 12345热线, 五邑,
  500强, 万元GDP, 三年治水攻坚行动) and vague quantifiers (一批, 一系列), which fall in ``other``;
* the coverage invariant: every counting numeral is inside exactly one row of the quantity table or of
  the numeral table (:func:`coverage_gaps`).

The quantity grammar itself is :mod:`.grammar`; the resolver that decides between a quantity and a
non-quantity reading is :mod:`.resolver`.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd

from ..chars import DIGIT_CLASS, DIGITS, HAN_CLASS, WIDE_SPACE_CLASS
from ..regexes import compile_scan, multi_span_scanner, span_scanner
from .lexicon import NumberLexicon

__all__ = [
    "NUMERAL_CATEGORIES",
    "DIGITS",
    "CN_NUMERAL_CHARS",
    "NumeralSpan",
    "counting_numeral_positions",
    "coverage_gaps",
    "parse_arabic",
    "parse_chinese",
    "non_quantity_spans",
]

#: The categories of numerals that are not quantities (the ``category`` column of the numerals table).
NUMERAL_CATEGORIES = ("date_or_period", "ordinal_or_batch", "list_marker", "name_embedded", "formulation", "other")

_CN_SMALL = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_UNITS = "十百千万亿拾佰仟"
#: Chinese numeral characters (a character counts only outside the lexicon's non-numeral words).
CN_NUMERAL_CHARS = _CN_SMALL + _CN_UNITS

_D = DIGIT_CLASS
_CN = CN_NUMERAL_CHARS
_HAN = HAN_CLASS
_SP = rf"[{WIDE_SPACE_CLASS}]?"


def _is_numeral_char(c: str) -> bool:
    return c in DIGITS or c in CN_NUMERAL_CHARS


#: The characters a number can begin with (:func:`non_quantity_spans` tries the rules that begin with one together).
_NUMERAL_START = DIGITS + CN_NUMERAL_CHARS
_NUMERAL_CHAR_RE = re.compile(f"[{re.escape(_NUMERAL_START)}]")


def _lexical_mask(text: str, lexicon: NumberLexicon) -> list[bool]:
    """True at each character that belongs to a word of the lexicon's ``non_numeral_words``."""
    mask = [False] * len(text)
    pattern = lexicon.non_numeral_re
    if pattern is None:
        return mask
    for s, e in span_scanner(pattern).spans(text):
        # A word glued to a further numeral is not the ordinary word (三千万元, 十一体 …).
        if (s > 0 and _is_numeral_char(text[s - 1])) or (e < len(text) and _is_numeral_char(text[e])):
            continue
        mask[s:e] = [True] * (e - s)
    return mask


def counting_numeral_positions(text: str, lexicon: NumberLexicon | None = None) -> list[int]:
    """Offsets of the characters the coverage invariant is about.

    Every ASCII or full-width digit, and every Chinese numeral character that is not part of a word of
    the lexicon's ``non_numeral_words`` (``data/lexicon/non_numeral_words.csv``).

    Args:
        text: Any text.
        lexicon: The number lexicon (default: read from ``data/lexicon``).

    Returns:
        The offsets, ascending.
    """
    mask = _lexical_mask(text, lexicon if lexicon is not None else NumberLexicon.load())
    # one regex pass finds the numeral characters (a per-character Python loop costs as much as the reading)
    return [m.start() for m in _NUMERAL_CHAR_RE.finditer(text) if m.group() in DIGITS or not mask[m.start()]]


def coverage_gaps(text: str, quantities: pd.DataFrame, numerals: pd.DataFrame, *,
                  lexicon: NumberLexicon | None = None) -> pd.DataFrame:
    """Counting numerals that are not inside exactly one row of the two tables.

    The invariant of the quantity stage is that every digit and every counting Chinese numeral (see
    :func:`counting_numeral_positions`) lies inside exactly one row of ``quantities`` or of
    ``numerals``: nothing is silently dropped and nothing is read twice.

    Args:
        text: The text the tables were extracted from.
        quantities: A table with integer columns ``start`` and ``end`` (e.g. from
            :func:`govreport.quantities.extract_quantities`).
        numerals: The same for the non-quantity numerals.
        lexicon: The number lexicon the tables were read with (default: read from ``data/lexicon``).

    Returns:
        One row per offending character: ``offset, char, n_rows`` (0 = not covered, 2+ = covered
        twice), empty when the invariant holds.
    """
    spans = [(int(s), int(e)) for df in (quantities, numerals) if len(df)
             for s, e in zip(df["start"], df["end"])]
    depth = [0] * (len(text) + 1)
    for s, e in spans:
        if not 0 <= s <= e <= len(text):
            raise ValueError(f"row offsets {s}:{e} outside the text (length {len(text)})")
        depth[s] += 1
        depth[e] -= 1
    running, cover = 0, []
    for i in range(len(text)):
        running += depth[i]
        cover.append(running)
    rows = [(i, text[i], cover[i]) for i in counting_numeral_positions(text, lexicon) if cover[i] != 1]
    return pd.DataFrame(rows, columns=["offset", "char", "n_rows"]).astype({"offset": "int64", "n_rows": "int64"})


# --- reading numbers ---------------------------------------------------------------------------------

_AR_NUMBER = re.compile(rf"[{_D}]{{1,3}}(?:,[0-9]{{3}})+(?![{_D}])(?:[.．][{_D}]+)?|[{_D}]+(?:[.．][{_D}]+)?")


def parse_arabic(text: str, pos: int) -> tuple[Decimal, int, str] | None:
    """Read an Arabic number (ASCII or full-width digits, decimals, 1,234 groups) starting at ``pos``.

    Returns:
        ``(value, end, written)`` or None. A decimal point not followed by a digit is not read.
    """
    m = _AR_NUMBER.match(text, pos)
    if not m:
        return None
    written = m.group()
    norm = unicodedata.normalize("NFKC", written).replace(",", "")
    try:
        return Decimal(norm), m.end(), written
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT_VALUE.update({"〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8,
                        "玖": 9})
_MAGNITUDE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_SCALE_WORDS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


@dataclass(frozen=True, slots=True)
class ChineseNumber:
    """A Chinese numeral read: ``value`` (the number before any scale word), ``high`` (the upper bound
    of an approximate range such as 五六百, else None) and ``multiplier`` (万, 亿, 万亿 or "")."""

    value: Decimal
    high: Decimal | None
    multiplier: str


def _cn2an(s: str) -> Decimal | None:
    import cn2an

    try:
        return Decimal(str(cn2an.cn2an(s, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


@functools.lru_cache(maxsize=4096)
def parse_chinese(run: str) -> ChineseNumber | None:
    """Read a run of Chinese numeral characters as one number, or None if it is not one.

    The trailing scale word (万, 亿, 万亿) is split off as the multiplier, as written: 三千五百万 →
    3500 × 万, 千亿 → 1000 × 亿. Adjacent digits one apart are an approximate range: 五六百 → 500–600,
    三四 → 3–4, 十五六 → 15–16. A bare magnitude reads as one of it (千 → 1000, 万 → 1 × 万). Strings of
    plain digits (一二三, 二〇二三) are not read: they are years or lists, not counts. Conversion uses
    ``cn2an`` (normal mode).

    Args:
        run: The numeral characters, e.g. ``"三"``, ``"一百二十"``, ``"千亿"``.

    Returns:
        A :class:`ChineseNumber`, or None.
    """
    if not run or any(c not in CN_NUMERAL_CHARS for c in run):
        return None
    mult = ""
    for word in ("万亿", "亿", "万"):
        if run.endswith(word) and run != word + word:
            mult, run = word, run[: -len(word)]
            break
    if not run:
        return ChineseNumber(Decimal(1), None, mult)
    if any(w in run for w in ("万", "亿")):
        return None  # 一万五千 etc. with a scale word inside: read whole, no multiplier
    digits = [c for c in run if c in _CN_DIGIT_VALUE]
    mags = [c for c in run if c in _MAGNITUDE]
    # approximate ranges: 三四, 五六百, 十五六, 二十三四
    m = re.fullmatch(r"(?P<tens>[一二三四五六七八九]?十)?(?P<a>[一二三四五六七八九])(?P<b>[一二三四五六七八九])(?P<mag>[十百千])?", run)
    if m:
        a, b = _CN_DIGIT_VALUE[m["a"]], _CN_DIGIT_VALUE[m["b"]]
        if b == a + 1 and not (m["tens"] and m["mag"]):
            scale = _MAGNITUDE[m["mag"]] if m["mag"] else 1
            base = 0
            if m["tens"]:
                base = 10 * (_CN_DIGIT_VALUE[m["tens"][0]] if len(m["tens"]) == 2 else 1)
            return ChineseNumber(Decimal(base + a * scale), Decimal(base + b * scale), mult)
        return None
    if len(digits) > 1 and not mags:
        return None  # 一二三, 二〇二三: digit strings
    s = run if run[0] not in _MAGNITUDE else "一" + run
    value = _cn2an(s)
    if value is None:
        return None
    return ChineseNumber(value, None, mult)


def chinese_value(run: str) -> Decimal | None:
    """The full value of a Chinese numeral run (multiplier applied), or None."""
    n = parse_chinese(run)
    if n is None:
        return None
    return n.value * (_SCALE_WORDS[n.multiplier] if n.multiplier else 1)


# --- numerals that are not quantities ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NumeralSpan:
    """A stretch of text read as a non-quantity numeral: ``category`` and the ``rule`` that found it."""

    start: int
    end: int
    category: str
    rule: str


_N_AR = rf"[{_D}]+"
_N_CN = rf"[{_CN}]+"
_N_ANY = rf"(?:[{_D}]+|[{_CN}]+)"
_YEAR = rf"(?<![{_D}.．])(?:1[89]|20|１[８９]|２０)[{_D}]{{2}}"
_CLOSE = "”’」』）)】》\"'"

_DATE_PATTERNS: list[tuple[str, str]] = [
    ("year_range", rf"{_YEAR}{_SP}[-—–~～至到]{_SP}{_YEAR}{_SP}年(?:度)?"),
    ("date", rf"{_YEAR}{_SP}年(?:{_SP}[{_D}]{{1,2}}{_SP}月(?:{_SP}[{_D}]{{1,2}}{_SP}[日号])?)?"),
    ("year_bare", rf"{_YEAR}(?={_SP}(?:年度|届|版|以来|至今|—|-)(?![{_D}]))"),
    ("year_cn", r"[〇零一二三四五六七八九]{4}年"),
    ("month_range", rf"(?<![{_D}.．])[{_D}]{{1,2}}{_SP}[-—–~～至到]{_SP}[{_D}]{{1,2}}{_SP}月(?:份)?"),
    ("month_day", rf"(?<![{_D}.．个])[{_D}]{{1,2}}{_SP}月(?:{_SP}[{_D}]{{1,2}}{_SP}[日号])?(?:份|底|初|中旬|上旬|下旬)?"),
    ("day", rf"(?<![{_D}.．个])[{_D}]{{1,2}}{_SP}日(?!内|以内)"),
    ("month_cn", r"(?<![第个])(?:十[一二]?|[一二三四五六七八九])月(?:份|底|初)?(?![球亮])"),
    ("quarter", rf"(?:前|第|上|下)?(?:[一二三四1-4１-４]){_SP}季度"),
    ("five_year_plan", r"十[一二三四五六七八九]五(?=[”\"」』]?(?:规划|时期|期间|末|初|以来|开局|收官|$|[^\u4e00-\u9fff]))"),
    ("hours_24", rf"(?:7{_SP}[×xX*]{_SP})?24{_SP}(?:小时|h\b)"),
    ("recent_years", rf"(?:近|过去(?:的)?|未来|(?<!提)前|这|今后|今明){_N_ANY}(?:个)?(?:年|个月|周|天|季度)(?:来|以来)?"),
    ("key_year", r"(?:(?<=关键)|(?<=最后)|(?<=头))一年"),
    ("adjacent_period", r"[上下]一个(?:[一二三四五六七八九十两]+年|季度|月)"),
    ("framing_years", rf"(?<![连续提前用第近每历])(?:[{_D}]{{1,2}}|[一二三四五六七八九十两]{{1,2}})年"
                      r"(?=累计|共(?!同|建|享|治|产|青)|中(?!国|心|央|小|医|学)|间(?!隔)|前的|翻|新增|净增|增加|增长|提高|提升|下降|减少|降低|淘汰)"),
    ("constant_prices", rf"(?<![{_D}])[{_D}]{{2}}年(?=不变价)"),
    ("years_since", rf"{_N_ANY}(?:多)?年(?:来|以来)"),
    ("decade", rf"[{_D}]{{2}}年代|{_N_CN}世纪"),
    ("clock", rf"(?<![{_D}.．])[{_D}]{{1,2}}[:：][0-5][0-9](?![{_D}.．])"),
]

_ORDINAL_PATTERNS: list[tuple[str, str]] = [
    ("session", rf"{_N_ANY}届(?:[{_HAN}]{{0,4}}?{_N_ANY}(?:次|中)(?:会议|全会|全体会议|代表大会))?"),
    ("plenum", rf"{_N_ANY}中全会"),
    ("meeting", rf"{_N_ANY}次(?:会议|全会|全体会议|党代会|代表大会|常委会)"),
    ("congress", r"(?<=党的)(?:十[一二三四五六七八九]?|二十[一二三]?)大|(?:十[五六七八九]|二十[一二三]?)大(?=精神|报告|以来|代表|胜利|召开|会议|[、和及,，。；;”\"」])"),
    ("anniversary", rf"{_N_ANY}(?:多)?周年"),
    ("ordinal", rf"第{_SP}{_N_ANY}(?:{_SP}(?:批次|批|期|届|次|轮|个|名|位|家|条|款|章|节|部分|阶段|季|号|年|天|站|场|版|人|代|类))?"),
    ("phase", r"(?<![第一二三四五六七八九十])[一二三四五六七八九]期(?!间|限|内|货)"),
    ("rank", rf"(?<![提之以目当空此从眼面跟史事超向往跨])前{_N_ANY}(?:名|位|强)?(?![{_D}.．步])"),
    ("one_of", rf"{_N_ANY}(?:个|大|家|所|座|项|条)[{_HAN}]{{0,8}}?之一"),
    ("grade", rf"(?<![{_D}{_CN}A-Za-z“\"「])[一二三四五]级(?=[{_HAN}])(?!以上|以下|及以上)"),
]

_LIST_PATTERNS: list[tuple[str, str]] = [
    ("shi_marker", rf"(?<![{_HAN}{_D}])[一二三四五六七八九十]{{1,3}}是(?=[{_HAN}“\"「《（(])"),
    ("dun_marker", r"(?:^|(?<=[\n\r。；;：:]))[ \t\u3000]*[一二三四五六七八九十]{1,3}[ \u3000]*[、.．]"),
    ("bracket_marker", rf"[（(][ \u3000]*(?:[一二三四五六七八九十]{{1,3}}|[{_D}]{{1,2}})[ \u3000]*[）)]"),
    ("arabic_marker", rf"(?:^|(?<=[\n\r。；;：:]))[ \t\u3000]*[{_D}]{{1,2}}[ \u3000]*(?:[、．]|\.(?![{_D}]))"),
    ("qi_marker", r"其[一二三四五六七八九十]"),
    ("first_comma", r"(?:^|(?<=[\n。；;：:，,]))第[一二三四五六七八九十](?=[,，、：:])"),
]

_NAME_PATTERNS: list[tuple[str, str]] = [
    ("latin_code", rf"[A-Za-z]+(?![{_D}.．]*(?:万|亿|千|%|％|元|个|家|人|项))[{_D}]+(?:[.．][{_D}]+)?[A-Za-z]*"
                   rf"|[{_D}]+(?:[.．][{_D}]+)?(?!A级|A(?=[景旅]))[A-Za-z]+"),
    ("version", rf"(?<=[{_HAN}“\"「])(?<![长降高升少达为至到约近超增减比])[{_D}]\.0"
                rf"(?![{_D}%％‰万亿千百元个项家人次倍分])(?=[{_HAN}”\"」\s,，。；;、]|$)"),
    ("hotline", rf"(?<![{_D}])(?:12345|12315|12348|12369|12388|12319|12356|12306|12333|12366|12358|12309|110|119|120|122)"
                rf"(?![{_D}])(?=[”\"」』]?{_SP}(?:热线|平台|服务|案件|警情|报警|接警|指挥|电话|工单|政务|便民|系统|接处警|求助|急救|调度|联动))"),
    ("phone", rf"(?<![{_D}])[{_D}]{{3,4}}-[{_D}]{{7,8}}(?![{_D}])"),
    ("document_no", rf"[〔\[［(（][{_D}]{{4}}[〕\]］)）]{_SP}[{_D}]+{_SP}号"),
    ("number_name", rf"(?<![{_D}.．])[{_D}]+{_SP}号(?:线|楼|地块|院|馆|桥|码头|路|街|门|口|站|文)?"),
    ("programme_years", rf"(?<![{_D}])(?:[{_D}]{{1,3}}|[{_CN}]{{1,3}}){_SP}(?:年|日|天)"
                        rf"(?=[{_HAN}]{{0,4}}?(?:攻坚|行动|计划|规划|提升|专项|工程|治水|大会战|方案))"),
    ("ranking_list", rf"(?<![{_D}/．.])(?:[{_D}]+|[百千])强(?=企业|县|镇|区|市|榜|名单|品牌|民营|中国|世界)?"),
    ("quoted_name", rf"(?<=[“「])[{_D}]+(?:[.．][{_D}]+)?(?:小时|分钟|天|日|个|公里|米)(?=[{_HAN}]{{3,}}[^”」\n]{{0,8}}[”」])"),
    ("named_set", rf"(?<![等{_CN}])十大(?=[“{_HAN}])"),
    ("policy_articles", rf"(?<=改革)(?:[{_D}]+|[{_CN}]+)条(?![{_HAN}])"),
    ("per_unit", r"万元(?=GDP|生产总值|地区生产总值|工业增加值|增加值)"),
]

_VAGUE_PATTERNS: list[tuple[str, str]] = [
    ("vague", r"一大批|一批批|一批|一系列|一步(?!一)|(?:(?<=新)|(?<=下))一轮"),
]


def _compile(patterns: list[tuple[str, str]], category: str) -> list[tuple[str, str, re.Pattern[str]]]:
    return [(category, rule, compile_scan(p, re.MULTILINE)) for rule, p in patterns]


#: The non-quantity rules in priority order (a span found by an earlier rule wins an overlap).
NON_QUANTITY_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    *_compile(_LIST_PATTERNS, "list_marker"),
    *_compile(_NAME_PATTERNS, "name_embedded"),
    *_compile(_DATE_PATTERNS, "date_or_period"),
    *_compile(_ORDINAL_PATTERNS, "ordinal_or_batch"),
    *_compile(_VAGUE_PATTERNS, "other"),
]


def _rules(lexicon: NumberLexicon) -> list[tuple[str, str, re.Pattern[str]]]:
    """:data:`NON_QUANTITY_RULES` with the lexicon's numeral names as a ``place_name`` rule after the other names."""
    if not lexicon.numeral_names:
        return NON_QUANTITY_RULES
    names = re.compile("|".join(re.escape(n) for n in sorted(lexicon.numeral_names, key=len, reverse=True)))
    at = max(i for i, r in enumerate(NON_QUANTITY_RULES) if r[0] == "name_embedded") + 1
    return [*NON_QUANTITY_RULES[:at], ("name_embedded", "place_name", names), *NON_QUANTITY_RULES[at:]]


def non_quantity_spans(text: str, lexicon: NumberLexicon | None = None, *,
                       counting: Iterable[int] | None = None) -> list[NumeralSpan]:
    """Every match of the non-quantity rules that contains a counting numeral, in rule-priority order.

    Spans may overlap; the resolver in :mod:`govreport.quantities` keeps the first of overlapping
    spans in this order. Leading whitespace of a match (list markers at a line start) is trimmed.

    Args:
        text: Any text.
        lexicon: The number lexicon (default: read from ``data/lexicon``).
        counting: The text's counting numerals (:func:`counting_numeral_positions`), when the caller has them.

    Returns:
        Candidate spans with their category and rule name.
    """
    lexicon = lexicon if lexicon is not None else NumberLexicon.load()
    at = set(counting if counting is not None else counting_numeral_positions(text, lexicon))
    out: list[NumeralSpan] = []
    rules = _rules(lexicon)
    # the rules that can begin only at a numeral are tried together, in one pass that stops at each numeral
    found = multi_span_scanner(tuple(pat for _c, _r, pat in rules), _NUMERAL_START).spans(text)
    for (category, rule, _pat), spans in zip(rules, found):
        for s, e in spans:
            while s < e and text[s] in " \t\u3000\u00a0":
                s += 1
            if s < e and any(k in at for k in range(s, e)):
                out.append(NumeralSpan(s, e, category, rule))
    return out


def numeral_runs(text: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive counting numerals of one script (digits, or Chinese numerals).

    Args:
        text: The text.
        positions: Offsets of its counting numerals (:func:`counting_numeral_positions`).

    A decimal point between digits (3.5) is part of the run.
    """
    pos = sorted(positions)
    runs: list[tuple[int, int]] = []
    for i in pos:
        if runs:
            s, e = runs[-1]
            same_script = (text[i] in DIGITS) == (text[e - 1] in DIGITS)
            if e == i and same_script:
                runs[-1] = (s, i + 1)
                continue
            if (e == i - 1 and text[e] in ".．" and text[i] in DIGITS and text[e - 1] in DIGITS):
                runs[-1] = (s, i + 1)
                continue
        runs.append((i, i + 1))
    return runs
