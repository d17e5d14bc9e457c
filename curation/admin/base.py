"""Admin building blocks for curators: safe editing, ordered rows, CSV, and the page cache.

The four content apps' admin modules build on these classes; the publish actions and the
version views are in curation.admin.workflow.
"""

import csv
import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.cache import content_changed
from core.models import Status
from curation import services
from curation.admin.steps import StepsMixin
from curation.admin.workflow import VersionsMixin
from curation.forms import ChildForm, CuratedForm, CuratedInlineFormSet, CuratorForm
from curation.workflow import can_edit, transition_error

DUE_SOON_DAYS = 30
ORDER_OFFSET = 10_000  # moves rows out of the way while a unique order is rewritten
CHILD_FIELDS = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})},
    models.URLField: {"assume_scheme": "https"},
}


class ReviewDueFilter(admin.SimpleListFilter):
    """Find what needs checking against its source again."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("soon", f"Due within {DUE_SOON_DAYS} days"),
            ("never", "Never reviewed"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_due__lt=today)
        if self.value() == "soon":
            return queryset.filter(
                review_due__gte=today, review_due__lte=today + datetime.timedelta(DUE_SOON_DAYS)
            )
        if self.value() == "never":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


def csv_safe(value):
    """Spreadsheets run cells that start with = + - @ as formulas; make them plain text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class CsvExportMixin:
    """'Export selected as CSV': every field, links as names, for anyone who can view."""

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        opts = self.model._meta
        fields = [f for f in opts.concrete_fields]
        m2m = [f for f in opts.many_to_many if not f.name.startswith("_")]
        relations = [f.name for f in fields if f.is_relation]
        queryset = queryset.select_related(*relations).prefetch_related(*[f.name for f in m2m])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{opts.model_name}-{stamp}.csv"'
        response.write("\ufeff")  # lets Excel read UTF-8
        writer = csv.writer(response)
        writer.writerow([str(f.verbose_name) for f in fields + m2m])
        for obj in queryset:
            row = []
            for f in fields:
                value = getattr(obj, f.name)
                if f.choices:
                    value = getattr(obj, f"get_{f.name}_display")()
                row.append(csv_safe(value))
            for f in m2m:
                row.append(csv_safe("; ".join(str(o) for o in getattr(obj, f.name).all())))
            writer.writerow(row)
        return response


