"""The curators' versions in the admin: preview, history, compare and restore.

Mixed into CuratedAdmin (curation.admin.base); the workflow buttons are curation.admin.steps.
The writes themselves are curation.services functions, which also tell the page cache. An
address whose id is not an id answers 404, never a server error.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from curation import services
from curation.history import changes_between, same_text
from curation.preview import render_preview
from curation.workflow import can_publish


class VersionsMixin:
    """Preview, compare two versions and restore one (a new version, Publishers only)."""

    def revert_disabled(self, request, obj=None):
        return True  # restoring goes through restore_view (Publishers only, a new version)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Use “Restore this version” on the history page.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        extra = [
            path("<path:object_id>/preview/", self.preview_view, name=f"{name}_preview"),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{name}_restore",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request, object_id):
        """The public page as it will look; 404 for anyone who is not signed-in staff."""
        user = request.user
        if not (user.is_active and user.is_staff and self.has_view_or_change_permission(request)):
            raise Http404
        return render_preview(request, self.object_or_404(request, object_id))

    def object_or_404(self, request, object_id):
        """The item, or 404 for an id that names none (including ids that are not numbers)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} with that id.")
        return obj

    def compare_view(self, request, object_id):
        """A readable diff between two versions (default: the latest and the one before)."""
        obj = self.object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        history = obj.history.select_related("history_user").order_by("-history_id")
        records = list(history)
        if not records:
            raise Http404
        by_id = {r.history_id: r for r in records}
        new = by_id.get(_int(request.GET.get("new"))) or records[0]
        older = [r for r in records if r.history_id < new.history_id]
        old = by_id.get(_int(request.GET.get("old"))) or (older[0] if older else new)
        if old.history_id > new.history_id:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions: {obj}",
            "opts": self.model._meta,
            "object": obj,
            "records": records,
            "old": old,
            "new": new,
            "changes": changes_between(old, new) if old != new else [],
            "can_restore": can_publish(request.user, self.model),
            "restore_name": f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}"
            "_restore",
        }
        return TemplateResponse(request, "admin/curation/version_diff.html", context)

    def restore_view(self, request, object_id, history_id):
        """Publishers only: name the version and its author and ask; a confirmed POST brings
        it back as a new version."""
        obj = self.object_or_404(request, object_id)
        if not can_publish(request.user, self.model):
            raise PermissionDenied("Only a Publisher can restore an earlier version.")
        record = get_object_or_404(obj.history.model, history_id=history_id, id=obj.pk)
        if request.method == "POST" and "confirm" in request.POST:
            return _restore(self, request, obj, record)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore {services.version_name(record)}?",
            "opts": self.model._meta,
            "object": obj,
            "record": record,
            "version_name": services.version_name(record),
            "next_version": obj.version + 1,
            "changes": changes_between(obj.history.order_by("-history_id").first(), record),
        }
        return TemplateResponse(request, "admin/curation/restore_confirm.html", context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Name the fields each version changed (ignoring line-ending-only changes) and link it
        to a comparison with the version before; the values are on the compare page."""
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, foreign_keys_are_objs=False)
                previous.changed_fields = [
                    str(self.model._meta.get_field(c.field).verbose_name).capitalize()
                    for c in delta.changes
                    if not same_text(c.old, c.new)
                ]
                previous.compare_old = current.history_id
            previous = current

    def history_view(self, request, object_id, extra_context=None):
        self.object_or_404(request, object_id)
        opts = self.model._meta
        extra_context = {
            **(extra_context or {}),
            "compare_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_compare", args=[unquote(object_id)]
            ),
            "can_restore": can_publish(request.user, self.model),
            "restore_name": f"admin:{opts.app_label}_{opts.model_name}_restore",
        }
        return super().history_view(request, object_id, extra_context)


def _restore(model_admin, request, obj, record):
    model = model_admin.model
    change_url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
    )
    try:
        warnings = services.restore_version(obj, record, user=request.user)
    except (services.WorkflowError, services.ConcurrentEditError) as exc:
        text = "; ".join(exc.messages) if hasattr(exc, "messages") else "it changed meanwhile"
        model_admin.message_user(request, f"Not restored: {text}", messages.ERROR)
        return HttpResponseRedirect(change_url)
    model_admin.message_user(
        request,
        f"Restored {services.version_name(record)} as version {obj.version}. The status is "
        f"unchanged ({obj.get_status_display()}).",
        messages.SUCCESS,
    )
    for warning in warnings:
        model_admin.message_user(request, warning, messages.WARNING)
    return HttpResponseRedirect(change_url)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
