"""English glosses for the Chinese text a reader meets in the book's tables and figures.

The glosses are curated data (``data/glosses/*.csv``, described in ``data/glosses/README.md``), one
file per kind of text:

=============  =========================================================================
kind           what is glossed, and how a text is looked up
=============  =========================================================================
``term``       a word as the segmenter cut it (word clouds, keyness, network, term tables):
               ``terms.csv``, then the ``en`` column of the lexicon (``user_dict.csv``),
               shortened to its first clause, then the formulations' short gloss
``indicator``  what a quantity measures (the ``indicator`` column of the quantities table):
               the whole phrase in ``indicators.csv``; otherwise the English of the longest
               curated phrase, or shared indicator name of the lexicon's ``indicators.csv``,
               the indicator ends with (its head noun)
``heading``    the heading of a part, section or point: the whole heading in ``headings.csv``
``verb``       a commitment verb (确保, 建成 …): ``verbs.csv``
``object``     what a commitment delivers: the whole phrase in ``objects.csv``
=============  =========================================================================

Before a look-up, spaces are dropped and full-width commas, colons and brackets are made half-width,
so that the report's own spelling of a heading matches however it was typed.

The rule for text with no gloss: the English is :data:`NO_GLOSS` (``"[no gloss]"``), never the
Chinese repeated and never an empty cell, so that a book rebuilt for another report shows visibly
what its curated data do not cover. Empty text has empty English. Text without any Chinese
character (``GDP``, ``12345``) is its own English.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .paths import DATA_DIR, LEXICON_DIR, file_stamps, read_csv_rows

__all__ = ["GLOSSES_DIR", "KINDS", "NO_GLOSS", "Glosses", "load_glosses", "english", "english_column",
           "indicator_en", "quantity_indicator_en", "unit_en", "bilingual", "in_prose", "has_cjk", "normalise"]

GLOSSES_DIR = DATA_DIR / "glosses"
#: The kinds of text glossed, each with its file in :data:`GLOSSES_DIR` and the column holding the Chinese.
KINDS: dict[str, tuple[str, str]] = {
    "term": ("terms.csv", "term"),
    "indicator": ("indicators.csv", "indicator"),
    "heading": ("headings.csv", "heading"),
    "verb": ("verbs.csv", "verb"),
    "object": ("objects.csv", "object"),
}
#: What an English cell says when the curated data have no gloss for the Chinese beside it.
NO_GLOSS = "[no gloss]"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HALF = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "、": "、"})
_SHORT_CUTS = (": ", "; ", " — ")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (CJK unified ideographs, extension A, compatibility)."""
    return bool(_CJK.search(text))


def normalise(text: str) -> str:
    """The look-up form of a text: spaces dropped, full-width commas, colons and brackets half-width."""
    return "".join(str(text).split()).translate(_HALF)


def _short(en: str, *, limit: int = 40) -> str:
    """A lexicon gloss cut to its first clause (``"piaose ('floating colours'): a parade …"`` → the name)."""
    out = en.strip()
    for cut in _SHORT_CUTS:
        out = out.split(cut)[0]
    if len(out) > limit and " (" in out:
        out = out.split(" (")[0]
    return out.strip()


