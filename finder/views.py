"""The one view flow every finder page shares: a download, or the page."""

from django.shortcuts import render

from core.cache import do_not_store, store_as
from finder.exports import export_response
from finder.page import find, present
from finder.urls import encode


def finder_page(request, finder, template, context=None):
    """``context``: more for the template, or a function of what was found that gives it."""
    found = find(finder, request.GET)
    if found.state.format:
        response = export_response(found)
    else:
        extra = context(found) if callable(context) else context or {}
        response = render(request, template, {"finder": present(found), **extra})
    return tell_page_cache(response, found)


def tell_page_cache(response, found):
    """The page cache keys a finder page by its canonical state (known parameters, tidied), and
    keeps no page that reports ignored parameters: junk addresses add no entries."""
    if found.state.messages:
        return do_not_store(response)
    page = int(found.state.page) if found.state.page.isdigit() else None
    extra = [("format", found.state.format)] if found.state.format else []
    return store_as(response, encode(found.urls().pairs(page=page) + extra))
