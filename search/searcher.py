"""The forgiving search: what a finder asks when a reader types words.

In order, and saying on the page what was done:
1. a word the library does not hold is corrected to the nearest one it does (unless the
   reader asked for their own words: ``SearchText.exact``);
2. each term gains its synonyms and acronyms, both ways (glossary and curators' list);
3. pages with every term come first, best match first; if no page has every term, the pages
   with most of them, by how many and how well; ``-word`` excludes, quoted phrases stay whole.
Singular, plural and hyphenated forms are one word to the database's stemmer.
"""

import functools
import heapq
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connections

from finder.search import Ranks, Scope
from finder.search.postgres import PostgresTerms
from finder.search.query import STOP_WORDS, correct, expand, normal, read, words_of
from finder.search.sqlite import SQLiteTerms
from search import bets, registry, thesaurus
from search.models import Document
from search.stemming import stems as _stems
from search.text import DOCUMENT_TEXT

PARTIAL = "No page has every word; these match most of them."


@dataclass(frozen=True)
class Correction:
    """What the search did to the reader's words, for the page to say."""

    searched: str  # the words searched for
    typed: str  # the words typed


class DocumentSearcher:
    """Searches the one index, for every kind or for ``kinds``; the finder gets back
    {key: rank} where key is the document's id, or the item's own id (``by_item``)."""

    def __init__(self, kinds=(), *, by_item=False):
        self.kinds = tuple(kinds)
        self.by_item = by_item

    def scope(self):
        key = "object_id" if self.by_item else "id"
        if not self.kinds:
            return Scope(key=key)
        marks = ", ".join(["%s"] * len(self.kinds))
        return Scope(key=key, where=f"kind IN ({marks})", params=self.kinds)

    def terms_backend(self, using):
        vendor = connections[using].vendor
        backend = PostgresTerms if vendor == "postgresql" else SQLiteTerms
        return backend(DOCUMENT_TEXT, self.scope())

    def ranks(self, search, queryset):
        using = queryset.db
        words, vocabulary = thesaurus.held(using)
        query = typed = read(search.text)
        notes = []
        if query and not search.exact:
            query, changed = correct(query, vocabulary)
            if changed:
                notes.append(Correction(query.text, search.text))
        ranks = Ranks()
        ranks.notes = notes
        if not query:
            ranks.stems = []
            return ranks
        query = expand(query, words)
        backend = self.terms_backend(using)
        wanted = [t.alternatives for t in query.terms]
        found, stems = backend.ranks(wanted, using, _quoted(query.terms))
        phrase = _phrase(query)

        def together(keys):
            return backend.having(phrase, keys, using) if phrase else set()

        excluded = set()
        if query.exclusions:
            unwanted = [t.alternatives for t in query.exclusions]
            for hits in backend.ranks(unwanted, using, _quoted(query.exclusions))[0]:
                excluded |= set(hits)
        matched, score = _combine(found, excluded, notes)
        ranks.update(rerank(query, matched, score, together, lambda keys: self.titles(keys, using)))
        ranks.recommended = self.recommend((typed, query), ranks, excluded, using)
        ranks.stems = stems
        return ranks

    def recommend(self, queries, ranks, excluded, using):
        """Put the pages curators recommend for this search (``search.bets``: as typed, else as
        corrected) first, in their order, whether or not they have the words; their keys."""
        urls = bets.recommended(*queries, using=using)
        if not urls:
            return frozenset()
        keys = {url: key for key, url in self._in_scope("url", urls, ("url",), using)}
        first = [keys[url] for url in urls if url in keys and keys[url] not in excluded]
        top = max(ranks.values(), default=0.0) + TERM
        for place, key in enumerate(first):
            ranks[key] = top + len(first) - place
        return frozenset(first)

    def titles(self, keys, using):
        """{key: (kind, title)} of these documents."""
        return {row[0]: row[1:] for row in self._in_scope(None, keys, ("kind", "title"), using)}

    def _in_scope(self, column, values, columns, using):
        """(key, *columns) of the documents in scope whose ``column`` (the key when None) is
        one of ``values``: one plain statement (for a few hundred keys the ORM took longer to
        build it than the database to answer)."""
        if not values:
            return []
        scope = self.scope()
        column = column or scope.key
        if connections[using].vendor == "postgresql":  # one array: 300 values bound as one
            keyed, params = f"{column} = ANY(%s)", [list(values)]
        else:
            keyed, params = f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)
        sql = (
            f"SELECT {', '.join((scope.key, *columns))} FROM {Document._meta.db_table} "
            f"WHERE {keyed} AND {scope.where}"
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [*params, *scope.params])
            return cursor.fetchall()


