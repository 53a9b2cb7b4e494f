"""govreport: structure, keywords, policy themes and quantitative targets of Chinese work reports."""
from __future__ import annotations

__version__ = "0.1.0"
