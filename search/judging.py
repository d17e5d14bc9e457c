"""Judging the search: nDCG@5, MRR and success@1 over a judged query set.

The judged queries (tests/search/judged_queries.yaml) grade, for each query, the pages that
answer it (3 = the answer, 2 = very relevant, 1 = relevant). The test suite fails below its
thresholds on both databases; ``make bench`` prints the same scores. They are scored twice:
as readers see the search, with the curators' recommended pages (``search.bets``), and by
the ranking alone, so that a change to the ranking is judged on its own.
"""

import contextlib
import math
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.http import QueryDict

from finder.page import find
from finder.urls import encode
from search import bets
from search.finders import SiteSearchFinder
from search.models import Document

JUDGED = Path(settings.BASE_DIR) / "tests" / "search" / "judged_queries.yaml"
CASE_KINDS = ("case-study", "consultation-example")


def page_key(document):
    """A document as the judged set names it: kind/slug (both case-study kinds as case-study)."""
    kind = "case-study" if document.kind in CASE_KINDS else document.kind
    slug = document.url.split("#")[-1] if "#" in document.url else document.url.strip("/")
    return f"{kind}/{slug.rsplit('/', 1)[-1]}"


def ranked_keys(text, limit=10):
    """The first ``limit`` results of the site search for ``text``, as judged-set keys."""
    found = find(SiteSearchFinder(), QueryDict(encode([("q", text)])))
    pks = list(found.ordered[:limit])
    documents = Document.objects.in_bulk(pks)
    return [page_key(documents[pk]) for pk in pks if pk in documents]


def _dcg(grades):
    return sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(grades))


@dataclass(frozen=True)
class Judgement:
    query: str
    ndcg5: float
    reciprocal_rank: float
    first_is_answer: bool
    top: tuple


def judge(query, relevant):
    keys = ranked_keys(query)
    gains = [relevant.get(key, 0) for key in keys[:5]]
    ideal = _dcg(sorted(relevant.values(), reverse=True)[:5])
    first = next((i for i, key in enumerate(keys) if relevant.get(key, 0) > 0), None)
    return Judgement(
        query,
        _dcg(gains) / ideal if ideal else 0.0,
        1 / (first + 1) if first is not None else 0.0,
        bool(keys) and relevant.get(keys[0], 0) == 3,
        tuple(keys[:3]),
    )


@dataclass(frozen=True)
class Scores:
    ndcg5: float
    mrr: float
    success1: float
    judgements: tuple

    def misses(self):
        return [j for j in self.judgements if not j.first_is_answer]

    def line(self):
        return (
            f"nDCG@5 {self.ndcg5:.3f}, MRR {self.mrr:.3f}, success@1 {self.success1:.3f} "
            f"over {len(self.judgements)} judged queries"
        )


def scores(path=JUDGED, *, recommended=True):
    """The scores over the judged queries at ``path``; with ``recommended=False``, of the
    ranking alone (the curators' recommended pages set aside)."""
    queries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    with contextlib.nullcontext() if recommended else bets.set_aside():
        judgements = tuple(judge(q["query"], q["relevant"]) for q in queries)
    n = len(judgements)
    return Scores(
        sum(j.ndcg5 for j in judgements) / n,
        sum(j.reciprocal_rank for j in judgements) / n,
        sum(j.first_is_answer for j in judgements) / n,
        judgements,
    )
