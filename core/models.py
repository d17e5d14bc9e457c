"""Shared vocabularies, provenance and the base classes every public content model uses."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class OutcomeKind(models.TextChoices):
    """What a key figure is: a measured outcome of one kind, or context (size, dates, the
    position before the change), so results can be found and shown apart from background."""

    GP_TIME = "gp-time", "GP time and workload"
    ACCESS = "access", "Access"
    HOSPITAL_USE = "hospital-use", "Hospital use"
    REFERRALS = "referrals", "Referrals"
    PRESCRIBING = "prescribing", "Prescribing"
    FINANCE = "finance", "Finance"
    WORKFORCE = "workforce", "Workforce and recruitment"
    PATIENT_EXPERIENCE = "patient-experience", "Patient experience"
    QUALITY_SAFETY = "quality-safety", "Quality and safety"
    SIZE = "size", "Context: size"
    DATES = "dates", "Context: dates"
    BASELINE = "baseline", "Context: before the change"
    OTHER = "other", "Other"


# The kinds that describe the setting rather than a result: shown apart from outcomes.
CONTEXT_KINDS = frozenset({OutcomeKind.SIZE, OutcomeKind.DATES, OutcomeKind.BASELINE})
MEASURED_KINDS = tuple(
    kind for kind in OutcomeKind if kind not in CONTEXT_KINDS and kind != OutcomeKind.OTHER
)


class FigureRole(models.TextChoices):
    OUTCOME = "outcome", "Measured outcome"
    CONTEXT = "context", "Context"


class EvidenceLevel(models.IntegerChoices):
    """The library's published rubric (the "About the evidence" page explains each level)."""

    OPINION = 0, "0 – opinion or intention"
    DESCRIPTION = 1, "1 – a description with no figures"
    BEFORE_AFTER = 2, "2 – before/after figures at one site"
    SUSTAINED = 3, "3 – figures over 12 months or more, or at several sites"
    INDEPENDENT = 4, "4 – an independent evaluation"


class TimeStampedModel(models.Model):
    """When a row was created and last changed. Saving touches only the row: the write paths
    (admin, services, content loader) tell the page cache (core.cache.content_changed)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class SourceKind(models.TextChoices):
    DOCUMENT = "document", "One of the library's source documents"
    LOCAL = "local", "A CCG's own stories"
    SUBMISSION = "submission", "Stories practices sent through the website"


class Source(TimeStampedModel):
    """Where content comes from: one of the five documents, or a CCG's or practices' own stories.

    Only items from a document have a number and a section in it; local stories and practice
    submissions are counted separately on public pages.
    """

    Kind = SourceKind

    slug = models.SlugField(unique=True)
    kind = models.CharField(
        max_length=12,
        choices=SourceKind,
        default=SourceKind.DOCUMENT,
        help_text="A printed document, or stories a CCG or its practices wrote themselves.",
    )
    code = models.CharField(max_length=10, unique=True, help_text="Short code, e.g. D0.")
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    authors = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.CharField(max_length=30, blank=True, help_text="As printed, or 'not stated'.")
    seed_file = models.CharField(max_length=200, help_text="File name of the source text.")
    description = models.TextField(help_text="Markdown. What the document is, in our words.")
    overview = models.TextField(blank=True, help_text="Markdown. Optional longer notes or data.")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def get_absolute_url(self):
        return reverse("pages:source", args=[self.slug])


class VocabularyModel(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(VocabularyModel):
    """One of England's nine regions."""

    class Meta(VocabularyModel.Meta):
        pass


class Role(VocabularyModel):
    """A clinical or non-clinical role in general practice."""

    class Category(models.TextChoices):
        CLINICAL = "clinical", "Clinical"
        NON_CLINICAL = "non-clinical", "Non-clinical"

    category = models.CharField(max_length=20, choices=Category, default=Category.CLINICAL)

    class Meta(VocabularyModel.Meta):
        pass


class OrganisationType(VocabularyModel):
    """A kind of organisation: single practice, federation, CCG, acute trust …"""

    class Meta(VocabularyModel.Meta):
        pass


