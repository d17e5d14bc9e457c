"""Action plans: steps picked from checklists and High Impact Actions, held entirely in the URL.

A plan is ``?title=…&practice=…&items=cl:D0-L09:3,hia:4:2``: ``cl:<list id>:<item order>`` is a
checklist item and ``hia:<number>:<order>`` a planned action. Nothing is stored on the server, so
a plan can be bookmarked, e-mailed and opened by anyone.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.text import slugify

from core.models import Status
from core.text import clean_input
from guidance import exports
from guidance.models import ChecklistItem, PlannedAction, public_case_links

MAX_ITEMS_LENGTH = 2000
MAX_ITEMS = 60
MAX_TEXT = 200
DEFAULT_TITLE = "Action plan"

TOKEN = re.compile(
    r"^(?:cl:(?P<list_id>[A-Za-z0-9][A-Za-z0-9-]{0,11})|hia:(?P<hia>10|[1-9])):(?P<order>[0-9]{1,4})$"
)  # noqa: E501


class PlanError(ValueError):
    """The plan in the URL cannot be read; the message is shown to the visitor."""


@dataclass(frozen=True)
class Ref:
    """One step of a plan, as written in the URL."""

    kind: str
    key: str
    order: int

    @property
    def token(self):
        return f"{self.kind}:{self.key}:{self.order}"


@dataclass(frozen=True)
class Plan:
    title: str = ""
    practice: str = ""
    refs: tuple[Ref, ...] = ()

    @property
    def query(self):
        """The canonical query string (without '?')."""
        params = {}
        if self.title:
            params["title"] = self.title
        if self.practice:
            params["practice"] = self.practice
        params["items"] = ",".join(ref.token for ref in self.refs)
        return urlencode(params, safe=":,")

    def url(self, name="guidance:plan"):
        return f"{reverse(name)}?{self.query}"

    def moved(self, index, step):
        """The plan with step ``index`` moved up (-1) or down (+1)."""
        refs = list(self.refs)
        other = index + step
        if 0 <= index < len(refs) and 0 <= other < len(refs):
            refs[index], refs[other] = refs[other], refs[index]
        return replace(self, refs=tuple(refs))

    def without(self, index):
        return replace(self, refs=self.refs[:index] + self.refs[index + 1 :])


def parse_token(token):
    match = TOKEN.match(token)
    if not match:
        shown = token if len(token) <= 40 else token[:40] + "…"
        raise PlanError(
            f"The plan address is not valid: “{shown}” is not a step reference "
            "(expected something like cl:D0-L09:3 or hia:4:2)."
        )
    if match["list_id"]:
        return Ref("cl", match["list_id"], int(match["order"]))
    return Ref("hia", match["hia"], int(match["order"]))


def parse_refs(value):
    if len(value) > MAX_ITEMS_LENGTH:
        raise PlanError(
            f"This plan address is too long ({len(value):,} characters in its list of steps; "
            f"the most is {MAX_ITEMS_LENGTH:,}). Split it into smaller plans."
        )
    tokens = [token.strip() for token in value.split(",") if token.strip()]
    refs = _unique(parse_token(token) for token in tokens)
    _check_size(refs)
    return refs


def _check_size(refs):
    if len(refs) > MAX_ITEMS:
        raise PlanError(
            f"A plan can hold at most {MAX_ITEMS} steps; this one has {len(refs)}. "
            "Split it into smaller plans."
        )


def _unique(refs):
    seen, result = set(), []
    for ref in refs:
        if ref not in seen:
            seen.add(ref)
            result.append(ref)
    return tuple(result)


def _text(params, name):
    """Free text from the URL, cleaned by the rule every way in uses, then one line with no
    control or format characters at all (Word and PDF refuse some, others reorder text)."""
    text = clean_input(params.get(name, ""))
    raw = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    value = " ".join(raw.split())
    if len(value) > MAX_TEXT:
        raise PlanError(f"The plan’s {name} is too long: keep it under {MAX_TEXT} characters.")
    return value


def parse_plan(params):
    """Read a plan from a QueryDict; raise PlanError when it is garbled or too long."""
    return Plan(
        title=_text(params, "title"),
        practice=_text(params, "practice"),
        refs=parse_refs(params.get("items", "")),
    )


def is_canonical(plan, params):
    """Whether ``params`` (a QueryDict) is the plan's own address, however percent-encoded:
    the same parameters with the same values, nothing added, no step twice."""
    wanted = QueryDict(plan.query)
    return sorted(params.lists()) == sorted(wanted.lists())


EDIT_PARAMS = ("add", "remove", "pos")


def is_edit(params):
    return any(name in params for name in EDIT_PARAMS)


def apply_edits(plan, params):
    """The plan after the builder form: new positions, removals, then additions at the end."""
    refs = list(plan.refs)
    positions = params.getlist("pos")
    if len(positions) == len(refs):
        keyed = [
            (_position(p, i), i, ref)
            for i, (p, ref) in enumerate(zip(positions, refs, strict=True))
        ]  # noqa: E501
        refs = [ref for _p, _i, ref in sorted(keyed, key=lambda row: (row[0], row[1]))]
    removed = {parse_token(token) for token in params.getlist("remove")}
    refs = [ref for ref in refs if ref not in removed]
    added = [parse_token(token) for token in params.getlist("add")[: MAX_ITEMS + 1]]
    refs = _unique([*refs, *added])
    _check_size(refs)
    return replace(plan, refs=refs)


def _position(value, index):
    try:
        return float(value)
    except ValueError:
        return index + 1


@dataclass(frozen=True)
class Entry:
    """A plan step found in the database."""

    ref: Ref
    item: exports.Item
    source_citation: str
    source_title: str
    home_title: str
    home_path: str


@dataclass(frozen=True)
class ResolvedPlan:
    plan: Plan
    entries: tuple[Entry, ...]
    missing: tuple[Ref, ...]


def resolve(plan):
    """Find every step in at most three queries; steps that no longer exist are reported."""
    found = {}
    checklist_refs = [ref for ref in plan.refs if ref.kind == "cl"]
    if checklist_refs:
        items = (
            ChecklistItem.objects.filter(checklist__status=Status.PUBLISHED)
            .filter(
                reduce(or_, (Q(checklist__list_id=r.key, order=r.order) for r in checklist_refs))
            )  # noqa: E501
            .select_related("checklist__source")
            .prefetch_related(Prefetch("case_studies", queryset=public_case_links()))
        )
        for item in items:
            ref = Ref("cl", item.checklist.list_id, item.order)
            found.setdefault(ref, _checklist_entry(ref, item))
    hia_refs = [ref for ref in plan.refs if ref.kind == "hia"]
    if hia_refs:
        actions = (
            PlannedAction.objects.filter(action__status=Status.PUBLISHED)
            .filter(reduce(or_, (Q(action__number=int(r.key), order=r.order) for r in hia_refs)))
            .select_related("action__source", "action__planned_actions_source")
        )
        for action in actions:
            ref = Ref("hia", str(action.action.number), action.order)
            found.setdefault(ref, _hia_entry(ref, action))
    entries = tuple(found[ref] for ref in plan.refs if ref in found)
    missing = tuple(ref for ref in plan.refs if ref not in found)
    return ResolvedPlan(plan, entries, missing)


def _checklist_entry(ref, item):
    checklist = item.checklist
    cases = tuple(exports.Link(cs.title, cs.get_absolute_url()) for cs in item.case_studies.all())
    return Entry(
        ref=ref,
        item=exports.Item(
            title=item.title,
            explanation=item.explanation,
            case_studies=cases,
            origin=f"From “{checklist.title}” (item {item.order})",
        ),
        source_citation=exports.citation(checklist.source),
        source_title=checklist.source.title,
        home_title=checklist.title,
        home_path=checklist.get_absolute_url(),
    )


def _hia_entry(ref, action):
    """A planned action, credited to where Somerset's planned actions were written (the GP
    Board's proposal), not to the document that defines the High Impact Action."""
    hia = action.action
    source, section = hia.planned_actions_source, hia.planned_actions_section
    if source is None:
        source, section = hia.source, ""
    return Entry(
        ref=ref,
        item=exports.Item(
            title=action.title,
            explanation=action.explanation,
            origin=f"From High Impact Action {hia.number}: {hia.name} (planned action {action.order})",  # noqa: E501
        ),
        source_citation=exports.citation(source, section),
        source_title=source.title,
        home_title=f"High Impact Action {hia.number}: {hia.name}",
        home_path=hia.get_absolute_url(),
    )


