"""The vanguard finder: its facets (a django-filter FilterSet), sorts and export columns."""

from django.db.models import F

from finder.declaration import Column, Finder, FinderFilterSet, SearchFilter, Sort
from finder.facets import Band, BandFacet, ChoiceFacet, RelatedFacet
from vanguards.models import CareModel, ContractCategory, VanguardSite

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


# What the vanguard finder and the site search look for a search's words in.
SEARCH_FIELDS = ("name", "area", "summary", "model_elements", "contract_type")


class VanguardFilter(FinderFilterSet):
    q = SearchFilter(fields=SEARCH_FIELDS)
    region = RelatedFacet("region", label="Region")
    care_model = ChoiceFacet(label="Care model", choices=CareModel.choices, field_name="care_model")
    contract = ChoiceFacet(
        label="Contract type", choices=ContractCategory.choices, field_name="contract_category"
    )
    practices = BandFacet("practices", label="Practices", bands=PRACTICES_BANDS)
    population = BandFacet("population", label="Population served", bands=POPULATION_BANDS)

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
        Column("source", "Source", lambda site: site.source.code),
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
