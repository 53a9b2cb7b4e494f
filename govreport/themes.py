"""Policy themes: which policy areas the report spends its words on.

A curated taxonomy (``data/lexicon/themes.yml``) gives ten policy themes, each with weighted indicative
keywords. Every sentence is scored by the keywords found among its tokens; its primary theme is the
best-scoring one if the score reaches ``min_score``, else ``unclassified`` (never forced). Sentences
then add up to blocks (points), sections and parts by characters and by count.

How a sentence is scored:

1. The report is cut into tokens once, by the lexicon-aware :class:`govreport.tokens.Segmenter`.
   Punctuation and whitespace (``pos == "x"``) are dropped and every token is put in its canonical
   spelling (aliases merged). Stopwords are *not* dropped: keywords are matched, not counted.
2. Each keyword is cut by the same segmenter into a phrase of one or more tokens. Phrases are
   matched against the sentence's tokens left to right, the longest phrase first, without overlap,
   so 营商环境 counts once for ``business_env`` and not again as 环境 for ``ecology``. A keyword is
   never found inside a longer token: the report's quoted name “助力乡村振兴” (a basketball match)
   stays one token and does not count as 乡村振兴.
3. A theme's score is the sum of the weights of its matched keywords (weights 1-3, see
   ``data/lexicon/README_themes.md``). The primary theme is the highest score; ties go to the theme
   whose first keyword comes earlier in the sentence.

How sentences add up: a sentence's characters (not counting whitespace) and the sentence itself
count for its primary theme (``mode="primary"``), or are split among its themes in proportion to
their scores (``mode="split"``). A block's ``themes`` are its theme shares of characters, the
primary theme being the largest share among the ten themes (``unclassified`` only when no sentence
of the block has a theme).

References:
    Grimmer, J. & Stewart, B. M. (2013). Text as Data: The Promise and Pitfalls of Automatic Content
    Analysis Methods for Political Texts. Political Analysis 21(3), 267-297 (dictionary methods
    need validation against hand coding; here, against the report's own headings).
    Lee, D. D. & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. Nature 401, 788-791.
"""
from __future__ import annotations

import bisect
import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd
import yaml

from .paths import LEXICON_DIR
from .report import PARTS, Report, Unit

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .tokens import Segmenter, Token

__all__ = [
    "THEMES",
    "UNCLASSIFIED",
    "THEME_CODES",
    "MIN_SCORE",
    "THEMES_FILE",
    "HEADING_THEMES_FILE",
    "Theme",
    "Taxonomy",
    "Agreement",
    "TopicModel",
    "load_taxonomy",
    "load_heading_themes",
    "compile_keywords",
    "match_keywords",
    "score_terms",
    "primary_theme",
    "format_themes",
    "parse_themes",
    "classify_text",
    "classify_sentences",
    "aggregate_themes",
    "theme_shares",
    "theme_matrix",
    "share_change",
    "block_themes",
    "themes_table",
    "strongest_sentences",
    "heading_agreement",
    "keyword_coverage",
    "nmf_topics",
    "topic_theme_overlap",
    "topic_summary",
    "plot_theme_shares",
    "plot_theme_heatmap",
    "plot_share_change",
]

#: The ten theme codes, in the taxonomy's order.
THEMES: tuple[str, ...] = ("economy", "business_env", "rural", "urban", "culture_tourism", "ecology", "democracy",
                           "livelihood", "safety_governance", "party")
#: The code of a sentence (or block) without any theme signal.
UNCLASSIFIED = "unclassified"
#: Every code a table may carry.
THEME_CODES: tuple[str, ...] = (*THEMES, UNCLASSIFIED)
#: Default minimum score for a sentence to get a primary theme: one strong keyword (weight 2 or 3)
#: or two weak ones (weight 1).
MIN_SCORE = 2.0
THEMES_FILE = LEXICON_DIR / "themes.yml"
HEADING_THEMES_FILE = LEXICON_DIR / "heading_themes.csv"

#: Columns of :func:`themes_table` (the CLI ``themes`` subcommand).
TABLE_COLUMNS = ["unit_id", "part", "start", "end", "primary_theme", "themes"]
SENTENCE_COLUMNS = ["sentence_id", "unit_id", "section", "part", "start", "end", "chars", "is_heading",
                    "primary_theme", "score", "themes", "keywords"]
Mode = Literal["primary", "split"]
Measure = Literal["chars", "sentences"]


# --- the taxonomy --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Theme:
    """One policy theme: its code, labels and weighted keywords."""

    code: str
    zh: str
    en: str
    keywords: Mapping[str, float]


@dataclass(frozen=True)
class Taxonomy:
    """The ten themes in their fixed order, and where they were read from."""

    themes: tuple[Theme, ...]
    source: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        """The theme codes, in order."""
        return tuple(t.code for t in self.themes)

    def theme(self, code: str) -> Theme:
        """The theme with this code (``KeyError`` if none)."""
        for t in self.themes:
            if t.code == code:
                return t
        raise KeyError(code)

    def keyword_index(self) -> dict[str, tuple[str, float]]:
        """Keyword -> (theme code, weight)."""
        return {kw: (t.code, float(w)) for t in self.themes for kw, w in t.keywords.items()}


