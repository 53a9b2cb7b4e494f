"""Synthetic inputs for the benchmarks, generated deterministically from the seed report.

Three kinds of input are made from ``data/report/shawan_2023_review_2024_plan.txt`` (the seed):

* :func:`multiplied` — the seed repeated ``copies`` times, one copy after another, with every Arabic
  number of every copy perturbed by a seeded random factor (years such as 2023年 are kept), so that
  quantity extraction sees different values in each copy. ``×10`` and ``×100`` are the engine's
  scaling inputs.
* :func:`variant` — one full-length report made from the seed: review points and plan sub-points
  shuffled within their parts (and plan sections shuffled), some points repeated, points lengthened
  with sentences drawn from the same part, numbers perturbed, the report's years and place names
  swapped. Each variant still has a preamble, a review part and a plan part.
* :func:`write_inputs` — writes ``seed_x10.txt``, ``seed_x100.txt`` and a folder of ``reports``
  variants (about ``corpus_chars`` characters in all) into an output folder.

Everything depends only on the seed text and the integer ``seed``: the same arguments give the same
bytes on every machine (``random.Random`` with an integer seed is stable across Python versions).

Run ``python benchmarks/corpus.py [OUT_DIR]`` to (re)generate the inputs (default ``benchmarks/out``).
"""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SEED_REPORT",
    "SeedModel",
    "cn_numeral",
    "perturb_numbers",
    "parse_seed",
    "multiplied",
    "variant",
    "corpus",
    "write_inputs",
]

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
SEED_REPORT = PROJECT_ROOT / "data" / "report" / "shawan_2023_review_2024_plan.txt"
DEFAULT_OUT = BENCH_DIR / "out"

#: An Arabic number, integer or decimal, not glued to Latin letters (5G, TikTok stay as they are).
_NUMBER = re.compile(r"(?<![0-9A-Za-z.])(\d+)(?:\.(\d+))?(?![0-9A-Za-z])")
#: A four-digit year followed by 年 (2023年) is a date, not a quantity.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=年)")
#: A point marker as the seed writes it: 一是, 二是 … at the start of a point.
_POINT = re.compile(r"(?:^|(?<=。))([一二三四五六七八九十]{1,3})是")
_SECTION = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)](.*)$")
#: A sentence that could be read as a heading marker if it opened a point or a line.
_MARKER_LIKE = re.compile(r"^(?:[一二三四五六七八九十百]{1,4}[是、.．]|[（(]|\d)")

#: Place names of the seed and the names a variant may put in their place (same role, same kind).
STREETS = ("石楼", "化龙", "南村", "大石", "钟村", "洛浦", "石碁", "新造", "东环", "桥南", "市桥", "沙头",
           "小谷围", "大龙", "东涌", "榄核", "大岗", "横沥", "黄阁", "珠江")
DISTRICTS = ("南沙", "花都", "增城", "从化", "黄埔", "白云", "海珠", "天河", "荔湾", "越秀")
ISLANDS = ("海鸥", "大虎", "龙穴", "江鸥", "沙仔", "长洲", "官洲", "大吉沙")


def cn_numeral(n: int) -> str:
    """The Chinese numeral for 1 … 99 as used in point markers (一, 十, 十一, 二十, 二十一).

    Raises:
        ValueError: ``n`` outside 1 … 99.
    """
    if not 1 <= n <= 99:
        raise ValueError(f"cn_numeral covers 1 … 99, not {n}")
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def perturb_numbers(text: str, rng: random.Random, *, low: float = 0.5, high: float = 1.5) -> str:
    """Multiply every Arabic number of ``text`` by its own random factor in ``[low, high)``.

    Integers stay integers (at least 1 unless they were 0), decimals keep their number of decimal
    places, zero stays zero and years (``2023年``) are kept, so the text around the numbers is
    unchanged: removing the digits from the input and the output gives the same string.

    Args:
        text: any text.
        rng: the random source (its state advances by one draw per number changed).
        low: smallest factor.
        high: largest factor.

    Returns:
        The text with new numbers.
    """
    if not 0 < low <= high:
        raise ValueError(f"need 0 < low <= high, got {low}, {high}")
    years = {m.start() for m in _YEAR.finditer(text)}

    def repl(m: re.Match[str]) -> str:
        if m.start() in years:
            return m.group(0)
        frac = m.group(2)
        value = float(m.group(0))
        if value == 0:
            return m.group(0)
        factor = rng.uniform(low, high)
        if frac is None:
            return str(max(1, round(value * factor)))
        new = f"{value * factor:.{len(frac)}f}"
        if float(new) == 0:
            new = f"{10 ** -len(frac):.{len(frac)}f}"
        return new

    return _NUMBER.sub(repl, text)


