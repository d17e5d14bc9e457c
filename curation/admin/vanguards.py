"""Admin for vanguard sites."""

from django.contrib import admin

from curation.admin.base import ChildInline, CuratedAdmin, ReviewDueFilter
from vanguards.models import VanguardFigure, VanguardReference, VanguardSite


class ReferenceInline(ChildInline):
    model = VanguardReference
    fields = ["order", "title", "url"]


class FigureInline(ChildInline):
    model = VanguardFigure
    fields = ["order", "label", "value", "context", "outcome"]
    verbose_name_plural = "key figures (each needs a label and a value exactly as printed)"


@admin.register(VanguardSite)
class VanguardSiteAdmin(CuratedAdmin):
    list_display = ["name", "number", "theme_list", "region", "care_model", "status", "updated"]
    list_filter = [
        "status",
        ReviewDueFilter,
        "care_model",
        "contract_category",
        "region",
        "themes",
        "source",
    ]
    list_select_related = ["region", "updated_by"]
    search_fields = ["name", "area", "summary", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FigureInline, ReferenceInline]
    fieldsets = [
        (None, {"fields": [("name", "slug"), "number", "area", "region", "themes"]}),
        ("Size", {"fields": [("practices", "practices_text"), ("population", "population_text")]}),
        (
            "Model and contract",
            {
                "fields": [
                    "care_model",
                    "contract_label",
                    "contract_type",
                    "contract_category",
                ]
            },
        ),
        (
            "Profile",
            {
                "fields": [
                    "summary",
                    "model_elements",
                    "worked_well",
                    ("did_not_work", "did_not_work_note"),
                    ("learnings", "learnings_note"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")