def load_taxonomy(path: str | Path = THEMES_FILE) -> Taxonomy:
    """Read and check the theme taxonomy.

    Args:
        path: a YAML file with ``themes:``, a list of ``{code, zh, en, keywords: {keyword: weight}}``.

    Returns:
        The :class:`Taxonomy`.

    Raises:
        ValueError: if the codes are not exactly :data:`THEMES` in that order, a label is empty, a
            weight is not a positive number, or a keyword is empty or listed under two themes.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"theme taxonomy not found: {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a top-level 'themes:' list")
    codes = tuple(str(r.get("code", "")) for r in rows if isinstance(r, dict))
    if codes != THEMES:
        raise ValueError(f"{path}: theme codes must be {list(THEMES)} in this order, got {list(codes)}")
    owner: dict[str, str] = {}
    themes = []
    for row in rows:
        code = row["code"]
        zh, en = str(row.get("zh") or "").strip(), str(row.get("en") or "").strip()
        if not zh or not en:
            raise ValueError(f"{path}: theme {code!r} needs a zh and an en label")
        kws = row.get("keywords") or {}
        if not isinstance(kws, dict) or not kws:
            raise ValueError(f"{path}: theme {code!r} needs a keywords mapping")
        clean: dict[str, float] = {}
        for kw, weight in kws.items():
            kw = str(kw).strip()
            if not kw:
                raise ValueError(f"{path}: empty keyword under {code!r}")
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0 \
                    or not math.isfinite(weight):
                raise ValueError(f"{path}: keyword {kw!r} of {code!r} needs a positive weight, got {weight!r}")
            if kw in owner:
                raise ValueError(f"{path}: keyword {kw!r} is listed under both {owner[kw]!r} and {code!r}")
            owner[kw] = code
            clean[kw] = float(weight)
        themes.append(Theme(code, zh, en, clean))
    return Taxonomy(tuple(themes), source=str(path))


def load_heading_themes(path: str | Path = HEADING_THEMES_FILE) -> dict[str, str]:
    """Read the hand-made mapping from a report heading to the theme it announces.

    Args:
        path: a CSV file with columns ``heading,theme,note``.

    Returns:
        Heading -> theme code.

    Raises:
        ValueError: for a missing column, an empty heading, an unknown theme code or a repeated heading.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"heading-theme mapping not found: {path}")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"heading", "theme"} <= set(reader.fieldnames or []):
            raise ValueError(f"{path}: needs columns heading,theme")
        for i, row in enumerate(reader, start=2):
            heading, theme = (row["heading"] or "").strip(), (row["theme"] or "").strip()
            if not heading:
                raise ValueError(f"{path}:{i}: empty heading")
            if theme not in THEMES:
                raise ValueError(f"{path}:{i}: theme {theme!r} is not one of {list(THEMES)}")
            if heading in out:
                raise ValueError(f"{path}:{i}: heading {heading!r} listed twice")
            out[heading] = theme
    return out


_TAXONOMY_CACHE: dict[tuple[str, int], Taxonomy] = {}


def _default_taxonomy(taxonomy: Taxonomy | None) -> Taxonomy:
    if taxonomy is not None:
        return taxonomy
    key = (str(THEMES_FILE), THEMES_FILE.stat().st_mtime_ns)
    if key not in _TAXONOMY_CACHE:
        _TAXONOMY_CACHE[key] = load_taxonomy(THEMES_FILE)
    return _TAXONOMY_CACHE[key]


# --- scoring -------------------------------------------------------------------------------------

#: A compiled keyword: (theme code, weight, keyword as written).
Entry = tuple[str, float, str]


def compile_keywords(taxonomy: Taxonomy, seg: Segmenter | None = None) -> dict[tuple[str, ...], Entry]:
    """Turn each keyword into the phrase of tokens it must match.

    Args:
        taxonomy: the themes.
        seg: the segmenter that cut the text; each keyword is cut by it (punctuation dropped, aliases
            merged). Without one, each keyword is a phrase of one token, itself.

    Returns:
        Phrase (tuple of canonical tokens) -> (code, weight, keyword). If two keywords cut to the
        same phrase, the first in taxonomy order keeps it.
    """
    out: dict[tuple[str, ...], Entry] = {}
    for theme in taxonomy.themes:
        for kw, weight in theme.keywords.items():
            if seg is None:
                phrase: tuple[str, ...] = (kw,)
            else:
                phrase = tuple(seg.canonical(t.token) for t in seg.tokens(kw) if t.pos != "x")
            if phrase:
                out.setdefault(phrase, (theme.code, weight, kw))
    return out


