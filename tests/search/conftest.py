"""Every search test renders its pages afresh (no page cache)."""

import pytest


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
