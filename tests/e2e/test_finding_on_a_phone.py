"""Finding on a 375 px phone: the first result is on the first screen, the header folds into a
menu, and searching lands on the result count."""

from tests.e2e.support import PHONE


def first_screen_shows(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] + min(box["height"], 40) <= PHONE["height"]


def test_the_first_result_is_visible_without_scrolling(site, page, journey):
    trip = journey("finder-375px")
    page.set_viewport_size(PHONE)
    with trip.step("open the case-study finder"):
        page.goto(site + "/case-studies/")
        first = page.locator(".library-result").first
        assert first_screen_shows(page, first)
    with trip.step("search from the finder: the page lands on the result count"):
        page.get_by_label("Search case studies and examples").fill("pharmacist")
        page.locator(".library-finder-search").get_by_role("button", name="Search").click()
        page.wait_for_url("**/case-studies/?q=pharmacist#results")
        assert first_screen_shows(page, page.locator(".library-result").first)
        trip.last_screenshot(page, "first-result")


def test_the_header_sections_fold_into_a_menu(site, page, journey):
    trip = journey("header-menu-375px")
    page.set_viewport_size(PHONE)
    with trip.step("the sections are behind Menu, and open with it"):
        page.goto(site + "/")
        link = page.locator(".library-nav-narrow").get_by_role("link", name="Vanguard sites")
        assert not link.is_visible()
        page.locator(".library-nav-narrow summary").click()
        assert link.is_visible()
        trip.screenshot(page, "menu-open")
        link.click()
        page.wait_for_url("**/vanguards/")


def test_site_search_results_come_before_the_filters(site, page, journey):
    trip = journey("site-search-375px")
    page.set_viewport_size(PHONE)
    with trip.step("search the whole library on a phone"):
        page.goto(site + "/search/?q=social+prescribing")
        assert first_screen_shows(page, page.locator(".library-card").first)
        trip.screenshot(page, "results")
    with trip.step("search for an abbreviation: what it stands for, and still the results"):
        page.goto(site + "/search/?q=MDT")
        assert first_screen_shows(page, page.locator(".library-definition"))
        assert first_screen_shows(page, page.locator(".library-card").first)
