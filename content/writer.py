"""Write the database back out as content files, in one canonical YAML form.

`content.specs` drives both directions: the loader reads what a spec describes and this
module writes the same keys back, so `load_content` then `export_content` gives identical
files once a tree is in canonical form (`normalise_content` puts it there).

The canonical form, chosen to read like the hand-written files:

- keys in the order the spec lists them, except that where an item came from (`source`,
  `source_section`, `source_pages`, `last_reviewed`) always comes last; an optional key whose
  value is empty (null, "" or an empty list) is left out; required keys are always written;
- `slug` and the slugs of links and choices are plain (`kind: case-study`); other one-line
  text is double-quoted; text with line breaks is a literal block (`|`);
- links to several items and tags are one flow list (`themes: [new-roles]`), ordered as the
  linked model orders itself (Meta.ordering, compared in Python so every database agrees);
  tags are sorted alphabetically; `summary_points`-style lines are a block list;
- nested rows (key figures, checklist items …) are a block list in their stored order;
- vocabularies go to `vocab/vocabularies.yaml` in the order they were created; glossary terms
  go to `glossary.yaml` and search synonyms to `synonyms.yaml`, both in alphabetical order;
  every file ends with one line break.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import TaggedItem

from content import specs
from content.loader import Loader
from content.specs import BOOL, CHILDREN, CHOICE, DATE, FK, INT, LINES, M2M, TAGS, TEXT

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/'()&+-]*$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}
_YAML_BREAKS = {"\x85", "\u2028", "\u2029", "\ufeff"}
INDENT = "  "
VOCAB_FILE = "vocab/vocabularies.yaml"
VOCAB_HEADER = (
    "# Controlled vocabularies. Curators may add to these; slugs never change once used.\n"
)
PROVENANCE = ("source", "source_section", "source_pages", "last_reviewed")


# -- scalars ----------------------------------------------------------------------------
def normalise_text(value):
    """The text exactly as the loader would store it (line breaks as \\n, outer breaks cut)."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.strip("\n") if "\n" in value else value.strip()


def double_quoted(value):
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch in _YAML_BREAKS or not ch.isprintable():
            code = ord(ch)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@lru_cache(maxsize=4096)
def _plain_ok(value, flow):
    if not _PLAIN.match(value) or value != value.strip():
        return False
    text = f"[{value}]" if flow else f"k: {value}"
    try:
        parsed = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return False
    return parsed == ([value] if flow else {"k": value})


def plain_or_quoted(value, flow=False):
    return value if _plain_ok(value, flow) else double_quoted(value)


@lru_cache(maxsize=4096)
def _literal_ok(value):
    if (
        not value
        or value[0] in " \t"
        or any((not ch.isprintable() and ch not in "\n\t") or ch in _YAML_BREAKS for ch in value)
    ):
        return False
    text = "k: |\n" + "".join(f"  {line}\n" if line else "\n" for line in value.split("\n"))
    try:
        return yaml.load(text, Loader=_Loader) == {"k": value + "\n"}  # noqa: S506
    except yaml.YAMLError:
        return False


def emit_text(key, value, indent, *, plain=False):
    """`key: value` lines for one text value at the given indentation."""
    pad = INDENT * indent
    if "\n" in value:
        if _literal_ok(value):
            body = "".join(f"{pad}{INDENT}{line}\n" if line else "\n" for line in value.split("\n"))
            return f"{pad}{key}: |\n{body}"
        return f"{pad}{key}: {double_quoted(value)}\n"
    return f"{pad}{key}: {plain_or_quoted(value) if plain else double_quoted(value)}\n"


def scalar(value, kind):
    if value is None:
        return "null"
    if kind == BOOL:
        return "true" if value else "false"
    if kind == INT:
        return str(int(value))
    if kind == DATE:
        return value.isoformat()
    return plain_or_quoted(str(value))


def flow_list(values):
    return "[" + ", ".join(plain_or_quoted(str(v), flow=True) for v in values) + "]"


def is_empty(value):
    return value is None or value == "" or value == []


# -- documents --------------------------------------------------------------------------
def key_order(spec):
    """The spec's fields in file order: provenance keys last, everything else as listed."""
    fields = list(spec.fields)
    last = [f for name in PROVENANCE for f in fields if f.key == name]
    return [f for f in fields if f not in last] + last


