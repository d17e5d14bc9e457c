"""The case-study finder's filters."""

import django_filters

from casestudies.models import CaseStudy, Kind
from core.models import Region, Role, Theme
from guidance.models import HighImpactAction


class CaseStudyFilter(django_filters.FilterSet):
    theme = django_filters.ModelMultipleChoiceFilter(
        field_name="themes__slug", to_field_name="slug", queryset=Theme.objects.all()
    )
    role = django_filters.ModelMultipleChoiceFilter(
        field_name="roles__slug", to_field_name="slug", queryset=Role.objects.all()
    )
    region = django_filters.ModelMultipleChoiceFilter(
        field_name="region__slug", to_field_name="slug", queryset=Region.objects.all()
    )
    hia = django_filters.ModelMultipleChoiceFilter(
        field_name="high_impact_actions__slug",
        to_field_name="slug",
        queryset=HighImpactAction.objects.all(),
        label="High Impact Action",
    )
    kind = django_filters.MultipleChoiceFilter(choices=Kind.choices)
    tag = django_filters.CharFilter(field_name="tags__slug")

    class Meta:
        model = CaseStudy
        fields = ["theme", "role", "region", "hia", "kind", "tag"]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()
