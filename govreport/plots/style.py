"""The house style for figures, and saving figures for citation.

Every figure uses one CJK font that comes from a pip package (Noto Sans CJK SC, shipped by
``mplfonts``), registered with matplotlib by file so that no system font is needed and no glyph falls
back to a box. Figures are saved as PNG (300 dpi) and SVG with deterministic bytes: no timestamps,
fixed SVG ids, text drawn as paths; both files from one layout, cropped to one box.
"""
from __future__ import annotations

import contextlib
import io
import mmap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import matplotlib
from cycler import cycler
from matplotlib import font_manager
from matplotlib.figure import Figure

from ..outputs import output_dir, record

__all__ = ["FONT_PATH", "FONT_NAME", "PALETTE", "PART_COLORS", "SOURCE_GID", "use_house_style", "new_figure",
           "add_source", "figure_metadata", "save_figure"]


def _find_font() -> str:
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.is_file():  # pragma: no cover - a broken install
        raise FileNotFoundError(f"the CJK font {path} is missing; reinstall mplfonts (requirements.txt)")
    return str(path)


#: The CJK font every figure uses: Noto Sans CJK SC from the ``mplfonts`` package.
FONT_PATH: str = _find_font()
#: Its family name, as matplotlib knows it once registered.
FONT_NAME: str = font_manager.FontProperties(fname=FONT_PATH).get_name()

#: Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
PALETTE: list[str] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                      "#000000"]
#: The colour of each part of a report, throughout the book.
PART_COLORS: dict[str, str] = {"preamble": "#999999", "review": "#0072B2", "plan": "#E69F00",
                               "other": "#CC79A7"}

_STYLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
    "axes.unicode_minus": False,  # the CJK font has no U+2212 in every weight
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "svg.fonttype": "path",
    # PNG text drawn from the font's own outlines and advances, as the SVG's paths are: at 300 dpi hinting
    # (FreeType's CFF hinter for this font) changes nothing a reader sees, and setting text costs a third less
    "text.hinting": "no_hinting",
    "svg.hashsalt": "govreport",
    "path.simplify": True,
    "image.cmap": "cividis",
}


def use_house_style() -> None:
    """Register the CJK font by file and set the book's matplotlib style (idempotent).

    A system may have a font of the same family name (Debian's fonts-noto-cjk calls its faces
    "Noto Sans CJK SC" too); matplotlib would then pick either, and figures would differ from machine
    to machine. Every other font of that name is dropped from matplotlib's list, so the pip-installed
    file is the one used, everywhere.
    """
    manager = font_manager.fontManager
    if not any(f.fname == FONT_PATH for f in manager.ttflist):
        manager.addfont(FONT_PATH)
    others = [f for f in manager.ttflist if f.name == FONT_NAME and f.fname != FONT_PATH]
    if others:
        manager.ttflist = [f for f in manager.ttflist if f.name != FONT_NAME or f.fname == FONT_PATH]
        manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]  # the list changed under the cache
    matplotlib.rcParams.update(_STYLE)  # type: ignore[arg-type]  # keys are checked by matplotlib at run time


def warm_up() -> None:
    """Import pyplot and apply the house style now (before forking the processes that draw figures, so
    that they share the loaded modules and font list instead of each loading them)."""
    import matplotlib.pyplot  # noqa: F401

    use_house_style()


