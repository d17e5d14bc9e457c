"""Three-way merge of a conflicting save: the version a curator opened, the one saved since, and
the curator's form, compared field by field (links, tags and inline rows included).

A field only one side changed takes that side's value without asking; a field both changed
differently waits for the curator's choice (theirs, mine, or a new text). Nothing is
overwritten that the curator did not choose to overwrite.
"""

from dataclasses import dataclass, field

from django.db import models

from content.specs import CHILDREN, FK, M2M, TAGS
from content.writer import field_value, normalise_text
from curation.history import EMPTY, display, related_text
from curation.versions import snapshot_for, spec_for

UNKNOWN = object()  # a side whose value cannot be read (an invalid inline, a version with no
# snapshot): it counts as changed, so the curator is asked rather than anything overwritten
THEIRS, MINE, EDIT = "theirs", "mine", "edit"
SKIPPED_FIELDS = {"opened_version"}


@dataclass
class Unit:
    """One thing both curators may have changed: a field, a set of links, tags or rows."""

    name: str
    label: str
    base: object
    theirs: object
    mine: object
    theirs_text: str = ""
    mine_text: str = ""
    editable: bool = False
    formset: object = None

    @property
    def changed_by_them(self):
        return self.base is UNKNOWN or self.theirs != self.base

    @property
    def changed_by_me(self):
        return self.mine is UNKNOWN or self.base is UNKNOWN or self.mine != self.base

    @property
    def conflict(self):
        both = self.changed_by_them and self.changed_by_me
        return both and (self.mine is UNKNOWN or self.mine != self.theirs)


@dataclass
class Plan:
    """What a merge keeps from whom; `version` is the version saved since (theirs)."""

    version: int
    by: object
    when: object
    units: list = field(default_factory=list)

    @property
    def theirs(self):
        return [
            u for u in self.units if u.changed_by_them and not u.conflict and not self.mine_only(u)
        ]

    @property
    def mine(self):
        return [u for u in self.units if self.mine_only(u)]

    @property
    def conflicts(self):
        return [u for u in self.units if u.conflict]

    @staticmethod
    def mine_only(unit):
        return unit.changed_by_me and not unit.changed_by_them

    def summary(self, choices=None):
        """One line for the history: what came from whom."""
        choices = choices or {}
        theirs = [u.label for u in self.theirs] + [
            u.label for u in self.conflicts if choices.get(u.name, (None,))[0] == THEIRS
        ]
        mine = [u.label for u in self.mine] + [
            u.label for u in self.conflicts if choices.get(u.name, (None,))[0] != THEIRS
        ]
        return (
            f"Merged with version {self.version}: kept theirs: {', '.join(theirs) or 'nothing'};"
            f" saved mine: {', '.join(mine) or 'nothing'}"
        )


def canonical(value):
    """Values compared as the database keeps them: \\n line breaks, empty text as None."""
    if isinstance(value, str):
        value = normalise_text(value)
        return value or None
    if isinstance(value, models.Model):
        return value.pk
    return value


def plan(*, form, formsets, opened):
    """The merge of `form` (opened at version `opened`) with the item as it is now."""
    model = form._meta.model
    fresh = model._default_manager.get(pk=form.instance.pk)
    history = fresh.history.select_related("history_user")
    base = history.filter(version=opened).order_by("-history_id").first() if opened else None
    latest = history.order_by("-history_id").first()
    snapshot = snapshot_for(base) if base is not None else None
    result = Plan(
        version=fresh.version,
        by=latest.history_user if latest else None,
        when=latest.history_date if latest else None,
    )
    spec = spec_for(model)
    related = {f.name: f for f in spec.fields} if spec else {}
    for name in form.fields:
        if name in SKIPPED_FIELDS or name not in form.cleaned_data:
            continue
        spec_field = related.get(name)
        if spec_field is not None and spec_field.kind in (M2M, TAGS):
            result.units.append(_links(form, name, spec_field, fresh, snapshot))
        else:
            try:
                model_field = model._meta.get_field(name)
            except models.FieldDoesNotExist:
                continue
            result.units.append(_field(form, model_field, fresh, base))
    for formset in formsets:
        spec_field = next(
            (f for f in related.values() if f.kind == CHILDREN and _same(f, formset)), None
        )
        if spec_field is not None:
            result.units.append(_rows(formset, spec_field, fresh, snapshot))
    return result


def _same(spec_field, formset):
    return spec_field.children.get_model() is formset.model