def _first_index(phrases: Mapping[tuple[str, ...], Entry]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    for cands in index.values():
        cands.sort(key=lambda p: (-len(p), p))
    return index


def match_keywords(tokens: Sequence[str], phrases: Mapping[tuple[str, ...], Entry], *,
                   _index: Mapping[str, list[tuple[str, ...]]] | None = None) -> list[tuple[int, int, Entry]]:
    """Find keyword phrases in a token sequence: left to right, longest first, no overlap.

    Args:
        tokens: canonical tokens (punctuation already removed).
        phrases: from :func:`compile_keywords`.

    Returns:
        ``(first token index, end index, (code, weight, keyword))`` for each match, in order.
    """
    index = _index if _index is not None else _first_index(phrases)
    out: list[tuple[int, int, Entry]] = []
    i, n = 0, len(tokens)
    while i < n:
        for phrase in index.get(tokens[i], ()):
            j = i + len(phrase)
            if tuple(tokens[i:j]) == phrase:
                out.append((i, j, phrases[phrase]))
                i = j
                break
        else:
            i += 1
    return out


def _scores_from_matches(matches: Iterable[tuple[int, int, Entry]]) -> tuple[dict[str, float], dict[str, int]]:
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for i, _, (code, weight, _kw) in matches:
        scores[code] = scores.get(code, 0.0) + weight
        first.setdefault(code, i)
    return scores, first


def _rank(scores: Mapping[str, float], first: Mapping[str, int] | None = None,
          order: Sequence[str] = THEME_CODES) -> list[tuple[str, float]]:
    pos = {c: i for i, c in enumerate(order)}
    first = first or {}
    return sorted(((c, s) for c, s in scores.items() if s > 0),
                  key=lambda cs: (-cs[1], first.get(cs[0], 0), pos.get(cs[0], len(pos))))


def score_terms(terms: Sequence[str], taxonomy: Taxonomy | None = None, *,
                seg: Segmenter | None = None) -> dict[str, float]:
    """Score a sequence of tokens against the taxonomy.

    Args:
        terms: tokens in text order (canonical spellings, no punctuation), e.g. hand-written.
        taxonomy: the themes (default: ``data/lexicon/themes.yml``).
        seg: cut multi-token keywords with this segmenter (see :func:`compile_keywords`).

    Returns:
        Theme code -> score, for themes with a positive score, best first (ties: the theme whose first
        keyword comes earlier). Empty if nothing matched.
    """
    taxonomy = _default_taxonomy(taxonomy)
    scores, first = _scores_from_matches(match_keywords(list(terms), compile_keywords(taxonomy, seg)))
    return dict(_rank(scores, first, taxonomy.codes))


def primary_theme(scores: Mapping[str, float], *, min_score: float = MIN_SCORE) -> str:
    """The best theme of ranked scores (as from :func:`score_terms`) if it reaches ``min_score``.

    Returns:
        A theme code, or ``unclassified``.
    """
    if min_score <= 0:
        raise ValueError(f"min_score must be positive, got {min_score}")
    for code, score in scores.items():
        return code if score >= min_score else UNCLASSIFIED
    return UNCLASSIFIED


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def format_themes(scores: Mapping[str, float] | Iterable[tuple[str, float]]) -> str:
    """``code:score;code:score`` in the given order (scores with at most 3 decimals); "" for none."""
    items = scores.items() if isinstance(scores, Mapping) else scores
    return ";".join(f"{c}:{_fmt(s)}" for c, s in items)


def parse_themes(text: str) -> dict[str, float]:
    """Inverse of :func:`format_themes` (order kept).

    Raises:
        ValueError: for an item without ``code:score`` or an unknown code.
    """
    out: dict[str, float] = {}
    for item in filter(None, (text or "").split(";")):
        code, sep, score = item.partition(":")
        if not sep or code not in THEME_CODES:
            raise ValueError(f"bad themes item {item!r}")
        out[code] = float(score)
    return out


def _text_tokens(seg: Segmenter, text: str) -> list[Token]:
    return [t._replace(token=seg.canonical(t.token)) for t in seg.tokens(text) if t.pos != "x"]


def classify_text(text: str, seg: Segmenter, *, taxonomy: Taxonomy | None = None,
                  min_score: float = MIN_SCORE) -> tuple[str, dict[str, float]]:
    """Classify one piece of text (a sentence written by hand, say).

    Returns:
        ``(primary theme, scores)`` as from :func:`primary_theme` and :func:`score_terms`.
    """
    taxonomy = _default_taxonomy(taxonomy)
    tokens = [t.token for t in _text_tokens(seg, text)]
    scores = score_terms(tokens, taxonomy, seg=seg)
    return primary_theme(scores, min_score=min_score), scores


# --- sentences -----------------------------------------------------------------------------------

def _is_heading_sentence(sentence: Unit, parent: Unit, *, slack: int = 8) -> bool:
    """A heading line or lead phrase: the first sentence of a headed unit, not much longer than its heading."""
    if not parent.heading or sentence.start != parent.start:
        return False
    body = sentence.text.strip()
    return parent.heading in body and len(body) <= len(parent.heading) + slack


def _section_of(report: Report, unit: Unit) -> str:
    """The unit directly below the part that holds ``unit`` (the part itself for a part's own text)."""
    u = unit
    while u.parent_id:
        parent = report.unit(u.parent_id)
        if parent.level == "part":
            return u.unit_id
        u = parent
    return u.unit_id


def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def classify_sentences(report: Report, seg: Segmenter, *, taxonomy: Taxonomy | None = None,
                       min_score: float = MIN_SCORE, tokens: Sequence[Token] | None = None) -> pd.DataFrame:
    """Score every sentence of a report against the theme taxonomy.

    Args:
        report: the parsed report.
        seg: the segmenter (e.g. :func:`govreport.keywords.segmenter_for`); used to cut the keywords and,
            unless ``tokens`` is given, the text.
        taxonomy: the themes (default: ``data/lexicon/themes.yml``).
        min_score: the score a sentence's best theme needs to become its primary theme.
        tokens: the tokens of ``report.text`` if already cut (``seg.tokens(report.text)``).

    Returns:
        One row per sentence in reading order, columns ``sentence_id, unit_id`` (the block, or the section
        or part whose heading line it is), ``section, part, start, end, chars`` (characters not counting
        whitespace), ``is_heading`` (a heading line or lead phrase), ``primary_theme``, ``score`` (of the
        primary theme; 0 if unclassified), ``themes`` (``code:score;…`` best first, every theme with a
        keyword, even below ``min_score``) and ``keywords`` (the matched keywords in order, ``;``-joined).

    References:
        Grimmer & Stewart (2013), Political Analysis 21(3) (dictionary methods).
    """
    if min_score <= 0:
        raise ValueError(f"min_score must be positive, got {min_score}")
    taxonomy = _default_taxonomy(taxonomy)
    sentences = report.sentences()
    if not sentences:
        return _empty_sentences()
    phrases = compile_keywords(taxonomy, seg)
    index = _first_index(phrases)
    if tokens is None:
        tokens = seg.tokens(report.text)
    starts = [s.start for s in sentences]
    per_sentence: list[list[str]] = [[] for _ in sentences]
    for t in tokens:
        if t.pos == "x":
            continue
        k = bisect.bisect_right(starts, t.start) - 1
        if k >= 0:
            per_sentence[k].append(seg.canonical(t.token))
    rows = []
    for s, toks in zip(sentences, per_sentence):
        matches = match_keywords(toks, phrases, _index=index)
        scores, first = _scores_from_matches(matches)
        ranked = _rank(scores, first, taxonomy.codes)
        primary = primary_theme(dict(ranked), min_score=min_score)
        parent = report.unit(s.parent_id)
        block = parent if parent.level != "sentence" else report.block_at(s.start)
        rows.append((s.unit_id, block.unit_id, _section_of(report, block), s.part, s.start, s.end, _chars(s.text),
                     _is_heading_sentence(s, parent), primary, ranked[0][1] if primary != UNCLASSIFIED else 0.0,
                     format_themes(ranked), ";".join(e[2] for _, _, e in matches)))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(
        {"start": "int64", "end": "int64", "chars": "int64", "is_heading": "bool", "score": "float64"})


def _empty_sentences() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
        SENTENCE_COLUMNS, ["str", "str", "str", "str", "int64", "int64", "int64", "bool", "str", "float64", "str",
                           "str"])})


