"""Journey 1, a practice manager: browse a theme, filter, open and compare case studies, download
the comparison, and search. On a desktop, on a 375 px phone, and with the keyboard alone."""

import csv
import io
import re

import pytest

from tests.e2e.keyboard import assert_focus_visible, assert_no_keyboard_trap, tab_to
from tests.e2e.support import ARTIFACTS, DESKTOP, PHONE

THEME = "New roles"
ROLE = "Practice pharmacist"
REGION = "South West"
EXPECTED = ["Developments in Devon", "Pharmacy to the fore", "Scale in St Austell"]
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def facet(page, label):
    """One facet's group of checkboxes, opened."""
    details = page.locator("details.library-facet").filter(
        has=page.locator("summary", has_text=re.compile(rf"^\s*{label}\b"))
    )
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def option(container, label):
    return container.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \("))


def result_titles(page):
    return page.locator(".library-result h3 a").all_inner_texts()


def csv_columns(data):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return rows[0], rows


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_practice_manager_filters_compares_and_downloads(screen, site, page, journey):
    trip = journey("practice-manager" if screen == "desktop" else "practice-manager-375px")
    page.set_viewport_size(VIEWPORTS[screen])

    with trip.step("open a theme from the home page"):
        page.goto(site + "/")
        page.get_by_role("link", name=THEME, exact=True).first.click()
        page.get_by_role("heading", level=1, name=THEME).wait_for()
        trip.screenshot(page, "theme")

    with trip.step("go from the theme to the finder, filtered by the theme"):
        page.get_by_role("main").get_by_role("link", name=re.compile("finder", re.I)).first.click()
        page.wait_for_url(re.compile(r"/case-studies/\?.*theme=new-roles"))
        assert option(facet(page, "Theme"), THEME).is_checked()

    with trip.step(f"filter by role ({ROLE}) and region ({REGION})"):
        option(facet(page, "Role"), ROLE).check()
        option(facet(page, "Region"), REGION).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"role=pharmacist"))
        assert "region=south-west" in page.url and "theme=new-roles" in page.url
        assert sorted(result_titles(page)) == EXPECTED
        assert "3 " in page.get_by_role("status").first.inner_text()
        trip.screenshot(page, "filtered", full_page=True)

    with trip.step("open a case study and come back"):
        page.get_by_role("link", name=EXPECTED[0], exact=True).click()
        page.get_by_role("heading", level=1, name=EXPECTED[0]).wait_for()
        assert page.get_by_text("33,000").first.is_visible()
        trip.screenshot(page, "case-study")
        page.go_back()
        page.wait_for_url(re.compile(r"role=pharmacist"))

    with trip.step("add three to a comparison"):
        for title in EXPECTED:
            page.get_by_role("checkbox", name=f"Compare {title}").check()
        page.get_by_role("button", name="Compare selected").click()

    with trip.step("see them side by side on the compare page"):
        page.wait_for_url(re.compile(r"/case-studies/compare/\?"))
        page.get_by_role("heading", level=1, name="Compare 3 case studies").wait_for()
        headers = page.locator("table thead th").all_inner_texts()
        assert sorted(h.splitlines()[0].strip() for h in headers) == EXPECTED, headers
        trip.screenshot(page, "compare", full_page=True)

    with trip.step("download the comparison as CSV"):
        with page.expect_download() as info:
            page.get_by_role("link", name=re.compile("CSV")).first.click()
        download = info.value
        saved = ARTIFACTS / "downloads" / trip.name / download.suggested_filename
        saved.parent.mkdir(parents=True, exist_ok=True)
        download.save_as(saved)
        header, rows = csv_columns(saved.read_bytes())
        assert len(header) == 4 and sorted(header[1:]) == EXPECTED, header
        assert len(rows) > 5
        assert all(len(row) == 4 for row in rows)
        trip.last_screenshot(page, "compare-downloaded")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_practice_manager_searches_and_finds_gateshead_first(screen, site, page, journey):
    trip = journey("practice-manager-search" + ("" if screen == "desktop" else "-375px"))
    page.set_viewport_size(VIEWPORTS[screen])
    with trip.step("search “social prescribing” from the header"):
        page.goto(site + "/")
        search = page.get_by_role("searchbox", name="Search the library")
        search.fill("social prescribing")
        search.press("Enter")
        page.wait_for_url(re.compile(r"q=social\+prescribing"))
    with trip.step("the High Impact Action comes first, Growth in Gateshead among the first"):
        titles = page.get_by_role("main").locator(".library-card h2 a")
        assert titles.first.get_attribute("href").endswith("/social-prescribing/")
        assert "Growth in Gateshead" in titles.all_inner_texts()[:5]
        (trip.last_screenshot if screen == "desktop" else trip.screenshot)(page, "results")
    with trip.step("in the case-study finder, Growth in Gateshead is first"):
        page.goto(site + "/case-studies/?q=social+prescribing")
        assert result_titles(page)[0] == "Growth in Gateshead"


