"""The kinds of page the search index holds, each declared by the app that owns it.

A content app registers its kinds from its ``AppConfig.ready()`` (``<app>/search.py``);
themes and glossary terms, which live in the base, are registered by this app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """What one page gives the index."""

    title: str
    summary: str = ""
    body: str = ""
    terms: str = ""  # tags, roles, themes, glossary terms: their own weight
    meta: str = ""
    region_id: int | None = None
    theme_ids: tuple = ()


@dataclass(frozen=True)
class Kind:
    key: str  # "case-study": the kind facet's value
    label: str  # "Case study"
    rank: int  # its place in lists that mix kinds
    prior: float  # how likely a page of this kind is the answer, other things equal (0 to 1)
    published: Callable  # () -> the published items, prefetched for ``text``
    text: Callable  # item -> Text
    model_label: str = ""  # "casestudies.CaseStudy": whose updates re-index this kind
    # (model label, path from an item to those rows): a change to one of those rows rewrites
    # the documents of the items it belongs to ("core.Theme", "themes")
    depends_on: tuple = field(default=())


_kinds = {}
_watchers = []


def register(kind):
    _kinds[kind.key] = kind
    for watcher in _watchers:
        watcher(kind)


def when_registered(watcher):
    """Call ``watcher(kind)`` for every kind, registered already or later (the index watches
    the rows each kind is made from: ``search.indexing.watch``)."""
    _watchers.append(watcher)
    for kind in list(_kinds.values()):
        watcher(kind)


def kinds():
    """Every registered kind, in its rank order."""
    return sorted(_kinds.values(), key=lambda kind: (kind.rank, kind.key))


def label(key):
    kind = _kinds.get(key)
    return kind.label if kind else key


def prior(key):
    kind = _kinds.get(key)
    return kind.prior if kind else 0.5


def choices():
    return [(kind.key, kind.label) for kind in kinds()]
