"""A comparison as a PDF (landscape A4) or a Word file, for case studies and vanguard sites alike.

The same machinery as the checklists' downloads, from the shared base: WeasyPrint fetching only
our static files (core.pdf), the bounded render pool with its time limit (core.renders) and the
per-address limit (core.ratelimit). The finder knows no table, so everything here works on the
comparison's plain rows and the items' names and addresses.
"""

import io

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
        return renders.cached(fmt, identity, lambda: renders.render(to_docx, context))
    except PdfUnavailable as error:
        raise Refused(503, "The PDF cannot be made just now", UNAVAILABLE, 3600) from error
    except renders.Busy as error:
        raise Refused(429, "Too many downloads at once", BUSY, 10) from error


def to_docx(context):
    """An editable landscape A4 Word file: the title, one table (a column per item, the rows
    under their group headings), the items' addresses and where the comparison came from."""
    comparison, columns = context["comparison"], context["columns"]
    title = xml_safe(context["title"])
    word = _landscape_word(title)
    kicker = word.add_paragraph().add_run(f"{settings.SITE_NAME} · Comparison")
    kicker.font.color.rgb, kicker.font.size = GREY, Pt(8)
    word.add_heading(title, level=1)
    word.add_paragraph(xml_safe(context["summary"])).runs[0].font.size = Pt(8)
    table = word.add_table(rows=1, cols=len(columns) + 1)
    table.style = "Table Grid"
    _fill(table.rows[0].cells, ["", *(column["label"] for column in columns)], bold=True)
    for group, rows in comparison.groups:
        heading = table.add_row().cells
        merged = heading[0].merge(heading[-1])
        _fill([merged], [group], bold=True)
        for row in rows:
            cells = table.add_row().cells
            _fill(cells[:1], [row.label], bold=True)
            _fill(cells[1:], ["\n".join(parts) or "–" for parts in row.print_lists])
    _fill(table.add_row().cells, ["Address", *(column["url"] for column in columns)])
    word.add_paragraph(context["figures_note"]).runs[0].font.size = Pt(8)
    word.add_paragraph(f"From the {settings.SITE_NAME}: {context['url']}").runs[0].font.size = Pt(8)
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
