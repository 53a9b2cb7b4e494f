"""Where the package finds its data and keeps its caches, and how it reads its curated CSV files."""
from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["PROJECT_ROOT", "DATA_DIR", "LEXICON_DIR", "SEED_REPORT", "cache_dir", "read_csv_rows", "file_stamps"]

#: The repository root (the package is installed editable from it).
PROJECT_ROOT = Path(__file__).resolve().parents[1]
#: Curated data shipped with the book: the report and the lexicon.
DATA_DIR = PROJECT_ROOT / "data"
LEXICON_DIR = DATA_DIR / "lexicon"
#: The Shawan Street report this book analyses by default.
SEED_REPORT = DATA_DIR / "report" / "shawan_2023_review_2024_plan.txt"


def cache_dir(name: str = "") -> Path:
    """Return (and create) a folder inside the project's ignored cache.

    The location is ``$GOVREPORT_CACHE_DIR`` if set, else ``.cache/`` in the repository. jieba's
    model cache goes here rather than the system temp folder, where processes race for it.
    """
    root = Path(os.environ.get("GOVREPORT_CACHE_DIR") or PROJECT_ROOT / ".cache")
    path = root / name if name else root
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_stamps(*paths: str | Path) -> tuple[tuple[str, str] | None, ...]:
    """Each file's ``(path, digest of its bytes)``, ``None`` for a missing one: what a loader that keeps what
    it read keys it on, so that an edited (or added, or removed) curated file is read again, however soon
    after the last read it changed. For the small curated tables: hashing them costs far less than parsing."""
    out: list[tuple[str, str] | None] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            out.append(None)
        else:
            out.append((str(path), hashlib.blake2b(data, digest_size=16).hexdigest()))
    return tuple(out)


def read_csv_rows(path: str | Path, required: Sequence[str] = (), *, missing_ok: bool = True,
                  columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """Read a curated UTF-8 CSV file (a header row, then one record a row) as stripped strings.

    Every curated table of the package (lexicon, labels, glosses, hand-checked tables) is read here.

    Args:
        path: The file.
        required: Columns that must exist and be non-empty in every row.
        missing_ok: Return ``[]`` for a missing file (else raise ``ValueError``).
        columns: If given, the header must be exactly these columns, in this order.

    Returns:
        One dict per row, keyed by column (empty cells as ``""``), in file order.

    Raises:
        ValueError: a missing file (unless ``missing_ok``), a missing column, a header other than
            ``columns``, or an empty required cell (the message names the file and line).
    """
    path = Path(path)
    if not path.is_file():
        if missing_ok:
            return []
        raise ValueError(f"{path}: no such file")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        if columns is not None and header != list(columns):
            raise ValueError(f"{path}: columns {header} != {list(columns)}")
        missing = [c for c in required if c not in header]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        rows = []
        for i, row in enumerate(reader, start=2):
            clean = {k: (v or "").strip() for k, v in row.items() if k}
            empty = [c for c in required if not clean.get(c)]
            if empty:
                raise ValueError(f"{path}:{i}: empty {', '.join(empty)}")
            rows.append(clean)
        return rows
