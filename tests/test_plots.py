"""Tests for govreport.plots: the house style (the pip-installed CJK font, no missing glyphs, deterministic
files), each figure function, and the bounds that keep figures from growing with the report."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

from govreport import outputs, plots
from govreport import quantities as Q
from govreport import themes as th
from govreport.labels import label
from govreport.paths import PROJECT_ROOT as PROJECT_ROOT_FOR_TESTS
from govreport.plots import style
from govreport.report import top_units

# --- the house style ------------------------------------------------------------------------------------


def test_font_comes_from_the_pip_package():
    from matplotlib import font_manager

    assert "site-packages" in style.FONT_PATH and style.FONT_PATH.endswith("NotoSansCJKsc-Regular.otf")
    style.use_house_style()
    assert plt.rcParams["font.sans-serif"][0] == style.FONT_NAME == "Noto Sans CJK SC"
    # a system font of the same family name (e.g. Debian's fonts-noto-cjk) must not be chosen instead
    for weight in ("normal", "bold"):
        found = font_manager.findfont(font_manager.FontProperties(family=style.FONT_NAME, weight=weight))
        assert found == style.FONT_PATH


def _draw(seed):
    return plots.report.unit_lengths(top_units(seed).head(12), source="资料来源：沙湾街 — Source line")


def test_no_missing_glyphs(seed):
    """Matplotlib warns 'Glyph … missing from font(s)' for tofu; any such warning fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = _draw(seed)
        fig.canvas.draw()
    plt.close(fig)


def test_missing_glyph_check_can_fail():
    # The check above would catch tofu: a character no registered font has raises under the same filter.
    style.use_house_style()
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
        paths = plots.save_figure(fig, "lengths", out_dir=tmp_path / str(run))
        plt.close(fig)
        digests.append({k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paths.items()})
        with Image.open(paths["png"]) as im:
            dpi = im.info["dpi"]
        assert round(dpi[0]) == 300
        svg = paths["svg"].read_text(encoding="utf-8")
        assert "<dc:date>" not in svg
    assert digests[0] == digests[1]


def test_the_svg_is_the_pngs_layout_in_the_pngs_box(seed, tmp_path, monkeypatch):
    """The SVG is saved from the layout the PNG was drawn with, cropped to the same box; the figure is laid
    out once, and keeps its layout engine afterwards."""
    import matplotlib.backend_bases as backend_bases

    boxes: list[tuple[float, ...]] = []
    adjust = backend_bases._tight_bbox.adjust_bbox

    def recorded(fig, bbox_inches, *args, **kwargs):  # each format's crop, as savefig applies it
        boxes.append(tuple(bbox_inches.bounds))
        return adjust(fig, bbox_inches, *args, **kwargs)

    monkeypatch.setattr(backend_bases._tight_bbox, "adjust_bbox", recorded)
    fig = _draw(seed)
    engine = fig.get_layout_engine()
    layouts: list[int] = []
    execute = engine.execute
    monkeypatch.setattr(engine, "execute", lambda f: layouts.append(1) or execute(f))
    paths = plots.save_figure(fig, "lengths", out_dir=tmp_path)
    assert len(boxes) == 2 and boxes[0] == boxes[1]  # PNG, then SVG: one box
    assert len(layouts) == 1  # laid out for the PNG only
    assert fig.get_layout_engine() is engine
    width_in = boxes[0][2]
    with Image.open(paths["png"]) as im:
        assert im.size[0] == int(width_in * 300)
    svg_width_pt = float(paths["svg"].read_text(encoding="utf-8").split('width="', 1)[1].split("pt", 1)[0])
    assert abs(svg_width_pt - width_in * 72) < 1e-4  # the SVG writes five decimals
    plt.close(fig)