def test_practice_manager_journey_works_with_the_keyboard_alone(site, page, journey):
    trip = journey("practice-manager-keyboard")
    keys = page.keyboard

    with trip.step("the first Tab reaches a visible skip link"):
        page.goto(site + "/")
        assert_no_keyboard_trap(page)
        keys.press("Tab")
        active = page.evaluate("() => document.activeElement.textContent.trim()")
        assert active == "Skip to main content"
        assert_focus_visible(page)
        trip.screenshot(page, "skip-link")

    with trip.step("the skip link moves focus to the main content"):
        keys.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "maincontent"
        assert page.url.endswith("#maincontent")
        keys.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('main')")
        assert inside, "after the skip link, Tab left the main content"

    with trip.step("open the theme with the keyboard"):
        tab_to(page, tag="A", text=re.compile(f"^{THEME}$"))
        keys.press("Enter")
        page.get_by_role("heading", level=1, name=THEME).wait_for()
        assert_no_keyboard_trap(page)

    with trip.step("go to the finder with the keyboard"):
        tab_to(page, text=re.compile("finder", re.I), tag="A")
        keys.press("Enter")
        page.wait_for_url(re.compile(r"/case-studies/\?"))
        assert_no_keyboard_trap(page)

    with trip.step("filter by role and region with the keyboard"):
        for label, value in (("Region", REGION), ("Role", ROLE)):
            tab_to(page, tag="SUMMARY", text=re.compile(rf"^\s*{label}\b"))
            if not page.evaluate("() => document.activeElement.parentElement.open"):
                keys.press("Enter")
            tab_to(page, tag="INPUT", label=re.compile(rf"^{value} \("))
            keys.press("Space")
        tab_to(page, tag="BUTTON", text=re.compile("^Apply filters$"))
        trip.screenshot(page, "filters-ticked")
        keys.press("Enter")
        page.wait_for_url(re.compile(r"role=pharmacist"))
        assert sorted(result_titles(page)) == EXPECTED
        assert_no_keyboard_trap(page)

    with trip.step("tick three to compare and compare them with the keyboard"):
        for title in EXPECTED:
            tab_to(page, tag="INPUT", label=re.compile(rf"^Compare {re.escape(title)}$"))
            keys.press("Space")
        tab_to(page, tag="BUTTON", text=re.compile("^Compare selected$"))
        keys.press("Enter")
        page.wait_for_url(re.compile(r"/case-studies/compare/\?"))
        assert_no_keyboard_trap(page)

    with trip.step("download the CSV with the keyboard"):
        tab_to(page, tag="A", text=re.compile("CSV"))
        with page.expect_download() as info:
            keys.press("Enter")
        assert info.value.suggested_filename.endswith(".csv")
        trip.screenshot(page, "csv-link-focused")

    with trip.step("search “social prescribing” with the keyboard"):
        tab_to(page, tag="INPUT", label=re.compile("^Search the library$"))
        keys.type("social prescribing")
        keys.press("Enter")
        page.wait_for_url(re.compile(r"q=social\+prescribing"))
        titles = page.get_by_role("main").locator(".library-card h2 a").all_inner_texts()
        assert titles[0].endswith("Social prescribing") and "Growth in Gateshead" in titles[:5]
        trip.screenshot(page, "search-results")