@dataclass(frozen=True, slots=True)
class Glosses:
    """The curated glosses, loaded once by the caller (:func:`load_glosses`) and passed on.

    Attributes:
        tables: kind -> {normalised Chinese: English}, for each of :data:`KINDS`.
        fallback_terms: {term: short English} from the lexicon, used for terms ``terms.csv`` lacks.
        indicator_heads: {Chinese name: English} of the indicators reports share (the aliases of
            ``data/lexicon/indicators.csv``), for indicator phrases ``indicators.csv`` here lacks.
        units: {measure word: (English, measure)} from ``units.csv`` (the rows for any indicator):
            ``平方米`` → ``("square metres", "area")``; ``measure`` is what a quantity in that unit
            measures when it is not a count of the indicator's thing ("" for counts and money).
    """

    tables: Mapping[str, Mapping[str, str]]
    fallback_terms: Mapping[str, str] = field(default_factory=dict)
    indicator_heads: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def unit(self, unit: str) -> str:
        """The English of a measure word (``公顷`` → ``hectares``; ``%`` as it is; ``""`` for none or a
        bare counter such as 个, whose thing the indicator names); :data:`NO_GLOSS` for an unlisted
        Chinese unit."""
        unit = str(unit or "").strip()
        if not unit or not has_cjk(unit):
            return unit
        found = self.units.get(unit) or self.units.get(unit.removesuffix("级"))
        return NO_GLOSS if found is None else found[0]

    def quantity_indicator(self, indicator: str, unit: str) -> str:
        """The English of what one quantity measures: the indicator's English, preceded by the measure
        of its unit where the unit measures something other than the indicator's count
        (``13.55万平方米`` of 违法建设治理 → ``area of illegal building dealt with``; ``十类`` of
        污染源整治 → ``kinds of pollution sources cleaned up``)."""
        en = self.english("indicator", indicator)
        found = self.units.get(str(unit or "").strip())
        measure = found[1] if found else ""
        if not measure or not en or en == NO_GLOSS or en.lower().startswith(measure):
            return en
        return f"{measure} of {en}"

    def lookup(self, kind: str, text: str) -> str | None:
        """The English of ``text`` as a ``kind``, or ``None`` when the curated data have none.

        Raises:
            ValueError: ``kind`` is not one of :data:`KINDS`.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown gloss kind {kind!r}; known: {', '.join(KINDS)}")
        key = normalise(text)
        if not key:
            return ""
        if not has_cjk(key):
            return str(text).strip()
        table = self.tables.get(kind, {})
        if key in table:
            return table[key]
        if kind == "term":
            return self.fallback_terms.get(key)
        if kind == "indicator":  # a Chinese noun phrase ends in its head: 全市地区生产总值 is a 地区生产总值
            for n in range(len(key), 1, -1):  # the longest known head (of two characters or more) it ends in
                head = key[-n:]
                if head in table:
                    return table[head]
                if head in self.indicator_heads:
                    return self.indicator_heads[head]
        return None

    def english(self, kind: str, text: str) -> str:
        """The English of ``text``: its gloss, ``""`` for empty text, else :data:`NO_GLOSS`."""
        found = self.lookup(kind, text)
        return NO_GLOSS if found is None else found

    def missing(self, kind: str, texts: Iterable[str]) -> list[str]:
        """The distinct texts of ``texts`` that have no gloss, in order (for tests and for curators)."""
        return [t for t in dict.fromkeys(str(t) for t in texts) if self.lookup(kind, t) is None]


def load_glosses(*, folder: Path | str = GLOSSES_DIR, lexicon_dir: Path | str = LEXICON_DIR) -> Glosses:
    """Read the curated glosses (``data/glosses``) and the lexicon's glosses of names.

    What was read is kept and handed out again until one of the files it came from changes, is added or
    is removed (:func:`govreport.paths.file_stamps`): a figure that glosses forty headings one by one
    reads the files once. The :class:`Glosses` handed out is shared: read it, do not change it.

    Args:
        folder: The folder of the gloss files (:data:`KINDS`); a missing file is an empty table.
        lexicon_dir: The lexicon folder: ``user_dict.csv`` (column ``en``) and ``formulations.csv``
            (column ``gloss``) gloss the terms ``terms.csv`` does not list.

    Returns:
        A :class:`Glosses`.

    Raises:
        ValueError: a gloss file lists the same Chinese twice with different English, or a row
            has Chinese but no English.
    """
    folder, lexicon = Path(folder), Path(lexicon_dir)
    files = [folder / name for name, _ in KINDS.values()] + [folder / "units.csv"]
    files += [lexicon / name for name in ("formulations.csv", "user_dict.csv", "indicators.csv")]
    return _read_glosses(folder, lexicon, file_stamps(*files))


@functools.lru_cache(maxsize=4)
def _read_glosses(folder: Path, lexicon: Path, stamps: tuple[object, ...]) -> Glosses:
    """:func:`load_glosses` for the files whose stamps are ``stamps`` (the cache key, not read here)."""
    tables: dict[str, dict[str, str]] = {}
    for kind, (name, column) in KINDS.items():
        table: dict[str, str] = {}
        for row in read_csv_rows(folder / name):
            zh, en = normalise(row.get(column, "")), (row.get("en") or "").strip()
            if not zh:
                continue
            if not en:
                raise ValueError(f"{name}: {zh!r} has no English")
            if table.get(zh, en) != en:
                raise ValueError(f"{name}: {zh!r} is glossed twice ({table[zh]!r}, {en!r})")
            table[zh] = en
        tables[kind] = table
    fallback: dict[str, str] = {}
    for row in read_csv_rows(lexicon / "formulations.csv"):
        if row.get("key") and row.get("gloss"):
            fallback.setdefault(normalise(row["key"]), _short(row["gloss"]))
    for row in read_csv_rows(lexicon / "user_dict.csv"):
        if row.get("term") and row.get("en"):
            fallback[normalise(row["term"])] = _short(row["en"])
    units = {row["unit"]: ((row.get("en") or "").strip(), (row.get("measure") or "").strip())
             for row in read_csv_rows(folder / "units.csv") if row.get("unit") and not row.get("indicator_key")}
    return Glosses(tables, fallback, _indicator_heads(lexicon / "indicators.csv"), units)


_MEASURE_SUFFIX = re.compile(r"(?::? reduction| growth)$")


def _indicator_heads(path: Path) -> dict[str, str]:
    """The English names of the indicators of ``data/lexicon/indicators.csv``, by alias: the name of
    the level (GDP, not GDP growth), since an indicator phrase names what is measured, not the change."""
    rows = read_csv_rows(path)
    keys = {row["key"] for row in rows}
    heads: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["key"]):
        key, en = row["key"], row.get("en", "")
        base = re.sub(r"_(?:growth|reduction)$", "", key)
        if base != key and base in keys:
            continue  # the level's own row names it
        name = _MEASURE_SUFFIX.sub("", en) if base != key else en
        for alias in filter(None, (a.strip() for a in row.get("aliases", "").split("|"))):
            if has_cjk(alias):
                heads.setdefault(normalise(alias), name)
    return heads


def english(kind: str, text: str, *, glosses: Glosses | None = None) -> str:
    """The English of one text (:meth:`Glosses.english`); loads the glosses when none are given."""
    return (glosses or load_glosses()).english(kind, text)


def english_column(texts: Iterable[str], kind: str, *, glosses: Glosses | None = None) -> list[str]:
    """The English of each text, in order: a column to put beside a Chinese column of a table.

    Args:
        texts: The Chinese cells (``None`` and NaN count as empty).
        kind: One of :data:`KINDS`.
        glosses: The glosses (default: :func:`load_glosses`, read once for the whole column).

    Returns:
        One English string per text: its gloss, ``""`` for an empty cell, :data:`NO_GLOSS` otherwise.
    """
    g = glosses or load_glosses()
    return [g.english(kind, "" if t is None or t != t else str(t)) for t in texts]


def indicator_en(indicators: Iterable[str], *, glosses: Glosses | None = None) -> list[str]:
    """The ``indicator_en`` column of the quantities table: the English of each indicator phrase.

    The indicator's whole phrase in ``data/glosses/indicators.csv`` if listed, else the English of the
    longest listed phrase, or name of a shared indicator (``data/lexicon/indicators.csv``), that the
    phrase ends with (its head: 全市地区生产总值 → GDP, but 新经济增加值占地区生产总值比重 ends in 比重 and has
    none), else :data:`NO_GLOSS` (``""`` for an empty indicator).
    """
    return english_column(indicators, "indicator", glosses=glosses)


def quantity_indicator_en(indicators: Iterable[str], units: Iterable[str], *,
                          glosses: Glosses | None = None) -> list[str]:
    """The English of what each quantity measures (:meth:`Glosses.quantity_indicator`): the indicator's
    English, with the measure of the unit before it where the unit is an area, a number of kinds …"""
    g = glosses or load_glosses()
    return [g.quantity_indicator("" if i is None or i != i else str(i), "" if u is None or u != u else str(u))
            for i, u in zip(indicators, units, strict=True)]


def unit_en(units: Iterable[str], *, glosses: Glosses | None = None) -> list[str]:
    """The English of each measure word (:meth:`Glosses.unit`), for a ``unit_en`` column beside ``unit``."""
    g = glosses or load_glosses()
    return [g.unit("" if u is None or u != u else str(u)) for u in units]


def bilingual(text: str, kind: str = "term", *, glosses: Glosses | None = None, sep: str = " ") -> str:
    """``text`` with its English beside it, for figure labels: ``"营商环境 business environment"``.

    Text without Chinese is returned as it is; text without a gloss gets :data:`NO_GLOSS` beside it.
    """
    if not has_cjk(str(text)):
        return str(text)
    return f"{text}{sep}{english(kind, str(text), glosses=glosses)}"


def in_prose(text: str, kind: str = "term", *, glosses: Glosses | None = None) -> str:
    """``text`` as the prose quotes it: ``"营商环境 (business environment)"``; the gloss in brackets.

    Text without Chinese is returned as it is, text without a gloss as ``"… ([no gloss])"``.
    """
    if not has_cjk(str(text)):
        return str(text)
    return f"{text} ({english(kind, str(text), glosses=glosses)})"