def test_saving_keeps_no_300_dpi_renderer_alive(seed, tmp_path, monkeypatch):
    """The PNG's renderer (a buffer of 300-dpi pixels) is freed as soon as the save returns, by reference
    counting: nothing the cyclic collector alone would free (the canvas class, the figure) keeps it."""
    import gc
    import weakref

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    seen: list[weakref.ref] = []
    get = FigureCanvasAgg.get_renderer
    monkeypatch.setattr(FigureCanvasAgg, "get_renderer", lambda self: seen.append(weakref.ref(r := get(self))) or r)
    fig = _draw(seed)
    gc.disable()  # only reference counting frees anything until the check
    try:
        plots.save_figure(fig, "lengths", out_dir=tmp_path)
        assert seen and all(ref() is None for ref in seen)
    finally:
        gc.enable()
        plt.close(fig)


def test_the_png_save_allocates_one_buffer_of_pixels(seed, tmp_path, monkeypatch):
    """The figure is laid out and measured on a renderer of no size; the only 300-dpi buffer is the one the PNG is
    drawn into, of the PNG's size (savefig's own trial drawing allocates a second, full-size one)."""
    from matplotlib.backends import backend_agg

    sizes: list[tuple[int, int, float]] = []
    made = backend_agg.RendererAgg.__init__

    def recorded(self, width, height, dpi):
        sizes.append((int(width), int(height), dpi))
        made(self, width, height, dpi)

    monkeypatch.setattr(backend_agg.RendererAgg, "__init__", recorded)
    fig = _draw(seed)
    box = style._save_png(fig, tmp_path / "lengths.png", metadata={})
    plt.close(fig)
    with Image.open(tmp_path / "lengths.png") as im:
        png = im.size
    assert [s for s in sizes if s[0] * s[1] > 1] == [(*png, 300)]
    assert png == (int(box.width * 300), int(box.height * 300))


def test_the_font_read_from_memory_gives_the_same_files(seed, tmp_path, monkeypatch):
    """A save reads the house font from the file mapped into memory; the PNG and SVG are byte for byte those of
    a save that reads it through matplotlib's own Python file object."""
    import contextlib

    fig = _draw(seed)
    fast = plots.save_figure(fig, "lengths", out_dir=tmp_path / "memory")
    monkeypatch.setattr(style, "_font_from_memory", contextlib.nullcontext)
    slow = plots.save_figure(fig, "lengths", out_dir=tmp_path / "file")
    plt.close(fig)
    for kind in ("png", "svg"):
        assert fast[kind].read_bytes() == slow[kind].read_bytes(), kind


def test_the_font_is_read_from_memory_only_within_a_save(seed, tmp_path, monkeypatch):
    """Within a save, matplotlib's font object for the house font reads the file mapped into memory; outside,
    it names the file again (as the PDF backend needs), and a PDF can be saved."""
    import io
    import mmap

    from matplotlib import font_manager

    style.use_house_style()
    seen: list[object] = []
    png = style._save_png

    def recorded(fig, path, **kwargs):
        seen.append(font_manager.get_font(style.FONT_PATH).fname)
        return png(fig, path, **kwargs)

    monkeypatch.setattr(style, "_save_png", recorded)
    fig = _draw(seed)
    plots.save_figure(fig, "lengths", out_dir=tmp_path)
    assert len(seen) == 1 and isinstance(seen[0], mmap.mmap)
    assert font_manager.get_font(style.FONT_PATH).fname == style.FONT_PATH
    assert isinstance(font_manager.ft2font.FT2Font, type)  # matplotlib's own module is back
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf")  # embeds the font from its file
    plt.close(fig)
    assert buf.getvalue().startswith(b"%PDF") and b"NotoSansCJK" in buf.getvalue()


def test_the_png_compression_and_rgb_change_bytes_not_pixels(seed, tmp_path):
    fig = _draw(seed)
    ours = plots.save_figure(fig, "lengths", out_dir=tmp_path)["png"]
    pillows = tmp_path / "rgba.png"  # matplotlib's own PNG (RGBA) at the same zlib level
    fig.savefig(pillows, format="png", dpi=300, metadata={"Title": "lengths", "Source": style.figure_metadata(
        fig, "lengths")["source"], "Software": None}, pil_kwargs={"compress_level": style.PNG_COMPRESS_LEVEL})
    default = tmp_path / "default.png"  # and at Pillow's default level (6)
    fig.savefig(default, format="png", dpi=300)
    plt.close(fig)
    with Image.open(ours) as a, Image.open(pillows) as b, Image.open(default) as c:
        assert (a.mode, b.mode) == ("RGB", "RGBA")  # every pixel opaque: the alpha channel is left out
        assert a.size == b.size and a.info == b.info  # the same text chunks and dpi
        assert a.convert("RGBA").tobytes() == b.tobytes() == c.tobytes()
    assert len(ours.read_bytes()) < 0.95 * len(pillows.read_bytes())  # 0.88 for this figure


