"""Figures of the keyword stage: word clouds, keyness bars and the co-occurrence network."""
from __future__ import annotations

import io
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..labels import glossed, label, language
from .style import FONT_NAME, FONT_PATH, PALETTE, PART_COLORS, add_source, new_figure

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from PIL import Image

#: Words in each word cloud of the English edition (each carries its gloss, so fewer fit).
EN_CLOUD_WORDS = 45

__all__ = ["EN_CLOUD_WORDS", "wordcloud_image", "wordcloud_png", "draw_wordcloud", "draw_keyness", "draw_network",
           "clouds", "keyness", "network"]


def wordcloud_image(
    freqs: Mapping[str, float],
    *,
    width: int = 900,
    height: int = 560,
    max_words: int = 80,
    colors: Sequence[str] | None = None,
    random_state: int = 7,
) -> Image.Image:
    """A word cloud of term frequencies (terms stay whole: nothing is re-segmented).

    Built with :meth:`wordcloud.WordCloud.generate_from_frequencies`, the book's CJK font
    (:data:`.style.FONT_PATH`) and a fixed ``random_state``, so the same frequencies give
    the same image.

    Args:
        freqs: term -> frequency (positive).
        width, height: image size in pixels.
        max_words: most terms drawn.
        colors: word colours, picked per word from the seeded generator (default the house palette).
        random_state: seed for placement and colours.

    Returns:
        A PIL image (RGB).

    Raises:
        ValueError: if ``freqs`` has no positive frequency.
    """
    from wordcloud import WordCloud

    positive = {str(k): float(v) for k, v in sorted(freqs.items()) if v > 0}
    if not positive:
        raise ValueError("a word cloud needs at least one term with a positive frequency")
    palette = list(colors or PALETTE[:6])

    def color(word: str, font_size: int, position: tuple[int, int], orientation: object,
              random_state: random.Random | None = None, **kwargs: object) -> str:
        return palette[random_state.randint(0, len(palette) - 1)] if random_state else palette[0]

    cloud = WordCloud(
        font_path=FONT_PATH,
        width=width,
        height=height,
        max_words=max_words,
        background_color="white",
        prefer_horizontal=1.0,
        random_state=random_state,
        color_func=color,
        collocations=False,
        margin=4,
    ).generate_from_frequencies(positive)
    image: Image.Image = cloud.to_image()
    return image


def wordcloud_png(freqs: Mapping[str, float], **kwargs: Any) -> bytes:
    """:func:`wordcloud_image` encoded as PNG bytes (identical bytes for identical input)."""
    buf = io.BytesIO()
    wordcloud_image(freqs, **kwargs).save(buf, format="PNG", optimize=False)
    return buf.getvalue()


# --- figures ---------------------------------------------------------------------------------------


def draw_wordcloud(freqs: Mapping[str, float], *, ax: Axes, **kwargs: Any) -> Axes:
    """Draw :func:`wordcloud_image` on ``ax`` (axes hidden)."""
    ax.imshow(wordcloud_image(freqs, **kwargs), interpolation="bilinear")
    ax.set_axis_off()
    return ax


def draw_keyness(
    df: pd.DataFrame, *, ax: Axes, top: int = 15, target: str = "plan", reference: str = "review"
) -> Axes:
    """Diverging bars of the most distinctive terms of two parts.

    Args:
        df: :func:`keyness` output of ``target`` against ``reference`` (columns ``term, z``).
        ax: the axes to draw on.
        top: terms shown on each side.
        target, reference: the parts compared (for colours and the legend).

    Returns:
        ``ax``: the ``top`` terms with the highest z (more used by ``target``) above, the ``top`` with
        the lowest z (more used by ``reference``) below, bar length = z. The bars are in order of z, so
        that each side's most distinctive term is read first: the ``target``'s strongest at the top,
        the ``reference``'s strongest at the bottom; a gap separates the two sides.
    """
    if top < 1:
        raise ValueError(f"top must be a positive number, not {top}")
    # strongest first on each side (ties in the order of ``df``), then laid out bottom to top
    high = df[df["z"] > 0].sort_values("z", ascending=False, kind="stable").head(top).iloc[::-1]
    low = df[df["z"] < 0].iloc[::-1].sort_values("z", kind="stable").head(top)
    gap = 0.8 if len(low) and len(high) else 0.0
    positions = [*range(len(low)), *(len(low) + gap + i for i in range(len(high)))]
    shown = pd.concat([low, high])
    colors = [PART_COLORS[target] if z > 0 else PART_COLORS[reference] for z in shown["z"]]
    ax.barh(positions, shown["z"], color=colors)
    ax.set_yticks(positions, [glossed(t) for t in shown["term"]])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(label("keyness_z_axis", target=label(f"part_{target}"), reference=label(f"part_{reference}")))
    for part in (target, reference):
        ax.barh([0], [0], color=PART_COLORS[part], label=label("keyness_more_in", part=label(f"part_{part}")))
    ax.legend(loc="upper left")  # the plan's bars run right at the top, the review's left at the bottom
    ax.margins(y=0.01)
    return ax


