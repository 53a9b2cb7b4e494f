"""The CSV files of ``analyse`` are written without pandas where that is faster: the bytes must be pandas'."""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from examples_budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.analysis import TABLES, write_csv, write_tokens_csv
from govreport.document import Document
from govreport.paths import PROJECT_ROOT


def _pandas(df: pd.DataFrame, path) -> bytes:
    df.to_csv(path, index=False, lineterminator="\n")
    return path.read_bytes()


def test_every_table_of_the_seed_is_written_as_pandas_writes_it(seed_doc, tmp_path) -> None:
    for name, table in TABLES.items():
        df = table(seed_doc)
        write_csv(df, tmp_path / f"{name}.csv")
        assert (tmp_path / f"{name}.csv").read_bytes() == _pandas(df, tmp_path / f"{name}.pandas.csv"), name
    write_tokens_csv(seed_doc.tokens, tmp_path / "tokens.fast.csv")
    assert (tmp_path / "tokens.fast.csv").read_bytes() == (tmp_path / "tokens.pandas.csv").read_bytes()
    with open(tmp_path / "tokens.fast.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == len(seed_doc.tokens) + 1 and "".join(r[2] for r in rows[1:]) == seed_doc.text


_AWKWARD = st.lists(st.sampled_from(['"', ",", "\n", "\r", "\r\n", " ", "\t", "x", "中", "“", "1", ".", "%", "'",
                                     "\x00", "\u2028", "&nbsp;", "<p>"]), max_size=60).map("".join)


@pytest.mark.filterwarnings("ignore::govreport.report.StructureWarning")
@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.text(max_size=5) | _AWKWARD, max_size=6).map("".join))
def test_tokens_of_any_text_are_written_as_pandas_writes_them(resources, tmp_path_factory, text: str) -> None:
    doc = Document.from_text(text, resources)
    tmp = tmp_path_factory.mktemp("csv")
    write_tokens_csv(doc.tokens, tmp / "fast.csv")
    assert (tmp / "fast.csv").read_bytes() == _pandas(TABLES["tokens"](doc), tmp / "pandas.csv")
    frame = pd.DataFrame({"a": [len(text), 0], "b": [text, "中"], "c": [True, False]}).astype({"b": "str"})
    write_csv(frame, tmp / "plain.csv")
    assert (tmp / "plain.csv").read_bytes() == _pandas(frame, tmp / "plain.pandas.csv")


@pytest.mark.parametrize("lines", [1, 7, 1000])
def test_tokens_written_in_chunks_of_any_size_as_pandas_writes_them(seed_doc, tmp_path, monkeypatch, lines) -> None:
    """The tokens CSV is formatted a chunk of lines at a time: any chunk size (one line, a size that leaves a
    short last chunk) gives pandas' bytes."""
    import govreport.analysis as analysis

    assert len(seed_doc.tokens) % 7 and len(seed_doc.tokens) > 1000
    monkeypatch.setattr(analysis, "_CSV_LINES", lines)
    write_tokens_csv(seed_doc.tokens, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == _pandas(TABLES["tokens"](seed_doc), tmp_path / "pandas.csv")


_CELLS = st.one_of(st.none(), st.just(float("nan")), st.just(pd.NA), st.floats(allow_nan=True), st.integers(),
                   st.booleans(), st.decimals(allow_nan=False, places=4), st.text(max_size=4) | _AWKWARD)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(st.floats(allow_nan=True), _CELLS, st.one_of(st.none(), st.text(max_size=4) | _AWKWARD),
                          st.integers(-10 ** 12, 10 ** 12)), max_size=8))
def test_columns_of_floats_objects_and_missing_cells_are_written_as_pandas_writes_them(tmp_path_factory, rows):
    """Floats (NaN, infinities, -0.0, the tiniest and largest), objects of any kind (None, NaN, pd.NA,
    decimals, booleans, awkward strings) and strings with missing ones: the csv module's bytes are pandas'."""
    tmp = tmp_path_factory.mktemp("cells")
    frame = pd.DataFrame(rows, columns=["f", "o", "s", "i"]).astype({"f": "float64", "o": "object", "s": "str"})
    write_csv(frame, tmp / "fast.csv")
    assert (tmp / "fast.csv").read_bytes() == _pandas(frame, tmp / "pandas.csv")


def test_columns_pandas_formats_its_own_way_are_left_to_pandas(tmp_path) -> None:
    """Dates, float32 numbers and nullable integers are written by pandas itself (the bytes are its own)."""
    import numpy as np

    from govreport.analysis import _csv_cells

    frame = pd.DataFrame({"d": pd.to_datetime(["2024-01-02", None]), "f32": np.array([0.1, 2.5], dtype=np.float32),
                          "n": pd.array([1, None], dtype="Int64")})
    for column in frame.columns:
        assert _csv_cells(frame[column]) is None, column
    write_csv(frame, tmp_path / "fast.csv")
    assert (tmp_path / "fast.csv").read_bytes() == _pandas(frame, tmp_path / "pandas.csv")


def _shares_by_pandas(t: pd.DataFrame) -> dict[str, float]:
    """The comparison's theme shares as pandas' groupby gives them (the definition the fast count follows)."""
    chars = (t["end"] - t["start"]).clip(lower=0)
    total = chars.sum()
    if not total:
        return {}
    return {str(code): round(float(v / total), 6) for code, v in chars.groupby(t["primary_theme"]).sum().items()}


@pytest.mark.parametrize("name", sorted(p.name for p in (PROJECT_ROOT / "data" / "corpus").glob("*.txt"))[1::9])
def test_the_comparisons_theme_shares_are_pandas_groupby_shares(name, resources) -> None:
    from govreport.analysis import _theme_shares

    themes = TABLES["themes"](Document.from_path(PROJECT_ROOT / "data" / "corpus" / name, resources))
    got = _theme_shares(themes)
    assert got == _shares_by_pandas(themes) and list(got) == sorted(got)
    assert abs(sum(got.values()) - 1) < 1e-4
    empty = themes.assign(end=themes["start"])
    assert _theme_shares(empty) == _shares_by_pandas(empty) == {}