@pytest.mark.parametrize("channels", [3, 4])
def test_png_bytes_round_trip_through_pillow(channels):
    """Unfiltered rows read back as the same pixels, with the text chunks (Latin-1 as tEXt, other text as iTXt)
    and the dpi that Pillow's own save of the same pixels records."""
    import io

    import numpy as np
    from PIL import PngImagePlugin

    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(37, 53, channels), dtype=np.uint8)  # noise: every byte value in play
    text = {"Title": "Figure 2.1. lengths.", "Description": "沙湾街 2024 plan", "Software": None}
    data = style.png_bytes(pixels, text=text, dpi=300)
    Image.open(io.BytesIO(data)).verify()  # chunk lengths and CRCs
    ours = Image.open(io.BytesIO(data))
    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        if value is not None:
            info.add_text(key, value)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="png", pnginfo=info, dpi=(300, 300))
    pillows = Image.open(buf)
    assert ours.mode == pillows.mode == ("RGB" if channels == 3 else "RGBA")
    assert np.array_equal(np.asarray(ours), pixels)
    assert ours.info == pillows.info and ours.text == {"Title": text["Title"], "Description": text["Description"]}


def test_png_bytes_refuses_what_it_cannot_write():
    import numpy as np

    with pytest.raises(ValueError, match="8-bit RGB or RGBA"):
        style.png_bytes(np.zeros((2, 2, 2), dtype=np.uint8), text={}, dpi=300)
    with pytest.raises(ValueError, match="8-bit RGB or RGBA"):
        style.png_bytes(np.zeros((2, 2, 3), dtype=np.uint16), text={}, dpi=300)
    with pytest.raises(ValueError, match="8-bit RGB or RGBA"):  # one byte a channel, but signed
        style.png_bytes(np.zeros((2, 2, 3), dtype=np.int8), text={}, dpi=300)


def test_a_png_with_see_through_pixels_keeps_its_alpha_channel(seed, tmp_path):
    fig = _draw(seed)
    fig.patch.set_alpha(0.0)  # a see-through background
    ours = plots.save_figure(fig, "lengths", out_dir=tmp_path)["png"]
    theirs = tmp_path / "mpl.png"
    fig.savefig(theirs, format="png", dpi=300)
    plt.close(fig)
    with Image.open(ours) as a, Image.open(theirs) as b:
        assert a.mode == b.mode == "RGBA"
        assert a.getextrema()[3][0] == 0
        assert a.tobytes() == b.tobytes()


def test_saving_with_a_label_records_the_file_in_the_manifest(seed, tmp_path):
    fig = _draw(seed)
    plots.save_figure(fig, "lengths", figure="fig-lengths", out_dir=tmp_path / "figures")
    plt.close(fig)
    outputs.save_table(pd.DataFrame({"a": [1]}), "units", table=("tbl-a", "tbl-b"), out_dir=tmp_path / "tables")
    outputs.save_table(pd.DataFrame({"a": [1]}), "loose", out_dir=tmp_path / "tables")
    assert outputs.manifest(tmp_path) == {
        "fig-lengths": {"label": "fig-lengths", "kind": "figure", "file": "lengths"},
        "tbl-a": {"label": "tbl-a", "kind": "table", "file": "units"},
        "tbl-b": {"label": "tbl-b", "kind": "table", "file": "units"},
    }


