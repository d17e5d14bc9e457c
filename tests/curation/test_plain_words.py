"""Plain words for CCG curators: names they use, no technical apps, help on every field."""

import pytest
from django.urls import reverse

from core.models import Status
from tests.admin_forms import change_url
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ConsultationAreaFactory,
    HighImpactActionFactory,
    ThemeFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db
TECHNICAL = ["AXES", "TAGGIT", "Casestudies", "Slug redirects", "Access attempts", "Groups"]


@pytest.mark.parametrize("who", ["editor", "publisher"])
def test_curators_see_plain_names_and_no_technical_apps(client, request, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("admin:index")).content.decode()
    for name in ("Case studies", "Vanguard sites", "Checklists", "Glossary", "Old addresses"):
        assert name in page, name
    for word in TECHNICAL:
        assert word not in page, word
    apps = {app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]}
    assert not apps & {"auth", "axes", "taggit"}


def test_superusers_see_sign_in_protection_by_its_plain_name(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Sign-in protection" in page and "AXES" not in page


@pytest.mark.parametrize(
    "make",
    [
        CaseStudyFactory,
        VanguardSiteFactory,
        HighImpactActionFactory,
        ChecklistFactory,
        ConsultationAreaFactory,
    ],
    ids=["case study", "vanguard", "hia", "checklist", "area"],
)
def test_every_field_on_a_change_form_has_help_for_curators(admin_client, make):
    obj = make(status=Status.DRAFT)
    response = admin_client.get(change_url(obj))
    form = response.context["adminform"].form
    missing = [n for n, f in form.fields.items() if not f.widget.is_hidden and not f.help_text]
    assert not missing
    for inline in response.context["inline_admin_formsets"]:
        for name, field in inline.formset.form.base_fields.items():
            if name not in ("id", "DELETE") and not field.widget.is_hidden:
                assert inline.formset.forms == [] or inline.formset.forms[0].fields[name].help_text
    assert (
        ">Web address<" in response.content.decode() or "Web address:" in response.content.decode()
    )


def test_publication_events_read_as_sentences(publisher_client, publisher):
    case = CaseStudyFactory(
        status=Status.REVIEW, title="Growth in Gateshead", themes=[ThemeFactory()]
    )
    publisher_client.post(
        reverse("admin:casestudies_casestudy_step", args=[case.pk, "publish"]), {"confirm": "yes"}
    )
    page = publisher_client.get(reverse("admin:curation_publicationevent_changelist"))
    assert "percy published ‘Growth in Gateshead’ (case study)" in page.content.decode()
    home = publisher_client.get(reverse("admin:index")).content.decode()
    assert "percy published ‘Growth in Gateshead’" in home