class _FontsFromMemory:
    """Stands in for :mod:`matplotlib.ft2font` in :mod:`matplotlib.font_manager`: a font object of the house font
    file reads the file mapped into memory; everything else is the module's own."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def FT2Font(self, filename: Any, *args: Any, **kwargs: Any) -> Any:  # (named as the class it stands in for)
        if isinstance(filename, str) and filename == FONT_PATH:
            with open(filename, "rb") as fh:  # the map keeps the file open as long as the font object keeps it
                filename = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return self._real.FT2Font(filename, *args, **kwargs)


#: The name under which :mod:`matplotlib.font_manager` refers to :mod:`matplotlib.ft2font`.
_FT2FONT = "ft2font"


@contextlib.contextmanager
def _font_from_memory() -> Iterator[None]:
    """Within the block, FreeType reads the house font from the file mapped into memory, not through reads of it.

    matplotlib opens a font file as a Python file object and FreeType reads it through it, a seek and a read of
    the file for each piece a glyph needs; the house font's outlines are CFF, whose glyphs are many small pieces:
    about 90,000 reads and 180,000 seeks, system calls all, for the comparison chart of a 142-report corpus.
    From a map of the file (:mod:`mmap`) they are none, and only the pages read count in the process's memory:
    the same glyphs and files, that chart saved in about a tenth less CPU time (``benchmarks/RESULTS.md``).

    Only within a save: a font object read from a map names no file (its ``fname`` is the map), which the PDF
    and PostScript backends need to embed the font; :func:`save_figure` writes PNG and SVG only. matplotlib
    keeps its font objects (``font_manager._get_font``'s cache), so the cache is emptied on the way in and out:
    no font object of one kind is used in the other's place. The stand-in is matplotlib's module attribute, so
    it holds for every thread of the process while the block runs (the package saves from one thread). Without
    those internals of matplotlib the block does nothing.
    """
    real = getattr(font_manager, _FT2FONT, None)
    cache = getattr(getattr(font_manager, "_get_font", None), "cache_clear", None)
    if real is None or cache is None or not hasattr(real, "FT2Font") or isinstance(real, _FontsFromMemory):
        yield
        return
    cache()
    setattr(font_manager, _FT2FONT, _FontsFromMemory(real))
    try:
        yield
    finally:
        setattr(font_manager, _FT2FONT, real)
        cache()


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs: Any) -> tuple[Figure, Any]:
    """``plt.subplots(nrows, ncols, ...)`` in the house style: the figure and its axes (one, or an array)."""
    import matplotlib.pyplot as plt

    use_house_style()
    fig, axes = plt.subplots(nrows, ncols, **kwargs)
    return fig, axes


#: zlib's level for the PNG files (:func:`png_bytes`; Pillow's default is 6). Measured when Pillow still encoded
#: the files: level 3 encoded the seed report's six PNG figures in about two thirds of the time (1.0 against 1.6
#: CPU s, and 1.2 against 1.7 s for a 142-report comparison chart) for files about 8 % larger (11 % for that
#: chart); the pixels and text chunks are the same.
PNG_COMPRESS_LEVEL = 3

#: The gid of the source line under a figure (:func:`add_source`); :func:`save_figure` reads it back.
SOURCE_GID = "source-line"


def add_source(fig: Figure, text: str, *, y: float = -0.01) -> None:
    """Write a source line under the figure, left-aligned, in small grey type."""
    fig.text(0.01, y, text, ha="left", va="top", fontsize=7.5, color="#555555", gid=SOURCE_GID)


def figure_metadata(fig: Figure, name: str, *, figure: str | None = None) -> dict[str, str]:
    """What a saved figure says about itself: its number and caption in the book, its source, a citation.

    The number and caption come from the book's catalogue (:func:`govreport.catalog.figures`, read
    from the chapter sources of the book the working directory belongs to); a figure the book does
    not number (e.g. one written by ``python -m govreport analyse``) is titled by its file name.

    Returns:
        ``{"title", "caption", "source", "citation"}`` (empty strings where unknown).
    """
    from .. import __version__
    from ..catalog import book_info, book_root, citation, figures

    source = next((t.get_text() for t in fig.texts if t.get_gid() == SOURCE_GID), "")
    title, caption, cite = name, "", ""
    if figure:
        try:
            root = book_root()
            catalogue = figures(root=root)
            row = catalogue[catalogue["name"] == figure]
            if len(row):
                first = str(row.iloc[0]["caption"]).split(". ")[0].rstrip(".")
                title = f"{row.iloc[0]['label']}. {first}."
                caption = str(row.iloc[0]["caption"])
                # version, not build date: the files' bytes stay the same from one day to the next
                book = {**book_info(root=root), "version": __version__}
                cite = citation(str(row.iloc[0]["label"]), book=book, source="")
        except (OSError, ValueError, ImportError):  # no book around: the file name is the title
            pass
    return {"title": title, "caption": caption, "source": source, "citation": cite}


def png_bytes(pixels: Any, *, text: Mapping[str, str | None], dpi: float) -> bytes:
    """A PNG file of 8-bit pixels (an array of rows, RGB or RGBA): the chunks Pillow writes for
    ``Image.save(format="png", pnginfo=…, dpi=(dpi, dpi))`` (``IHDR``, the text chunks of
    ``PngImagePlugin.PngInfo.add_text``, ``pHYs``, ``IDAT``, ``IEND``), with every row unfiltered.

    Pillow tries four of PNG's five row filters on every row and keeps the one whose bytes sum smallest, and
    offers no way to choose. For the flat colours and thin lines of a chart that choice costs more than it
    saves: the book's twelve figures and a 142-report comparison chart encode in 0.44 CPU s unfiltered against
    1.14 s through Pillow (fastest of five, both at :data:`PNG_COMPRESS_LEVEL`), in 6.55 against 6.75 MB, and
    that chart saves in 1.02 against 1.17 s (``benchmarks/RESULTS.md``). The pixels are the same.
    """
    import struct
    import zlib

    import numpy as np
    from PIL import PngImagePlugin

    height, width, channels = pixels.shape
    if pixels.dtype != np.uint8 or channels not in (3, 4):
        raise ValueError(f"expected 8-bit RGB or RGBA rows, got {pixels.dtype} with {channels} channels")
    stride = 1 + width * channels
    rows = np.empty((height, stride), dtype=np.uint8)  # each row: its filter type, 0 (none), then its pixels
    rows[:, 0] = 0
    # the pixels copied once, straight into the rows (a view of them with the pixels' shape)
    np.ndarray((height, width, channels), dtype=np.uint8, buffer=rows, offset=1,
               strides=(stride, channels, 1))[...] = pixels
    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        if value is not None:
            info.add_text(key, value)
    ppm = int(dpi / 0.0254 + 0.5)  # pixels per metre, as Pillow rounds them
    out = io.BytesIO()
    out.write(b"\x89PNG\r\n\x1a\n")
    PngImagePlugin.putchunk(out, b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6,
                                                      0, 0, 0))
    for chunk in info.chunks:
        PngImagePlugin.putchunk(out, chunk[0], chunk[1])
    PngImagePlugin.putchunk(out, b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    PngImagePlugin.putchunk(out, b"IDAT", zlib.compress(rows.data, PNG_COMPRESS_LEVEL))
    PngImagePlugin.putchunk(out, b"IEND", b"")
    return out.getvalue()


def _save_png(fig: Figure, path: Path, *, metadata: dict[str, str | None]) -> Any:
    """``fig.savefig(path, format="png", dpi=300, metadata=metadata)`` with the house's zlib level, unfiltered rows
    (:func:`png_bytes`), and without the alpha channel when every pixel is opaque (as every figure of the house
    style is): the same pixels and text chunks in fewer bytes, encoded in less time.

    The figure is laid out and its box measured first (:func:`_layout_box`), then drawn once in that layout and
    cropped to that box: what ``savefig(bbox_inches="tight")`` does, without the full-size 300-dpi buffer its
    trial drawing allocates only to draw nothing into. Returns the box, or None when the house style's tight
    crop is not in force."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    class _Canvas(FigureCanvasAgg):
        measuring: Any = None  # the renderer of no size the layout is worked out with (see _layout_box)

        def get_renderer(self) -> Any:
            # (the layout engine measures with the canvas's renderer, whatever renderer the figure is drawn with)
            return self.measuring if self.measuring is not None else super().get_renderer()  # type: ignore[no-untyped-call]

        def print_png(self, filename_or_obj: Any, *, metadata: dict[str, str | None] | None = None,
                      pil_kwargs: dict[str, Any] | None = None, **_: Any) -> None:
            # (savefig's other keywords, e.g. orientation, are matplotlib's to filter for its own canvases)
            import numpy as np
            from matplotlib import cbook

            FigureCanvasAgg.draw(self)  # type: ignore[no-untyped-call]
            rgba = np.asarray(self.buffer_rgba())  # type: ignore[no-untyped-call]
            pixels = rgba[..., :3] if rgba[..., 3].min() == 255 else rgba
            data = png_bytes(pixels, text=metadata or {}, dpi=self.figure.dpi)
            with cbook.open_file_cm(filename_or_obj, "wb") as fh:
                fh.write(data)

    own = fig.canvas
    canvas = _Canvas(fig)  # the figure draws on this canvas until put back (what savefig does to change formats)
    try:
        if matplotlib.rcParams["savefig.bbox"] != "tight":  # pragma: no cover - the house style saves tight
            fig.savefig(path, format="png", dpi=300, metadata=metadata)
            return None
        box = _layout_box(canvas, 300)
        with _laid_out(fig):  # drawn in the layout just measured, cropped to its box
            fig.savefig(path, format="png", dpi=300, metadata=metadata, bbox_inches=box)
        return box
    finally:
        # the canvas (and the 300-dpi renderer it keeps) goes as soon as this returns: nothing else refers to it
        fig.set_canvas(own)


