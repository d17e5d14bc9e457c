"""A curator in its own process: publishes through the ORM, as the admin and services do.

    python bench/publish.py bump                  # invalidate every cached page
    python bench/publish.py rename SLUG TITLE     # retitle one case study and save it
    python bench/publish.py series PREFIX N SECS  # publish N new case studies, one every SECS

`series` prints one JSON line per published item ({"slug": ..., "at": ...}) so the caller can
check that each one appears on the public pages.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402


def rename(slug, title):
    from casestudies.models import CaseStudy
    from core.cache import content_changed

    case_study = CaseStudy.objects.get(slug=slug)
    case_study.title = title
    case_study.save()
    content_changed()  # what every write path does (core.cache)


def series(prefix, count, interval):
    from django.db import transaction

    from casestudies.models import CaseStudy, Kind
    from core.cache import content_changed
    from core.models import Status

    template = CaseStudy.objects.published().filter(kind=Kind.CASE_STUDY).order_by("number")[0]
    themes = list(template.themes.all())
    started = time.monotonic()
    for n in range(1, count + 1):
        slug = f"{prefix}-{n}"
        with transaction.atomic():
            number = (
                (
                    CaseStudy.objects.filter(kind=Kind.CASE_STUDY)
                    .order_by("-number")
                    .values_list("number", flat=True)[0]
                )
                + 1
            )
            item = CaseStudy.objects.create(
                slug=slug,
                kind=Kind.CASE_STUDY,
                number=number,
                title=f"Load test item {n} {prefix}x{n}",
                summary=template.summary,
                approach=template.approach,
                region_id=template.region_id,
                source_id=template.source_id,
                source_section="Load test",
                status=Status.DRAFT,
            )
            item.themes.set(themes)
            item.status = Status.PUBLISHED
            item.save()
            content_changed()
        print(
            json.dumps({"slug": slug, "token": f"{prefix}x{n}", "at": time.monotonic() - started}),
            flush=True,
        )
        time.sleep(max(0.0, started + n * interval - time.monotonic()))


if __name__ == "__main__":
    setup_django()
    command, *args = sys.argv[1:]
    if command == "bump":
        from core.cache import bump_content_generation

        bump_content_generation()
    elif command == "rename":
        rename(*args)
    elif command == "series":
        series(args[0], int(args[1]), float(args[2]))
    else:
        raise SystemExit(__doc__)
