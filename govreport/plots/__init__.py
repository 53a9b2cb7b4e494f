"""Every figure of the package, one function from results to a matplotlib figure.

The analysis modules never import this package: they compute tables; a figure function here draws
one of them. The chapters and ``python -m govreport analyse`` call the same functions, so a figure in
the book and the same-named file ``analyse`` writes are drawn by the same code from the same rows.
:data:`FIGURES` names the figures ``analyse`` draws for one report, each as a function of a
:class:`~govreport.document.Document`. No figure grows with the length of the report: each draws a
bounded number of bars, rows or terms.

Modules: :mod:`.style` (font, colours, saving), :mod:`.report`, :mod:`.keywords`, :mod:`.themes`,
:mod:`.quantities`, :mod:`.corpus`, :mod:`.track` (targets and outcomes; ``track DIR --out`` draws them).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..labels import source_line
from . import corpus, keywords, quantities, report, themes, track
from .style import FONT_NAME, FONT_PATH, PALETTE, PART_COLORS, add_source, new_figure, save_figure, use_house_style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..document import Document

__all__ = ["FIGURES", "REPORT_FIGURES", "FONT_NAME", "FONT_PATH", "PALETTE", "PART_COLORS", "add_source", "new_figure",
           "save_figure", "use_house_style", "corpus", "keywords", "quantities", "report", "themes", "track"]


def _unit_lengths(doc: Document) -> Figure:
    from ..report import top_units

    return report.unit_lengths(top_units(doc.report, limit=report.MAX_UNITS), source=source_line(doc.report))


def _keyness(doc: Document) -> Figure:
    from .. import keywords as kw

    per_part = kw.part_counts(doc)
    return keywords.keyness(kw.keyness(per_part.get("plan", {}), per_part.get("review", {})),
                            source=source_line(doc.report), top=15)


def _theme_shares(doc: Document) -> Figure:
    from .. import themes as th

    return themes.shares(th.theme_shares(th.classify_sentences(doc)), source=source_line(doc.report))


def _headline(doc: Document) -> Figure:
    from .. import quantities as Q

    results = Q.headline_results(Q.extract_quantities(doc), doc.resources.numbers.headline_indicators)
    return quantities.headline(results, source=source_line(doc.report))


def _growth(doc: Document) -> Figure:
    from .. import quantities as Q

    return quantities.growth(Q.growth_rates(Q.extract_quantities(doc)), source=source_line(doc.report),
                             labels=doc.resources.numbers.indicator_labels)


def _formulations(doc: Document) -> Figure:
    from .. import quantities as Q

    return quantities.formulations(Q.formulation_glossary(doc), Q.formulation_density(doc),
                                   source=source_line(doc.report))


#: The figures of :data:`FIGURES` drawn from the parsed report alone (no tokens, no numbers): ``analyse``
#: starts drawing them first, on a worker process, while it reads the rest.
REPORT_FIGURES = frozenset({"unit-lengths"})

#: name -> function(Document) -> Figure: the figures ``analyse`` draws for one report.
FIGURES: dict[str, Callable[[Document], Figure]] = {
    "unit-lengths": _unit_lengths,
    "keywords-keyness": _keyness,
    "themes-shares": _theme_shares,
    "targets-headline": _headline,
    "targets-growth": _growth,
    "targets-formulations": _formulations,
}
