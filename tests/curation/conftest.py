"""Curators, their signed-in clients and a helper that re-posts an admin change form."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.urls import reverse
from taggit.models import Tag
from taggit.utils import edit_string_for_tags


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Curators' passwords are hashed once per test; the slow production hasher is not needed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def make_curator(username, group=None, **extra):
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-pass-phrase-1", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_curator("edna", "Editor")


@pytest.fixture
def publisher(db):
    return make_curator("percy", "Publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


def _value(bound):
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


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
