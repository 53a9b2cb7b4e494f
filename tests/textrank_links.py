"""The half-links of a TextRank graph given as a list of links, for the tests of its sweeps."""
from __future__ import annotations

import numpy as np


def half_links(links: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """``(src, dst, coef, n)`` of links ``(a, b, weight)`` between any integers, as the sweeps take them: the
    nodes numbered in sorted order, each link as its two half-links (a → b, then b → a), each weighted by the
    link's weight over the total weight of the half-links leaving its far end."""
    nodes = sorted({x for a, b, _ in links for x in (a, b)})
    at = {n: i for i, n in enumerate(nodes)}
    src = np.array([at[x] for a, b, _ in links for x in (a, b)], dtype=np.int64)
    dst = np.array([at[x] for a, b, _ in links for x in (b, a)], dtype=np.int64)
    weight = np.array([w for *_, w in links for _ in (0, 1)], dtype=np.float64)
    coef = weight / np.bincount(src, weights=weight, minlength=len(nodes))[dst]
    return src, dst, coef, len(nodes)
