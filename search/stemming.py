"""Words as PostgreSQL's english configuration stems them (Snowball English), for comparing a
reader's words with titles and recommended searches in Python, on either database."""

import functools

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=8192)
def stem(word):
    return _STEMMER.stemWord(word)


def stems(words):
    """The stems of ``words``, a hyphenated word as its parts ("super-practices": super,
    practic)."""
    return {stem(part) for word in words for part in word.split("-") if part}
