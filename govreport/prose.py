"""Sentences the book writes about the report it is built from (project issue 17).

The book can be rebuilt for any report (``GOVREPORT_REPORT=… make book``). Every sentence that says
something about *the* report is therefore made here, from the report itself, never typed:

* :func:`describe` names the report: its place in Chinese and English (沙湾街 → Shawan Street,
  深圳市 → Shenzhen, 罗湖区 → Luohu District), its years, the book's title
  (``Reading a work report: Shenzhen 2023–2024``), the title figures cite in their source line, and a
  one-line reference for citations. Everything comes from :func:`govreport.report.report_info` (the
  text, and a ``<file>.meta.yml`` beside it where there is one); nothing is guessed from the file name.
* :func:`structure` reads the parse (:mod:`govreport.report`) into what chapter 1 says about how the
  report is built: its parts, how many sections and points each has, how they are numbered (the
  markers as the report writes them: ``（一）``, ``一是`` …), its lead paragraphs and closing units
  (the problems a review admits, a closing appeal), and the parts that are neither review nor plan.

English names: a place's English is its curated gloss (``data/glosses/terms.csv``, then the lexicon),
else its pinyin (pypinyin), followed by the English of its level word (区 District, 街 Street, 省
Province; a city, 市, is named alone).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .chars import visible_chars
from .paths import read_csv_rows

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .glosses import Glosses
    from .report import Report, ReportInfo, Unit

__all__ = ["NOT_STATED", "place_en", "Description", "describe", "book_title", "PartShape", "Structure",
           "structure", "marker_of", "count_noun"]

#: What the book says where neither the text nor the metadata file states a field.
NOT_STATED = "not stated"

# A place's level word (the end of its name), longest first, with its English (after the name).
_LEVEL_WORDS = (("特别行政区", "SAR"), ("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"),
                ("自治县", "Autonomous County"), ("街道办事处", "Street"), ("街道", "Street"), ("新区", "New Area"),
                ("省", "Province"), ("市", ""), ("州", "Prefecture"), ("盟", "League"), ("区", "District"),
                ("县", "County"), ("旗", "Banner"), ("镇", "Town"), ("乡", "Township"), ("街", "Street"))
# Heading markers as a report writes them; the first that matches the start of a unit's text.
_MARKERS = (
    ("ordinal", re.compile(r"[一二三四五六七八九十百]+是")),
    ("chinese", re.compile(r"[一二三四五六七八九十百]+、")),
    ("bracketed", re.compile(r"[（(][一二三四五六七八九十百]+[）)]")),
    ("arabic", re.compile(r"[0-9０-９]+[.．、]")),
    ("bracketed_arabic", re.compile(r"[（(][0-9０-９]+[）)]")),
)
_LEAD = re.compile(r"\.0+$")
# What an ``other`` part is, from the words of its heading.
_OTHER_KINDS = (
    (re.compile(r"政府自身建设|自身建设|政府治理"), "the government's own conduct"),
    (re.compile(r"名词|术语|注释|解释"), "a glossary"),
    (re.compile(r"附件|附[:：]|附表|附录"), "an appendix"),
    (re.compile(r"说明"), "a note"),
)
_APPEAL = re.compile(r"^\s*(各位代表|同志们)")
_PROBLEMS = re.compile(r"问题|不足|差距|短板|困难|挑战|薄弱")
_THANKS = re.compile(r"感谢|来之不易")


# --- names ------------------------------------------------------------------------------------

def _gloss(text: str, glosses: Glosses | None) -> str | None:
    from .glosses import load_glosses

    en = (glosses or load_glosses()).lookup("term", text)
    return re.sub(r"\s*\([^)]*\)", "", en).strip() or None if en else None


def _pinyin_name(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL) if s.strip()]
    return "".join(syllables).capitalize() if syllables else text


def place_en(place: str | None, *, glosses: Glosses | None = None) -> str | None:
    """A place's English name: ``沙湾街`` → ``Shawan Street``, ``深圳市`` → ``Shenzhen``,
    ``罗湖区`` → ``Luohu District``, ``广东省`` → ``Guangdong Province`` (``None`` for ``None``).

    The whole name's curated gloss if there is one (番禺区 → Panyu District), else the gloss or the
    pinyin of the name without its level word, followed by the level word's English.
    """
    if not place:
        return None
    whole = _gloss(place, glosses)
    if whole:
        return whole
    for word, en in _LEVEL_WORDS:
        if place.endswith(word) and len(place) > len(word):
            stem = place[:-len(word)]
            name = _gloss(stem, glosses) or _pinyin_name(stem)
            return f"{name} {en}".strip()
    return _pinyin_name(place)


def _units_of(name: str) -> list[str]:
    from .report.meta import place_units

    return place_units(name.split(" (")[0])


@dataclass(frozen=True)
class Description:
    """What the book says the report is (:func:`describe`).

    Attributes:
        info: What the report says about itself (:func:`govreport.report.report_info`).
        meta: Its metadata file (``{}`` when there is none).
        file_name: The file's name.
        name_zh: Its place as the text writes it (深圳市), or None.
        name_en: Its place in English (Shenzhen), or None.
        context_en: The units above the place the issuer names, in English, inner first
            (``Panyu District, Guangzhou``), or ``""``.
    """

    info: ReportInfo
    meta: Mapping[str, object]
    file_name: str
    name_zh: str | None
    name_en: str | None
    context_en: str = ""
    sources_csv: Mapping[str, str] = field(default_factory=dict)

    @property
    def years(self) -> str:
        """``2023–2024`` (review year–plan year), ``2024`` when only one is known, else ``""``."""
        review, plan = self.info.review_year, self.info.plan_year
        if review and plan:
            return f"{review}\u2013{plan}"
        return str(review or plan or "")

    @property
    def label(self) -> str:
        """The report in a few words, for the book's title: ``Shawan Street 2023–2024``."""
        name = self.name_en or self.info.title or Path(self.file_name).stem or "a report"
        return f"{name} {self.years}".strip()

    def part_years(self) -> str:
        """``the 2023 review and 2024 plan`` (``the review and plan`` when the years are unknown)."""
        review = f"{self.info.review_year} " if self.info.review_year else ""
        plan = f"{self.info.plan_year} " if self.info.plan_year else ""
        return f"the {review}review and {plan}plan"

    @property
    def subtitle(self) -> str:
        """``the 2023 review and 2024 plan of Shawan Street (沙湾街), Panyu District, Guangzhou``."""
        if not self.name_en:
            return f"{self.part_years()} of the report in {self.file_name}"
        where = f"{self.name_en} ({self.name_zh})" if self.name_zh else self.name_en
        return f"{self.part_years()} of {where}" + (f", {self.context_en}" if self.context_en else "")

    def title(self, lang: str = "en") -> str:
        """The report's title as a figure's source line cites it.

        English: the metadata's ``title_en`` (up to its first bracket), else ``<place> — <review year>
        work review and <plan year> work plan``. Chinese: the title the text or the metadata states,
        else ``<place><review year>年工作回顾和<plan year>年工作安排``. The file name when the place is
        not known either.
        """
        review, plan = self.info.review_year, self.info.plan_year
        if lang == "en":
            if self.meta.get("title_en"):
                return str(self.meta["title_en"]).split(" (")[0]
            if not self.name_en:
                return self.info.title or self.file_name
            if review and plan:
                return f"{self.name_en} \u2014 {review} work review and {plan} work plan"
            return f"{self.name_en} \u2014 work report" + (f" {review or plan}" if review or plan else "")
        if self.info.title:
            return self.info.title
        if not self.name_zh:
            return self.file_name
        if review and plan:
            return f"{self.name_zh}{review}年工作回顾和{plan}年工作安排"
        return f"{self.name_zh}{review or plan or ''}{'年' if review or plan else ''}工作报告"

    @property
    def reference(self) -> str:
        """One line naming the report for a citation: title, English title, issuer, where published."""
        title = self.title("zh")
        title_en = self.title("en")
        parts = [f"{title} ({title_en})" if title_en != title else title,
                 (self.info.issuer or "").split(" (")[0], str(self.meta.get("source_url") or "")]
        if not self.meta.get("source_url"):
            parts.append(self.file_name)
        return ", ".join(p for p in dict.fromkeys(parts) if p)

    def facts(self, report: Report) -> pd.DataFrame:
        """Chapter 1's table of the document: ``Field, Value, From``.

        Each field the text or the metadata file states shows where it comes from (``the text``, ``the
        metadata file``); a field neither states is :data:`NOT_STATED`, with no source. Length, encoding and
        checksum come from the report as read.
        """
        import pandas as pd

        info, meta = self.info, self.meta
        origin = {"text": "the text", "meta": "the metadata file"}

        def src(key: str) -> str:
            return origin.get(info.sources.get(key, ""), "")

        def field(label: str, value: object, source: str) -> tuple[str, str, str]:
            stated = str(value if value is not None else "").strip().lower() not in ("", NOT_STATED, "none", "unknown")
            return (label, str(value) if stated else NOT_STATED, source if stated else "")

        rows = [
            field("Title (as stated)", info.title, src("title")),
            ("Title as the book cites it", f"{self.title('zh')} ({self.title('en')})", "the title, or place and years"),
            field("Issuer", info.issuer, src("issuer")),
            field("Place", f"{self.name_zh} ({self.name_en})" if self.name_zh else None, src("place")),
            field("Level of government", info.level, src("level")),
            field("Review year", info.review_year, src("review_year")),
            field("Plan year", info.plan_year, src("plan_year")),
            field("Published on", meta.get("published_on"), "the metadata file"),
            field("Publication date", meta.get("publication_date"), "the metadata file"),
            field("Source", meta.get("source_url"), "the metadata file"),
            ("Characters", f"{len(report.text):,}", "counted"),
            ("Encoding as read", report.encoding, "detected"),
            ("SHA-256", report.sha256, "verified on loading" if meta.get("sha256") else "computed"),
        ]
        return pd.DataFrame(rows, columns=["Field", "Value", "From"])

    def provenance(self) -> str:
        """Where the text comes from, in one or two sentences (Markdown)."""
        url = str(self.meta.get("source_url") or "")
        where = str(self.meta.get("published_on") or "")
        if url:
            out = f"The text is the one published at <{url}>" + (f" ({_md(where)})" if where else "") + "."
        elif self.sources_csv:
            s = self.sources_csv
            out = (f"The text is `{self.file_name}` of the corpus in `data/corpus/`, taken from the public repository "
                   f"{_md(s.get('repo', ''))} ({_md(s.get('path', ''))}, commit {s.get('commit', '')[:8]}); "
                   "where it was first published is not recorded beside it, so the book says \"not stated\" for "
                   "its source and date.")
        else:
            out = (f"The text is the file `{self.file_name}`; no metadata file (`{self.file_name}.meta.yml`) "
                   "records where it was published, so the book says \"not stated\" for its source and date.")
        return out