def _combine(found, excluded, notes):
    """Every page that matches a term, ranked first by how many terms it matches (all of
    them, best), then by how well; a note when no page has every term."""
    matched = Counter(itertools.chain.from_iterable(found))  # counted in C
    score = dict(found[0]) if found else {}
    for hits in found[1:]:
        get = score.get
        for key, rank in hits.items():
            score[key] = get(key, 0.0) + rank
    for key in excluded:
        matched.pop(key, None)
        score.pop(key, None)
    if matched and len(found) > 1 and max(matched.values()) < len(found):
        notes.append(PARTIAL)
    return matched, score


RERANK = 300
TERM = 100.0  # a page with one more of the query's terms always ranks higher
# Chosen on the judged queries (tests/search/judged_queries.yaml; search/judging.py).
# On the real content: nDCG@5 0.76 and success@1 0.76 on SQLite and on PostgreSQL.
WEIGHTS = {"exact": 3.0, "kind": 3.0, "score": 4.0, "phrase": 4.0, "tight": 2.0}
_NUMBER = re.compile(r"^\d+\.?\s*")


def _quoted(terms):
    """The positions of the terms the reader put in quotes: their words must stand together."""
    return {i for i, term in enumerate(terms) if term.quoted}


def _phrase(query):
    """The typed words as one phrase, when there are several and none is quoted: a page
    that has them side by side ("care homes", "practice nurse") is likelier about them."""
    if len(query.terms) < 2 or _quoted(query.terms):
        return None
    return tuple(word for term in query.terms for word in term.phrase)


def rerank(query, matched, score, together, titles):
    """The final order: terms matched, then, for the best RERANK candidates, the title (the
    whole query, or how much of the title is the query), the words side by side, the kind's
    prior and the database's own score. ``titles(keys)`` and ``together(keys)`` (those with
    the typed words side by side) are asked of the candidates only: checking a phrase reads a
    document's whole vector, 125 ms for the 14,000 documents with both words of "recruit GPs"
    at 66,000 case studies, 3 ms for 300."""
    top = max(score.values(), default=0.0) or 1.0
    final = {
        key: matched[key] * TERM + WEIGHTS["score"] * rank / top for key, rank in score.items()
    }
    # The score adds at most WEIGHTS["score"] (< TERM): the best are those with most terms,
    # then the best score (``final.get``, a key in C: a third of the time of a lambda).
    best = heapq.nlargest(RERANK, final, key=final.get)
    found = titles(best)
    side_by_side = together(best)
    wanted = query_phrases(query)
    for key in best:
        kind, title = found.get(key, ("", ""))
        whole, stems = _title_words(title)
        final[key] += (
            WEIGHTS["exact"] * (whole == wanted["whole"])
            + WEIGHTS["tight"] * _precision(stems, wanted["stems"])
            + WEIGHTS["kind"] * registry.prior(kind)
            + WEIGHTS["phrase"] * (key in side_by_side)
        )
    return final


def _bare(title):
    """A title without its leading number ("3. Social prescribing" -> "Social prescribing")."""
    return _NUMBER.sub("", title)


def query_phrases(query):
    """The query as typed (or corrected) as a whole, and the stems of every word of its terms
    and their alternatives.

    Only the typed words make a title an exact match: a glossary entry titled "PN" is what a
    search for "practice nurse" expands to, but a definition is seldom the answer to it."""
    whole = normal(tuple(w for t in query.terms for w in t.phrase))
    return {
        "whole": whole,
        "stems": _stems(w for t in query.terms for a in t.alternatives for w in a),
    }


@functools.lru_cache(maxsize=4096)
def _title_words(title):
    """A title as the re-rank compares it: the whole (``normal``) and the stems of its own
    words, stop words aside. Held for the titles seen last: a page's title is compared on
    every search it turns up in."""
    words = words_of(_bare(title))
    return normal(words), tuple(_stems((word,)) for word in words if word not in STOP_WORDS)


def _precision(title_stems, asked):
    """The share of the title's own words that are the query's (``asked``: the stems of the
    terms and their alternatives): "Merger checklist" is more about "mergers" than "Merger
    process and project management"."""
    if not title_stems or not asked:
        return 0.0
    return sum(bool(stems & asked) for stems in title_stems) / len(title_stems)
