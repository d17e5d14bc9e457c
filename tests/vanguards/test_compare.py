"""Comparing vanguard sites side by side."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import VanguardFigureFactory, VanguardSiteFactory

pytestmark = pytest.mark.django_db

URL = reverse("vanguards:compare")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def sites():
    items = [
        VanguardSiteFactory(
            slug=f"v{i}",
            name=f"Site {i}",
            practices_text=f"{i * 10}",
            population_text="Not stated" if i else "100,000",
        )
        for i in range(5)
    ]
    VanguardFigureFactory(site=items[0], label="A&E attendances", value="down 9%", outcome="access")
    return items


@pytest.mark.parametrize("n", [2, 3, 4])
def test_two_to_four_sites_with_aligned_rows(client, sites, n):
    response = client.get(URL, {"items": ",".join(f"v{i}" for i in range(n))})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert all(len(row.cells) == n for row in comparison.all_rows)
    labels = [row.label for row in comparison.all_rows]
    glance = [row.label for row in comparison.all_rows if row.group == "At a glance"]
    assert glance[:5] == ["Where", "Region", "Practices", "Population", "Care model"]
    assert "Access" in labels


def test_csv(client, sites):
    response = client.get(URL, {"items": "v0,v1", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Field", "Site 0", "Site 1"]
    assert ["Access", "down 9% – A&E attendances", ""] in rows


@pytest.mark.parametrize(
    ("items", "status"), [("v0", 400), ("v0,v1,v2,v3,v4", 400), ("v0,zzz", 404)]
)
def test_bad_selections(client, sites, items, status):
    response = client.get(URL, {"items": items})
    assert response.status_code == status
    assert reverse("vanguards:list") in response.content.decode()
