"""A search as the library reads it: terms that must all match, each with its alternatives.

``"online consultation" -pilot phsyiotherapy`` reads as two terms — the phrase and the word
— and one exclusion. Words every page has ("how", "to", "the") are dropped, so a question
typed in full finds the pages about its subject. A thesaurus (glossary acronyms and the
curators' synonyms) adds alternatives to a term, a vocabulary corrects a word the library
does not hold; both are supplied by the caller, so this module knows no table.
"""

import re
from dataclasses import dataclass, replace

# PostgreSQL's English stop words, which its full-text search drops too, plus a few words
# that every question has ("need", "best").
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further get got had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself need no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves best way ways cannot""".split()
)
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
WORD = re.compile(r"[\w][\w'’-]*", re.UNICODE)
MAX_TERMS = 12


@dataclass(frozen=True)
class Term:
    """Something the results must contain: any one of its alternatives (each a phrase)."""

    alternatives: tuple  # ((word, …), …): the first is what was typed
    typed: str  # as the reader typed it

    @property
    def phrase(self):
        return self.alternatives[0]

    @property
    def quoted(self):
        """Whether the reader put it in quotes (its words must stand together)."""
        return self.typed.startswith('"')


@dataclass(frozen=True)
class Query:
    terms: tuple = ()
    exclusions: tuple = ()  # Terms none of the results may contain

    def __bool__(self):
        return bool(self.terms)

    @property
    def text(self):
        parts = [term.typed for term in self.terms]
        parts += [f"-{term.typed}" for term in self.exclusions]
        return " ".join(parts)

    def words(self):
        """Every word of every alternative, for marking snippets."""
        return {w for t in self.terms for alternative in t.alternatives for w in alternative}


def words_of(text):
    return tuple(w.lower().strip("'’-") for w in WORD.findall(text) if w.strip("'’-"))


def read(text):
    """The Query for ``text``: quoted phrases, ``-exclusions`` and words (stop words dropped)."""
    terms, exclusions = [], []
    for minus_quote, quoted, minus, word in TOKEN.findall(text or ""):
        excluded = bool(minus_quote or minus)
        raw = quoted if quoted or minus_quote else word
        words = words_of(raw)
        if not quoted and not minus_quote and len(words) == 1 and words[0] in STOP_WORDS:
            continue
        if not words:
            continue
        typed = f'"{raw}"' if quoted or minus_quote else raw
        (exclusions if excluded else terms).append(Term((words,), typed))
    return Query(tuple(terms[:MAX_TERMS]), tuple(exclusions[:MAX_TERMS]))


def normal(words):
    """A phrase as the thesaurus compares it: lower case, plural -s dropped, and no space or
    hyphen between words, so "super practices", "super-practice" and "superpractice" agree."""
    out = []
    for word in words:
        for part in word.replace("’", "'").split("-"):
            if len(part) > 3 and part.endswith("s") and not part.endswith("ss"):
                part = part[:-1]
            if part:
                out.append(part)
    return "".join(out)


def spellings(phrase):
    """A phrase and its other spellings: a hyphenated word also closed up and apart
    ("e-consultation": "econsultation", "e consultation")."""
    found = [phrase]
    if any("-" in word for word in phrase):
        found.append(tuple(word.replace("-", "") for word in phrase))
        found.append(tuple(part for word in phrase for part in word.split("-") if part))
    return found


def expand(query, thesaurus, *, longest=4):
    """``query`` with each term (or run of up to ``longest`` single-word terms that make one
    phrase, e.g. online + consultation) given its thesaurus alternatives, both ways."""
    terms, i = [], 0
    singles = list(query.terms)
    while i < len(singles):
        for n in range(min(longest, len(singles) - i), 0, -1):
            run = singles[i : i + n]
            if n > 1 and any(len(t.phrase) != 1 or t.quoted for t in run):
                continue
            phrase = tuple(w for t in run for w in t.phrase)
            found = thesaurus.get(normal(phrase)) or _plural_of_short(phrase, thesaurus)
            if found or n == 1:
                alternatives = (*spellings(phrase), *(found or ()))
                typed = " ".join(t.typed for t in run)
                terms.append(Term(tuple(dict.fromkeys(alternatives)), typed))
                i += n
                break
    return replace(query, terms=tuple(terms))


def _plural_of_short(phrase, thesaurus):
    """The singular's alternatives, and the singular itself, for a plural too short for
    ``normal`` to drop its -s ("GPs": GP, general practitioner), when the plural is not a
    term of its own ("PMS" is Personal Medical Services, not practice managers)."""
    *head, last = phrase
    if len(last) != 3 or not last.endswith("s") or last.endswith("ss"):
        return ()
    singular = (*head, last[:-1])
    found = thesaurus.get(normal(singular))
    return (singular, *found) if found else ()


def correct(query, vocabulary):
    """``query`` with each single word the library does not hold replaced by the nearest word
    it does (``vocabulary.nearest(word)``, None when nothing is near); and whether any was."""
    changed, terms = False, []
    for term in query.terms:
        if len(term.phrase) == 1 and not vocabulary.holds(term.phrase[0]):
            nearest = vocabulary.nearest(term.phrase[0])
            if nearest and nearest != term.phrase[0]:
                terms.append(Term(((nearest,),), nearest))
                changed = True
                continue
        terms.append(term)
    return replace(query, terms=tuple(terms)), changed
