"""``analyse`` of one report draws its figures on worker processes while it writes the tables: the files
are those of drawing them one after another, and a failing figure leaves no output behind."""
from __future__ import annotations

import gc
import json
import warnings

import pytest

from govreport import plots
from govreport.analysis import analyse_report
from govreport.paths import SEED_REPORT


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.slow
def test_figures_drawn_by_workers_are_the_figures_drawn_in_turn(tmp_path):
    frozen = gc.get_freeze_count()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyse_report(SEED_REPORT, tmp_path / "workers", jobs=2)
        # the objects kept from the collector while the workers forked are its again in this process
        assert gc.get_freeze_count() == frozen
        analyse_report(SEED_REPORT, tmp_path / "in-turn", jobs=1)
    workers, in_turn = _files(tmp_path / "workers"), _files(tmp_path / "in-turn")
    assert workers.keys() == in_turn.keys()
    assert {f"{name}.{ext}" for name in plots.FIGURES for ext in ("png", "svg")} <= workers.keys()
    assert [k for k in workers if workers[k] != in_turn[k]] == []
    assert json.loads(workers["summary.json"])["figures"] == list(plots.FIGURES)


def test_a_failing_figure_worker_leaves_no_output(tmp_path, monkeypatch):
    def broken(doc):
        raise RuntimeError("figure failed")

    # the workers are forked from this process, so they see the patched registry
    monkeypatch.setitem(plots.FIGURES, "broken", broken)
    with pytest.raises(RuntimeError, match="figure failed"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyse_report(SEED_REPORT, tmp_path / "out", jobs=2)
    assert list(tmp_path.iterdir()) == []  # neither the output nor its temporary folder
