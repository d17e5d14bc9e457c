"""Writes for curation: versioned saves, publishing, restoring, redirects and the audit list.

The admin form, the admin actions and the restore view all call these, so the rules hold
whichever way a change arrives. Each write that changes public pages ends with
core.cache.content_changed(); what an item must have to be published is its model's clean().
"""

import random
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from casestudies.models import CaseStudy, KeyFigure, Kind
from content.specs import M2M, TAGS
from core.cache import content_changed
from core.models import Source, Status
from curation.models import PublicationEvent, SlugRedirect, Submission
from curation.publishing import (  # noqa: F401 - the workflow's writes, as services
    live_dependants,
    publication_problems,
    review_problem,
    send_for_review,
    set_status,
)
from curation.versions import (  # noqa: F401 - versions and the audit list, as services
    RELATED_KINDS,
    ConcurrentEditError,
    WorkflowError,
    bump_version,
    commit_version,
    defer_history,
    record_event,
    related_content,
    reviewed_version,
    snapshot_for,
    spec_for,
)
from curation.workflow import can_publish, model_label

RESTORE_EXCLUDED = {
    "id",
    "status",
    "published_at",
    "version",
    "updated_by",
    "created_at",
    "updated_at",
}


# -- slugs ------------------------------------------------------------------------------
def record_slug_change(obj, old_slug):
    """Keep the old URL working: remember old_slug for obj (and free obj's new slug)."""
    if not old_slug or old_slug == obj.slug:
        return
    label = model_label(type(obj))
    SlugRedirect.objects.filter(model_label=label, old_slug=obj.slug).delete()
    SlugRedirect.objects.update_or_create(
        model_label=label, old_slug=old_slug, defaults={"object_id": obj.pk}
    )


def old_address_of(obj, slug):
    """The other item whose old address `slug` is (None if it is free for obj to take)."""
    redirect = (
        SlugRedirect.objects.filter(model_label=model_label(type(obj)), old_slug=slug)
        .exclude(object_id=obj.pk or 0)
        .first()
    )
    return redirect.target() if redirect is not None else None


# -- restoring --------------------------------------------------------------------------
def version_name(record):
    """ "version 3 (saved by Pat Publisher, 2 Dec 2026 14:05)": a version as curators name it."""
    user = record.history_user
    who = (user.get_full_name() or user.get_username()) if user else "the content files"
    when = timezone.localtime(record.history_date).strftime("%-d %b %Y %H:%M")
    return f"version {record.version} (saved by {who}, {when})"


def restore_version(obj, record, *, user):
    """Bring back an earlier version's content as a new version (Publishers only).

    The workflow status stays as it is now: restoring changes what the item says, and
    publishing stays a separate, deliberate step. Returns a list of warnings (links to
    items that no longer exist).
    """
    model = type(obj)
    if not can_publish(user, model):
        raise PermissionDenied("Only a Publisher can restore an earlier version.")
    if record.instance_type is not model or record.id != obj.pk:
        raise PermissionDenied("That version belongs to another item.")
    with transaction.atomic():
        bump_version(obj, obj.version)
        old_slug = obj.slug
        for f in model._meta.concrete_fields:
            if f.name not in RESTORE_EXCLUDED:
                setattr(obj, f.attname, getattr(record, f.attname))
        obj.updated_by = user
        _check(obj, exclude=["updated_by"])
        defer_history(obj)
        obj.save()
        warnings = _restore_related(obj, record)
        _check(obj, exclude=["updated_by"])  # the restored links must keep the model's rules
        commit_version(obj, user=user)
        record_slug_change(obj, old_slug)
        record_event(
            obj,
            user=user,
            old=obj.status,
            new=obj.status,
            action=PublicationEvent.Action.RESTORED,
            note=f"Restored {version_name(record)}",
        )
        content_changed(obj=obj)  # the status stays: restoring a draft changes nothing public
    return warnings


def _check(obj, *, exclude):
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise WorkflowError([f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()]) from exc


def _restore_related(obj, record):
    """Links, tags and rows from the version's snapshot (or, for old versions, its m2m)."""
    snapshot = snapshot_for(record)
    if snapshot is not None:
        return apply_related(obj, snapshot)
    for field in record._history_m2m_fields:
        through = getattr(record, field.name).model
        target = next(
            f
            for f in through._meta.fields
            if f.is_relation and f.related_model is field.related_model
        )
        ids = getattr(record, field.name).values_list(target.attname, flat=True)
        getattr(obj, field.name).set(list(ids))
    return []


