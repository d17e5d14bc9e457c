"""The one view flow every finder page shares: a download, or the page."""

from django.shortcuts import render

from finder.exports import export_response
from finder.page import find, present


def finder_page(request, finder, template, context=None):
    found = find(finder, request.GET)
    if found.state.format:
        return export_response(found)
    return render(request, template, {"finder": present(found), **(context or {})})
