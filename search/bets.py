"""Recommended pages ("best bets"): the page curators put first for a search.

A reader's words match a recommended search when both hold the same words once stemmed,
in any order, words such as "how" or "the" aside: "reducing GP workload", "GP workload reduce"
and "how to reduce the GP workload" are one search. The recommendations are read once per
content generation per process (a curator's new one is used by the next search).
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from core.derived import per_generation
from finder.search.query import STOP_WORDS, words_of
from search.models import BestBet, split_phrases
from search.stemming import stems

_aside = threading.local()


def key_of(text):
    """A search as recommendations compare it: the stems of its words, stop words aside."""
    return _key(words_of(text))


def keys_of(searches):
    """The keys of a recommendation's searches ("a = b"), those with a word that means
    something (an entry with none is refused by the admin and the loader)."""
    return [key for key in map(key_of, split_phrases(searches)) if key]


def _key(words):
    return frozenset(stems(word for word in words if word not in STOP_WORDS))


def recommended(*queries, using="default"):
    """The addresses of the pages recommended for the first of ``queries`` that has any (each
    a ``finder.search.query.Query``: as typed, then as corrected), in the curators' order; ()
    for most searches."""
    if getattr(_aside, "on", False):
        return ()
    held = _recommendations(using)
    for query in queries:
        key = _key(word for term in query.terms for word in term.phrase)
        if key and key in held:
            return held[key]
    return ()


@per_generation
def _recommendations(using):
    pages = defaultdict(list)
    for bet in BestBet.objects.using(using).order_by("pk"):
        for key in keys_of(bet.searches):
            if bet.url not in pages[key]:
                pages[key].append(bet.url)
    return {key: tuple(urls) for key, urls in pages.items()}


@contextmanager
def set_aside():
    """Searches in this block are ranked by their words alone (judging the ranking itself)."""
    _aside.on = True
    try:
        yield
    finally:
        _aside.on = False