def _check_sentences(sentences: pd.DataFrame, needed: Iterable[str]) -> None:
    missing = [c for c in needed if c not in sentences.columns]
    if missing:
        raise ValueError(f"sentences table lacks columns {missing}; use classify_sentences()")


# --- aggregation ---------------------------------------------------------------------------------

def _weights(sentences: pd.DataFrame, mode: Mode) -> pd.DataFrame:
    """Long table: one row per (sentence, theme) with the fraction of the sentence given to the theme."""
    if mode == "primary":
        return pd.DataFrame({"row": range(len(sentences)), "theme": sentences["primary_theme"].to_numpy(),
                             "weight": 1.0})
    if mode != "split":
        raise ValueError(f"mode must be 'primary' or 'split', not {mode!r}")
    rows = []
    for i, (primary, themes) in enumerate(zip(sentences["primary_theme"], sentences["themes"])):
        scores = parse_themes(themes)
        total = sum(scores.values())
        if primary == UNCLASSIFIED or not total:
            rows.append((i, UNCLASSIFIED, 1.0))
        else:
            rows.extend((i, code, score / total) for code, score in scores.items())
    return pd.DataFrame(rows, columns=["row", "theme", "weight"])


def aggregate_themes(sentences: pd.DataFrame, *, by: str = "part", mode: Mode = "primary") -> pd.DataFrame:
    """Characters and sentences per theme within each group of sentences.

    Args:
        sentences: from :func:`classify_sentences` (any subset of its rows).
        by: the grouping column: ``part``, ``section`` or ``unit_id`` (the block).
        mode: ``primary`` counts each sentence for its primary theme; ``split`` divides a classified
            sentence among its themes in proportion to their scores.

    Returns:
        Columns ``<by>, theme, sentences, chars, share_sentences, share_chars``: one row per group and theme
        code (all eleven, zeros included), groups in reading order, themes in taxonomy order. Within each
        group the shares sum to 1. Empty in, empty out.
    """
    _check_sentences(sentences, [by, "primary_theme", "themes", "chars", "start"])
    columns = [by, "theme", "sentences", "chars", "share_sentences", "share_chars"]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    s = sentences.reset_index(drop=True)
    w = _weights(s, mode)
    w[by] = s[by].to_numpy()[w["row"]]
    w["chars"] = s["chars"].to_numpy()[w["row"]] * w["weight"]
    w["sentences"] = w["weight"]
    order = list(dict.fromkeys(s.sort_values("start", kind="stable")[by]))
    grid = pd.MultiIndex.from_product([order, THEME_CODES], names=[by, "theme"])
    agg = w.groupby([by, "theme"])[["sentences", "chars"]].sum().reindex(grid, fill_value=0.0).reset_index()
    totals = agg.groupby(by, sort=False)[["sentences", "chars"]].transform("sum")
    agg["share_sentences"] = (agg["sentences"] / totals["sentences"]).where(totals["sentences"] > 0, 0.0)
    agg["share_chars"] = (agg["chars"] / totals["chars"]).where(totals["chars"] > 0, 0.0)
    if mode == "primary":
        agg = agg.astype({"sentences": "int64", "chars": "int64"})
    return agg[columns]


