"""The book names the report it is built from.

The title in ``_config.yml`` is a template (``Reading a work report: {report}``); this extension fills
it from the report named by ``GOVREPORT_REPORT`` (default: the Shawan Street report), so the book's
title, every page title and the citation name that report (:func:`govreport.prose.book_title`). It
also hands the Markdown pages (which run no code) what they say about the report, as MyST
substitutions (``{{ report_subtitle }}`` …), and sets the tag ``seed_report`` when the book is built
from the Shawan Street report, for the few passages that only make sense for it
(``{only} seed_report``).
"""
from __future__ import annotations

import sys
from pathlib import Path


def _config_inited(app, config) -> None:
    root = Path(app.confdir)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from govreport.book import book_report, is_seed
    from govreport.prose import book_title, describe

    report = book_report()
    about = describe(report)
    config.html_title = book_title(str(config.html_title or "{report}"), report)
    config.project = config.html_title
    review, plan = about.info.review_year, about.info.plan_year
    subs = dict(config.myst_substitutions or {})
    subs.update({
        "report_label": about.label,
        "report_subtitle": about.subtitle,
        "report_title_zh": about.title("zh"),
        "report_title_en": about.title("en"),
        "report_provenance": about.provenance(),
        "report_sha256": f"{report.sha256[:8]}…{report.sha256[-6:]}",
        "review_year": str(review) if review else "review-year",
        "plan_year": str(plan) if plan else "plan-year",
        "review_of": f"the {review} review" if review else "the review",
        "plan_for": f"the {plan} plan" if plan else "the plan",
    })
    config.myst_substitutions = subs
    if is_seed():
        app.tags.add("seed_report")


def setup(app):
    app.connect("config-inited", _config_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
