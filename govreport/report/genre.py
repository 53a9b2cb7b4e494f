"""Reading the genre: which headings open a report's parts, and whether each part reviews, plans or
is neither.

The rules are described in :mod:`govreport.report`; the words they use are in
``data/lexicon/part_words.csv`` (:class:`~.vocabulary.PartVocabulary`). Every function here reads the
text in time linear in its length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import CLOSERS, INLINE_SPACE, SENTENCE_END
from .headings import _MARKERS, _find_headings, _Heading, _heading_text, _Lines
from .vocabulary import PartVocabulary
from .years import ReportYears, _years_in

__all__ = ["Layout", "heading_kind", "text_kind", "read_layout"]

# “十三五”, "十一五", 九五时期: the n-th five-year plan (六五 … 十九五) runs from 1951 + 5n to 1955 + 5n.
_FIVE_YEAR = re.compile(r"[“\"「‘](十[一二三四五六七八九]?|[六七八九])五[”\"」’]"
                        r"|(十[一二三四五六七八九]|[六七八九])五(?=时期|规划|计划|期间)")
_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
# What a title line may not contain: clause and sentence punctuation, brackets of a table or a web page.
_NOT_IN_TITLE = set("，。；：！？,;:!?（）()【】[]|｜<>《》0123456789")
_APPENDIX = re.compile(r"附件[0-9０-９一二三四五六七八九十]{1,2}[：:]?$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: A part's closing paragraphs are looked for among its last paragraphs (review: problems paragraph).
_PROBLEMS_WITHIN = 3
#: How much of a topical section's text is read to tell whether it reviews or plans.
_OPENING = 1500
_ACK_BACK = 3


@dataclass(frozen=True)
class Layout:
    """The headings of a report, ranks adjusted and part headings decided, with what could not be found.

    ``heads`` are :class:`~.headings._Heading` records in text order; rank 1 opens a part (its ``kind`` is
    ``review``, ``plan`` or ``other``), 1.5 a part's closing paragraphs, 2 and above sections and points.
    ``notes`` are the messages of the one :class:`~.model.StructureWarning` (empty when all was found).
    """

    heads: list[_Heading]
    notes: list[str]


# --- what a heading says -----------------------------------------------------------------------------


def _five_year_start(numeral: str) -> int:
    n = 10 + (_NUMERALS[numeral[1]] if len(numeral) == 2 else 0) if numeral[0] == "十" else _NUMERALS[numeral]
    return 1951 + 5 * n


def _evidence(heading: str, years: ReportYears, vocab: PartVocabulary) -> list[tuple[int, str, str]]:
    """(offset, kind, basis) for every word of the heading that places it in time."""
    found: list[tuple[int, str, str]] = []
    if years.plan_year is not None:
        plan_year = years.plan_year
        for pos, year in _years_in(heading):
            found.append((pos, "review" if year < plan_year else "plan", "year"))
        for m in _FIVE_YEAR.finditer(heading):
            start = _five_year_start(m.group(1) or m.group(2))
            found.append((m.start(), "review" if start + 4 < plan_year else "plan", "period"))
    for role, kind in (("past", "review"), ("coming", "plan")):
        found.extend((m.start(), kind, "span") for m in vocab.regex(role).finditer(heading))
    return sorted(found)


def heading_kind(heading: str, years: ReportYears, vocab: PartVocabulary) -> tuple[str | None, str]:
    """What a part heading opens, from its words alone: ``(kind, basis)``.

    The first word that places the heading in time decides (``basis`` ``year``: a year before the plan
    year is review, the plan year or later plan; ``period``: a five-year plan period that ended before the
    plan year is review, the current or the next one plan; ``span``: 过去五年, 以来 … review, 今后五年,
    新一届 … plan); else the first review or plan word (``words``: 回顾, 总结 … / 安排, 主要工作, 任务 …);
    else ``(None, "topic")``: a topical heading, decided by its place and its text.
    """
    found = _evidence(heading, years, vocab)
    if found:
        return found[0][1], found[0][2]
    words = sorted((m.start(), kind) for role, kind in (("review", "review"), ("plan", "plan"))
                   for m in vocab.regex(role).finditer(heading))
    if words:
        return words[0][1], "words"
    return None, "topic"


def text_kind(text: str, years: ReportYears, vocab: PartVocabulary) -> str | None:
    """Whether a stretch of text reports results (``review``) or sets out what is to come (``plan``):
    the years it names (before the plan year or not) and its cue words, counted; None on a tie."""
    review = plan = 0
    if years.plan_year is not None:
        for _, year in _years_in(text):
            if year < years.plan_year:
                review += 1
            else:
                plan += 1
    review += len(vocab.regex("review_cue").findall(text))
    plan += len(vocab.regex("plan_cue").findall(text))
    if review == plan:
        return None
    return "review" if review > plan else "plan"


# --- segments: lines, and pieces of a line set apart by wide gaps ------------------------------------


def _segments(text: str, lines: _Lines, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every non-blank segment in ``text[start:end]``, spaces left out: the lines, and in a
    line the pieces that wide gaps (two or more spaces, ideographic spaces) set apart after a sentence end."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    line_start = start
    bounds = [b for b in lines.breaks_between(start, end)] + [end]
    for line_end in bounds:
        a = line_start
        for m in lines.gap.finditer(text, line_start, line_end):
            if m.start() > line_start and text[m.start() - 1] in SENTENCE_END + CLOSERS:
                out.append((a, m.start()))
                a = m.end()
            elif m.start() > line_start and m.end() < line_end and _is_short_piece(text[a:m.start()].strip()):
                out.append((a, m.start()))
                a = m.end()
        out.append((a, line_end))
        line_start = line_end + 1
    result = []
    for a, b in out:
        while a < b and (text[a] in INLINE_SPACE or text[a] in "\u200b\ufeff"):
            a += 1
        while b > a and text[b - 1] in INLINE_SPACE + "\r":
            b -= 1
        if b > a:
            result.append((a, b))
    return result


def _is_short_piece(piece: str) -> bool:
    """A piece of a line that stands by itself between gaps: short, with no sentence end inside."""
    return 0 < len(piece) <= 40 and not any(c in SENTENCE_END for c in piece)


def _is_title_like(segment: str) -> bool:
    """Short, some Chinese, no clause punctuation, brackets or digits other than a year, no marker."""
    if not 4 <= len(segment) <= 30 or not _HAN.search(segment):
        return False
    if any(c in _NOT_IN_TITLE for c in re.sub(r"(?:19|20)\d\d年", "年", segment)):
        return False
    if segment.startswith(("—", "-", "·")):
        return False
    return not any(pat.match(segment) for _, pat in _MARKERS)


# --- trailing material, titles, closings -------------------------------------------------------------


def _find_trailing(text: str, segs: list[tuple[int, int]], vocab: PartVocabulary) -> list[_Heading]:
    """The lines that open trailing material: the first one (an attachment list, a glossary, web-page
    clutter), then each further appendix (附件N, a glossary title) not right after the one before."""
    opener = vocab.regex("trailing")
    heads: list[_Heading] = []
    last_index = -10
    for i, (a, b) in enumerate(segs):
        seg = text[a:b]
        m = opener.match(seg)
        starts = m is not None and (len(seg) <= 40 or seg[m.end():m.end() + 1] in "：:")
        core = seg.rstrip("：:")
        ends = len(seg) <= 40 and not any(c in seg for c in SENTENCE_END) and any(
            core.endswith(w) for w in vocab["trailing_end"])
        if not (starts or ends):
            continue
        if heads and (i - last_index <= 2 or not (_APPENDIX.match(seg) or ends)):
            continue
        heads.append(_Heading(1, 0, _line_start(text, a), a, True, "other", "trailing", seg))
        last_index = i
    return heads


def _line_start(text: str, pos: int) -> int:
    """The start of the line holding ``pos``, when only spaces stand before it; else ``pos``."""
    k = pos
    while k > 0 and (text[k - 1] in INLINE_SPACE or text[k - 1] in "\u200b\ufeff"):
        k -= 1
    return k if k == 0 or text[k - 1] in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" else pos


def _titles(text: str, segs: list[tuple[int, int]], years: ReportYears,
            vocab: PartVocabulary) -> list[tuple[int, _Heading, bool]]:
    """Unnumbered title lines: (segment index, heading, clear), where a clear title names a part by its
    words or years and the others are short topical lines (打造世界级征程中的南山)."""
    doc_title = vocab.regex("document_title")
    out: list[tuple[int, _Heading, bool]] = []
    for i, (a, b) in enumerate(segs):
        seg = text[a:b]
        if i == 0 or not _is_title_like(seg) or doc_title.search(seg):
            continue
        kind, basis = heading_kind(seg, years, vocab)
        out.append((i, _Heading(1, 0, _line_start(text, a), a, True, kind or "", "title", seg), kind is not None))
    return out


def _alone(text: str, segs: list[tuple[int, int]], i: int) -> bool:
    """A segment stands alone as a title: the one before ends a sentence and the one after is prose."""
    if i == 0 or i + 1 >= len(segs):
        return False
    before = text[segs[i - 1][0]:segs[i - 1][1]]
    a, b = segs[i + 1]
    return before[-1:] in SENTENCE_END + CLOSERS and (b - a > 30 or text[b - 1:b] in SENTENCE_END)


def _closing(text: str, segs: list[tuple[int, int]], part: _Heading, children: list[_Heading],
             vocab: PartVocabulary) -> int | None:
    """Where a part's closing paragraphs start: in a review the problems paragraph (我们也清醒认识到…)
    among its last paragraphs, with the thanks before it (各位代表，过去一年的成绩来之不易…), whatever
    points it lists; else the first paragraph after the part's last section that opens 各位代表."""
    paras = [s for s in segs if s[0] > part.marker_end]
    if len(paras) < 2:
        return None
    top = min((c.rank for c in children), default=None)
    sections = [c for c in children if c.rank == top]
    opener = vocab.regex("closing")
    if part.kind == "review":
        thanks = vocab.regex("acknowledgement")
        tail = max(1, len(paras) - _PROBLEMS_WITHIN)
        at = None
        for problems in (vocab.regex("problems"), vocab.regex("problems_weak")):
            at = next((i for i in range(tail, len(paras))
                       if problems.search(text, paras[i][0], min(paras[i][1], paras[i][0] + 60))), None)
            if at is not None:
                break
        if at is not None:
            back = 0
            while at > 1 and back < _ACK_BACK:
                a, b = paras[at - 1]
                if not (opener.match(text, a) or thanks.search(text, a, b)):
                    break
                at -= 1
                back += 1
            # the closing holds points (一是…), never a section heading of its own line
            if not any(c.line_heading and c.pos >= paras[at][0] for c in sections):
                return paras[at][0]
    after = sections[-1].marker_end if sections else part.marker_end
    later = [p for p in paras if p[0] > after]
    if sections and sections[-1].line_heading:
        later = later[1:]  # the last section's heading line stands alone: its text starts after it
    if not sections:  # a part of paragraphs only: its closing is among the last of them
        later = later[max(1, len(later) - _PROBLEMS_WITHIN):]
    return next((a for a, _ in later if opener.match(text, a)), None)


