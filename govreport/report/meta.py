"""What a report says about itself: its title, issuer, place, level and years (project issue 17).

:func:`report_info` reads them from the text, and from ``<file>.meta.yml`` beside the file where there is
one; the metadata file wins where it records a field (a value ``not stated`` records nothing).

From the text:

* **title**: a title line before the salutation (``深圳市2024年政府工作报告``, ``…2024年工作要点``);
* **issuer**: the government the speaker represents: ``现在，我代表深圳市人民政府向大会报告…`` →
  深圳市人民政府 (a term in office, ``一届``, is left out). A bare ``省人民政府`` / ``市人民政府`` /
  ``区人民政府`` is completed with the place the text names: a province from the list in
  ``data/lexicon/places.csv``, the one it names most often; a city or district when the text names it with
  its level (``坪山区委``, ``深圳市坪山区``, ``…，沙湾街始终坚持…``);
* **place** and **level**: the innermost unit of the issuer (深圳市龙华区人民政府 → 龙华区, district),
  else the unit the text names itself by; levels are ``street`` (街道, 街, 镇, 乡), ``district`` (区, 县,
  新区, 旗), ``city`` (市, 州, 盟), ``province`` (省, 自治区, 直辖市, 特别行政区) and ``state`` (国务院);
* **review year** and **plan year**: :func:`govreport.report.report_years`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..paths import LEXICON_DIR, read_csv_rows
from .model import Report
from .parse import metadata
from .years import report_years

__all__ = ["LEVELS_OF_GOVERNMENT", "ReportInfo", "report_info", "place_units"]

#: The levels of government, from the lowest.
LEVELS_OF_GOVERNMENT = ("street", "district", "city", "province", "state")

_HAN = r"\u4e00-\u9fff"
# Units of government by their last word, longest first; the level each one is.
_UNIT_WORDS = [("特别行政区", "province"), ("自治区", "province"), ("自治州", "city"), ("自治县", "district"),
               ("街道办事处", "street"), ("街道", "street"), ("新区", "district"), ("省", "province"),
               ("市", "city"), ("州", "city"), ("盟", "city"), ("区", "district"), ("县", "district"),
               ("旗", "district"), ("镇", "street"), ("乡", "street"), ("街", "street")]
_UNIT = re.compile(rf"[{_HAN}]{{1,10}}?(?:{'|'.join(w for w, _ in _UNIT_WORDS)})")
_PLACE_UNIT = re.compile(rf"[{_HAN}]{{2,10}}?(?:{'|'.join(w for w, _ in _UNIT_WORDS)})")
_LEVEL_OF_WORD = dict(_UNIT_WORDS)
# 现在，我代表深圳市人民政府，向大会报告政府工作 / 我受市长…委托，代表市人民政府 / 代表大鹏新区管理委员会
_ISSUER = re.compile(rf"代表([{_HAN}、]{{0,20}}?(?:人民政府筹备组|政府筹备组|人民政府|管理委员会|管委会|街道办事处"
                     rf"|办事处|国务院))")
_TERM = re.compile(r"[一二三四五六七八九十]+届")
_GENERIC = re.compile(r"(省|市|区|县|镇|乡|街道)(?:人民政府|政府|办事处)")
_TITLE_WORDS = re.compile(r"政府工作报告|工作报告|工作总结|工作计划|工作要点|工作安排")
_NOT_A_NAME = "全我本各该此辖城片园社景湾特市老校山和与及、的是在为一二三四五六七八九十"
_NOT_STATED = ("", "not stated", "none", "unknown")


@dataclass(frozen=True)
class ReportInfo:
    """What a report says about itself; None where neither its text nor its metadata file says.

    ``sources`` says where each stated field came from: ``text`` or ``meta``.
    """

    title: str | None = None
    issuer: str | None = None
    place: str | None = None
    level: str | None = None
    review_year: int | None = None
    plan_year: int | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """The fields as a plain dict (``sources`` included)."""
        return asdict(self)


def _units(name: str) -> list[str]:
    """The units of government a name is made of: 广州市番禺区沙湾街道办事处 → 广州市, 番禺区, 沙湾街道办事处."""
    return _UNIT.findall(name)


def place_units(name: str) -> list[str]:
    """The units of government a name is made of, outermost first: 广州市番禺区沙湾街道办事处 → 广州市,
    番禺区, 沙湾街道办事处 (an issuer's name, a place's full name). A unit's name has at least two
    characters before its level word, so that 广州市 is not read as 广州 and 市…."""
    return _PLACE_UNIT.findall(name)


def _level(unit: str) -> str | None:
    if unit.endswith("国务院") or unit == "国务院":
        return "state"
    for word, level in _UNIT_WORDS:
        if unit.endswith(word):
            return level
    return None


def _place_of(unit: str) -> str:
    """A unit's place name: 沙湾街道办事处 → 沙湾街道."""
    return unit[:-3] if unit.endswith("办事处") else unit


