"""Template filters shared by every app."""

from html import escape

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "def_list", "abbr"]


def render_markdown(text):
    """Markdown to HTML, then sanitised: a small allow-list of tags; http(s)/mailto links."""
    if not text:
        return ""
    html = markdown_lib.markdown(str(text), extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A wide table scrolls inside a keyboard-focusable region on a phone, not the whole page.
TABLE_START = (
    '<div class="library-table-scroll" role="region" aria-label="Table" tabindex="0"><table>'
)


@register.filter(name="markdown")
def markdown_filter(text):
    html = render_markdown(text).replace("<table>", TABLE_START)
    return mark_safe(html.replace("</table>", "</table></div>"))  # noqa: S308 - sanitised by nh3


@register.filter
def nbsp_thousands(value):
    """Format a whole number with thousands separators (12,345)."""
    if value is None or value == "":
        return ""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


@register.simple_tag
def facet_options(facet):
    """A facet's checkboxes. Built in Python: a finder page can show hundreds of options, and
    the same markup through the template engine was most of the page's render time. Every
    value from the finder is escaped here."""
    if not facet.options:
        return mark_safe('<p class="nhsuk-body-s">Nothing to choose from yet.</p>')
    name = escape(facet.name)
    field_id = escape(facet.field_id)
    parts = []
    for number, option in enumerate(facet.options, start=1):
        count = int(option.count)
        parts.append(
            f'<div class="nhsuk-checkboxes__item">'
            f'<input class="nhsuk-checkboxes__input" id="{field_id}-{number}" name="{name}" '
            f'type="checkbox" value="{escape(option.value)}"'
            f"{' checked' if option.selected else ''}{' disabled' if option.disabled else ''}>"
            f'<label class="nhsuk-label nhsuk-checkboxes__label" for="{field_id}-{number}">'
            f'{escape(option.label)} <span class="library-count">({count}'
            f'<span class="nhsuk-u-visually-hidden"> result{"" if count == 1 else "s"}'
            f"</span>)</span></label></div>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated value is escaped above
