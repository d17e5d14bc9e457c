"""Keeping the search index equal to what the public can read.

``sync()`` runs inside every write path's transaction (``core.cache.content_changed()`` calls
it first), so the index commits or rolls back with the content. It is incremental and needs
no record of its own: per kind, one query finds the published items that have no document
written since they changed, one deletes the documents of items no longer published, and a
change to a row a kind's pages are made from (a theme renamed, say) rewrites the pages it
belongs to; a write that names its row has that row's kinds look at the row alone. The
vocabulary (typo corrections) counts the words of the documents as they are now.
``rebuild()`` rewrites everything (the content loader, the bench's synthetic libraries).
"""

import datetime
from collections import Counter
from functools import lru_cache

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.signals import pre_delete

from core.cache import bump_content_generation
from core.models import GlossaryTerm, Theme
from finder.search.query import words_of
from search import registry
from search.models import Document, Word
from search.registry import Kind, Text

CHUNK = 500


def _documents(kind, items):
    """Unsaved Documents (and their theme ids) for ``items`` of ``kind``."""
    made = []
    for item in items:
        text = kind.text(item)
        made.append(
            (
                Document(
                    kind=kind.key,
                    object_id=item.pk,
                    url=item.get_absolute_url(),
                    title=text.title[:300],
                    summary=text.summary,
                    body=text.body,
                    terms=text.terms,
                    meta=text.meta[:300],
                    region_id=text.region_id,
                    rank=kind.rank,
                ),
                text.theme_ids,
            )
        )
    return made


def _write(kind, items):
    """Replace the documents of ``items`` (read and written CHUNK at a time, so a large
    library is never held in memory at once); returns how the vocabulary's counts change
    (the new documents' words, less the replaced ones')."""
    words = Counter()
    batch = []
    for item in items.iterator(chunk_size=CHUNK):
        batch.append(item)
        if len(batch) == CHUNK:
            words.update(_write_batch(kind, batch))
            batch = []
    if batch:
        words.update(_write_batch(kind, batch))
    return words


def _write_batch(kind, items):
    words = _delete(Document.objects.filter(kind=kind.key, object_id__in=[i.pk for i in items]))
    made = _documents(kind, items)
    saved = Document.objects.bulk_create([document for document, _themes in made])
    links = [
        Document.themes.through(document_id=document.pk, theme_id=theme_id)
        for document, (_unsaved, theme_ids) in zip(saved, made, strict=True)
        for theme_id in theme_ids
    ]
    Document.themes.through.objects.bulk_create(links)
    for doc in saved:
        words.update(document_words(doc.title, doc.summary, doc.body, doc.terms))
    return words


def _delete(documents):
    """Delete ``documents``; returns their words as negative counts (the vocabulary forgets
    a word no page holds any more, so a typo a curator mended is corrected again)."""
    words, ids = Counter(), []
    for pk, title, summary, body, terms in documents.values_list(
        "pk", "title", "summary", "body", "terms"
    ).iterator(chunk_size=CHUNK):
        ids.append(pk)
        words.subtract(document_words(title, summary, body, terms))
    if ids:
        Document.objects.filter(pk__in=ids).delete()
    return words


@lru_cache(maxsize=4096)
def _words(text):
    """The words of a document's text (the same text — a copy — is read once)."""
    return Counter(words_of(text))


def document_words(title, summary, body, terms):
    """The words one document adds to the vocabulary's counts."""
    return _words(title) + _words(" ".join((summary, body, terms)))


def count_words(words):
    """Add ``words`` (a Counter) to the vocabulary, for documents written outside ``sync()``
    (the bench's synthetic copies): a later edit takes their words off again."""
    _count_words(words)


def _count_words(words, *, fresh=False):
    """Change the vocabulary's counts by ``words`` (or make it anew); a word whose count
    falls to nothing leaves it."""
    if fresh:
        Word.objects.all().delete()
    changes = Counter()
    for word, n in words.items():
        if len(word) > 1 and not word.isdigit():
            changes[word[:60]] += n
    changes = {word: n for word, n in changes.items() if n}
    known = Word.objects.in_bulk(list(changes), field_name="word") if not fresh else {}
    for word, row in known.items():
        row.count = max(row.count + changes.pop(word), 0)
    gone = [row.pk for row in known.values() if not row.count]
    Word.objects.filter(pk__in=gone).delete()
    kept = [row for row in known.values() if row.count]
    Word.objects.bulk_update(kept, ["count"], batch_size=CHUNK)
    added = [Word(word=w, count=n) for w, n in changes.items() if n > 0]
    Word.objects.bulk_create(added, batch_size=CHUNK)


def _stale(kind):
    """The published items of ``kind`` with no document written since they last changed.

    ``NOT EXISTS`` lets the database join the two tables once (an anti-join); a correlated
    subquery per item took 400 ms at 66,000 case studies for a publish that changed one."""
    fresh = Document.objects.filter(
        kind=kind.key, object_id=OuterRef("pk"), indexed_at__gte=OuterRef("updated_at")
    )
    return kind.published().filter(~Exists(fresh))


