"""Segmentation that respects policy language: jieba's dictionary cut plus the project lexicon.

A :class:`Segmenter` holds its own cutter (:mod:`govreport.cutter`; never jieba's global tokenizer)
loaded with jieba's dictionary and the curated user dictionary in ``data/lexicon/``. It returns tokens
with character offsets that cover the text in order, as columns (:class:`TokenTable`), and content
terms with aliases merged and stopword layers removed.

How a text is cut:

1. The cutter cuts the text exactly as jieba 0.42.1 does (``Tokenizer.cut``). Its dictionary is
   jieba's own plus the user dictionary, each user term with a forced frequency (:data:`FORCE_FREQ`, or
   more if jieba suggests more), so that jieba's best path keeps the domain terms whole wherever they
   are meant. jieba's HMM guesser for unknown words is off by default; without it the cut is run by
   rjieba (jieba's Rust port, about twenty times faster, the same words), with it by jieba itself.
2. Protected phrases are then merged into single tokens: every user-dictionary term, any extra term
   given with :meth:`Segmenter.with_terms` (for instance the quoted phrases and titles that
   :func:`govreport.harvest.harvest_terms` finds in the report), and Arabic numbers such as ``99.12`` or ``4.6%``
   (jieba cuts these at the point). An occurrence is merged when it starts and ends on a cut of
   step 1, longer phrases first. This keeps whole the phrases jieba cannot produce (``宝墨园·南粤苑``,
   ``TikTok Shop``, ``5G+VR政务晓屋``) and the quoted names it splits, but never lets a phrase
   bite into a neighbouring word: 全街 inside 建立健全街道 (建立健全 / 街道) stays apart.

Part of speech (``pos``) is looked up, not guessed (jieba.posseg is slower and tags differently
from the dictionary the tokens came from), once per distinct word of a text:

* ``x`` for whitespace and punctuation (jieba's convention for non-words);
* ``m`` for numerals: tokens made only of digits, Chinese numeral characters, ``.`` and ``%``
  (``99.12``, ``4.6%``, ``十四五``, ``1310``), even when the report quotes them as a name;
* the tag of the user dictionary entry, ``nz`` for an extra term that is not in it;
* the tag in jieba's ``dict.txt`` for any other word;
* ``eng`` for Latin letters (possibly mixed with digits), ``n`` for anything else (words the HMM
  guessed).

References:
    Sun Junyi, jieba 0.42.1, https://github.com/fxsjy/jieba (dictionary format and tag set).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, overload

import numpy as np
import pandas as pd

from .chars import HAN_EXT_CLASS, ZERO_WIDTH
from .cutter import FORCE_FREQ, Cutter, load_cutter
from .harvest import harvest_terms
from .inputs import reading_view
from .paths import LEXICON_DIR, read_csv_rows

__all__ = [
    "FORCE_FREQ",
    "LAYERS",
    "Lexicon",
    "Segmenter",
    "Token",
    "TokenTable",
    "load_lexicon",
]

#: Stopword layers, in the order a reader would switch them off: function words (的, 通过, 以来),
#: generic policy verbs and modifiers (推进, 加强, 持续, 全面, 深入), generic report nouns (工作, 建设).
LAYERS: tuple[str, ...] = ("function", "policy", "generic")
#: Tags of tokens that never count as terms: punctuation/whitespace (x), numerals (m) and
#: measure words (q, mq: 家, 公顷, 三季度).
NON_TERM_POS = frozenset({"x", "m", "mq", "q"})

USER_DICT_FILE = "user_dict.csv"
STOPWORDS_FILE = "stopwords.csv"
ALIASES_FILE = "aliases.csv"
NAME_PARTS_FILE = "name_parts.csv"

#: Texts up to this length are cut by :meth:`Segmenter._short_tokens` when a list of tokens is asked for.
_SHORT_TEXT = 200
#: What may not stand in the texts :meth:`Segmenter.tokens_many` joins with line breaks (jieba keeps \r\n as one
#: word).
_LINE_BREAK = re.compile("[\r\n]")
#: Where copy-paste noise may begin (:func:`_noise_mask`; a text holding one is cut on its own by
#: :meth:`Segmenter.tokens_many`).
_NOISE_CHAR = re.compile(f"[<&{''.join(ZERO_WIDTH)}]")
_NUMBER = re.compile(r"(?<![0-9A-Za-z.])\d+(?:\.\d+)?%?(?![0-9A-Za-z])")
_LATIN = re.compile(r"^[0-9A-Za-z]*[A-Za-z][0-9A-Za-z]*$")
_NUMERAL = re.compile(r"^[0-9.%０-９〇零一二三四五六七八九十百千万亿两]+$")
_WORDCHAR = re.compile(f"[0-9A-Za-z{HAN_EXT_CLASS}]")


class Token(NamedTuple):
    """One token: ``text[start:end] == token``."""

    start: int
    end: int
    token: str
    pos: str


@dataclass(frozen=True)
class Lexicon:
    """The curated lexicon: user dictionary, stopword layers and aliases.

    Attributes:
        terms: user-dictionary term -> part-of-speech tag.
        categories: user-dictionary term -> category (programme, place, ...).
        stopwords: layer name -> words of that layer.
        aliases: variant spelling -> canonical spelling.
        name_suffixes: the endings of a name (幼儿园, 工业园, 社区 …) -> their category, for
            :func:`govreport.harvest.harvest_names`.
        name_stops: single characters that end a name's head (的, 和, 在 …).
        name_edges: characters and words that never start a name (对, 原, 新建, 全市 …).
        source: folder the files were read from ("" for an empty lexicon).
    """

    terms: Mapping[str, str] = field(default_factory=dict)
    categories: Mapping[str, str] = field(default_factory=dict)
    stopwords: Mapping[str, frozenset[str]] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    name_suffixes: Mapping[str, str] = field(default_factory=dict)
    name_stops: frozenset[str] = frozenset()
    name_edges: frozenset[str] = frozenset()
    source: str = ""


def load_lexicon(lexicon_dir: Path | str = LEXICON_DIR) -> Lexicon:
    """Read the lexicon files of a folder.

    Args:
        lexicon_dir: folder holding ``user_dict.csv`` (term,pos,category,en,note), ``stopwords.csv``
            (layer,word), ``aliases.csv`` (variant,canonical,note) and ``name_parts.csv``
            (role,word,category,note: name suffixes, head stops and edges); a missing file is empty.

    Returns:
        The :class:`Lexicon`.

    Raises:
        ValueError: if a file lacks a column, has an empty cell in a required column, a stopword
            layer is unknown, or an alias points to another alias.
    """
    folder = Path(lexicon_dir)
    if not folder.is_dir():
        raise ValueError(f"lexicon folder not found: {folder}")
    terms: dict[str, str] = {}
    categories: dict[str, str] = {}
    for row in read_csv_rows(folder / USER_DICT_FILE, ("term", "pos", "category")):
        terms[row["term"]] = row["pos"]
        categories[row["term"]] = row["category"]
    layers: dict[str, set[str]] = {name: set() for name in LAYERS}
    for row in read_csv_rows(folder / STOPWORDS_FILE, ("layer", "word")):
        if row["layer"] not in layers:
            raise ValueError(f"{folder / STOPWORDS_FILE}: unknown layer {row['layer']!r}; use one of {LAYERS}")
        layers[row["layer"]].add(row["word"])
    aliases = {row["variant"]: row["canonical"]
               for row in read_csv_rows(folder / ALIASES_FILE, ("variant", "canonical"))}
    chained = sorted(v for v, c in aliases.items() if c in aliases)
    if chained:
        raise ValueError(f"{folder / ALIASES_FILE}: canonical forms that are themselves variants: {chained}")
    parts: dict[str, dict[str, str]] = {"suffix": {}, "stop": {}, "edge": {}}
    for row in read_csv_rows(folder / NAME_PARTS_FILE, ("role", "word")):
        if row["role"] not in parts:
            raise ValueError(f"{folder / NAME_PARTS_FILE}: unknown role {row['role']!r}; use suffix, stop or edge")
        if row["role"] == "suffix" and not row.get("category"):
            raise ValueError(f"{folder / NAME_PARTS_FILE}: suffix {row['word']!r} has no category")
        parts[row["role"]][row["word"]] = row.get("category", "")
    return Lexicon(
        terms=terms,
        categories=categories,
        stopwords={name: frozenset(words) for name, words in layers.items()},
        aliases=aliases,
        name_suffixes=parts["suffix"],
        name_stops=frozenset(parts["stop"]),
        name_edges=frozenset(parts["edge"]),
        source=str(folder),
    )


def _noise_mask(text: str, starts: Sequence[int] | np.ndarray, ends: Sequence[int] | np.ndarray
                ) -> np.ndarray | None:
    """Which tokens lie inside copy-paste noise (HTML tags and entities, zero-width characters): those get
    pos ``x``, so that ``nbsp`` from ``&nbsp;`` or ``p`` from ``<p>`` never count as words. ``None``: none."""
    if not _NOISE_CHAR.search(text):
        return None
    noise = reading_view(text).noise
    if not noise:
        return None
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    first = np.array([s for s, _ in noise], dtype=np.int64)
    last = np.array([e for _, e in noise], dtype=np.int64)
    i = np.searchsorted(first, starts, side="right") - 1
    j = np.maximum(i, 0)
    inside: np.ndarray = (i >= 0) & (first[j] <= starts) & (ends <= last[j])
    return inside


def _longer_runs(pieces: Sequence[str], i: int, heads: frozenset[str], protected: frozenset[str]
                 ) -> Iterator[tuple[int, int]]:
    """The runs ``(i, j)`` of three words or more from word ``i`` whose join is a protected phrase: words are
    joined while the join still begins one (the caller knows that ``pieces[i] + pieces[i + 1]`` does)."""
    joined = pieces[i] + pieces[i + 1]
    for j in range(i + 2, len(pieces)):
        joined += pieces[j]
        if joined in protected:
            yield i, j
        if joined not in heads:
            break


def _take_longest(runs: Iterable[tuple[int, int]], starts: Sequence[int] | np.ndarray,
                  ends: Sequence[int] | np.ndarray, n: int) -> list[tuple[int, int]]:
    """The runs ``(first, last)`` of ``n`` words that are merged: longest first (then leftmost), each unless it
    overlaps one already taken; in text order."""
    taken = bytearray(n)
    merged: list[tuple[int, int]] = []
    for i, j in sorted(runs, key=lambda r: (int(starts[r[0]] - ends[r[1]]), int(starts[r[0]]))):
        if taken.find(1, i, j + 1) < 0:
            merged.append((i, j))
            taken[i:j + 1] = b"\x01" * (j + 1 - i)
    return sorted(merged)


def _factorize(words: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """``(codes, vocab)``: the distinct words in order of first occurrence, and each word's index in them."""
    if not len(words):
        return np.zeros(0, dtype=np.int64), []
    codes, uniques = pd.factorize(np.array(words, dtype=object))  # in order of first occurrence (sort=False)
    return codes.astype(np.int64, copy=False), uniques.tolist()


