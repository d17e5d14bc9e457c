"""Every content type, declared once, so no layer above keeps its own list of them.

The curators' workflow, dashboard and preview, the old-slug redirects, the sitemap and the
backups read this registry. The base names no content app: each app registers its own types
when Django starts (its ``AppConfig.ready()`` imports its ``registry.py``), in
INSTALLED_APPS order.

A new content type needs exactly this (tests/core/test_registry.py fails until it agrees):

1. In its own app: a model inheriting ``core.models.PublishableModel`` with a
   ``publish_<model>`` permission in ``Meta.permissions``; in ``views.py`` a queryset function
   (every status, its detail prefetches) and a context function (item -> template context)
   that the public detail view uses, as ``casestudies.views.detail_context`` is; its detail
   template, URLs and a ``core.sitemaps.PublishedSitemap``.
2. One ``register(ContentType(...))`` in ``<app>/registry.py``, imported by the app's
   ``AppConfig.ready()``. That puts it on the curators' dashboard and preview (which calls the
   same two view functions, so it cannot drift from the public page), in the old-slug
   redirects, the sitemap (``sitemaps()``) and ``make backup`` (``backup_apps()``).
3. Because ``content`` and ``curation`` sit above the content apps and cannot be registered
   into from below: a ``Spec`` in ``content/specs.py`` ``ITEM_SPECS``, after every kind it
   links to, if its items live in fixtures/ (the content wipe runs in the reverse order);
   and its ModelAdmin in ``curation/admin/``.

(Not Django's ``contenttypes.ContentType``: that names every model; this names the few
that the public reads and the curators publish.)
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

# Backed up besides the content apps: the base, the curators' records, tags and accounts
# (dumpdata labels, kept in this order so a restore reads the base first).
BACKUP_BEFORE = ("core",)
BACKUP_AFTER = ("curation", "taggit", "auth.user", "auth.group")


@dataclass(frozen=True)
class ContentType:
    """One kind of item the public reads and the curators publish."""

    model_label: str  # "casestudies.CaseStudy"
    key: str  # "case-studies": its sitemap section (and anchor on the search page)
    detail_template: str
    detail_queryset: Callable  # () -> every status, prefetched; the public view adds published()
    detail_context: Callable  # (item) -> the detail template's context
    url_prefix: str  # URL names starting with this take this item's slug as `slug`
    list_url_name: str = ""
    sitemap: type | None = None
    publishable: bool = True  # curators move it through draft, review, published, archived
    backup: bool = True  # its app's tables go into `make backup`

    @property
    def label(self):
        """'casestudies.casestudy': how SlugRedirect and PublicationEvent name the model."""
        return self.model_label.lower()

    @property
    def app_label(self):
        return self.model_label.partition(".")[0]

    @property
    def model(self):
        return apps.get_model(self.model_label)


_registry: dict[str, ContentType] = {}


def register(content_type):
    """Add a content type; registering the same one twice (ready() may run twice) is a no-op."""
    existing = _registry.get(content_type.label)
    if existing == content_type:
        return content_type
    clash = [c for c in _registry.values() if content_type.key == c.key]
    if existing is not None or clash:
        raise ImproperlyConfigured(
            f"{content_type.model_label}: its model or its key {content_type.key!r} is already"
            " registered."
        )
    _registry[content_type.label] = content_type
    return content_type


def registered():
    """Every content type, in the order the apps registered them."""
    return tuple(_registry.values())


def publishable():
    return tuple(c for c in _registry.values() if c.publishable)


def for_label(label):
    try:
        return _registry[label.lower()]
    except KeyError:
        raise LookupError(f"No content type is registered for {label}.") from None


def for_model(model):
    return for_label(model._meta.label_lower)


def for_url_name(view_name):
    """The content type whose pages this URL name (e.g. 'guidance:hia-print') shows, or None."""
    for content_type in _registry.values():
        if view_name and view_name.startswith(content_type.url_prefix):
            return content_type
    return None


def sitemaps():
    """{section: Sitemap class} for django.contrib.sitemaps, one section per content type."""
    return {c.key: c.sitemap for c in _registry.values() if c.sitemap is not None}


def backup_apps():
    """The dumpdata labels a JSON backup holds (make backup prints them with shell -c)."""
    content_apps = dict.fromkeys(c.app_label for c in _registry.values() if c.backup)
    return (*BACKUP_BEFORE, *content_apps, *BACKUP_AFTER)
