"""The words the parser reads a report's genre by: ``data/lexicon/part_words.csv``.

Each row gives a ``role`` and a ``word``; the roles are described in ``data/lexicon/README.md``
(``review`` and ``plan`` heading words, ``past`` and ``coming`` spans of time, ``self_government``,
``trailing`` material, the cues of a section's text, the ``closing`` and ``problems`` of a part …).
What was read is kept until the file changes (:func:`govreport.paths.file_stamps`), so parsing many
reports reads it once; a caller may also load it once and pass it to :func:`govreport.report.parse_report`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import LEXICON_DIR, file_stamps, read_csv_rows

__all__ = ["ROLES", "PartVocabulary"]

#: Every role a row of ``part_words.csv`` may have.
ROLES = ("acknowledgement", "boundary", "closing", "coming", "document_title", "past", "plan", "plan_cue",
         "problems", "problems_weak", "review", "review_cue", "self_government", "trailing", "trailing_end")


@dataclass(frozen=True)
class PartVocabulary:
    """The word lists of ``part_words.csv``, by role (see :data:`ROLES`)."""

    words: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, lexicon_dir: str | Path = LEXICON_DIR) -> PartVocabulary:
        """Read ``part_words.csv`` from ``lexicon_dir``.

        Raises:
            ValueError: the file is missing, or a row has an unknown role or no word.
        """
        path = Path(lexicon_dir) / "part_words.csv"
        return cls(dict(_read_words(path, file_stamps(path))))

    def __getitem__(self, role: str) -> tuple[str, ...]:
        return self.words.get(role, ())

    def pattern(self, role: str) -> str:
        """A regular-expression alternation of the role's words, longest first (``(?!x)x`` if none)."""
        words = sorted(self[role], key=lambda w: (-len(w), w))
        return "|".join(re.escape(w) for w in words) or "(?!x)x"

    def regex(self, *roles: str) -> re.Pattern[str]:
        """The compiled alternation of the words of one or more roles (``re`` keeps compiled patterns)."""
        return re.compile("|".join(f"(?:{self.pattern(r)})" for r in roles))


@functools.lru_cache(maxsize=8)
def _read_words(path: Path, stamps: tuple[object, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words of ``part_words.csv`` by role, for the file whose stamp is ``stamps`` (the cache key)."""
    rows = read_csv_rows(path, ("role", "word"), missing_ok=False)
    by_role: dict[str, list[str]] = {role: [] for role in ROLES}
    for i, row in enumerate(rows, start=2):
        if row["role"] not in by_role:
            raise ValueError(f"{path}:{i}: role {row['role']!r} is not one of {', '.join(ROLES)}")
        by_role[row["role"]].append(row["word"])
    return tuple((role, tuple(words)) for role, words in by_role.items())
