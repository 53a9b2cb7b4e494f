"""Key facts: the page a briefing writer reads first, computed from the report, in English.

Three tables, each built from the analyses of the chapters (never typed), so that a book rebuilt
for another report shows that report:

* :func:`headline_facts`: the headline results of the review (GDP, visitors, revenue …) with English
  names, values in English number words and units (9.91 billion yuan) and the change the report gives;
* :func:`commitments_by_area`: the plan's commitments (clauses opening with a verb of delivery),
  in English, grouped by policy area (the primary theme of the sentence they stand in, as the themes
  chapter classifies that sentence);
* :func:`results_and_targets`: area by area, the review's headline results beside the plan's
  quantified targets, and the headline indicators for which the plan sets no target.

English comes from :mod:`govreport.glosses` (text without a gloss says ``[no gloss]``), area names
from the figure labels, so that prose, tables and figures name an area alike.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .glosses import NO_GLOSS, Glosses, has_cjk, load_glosses
from .labels import label
from .paths import read_csv_rows

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

__all__ = ["UNITS_FILE", "KeyFacts", "unit_names", "english_number", "english_value", "growth_text", "area_name",
           "headline_facts", "commitments_by_area", "results_and_targets", "key_facts"]

from .glosses import GLOSSES_DIR

UNITS_FILE = GLOSSES_DIR / "units.csv"
_BASIS = (("可比", "at comparable prices"), ("同比", "year on year"), ("环比", "on the previous period"))
_QUALIFIER = {"approx": "nearly ", "more_than": "more than ", "at_least": "at least ", "at_most": "at most ",
              "less_than": "less than "}


def english_number(value: float) -> str:
    """A number as an English briefing writes it: ``9.91 billion``, ``6.39 million``, ``11,000``, ``4.6``.

    Billions and millions keep three significant figures; smaller numbers are written out with
    thousands separators (one decimal place when not whole).
    """
    if value != value:
        return ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            scaled = value / size
            digits = max(0, 2 - int(f"{abs(scaled):e}".split("e")[1]))
            return f"{scaled:.{digits}f} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def unit_names(path: str | None = None) -> dict[tuple[str, str], str]:
    """The English of each measure word, by ``(unit, indicator key)`` (key ``""``: any indicator), from
    ``data/glosses/units.csv``."""
    rows = read_csv_rows(path or UNITS_FILE)
    return {(r["unit"], r.get("indicator_key", "")): r.get("en", "") for r in rows}


def english_value(value: float, unit: str, qualifier: str = "none", *, key: str = "",
                  units: dict[tuple[str, str], str] | None = None) -> str:
    """``9.91 billion yuan``, ``6.39 million visitors``, ``nearly 11,000 cases``: a value in English.

    The unit's English comes from ``data/glosses/units.csv`` (a row for the indicator ``key`` first,
    then the unit's own row); a percentage is written ``4.6%``; a unit without English is shown as
    written, with :data:`~govreport.glosses.NO_GLOSS`.
    """
    names = units if units is not None else unit_names()
    prefix = _QUALIFIER.get(qualifier, "")
    if unit == "%":
        return f"{prefix}{value:g}%"
    word = names.get((unit, key), names.get((unit, "")))
    if word is None:
        word = f"{unit} {NO_GLOSS}" if has_cjk(unit) else unit
    return f"{prefix}{english_number(value)} {word}".strip()


def growth_text(growth: float, surface: str) -> str:
    """``+76.2%``, ``+4.6% at comparable prices``: the change the report gives, in English (``""`` for none)."""
    if growth != growth:
        return ""
    basis = next((en for word, en in _BASIS if word in str(surface)), "")
    return f"{growth:+.1f}%" + (f" {basis}" if basis else "")


def area_name(code: str) -> str:
    """A policy area's English name, as the figures print it (``theme_<code>`` in the figure labels)."""
    return label(f"theme_{code}", lang="en")


def _block_areas(doc: Document) -> tuple[pd.DataFrame, dict[str, str]]:
    """The sentences with their primary theme, and each block's primary theme by id."""
    from . import themes as th

    sentences = th.classify_sentences(doc)
    blocks = th.block_themes(sentences, doc.report)
    return sentences, dict(zip(blocks["unit_id"], blocks["primary_theme"]))


def _area_at(sentences: pd.DataFrame, start: int) -> str:
    """The policy area of a number: the primary theme of the sentence it stands in."""
    hit = sentences[(sentences["start"] <= start) & (sentences["end"] > start)]
    return str(hit.iloc[0]["primary_theme"]) if len(hit) else "unclassified"


