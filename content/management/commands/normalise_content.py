"""python manage.py normalise_content: rewrite content files in the canonical export form."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.loader import ContentError
from content.writer import content_files, normalise_content


class Command(BaseCommand):
    help = (
        "Rewrite the content files exactly as export_content would write them, so that "
        "load_content then export_content gives identical files. The database is not changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.CONTENT_DIR), help="Content folder.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; list files that are not in canonical form and fail if any.",
        )

    def handle(self, *args, path, check, **options):
        root = Path(path)
        try:
            if not check:
                report = normalise_content(root)
                self.stdout.write(self.style.SUCCESS(f"Normalised {root}: {report}"))
                return
            with tempfile.TemporaryDirectory() as tmp:
                normalise_content(root, out=tmp)
                different = differing_files(root, Path(tmp))
        except ContentError as exc:
            raise CommandError(f"The content does not load, so nothing was changed. {exc}") from exc
        for relative in different:
            self.stdout.write(f"Not canonical: {relative}")
        if different:
            raise CommandError(f"{len(different)} file(s) would change; run normalise_content.")
        self.stdout.write(self.style.SUCCESS("Every content file is in canonical form."))


def differing_files(root, canonical):
    names = sorted(set(content_files(root)) | set(content_files(canonical)))
    return [
        name
        for name in names
        if not (root / name).exists()
        or not (canonical / name).exists()
        or (root / name).read_bytes() != (canonical / name).read_bytes()
    ]
