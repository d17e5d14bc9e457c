"""Compact list filters: a long vocabulary (every tag) becomes a search box, not a sidebar
thousands of pixels tall."""

from django.contrib import admin


class TagSearchFilter(admin.SimpleListFilter):
    """ "Tag contains …": items with a tag whose name contains the words typed."""

    title = "tag"
    parameter_name = "tag"
    template = "admin/curation/search_filter.html"

    def lookups(self, request, model_admin):
        return []

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__name__icontains=self.value().strip()).distinct()
        return queryset

    def choices(self, changelist):
        """The other filters now in use, kept as hidden fields of the search box's form."""
        kept = {k: v for k, v in changelist.params.items() if k not in (self.parameter_name, "p")}
        yield {"value": self.value() or "", "kept": kept, "name": self.parameter_name}
