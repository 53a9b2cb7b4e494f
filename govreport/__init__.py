"""govreport: structure, keywords, policy themes and quantitative targets of Chinese work reports.

The public verbs are re-exported here; each lives in the module of its stage::

    inputs.py      read_text (decoding, one-line refusals)
    report.py      load_report, parse_report, unit_summary, structure_counts
    tokens.py      Segmenter, harvest_terms
    keywords.py    term_counts, tfidf, textrank, keyness, cooccurrence, kwic
    themes.py      load_taxonomy, classify_sentences, theme_shares, themes_table
    quantities.py  extract_quantities, classify_numerals, formulations, commitments
    figures.py     use_house_style, save_figure, save_table, label
    analysis.py    Analysis, analyse_report, analyse_corpus
    book.py        book_report, source_line
"""
from __future__ import annotations

from .analysis import Analysis
from .book import book_report, book_report_path, source_line
from .figures import (FONT_PATH, PALETTE, PART_COLORS, add_source, label, markdown_table, plot_unit_lengths, save_figure,
                      save_table, use_house_style)
from .inputs import InputError, read_text
from .keywords import cooccurrence, keyness, keywords_table, kwic, term_counts, textrank, tfidf
from .quantities import (classify_numerals, commitments, coverage_gaps, extract_quantities, formulation_glossary,
                         formulations)
from .themes import classify_sentences, load_taxonomy, theme_shares, themes_table
from .tokens import Segmenter, harvest_terms
from .report import PARTS, Report, ReportError, Unit, load_report, parse_report, structure_counts, unit_summary

__version__ = "0.1.0"

__all__ = [
    "Segmenter", "harvest_terms", "cooccurrence", "keyness", "keywords_table", "kwic", "term_counts", "textrank",
    "tfidf", "classify_numerals", "commitments", "coverage_gaps", "extract_quantities", "formulation_glossary",
    "formulations", "classify_sentences", "load_taxonomy", "theme_shares", "themes_table",
    "Analysis", "FONT_PATH", "InputError", "PALETTE", "PARTS", "PART_COLORS", "Report", "ReportError", "Unit",
    "add_source", "markdown_table", "book_report", "book_report_path", "label", "load_report", "parse_report",
    "plot_unit_lengths", "read_text", "save_figure", "save_table", "source_line", "structure_counts", "unit_summary",
    "use_house_style",
]
