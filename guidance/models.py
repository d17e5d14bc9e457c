"""Guidance: High Impact Actions, checklists and the consultation's question areas."""

from functools import reduce
from operator import or_

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import PublishableModel, PublishableQuerySet, Theme, VocabularyModel


def public_case_links():
    """The published case studies a guidance page links, as little as a link needs. Reached
    through the relation rather than imported: guidance and case studies are sibling apps."""
    case_study = ChecklistItem._meta.get_field("case_studies").related_model
    return case_study.objects.published().only("slug", "title", "kind", "number")


def items_with_cases():
    """A checklist's items, each with the published case studies it cites."""
    return models.Prefetch(
        "items",
        queryset=ChecklistItem.objects.prefetch_related(
            models.Prefetch("case_studies", queryset=public_case_links())
        ),
    )


class HighImpactActionQuerySet(PublishableQuerySet):
    def for_detail(self):
        """What the action's page shows (the public page and the curators' preview)."""
        return self.select_related("source", "planned_actions_source").prefetch_related(
            "planned_actions", models.Prefetch("case_studies", queryset=public_case_links())
        )


# Where a list can be shown besides its own page; at most one of them (a database constraint).
CHECKLIST_HOMES = ("case_study", "vanguard", "high_impact_action", "question_area", "theme")


def at_most_one_set(fields):
    """Q: at most one of ``fields`` is not null (for each field, every other one is null)."""
    keep_order = fields[-1:] + fields[:-1]  # the order the constraint was first written in
    return reduce(
        or_, (Q(**{f"{o}__isnull": True for o in fields if o != keep}) for keep in keep_order)
    )


class Audience(VocabularyModel):
    """Who a checklist is written for."""

    class Meta(VocabularyModel.Meta):
        pass


class HighImpactAction(PublishableModel):
    """One of the 10 High Impact Actions for general practice."""

    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    name = models.CharField(max_length=120)
    name_variants = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    definition = models.TextField(help_text="Markdown.")
    planned_actions_intro = models.TextField(blank=True, help_text="Markdown.")
    planned_actions_source = models.ForeignKey(
        "core.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where Somerset's planned actions come from (not the HIA's source).",
    )
    planned_actions_section = models.CharField(max_length=300, blank=True)

    objects = HighImpactActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=10), name="hia_number_1_to_10"
            )
        ]
        permissions = [("publish_highimpactaction", "Can publish High Impact Actions")]

    def __str__(self):
        return f"HIA {self.number}: {self.name}"

    @property
    def title(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guidance:hia-detail", args=[self.slug])


class PlannedAction(models.Model):
    """A Somerset planned action under a High Impact Action."""

    action = models.ForeignKey(
        HighImpactAction, on_delete=models.CASCADE, related_name="planned_actions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    explanation = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class ConsultationArea(PublishableModel):
    """A question area (5.1-5.9) of the consultation analysis."""

    number = models.CharField(max_length=5, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    what_respondents_said = models.TextField(help_text="Markdown.")
    sub_questions = models.TextField(blank=True, help_text="Markdown.")

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        permissions = [("publish_consultationarea", "Can publish consultation areas")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("guidance:consultation-area", args=[self.slug])


class ChecklistKind(models.TextChoices):
    PRACTICAL_STEPS = "practical-steps", "Practical steps"
    BENEFITS = "benefits", "Benefits"
    TIPS = "tips", "Tips"
    CONSIDERATIONS = "considerations", "Considerations"
    QUESTIONS = "questions", "Questions"
    PRINCIPLES = "principles", "Principles"
    SUGGESTIONS = "suggestions", "Suggestions"
    FACTS = "facts", "Facts and lists"


class ChecklistQuerySet(PublishableQuerySet):
    def standalone(self):
        return self.filter(standalone=True)

    def for_detail(self):
        """What the list's page shows (the public page and the curators' preview)."""
        return self.select_related("source", *CHECKLIST_HOMES).prefetch_related(
            "audiences", "themes", items_with_cases()
        )


class Checklist(PublishableModel):
    """An ordered list of practical steps, tips, benefits or questions from a source."""

    list_id = models.CharField(
        max_length=12, unique=True, help_text="Inventory ID, e.g. D0-L09. Never changes."
    )
    title = models.CharField(max_length=300)
    printed_title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=ChecklistKind, db_index=True)
    standalone = models.BooleanField(
        default=True, help_text="Listed in the checklist index with its own printable page."
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="checklists")
    themes = models.ManyToManyField(Theme, blank=True, related_name="checklists")
    introduction = models.TextField(blank=True, help_text="Markdown.")
    incomplete_in_source = models.BooleanField(
        default=False, help_text="The source marks this list as unfinished."
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lists",
        help_text="Page this list is shown on.",
    )
    vanguard = models.ForeignKey(
        "vanguards.VanguardSite",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lists",
    )
    high_impact_action = models.ForeignKey(
        HighImpactAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="lists"
    )
    question_area = models.ForeignKey(
        ConsultationArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="lists"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="lists"
    )

    objects = ChecklistQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes, audiences])

    HOME_FIELDS = CHECKLIST_HOMES
    # Pages this list is shown on that must be live before it is (curation's publish check).
    REQUIRED_HOMES = CHECKLIST_HOMES

    class Meta:
        ordering = ["list_id"]
        constraints = [
            models.CheckConstraint(
                condition=at_most_one_set(CHECKLIST_HOMES),
                name="checklist_at_most_one_home",
            )
        ]
        permissions = [("publish_checklist", "Can publish checklists")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guidance:checklist-detail", args=[self.slug])

    @property
    def home(self):
        """The page this list is part of, only when the public can see it (a draft or archived
        home is left out of the page, its print version and its exports)."""
        for name in self.HOME_FIELDS:
            value = getattr(self, name)
            if value is not None:
                return value if getattr(value, "is_public", True) else None
        return None


class ChecklistItem(models.Model):
    """One step of a checklist, in order."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    explanation = models.TextField(blank=True, help_text="Markdown.")
    case_studies = models.ManyToManyField(
        "casestudies.CaseStudy", blank=True, related_name="checklist_items"
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "order"], name="checklistitem_unique_order"
            )
        ]

    def __str__(self):
        return self.title
