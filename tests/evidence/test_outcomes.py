"""Acceptance 2: key figures are typed; few are "other"; context is shown apart from results."""

import pytest

from casestudies.models import CaseStudy, KeyFigure
from core.models import CONTEXT_KINDS, OutcomeKind
from tests.real_content import real_content  # noqa: F401 - the module-scoped fixture
from vanguards.models import VanguardFigure, VanguardSite

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]


def all_figures():
    return [*KeyFigure.objects.all(), *VanguardFigure.objects.all()]


def test_at_most_a_tenth_of_key_figures_are_other():
    figures = all_figures()
    other = [f for f in figures if f.outcome == OutcomeKind.OTHER]
    assert len(figures) > 350
    assert len(other) <= len(figures) / 10


def test_headline_results_are_typed_as_outcomes():
    portsdown = KeyFigure.objects.get(
        case_study__slug="prospering-in-portsmouth", value__contains="50%"
    )
    assert portsdown.outcome == OutcomeKind.REFERRALS
    dnas = VanguardFigure.objects.get(site__slug="connected-care-partnership", value="72%")
    assert dnas.outcome == OutcomeKind.ACCESS and dnas.is_outcome
    devon = KeyFigure.objects.get(case_study__slug="developments-in-devon", value="October")
    assert devon.outcome in CONTEXT_KINDS and devon.is_context


def test_every_item_has_an_evidence_level_with_a_reason():
    for item in [*CaseStudy.objects.published(), *VanguardSite.objects.published()]:
        assert 0 <= item.evidence_level <= 4
        assert item.evidence_reason, item.slug


def test_context_figures_are_shown_apart_from_results(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    html = client.get("/case-studies/developments-in-devon/").content.decode()
    html = html[html.index('id="key-figures"') :]
    results, context = html.index(">Results<"), html.index(">Context<")
    assert results < html.index("by over one third") < context < html.index("April 2014")


def test_a_comparison_starts_with_results_by_kind(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = "/case-studies/compare/?items=developments-in-devon,the-bolton-bounty&only=all"
    html = client.get(url).content.decode()
    assert html.index("Results: measured outcomes") < html.index("At a glance")
    assert html.index("At a glance") < html.index("Context: size, dates")


def test_comparison_csv_has_absolute_links_and_one_line_per_paragraph(client):
    url = "/case-studies/compare/?items=developments-in-devon,the-bolton-bounty&format=csv"
    text = client.get(url).content.decode()
    assert "http://testserver/case-studies/developments-in-devon/" in text
    summary = next(line for line in text.splitlines() if line.startswith("Summary"))
    assert "\n" not in summary and len(summary) > 200
