"""The dictionary cut behind :class:`govreport.tokens.Segmenter`: jieba's segmentation, run by rjieba or by jieba.

A :class:`~govreport.tokens.Segmenter` asks its cutter for three things: the words of a text in order
(:meth:`cut`), whether a word is in the dictionary (:meth:`has_word`) and a dictionary word's tag
(:meth:`dict_tag`). Two cutters give them, with the same dictionary (jieba 0.42.1's ``dict.txt`` plus the
user dictionary, each user term at a forced frequency):

* :class:`RustCutter` (the default, ``hmm=False``): `rjieba <https://pypi.org/project/rjieba/>`_, a binding
  of jieba-rs, the Rust port of jieba. It cuts about twenty times faster than jieba and embeds the same
  ``dict.txt``. Two things differ from jieba's ``Tokenizer.cut(text, HMM=False)``, and the cutter
  removes both, so that its words are exactly jieba's (``tests/test_cutter.py`` compares them on the seed,
  the 142 corpus reports and generated text):

  1. *Which characters form the blocks the dictionary cuts.* jieba's block class is
     ``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._%-]``; jieba-rs also puts CJK Extension A (U+3400–4DBF), U+9FD6–9FFF,
     the compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) and Extensions B–F into a block. jieba yields
     each such character as a word of its own; inside a block it would change the sums of the dynamic
     programme, and so how exact ties are broken (夜夜夜𫠠: jieba 夜夜/夜/𫠠, jieba-rs 夜/夜夜/𫠠). The cutter
     cuts the text at these characters, and at lone surrogates (which rjieba, needing UTF-8, cannot take),
     and yields each of them alone, as jieba does.
  2. *The dictionary total.* jieba sums every line of ``dict.txt`` (B超 is listed twice) and its
     ``add_word`` adds a frequency to the total even when the word was already there; jieba-rs sums the
     distinct words and replaces the old frequency. The cutter keeps a "ballast" entry, a word with a
     space in it (which no block holds, so it never matches), whose frequency is the difference, so that
     both totals, and so every probability, are equal.

* :class:`JiebaCutter`: jieba's own ``Tokenizer``, used when the HMM is on (``hmm=True``, which the book
  uses once, as the "jieba as it comes" baseline). With the HMM, jieba-rs's Viterbi breaks ties in runs of
  one repeated character differently (母母母母母: jieba 母母/母母母, jieba-rs 母母母/母母) and keeps runs such
  as ``0-3`` or ``TFT-LCD`` whole where jieba splits them, so only jieba gives jieba's HMM cut. Its
  dictionary and tag table load from one pickle in the project's cache (:func:`_initialise`).

Both pin behaviour to jieba 0.42.1 and rjieba 0.2.2 (jieba-rs 0.11); ``requirements.txt`` pins them.

References:
    Sun Junyi, jieba 0.42.1, https://github.com/fxsjy/jieba (dictionary, cut and tag set).
    messense, rjieba 0.2.2 and jieba-rs 0.11, https://github.com/messense/rjieba-py.
"""
from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import pickle
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .paths import cache_dir

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = ["ENGINES", "FORCE_FREQ", "Cutter", "JiebaCutter", "RustCutter", "jieba_dict_path", "load_cutter"]

#: Minimum dictionary frequency given to a user-dictionary term (jieba's total is about 6e7; a
#: common word such as 发展 has 68,664). Low frequencies are the classic reason user words get split.
FORCE_FREQ = 100_000
#: The cutters :func:`load_cutter` knows; ``auto`` is rjieba without the HMM and jieba with it.
ENGINES = ("auto", "rjieba", "jieba")

