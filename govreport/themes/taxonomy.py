"""The policy-theme taxonomy and how a sequence of tokens is scored against it.

See :mod:`govreport.themes` for the method; the taxonomy itself is data, ``data/lexicon/themes.yml``
(format and sources in ``data/lexicon/README_themes.md``).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..paths import LEXICON_DIR, read_csv_rows

if TYPE_CHECKING:  # pragma: no cover
    from ..tokens import Segmenter, Token

__all__ = [
    "THEMES", "UNCLASSIFIED", "THEME_CODES", "MIN_SCORE", "THEMES_FILE", "HEADING_THEMES_FILE", "Theme", "Taxonomy",
    "Entry", "load_taxonomy", "load_heading_themes", "compile_keywords", "match_keywords", "score_terms",
    "primary_theme", "format_themes", "parse_themes", "classify_text",
]

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
    for i, row in enumerate(read_csv_rows(path, ("heading",)), start=2):
        heading, theme = row["heading"], row.get("theme", "")
        if theme not in THEMES:
            raise ValueError(f"{path}:{i}: theme {theme!r} is not one of {list(THEMES)}")
        if heading in out:
            raise ValueError(f"{path}:{i}: heading {heading!r} listed twice")
        out[heading] = theme
    return out


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
        taxonomy: the themes (default: read ``data/lexicon/themes.yml``).
        seg: cut multi-token keywords with this segmenter (see :func:`compile_keywords`).

    Returns:
        Theme code -> score, for themes with a positive score, best first (ties: the theme whose first
        keyword comes earlier). Empty if nothing matched.
    """
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
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
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    tokens = [t.token for t in _text_tokens(seg, text)]
    scores = score_terms(tokens, taxonomy, seg=seg)
    return primary_theme(scores, min_score=min_score), scores


