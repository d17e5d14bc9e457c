"""Stored XSS: hostile text in every content field never runs on any public page or export."""

import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casestudies.models import CaseStudy
from tests.factories import (
    AudienceFactory,
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ConsultationAreaFactory,
    ConsultationExampleFactory,
    GlossaryTermFactory,
    HighImpactActionFactory,
    KeyFigureFactory,
    OrganisationTypeFactory,
    PlannedActionFactory,
    RegionFactory,
    RoleFactory,
    SourceFactory,
    ThemeFactory,
    VanguardFigureFactory,
    VanguardReferenceFactory,
    VanguardSiteFactory,
)
from tests.security.hostile import (
    HOSTILE_URLS,
    MARKDOWN_CORPUS,
    MARKDOWN_PAYLOAD,
    SHORT_PAYLOAD,
    active_content,
    crawl,
    fill_text_fields,
)

pytestmark = pytest.mark.django_db

PUBLIC_VIEWS = {  # every public page that shows stored content
    "pages:home",
    "pages:themes",
    "pages:theme",
    "pages:glossary",
    "pages:source",
    "pages:search",
    "casestudies:list",
    "casestudies:detail",
    "casestudies:compare",
    "vanguards:list",
    "vanguards:detail",
    "vanguards:compare",
    "guidance:hia-list",
    "guidance:hia-detail",
    "guidance:checklist-list",
    "guidance:checklist-detail",
    "guidance:consultation",
    "guidance:consultation-area",
    "guidance:checklist-print",
    "guidance:hia-print",
}


@pytest.fixture
def hostile_library():
    """One published item of every kind, linked together, every text field hostile."""
    source = fill_text_fields(SourceFactory(slug="evil-source"))
    theme = fill_text_fields(ThemeFactory(slug="evil-theme", source=source))
    region = fill_text_fields(RegionFactory(slug="evil-region"))
    role = fill_text_fields(RoleFactory(slug="evil-role"))
    org = fill_text_fields(OrganisationTypeFactory(slug="evil-org"))
    audience = fill_text_fields(AudienceFactory(slug="evil-audience"))
    fill_text_fields(GlossaryTermFactory(slug="evil-term"))
    hia = fill_text_fields(HighImpactActionFactory(slug="evil-hia", number=1, source=source))
    fill_text_fields(PlannedActionFactory(action=hia))
    site = fill_text_fields(VanguardSiteFactory(slug="evil-site", region=region, source=source))
    fill_text_fields(VanguardSiteFactory(slug="evil-site-2", region=region, source=source))
    fill_text_fields(VanguardFigureFactory(site=site))
    fill_text_fields(VanguardReferenceFactory(site=site, url="https://example.org/ok"))
    area = fill_text_fields(ConsultationAreaFactory(slug="evil-area", source=source))
    cases = []
    for n in range(4):
        case = CaseStudyFactory(
            slug=f"evil-case-{n}",
            region=region,
            themes=[theme],
            roles=[role],
            tags=[SHORT_PAYLOAD[:90]],
            vanguard=site,
            source=source,
        )
        case.organisation_types.add(org)
        case.high_impact_actions.add(hia)
        fill_text_fields(case)
        fill_text_fields(KeyFigureFactory(case_study=case))
        cases.append(case)
    example = fill_text_fields(
        ConsultationExampleFactory(
            slug="evil-example", question_area=area, themes=[theme], source=source
        )
    )
    checklist = ChecklistFactory(slug="evil-checklist", source=source, case_study=cases[0])
    checklist.themes.add(theme)
    checklist.audiences.add(audience)
    fill_text_fields(checklist)
    checklist.standalone = True
    checklist.case_study = None
    checklist.save()
    item = fill_text_fields(ChecklistItemFactory(checklist=checklist))
    item.case_studies.add(cases[0])
    embedded = ChecklistFactory(
        slug="evil-embedded", standalone=False, case_study=cases[1], source=source
    )
    fill_text_fields(embedded)
    fill_text_fields(ChecklistItemFactory(checklist=embedded))
    return {
        "cases": cases,
        "example": example,
        "checklist": checklist,
        "hia": hia,
        "site": site,
        "area": area,
        "theme": theme,
        "source": source,
    }


def extra_urls(lib):
    slugs = ",".join(c.slug for c in lib["cases"])
    q = quote(SHORT_PAYLOAD)
    return [
        reverse("casestudies:compare") + f"?items={slugs}",
        reverse("vanguards:compare") + f"?items={lib['site'].slug},evil-site-2",
        reverse("casestudies:list") + f"?q={q}",
        reverse("pages:search") + f"?q={q}",
        reverse("pages:search") + "?q=alert",
        reverse("guidance:checklist-print", args=[lib["checklist"].slug]),
        reverse("guidance:hia-print", args=[lib["hia"].slug]),
        *[c.get_absolute_url() for c in lib["cases"]],
        lib["example"].get_absolute_url(),
    ]


