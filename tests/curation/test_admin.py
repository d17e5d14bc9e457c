"""The admin made for curators: constant-query lists, help, validation, CSV and home page."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory

from casestudies.models import CaseStudy, KeyFigure
from core.models import GlossaryTerm, OrganisationType, Region, Role, Source, Status, Theme
from curation.models import PublicationEvent, SlugRedirect, Submission
from guidance.models import Audience, Checklist, ChecklistItem, ConsultationArea, HighImpactAction
from tests import factories
from tests.admin_forms import change_url, form_data
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    SourceFactory,
    ThemeFactory,
    VanguardSiteFactory,
)
from vanguards.models import VanguardSite

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pass-phrase-1"))
    return client


FACTORY_FOR = {
    value._meta.model: value
    for value in vars(factories).values()
    if isinstance(value, type) and issubclass(value, DjangoModelFactory) and value._meta.model
}
FACTORY_FOR[CaseStudy] = factories.CaseStudyFactory  # not the consultation-example subclass
# Every model a superuser manages in the curators' admin (what the admin index lists).
ADMINS = sorted(
    [
        Audience,
        CaseStudy,
        Checklist,
        ConsultationArea,
        GlossaryTerm,
        HighImpactAction,
        OrganisationType,
        PublicationEvent,
        Region,
        Role,
        SlugRedirect,
        Source,
        Submission,
        Theme,
        VanguardSite,
    ],
    key=lambda m: m._meta.label,
)
MAX_ROWS = {HighImpactAction: 10}  # the ten High Impact Actions
THEMED = {CaseStudy: lambda: {"themes": [ThemeFactory()]}}


def make_rows(model, start, stop):
    """Rows start..stop-1 of a model from its factory, sharing one of each related row."""
    maker = FACTORY_FOR[model]
    stop = min(stop, MAX_ROWS.get(model, stop))
    if stop <= start:
        return
    first = maker(**THEMED.get(model, dict)())
    related = {
        f.name: getattr(first, f.name)
        for f in model._meta.concrete_fields
        if f.is_relation and getattr(first, f.name) is not None
    }
    if "item" in maker._meta.parameters:  # rows about one item (redirects, events)
        related["item"] = CaseStudyFactory()
    created = model._default_manager.bulk_create(maker.build_batch(stop - start - 1, **related))
    theme = ThemeFactory()
    if hasattr(model, "themes") and created:
        through = model.themes.through
        column = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            [through(**{column: row.pk, "theme_id": theme.pk}) for row in created]
        )


def test_the_admin_index_lists_every_curated_model(superuser_client):
    app_list = superuser_client.get(reverse("admin:index")).context["app_list"]
    shown = {model["model"] for app in app_list for model in app["models"]}
    assert set(ADMINS) <= shown


@pytest.mark.parametrize("model", ADMINS, ids=[m._meta.label for m in ADMINS])
def test_changelist_query_count_is_the_same_for_10_and_500_rows(superuser_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    counts = []
    made = 0
    for total in (10, 500):
        make_rows(model, made, total)
        made = total
        superuser_client.get(url)  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{model._meta.label}: {counts}"


@pytest.mark.parametrize("model", ADMINS, ids=[m._meta.label for m in ADMINS])
def test_every_admin_page_renders(superuser_client, model):
    opts = model._meta
    make_rows(model, 0, 2)
    obj = model._default_manager.first()
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert superuser_client.get(add).status_code in (200, 403)
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert superuser_client.get(change).status_code == 200


def test_markdown_fields_carry_the_cheat_sheet(superuser_client):
    case = CaseStudyFactory(status=Status.DRAFT)
    text = superuser_client.get(change_url(case)).content.decode()
    assert "Markdown help" in text and "<code>**bold**</code>" in text
    assert "Preview" in text and "Compare versions" in text


def test_view_on_site_goes_to_preview_for_drafts_and_public_page_when_published(superuser_client):
    draft = CaseStudyFactory(status=Status.DRAFT)
    live = CaseStudyFactory(status=Status.PUBLISHED, themes=[ThemeFactory()])
    draft_page = superuser_client.get(change_url(draft)).content.decode()
    assert f"/casestudy/{draft.pk}/preview/" in draft_page.split('class="viewsitelink"')[0][-300:]
    live_page = superuser_client.get(change_url(live))
    assert "preview" not in live_page.content.decode().split('class="viewsitelink"')[0][-120:]


def post_change(client, obj, **changes):
    data = form_data(client.get(change_url(obj))) | changes
    return client.post(change_url(obj), data)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"population": "-5"}, "Population cannot be negative."),
        ({"title": ""}, "Title is required."),
        ({"slug": "taken"}, "Another case study already uses the web address “taken”"),
        (
            {
                "key_figures-TOTAL_FORMS": "1",
                "key_figures-0-label": "Patients",
                "key_figures-0-value": "",
                "key_figures-0-outcome": "access",
            },
            "A key figure needs a value, exactly as printed in the source.",
        ),
        (
            {
                "key_figures-TOTAL_FORMS": "1",
                "key_figures-0-label": "",
                "key_figures-0-value": "42",
                "key_figures-0-outcome": "access",
            },
            "A key figure needs a label: what the figure measures.",
        ),
    ],
    ids=["negative population", "required", "unique slug", "figure value", "figure label"],
)
def test_validation_messages_are_clear(superuser_client, changes, message):
    CaseStudyFactory(slug="taken")
    case = CaseStudyFactory(status=Status.DRAFT)
    response = post_change(superuser_client, case, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_reference_needs_a_valid_web_address(superuser_client):
    site = VanguardSiteFactory(status=Status.DRAFT)
    response = post_change(
        superuser_client,
        site,
        **{"references-TOTAL_FORMS": "1", "references-0-title": "Ref", "references-0-url": "nope"},
    )
    assert "Enter a full web address starting with https://" in response.content.decode()


def test_swapping_the_order_of_two_checklist_items_saves(superuser_client):
    checklist = ChecklistFactory(status=Status.DRAFT)
    first = ChecklistItemFactory(checklist=checklist, order=1, title="First")
    second = ChecklistItemFactory(checklist=checklist, order=2, title="Second")
    swap = {"items-0-order": "2", "items-1-order": "1"}
    response = post_change(superuser_client, checklist, **swap)
    assert response.status_code == 302
    assert [i.title for i in checklist.items.all()] == ["Second", "First"]
    assert {first.pk, second.pk} == set(ChecklistItem.objects.values_list("pk", flat=True))


def test_new_row_without_an_order_goes_at_the_end(superuser_client):
    case = CaseStudyFactory(status=Status.DRAFT)
    KeyFigure.objects.create(case_study=case, order=3, label="A", value="1")
    response = post_change(
        superuser_client,
        case,
        **{
            "key_figures-TOTAL_FORMS": "2",
            "key_figures-1-label": "B",
            "key_figures-1-value": "2",
            "key_figures-1-outcome": "other",
            "key_figures-1-order": "",
        },
    )
    assert response.status_code == 302
    assert [(f.label, f.order) for f in case.key_figures.all()] == [("A", 3), ("B", 4)]


def test_csv_export_of_selected_items(superuser_client):
    theme = ThemeFactory(name="New roles")
    one = CaseStudyFactory(title="=HYPERLINK(evil)", themes=[theme])
    CaseStudyFactory(title="Not selected")
    response = superuser_client.post(
        reverse("admin:casestudies_casestudy_changelist"),
        {"action": "export_csv", "_selected_action": [one.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(evil)" in text and "New roles" in text and "Not selected" not in text


def test_home_page_shows_due_in_review_and_recently_published(superuser_client):
    today = timezone.localdate()
    CaseStudyFactory(
        status=Status.PUBLISHED,
        title="Overdue story",
        last_reviewed=today - datetime.timedelta(days=800),
    )
    CaseStudyFactory(status=Status.REVIEW, title="Waiting story")
    PublicationEvent.objects.create(
        model_label="casestudies.casestudy",
        object_id=1,
        object_repr="Fresh story",
        action="published",
    )
    response = superuser_client.get(reverse("admin:index"))
    text = response.content.decode()
    assert "Overdue story" in text and "(overdue)" in text
    assert "Waiting story" in text and "Fresh story" in text


def test_home_page_queries_do_not_grow_with_content(superuser_client):
    counts = []
    for n in (3, 27):
        CaseStudyFactory.create_batch(n, status=Status.REVIEW)
        with CaptureQueriesContext(connection) as queries:
            superuser_client.get(reverse("admin:index"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_review_due_defaults_to_two_years_after_review():
    case = CaseStudyFactory(last_reviewed=datetime.date(2026, 1, 10))
    assert case.review_due == datetime.date(2028, 1, 10)


def test_sources_and_themes_are_reference_data_editors_only_read(editor_client):
    theme = ThemeFactory(source=SourceFactory())
    response = editor_client.get(change_url(theme))
    assert response.status_code == 200 and 'name="name"' not in response.content.decode()
