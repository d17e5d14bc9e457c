"""Admin for vocabularies, sources, themes and the glossary (reference data: Publishers edit)."""

from django.contrib import admin

from core.models import GlossaryTerm, OrganisationType, Region, Role, Source, Theme
from curation.admin.base import CuratorAdmin


class VocabularyAdmin(CuratorAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "slug"],
                "description": "Slugs appear in web addresses and content files: never change one "
                "once it is used.",
            },
        ),
    ]


admin.site.register(Region, VocabularyAdmin)
admin.site.register(OrganisationType, VocabularyAdmin)


@admin.register(Role)
class RoleAdmin(VocabularyAdmin):
    list_display = ["name", "category", "slug"]
    list_filter = ["category"]
    fieldsets = [
        (None, {**VocabularyAdmin.fieldsets[0][1], "fields": ["name", "slug", "category"]}),
    ]


@admin.register(Source)
class SourceAdmin(CuratorAdmin):
    list_display = ["code", "title", "publisher", "year", "updated_at"]
    list_filter = ["publisher"]
    search_fields = ["title", "code", "publisher", "authors"]
    prepopulated_fields = {"slug": ["code"]}
    fieldsets = [
        (None, {"fields": [("code", "slug"), "title", "subtitle"]}),
        ("Publication", {"fields": ["authors", "publisher", "year", "seed_file"]}),
        ("About the document", {"fields": ["description", "overview"]}),
    ]


@admin.register(Theme)
class ThemeAdmin(CuratorAdmin):
    list_display = ["name", "order", "source", "updated_at"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["name", "description", "overview"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": [("name", "slug"), "order", "description"]}),
        ("Overview page", {"fields": ["overview"]}),
        ("Source", {"fields": ["source", "source_section", "source_pages"]}),
    ]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(CuratorAdmin):
    list_display = ["term", "expansion", "editorial", "source_codes", "updated_at"]
    list_filter = ["editorial", "sources"]
    search_fields = ["term", "expansion", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": [("term", "slug"), "expansion", "definition"]}),
        ("Where it comes from", {"fields": ["sources", "editorial", "note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sources")

    @admin.display(description="Sources")
    def source_codes(self, obj):
        return ", ".join(source.code for source in obj.sources.all())