def _width(term: str) -> float:
    """A node label's width in characters of a CJK font: the term, or its English line if wider (the
    English edition writes the gloss under the term; a Latin letter is about half as wide)."""
    lines = glossed(term, sep="\n").split("\n")
    return max([len(lines[0]), *(0.5 * len(line) for line in lines[1:])])


def _spread(pos: Mapping[str, tuple[float, float]], *, diameters: Mapping[str, float] | None = None,
            char: float = 0.085, height: float = 0.2, iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose labels would overlap (deterministic: fixed order, no randomness).

    Each node is a box as wide as its label (``char`` layout units per character) and ``height`` tall,
    or as large as its disc (``diameters``, in layout units) if that is larger; two boxes that overlap
    are moved apart, each by half the overlap, along the axis where the overlap is smaller. Layout units
    are those of :func:`_layout` (Kamada-Kawai, about -1 to 1), for which ``char`` is about one 9-point
    character in the book's network figure (8 inches wide).
    """
    xy = {n: [float(x), float(y)] for n, (x, y) in sorted(pos.items())}
    names = list(xy)
    disc = {n: (diameters or {}).get(n, 0.0) for n in names}
    half = {n: max(char * _width(n), height, disc[n]) / 2 for n in names}
    tall = {n: max(height, disc[n]) / 2 for n in names}
    for _ in range(iterations):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = xy[b][0] - xy[a][0], xy[b][1] - xy[a][1]
                over_x = half[a] + half[b] - abs(dx)
                over_y = tall[a] + tall[b] - abs(dy)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                if over_y <= over_x:
                    step = (over_y / 2 + 1e-3) * (1 if dy >= 0 else -1)
                    xy[a][1] -= step
                    xy[b][1] += step
                else:
                    step = (over_x / 2 + 1e-3) * (1 if dx >= 0 else -1)
                    xy[a][0] -= step
                    xy[b][0] += step
        if not moved:
            break
    return {n: (x, y) for n, (x, y) in xy.items()}


def _ordered_subgraph(graph: nx.Graph[str], nodes: Iterable[str]) -> nx.Graph[str]:
    """A copy of the subgraph on ``nodes`` whose nodes and edges iterate in a fixed order.

    ``graph.subgraph(nodes)`` iterates a small subgraph in the order of a set of strings, which
    changes with Python's hash seed from one process to the next (and with it the layout)."""
    import networkx as nx

    keep = list(dict.fromkeys(n for n in nodes if n in graph))
    inside = set(keep)
    sub: nx.Graph[str] = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in keep)
    edges = sorted((min(a, b), max(a, b)) for a, b in graph.edges(keep) if a in inside and b in inside)
    sub.add_edges_from((a, b, graph.edges[a, b]) for a, b in dict.fromkeys(edges))
    return sub