def _md(text: str) -> str:
    for ch in "\\`*_[]{}<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _corpus_row(path: Path) -> dict[str, str]:
    rows = read_csv_rows(path.parent / "sources.csv")
    return next((r for r in rows if r.get("file") == path.name), {})


def describe(report: Report, *, glosses: Glosses | None = None) -> Description:
    """What the book says the report is: its names, years and titles (see :class:`Description`)."""
    from .report import metadata, report_info

    path = Path(report.source) if report.source else Path("report.txt")
    meta = metadata(report.source) if report.source and path.is_file() else {}
    info = report_info(report, meta=meta)
    name_en = place_en(info.place, glosses=glosses)
    context = ""
    if info.issuer and info.place:
        units = _units_of(info.issuer)
        above = [u for u in units if not u.startswith(info.place[:2])]
        context = ", ".join(n for n in (place_en(u, glosses=glosses) for u in reversed(above)) if n)
    return Description(info=info, meta=dict(meta), file_name=path.name, name_zh=info.place, name_en=name_en,
                       context_en=context, sources_csv=_corpus_row(path) if path.is_file() else {})


def book_title(template: str, report: Report | None) -> str:
    """The book's title: ``template`` with ``{report}`` replaced by the report's :attr:`Description.label`.

    ``"Reading a work report: {report}"`` → ``"Reading a work report: Shenzhen 2023–2024"``. A title
    without the placeholder is returned as it is.
    """
    if "{report}" not in template:
        return template
    label = describe(report).label if report is not None else "a report"
    return template.replace("{report}", label)