class Theme(TimeStampedModel):
    """One of the library's themes, with the overview shown above its items."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=300, help_text="One line for cards.")
    overview = models.TextField(help_text="Markdown shown above the theme's items.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    source_section = models.CharField(max_length=300, blank=True)
    source_pages = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:theme", args=[self.slug])


class GlossaryTerm(TimeStampedModel):
    """An acronym or term the sources use."""

    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    expansion = models.CharField(max_length=300, blank=True)
    definition = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="glossary_terms")
    editorial = models.BooleanField(
        default=False,
        help_text="Tick when the sources never expand the term and the library gives the "
        "standard meaning.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("pages:glossary") + f"#{self.slug}"


def default_review_due():
    return timezone.localdate() + timedelta(days=730)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def from_documents(self):
        """Items drawn from the source documents (the book's case studies …)."""
        return self.filter(source__kind=SourceKind.DOCUMENT)

    def local(self):
        """A CCG's own stories and practices' submissions."""
        return self.exclude(source__kind=SourceKind.DOCUMENT)


class PublishableModel(TimeStampedModel):
    """Public content: a slug, a workflow status and where it came from."""

    slug = models.SlugField(max_length=120, unique=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", help_text="The source document."
    )
    source_section = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where in the source document, e.g. 'Case Study 6, KEY LESSONS'. Needed only "
        "for items from a document.",
    )
    source_pages = models.CharField(max_length=50, blank=True, help_text="Pages as printed.")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When a curator last checked this against its source."
    )
    review_due = models.DateField(
        null=True, blank=True, help_text="Defaults to two years after the last review."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    curator_notes = models.TextField(
        blank=True,
        help_text="Only curators see this: how the source printed something, checks made, "
        "discrepancies. Never shown on public pages or exports.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The one place published_at is set: every way an item goes live (the admin form, the
        # publish action, the content loader) saves it, and the loader cannot call curation.
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.last_reviewed and not self.review_due:
            self.review_due = self.last_reviewed + timedelta(days=730)
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    @property
    def from_document(self):
        return self.source_id is not None and self.source.kind == SourceKind.DOCUMENT

    def clean(self):
        """Items from a source document say where in it they are; local stories need not."""
        super().clean()
        if self.from_document and not self.source_section.strip():
            raise ValidationError(
                {"source_section": "Say where in the source document this comes from."},
                code="needs_section",
            )


class KeyFigureBase(models.Model):
    """A figure exactly as printed in the source, with what it measures."""

    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200)
    value = models.CharField(max_length=200, help_text="Exactly as printed in the source.")
    context = models.TextField(blank=True, help_text="Public: what the figure means.")
    outcome = models.CharField(
        "kind",
        max_length=20,
        choices=OutcomeKind,
        default=OutcomeKind.OTHER,
        db_index=True,
        help_text="A measured outcome's kind, or a context kind (size, dates, before the change).",
    )
    curator_notes = models.TextField(
        blank=True, help_text="Only curators see this, e.g. how the source printed the figure."
    )

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.label}: {self.value}"

    @property
    def role(self):
        """Outcome or context, from the kind: one field, so the two can never disagree."""
        if self.outcome in CONTEXT_KINDS:
            return FigureRole.CONTEXT
        return FigureRole.OUTCOME

    @property
    def is_outcome(self):
        return self.role == FigureRole.OUTCOME and self.outcome != OutcomeKind.OTHER

    @property
    def is_context(self):
        return self.role == FigureRole.CONTEXT


class EvidenceModel(models.Model):
    """An item's evidence level on the published rubric, set by curators from what the source
    says, with one public line saying why; and its population as a number or a range."""

    evidence_level = models.PositiveSmallIntegerField(
        choices=EvidenceLevel,
        default=EvidenceLevel.OPINION,
        db_index=True,
        help_text="Judge from what the source says; never raise a level on a guess.",
    )
    evidence_reason = models.CharField(
        max_length=300, blank=True, help_text="One public line saying why this level."
    )
    population_high = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Upper end when the source gives a range; the population field holds the "
        "lower end (or the one number).",
    )

    class Meta:
        abstract = True

    @property
    def outcome_figures(self):
        """Key figures that are measured results, in order (reads the prefetched figures)."""
        return [figure for figure in self.key_figures.all() if figure.is_outcome]

    @property
    def context_figures(self):
        """Key figures that describe the setting (and any left as "other")."""
        return [figure for figure in self.key_figures.all() if not figure.is_outcome]

    @property
    def population_range(self):
        """(low, high) as stated, or None; a single number is (n, n)."""
        low = getattr(self, "population", None)
        if low is None:
            return None
        return (low, self.population_high or low)


PositiveOrNull = [MinValueValidator(0)]
