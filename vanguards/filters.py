"""The vanguard finder: its facets (a django-filter FilterSet), sorts and export columns."""

from django.db.models import F, Q

from core.models import MEASURED_KINDS, EvidenceLevel
from finder.declaration import Column, Finder, FinderFilterSet, SearchFilter, Sort
from finder.facets import Band, BandFacet, ChoiceFacet, RelatedFacet
from search.searcher import DocumentSearcher
from vanguards.models import CareModel, ContractCategory, VanguardFigure, VanguardSite

# Vanguards are large: bands that split the fourteen sites usefully.
PRACTICES_BANDS = [
    Band("under-10", "Under 10 practices", {"lt": 10}),
    Band("10-29", "10 to 29 practices", {"gte": 10, "lt": 30}),
    Band("30-or-more", "30 or more practices", {"gte": 30}),
]
POPULATION_BANDS = [
    Band("under-150000", "Under 150,000", {"lt": 150_000}),
    Band("150000-250000", "150,000 to 250,000", {"gte": 150_000, "lte": 250_000}),
    Band("over-250000", "Over 250,000", {"gt": 250_000}),
]


def outcome_q(value):
    return Q(pk__in=VanguardFigure.objects.filter(outcome=value).values("site_id"))


class VanguardFilter(FinderFilterSet):
    q = SearchFilter(
        searcher=DocumentSearcher(kinds=("vanguard",), by_item=True),
        snippet_fields=("summary", "model_elements", "worked_well"),
    )
    region = RelatedFacet("region", label="Region")
    care_model = ChoiceFacet(label="Care model", choices=CareModel.choices, field_name="care_model")
    contract = ChoiceFacet(
        label="Contract type", choices=ContractCategory.choices, field_name="contract_category"
    )
    practices = BandFacet("practices", label="Practices", bands=PRACTICES_BANDS)
    population = BandFacet("population", label="Population served", bands=POPULATION_BANDS)
    outcome = ChoiceFacet(
        label="Measured outcome",
        choices=[(kind.value, kind.label) for kind in MEASURED_KINDS],
        option_q=outcome_q,
        help_text="Sites with a key figure measuring this.",
    )
    evidence = ChoiceFacet(
        label="Evidence level",
        choices=EvidenceLevel.choices,
        field_name="evidence_level",
        help_text="How strong the evidence is, on the library's published rubric.",
    )
    hia = RelatedFacet(
        "high_impact_actions",
        label="High Impact Action",
        label_fields=("number", "name"),
        label_format=lambda number, name: f"{number}. {name}",
        collapsed=True,
    )

    class Meta:
        model = VanguardSite
        fields = []


class VanguardFinder(Finder):
    filterset_class = VanguardFilter
    url_name = "vanguards:list"
    compare_url_name = "vanguards:compare"
    basket_param = "items"
    noun = ("vanguard site", "vanguard sites")
    search_label = "Search vanguard sites"
    export_name = "vanguard-sites"
    sorts = {
        "relevance": Sort("Best match", needs_search=True),
        "number": Sort("Profile order", ("number",)),
        "name": Sort("Name", ("name",)),
        "population": Sort(
            "Population (largest first)", (F("population").desc(nulls_last=True), "name")
        ),
        "practices": Sort("Practices (most first)", (F("practices").desc(nulls_last=True), "name")),
    }
    default_sort = "number"
    related_by = ("themes", "region")
    export_columns = [
        Column("slug", "Slug"),
        Column("name", "Name"),
        Column("number", "Profile number"),
        Column("url", "Address", lambda site: site.get_absolute_url()),
        Column("area", "Where"),
        Column("region", "Region", lambda site: site.region.name if site.region else ""),
        Column("practices", "Practices"),
        Column("practices_text", "Practices as printed"),
        Column("population", "Population"),
        Column("population_text", "Population as printed"),
        Column("care_model", "Care model", lambda site: site.get_care_model_display()),
        Column("contract_type", "Contract type as printed"),
        Column(
            "contract_category",
            "Contract category",
            lambda site: site.get_contract_category_display(),
        ),
        Column("themes", "Themes", lambda site: [t.name for t in site.themes.all()]),
        Column("evidence_level", "Evidence level"),
        Column("evidence_reason", "Evidence level: why"),
        Column("source", "Source", lambda site: site.source.title),
        Column("source_section", "Source section"),
        Column("summary", "Summary"),
    ]

    def get_queryset(self):
        return VanguardSite.objects.published()

    def get_results_queryset(self, queryset):
        return queryset.select_related("region", "source").prefetch_related("themes")

    def get_related_queryset(self, queryset):
        return queryset.select_related("region")

    def basket_labels(self, slugs):
        return dict(
            VanguardSite.objects.published().filter(slug__in=slugs).values_list("slug", "name")
        )
