"""Issue 16 item 3: PDF and Word files are bounded: a small render pool with a time limit, a
per-address limit, one file per canonical plan; uncached PDFs leave other pages fast."""

import statistics
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from core import renders
from tests.factories import (
    ChecklistFactory,
    ChecklistItemFactory,
    GlossaryTermFactory,
    publish_changes,
)


@pytest.fixture
def long_checklist():
    checklist = ChecklistFactory(slug="sixty-steps", list_id="D0-L60")
    for order in range(1, 61):
        ChecklistItemFactory(
            checklist=checklist,
            order=order,
            title=f"Step {order}",
            explanation="Agree who does what. " * 20,
        )
    GlossaryTermFactory()
    publish_changes()
    return checklist


def plan_query(title):
    return "title=" + title + "&items=" + ",".join(f"cl:D0-L60:{n}" for n in range(1, 61))


def fetch(url):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - start


@pytest.mark.django_db(transaction=True)
def test_eight_uncached_pdfs_leave_a_normal_page_under_100_ms_p95(live_server, long_checklist):
    page = live_server.url + reverse("pages:glossary")
    fetch(page)  # warm: the page cache holds it, as in production
    statuses = []

    def ask_for_pdf(n):
        status, _ = fetch(f"{live_server.url}{reverse('guidance:plan-pdf')}?{plan_query(f'p{n}')}")
        statuses.append(status)

    pdfs = [threading.Thread(target=ask_for_pdf, args=(n,)) for n in range(8)]
    for thread in pdfs:
        thread.start()
    time.sleep(0.2)
    timings = []
    while any(thread.is_alive() for thread in pdfs) or len(timings) < 20:
        status, seconds = fetch(page)
        assert status == 200
        timings.append(seconds)
        time.sleep(0.02)
    for thread in pdfs:
        thread.join()
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"normal page p95 {p95 * 1000:.1f} ms over {len(timings)} requests; PDFs {statuses}")
    assert p95 < 0.100, f"p95 {p95 * 1000:.0f} ms over {len(timings)} requests"
    assert all(status in (200, 429) for status in statuses), statuses
    assert 200 in statuses


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_a_render_past_its_time_limit_is_refused(settings):
    assert renders.render(str, 1) == "1"  # the render process is up
    settings.EXPORT_TIMEOUT_SECONDS = 0.2
    started = time.monotonic()
    with pytest.raises(renders.Busy):
        renders.render(time.sleep, 30)
    assert time.monotonic() - started < 5  # refused at the limit, the render stopped
    settings.EXPORT_TIMEOUT_SECONDS = 20
    assert renders.render(str, 1) == "1"  # its slot is free again, in a fresh process


@pytestmark_db
def test_a_full_pool_gives_the_friendly_busy_page(client, settings, long_checklist):
    settings.EXPORT_WAIT_SECONDS = 0.05
    holder = threading.Thread(target=lambda: renders.render(time.sleep, 2))
    holder.start()
    time.sleep(0.2)
    try:
        response = client.get(reverse("guidance:checklist-docx", args=["sixty-steps"]))
    finally:
        holder.join()
    assert response.status_code == 429 and response["Retry-After"]
    assert "try again" in response.content.decode()
    assert client.get(reverse("guidance:checklist-docx", args=["sixty-steps"])).status_code == 200


@pytestmark_db
def test_each_address_has_a_limit_on_pdf_and_word_files(client, settings, long_checklist):
    settings.EXPORT_RATE_LIMIT = 2
    url = reverse("guidance:checklist-docx", args=["sixty-steps"])
    assert [client.get(f"{url}?n={n}").status_code for n in range(3)] == [200, 200, 429]
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert client.get(reverse("guidance:checklist-md", args=["sixty-steps"])).status_code == 200


@pytestmark_db
def test_a_plan_export_redirects_to_its_canonical_address(client, long_checklist):
    url = reverse("guidance:plan-docx")
    response = client.get(f"{url}?items=cl:D0-L60:2,cl:D0-L60:1,cl:D0-L60:2&title=A&utm_source=x")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?title=A&items=cl:D0-L60:2,cl:D0-L60:1"
    assert client.get(response["Location"]).status_code == 200


@pytestmark_db
def test_a_file_is_made_once_per_content_generation(client, long_checklist, monkeypatch):
    made = []
    render = renders.render
    monkeypatch.setattr(renders, "render", lambda *job: made.append(1) or render(*job))
    url = reverse("guidance:checklist-docx", args=["sixty-steps"])
    for n in range(3):
        assert client.get(f"{url}?junk={n}").status_code == 200  # page cache keeps none
    assert made == [1]
    publish_changes()
    client.get(url)
    assert made == [1, 1]