def test_a_table_saved_again_unchanged_keeps_its_file_and_a_changed_one_replaces_it(tmp_path):
    """The book's pages depend on the files they link: saving the same table again (two chapters link it)
    leaves the file and its modification time as they were; a different table replaces it. The bytes are
    those of ``to_csv``."""
    df = pd.DataFrame({"词": ["数字,经济", "绿色"], "n": [3, 1.5]})
    path = outputs.save_table(df, "t", table="tbl-t", out_dir=tmp_path / "tables")
    entry = tmp_path / "manifest" / "tbl-t.json"
    assert path.read_bytes() == df.to_csv(index=False, lineterminator="\n").encode("utf-8")
    past = 1_000_000_000
    for p in (path, entry):
        os.utime(p, ns=(past, past))
    outputs.save_table(df.copy(), "t", table="tbl-t", out_dir=tmp_path / "tables")
    assert path.stat().st_mtime_ns == past and entry.stat().st_mtime_ns == past
    changed = df.assign(n=[3, 2])
    outputs.save_table(changed, "t", table="tbl-t", out_dir=tmp_path / "tables")
    assert path.stat().st_mtime_ns != past
    assert path.read_bytes() == changed.to_csv(index=False, lineterminator="\n").encode("utf-8")
    assert sorted(q.name for q in path.parent.iterdir()) == ["t.csv"]  # no temporary file left


def test_labels_come_from_the_table(monkeypatch):
    assert label("part_review") == "Review"
    assert label("part_review", lang="zh") == "工作总结"
    monkeypatch.setenv("GOVREPORT_FIG_LANG", "zh")
    assert label("chars_axis") == "字数"
    with pytest.raises(KeyError):
        label("no_such_label")


def test_markdown_table_escapes_markup():
    md = outputs.markdown_table(pd.DataFrame({"a": ["<script>x</script> | *b*"]}))
    assert "<script>" not in md and "\\<script\\>" in md and "\\|" in md


def test_markdown_table_leaves_missing_values_blank():
    md = outputs.markdown_table(pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, float("nan")]}))
    assert md.splitlines()[-1] == "|  |  |"


def _imports(path) -> set[str]:
    """Every module a source file imports (relative imports resolved within govreport)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])  # e.g. govreport, themes
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return found


PACKAGE = __import__("pathlib").Path(plots.__file__).parents[1]
#: The stages that compute results: none of them may draw.
ANALYSIS_MODULES = ["chars.py", "inputs.py", "report", "tokens.py", "document.py", "keywords", "harvest.py", "cutchecks.py", "labels.py",
                    "outputs.py", "paths.py", "themes", "quantities"]


def test_matplotlib_is_imported_only_by_the_plots_package():
    for path in PACKAGE.rglob("*.py"):
        if "plots" in path.relative_to(PACKAGE).parts:
            continue
        assert not any(m.split(".")[0] == "matplotlib" for m in _imports(path)), path


def test_no_analysis_module_imports_the_plots():
    for name in ANALYSIS_MODULES:
        for path in [PACKAGE / name] if name.endswith(".py") else (PACKAGE / name).rglob("*.py"):
            assert not any(m.startswith("govreport.plots") for m in _imports(path)), path


# --- the figures ------------------------------------------------------------------------------------------


def test_unit_lengths_draws_one_bar_per_unit_and_refuses_too_many(seed):
    units = top_units(seed)
    fig = plots.report.unit_lengths(units, source="s")
    assert len([p for p in fig.axes[0].patches if p.get_width() > 0]) == len(units)
    plt.close(fig)
    many = pd.concat([units] * 5, ignore_index=True)
    with pytest.raises(ValueError, match="at most"):
        plots.report.unit_lengths(many, source="s")


def test_corpus_comparison_draws_one_row_per_report_without_empty_rows():
    """One stacked bar per report that was read (results, then targets after them), labelled by its folder
    from the top down; a failed report is left out; the axis ends half a row beyond the outer bars, and the
    figure grows by one row's height a report."""
    from govreport.plots import corpus

    folders = [f"report_{k:02d}" for k in range(20)]
    table = pd.DataFrame({"folder": folders + [""], "quantities_result": [k + 1 for k in range(20)] + [""],
                          "quantities_target": [2 * k for k in range(20)] + [""],
                          "error": [""] * 20 + ["cannot read"]})
    fig = corpus.comparison(table)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == folders[::-1]
    results, targets = ax.containers
    assert [b.get_width() for b in results] == [k + 1 for k in range(20)][::-1]
    assert [(b.get_x(), b.get_width()) for b in targets] == [(k + 1, 2 * k) for k in range(20)][::-1]
    low, high = ax.get_ylim()
    assert (low, high) == pytest.approx((-0.6, 19.6))
    assert fig.get_figheight() == pytest.approx(corpus.ROW_INCHES * 20 + 1.2)
    assert any("20 reports" in t.get_text() for t in fig.texts)  # the source line counts what is drawn
    plt.close(fig)