def _layout_box(canvas: Any, dpi: float) -> Any:
    """Lay the canvas's figure out as ``savefig(dpi=dpi, bbox_inches="tight")`` lays it out, and return the box
    that save crops it to: what savefig's trial drawing does before it draws (it runs the layout engine and
    measures every text), here on a renderer of no size, as nothing is drawn into it, which the canvas hands to
    the layout engine too (``canvas.measuring``); texts are measured at ``dpi`` all the same, each once."""
    from matplotlib import cbook
    from matplotlib.backends.backend_agg import RendererAgg

    fig = canvas.figure
    renderer: Any = RendererAgg(1, 1, dpi)  # type: ignore[no-untyped-call]
    canvas.measuring = renderer
    try:
        with (cbook._setattr_cm(fig, dpi=dpi), cbook._setattr_cm(canvas, _device_pixel_ratio=1, _is_saving=True),
              renderer._draw_disabled()):
            fig.draw(renderer)
            return fig.get_tightbbox(renderer).padded(matplotlib.rcParams["savefig.pad_inches"])
    finally:
        canvas.measuring = None


@contextlib.contextmanager
def _laid_out(fig: Figure) -> Iterator[None]:
    """Within the block the figure keeps the places its layout engine last gave its axes: drawing it does not
    lay it out again. :func:`save_figure` saves the SVG in it, cropped to the PNG's box: both files show one
    layout in one box, and the SVG's save skips the layout pass and the trial drawing that finds the box (a
    third of its time)."""
    engine = fig.get_layout_engine()
    if engine is None:  # nothing lays it out again
        yield
        return
    with matplotlib.rc_context({"figure.constrained_layout.use": False, "figure.autolayout": False}):
        fig.set_layout_engine(None)  # None here, not the rc's default engine: no engine at all
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def _svg_with_title(svg: str, meta: dict[str, str]) -> str:
    """The SVG with ``<title>`` and ``<desc>`` as the first children of its root element."""
    from xml.sax.saxutils import escape

    desc = " ".join(p for p in (meta["caption"], meta["source"], f"Cite as: {meta['citation']}" if meta["citation"]
                                else "") if p)
    at = svg.find("<svg")
    end = svg.find(">", at) + 1
    title = svg.find("</title>", end)
    if title != -1 and svg[end:title].count("<") == 1:  # matplotlib wrote <title> first: <desc> after it
        end = title + len("</title>")
        return svg[:end] + f"\n <desc>{escape(desc)}</desc>" + svg[end:]
    head = f"<title>{escape(meta['title'])}</title>\n<desc>{escape(desc)}</desc>\n"
    return svg[:end] + "\n" + head + svg[end:].lstrip("\n")


