"""The library's text is written in its own words: almost no 10-word run is copied."""

import re
from pathlib import Path

from django.conf import settings

N = 10
WORDS = re.compile(r"[a-z0-9£%]+")


def grams(text):
    words = WORDS.findall(text.lower())
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def test_under_one_percent_of_fixture_text_is_copied_from_the_sources(seeds_dir):
    seed_grams = set()
    for path in seeds_dir.iterdir():
        seed_grams |= grams(path.read_text(encoding="utf-8"))
    ours = set()
    for path in Path(settings.CONTENT_DIR).rglob("*"):
        if path.suffix in {".yaml", ".md"}:
            ours |= grams(path.read_text(encoding="utf-8"))
    copied = len(ours & seed_grams) / max(len(ours), 1)
    assert copied < 0.01, f"{copied:.2%} of 10-word sequences also occur in the sources"
