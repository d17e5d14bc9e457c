"""Template filters shared by every app."""

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
