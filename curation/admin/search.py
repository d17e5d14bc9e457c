"""The search's synonyms, which Publishers edit: the next search uses them, both ways."""

from django.contrib import admin

from curation.admin.base import CuratorAdmin
from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(CuratorAdmin):
    list_display = ["words", "note", "updated_at"]
    search_fields = ["words", "note"]
    fields = ["words", "note"]
