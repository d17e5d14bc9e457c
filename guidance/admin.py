"""Admin for High Impact Actions, checklists and consultation areas."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from guidance.models import (
    Audience,
    Checklist,
    ChecklistItem,
    ConsultationArea,
    HighImpactAction,
    PlannedAction,
)


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PlannedActionInline(admin.StackedInline):
    model = PlannedAction
    extra = 0


@admin.register(HighImpactAction)
class HighImpactActionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
    inlines = [PlannedActionInline]


class ChecklistItemInline(admin.StackedInline):
    model = ChecklistItem
    extra = 0
    autocomplete_fields = ["case_studies"]


@admin.register(Checklist)
class ChecklistAdmin(SimpleHistoryAdmin):
    list_display = ["title", "list_id", "kind", "standalone", "status", "updated_at"]
    list_filter = ["status", "kind", "standalone", "audiences", "themes", "source"]
    search_fields = ["title", "list_id", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "audiences", "themes", "case_study", "vanguard", "high_impact_action", "question_area",
        "theme", "source",
    ]
    inlines = [ChecklistItemInline]


@admin.register(ConsultationArea)
class ConsultationAreaAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "what_respondents_said"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["source"]
