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

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module of its stage. Modules load on first use, so that ``python -m govreport
#: structure`` does not pay for jieba, scikit-learn or matplotlib.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["Analysis", "analyse_report", "analyse_corpus"], "analysis"),
    **dict.fromkeys(["book_report", "book_report_path", "source_line"], "book"),
    **dict.fromkeys(["FONT_PATH", "PALETTE", "PART_COLORS", "add_source", "label", "markdown_table",
                     "plot_unit_lengths", "save_figure", "save_table", "use_house_style"], "figures"),
    **dict.fromkeys(["InputError", "read_text", "reading_view"], "inputs"),
    **dict.fromkeys(["cooccurrence", "keyness", "keywords_table", "kwic", "term_counts", "textrank", "tfidf"],
                    "keywords"),
    **dict.fromkeys(["classify_numerals", "commitments", "coverage_gaps", "extract_quantities",
                     "formulation_glossary", "formulations"], "quantities"),
    **dict.fromkeys(["classify_sentences", "load_taxonomy", "theme_shares", "themes_table"], "themes"),
    **dict.fromkeys(["Segmenter", "harvest_terms"], "tokens"),
    **dict.fromkeys(["PARTS", "Report", "ReportError", "Unit", "load_report", "parse_report", "structure_counts",
                     "unit_summary"], "report"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .analysis import Analysis, analyse_corpus, analyse_report
    from .book import book_report, book_report_path, source_line
    from .figures import (FONT_PATH, PALETTE, PART_COLORS, add_source, label, markdown_table, plot_unit_lengths,
                          save_figure, save_table, use_house_style)
    from .inputs import InputError, read_text, reading_view
    from .keywords import cooccurrence, keyness, keywords_table, kwic, term_counts, textrank, tfidf
    from .quantities import (classify_numerals, commitments, coverage_gaps, extract_quantities,
                             formulation_glossary, formulations)
    from .report import PARTS, Report, ReportError, Unit, load_report, parse_report, structure_counts, unit_summary
    from .themes import classify_sentences, load_taxonomy, theme_shares, themes_table
    from .tokens import Segmenter, harvest_terms
