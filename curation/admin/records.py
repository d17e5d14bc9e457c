"""Admin for the curation records: redirects, the publication audit list and submissions."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from curation.admin.base import CsvExportMixin
from curation.models import PublicationEvent, SlugRedirect, Submission


@admin.register(PublicationEvent)
class PublicationEventAdmin(CsvExportMixin, admin.ModelAdmin):
    """Who published what and when: read-only, written only by the workflow itself."""

    list_display = [
        "created_at",
        "action",
        "item",
        "model_label",
        "from_status",
        "to_status",
        "user",
    ]  # noqa: E501
    list_filter = ["action", "model_label", "to_status", "user"]
    search_fields = ["object_repr", "note", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    actions = ["export_csv"]

    @admin.display(description="Item", ordering="object_repr")
    def item(self, obj):
        url = obj.admin_url()
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses that still lead to an item; recorded when a curator changes a slug."""

    list_display = ["old_slug", "model_label", "object_id", "created_at"]
    list_filter = ["model_label"]
    search_fields = ["old_slug"]


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
