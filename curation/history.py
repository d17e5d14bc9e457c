"""Readable differences between two versions of an item, for the admin's diff and conflict views."""

import difflib
from dataclasses import dataclass, field

from django.db import models
from django.utils.formats import date_format, localize

from content.specs import Spec
from content.writer import emit_mapping
from curation.versions import snapshot_for, spec_for

HIDDEN_FIELDS = {"id", "created_at", "updated_at", "version", "updated_by", "published_at"}
EMPTY = "(empty)"


@dataclass
class Change:
    """One changed field: its label, the two values as text, and a line diff for long text."""

    field: str
    label: str
    old: str
    new: str
    lines: list = field(default_factory=list)

    @property
    def is_long(self):
        return bool(self.lines)


def display(model_field, value):
    """A value as a curator would read it."""
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"(deleted, id {value})"
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(model_field, models.DateTimeField):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    return localize(value) if not isinstance(value, str) else value


def line_diff(old, new, context=1):
    """[(kind, line)] for text over several lines: changed lines with a line of context each
    side; kind is '-', '+', ' ', or '…' between separate changes."""
    if "\n" not in old and "\n" not in new:
        return []
    a, b = old.splitlines(), new.splitlines()
    rows = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if rows:
            rows.append(("…", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend((" ", line) for line in a[i1:i2])
                continue
            rows.extend(("-", line) for line in a[i1:i2])
            rows.extend(("+", line) for line in b[j1:j2])
    return rows


def same_text(before, after):
    """Equal once line endings are ignored (a browser sends \r\n for every line break)."""
    if isinstance(before, str) and isinstance(after, str):
        return before.replace("\r\n", "\n") == after.replace("\r\n", "\n")
    return before == after


def field_changes(old, new, *, names=None):
    """Changes in the item's own fields between two historical records."""
    model = new.instance_type
    changes = []
    for f in model._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or (names is not None and f.name not in names):
            continue
        before, after = getattr(old, f.attname), getattr(new, f.attname)
        if same_text(before, after):
            continue
        old_text, new_text = display(f, before), display(f, after)
        old_text, new_text = old_text.replace("\r\n", "\n"), new_text.replace("\r\n", "\n")
        lines = line_diff(old_text, new_text) if isinstance(f, models.TextField) else []
        changes.append(Change(f.name, str(f.verbose_name).capitalize(), old_text, new_text, lines))
    return changes


def related_text(spec_field, value):
    """Links, tags or nested rows as text: a comma list, or the rows as in a content file."""
    if not value:
        return EMPTY
    if spec_field.children is None:
        return ", ".join(str(v) for v in value)
    holder = Spec("rows", spec_field.children.model, fields=(spec_field,))
    return emit_mapping(holder, {spec_field.key: value}).split("\n", 1)[1].rstrip("\n")


def related_changes(old, new):
    """Changes in links, tags and nested rows, from the snapshots kept with each version."""
    model = new.instance_type
    spec = spec_for(model)
    before, after = snapshot_for(old), snapshot_for(new)
    if spec is None:
        return []
    if before is None or after is None:
        return m2m_changes(old, new)
    changes = []
    for f in spec.fields:
        if f.key not in before and f.key not in after:
            continue
        a, b = before.get(f.key) or [], after.get(f.key) or []
        if a == b:
            continue
        old_text, new_text = related_text(f, a), related_text(f, b)
        label = f.key.replace("_", " ").capitalize()
        changes.append(Change(f.key, label, old_text, new_text, line_diff(old_text, new_text)))
    return changes


def m2m_changes(old, new):
    """Fallback for versions saved without a snapshot: the links history tracks itself."""
    changes = []
    for m2m in new._history_m2m_fields:

        def names(record, m2m=m2m):
            through = getattr(record, m2m.name).model
            target = next(
                f
                for f in through._meta.fields
                if f.is_relation and f.related_model is m2m.related_model
            )
            ids = getattr(record, m2m.name).values_list(target.attname, flat=True)
            objs = m2m.related_model._default_manager.filter(pk__in=list(ids))
            return sorted(str(o) for o in objs)

        a, b = names(old), names(new)
        if a != b:
            changes.append(
                Change(
                    m2m.name,
                    str(m2m.verbose_name).capitalize(),
                    ", ".join(a) or EMPTY,
                    ", ".join(b) or EMPTY,
                )
            )
    return changes


def changes_between(old, new):
    """Every readable change from version `old` to version `new` of one item."""
    return field_changes(old, new) + related_changes(old, new)
