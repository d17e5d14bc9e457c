"""The workflow's writes: send for review, publish, return to draft, unpublish.

Publishing publishes the version that was reviewed and nothing else; an item goes live only
when the page it belongs on (its required home) is live; unpublishing names the live items
that depend on it. Every change keeps the curator's note in the publication events.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.cache import content_changed
from core.models import Status
from curation.models import PublicationEvent
from curation.versions import (
    WorkflowError,
    bump_version,
    commit_version,
    defer_history,
    record_event,
    reviewed_version,
)
from curation.workflow import can_edit, can_publish

SUBMITTED = PublicationEvent.Action.SUBMITTED


def publication_problems(obj):
    """Why obj cannot be published yet (empty when it can): its model's rules, as if published,
    and every required home that is not published itself."""
    problems = []
    status, obj.status = obj.status, Status.PUBLISHED
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        problems = _messages(obj, exc)
    finally:
        obj.status = status
    return problems + unpublished_homes(obj)


def unpublished_homes(obj):
    """Lines naming each page obj is shown on (REQUIRED_HOMES) that the public cannot see."""
    lines = []
    for name in getattr(type(obj), "REQUIRED_HOMES", ()):
        home = getattr(obj, name)
        if home is not None and getattr(home, "status", Status.PUBLISHED) != Status.PUBLISHED:
            lines.append(
                f"it belongs on “{home}”, which is {home.get_status_display().lower()}: publish "
                "that first, or choose another home."
            )
    return lines


def live_dependants(obj):
    """Published items whose required home is obj: unpublishing obj would leave them homeless.

    Returns [(field name, item)] in a stable order.
    """
    found = []
    for relation in type(obj)._meta.related_objects:
        model, name = relation.related_model, relation.field.name
        if name not in getattr(model, "REQUIRED_HOMES", ()) or relation.many_to_many:
            continue
        rows = model._default_manager.filter(**{name: obj}, status=Status.PUBLISHED)
        found += [(name, item) for item in rows.order_by("pk")]
    return found


def _messages(obj, exc):
    """A model's ValidationError as lines for curators, each naming its field."""
    lines = []
    for field, messages in exc.message_dict.items():
        name = field if field == "__all__" else obj._meta.get_field(field).verbose_name
        lines.extend(f"{name}: {m}" for m in messages)
    return lines


def review_problem(obj):
    """Why a Publisher may not publish obj as it is now (None when it may be published).

    An item in review goes live only at the version that was sent for review: anything an
    Editor changed after that has not been reviewed.
    """
    if obj.status != Status.REVIEW:
        return None
    reviewed = reviewed_version(obj)
    if reviewed is None or reviewed == obj.version:
        return None
    return (
        f"“{obj}” changed after it was sent for review (version {reviewed}; it is now version "
        f"{obj.version}). Check the changes, then send it for review again to publish it."
    )


def set_status(objects, *, user, status, note=""):
    """Publish, unpublish or return to draft several items in one transaction: all or none.

    Returns the items whose status changed. Raises PermissionDenied for anyone but a
    Publisher, WorkflowError listing every item that cannot be changed.
    """
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    if not can_publish(user, model):
        raise PermissionDenied("Only a Publisher can publish, unpublish or return to draft.")
    if status == Status.PUBLISHED:
        problems = [f"“{obj}”: {p}" for obj in objects for p in publication_problems(obj)]
        problems += [p for p in map(review_problem, objects) if p]
        if problems:
            raise WorkflowError(problems)
    return _change(objects, user=user, status=status, note=note)


def send_for_review(objects, *, user, note=""):
    """Editors and Publishers: record each item's current version as the one to review.

    An item already in review is sent again when it changed since (its new version is then
    the reviewed one); items that are published or archived cannot be sent.
    """
    objects = list(objects)
    refused = [o for o in objects if o.status not in (Status.DRAFT, Status.REVIEW)]
    refused += [o for o in objects if not can_edit(user, o)]
    if refused:
        raise WorkflowError(
            [
                f"“{o}” is {o.get_status_display().lower()}: only drafts go for review."
                for o in refused
            ]
        )
    again = [o for o in objects if o.status == Status.REVIEW and reviewed_version(o) != o.version]
    changed = _change(objects, user=user, status=Status.REVIEW, note=note)
    return changed + _resubmit(again, user=user, note=note)


def _change(objects, *, user, status, note):
    changed, public = [], False
    with transaction.atomic():
        for obj in objects:
            if obj.status == status:
                continue
            old = obj.status
            public = public or Status.PUBLISHED in (old, status)
            bump_version(obj, obj.version)
            obj.status = status
            obj.updated_by = user
            defer_history(obj)
            obj.save()  # sets published_at on first publication
            commit_version(obj, user=user)
            record_event(obj, user=user, old=old, new=status, note=note)
            changed.append(obj)
        if public:  # sending a draft for review changes nothing a reader sees
            content_changed()
    return changed


def _resubmit(objects, *, user, note):
    """Items in review that changed since: their current version becomes the reviewed one."""
    for obj in objects:
        record_event(
            obj, user=user, old=Status.REVIEW, new=Status.REVIEW, action=SUBMITTED, note=note
        )
    return objects


# -- the workflow's buttons -------------------------------------------------------------
STEP_LABELS = {
    "review": "Send for review",
    "publish": "Publish",
    "draft": "Return to draft",
    "unpublish": "Unpublish",
}


def available_steps(user, obj):
    """The workflow buttons this user may press for obj now, in the order they are shown."""
    steps = []
    sent = obj.status == Status.REVIEW and reviewed_version(obj) != obj.version
    if can_edit(user, obj) and (obj.status == Status.DRAFT or sent):
        steps.append("review")
    if can_publish(user, type(obj)):
        if obj.status in (Status.REVIEW, Status.ARCHIVED):
            steps.append("publish")
        if obj.status in (Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED):
            steps.append("draft")
        if obj.status == Status.PUBLISHED:
            steps.append("unpublish")
    return steps


def take_step(step, objects, *, user, note="", dependants="archive"):
    """Press one workflow button for several items; unpublishing also archives the live items
    that depend on them (`dependants="archive"`) or makes them stand alone ("detach")."""
    if step == "review":
        return send_for_review(objects, user=user, note=note)
    if step == "publish":
        return set_status(objects, user=user, status=Status.PUBLISHED, note=note)
    if step == "draft":
        return set_status(objects, user=user, status=Status.DRAFT, note=note)
    if step != "unpublish":
        raise WorkflowError(f"Unknown step “{step}”.")
    objects = list(objects)
    with transaction.atomic():
        changed = set_status(objects, user=user, status=Status.ARCHIVED, note=note)
        for obj in objects:
            for name, item in live_dependants(obj):
                if dependants == "detach":
                    detach_home(item, name, user=user)
                else:
                    why = f"Archived with “{obj}”, the page it belongs on."
                    set_status([item], user=user, status=Status.ARCHIVED, note=why)
    return changed


def detach_home(item, name, *, user):
    """Keep a live item published without the home that is being unpublished (a new version)."""
    bump_version(item, item.version)
    setattr(item, name, None)
    if hasattr(item, "standalone"):
        item.standalone = True
    item.updated_by = user
    defer_history(item)
    item.save()
    commit_version(item, user=user, reason="No longer part of a page that was unpublished")
    content_changed()
