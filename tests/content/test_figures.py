"""A sample of figures from every document, each shown on the right page exactly as printed."""

import html

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

CASE = "casestudies:detail"
VANGUARD = "vanguards:detail"

FIGURES = [
    # D0: the book's case studies
    (CASE, "solutions-from-sussex", "70-80 a day"),
    (CASE, "solutions-from-sussex", "two year Bachelor of Science course"),
    (CASE, "pharmacy-to-the-fore", "82-practice GP federation in Devon"),
    (CASE, "hands-on-in-hampshire", "Over eight months he has seen 300 patients"),
    (CASE, "developments-in-devon", "33,000 patients and 20 partners"),
    (CASE, "developments-in-devon", "by over one third"),
    (CASE, "chesterfield-challenge", "around 70% of the home visits"),
    (CASE, "big-in-birmingham", "£2 per patient"),
    (CASE, "big-in-birmingham", "over £2M per year"),
    (CASE, "scale-in-st-austell", "9 whole-time equivalents for 33,000 patients"),
    (CASE, "prospering-in-portsmouth", "by 50% in one year"),
    (CASE, "whole-system-in-hampshire", "220,000"),
    (CASE, "assimilation-in-somerset", "54 health coaches"),
    (CASE, "novel-in-nottinghamshire", "£230,000"),
    (CASE, "building-bridges-at-beacon", "as high as 80%"),
    (CASE, "growth-in-gateshead", "39 volunteers"),
    (CASE, "transformation-in-tower-hamlets", "254,000"),
    (CASE, "transformation-in-tower-hamlets", "£.25m"),
    (CASE, "the-bolton-bounty", "from 77% to 82.4%"),
    (CASE, "the-bolton-bounty", "£95 per weighted head"),
    (CASE, "leveraging-locums", "25%-40% cheaper"),
    # D2: consultation examples
    (CASE, "consultation-example-09", "£225,938"),
    (CASE, "consultation-example-11", "10 practice pilot 3 years Ago"),
    (CASE, "consultation-example-14", "£697 per patient"),
    (CASE, "consultation-example-37", "over £790m"),
    (CASE, "consultation-example-48", "448,588"),
    # D1: vanguard sites
    (VANGUARD, "all-together-better-sunderland", "275,500"),
    (VANGUARD, "better-local-care-hampshire", "3,500+ appointments saved (13 appointments a week)"),
    (VANGUARD, "principia-partners-in-health", "124,459"),
    (VANGUARD, "stockport-together", "reduced by 202"),
    (VANGUARD, "west-cheshire-way", "£7,208,000"),
    (VANGUARD, "west-wakefield-health-and-wellbeing", "9,500+ patients"),
    (VANGUARD, "tower-hamlets-together", "287,000"),
    (VANGUARD, "fylde-coast-local-health-economy", "1,162 referrals as of September 2016"),
    (VANGUARD, "lakeside-healthcare", "52 general practice partners"),
]


@pytest.mark.parametrize("route,slug,figure", FIGURES, ids=[f"{s}:{f}" for _, s, f in FIGURES])
def test_figure_is_shown_exactly_as_printed(client, route, slug, figure):
    response = client.get(reverse(route, args=[slug]))
    assert response.status_code == 200
    assert figure in html.unescape(response.content.decode())


def test_somerset_allocation_is_on_a_high_impact_action_page(client):
    pages = [
        html.unescape(client.get(reverse("guidance:hia-detail", args=[slug])).content.decode())
        for slug in ("active-signposting", "develop-the-team", "partnership-working")
    ]
    assert any("approximately £1.68m" in page for page in pages)


def test_respondent_numbers_are_on_the_consultation_overview(client):
    page = html.unescape(client.get(reverse("guidance:consultation")).content.decode())
    assert "521" in page and "428" in page and "93" in page
