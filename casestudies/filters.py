"""The case-study finder: its facets (a django-filter FilterSet), sorts and export columns."""

from django.db.models import F, Q

from casestudies.models import CaseStudy, KeyFigure, Kind
from core.models import MEASURED_KINDS, EvidenceLevel
from finder.declaration import Column, Finder, FinderFilterSet, SearchFilter, Sort
from finder.facets import Band, BandFacet, ChoiceFacet, RelatedFacet
from search.searcher import DocumentSearcher

POPULATION_BANDS = [
    Band("under-10000", "Under 10,000", {"lt": 10_000}),
    Band("10000-30000", "10,000 to 30,000", {"gte": 10_000, "lte": 30_000}),
    Band("30000-100000", "30,000 to 100,000", {"gt": 30_000, "lte": 100_000}),
    Band("over-100000", "Over 100,000", {"gt": 100_000}),
]

# Outcomes a practice manager looks for; "other" and context figures are not results.
MEASURED_OUTCOMES = [(kind.value, kind.label) for kind in MEASURED_KINDS]


def outcome_q(value):
    return Q(pk__in=KeyFigure.objects.filter(outcome=value).values("case_study_id"))


class CaseStudyFilter(FinderFilterSet):
    q = SearchFilter(
        searcher=DocumentSearcher(kinds=(Kind.CASE_STUDY, Kind.CONSULTATION_EXAMPLE), by_item=True),
        snippet_fields=("strapline", "summary", "problem", "approach", "impact", "lessons"),
    )
    theme = RelatedFacet("themes", label="Theme", order_by="order")
    kind = ChoiceFacet(label="Kind", choices=Kind.choices, field_name="kind")
    region = RelatedFacet("region", label="Region")
    population = BandFacet("population", label="Population served", bands=POPULATION_BANDS)
    outcome = ChoiceFacet(
        label="Measured outcome",
        choices=MEASURED_OUTCOMES,
        option_q=outcome_q,
        help_text="Case studies with a key figure measuring this.",
    )
    evidence = ChoiceFacet(
        label="Evidence level",
        choices=EvidenceLevel.choices,
        field_name="evidence_level",
        help_text="How strong the evidence is, on the library's published rubric.",
    )
    role = RelatedFacet("roles", label="Role", collapsed=True)
    hia = RelatedFacet(
        "high_impact_actions",
        label="High Impact Action",
        label_fields=("number", "name"),
        label_format=lambda number, name: f"{number}. {name}",
        collapsed=True,
    )
    organisation = RelatedFacet("organisation_types", label="Organisation type", collapsed=True)
    source = RelatedFacet(
        "source",
        label="Source document",
        label_fields=("title",),
        collapsed=True,
    )
    tag = RelatedFacet("tags", label="Topic", collapsed=True)

    class Meta:
        model = CaseStudy
        fields = []


def _names(manager):
    return [obj.name for obj in manager.all()]


class CaseStudyFinder(Finder):
    filterset_class = CaseStudyFilter
    url_name = "casestudies:list"
    feed_url_name = "feeds:case-studies"
    compare_url_name = "casestudies:compare"
    basket_param = "items"
    noun = ("case study", "case studies")
    search_label = "Search case studies and examples"
    export_name = "case-studies"
    sorts = {
        "relevance": Sort("Best match", needs_search=True),
        # The 16 full case studies before the short consultation examples.
        "kind": Sort("Case studies first", ("kind", "title")),
        "title": Sort("Title", ("title",)),
        "population": Sort(
            "Population (largest first)", (F("population").desc(nulls_last=True), "title")
        ),
        "updated": Sort("Recently updated", ("-updated_at", "title")),
        "newest": Sort("Newest", ("-published_at", "-updated_at"), listed=False),  # the feed
    }
    default_sort = "kind"
    export_columns = [
        Column("slug", "Slug"),
        Column("title", "Title"),
        Column("kind", "Kind", lambda cs: cs.get_kind_display()),
        Column("number", "Number"),
        Column("url", "Address", lambda cs: cs.get_absolute_url()),
        Column("organisations", "Organisations"),
        Column("place", "Place"),
        Column("region", "Region", lambda cs: cs.region.name if cs.region else ""),
        Column("population", "Population"),
        Column("population_high", "Population (upper end of a range)"),
        Column("population_text", "Population as printed"),
        Column("practices", "Practices"),
        Column("themes", "Themes", lambda cs: _names(cs.themes)),
        Column("roles", "Roles", lambda cs: _names(cs.roles)),
        Column(
            "organisation_types", "Organisation types", lambda cs: _names(cs.organisation_types)
        ),
        Column(
            "high_impact_actions",
            "High Impact Actions",
            lambda cs: [f"{h.number}. {h.name}" for h in cs.high_impact_actions.all()],
        ),
        Column("tags", "Topics", lambda cs: _names(cs.tags)),
        Column("evidence_level", "Evidence level"),
        Column("evidence_reason", "Evidence level: why"),
        Column("source", "Source", lambda cs: cs.source.title),
        Column("source_section", "Source section"),
        Column("summary", "Summary"),
        Column("updated", "Last updated", lambda cs: cs.updated_at.isoformat()),
    ]

    def get_queryset(self):
        return CaseStudy.objects.published()

    def get_results_queryset(self, queryset):
        return queryset.select_related("region", "source").prefetch_related("themes")

    def get_export_queryset(self, queryset):
        return (
            queryset.select_related("region", "source")
            .prefetch_related("themes", "roles", "organisation_types", "tags")
            .with_public_links()
        )

    def basket_labels(self, slugs):
        rows = CaseStudy.objects.published().filter(slug__in=slugs).values_list("slug", "title")
        return dict(rows)