def test_growth_figure_draws_one_bar_per_rate_up_to_its_bound(seed_doc):
    rates = Q.growth_rates(Q.extract_quantities(seed_doc))
    fig = plots.quantities.growth(rates, source="s")
    widths = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches)
    assert widths == sorted(rates["rate"].round(6))
    plt.close(fig)
    many = pd.DataFrame({"indicator": [f"i{k}" for k in range(50)], "surface": "x", "rate": [float(k) for k in range(50)],
                         "period": "result", "start": range(50)})
    fig = plots.quantities.growth(many, source="s")
    widths = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches)
    assert widths == [float(k) for k in range(50 - plots.quantities.MAX_RATES, 50)]  # the largest, all of them
    plt.close(fig)


def test_a_part_year_growth_rate_says_its_period_in_english(seed_doc, monkeypatch):
    """前三季度…GDP 可比增长4.6% is a rate of the first three quarters: the English bar says so, as Figure 4.1 does."""
    monkeypatch.setenv("GOVREPORT_FIG_LANG", "en")
    assert Q.period_phrase("前三季度全街实现生产总值(GDP)") == "前三季度" and Q.period_phrase("旅游总收入") == ""
    rates = Q.growth_rates(Q.extract_quantities(seed_doc))
    fig = plots.quantities.growth(rates, source="s", labels=seed_doc.resources.numbers.indicator_labels)
    names = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    assert "GDP (first three quarters)" in names and "Tourism revenue" in names


def _headline(seed_doc):
    results = Q.headline_results(Q.extract_quantities(seed_doc), seed_doc.resources.numbers.headline_indicators)
    return plots.quantities.headline(results, source="s")


def test_headline_figure_shows_values_in_full(seed_doc):
    fig = _headline(seed_doc)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "9,912,000,000 yuan" in texts and "+4.6% comparable" in texts  # the value in full with its unit
    assert "GDP (first three quarters)" in texts and "99.12亿元" in texts  # the period in English, the quote as written
    assert "≈ 11,000 cases" in texts
    plt.close(fig)


def test_headline_figure_basis_words_follow_the_language(monkeypatch, seed_doc):
    fig = _headline(seed_doc)
    assert "+4.6% comparable" in [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    monkeypatch.setenv("GOVREPORT_FIG_LANG", "zh")
    fig = _headline(seed_doc)
    assert "+4.6% 可比" in [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)


def test_wordcloud_png_is_deterministic() -> None:
    freqs = {"百千万工程": 7, "紫坭岛": 6, "文商旅": 6, "营商环境": 4, "沙湾北村": 4}
    first = plots.keywords.wordcloud_png(freqs, width=300, height=200)
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert plots.keywords.wordcloud_png(freqs, width=300, height=200) == first
    assert plots.keywords.wordcloud_png(dict(reversed(list(freqs.items()))), width=300, height=200) == first
    assert plots.keywords.wordcloud_png(freqs, width=300, height=200, random_state=8) != first


def test_wordcloud_needs_a_positive_frequency() -> None:
    with pytest.raises(ValueError, match="positive"):
        plots.keywords.wordcloud_png({"a": 0})


def test_keyness_bars_put_each_sides_strongest_term_at_its_end():
    key = pd.DataFrame({"term": ["p1", "p2", "p3", "r3", "r2", "r1"], "z": [3.0, 2.0, 1.0, -1.0, -2.0, -3.0]})
    fig = plots.keywords.keyness(key, source="s", top=2)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["r1", "r2", "p2", "p1"]
    plt.close(fig)


@pytest.mark.slow  # two fresh interpreters
def test_network_figure_bytes_do_not_depend_on_the_hash_seed(tmp_path):
    """Two processes with different hash seeds draw the same network, byte for byte."""
    script = (
        "import sys, govreport.keywords as kw\n"
        "from govreport import plots\nfrom govreport.document import Document\n"
        "from govreport.paths import SEED_REPORT\n"
        "doc = Document.from_path(SEED_REPORT)\n"
        "fig = plots.keywords.network(kw.cooccurrence(doc), source='s')\n"
        "plots.save_figure(fig, 'net', out_dir=sys.argv[1])\n"
    )
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env, timeout=300)
        digests.append(((out / "net.png").read_bytes(), (out / "net.svg").read_bytes()))
    assert digests[0] == digests[1]