def _renumbered(codes: np.ndarray, names: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """``(codes, names)`` numbered again in order of first occurrence in ``codes``, keeping only the names used:
    what :func:`_factorize` gives for ``[names[c] for c in codes]``, without hashing a name a code."""
    order = pd.unique(codes)  # the codes used, in order of first occurrence
    renumber = np.zeros(len(names), dtype=np.int64)
    renumber[order] = np.arange(len(order), dtype=np.int64)
    return renumber[codes], [names[c] for c in order.tolist()]


class TokenTable:
    """The tokens of one text as columns: ``starts``, ``ends`` (NumPy int64 arrays), ``tokens``, ``pos``.

    Row ``i`` is the token ``text[starts[i]:ends[i]] == tokens[i]`` with tag ``pos[i]``; the rows
    cover the text in order. ``codes`` and ``vocab`` give the same tokens as integers: ``vocab`` holds
    distinct token texts, every token's among them, and ``tokens[i] == vocab[codes[i]]`` (equal tokens,
    equal codes), so that a property of a word is computed once per distinct word and spread over the rows
    with NumPy; ``pos_codes`` and ``pos_vocab`` do the same for the tags. Indexing
    with an int gives a :class:`Token`, with a slice a :class:`TokenTable`; iterating gives :class:`Token`
    rows.
    """

    __slots__ = ("starts", "ends", "tokens", "pos", "_codes", "_vocab", "_pos_codes", "_pos_vocab")

    def __init__(self, starts: Sequence[int] | np.ndarray, ends: Sequence[int] | np.ndarray,
                 tokens: Sequence[str], pos: Sequence[str], *, codes: np.ndarray | None = None,
                 vocab: Sequence[str] | None = None, pos_codes: np.ndarray | None = None,
                 pos_vocab: Sequence[str] | None = None) -> None:
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        self.tokens = list(tokens)
        self.pos = list(pos)
        if not len(self.starts) == len(self.ends) == len(self.tokens) == len(self.pos):
            raise ValueError("the columns of a token table must have the same length")
        if (codes is None) != (vocab is None) or (codes is not None and len(codes) != len(self.tokens)):
            raise ValueError("codes and vocab go together, one code a token")
        if (pos_codes is None) != (pos_vocab is None) or (pos_codes is not None and len(pos_codes) != len(self.pos)):
            raise ValueError("pos_codes and pos_vocab go together, one code a token")
        self._codes = None if codes is None else np.asarray(codes, dtype=np.int64)
        self._vocab = None if vocab is None else list(vocab)
        self._pos_codes = None if pos_codes is None else np.asarray(pos_codes, dtype=np.int64)
        self._pos_vocab = None if pos_vocab is None else list(pos_vocab)

    @classmethod
    def from_tokens(cls, tokens: Sequence[Token]) -> TokenTable:
        """A table of :class:`Token` rows."""
        return cls([t.start for t in tokens], [t.end for t in tokens], [t.token for t in tokens],
                   [t.pos for t in tokens])

    @property
    def codes(self) -> np.ndarray:
        """For every token, the index of its text in :attr:`vocab`."""
        if self._codes is None:
            self._codes, self._vocab = _factorize(self.tokens)
        return self._codes

    @property
    def vocab(self) -> list[str]:
        """The distinct token texts (a sliced table keeps its parent's; a segmenter's may hold words no row
        uses, such as cut words merged into a longer token)."""
        if self._vocab is None:
            self._codes, self._vocab = _factorize(self.tokens)
        return self._vocab

    @property
    def pos_codes(self) -> np.ndarray:
        """The tags as integers: ``pos[i] == pos_vocab[pos_codes[i]]``."""
        if self._pos_codes is None:
            self._pos_codes, self._pos_vocab = _factorize(self.pos)
        return self._pos_codes

    @property
    def pos_vocab(self) -> list[str]:
        """The distinct tags, in order of first occurrence."""
        if self._pos_vocab is None:
            self._pos_codes, self._pos_vocab = _factorize(self.pos)
        return self._pos_vocab

    def pos_in(self, tags: Iterable[str]) -> np.ndarray:
        """For every token, whether its tag is one of ``tags`` (a boolean array)."""
        wanted = frozenset(tags)
        return np.array([p in wanted for p in self.pos_vocab], dtype=bool)[self.pos_codes] if len(self) else \
            np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return len(self.tokens)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> TokenTable: ...

    def __getitem__(self, key: int | slice) -> Token | TokenTable:
        if isinstance(key, slice):
            if self._codes is None:
                return TokenTable(self.starts[key], self.ends[key], self.tokens[key], self.pos[key])
            return TokenTable(self.starts[key], self.ends[key], self.tokens[key], self.pos[key],
                              codes=self._codes[key], vocab=self._vocab)
        return Token(int(self.starts[key]), int(self.ends[key]), self.tokens[key], self.pos[key])

    def __iter__(self) -> Iterator[Token]:
        for a, b, t, p in zip(self.starts.tolist(), self.ends.tolist(), self.tokens, self.pos):
            yield Token(a, b, t, p)

    def __repr__(self) -> str:
        return f"TokenTable({len(self)} tokens)"

    def between(self, start: int, end: int) -> TokenTable:
        """The tokens that start in ``[start, end)`` (e.g. those of one part or sentence)."""
        lo, hi = np.searchsorted(self.starts, [start, end], side="left")
        return self[int(lo):int(hi)]

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame with columns ``start, end, token, pos``."""
        return pd.DataFrame({"start": self.starts.copy(), "end": self.ends.copy(),
                             "token": pd.Series(self.tokens, dtype="str"), "pos": pd.Series(self.pos, dtype="str")})


class Segmenter:
    """jieba's dictionary cut (a private cutter, :mod:`govreport.cutter`) with the project lexicon; immutable
    once built.

    Build it with :meth:`Segmenter.load`; add per-text terms with :meth:`with_terms` (which returns
    a new segmenter sharing the same cutter). Building one reads jieba's dictionary and the lexicon
    (about a third of a second): build it once and pass it on (see :class:`govreport.document.Resources`).
    """

    def __init__(
        self,
        cutter: Cutter,
        lexicon: Lexicon,
        *,
        user_dict: bool = True,
        extra_terms: Iterable[str] = (),
        _tags: dict[str, tuple[str, bool]] | None = None,
    ) -> None:
        self._cutter = cutter
        self.lexicon = lexicon
        self.hmm = cutter.hmm
        self.user_dict = user_dict
        extra = tuple(dict.fromkeys(t for t in extra_terms if t))
        self.extra_terms = extra
        protected = dict.fromkeys([*(lexicon.terms if user_dict else ()), *extra])
        self._protected = frozenset(protected)
        #: every proper prefix of a protected phrase: where a merge may begin and go on (built on first use)
        self._heads: frozenset[str] | None = None
        #: word -> (tag, whether an extra term's ``nz`` overrides it): the tags looked up so far, shared with
        #: the segmenters made by with_terms (they have the same cutter and lexicon); a word's tag never changes
        self._tags: dict[str, tuple[str, bool]] = _tags if _tags is not None else {}

    def __repr__(self) -> str:
        return (
            f"Segmenter(lexicon={self.lexicon.source!r}, engine={self.engine!r}, hmm={self.hmm}, "
            f"user_dict={self.user_dict}, {len(self.lexicon.terms)} user terms, {len(self.extra_terms)} extra terms)"
        )

    @classmethod
    def load(cls, *, lexicon_dir: Path | str = LEXICON_DIR, hmm: bool = False, user_dict: bool = True,
             engine: str = "auto") -> Segmenter:
        """Build a segmenter for a lexicon folder.

        Args:
            lexicon_dir: folder with the lexicon files (see :func:`load_lexicon`).
            hmm: let jieba's HMM guess words missing from the dictionary.
            user_dict: add the user dictionary (False gives jieba's own dictionary, with the same
                stopwords and aliases, to compare against).
            engine: who cuts (:func:`govreport.cutter.load_cutter`): ``auto`` (rjieba without the HMM, jieba
                with it), ``rjieba`` or ``jieba``. Both give the same tokens.

        Returns:
            The segmenter.
        """
        lexicon = load_lexicon(Path(lexicon_dir).resolve())
        cutter = load_cutter(lexicon.terms if user_dict else {}, hmm=hmm, engine=engine)
        return cls(cutter, lexicon, user_dict=user_dict)

    def with_terms(self, terms: Iterable[str]) -> Segmenter:
        """Return a segmenter that also keeps ``terms`` whole (tagged ``nz`` unless in the lexicon).

        Args:
            terms: extra phrases, e.g. ``harvest_terms(report.text)``.

        Returns:
            A new segmenter sharing this one's cutter; this one is unchanged.
        """
        return Segmenter(self._cutter, self.lexicon, user_dict=self.user_dict,
                         extra_terms=[*self.extra_terms, *terms], _tags=self._tags)

    def with_harvested(self, text: str) -> Segmenter:
        """Shorthand for ``self.with_terms(harvest_terms(text))``."""
        return self.with_terms(harvest_terms(text))

    @property
    def tokenizer(self) -> Cutter:
        """The private cutter (:mod:`govreport.cutter`; do not add words to it, use :meth:`with_terms`)."""
        return self._cutter

    @property
    def engine(self) -> str:
        """Who cuts: ``rjieba`` or ``jieba`` (see :mod:`govreport.cutter`)."""
        return self._cutter.engine

    @property
    def protected_terms(self) -> frozenset[str]:
        """Every phrase this segmenter matches before cutting: user dictionary and extra terms."""
        return self._protected

    def has_word(self, word: str) -> bool:
        """Whether ``word`` is in the cutter's dictionary (jieba's or the user dictionary)."""
        return self._cutter.has_word(word)

    def pos_of(self, token: str) -> str:
        """Part-of-speech tag of a token, by the rules in the module docstring."""
        return self._pos_many((token,))[0]

    def _pos_many(self, tokens: Iterable[str]) -> list[str]:
        """:meth:`pos_of` of each token, in one loop (a text's vocabulary, a window's words)."""
        cache, protected = self._tags, self._protected
        get = cache.get
        out: list[str] = []
        for token in tokens:
            found = get(token)
            if found is None:
                found = cache[token] = self._word_tag(token)
            out.append("nz" if found[1] and token in protected else found[0])
        return out

    def _word_tag(self, token: str) -> tuple[str, bool]:
        """The tag of a word by every rule but the extra terms' (which differ between segmenters sharing a
        cutter), and whether that rule, which comes before the dictionary's, would override it."""
        if not token or not _WORDCHAR.search(token):
            return "x", False
        if _NUMERAL.match(token):
            return "m", False
        if self.user_dict and token in self.lexicon.terms:
            return self.lexicon.terms[token], False
        tag = self._cutter.dict_tag(token)
        if tag:
            return tag, True
        if _LATIN.match(token):
            return "eng", True
        return "n", True

    def tokens(self, text: str) -> list[Token]:
        """Cut a text into tokens that cover it in order.

        Args:
            text: any text.

        Returns:
            Tokens with ``text[t.start:t.end] == t.token``; concatenated they give ``text`` back.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if len(text) > _SHORT_TEXT:
            return list(self.table(text))
        return self._short_tokens(text)

    def tokens_many(self, texts: Sequence[str]) -> list[list[Token]]:
        """:meth:`tokens` of each of many texts (the windows around the names of a report), the same lists.

        Short texts without a line break are cut by one call of the cutter, joined by line breaks: jieba
        cuts the text between two breaks on its own (a break ends a block and is a word of its own), so each
        text gets the words it gets alone, without a call's fixed cost for each. Their tokens are then read
        as one :meth:`table` of the joined text (a merge never takes in a line break: no protected phrase
        holds one, nor does a number) and split at the breaks. Texts with copy-paste noise, and the rest,
        are cut one by one.
        """
        out: list[list[Token] | None] = [None] * len(texts)
        batch = [i for i, t in enumerate(texts) if isinstance(t, str) and 0 < len(t) <= _SHORT_TEXT
                 and not _LINE_BREAK.search(t) and not _NOISE_CHAR.search(t)]
        if len(batch) > 1:
            joined = "\n".join(texts[i] for i in batch)
            table = self._table(joined, self._cutter.cut(joined))
            breaks = np.flatnonzero(np.array([w == "\n" for w in table.vocab], dtype=bool)[table.codes])
            offsets = np.cumsum([0, *(len(texts[i]) + 1 for i in batch[:-1])])
            if len(breaks) == len(batch) - 1 and np.array_equal(table.starts[breaks], offsets[1:] - 1):
                # each token's offsets in its own text: its text's offset taken off
                rel = offsets[np.searchsorted(breaks, np.arange(len(table)))]  # (the text of each token)
                tokens = list(map(Token, (table.starts - rel).tolist(), (table.ends - rel).tolist(), table.tokens,
                                  table.pos))
                bounds = [-1, *breaks.tolist(), len(tokens)]
                for k, i in enumerate(batch):
                    out[i] = tokens[bounds[k] + 1:bounds[k + 1]]
        return [got if got is not None else self.tokens(t) for got, t in zip(out, texts)]

    def _short_tokens(self, text: str) -> list[Token]:
        """:meth:`tokens` of a short text (a phrase) in plain Python: the same rules as :meth:`table` and
        :meth:`_merges`, without the fixed cost of building arrays, which dominates when thousands of phrases
        are cut one by one."""
        pieces = self._cutter.cut(text)
        starts, ends = [], []
        pos = 0
        for w in pieces:
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        heads, protected = self._phrase_heads()
        n = len(pieces)
        runs: set[tuple[int, int]] = set()
        for i in range(n - 1):
            if pieces[i] not in heads:
                continue
            joined = pieces[i] + pieces[i + 1]
            if joined in protected:
                runs.add((i, i + 1))
            if joined in heads:
                runs.update(_longer_runs(pieces, i, heads, protected))
        for m in _NUMBER.finditer(text):
            a, b = m.span()
            i, j = bisect_left(starts, a), bisect_left(ends, b)
            if i < n and j < n and starts[i] == a and ends[j] == b and j > i:
                runs.add((i, j))
        merged = _take_longest(runs, starts, ends, n)
        spans: list[tuple[int, int]] = []
        first_of = dict(merged)
        k = 0
        while k < n:
            last = first_of.get(k, k)
            spans.append((starts[k], ends[last]))
            k = last + 1
        words = [text[a:b] for a, b in spans]
        out = [Token(a, b, w, tag) for (a, b), w, tag in zip(spans, words, self._pos_many(words))]
        noise = _noise_mask(text, [a for a, _ in spans], [b for _, b in spans])
        if noise is not None:
            out = [t._replace(pos="x") if flag else t for t, flag in zip(out, noise.tolist())]
        return out

    def table(self, text: str) -> TokenTable:
        """:meth:`tokens` as a :class:`TokenTable` (columns), the form a :class:`~govreport.document.Document`
        keeps. Each distinct word is tagged once."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return self._table(text, self._cutter.cut(text))

    def _table(self, text: str, pieces: list[str]) -> TokenTable:
        """:meth:`table` of a text the cutter has cut into ``pieces``."""
        codes, vocab = _factorize(pieces)
        lengths = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab))[codes]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        merges = self._merges(text, pieces, codes, vocab, starts, ends)
        del pieces
        if merges:
            first = np.array([i for i, _ in merges], dtype=np.int64)
            last = np.array([j for _, j in merges], dtype=np.int64)
            index = {w: k for k, w in enumerate(vocab)}
            for i, j in merges:
                index.setdefault(text[int(starts[i]):int(ends[j])], len(index))
            vocab = list(index)
            codes[first] = [index[text[int(starts[i]):int(ends[j])]] for i, j in merges]
            ends[first] = ends[last]
            inner = np.zeros(len(codes) + 1, dtype=np.int64)  # +1 at a merge's second token, -1 after its last
            np.add.at(inner, first + 1, 1)
            np.add.at(inner, last + 1, -1)
            keep = np.cumsum(inner[:-1]) == 0
            codes, starts, ends = codes[keep], starts[keep], ends[keep]
        words = np.array(vocab, dtype=object)
        # the tags as codes, from each distinct word's tag, numbered as _factorize numbers the tags column
        tag_of_word, tag_names = _factorize(self._pos_many(vocab))
        tag_codes = tag_of_word[codes]
        noise = _noise_mask(text, starts, ends)
        if noise is not None:
            if "x" not in tag_names:
                tag_names.append("x")
            tag_codes[noise] = tag_names.index("x")
        pos_codes, pos_vocab = _renumbered(tag_codes, tag_names)
        tags = np.array(pos_vocab, dtype=object)[pos_codes]
        return TokenTable(starts, ends, words[codes].tolist(), tags.tolist(), codes=codes, vocab=vocab,
                          pos_codes=pos_codes, pos_vocab=pos_vocab)

    def _merges(self, text: str, pieces: list[str], codes: np.ndarray, vocab: list[str], starts: np.ndarray,
                ends: np.ndarray) -> list[tuple[int, int]]:
        """The runs of cut words ``(first, last)`` (token indices) merged into one token, in text order.

        A run is a candidate when its words joined are a protected phrase or match an Arabic number
        (:data:`_NUMBER`); candidates are taken longest first (then leftmost), each unless it overlaps one
        already taken. Only runs of two words or more change anything (a single word is already whole), so
        only they are looked for: from each word that begins a protected phrase, words are joined while the
        join still begins one.
        """
        heads, protected = self._phrase_heads()
        n = len(pieces)
        runs: set[tuple[int, int]] = set()
        # runs of two words, judged once per distinct pair; only those that may go on are walked further
        at = np.flatnonzero(np.fromiter((w in heads for w in vocab), dtype=bool, count=len(vocab))[codes[:-1]])
        pairs, which = np.unique(codes[at] * len(vocab) + codes[at + 1], return_inverse=True)
        joined_pairs = [vocab[c // len(vocab)] + vocab[c % len(vocab)] for c in pairs.tolist()]
        is_term = np.array([w in protected for w in joined_pairs], dtype=bool)[which]
        goes_on = np.array([w in heads for w in joined_pairs], dtype=bool)[which]
        runs.update((i, i + 1) for i in at[is_term].tolist())
        for i in at[goes_on].tolist():
            runs.update(_longer_runs(pieces, i, heads, protected))
        spans = [m.span() for m in _NUMBER.finditer(text)]
        if spans:
            a, b = np.array(spans, dtype=np.int64).T
            i = np.searchsorted(starts, a)
            j = np.searchsorted(ends, b)
            ok = (i < n) & (j < n)
            ok[ok] = (starts[i[ok]] == a[ok]) & (ends[j[ok]] == b[ok]) & (j[ok] > i[ok])
            runs.update(zip(i[ok].tolist(), j[ok].tolist()))
        return _take_longest(runs, starts, ends, n)

    def _phrase_heads(self) -> tuple[frozenset[str], frozenset[str]]:
        """``(heads, protected)``: every proper beginning of a protected phrase (built once), and the
        protected phrases."""
        if self._heads is None:
            self._heads = frozenset(t[:k] for t in self._protected for k in range(1, len(t)))
        return self._heads, self._protected

    def tokens_frame(self, text: str) -> pd.DataFrame:
        """:meth:`tokens` as a DataFrame with columns ``start, end, token, pos``."""
        return self.table(text).frame()

    def canonical(self, term: str) -> str:
        """The alias table's canonical spelling of ``term`` (itself if it has none)."""
        return self.lexicon.aliases.get(term, term)

    def stopwords(self, layers: Iterable[str] = LAYERS) -> frozenset[str]:
        """Union of the given stopword layers.

        Raises:
            ValueError: for an unknown layer name.
        """
        if isinstance(layers, str):
            layers = (layers,)
        words: set[str] = set()
        for layer in layers:
            if layer not in LAYERS:
                raise ValueError(f"unknown stopword layer {layer!r}; use some of {LAYERS}")
            words |= self.lexicon.stopwords.get(layer, frozenset())
        return frozenset(words)

    def is_term(self, token: Token, *, stop: frozenset[str], min_len: int = 2) -> bool:
        """Whether a token counts as a content term (see :meth:`terms`)."""
        return token.pos not in NON_TERM_POS and self.is_term_word(token.token, stop=stop, min_len=min_len)

    def is_term_word(self, word: str, *, stop: frozenset[str], min_len: int = 2) -> bool:
        """Whether a word counts as a content term whatever its tag (the tag is :meth:`is_term`'s first test)."""
        return self.term_words([word], [self.canonical(word)], stop=stop, min_len=min_len)[0]

    def canonicals(self, words: Iterable[str]) -> list[str]:
        """:meth:`canonical` of each word, in one pass (a text's vocabulary)."""
        aliases = self.lexicon.aliases
        return [aliases.get(w, w) for w in words]

    def term_words(self, words: Sequence[str], canon: Sequence[str], *, stop: frozenset[str],
                   min_len: int = 2) -> list[bool]:
        """:meth:`is_term_word` of each word, in one pass; ``canon`` holds their :meth:`canonicals`. A word is a
        term unless it or its canonical spelling is a stopword, and if that spelling has ``min_len``
        characters or more or is a protected phrase."""
        protected = self._protected
        return [not (w in stop or c in stop) and (len(c) >= min_len or c in protected) for w, c in zip(words, canon)]

    def term_tokens(self, text: str, *, layers: Iterable[str] = LAYERS, min_len: int = 2) -> list[Token]:
        """Like :meth:`terms` but returns the tokens (with offsets; ``token`` is the canonical form)."""
        stop = self.stopwords(layers)
        return [
            t._replace(token=self.canonical(t.token))
            for t in self.tokens(text)
            if self.is_term(t, stop=stop, min_len=min_len)
        ]

    def terms(self, text: str, *, layers: Iterable[str] = LAYERS, min_len: int = 2) -> list[str]:
        """Content terms of a text, in order.

        Punctuation, whitespace and numbers (pos ``x`` or ``m``) never count; aliases are merged
        to their canonical spelling; words of the chosen stopword layers are dropped; so are terms
        shorter than ``min_len`` characters unless they are protected terms.

        Args:
            text: any text.
            layers: stopword layers to remove, some of :data:`LAYERS`; ``()`` keeps them all.
            min_len: shortest term kept, in characters.

        Returns:
            The terms (canonical spellings).
        """
        return [t.token for t in self.term_tokens(text, layers=layers, min_len=min_len)]
