"""Admin for case studies and consultation examples."""

from django.contrib import admin

from casestudies.models import CaseStudy, KeyFigure
from curation.admin.base import ChildInline, CuratedAdmin, ReviewDueFilter
from curation.admin.filters import TagSearchFilter


class KeyFigureInline(ChildInline):
    model = KeyFigure
    fields = ["order", "label", "value", "context", "outcome"]
    verbose_name_plural = "key figures (each needs a label and a value exactly as printed)"


@admin.register(CaseStudy)
class CaseStudyAdmin(CuratedAdmin):
    list_display = ["title", "kind", "number", "theme_list", "status", "updated"]
    list_display_links = ["title"]
    list_filter = [
        "status",
        ReviewDueFilter,
        "kind",
        "themes",
        "region",
        "roles",
        "organisation_types",
        "high_impact_actions",
        TagSearchFilter,
        "source",
    ]
    list_select_related = ["region", "updated_by"]
    search_fields = ["title", "strapline", "organisations", "place", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [KeyFigureInline]
    fieldsets = [
        (None, {"fields": [("title", "slug"), ("kind", "number"), "strapline"]}),
        (
            "Where and who",
            {
                "fields": [
                    "organisations",
                    "place",
                    "region",
                    "organisation_types",
                    ("population", "population_text"),
                    "practices",
                ]
            },
        ),
        (
            "Classification",
            {
                "fields": ["themes", "roles", "tags", "high_impact_actions", "vanguard"],
                "description": "A full case study needs at least one theme before it is published.",
            },
        ),
        ("Summary", {"fields": ["summary", "summary_points"]}),
        ("The story", {"fields": ["problem", "approach", "impact", "lessons"]}),
        (
            "Consultation examples only",
            {
                "classes": ["collapse"],
                "fields": ["question_area", "respondent_tag"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")
