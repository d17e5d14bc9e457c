"""The judged query set: the search finds the best answer first, on either database."""

import pytest

from search.judging import scores

pytestmark = pytest.mark.django_db

# As readers see the search (with the curators' recommended pages), the goal the issue set.
NDCG5 = 0.85
SUCCESS1 = 0.9
# The ranking alone, without the recommended pages: floors just under what it reaches now
# (nDCG@5 0.79, success@1 0.76 on both databases), so a change that ranks worse fails even
# where a recommendation would hide it (docs/adr/0005-recommended-pages.md).
RANKING_NDCG5 = 0.77
RANKING_SUCCESS1 = 0.74


def _failure(result, ndcg5, success1):
    misses = "\n".join(f"  {j.query!r}: got {', '.join(j.top)}" for j in result.misses())
    return (
        f"{result.line()} (need nDCG@5 ≥ {ndcg5}, success@1 ≥ {success1}); first result "
        f"not the answer for:\n{misses}"
    )


def test_the_judged_queries_find_their_answers(real_content):
    result = scores()
    assert result.ndcg5 >= NDCG5 and result.success1 >= SUCCESS1, _failure(result, NDCG5, SUCCESS1)


def test_the_ranking_alone_keeps_its_scores(real_content):
    result = scores(recommended=False)
    assert result.ndcg5 >= RANKING_NDCG5 and result.success1 >= RANKING_SUCCESS1, _failure(
        result, RANKING_NDCG5, RANKING_SUCCESS1
    )
