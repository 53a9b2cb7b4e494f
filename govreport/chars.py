"""The character classes every stage reads a report by, defined once.

Each constant is a plain string of characters (use ``c in SENTENCE_END``); the ``*_CLASS`` names are the
same sets written as the body of a regular-expression character class (use ``rf"[{DIGIT_CLASS}]"``).
"""
from __future__ import annotations

import re

__all__ = [
    "ASCII_DIGITS",
    "FULLWIDTH_DIGITS",
    "DIGITS",
    "DIGIT_CLASS",
    "HAN_CLASS",
    "HAN_EXT_CLASS",
    "INLINE_SPACE",
    "INLINE_SPACE_CLASS",
    "WIDE_SPACE",
    "WIDE_SPACE_CLASS",
    "ZERO_WIDTH",
    "LINE_BREAKS",
    "SENTENCE_END",
    "CLAUSE_END",
    "CLOSERS",
    "is_han",
    "to_ascii_digits",
    "visible_chars",
]

ASCII_DIGITS = "0123456789"
#: Full-width digits, as copied from Word files and web pages (２４小时).
FULLWIDTH_DIGITS = "０１２３４５６７８９"
#: Every character that is a digit, in either width.
DIGITS = ASCII_DIGITS + FULLWIDTH_DIGITS
DIGIT_CLASS = "0-9０-９"
#: CJK Unified Ideographs (the characters of running Chinese text).
HAN_CLASS = "\u4e00-\u9fff"
#: The same with Extension A, for telling words from punctuation.
HAN_EXT_CLASS = "\u3400-\u4dbf\u4e00-\u9fff"

#: Spaces inside a line: space, tab, no-break space, ideographic space (U+3000).
INLINE_SPACE = " \t\u00a0\u3000"
INLINE_SPACE_CLASS = r" \t\u00a0\u3000"
#: The spaces that may stand inside a quantity or around a range sign (no tab).
WIDE_SPACE = " \u00a0\u3000"
WIDE_SPACE_CLASS = r" \u00a0\u3000"
#: Zero-width characters that copy-paste leaves in a text.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: Every character Python's ``str.splitlines`` breaks a line at.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Characters that end a sentence (full-width and ASCII).
SENTENCE_END = "。！？；!?;"
#: Characters that end a clause: sentence ends, commas and colons.
CLAUSE_END = SENTENCE_END + ",，:："
#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "”’」』）)】〉》\"'"

_FULLWIDTH_TO_ASCII = str.maketrans(FULLWIDTH_DIGITS, ASCII_DIGITS)
_HAN = re.compile(f"[{HAN_CLASS}]")
_FULLWIDTH_DIGIT = re.compile(f"[{FULLWIDTH_DIGITS}]")
# Python's \s is exactly the characters for which str.isspace() is true, every code point checked
_SPACE_RUN = re.compile(r"\s+")


def is_han(c: str) -> bool:
    """Whether ``c`` (one character) is a CJK unified ideograph."""
    return bool(_HAN.fullmatch(c))


def to_ascii_digits(s: str) -> str:
    """``s`` with full-width digits replaced by ASCII digits (nothing else changes)."""
    # a search first: translating a whole report costs far more than finding it has nothing to translate
    return s.translate(_FULLWIDTH_TO_ASCII) if _FULLWIDTH_DIGIT.search(s) else s


def visible_chars(text: str) -> int:
    """The characters of ``text`` that are not whitespace (``str.isspace``): how the book counts a unit's
    length. Counted from the whitespace runs, of which a report has few, rather than character by character."""
    return len(text) - sum(map(len, _SPACE_RUN.findall(text)))
