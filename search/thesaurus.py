"""The library's own words: synonyms (glossary and curators') and the vocabulary for typos.

Both are read once per content generation per process (a curator's new synonym is used by
the next search, in every process that shares the cache), and both answer in memory.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import connections
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core.derived import per_generation
from core.models import GlossaryTerm
from finder.search.query import STOP_WORDS, normal, words_of
from search.models import Synonym, Word


def _groups():
    """Each set of phrases that mean the same: a glossary term and its expansion (the
    expansion's own parenthesised notes left out), and every curators' synonym."""
    for term, expansion in GlossaryTerm.objects.values_list("term", "expansion"):
        if expansion:
            yield [term, expansion.split("(")[0].split(";")[0]]
    for synonym in Synonym.objects.all():
        yield synonym.phrases()


def _thesaurus():
    found = defaultdict(set)
    for phrases in _groups():
        spelled = [words_of(phrase) for phrase in phrases]
        spelled = [words for words in spelled if words]
        for words in spelled:
            found[normal(words)].update(other for other in spelled if other != words)
    return {key: tuple(sorted(value)) for key, value in found.items()}


class Vocabulary:
    """The words the library holds; ``nearest()`` is the likeliest word meant by a typo."""

    def __init__(self, counts, using):
        self.counts = counts
        self.using = using

    def holds(self, word):
        return word in self.counts or word in STOP_WORDS or not word.isalpha()

    def nearest(self, word):
        """The commonest word within one edit (short words) or two (five letters or more);
        on PostgreSQL the candidates come from trigram similarity (pg_trgm)."""
        if len(word) < 4:
            return None
        limit = 1 if len(word) < 5 else 2
        candidates = self._candidates(word)
        scored = process.extract(
            word, candidates, scorer=Levenshtein.distance, score_cutoff=limit, limit=20
        )
        if not scored:
            return None
        return min(scored, key=lambda hit: (hit[1], -self.counts.get(hit[0], 0), hit[0]))[0]

    def _candidates(self, word):
        if connections[self.using].vendor != "postgresql":
            return list(self.counts)
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT word FROM search_word WHERE word %% %s ORDER BY word <-> %s LIMIT 50",
                [word, word],
            )
            return [row[0] for row in cursor.fetchall()]


@per_generation
def held(using):
    """(thesaurus, vocabulary) for the current content generation."""
    counts = dict(Word.objects.using(using).values_list("word", "count"))
    return _thesaurus(), Vocabulary(counts, using)


@dataclass(frozen=True)
class Definition:
    """An abbreviation in the glossary, as the search page shows it above the results."""

    term: str
    expansion: str
    url: str


def defining(text, using="default"):
    """The glossary's abbreviation that ``text`` names whole, as itself or what it stands for
    ("MDT", "multidisciplinary team", "A&E", "practice nurses"); None when it names none.
    Terms the glossary only defines ("social prescribing") are left to the results. Read once
    per content generation."""
    key = normal(words_of(text))
    if not key:
        return None
    entries = _definitions(using)
    short_plural = len(key) == 3 and key.endswith("s")  # "GPs" ("MDTs": ``normal``)
    return entries.get(key) or (entries.get(key[:-1]) if short_plural else None)


@per_generation
def _definitions(using):
    entries = {}
    for entry in GlossaryTerm.objects.using(using).exclude(expansion="").order_by("term"):
        shown = Definition(entry.term, entry.expansion, entry.get_absolute_url())
        expansion = entry.expansion.split("(")[0].split(";")[0]
        for phrase in (entry.term, expansion):
            entries.setdefault(normal(words_of(phrase)), shown)
    entries.pop("", None)
    return entries
