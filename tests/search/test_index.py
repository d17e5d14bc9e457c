"""The one search index: what enters it, how it follows the write paths, its database parts."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from core.cache import content_changed
from core.models import Status
from search import indexing
from search.models import Document, Word
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    GlossaryTermFactory,
    HighImpactActionFactory,
    ThemeFactory,
    VanguardSiteFactory,
    publish_changes,
)
from tests.finding import ranked

pytestmark = pytest.mark.django_db


def kinds():
    return sorted(Document.objects.values_list("kind", flat=True))


def test_every_public_kind_enters_and_drafts_never_do():
    theme = ThemeFactory()
    CaseStudyFactory(themes=[theme])
    CaseStudyFactory(status=Status.DRAFT, title="Secret draft")
    VanguardSiteFactory()
    HighImpactActionFactory(number=3)
    checklist = ChecklistFactory(title="Forming a federation")
    ChecklistItemFactory(checklist=checklist, title="Agree a shared vision")
    GlossaryTermFactory(term="MDT", expansion="Multidisciplinary team")
    publish_changes()
    assert kinds() == ["case-study", "checklist", "glossary", "hia", "theme", "vanguard"]
    assert not Document.objects.filter(title="Secret draft").exists()
    assert Document.objects.get(kind="checklist").body.count("Agree a shared vision") == 1


def test_the_index_follows_edits_unpublishing_and_deletes():
    case = CaseStudyFactory(slug="other", summary="Sharing payroll across practices.")
    publish_changes()
    assert "other" not in ranked("ambulance")
    case.summary = "Now with an ambulance service partnership."
    case.save()
    publish_changes()
    assert ranked("ambulance") == ["other"]
    case.status = Status.ARCHIVED
    case.save()
    publish_changes()
    assert ranked("ambulance") == []
    case.status = Status.PUBLISHED
    case.save()
    publish_changes()
    case.delete()
    publish_changes()
    assert ranked("ambulance") == [] and not Document.objects.filter(kind="case-study").exists()


def test_a_theme_renamed_rewrites_the_documents_that_name_it():
    theme = ThemeFactory(name="New roles")
    CaseStudyFactory(slug="a", themes=[theme])
    publish_changes()
    assert ranked("workforce") == []
    theme.name = "Workforce and new roles"
    theme.save()
    publish_changes()
    assert ranked("workforce") == ["a"]


def test_a_theme_deleted_leaves_the_documents_that_named_it():
    kept, gone = ThemeFactory(name="New roles"), ThemeFactory(name="Workforce planning")
    CaseStudyFactory(slug="a", themes=[kept, gone])
    VanguardSiteFactory().themes.set([gone])
    publish_changes()
    assert ranked("workforce") == ["a"]
    gone.delete()
    content_changed(obj=gone)  # as the admin's delete does
    assert ranked("workforce") == []
    assert not Document.objects.filter(terms__icontains="workforce").exists()


def test_a_rename_on_many_pages_rewrites_a_few_in_the_save_and_the_rest_after(monkeypatch):
    monkeypatch.setattr(indexing, "DEPENDENTS_PER_WRITE", 2)
    theme = ThemeFactory(name="New roles")
    for i in range(5):
        CaseStudyFactory(slug=f"c{i}", themes=[theme])
    publish_changes()
    theme.name = "Workforce and new roles"
    theme.save()
    content_changed(obj=theme)  # as the admin's save does
    assert len(ranked("workforce")) == 2
    out = io.StringIO()
    call_command("sync_search", stdout=out)
    assert sorted(ranked("workforce")) == ["c0", "c1", "c2", "c3", "c4"]
    assert "3 page(s) rewritten" in out.getvalue()
    assert indexing.catch_up() == 0


def test_a_write_that_names_its_row_keeps_every_kind_current(
    django_assert_max_num_queries,
):
    """content_changed(obj=row), as the admin and the services call it: the row's own kind
    reads that row only (search/indexing.py sync), in a bounded number of queries; a deleted
    row's kind is checked whole, and another kind changed in the same save (a checklist
    edited inline) is still brought up to date."""
    cases = [CaseStudyFactory(slug=f"case-{n}", summary="Payroll.") for n in range(5)]
    checklist = ChecklistFactory(title="Forming a federation")
    publish_changes()
    case = cases[0]
    case.summary = "An ambulance service partnership."
    case.save()
    checklist.title = "Forming a collaborative"
    checklist.save()
    with django_assert_max_num_queries(60):
        content_changed(obj=case)
    assert ranked("ambulance") == ["case-0"]
    assert Document.objects.get(kind="checklist").title == "Forming a collaborative"
    CaseStudyFactory.create_batch(20, summary="Payroll.")
    publish_changes()
    case.summary = "A paramedic partnership."
    case.save()
    with django_assert_max_num_queries(60):
        content_changed(obj=case)
    assert ranked("paramedic") == ["case-0"]
    case.delete()
    content_changed(obj=case)
    assert not Document.objects.filter(kind="case-study", title=case.title).exists()
    assert Document.objects.filter(kind="case-study").count() == 24


def test_the_vocabulary_counts_what_the_pages_hold_now(client):
    """Edits replace a page's words rather than add to them; a word no page holds any more
    leaves the vocabulary, so a typo a curator mended is corrected for readers again."""
    case = CaseStudyFactory(slug="physio", title="Physio first", summary="A pharmcist helps.")
    CaseStudyFactory(title="Elsewhere", summary="A pharmacist helps.")
    publish_changes()
    assert Word.objects.get(word="pharmcist").count == 1
    for _ in range(3):
        case.save()
        content_changed(obj=case)
    assert Word.objects.get(word="pharmacist").count == 1
    assert Word.objects.get(word="physio").count == 1
    case.summary = "A pharmacist helps."
    case.save()
    content_changed(obj=case)
    assert not Word.objects.filter(word="pharmcist").exists()
    assert Word.objects.get(word="pharmacist").count == 2
    finder = client.get("/search/", {"q": "pharmcist"}).context["finder"]
    assert finder.search_notes[0].text == "Showing results for “pharmacist”."


def test_rebuild_writes_every_document_and_the_vocabulary():
    CaseStudyFactory(title="Physiotherapy first", summary="A physiotherapist sees patients.")
    indexing.rebuild()
    assert Document.objects.filter(kind="case-study").count() == 1
    assert Word.objects.filter(word="physiotherapy").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_has_weighted_generated_tsvectors_with_gin_indexes_and_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, is_generated FROM information_schema.columns "
            "WHERE table_name = 'search_document' AND column_name LIKE 'search_%%'"
        )
        assert set(cursor.fetchall()) == {("search_vector", "ALWAYS"), ("search_head", "ALWAYS")}
        cursor.execute(
            "SELECT tablename, indexdef ILIKE '%%using gist%%' FROM pg_indexes WHERE tablename "
            "IN ('search_document', 'search_word') AND indexdef ~* 'using (gin|gist)'"
        )
        # the two vectors' GIN indexes; the vocabulary's trigram index is GiST (nearest first)
        assert sorted(cursor.fetchall()) == [
            ("search_document", False),
            ("search_document", False),
            ("search_word", True),
        ]
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_has_an_fts5_table_kept_in_step_by_triggers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search_document_fts%'")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "search_document_fts",
        "search_document_fts_ai",
        "search_document_fts_au",
        "search_document_fts_ad",
    } <= names


def _indexed(kind):
    return dict(Document.objects.filter(kind=kind).values_list("object_id", "indexed_at"))


def test_a_row_pages_are_made_from_rewrites_only_the_pages_it_belongs_to():
    """A checklist edited or a theme renamed rewrites the documents of the case studies it
    belongs to, and leaves every other case study's document as it was (at 66,000 case
    studies the whole kind was rewritten on any checklist's edit)."""
    theme = ThemeFactory(name="New roles")
    cases = [CaseStudyFactory(slug=f"case-{n}", themes=[theme] if n < 2 else []) for n in range(6)]
    checklist = ChecklistFactory(title="Forming a federation", case_study=cases[4])
    publish_changes()
    before = _indexed("case-study")
    checklist.title = "Forming a collaborative"
    checklist.save()
    content_changed(obj=checklist)
    after = _indexed("case-study")
    assert [pk for pk in after if after[pk] != before[pk]] == [cases[4].pk]
    assert ranked("collaborative") == ["case-4"]
    theme.name = "Workforce and new roles"
    theme.save()
    content_changed(obj=theme)
    again = _indexed("case-study")
    assert sorted(pk for pk in again if again[pk] != after[pk]) == [cases[0].pk, cases[1].pk]
    assert ranked("workforce") == ["case-0", "case-1"]
