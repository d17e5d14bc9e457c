"""Property-based: any content tree either loads or raises ContentError, and never half-loads."""

import tempfile
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.content import specs
from core.content.loader import ContentError, load_content

pytestmark = pytest.mark.django_db

VALID = {
    "sources/d9.yaml": {
        "slug": "d9",
        "code": "D9",
        "title": "A test source",
        "seed_file": "009_test.txt",
        "description": "For tests.",
    },
    "themes/new-roles.yaml": {
        "slug": "new-roles",
        "name": "New roles",
        "order": 1,
        "description": "One line.",
        "overview": "Overview.",
        "source": "d9",
    },
    "vocab/vocabularies.yaml": {
        "regions": [{"slug": "south-west", "name": "South West"}],
        "roles": [{"slug": "paramedic", "name": "Paramedic", "category": "clinical"}],
        "audiences": [{"slug": "gp-practices", "name": "GP practices"}],
    },
    "case-studies/sample-case.yaml": {
        "slug": "sample-case",
        "kind": "case-study",
        "number": 1,
        "title": "A sample case",
        "region": "south-west",
        "themes": ["new-roles"],
        "roles": ["paramedic"],
        "tags": ["triage"],
        "summary": "A summary.",
        "summary_points": ["One", "Two"],
        "approach": "They did it.",
        "high_impact_actions": ["active-signposting"],
        "key_figures": [{"label": "Patients", "value": "33,000", "outcome": "access"}],
        "source": "d9",
        "source_section": "Case Study 1",
    },
    "high-impact-actions/active-signposting.yaml": {
        "slug": "active-signposting",
        "number": 1,
        "name": "Active signposting",
        "summary": "Send people to the right help.",
        "definition": "Definition.",
        "planned_actions": [{"title": "Do a thing", "explanation": "Why."}],
        "source": "d9",
        "source_section": "Appendix C",
    },
    "checklists/sample-steps.yaml": {
        "slug": "sample-steps",
        "list_id": "D9-L01",
        "title": "Sample steps",
        "kind": "practical-steps",
        "audiences": ["gp-practices"],
        "themes": ["new-roles"],
        "items": [{"title": "First", "explanation": "Do it.", "case_studies": ["sample-case"]}],
        "source": "d9",
        "source_section": "Analysis",
    },
    "glossary.yaml": {
        "terms": [{"term": "ANP", "expansion": "Advanced Nurse Practitioner", "sources": ["d9"]}]
    },
}
FOLDERS = sorted({spec.folder for spec in specs.ITEM_SPECS} | {"vocab"})
KEYS = sorted(
    {key for doc in VALID.values() for key in doc}
    | {f.key for spec in specs.ITEM_SPECS for f in spec.fields}
)
ODD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x08",
    "\ud7ff",
    "\ufffe",
    "🙂",
    "a" * 5000,
    "-",
    "--",
    "Ünïcode",
    "new-roles",
    "d9",
    "sample-case",
    "south-west",
    "paramedic",
    "active-signposting",
    "D9-L01",
    "published",
    "draft",
    "case-study",
    "consultation-example",
    "2026-02-30",
    "2026-11-23",
    "yes",
    "~",
    "null",
    "1e400",
]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(ODD_TEXT),
    st.dates(),
    st.datetimes(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=4
        ),
    ),
    max_leaves=10,
)


@st.composite
def change(draw):
    """One hostile change to the valid tree: (relative path, new text or None to delete)."""
    how = draw(st.sampled_from(["set", "set", "set", "drop", "replace", "new", "raw"]))
    path = draw(st.sampled_from(sorted(VALID)))
    doc = dict(VALID[path])
    if how == "set":
        doc[draw(st.sampled_from(sorted(doc) + KEYS))] = draw(VALUES)
    elif how == "drop":
        doc.pop(draw(st.sampled_from(sorted(doc))))
    elif how == "replace":
        doc = draw(VALUES)
    elif how == "new":
        folder = draw(st.sampled_from(FOLDERS))
        name = draw(st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True))
        path = f"{folder}/{name}.yaml"
        doc = draw(VALUES) if draw(st.booleans()) else {**VALID["sources/d9.yaml"], "slug": name}
    if how == "raw":
        return path, draw(
            st.one_of(
                st.text(max_size=80),
                st.sampled_from(
                    [
                        "{",
                        "a: [",
                        "- - -",
                        "a: *x",
                        "!!python/object:os.system {}",
                        "\x00",
                        "\ufeff",
                        "a: 1\na: 2",
                        "? [a, b]\n: c",
                        "%YAML 9.9\n---\na: 1",
                        "--- a\n--- b",
                    ]
                ),
            )
        )
    return path, yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"core", "casestudies", "vanguards", "guidance", "taggit"}
    }


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(changes=st.lists(change(), min_size=1, max_size=3))
def test_a_content_tree_loads_whole_or_not_at_all(changes):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {path: yaml.safe_dump(doc, sort_keys=False) for path, doc in VALID.items()}
        files.update(dict(changes))
        for relative, text in files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8", "surrogatepass"))
        before = row_counts()
        try:
            load_content(root)
        except ContentError as error:
            event(f"ContentError: {error.field}")
            assert row_counts() == before, "a failed load must leave every table as it was"
        else:
            event("loaded")


def test_the_valid_tree_loads():
    with tempfile.TemporaryDirectory() as folder:
        for relative, doc in VALID.items():
            target = Path(folder) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(doc))
        report = load_content(Path(folder))
    assert report.created > 5
