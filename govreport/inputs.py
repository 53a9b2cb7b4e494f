"""Reading report files as users really have them.

Government reports arrive as UTF-8 (with or without a byte-order mark), UTF-16, or GB18030/GBK,
copied from web pages or Word files. :func:`read_text` decodes them, refuses what is not a text
report with a one-line reason, and never changes a character: offsets computed on the returned text
refer to the text as read (CRLF line ends, non-breaking spaces and all).
"""
from __future__ import annotations

import codecs
import hashlib
import html
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .chars import DIGIT_CLASS, ZERO_WIDTH, is_han

__all__ = ["MAX_BYTES", "InputError", "read_text", "decode_bytes", "ReadingView", "reading_view"]

#: The largest report accepted, in bytes (a 政府工作报告 of the State Council is about 60 KB).
MAX_BYTES = 20 * 1024 * 1024

_MAGIC = [
    (b"%PDF", "a PDF file; convert it to text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP container such as .docx/.xlsx; save it as plain text (.txt) first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc); save it as plain text (.txt) first"),
    (b"{\\rtf", "an RTF document; save it as plain text (.txt) first"),
    (b"\x89PNG", "a PNG image, not a text"),
    (b"\xff\xd8\xff", "a JPEG image, not a text"),
    (b"GIF8", "a GIF image, not a text"),
]


class InputError(ValueError):
    """The input cannot be read as a report; the message is one line, for the CLI."""


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, str, str]:
    """Read a report file and decode it.

    Args:
        path: The file to read.
        max_bytes: Refuse files larger than this (default :data:`MAX_BYTES`).

    Returns:
        ``(text, encoding, sha256)``: the decoded text, the encoding it was read as, and the
        SHA-256 of the file's bytes.

    Raises:
        InputError: the path is missing, a folder, unreadable, too large, empty, binary or not
            decodable. The message names the problem in one line.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a report file")
    if not os.access(p, os.R_OK):
        raise InputError(f"{p}: permission denied")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(f"{p}: {size / 1e6:.1f} MB is larger than the {max_bytes // (1024 * 1024)} MiB limit "
                         f"for one report")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    text, encoding = decode_bytes(data, name=str(p))
    return text, encoding, hashlib.sha256(data).hexdigest()


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode the bytes of a report, detecting the encoding.

    Order: a byte-order mark (UTF-8, UTF-16 LE/BE); strict UTF-8; strict GB18030 (a superset of
    GBK and GB2312) when the result reads as Chinese; otherwise charset-normalizer's best guess.

    Returns:
        ``(text, encoding)``. A UTF-8 byte-order mark is not part of the text.
    """
    if not data:
        raise InputError(f"{name}: the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text, enc = _strict(data, "utf-16", name), "utf-16"
    else:
        if b"\x00" in data[:4096]:
            raise InputError(f"{name}: looks binary (NUL bytes), not a text report")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = _guess(data, name)
    if not text.strip():
        raise InputError(f"{name}: the file holds only whitespace")
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 100):
        raise InputError(f"{name}: looks binary (control characters), not a text report")
    return text, enc


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} at byte {exc.start}") from None


def _guess(data: bytes, name: str) -> tuple[str, str]:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _cjk_share(text) > 0.2:
        return text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)")
    return str(best), best.encoding


def _cjk_share(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 0.0
    return sum(1 for c in sample if is_han(c)) / len(sample)


# --- a reading view: the text without copy-paste noise, with a map back to the text as read ---------

# the control characters of a binary file: below U+0020, except tab, line feed, vertical tab, form feed, return
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>|<!--.{0,500}?-->", re.S)
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,6}|#[xX][0-9A-Fa-f]{1,5});")
# a line break (or a zero-width space) splitting a number: "近1.1\n万宗", "1\u200b393家"
_BROKEN_NUMBER = re.compile(rf"(?<=[{DIGIT_CLASS}.．])[ \t]*(?:\r\n|\n|\r)[ \t\u3000]*(?=[{DIGIT_CLASS}万亿千%％])")


@dataclass(frozen=True)
class ReadingView:
    """The text as an analysis should read it, and where each of its characters came from.

    ``clean`` drops zero-width characters and HTML tags, turns HTML entities into the character they
    stand for, and joins numbers broken by a line break. ``starts[i]`` and ``ends[i]`` are the offsets
    in the original text of the piece that ``clean[i]`` stands for, so a span ``clean[s:e]`` maps back
    to ``text[starts[s]:ends[e - 1]]``. ``noise`` lists the original spans that were dropped or
    replaced (tags, entities, zero-width characters, joined line breaks).
    """

    text: str
    clean: str
    starts: Sequence[int]
    ends: Sequence[int]
    noise: tuple[tuple[int, int], ...]

    def span(self, s: int, e: int) -> tuple[int, int]:
        """Map the clean span ``[s, e)`` back to the original text."""
        if e <= s:
            k = self.starts[s] if s < len(self.starts) else len(self.text)
            return k, k
        return self.starts[s], self.ends[e - 1]


def reading_view(text: str) -> ReadingView:
    """Build the :class:`ReadingView` of ``text`` (the identity view when there is no noise)."""
    events: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for m in _TAG.finditer(text):
        events.append((m.start(), m.end(), ""))
    for m in _ENTITY.finditer(text):
        rep = html.unescape(m.group(0))
        events.append((m.start(), m.end(), rep if len(rep) == 1 and rep != m.group(0) else " "))
    for m in _BROKEN_NUMBER.finditer(text):
        events.append((m.start(), m.end(), ""))
    for m in _ZERO_WIDTH_RE.finditer(text):
        events.append((m.start(), m.end(), ""))
    if not events:
        n = len(text)
        return ReadingView(text, text, range(n), range(1, n + 1), ())
    events.sort()
    kept: list[tuple[int, int, str]] = []
    for ev in events:  # overlapping noise (an entity inside a tag): the earlier, longer one wins
        if kept and ev[0] < kept[-1][1]:
            continue
        kept.append(ev)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for s, e, rep in kept:  # kept text maps to itself, character by character; a replacement to its span
        out.append(text[pos:s])
        starts.extend(range(pos, s))
        ends.extend(range(pos + 1, s + 1))
        out.append(rep)
        starts.extend([s] * len(rep))
        ends.extend([e] * len(rep))
        pos = e
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return ReadingView(text, "".join(out), tuple(starts), tuple(ends), tuple((s, e) for s, e, _ in kept))
