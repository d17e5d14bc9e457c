"""Changing a slug keeps the old address working with a permanent redirect."""

import pytest
from django.urls import reverse

from core.models import Status
from curation.models import SlugRedirect
from curation.redirects import redirect_or_404
from guidance.models import Checklist
from tests.admin_forms import change_url, form_data
from tests.factories import CaseStudyFactory, ChecklistFactory, ChecklistItemFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def rename(client, obj, new_slug):
    data = form_data(client.get(change_url(obj))) | {"slug": new_slug}
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def test_old_case_study_url_redirects_permanently(publisher_client, client):
    case = CaseStudyFactory(status=Status.PUBLISHED, slug="old-name", themes=[ThemeFactory()])
    old_url = case.get_absolute_url()
    rename(publisher_client, case, "new-name")
    response = client.get(old_url + "?from=feed")
    assert response.status_code == 301
    assert response["Location"] == reverse("casestudies:detail", args=["new-name"]) + "?from=feed"
    assert client.get(response["Location"]).status_code == 200


def test_renaming_twice_keeps_both_old_urls_working(publisher_client, client):
    checklist = ChecklistFactory(status=Status.PUBLISHED, slug="first")
    ChecklistItemFactory(checklist=checklist)
    rename(publisher_client, checklist, "second")
    rename(publisher_client, checklist, "third")
    for old in ("first", "second"):
        response = client.get(reverse("guidance:checklist-detail", args=[old]))
        assert response.status_code == 301
        assert response["Location"] == reverse("guidance:checklist-detail", args=["third"])


def test_reusing_an_old_slug_stops_its_redirect(publisher_client, client):
    checklist = ChecklistFactory(status=Status.PUBLISHED, slug="first")
    ChecklistItemFactory(checklist=checklist)
    rename(publisher_client, checklist, "second")
    rename(publisher_client, checklist, "first")
    assert not SlugRedirect.objects.filter(old_slug="first").exists()
    assert client.get(reverse("guidance:checklist-detail", args=["first"])).status_code == 200


def test_old_slug_of_an_unpublished_item_is_still_not_found(publisher_client, client):
    case = CaseStudyFactory(status=Status.DRAFT, slug="draft-old", themes=[ThemeFactory()])
    rename(publisher_client, case, "draft-new")
    assert client.get(reverse("casestudies:detail", args=["draft-old"])).status_code == 404


def test_helper_for_detail_views(publisher_client):
    checklist = ChecklistFactory(status=Status.PUBLISHED, slug="before")
    ChecklistItemFactory(checklist=checklist)
    rename(publisher_client, checklist, "after")
    response = redirect_or_404(Checklist, "before")
    assert response.status_code == 301 and response["Location"].endswith("/after/")