def test_theme_drawings_return_their_axes(seed, seed_doc):
    sentences = th.classify_sentences(seed_doc)
    shares = th.theme_shares(sentences)
    fig, axes = plt.subplots(1, 3)
    try:
        assert plots.themes.draw_theme_shares(shares, ax=axes[0]) is axes[0]
        assert len(axes[0].get_yticks()) == len(th.THEME_CODES)
        assert len(axes[0].patches) == 2 * len(th.THEME_CODES)
        matrix = th.theme_matrix(sentences[sentences["part"].isin(["review", "plan"])])
        assert plots.themes.draw_theme_heatmap(matrix, ax=axes[1]) is axes[1]
        assert axes[1].images[0].get_array().shape == matrix.shape
        change = th.share_change(shares)
        assert plots.themes.draw_share_change(change, ax=axes[2]) is axes[2]
        assert [t.get_text() for t in axes[2].get_yticklabels()][0] == label(f"theme_{change.iloc[0]['theme']}")
    finally:
        plt.close(fig)


def test_heatmap_rows_stay_bounded_for_a_long_report(seed, resources):
    """A report 3x the seed has more blocks than a heatmap draws: its matrix falls back to sections."""
    from govreport.document import Document

    sentences = th.classify_sentences(Document(seed, resources))
    matrix, headings = th.unit_matrix(sentences, seed, max_rows=plots.themes.HEATMAP_MAX_ROWS)
    assert list(matrix.index) == [b.unit_id for b in seed.blocks() if b.part in ("review", "plan")]
    small, _ = th.unit_matrix(sentences, seed, max_rows=10)
    assert len(small) == 10 and all(uid.count(".") == 1 for uid in small.index)
    with pytest.raises(ValueError, match="at most"):
        plots.themes.heatmap(pd.concat([matrix] * 2), source="s")


def test_every_registered_figure_draws_for_the_seed(seed_doc):
    for name, draw in plots.FIGURES.items():
        fig = draw(seed_doc)
        assert fig.axes, name
        plt.close(fig)


# --- the English edition: no Chinese label without its English; the Chinese edition unchanged -----------

def _untranslated(fig) -> list[str]:
    """Texts of a figure with Chinese but no Latin letter, other than quotes of the report (gid source-text)."""
    import re

    from matplotlib.text import Text

    out = []
    for t in fig.findobj(Text):
        s = t.get_text()
        if re.search(r"[\u3400-\u9fff]", s) and not re.search(r"[A-Za-z]", s) and t.get_gid() != Q_GID:
            out.append(s)
        if "[no gloss]" in s:
            out.append(s)
    return out


Q_GID = plots.quantities.SOURCE_TEXT_GID