def _dependents(kind):
    """The published items of ``kind`` whose document is older than a row it is made from
    (a theme renamed, a checklist edited): only those are rewritten, not the whole kind (at
    66,000 case studies, every one of them on any checklist's edit). None when no such row
    has changed since the kind's oldest document (one cheap query per dependency)."""
    if not kind.depends_on:
        return None
    oldest = Document.objects.filter(kind=kind.key).aggregate(at=Min("indexed_at"))["at"]
    if oldest is None:
        return None
    newer = Q()
    for label, path in kind.depends_on:
        if apps.get_model(label).objects.filter(updated_at__gt=oldest).exists():
            newer |= Q(**{f"{path}__updated_at__gt": F("indexed")})
    if not newer:
        return None
    indexed = Document.objects.filter(kind=kind.key, object_id=OuterRef("pk"))
    older = kind.published().annotate(indexed=Subquery(indexed.values("indexed_at")[:1]))
    return kind.published().filter(pk__in=older.filter(newer).values("pk"))


STALE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def watch(kind):
    """Have a deletion of a row ``kind``'s pages are made from mark those pages stale first."""
    for label, _path in kind.depends_on:
        pre_delete.connect(_mark_dependents, sender=label, dispatch_uid=f"search:{label}")


def _mark_dependents(sender, instance, **kwargs):
    """Before a row pages are made from is deleted (a theme, a checklist), date the documents
    of the pages it belongs to back, so the sync that follows the deletion rewrites them
    without it: once the row and its links are gone, nothing says which pages held it."""
    label = sender._meta.label
    for kind in registry.kinds():
        paths = [path for dependency, path in kind.depends_on if dependency == label]
        if not paths:
            continue
        holding = Q()
        for path in paths:
            holding |= Q(**{path: instance.pk})
        items = kind.published().filter(holding).values("pk")
        Document.objects.filter(kind=kind.key, object_id__in=items).update(indexed_at=STALE)


def sync(changed=None):
    """Bring every kind's documents up to date with what is published (incrementally).

    With ``changed`` (the row a write path saved or deleted) the kinds made from its model
    look at that row only; every other kind is checked whole, as it is when ``changed`` is
    None (the loader, bulk publishing). Checking the case-study kinds whole at 66,000 case
    studies took 400 ms of every publish. Then each kind rewrites the items whose rows it
    depends on changed (``_dependents``), up to DEPENDENTS_PER_WRITE of them."""
    label = changed._meta.label if changed is not None else None
    words = Counter()
    for kind in registry.kinds():
        # a deleted row has no pk left: its kind is checked whole
        if label == kind.model_label and changed.pk is not None:
            words.update(_sync_item(kind, changed.pk))
        else:
            words.update(_sync_kind(kind))
        words.update(_write_dependents(kind)[0])
    if words:
        _count_words(words)


# The pages a changed row rewrites within the write that changed it, per kind. At 66,000 case
# studies a theme is on up to 15,000 of them: rewriting them all inside a curator's save took
# 53 s for 5,800 pages (past gunicorn's 30 s); with this limit the save took 2.9 s, and
# ``catch_up()`` (manage.py sync_search, every minute from deploy/systemd, and after each
# content load) rewrote the other 14,300 in 48 s. Meanwhile only a search for the new name
# misses them.
DEPENDENTS_PER_WRITE = 100


def _write_dependents(kind):
    """Rewrite up to DEPENDENTS_PER_WRITE of ``kind``'s pages that are older than a row they
    are made from: (word count changes, how many)."""
    dependents = _dependents(kind)
    if dependents is None:
        return Counter(), 0
    pks = list(dependents.order_by("pk").values_list("pk", flat=True)[:DEPENDENTS_PER_WRITE])
    if not pks:
        return Counter(), 0
    return _write(kind, kind.published().filter(pk__in=pks)), len(pks)


def catch_up():
    """Rewrite every page still older than a row it is made from, DEPENDENTS_PER_WRITE per
    kind in each transaction, so readers' searches are never held up for long; the number
    of pages rewritten. The page cache moves on if any were."""
    total = 0
    while True:
        with transaction.atomic():
            words, written = Counter(), 0
            for kind in registry.kinds():
                kind_words, n = _write_dependents(kind)
                words.update(kind_words)
                written += n
            if words:
                _count_words(words)
        if not written:
            break
        total += written
    if total:
        bump_content_generation()
    return total


def _sync_kind(kind):
    published = kind.published().values("pk")
    words = _delete(Document.objects.filter(kind=kind.key).exclude(object_id__in=published))
    words.update(_write(kind, _stale(kind)))
    return words


def _sync_item(kind, pk):
    if not kind.published().filter(pk=pk).exists():
        return _delete(Document.objects.filter(kind=kind.key, object_id=pk))
    return _write(kind, _stale(kind).filter(pk=pk))


@transaction.atomic
def rebuild():
    """Write every document and the vocabulary anew."""
    Document.objects.all().delete()
    words = Counter()
    for kind in registry.kinds():
        words += _write(kind, kind.published())
    _count_words(words, fresh=True)


def register_base_kinds():
    """Themes and glossary terms: the base's own public pages."""
    registry.register(
        Kind(
            key="theme",
            label="Theme",
            rank=6,
            prior=0.8,
            published=Theme.objects.all,
            text=lambda t: Text(t.name, t.description, t.overview, theme_ids=(t.pk,)),
            model_label="core.Theme",
        )
    )
    registry.register(
        Kind(
            key="glossary",
            label="Glossary term",
            rank=8,
            prior=0.4,
            published=GlossaryTerm.objects.all,
            text=lambda g: Text(g.term, g.expansion, g.definition),
            model_label="core.GlossaryTerm",
        )
    )
