"""Issue 16 item 6: the content loader names the file and field for every bad file it was
shown, keeps its messages short, and still loads nothing."""

from pathlib import Path

import pytest
import yaml
from django.db import DataError

from casestudies.models import CaseStudy
from content.loader import ContentError, load_content
from tests.samples import SAMPLE_FILES

pytestmark = pytest.mark.django_db

CASE_FILE = "case-studies/sample-case.yaml"


def tree(root: Path, case_text=None):
    """The small valid library, with the case study's file replaced by ``case_text``."""
    for relative, doc in SAMPLE_FILES.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    if case_text is not None:
        (root / CASE_FILE).write_text(case_text, encoding="utf-8")
    return root


def case_with(**lines):
    """The valid case study's YAML with some keys written as raw YAML text."""
    doc = {k: v for k, v in SAMPLE_FILES[CASE_FILE].items() if k not in lines}
    return yaml.safe_dump(doc, sort_keys=False) + "".join(f"{k}: {v}\n" for k, v in lines.items())


def refused(root):
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert not CaseStudy.objects.exists(), "nothing is loaded"
    message = str(caught.value)
    assert len(message) < 400, message
    return caught.value


ALIAS_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
)


def test_a_yaml_alias_bomb_is_refused_without_expanding_it(tmp_path):
    text = ALIAS_BOMB + case_with(population="*h")
    error = refused(tree(tmp_path, text))
    assert error.path.endswith(CASE_FILE) and "aliases" in error.message


def test_any_alias_is_refused(tmp_path):
    text = case_with(title="&t A title", place="*t")
    assert "aliases" in refused(tree(tmp_path, text)).message


def test_a_key_given_twice_is_refused(tmp_path):
    text = case_with(title="First") + "title: Second\n"
    error = refused(tree(tmp_path, text))
    assert "'title' is given twice" in error.message and "line" in error.message


def test_an_impossible_date_names_its_field(tmp_path):
    error = refused(tree(tmp_path, case_with(last_reviewed="2026-13-45")))
    assert error.field == "last_reviewed" and "must be a date" in error.message


def test_five_thousand_levels_of_nesting_name_the_file(tmp_path):
    error = refused(tree(tmp_path, case_with(summary="[" * 5000 + "]" * 5000)))
    assert error.path.endswith(CASE_FILE)


def test_a_nul_byte_names_field_and_position(tmp_path):
    error = refused(tree(tmp_path, case_with(title='"Care\\0navigation"')))
    assert error.field == "title" and "U+0000" in error.message and "character 5" in error.message


def test_a_control_character_in_a_list_names_the_entry(tmp_path):
    error = refused(tree(tmp_path, case_with(summary_points='["fine", "bad\\vpoint"]')))
    assert error.field == "summary_points[2]" and "U+000B" in error.message


def test_bad_values_are_described_briefly_never_in_full(tmp_path):
    error = refused(tree(tmp_path, case_with(number="x" * 20000)))
    assert error.field == "number" and "xxxx…" in error.message


def test_an_enormous_list_is_described_by_its_size(tmp_path):
    error = refused(tree(tmp_path, case_with(number="[" + ", ".join(["1"] * 5000) + "]")))
    assert "a list of 5000 items" in error.message


def test_a_value_the_database_refuses_names_the_file(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise DataError("value too long for type character varying(200)\n" + "x" * 5000)

    monkeypatch.setattr(CaseStudy, "save", refuse)
    error = refused(tree(tmp_path))
    assert error.path.endswith(CASE_FILE) and "DataError" in error.message


def test_the_valid_tree_still_loads(tmp_path):
    assert load_content(tree(tmp_path)).created > 5