def _theme_order() -> list[str]:
    from .themes import THEME_CODES

    return [*THEME_CODES, "unclassified"]


def headline_facts(doc: Document, quantities: pd.DataFrame, *, glosses: Glosses | None = None) -> pd.DataFrame:
    """The headline results of the review, in English.

    Args:
        doc: The document.
        quantities: :func:`govreport.quantities.extract_quantities` of ``doc``.
        glosses: The glosses (default :func:`~govreport.glosses.load_glosses`).

    Returns:
        Columns ``key, area, indicator_en, period_en, value_en, change_en, surface, indicator`` in the
        order of the report; ``area`` is the theme code of the point it stands in.
    """
    from . import quantities as Q

    g = glosses or load_glosses()
    lexicon = doc.resources.numbers
    head = Q.headline_results(quantities, lexicon.headline_indicators)
    sentences, _ = _block_areas(doc)
    units = unit_names()
    rows = []
    for r in head.to_dict(orient="records"):
        key = str(r["key"])
        rows.append({
            "key": key,
            "area": _area_at(sentences, int(r["start"])),
            "indicator_en": label(key, lang="en"),
            "period_en": g.english("term", str(r["period_phrase"])) if r["period_phrase"] else "",
            "value_en": english_value(float(r["value_base"]), str(r["unit"]), str(r["qualifier"]), key=key,
                                      units=units),
            "change_en": growth_text(float(r["growth"]), str(r["growth_surface"])),
            "surface": str(r["surface"]),
            "indicator": str(r["indicator"]),
        })
    return pd.DataFrame(rows, columns=["key", "area", "indicator_en", "period_en", "value_en", "change_en",
                                       "surface", "indicator"])


def commitments_by_area(doc: Document, *, glosses: Glosses | None = None) -> pd.DataFrame:
    """The plan's commitments in English, with their policy area.

    Returns:
        Columns ``area, unit_id, verb, object, commitment_en, quantified`` ordered by area (the
        taxonomy's order), then reading order; ``commitment_en`` is the verb's and the object's English.
    """
    from . import quantities as Q

    g = glosses or load_glosses()
    commit = Q.commitments(doc)
    sentences, _ = _block_areas(doc)
    order = {c: i for i, c in enumerate(_theme_order())}
    rows = []
    for r in commit.to_dict(orient="records"):
        verb, obj = g.english("verb", str(r["verb"])), g.english("object", str(r["object"]))
        text = f"{verb} {obj}" if NO_GLOSS not in (verb, obj) else f"{r['verb']}{r['object']} {NO_GLOSS}"
        rows.append({"area": _area_at(sentences, int(r["start"])), "unit_id": str(r["unit_id"]),
                     "verb": str(r["verb"]), "object": str(r["object"]),
                     "commitment_en": text[:1].upper() + text[1:], "quantified": bool(r["quantified"])})
    out = pd.DataFrame(rows, columns=["area", "unit_id", "verb", "object", "commitment_en", "quantified"])
    if out.empty:
        return out
    out["_o"] = out["area"].map(order).fillna(len(order))
    return out.sort_values(["_o"], kind="stable").drop(columns="_o").reset_index(drop=True)


def _target_text(row: dict[str, object], g: Glosses) -> str:
    ind = g.quantity_indicator(str(row["indicator"]), str(row["unit"]))
    kind, value = str(row["kind"]), float(str(row["value_base"]))
    if kind == "share" or str(row["unit"]) == "%":
        return f"{ind}: {value:g}%"
    if kind == "rating":
        return f"{ind}: grade {str(row['surface']).removesuffix('级')}"
    if kind == "scale":
        if str(row["unit"]) == "级":
            return f"{ind}: of the {english_number(value)}-yuan class"
        return f"{ind}: {row['surface']}"
    unit = g.unit(str(row["unit"]))
    if kind != "count" and unit and unit != NO_GLOSS:  # an area, a length …: "area of new green space: 157 mu"
        return f"{ind}: {english_number(value)} {unit}"
    return f"{english_number(value)} {ind}"


