"""Versions and the audit list: the one claim of a version number, its history record and
snapshot, and the publication events every workflow change writes.

curation.services re-exports these names; the admin, the workflow and the merge use them.
"""

from content import specs
from content.specs import CHILDREN, M2M, TAGS
from content.writer import field_value
from curation.models import PublicationEvent, RelatedSnapshot
from curation.workflow import event_action, model_label

RELATED_KINDS = (M2M, TAGS, CHILDREN)


class ConcurrentEditError(Exception):
    """Someone else saved the item after this curator opened it."""

    def __init__(self, obj, expected):
        self.obj, self.expected = obj, expected
        super().__init__(f"{obj} changed since version {expected} was opened")


class WorkflowError(Exception):
    """A workflow change that is not allowed; `messages` say why, for curators."""

    def __init__(self, messages, *, changes=None):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.changes = changes or []
        super().__init__("; ".join(self.messages))


def spec_for(model):
    label = model._meta.label_lower
    for spec in specs.ITEM_SPECS:
        if spec.model.lower() == label:
            return spec
    return None


def related_content(obj):
    """Key figures, list items, tags and links of obj as content-file data (slugs, not ids)."""
    spec = spec_for(type(obj))
    if spec is None:
        return {}
    if hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    return {f.key: field_value(obj, f) for f in spec.fields if f.kind in RELATED_KINDS}


def bump_version(obj, expected):
    """Claim the next version number, or raise if the stored one is no longer `expected`.

    One UPDATE … WHERE version = expected: of two curators saving at once, exactly one wins.
    """
    model = type(obj)
    claimed = model._default_manager.filter(pk=obj.pk, version=expected).update(
        version=expected + 1
    )
    if not claimed:
        raise ConcurrentEditError(obj, expected)
    obj.version = expected + 1


def defer_history(obj):
    """Hold back the history record until the item's links and rows are saved too."""
    obj.skip_history_when_saving = True


def commit_version(obj, *, user, reason=""):
    """Write the one history record for this save, with a snapshot of its related rows.

    `reason` (e.g. what a merge kept from whom) is kept as the record's change reason.
    """
    if hasattr(obj, "skip_history_when_saving"):
        del obj.skip_history_when_saving
    obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]
    obj.save(update_fields=["updated_at"])
    record = obj.history.order_by("-history_id").first()
    RelatedSnapshot.objects.update_or_create(
        model_label=model_label(type(obj)),
        history_id=record.history_id,
        defaults={"object_id": obj.pk, "data": related_content(obj)},
    )
    return record


def snapshot_for(record):
    model = record.instance_type
    snapshot = RelatedSnapshot.objects.filter(
        model_label=model_label(model), history_id=record.history_id
    ).first()
    return snapshot.data if snapshot else None


def record_event(obj, *, user, old, new, action=None, note=""):
    """One line of the audit list; it keeps the version the change left the item at."""
    action = action or event_action(old, new)
    if action is None:
        return None
    return PublicationEvent.objects.create(
        model_label=model_label(type(obj)),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        from_status=old or "",
        to_status=new or "",
        user=user if user and user.is_authenticated else None,
        note=note[:300],
        version=getattr(obj, "version", None),
    )


def reviewed_version(obj):
    """The version that was sent for review most recently (None if it never was)."""
    event = (
        PublicationEvent.objects.filter(
            model_label=model_label(type(obj)),
            object_id=obj.pk,
            action=PublicationEvent.Action.SUBMITTED,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.version if event is not None else None
