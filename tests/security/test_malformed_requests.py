"""Issue 16 item 2: however malformed a request, a 400 with the friendly page, never a 500;
and the error pages render without reading the request's data again."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import CaseStudyFactory, ChecklistFactory, ChecklistItemFactory

pytestmark = pytest.mark.django_db

FRIENDLY = "We could not understand that request"
MANY = "&".join(f"p{i}=1" for i in range(1001))  # about 7 KB; the report used 2 KB of them


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def urls():
    case = CaseStudyFactory(slug="solutions-from-sussex")
    checklist = ChecklistFactory(slug="ten-steps")
    ChecklistItemFactory(checklist=checklist, order=1)
    return [
        "/",
        reverse("pages:search"),
        reverse("pages:glossary"),
        reverse("casestudies:list"),
        case.get_absolute_url(),
        reverse("feeds:case-studies"),
        reverse("pages:sitemap"),
        reverse("guidance:plan"),
        reverse("guidance:plan-pdf"),
        reverse("guidance:checklist-docx", args=["ten-steps"]),
        reverse("submit-story"),
        "/no-such-page/",
    ]


def test_a_thousand_and_one_parameters_is_a_friendly_400_everywhere(anonymous, urls):
    for url in urls:
        response = anonymous.get(f"{url}?{MANY}")
        assert response.status_code == 400, url
        html = response.content.decode()
        assert FRIENDLY in html and "Go to the home page" in html, url
        assert 'name="q"' in html  # the whole site layout, header search included


def test_too_many_form_fields_is_a_friendly_400(anonymous):
    response = anonymous.post(
        reverse("submit-story"), MANY, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400 and FRIENDLY in response.content.decode()


def test_a_too_large_body_is_a_friendly_400(anonymous, settings):
    body = "organisation=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = anonymous.post(
        reverse("submit-story"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400 and FRIENDLY in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["q=%ff%fe", "q=%", "q=%zz", "%ff=1", "theme=%00", "q=a&&&&=&=", ";;;", "q=%c0%af"],
)
def test_badly_encoded_query_strings_never_give_a_server_error(anonymous, query):
    for url in ("/", reverse("pages:search"), reverse("casestudies:list")):
        response = anonymous.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query)


@pytest.mark.parametrize("path", ["/%ff/", "/case-studies/%c0%af/", "/themes/%00/", "/%e2%80/"])
def test_badly_encoded_paths_never_give_a_server_error(anonymous, path):
    assert anonymous.get(path).status_code < 500


def test_a_bad_host_is_a_400_not_a_500(anonymous):
    response = anonymous.get("/", headers={"host": "evil.example\x00"})
    assert response.status_code == 400


def test_error_pages_carry_the_search_box_empty_not_the_bad_query(anonymous):
    html = anonymous.get(f"/?q=<b>x</b>&{MANY}").content.decode()
    assert 'value=""' in html and "<b>x</b>" not in html
