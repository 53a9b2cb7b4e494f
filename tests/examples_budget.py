"""How many examples a property test draws: all of them in ``make test``, a fifth in ``make test-fast``.

``make test-fast`` sets ``GOVREPORT_QUICK_TESTS=1``; the full suite, which CI runs, draws every example.
"""
from __future__ import annotations

import os


def examples(n: int) -> int:
    """``n`` examples, or a fifth of them (at least 20) in the quick tier."""
    return max(20, n // 5) if os.environ.get("GOVREPORT_QUICK_TESTS") else n