class PublicPagesMixin:
    """Every admin write tells the page cache, once the whole change is written, if it is public.

    Django's admin calls save_related() after save_model() on every save (the change form and
    the changelist's editable rows), so that is where the row, its inlines, links and tags are
    all written; deleting one item or the selected ones ends in the two delete methods. Saving
    a draft (or an item in review) leaves the public pages and the facet index as they are.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A form that does not know the stored status (a changelist row) counts as public.
        was_published = getattr(form, "db_status", Status.PUBLISHED) == Status.PUBLISHED
        content_changed(obj=form.instance, was_published=was_published)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed(obj=obj)

    def delete_queryset(self, request, queryset):
        has_status = any(f.name == "status" for f in queryset.model._meta.concrete_fields)
        public = not has_status or queryset.filter(status=Status.PUBLISHED).exists()
        super().delete_queryset(request, queryset)
        if public:
            content_changed()


class CuratorAdmin(PublicPagesMixin, CsvExportMixin, admin.ModelAdmin):
    """Admin for reference data (themes, sources, vocabularies): CSV export and help text."""

    form = CuratorForm
    actions = ["export_csv"]
    list_per_page = 50


class ChildInline(admin.TabularInline):
    """Ordered rows inside an item; `order` decides where each row appears."""

    form = ChildForm
    formset = CuratedInlineFormSet
    extra = 0
    ordering = ["order", "pk"]
    formfield_overrides = CHILD_FIELDS

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_edit(request.user, obj)


class StackedChildInline(ChildInline):
    template = "admin/edit_inline/stacked.html"


class CuratedAdmin(PublicPagesMixin, StepsMixin, VersionsMixin, CsvExportMixin, SimpleHistoryAdmin):
    """Publishable content: the draft -> review -> published workflow and safe editing."""

    form = CuratedForm
    change_form_template = "admin/curation/change_form.html"
    object_history_template = "admin/curation/object_history.html"
    actions = [
        "send_for_review",
        "publish_selected",
        "return_to_draft",
        "unpublish_selected",
        "export_csv",
    ]
    list_per_page = 50
    save_on_top = True
    readonly_fields = ["published_at", "updated_by", "updated_at", "version"]
    # Plain, labelled controls: the vocabularies are short, and select2's autocomplete boxes
    # have no accessible names.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    workflow_fieldset = (
        "Workflow",
        {
            "fields": [
                "status",
                "published_at",
                ("last_reviewed", "review_due"),
                ("updated_by", "updated_at"),
                "version",
                "opened_version",
            ],
            "description": "Editors save drafts and send them for review (“In review”); "
            "a Publisher publishes. The review date defaults to two years after the last review.",
        },
    )
    source_fieldset = (
        "Source",
        {
            "fields": ["source", "source_section", "source_pages"],
            "description": "Where this comes from: every public page names its source.",
        },
    )

    # -- permissions --------------------------------------------------------------------
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit(request.user, obj)

    # -- the form -----------------------------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def get_fieldsets(self, request, obj=None):
        return [*self.fieldsets, self.source_fieldset, self.workflow_fieldset]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def view_on_site(self, obj):
        if obj.status == Status.PUBLISHED:
            return obj.get_absolute_url()
        return self.preview_url(obj)

    def preview_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                extra_context["preview_url"] = self.preview_url(obj)
                extra_context["compare_url"] = reverse(
                    f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_compare",
                    args=[obj.pk],
                )
                extra_context["workflow_steps"] = self.steps_for(request, obj)
                if not can_edit(request.user, obj):
                    extra_context["locked_message"] = (
                        f"This item is {obj.get_status_display().lower()}, so only a Publisher "
                        "can change it. Ask a Publisher to return it to draft if it needs work."
                    )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ConcurrentEditError:
            # Someone saved between this form's version check and its save: show them why.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        user = request.user
        error = transition_error(user, self.model, form.db_status, obj.status)
        if error:
            raise PermissionDenied(error)
        obj.updated_by = user
        obj._history_user = user
        services.defer_history(obj)
        if change:
            opened = form.cleaned_data.get("opened_version")
            services.bump_version(obj, opened if opened is not None else obj.version)
        obj.save()  # sets published_at on first publication

    def get_urls(self):
        return self.step_urls() + super().get_urls()

    def _create_formsets(self, request, obj, change):
        """Keep this request's inline formsets where the form's merge can compare them."""
        formsets, inlines = super()._create_formsets(request, obj, change)
        request.curation_formsets = formsets
        return formsets, inlines

    def response_change(self, request, obj):
        """ "Save" returns to the item, not to a list page that may not show it."""
        response = super().response_change(request, obj)
        if "_continue" in request.POST or "_addanother" in request.POST:
            return response
        if "_saveasnew" in request.POST or response.status_code != 302:
            return response
        return HttpResponseRedirect(request.path)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        services.commit_version(obj, user=request.user, reason=form.merge_reason)
        if form.merged is not None:
            self.message_user(request, merge_message(form.merged), messages.INFO)
        services.record_slug_change(obj, form.db_slug)
        services.record_event(obj, user=request.user, old=form.db_status, new=obj.status)

    def save_formset(self, request, form, formset, change):
        """Save ordered rows so that swapping two rows' order never trips a unique order."""
        model = formset.model
        if getattr(formset, "keep_stored", False):  # a merge kept the rows someone else saved
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return None
        if "order" not in {f.name for f in model._meta.fields}:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        deleted = {id(f) for f in formset.deleted_forms}
        kept = [f.instance for f in formset.initial_forms if id(f) not in deleted]
        rows = kept + list(formset.new_objects)
        parent = {formset.fk.name: form.instance}
        model._default_manager.filter(**parent).update(order=F("order") + ORDER_OFFSET)
        highest = max([r.order for r in rows if r.order is not None] or [0])
        for row in rows:
            if row.order is None:
                highest += 1
                row.order = highest
            row.save()
        formset.save_m2m()
        if getattr(formset, "replace_stored", False):  # the curator chose their rows
            stored = model._default_manager.filter(**parent)
            stored.exclude(pk__in=[row.pk for row in rows]).delete()
        return None

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("status", Status.DRAFT)
        return initial

    # -- list columns -------------------------------------------------------------------
    @admin.display(description="Themes")
    def theme_list(self, obj):
        return ", ".join(t.name for t in obj.themes.all())

    @admin.display(description="Updated", ordering="updated_at")
    def updated(self, obj):
        who = f" by {obj.updated_by}" if obj.updated_by_id else ""
        return format_html("{}{}", timezone.localtime(obj.updated_at).strftime("%d %b %Y"), who)

    def get_queryset(self, request):
        # The changelist ignores list_select_related once a queryset has any select_related.
        related = self.list_select_related
        related = related if isinstance(related, list | tuple) else []
        return super().get_queryset(request).select_related("updated_by", *related)


def merge_message(merged):
    """What a merged save kept from whom, for the message after saving."""
    who = merged.by or "another curator"
    theirs = ", ".join(u.label for u in merged.theirs)
    mine = ", ".join(u.label for u in merged.mine)
    parts = [f"{who} saved version {merged.version} while you were editing; it was merged."]
    if theirs:
        parts.append(f"Kept their changes to: {theirs}.")
    if mine:
        parts.append(f"Saved your changes to: {mine}.")
    return " ".join(parts)
