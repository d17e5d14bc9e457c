"""Grow a database holding the real content to `factor` times as many case studies.

Run by bench/run.py against a throw-away database (DATABASE_URL). Synthetic items copy the real
ones (text, links, tags, key figures), so pages and search behave as with real content. Each
real case study is turned into a row of database values once; the copies change only their id,
slug, title, number and status and go in with `executemany` in batches, with no per-object ORM
work: about 20 times faster than factories' create() or bulk_create(), which is what lets the
largest size fit in the bench's time. The database keeps the search indexes in step by itself
(a generated tsvector column on PostgreSQL, FTS5 triggers on SQLite).
Usage: python bench/synth.py FACTOR
"""

import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402

# casestudies.CaseStudy.number is unique per kind; a PositiveIntegerField (it was a smallint,
# which capped the library at 2 x 32,767 case studies until migration 0006).
MAX_NUMBER = 2_147_483_647
BATCH = 5000


@contextmanager
def gin_built_after(model):
    """A cursor for a bulk load into ``model``'s table, with PostgreSQL's full-text (GIN)
    indexes dropped first and built once afterwards instead of row by row (the usual bulk-load
    practice; their definitions are put back unchanged). Run inside a transaction."""
    from django.db import connection

    with connection.cursor() as cursor:
        gin = []
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexdef LIKE '%%USING gin%%'",
                [model._meta.db_table],
            )
            gin = cursor.fetchall()
            for name, _definition in gin:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield cursor
        if gin:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the deferred FKs first
        for _name, definition in gin:
            cursor.execute(definition)


def _insert(cursor, table, columns, rows):
    from django.db import connection

    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # COPY: PostgreSQL's bulk-load path, several times faster than INSERTs.
        names = ", ".join(quote(c) for c in columns)
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    for start in range(0, len(rows), BATCH):
        cursor.executemany(sql, rows[start : start + BATCH])


