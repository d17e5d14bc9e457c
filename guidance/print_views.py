"""Printable checklists, their PDF, Word and Markdown downloads, and the action plan builder."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from core import pdf, renders
from core.ratelimit import hit
from guidance import exports
from guidance import plan as plans
from guidance.models import Checklist, HighImpactAction, items_with_cases

logger = logging.getLogger(__name__)

PRINT_TEMPLATE = "guidance/print/document.html"
PDF_UNAVAILABLE_TEMPLATE = "guidance/print/pdf_unavailable.html"
PLAN_TEMPLATE = "guidance/plan_builder.html"
BUSY_TEMPLATE = "guidance/print/busy.html"
RATE_LIMITED = (
    "You have asked for more than {limit} PDF and Word files in the last minute, which is as "
    "many as we make for one connection. Please wait a minute and try again."
)
BUSY = (
    "We are making other files at the moment, so this one could not be made just now. "
    "Please try again in a few seconds."
)
FORMATS = ("print", "pdf", "docx", "md")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


def checklist_document(checklist):
    """A published checklist as a printable document."""
    items = tuple(
        exports.Item(
            title=item.title,
            explanation=item.explanation,
            case_studies=tuple(
                exports.Link(cs.title, cs.get_absolute_url()) for cs in item.case_studies.all()
            ),
        )
        for item in checklist.items.all()
    )
    count = len(items)
    meta = [f"{checklist.get_kind_display()} · {count} item{'' if count == 1 else 's'}"]
    audiences = ", ".join(a.name for a in checklist.audiences.all())
    if audiences:
        meta.append(f"For {audiences}")
    if checklist.home is not None:
        meta.append(f"Part of: {checklist.home}")
    notes = ()
    if checklist.incomplete_in_source:
        notes = (
            "The source document marks this list “to be completed”. It is printed as the "
            "source left it.",
        )
    return exports.Document(
        title=checklist.title,
        slug=checklist.slug,
        kind="Checklist",
        path=checklist.get_absolute_url(),
        items=items,
        citation=(
            exports.citation(checklist.source, checklist.source_section, checklist.source_pages),
        ),
        source_label=exports.source_label(
            checklist.source, checklist.source_section, checklist.source_pages
        ),
        subtitle=(
            f"Printed in the source as “{checklist.printed_title}”"
            if checklist.printed_title
            else ""
        ),
        meta=tuple(meta),
        introduction=checklist.introduction,
        notes=notes,
        back_link=exports.Link("Back to the checklist", checklist.get_absolute_url()),
    )


def hia_document(hia):
    """A High Impact Action's planned actions as a checklist, with its case studies to read."""
    items = tuple(
        exports.Item(title=action.title, explanation=action.explanation)
        for action in hia.planned_actions.all()
    )
    count = len(items)
    return exports.Document(
        title=hia.name,
        slug=hia.slug,
        kind=f"High Impact Action {hia.number}",
        path=hia.get_absolute_url(),
        items=items,
        citation=hia_citations(hia),
        source_label=exports.source_label(*planned_actions_origin(hia)),
        subtitle=hia.summary,
        meta=(f"What Somerset planned · {count} action{'' if count == 1 else 's'}",),
        introduction=hia.planned_actions_intro,
        further_reading_heading="Case studies that show it",
        further_reading=tuple(
            exports.Link(cs.title, cs.get_absolute_url()) for cs in hia.case_studies.all()
        ),
        back_link=exports.Link("Back to the High Impact Action", hia.get_absolute_url()),
    )


def planned_actions_origin(hia):
    """(source, section, pages) of Somerset's planned actions: their own document (the GP
    Board's proposal), not the document that defines the High Impact Action."""
    if hia.planned_actions_source is not None:
        return hia.planned_actions_source, hia.planned_actions_section, ""
    return hia.source, hia.source_section, hia.source_pages


def hia_citations(hia):
    """Where the planned actions come from, then where the action itself is defined."""
    own = exports.citation(hia.source, hia.source_section, hia.source_pages)
    return tuple(dict.fromkeys((exports.citation(*planned_actions_origin(hia)), own)))


def download_links(prefix, args=(), query=""):
    suffix = f"?{query}" if query else ""
    return {fmt: reverse(f"guidance:{prefix}-{fmt}", args=args) + suffix for fmt in FORMATS}


def document_response(request, document, fmt, links, identity):
    """The print page, or the document as a PDF, Word or Markdown download.

    PDF and Word files are the expensive ones: each address may ask for EXPORT_RATE_LIMIT a
    minute, each is made once per content generation for its ``identity`` (what it shows),
    and making one goes through the bounded render pool (guidance.renders)."""
    context = {"document": document, "links": links}
    if fmt == "print":
        return render(request, PRINT_TEMPLATE, context)
    if fmt == "md":
        return attachment(exports.to_markdown(document), fmt, document.filename("md"))
    limit = settings.EXPORT_RATE_LIMIT
    if not hit("export", request, limit=limit, window=60):
        return busy(request, context, RATE_LIMITED.format(limit=limit), retry_after=60)
    if fmt == "pdf":
        return pdf_response(request, document, context, identity)
    try:
        body = renders.cached(fmt, identity, lambda: renders.render(exports.to_docx, document))
    except renders.Busy:
        return busy(request, context, BUSY)
    return attachment(body, fmt, document.filename("docx"))


