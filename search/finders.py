"""The site-wide search: one finder over the one index, every kind in one ranked list."""

from finder.declaration import Column, Finder, FinderFilterSet, SearchFilter, Sort
from finder.facets import ChoiceFacet, RelatedFacet
from search import registry
from search.models import Document
from search.searcher import DocumentSearcher


class DocumentFilter(FinderFilterSet):
    q = SearchFilter(searcher=DocumentSearcher(), snippet_fields=("summary", "body"))
    kind = ChoiceFacet(label="Kind", choices=registry.choices(), field_name="kind")
    theme = RelatedFacet("themes", label="Theme", order_by="order")
    region = RelatedFacet("region", label="Region", collapsed=True)

    class Meta:
        model = Document
        fields = []


class SiteSearchFinder(Finder):
    filterset_class = DocumentFilter
    url_name = "pages:search"
    noun = ("result", "results")
    search_label = "Search the library"
    export_name = "search-results"
    sorts = {
        "relevance": Sort("Best match", needs_search=True),
        "kind": Sort("Kind, then title", ("rank", "title")),
    }
    default_sort = "kind"
    export_columns = [
        Column("title", "Title"),
        Column("kind", "Kind", lambda d: registry.label(d.kind)),
        Column("url", "Address"),
        Column("summary", "Summary"),
    ]

    def get_queryset(self):
        return Document.objects.all()

    def get_results_queryset(self, queryset):
        return queryset.only("kind", "url", "title", "summary", "body", "meta")