def synthesize(factor):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone
    from taggit.models import TaggedItem

    from casestudies.models import CaseStudy, KeyFigure, Kind
    from core.models import Status
    from guidance.models import ConsultationArea

    real = list(
        CaseStudy.objects.order_by("pk").prefetch_related(
            "themes", "roles", "organisation_types", "high_impact_actions", "tags", "key_figures"
        )
    )
    if not real:
        raise SystemExit("no real content to copy: run load_content first")
    next_number = {
        kind: (CaseStudy.objects.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1
        for kind in Kind.values
    }
    capacity = sum(MAX_NUMBER - n + 1 for n in next_number.values())
    wanted = min(len(real) * (factor - 1), capacity)
    next_id = (CaseStudy.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    area_id = ConsultationArea.objects.order_by("pk").values_list("pk", flat=True).first()
    case_type = ContentType.objects.get_for_model(CaseStudy).pk
    now = timezone.now()

    fields = CaseStudy._meta.concrete_fields
    columns = [f.column for f in fields]
    index = {f.attname: i for i, f in enumerate(fields)}

    def prepared(obj):
        return [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]

    published_at = CaseStudy._meta.get_field("published_at").get_db_prep_save(now, connection)
    templates = [(obj, prepared(obj)) for obj in real]
    links = {
        "themes": "theme_id",
        "roles": "role_id",
        "organisation_types": "organisationtype_id",
        "high_impact_actions": "highimpactaction_id",
    }
    rows, link_rows, tag_rows, figure_rows = [], {name: [] for name in links}, [], []
    copies = []  # (pk, template pk, kind, slug, title) of each published copy
    for made in range(wanted):
        template, values = templates[made % len(templates)]
        kind = template.kind
        if next_number[kind] > MAX_NUMBER:
            kind = next(k for k in Kind.values if next_number[k] <= MAX_NUMBER)
        row = list(values)
        pk = next_id + made
        row[index["id"]] = pk
        row[index["kind"]] = kind
        row[index["number"]] = next_number[kind]
        next_number[kind] += 1
        row[index["slug"]] = f"{template.slug[:90]}-synthetic-{made + 1}"
        row[index["title"]] = f"{template.title} (synthetic {made + 1})"[:200]
        row[index["status"]] = Status.DRAFT if made % 20 == 19 else Status.PUBLISHED
        row[index["published_at"]] = published_at
        row[index["question_area_id"]] = (
            (template.question_area_id or area_id) if kind == Kind.CONSULTATION_EXAMPLE else None
        )
        rows.append(row)
        if row[index["status"]] == Status.PUBLISHED:
            copies.append((pk, template.pk, kind, row[index["slug"]], row[index["title"]]))
        for name in links:
            link_rows[name] += [(pk, target.pk) for target in getattr(template, name).all()]
        tag_rows += [(tag.pk, case_type, pk) for tag in template.tags.all()]
        figure_rows += [
            (pk, f.order, f.label, f.value, f.context, f.outcome, f.curator_notes)
            for f in template.key_figures.all()
        ]

    started = time.perf_counter()
    with transaction.atomic(), gin_built_after(CaseStudy) as cursor:
        _insert(cursor, CaseStudy._meta.db_table, columns, rows)
        for name, column in links.items():
            through = getattr(CaseStudy, name).through
            _insert(cursor, through._meta.db_table, ["casestudy_id", column], link_rows[name])
        _insert(
            cursor, TaggedItem._meta.db_table, ["tag_id", "content_type_id", "object_id"], tag_rows
        )
        _insert(
            cursor,
            KeyFigure._meta.db_table,
            ["case_study_id", "order", "label", "value", "context", "outcome", "curator_notes"],
            figure_rows,
        )
        for sql in connection.ops.sequence_reset_sql(no_style(), [CaseStudy]):
            cursor.execute(sql)
    index_started = time.perf_counter()
    copy_search_documents(copies)
    indexed = time.perf_counter() - index_started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = CaseStudy.objects.count()
    print(
        f"synthesized {wanted} case studies in {time.perf_counter() - started:.1f} s "
        f"(search index {indexed:.1f} s); {total} in all"
    )


def copy_search_documents(copies):
    """The search index's documents for the copies: each its template's document (written by
    the loader's write path) with the copy's own kind, address and title, loaded like the
    case studies themselves, and PostgreSQL's GIN indexes built once after the load."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.urls import reverse
    from django.utils import timezone

    from search import indexing, registry
    from search.models import Document

    kinds = {kind.key: kind for kind in registry.kinds()}
    templates = {
        d.object_id: d
        for d in Document.objects.filter(kind__in=["case-study", "consultation-example"])
    }
    themes = {}
    for document_id, theme_id in Document.themes.through.objects.values_list(
        "document_id", "theme_id"
    ):
        themes.setdefault(document_id, []).append(theme_id)
    next_id = (Document.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    now = Document._meta.get_field("indexed_at").get_db_prep_save(timezone.now(), connection)
    rows, theme_rows, words = [], [], Counter()
    for pk, template_pk, kind, slug, title in copies:
        template = templates.get(template_pk)
        if template is None:
            continue
        doc_id = next_id + len(rows)
        url = reverse("casestudies:detail", args=[slug])
        rows.append(
            (
                doc_id,
                kind,
                pk,
                url,
                title,
                template.summary,
                template.body,
                template.terms,
                template.meta,
                template.region_id,
                kinds[kind].rank,
                now,
            )
        )
        theme_rows += [(doc_id, theme_id) for theme_id in themes.get(template.pk, ())]
        words.update(
            indexing.document_words(title, template.summary, template.body, template.terms)
        )
    columns = [
        "id",
        "kind",
        "object_id",
        "url",
        "title",
        "summary",
        "body",
        "terms",
        "meta",
        "region_id",
        "rank",
        "indexed_at",
    ]
    with transaction.atomic(), gin_built_after(Document) as cursor:
        _insert(cursor, Document._meta.db_table, columns, rows)
        _insert(
            cursor, Document.themes.through._meta.db_table, ["document_id", "theme_id"], theme_rows
        )
        for sql in connection.ops.sequence_reset_sql(no_style(), [Document]):
            cursor.execute(sql)
        # The vocabulary counts the copies' words too, as the write path would have: else an
        # edit to a copy took its words off counts that never held them.
        indexing.count_words(words)


if __name__ == "__main__":
    setup_django()
    synthesize(int(sys.argv[1]))
