"""The search's synonyms and recommended pages, which Publishers edit: the next search uses
them (synonyms both ways)."""

from django import forms
from django.contrib import admin
from django.db.models import OuterRef, Subquery

from curation.admin.base import CuratorAdmin
from curation.forms import CuratorForm
from search.bets import keys_of
from search.models import BestBet, Document, Synonym, page_address


@admin.register(Synonym)
class SynonymAdmin(CuratorAdmin):
    list_display = ["words", "note", "updated_at"]
    search_fields = ["words", "note"]
    fields = ["words", "note"]


class BestBetForm(CuratorForm):
    def clean_url(self):
        url = page_address(self.cleaned_data["url"])
        if not Document.objects.filter(url=url).exists():
            raise forms.ValidationError(
                f"No published page has the address {url}. Open the page on the site and "
                "paste the address from the browser."
            )
        return url

    def clean_searches(self):
        searches = self.cleaned_data["searches"]
        if not keys_of(searches):
            raise forms.ValidationError(
                "Give at least one search with a word that means something (not only words "
                "such as 'how' or 'the')."
            )
        return searches


@admin.register(BestBet)
class BestBetAdmin(CuratorAdmin):
    form = BestBetForm
    list_display = ["searches", "url", "page_title", "updated_at"]
    search_fields = ["searches", "url", "note"]
    fields = ["searches", "url", "note"]

    @admin.display(description="Page", ordering="page_title")
    def page_title(self, obj):
        return obj.page_title or "(no published page has this address)"

    def get_queryset(self, request):
        titles = Document.objects.filter(url=OuterRef("url")).values("title")[:1]
        return super().get_queryset(request).annotate(page_title=Subquery(titles))
