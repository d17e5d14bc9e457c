"""Journey 3, an LMC officer: finds a checklist, prints it, and builds a plan from two lists."""

import io
import re

from pypdf import PdfReader

from tests.e2e.support import ARTIFACTS

FIRST = "Introducing new roles: 10 practical steps for GP practices"
SECOND = "Operating at scale: 10 practical steps for GP practices"
SECOND_STEPS = ["Ensure the right motivation", "Create a compelling vision"]


def pdf_text(data):
    assert data[:5] == b"%PDF-", f"not a PDF: {data[:40]!r}"
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_lmc_officer_prints_a_checklist_and_builds_a_plan(site, page, journey):
    trip = journey("lmc-officer")
    downloads = ARTIFACTS / "downloads" / "lmc-officer"
    downloads.mkdir(parents=True, exist_ok=True)

    with trip.step("open the checklist index from the menu"):
        page.goto(site + "/")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Checklists").click()
        page.get_by_role("heading", level=1, name="Checklists").wait_for()
        page.get_by_role("heading", name="By audience").wait_for()
        trip.screenshot(page, "checklist-index")

    with trip.step("open a checklist"):
        page.get_by_role("link", name=FIRST, exact=True).first.click()
        page.get_by_role("heading", level=1, name=FIRST).wait_for()
        steps = page.locator("ol.library-steps > li h2").all_inner_texts()
        assert len(steps) == 10, steps
        trip.screenshot(page, "checklist")

    with trip.step("open the print page and save it as a PDF from the browser"):
        page.get_by_role("link", name="Print", exact=True).click()
        page.wait_for_url(re.compile(r"/print/$"))
        page.emulate_media(media="print")
        trip.screenshot(page, "print-page", full_page=True)
        pdf = page.pdf(path=downloads / "checklist-print.pdf", format="A4", print_background=True)
        pages, text = pdf_text(pdf)
        assert pages >= 1
        positions = [text.find(title) for title in steps]
        assert -1 not in positions, f"steps missing from the printed PDF: {positions}"
        assert positions == sorted(positions), "the printed steps are out of order"
        assert "OWNER" in text.upper() and "BY WHEN" in text.upper(), "no owner/by-when lines"
        page.emulate_media(media="screen")

    with trip.step("start an action plan from the checklist"):
        page.go_back()
        page.get_by_role("link", name="Add to an action plan").click()
        page.get_by_role("heading", level=1, name="Build an action plan").wait_for()
        assert page.locator("tbody tr").count() == 10
        trip.screenshot(page, "plan-from-one-checklist")

    with trip.step("add steps from a second checklist"):
        choices = page.locator("details").filter(has_text=SECOND).first
        choices.locator("summary").click()
        for title in SECOND_STEPS:
            choices.get_by_label(title).first.check()
        page.get_by_role("button", name="Add ticked steps").click()
        rows = page.locator("tbody tr")
        assert rows.count() == 12
        assert all(title in rows.nth(10 + i).inner_text() for i, title in enumerate(SECOND_STEPS))

    with trip.step("name the plan, move a step up and update it"):
        page.get_by_label("Plan title").fill("New roles: autumn plan")
        page.get_by_label("Practice or group").fill("Example Surgery")
        page.get_by_role("button", name="Update plan").first.click()
        last = page.locator("tbody tr").nth(11)
        moved = last.locator("strong").inner_text()
        last.get_by_role("link", name=re.compile(r"^Up\b")).click()
        assert moved in page.locator("tbody tr").nth(10).inner_text()
        assert page.get_by_label("Plan title").input_value() == "New roles: autumn plan"
        trip.screenshot(page, "plan-from-two-checklists", full_page=True)

    with trip.step("download the plan as a PDF"):
        with page.expect_download() as info:
            page.get_by_role("link", name="Download PDF").click()
        download = info.value
        assert download.suggested_filename.endswith(".pdf")
        assert "autumn" in download.suggested_filename, download.suggested_filename
        saved = downloads / download.suggested_filename
        download.save_as(saved)
        pages, text = pdf_text(saved.read_bytes())
        assert "New roles: autumn plan" in text and "Example Surgery" in text
        ordered = [text.find(title) for title in [steps[0], moved, SECOND_STEPS[0]]]
        assert -1 not in ordered and ordered == sorted(ordered), f"plan order in PDF: {ordered}"
        trip.last_screenshot(page, "plan-downloaded")
