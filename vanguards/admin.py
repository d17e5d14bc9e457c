"""Admin for vanguard sites."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vanguards.models import VanguardFigure, VanguardReference, VanguardSite


class ReferenceInline(admin.TabularInline):
    model = VanguardReference
    extra = 0


class FigureInline(admin.TabularInline):
    model = VanguardFigure
    extra = 0


@admin.register(VanguardSite)
class VanguardSiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "number", "region", "care_model", "contract_category", "status", "updated_at"]  # noqa: E501
    list_filter = ["status", "care_model", "contract_category", "region", "themes"]
    search_fields = ["name", "area", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "themes", "source"]
    inlines = [ReferenceInline, FigureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")