def _book_figures(doc):
    import govreport as gr
    import govreport.keywords as kw

    src = gr.source_line(doc.report)
    per = kw.part_counts(doc)
    q = Q.extract_quantities(doc)
    sentences = th.classify_sentences(doc)
    matrix, headings = th.unit_matrix(sentences, doc.report, max_rows=60)
    from govreport.measures import theme_gains

    return {
        "unit-lengths": plots.report.unit_lengths(top_units(doc.report, limit=40), source=src),
        "keyness": plots.keywords.keyness(kw.keyness(per["plan"], per["review"]), source=src, top=15),
        "network": plots.keywords.network(kw.cooccurrence(doc, top=30, min_weight=2), source=src),
        "headline": plots.quantities.headline(Q.headline_results(q, doc.resources.numbers.headline_indicators),
                                              source=src),
        "growth": plots.quantities.growth(Q.growth_rates(q), source=src, labels=doc.resources.numbers.indicator_labels),
        "formulations": plots.quantities.formulations(Q.formulation_glossary(doc), Q.formulation_density(doc), source=src),
        "heatmap": plots.themes.heatmap(matrix, source=src, headings=headings),
        "gains": plots.themes.gains_by_measure(theme_gains(sentences, doc.report), source=src),
        "shares": plots.themes.shares(th.theme_shares(sentences), source=src),
    }


def test_english_edition_has_no_chinese_label_without_its_gloss(seed_doc, monkeypatch):
    monkeypatch.setenv("GOVREPORT_FIG_LANG", "en")
    for name, fig in _book_figures(seed_doc).items():
        assert _untranslated(fig) == [], name
        plt.close(fig)


def test_chinese_edition_keeps_the_chinese_terms_alone(seed_doc, monkeypatch):
    from matplotlib.text import Text

    import govreport.keywords as kw

    monkeypatch.setenv("GOVREPORT_FIG_LANG", "zh")
    per = kw.part_counts(seed_doc)
    fig = plots.keywords.keyness(kw.keyness(per["plan"], per["review"]), source="资料来源", top=5)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks and not any(c.isascii() and c.isalpha() for t in ticks for c in t)
    assert not any("[no gloss]" in t.get_text() for t in fig.findobj(Text))
    plt.close(fig)


def test_english_word_clouds_draw_each_term_with_its_gloss(seed_doc, monkeypatch):
    import govreport.keywords as kw

    monkeypatch.setenv("GOVREPORT_FIG_LANG", "en")
    drawn: list[dict] = []
    real = plots.keywords.draw_wordcloud
    monkeypatch.setattr(plots.keywords, "draw_wordcloud",
                        lambda freqs, **kw_: (drawn.append(dict(freqs)), real(freqs, **kw_))[1])
    fig = plots.keywords.clouds(kw.part_counts(seed_doc), source="Source")
    plt.close(fig)
    assert len(drawn) == 2
    for freqs in drawn:
        assert len(freqs) == plots.keywords.EN_CLOUD_WORDS
        assert all(" " in w and "[no gloss]" not in w for w in freqs), [w for w in freqs if " " not in w]


def test_saved_figures_carry_number_caption_source_and_citation(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT_FOR_TESTS / "chapters")
    fig = plots.report.unit_lengths(top_units(seed).head(5), source="Source: a report.")
    paths = plots.save_figure(fig, "lengths", figure="fig-unit-lengths", out_dir=tmp_path)
    plt.close(fig)
    text = Image.open(paths["png"]).text
    assert text["Title"].startswith("Figure 1.1. Characters (whitespace excluded)")
    assert text["Source"] == "Source: a report."
    assert text["Comment"].startswith("Cite as: Figure 1.1 in")
    svg = paths["svg"].read_text(encoding="utf-8")
    assert svg.count("<title>") == 1 and "<desc>Characters (whitespace excluded)" in svg
    assert "Source: a report." in svg


def test_a_figure_the_book_does_not_number_is_titled_by_its_file(seed, tmp_path):
    fig = plots.report.unit_lengths(top_units(seed).head(5), source="Source: a report.")
    paths = plots.save_figure(fig, "lengths", out_dir=tmp_path)
    plt.close(fig)
    assert Image.open(paths["png"]).text["Title"] == "lengths"
    assert "<title>lengths</title>" in paths["svg"].read_text(encoding="utf-8")
