"""Case studies and consultation examples in the one search index (search/registry.py)."""

from casestudies.models import CaseStudy, Kind
from search.registry import Kind as DocumentKind
from search.registry import Text


def _names(manager):
    return " ".join(obj.name for obj in manager.all())


def _lists(case_study):
    return " ".join(
        f"{checklist.title} "
        + " ".join(f"{i.title} {i.explanation}" for i in checklist.items.all())
        for checklist in case_study.lists.all()
        if checklist.is_public
    )


def published(kind):
    def items():
        return (
            CaseStudy.objects.published()
            .filter(kind=kind)
            .select_related("region")
            .prefetch_related(
                "themes",
                "roles",
                "tags",
                "organisation_types",
                "high_impact_actions",
                "key_figures",
                "lists__items",
            )
        )

    return items


def text(case_study):
    figures = " ".join(f"{f.label} {f.value}" for f in case_study.key_figures.all())
    region = case_study.region.name if case_study.region else ""
    body = [
        case_study.organisations,
        case_study.place,
        case_study.summary_points,
        case_study.problem,
        case_study.approach,
        case_study.impact,
        case_study.lessons,
        figures,
        _lists(case_study),
    ]
    terms = [
        _names(case_study.tags),
        _names(case_study.roles),
        _names(case_study.themes),
        _names(case_study.organisation_types),
        " ".join(h.name for h in case_study.high_impact_actions.all()),
        region,
    ]
    return Text(
        title=case_study.title,
        summary=" ".join(filter(None, [case_study.strapline, case_study.summary])),
        body="\n".join(filter(None, body)),
        terms=" ".join(filter(None, terms)),
        meta=" · ".join(filter(None, [case_study.place, region])),
        region_id=case_study.region_id,
        theme_ids=tuple(theme.pk for theme in case_study.themes.all()),
    )


# Rows whose change rewrites the documents of the case studies they belong to (their names
# are in its terms, or their text in its body). Roles, regions and organisation types have no
# change time: a rename reaches the index at the next content load (``indexing.rebuild``).
DEPENDS_ON = (("core.Theme", "themes"), ("guidance.Checklist", "lists"))

KINDS = [
    DocumentKind(
        key=Kind.CASE_STUDY,
        label="Case study",
        rank=1,
        prior=1.0,
        published=published(Kind.CASE_STUDY),
        text=text,
        model_label="casestudies.CaseStudy",
        depends_on=DEPENDS_ON,
    ),
    DocumentKind(
        key=Kind.CONSULTATION_EXAMPLE,
        label="Consultation example",
        rank=2,
        prior=0.5,
        published=published(Kind.CONSULTATION_EXAMPLE),
        text=text,
        model_label="casestudies.CaseStudy",
        depends_on=DEPENDS_ON,
    ),
]
