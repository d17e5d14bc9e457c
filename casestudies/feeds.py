"""Atom feeds: every published case study, or exactly the set any finder state shows."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from casestudies.filters import CaseStudyFinder
from core.text import xml_safe
from finder.page import find
from finder.results import order

FEED_SIZE = 50


def _xml_safe(value):
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(v) for v in value)
    return xml_safe(value)


class SafeAtomFeed(Atom1Feed):
    """Atom that drops what XML cannot hold from every text, as the guard at the way out: one
    old row with a control character would otherwise make the feed a 500 for everyone."""

    def __init__(self, *args, **kwargs):
        args = [_xml_safe(v) for v in args]
        super().__init__(*args, **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        args = [_xml_safe(v) for v in args]
        super().add_item(*args, **{k: _xml_safe(v) for k, v in kwargs.items()})


class CaseStudyFeed(Feed):
    """/feeds/case-studies/ takes the finder's parameters, e.g. ?theme=new-roles&region=london."""

    feed_type = SafeAtomFeed

    def get_object(self, request, *args, **kwargs):
        return find(CaseStudyFinder(), request.GET)

    def title(self, found):
        described = describe(found)
        return "GP Innovation Library: case studies" + (f" – {described}" if described else "")

    def subtitle(self, found):
        return (
            "Case studies and consultation examples of change in English general practice, "
            "newest first."
        )

    def link(self, found):
        urls = found.urls()
        return urls.url(urls.pairs(sort=False, basket=False))

    def items(self, found):
        newest = order(found.finder, found.state, found.matches, found.counts, sort="newest")
        return found.rows(newest[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom marks the summary type="html", so readers parse it as HTML: escape plain text.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


def describe(found):
    """The applied search and filters in words: 'Theme: New roles; Region: North West'."""
    parts = []
    if found.state.search:
        parts.append(f"search “{found.state.search.text}”")
    for state in found.counts.facets:
        if state.selected:
            parts.append(f"{state.label}: " + " or ".join(o.label for o in state.selected))
    return "; ".join(parts)
