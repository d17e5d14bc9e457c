"""Vanguard sites in the one search index (search/registry.py)."""

from search.registry import Kind, Text
from vanguards.models import VanguardSite


def published():
    return VanguardSite.objects.published().select_related("region").prefetch_related("themes")


def text(site):
    region = site.region.name if site.region else ""
    body = [
        site.area,
        site.model_elements,
        site.worked_well,
        site.did_not_work,
        site.learnings,
        site.contract_type,
        site.practices_text,
        site.population_text,
    ]
    terms = [" ".join(t.name for t in site.themes.all()), site.get_care_model_display(), region]
    return Text(
        title=site.name,
        summary=site.summary,
        body="\n".join(filter(None, body)),
        terms=" ".join(filter(None, terms)),
        meta=site.area,
        region_id=site.region_id,
        theme_ids=tuple(theme.pk for theme in site.themes.all()),
    )


KINDS = [
    Kind(
        key="vanguard",
        label="Vanguard site",
        rank=3,
        prior=0.8,
        published=published,
        text=text,
        model_label="vanguards.VanguardSite",
        depends_on=(("core.Theme", "themes"),),
    )
]
