"""Admin for the curation records: redirects, the publication audit list and submissions."""

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from curation.admin.base import CsvExportMixin
from curation.models import PublicationEvent, SlugRedirect, Submission


@admin.register(PublicationEvent)
class PublicationEventAdmin(CsvExportMixin, admin.ModelAdmin):
    """Who published what and when: read-only, written only by the workflow itself."""

    list_display = ["what_happened", "created_at", "version", "note"]
    list_filter = ["action", "user"]
    search_fields = ["object_repr", "note", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    actions = ["export_csv"]

    @admin.display(description="What happened", ordering="object_repr")
    def what_happened(self, obj):
        """ "Pat Publisher published ‘Growth in Gateshead’ (case study)", linked to the item."""
        url = obj.admin_url()
        text = f"{obj.sentence()} ({obj.kind()})"
        return format_html('<a href="{}">{}</a>', url, text) if url else text

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses that still lead to an item; recorded when a curator changes a slug."""

    list_display = ["old_slug", "leads_to", "created_at"]
    search_fields = ["old_slug"]

    @admin.display(description="Now leads to")
    def leads_to(self, obj):
        """The item's kind and number (its title would cost a query per row)."""
        try:
            kind = apps.get_model(obj.model_label)._meta.verbose_name
        except LookupError:
            kind = obj.model_label
        return f"{kind} {obj.object_id}"


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Stories sent through the public form; the e-mail address is for curators only."""

    list_display = ["organisation", "place", "contact_email", "draft", "created_at"]
    search_fields = ["organisation", "place", "contact_email"]
    list_select_related = ["case_study"]
    readonly_fields = ["organisation", "place", "contact_email", "case_study", "created_at"]

    @admin.display(description="Draft case study")
    def draft(self, obj):
        if obj.case_study is None:
            return "(deleted)"
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:casestudies_casestudy_change", args=[obj.case_study.pk]),
            obj.case_study.title,
            obj.case_study.get_status_display(),
        )

    def has_add_permission(self, request):
        return False
