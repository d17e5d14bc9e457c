"""Case studies: the book's full case studies and the consultation's short examples."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.models import (
    EvidenceModel,
    KeyFigureBase,
    OrganisationType,
    PositiveOrNull,
    PublishableModel,
    PublishableQuerySet,
    Region,
    Role,
    Status,
    Theme,
)


class Kind(models.TextChoices):
    CASE_STUDY = "case-study", "Full case study"
    CONSULTATION_EXAMPLE = "consultation-example", "Consultation example"


LOCAL_NUMBERS_FROM = 1001  # clear of the book's case study numbers


class CaseStudyQuerySet(PublishableQuerySet):
    def for_cards(self):
        return self.select_related("region", "source").prefetch_related("themes", "tags")

    def for_detail(self):
        return self.select_related(
            "region", "source", "vanguard", "question_area"
        ).prefetch_related(
            "themes",
            "roles",
            "organisation_types",
            "tags",
            public_actions(),
            "key_figures",
        )

    def with_public_links(self):
        """Only published High Impact Actions on each item (for lists and exports)."""
        return self.prefetch_related(public_actions())


def public_actions():
    """The published High Impact Actions of each case study, reached through the relation:
    case studies and guidance are sibling apps and do not import each other."""
    action = CaseStudy._meta.get_field("high_impact_actions").related_model
    return models.Prefetch("high_impact_actions", queryset=action.objects.published())


class CaseStudy(EvidenceModel, PublishableModel):
    """A real example of change in general practice, from the book or the consultation."""

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CASE_STUDY, db_index=True)
    number = models.PositiveIntegerField(
        blank=True,
        help_text="The case study's number in the book, or the example's number (1-50) in the "
        "consultation. Leave it empty for a local story: the library numbers it from 1001.",
    )
    title = models.CharField(max_length=200)
    strapline = models.CharField(max_length=300, blank=True)
    organisations = models.CharField(max_length=500, blank=True)
    place = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="case_studies"
    )
    organisation_types = models.ManyToManyField(
        OrganisationType, blank=True, related_name="case_studies"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="case_studies")
    roles = models.ManyToManyField(Role, blank=True, related_name="case_studies")
    tags = TaggableManager(blank=True, help_text="Free topic tags, separated by commas.")
    population = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=PositiveOrNull,
        help_text="Only where the source states it.",
    )
    population_text = models.CharField(
        max_length=120, blank=True, help_text="The population exactly as printed."
    )
    practices = models.PositiveIntegerField(null=True, blank=True, validators=PositiveOrNull)
    summary = models.TextField(help_text="One short paragraph for cards, search and feeds.")
    summary_points = models.TextField(blank=True, help_text="One point per line.")
    problem = models.TextField(blank=True, help_text="Markdown: the problem.")
    approach = models.TextField(blank=True, help_text="Markdown: what they did.")
    impact = models.TextField(blank=True, help_text="Markdown: the impact.")
    lessons = models.TextField(blank=True, help_text="Markdown: lessons learned.")
    high_impact_actions = models.ManyToManyField(
        "guidance.HighImpactAction", blank=True, related_name="case_studies"
    )
    vanguard = models.ForeignKey(
        "vanguards.VanguardSite",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    question_area = models.ForeignKey(
        "guidance.ConsultationArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="examples",
        help_text="Consultation examples only.",
    )
    respondent_tag = models.CharField(
        max_length=200, blank=True, help_text="Consultation examples: the tag exactly as printed."
    )

    objects = CaseStudyQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes, roles, high_impact_actions])
    # Pages this item is shown on that must be live before it is (curation's publish check).
    REQUIRED_HOMES = ("question_area",)
    # The themes about to be saved with this row (a form's or a content file's choice), which
    # clean() checks instead of the saved ones: links are written only after the row itself.
    pending_themes = None

    class Meta:
        ordering = ["kind", "number"]
        verbose_name_plural = "case studies"
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="casestudy_unique_number"),
            models.CheckConstraint(
                condition=~Q(kind=Kind.CONSULTATION_EXAMPLE) | Q(question_area__isnull=False),
                name="casestudy_example_has_question_area",
            ),
        ]
        permissions = [("publish_casestudy", "Can publish, unpublish and restore case studies")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("casestudies:detail", args=[self.slug])

    def clean(self):
        """A full case study goes live only with a theme (its source the field itself requires):
        the one copy of the rule, used by the admin form, the publish action and the loader.
        Items from a document carry its number; a local story is numbered after 1000.
        Every problem is reported at once."""
        errors = {}
        for check in (super().clean, self._check_number, self._check_theme):
            try:
                check()
            except ValidationError as exc:
                for field, messages in exc.error_dict.items():
                    errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def _check_theme(self):
        if self.status != Status.PUBLISHED or self.kind != Kind.CASE_STUDY:
            return
        if self.pending_themes is not None:
            has_theme = bool(self.pending_themes)
        else:
            has_theme = self.pk is not None and self.themes.exists()
        if not has_theme:
            raise ValidationError(
                {"themes": "A case study needs at least one theme before it can be published."},
                code="needs_theme",
            )

    def _check_number(self):
        if self.number is not None:
            return
        if self.source_id is None or self.from_document:
            raise ValidationError(
                {"number": "Give the number the source document prints for it."},
                code="needs_number",
            )
        same_kind = CaseStudy.objects.filter(kind=self.kind).exclude(pk=self.pk)
        highest = same_kind.aggregate(m=models.Max("number"))["m"] or 0
        self.number = max(highest, LOCAL_NUMBERS_FROM - 1) + 1

    @property
    def public_vanguard(self):
        """The vanguard site, only when the public can open its page."""
        return self.vanguard if self.vanguard and self.vanguard.is_public else None

    @property
    def public_question_area(self):
        return self.question_area if self.question_area and self.question_area.is_public else None

    @property
    def is_example(self):
        return self.kind == Kind.CONSULTATION_EXAMPLE

    @property
    def points(self):
        return [line.strip() for line in self.summary_points.splitlines() if line.strip()]

    @property
    def sections(self):
        """The Markdown body sections that have text, in reading order."""
        labels = [
            ("problem", "The problem"),
            ("approach", "What was done" if self.is_example else "The approach"),
            ("impact", "The impact"),
            ("lessons", "Lessons learned"),
        ]
        return [(label, getattr(self, name)) for name, label in labels if getattr(self, name)]


class KeyFigure(KeyFigureBase):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="key_figures")

    class Meta(KeyFigureBase.Meta):
        pass
