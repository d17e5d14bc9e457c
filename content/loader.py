"""Load the library's content files into the database: all of it, or none of it.

Every file is parsed and checked before anything is written; then everything is written in
one transaction. Items are upserted by slug and a row is only saved when something in it
changed, so loading twice writes nothing the second time (no new history versions either).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils.text import slugify

from content import specs
from content.specs import BOOL, CHILDREN, CHOICE, DATE, FK, INT, LINES, M2M, TAGS, TEXT
from core.cache import bump_content_generation


class ContentError(Exception):
    """A content file is wrong: says which file, which field and what to do."""

    def __init__(self, path, field, message):
        self.path, self.field, self.message = str(path), field, message
        super().__init__(f"{self.path}: field '{field}': {message}")


@dataclass
class Document:
    path: Path
    spec: specs.Spec
    data: dict

    @property
    def slug(self):
        return self.data["slug"]

    def error(self, field, message):
        return ContentError(self.path, field, message)


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ContentError(path, "(file)", f"malformed YAML{where}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, "(file)", "the file is not UTF-8 text") from exc
    if not isinstance(data, dict):
        raise ContentError(path, "(file)", "expected a mapping of keys to values at the top")
    return data


def _check_value(doc_path, f, value, where):
    """Return the value cleaned for its field kind, or raise naming the field."""
    name = where + f.key
    if f.kind == TEXT:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ContentError(doc_path, name, "must be text")
        return value.strip("\n") if "\n" in value else value.strip()
    if f.kind == INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContentError(doc_path, name, f"must be a whole number, got {value!r}")
        if value < 0:
            raise ContentError(doc_path, name, "must not be negative")
        return value
    if f.kind == BOOL:
        if not isinstance(value, bool):
            raise ContentError(doc_path, name, "must be true or false")
        return value
    if f.kind == DATE:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError as exc:
            raise ContentError(doc_path, name, "must be a date like 2026-11-23") from exc
    if f.kind in (CHOICE, FK):
        if not isinstance(value, str) or not value:
            raise ContentError(doc_path, name, "must be a slug")
        return value
    if f.kind in (M2M, TAGS, LINES):
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise ContentError(doc_path, name, "must be a list of text values")
        cleaned = [str(v).strip() for v in value]
        if len(set(cleaned)) != len(cleaned) and f.kind != LINES:
            raise ContentError(doc_path, name, "lists the same value twice")
        return cleaned
    if f.kind == CHILDREN:
        if not isinstance(value, list):
            raise ContentError(doc_path, name, "must be a list")
        return [
            validate_mapping(doc_path, f.children, child, where=f"{name}[{i + 1}].")
            for i, child in enumerate(value)
        ]
    raise AssertionError(f.kind)


def validate_mapping(doc_path, spec, data, where=""):
    """Check keys, required fields and value types of one mapping against its spec."""
    if not isinstance(data, dict):
        raise ContentError(doc_path, where.rstrip(".") or "(file)", "must be a mapping")
    known = spec.by_key() | {f.key: f for f in spec.reverse}
    for key in data:
        if key not in known:
            raise ContentError(doc_path, where + str(key), f"unknown field for a {spec.label}")
    cleaned = {}
    for key, f in known.items():
        value = data.get(key)
        if value is None or value == "" or value == []:
            if f.required:
                raise ContentError(doc_path, where + key, "is required")
            cleaned[key] = f.default
            continue
        cleaned[key] = _check_value(doc_path, f, value, where)
    if "slug" in cleaned and cleaned["slug"] is not None:
        try:
            validate_slug(cleaned["slug"])
        except ValidationError as exc:
            raise ContentError(doc_path, where + "slug", "must be a-z, 0-9 and hyphens") from exc
    return cleaned


class Loader:
    """Reads a content folder and writes it to the database in one transaction."""

    def __init__(self, root):
        self.root = Path(root)
        self.report = LoadReport()
        self.resolved = {}  # (model label, slug) -> pk cache

    # -- reading -------------------------------------------------------------------------
    def read_documents(self):
        docs = []
        for spec in specs.ITEM_SPECS:
            folder = self.root / spec.folder
            seen = {}
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                data = validate_mapping(path, spec, read_yaml(path))
                if data["slug"] in seen:
                    raise ContentError(path, "slug", f"also used by {seen[data['slug']]}")
                if path.stem != data["slug"]:
                    raise ContentError(path, "slug", f"must match the file name '{path.stem}'")
                seen[data["slug"]] = path
                docs.append(Document(path, spec, data))
        return docs

    def read_vocabularies(self):
        entries = defaultdict(list)
        for path in sorted((self.root / "vocab").glob("*.yaml")):
            data = read_yaml(path)
            for key, rows in data.items():
                if key not in specs.VOCABULARIES:
                    raise ContentError(path, key, "unknown vocabulary")
                _label, keys = specs.VOCABULARIES[key]
                if not isinstance(rows, list):
                    raise ContentError(path, key, "must be a list")
                for i, row in enumerate(rows):
                    where = f"{key}[{i + 1}]"
                    if not isinstance(row, dict) or set(row) - set(keys):
                        raise ContentError(path, where, f"entries take only {', '.join(keys)}")
                    for required in ("slug", "name"):
                        if not row.get(required):
                            raise ContentError(path, f"{where}.{required}", "is required")
                    entries[key].append((path, where, row))
        return entries

    def read_glossary(self):
        path = self.root / "glossary.yaml"
        if not path.exists():
            return []
        data = read_yaml(path)
        if set(data) != {"terms"} or not isinstance(data["terms"], list):
            raise ContentError(path, "terms", "the file holds one key, 'terms', with a list")
        terms, seen = [], {}
        for i, row in enumerate(data["terms"]):
            cleaned = validate_mapping(path, specs.GLOSSARY_TERM, row, where=f"terms[{i + 1}].")
            slug = slugify(cleaned["term"].replace("&", " and ").replace("/", " ")) or f"term-{i}"
            if slug in seen:
                raise ContentError(
                    path, f"terms[{i + 1}].term", f"'{cleaned['term']}' duplicates '{seen[slug]}'"
                )
            seen[slug] = cleaned["term"]
            terms.append((slug, cleaned))
        return path, terms

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

    def check_choice(self, doc_path, model, f, value, where=""):
        choices = model._meta.get_field(f.name).choices
        allowed = [c[0] for c in choices]
        if value not in allowed:
            raise ContentError(
                doc_path, where + f.key, f"'{value}' is not one of: {', '.join(allowed)}"
            )

    # -- writing -------------------------------------------------------------------------
    def write_item(self, path, spec, data, lookup, extra_m2m=None, where=""):
        """Upsert one row and its links; save only what changed."""
        model = spec.get_model()
        instance = model._default_manager.filter(**lookup).first()
        created = instance is None
        if created:
            instance = model(**lookup)
        changed = created
        m2m, children, tags = {}, {}, None
        for f in spec.fields:
            value = data.get(f.key)
            if f.kind == M2M:
                m2m[f] = value or []
                continue
            if f.kind == CHILDREN:
                children[f] = value or []
                continue
            if f.kind == TAGS:
                tags = value or []
                continue
            if f.kind == FK:
                value = self.resolve(path, f, value, where) if value else None
                attr = f"{f.name}_id"
            else:
                attr = f.name
                if f.kind == CHOICE and value is not None:
                    self.check_choice(path, model, f, value, where)
                if f.kind == LINES:
                    value = "\n".join(value or [])
                if value is None and f.kind == TEXT:
                    value = ""
            if getattr(instance, attr) != value:
                setattr(instance, attr, value)
                changed = True
        if changed:
            self.full_clean(path, instance, where)
            instance.save()
        for f, slugs in m2m.items():
            wanted = {self.resolve(path, f, s, where) for s in slugs}
            wanted |= (extra_m2m or {}).get(f.key, set())
            manager = getattr(instance, f.name)
            if created or set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
                changed = True
        if tags is not None and (
            created
            or sorted(t.lower() for t in instance.tags.names()) != sorted(t.lower() for t in tags)
        ):  # noqa: E501
            instance.tags.set(tags, clear=True)
            changed = True
        for f, rows in children.items():
            changed |= self.write_children(path, instance, f, rows, where)
        return instance, created, changed

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
                    self.check_choice(
                        path, spec.get_model(), c, row[c.key], f"{where}{f.key}[{i + 1}]."
                    )
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
            self.full_clean(path, child, f"{where}{f.key}[{order}].", exclude=[spec.parent_attr])
            child.save()
            for c, pks in zip(links, link_pks, strict=True):
                getattr(child, c.name).set(pks)
        return True

    def full_clean(self, path, instance, where="", exclude=None):
        try:
            instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            field = "(item)" if field == "__all__" else field
            raise ContentError(path, where + field, " ".join(messages)) from exc

    def count(self, created, changed):
        if created:
            self.report.created += 1
        elif changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def reverse_links(self, docs):
        """Collect links written on the other side (HIA or vanguard -> case studies)."""
        case_slugs = {d.slug for d in docs if d.spec is specs.CASE_STUDY}
        hias, vanguard_of = defaultdict(set), {}
        by_slug = {d.slug: d for d in docs if d.spec is specs.CASE_STUDY}
        for doc in docs:
            if doc.spec not in (specs.HIA, specs.VANGUARD):
                continue
            for slug in doc.data.get("case_studies") or []:
                if slug not in case_slugs:
                    raise doc.error(
                        "case_studies", f"no case study with slug '{slug}' (broken link)"
                    )
                if doc.spec is specs.HIA:
                    hias[slug].add(doc.slug)
                    continue
                own = by_slug[slug].data.get("vanguard")
                if (own and own != doc.slug) or vanguard_of.get(slug, doc.slug) != doc.slug:
                    raise doc.error(
                        "case_studies", f"case study '{slug}' is linked to another vanguard"
                    )
                vanguard_of[slug] = doc.slug
        return hias, vanguard_of

    def load(self):
        """Validate everything, then write everything in one transaction."""
        docs = self.read_documents()
        vocab = self.read_vocabularies()
        glossary = self.read_glossary()
        hias, vanguard_of = self.reverse_links(docs)
        with transaction.atomic():
            # Cached pages go stale only once the whole load is visible to other connections.
            transaction.on_commit(bump_content_generation)
            self.write_vocabularies(vocab)
            for doc in docs:
                if doc.spec is specs.CASE_STUDY:
                    if not doc.data.get("vanguard") and doc.slug in vanguard_of:
                        doc.data["vanguard"] = vanguard_of[doc.slug]
                    extra = {
                        "high_impact_actions": {
                            self.resolve(doc.path, specs.HIA_LINK, s)
                            for s in hias.get(doc.slug, ())
                        }
                    }
                else:
                    extra = None
                _instance, created, changed = self.write_item(
                    doc.path, doc.spec, doc.data, {"slug": doc.slug}, extra_m2m=extra
                )
                self.count(created, changed)
            if glossary:
                path, terms = glossary
                for i, (slug, data) in enumerate(terms):
                    _instance, created, changed = self.write_item(
                        path, specs.GLOSSARY_TERM, data, {"slug": slug}, where=f"terms[{i + 1}]."
                    )
                    self.count(created, changed)
        return self.report

    def write_vocabularies(self, vocab):
        for key, rows in vocab.items():
            label, keys = specs.VOCABULARIES[key]
            spec = specs.Spec(
                key, label, fields=tuple(specs.Field(k, specs.TEXT, True) for k in keys)
            )
            for path, where, row in rows:
                _instance, created, changed = self.write_item(
                    path, spec, row, {"slug": row["slug"]}, where=where + "."
                )
                self.count(created, changed)


def load_content(root):
    """Load every content file under root; raises ContentError and writes nothing on error."""
    return Loader(root).load()
