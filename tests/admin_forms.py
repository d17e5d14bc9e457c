"""Admin pages as a curator's browser sees them: their addresses, and a change form posted back.

Shared by the curation tests (and any other test of the admin), so they live here rather than
in a conftest module, which tests should not import.
"""

import datetime

from django.urls import reverse
from taggit.models import Tag
from taggit.utils import edit_string_for_tags


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def form_data(response):
    """The POST data a browser would send back unchanged from an admin change page."""
    data = {}

    def add(form):
        for bound in form:
            value = _value(bound)
            if value is not None:
                data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def _value(bound):
    """A bound field's value as the browser would post it (None: the browser sends nothing)."""
    value = bound.value()
    if value is None:
        return None
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], Tag):
            return edit_string_for_tags(value)
        return [str(getattr(v, "pk", v)) for v in value]
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
