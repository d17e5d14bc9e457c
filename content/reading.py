"""Read and check a content folder: every file parsed and validated before anything is written.

The loader (content.loader) calls these first; an error names the file, the field and what to
do, and nothing has been written yet when it is raised.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify

from content import specs
from content.specs import BOOL, CHILDREN, CHOICE, DATE, FK, INT, LINES, M2M, TAGS, TEXT


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


def _check_scalar(doc_path, f, value, name):
    """Text, numbers, booleans, dates and slugs, cleaned; raise naming the field."""
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
    if not isinstance(value, str) or not value:  # CHOICE, FK
        raise ContentError(doc_path, name, "must be a slug")
    return value


def _check_value(doc_path, f, value, where):
    """Return the value cleaned for its field kind, or raise naming the field."""
    name = where + f.key
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
    if f.kind in (TEXT, INT, BOOL, DATE, CHOICE, FK):
        return _check_scalar(doc_path, f, value, name)
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


def read_documents(root):
    """Every item file, checked against its spec; slugs unique and matching file names."""
    docs = []
    for spec in specs.ITEM_SPECS:
        folder = root / spec.folder
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


def read_vocabularies(root):
    """The vocab/*.yaml rows (regions, roles …) by vocabulary, each with where it was read."""
    entries = defaultdict(list)
    for path in sorted((root / "vocab").glob("*.yaml")):
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


def read_glossary(root):
    """The glossary's terms with their slugs, or [] when there is no glossary file."""
    path = root / "glossary.yaml"
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


def reverse_links(docs):
    """Collect links written on the other side (HIA or vanguard -> case studies)."""
    case_slugs = {d.slug for d in docs if d.spec is specs.CASE_STUDY}
    hias, vanguard_of = defaultdict(set), {}
    by_slug = {d.slug: d for d in docs if d.spec is specs.CASE_STUDY}
    for doc in docs:
        if doc.spec not in (specs.HIA, specs.VANGUARD):
            continue
        for slug in doc.data.get("case_studies") or []:
            if slug not in case_slugs:
                raise doc.error("case_studies", f"no case study with slug '{slug}' (broken link)")
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