def busy(request, context, message, status=429, retry_after=10):
    """A friendly "try again" page, with the printable page and Markdown as ways round it.

    429 with Retry-After for both reasons (this address asked too often, or every render slot
    is taken): the request was refused to shed load, the server is not failing."""
    heading = "Too many downloads at once"
    context = {**context, "heading": heading, "message": message}
    response = render(request, BUSY_TEMPLATE, context, status=status)
    response["Retry-After"] = str(retry_after)
    return response


def attachment(body, fmt, filename):
    response = HttpResponse(body, content_type=CONTENT_TYPES.get(fmt, "application/pdf"))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(request, document, context, identity):
    html = render_to_string(PRINT_TEMPLATE, context, request=request)
    try:
        body = renders.cached("pdf", identity, lambda: renders.render(pdf.to_pdf, html))
    except pdf.PdfUnavailable:
        logger.warning("PDF generation is unavailable", exc_info=True)
        response = render(request, PDF_UNAVAILABLE_TEMPLATE, context, status=503)
        response["Retry-After"] = "3600"
        return response
    except renders.Busy:
        return busy(request, context, BUSY)
    return attachment(body, "pdf", document.filename("pdf"))


def checklist_export(request, slug, fmt):
    queryset = (
        Checklist.objects.published()
        .select_related("source", *Checklist.HOME_FIELDS)
        .prefetch_related("audiences", items_with_cases())
    )
    checklist = get_object_or_404(queryset, slug=slug)
    links = download_links("checklist", [slug])
    links["plan"] = plans.Plan(
        refs=tuple(plans.Ref("cl", checklist.list_id, i.order) for i in checklist.items.all())
    ).url()
    document = checklist_document(checklist)
    return document_response(request, document, fmt, links, f"checklist:{slug}")


def hia_export(request, slug, fmt):
    hia = get_object_or_404(HighImpactAction.objects.published().for_detail(), slug=slug)
    links = download_links("hia", [slug])
    refs = tuple(plans.Ref("hia", str(hia.number), a.order) for a in hia.planned_actions.all())
    if refs:
        links["plan"] = plans.Plan(refs=refs).url()
    return document_response(request, hia_document(hia), fmt, links, f"hia:{slug}")


def bad_plan(request, error):
    return render(request, "400.html", {"message": str(error)}, status=400)


def plan_export(request, fmt):
    try:
        plan = plans.parse_plan(request.GET)
    except plans.PlanError as error:
        return bad_plan(request, error)
    if fmt != "print" and not plans.is_canonical(plan, request.GET):
        # One address per plan (steps in order, title, practice): every other spelling of it
        # is sent there, so the file is made and cached once.
        return redirect(plan.url(f"guidance:plan-{fmt}"))
    resolved = plans.resolve(plan)
    links = download_links("plan", query=plan.query)
    document = plans.plan_document(resolved)
    return document_response(request, document, fmt, links, f"plan:{plan.query}")


def plan_builder(request):
    """Pick, order and name the steps of a plan; every change produces a new shareable URL."""
    try:
        plan = plans.parse_plan(request.GET)
        if plans.is_edit(request.GET):
            return redirect(plans.apply_edits(plan, request.GET).url())
    except plans.PlanError as error:
        return bad_plan(request, error)
    resolved = plans.resolve(plan)
    current = plans.Plan(plan.title, plan.practice, tuple(e.ref for e in resolved.entries))
    chosen = {entry.ref for entry in resolved.entries}
    context = {
        "plan": current,
        "items_value": ",".join(ref.token for ref in current.refs),
        "steps": _plan_steps(current, resolved.entries),
        "missing": resolved.missing,
        "checklist_choices": _checklist_choices(chosen),
        "hia_choices": _hia_choices(chosen),
        "links": download_links("plan", query=current.query),
        "share_url": request.build_absolute_uri(current.url()),
        "max_items": plans.MAX_ITEMS,
        "max_text": plans.MAX_TEXT,
    }
    return render(request, PLAN_TEMPLATE, context)


def _plan_steps(current, entries):
    """Each chosen step with the URLs that move it up, down or out of the plan."""
    last = len(entries) - 1
    return [
        {
            "entry": entry,
            "up": current.moved(i, -1).url() if i > 0 else "",
            "down": current.moved(i, +1).url() if i < last else "",
            "remove": current.without(i).url(),
        }
        for i, entry in enumerate(entries)
    ]


def _checklist_choices(chosen):
    """Every standalone checklist's items as steps a plan can take, ticked if already chosen."""
    checklists = (
        Checklist.objects.published()
        .standalone()
        .select_related("source")
        .prefetch_related("items")
        .order_by("source__code", "title")
    )
    return [
        {
            "title": checklist.title,
            "label": checklist.source.title,
            "path": checklist.get_absolute_url(),
            "options": [
                _option(plans.Ref("cl", checklist.list_id, item.order), item.title, chosen)
                for item in checklist.items.all()
            ],
        }
        for checklist in checklists
    ]


def _hia_choices(chosen):
    """Every High Impact Action's planned actions as steps a plan can take, ticked if chosen."""
    hias = HighImpactAction.objects.published().prefetch_related("planned_actions")
    return [
        {
            "title": f"High Impact Action {hia.number}: {hia.name}",
            "label": f"HIA {hia.number}",
            "path": hia.get_absolute_url(),
            "options": [
                _option(plans.Ref("hia", str(hia.number), action.order), action.title, chosen)
                for action in hia.planned_actions.all()
            ],
        }
        for hia in hias
    ]


def _option(ref, title, chosen):
    return {"token": ref.token, "title": title, "chosen": ref in chosen}
