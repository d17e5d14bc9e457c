"""Admin for vocabularies, sources, themes, tags and the glossary (reference data: Publishers edit).

Each carries PublicPagesMixin (CuratorAdmin does), so every edit tells the page cache.
"""

from django.contrib import admin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from core.cache import content_changed
from core.models import GlossaryTerm, OrganisationType, Region, Role, Source, Theme
from curation.admin.base import CuratorAdmin, PublicPagesMixin


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


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(PublicPagesMixin, TaggitTagAdmin):
    """django-taggit's tag admin (rename, delete, merge); tag names are shown on public pages."""

    def merge_tags_view(self, request):
        response = super().merge_tags_view(request)
        if request.method == "POST" and response.status_code == 302:  # merged
            content_changed()
        return response
