"""Keywords: which terms carry a report, which ones each part stresses, and how they are used.

Every function here takes a :class:`~govreport.document.Document` and works on the content terms of its
one segmentation (domain terms whole, aliases merged, stopword layers removed, numerals and
punctuation never). Per-part results use the report's parts (``preamble``, ``review``, ``plan``,
``other``); a term belongs to the part of the sentence it occurs in.

Methods:

* frequency: occurrences of each term;
* TF-IDF: jieba's ``jieba.analyse.TFIDF`` formula and IDF table, fed with the document's terms;
  term frequency from the text, inverse document frequency from jieba's reference table (terms
  missing from it, most domain terms, get the table's median);
* TextRank: jieba's ``jieba.analyse.TextRank`` ranking, fed with the document's tokens; the candidate
  words are the content terms, linked when they occur within 5 tokens of each other;
* keyness: the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
  Quinn 2008), with z-scores.

Modules: :mod:`.terms` (the content terms of a document, by sentence and part; the tokens table),
:mod:`.scores` (TF-IDF, TextRank, keyness), :mod:`.table` (the CLI's keywords table, method agreement),
:mod:`.context` (co-occurrence network, keyword in context). Everything public is re-exported here.

References:
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature selection
    and evaluation for identifying the content of political conflict. Political Analysis 16(4),
    372-403.
    Mihalcea, R., & Tarau, P. (2004). TextRank: Bringing order into texts. EMNLP 2004.
"""
from __future__ import annotations

from ..tokens import LAYERS
from .context import cooccurrence, kwic
from .scores import IdfTable, keyness, textrank, tfidf
from .table import KEYWORD_COLUMNS, METHODS, keywords_table, method_agreement
from .terms import TOKEN_COLUMNS, part_counts, part_ranges, sentence_terms, term_counts, tokens_table

__all__ = [
    "LAYERS",
    "KEYWORD_COLUMNS",
    "METHODS",
    "TOKEN_COLUMNS",
    "IdfTable",
    "cooccurrence",
    "keyness",
    "keywords_table",
    "kwic",
    "method_agreement",
    "part_counts",
    "part_ranges",
    "sentence_terms",
    "term_counts",
    "textrank",
    "tfidf",
    "tokens_table",
]
