"""High Impact Actions, checklists and consultation areas in the one search index."""

from guidance.models import Checklist, ConsultationArea, HighImpactAction
from search.registry import Kind, Text


def _items(checklist):
    return " ".join(f"{item.title} {item.explanation}" for item in checklist.items.all())


def _lists(owner):
    return " ".join(
        f"{checklist.title} {_items(checklist)}"
        for checklist in owner.lists.all()
        if checklist.is_public
    )


def hia_text(hia):
    actions = " ".join(f"{a.title} {a.explanation}" for a in hia.planned_actions.all())
    return Text(
        title=f"{hia.number}. {hia.name}",
        summary=hia.summary,
        body="\n".join(
            filter(None, [hia.definition, hia.planned_actions_intro, actions, _lists(hia)])
        ),
        terms=hia.name_variants,
        meta=f"High Impact Action {hia.number}",
    )


def checklist_text(checklist):
    terms = [a.name for a in checklist.audiences.all()] + [t.name for t in checklist.themes.all()]
    return Text(
        title=checklist.title,
        summary=checklist.introduction,
        body="\n".join(filter(None, [checklist.printed_title, _items(checklist)])),
        terms=" ".join(terms),
        meta=checklist.get_kind_display(),
        theme_ids=tuple(theme.pk for theme in checklist.themes.all()),
    )


def area_text(area):
    return Text(
        title=f"{area.number} {area.title}",
        summary=area.summary,
        body="\n".join(
            filter(None, [area.what_respondents_said, area.sub_questions, _lists(area)])
        ),
        meta=f"Consultation question area {area.number}",
    )


KINDS = [
    Kind(
        key="hia",
        label="High Impact Action",
        rank=0,
        prior=0.9,
        published=lambda: HighImpactAction.objects.published().prefetch_related(
            "planned_actions", "lists__items"
        ),
        text=hia_text,
        model_label="guidance.HighImpactAction",
        depends_on=(("guidance.Checklist", "lists"),),
    ),
    Kind(
        key="checklist",
        label="Checklist",
        rank=4,
        prior=0.8,
        published=lambda: (
            Checklist.objects.published()
            .standalone()
            .prefetch_related("items", "audiences", "themes")
        ),
        text=checklist_text,
        model_label="guidance.Checklist",
        depends_on=(("core.Theme", "themes"),),
    ),
    Kind(
        key="area",
        label="Consultation question area",
        rank=5,
        prior=0.6,
        published=lambda: ConsultationArea.objects.published().prefetch_related("lists__items"),
        text=area_text,
        model_label="guidance.ConsultationArea",
        depends_on=(("guidance.Checklist", "lists"),),
    ),
]
