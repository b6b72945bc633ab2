"""General reporting patterns (tests/extract/patterns*.py): each sentence yields exactly the claims
a coder records.
"""

import pytest

from pipelines.extract.actors import Actors
from pipelines.extract.claims import extract_claims
from pipelines.extract.document import Document
from tests.extract.patterns import CASES as FIRST_CASES
from tests.extract.patterns_more import CASES_MORE

CASES = FIRST_CASES + CASES_MORE

ACTORS = Actors.load()


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text[:50] for text, _ in CASES])
def test_pattern(text, expected):
    found = [
        (c.kind, c.subject_side, c.value, c.qualifier, c.claimant_side)
        for c in extract_claims(Document.parse(text), ACTORS, "Outlet")
    ]
    assert found == expected
