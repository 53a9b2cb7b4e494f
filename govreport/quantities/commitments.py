"""Commitments of the plan: clauses that promise something a reader can check later."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from .grammar import alternation
from .indicators import LEAD_MARKER
from .tables import extract_quantities

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = ["commitments"]

_CLAUSE_SPLIT = re.compile(r"[^，,；;。！!？?：:\n\r]+")


def commitments(doc: Document) -> pd.DataFrame:
    """Clauses of the plan that commit to something checkable, quantified or not.

    A clause (between ，；。：) of the ``plan`` part counts when, after adverbs such as 积极, 全力, 加快,
    it opens with a commitment verb (确保, 建成, 创建, 完成, 打造 …), or with a generic verb (推动 / 推进 /
    加快 / 促进) followed by one of them (推动建设…) or ending in a completion (…通车, …落地, …项目建设).
    The words are data: ``data/lexicon/commitment_words.csv``.

    Args:
        doc: The document (the words are ``doc.resources.numbers.commitment_words``).

    Returns:
        Columns ``unit_id, start, end, clause, verb, object, quantified, quantities`` (``quantities``: the
        surfaces of the quantities in the clause, ``;``-joined), in text order.
    """
    cols = ["unit_id", "start", "end", "clause", "verb", "object", "quantified", "quantities"]
    report = doc.report
    words = doc.resources.numbers.commitment_words
    verbs = sorted(words.get("verb", ()), key=len, reverse=True)
    generic_verbs = words.get("generic_verb", ())
    adverbs = words.get("adverb", ())
    completion = re.compile(f"(?:{alternation(words.get('completion', ()))})$") if words.get("completion") else None
    plan = [u for u in report.blocks() if u.part == "plan"]
    qs = extract_quantities(doc)
    rows = []
    for block in plan:
        body_start = block.start
        for m in _CLAUSE_SPLIT.finditer(report.text, body_start, block.end):
            s, e = m.span()
            clause = m.group()
            lead = LEAD_MARKER.match(clause)
            k = lead.end() if lead else len(clause) - len(clause.lstrip(" \u3000\u00a0"))
            rest = clause[k:]
            changed = True
            while changed:
                changed = False
                for adv in adverbs:
                    if rest.startswith(adv) and len(rest) > len(adv) + 1:
                        rest, k, changed = rest[len(adv):], k + len(adv), True
            verb = next((v for v in verbs if rest.startswith(v)), "")
            if not verb:
                g = next((v for v in generic_verbs if rest.startswith(v)), "")
                strong = next((v for v in verbs if g and rest.startswith(v, len(g))), "")
                if strong:
                    verb = g + strong  # 推动建设…
                elif g and completion is not None and completion.search(rest.rstrip()):
                    verb = g
            if not verb:
                continue
            obj = rest[len(verb):].strip()
            if not obj:
                continue
            inside = qs[(qs["start"] >= s) & (qs["end"] <= e)]
            rows.append((block.unit_id, s + k, e, report.text[s + k:e], verb, obj, bool(len(inside)),
                         ";".join(inside["surface"])))
    df = pd.DataFrame(rows, columns=cols)
    return df.astype({"start": "int64", "end": "int64", "quantified": "bool"})
