"""Restoring asks first, naming the version's number and author, and is a new version."""

import pytest
from django.urls import reverse

from core.models import Status
from tests.admin_forms import change_url, form_data
from tests.factories import CaseStudyFactory, ThemeFactory, make_curator

pytestmark = pytest.mark.django_db


def test_restore_asks_naming_the_version_and_author_then_saves_a_new_version(client):
    pat = make_curator("pat", "Publisher", first_name="Pat", last_name="Publisher")
    case = CaseStudyFactory(status=Status.DRAFT, title="First", themes=[ThemeFactory()])
    client.force_login(pat)
    for title in ("Second", "Third"):
        data = form_data(client.get(change_url(case))) | {"title": title}
        assert client.post(change_url(case), data).status_code == 302
    case.refresh_from_db()
    second = case.history.filter(title="Second").get()
    url = reverse("admin:casestudies_casestudy_restore", args=[case.pk, second.history_id])
    page = client.get(url).content.decode()
    assert f"version {second.version} (saved by Pat Publisher" in page
    assert f"new version ({case.version + 1})" in page
    case.refresh_from_db()
    assert case.title == "Third"  # asking changed nothing
    done = client.post(url, {"confirm": "yes"}, follow=True)
    case.refresh_from_db()
    assert case.title == "Second"
    assert f"Restored version {second.version} (saved by Pat Publisher" in done.content.decode()
    assert case.history.order_by("-history_id").first().version == case.version