# --- structure --------------------------------------------------------------------------------

def marker_of(text: str) -> str:
    """The heading marker a unit's text opens with (``（一）``, ``一是``, ``1.`` …), or ``""``."""
    core = text.lstrip(" \t\u3000\u00a0\r\n")
    for _, pattern in _MARKERS:
        m = pattern.match(core)
        if m:
            return m.group(0)
    return ""


def count_noun(n: int, singular: str) -> str:
    """``1 section``, ``10 sections``."""
    return f"{n:,} {singular}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class PartShape:
    """One part of a report as chapter 1 describes it.

    Attributes:
        unit: The part.
        kind: ``review``, ``plan`` or ``other``.
        heading: Its heading line as written (``一、2023年工作回顾``), ``""`` for none.
        lead: Its lead paragraph before the first section (``review.0``), if any.
        units: Its sections (or points, when it has no sections), without the lead and the closing.
        level: ``section`` or ``point``: what :attr:`units` are.
        subunits: The points inside :attr:`units`, by unit id (leads of sections left out).
        closing: Its closing unit (``review.closing``), if any.
        closing_points: The points the closing lists (``review.closing.1`` …).
    """

    unit: Unit
    kind: str
    heading: str
    lead: Unit | None
    units: tuple[Unit, ...]
    level: str
    subunits: Mapping[str, tuple[Unit, ...]]
    closing: Unit | None
    closing_points: tuple[Unit, ...]

    @property
    def n_subunits(self) -> int:
        return sum(len(v) for v in self.subunits.values())

    def markers(self) -> str:
        """How its units are numbered: ``（一）, （二） …`` (the first two markers as written)."""
        return _series(self.units)

    def sub_markers(self) -> str:
        return _series(tuple(u for v in self.subunits.values() for u in v))

    def closing_kind(self) -> str:
        """What its closing unit holds, in words: ``the thanks and the problems it admits`` …"""
        if self.closing is None:
            return ""
        text = self.closing.text
        what = []
        if _THANKS.search(text):
            what.append("thanks")
        if _PROBLEMS.search(text) and self.kind == "review":
            what.append("the problems and shortcomings the report admits")
        if not what:
            what.append("a closing appeal" if _APPEAL.match(text) else "closing paragraphs")
        return " and ".join(what)