#: Characters jieba-rs 0.11 puts in a block and jieba 0.42.1 does not, and lone surrogates: the text is
#: cut at each of them, and each is a word of its own (as in jieba).
_RS_ONLY = re.compile(
    "([\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF"
    "\U00020000-\U0002A6DF\U0002A700-\U0002EBEF\U0002F800-\U0002FA1F\ud800-\udfff])"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: jieba 0.42.1's dictionary total (every line of dict.txt summed) and jieba-rs 0.11's (distinct words).
_JIEBA_TOTAL = 60_101_967
_RJIEBA_TOTAL = 60_101_964
#: A dictionary entry no block can ever hold (blocks hold no spaces): it carries the total's difference.
_BALLAST = "\x20total ballast\x20"


class Cutter(Protocol):
    """What a :class:`~govreport.tokens.Segmenter` needs from its dictionary cut."""

    engine: str
    hmm: bool

    def cut(self, text: str) -> list[str]:
        """The words of ``text`` in order; joined they give ``text`` back."""

    def has_word(self, word: str) -> bool:
        """Whether ``word`` is in the dictionary (jieba's or the user dictionary) with a frequency."""

    def dict_tag(self, word: str) -> str | None:
        """The tag ``dict.txt`` (or the user dictionary) gives ``word``; ``None`` for a word it lacks."""


def jieba_dict_path() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (whose import costs about 0.15 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise FileNotFoundError("jieba is not installed: its dict.txt is the dictionary")
    return Path(spec.origin).parent / "dict.txt"


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class, without the tokenizer rjieba's package builds when it is imported.

    ``import rjieba`` runs the package's ``__init__``, which builds a module-level tokenizer with the whole
    dictionary for its shortcut functions (``rjieba.cut`` …): about 0.1 s and 30 MiB in every process, for a
    tokenizer the package never uses (it cuts with a private one, :class:`RustCutter`). The class lives in
    the compiled module ``rjieba.rjieba``; it is loaded here on its own, and registered under that name, so
    that a later ``import rjieba`` in the same process finds it and does not load it twice. When that module
    is not where rjieba 0.2.2 keeps it, this is ``import rjieba; rjieba.Jieba``."""
    import importlib.machinery
    import sys

    name = "rjieba.rjieba"
    loaded = sys.modules.get(name)
    if loaded is None and "rjieba" not in sys.modules:
        spec = importlib.util.find_spec("rjieba")  # (a top-level package's spec: its __init__ is not run)
        folders = (spec.submodule_search_locations or ()) if spec is not None else ()
        paths = (Path(f) / f"rjieba{suffix}" for f in folders for suffix in importlib.machinery.EXTENSION_SUFFIXES)
        path = next((p for p in paths if p.is_file()), None)
        if path is not None:
            loader = importlib.machinery.ExtensionFileLoader(name, str(path))
            loaded = importlib.util.module_from_spec(importlib.machinery.ModuleSpec(name, loader, origin=str(path)))
            loader.exec_module(loaded)
            sys.modules[name] = loaded
    if loaded is not None and hasattr(loaded, "Jieba"):
        return loaded.Jieba
    import rjieba

    return rjieba.Jieba


#: How many words a :class:`RustCutter` looks up in dict.txt's bytes before it reads the whole tag table.
_FILE_LOOKUPS = 64


def _read_dict_tags(path: Path) -> dict[str, str]:
    """Word -> tag of a jieba dictionary file (``word freq tag`` lines; the last line of a word wins)."""
    tags: dict[str, str] = {}
    for line in path.read_bytes().decode("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            tags[parts[0]] = parts[2]
    return tags


class RustCutter:
    """rjieba's cut, made to give exactly ``jieba.Tokenizer().cut(text, HMM=False)`` (see the module docstring).

    Args:
        terms: user-dictionary term -> tag, each added at ``max(FORCE_FREQ, suggested frequency)``, in
            sorted order (as :class:`JiebaCutter` adds them).
    """

    engine = "rjieba"
    hmm = False

    def __init__(self, terms: Mapping[str, str] | None = None) -> None:
        self._rj = _rjieba_class()()
        self._jieba_total = _JIEBA_TOTAL
        self._rjieba_total = _RJIEBA_TOTAL
        self._added: dict[str, int] = {}
        self._base_tags: dict[str, str] = {}  # dict.txt's tags of the user terms it already holds
        self._file_tags: dict[str, str] | None = None  # dict.txt's whole tag table, read once many words ask
        self._dict_bytes: bytes | None = None  # dict.txt with a leading newline (:meth:`_dict_file`)
        self._file_lookups = 0
        for term, tag in sorted((terms or {}).items()):
            freq = max(FORCE_FREQ, self._rj.suggest_freq(term))
            if term in self._added:  # pragma: no cover (a mapping has each key once)
                old = self._added[term]
            elif self._rj.has_word(term):  # a word of dict.txt: jieba-rs replaces its frequency
                old, self._base_tags[term] = _dict_entry(self._dict_file(), term)
            else:
                old = 0
            self._rj.add_word(term, freq, tag)
            self._added[term] = freq
            self._jieba_total += freq  # jieba: total += freq, whatever was there
            self._rjieba_total += freq - old  # jieba-rs: the old frequency is replaced
        self._rj.add_word(_BALLAST, self._jieba_total - self._rjieba_total, "x")

    def __repr__(self) -> str:
        return f"RustCutter({len(self._added)} user terms)"

    @property
    def total(self) -> int:
        """The dictionary total the probabilities are divided by (equal to jieba's ``Tokenizer.total``)."""
        return self._jieba_total

    def cut(self, text: str) -> list[str]:
        cut = self._rj.cut
        if not _RS_ONLY.search(text):
            words: list[str] = cut(text, False)
            return words
        out: list[str] = []
        for i, part in enumerate(_RS_ONLY.split(text)):
            if i % 2:
                out.append(part)
            elif part:
                out.extend(cut(part, False))
        return out

    def has_word(self, word: str) -> bool:
        if _SURROGATE.search(word):  # no dictionary word holds one, and rjieba cannot take it (not UTF-8)
            return False
        return word != _BALLAST and bool(self._rj.has_word(word))

    def dict_tag(self, word: str) -> str | None:
        if not word or not self.has_word(word):
            return None
        if word in self._added:  # as in jieba: dict.txt's tag, none for a word only the user dictionary has
            return self._base_tags.get(word)
        tagged = self._rj.tag(word, False) if not _RS_ONLY.search(word) else []
        if len(tagged) == 1:  # a word the cut keeps whole, as every word of a cut is
            tag: str = tagged[0][1]
            return tag or None
        # a dictionary word the cut would split when alone (pos_of of an arbitrary string): dict.txt's line.
        # A corpus of 142 reports asks for four such words, so the first few are found in the file's bytes
        # (milliseconds each); building the whole table (about half a second) waits until many are asked.
        if self._file_tags is None and self._file_lookups < _FILE_LOOKUPS:
            self._file_lookups += 1
            try:
                return _dict_entry(self._dict_file(), word)[1] or None
            except KeyError:
                return None
        if self._file_tags is None:
            self._file_tags = _read_dict_tags(jieba_dict_path())
            self._dict_bytes = None
        return self._file_tags.get(word) or None

    def _dict_file(self) -> bytes:
        """dict.txt's bytes with a leading newline (for :func:`_dict_entry`), read once and kept until the
        whole tag table is read."""
        if self._dict_bytes is None:
            self._dict_bytes = b"\n" + jieba_dict_path().read_bytes()
        return self._dict_bytes

    def suggest_freq(self, segment: str) -> int:
        """rjieba's suggested frequency (it can differ from jieba's by 1, float rounding; the forced
        frequency of the user terms is far above either)."""
        freq: int = self._rj.suggest_freq(segment)
        return freq


def _dict_entry(dict_bytes: bytes, word: str) -> tuple[int, str]:
    """The frequency and tag of ``word`` in dict.txt's bytes (with a leading newline; the last line wins;
    the tag is "" on a line without one)."""
    key = b"\n" + word.encode("utf-8") + b" "
    i = dict_bytes.rfind(key)
    if i < 0:
        raise KeyError(word)
    start = i + len(key)
    end = dict_bytes.find(b"\n", start)
    fields = dict_bytes[start:end if end >= 0 else len(dict_bytes)].split()
    return int(fields[0]), fields[1].decode("utf-8") if len(fields) > 1 else ""


def _quiet_jieba() -> None:
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _initialise(tokenizer: jieba.Tokenizer) -> dict[str, str]:
    """Initialise a private jieba tokenizer with jieba's own dictionary, and return its tag table.

    Both come from one pickle in the project's cache (``.cache/jieba/segmenter.<key>.pickle``, keyed
    by jieba's version and its dictionary file): loading it takes about 0.2 s, against about 0.6 s
    for jieba's own cache plus parsing the tags from ``dict.txt``. Without the pickle (first run, or
    jieba changed) the tokenizer initialises as jieba does and the pickle is written, whole, then
    renamed into place, so that concurrent processes never read half a file. The pickle is written
    and read only by this function, in the project's own cache folder.
    """
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    path: Path | None = None
    if source.is_file() and not getattr(tokenizer, "dictionary", None):
        st = source.stat()
        key = hashlib.sha1(f"{jieba.__version__}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
        path = Path(tokenizer.tmp_dir or cache_dir("jieba")) / f"segmenter.{key}.pickle"
        if path.is_file():
            try:
                with open(path, "rb") as fh:
                    freq, total, tags = pickle.load(fh)
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
                return dict(tags)
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                pass  # a damaged cache: rebuild it below
    tokenizer.initialize()
    tags = _read_dict_tags(source)
    if path is not None:
        fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((tokenizer.FREQ, tokenizer.total, tags), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
    return tags


class JiebaCutter:
    """jieba's own ``Tokenizer`` (private, never jieba's global one), with the user terms.

    Args:
        terms: user-dictionary term -> tag, each added at ``max(FORCE_FREQ, jieba's suggested
            frequency)``, in sorted order.
        hmm: let jieba's HMM guess words missing from the dictionary.
    """

    engine = "jieba"

    def __init__(self, terms: Mapping[str, str] | None = None, *, hmm: bool = False) -> None:
        import jieba

        _quiet_jieba()
        self.hmm = hmm
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.tmp_dir = str(cache_dir("jieba"))
        self._tags = _initialise(self.tokenizer)
        for term, tag in sorted((terms or {}).items()):
            freq = max(FORCE_FREQ, self.tokenizer.suggest_freq(term, False))
            self.tokenizer.add_word(term, freq, tag)

    def __repr__(self) -> str:
        return f"JiebaCutter(hmm={self.hmm})"

    @property
    def total(self) -> int:
        """jieba's dictionary total."""
        total: int = self.tokenizer.total
        return total

    def cut(self, text: str) -> list[str]:
        words: list[str] = self.tokenizer.lcut(text, HMM=self.hmm)
        return words

    def has_word(self, word: str) -> bool:
        freq: Any = self.tokenizer.FREQ.get(word, 0)
        return bool(freq > 0)

    def dict_tag(self, word: str) -> str | None:
        return self._tags.get(word)


def load_cutter(terms: Mapping[str, str], *, hmm: bool = False, engine: str = "auto") -> Cutter:
    """The cutter for a segmenter: ``engine`` ``rjieba`` or ``jieba``; ``auto`` takes rjieba without the HMM
    (the package's default, the same words twenty times faster) and jieba with it (see the module docstring).

    Raises:
        ValueError: an unknown engine, or ``rjieba`` with ``hmm=True``.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown segmentation engine {engine!r}; use one of {ENGINES}")
    if engine == "rjieba" and hmm:
        raise ValueError("the rjieba engine cuts without the HMM only; use engine='jieba' for hmm=True")
    if engine == "jieba" or (engine == "auto" and hmm):
        return JiebaCutter(terms, hmm=hmm)
    return RustCutter(terms)