def _words_kind(heading: str, vocab: PartVocabulary) -> str | None:
    review = vocab.regex("review").search(heading)
    plan = vocab.regex("plan").search(heading)
    if review and plan:
        return "review" if review.start() < plan.start() else "plan"
    return "review" if review else "plan" if plan else None


def _classify(text: str, parts: list[_Heading], years: ReportYears, vocab: PartVocabulary) -> bool:
    """Decide the kind of each part heading in place; True if at least one was decided by its words.

    A heading that places itself in time or names its matter decides by itself (:func:`heading_kind`). A
    topical one goes with the plan once a plan part has been seen; before that its opening text decides
    (:func:`text_kind` of its first :data:`_OPENING` characters), else the part before it, else review. A
    self-government section after a plan part that its heading decided is ``other``; one in a list of
    topical plan sections is the list's last item and stays in the plan.
    """
    self_government = vocab.regex("self_government")
    seen_plan = False  # a plan part has been seen
    decided_plan = False  # … and the last plan part was decided by its heading
    prev: str | None = None
    decided = False
    for k, h in enumerate(parts):
        if h.source == "trailing":
            continue
        heading = h.text or ""
        if h.source == "headless":
            kind: str | None = h.kind
        elif decided_plan and self_government.search(heading):
            kind = "other"
        else:
            kind, basis = heading_kind(heading, years, vocab)
            decided = decided or kind is not None
            if kind is not None:
                decided_plan = kind == "plan"
            elif seen_plan:
                kind = "plan"  # a topical section after the plan (全力打造国际一流营商环境) goes on with it
                decided_plan = False
            elif kind is None:
                end = min(parts[k + 1].pos if k + 1 < len(parts) else len(text), h.marker_end + _OPENING)
                kind = text_kind(heading + text[h.marker_end:end], years, vocab) or prev or "review"
        h.kind = kind or "other"
        seen_plan = seen_plan or h.kind == "plan"
        prev = h.kind
    return decided


