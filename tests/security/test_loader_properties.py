"""Property-based: any content tree either loads or raises ContentError, and never half-loads."""

import tempfile
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from content import specs
from content.loader import ContentError, load_content
from tests.samples import SAMPLE_FILES

pytestmark = pytest.mark.django_db

VALID = SAMPLE_FILES  # the loader tests' small, valid library, one document per file
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
