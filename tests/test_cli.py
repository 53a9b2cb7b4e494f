"""The command line: the public contract, output formats, and one-line errors for user mistakes."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from govreport.paths import PROJECT_ROOT, SEED_REPORT

CONTRACT = PROJECT_ROOT.parent / "shared" / "contract.py"


def run(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "govreport", *map(str, args)], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, **kwargs)


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT.is_file(), reason="the shared contract checker is not beside the project")
def test_shared_contract_holds():
    r = subprocess.run([sys.executable, str(CONTRACT)], capture_output=True, text=True, cwd=PROJECT_ROOT,
                       timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "FAILS" not in r.stdout


def test_structure_csv_and_json_agree():
    c = run("structure", SEED_REPORT, "--format", "csv")
    j = run("structure", SEED_REPORT, "--format", "json")
    assert c.returncode == 0 and j.returncode == 0
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    data = json.loads(j.stdout)
    assert [r["unit_id"] for r in rows] == [d["unit_id"] for d in data]
    assert list(data[0]) == ["unit_id", "level", "parent_id", "part", "start", "end", "heading", "text"]
    text = SEED_REPORT.read_text(encoding="utf-8")
    assert all(text[d["start"]:d["end"]] == d["text"] for d in data)


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "sub" / "structure.csv"
    r = run("structure", SEED_REPORT, "--output", out)
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == run("structure", SEED_REPORT).stdout
    assert [p.name for p in out.parent.iterdir()] == ["structure.csv"]  # no temporary left behind


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: (d / "a.pdf").write_bytes(b"%PDF-1.4 x") and d / "a.pdf", "PDF"),
        (lambda d: (d / "e.txt").write_bytes(b"") or d / "e.txt", "empty"),
        (lambda d: (d / "w.txt").write_text(" \n\u3000\n", encoding="utf-8") and d / "w.txt", "whitespace"),
    ],
)
def test_user_mistakes_give_one_line_and_nonzero_exit(tmp_path, make, message):
    r = run("structure", make(tmp_path))
    assert r.returncode != 0
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govreport: error:") and message in lines[0]
    assert "Traceback" not in r.stderr


def test_unknown_option_and_subcommand():
    r = run("structure", SEED_REPORT, "--format", "xml")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run("frobnicate", SEED_REPORT)
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_structure_warning_goes_to_stderr(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("今年做了很多工作。", encoding="utf-8")
    r = run("structure", f)
    assert r.returncode == 0
    assert "warning: " in r.stderr and "no recognised headings" in r.stderr
    assert run("structure", f, "-q").stderr == ""


def test_encoding_other_than_utf8_is_reported(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("一、2023年工作总结\n一是好。\n二、2024年工作计划\n一是干。\n".encode("gb18030"))
    r = run("structure", f)
    assert r.returncode == 0 and "read as gb18030" in r.stderr
    assert "一是好。" in r.stdout


@pytest.mark.slow
def test_analyse_reports_progress_on_a_large_file_and_is_quiet_with_q(tmp_path):
    big = tmp_path / "big.txt"
    seed = SEED_REPORT.read_text(encoding="utf-8")
    big.write_text("\n".join([seed] * 45), encoding="utf-8")  # about 1.1 MB
    r = run("analyse", big, "--out", tmp_path / "out", "--no-figures")
    assert r.returncode == 0
    lines = [ln for ln in r.stderr.splitlines() if "computing" in ln]
    assert len(lines) == 7 and lines[0].endswith("computing structure (1/7)")
    q = run("analyse", big, "--out", tmp_path / "out2", "--no-figures", "-q")
    assert q.returncode == 0 and q.stderr == ""
    small = run("analyse", SEED_REPORT, "--out", tmp_path / "out3", "--no-figures")
    assert "computing" not in small.stderr


# --- track -------------------------------------------------------------------------------------------

CITY = PROJECT_ROOT / "data" / "corpus"
TRACK_COLUMNS = ["indicator", "indicator_en", "target_start", "target_end", "target_surface", "target_value",
                 "target_high", "target_qualifier", "result_start", "result_end", "result_surface", "result_value",
                 "verdict"]


def test_track_two_files_csv_and_json_agree():
    earlier, later = CITY / "city_深圳市_2022.txt", CITY / "city_深圳市_2023.txt"
    c = run("track", earlier, later)
    j = run("track", earlier, later, "--format", "json")
    assert c.returncode == 0 and j.returncode == 0, c.stderr
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    data = json.loads(j.stdout)
    assert next(csv.reader(io.StringIO(c.stdout))) == TRACK_COLUMNS and list(data[0]) == TRACK_COLUMNS
    assert [r["indicator"] for r in rows] == [d["indicator"] for d in data]
    texts = [earlier.read_text(encoding="utf-8"), later.read_text(encoding="utf-8")]
    for d in data:
        assert texts[0][d["target_start"]:d["target_end"]] == d["target_surface"]
        if d["result_start"] is not None:
            assert texts[1][d["result_start"]:d["result_end"]] == d["result_surface"]
    gdp = next(d for d in data if d["indicator"] == "gdp_growth")  # 增长6%左右 → 增长3.3% (hand-checked)
    assert (gdp["target_value"], gdp["result_value"], gdp["verdict"]) == (6, 3.3, "missed")
    assert next(r for r in rows if r["indicator"] == "surveyed_unemployment")["result_start"] == ""


@pytest.mark.slow
def test_track_folder_table_and_figures(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for y in (2017, 2018, 2019):
        (folder / f"city_深圳市_{y}.txt").write_bytes((CITY / f"city_深圳市_{y}.txt").read_bytes())
    r = run("track", folder, "-q")
    assert r.returncode == 0 and r.stderr == ""
    header = next(csv.reader(io.StringIO(r.stdout)))
    assert header == ["place", "earlier_year", "later_year", "earlier_file", "later_file", *TRACK_COLUMNS]
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {(x["earlier_year"], x["later_year"]) for x in rows} == {("2017", "2018"), ("2018", "2019")}
    out = tmp_path / "out"
    w = run("track", folder, "--out", out, "-q")
    assert w.returncode == 0, w.stderr
    names = {p.name for p in out.iterdir()}
    assert {"track.csv", "reports.csv", "summary.json", "track-outcomes.png", "track-outcomes.svg",
            "track-verdicts.png", "track-verdicts.svg"} <= names
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["pairs"] == 2 and summary["targets"] == len(rows)
    assert run("track", folder, "--out", out, "-q").returncode == 0  # an earlier output is replaced


@pytest.mark.parametrize(("args", "message"), [
    (lambda d: [CITY / "city_深圳市_2022.txt"], "two report files"),
    (lambda d: [CITY / "city_深圳市_2022.txt", CITY / "city_深圳市_2024.txt"], "reviews 2023, not 2022"),
    (lambda d: [d / "missing.txt", CITY / "city_深圳市_2023.txt"], "no such file"),
    (lambda d: [CITY / "city_深圳市_2022.txt", CITY / "city_深圳市_2023.txt", "--out", d / "o"], "--out is for a folder"),
    (lambda d: [d], "no .txt report"),
])
def test_track_mistakes_give_one_line(tmp_path, args, message):
    r = run("track", *args(tmp_path))
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govreport: error:") and message in lines[0], r.stderr


def test_track_year_check_can_be_switched_off():
    r = run("track", CITY / "city_深圳市_2022.txt", CITY / "city_深圳市_2024.txt", "--no-year-check")
    assert r.returncode == 0 and r.stdout.startswith("indicator,")


_OPENBLAS_THREADS = """
import sys
sys.argv = ["govreport", "--version"]
from govreport.__main__ import run
try:
    run()
except SystemExit:
    pass
import threadpoolctl
print(sorted({i["num_threads"] for i in threadpoolctl.threadpool_info() if i["internal_api"] == "openblas"}))
"""


@pytest.mark.parametrize(("told", "expected"), [(None, "[1]"), ("2", "[2]")])
def test_the_command_holds_openblas_to_one_thread_unless_told(told, expected):
    # the command runs workers of its own, one per core: OpenBLAS's idle threads would only spin beside them
    pytest.importorskip("threadpoolctl")
    import os

    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if told is not None:
        env["OPENBLAS_NUM_THREADS"] = told
    r = subprocess.run([sys.executable, "-c", _OPENBLAS_THREADS], capture_output=True, text=True, cwd=PROJECT_ROOT,
                       env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == expected