def emit_mapping(spec, data, indent=0, first_prefix=None):
    """The lines of one mapping; `first_prefix` replaces the first line's indent ('- ')."""
    lines = []
    for f in key_order(spec):
        value = data.get(f.key)
        if is_empty(value) and not f.required:
            continue
        pad = INDENT * indent
        if f.kind == TEXT:
            lines.append(emit_text(f.key, value or "", indent, plain=f.key == "slug"))
        elif f.kind in (M2M, TAGS):
            lines.append(f"{pad}{f.key}: {flow_list(value or [])}\n")
        elif f.kind == LINES:
            if not value:
                lines.append(f"{pad}{f.key}: []\n")
                continue
            items = "".join(f"{pad}{INDENT}- {double_quoted(v)}\n" for v in value)
            lines.append(f"{pad}{f.key}:\n{items}")
        elif f.kind == CHILDREN:
            if not value:
                lines.append(f"{pad}{f.key}: []\n")
                continue
            rows = "".join(
                emit_mapping(f.children, row, indent + 2, first_prefix=f"{pad}{INDENT}- ")
                for row in value
            )
            lines.append(f"{pad}{f.key}:\n{rows}")
        else:
            lines.append(f"{pad}{f.key}: {scalar(value, f.kind)}\n")
    if first_prefix is not None and lines:
        lines[0] = first_prefix + lines[0][len(INDENT * indent) :]
    return "".join(lines)


def dump_item(spec, data):
    """One item's file, e.g. case-studies/<slug>.yaml."""
    return emit_mapping(spec, data)


def dump_vocabularies(vocab):
    """vocab/vocabularies.yaml from {"regions": [{"slug": …, "name": …}, …], …}."""
    out = [VOCAB_HEADER]
    for key, (_label, keys) in specs.VOCABULARIES.items():
        rows = vocab.get(key) or []
        if not rows:
            continue
        out.append(f"{key}:\n")
        for row in rows:
            pairs = ", ".join(
                f"{k}: {plain_or_quoted(str(row.get(k) or ''), flow=True)}" for k in keys
            )
            out.append(f"{INDENT}- {{{pairs}}}\n")
    return "".join(out)


def dump_list(list_file, rows):
    """A one-list file (``specs.ListFile``: glossary.yaml, synonyms.yaml) from its mappings."""
    spec, key = list_file.spec, list_file.key
    text = "".join(emit_mapping(spec, row, 2, first_prefix=f"{INDENT}- ") for row in rows)
    return list_file.header + (f"{key}:\n{text}" if rows else f"{key}: []\n")


# -- reading the database ---------------------------------------------------------------
def natural_key(obj):
    """Sort key from the model's own Meta.ordering, compared in Python (collation-proof)."""
    key = []
    for name in obj._meta.ordering or ["pk"]:
        value = getattr(obj, name.lstrip("-"))
        key.append((value is None, value if value is not None else 0))
    key.append((False, getattr(obj, "slug", "") or ""))
    return tuple(key)


def _prefetches(spec, prefix=""):
    names = []
    for f in spec.fields:
        if f.kind in (M2M, TAGS):
            names.append(prefix + f.name)
        elif f.kind == CHILDREN:
            names.append(prefix + f.name)
            names.extend(_prefetches(f.children, prefix + f.name + "__"))
    return names


def queryset_for(spec):
    model = spec.get_model()
    fks = [f.name for f in spec.fields if f.kind == FK]
    return model._default_manager.select_related(*fks).prefetch_related(*_prefetches(spec))


def field_value(obj, f):
    if f.kind == TEXT:
        return normalise_text(getattr(obj, f.name))
    if f.kind in (INT, BOOL, CHOICE):
        return getattr(obj, f.name)
    if f.kind == DATE:
        value = getattr(obj, f.name)
        return value.date() if isinstance(value, datetime.datetime) else value
    if f.kind == FK:
        related = getattr(obj, f.name)
        return getattr(related, f.lookup) if related is not None else None
    if f.kind == M2M:
        return [getattr(o, f.lookup) for o in sorted(getattr(obj, f.name).all(), key=natural_key)]
    if f.kind == TAGS:
        return sorted((t.name for t in getattr(obj, f.name).all()), key=lambda n: (n.casefold(), n))
    if f.kind == LINES:
        text = getattr(obj, f.name) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
    if f.kind == CHILDREN:
        rows = sorted(getattr(obj, f.name).all(), key=lambda c: (c.order, c.pk))
        return [item_data(row, f.children) for row in rows]
    raise AssertionError(f.kind)


