"""The house style: the pip-installed CJK font, no missing glyphs, deterministic files."""
from __future__ import annotations

import hashlib
import warnings

import matplotlib.pyplot as plt
import pytest
from PIL import Image

from govreport import figures
from govreport.report import unit_summary


def test_font_comes_from_the_pip_package():
    from matplotlib import font_manager

    assert "site-packages" in figures.FONT_PATH and figures.FONT_PATH.endswith("NotoSansCJKsc-Regular.otf")
    figures.use_house_style()
    assert plt.rcParams["font.sans-serif"][0] == figures.FONT_NAME == "Noto Sans CJK SC"
    # a system font of the same family name (e.g. Debian's fonts-noto-cjk) must not be chosen instead
    for weight in ("normal", "bold"):
        found = font_manager.findfont(font_manager.FontProperties(family=figures.FONT_NAME, weight=weight))
        assert found == figures.FONT_PATH


def _draw(seed):
    summary = unit_summary(seed)
    rows = summary[summary["level"] == "point"].head(12)
    fig, ax = plt.subplots()
    figures.plot_unit_lengths(rows, ax=ax)
    figures.add_source(fig, "资料来源：沙湾街 — Source line")
    return fig


def test_no_missing_glyphs(seed):
    """Matplotlib warns 'Glyph … missing from font(s)' for tofu; any such warning fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = _draw(seed)
        fig.canvas.draw()
    plt.close(fig)


def test_missing_glyph_check_can_fail():
    # The check above would catch tofu: a character no registered font has raises under the same filter.
    figures.use_house_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.set_xlabel("\U0001F9A9\u0A85")  # flamingo, Gujarati letter: in neither font
        with pytest.raises(UserWarning, match="missing from font"):
            fig.canvas.draw()
    plt.close(fig)


def test_save_figure_is_deterministic_png_300dpi_and_svg(seed, tmp_path):
    digests = []
    for run in range(2):
        fig = _draw(seed)
        paths = figures.save_figure(fig, "lengths", out_dir=tmp_path / str(run))
        plt.close(fig)
        digests.append({k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paths.items()})
        with Image.open(paths["png"]) as im:
            dpi = im.info["dpi"]
        assert round(dpi[0]) == 300
        svg = paths["svg"].read_text(encoding="utf-8")
        assert "<dc:date>" not in svg
    assert digests[0] == digests[1]


def test_labels_come_from_the_table(monkeypatch):
    assert figures.label("part_review") == "Review"
    assert figures.label("part_review", lang="zh") == "工作总结"
    monkeypatch.setenv("GOVREPORT_FIG_LANG", "zh")
    assert figures.label("chars_axis") == "字数"
    with pytest.raises(KeyError):
        figures.label("no_such_label")


def test_markdown_table_escapes_markup():
    import pandas as pd

    md = figures.markdown_table(pd.DataFrame({"a": ["<script>x</script> | *b*"]}))
    assert "<script>" not in md and "\\<script\\>" in md and "\\|" in md


def test_markdown_table_leaves_missing_values_blank():
    import pandas as pd

    md = figures.markdown_table(pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, float("nan")]}))
    assert md.splitlines()[-1] == "|  |  |"