def assert_inert(pages):
    for url, response in pages.items():
        assert response.status_code < 500, url
        if response.get("Content-Type", "").startswith("text/html"):
            problems = active_content(response.content.decode("utf-8", "replace"))
            assert not problems, f"{url}: {problems[:5]}"


def test_hostile_content_is_inert_on_every_public_page(client, hostile_library):
    pages = crawl(client, ["/", *extra_urls(hostile_library)])
    assert_inert(pages)
    from django.urls import resolve

    visited = {
        resolve(url.split("?")[0]).view_name for url, r in pages.items() if r.status_code == 200
    }
    assert PUBLIC_VIEWS <= visited, f"pages never reached: {PUBLIC_VIEWS - visited}"
    detail = client.get(hostile_library["cases"][0].get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in detail, "the hostile title should be shown, escaped"


def test_search_results_escape_hostile_text_and_queries(client, hostile_library):
    for payload in MARKDOWN_CORPUS[:12]:
        for url in (reverse("casestudies:list"), reverse("pages:search")):
            response = client.get(url, {"q": payload})
            assert response.status_code in (200, 400)
            assert not active_content(response.content.decode()), (url, payload)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def test_feed_entries_are_inert_in_a_feed_reader(client, hostile_library):
    response = client.get(reverse("feeds:case-studies"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    checked = 0
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag in ("summary", "content", "description", "title", "subtitle"):
            text = element.text or ""
            if element.get("type") in ("html", "xhtml") or tag == "description":
                # A feed reader renders this as HTML: it must hold nothing active.
                assert not active_content(text), (tag, text[:200])
            checked += 1
        if tag == "link" and element.get("href"):
            assert element.get("href").startswith(("http://", "https://", "/")), element.attrib
    assert checked


def _pdf_is_inert(body):
    assert body.startswith(b"%PDF")
    for marker in (
        b"/JavaScript",
        b"/JS ",
        b"/JS(",
        b"/Launch",
        b"/EmbeddedFile",
        b"/SubmitForm",
        b"/ImportData",
    ):
        assert marker not in body, marker
    reader = PdfReader(io.BytesIO(body))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            assert not uri or uri.startswith(("http://", "https://", "mailto:", "/")), uri
    return text


@pytest.mark.parametrize("view", ["guidance:checklist-pdf", "guidance:hia-pdf"])
def test_pdf_exports_hold_no_script_or_script_links(client, hostile_library, view):
    slug = hostile_library["checklist" if "checklist" in view else "hia"].slug
    response = client.get(reverse(view, args=[slug]))
    assert response.status_code == 200, (
        "no PDF: WeasyPrint needs Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
    )
    text = _pdf_is_inert(response.content)
    assert "alert(1)" in text, "the hostile title is printed as plain text"


@pytest.mark.parametrize("view", ["guidance:checklist-md", "guidance:hia-md"])
def test_markdown_downloads_are_not_served_as_html(client, hostile_library, view):
    slug = hostile_library["checklist" if "checklist" in view else "hia"].slug
    response = client.get(reverse(view, args=[slug]))
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hostile_reference_urls_are_never_links(client, hostile_library):
    """A curator can only save http(s) addresses; even a row written around the form is safe."""
    site = hostile_library["site"]
    reference = site.references.first()
    for url in HOSTILE_URLS:
        reference.url = url
        reference.save()
        html = client.get(site.get_absolute_url()).content.decode()
        assert not active_content(html), url


# -- through the admin, as a curator would ---------------------------------------------------
class _FormFields(HTMLParser):
    """The fields a browser would submit from the admin change form."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self._select, self._textarea, self._text = None, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.data.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def post_data(html, form_id, overrides):
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in overrides.items()})
    data["_save"] = ["Save"]
    return data


MARKDOWN_FIELDS = ["problem", "approach", "impact", "lessons"]


def test_hostile_markdown_saved_through_the_admin_is_inert(client, admin_user):
    case = CaseStudyFactory(
        slug="admin-evil", title="Admin evil", themes=[ThemeFactory(slug="t-admin")]
    )
    client.force_login(admin_user)
    url = reverse("admin:casestudies_casestudy_change", args=[case.pk])
    form = client.get(url)
    assert form.status_code == 200
    overrides = {name: MARKDOWN_PAYLOAD for name in MARKDOWN_FIELDS}
    overrides["summary"] = SHORT_PAYLOAD
    response = client.post(url, post_data(form.content.decode(), "casestudy_form", overrides))
    errors = response.context["adminform"].form.errors if response.status_code == 200 else ""
    assert response.status_code == 302, errors
    case.refresh_from_db()
    assert all("xss-md-link" in getattr(case, name) for name in MARKDOWN_FIELDS)
    client.logout()
    for page in (
        case.get_absolute_url(),
        reverse("casestudies:list"),
        "/",
        reverse("feeds:case-studies"),
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        if page.startswith("/feeds/"):
            continue
        assert not active_content(response.content.decode()), page
    assert CaseStudy.objects.get(pk=case.pk).problem.count("<script>") >= 1
