"""Vanguard sites: NHS England's new care model pilots profiled in the LLR blueprint."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import (
    EvidenceModel,
    KeyFigureBase,
    PositiveOrNull,
    PublishableModel,
    PublishableQuerySet,
    Region,
    Theme,
)


class CareModel(models.TextChoices):
    MCP = "mcp", "Multispecialty Community Provider (MCP)"
    PACS = "pacs", "Primary and Acute Care System (PACS)"
    PCH = "pch", "Primary Care Home (PCH)"


class ContractCategory(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    PARTIAL = "partially-integrated", "Partially integrated"
    FULL = "fully-integrated", "Fully integrated"
    FEDERATION_NETWORK = "federation-plus-network", "Federation plus virtual network"


class VanguardQuerySet(PublishableQuerySet):
    def for_cards(self):
        return self.select_related("region", "source").prefetch_related("themes")

    def for_detail(self):
        """What the site's page shows (the public page and the curators' preview)."""
        # The case studies that name this site, reached through the relation: vanguards and
        # case studies are sibling apps and do not import each other.
        case_study = self.model._meta.get_field("case_studies").related_model
        published_cases = case_study.objects.published().only("slug", "title", "vanguard")
        return self.select_related("region", "source").prefetch_related(
            "themes",
            "references",
            "key_figures",
            models.Prefetch("case_studies", queryset=published_cases),
        )


class VanguardSite(EvidenceModel, PublishableModel):
    """A vanguard site profile."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200)
    area = models.CharField(max_length=300, help_text="The 'Where' row as printed.")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="vanguards"
    )
    practices = models.PositiveIntegerField(null=True, blank=True, validators=PositiveOrNull)
    practices_text = models.CharField(max_length=200, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True, validators=PositiveOrNull)
    population_text = models.CharField(max_length=200, blank=True)
    care_model = models.CharField(max_length=10, choices=CareModel, default=CareModel.MCP)
    contract_label = models.CharField(max_length=100, blank=True, help_text="Row label as printed.")
    contract_type = models.CharField(max_length=300, blank=True, help_text="As printed.")
    contract_category = models.CharField(
        max_length=30, choices=ContractCategory, default=ContractCategory.VIRTUAL
    )
    summary = models.TextField()
    model_elements = models.TextField(blank=True, help_text="Markdown.")
    worked_well = models.TextField(blank=True, help_text="Markdown.")
    did_not_work = models.TextField(blank=True, help_text="Markdown.")
    did_not_work_note = models.CharField(max_length=300, blank=True)
    learnings = models.TextField(blank=True, help_text="Markdown.")
    learnings_note = models.CharField(max_length=300, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="vanguards")
    high_impact_actions = models.ManyToManyField(
        "guidance.HighImpactAction",
        blank=True,
        related_name="vanguards",
        help_text="The High Impact Actions this site's results are evidence for.",
    )

    objects = VanguardQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes, high_impact_actions])

    class Meta:
        ordering = ["number"]
        permissions = [
            ("publish_vanguardsite", "Can publish, unpublish and restore vanguard sites")
        ]

    def __str__(self):
        return self.name

    @property
    def title(self):
        return self.name

    def get_absolute_url(self):
        return reverse("vanguards:detail", args=[self.slug])


class VanguardReference(models.Model):
    site = models.ForeignKey(VanguardSite, on_delete=models.CASCADE, related_name="references")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_web_link(self):
        """Only http(s) addresses become links, even for rows written around the form."""
        return self.url.lower().startswith(("https://", "http://"))


class VanguardFigure(KeyFigureBase):
    site = models.ForeignKey(VanguardSite, on_delete=models.CASCADE, related_name="key_figures")

    class Meta(KeyFigureBase.Meta):
        pass
