"""Fixtures of the search tests: the shared analysis of the test glossary."""

from __future__ import annotations

import pytest

from search.analysis import Analysis
from tests.search.corpus import GLOSSARY


@pytest.fixture(scope="session")
def analysis() -> Analysis:
    """Language analysis over the small test glossary (built once: it loads a dictionary)."""
    return Analysis(GLOSSARY)
