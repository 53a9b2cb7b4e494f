"""A very large report works in bounded memory; one above the documented limit is refused at once."""
from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from govreport.inputs import MAX_BYTES
from govreport.paths import PROJECT_ROOT, SEED_REPORT


def test_above_the_limit_is_refused_in_one_line(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: the size is checked before anything is read
        fh.truncate(MAX_BYTES + 1)
    r = subprocess.run([sys.executable, "-m", "govreport", "structure", str(big)], capture_output=True, text=True,
                       cwd=PROJECT_ROOT)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "larger than the 20 MiB limit" in r.stderr


@pytest.mark.slow
def test_a_ten_megabyte_report_is_analysed_in_bounded_memory(tmp_path):
    seed = SEED_REPORT.read_text(encoding="utf-8")
    copies = 10_000_000 // len(seed.encode("utf-8")) + 1
    big = tmp_path / "big.txt"
    big.write_text("\n".join([seed] * copies), encoding="utf-8")
    assert big.stat().st_size >= 10_000_000
    out = tmp_path / "out"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([sys.executable, "-m", "govreport", "analyse", str(big), "--out", str(out), "--no-figures",
                        "-q"], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=1200)
    assert r.returncode == 0, r.stderr[-2000:]
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert peak_mb < 2500, f"peak memory {peak_mb:.0f} MB"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["characters"] == len(big.read_text(encoding="utf-8"))
    seed_points = 10 + 25 + 1  # review points, plan sub-points, the plan's lead paragraph (per copy)
    assert summary["rows"]["themes"] >= copies * seed_points
