"""The whole library is there: every item CONTENT.md lists, with the right item counts."""

import pytest

from casestudies.models import CaseStudy, Kind
from core.models import GlossaryTerm, Status, Theme
from guidance.models import Checklist, ConsultationArea, HighImpactAction
from vanguards.models import VanguardSite

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

# The 45 standalone checklists of CONTENT.md section 5 and their item counts.
CHECKLIST_ITEMS = {
    "D0-L03": 8,
    "D0-L04": 5,
    "D0-L05": 5,
    "D0-L09": 10,
    "D0-L10": 3,
    "D0-L12": 6,
    "D0-L13": 4,
    "D0-L14": 7,
    "D0-L17": 12,
    "D0-L18": 10,
    "D0-L26": 5,
    "D0-L27": 6,
    "D0-L28": 7,
    "D0-L29": 8,
    "D0-L30": 10,
    "D0-L31": 7,
    "D0-L34": 5,
    "D0-L37": 9,
    "D0-L38": 3,
    "D0-L39": 7,
    "D0-L40": 3,
    "D0-L42": 5,
    "D0-L43": 5,
    "D1-L03": 9,
    "D1-L04": 6,
    "D1-L05": 8,
    "D1-L06": 7,
    "D1-L07": 10,
    "D1-L08": 5,
    "D1-L09": 11,
    "D1-L10": 9,
    "D1-L11": 7,
    "D1-L12": 14,
    "D1-L14": 3,
    "D1-L15": 3,
    "D1-L17": 4,
    "D2-L25": 11,
    "D3-L01": 3,
    "D3-L02": 4,
    "D3-L05": 15,
    "D3-L06": 9,
    "D3-L07": 13,
    "D3-L08": 13,
    "D3-L09": 11,
    "D4-L03": 6,
}

# Lists shown on the page they belong to (CONTENT.md section 5), with their item counts.
EMBEDDED_ITEMS = {
    "D0-L11": 5,
    "D0-L15": 4,
    "D0-L16": 3,
    "D0-L20": 3,
    "D0-L21": 3,
    "D0-L22": 4,
    "D0-L23": 3,
    "D0-L24": 3,
    "D0-L32": 3,
    "D0-L33": 3,
    "D0-L35": 3,
    "D0-L36": 3,
    "D1-L13": 4,
    "D2-L05": 9,
    "D2-L06": 4,
    "D2-L07": 7,
    "D2-L08": 16,
    "D2-L09": 26,
    "D2-L20": 8,
    "D2-L22": 16,
    "D2-L35": 19,
    "D2-L40": 9,
    "D2-L45": 25,
}


def published(model):
    return model.objects.filter(status=Status.PUBLISHED)


def test_every_item_count():
    cases = published(CaseStudy)
    assert cases.filter(kind=Kind.CASE_STUDY).count() == 16
    assert cases.filter(kind=Kind.CONSULTATION_EXAMPLE).count() == 50
    assert published(VanguardSite).count() == 14
    assert published(HighImpactAction).count() == 10
    assert published(ConsultationArea).count() == 9
    assert Theme.objects.count() == 4
    assert GlossaryTerm.objects.count() >= 110


def test_the_45_checklists_and_their_item_counts():
    standalone = dict(
        (c.list_id, c.items.count()) for c in published(Checklist).filter(standalone=True)
    )
    for list_id, count in CHECKLIST_ITEMS.items():
        assert standalone.get(list_id) == count, list_id


def test_embedded_lists_and_their_item_counts():
    lists = {c.list_id: c for c in published(Checklist).filter(list_id__in=EMBEDDED_ITEMS)}
    for list_id, count in EMBEDDED_ITEMS.items():
        assert lists[list_id].items.count() == count, list_id
        assert lists[list_id].home is not None or list_id.startswith("D2"), list_id


def test_consultation_examples_per_area():
    expected = {
        "5.1": 6,
        "5.2": 6,
        "5.3": 8,
        "5.4": 6,
        "5.5": 8,
        "5.6": 4,
        "5.7": 2,
        "5.8": 6,
        "5.9": 4,
    }
    for area in published(ConsultationArea):
        assert area.examples.count() == expected[area.number], area.number


def test_the_unfinished_llr_section_is_published_as_unfinished():
    checklist = published(Checklist).get(list_id="D1-L05")
    assert checklist.incomplete_in_source
    assert "to be completed" in checklist.introduction.lower()


def test_no_item_has_an_empty_summary():
    for model in (CaseStudy, VanguardSite, HighImpactAction, ConsultationArea):
        assert not model.objects.filter(summary="").exists(), model
    assert not Theme.objects.filter(overview="").exists()


def test_every_book_case_study_has_theme_region_and_source():
    for case in CaseStudy.objects.filter(kind=Kind.CASE_STUDY):
        assert case.themes.exists(), case
        assert case.region_id, case
        assert case.source.code == "D0" and case.source_section, case
        assert 2 <= len(case.points) <= 4, case
        for section in ("problem", "approach", "impact", "lessons"):
            assert getattr(case, section).strip(), (case, section)


def test_every_consultation_example_has_area_and_tag_as_printed():
    for case in CaseStudy.objects.filter(kind=Kind.CONSULTATION_EXAMPLE):
        assert case.question_area_id, case
        assert case.respondent_tag.startswith("[") and case.respondent_tag.endswith("case study]")
        assert case.source.code == "D2", case


def test_book_sections_carry_their_theme():
    sections = {
        "new-roles": range(1, 6),
        "operating-at-scale": range(6, 9),
        "new-models-of-care": range(9, 14),
        "ccg-support": range(14, 17),
    }
    for slug, numbers in sections.items():
        for number in numbers:
            case = CaseStudy.objects.get(kind=Kind.CASE_STUDY, number=number)
            assert case.themes.filter(slug=slug).exists(), (slug, number)


def test_checklist_items_cite_the_case_studies_the_book_ties_them_to():
    for list_id in ("D0-L09", "D0-L17", "D0-L18", "D0-L27", "D0-L42"):
        checklist = Checklist.objects.get(list_id=list_id)
        assert any(item.case_studies.exists() for item in checklist.items.all()), list_id
    for list_id in ("D0-L12", "D0-L13", "D0-L14"):
        checklist = Checklist.objects.get(list_id=list_id)
        for item in checklist.items.all():
            cited = item.case_studies.filter(slug="big-in-birmingham").exists()
            assert cited or checklist.case_study.slug == "big-in-birmingham", (list_id, item)


def test_every_item_names_its_source_section():
    for model in (CaseStudy, VanguardSite, HighImpactAction, ConsultationArea, Checklist):
        assert not model.objects.filter(source_section="").exists(), model
