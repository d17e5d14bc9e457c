"""The workflow's buttons: "Send for review", "Publish", "Return to draft", "Unpublish".

On the change form each is a button to a short page that asks for an optional note (kept in
the publication events) and says what will happen; in the list each is an action with the
same page. A button is shown only to those who may press it; the services check again.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from curation import services
from curation.history import changes_between
from curation.publishing import STEP_LABELS, available_steps, take_step
from curation.workflow import can_publish

DONE = {
    "review": "sent for review",
    "publish": "published",
    "draft": "returned to draft",
    "unpublish": "unpublished",
}
DEPENDANTS = [
    ("archive", "Unpublish them too"),
    ("detach", "Keep them published, no longer part of this page"),
]


class StepForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept with the publication events, e.g. why it changes now.",
    )
    dependants = forms.ChoiceField(
        label="Items that are part of this page",
        choices=DEPENDANTS,
        initial="archive",
        required=False,
        widget=forms.RadioSelect,
    )


class StepsMixin:
    """Workflow buttons on the change form and matching actions in the list."""

    def has_publish_permission(self, request, obj=None):
        return can_publish(request.user, self.model)

    def has_review_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def steps_for(self, request, obj):
        opts = self.model._meta
        return [
            {
                "label": STEP_LABELS[step],
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_step", args=[obj.pk, step]
                ),
            }
            for step in available_steps(request.user, obj)
        ]

    def step_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/workflow/<str:step>/",
                self.admin_site.admin_view(self.step_view),
                name=f"{opts.app_label}_{opts.model_name}_step",
            )
        ]

    def step_view(self, request, object_id, step):
        obj = self.get_object(request, object_id)
        if obj is None or step not in STEP_LABELS:
            raise Http404
        if step not in available_steps(request.user, obj):
            raise PermissionDenied(f"You cannot {STEP_LABELS[step].lower()} this item now.")
        opts = self.model._meta
        back = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return self._step(request, step, [obj], back=back, action_url=request.path)

    def _step(self, request, step, objects, *, back, action_url, selected=None):
        form = StepForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                changed = take_step(
                    step,
                    objects,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    dependants=form.cleaned_data["dependants"] or "archive",
                )
            except (services.WorkflowError, services.ConcurrentEditError) as exc:
                text = "; ".join(getattr(exc, "messages", ["it changed a moment ago"]))
                self.message_user(request, f"Nothing was {DONE[step]}: {text}", messages.ERROR)
            else:
                names = ", ".join(f"“{o}”" for o in changed) or "nothing (no change needed)"
                self.message_user(request, f"{names.capitalize()}: {DONE[step]}.", messages.SUCCESS)
                return HttpResponseRedirect(back)
        return TemplateResponse(
            request,
            "admin/curation/step_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{STEP_LABELS[step]}: {', '.join(str(o) for o in objects)}",
                "opts": self.model._meta,
                "step": step,
                "label": STEP_LABELS[step],
                "objects": objects,
                "form": form,
                "problems": _problems(step, objects),
                "dependants": _dependants(step, objects),
                "back": back,
                "action_url": action_url,
                "selected": selected,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _list_step(self, request, queryset, step):
        objects = list(queryset)
        refused = [o for o in objects if step not in available_steps(request.user, o)]
        if refused:
            names = ", ".join(f"“{o}”" for o in refused)
            self.message_user(
                request,
                f"Nothing was {DONE[step]}: you cannot {STEP_LABELS[step].lower()} {names} now.",
                messages.ERROR,
            )
            return None
        return self._step(
            request,
            step,
            objects,
            back=request.get_full_path(),
            action_url=request.get_full_path(),
            selected={"action": request.POST.get("action"), "ids": [o.pk for o in objects]},
        )

    @admin.action(description="Send for review", permissions=["review"])
    def send_for_review(self, request, queryset):
        return self._list_step(request, queryset, "review")

    @admin.action(description="Publish", permissions=["publish"])
    def publish_selected(self, request, queryset):
        return self._list_step(request, queryset, "publish")

    @admin.action(description="Return to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        return self._list_step(request, queryset, "draft")

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        return self._list_step(request, queryset, "unpublish")


def _problems(step, objects):
    """What stops publishing, with the changes since review, shown before anyone confirms."""
    if step != "publish":
        return []
    rows = []
    for obj in objects:
        lines = services.publication_problems(obj)
        review = services.review_problem(obj)
        changes = []
        if review:
            lines.append(review)
            changes = _since_review(obj)
        if lines:
            rows.append({"obj": obj, "lines": lines, "changes": changes})
    return rows


def _since_review(obj):
    history = obj.history.order_by("-history_id")
    reviewed = history.filter(version=services.reviewed_version(obj)).first()
    latest = history.first()
    return changes_between(reviewed, latest) if reviewed and latest else []


def _dependants(step, objects):
    if step != "unpublish":
        return []
    return [
        {"home": obj, "item": item, "kind": item._meta.verbose_name}
        for obj in objects
        for _name, item in services.live_dependants(obj)
    ]
