"""The processes that analyse run the cyclic garbage collector less often, and give its settings back."""
from __future__ import annotations

import gc
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from govreport import analysis, cli
from govreport.analysis import BATCH_GC_THRESHOLD, batch_collector
from govreport.document import Resources
from govreport.paths import SEED_REPORT


def test_batch_collector_raises_the_young_threshold_and_puts_it_back():
    before = gc.get_threshold()
    with batch_collector():
        inside = gc.get_threshold()
    assert inside == (max(BATCH_GC_THRESHOLD, before[0]), *before[1:])
    assert inside[0] > 700  # CPython's default, which it replaces
    assert gc.get_threshold() == before


def test_batch_collector_puts_it_back_after_an_error_and_never_lowers_it():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), batch_collector():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
    try:
        gc.set_threshold(BATCH_GC_THRESHOLD * 4, *before[1:])
        with batch_collector():
            assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD * 4
    finally:
        gc.set_threshold(*before)


def test_the_command_line_analyses_with_it_and_gives_it_back(monkeypatch, capsys):
    seen: list[tuple[int, ...]] = []
    real = cli._run_table

    def table(args):  # the real subcommand, watched
        seen.append(gc.get_threshold())
        return real(args)

    monkeypatch.setattr(cli, "_run_table", table)
    before = gc.get_threshold()
    assert cli.main(["structure", str(SEED_REPORT), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("unit_id,level,")
    assert seen and seen[0][0] == max(BATCH_GC_THRESHOLD, before[0])
    assert gc.get_threshold() == before


def _threshold(_: int) -> tuple[int, int, int]:
    return gc.get_threshold()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the corpus workers fork on Linux")
def test_corpus_workers_keep_it_for_good():
    before = gc.get_threshold()
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=analysis._init_worker,
                             initargs=(Resources(),)) as pool:
        got = pool.submit(_threshold, 0).result()
    assert got == (max(BATCH_GC_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before  # the parent's are its own
