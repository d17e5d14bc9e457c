"""Old slugs keep working: a permanent redirect from an item's old URL to its current one."""

from django.apps import apps
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from core import registry
from curation.models import SlugRedirect


def model_for_view(view_name):
    """The model label whose slug this URL name takes (registry url_prefix), or None."""
    content_type = registry.for_url_name(view_name)
    return content_type.label if content_type else None


def public_target(label, slug):
    """The published item that used to have this slug, or None."""
    redirect = SlugRedirect.objects.filter(model_label=label, old_slug=slug).first()
    if redirect is None:
        return None
    model = apps.get_model(label)
    target = model._default_manager.published().filter(pk=redirect.object_id).first()
    if target is None or target.slug == slug:
        return None
    return target


def redirect_or_404(model, slug):
    """For a detail view's 404 path: redirect an old slug to the item's current URL."""
    target = public_target(model._meta.label_lower, slug)
    if target is None:
        raise Http404(f"No {model._meta.verbose_name} with that address.")
    return HttpResponsePermanentRedirect(target.get_absolute_url())


def redirect_for_request(request):
    """A 301 to the current URL when this request's path names an item by an old slug."""
    if request.method not in ("GET", "HEAD"):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    slug = match.kwargs.get("slug")
    label = model_for_view(match.view_name)
    if not slug or label is None:
        return None
    target = public_target(label, slug)
    if target is None:
        return None
    try:
        url = reverse(match.view_name, args=match.args, kwargs=match.kwargs | {"slug": target.slug})
    except NoReverseMatch:
        return None
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
