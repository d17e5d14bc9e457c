"""export_content writes the database back out exactly as load_content read it."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy
from content.loader import load_content
from content.writer import content_files, export_content, normalise_content

pytestmark = pytest.mark.django_db

CANONICAL = Path(__file__).parent / "canonical"


def differing(a, b):
    names = sorted(set(content_files(a)) | set(content_files(b)))
    return [n for n in names if not same_bytes(a / n, b / n)]


def same_bytes(one, other):
    return one.exists() and other.exists() and one.read_bytes() == other.read_bytes()


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "fixtures"
    shutil.copytree(CANONICAL, root)
    return root


def test_load_then_export_reproduces_a_canonical_tree_byte_for_byte(tree, tmp_path):
    call_command("load_content", path=str(tree), verbosity=0)
    out = tmp_path / "export"
    call_command("export_content", path=str(out), verbosity=0)
    assert content_files(out) == content_files(tree)
    assert differing(tree, out) == []


def test_exporting_over_the_same_tree_changes_nothing(tree):
    load_content(tree)
    report = export_content(tree)
    assert report.written == [] and report.stale == []
    assert len(report.unchanged) == len(content_files(tree))


def test_curated_change_shows_up_in_the_export(tree, tmp_path):
    load_content(tree)
    CaseStudy.objects.filter(slug="sample-case").update(title='A "renamed" case')
    export_content(tree)
    assert differing(tree, Path(CANONICAL)) == ["case-studies/sample-case.yaml"]
    assert 'title: "A \\"renamed\\" case"\n' in (tree / "case-studies/sample-case.yaml").read_text()
    load_content(tree)  # and the changed file loads back
    assert CaseStudy.objects.get(slug="sample-case").title == 'A "renamed" case'


def test_normalise_rewrites_hand_written_files_into_canonical_form(tree):
    case = tree / "case-studies/sample-case.yaml"
    case.write_text(
        case.read_text()
        .replace("roles: [nurse, paramedic]", "roles:\n  - paramedic\n  - nurse")
        .replace('title: "A sample case"', "title: A sample case")
        .replace(
            "high_impact_actions: [active-signposting, a-second-action]",
            "high_impact_actions: [active-signposting]",
        )
        + 'practices: null\nlessons: ""\n'
    )
    hia = tree / "high-impact-actions/a-second-action.yaml"
    hia.write_text(hia.read_text() + "case_studies: [sample-case]\n")
    with pytest.raises(CommandError, match="would change"):
        call_command("normalise_content", path=str(tree), check=True, verbosity=0)
    call_command("normalise_content", path=str(tree), verbosity=0)
    assert differing(tree, Path(CANONICAL)) == []
    call_command("normalise_content", path=str(tree), check=True, verbosity=0)
    assert not CaseStudy.objects.exists()  # the database is left as it was


def test_normalise_leaves_everything_alone_when_the_content_does_not_load(tree):
    bad = tree / "case-studies/sample-case.yaml"
    bad.write_text(bad.read_text().replace("themes: [new-roles]", "themes: [knitting]"))
    before = bad.read_bytes()
    with pytest.raises(CommandError, match="knitting"):
        call_command("normalise_content", path=str(tree), verbosity=0)
    assert bad.read_bytes() == before


def test_real_fixtures_round_trip(tmp_path):
    """load_content then export_content reproduces fixtures/ byte for byte."""
    load_content(settings.CONTENT_DIR)
    out = tmp_path / "export"
    export_content(out)
    canonical = tmp_path / "canonical"
    normalise_content(settings.CONTENT_DIR, out=canonical)
    # The export is always the canonical form of the real content …
    assert differing(out, canonical) == []
    # … and fixtures/ itself is byte-for-byte that form once it has been normalised.
    # A hand edit out of that form fails here: `manage.py normalise_content` mends it.
    assert differing(Path(settings.CONTENT_DIR), out) == []