def _series(units: tuple[Unit, ...]) -> str:
    marks = [m for m in (marker_of(u.text) for u in units[:2]) if m]
    if not marks:
        return ""
    return ", ".join(marks) + (" \u2026" if len(units) > len(marks) else "")


@dataclass(frozen=True)
class Structure:
    """How a report is built, from its parse (:func:`structure`)."""

    report: Report
    preamble: Unit | None
    parts: tuple[PartShape, ...]

    def of(self, kind: str) -> list[PartShape]:
        return [p for p in self.parts if p.kind == kind]

    def summary(self, *, years: Description | None = None) -> str:
        """The parts in one clause: ``a preamble of 54 characters, a review of 2023 in 10 sections and a
        plan for 2024 in 10 sections, and 1 part that is neither (the government's own conduct)``."""
        items = []
        if self.preamble is not None:
            items.append(f"a preamble of {count_noun(visible_chars(self.preamble.text), 'character')}")
        for p in self.parts:
            if p.kind == "other":
                continue
            year = _year(p.kind, years)
            if len(self.of(p.kind)) > 1:
                name = f"a {p.kind} part ({p.unit.unit_id})"
            elif p.kind == "review":
                name = f"a review{' of ' + year if year else ''}"
            else:
                name = f"a plan{' for ' + year if year else ''}"
            items.append(f"{name} in {_shape(p)}")
        others = self.of("other")
        if others:
            what = "; ".join(dict.fromkeys(_other_kind(p.heading) for p in others))
            items.append(f"{count_noun(len(others), 'further part')} that "
                         f"{'is' if len(others) == 1 else 'are'} neither review nor plan ({what})")
        if not items:
            return "no part the parser recognises"
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

    def paragraph(self, *, years: Description | None = None) -> str:
        """How the report is built, in a few sentences (plain text, markers as the report writes them)."""
        out = []
        kinds = [p for p in self.parts if p.kind != "other"]
        names = [f"{_part_name(p, self, years)} ({p.heading or 'no heading'})" for p in kinds]
        listed = _join(names) if names else "no review or plan the parser recognises"
        if self.preamble is not None:
            length = count_noun(visible_chars(self.preamble.text), 'character')
            out.append(f"After a preamble of {length} (the text before the first part heading) come {listed}.")
        else:
            out.append(f"The report opens directly with {listed}.")
        for p in kinds:
            out.append(_part_sentence(p, self, years))
        others = self.of("other")
        if others:
            heads = "; ".join(f"{p.heading or p.unit.unit_id} ({_other_kind(p.heading)})" for p in others)
            out.append(f"{'It ends with' if len(others) > 1 else 'After them comes'} "
                       f"{count_noun(len(others), 'part')} that {'is' if len(others) == 1 else 'are'} neither review "
                       f"nor plan: {heads}.")
        return " ".join(s for s in out if s)

    def spread(self, *, years: Description | None = None) -> str:
        """Where each part puts its text: ``The review of 2023 spreads its text over 10 points; the plan
        for 2024 gathers its commitments into 6 sections.``"""
        bits = []
        for p in self.parts:
            if p.kind == "other":
                continue
            name = _part_name(p, self, years)
            verb = "spreads its text over" if p.kind == "review" else "gathers its commitments into"
            bits.append(f"{name} {verb} {count_noun(len(p.units), p.level)}" if p.units else
                        f"{name} is one block of text")
        if not bits:
            return ""
        out = "; ".join(bits) + "."
        return out[0].upper() + out[1:]

    def id_examples(self) -> str:
        """What the ids say, with examples from this report: ``review.01 is section 1 of the review; …``."""
        examples: list[str] = []
        for p in self.parts:
            if p.kind == "other" or not p.units:
                continue
            first = p.units[0]
            examples.append(f"{first.unit_id} is {p.level} {_number(first.unit_id)} of the {_kind_name(p)}")
            sub = next((u for v in p.subunits.values() for u in v), None)
            if sub is not None and len(examples) < 4:
                parent = sub.parent_id
                examples.append(f"{sub.unit_id} is point {_number(sub.unit_id)} of {p.level} {_number(parent)}")
            if p.lead is not None and len(examples) < 4:
                examples.append(f"{p.lead.unit_id} is the {_kind_name(p)}'s lead paragraph, before its first "
                                f"{p.level}")
            if p.closing is not None and len(examples) < 5:
                examples.append(f"{p.closing.unit_id} is the {_kind_name(p)}'s closing unit")
        return "; ".join(examples)


