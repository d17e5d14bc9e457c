"""Load the library's content files into the database: all of it, or none of it.

Every file is parsed and checked before anything is written (content.reading); then everything
is written in one transaction. Items are upserted by slug and a row is only saved when something
in it changed, so loading twice writes nothing the second time (no new history versions either).
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DataError, transaction

from content import specs
from content.reading import (
    ContentError,
    read_documents,
    read_lists,
    read_vocabularies,
    reverse_links,
)
from content.specs import CHILDREN, CHOICE, FK, LINES, M2M, TAGS, TEXT
from core.cache import content_changed, is_public_change
from core.models import Status
from core.text import short

__all__ = ["ContentError", "LoadReport", "Loader", "load_content"]


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


class Loader:
    """Reads a content folder and writes it to the database in one transaction."""

    def __init__(self, root):
        self.root = Path(root)
        self.report = LoadReport()
        self.resolved = {}  # (model label, slug) -> pk cache
        self.public_change = False  # whether anything a reader sees was written

    # -- resolving links -----------------------------------------------------------------
    def resolve(self, doc_path, f, slug, where=""):
        model = f.model()
        key = (model._meta.label, slug)
        if key not in self.resolved:
            pk = model._default_manager.filter(**{f.lookup: slug}).values_list("pk", flat=True)
            pk = pk.first()
            if pk is None:
                raise ContentError(
                    doc_path,
                    where + f.key,
                    f"no {model._meta.verbose_name} with slug '{slug}' (broken link)",
                )
            self.resolved[key] = pk
        return self.resolved[key]

    # -- writing -------------------------------------------------------------------------
    def write_item(self, path, spec, data, lookup, extra_m2m=None, where=""):
        """Upsert one row and its links; save only what changed, and check it first."""
        model = spec.get_model()
        instance = model._default_manager.filter(**lookup).first()
        created = instance is None
        if created:
            instance = model(**lookup)
        was_published = getattr(instance, "status", None) == Status.PUBLISHED and not created
        changed = self.assign_fields(path, spec, instance, data, where) or created
        links = {
            f: pks
            for f, pks in self.wanted_links(path, spec, data, extra_m2m, where).items()
            if created or set(getattr(instance, f.name).values_list("pk", flat=True)) != pks
        }
        if changed or links:
            set_pending_links(instance, links)
            full_clean(path, instance, where)
        if changed:
            instance.save()
        for f, pks in links.items():
            getattr(instance, f.name).set(pks)
        tags_changed = any(
            write_tags(instance, data.get(f.key) or [], created)
            for f in spec.fields
            if f.kind == TAGS
        )
        children_changed = False
        for f in spec.fields:
            if f.kind == CHILDREN:
                rows = data.get(f.key) or []
                children_changed |= self.write_children(path, instance, f, rows, where)
        changed = changed or bool(links) or tags_changed or children_changed
        if changed and is_public_change(instance, was_published=was_published):
            self.public_change = True
        return instance, created, changed

    def assign_fields(self, path, spec, instance, data, where):
        """Set the row's own fields from the file; True if any value differs from the row's."""
        model = type(instance)
        changed = False
        for f in spec.fields:
            if f.kind in (M2M, CHILDREN, TAGS):
                continue
            value = data.get(f.key)
            if f.kind == FK:
                value = self.resolve(path, f, value, where) if value else None
                attr = f"{f.name}_id"
            else:
                attr = f.name
                if f.kind == CHOICE and value is not None:
                    check_choice(path, model, f, value, where)
                if f.kind == LINES:
                    value = "\n".join(value or [])
                if value is None and f.kind == TEXT:
                    value = ""
            if getattr(instance, attr) != value:
                setattr(instance, attr, value)
                changed = True
        return changed

    def wanted_links(self, path, spec, data, extra_m2m, where):
        """The primary keys each many-to-many field should link to."""
        links = {}
        for f in spec.fields:
            if f.kind == M2M:
                wanted = {self.resolve(path, f, s, where) for s in data.get(f.key) or []}
                links[f] = wanted | (extra_m2m or {}).get(f.key, set())
        return links

    def write_children(self, path, parent, f, rows, where):
        spec = f.children
        manager = getattr(parent, f.name)
        scalar = [c for c in spec.fields if c.kind != M2M]
        links = [c for c in spec.fields if c.kind == M2M]
        wanted = []
        for i, row in enumerate(rows):
            key = [
                row.get(c.key) if row.get(c.key) is not None else (c.default or "") for c in scalar
            ]
            for c in scalar:
                if c.kind == CHOICE and row.get(c.key):
                    check_choice(path, spec.get_model(), c, row[c.key], f"{where}{f.key}[{i + 1}].")
            link_pks = [
                frozenset(
                    self.resolve(path, c, s, f"{where}{f.key}[{i + 1}].")
                    for s in row.get(c.key) or []
                )  # noqa: E501
                for c in links
            ]
            wanted.append((tuple(key), tuple(link_pks)))
        existing = []
        for child in manager.all().order_by("order", "pk"):
            key = tuple(getattr(child, c.name) for c in scalar)
            link_pks = tuple(
                frozenset(getattr(child, c.name).values_list("pk", flat=True)) for c in links
            )  # noqa: E501
            existing.append((key, link_pks))
        if existing == wanted:
            return False
        manager.all().delete()
        model = spec.get_model()
        for order, (key, link_pks) in enumerate(wanted, start=1):
            child = model(**{spec.parent_attr: parent, "order": order})
            for c, value in zip(scalar, key, strict=True):
                setattr(child, c.name, value)
            if spec.model == "vanguards.VanguardReference":
                try:
                    URLValidator()(child.url)
                except ValidationError as exc:
                    raise ContentError(
                        path, f"{where}{f.key}[{order}].url", "is not a valid web address"
                    ) from exc  # noqa: E501
            full_clean(path, child, f"{where}{f.key}[{order}].", exclude=[spec.parent_attr])
            child.save()
            for c, pks in zip(links, link_pks, strict=True):
                getattr(child, c.name).set(pks)
        return True

    def count(self, created, changed):
        if created:
            self.report.created += 1
        elif changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def load(self):
        """Validate everything, then write everything in one transaction."""
        docs = read_documents(self.root)
        vocab = read_vocabularies(self.root)
        lists = read_lists(self.root)
        hias, vanguard_of = reverse_links(docs)
        with transaction.atomic():
            self.write_vocabularies(vocab)
            for doc in docs:
                extra = None
                if doc.spec is specs.CASE_STUDY:
                    if not doc.data.get("vanguard") and doc.slug in vanguard_of:
                        doc.data["vanguard"] = vanguard_of[doc.slug]
                    hia_pks = {
                        self.resolve(doc.path, specs.HIA_LINK, s) for s in hias.get(doc.slug, ())
                    }
                    extra = {"high_impact_actions": hia_pks}
                item = (doc.path, doc.spec, doc.data, {"slug": doc.slug})
                _instance, created, changed = guarded(doc.path, self.write_item, *item, extra)
                self.count(created, changed)
            for list_file, found in lists:
                self.write_list(list_file.spec, found)
            # Last, so pages go stale when the whole load is about to be visible (and again on
            # commit); a rolled-back --dry-run never gets its on-commit bump. A load that wrote
            # only drafts, or nothing, keeps every cached page.
            if self.public_change:
                content_changed()
        return self.report

    def write_list(self, spec, found):
        """The rows of a one-list file (``reading.read_lists``), if there is one."""
        path, rows = found or (None, ())
        for where, data, lookup in rows:
            item = (path, spec, data, lookup, None, where)
            self.count(*guarded(path, self.write_item, *item)[1:])

    def write_vocabularies(self, vocab):
        for key, rows in vocab.items():
            label, keys = specs.VOCABULARIES[key]
            spec = specs.Spec(
                key, label, fields=tuple(specs.Field(k, specs.TEXT, True) for k in keys)
            )
            for path, where, row in rows:
                _instance, created, changed = guarded(
                    path, self.write_item, path, spec, row, {"slug": row["slug"]}, where=where + "."
                )
                self.count(created, changed)


def guarded(path, write, *args, **kwargs):
    """``write(*args, **kwargs)``, with what the database or Python refuses named by file.

    The checks before writing catch what they know of; a value the database still refuses
    (PostgreSQL's DataError, a number too large for SQLite) or a structure too deep to handle
    must name the file too, not end in a traceback. Messages are cut short: they can quote
    the value."""
    try:
        return write(*args, **kwargs)
    except ContentError:
        raise
    except (DataError, ValueError, OverflowError, RecursionError) as exc:
        field = getattr(exc, "content_field", "(item)")
        raise ContentError(
            path, field, f"could not be saved: {type(exc).__name__}: {short(str(exc), 120)[4:]}"
        ) from exc


def check_choice(doc_path, model, f, value, where=""):
    """A choice must be one the model field offers."""
    choices = model._meta.get_field(f.name).choices
    allowed = [c[0] for c in choices]
    if value not in allowed:
        raise ContentError(
            doc_path, where + f.key, f"'{value}' is not one of: {', '.join(allowed)}"
        )


def full_clean(path, instance, where="", exclude=None):
    """Django's own validation of a row (its clean() rules too), as a ContentError."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        field = "(item)" if field == "__all__" else field
        raise ContentError(path, where + field, " ".join(messages)) from exc


def write_tags(instance, tags, created):
    """Set the item's tags if they differ (ignoring case); True if they did."""
    saved = sorted(t.lower() for t in instance.tags.names()) if not created else None
    if saved == sorted(t.lower() for t in tags):
        return False
    instance.tags.set(tags, clear=True)
    return True


def set_pending_links(instance, links):
    """Show the row's clean() the links about to be written (they are set after the row).

    A model whose rules need its links declares `pending_<field>` (CaseStudy.pending_themes).
    """
    for f, pks in links.items():
        if hasattr(type(instance), f"pending_{f.name}"):
            setattr(instance, f"pending_{f.name}", pks)


def load_content(root):
    """Load every content file under root; raises ContentError and writes nothing on error."""
    return Loader(root).load()
