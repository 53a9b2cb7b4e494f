"""A report read once: the :class:`Document` every analysis takes, and the :class:`Resources` it reads with.

A :class:`Document` holds a parsed report and what every later stage needs from its text, each
computed once, on first use, and kept by the document itself:

* ``segmenter``: the lexicon-aware segmenter, extended with the phrases the report quotes (“…”, 《…》)
  and the names it uses (古东幼儿园, 广州市对台交流基地: a proper noun before a name suffix);
* ``tokens``: the tokens of the whole text (a columnar :class:`~govreport.tokens.TokenTable`);
* ``sentences`` and ``sentence_bounds``: the sentences and, for each, the range of its tokens
  (tokens and sentences both tile the text in order, so one pass assigns every token its sentence);
* ``numbers``: every numeral of the text read once as a quantity, another kind of numeral or a
  numbered formulation (:func:`govreport.quantities.read_numbers`).

The analyses (:mod:`govreport.keywords`, :mod:`govreport.themes`, :mod:`govreport.quantities`) are
functions of a document; none re-reads the file, re-segments the text or re-reads its numbers.

:class:`Resources` holds the curated data those stages read (the segmenter with its lexicon, the
theme taxonomy and its keywords as the segmenter cuts them, the number lexicon, jieba's IDF table), each
loaded on first use. Whoever runs the
analyses builds one and passes it to every document: a notebook, the CLI, or the parent process of
a corpus run, whose workers share it.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .harvest import harvest_names, harvest_terms
from .paths import LEXICON_DIR
from .report import Report, Unit, load_report, parse_report
from .tokens import LAYERS, NON_TERM_POS, Segmenter, TokenTable, _factorize, _renumbered

if TYPE_CHECKING:  # pragma: no cover
    from .glosses import Glosses
    from .keywords import IdfTable
    from .quantities import NumberLexicon, NumberReading
    from .quantities.periods import TimeReading
    from .themes import Taxonomy

__all__ = ["Resources", "Document"]


class Resources:
    """The curated data the analyses read, each part loaded on first use and then kept.

    Args:
        lexicon_dir: The lexicon folder (default ``data/lexicon``).
        hmm: Let jieba's HMM guess unknown words (off by default; see :mod:`govreport.tokens`).
        user_dict: Segment with the user dictionary (off gives jieba's own dictionary, to compare).
        harvest: Keep whole the phrases each report quotes or titles (“…”, 《…》) and the names it uses
            (:func:`govreport.harvest.harvest_names`); off, with
            ``user_dict=False, hmm=True``, gives jieba as it comes.
    """

    def __init__(self, lexicon_dir: str | Path = LEXICON_DIR, *, hmm: bool = False, user_dict: bool = True,
                 harvest: bool = True) -> None:
        self.lexicon_dir = Path(lexicon_dir)
        self.hmm = hmm
        self.user_dict = user_dict
        self.harvest = harvest

    def __repr__(self) -> str:
        return (f"Resources({str(self.lexicon_dir)!r}, hmm={self.hmm}, user_dict={self.user_dict}, "
                f"harvest={self.harvest})")

    @cached_property
    def segmenter(self) -> Segmenter:
        """The segmenter: a private jieba tokenizer with the lexicon (:meth:`Segmenter.load`)."""
        return Segmenter.load(lexicon_dir=self.lexicon_dir, hmm=self.hmm, user_dict=self.user_dict)

    @cached_property
    def taxonomy(self) -> Taxonomy:
        """The ten policy themes and their keywords (``themes.yml``)."""
        from .themes import load_taxonomy

        return load_taxonomy(self.lexicon_dir / "themes.yml")

    @cached_property
    def numbers(self) -> NumberLexicon:
        """What the number reader knows: formulations, numeral names, words whose numerals count nothing,
        headline indicators and commitment verbs."""
        from .quantities import NumberLexicon

        return NumberLexicon.load(self.lexicon_dir)

    @cached_property
    def keyword_cuts(self) -> list[tuple[str, float, str, tuple[str, ...]]]:
        """The theme keywords as the segmenter cuts them, ``(theme, weight, keyword, phrase)`` in taxonomy order
        (:func:`govreport.themes.classify.keyword_cuts`): cut once, for every document."""
        from .themes.classify import keyword_cuts

        return keyword_cuts(self.taxonomy, self.segmenter)

    @cached_property
    def glosses(self) -> Glosses:
        """The curated English glosses (``data/glosses``), for the English columns of tables."""
        from .glosses import load_glosses

        return load_glosses(lexicon_dir=self.lexicon_dir)

    @cached_property
    def idf(self) -> IdfTable:
        """jieba's IDF table, for TF-IDF keywords."""
        from .keywords import IdfTable

        return IdfTable.load()

    def preload(self) -> Resources:
        """Load every part now (e.g. in a parent process, so that forked workers share it); returns self."""
        for name in ("segmenter", "taxonomy", "keyword_cuts", "numbers", "idf", "glosses"):
            getattr(self, name)
        self.idf.hashes  # noqa: B018  (the IDF table's hash index)
        return self


class Document:
    """A parsed report and what the analyses need from its text, each computed once on first use.

    Args:
        report: The parsed report.
        resources: The curated data to read it with (default: a new :class:`Resources` of the
            project's lexicon; pass one to share it between documents).
    """

    def __init__(self, report: Report, resources: Resources | None = None) -> None:
        self.report = report
        self.resources = resources if resources is not None else Resources()
        self._terms: dict[tuple[tuple[str, ...], int], tuple[np.ndarray, np.ndarray, list[str]]] = {}
        self._idf: dict[tuple[tuple[str, ...], int], np.ndarray] = {}

    @classmethod
    def from_path(cls, path: str | Path, resources: Resources | None = None, *, verify: bool = True) -> Document:
        """Read, decode and parse a report file (:func:`govreport.report.load_report`)."""
        return cls(load_report(path, verify=verify), resources)

    @classmethod
    def from_text(cls, text: str, resources: Resources | None = None, *, source: str = "") -> Document:
        """Parse a text (:func:`govreport.report.parse_report`)."""
        return cls(parse_report(text, source=source), resources)

    def __repr__(self) -> str:
        return f"Document({self.report.source or 'text'!r}, {len(self.report.text)} characters)"

    @property
    def text(self) -> str:
        """The report's text, as read."""
        return self.report.text

    @cached_property
    def segmenter(self) -> Segmenter:
        """The resources' segmenter, extended with the phrases this report quotes or titles
        (:func:`~govreport.harvest.harvest_terms`) and the names of institutions, places and heritage
        items it uses (:func:`~govreport.harvest.harvest_names`), unless the resources say
        ``harvest=False``."""
        seg = self.resources.segmenter
        if not self.resources.harvest:
            return seg
        return seg.with_terms([*harvest_terms(self.report.text), *self.names])

    @cached_property
    def names(self) -> list[str]:
        """The names of institutions, places and heritage items the report uses
        (:func:`~govreport.harvest.harvest_names` with the resources' segmenter), in order of first use;
        none if the resources say ``harvest=False``."""
        if not self.resources.harvest:
            return []
        return harvest_names(self.report.text, self.resources.segmenter)

    @cached_property
    def tokens(self) -> TokenTable:
        """Every token of the text, in order (they cover it)."""
        return self.segmenter.table(self.report.text)

    @cached_property
    def sentences(self) -> list[Unit]:
        """The sentence units, in reading order."""
        return self.report.sentences()

    @cached_property
    def sentence_bounds(self) -> np.ndarray:
        """Token index ranges of the sentences: sentence ``i`` holds tokens
        ``sentence_bounds[i]:sentence_bounds[i + 1]`` (length ``len(sentences) + 1``).

        A token belongs to the sentence its first character is in; tokens before the first
        sentence (there are none, since sentences tile the text) would belong to none.
        """
        starts = np.fromiter((s.start for s in self.sentences), dtype=np.int64, count=len(self.sentences))
        bounds = np.searchsorted(self.tokens.starts, starts, side="left")
        return np.append(bounds, len(self.tokens)).astype(np.int64)

    def sentence_of_tokens(self) -> np.ndarray:
        """For every token, the index of its sentence."""
        counts = np.diff(self.sentence_bounds)
        return np.repeat(np.arange(len(self.sentences), dtype=np.int64), counts)

    @cached_property
    def canonical_vocab(self) -> list[str]:
        """The canonical spelling (:meth:`Segmenter.canonical`) of each word of the tokens' vocabulary
        (``tokens.vocab``)."""
        return self.segmenter.canonicals(self.tokens.vocab)

    def term_codes(self, *, layers: Iterable[str] = LAYERS, min_len: int = 2) -> tuple[np.ndarray, np.ndarray,
                                                                                        list[str]]:
        """The content terms of the text as integers: ``(token indices, term codes, term vocabulary)``.

        Token ``index[k]`` is a term whose canonical spelling is ``vocab[codes[k]]``; the vocabulary holds
        each distinct term once, in order of first occurrence. See :meth:`term_tokens`.
        """
        key = (tuple(layers), min_len)
        if key not in self._terms:
            seg = self.segmenter
            stop = seg.stopwords(key[0])
            table = self.tokens
            words = table.vocab
            # each distinct word is judged once (its tag aside: the tag is the token's, see Segmenter.is_term)
            spelled = self.canonical_vocab
            keep = np.array(seg.term_words(words, spelled, stop=stop, min_len=min_len), dtype=bool)
            index = np.flatnonzero(keep[table.codes] & ~table.pos_in(NON_TERM_POS)) if len(table) else \
                np.zeros(0, dtype=np.int64)
            # each kept spelling numbered in vocabulary order
            kept, names = _factorize([c for c, k in zip(spelled, keep.tolist()) if k])
            canon = np.full(len(words), -1, dtype=np.int64)
            canon[keep] = kept
            codes = canon[table.codes[index]]
            codes, names = _renumbered(codes, names)  # the terms in order of first occurrence in the text
            self._terms[key] = (index.astype(np.int64), codes, names)
        return self._terms[key]

    def term_idf(self, *, layers: Iterable[str] = LAYERS, min_len: int = 2) -> np.ndarray:
        """jieba's IDF of each term of :meth:`term_codes`' vocabulary (the table's median for a term it lacks;
        ``resources.idf``), looked up once."""
        key = (tuple(layers), min_len)
        if key not in self._idf:
            self._idf[key] = self.resources.idf.lookup(self.term_codes(layers=key[0], min_len=min_len)[2])
        return self._idf[key]

    def term_tokens(self, *, layers: Iterable[str] = LAYERS, min_len: int = 2) -> tuple[np.ndarray, list[str]]:
        """The content terms of the text: ``(token indices, canonical spellings)``, in order.

        A term is a token that :meth:`Segmenter.is_term` accepts with the stopwords of ``layers``
        (numerals and punctuation never), in its alias-merged spelling.
        """
        index, codes, vocab = self.term_codes(layers=layers, min_len=min_len)
        return index, np.array(vocab, dtype=object)[codes].tolist() if len(codes) else []

    def sentence_terms(self, *, layers: Iterable[str] = LAYERS, min_len: int = 2) -> list[list[str]]:
        """The content terms of each sentence (see :meth:`term_tokens`), one list per sentence."""
        index, words = self.term_tokens(layers=layers, min_len=min_len)
        cuts = np.searchsorted(index, self.sentence_bounds, side="left").tolist()
        return [words[a:b] for a, b in zip(cuts[:-1], cuts[1:])]

    @cached_property
    def numbers(self) -> NumberReading:
        """Every numeral of the text, read once (:func:`govreport.quantities.read_numbers`)."""
        from .quantities import read_numbers

        return read_numbers(self.report.text, lexicon=self.resources.numbers)

    @cached_property
    def quantity_times(self) -> tuple[TimeReading, ...]:
        """The period, span and unit id of each quantity of :attr:`numbers`, in the same order, read once
        (:func:`govreport.quantities.periods.read_times`): the quantities table and the figures of targets
        share them."""
        from .quantities.periods import read_times
        from .report.years import report_years

        report = self.report
        return tuple(read_times(report, self.numbers.quantities, self.resources.numbers,
                                plan_year=report_years(report.text).plan_year))