@dataclass(frozen=True)
class SeedModel:
    """The seed report taken apart into the pieces the variants are built from.

    Attributes:
        preamble: the opening paragraph (with its line break).
        review_heading: ``一、2023年工作总结`` (without the line break).
        review_points: the review points without their markers (``推动经济发展稳中向好。…``).
        plan_heading: ``二、2024年工作计划``.
        plan_lead: the general-requirements paragraph.
        sections: (heading without marker, sub-points without markers) for each plan section.
    """

    preamble: str
    review_heading: str
    review_points: tuple[str, ...]
    plan_heading: str
    plan_lead: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]


def _split_points(line: str) -> list[str]:
    """Split a line of ``一是…。二是…。`` points into the points, markers removed."""
    marks = list(_POINT.finditer(line))
    if not marks or marks[0].start() != 0:
        raise ValueError(f"expected a line of points, got {line[:30]!r}")
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(line)
        out.append(line[m.end():end])
    return out


def parse_seed(text: str) -> SeedModel:
    """Take the seed report's lines apart (the seed's layout: one line per review point, one line of
    sub-points under each plan section heading).

    Raises:
        ValueError: the text is not laid out like the seed.
    """
    lines = text.split("\n")
    try:
        i_review = next(i for i, ln in enumerate(lines) if ln.startswith("一、"))
        i_plan = next(i for i, ln in enumerate(lines) if ln.startswith("二、"))
    except StopIteration:
        raise ValueError("the seed has no 一、 / 二、 part headings") from None
    review = []
    for ln in lines[i_review + 1:i_plan]:
        points = _split_points(ln)
        if len(points) != 1:
            raise ValueError(f"expected one review point per line, got {len(points)} in {ln[:30]!r}")
        review.extend(points)
    sections: list[tuple[str, tuple[str, ...]]] = []
    k = i_plan + 2
    while k < len(lines):
        m = _SECTION.match(lines[k])
        if not m or k + 1 >= len(lines):
            raise ValueError(f"expected a plan section heading at line {k + 1}")
        sections.append((m.group(2), tuple(_split_points(lines[k + 1]))))
        k += 2
    return SeedModel(
        preamble="\n".join(lines[:i_review]),
        review_heading=lines[i_review],
        review_points=tuple(review),
        plan_heading=lines[i_plan],
        plan_lead=lines[i_plan + 1],
        sections=tuple(sections),
    )


def _sentences(point: str) -> list[str]:
    """A point's sentences, split after 。 (the punctuation stays with its sentence)."""
    return [s for s in re.findall(r"[^。]*。|[^。]+$", point) if s]


def _pool(points: tuple[str, ...]) -> list[str]:
    """Body sentences (not the lead phrase) of the points that can be moved into another point."""
    out = []
    for p in points:
        for s in _sentences(p)[1:]:
            if s.endswith("。") and not _MARKER_LIKE.match(s) and len(s) >= 8:
                out.append(s)
    return out


def read_seed(path: Path = SEED_REPORT) -> str:
    """The seed text exactly as stored (UTF-8)."""
    return Path(path).read_bytes().decode("utf-8")


def multiplied(seed_text: str, copies: int, *, seed: int = 0) -> str:
    """The seed repeated ``copies`` times (joined by line breaks), each copy with new numbers.

    Args:
        seed_text: the seed report.
        copies: how many copies (>= 1).
        seed: the random seed.

    Returns:
        The concatenated text.
    """
    if copies < 1:
        raise ValueError(f"copies must be >= 1, got {copies}")
    rng = random.Random(seed * 1_000_003 + copies)
    return "\n".join(perturb_numbers(seed_text, rng) for _ in range(copies)) + "\n"


