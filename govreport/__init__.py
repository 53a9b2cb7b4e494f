"""govreport: structure, keywords, policy themes and quantitative targets of Chinese work reports.

The public verbs are re-exported here; each lives in the module of its stage. Data flows one way:
text → report → document (tokens, sentences, numbers) → analyses → tables → figures::

    inputs.py      read_text (decoding, one-line refusals)
    report.py      load_report, parse_report, unit_summary, top_units, structure_counts
    tokens.py      Segmenter, TokenTable (the cut, with offsets and tags)
    harvest.py     harvest_terms, harvest_names (a report's own phrases and names)
    cutchecks.py   term_integrity, unknown_words, integrity_table, compare_top_terms (segmentation checks)
    document.py    Document (a report read once), Resources (the curated data, loaded once)
    keywords/      term_counts, tfidf, textrank, keyness, cooccurrence, kwic
    themes/        load_taxonomy, classify_sentences, theme_shares, themes_table
    quantities/    extract_quantities, classify_numerals, formulations, commitments, headline_results
    track/         track (a plan's targets against the next review's results), track_reports (a folder)
    outputs.py     save_table, markdown_table, the manifest of saved files
    labels.py      label, source_line (figure text in English or Chinese)
    plots/         every figure, one function from results to a matplotlib figure; save_figure
    analysis.py    analyse_report, analyse_corpus, analyse_track
    book.py        book_document, show_table (what the chapters share)
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module of its stage. Modules load on first use, so that ``python -m govreport
#: structure`` does not pay for jieba, scikit-learn or matplotlib.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["analyse_report", "analyse_corpus", "analyse_track"], "analysis"),
    **dict.fromkeys(["book_document", "book_report", "book_report_path", "is_seed", "show_table"], "book"),
    **dict.fromkeys(["Document", "Resources"], "document"),
    **dict.fromkeys(["label", "language", "source_line"], "labels"),
    **dict.fromkeys(["markdown_table", "save_table"], "outputs"),
    **dict.fromkeys(["FONT_PATH", "PALETTE", "PART_COLORS", "add_source", "save_figure", "use_house_style"], "plots"),
    **dict.fromkeys(["InputError", "read_text", "reading_view"], "inputs"),
    **dict.fromkeys(["cooccurrence", "keyness", "keywords_table", "kwic", "term_counts", "textrank", "tfidf"],
                    "keywords"),
    **dict.fromkeys(["classify_numerals", "commitments", "coverage_gaps", "extract_quantities",
                     "formulation_glossary", "formulations", "headline_results"], "quantities"),
    **dict.fromkeys(["classify_sentences", "load_taxonomy", "theme_shares", "themes_table"], "themes"),
    **dict.fromkeys(["Segmenter", "TokenTable"], "tokens"),
    **dict.fromkeys(["harvest_names", "harvest_terms"], "harvest"),
    **dict.fromkeys(["TrackLexicon", "track_reports"], "track"),
    **dict.fromkeys(["PARTS", "Report", "ReportError", "Unit", "load_report", "parse_report", "structure_counts",
                     "top_units", "unit_summary"], "report"),
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
    from .analysis import analyse_corpus, analyse_report, analyse_track
    from .book import book_document, book_report, book_report_path, is_seed, show_table
    from .document import Document, Resources
    from .harvest import harvest_names, harvest_terms
    from .inputs import InputError, read_text, reading_view
    from .keywords import cooccurrence, keyness, keywords_table, kwic, term_counts, textrank, tfidf
    from .labels import label, language, source_line
    from .outputs import markdown_table, save_table
    from .plots import FONT_PATH, PALETTE, PART_COLORS, add_source, save_figure, use_house_style
    from .quantities import (
        classify_numerals,
        commitments,
        coverage_gaps,
        extract_quantities,
        formulation_glossary,
        formulations,
        headline_results,
    )
    from .report import (
        PARTS,
        Report,
        ReportError,
        Unit,
        load_report,
        parse_report,
        structure_counts,
        top_units,
        unit_summary,
    )
    from .themes import classify_sentences, load_taxonomy, theme_shares, themes_table
    from .tokens import Segmenter, TokenTable
    from .track import TrackLexicon, track_reports
