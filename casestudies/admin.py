"""Admin for case studies."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casestudies.models import CaseStudy, KeyFigure


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["order", "label", "value", "context", "outcome"]


@admin.register(CaseStudy)
class CaseStudyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "number", "region", "status", "updated_at"]
    list_filter = ["status", "kind", "themes", "region", "roles", "source"]
    search_fields = ["title", "strapline", "organisations", "place", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "region", "themes", "roles", "organisation_types", "high_impact_actions", "vanguard",
        "question_area", "source",
    ]
    inlines = [KeyFigureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")
