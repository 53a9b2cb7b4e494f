from __future__ import annotations

import warnings

import pytest

from govreport.document import Document, Resources
from govreport.paths import SEED_REPORT
from govreport.report import StructureWarning, load_report


@pytest.fixture(scope="session")
def seed():
    """The Shawan Street report, parsed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", StructureWarning)
        return load_report(SEED_REPORT)


@pytest.fixture(scope="session")
def resources() -> Resources:
    """The project's curated data, loaded once for the whole test session."""
    return Resources()


@pytest.fixture(scope="session")
def seed_doc(seed, resources) -> Document:
    """The Shawan Street report as a document (tokens, sentences and numbers read once)."""
    return Document(seed, resources)


@pytest.fixture(scope="session")
def lexicon(resources):
    """The number lexicon (formulations, numeral names, non-numeral words, indicators, commitments)."""
    return resources.numbers
