"""Links that start an action plan from a checklist or a High Impact Action."""

from django import template

from guidance.plan import Plan, Ref

register = template.Library()


@register.simple_tag
def checklist_plan_url(checklist):
    """The plan builder with every item of ``checklist`` (its items prefetched)."""
    refs = tuple(Ref("cl", checklist.list_id, item.order) for item in checklist.items.all())
    return Plan(refs=refs).url()


@register.simple_tag
def hia_plan_url(hia):
    """The plan builder with every planned action of ``hia`` (prefetched)."""
    refs = tuple(Ref("hia", str(hia.number), a.order) for a in hia.planned_actions.all())
    return Plan(refs=refs).url()