def _number(unit_id: str) -> str:
    return str(int(unit_id.rsplit(".", 1)[-1])) if unit_id.rsplit(".", 1)[-1].isdigit() else unit_id


def _kind_name(p: PartShape) -> str:
    return {"review": "review", "plan": "plan"}.get(p.kind, "part") + (
        f" ({p.unit.unit_id})" if p.unit.unit_id not in ("review", "plan") else "")


def _year(kind: str, d: Description | None) -> str:
    if d is None:
        return ""
    year = d.info.review_year if kind == "review" else d.info.plan_year
    return str(year) if year else ""


def _part_name(p: PartShape, s: Structure, years: Description | None) -> str:
    """``the review of 2023``; ``the plan part plan2`` when the report has several parts of a kind."""
    if len(s.of(p.kind)) > 1:
        return f"the {p.kind} part {p.unit.unit_id}"
    year = _year(p.kind, years)
    if p.kind == "review":
        return f"the review of {year}" if year else "the review"
    return f"the plan for {year}" if year else "the plan"


def _shape(p: PartShape) -> str:
    if not p.units:
        return "one block of text without sections"
    shape = count_noun(len(p.units), p.level)
    with_points = [k for k, v in p.subunits.items() if v]
    if with_points and len(with_points) == len(p.units):
        shape += f" of {count_noun(p.n_subunits, 'point')}"
    elif with_points:
        shape += (f" ({len(with_points)} of them divided into {count_noun(p.n_subunits, 'point')})"
                  if len(with_points) > 1 else f" (one of them divided into {count_noun(p.n_subunits, 'point')})")
    return shape


