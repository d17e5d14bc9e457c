"""Every model of the project's apps has a factory, and every factory makes valid rows.

Tests build their data with tests/factories.py; a model without a factory gets hand-made rows
that drift from the model's rules, and a factory that makes invalid rows tests a library that
cannot exist.
"""

import pytest
from django.apps import apps
from factory.django import DjangoModelFactory
from simple_history.models import HistoricalChanges

from tests import factories

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("core", "search", "casestudies", "vanguards", "guidance", "curation")
# django-simple-history's tables are written by saving the item itself, never by a test.
MODELS = sorted(
    (
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not issubclass(model, HistoricalChanges)
    ),
    key=lambda model: model._meta.label,
)
FACTORIES = sorted(
    (
        value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, DjangoModelFactory)
        and value._meta.model is not None
    ),
    key=lambda factory: factory.__name__,
)
# Arguments a factory needs for a valid row that its defaults leave to each test: a published
# case study needs a theme (CaseStudy.clean), and most tests choose the themes they count.
NEEDS = {
    factories.CaseStudyFactory: lambda: {"themes": [factories.ThemeFactory()]},
}


def test_every_model_has_a_factory():
    made = {factory._meta.model for factory in FACTORIES}
    missing = [model._meta.label for model in MODELS if model not in made]
    assert not missing, f"tests/factories.py has no factory for {', '.join(missing)}"


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_each_factory_makes_valid_rows(factory):
    extra = NEEDS.get(factory, dict)
    rows = [factory(**extra()) for _ in range(2)]  # two: sequences keep unique fields unique
    for row in rows:
        row.refresh_from_db()
        row.full_clean()
    assert rows[0].pk != rows[1].pk
    assert str(rows[0])


def test_bulk_library_makes_valid_published_case_studies():
    cases = factories.bulk_library(6)
    for case in cases:
        case.refresh_from_db()
        case.full_clean()
    assert {case.kind for case in cases} == {"case-study", "consultation-example"}


def test_a_curator_is_staff_in_the_named_group():
    editor = factories.make_curator("edna", "Editor")
    assert editor.is_staff and list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert factories.make_curator("sam").groups.count() == 0
