"""govreport.evaluation.tables: the scores as the book publishes them (order, names), on hand-made scores."""
from __future__ import annotations

import pandas as pd
import pytest

from govreport.evaluation import tables as T
from govreport.evaluation.parts import PartScores
from govreport.evaluation.quantities import FIELDS


def _scores() -> pd.DataFrame:
    rows = []
    for split, level, n in [("all", "all", 10), ("dev", "all", 6), ("heldout", "all", 4), ("dev", "city", 2),
                            ("dev", "province", 1), ("dev", "district", 3), ("heldout", "city", 4)]:
        row = {"split": split, "level": level, "reports": 1, "rows": n, "found": n, "missed": 0, "spurious": 0}
        row.update({f: 1.0 for f in FIELDS})
        row["record"] = n / 10
        rows.append(row)
    return pd.DataFrame(rows)


def test_quantity_rows_come_development_first_then_held_out_then_all():
    table = T.quantity_accuracy(_scores())
    assert list(zip(table["split"], table["level"])) == [
        ("development", "city"), ("development", "district"), ("development", "province"), ("development", "all"),
        ("held-out", "city"), ("held-out", "all"), ("all", "all")]
    assert table.loc[table["split"] == "all", "rows"].tolist() == [10]
    assert table.loc[table["split"] == "held-out", "full record"].tolist() == [pytest.approx(0.4)] * 2


def test_quantity_columns_are_english_and_every_field_but_the_range_is_shown():
    table = T.quantity_accuracy(_scores())
    assert list(table.columns) == ["split", "level", "reports", "rows", "missed", "spurious", "value", "unit",
                                   "qualifier", "direction", "period", "span", "kind", "full record"]
    assert set(FIELDS) - set(T.QUANTITY_FIELDS) == {"value_high"}


def test_parts_table_keeps_the_counts_of_the_summary():
    reports = pd.DataFrame({"file": ["a", "b", "c"], "level": ["city", "city", "district"],
                            "split": ["dev", "heldout", "dev"], "both_found": [True, False, True]})
    headings = pd.DataFrame({"file": ["a", "a", "b", "c"], "level": ["city", "city", "city", "district"],
                             "split": ["dev", "dev", "heldout", "dev"], "right": [True, False, True, True]})
    table = T.parts_accuracy(PartScores(reports, headings).summary())
    assert list(table.columns) == ["split", "level", "reports", "review and plan found", "headings",
                                   "headings right", "heading accuracy"]
    assert table["split"].tolist() == ["development"] * 3 + ["held-out"] * 2 + ["all"]
    last = table.iloc[-1]
    assert (last["reports"], last["review and plan found"], last["headings"], last["headings right"]) == (3, 2, 4, 3)
    dev_city = table[(table["split"] == "development") & (table["level"] == "city")].iloc[0]
    assert dev_city["heading accuracy"] == pytest.approx(0.5)


def test_a_table_without_the_score_columns_is_refused():
    with pytest.raises(ValueError, match="lack"):
        T.quantity_accuracy(_scores().drop(columns="record"))
    with pytest.raises(ValueError, match="lack"):
        T.parts_accuracy(pd.DataFrame({"split": ["dev"], "level": ["city"]}))


def test_accuracy_tables_are_the_two_published_tables_of_one_scoring(resources):
    """accuracy_tables scores the checked quantities once and takes the parts scores the caller already has."""
    from govreport.evaluation import quantities as Qe

    reports = pd.DataFrame({"file": ["a", "b"], "level": ["city", "district"], "split": ["dev", "heldout"],
                            "both_found": [True, False], "rows": [2, 1], "rows_right": [2, 0]})
    headings = pd.DataFrame({"file": ["a", "a", "b"], "level": ["city", "city", "district"],
                             "split": ["dev", "dev", "heldout"], "right": [True, True, False]})
    given = PartScores(reports, headings)
    quantity, parts = T.accuracy_tables(resources=resources, part_scores=given)
    pd.testing.assert_frame_equal(parts, T.parts_accuracy(given.summary()))
    expected = T.quantity_accuracy(Qe.score_matches(Qe.evaluate(resources=resources)))
    pd.testing.assert_frame_equal(quantity, expected)
    held = quantity.set_index(["split", "level"]).loc[("held-out", "all")]
    assert held["rows"] >= 300 and held["full record"] >= 0.95  # the floor the evaluation tests hold, per level