def _part_sentence(p: PartShape, s: Structure, years: Description | None) -> str:
    name = _part_name(p, s, years)
    name = name[0].upper() + name[1:]
    bits = []
    if p.lead is not None:
        general = " (总体要求, general requirements)" if "总体要求" in p.lead.text else ""
        bits.append(f"opens with a lead paragraph of {count_noun(visible_chars(p.lead.text), 'character')}{general}")
    if p.units:
        marks = p.markers()
        set_out = f"sets out {count_noun(len(p.units), p.level)}" + (f" headed {marks}" if marks else "")
        bits.append(("then " if bits else "") + set_out + ", each opening with its marker and a heading phrase")
        with_points = [k for k, v in p.subunits.items() if v]
        subs = f" headed {p.sub_markers()}" if p.sub_markers() else ""
        if with_points and len(with_points) == len(p.units):
            bits[-1] += f"; each is divided into points{subs}, {p.n_subunits} in all"
        elif len(with_points) > 1:
            bits[-1] += f"; {len(with_points)} of them are divided into points{subs}, {p.n_subunits} in all"
        elif with_points:
            bits[-1] += (f"; one of them ({with_points[0]}) is divided into "
                         f"{count_noun(p.n_subunits, 'point')}{subs}")
    else:
        bits.append("is one block of text, without numbered sections")
    out = f"{name} " + _join(bits) + "."
    if p.closing is not None:
        listed = f", listing {count_noun(len(p.closing_points), 'point')}" if p.closing_points else ""
        out += (f" It closes with {p.closing_kind()} ({p.closing.unit_id}, "
                f"{count_noun(visible_chars(p.closing.text), 'character')}{listed}), a unit of its own "
                f"rather than part of its last {p.level}.")
    return out


def _join(bits: list[str]) -> str:
    if len(bits) <= 1:
        return "".join(bits)
    return ", ".join(bits[:-1]) + " and " + bits[-1]


def _other_kind(heading: str) -> str:
    for pattern, what in _OTHER_KINDS:
        if pattern.search(heading or ""):
            return what
    return "neither review nor plan"


def _heading_line(part: Unit) -> str:
    """A part's heading as written, marker included (``一、2023年工作回顾``); ``""`` for none."""
    if not part.heading or not part.text.strip():
        return ""
    line = part.text.lstrip().splitlines()[0]
    at = line.find(part.heading)
    return (line[:at + len(part.heading)] if at >= 0 else line).strip()


def structure(report: Report) -> Structure:
    """How the report is built: its preamble and, part by part, its lead, sections, points and closing."""
    children: dict[str, list[Unit]] = {}
    for u in report.units:
        if u.level != "sentence":
            children.setdefault(u.parent_id, []).append(u)
    preamble = next((u for u in report.parts() if u.part == "preamble"), None)
    shapes = []
    for part in report.parts():
        if part.part == "preamble":
            continue
        kids = children.get(part.unit_id, [])
        lead = next((u for u in kids if _LEAD.search(u.unit_id)), None)
        closing = next((u for u in kids if u.unit_id.endswith(".closing")), None)
        units = tuple(u for u in kids if u is not lead and u is not closing)
        level = units[0].level if units else "section"
        subunits = {u.unit_id: tuple(c for c in children.get(u.unit_id, []) if not _LEAD.search(c.unit_id))
                    for u in units}
        closing_points = tuple(c for c in children.get(closing.unit_id, []) if not _LEAD.search(c.unit_id)) \
            if closing is not None else ()
        heading = _heading_line(part)
        shapes.append(PartShape(unit=part, kind=part.part, heading=heading, lead=lead, units=units, level=level,
                                subunits=subunits, closing=closing, closing_points=closing_points))
    return Structure(report=report, preamble=preamble, parts=tuple(shapes))
