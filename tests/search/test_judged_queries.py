"""The judged query set: the search finds the best answer first, on either database."""

import pytest

from search.judging import scores

pytestmark = pytest.mark.django_db

NDCG5 = 0.85
SUCCESS1 = 0.9


def test_the_judged_queries_find_their_answers(real_content):
    result = scores()
    misses = "\n".join(f"  {j.query!r}: got {', '.join(j.top)}" for j in result.misses())
    assert result.ndcg5 >= NDCG5 and result.success1 >= SUCCESS1, (
        f"{result.line()} (need nDCG@5 ≥ {NDCG5}, success@1 ≥ {SUCCESS1}); first result "
        f"not the answer for:\n{misses}"
    )