def theme_shares(sentences: pd.DataFrame, *, parts: Sequence[str] | None = ("review", "plan"),
                 mode: Mode = "primary") -> pd.DataFrame:
    """Share of characters and of sentences per theme, per part.

    Args:
        sentences: from :func:`classify_sentences`.
        parts: the parts to keep, in this order (``None``: every part present).
        mode: see :func:`aggregate_themes`.

    Returns:
        Columns ``part, theme, sentences, chars, share_sentences, share_chars``; within each part both
        shares sum to 1.
    """
    if parts is not None:
        bad = [p for p in parts if p not in PARTS]
        if bad:
            raise ValueError(f"unknown parts {bad}; use some of {PARTS}")
        sentences = sentences[sentences["part"].isin(parts)]
    out = aggregate_themes(sentences, by="part", mode=mode)
    if parts is not None and not out.empty:
        rank = {p: i for i, p in enumerate(parts)}
        out = out.sort_values("part", key=lambda c: c.map(rank), kind="stable").reset_index(drop=True)
    return out


def theme_matrix(sentences: pd.DataFrame, *, by: str = "unit_id", measure: Measure = "chars",
                 mode: Mode = "primary") -> pd.DataFrame:
    """Shares as a wide table: one row per group (reading order), one column per theme code.

    Returns:
        Index named ``by``; columns :data:`THEME_CODES`; values the share of the group's characters
        (``measure="chars"``) or sentences.
    """
    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    long = aggregate_themes(sentences, by=by, mode=mode)
    if long.empty:
        return pd.DataFrame(columns=list(THEME_CODES))
    order = list(dict.fromkeys(long[by]))
    wide = long.pivot(index=by, columns="theme", values=f"share_{measure}")
    return wide.reindex(index=order, columns=list(THEME_CODES)).fillna(0.0)


