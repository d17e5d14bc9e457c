"""The finder's template tags (a builtin: every template may use them)."""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from finder.declaration import finder_for_url

register = template.Library()

OPTION = (
    '<div class="nhsuk-checkboxes__item">'
    '<input class="nhsuk-checkboxes__input" id="{id}-{n}" name="{name}" type="checkbox" '
    'value="{value}"{checked}{disabled}>'
    '<label class="nhsuk-label nhsuk-checkboxes__label" for="{id}-{n}">{label} '
    '<span class="library-count">({count}<span class="nhsuk-u-visually-hidden"> {results}'
    "</span>)</span></label></div>\n"
)


def _options(facet):
    for number, option in enumerate(facet.options, start=1):
        count = int(option.count)
        yield {
            "id": facet.field_id,
            "n": number,
            "name": facet.name,
            "value": option.value,
            "checked": " checked" if option.selected else "",
            "disabled": " disabled" if option.disabled else "",
            "label": option.label,
            "count": count,
            "results": "result" if count == 1 else "results",
        }


@register.simple_tag
def facet_options(facet):
    """A facet's checkboxes. Formatted in Python rather than through an included template: a
    finder page can show hundreds of options (335 on the case-study finder at 66,000 case
    studies), and the same markup through the template engine was most of the page's render
    time. Every value is escaped (``html.escape``, as Django's ``escape`` does) before it is
    placed; doing that directly rather than through ``format_html`` took the finder's 335
    options from 5.2 ms to 1.4 ms a page (a script, best of 5 × 200)."""
    if not facet.options:
        return format_html('<p class="nhsuk-body-s">{}</p>', "Nothing to choose from yet.")
    return mark_safe("".join(OPTION.format_map(_escaped(option)) for option in _options(facet)))


TEXT_KEYS = ("id", "name", "value", "label")  # the rest are numbers and fixed words


def _escaped(values):
    return values | {key: escape(str(values[key])) for key in TEXT_KEYS}


@register.simple_tag
def finder_url(url_name, **params):
    """A link to a finder in a given state: ``{% finder_url "casestudies:list" theme=slug %}``.

    The parameters are checked against the finder's declaration, so a renamed facet fails
    loudly (in the tests) instead of leaving links that silently filter nothing."""
    return finder_for_url(url_name).link(params)