def results_and_targets(doc: Document, quantities: pd.DataFrame, *, glosses: Glosses | None = None,
                        headline: pd.DataFrame | None = None) -> pd.DataFrame:
    """Area by area: the review's headline results beside the plan's quantified targets.

    Args:
        doc: The document.
        quantities: :func:`govreport.quantities.extract_quantities` of ``doc``.
        glosses: The glosses.
        headline: :func:`headline_facts` (computed when not given).

    Returns:
        One row per area that has a headline result or a target, in the taxonomy's order; columns
        ``area, results_2023, targets_2024, no_target`` (``; ``-joined English; ``no_target`` names the
        headline indicators of the area for which the plan states no quantified target, matched by the
        indicator patterns of ``data/lexicon/headline_indicators.csv``).
    """
    g = glosses or load_glosses()
    head = headline if headline is not None else headline_facts(doc, quantities, glosses=g)
    sentences, _ = _block_areas(doc)
    targets = quantities[quantities["period"] == "target"]
    patterns = dict(doc.resources.numbers.headline_indicators)
    rows = []
    for area in _theme_order():
        h = head[head["area"] == area]
        records: list[dict[str, object]] = [{str(k): v for k, v in r.items()}
                                            for r in targets.to_dict(orient="records")]
        t = [r for r in records if _area_at(sentences, int(str(r["start"]))) == area]
        if h.empty and not t:
            continue
        results: list[str] = []
        unmatched: list[str] = []
        for r in h.to_dict(orient="records"):
            period = f" ({r['period_en']})" if r["period_en"] else ""
            change = f", {r['change_en']}" if r["change_en"] else ""
            results.append(f"{r['indicator_en']}{period}: {r['value_en']}{change}")
            pattern = patterns.get(str(r["key"]), "(?!)")
            if not any(re.search(pattern, str(x["indicator"])) for x in records):
                unmatched.append(str(r["indicator_en"]))
        rows.append({"area": area, "results_2023": "; ".join(results),
                     "targets_2024": "; ".join(_target_text(r, g) for r in t),
                     "no_target": "; ".join(unmatched)})
    return pd.DataFrame(rows, columns=["area", "results_2023", "targets_2024", "no_target"])


@dataclass(frozen=True, slots=True)
class KeyFacts:
    """The three tables of the Key facts page (see the module's docstring)."""

    headline: pd.DataFrame
    commitments: pd.DataFrame
    side_by_side: pd.DataFrame

    def myst(self, *, refs: Sequence[str] = ("fig-targets-headline", "tbl-targets-commitments",
                                              "tbl-targets-quantified")) -> str:
        """The page's body as MyST Markdown: three short lists, each line citing its figure or table.

        Args:
            refs: The names of the headline figure, the commitments table and the targets table, cited
                with ``{numref}`` (so the numbers are Sphinx's own).
        """
        fig, tbl_commit, tbl_targets = (f"{{numref}}`{r}`" for r in refs)
        out = ["## Results of the review year", ""]
        if self.headline.empty:
            out.append(f"The review states none of the headline indicators ({fig}).")
        else:
            out += ["| Indicator | Result | Change | As written | Shown in |", "|---|---|---|---|---|"]
            for r in self.headline.itertuples():
                period = f" ({_md(r.period_en)})" if r.period_en else ""
                change = _md(r.change_en) or "\u2014"
                out.append(f"| **{_md(r.indicator_en)}**{period} | {_md(r.value_en)} | {change} | {_md(r.surface)} "
                           f"| {fig} |")
        out += ["", "## Commitments of the plan, by policy area", ""]
        if self.commitments.empty:
            out.append(f"The plan has no clause that opens with a verb of delivery ({tbl_commit}).")
        for area, group in self.commitments.groupby("area", sort=False):
            items = "; ".join(_md(c) for c in group["commitment_en"])
            out.append(f"- **{_md(area_name(str(area)))}**: {items} ({tbl_commit})")
        out += ["", "## Results and targets, area by area", ""]
        if self.side_by_side.empty:
            out.append("The report states no headline result and no quantified target.")
            return "\n".join(out)
        out += ["| Policy area | Result of the review year | Target of the plan year | No target set for |",
                "|---|---|---|---|"]
        for r in self.side_by_side.itertuples():
            results = f"{_md(r.results_2023)} ({fig})" if r.results_2023 else "no headline result"
            targets = f"{_md(r.targets_2024)} ({tbl_targets})" if r.targets_2024 else "no quantified target"
            missing = _md(r.no_target) if r.no_target else "\u2014"
            out.append(f"| {_md(area_name(str(r.area)))} | {results} | {targets} | {missing} |")
        return "\n".join(out)


def _md(text: object) -> str:
    out = str(text)
    for ch in "\\`*_[]{}<>#|$~":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def key_facts(doc: Document, quantities: pd.DataFrame | None = None, *, glosses: Glosses | None = None) -> KeyFacts:
    """All three tables of the Key facts page for ``doc``."""
    from . import quantities as Q

    g = glosses or load_glosses()
    q = quantities if quantities is not None else Q.extract_quantities(doc)
    head = headline_facts(doc, q, glosses=g)
    return KeyFacts(head, commitments_by_area(doc, glosses=g), results_and_targets(doc, q, glosses=g, headline=head))
