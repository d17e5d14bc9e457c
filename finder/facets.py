"""One small class per kind of facet: what it offers, how it reads its values, how it is indexed.

A finder's facets are declared on its ``FinderFilterSet`` (django-filter), whose form is the
finder's parameter cleaner: each facet's form field turns repeated or comma-separated GET
values into short, clean, distinct strings and is never invalid. Values a facet does not know
are not an error either: they are dropped and reported (``params`` for fixed choices,
``counts`` for related values, which are known only once the index is read).

Filtering itself is not done here: the facet index (``finder.index``) holds, for every option,
the set of published items that have it, and every consumer — pages, counts, exports, feeds,
related items, the site search — reads that one engine.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q

from core.text import clean_text

MAX_VALUES = 20
MAX_VALUE_LENGTH = 120


def clean_values(raw_values, *, limit=MAX_VALUES):
    """Short, clean, distinct strings from repeated and/or comma-separated GET values."""
    values = []
    for raw in raw_values:
        for part in clean_text(raw).split(","):
            part = part.strip()[:MAX_VALUE_LENGTH]
            if part and part not in values:
                values.append(part)
    return values[:limit]


class ValuesField(forms.Field):
    """Any number of short strings. Never invalid: the finder reports what it could not use."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if not value:
            return ()
        return tuple(clean_values([value] if isinstance(value, str) else value))


class Facet(django_filters.Filter):
    """A group of checkboxes; the options ticked within it are OR'd, facets are AND'd."""

    field_class = ValuesField

    def __init__(self, *, label, collapsed=False, help_text="", **kwargs):
        super().__init__(label=label, **kwargs)
        self.collapsed = collapsed
        self.help_text = help_text

    def filter(self, qs, value):
        """FinderFilterSet filters through the index as a whole (see ``FinderFilterSet``)."""
        return qs


class RelatedFacet(Facet):
    """Options are the related objects (by slug) that at least one published item has."""

    def __init__(
        self,
        path,
        *,
        label,
        value_field="slug",
        label_fields=("name",),
        order_by=None,
        label_format=None,
        **kwargs,
    ):
        super().__init__(label=label, field_name=path, **kwargs)
        self.path = path
        self.value_field = value_field
        self.label_fields = label_fields
        self.order_by = order_by or label_fields[0]
        self.label_format = label_format

    def option_label(self, parts):
        return self.label_format(*parts) if self.label_format else str(parts[0])


class ChoiceFacet(Facet):
    """A fixed list of options, each with its own condition on the item."""

    def __init__(self, *, label, choices, option_q=None, field_name=None, **kwargs):
        super().__init__(label=label, field_name=field_name, **kwargs)
        self.choices = tuple((str(value), str(text)) for value, text in choices)
        self.choice_map = dict(self.choices)
        self._option_q = option_q

    def option_q(self, value):
        """The condition an item meets to have option ``value`` (read once, by the index)."""
        if self._option_q is not None:
            return self._option_q(value)
        return Q(**{self.field_name: value})

    def unknown(self, values):
        return [value for value in values if value not in self.choice_map]


@dataclass(frozen=True)
class Band:
    """A numeric range (as field lookups, e.g. {"gte": 10000, "lte": 30000}) with a label."""

    value: str
    label: str
    lookups: dict


class BandFacet(ChoiceFacet):
    """Ranges of a number field, plus 'not stated' for empty values."""

    def __init__(self, field_name, *, label, bands, not_stated="Not stated", **kwargs):
        self.bands = {band.value: band for band in bands}
        choices = [(band.value, band.label) for band in bands]
        if not_stated:
            choices.append(("not-stated", not_stated))
        super().__init__(label=label, choices=choices, field_name=field_name, **kwargs)

    def option_q(self, value):
        if value == "not-stated":
            return Q(**{f"{self.field_name}__isnull": True})
        lookups = self.bands[value].lookups
        return Q(**{f"{self.field_name}__{lookup}": bound for lookup, bound in lookups.items()})