def item_data(obj, spec):
    """The content-file mapping of one saved object, key by key as its spec lists them."""
    return {f.key: field_value(obj, f) for f in spec.fields}


def vocabulary_data():
    vocab = {}
    for key, (label, keys) in specs.VOCABULARIES.items():
        model = apps.get_model(label)
        vocab[key] = [
            {k: getattr(row, k) for k in keys} for row in model._default_manager.order_by("pk")
        ]
    return vocab


def list_data(list_file):
    """The rows of a one-list file (``specs.ListFile``), in alphabetical order."""
    spec, name = list_file.spec, list_file.order
    rows = sorted(queryset_for(spec), key=lambda row: (getattr(row, name).casefold(), row.pk))
    return [item_data(row, spec) for row in rows]


def rendered_files():
    """{relative path: file text} for everything in the database."""
    files = {}
    for spec in specs.ITEM_SPECS:
        for obj in queryset_for(spec):
            files[f"{spec.folder}/{obj.slug}.yaml"] = dump_item(spec, item_data(obj, spec))
    vocab = vocabulary_data()
    if any(vocab.values()):
        files[VOCAB_FILE] = dump_vocabularies(vocab)
    for list_file in specs.LIST_FILES:
        if rows := list_data(list_file):
            files[list_file.name] = dump_list(list_file, rows)
    return dict(sorted(files.items()))


def content_files(root):
    """The YAML files under root that the loader reads (and the exporter writes)."""
    root = Path(root)
    found = []
    for folder in [spec.folder for spec in specs.ITEM_SPECS] + ["vocab"]:
        if (root / folder).is_dir():
            found.extend(sorted((root / folder).glob("*.yaml")))
    found.extend(root / f.name for f in specs.LIST_FILES if (root / f.name).exists())
    return sorted(p.relative_to(root).as_posix() for p in found)


@dataclass
class ExportReport:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    def __str__(self):
        text = f"{len(self.written)} written, {len(self.unchanged)} unchanged"
        if self.removed:
            text += f", {len(self.removed)} removed"
        if self.stale:
            text += f", {len(self.stale)} not in the database (kept; --prune removes them)"
        return text


def export_content(root, *, prune=False):
    """Write every item in the database under root; files already identical are not touched."""
    root = Path(root)
    report = ExportReport()
    files = rendered_files()
    for relative, text in files.items():
        path = root / relative
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            report.unchanged.append(relative)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        report.written.append(relative)
    for relative in content_files(root):
        if relative not in files:
            if prune:
                (root / relative).unlink()
                report.removed.append(relative)
            else:
                report.stale.append(relative)
    return report


# -- normalising a tree -----------------------------------------------------------------
# Emptied before a tree is loaded: the one-list files, then the items in the reverse of their
# load order (everything that links to a kind goes before it), then the vocabularies they use.
WIPE_ORDER = (
    *(list_file.spec.model for list_file in reversed(specs.LIST_FILES)),
    *(spec.model for spec in reversed(specs.ITEM_SPECS)),
    *(model for model, _keys in specs.VOCABULARIES.values()),
)


def _wipe_content():
    tagged = {spec.model for spec in specs.ITEM_SPECS if any(f.kind == TAGS for f in spec.fields)}
    for label in WIPE_ORDER:
        model = apps.get_model(label)
        if label in tagged:
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(model)
            ).delete()
        model._default_manager.all().delete()


def normalise_content(root, *, out=None):
    """Rewrite a content tree in canonical form: load it into an empty database, export it.

    Runs inside a transaction that is always rolled back, so the database is left exactly as
    it was. Writes to `out` (default: the tree itself, removing files whose content moved,
    such as links written on the other side). Raises ContentError if the tree does not load.
    """
    with transaction.atomic():
        _wipe_content()
        Loader(root).load()
        report = export_content(out or root, prune=True)
        transaction.set_rollback(True)
    return report
