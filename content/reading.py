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
from core.text import clean_input, describe_character, short, unwanted_characters
from search.bets import keys_of
from search.models import split_phrases


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


class StrictLoader(yaml.SafeLoader):
    """YAML as content files are written: no aliases (an alias bomb expands without bound), no
    key given twice (the last one would win silently), dates that exist or plain text."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            line = self.peek_event().start_mark.line + 1
            raise yaml.YAMLError(f"aliases (*name) are not allowed in content files (line {line})")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise yaml.YAMLError(
                    f"the key '{key[:40]}' is given twice (line {key_node.start_mark.line + 1})"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)  # an impossible date: the field check names it


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=StrictLoader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1})" if mark else ""
        problem = exc.problem or "not valid YAML"
        raise ContentError(path, "(file)", f"malformed YAML{where}: {problem[:200]}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(path, "(file)", f"malformed YAML: {str(exc)[:200]}") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, "(file)", "the file is not UTF-8 text") from exc
    except RecursionError as exc:
        raise ContentError(path, "(file)", "nested too deeply to be a content file") from exc
    except ValueError as exc:
        raise ContentError(path, "(file)", f"a value cannot be read: {str(exc)[:200]}") from exc
    if not isinstance(data, dict):
        raise ContentError(path, "(file)", "expected a mapping of keys to values at the top")
    return data


def check_text(doc_path, name, value):
    """Text cleaned by the one rule every way in uses; a control character is reported with
    its position instead of being removed silently (the file is what curators review)."""
    found = unwanted_characters(value)
    if found:
        position, ch = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ContentError(
            doc_path,
            name,
            f"contains the control character {describe_character(ch)} at character "
            f"{position}{more}; delete it (it is often left by copying from Word or a PDF)",
        )
    return clean_input(value)


def _check_scalar(doc_path, f, value, name):
    """Text, numbers, booleans, dates and slugs, cleaned; raise naming the field."""
    if f.kind == TEXT:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ContentError(doc_path, name, f"must be text, got {short(value)}")
        value = check_text(doc_path, name, value)
        return value.strip("\n") if "\n" in value else value.strip()
    if f.kind == INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContentError(doc_path, name, f"must be a whole number, got {short(value)}")
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
        raise ContentError(doc_path, name, f"must be a slug, got {short(value)}")
    return check_text(doc_path, name, value)


def _check_value(doc_path, f, value, where):
    """Return the value cleaned for its field kind, or raise naming the field."""
    name = where + f.key
    if f.kind in (M2M, TAGS, LINES):
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise ContentError(doc_path, name, "must be a list of text values")
        cleaned = [
            check_text(doc_path, f"{name}[{i + 1}]", str(v)).strip() for i, v in enumerate(value)
        ]
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
            name = key[:40] if isinstance(key, str) else short(key)
            raise ContentError(doc_path, where + name, f"unknown field for a {spec.label}")
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
                for name, value in row.items():
                    if not isinstance(value, str):
                        raise ContentError(
                            path, f"{where}.{name}", f"must be text, got {short(value)}"
                        )
                    row[name] = check_text(path, f"{where}.{name}", value)
                entries[key].append((path, where, row))
    return entries


def _read_list(path, list_file):
    """The rows under the one key of a one-list file (``specs.ListFile``)."""
    key = list_file.key
    data = read_yaml(path)
    if set(data) != {key} or not isinstance(data[key], list):
        raise ContentError(path, key, f"the file holds one key, '{key}', with a list")
    return data[key]


def _read_one_list(root, list_file, entry):
    """A one-list file's rows as (path, [(where, mapping, lookup)]), or [] when there is no
    file: each row checked against its spec, then by ``entry(path, where, mapping, i)``, which
    returns its lookup and its identity (the field that shows it, and the value that makes two
    rows one): a row that repeats an earlier one is refused."""
    path = root / list_file.name
    if not path.exists():
        return []
    rows, seen = [], {}
    for i, row in enumerate(_read_list(path, list_file)):
        where = f"{list_file.key}[{i + 1}]."
        cleaned = validate_mapping(path, list_file.spec, row, where=where)
        lookup, (field, same) = entry(path, where, cleaned, i)
        if same in seen:
            raise ContentError(path, f"{where}{field}", f"repeats {list_file.key}[{seen[same]}]")
        seen[same] = i + 1
        rows.append((where, cleaned, lookup))
    return path, rows


def _synonym(path, where, cleaned, _i):
    """Two entries naming the same phrases, however spelled, are one."""
    phrases = split_phrases(cleaned["words"])
    if len(phrases) < 2:
        raise ContentError(path, f"{where}words", "needs two or more phrases joined by '='")
    same = " = ".join(sorted(phrase.casefold() for phrase in phrases))
    return {"words": cleaned["words"]}, ("words", same)


def _best_bet(path, where, cleaned, _i):
    """A search with a word that means something and a page address on this site (whether a
    published page has it is checked by the admin and the tests: the index is written after
    the load)."""
    if not keys_of(cleaned["searches"]):
        raise ContentError(path, f"{where}searches", "needs a search with a word in it")
    url = cleaned["url"]
    if not url.startswith("/") or url.startswith("//") or any(c.isspace() for c in url):
        raise ContentError(
            path, f"{where}url", "must be a page address on this site, e.g. /themes/new-roles/"
        )
    return {"searches": cleaned["searches"], "url": url}, (
        "searches",
        (cleaned["searches"].casefold(), url),
    )


def _glossary_term(path, where, cleaned, i):
    """Looked up by the slug the term makes (a term that makes no slug: by its place)."""
    slug = slugify(cleaned["term"].replace("&", " and ").replace("/", " ")) or f"term-{i}"
    return {"slug": slug}, ("term", slug)


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


def read_lists(root):
    """Each one-list file (``specs.LIST_FILES``, in load order) with its rows, as
    ``_read_one_list`` reads them."""
    entries = {
        specs.GLOSSARY_FILE: _glossary_term,
        specs.SYNONYM_FILE: _synonym,
        specs.BEST_BET_FILE: _best_bet,
    }
    return [(lf, _read_one_list(root, lf, entries[lf])) for lf in specs.LIST_FILES]
