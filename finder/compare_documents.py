"""A comparison as a PDF (landscape A4) or a Word file, for case studies and vanguard sites alike.

The same machinery as the checklists' downloads, from the shared base: WeasyPrint fetching only
our static files (core.pdf), the bounded render pool with its time limit (core.renders) and the
per-address limit (core.ratelimit). The finder knows no table, so everything here works on the
comparison's plain rows and the items' names and addresses.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt, RGBColor

from core import renders
from core.pdf import PdfUnavailable, to_pdf
from core.ratelimit import hit
from core.text import xml_safe

FORMATS = ("pdf", "docx")
PRINT_TEMPLATE = "includes/finder_compare_print.html"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
GREY = RGBColor(0x4C, 0x62, 0x72)
RATE_LIMITED = (
    "You have asked for more than {limit} PDF and Word files in the last minute, which is as "
    "many as we make for one connection. Please wait a minute and try again, or download the "
    "comparison as CSV."
)
BUSY = (
    "We are making other files at the moment, so this one could not be made just now. "
    "Please try again in a few seconds, or use your browser's Print command on the comparison."
)
UNAVAILABLE = (
    "PDF files cannot be made on this server just now. Use your browser's Print command on the "
    "comparison (choose “Save as PDF”), or download it as Word or CSV."
)


class Refused(Exception):
    """The file is not made: too many asked from this address, every slot taken, or no PDF."""

    def __init__(self, status, title, message, retry_after):
        super().__init__(message)
        self.status, self.title, self.message = status, title, message
        self.retry_after = retry_after


def make_file(request, *, fmt, identity, context):
    """The comparison's PDF or Word bytes, made once per content generation for ``identity``
    (what it shows: the tidy address); Refused when this request cannot have it now."""
    limit = settings.EXPORT_RATE_LIMIT
    if not hit("export", request, limit=limit, window=60):
        message = RATE_LIMITED.format(limit=limit)
        raise Refused(429, "Too many downloads at once", message, 60)
    try:
        if fmt == "pdf":
            html = render_to_string(PRINT_TEMPLATE, context, request=request)
            return renders.cached(fmt, identity, lambda: renders.render(to_pdf, html))
        table = WordTable.of(context)
        return renders.cached(fmt, identity, lambda: renders.render(to_docx, table))
    except PdfUnavailable as error:
        raise Refused(503, "The PDF cannot be made just now", UNAVAILABLE, 3600) from error
    except renders.Busy as error:
        raise Refused(429, "Too many downloads at once", BUSY, 10) from error


@dataclass(frozen=True)
class WordTable:
    """What the Word file shows, as plain text: it crosses to the render process by pickling."""

    title: str
    summary: str
    labels: tuple[str, ...]
    groups: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    urls: tuple[str, ...]
    figures_note: str
    url: str

    @classmethod
    def of(cls, context):
        columns = context["columns"]
        return cls(
            title=xml_safe(context["title"]),
            summary=xml_safe(context["summary"]),
            labels=tuple(column["label"] for column in columns),
            groups=tuple(
                (group, tuple((row.label, _cell_texts(row)) for row in rows))
                for group, rows in context["comparison"].groups
            ),
            urls=tuple(column["url"] for column in columns),
            figures_note=context["figures_note"],
            url=context["url"],
        )


def _cell_texts(row):
    return tuple("\n".join(parts) or "–" for parts in row.print_lists)


def to_docx(table):
    """An editable landscape A4 Word file: the title, one table (a column per item, the rows
    under their group headings), the items' addresses and where the comparison came from."""
    word = _landscape_word(table.title)
    kicker = word.add_paragraph().add_run(f"{settings.SITE_NAME} · Comparison")
    kicker.font.color.rgb, kicker.font.size = GREY, Pt(8)
    word.add_heading(table.title, level=1)
    word.add_paragraph(table.summary).runs[0].font.size = Pt(8)
    grid = word.add_table(rows=1, cols=len(table.labels) + 1)
    grid.style = "Table Grid"
    _fill(grid.rows[0].cells, ["", *table.labels], bold=True)
    for group, rows in table.groups:
        heading = grid.add_row().cells
        merged = heading[0].merge(heading[-1])
        _fill([merged], [group], bold=True)
        for label, texts in rows:
            cells = grid.add_row().cells
            _fill(cells[:1], [label], bold=True)
            _fill(cells[1:], texts)
    _fill(grid.add_row().cells, ["Address", *table.urls])
    word.add_paragraph(table.figures_note).runs[0].font.size = Pt(8)
    word.add_paragraph(f"From the {settings.SITE_NAME}: {table.url}").runs[0].font.size = Pt(8)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _landscape_word(title):
    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(10)
    section.top_margin = section.bottom_margin = Mm(10)
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(8)
    word.core_properties.title = title
    word.core_properties.author = settings.SITE_NAME
    return word


def _fill(cells, texts, *, bold=False):
    """Each text into its cell; the XML guard first, as for every other Word file we make."""
    for cell, text in zip(cells, texts, strict=True):
        cell.text = xml_safe(str(text))
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold, run.font.size = bold, Pt(8)
