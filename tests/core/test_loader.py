"""The content loader: all or nothing, idempotent, and clear about what is wrong."""

import shutil

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy
from content.loader import ContentError, load_content
from guidance.models import Checklist
from search.models import Synonym
from tests.samples import CASE, CHECKLIST, GLOSSARY, HIA, SOURCE, SYNONYMS, THEME, VOCAB, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "fixtures"
    write(root, "sources/d9.yaml", SOURCE)
    write(root, "themes/new-roles.yaml", THEME)
    write(root, "vocab/vocabularies.yaml", VOCAB)
    write(root, "case-studies/sample-case.yaml", CASE)
    write(root, "high-impact-actions/active-signposting.yaml", HIA)
    write(root, "checklists/sample-steps.yaml", CHECKLIST)
    write(root, "glossary.yaml", GLOSSARY)
    write(root, "synonyms.yaml", SYNONYMS)
    return root


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "casestudies", "vanguards", "guidance", "search", "taggit"}
    }


def test_loads_every_kind_of_item(content):
    load_content(content)
    case = CaseStudy.objects.get(slug="sample-case")
    assert case.themes.get().slug == "new-roles"
    assert case.key_figures.get().value == "33,000 patients"
    assert list(case.tags.names()) == ["triage"]
    assert case.high_impact_actions.get().number == 1
    checklist = Checklist.objects.get(list_id="D9-L01")
    assert [i.title for i in checklist.items.all()] == ["First", "Second"]
    assert checklist.items.first().case_studies.get() == case
    assert Synonym.objects.get().phrases() == ["triage", "sorting"]


def test_loading_twice_changes_nothing(content):
    load_content(content)
    before = row_counts()
    report = load_content(content)
    assert row_counts() == before
    assert report.created == 0 and report.updated == 0


def test_changed_file_updates_in_place(content):
    load_content(content)
    write(content, "case-studies/sample-case.yaml", CASE | {"title": "A renamed case"})
    report = load_content(content)
    assert report.updated == 1
    assert CaseStudy.objects.get(slug="sample-case").title == "A renamed case"
    assert CaseStudy.objects.count() == 1


def test_hia_file_can_link_case_studies_from_its_side(content):
    write(content, "case-studies/sample-case.yaml", CASE | {"high_impact_actions": []})
    write(
        content,
        "high-impact-actions/active-signposting.yaml",
        HIA | {"case_studies": ["sample-case"]},
    )  # noqa: E501
    load_content(content)
    assert CaseStudy.objects.get().high_impact_actions.get().slug == "active-signposting"


BAD_FILES = [
    ("unknown field", "case-studies/sample-case.yaml", CASE | {"colour": "blue"}, "colour"),
    (
        "missing title",
        "case-studies/sample-case.yaml",
        {k: v for k, v in CASE.items() if k != "title"},
        "title",
    ),
    ("unknown theme", "case-studies/sample-case.yaml", CASE | {"themes": ["knitting"]}, "themes"),
    (
        "broken link",
        "checklists/sample-steps.yaml",
        CHECKLIST | {"items": [{"title": "X", "case_studies": ["no-such-case"]}]},
        "items[1].case_studies",
    ),
    ("malformed yaml", "case-studies/sample-case.yaml", "title: [unclosed\n  - : :", "(file)"),
    (
        "negative population",
        "case-studies/sample-case.yaml",
        CASE | {"population": -5},
        "population",
    ),
    ("bad choice", "case-studies/sample-case.yaml", CASE | {"kind": "essay"}, "kind"),
    ("published without a theme", "case-studies/sample-case.yaml", CASE | {"themes": []}, "themes"),
    (
        "a synonym of nothing",
        "synonyms.yaml",
        {"synonyms": [{"words": "triage"}]},
        "synonyms[1].words",
    ),
    (
        "the same synonyms twice",
        "synonyms.yaml",
        {"synonyms": [{"words": "triage = sorting"}, {"words": "Sorting = triage"}]},
        "synonyms[2].words",
    ),
    ("synonyms not a list", "synonyms.yaml", {"synonyms": "triage = sorting"}, "synonyms"),
    (
        "a recommended page off the site",
        "best_bets.yaml",
        {"recommended": [{"searches": "triage", "url": "https://example.com/"}]},
        "recommended[1].url",
    ),
    (
        "a recommended search of stop words only",
        "best_bets.yaml",
        {"recommended": [{"searches": "how to = the", "url": "/case-studies/sample-case/"}]},
        "recommended[1].searches",
    ),
    (
        "the same recommendation twice",
        "best_bets.yaml",
        {
            "recommended": [
                {"searches": "triage", "url": "/case-studies/sample-case/"},
                {"searches": "Triage", "url": "/case-studies/sample-case/"},
            ]
        },
        "recommended[2].searches",
    ),
]


@pytest.mark.parametrize("name,relative,data,field", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_names_file_and_field_and_loads_nothing(content, name, relative, data, field):
    path = write(content, relative, data)
    before = row_counts()
    with pytest.raises(ContentError) as error:
        load_content(content)
    assert error.value.path == str(path)
    assert error.value.field == field
    assert row_counts() == before


def test_bad_file_after_good_load_leaves_database_as_it_was(content):
    load_content(content)
    before = row_counts()
    write(
        content,
        "case-studies/another.yaml",
        CASE | {"slug": "another", "number": 2, "themes": ["nope"]},
    )
    with pytest.raises(ContentError):
        load_content(content)
    assert row_counts() == before
    assert not CaseStudy.objects.filter(slug="another").exists()


def test_command_exits_non_zero_and_names_the_file(content):
    write(content, "checklists/sample-steps.yaml", CHECKLIST | {"kind": None})
    with pytest.raises(CommandError, match=r"sample-steps.yaml: field 'kind': is required"):
        call_command("load_content", path=str(content))


def test_dry_run_writes_nothing(content, capsys):
    call_command("load_content", path=str(content), dry_run=True)
    assert CaseStudy.objects.count() == 0
    assert "rolled back" in capsys.readouterr().out


def test_slug_must_match_file_name(content):
    shutil.move(content / "checklists/sample-steps.yaml", content / "checklists/other.yaml")
    with pytest.raises(ContentError) as error:
        load_content(content)
    assert error.value.field == "slug"


def test_a_draft_case_study_may_wait_for_its_theme(content):
    write(content, "case-studies/sample-case.yaml", CASE | {"themes": [], "status": "draft"})
    load_content(content)
    assert not CaseStudy.objects.get().themes.exists()


def test_removing_the_last_theme_of_a_published_case_study_is_refused(content):
    """Only the links change here, and the model's rule still judges them."""
    load_content(content)
    write(content, "case-studies/sample-case.yaml", CASE | {"themes": []})
    with pytest.raises(ContentError) as error:
        load_content(content)
    assert error.value.field == "themes" and "needs at least one theme" in error.value.message
    assert CaseStudy.objects.get().themes.exists()


def test_a_load_shows_on_the_cached_pages(client, content):
    load_content(content)
    url = CaseStudy.objects.get().get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    write(content, "case-studies/sample-case.yaml", CASE | {"title": "A renamed case"})
    load_content(content)
    page = client.get(url)
    assert page["X-Cache"] == "MISS" and b"A renamed case" in page.content