def _sources_label(entries):
    titles = dict.fromkeys(entry.source_title for entry in entries)
    return "Sources: " + ", ".join(titles) if titles else ""


def plan_document(resolved):
    """The plan as a printable document, in the chosen order."""
    plan = resolved.plan
    sources = tuple(dict.fromkeys(entry.source_citation for entry in resolved.entries))
    homes = dict.fromkeys(entry.home_title for entry in resolved.entries)
    count = len(resolved.entries)
    meta = [
        f"{count} step{'' if count == 1 else 's'} from {len(homes)} "
        f"list{'' if len(homes) == 1 else 's'}"
    ]
    if plan.practice:
        meta.insert(0, f"For {plan.practice}")
    notes = ()
    if resolved.missing:
        tokens = ", ".join(ref.token for ref in resolved.missing)
        notes = (
            f"{len(resolved.missing)} step{'' if len(resolved.missing) == 1 else 's'} in this "
            f"plan could not be found and {'is' if len(resolved.missing) == 1 else 'are'} left "
            f"out (removed or unpublished since the plan was made): {tokens}.",
        )
    return exports.Document(
        title=plan.title or DEFAULT_TITLE,
        slug=slugify(f"{plan.title or DEFAULT_TITLE} {plan.practice}")[:80] or "action-plan",
        kind="Action plan",
        path=plan.url(),
        items=tuple(entry.item for entry in resolved.entries),
        citation=sources or ("No source: the plan has no steps yet.",),
        source_label=_sources_label(resolved.entries),
        meta=tuple(meta),
        notes=notes,
        practice=plan.practice,
        back_link=exports.Link("Back to the plan builder", plan.url()),
    )
