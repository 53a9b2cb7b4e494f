from __future__ import annotations

import os
import warnings

import pytest


from govreport.paths import SEED_REPORT  # noqa: E402
from govreport.report import StructureWarning, load_report  # noqa: E402


@pytest.fixture(scope="session")
def seed():
    """The Shawan Street report, parsed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", StructureWarning)
        return load_report(SEED_REPORT)
