"""The checklist finder: audience, kind and theme facets over the standalone checklists."""

from django.db.models import Count

from finder.declaration import Column, Finder, FinderFilterSet, SearchFilter, Sort
from finder.facets import ChoiceFacet, RelatedFacet
from guidance.models import Checklist, ChecklistKind
from search.searcher import DocumentSearcher


class ChecklistFilter(FinderFilterSet):
    q = SearchFilter(
        searcher=DocumentSearcher(kinds=("checklist",), by_item=True),
        snippet_fields=("introduction",),
    )
    audience = RelatedFacet("audiences", label="Audience")
    kind = ChoiceFacet(label="Kind of list", choices=ChecklistKind.choices, field_name="kind")
    theme = RelatedFacet("themes", label="Theme", order_by="order")

    class Meta:
        model = Checklist
        fields = []


class ChecklistFinder(Finder):
    """All matching checklists on one page (per_page=None): the index groups them."""

    filterset_class = ChecklistFilter
    url_name = "guidance:checklist-list"
    noun = ("checklist", "checklists")
    export_name = "checklists"
    per_page = None
    sorts = {
        "title": Sort("Title", ("title",)),
    }
    default_sort = "title"
    export_columns = [
        Column("slug", "Slug"),
        Column("list_id", "List ID"),
        Column("title", "Title"),
        Column("url", "Address", lambda cl: cl.get_absolute_url()),
        Column("kind", "Kind", lambda cl: cl.get_kind_display()),
        Column("items", "Items", lambda cl: cl.item_count),
        Column("audiences", "Audiences", lambda cl: [a.name for a in cl.audiences.all()]),
        Column("themes", "Themes", lambda cl: [t.name for t in cl.themes.all()]),
        Column("source", "Source", lambda cl: cl.source.code),
    ]

    def get_queryset(self):
        return Checklist.objects.published().standalone()

    def get_results_queryset(self, queryset):
        return (
            queryset.select_related("source")
            .prefetch_related("audiences", "themes")
            .annotate(item_count=Count("items"))
        )
