"""The book's glossary: the terms, slogans and places of the lexicon a reader meets, with English and pinyin.

:func:`glossary` reads them from ``data/lexicon/`` (optionally only those a report uses),
:func:`glossary_table` numbers them in pinyin order for the Glossary page and its CSV, and
:func:`glossary_myst` shows one category as a table.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalog import _records
from .outputs import markdown_table
from .paths import LEXICON_DIR, read_csv_rows

__all__ = ["GLOSSARY_CATEGORIES", "GLOSSARY_COLUMNS", "GLOSSARY_TABLE_COLUMNS", "glossary", "glossary_myst",
           "glossary_table", "pinyin"]

GLOSSARY_COLUMNS = ("term", "en", "category", "note")
GLOSSARY_TABLE_COLUMNS = ("no", "term", "pinyin", "en", "category", "note")

#: Lexicon categories that name things a reader meets in the text, in the order the glossary lists
#: them, with their headings. ``generic`` and ``guard`` rows only steer the word segmenter.
GLOSSARY_CATEGORIES: dict[str, str] = {
    "place": "Places",
    "village": "Villages",
    "park": "Parks and gardens",
    "company": "Companies",
    "institution": "Institutions",
    "platform": "Platforms",
    "programme": "Programmes",
    "slogan": "Slogans",
    "formulation": "Numbered formulations",
    "culture": "Culture",
    "policy": "Policy vocabulary",
}


def glossary(*, lexicon_dir: Path | str = LEXICON_DIR, in_text: str | None = None) -> pd.DataFrame:
    """The terms, slogans and places of the lexicon that a reader meets, with English glosses.

    Three files feed it:

    * ``formulations.csv`` (numbered formulations such as 百千万工程; columns ``key, gloss, scope,
      source`` among others): category ``formulation``, the gloss as ``en``, scope and source as
      ``note``;
    * ``user_dict.csv`` (columns ``term, pos, category, en, note``; ``en`` is the English gloss, filled
      for every term of these categories): every term whose category is in :data:`GLOSSARY_CATEGORIES`. ``generic`` and
      ``guard`` rows only steer the word segmenter and are left out. A term without its own
      ``en`` that is also a formulation (百千万工程) takes the formulation's gloss;
    * ``glossary_notes.csv`` (columns ``term, category, en, note``): words a reader needs explained that
      are no entry of the segmenter (岭南, 街道, 110 …), for terms the other two files do not list.

    Args:
        lexicon_dir: The lexicon folder.
        in_text: When given (a report's text), only the terms that occur in it (spaces in a term ignored),
            so that a book built from another report lists no name of the report the lexicon was read from.

    Returns:
        Columns ``term, en, category, note``, ordered by category (as in
        :data:`GLOSSARY_CATEGORIES`), then by term (code points); empty if the files are missing.
    """
    folder = Path(lexicon_dir)
    rows: list[dict[str, str]] = []
    for row in read_csv_rows(folder / "formulations.csv"):
        if not row.get("key"):
            continue
        scope = row.get("scope", "")
        note = "; ".join(p for p in (f"{scope} formulation" if scope and scope != "generic" else "",
                                     f"source: {row['source']}" if row.get("source") else "") if p)
        rows.append({"term": row["key"], "en": row.get("gloss", ""), "category": "formulation", "note": note})
    glosses = {r["term"]: r["en"] for r in rows}
    for row in read_csv_rows(folder / "user_dict.csv"):
        if row.get("category") in GLOSSARY_CATEGORIES and row.get("term"):
            entry = {c: row.get(c, "") for c in GLOSSARY_COLUMNS}
            entry["en"] = entry["en"] or glosses.get(entry["term"], "")
            rows.append(entry)
    known = {r["term"] for r in rows}
    for row in read_csv_rows(folder / "glossary_notes.csv"):  # words a reader needs explained, not segmenter entries
        if row.get("term") and row.get("category") in GLOSSARY_CATEGORIES and row["term"] not in known:
            rows.append({c: row.get(c, "") for c in GLOSSARY_COLUMNS})
    if in_text is not None:
        rows = [r for r in rows if r["term"].replace(" ", "") in in_text]
    order = list(GLOSSARY_CATEGORIES)
    rows.sort(key=lambda r: (order.index(r["category"]), r["term"]))
    return pd.DataFrame(rows, columns=list(GLOSSARY_COLUMNS))


def glossary_myst(terms: pd.DataFrame, *, category: str) -> str:
    """MyST Markdown for one category of the glossary: a table of term, English gloss and note.

    Args:
        terms: :func:`glossary`.
        category: One of :data:`GLOSSARY_CATEGORIES`.

    Returns:
        A pipe table, or a sentence saying the lexicon has no such term. Term text is escaped, so
        it always shows as text.
    """
    if category not in GLOSSARY_CATEGORIES:
        raise ValueError(f"unknown glossary category {category!r}; known: {', '.join(GLOSSARY_CATEGORIES)}")
    part = terms[terms["category"] == category]
    if part.empty:
        return "The lexicon has no term of this kind."
    table = part[["term", "en", "note"]].rename(columns={"term": "Term", "en": "English", "note": "Note"})
    return markdown_table(table)


def pinyin(term: str) -> str:
    """The pinyin of a term, with tone marks, one syllable after another (as dictionaries print it).

    ``沙湾北村`` → ``shā wān běi cūn``; characters that are not Chinese stay as written
    (``12345热线`` → ``12345 rè xiàn``). Readings come from pypinyin's phrase dictionary, so that
    polyphonic characters take the reading of the word they stand in (银行 ``yín háng``).
    """
    from pypinyin import Style, lazy_pinyin

    return " ".join(s.strip() for s in lazy_pinyin(term, style=Style.TONE, v_to_u=True) if s.strip())


def _pinyin_key(term: str) -> tuple[str, str, str]:
    """Sort key: toneless pinyin, then pinyin with tone numbers, then the characters."""
    from pypinyin import Style, lazy_pinyin

    return (" ".join(lazy_pinyin(term, style=Style.NORMAL)).lower(),
            " ".join(lazy_pinyin(term, style=Style.TONE3)).lower(), term)


def glossary_table(terms: pd.DataFrame) -> pd.DataFrame:
    """The glossary as one numbered list: every term with its pinyin, sorted by pinyin.

    Args:
        terms: :func:`glossary`.

    Returns:
        Columns ``no, term, pinyin, en, category, note``: ``no`` counts from 1 in pinyin order (toneless
        pinyin, then tones, then characters); ``category`` is the heading of the term's category
        (:data:`GLOSSARY_CATEGORIES`); a term listed twice (as a name and as a formulation) is kept once,
        with the first gloss that is not empty.
    """
    rows: dict[str, dict[str, str]] = {}
    for row in _records(terms):
        term = row["term"]
        entry = rows.setdefault(term, {"term": term, "pinyin": pinyin(term), "en": row["en"],
                                       "category": GLOSSARY_CATEGORIES.get(row["category"], row["category"]),
                                       "note": row["note"]})
        if not entry["en"]:
            entry["en"] = row["en"]
    ordered = sorted(rows.values(), key=lambda r: _pinyin_key(r["term"]))
    out = pd.DataFrame(ordered, columns=[c for c in GLOSSARY_TABLE_COLUMNS if c != "no"])
    out.insert(0, "no", range(1, len(out) + 1))
    return out
