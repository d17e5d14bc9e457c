"""Printable documents (checklists, HIA action lists, plans) and their PDF, Word and Markdown files.

Every export takes the same neutral ``Document``, so a checklist, a High Impact Action and an
action plan all print and download the same way.
"""

import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from core.templatetags.library import render_markdown
from core.text import xml_safe_copy

FILENAME_PREFIX = "gp-innovation-library"
DOCX_GREY = RGBColor(0x4C, 0x62, 0x72)


@dataclass(frozen=True)
class Link:
    """A titled page of the library, e.g. a case study an item points to."""

    title: str
    path: str = ""


@dataclass(frozen=True)
class Item:
    """One tickable step: its title, Markdown explanation and the case studies that show it."""

    title: str
    explanation: str = ""
    case_studies: tuple[Link, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Document:
    """Everything a printed checklist shows, independent of the model it came from."""

    title: str
    slug: str
    kind: str
    path: str
    items: tuple[Item, ...]
    citation: tuple[str, ...]
    subtitle: str = ""
    source_label: str = ""
    meta: tuple[str, ...] = ()
    introduction: str = ""
    notes: tuple[str, ...] = ()
    practice: str = ""
    further_reading_heading: str = ""
    further_reading: tuple[Link, ...] = field(default_factory=tuple)
    back_link: Link | None = None

    @property
    def url(self):
        return absolute_url(self.path)

    @property
    def short_citation(self):
        return self.citation[0] if len(self.citation) == 1 else "; ".join(self.citation)

    def filename(self, extension):
        return f"{FILENAME_PREFIX}-{self.slug}.{extension}"


def citation(source, section="", pages=""):
    """'The Future of General Practice (Ockham Healthcare). Case study 6, page 38.': a reader
    knows a source by its title and the place in it, never by the curators' inventory code."""
    text = source.title
    known = [v for v in (source.publisher, source.year) if v and v != "not stated"]
    if source.publisher and source.publisher != "not stated":
        text += f" ({', '.join(known)})"
    text += "."
    where = section + (f", page {pages}" if pages else "")
    return f"{text} {where}." if where else text


def source_label(source, section="", pages=""):
    """'Source: The Future of General Practice, case study 6, page 38' for a page footer."""
    parts = [source.title, section, f"page {pages}" if pages else ""]
    return "Source: " + ", ".join(part for part in parts if part)


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


# -- Markdown ------------------------------------------------------------------------------------

RELATIVE_LINK = re.compile(r"\]\((/[^)\s]*)\)")


RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])(?!(?:https?://|mailto:)[^<>\s]*>)")
LINK_TARGET = re.compile(r"(\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)([^\s)>]*)", re.M)
SAFE_SCHEMES = ("http:", "https:", "mailto:")


def to_markdown(document):
    """A plain Markdown file a practice can edit in any text editor.

    Whatever a Markdown viewer would run stays inert, as the web page's sanitiser leaves it:
    raw HTML in curated text is escaped, links other than http(s)/mailto go nowhere, and the
    plan's title and practice (typed into the address by anyone) are plain text."""
    p = _plain
    lines = [f"# {p(document.title)}", ""]
    if document.subtitle:
        lines += [f"*{p(document.subtitle)}*", ""]
    lines += [f"*{settings.SITE_NAME} · {p(document.kind)}*", ""]
    lines += [f"- {p(line)}" for line in (*document.meta, document.source_label) if line] + [""]
    lines += [f"**Practice:** {p(document.practice) or '_' * 30}  ", f"**Date:** {'_' * 20}", ""]
    for note in document.notes:
        lines += [f"> {p(note)}", ""]
    if document.introduction:
        lines += [_curated(document.introduction), ""]
    for number, item in enumerate(document.items, start=1):
        lines += [f"## {number}. {p(item.title)}", ""]
        if item.origin:
            lines += [f"*{p(item.origin)}*", ""]
        if item.explanation:
            lines += [_curated(item.explanation), ""]
        if item.case_studies:
            links = "; ".join(_link(cs) for cs in item.case_studies)
            lines += [f"See: {links}", ""]
        lines += ["- [ ] Done", "- Owner: ", "- By when: ", "- Notes: ", ""]
    if document.further_reading:
        lines += [f"## {p(document.further_reading_heading)}", ""]
        lines += [f"- [ ] {_link(r)}" for r in document.further_reading]
        lines += [""]
    lines += ["---", ""]
    lines += [f"Source: {p(line)}  " for line in document.citation]
    lines += [f"From the {settings.SITE_NAME}: <{document.url}>", ""]
    return "\n".join(lines)


def _plain(text):
    """Text that must show as typed: no HTML, no link syntax."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("[", "\\[").replace("]", "\\]")


def _link(link):
    return f"[{_plain(link.title)}]({absolute_url(link.path)})"


def _curated(text):
    """Curated Markdown, with raw HTML escaped and unsafe link targets removed."""
    text = RAW_HTML.sub("&lt;", _absolute_links(text).strip())
    return LINK_TARGET.sub(_safe_target, text)


def _safe_target(match):
    target = html.unescape(match.group(2))
    target = "".join(ch for ch in target if ch.isprintable() and not ch.isspace()).lower()
    has_scheme = ":" in target.split("/", 1)[0]
    if has_scheme and not target.startswith(SAFE_SCHEMES):
        return match.group(1) + "#"
    return match.group(0)


def _absolute_links(text):
    return RELATIVE_LINK.sub(lambda m: f"]({absolute_url(m.group(1))})", text)


# -- Word (.docx) --------------------------------------------------------------------------------


def to_docx(document):
    """An editable Word file: A4, one heading per step, an owner/by when/notes table under each.

    Every text goes through the XML guard first: a control character stored before the
    input rule existed would make python-docx (lxml) refuse the whole file."""
    document = xml_safe_copy(document)
    word = _a4_word_document(document)
    _add_docx_title(word, document)
    _add_docx_fill_in(word, document)
    for note in document.notes:
        word.add_paragraph().add_run(note).italic = True
    _add_markdown(word, document.introduction)
    for number, item in enumerate(document.items, start=1):
        _add_docx_item(word, number, item)
    _add_docx_end(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _a4_word_document(document):
    """An empty A4 Word document in Arial 10.5 pt, titled after the document."""
    word = WordDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(16)
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(10.5)
    word.core_properties.title = document.title
    word.core_properties.subject = document.kind
    word.core_properties.author = settings.SITE_NAME
    return word


def _add_docx_title(word, document):
    """The site and kind in small grey type, the title, subtitle and meta lines."""
    kicker = word.add_paragraph()
    run = kicker.add_run(f"{settings.SITE_NAME} · {document.kind}")
    run.font.color.rgb, run.font.size = DOCX_GREY, Pt(9)
    word.add_heading(document.title, level=0)
    if document.subtitle:
        word.add_paragraph().add_run(document.subtitle).italic = True
    for line in document.meta:
        run = word.add_paragraph().add_run(line)
        run.font.color.rgb, run.font.size = DOCX_GREY, Pt(9)


def _add_docx_fill_in(word, document):
    """A one-row table for the practice's name and the date, as on the printed page."""
    fill_in = word.add_table(rows=1, cols=4)
    fill_in.style = "Table Grid"
    fill_in.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(
        fill_in.rows[0].cells, ("Practice", document.practice, "Date", ""), strict=True
    ):
        cell.text = text
    for cell in (fill_in.rows[0].cells[0], fill_in.rows[0].cells[2]):
        cell.paragraphs[0].runs[0].bold = True


def _add_docx_item(word, number, item):
    """One tickable step: heading, origin, explanation, case studies, owner/by when/notes."""
    word.add_heading(f"\u2610  {number}. {item.title}", level=2)
    if item.origin:
        run = word.add_paragraph().add_run(item.origin)
        run.italic, run.font.color.rgb, run.font.size = True, DOCX_GREY, Pt(9)
    _add_markdown(word, item.explanation)
    if item.case_studies:
        titles = "; ".join(cs.title for cs in item.case_studies)
        run = word.add_paragraph().add_run(f"See: {titles}")
        run.font.size = Pt(9)
    fields = word.add_table(rows=2, cols=2)
    fields.style = "Table Grid"
    fields.cell(0, 0).text = "Owner: "
    fields.cell(0, 1).text = "By when: "
    notes = fields.cell(1, 0).merge(fields.cell(1, 1))
    notes.text = "Notes: "
    for cell in (fields.cell(0, 0), fields.cell(0, 1), notes):
        cell.paragraphs[0].runs[0].bold = True
        cell.add_paragraph()


def _add_docx_end(word, document):
    """Further reading, the source and a footer naming the page, so a copy leads back here."""
    if document.further_reading:
        word.add_heading(document.further_reading_heading, level=2)
        for link in document.further_reading:
            word.add_paragraph(f"\u2610  {link.title} ({absolute_url(link.path)})")
    word.add_heading("Source", level=3)
    for line in document.citation:
        word.add_paragraph(line)
    word.add_paragraph(f"From the {settings.SITE_NAME}: {document.url}")
    footer = word.sections[0].footer.paragraphs[0]
    footer.text = f"{document.title} · {settings.SITE_NAME} · {document.url}"
    footer.runs[0].font.size = Pt(8)


def _add_markdown(word, text):
    for style, block in markdown_blocks(text):
        word.add_paragraph(block, style=style)


class _BlockParser(HTMLParser):
    """Flattens sanitised Markdown HTML into (Word style, text) paragraphs."""

    BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dt", "dd", "tr"}

    def __init__(self):
        super().__init__()
        self.blocks, self.lists, self.text, self.style = [], [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag in self.BLOCKS:
            self.flush()
            if tag == "li":
                self.style = "List Number" if self.lists[-1:] == ["ol"] else "List Bullet"
        elif tag in ("td", "th") and self.text:
            self.text.append(" | ")
        elif tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.text.append(data)

    def flush(self):
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.text)).strip()
        if text:
            self.blocks.append((self.style, text))
        self.text, self.style = [], None


def markdown_blocks(text):
    """Markdown as plain paragraphs: [(None | 'List Bullet' | 'List Number', text)]."""
    parser = _BlockParser()
    parser.feed(render_markdown(text))
    parser.close()
    parser.flush()
    return parser.blocks