def _field(form, model_field, fresh, base):
    attname = model_field.attname
    mine = canonical(form.cleaned_data[model_field.name])
    theirs = canonical(getattr(fresh, attname))
    old = canonical(getattr(base, attname)) if base is not None else UNKNOWN
    text = isinstance(model_field, models.CharField | models.TextField)
    return Unit(
        name=model_field.name,
        label=str(model_field.verbose_name).capitalize(),
        base=old,
        theirs=theirs,
        mine=mine,
        theirs_text=display(model_field, getattr(fresh, attname)),
        mine_text=display(model_field, mine),
        editable=text and not model_field.choices,
    )


def _links(form, name, spec_field, fresh, snapshot):
    value = form.cleaned_data[name] or []
    if spec_field.kind == TAGS:
        mine = sorted(str(v) for v in value)
    else:
        mine = sorted(getattr(v, spec_field.lookup) for v in value)
    theirs = sorted(field_value(fresh, spec_field))
    old = sorted(snapshot.get(spec_field.key) or []) if snapshot is not None else UNKNOWN
    return Unit(
        name=name,
        label=str(form.fields[name].label or name).capitalize(),
        base=old,
        theirs=theirs,
        mine=mine,
        theirs_text=related_text(spec_field, theirs),
        mine_text=related_text(spec_field, mine),
    )


def _rows(formset, spec_field, fresh, snapshot):
    """Inline rows as content-file rows, compared only on the columns the form shows."""
    columns = [c for c in spec_field.children.fields if c.name in formset.form.base_fields]
    theirs = _only(field_value(fresh, spec_field), columns)
    old = _only(snapshot.get(spec_field.key) or [], columns) if snapshot is not None else UNKNOWN
    mine = _formset_rows(formset, columns)
    label = str(formset.model._meta.verbose_name_plural).capitalize()
    return Unit(
        name=formset.prefix,
        label=label,
        base=old,
        theirs=theirs,
        mine=mine,
        theirs_text=related_text(spec_field, theirs) if theirs else EMPTY,
        mine_text=EMPTY if mine is UNKNOWN else related_text(spec_field, mine),
        formset=formset,
    )


def _only(rows, columns):
    return [{c.key: _cell(c, row.get(c.key)) for c in columns} for row in rows]


def _cell(column, value):
    if column.kind == M2M:
        return sorted(value or [])
    value = canonical(value)
    return value if value is not None else (column.default or None)


def _formset_rows(formset, columns):
    if not formset.is_valid():
        return UNKNOWN
    kept = [f for f in formset.forms if f.has_changed() or f.instance.pk]
    kept = [f for f in kept if not (formset.can_delete and formset._should_delete_form(f))]
    kept.sort(key=lambda f: (f.cleaned_data.get("order") is None, f.cleaned_data.get("order")))
    rows = []
    for f in kept:
        row = {}
        for c in columns:
            value = f.cleaned_data.get(c.name)
            if c.kind == M2M:
                value = [getattr(v, c.lookup) for v in value or []]
            elif c.kind == FK:
                value = getattr(value, c.lookup) if value is not None else None
            row[c.key] = _cell(c, value)
        rows.append(row)
    return rows


def choices_from(data, result, *, prefix="merge"):
    """The curator's choice for each conflicting unit, if they chose against this version."""
    if data.get(f"{prefix}_against") != str(result.version):
        return {}
    chosen = {}
    for unit in result.conflicts:
        choice = data.get(f"{prefix}-{unit.name}")
        if choice in (THEIRS, MINE) or (choice == EDIT and unit.editable):
            chosen[unit.name] = (choice, data.get(f"{prefix}-edit-{unit.name}", ""))
    return chosen


def apply(result, *, form, cleaned, choices):
    """Put the merge into the form's cleaned data and flag the inlines (before any save)."""
    fresh = form._meta.model._default_manager.get(pk=form.instance.pk)
    for unit in result.units:
        choice = choices.get(unit.name, (None, ""))
        if unit in result.theirs or choice[0] == THEIRS:
            _take_theirs(unit, form=form, cleaned=cleaned, fresh=fresh)
        elif choice[0] == EDIT:
            cleaned[unit.name] = form.fields[unit.name].clean(choice[1])
        elif unit.formset is not None and unit.changed_by_them:
            unit.formset.replace_stored = True
    cleaned["opened_version"] = result.version


def _take_theirs(unit, *, form, cleaned, fresh):
    if unit.formset is not None:
        unit.formset.keep_stored = True
        return
    model_field = fresh._meta.get_field(unit.name)
    if unit.name == "tags":
        cleaned[unit.name] = [t.name for t in fresh.tags.all()]
    elif model_field.many_to_many:
        cleaned[unit.name] = list(getattr(fresh, unit.name).all())
    else:
        cleaned[unit.name] = getattr(fresh, unit.name)
