"""High Impact Actions, checklists and the consultation pages."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from core.models import MEASURED_KINDS, Source, Status
from finder.exports import export_response
from finder.page import find, present
from finder.views import tell_page_cache
from guidance.filters import ChecklistFinder
from guidance.models import Checklist, ConsultationArea, HighImpactAction


def hia_list(request):
    hias = HighImpactAction.objects.published().annotate(
        case_count=Count("case_studies", filter=Q(case_studies__status=Status.PUBLISHED))
    )
    return render(request, "guidance/highimpactaction_list.html", {"hias": hias})


HIA_TEMPLATE = "guidance/highimpactaction_detail.html"


def hia_queryset():
    """Every status: the public page adds published(), the curators' preview does not."""
    return HighImpactAction.objects.for_detail()


def hia_evidence(hia):
    """The published case studies and vanguard sites linked to an action, strongest evidence
    first, each with its measured outcome figures; reached through the relations (sibling apps)."""
    cases = hia.case_studies.model.objects.published().filter(high_impact_actions=hia)
    sites = hia.vanguards.model.objects.published().filter(high_impact_actions=hia)
    items = [
        *cases.select_related("region").prefetch_related("key_figures"),
        *sites.select_related("region").prefetch_related("key_figures"),
    ]
    items.sort(key=lambda item: (-item.evidence_level, str(item)))
    counts = {}
    for item in items:
        for kind in {figure.outcome for figure in item.outcome_figures}:
            counts[kind] = counts.get(kind, 0) + 1
    by_kind = [(kind.label, counts[kind]) for kind in MEASURED_KINDS if kind in counts]
    return {"evidence": items, "evidence_by_kind": by_kind}


def hia_context(hia):
    """The page's context, built once for the public page and the curators' preview."""
    return {"hia": hia, **hia_evidence(hia)}


def hia_detail(request, slug):
    hia = get_object_or_404(hia_queryset().published(), slug=slug)
    return render(request, HIA_TEMPLATE, hia_context(hia))


def group_checklists(checklists, relation, sort_key):
    """[{"group": audience or theme, "checklists": [...], "item_count": n}], then the ungrouped."""
    groups, ungrouped = {}, []
    for checklist in checklists:
        related = getattr(checklist, relation).all()
        for obj in related:
            groups.setdefault(obj, []).append(checklist)
        if not related:
            ungrouped.append(checklist)
    rows = [(obj, groups[obj]) for obj in sorted(groups, key=sort_key)]
    if ungrouped:
        rows.append((None, ungrouped))
    return [
        {"group": obj, "checklists": members, "item_count": sum(c.item_count for c in members)}
        for obj, members in rows
    ]


def checklist_list(request):
    found = find(ChecklistFinder(), request.GET)
    if found.state.format:
        return tell_page_cache(export_response(found), found)
    finder = present(found)
    checklists = finder.object_list
    context = {
        "finder": finder,
        "checklists": checklists,
        "item_total": sum(c.item_count for c in checklists),
        "by_audience": group_checklists(checklists, "audiences", lambda a: a.name.lower()),
        "by_theme": group_checklists(checklists, "themes", lambda t: (t.order, t.name)),
    }
    return tell_page_cache(render(request, "guidance/checklist_list.html", context), found)


CHECKLIST_TEMPLATE = "guidance/checklist_detail.html"


def checklist_queryset():
    """Every status: the public page adds published(), the curators' preview does not."""
    return Checklist.objects.for_detail()


def checklist_context(checklist):
    """The page's context, built once for the public page and the curators' preview."""
    return {"checklist": checklist}


def checklist_detail(request, slug):
    checklist = get_object_or_404(checklist_queryset().published(), slug=slug)
    return render(request, CHECKLIST_TEMPLATE, checklist_context(checklist))


def consultation_overview(request):
    areas = ConsultationArea.objects.published().annotate(
        example_count=Count("examples", filter=Q(examples__status=Status.PUBLISHED))
    )
    source = Source.objects.filter(slug="d2").first()
    lists = (
        Checklist.objects.published()
        .filter(
            source__slug="d2", standalone=False, case_study__isnull=True, question_area__isnull=True
        )
        .prefetch_related("items")
    )
    context = {"areas": areas, "source": source, "lists": lists}
    return render(request, "guidance/consultation_overview.html", context)


AREA_TEMPLATE = "guidance/consultationarea_detail.html"


def consultation_area_queryset():
    """Every status: the public page adds published(), the curators' preview does not."""
    return ConsultationArea.objects.select_related("source")


def consultation_area_context(area):
    """The page's context, built once for the public page and the curators' preview."""
    return {
        "area": area,
        "examples": area.examples.published().for_cards(),
        "lists": area.lists.published().prefetch_related("items"),
    }


def consultation_area(request, slug):
    area = get_object_or_404(consultation_area_queryset().published(), slug=slug)
    return render(request, AREA_TEMPLATE, consultation_area_context(area))
