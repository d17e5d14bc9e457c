"""Side-by-side comparison shared by case studies and vanguard sites: read, align, export.

Rows are the results first (measured outcome figures grouped by kind: GP time, access, hospital
use …), then every structured field, then the context figures (size, dates, the position before
the change): figure labels differ from item to item, so lining figures up by kind is what makes
a row comparable across columns.
"""

import re
from dataclasses import asdict, dataclass, field

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from core.cache import store_as
from core.models import CONTEXT_KINDS, MEASURED_KINDS, OutcomeKind
from finder import compare_documents as documents
from finder.exports import csv_response
from finder.facets import clean_values
from finder.urls import encode

MIN_ITEMS = 2
MAX_ITEMS = 4
PARAM = "items"


class CompareError(Exception):
    """Why a comparison cannot be shown, as a page: an HTTP status, a heading and advice."""

    def __init__(self, status, title, message):
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


def read_slugs(data, *, noun_plural):
    """The slugs asked for, in order, from ``items=a,b`` and/or repeated ``items`` values."""
    raw = data.getlist(PARAM)
    slugs = clean_values(raw, limit=50)
    asked = sum(len([p for p in value.split(",") if p.strip()]) for value in raw[:50])
    repeated = asked - len(slugs)
    note = " (each one counts once, however often it is listed)" if repeated > 0 else ""
    if len(slugs) < MIN_ITEMS:
        chosen = "none" if not slugs else "only one"
        raise CompareError(
            400,
            f"Choose at least {MIN_ITEMS} {noun_plural} to compare",
            f"You chose {chosen}{note}. Tick {MIN_ITEMS} to {MAX_ITEMS} {noun_plural} in the "
            "list and press “Compare selected”.",
        )
    if len(slugs) > MAX_ITEMS:
        raise CompareError(
            400,
            f"Compare at most {MAX_ITEMS} {noun_plural} at a time",
            f"You chose {len(slugs)}{note}. A comparison has room for {MIN_ITEMS} to "
            f"{MAX_ITEMS} columns, so untick some and try again.",
        )
    return slugs


def fetch_in_order(queryset, slugs, *, noun_plural):
    """The published items for ``slugs`` in the order asked; a 404 naming any that are missing."""
    valid = [slug for slug in slugs if slug == slugify(slug)]
    items = {obj.slug: obj for obj in queryset.filter(slug__in=valid)}
    missing = [slug for slug in slugs if slug not in items]
    if missing:
        names = ", ".join(f"“{slug}”" for slug in missing)
        raise CompareError(
            404,
            f"Some {noun_plural} could not be found",
            f"We could not find {names}. It may have been renamed or unpublished; go back to "
            f"the list and choose again.",
        )
    return [items[slug] for slug in slugs]


def canonical_query(slugs, data):
    """The tidy query string for a comparison (items=a,b,c), keeping only=/format= if valid."""
    pairs = [(PARAM, ",".join(slugs))]
    formats = ("csv", *documents.FORMATS)
    for name, allowed in (("only", ("differences", "all")), ("format", formats)):
        chosen = [value for value in clean_values(data.getlist(name)) if value in allowed]
        if chosen:
            pairs.append((name, chosen[0]))
    return encode(pairs)


def is_canonical(data, query):
    """True when the request already uses the tidy query string (so no redirect is needed)."""
    return encode([(key, value) for key, values in data.lists() for value in values]) == query


@dataclass
class Row:
    label: str
    cells: list
    group: str = ""

    @property
    def texts(self):
        return [cell_text(cell) for cell in self.cells]

    @property
    def cell_lists(self):
        """Each cell as a list of texts (empty when the item has nothing here)."""
        lists = []
        for cell in self.cells:
            parts = cell if isinstance(cell, (list, tuple)) else [cell]
            lists.append([str(part) for part in parts if part not in (None, "")])
        return lists

    @property
    def print_lists(self):
        """``cell_lists`` with the sources' hard line breaks joined, paragraphs on lines of
        their own: what a PDF, a Word file or a CSV shows (its columns are narrower)."""
        return [[one_line_paragraphs(part) for part in parts] for parts in self.cell_lists]

    @property
    def differs(self):
        return len(set(self.texts)) > 1

    @property
    def empty(self):
        return not any(self.texts)


def cell_text(cell):
    if isinstance(cell, (list, tuple)):
        return "; ".join(str(part) for part in cell)
    return "" if cell is None else str(cell)


@dataclass
class Field:
    """One row: a label and a function from an item to its text, or a list of texts."""

    label: str
    value: object
    group: str = "At a glance"


@dataclass
class Comparison:
    items: list
    fields: list
    only_differences: bool | None = None  # None: differences only when most rows differ
    rows: list = field(init=False)

    def __post_init__(self):
        items = self.items
        fields = [Row(f.label, [f.value(item) for item in items], f.group) for f in self.fields]
        rows = figure_rows(self.items, MEASURED_KINDS, RESULTS) + fields
        rows += figure_rows(self.items, [*sorted(CONTEXT_KINDS), OutcomeKind.OTHER], CONTEXT)
        rows = [row for row in rows if not row.empty]
        self.all_rows = rows
        if self.only_differences is None:  # the default: differences when most rows differ
            self.only_differences = self.difference_count * 2 > len(rows)
        self.rows = [row for row in rows if row.differs] if self.only_differences else rows

    @property
    def groups(self):
        """Rows grouped under their headings, in order."""
        groups = []
        for row in self.rows:
            if not groups or groups[-1][0] != row.group:
                groups.append((row.group, []))
            groups[-1][1].append(row)
        return groups

    @property
    def colspan(self):
        return len(self.items) + 1

    @property
    def difference_count(self):
        return sum(1 for row in self.all_rows if row.differs)

    def csv(self, filename, *, absolute):
        """Every row, each paragraph on one line (the sources' hard line breaks joined), and
        absolute addresses (``absolute`` turns a path into a full URL) so the file travels."""
        header = ["Field"] + [str(item) for item in self.items]
        rows = [[row.label] + [one_line_paragraphs(t) for t in row.texts] for row in self.all_rows]
        rows.append(["Address"] + [absolute(item.get_absolute_url()) for item in self.items])
        return csv_response(filename, header, rows)