def _title(text: str) -> str | None:
    """A title line among the first lines, before the salutation and the first sentence."""
    for line in text.splitlines()[:5]:
        core = line.strip(" \t\u3000\u00a0\ufeff")
        if not core:
            continue
        squeezed = re.sub(r"[ \t\u3000\u00a0]", "", core)
        if len(squeezed) <= 60 and _TITLE_WORDS.search(squeezed) and not re.search(r"[。！？；，,]", core):
            return core
        if core.startswith(("各位代表", "同志们")) or re.search(r"[。！？]", core):
            return None
    return None


def _named(text: str, word: str) -> str | None:
    """The place of a level the text names under the unit above it (``深圳市坪山区``, ``广东省深圳市``):
    the one it names most often that way, or None."""
    before = r"(?:(?<=[，,。；;！？、：:\s“（(])|(?<=代表)|^)"
    found = Counter(m.group(2) + m.group(3) for m in re.finditer(
        rf"{before}([{_HAN}]{{2,3}}?)[市省]([{_HAN}]{{2,3}}?)({word})", text)
        if not re.search("政府|委", m.group(0)) and all(
            name[0] not in _NOT_A_NAME + "首核中" and name[-1] not in _NOT_A_NAME + "社" and text.count(name) >= 3
            for name in (m.group(1), m.group(2))))
    if not found:
        return None
    return min(found, key=lambda n: (-found[n], -text.count(n), n))


def _as_written(text: str, unit: str) -> str:
    """A unit's place as the text writes it: 沙湾街道办事处 → 沙湾街 when the text says 沙湾街."""
    place = _place_of(unit)
    word = next((w for w, _ in _UNIT_WORDS if place.endswith(w)), "")
    stem = place[:len(place) - len(word)]
    forms = [stem + w for w, level in _UNIT_WORDS if level == _LEVEL_OF_WORD.get(word) and stem + w in text]
    return max(forms, key=lambda f: (text.count(f), len(f))) if stem and forms else place


def _province(text: str, lexicon_dir: Path) -> str | None:
    """The province the text names most often (``data/lexicon/places.csv``), by its full name."""
    rows = read_csv_rows(lexicon_dir / "places.csv", ("name", "full_name", "level"))
    counts = [(text.count(r["name"]), r["full_name"]) for r in rows if r["level"] == "province"]
    counts = [c for c in counts if c[0] > 0]
    return max(counts)[1] if counts else None


def _from_text(text: str, lexicon_dir: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    title = _title(text)
    if title:
        out["title"] = title
    m = re.search(r"我(?:受[^，。,]{0,20}委托[，,]?)?" + _ISSUER.pattern, text) or _ISSUER.search(text[:3000])
    if not m:
        return out
    issuer = _TERM.sub("", m.group(1))
    generic = _GENERIC.fullmatch(issuer)
    if issuer == "国务院":
        out.update(issuer=issuer, level="state")
        return out
    if generic:
        word = generic.group(1)
        out["level"] = _level(word)
        place = _province(text, lexicon_dir) if word == "省" else _named(text, word)
        if place:
            out["place"] = place
            out["issuer"] = place + issuer[len(word):]
        else:
            out["issuer"] = issuer
        return out
    out["issuer"] = issuer
    units = _units(issuer)
    if units:
        out["place"] = _place_of(units[-1])
        out["level"] = _level(units[-1])
    return out


def report_info(report: Report, *, meta: Mapping[str, object] | None = None,
                lexicon_dir: str | Path = LEXICON_DIR) -> ReportInfo:
    """What the report says about itself (see the module docstring).

    Args:
        report: The parsed report.
        meta: Its metadata; by default the ``<file>.meta.yml`` beside ``report.source``, if any.
        lexicon_dir: Where ``places.csv`` (the province names) is.

    Returns:
        A :class:`ReportInfo`; the metadata file's fields win over the text's.
    """
    if meta is None:
        meta = metadata(report.source) if report.source and Path(report.source).is_file() else {}
    stated = {k: v for k, v in meta.items() if str(v).strip().lower() not in _NOT_STATED}
    found = _from_text(report.text, Path(lexicon_dir))
    years = report_years(report.text)
    if years.review_year is not None:
        found["review_year"], found["plan_year"] = years.review_year, years.plan_year
    sources = {k: "text" for k in found}
    values: dict[str, object] = dict(found)
    for key in ("title", "issuer", "place", "level", "review_year", "plan_year"):
        if key in stated:
            values[key] = stated[key]
            sources[key] = "meta"
    if sources.get("issuer") == "meta" and "level" not in stated:
        # the issuer recorded beside the file says the level when the text does not name the issuer
        units = _units(str(values["issuer"]).split(" (")[0])
        if units and sources.get("level") != "text":
            values["level"] = _level(units[-1])
            sources["level"] = "meta"
        if units and "place" not in values:
            place = _as_written(report.text, units[-1])
            values["place"] = place
            sources["place"] = "text" if place in report.text else "meta"
    return ReportInfo(
        title=_str(values.get("title")), issuer=_str(values.get("issuer")), place=_str(values.get("place")),
        level=_str(values.get("level")), review_year=_int(values.get("review_year")),
        plan_year=_int(values.get("plan_year")), sources=sources)


def _str(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _int(value: object) -> int | None:
    try:
        return None if value is None else int(str(value))
    except ValueError:
        return None
