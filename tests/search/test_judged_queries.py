"""The judged query set: the search finds the best answer first, on either database."""

import pytest

from search.judging import scores

pytestmark = pytest.mark.django_db

# Floors just under what the ranking reaches now (nDCG@5 0.76, success@1 0.76 on both databases),
# so a change that makes answers worse fails. The goal is nDCG@5 0.85 and success@1 0.9: raise
# these as the ranking gets there (docs/adr/0003-search-index.md says what is missing).
NDCG5 = 0.74
SUCCESS1 = 0.74


def test_the_judged_queries_find_their_answers(real_content):
    result = scores()
    misses = "\n".join(f"  {j.query!r}: got {', '.join(j.top)}" for j in result.misses())
    assert result.ndcg5 >= NDCG5 and result.success1 >= SUCCESS1, (
        f"{result.line()} (need nDCG@5 ≥ {NDCG5}, success@1 ≥ {SUCCESS1}); first result "
        f"not the answer for:\n{misses}"
    )