RESULTS = "Results: measured outcomes, by kind"
CONTEXT = "Context: size, dates and the position before the change"


def one_line_paragraphs(text):
    """Join the lines inside each paragraph; paragraphs stay on lines of their own."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def figure_rows(items, kinds, group):
    """One row per kind any item reports: each cell lists that item's figures of that kind."""
    rows = []
    for kind in kinds:
        cells = [
            [
                f"{figure.value} – {figure.label}"
                for figure in item.key_figures.all()
                if figure.outcome == kind
            ]
            for item in items
        ]
        if any(cells):
            rows.append(Row(str(OutcomeKind(kind).label), cells, group))
    return rows


def names(manager):
    return [obj.name for obj in manager.all()]


def population(item):
    if item.population_text:
        return item.population_text
    if item.population:
        return f"{item.population:,}"
    return "Not stated"


def source(item):
    text = f"{item.source.title}, {item.source_section}"
    return text + (f", p. {item.source_pages}" if item.source_pages else "")


def links(items, *, only, namespace):
    """Links for a comparison page: CSV, the differences toggle, remove a column, add more."""
    slugs = [item.slug for item in items]
    base = reverse(f"{namespace}:compare")
    query = "?" + encode([(PARAM, ",".join(slugs))])
    columns = []
    for item in items:
        rest = [slug for slug in slugs if slug != item.slug]
        remove = base + "?" + encode([(PARAM, ",".join(rest))]) if len(rest) >= MIN_ITEMS else ""
        columns.append({"item": item, "label": str(item), "remove_url": remove})
    return {
        "columns": columns,
        "only": only,
        "csv_url": base + query + "&format=csv",
        "pdf_url": base + query + "&format=pdf",
        "docx_url": base + query + "&format=docx",
        "all_url": base + query + "&only=all",
        "differences_url": base + query + "&only=differences",
        "add_url": reverse(f"{namespace}:list") + query if len(slugs) < MAX_ITEMS else "",
    }


@dataclass(frozen=True)
class Words:
    """How a comparison page names what it compares."""

    noun: str  # "case study"
    noun_plural: str  # "case studies"
    list_label: str  # the breadcrumb back to the list: "Case studies"
    figures_source: str  # "each source": whose figures are quoted as printed


TEMPLATE = "finder/compare.html"


def compare_page(request, *, queryset, fields, namespace, words, csv_name):
    """A whole comparison view: read and check the items, tidy the address, page or CSV."""
    list_url = reverse(f"{namespace}:list")
    base = {"list_url": list_url, **asdict(words)}
    try:
        slugs = read_slugs(request.GET, noun_plural=words.noun_plural)
        items = fetch_in_order(queryset, slugs, noun_plural=words.noun_plural)
    except CompareError as error:
        return render(request, TEMPLATE, {**base, "error": error}, status=error.status)
    canonical = canonical_query(slugs, request.GET)
    if not is_canonical(request.GET, canonical):
        return HttpResponseRedirect(f"{reverse(f'{namespace}:compare')}?{canonical}")
    only = {"differences": True, "all": False}.get(request.GET.get("only"))
    comparison = Comparison(items, fields, only_differences=only)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return store_as(comparison.csv(csv_name, absolute=request.build_absolute_uri), canonical)
    only = comparison.only_differences
    context = {**base, "comparison": comparison, **links(items, only=only, namespace=namespace)}
    if fmt in documents.FORMATS:
        page = f"{reverse(f'{namespace}:compare')}?{canonical.split('&format=')[0]}"
        stem = csv_name.removesuffix(".csv")
        return download(request, fmt=fmt, context=context, page=page, filename=f"{stem}.{fmt}")
    # The address is canonical (any other redirected above): the page cache may keep it.
    return store_as(render(request, TEMPLATE, context), canonical)


def download(request, *, fmt, context, page, filename):
    """The comparison as a PDF or Word file, with absolute addresses so the file travels; a
    "try again" page (429, or 503 without PDF support) when it cannot be made now."""
    absolute = request.build_absolute_uri
    comparison, noun_plural = context["comparison"], context["noun_plural"]
    columns = [
        {**column, "url": absolute(column["item"].get_absolute_url())}
        for column in context["columns"]
    ]
    shown = "; only those are shown" if comparison.only_differences else ""
    context = {
        **context,
        "columns": columns,
        "title": f"Comparison of {len(columns)} {noun_plural}",
        "summary": f"{comparison.difference_count} of {len(comparison.all_rows)} rows differ"
        f"{shown}.",
        "figures_note": f"Figures are quoted exactly as {context['figures_source']} prints them, "
        "results first, grouped by what they measure, then the context.",
        "url": absolute(page),
    }
    try:
        body = documents.make_file(request, fmt=fmt, identity=absolute(page), context=context)
    except documents.Refused as refused:
        error = CompareError(refused.status, refused.title, refused.message)
        response = render(
            request, TEMPLATE, {**context, "error": error, "back_url": page}, status=refused.status
        )
        response["Retry-After"] = str(refused.retry_after)
        return response
    response = HttpResponse(body, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
