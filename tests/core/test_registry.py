"""The content registry: every content type declared once, and the curators' preview of each
type is its public page (same template, same context), so the two cannot drift."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from content import specs
from content.writer import WIPE_ORDER
from core import registry
from core.models import PublishableModel, Status
from curation.workflow import publishable_models
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ConsultationAreaFactory,
    ConsultationExampleFactory,
    HighImpactActionFactory,
    PlannedActionFactory,
    ThemeFactory,
    VanguardSiteFactory,
)

LABELS = [content_type.label for content_type in registry.registered()]
MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
BANNER = re.compile(r'<div class="nhsuk-warning-callout curation-preview".*?</div>', re.DOTALL)


def publishable_subclasses():
    return {
        model
        for model in apps.get_models()
        if issubclass(model, PublishableModel) and not model._meta.abstract
    }


def test_every_publishable_model_is_registered_once():
    registered = [content_type.model for content_type in registry.publishable()]
    assert len(registered) == len(set(registered))
    assert set(registered) == publishable_subclasses()
    assert publishable_models() == registered


def test_every_content_type_has_a_publish_permission_an_admin_and_a_content_file_spec():
    spec_models = [spec.model for spec in specs.ITEM_SPECS]
    for content_type in registry.registered():
        model, label = content_type.model, content_type.label
        codename = f"publish_{model._meta.model_name}"
        assert codename in [code for code, _name in model._meta.permissions], label
        reverse(f"admin:{label.replace('.', '_')}_preview", args=[1])
        assert content_type.model_label in spec_models, f"{label}: add a Spec to ITEM_SPECS"
        assert reverse(content_type.list_url_name)


def _targets(spec):
    """The "app.Model" labels a spec's own fields (and its nested rows') link to."""
    for field in spec.fields:
        if field.target:
            yield field.target
        if field.children:
            yield from _targets(field.children)


def test_content_files_load_each_kind_after_every_kind_it_links_to():
    order = [spec.model for spec in specs.ITEM_SPECS]
    for position, spec in enumerate(specs.ITEM_SPECS):
        for target in _targets(spec):
            if target in order:
                assert order.index(target) < position, f"{spec.model} links to {target}"


def test_the_content_wipe_runs_in_the_reverse_of_the_load_order():
    items = [label for label in WIPE_ORDER if label in {s.model for s in specs.ITEM_SPECS}]
    assert items == [spec.model for spec in reversed(specs.ITEM_SPECS)]
    # The one-list files link to nothing the items need, so they go first.
    assert WIPE_ORDER[:3] == (specs.BEST_BET.model, specs.SYNONYM.model, specs.GLOSSARY_TERM.model)
    assert set(WIPE_ORDER[-len(specs.VOCABULARIES) :]) == {
        model for model, _keys in specs.VOCABULARIES.values()
    }


def test_lookups_by_model_label_and_url_name():
    hia = registry.for_label("guidance.HighImpactAction")
    assert registry.for_model(apps.get_model("guidance.HighImpactAction")) is hia
    assert registry.for_url_name("guidance:hia-print") is hia
    assert registry.for_url_name("guidance:checklist-pdf").label == "guidance.checklist"
    assert registry.for_url_name("pages:home") is None
    assert registry.for_url_name(None) is None
    with pytest.raises(LookupError):
        registry.for_label("core.Theme")


def test_registering_twice_is_harmless_but_a_clash_is_refused():
    case_studies = registry.for_label("casestudies.CaseStudy")
    assert registry.register(case_studies) is case_studies
    with pytest.raises(ImproperlyConfigured):
        registry.register(
            registry.ContentType(
                model_label="core.Theme",
                key=case_studies.key,
                detail_template="x.html",
                detail_queryset=list,
                detail_context=dict,
                url_prefix="pages:theme",
            )
        )
    assert "core.theme" not in LABELS and registry.registered() == tuple(
        registry.for_label(label) for label in LABELS
    )


def test_sitemaps_and_backups_cover_every_content_type():
    assert set(registry.sitemaps()) == {content_type.key for content_type in registry.registered()}
    backed_up = registry.backup_apps()
    assert backed_up[0] == "core" and "curation" in backed_up and "auth.user" in backed_up
    assert {content_type.app_label for content_type in registry.registered()} <= set(backed_up)


# -- the curators' preview is the public page ------------------------------------------------
def _case_study(theme):
    neighbour = CaseStudyFactory(title="A neighbouring case study", themes=[theme])
    item = CaseStudyFactory(status=Status.DRAFT, themes=[theme], summary="Zebracorn summary")
    ChecklistFactory(case_study=item, standalone=False, title="Its own steps")
    return item, neighbour.title


def _vanguard(theme):
    neighbour = VanguardSiteFactory(name="A neighbouring vanguard")
    neighbour.themes.add(theme)
    item = VanguardSiteFactory(status=Status.DRAFT, summary="Zebracorn summary")
    item.themes.add(theme)
    return item, neighbour.name


def _hia(theme):
    item = HighImpactActionFactory(status=Status.DRAFT, summary="Zebracorn summary")
    PlannedActionFactory(action=item, title="A planned action")
    return item, "A planned action"


def _checklist(theme):
    item = ChecklistFactory(status=Status.DRAFT, introduction="Zebracorn introduction")
    ChecklistItemFactory(checklist=item, title="A first step")
    return item, "A first step"


def _area(theme):
    item = ConsultationAreaFactory(status=Status.DRAFT, summary="Zebracorn summary")
    ConsultationExampleFactory(question_area=item, title="A respondent example")
    return item, "A respondent example"


BUILD = {
    "casestudies.casestudy": _case_study,
    "vanguards.vanguardsite": _vanguard,
    "guidance.highimpactaction": _hia,
    "guidance.checklist": _checklist,
    "guidance.consultationarea": _area,
}


@pytest.fixture
def curator(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_user("edna", "edna@example.org", "a-long-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    return client


def main_content(response):
    assert response.status_code == 200
    return BANNER.sub("", MAIN.search(response.content.decode()).group(1), count=1)


@pytest.mark.django_db
@pytest.mark.parametrize("label", LABELS)
def test_preview_shows_what_the_public_page_shows_once_published(client, curator, label):
    assert label in BUILD, f"tests/core/test_registry.py: add a builder for {label}"
    item, linked = BUILD[label](ThemeFactory())
    opts = item._meta
    preview = curator.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[item.pk])
    )
    assert "Preview for curators" in preview.content.decode()
    previewed = main_content(preview)
    assert "Zebracorn" in previewed and linked in previewed
    assert client.get(item.get_absolute_url()).status_code == 404
    item.status = Status.PUBLISHED
    item.save()
    assert main_content(client.get(item.get_absolute_url())) == previewed


@pytest.mark.django_db
def test_case_study_preview_lists_related_case_studies(curator):
    item, neighbour = _case_study(ThemeFactory())
    url = reverse("admin:casestudies_casestudy_preview", args=[item.pk])
    page = main_content(curator.get(url))
    assert "Related case studies" in page and neighbour in page