def variant(seed_text: str, index: int, *, seed: int = 0, target_chars: int = 20_000) -> str:
    """One synthetic full-length report made from the seed.

    The review keeps 8 to 14 points (the seed's ten shuffled, some dropped or repeated); each plan
    section keeps its sub-points in a new order, and the sections come in a new order. Points are then
    lengthened with sentences drawn from the same part until the report reaches ``target_chars``.
    Finally every number is perturbed (:func:`perturb_numbers`), the years move to a random year pair
    and the street, district and island names are swapped for others.

    Args:
        seed_text: the seed report.
        index: which variant (each index gives a different report).
        seed: the random seed shared by a corpus.
        target_chars: the length to reach before numbers and names change (about; the result may
            differ by a sentence and by the length of the swapped names).

    Returns:
        The report text (ends with a line break).
    """
    if index < 0:
        raise ValueError(f"index must be >= 0, got {index}")
    model = parse_seed(seed_text)
    rng = random.Random(seed * 1_000_003 + 7919 * (index + 1))

    n_review = rng.randint(8, 14)
    order = list(model.review_points)
    rng.shuffle(order)
    review = order[:n_review] + [rng.choice(model.review_points) for _ in range(n_review - len(order))]
    sections = [(head, rng.sample(points, len(points))) for head, points in model.sections]
    rng.shuffle(sections)

    review_pool = _pool(model.review_points)
    plan_pool = _pool(tuple(p for _, pts in model.sections for p in pts))
    # (part, index into review or (section, point)) of every point, to lengthen them at random
    slots: list[tuple[int, int]] = [(-1, i) for i in range(len(review))]
    slots += [(s, j) for s, (_, pts) in enumerate(sections) for j in range(len(pts))]

    def render() -> str:
        out = [model.preamble, "\n", model.review_heading, "\n"]
        out += [f"{cn_numeral(i)}是{p}\n" for i, p in enumerate(review, 1)]
        out += [model.plan_heading, "\n", model.plan_lead, "\n"]
        for s, (head, pts) in enumerate(sections, 1):
            out.append(f"({cn_numeral(s)}){head}\n")
            out.append("".join(f"{cn_numeral(j)}是{p}" for j, p in enumerate(pts, 1)) + "\n")
        return "".join(out)

    length = len(render())
    while length < target_chars:
        part, i = rng.choice(slots)
        sentence = rng.choice(review_pool if part < 0 else plan_pool)
        target = review[i] if part < 0 else sections[part][1][i]
        sents = _sentences(target)
        at = rng.randint(1, len(sents))  # never before the lead phrase
        new = "".join(sents[:at] + [sentence] + sents[at:])
        if part < 0:
            review[i] = new
        else:
            sections[part][1][i] = new
        length += len(sentence)

    text = perturb_numbers(render(), rng)
    year = rng.randint(2016, 2024)
    text = _YEAR.sub(lambda m: str(year + int(m.group(0)) - 2023), text)
    street, district, island = rng.choice(STREETS), rng.choice(DISTRICTS), rng.choice(ISLANDS)
    for old, new in (("沙湾", street), ("番禺", district), ("紫坭", island), ("紫泥", island)):
        text = text.replace(old, new)
    return text


def corpus(seed_text: str, *, reports: int = 50, total_chars: int = 1_000_000, seed: int = 0) -> list[str]:
    """``reports`` variants whose lengths add up to about ``total_chars`` (each within ±30 % of the mean).

    Returns:
        The report texts, in order of index.
    """
    if reports < 1 or total_chars < 1:
        raise ValueError(f"need reports >= 1 and total_chars >= 1, got {reports}, {total_chars}")
    rng = random.Random(seed * 1_000_003 + reports)
    weights = [rng.uniform(0.7, 1.3) for _ in range(reports)]
    scale = total_chars / sum(weights)
    return [variant(seed_text, i, seed=seed, target_chars=round(w * scale)) for i, w in enumerate(weights)]


def write_inputs(
    out_dir: Path | str = DEFAULT_OUT,
    *,
    copies: tuple[int, ...] = (10, 100),
    reports: int = 50,
    corpus_chars: int = 1_000_000,
    seed: int = 0,
    seed_path: Path = SEED_REPORT,
) -> dict[str, Path]:
    """Write the synthetic inputs into ``out_dir`` (files are rewritten only when their bytes change).

    Returns:
        ``{"seed": seed path, "x10": …/seed_x10.txt, "x100": …, "corpus": …/corpus}``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seed_text = read_seed(seed_path)
    paths: dict[str, Path] = {"seed": Path(seed_path)}
    for n in copies:
        paths[f"x{n}"] = _write_if_changed(out / f"seed_x{n}.txt", multiplied(seed_text, n, seed=seed))
    folder = out / "corpus"
    folder.mkdir(exist_ok=True)
    texts = corpus(seed_text, reports=reports, total_chars=corpus_chars, seed=seed) if reports else []
    wanted = {f"report_{i + 1:03d}.txt" for i in range(len(texts))}
    for stale in folder.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for i, t in enumerate(texts):
        _write_if_changed(folder / f"report_{i + 1:03d}.txt", t)
    paths["corpus"] = folder
    return paths


def _write_if_changed(path: Path, text: str) -> Path:
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    made = write_inputs(target)
    for key, p in made.items():
        size = sum(len(f.read_text(encoding="utf-8")) for f in sorted(p.glob("*.txt"))) if p.is_dir() \
            else len(p.read_text(encoding="utf-8"))
        print(f"{key:7s} {size:>10,d} characters  {p}")
