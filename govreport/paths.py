"""Where the package finds its data and keeps its caches."""
from __future__ import annotations

import os
from pathlib import Path

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
