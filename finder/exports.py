"""The finder's result set as CSV or JSON: every result, in the page's order."""

import csv
import re

from django.http import HttpResponse, JsonResponse


def csv_cell(value):
    """Text for a CSV cell; lists joined; formula-looking text defused for spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    value = str(value)
    if value[:1] in ("=", "@", "\t", "\r") or (
        value[:1] in ("+", "-") and not re.fullmatch(r"[+-][\d.,% ]*", value)
    ):
        value = "'" + value
    return value


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


def export_rows(found):
    finder = found.finder
    objects = found.rows(found.ordered, queryset_for=finder.get_export_queryset)
    return [[column.get(obj) for column in finder.export_columns] for obj in objects]


def export_response(found):
    """The download ``found.state.format`` names (csv or json)."""
    finder, state, counts = found.finder, found.state, found.counts
    rows = export_rows(found)
    if state.format == "csv":
        header = [column.label for column in finder.export_columns]
        return csv_response(f"{finder.export_name}.csv", header, rows)
    names = [column.name for column in finder.export_columns]
    facets = {
        facet.name: {
            "label": facet.label,
            "options": [
                {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                for o in facet.options
            ],
        }
        for facet in counts.facets
    }
    payload = {
        "count": len(rows),
        "search": state.search.text or None,
        "sort": state.sort,
        "filters": dict(found.selected()),
        "messages": list(state.messages + counts.messages),
        "facets": facets,
        "results": [dict(zip(names, row, strict=True)) for row in rows],
    }
    return JsonResponse(payload, json_dumps_params={"indent": 2, "ensure_ascii": False})