def apply_related(obj, data):
    """Set links, tags and nested rows from snapshot data; returns warnings for lost links."""
    spec = spec_for(type(obj))
    warnings = []
    for f in spec.fields:
        if f.key not in data or f.kind not in RELATED_KINDS:
            continue
        value = data[f.key] or []
        if f.kind == M2M:
            getattr(obj, f.name).set(_resolve(f, value, warnings))
        elif f.kind == TAGS:
            getattr(obj, f.name).set(value, clear=True)
        else:
            _replace_children(obj, f, value, warnings)
    return warnings


def _resolve(f, slugs, warnings):
    model = f.model()
    found = dict(
        model._default_manager.filter(**{f"{f.lookup}__in": slugs}).values_list(f.lookup, "pk")
    )
    for slug in slugs:
        if slug not in found:
            warnings.append(f"{f.key}: “{slug}” no longer exists, so it was left out.")
    return [found[s] for s in slugs if s in found]


def _replace_children(obj, f, rows, warnings):
    spec = f.children
    model = spec.get_model()
    getattr(obj, f.name).all().delete()
    for order, row in enumerate(rows, start=1):
        child = model(**{spec.parent_attr: obj, "order": order})
        links = {}
        for c in spec.fields:
            if c.kind == M2M:
                links[c] = row.get(c.key) or []
            else:
                value = row.get(c.key)
                setattr(child, c.name, value if value is not None else (c.default or ""))
        child.save()
        for c, slugs in links.items():
            getattr(child, c.name).set(_resolve(c, slugs, warnings))


# -- public submissions -----------------------------------------------------------------
SUBMISSION_SOURCE = {
    "slug": "practice-submissions",
    "code": "WEB",
    "kind": "submission",
    "title": "Practice submission",
    "seed_file": "(none: sent through the library's website)",
    "description": "Stories that practices proposed through the library's “Share your "
    "practice's story” form. A curator checks each one with the practice before publishing.",
    "year": "not stated",
}
FIRST_SUBMISSION_NUMBER = 1001  # clear of the book's case study numbers


def summary_from(text, limit=300):
    first = normalise_paragraph(text.strip().split("\n\n")[0])
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


def normalise_paragraph(text):
    return " ".join(text.split())


class TryAgain(Exception):
    """A submission could not be saved for a passing reason (a busy database); nothing was
    saved, and the practice is asked to send it again."""


SUBMISSION_ATTEMPTS = 6


def create_submission(
    *, organisation, place, contact_email, themes, roles, what_they_did, impact, figures
):
    """Turn a practice's story into a DRAFT case study plus a private Submission record.

    Submissions are numbered one at a time: each first locks the submissions' source row (on
    SQLite the write lock, taken before anything is read, so no two transactions both read and
    then both wait to write), and a clash that still happens is retried. Raises TryAgain, never
    a database error, when the database stays busy.
    """
    base = slugify(f"{organisation} {place}")[:100].strip("-") or "practice-story"
    for attempt in range(SUBMISSION_ATTEMPTS):
        try:
            with transaction.atomic():
                Source.objects.filter(slug=SUBMISSION_SOURCE["slug"]).update(slug=F("slug"))
                source, new_source = Source.objects.get_or_create(
                    slug=SUBMISSION_SOURCE["slug"],
                    defaults={k: v for k, v in SUBMISSION_SOURCE.items() if k != "slug"},
                )
                case = _draft_story(base, organisation, place, what_they_did, impact, source)
                defer_history(case)
                case.save()
                case.themes.set(themes)
                case.roles.set(roles)
                for order, (label, value) in enumerate(figures, start=1):
                    KeyFigure.objects.create(case_study=case, order=order, label=label, value=value)
                commit_version(case, user=None)
                Submission.objects.create(
                    case_study=case,
                    organisation=organisation,
                    place=place,
                    contact_email=contact_email,
                )
                if new_source:
                    content_changed(obj=source)  # the draft is private; the new source is listed
                return case
        except (IntegrityError, OperationalError):
            # Another submission took the number or slug, or held the database, a moment ago.
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    raise TryAgain("The database was busy; nothing was saved.")


def _draft_story(base, organisation, place, what_they_did, impact, source):
    """The unsaved draft, numbered after the book's case studies, with a free slug."""
    highest = CaseStudy.objects.filter(kind=Kind.CASE_STUDY).aggregate(m=Max("number"))["m"] or 0
    slug, n = base, 1
    while CaseStudy.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return CaseStudy(
        kind=Kind.CASE_STUDY,
        number=max(highest, FIRST_SUBMISSION_NUMBER - 1) + 1,
        slug=slug,
        title=f"{organisation}, {place}"[:200],
        organisations=organisation,
        place=place,
        summary=summary_from(what_they_did),
        approach=what_they_did.replace("\r\n", "\n").strip(),
        impact=impact.replace("\r\n", "\n").strip(),
        source=source,
        source_section=f"Submitted through the website on {timezone.localdate():%d %B %Y}",
        status=Status.DRAFT,
    )
