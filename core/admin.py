"""Admin for vocabularies, sources, themes and the glossary."""

from django.contrib import admin

from core.models import GlossaryTerm, OrganisationType, Region, Role, Source, Theme


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(Region, VocabularyAdmin)
admin.site.register(OrganisationType, VocabularyAdmin)


@admin.register(Role)
class RoleAdmin(VocabularyAdmin):
    list_display = ["name", "category", "slug"]
    list_filter = ["category"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "publisher", "year", "seed_file"]
    search_fields = ["title", "code", "publisher"]
    prepopulated_fields = {"slug": ["code"]}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug", "updated_at"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "expansion", "editorial", "updated_at"]
    list_filter = ["editorial", "sources"]
    search_fields = ["term", "expansion", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    filter_horizontal = ["sources"]
