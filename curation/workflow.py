"""Who may move an item between draft, in review, published and archived."""

from core import registry
from core.models import Status
from curation.models import PublicationEvent

EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)
LOCKED_FOR_EDITORS = (Status.PUBLISHED, Status.ARCHIVED)


def publishable_models():
    """Every model curators publish: the publishable types in the content registry."""
    return [content_type.model for content_type in registry.publishable()]


def model_label(model):
    """'casestudies.casestudy': how SlugRedirect and PublicationEvent name a model."""
    return model._meta.label_lower


def publish_permission(model):
    """The custom permission declared in the model's Meta.permissions, e.g. publish_casestudy."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    """Publishers and superusers may publish, unpublish and restore old versions."""
    return bool(
        user and user.is_active and (user.is_superuser or user.has_perm(publish_permission(model)))
    )


def can_edit(user, obj):
    """Editors work on drafts and items in review; published or archived items need a Publisher."""
    if obj is None or obj.pk is None or can_publish(user, type(obj)):
        return True
    return obj.status not in LOCKED_FOR_EDITORS


def allowed_statuses(user, model, current=None):
    """The statuses this user may choose for an item now at `current` (None for a new item)."""
    if can_publish(user, model):
        return list(Status.values)
    if current in (None, "", Status.DRAFT):
        return list(EDITOR_STATUSES)
    return [current]  # in review: only a Publisher returns it to draft


def transition_error(user, model, current, new):
    """A curator-readable reason the change is refused, or None when it is allowed."""
    if new == current or new in allowed_statuses(user, model, current):
        return None
    label = Status(new).label if new in Status.values else new
    if new == Status.PUBLISHED:
        return (
            "Only a Publisher can publish. Save it as “In review” and a Publisher will check it "
            "and publish it."
        )
    if current in LOCKED_FOR_EDITORS:
        return f"Only a Publisher can change a {Status(current).label.lower()} item."
    if current == Status.REVIEW:
        return "Only a Publisher can return an item in review to draft."
    return f"Only a Publisher can set the status to “{label}”."


def event_action(old, new):
    """The PublicationEvent action for a status change, or None when nothing needs recording."""
    Action = PublicationEvent.Action
    if old == new:
        return None
    if new == Status.PUBLISHED:
        return Action.PUBLISHED
    if old == Status.PUBLISHED:
        return Action.UNPUBLISHED
    if new == Status.REVIEW:
        return Action.SUBMITTED
    if new == Status.DRAFT and old:
        return Action.WITHDRAWN
    if new == Status.ARCHIVED:
        return Action.UNPUBLISHED
    return None
