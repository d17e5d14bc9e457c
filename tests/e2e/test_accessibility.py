"""Every public page type in Chromium: no serious or critical axe-core violations (WCAG 2.2 AA
rules), no horizontal scrolling on a 375 px wide phone, no script or console errors."""

import pytest

from tests.e2e.pages import BY_NAME, PAGE_NAMES
from tests.e2e.support import DESKTOP, PHONE, REPORT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def run_axe(page):
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe(violations):
    return "; ".join(
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×: "
        f"{', '.join(node['target'][0] for node in v['nodes'][:3])})"
        for v in violations
    )


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 = no horizontal scroll)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def too_wide(page):
    """The outermost elements that reach past the right edge of the viewport."""
    return page.evaluate(
        """() => {
          const edge = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll("body *")].filter(
            el => el.getBoundingClientRect().right > edge + 1);
          return wide.filter(el => !wide.includes(el.parentElement)).slice(0, 5).map(el =>
            `<${el.tagName.toLowerCase()} class="${el.className}"> ` +
            `right edge ${Math.round(el.getBoundingClientRect().right)}px`);
        }"""
    )


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_type_is_accessible_and_fits_a_phone(name, site, page, browser_errors):
    page_type = BY_NAME[name]
    path = page_type.path()
    response = page.goto(site + path)
    assert response.status == page_type.status, (
        f"GET {path} returned {response.status}, expected {page_type.status}"
    )

    problems = run_axe(page)
    if page_type.printable:
        page.emulate_media(media="print")
        problems += [dict(v, id=f"{v['id']}[print]") for v in run_axe(page)]
        page.emulate_media(media="screen")
    blocking = [v for v in problems if v["impact"] in BLOCKING]
    minor = [v for v in problems if v["impact"] not in BLOCKING]

    page.set_viewport_size(PHONE)
    overflow = horizontal_overflow(page)
    offenders = too_wide(page) if overflow > 0 else []
    page.set_viewport_size(DESKTOP)

    REPORT.append(
        f"axe  {name:<22} {path:<60} serious/critical: {len(blocking)}"
        + (f" ({describe(blocking)})" if blocking else "")
        + (f"; minor/moderate: {describe(minor)}" if minor else "")
        + f" | 375px overflow: {overflow}px"
    )
    assert not blocking, f"{path}: {describe(blocking)}"
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375 px wide: {offenders}"
    assert not browser_errors.messages, f"{path}: {browser_errors.messages}"