def share_change(shares: pd.DataFrame, *, measure: Measure = "chars", before: str = "review",
                 after: str = "plan") -> pd.DataFrame:
    """How each theme's share moves from one part to another.

    Args:
        shares: from :func:`theme_shares` (holding both parts).
        measure: ``chars`` or ``sentences``.
        before, after: the two parts compared.

    Returns:
        Columns ``theme, <before>, <after>, change`` (``after - before``, as a fraction), sorted by change,
        largest gain first (ties in taxonomy order). Empty if either part is missing.
    """
    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    columns = ["theme", before, after, "change"]
    if shares.empty or not {before, after} <= set(shares["part"]):
        return pd.DataFrame(columns=columns)
    wide = shares.pivot(index="theme", columns="part", values=f"share_{measure}").reindex(list(THEME_CODES))
    out = wide[[before, after]].fillna(0.0).reset_index()
    out["change"] = out[after] - out[before]
    out["_order"] = range(len(out))
    out = out.sort_values(["change", "_order"], ascending=[False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def block_themes(sentences: pd.DataFrame, report: Report, *, by: str = "unit_id",
                 exclude_headings: bool = False) -> pd.DataFrame:
    """One row per block (or section): its primary theme and theme shares of characters.

    Args:
        sentences: from :func:`classify_sentences`.
        report: the report they came from.
        by: ``unit_id`` for the blocks (``report.blocks()``: points and lead paragraphs), ``section`` for
            the units directly below a part (the review's points, the plan's sections and lead paragraph).
        exclude_headings: leave heading lines and lead phrases out (to judge a unit by its body alone).

    Returns:
        Columns ``unit_id, part, start, end, heading, primary_theme, themes`` in reading order; ``themes``
        is ``code:share;…`` (share of the unit's characters, largest first, ``unclassified`` included);
        ``primary_theme`` is the theme (of the ten) with the largest share, ``unclassified`` if none.
    """
    if by not in ("unit_id", "section"):
        raise ValueError(f"by must be 'unit_id' or 'section', not {by!r}")
    _check_sentences(sentences, [by, "is_heading", "primary_theme", "chars"])
    columns = ["unit_id", "part", "start", "end", "heading", "primary_theme", "themes"]
    if by == "unit_id":
        units = report.blocks()
    else:
        units = [u for u in report.units if u.level not in ("part", "sentence") and u.parent_id
                 and report.unit(u.parent_id).level == "part"]
    if not units:
        return pd.DataFrame(columns=columns)
    used = sentences[~sentences["is_heading"]] if exclude_headings else sentences
    long = aggregate_themes(used, by=by) if not used.empty else pd.DataFrame(columns=[by, "theme", "share_chars"])
    shares: dict[str, dict[str, float]] = {}
    for uid, theme, share in zip(long[by], long["theme"], long["share_chars"]):
        if share > 0:
            shares.setdefault(uid, {})[theme] = float(share)
    rows = []
    for u in units:
        ranked = _rank(shares.get(u.unit_id, {}))
        primary = next((c for c, _ in ranked if c != UNCLASSIFIED), UNCLASSIFIED)
        rows.append((u.unit_id, u.part, u.start, u.end, u.heading, primary, format_themes(ranked)))
    return pd.DataFrame(rows, columns=columns).astype({"start": "int64", "end": "int64"})


def themes_table(report: Report, seg: Segmenter, *, taxonomy: Taxonomy | None = None,
                 min_score: float = MIN_SCORE, tokens: Sequence[Token] | None = None) -> pd.DataFrame:
    """The public themes table: one row per point-level unit (``report.blocks()``).

    Args:
        report: the parsed report.
        seg: the segmenter.
        taxonomy, min_score, tokens: as for :func:`classify_sentences`.

    Returns:
        Columns ``unit_id, part, start, end, primary_theme, themes`` (``themes``: ``code:share;…``, the
        block's shares of characters by sentence primary theme, largest first).
    """
    sentences = classify_sentences(report, seg, taxonomy=taxonomy, min_score=min_score, tokens=tokens)
    return block_themes(sentences, report)[TABLE_COLUMNS]


def strongest_sentences(sentences: pd.DataFrame, report: Report, *, per_theme: int = 3,
                        width: int | None = None) -> pd.DataFrame:
    """For each theme, the sentences that express it most strongly.

    Candidates are the sentences whose primary theme it is (heading lines excluded), ranked by the
    theme's score, then by the share of the sentence's total score that the theme holds, then by
    reading order.

    Args:
        sentences: from :func:`classify_sentences`.
        report: the report (for the sentence text).
        per_theme: sentences kept per theme.
        width: shorten the quoted text to this many characters (with "…"); ``None`` keeps it whole.

    Returns:
        Columns ``theme, rank, sentence_id, unit_id, score, keywords, text``, themes in taxonomy order.
    """
    if per_theme < 1:
        raise ValueError(f"per_theme must be at least 1, got {per_theme}")
    if width is not None and width < 2:
        raise ValueError(f"width must be at least 2, got {width}")
    _check_sentences(sentences, ["sentence_id", "primary_theme", "themes", "score", "is_heading", "start"])
    columns = ["theme", "rank", "sentence_id", "unit_id", "score", "keywords", "text"]
    c = sentences[(sentences["primary_theme"] != UNCLASSIFIED) & ~sentences["is_heading"]].copy()
    if c.empty:
        return pd.DataFrame(columns=columns)
    c["purity"] = [s / sum(parse_themes(t).values()) for s, t in zip(c["score"], c["themes"])]
    rows = []
    for code in THEMES:
        top = c[c["primary_theme"] == code].sort_values(["score", "purity", "start"], ascending=[False, False, True],
                                                         kind="stable").head(per_theme)
        for rank, row in enumerate(top.itertuples(index=False), 1):
            text = report.text[row.start:row.end].strip()
            if width is not None and len(text) > width:
                text = text[: width - 1] + "…"
            rows.append((code, rank, row.sentence_id, row.unit_id, row.score, row.keywords, text))
    return pd.DataFrame(rows, columns=columns)


# --- validation against the headings --------------------------------------------------------------

@dataclass(frozen=True)
class Agreement:
    """How often the classifier's primary theme agrees with the theme a heading announces.

    Attributes:
        table: one row per mapped unit: ``unit_id, heading, expected, predicted, agree``.
        confusion: expected theme (rows) x predicted theme (columns), counts; the codes that occur.
        accuracy: share of mapped units that agree (NaN if none is mapped).
        unmapped: unit ids whose heading is not in the mapping.
    """

    table: pd.DataFrame
    confusion: pd.DataFrame
    accuracy: float
    unmapped: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        """Number of units compared."""
        return len(self.table)

    @property
    def n_agree(self) -> int:
        """Number of units whose primary theme agrees with the heading's."""
        return int(self.table["agree"].sum()) if len(self.table) else 0


def heading_agreement(units: pd.DataFrame, mapping: Mapping[str, str]) -> Agreement:
    """Compare the primary theme of each unit with the theme its heading announces.

    Args:
        units: columns ``unit_id, heading, primary_theme`` (e.g. :func:`block_themes`, or sections).
        mapping: heading -> expected theme code (:func:`load_heading_themes`).

    Returns:
        An :class:`Agreement`. Units with an empty or unmapped heading are left out (listed in ``unmapped``).
    """
    missing = [c for c in ("unit_id", "heading", "primary_theme") if c not in units.columns]
    if missing:
        raise ValueError(f"units table lacks columns {missing}")
    bad = sorted({v for v in mapping.values() if v not in THEMES})
    if bad:
        raise ValueError(f"mapping uses unknown theme codes {bad}")
    rows, unmapped = [], []
    for uid, heading, predicted in zip(units["unit_id"], units["heading"], units["primary_theme"]):
        expected = mapping.get(heading or "")
        if expected is None:
            unmapped.append(uid)
            continue
        rows.append((uid, heading, expected, predicted, expected == predicted))
    table = pd.DataFrame(rows, columns=["unit_id", "heading", "expected", "predicted", "agree"]).astype(
        {"agree": "bool"})
    codes = [c for c in THEME_CODES if c in set(table["expected"]) | set(table["predicted"])]
    confusion = pd.crosstab(pd.Categorical(table["expected"], categories=codes),
                            pd.Categorical(table["predicted"], categories=codes), dropna=False)
    confusion = confusion.loc[[c for c in codes if c in set(table["expected"])],
                              [c for c in codes if c in set(table["predicted"])]]
    confusion.index.name, confusion.columns.name = "expected", "predicted"
    accuracy = float(table["agree"].mean()) if len(table) else float("nan")
    return Agreement(table, confusion.astype("int64"), accuracy, tuple(unmapped))


def keyword_coverage(report: Report, seg: Segmenter, *, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """For each keyword, how often it occurs in the text and how often token matching finds it.

    A keyword found less often than it occurs either sits inside a longer keyword (环境 in 营商环境, on
    purpose), inside a longer token (乡村振兴 in the quoted name 助力乡村振兴), or is cut differently in
    context than alone (worth a lexicon entry).

    Returns:
        Columns ``keyword, theme, weight, occurrences, matched`` for keywords that occur, sorted by theme
        order then keyword.
    """
    taxonomy = _default_taxonomy(taxonomy)
    columns = ["keyword", "theme", "weight", "occurrences", "matched"]
    if not report.text:
        return pd.DataFrame(columns=columns)
    sentences = classify_sentences(report, seg, taxonomy=taxonomy)
    found: dict[str, int] = {}
    for kws in sentences["keywords"]:
        for kw in filter(None, kws.split(";")):
            found[kw] = found.get(kw, 0) + 1
    rows = []
    for theme in taxonomy.themes:
        for kw, weight in sorted(theme.keywords.items()):
            n = report.text.count(kw)
            if n:
                rows.append((kw, theme.code, weight, n, found.get(kw, 0)))
    return pd.DataFrame(rows, columns=columns).astype({"occurrences": "int64", "matched": "int64"})


# --- unsupervised cross-check --------------------------------------------------------------------

@dataclass(frozen=True)
class TopicModel:
    """An NMF topic model of the report's sentences.

    Attributes:
        terms: ``topic, rank, term, weight``: the top terms of each topic (topics numbered from 1).
        sentences: ``sentence_id, topic, weight``: each sentence's dominant topic (0: no term in the
            vocabulary) and its weight.
        n_terms: size of the vocabulary.
        reconstruction_err: the fit's Frobenius reconstruction error.
    """

    terms: pd.DataFrame
    sentences: pd.DataFrame
    n_terms: int
    reconstruction_err: float


def _identity(doc: list[str]) -> list[str]:
    return doc


def _sentence_terms(report: Report, seg: Segmenter, tokens: Sequence[Token] | None) -> list[list[str]]:
    sentences = report.sentences()
    starts = [s.start for s in sentences]
    stop = seg.stopwords()
    docs: list[list[str]] = [[] for _ in sentences]
    for t in tokens if tokens is not None else seg.tokens(report.text):
        if seg.is_term(t, stop=stop):
            docs[bisect.bisect_right(starts, t.start) - 1].append(seg.canonical(t.token))
    return docs


def nmf_topics(report: Report, seg: Segmenter, *, n_topics: int = 10, top_n: int = 8, min_df: int = 2,
               random_state: int = 0, tokens: Sequence[Token] | None = None) -> TopicModel:
    """Fit non-negative matrix factorisation to the TF-IDF matrix of the report's sentences.

    Documents are the sentences; their terms are the segmenter's content terms (stopwords of every
    layer removed, aliases merged). Terms in fewer than ``min_df`` sentences are dropped. NMF starts
    from the deterministic NNDSVD initialisation, so a run gives the same topics every time.

    Args:
        report: the parsed report.
        seg: the segmenter.
        n_topics: number of topics (ten, like the taxonomy, by default).
        top_n: top terms kept per topic.
        min_df: minimum number of sentences a term must occur in.
        random_state: passed to scikit-learn's NMF.
        tokens: the tokens of ``report.text`` if already cut.

    Returns:
        A :class:`TopicModel`.

    References:
        Lee & Seung (1999), Nature 401; scikit-learn ``sklearn.decomposition.NMF``.
    """
    if n_topics < 1 or top_n < 1 or min_df < 1:
        raise ValueError("n_topics, top_n and min_df must be at least 1")
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    term_cols = ["topic", "rank", "term", "weight"]
    sent_cols = ["sentence_id", "topic", "weight"]
    sentences = report.sentences()
    docs = _sentence_terms(report, seg, tokens) if sentences else []
    used = [d for d in docs if d]
    if len({t for d in used for t in d}) == 0 or sum(1 for d in used) < max(2, min_df):
        return TopicModel(pd.DataFrame(columns=term_cols), pd.DataFrame(columns=sent_cols), 0, float("nan"))
    vectorizer = TfidfVectorizer(analyzer=_identity, min_df=min_df, lowercase=False)
    try:
        x = vectorizer.fit_transform(docs)
    except ValueError:  # no term left after min_df
        return TopicModel(pd.DataFrame(columns=term_cols), pd.DataFrame(columns=sent_cols), 0, float("nan"))
    vocab = vectorizer.get_feature_names_out()
    k = min(n_topics, x.shape[0], x.shape[1])
    model = NMF(n_components=k, init="nndsvd", random_state=random_state, max_iter=2000)
    w = model.fit_transform(x)
    h = model.components_
    term_rows = []
    for topic, row in enumerate(h, 1):
        order = sorted(range(len(row)), key=lambda j: (-row[j], vocab[j]))[:top_n]
        term_rows.extend((topic, rank, str(vocab[j]), float(row[j])) for rank, j in enumerate(order, 1) if row[j] > 0)
    sent_rows = []
    for s, weights in zip(sentences, w):
        best = int(weights.argmax())
        sent_rows.append((s.unit_id, best + 1 if weights[best] > 0 else 0, float(weights[best])))
    terms = pd.DataFrame(term_rows, columns=term_cols).astype({"topic": "int64", "rank": "int64"})
    sents = pd.DataFrame(sent_rows, columns=sent_cols).astype({"topic": "int64"})
    return TopicModel(terms, sents, len(vocab), float(model.reconstruction_err_))


def topic_theme_overlap(model: TopicModel, sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences by dominant NMF topic (rows) and primary theme (columns).

    Returns:
        Counts, index ``topic`` (1..k), columns the theme codes in taxonomy order that occur; sentences
        without a topic are left out.
    """
    _check_sentences(sentences, ["sentence_id", "primary_theme"])
    merged = model.sentences.merge(sentences[["sentence_id", "primary_theme"]], on="sentence_id")
    merged = merged[merged["topic"] > 0]
    if merged.empty:
        return pd.DataFrame()
    codes = [c for c in THEME_CODES if c in set(merged["primary_theme"])]
    table = pd.crosstab(merged["topic"], pd.Categorical(merged["primary_theme"], categories=codes), dropna=False)
    table.columns = [str(c) for c in table.columns]
    table.columns.name = "theme"
    return table.astype("int64")


def topic_summary(model: TopicModel, sentences: pd.DataFrame, *, top_n: int = 6) -> pd.DataFrame:
    """One row per topic: its top terms and the theme its sentences most often have.

    Returns:
        Columns ``topic, top_terms`` (``、``-joined), ``sentences`` (with this dominant topic),
        ``best_theme`` (most frequent primary theme among them, ``unclassified`` excluded; ties in taxonomy
        order), ``best_share`` (its share of the topic's sentences).
    """
    overlap = topic_theme_overlap(model, sentences)
    rows = []
    for topic, grp in model.terms.groupby("topic", sort=True):
        terms = "、".join(grp.sort_values("rank")["term"].head(top_n))
        counts = overlap.loc[topic] if topic in overlap.index else pd.Series(dtype="int64")
        n = int(counts.sum())
        classified = counts.drop(UNCLASSIFIED, errors="ignore")
        best = ""
        share = 0.0
        if n and classified.max() > 0:
            best = max(classified.index, key=lambda c: (classified[c], -THEME_CODES.index(c)))
            share = float(classified[best] / n)
        rows.append((int(topic), terms, n, best, share))
    return pd.DataFrame(rows, columns=["topic", "top_terms", "sentences", "best_theme", "best_share"])


# --- figures -------------------------------------------------------------------------------------

def _theme_label(code: str) -> str:
    from .figures import label

    return label(f"theme_{code}")


def plot_theme_shares(shares: pd.DataFrame, *, ax: Axes, measure: Measure = "chars",
                      parts: Sequence[str] = ("review", "plan"), show_labels: bool = True) -> Axes:
    """Horizontal bars: each theme's share of a part's characters (or sentences), one bar per part.

    Args:
        shares: from :func:`theme_shares`.
        ax: the axes to draw on.
        measure: ``chars`` or ``sentences``.
        parts: the parts drawn, in this order (bars from top to bottom within a theme).
        show_labels: write the theme names on the y axis and the legend (off for a second panel sharing
            the y axis).
    """
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    from .figures import PART_COLORS, label, use_house_style

    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    use_house_style()
    present = [p for p in parts if p in set(shares["part"])]
    height = 0.8 / max(len(present), 1)
    ys = range(len(THEME_CODES))
    for k, part in enumerate(present):
        values = shares[shares["part"] == part].set_index("theme")[f"share_{measure}"].reindex(list(THEME_CODES))
        offset = -0.4 + height * (k + 0.5)
        ax.barh([y + offset for y in ys], values.fillna(0.0), height=height, color=PART_COLORS.get(part),
                label=label(f"part_{part}"))
    if show_labels:
        ax.set_yticks(list(ys), [_theme_label(c) for c in THEME_CODES])
    else:  # a second panel sharing the y axis: keep the first panel's labels
        ax.tick_params(axis="y", labelleft=False)
    if not ax.yaxis_inverted():  # shared axes invert together; invert once
        ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(label(f"themes_share_{measure}_axis"))
    if present and show_labels:
        ax.legend(loc="lower right")
    return ax


def plot_theme_heatmap(matrix: pd.DataFrame, *, ax: Axes, headings: Mapping[str, str] | None = None,
                       colorbar: bool = True) -> Axes:
    """A unit x theme heatmap of shares, units in reading order from the top.

    Args:
        matrix: from :func:`theme_matrix` (rows units, columns theme codes, values shares 0-1).
        ax: the axes to draw on.
        headings: unit id -> heading, shown (shortened) next to the id.
        colorbar: add a colour bar labelled with the measure.
    """
    from .figures import label, use_house_style

    use_house_style()
    values = matrix.reindex(columns=[c for c in THEME_CODES if c in matrix.columns]).to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", vmin=0.0, vmax=1.0, cmap="cividis", interpolation="nearest")
    names = []
    for uid in matrix.index:
        head = (headings or {}).get(uid, "")
        names.append(f"{uid}  {head[:10]}{'…' if len(head) > 10 else ''}" if head else str(uid))
    ax.set_yticks(range(len(matrix.index)), names, fontsize=8)
    codes = [c for c in THEME_CODES if c in matrix.columns]
    ax.set_xticks(range(len(codes)), [_theme_label(c) for c in codes], rotation=45, ha="right", fontsize=9)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=label("themes_heatmap_colorbar"), shrink=0.6)
    return ax


def plot_share_change(change: pd.DataFrame, *, ax: Axes, measure: Measure = "chars") -> Axes:
    """Diverging bars of each theme's change in share, plan minus review, in percentage points, sorted.

    Args:
        change: from :func:`share_change`.
        ax: the axes to draw on.
        measure: which share ``change`` was computed from (for the axis label).
    """
    from .figures import PART_COLORS, label, use_house_style

    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    use_house_style()
    points = change["change"].to_numpy(dtype=float) * 100
    colors = [PART_COLORS["plan"] if v > 0 else PART_COLORS["review"] for v in points]
    ys = range(len(change))
    ax.barh(list(ys), points, color=colors)
    ax.set_yticks(list(ys), [_theme_label(c) for c in change["theme"]])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(label(f"themes_change_{measure}_axis"))
    return ax
