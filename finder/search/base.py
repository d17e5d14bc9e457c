"""What the database backends share: the searched columns, the user's text, snippets.

A table searched in full text declares its columns, heaviest first, as a ``FullText`` (title
A, summary B, body C, terms D); each vendor's module turns that into the SQL its migration
runs and answers, for each term of a query, which rows of a ``Scope`` match and how well.
Snippets are plain text with the matched words wrapped in private-use marker characters;
pages never show one raw: ``highlight()`` escapes it and only then turns the markers into
``<mark>`` elements, so nothing from the index can inject markup.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.text import clean_text

MARK_START = "\ue000"
MARK_END = "\ue001"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


@dataclass(frozen=True)
class FullText:
    """The columns of ``table`` that full-text search reads, heaviest first."""

    table: str
    title: tuple
    summary: tuple
    body: tuple
    terms: tuple = ()  # tags, roles, glossary terms: their own weight

    @property
    def fields(self):
        return self.title + self.summary + self.body + self.terms


@dataclass(frozen=True)
class Scope:
    """Which rows of a FullText table a search reads: their key column (what the caller gets
    back) and an SQL condition with its parameters (e.g. the kinds a finder lists)."""

    key: str = "id"
    where: str = "TRUE"
    params: tuple = ()


_MARKDOWN_NOISE = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"(\*\*|__|`)"), ""),
    (re.compile(r"(^|\s)#{1,6}\s"), r"\1"),
    (re.compile(r"(^|\n)\s*[-*]\s+"), r"\1"),
    (re.compile(r"\s+"), " "),
]


@dataclass(frozen=True)
class SearchText:
    """A user query, cleaned: the text as searched, its word tokens and whether it was cut."""

    text: str = ""
    tokens: tuple = ()
    truncated: bool = False
    exact: bool = False  # the reader's own words: no spelling correction

    def __bool__(self):
        return bool(self.tokens)

    def __str__(self):
        return self.text


def parse_query(value):
    """Clean raw input into a SearchText; empty, punctuation-only or absent input is falsy."""
    text = " ".join(clean_text(value).split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    tokens = tuple(t for t in text.split(" ") if re.search(r"\w", t))[:MAX_TERMS]
    return SearchText(text=text if tokens else "", tokens=tokens, truncated=truncated)


def icontains_q(fields, tokens):
    """Every token appears in at least one of the fields (case-insensitive)."""
    if not tokens:
        return Q()
    per_token = [
        reduce(
            or_,
            (
                Q(**{f"{field}__icontains": re.sub(r"^\W+|\W+$", "", token) or token})
                for field in fields
            ),
        )
        for token in tokens
    ]
    return reduce(and_, per_token)


def plain_snippet(text):
    """Strip the Markdown punctuation that would look odd in a one-line snippet."""
    text = text or ""
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def highlight(marked):
    """Escape a marked snippet, then put the highlight marks back as <mark> elements."""
    parts = []
    inside = False
    for piece in re.split(f"({MARK_START}|{MARK_END})", plain_snippet(marked)):
        if piece == MARK_START:
            inside = True
        elif piece == MARK_END:
            inside = False
        elif piece:
            piece = format_html("<mark>{}</mark>", piece) if inside else conditional_escape(piece)
            parts.append(piece)
    return mark_safe("".join(parts))  # noqa: S308 - every part was escaped just above


class Ranks(dict):
    """{pk: rank} for every match; ``stems`` are the query's stemmed words when known, and
    ``notes`` what the search did to the reader's words (corrections, partial matches);
    ``recommended`` the keys curators put first for this search."""

    stems = None
    notes = ()
    recommended = frozenset()


def mark_tokens(text, tokens, *, width=220, stems=False):
    """A window of plain ``text`` around the first token found, tokens marked for highlight().

    With ``stems``, each token is a word stem (PostgreSQL's lexemes: "prescrib") and marks the
    whole words starting with it ("prescribing", "prescribers"), as ts_headline would.
    """
    words = [re.escape(t) for t in (re.sub(r"^\W+|\W+$", "", t) for t in tokens) if t]
    if not words:
        return plain_snippet((text or "")[: width * 2])[:width]
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\w*" if stems else f"({alternatives})", re.I)
    # Clean only a stretch around the first match: a whole case study is tens of kilobytes.
    raw = text or ""
    first = pattern.search(raw)
    around = first.start() if first else 0
    text = plain_snippet(raw[max(0, around - 2 * width) : around + 3 * width])
    if not text:
        return ""
    found = pattern.search(text)
    start = max(0, (found.start() if found else 0) - width // 3)
    window = text[start : start + width]
    if start:
        window = "… " + window.split(" ", 1)[-1]
    if start + width < len(text):
        window = window.rsplit(" ", 1)[0] + " …"
    return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