def _layout(graph: nx.Graph[str], *, diameters: Mapping[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Kamada-Kawai positions (deterministic): the largest component in the middle, the other
    components in a column on the right, smallest last; then labels are kept apart (:func:`_spread`)."""
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    pos: dict[str, tuple[float, float]] = {}
    y = 0.9
    for i, comp in enumerate(comps):
        sub = _ordered_subgraph(graph, comp)
        local = nx.kamada_kawai_layout(sub, weight=None) if len(comp) > 1 else {comp[0]: (0.0, 0.0)}
        if i == 0:
            pos.update({n: (float(x), float(yy)) for n, (x, yy) in local.items()})
            continue
        scale = 0.22 * math.sqrt(len(comp))
        pos.update({n: (1.45 + scale * float(x), y + scale * float(yy)) for n, (x, yy) in local.items()})
        y -= 2.2 * scale + 0.15
    return _spread(pos, diameters=diameters)


def draw_network(graph: nx.Graph[str], *, ax: Axes) -> Axes:
    """Draw a :func:`cooccurrence` graph: node size by count, colour by the part using it more.

    Nodes are placed by the Kamada-Kawai layout and then moved apart where their discs or labels would
    overlap (deterministic: the same drawing on every build); labels have a white halo; edge
    width grows with the number of shared sentences; a node is coloured by the part (review or plan)
    where the term is more frequent relative to the part's length, grey when even. Terms linked to
    no other term are left out of the drawing.
    """
    import networkx as nx
    from matplotlib import patheffects

    ax.set_axis_off()
    graph = _ordered_subgraph(graph, [n for n in graph.nodes if graph.degree(n) > 0])
    if graph.number_of_nodes() == 0:
        return ax
    nodes = list(graph.nodes)
    data: dict[str, dict[str, Any]] = {n: d for n, d in graph.nodes(data=True)}
    counts = [data[n].get("count", 1) for n in nodes]
    biggest = max(counts)
    node_size = [120 + 900 * c / biggest for c in counts]  # marker area, points squared
    # a disc of area s pt² is sqrt(s) pt across; about 115 pt per layout unit in an 8-inch figure
    pos = _layout(graph, diameters={n: math.sqrt(a) / 115 for n, a in zip(nodes, node_size)})
    sizes = {p: sum(d.get(p, 0) for _, d in graph.nodes(data=True)) for p in ("review", "plan")}

    def lean(d: Mapping[str, int]) -> str:
        r = d.get("review", 0) / sizes["review"] if sizes["review"] else 0.0
        p = d.get("plan", 0) / sizes["plan"] if sizes["plan"] else 0.0
        return "review" if r > p else "plan" if p > r else "other"

    colors = [PART_COLORS[lean(data[n])] if lean(data[n]) != "other" else "#BBBBBB" for n in nodes]
    heaviest = max((float(d["weight"]) for *_, d in graph.edges(data=True)), default=1.0)
    widths = [0.4 + 2.2 * float(d["weight"]) / heaviest for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes, node_color=colors,
                           node_size=node_size, alpha=0.85, linewidths=0)
    names = {n: glossed(n, sep="\n") for n in nodes}
    texts = nx.draw_networkx_labels(graph, pos, ax=ax, labels=names, font_family=FONT_NAME,
                                    font_size=9 if language() != "en" else 7.5)
    halo: list[patheffects.AbstractPathEffect] = [
        patheffects.withStroke(linewidth=2.5, foreground="white", alpha=0.8)]
    for text in texts.values():  # readable over nodes and edges of either colour
        text.set_path_effects(halo)
    for part in ("review", "plan"):
        ax.scatter([], [], color=PART_COLORS[part], label=label("network_more_in", part=label(f"part_{part}")))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2)
    return ax


# --- whole figures -------------------------------------------------------------------------------------


def clouds(per_part: Mapping[str, Mapping[str, float]], *, source: str,
           parts: Sequence[str] = ("review", "plan")) -> Figure:
    """Word clouds of term counts, one panel per part that has terms (review above plan).

    Args:
        per_part: part -> term counts (:func:`govreport.keywords.part_counts`).
        source: the source line.
        parts: the parts drawn, top to bottom, when present.
    """
    shown = [p for p in parts if per_part.get(p)]
    fig, axes = new_figure(max(len(shown), 1), 1, figsize=(7, 4.4 * max(len(shown), 1)), squeeze=False)
    english = language() == "en"
    for ax, part in zip(axes[:, 0], shown):
        freqs = per_part[part]
        if english:  # each word with its gloss beside it; fewer words, so that each stays legible
            top = sorted(freqs.items(), key=lambda kv: (-kv[1], kv[0]))[:EN_CLOUD_WORDS]
            freqs = {glossed(t): c for t, c in top}
        draw_wordcloud(freqs, ax=ax, max_words=EN_CLOUD_WORDS if english else 80)
        ax.text(0.0, 1.01, label(f"part_{part}"), transform=ax.transAxes, fontsize=10, va="bottom")
    if not shown:
        axes[0, 0].set_axis_off()
    add_source(fig, source)
    return fig


def keyness(df: pd.DataFrame, *, source: str, top: int = 15, target: str = "plan",
            reference: str = "review") -> Figure:
    """The ``top`` most distinctive terms of each side (:func:`draw_keyness`) as a finished figure."""
    fig, ax = new_figure(figsize=(7, 7.5))
    if len(df):
        draw_keyness(df, ax=ax, top=top, target=target, reference=reference)
    add_source(fig, source)
    return fig


def network(graph: nx.Graph[str], *, source: str) -> Figure:
    """A co-occurrence graph (:func:`draw_network`) as a finished figure."""
    fig, ax = new_figure(figsize=(8, 6.5))
    draw_network(graph, ax=ax)
    add_source(fig, source)
    return fig
