"""The one search index: a document per published page, its words, and the curators' synonyms
and recommended pages.

A ``Document`` is written for every published case study, consultation example, vanguard
site, High Impact Action, checklist, consultation area, theme and glossary term (drafts never
enter it) by ``search.indexing``, which every write path reaches through
``core.cache.content_changed()``. The database indexes its text: on PostgreSQL weighted
generated tsvectors with GIN indexes, on SQLite an FTS5 table kept in step by triggers
(``search/text.py``, migration 0002).
"""

from urllib.parse import urlsplit

from django.db import models

from core.models import Region, Theme, TimeStampedModel
from search import registry


class Document(models.Model):
    """What the search reads of one public page, and where it is."""

    kind = models.CharField(max_length=30, db_index=True)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    terms = models.TextField(blank=True, help_text="Tags, roles, themes and glossary terms.")
    meta = models.CharField(max_length=300, blank=True, help_text="A line under the title.")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    rank = models.PositiveSmallIntegerField(
        default=0, help_text="The kind's place in lists that mix kinds (lower first)."
    )
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rank", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_item")
        ]
        # A kind's oldest document: whether something it depends on changed since (indexing).
        indexes = [
            models.Index(fields=["kind", "indexed_at"], name="document_kind_indexed_at"),
            # a recommended page (BestBet) is found by its address
            models.Index(fields=["url"], name="document_url"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url

    @property
    def kind_label(self):
        return registry.label(self.kind)


class Word(models.Model):
    """A word the library's public text holds, and how often: typo corrections pick from these."""

    word = models.CharField(max_length=60, unique=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word


class Synonym(TimeStampedModel):
    """Words or phrases a reader may use for the same thing, e.g. e-consultation = online
    consultation. Added by curators; the next search uses them (both ways)."""

    words = models.CharField(
        max_length=300,
        help_text="Two or more words or phrases that mean the same, separated by '=' "
        "(for example: e-consultation = online consultation = eConsult).",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why (for curators).")

    class Meta:
        ordering = ["words"]
        verbose_name = "search synonym"

    def __str__(self):
        return self.words

    def phrases(self):
        return split_phrases(self.words)


def split_phrases(words):
    """The phrases of a synonym entry: "a = b = c" -> ["a", "b", "c"]."""
    return [part.strip() for part in words.split("=") if part.strip()]


class BestBet(TimeStampedModel):
    """A page curators recommend for a search: when a reader's words are one of ``searches``
    (in any order; case, plurals and words such as "how" or "the" aside), the page comes first,
    marked "Recommended". For the questions whose best answer the words alone do not find:
    "reduce GP workload" is answered by the New roles theme, which never says "reduce"."""

    searches = models.CharField(
        max_length=300,
        help_text="What readers type, several ways of asking joined by '=' (for example: "
        "reduce GP workload = too much work for GPs).",
    )
    url = models.CharField(
        "page address",
        max_length=300,
        help_text="The recommended page on this site: open it and paste its address here "
        "(for example /themes/new-roles/).",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why (for curators).")

    class Meta:
        ordering = ["searches", "url"]
        verbose_name = "recommended page"
        constraints = [
            models.UniqueConstraint(fields=["searches", "url"], name="one_best_bet_per_page")
        ]

    def __str__(self):
        return f"{self.searches} → {self.url}"

    def save(self, *args, **kwargs):
        self.url = page_address(self.url)
        super().save(*args, **kwargs)


def page_address(url):
    """A page's address as the index holds it: "https://host/themes/x/?a=1" -> "/themes/x/";
    a glossary entry keeps its "#term"."""
    parts = urlsplit((url or "").strip())
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    return path + (f"#{parts.fragment}" if parts.fragment else "")