def save_figure(fig: Figure, name: str, *, figure: str | None = None, out_dir: str | Path | None = None,
                close: bool = False, source: str = "") -> dict[str, Path]:
    """Save ``fig`` as ``<name>.png`` (300 dpi; RGB without an alpha channel when every pixel is opaque) and
    ``<name>.svg`` with deterministic bytes.

    Each file says what it is (:func:`figure_metadata`): the PNG in its text chunks (``Title``: figure
    number and file name, ``Description``: the caption, ``Source``: the source line, ``Comment``: a
    citation), the SVG in ``<title>`` and ``<desc>`` and its Dublin Core metadata.

    Args:
        fig: The figure.
        name: The file name, without extension.
        figure: The label of the numbered figure (``fig-…``) these files are, recorded in the manifest
            (:func:`govreport.outputs.record`) for the "Figures and data" page.
        out_dir: The folder (default ``<output root>/figures``; the manifest goes beside it).
        close: Close the figure once saved (free its memory when drawing many).
        source: The reference the "Figures and data" page cites for the figure when it is not the
            book's report (recorded in the manifest with ``figure``).

    Returns:
        ``{"png": path, "svg": path}``.
    """
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"bad figure name {name!r}")
    folder = Path(out_dir) if out_dir is not None else output_dir("figures")
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"png": folder / f"{name}.png", "svg": folder / f"{name}.svg"}
    meta = figure_metadata(fig, name, figure=figure)
    png = {"Software": None, "Title": meta["title"], "Description": meta["caption"], "Source": meta["source"],
           "Comment": f"Cite as: {meta['citation']}" if meta["citation"] else ""}
    buf = io.StringIO()
    svg_meta = {"Date": None, "Creator": None, "Title": meta["title"], "Description": meta["caption"],
                "Source": meta["source"] or None}
    with _font_from_memory():
        box = _save_png(fig, paths["png"], metadata={k: v for k, v in png.items() if v != ""})
        with _laid_out(fig):  # the layout the PNG was drawn with, and its box: not worked out again
            fig.savefig(buf, format="svg", bbox_inches=box, metadata=svg_meta)
    paths["svg"].write_text(_svg_with_title(buf.getvalue(), meta), encoding="utf-8")
    if figure:
        record("figure", figure, name, root=folder.parent, source=source)
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return paths