def read_layout(text: str, lines: _Lines, years: ReportYears, vocab: PartVocabulary) -> Layout:
    """The report's headings with their ranks adjusted and its parts decided (see :mod:`govreport.report`)."""

    def opens_part(line: str) -> bool:
        return len(line.strip()) <= 30 and heading_kind(line.strip(), years, vocab)[0] is not None

    markers = _find_headings(text, lines, opens_part)
    for k, h in enumerate(markers):
        if h.rank == 1:
            nxt = markers[k + 1].pos if k + 1 < len(markers) else None
            h.text = _heading_text(text, h, nxt, lines)
    segs = _segments(text, lines)
    titles = _titles(text, segs, years, vocab)
    clear = [h for _, h, is_clear in titles if is_clear]
    starts = [h.pos for h in markers if h.rank == 1] + [h.pos for h in clear]
    if not starts and markers:
        starts = [markers[0].pos]
    if not starts:
        return Layout([], ["no recognised headings: the whole text is one unit"])
    body_start = min(starts)
    trailing = _find_trailing(text, [s for s in segs if s[0] > body_start], vocab)
    trail_start = trailing[0].pos if trailing else len(text)
    first_marker = next((h.pos for h in markers if h.rank == 1 and h.pos < trail_start), None)
    clear = [h for h in clear if h.pos < trail_start]

    if clear and (first_marker is None or clear[0].pos < first_marker):
        # Unnumbered title lines are the top level; the 一、 sections under them restart their numbering.
        topical = [h for i, h, is_clear in titles if not is_clear and clear[0].pos < h.pos < trail_start
                   and len(h.text or "") <= 24 and _alone(text, segs, i)]
        parts = sorted(clear + topical, key=lambda h: h.pos)
        for h in markers:
            h.rank += 1
    else:
        parts = [h for h in markers if h.rank == 1 and h.pos < trail_start]
        for h in markers:
            if h.pos >= trail_start:
                h.rank += 1  # 一、… inside an appendix are its items

    # A sentence that opens the plan between topical sections (2024年工作安排如下：) opens a plan part.
    boundary = vocab.regex("boundary")
    topical = [h for h in parts if heading_kind(h.text or "", years, vocab)[0] is None]
    extra = [_Heading(1, 0, _line_start(text, a), a, True, "", "boundary", text[a:b]) for a, b in segs
             if b - a <= 40 and boundary.search(text, a, b) and any(
                 h.pos < a and not any(h.pos < p.pos < a for p in parts) for h in topical)]
    parts = sorted(parts + extra, key=lambda h: h.pos)
    decided = _classify(text, parts, years, vocab)
    kinds = {h.kind for h in parts}
    if parts and not decided and len(kinds) == 1:
        # Topical top-level headings (一、抓党建 二、促发展 …) of one kind: sections of one part whose kind the
        # document's title gives (工作总结 → review, 工作计划 → plan), else their text.
        first = next(h.pos for h in markers if h.pos < trail_start)
        kind = _words_kind(text[:min(first, 200)], vocab) or parts[0].kind
        for h in markers:
            if h.pos < trail_start:
                h.rank += 1
        # The paragraphs before the first heading that already speak of the part's matter (a plan-only
        # document's 2024年全街工作的总体要求是…，主要目标是…) open it; a title, the salutation and the
        # opening sentence stay in the preamble.
        cue = vocab.regex("plan_cue" if kind == "plan" else "review_cue")
        lead = next((a for a, b in segs[1:] if a < first and b - a > 30 and cue.search(text, a, b)), first)
        start = _line_start(text, lead)
        parts = [_Heading(1, 0, start, start, False, kind, "headless", "")]
    if parts and "review" not in {h.kind for h in parts} and parts[0].kind == "plan":
        # A report copied from the end of its review: the text before the plan is review.
        paragraphs = [a for a, b in segs if a < parts[0].pos and b - a > 30]
        past = vocab.regex("review_cue", "acknowledgement", "problems")
        if paragraphs and parts[0].pos - paragraphs[0] >= 200 and len(past.findall(
                text, paragraphs[0], parts[0].pos)) > max(1, len(vocab.regex("plan_cue").findall(
                    text, paragraphs[0], parts[0].pos))):
            start = _line_start(text, paragraphs[0])
            parts.insert(0, _Heading(1, 0, start, start, False, "review", "headless", ""))

    heads = [h for h in markers if h.rank != 1] + parts + trailing
    heads.sort(key=lambda h: (h.pos, h.rank))
    # The closing paragraphs of each part, after its last section.
    closings = []
    tops = [k for k, h in enumerate(heads) if h.rank == 1]
    for n, k in enumerate(tops):
        part = heads[k]
        if part.source == "trailing":
            continue
        end = heads[tops[n + 1]].pos if n + 1 < len(tops) else len(text)
        children = heads[k + 1:tops[n + 1] if n + 1 < len(tops) else len(heads)]
        inside = [s for s in segs if part.pos <= s[0] < end]
        at = _closing(text, inside, part, children, vocab)
        if at is not None:
            start = _line_start(text, at)
            closings.append(_Heading(1.5, 0, start, at, False, part.kind, "closing", ""))
    heads = sorted(heads + closings, key=lambda h: (h.pos, h.rank))
    first = parts[0].pos if parts else len(text)
    return Layout(heads, _missing(text[:min(first, 200)], parts, years, vocab))


def _missing(opening: str, parts: list[_Heading], years: ReportYears, vocab: PartVocabulary) -> list[str]:
    """What the parts leave out: a review, a plan, or both, said in one message."""
    kinds = {h.kind for h in parts}
    missing = []
    title_word = vocab.regex("plan").search(opening)
    if "review" not in kinds and "plan" in kinds and title_word and _words_kind(opening, vocab) == "plan":
        missing.append(f"no review part: the document reads as a plan only (its title says {title_word.group(0)})")
    elif "review" not in kinds:
        year = f", and none names {years.review_year} or a past period" if years.review_year else ""
        missing.append(f"no review part (工作总结/工作回顾) found: no part heading reads as a review{year}")
    if "plan" not in kinds:
        year = f", and none names {years.plan_year} or a coming period" if years.plan_year else ""
        missing.append(f"no plan part (工作计划/工作安排/主要工作) found: no part heading reads as a plan{year}")
    return ["; ".join(missing)] if missing else []
