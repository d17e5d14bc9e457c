"""Admin for High Impact Actions, checklists and consultation areas."""

from django.contrib import admin
from django.db.models import Count

from curation.admin.base import (
    CuratedAdmin,
    CuratorAdmin,
    ReviewDueFilter,
    StackedChildInline,
)
from guidance.models import (
    Audience,
    Checklist,
    ChecklistItem,
    ConsultationArea,
    HighImpactAction,
    PlannedAction,
)


@admin.register(Audience)
class AudienceAdmin(CuratorAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PlannedActionInline(StackedChildInline):
    model = PlannedAction
    fields = ["order", "title", "explanation"]


@admin.register(HighImpactAction)
class HighImpactActionAdmin(CuratedAdmin):
    list_display = ["number", "name", "case_study_count", "status", "updated"]
    list_display_links = ["number", "name"]
    list_filter = ["status", ReviewDueFilter, "source"]
    list_select_related = ["updated_by"]
    search_fields = ["name", "name_variants", "summary", "definition", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlannedActionInline]
    fieldsets = [
        (None, {"fields": [("name", "slug"), "number", "name_variants"]}),
        ("What it is", {"fields": ["summary", "definition"]}),
        (
            "Planned actions",
            {
                "fields": ["planned_actions_intro"],
                "description": "The planned actions themselves are listed below.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_count=Count("case_studies"))

    @admin.display(description="Case studies", ordering="case_count")
    def case_study_count(self, obj):
        return obj.case_count


class ChecklistItemInline(StackedChildInline):
    model = ChecklistItem
    fields = ["order", "title", "explanation", "case_studies"]


@admin.register(Checklist)
class ChecklistAdmin(CuratedAdmin):
    list_display = ["title", "list_id", "kind", "theme_list", "standalone", "status", "updated"]
    list_filter = [
        "status",
        ReviewDueFilter,
        "kind",
        "standalone",
        "audiences",
        "themes",
        "incomplete_in_source",
        "source",
    ]
    list_select_related = ["updated_by"]
    search_fields = ["title", "list_id", "printed_title", "introduction", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ChecklistItemInline]
    fieldsets = [
        (None, {"fields": [("title", "slug"), "list_id", "printed_title", "kind"]}),
        (
            "Who and what it is for",
            {
                "fields": [
                    "audiences",
                    "themes",
                    "introduction",
                    "incomplete_in_source",
                ]
            },
        ),
        (
            "Where it is shown",
            {
                "fields": [
                    "standalone",
                    "case_study",
                    "vanguard",
                    "high_impact_action",
                    "question_area",
                    "theme",
                ],
                "description": "Standalone lists have their own printable page. A list shown on "
                "another page has at most one home: choose one of these, or none.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")


@admin.register(ConsultationArea)
class ConsultationAreaAdmin(CuratedAdmin):
    list_display = ["number", "title", "status", "updated"]
    list_display_links = ["number", "title"]
    list_filter = ["status", ReviewDueFilter, "source"]
    list_select_related = ["updated_by"]
    search_fields = ["title", "summary", "what_respondents_said", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": [("title", "slug"), "number", "summary"]}),
        ("What respondents said", {"fields": ["what_respondents_said", "sub_questions"]}),
    ]
