"""A CCG's own stories are a first-class source: no book number or section needed, counted
apart from the book's case studies."""

import pytest
from django.core.exceptions import ValidationError

from casestudies.models import CaseStudy, Kind
from core.models import Source, Status
from tests.admin_forms import form_data
from tests.factories import CaseStudyFactory, SourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def local():
    return SourceFactory(kind=Source.Kind.LOCAL, code="LOCAL", title="Our CCG's stories")


def test_a_local_story_needs_no_number_or_section(local):
    story = CaseStudy(
        kind=Kind.CASE_STUDY, slug="our-story", title="Our story", summary="s", source=local
    )
    story.full_clean()
    assert story.number >= 1001 and story.source_section == ""


def test_an_item_from_a_document_needs_its_number_and_section():
    book = SourceFactory(kind=Source.Kind.DOCUMENT)
    story = CaseStudy(kind=Kind.CASE_STUDY, slug="x", title="X", summary="s", source=book)
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert {"number", "source_section"} <= set(error.value.message_dict)


def test_local_stories_are_counted_apart_from_the_book(local):
    theme = ThemeFactory()
    CaseStudyFactory.create_batch(2, status=Status.PUBLISHED, themes=[theme])
    CaseStudyFactory(status=Status.PUBLISHED, themes=[theme], source=local, source_section="")
    published = CaseStudy.objects.published().filter(kind=Kind.CASE_STUDY)
    assert published.from_documents().count() == 2
    assert published.local().count() == 1


def test_the_admin_saves_a_local_story_without_number_or_section(admin_client, local):
    from django.urls import reverse

    add = reverse("admin:casestudies_casestudy_add")
    data = form_data(admin_client.get(add)) | {
        "title": "Our own story",
        "slug": "our-own-story",
        "kind": Kind.CASE_STUDY,
        "summary": "What we did.",
        "source": str(local.pk),
        "number": "",
        "source_section": "",
        "status": Status.DRAFT,
    }
    response = admin_client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert CaseStudy.objects.get(slug="our-own-story").number >= 1001
