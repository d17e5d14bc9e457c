"""A factory for every model."""

import factory
from factory.django import DjangoModelFactory

from casestudies.models import CaseStudy, KeyFigure, Kind
from core.models import GlossaryTerm, OrganisationType, Region, Role, Source, Status, Theme
from guidance.models import (
    Audience,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    ConsultationArea,
    HighImpactAction,
    PlannedAction,
)
from vanguards.models import VanguardFigure, VanguardReference, VanguardSite


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"s{n}")
    code = factory.Sequence(lambda n: f"S{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    seed_file = factory.Sequence(lambda n: f"{n:03d}_seed.txt")
    description = "A source document."


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Region {n}")


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"role-{n}")
    name = factory.Sequence(lambda n: f"Role {n}")


class OrganisationTypeFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationType
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"org-type-{n}")
    name = factory.Sequence(lambda n: f"Organisation type {n}")


class AudienceFactory(DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name = factory.Sequence(lambda n: f"Audience {n}")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")
    description = "A theme."
    overview = "An **overview** of the theme."
    source = factory.SubFactory(SourceFactory)


class GlossaryTermFactory(DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"T{n}")
    slug = factory.Sequence(lambda n: f"t{n}")
    expansion = "Term expansion"
    definition = "What it means."


class PublishableFactory(DjangoModelFactory):
    status = Status.PUBLISHED
    source = factory.SubFactory(SourceFactory)
    source_section = "Section 1"


class HighImpactActionFactory(PublishableFactory):
    class Meta:
        model = HighImpactAction

    number = factory.Sequence(lambda n: n % 10 + 1)
    slug = factory.Sequence(lambda n: f"hia-{n}")
    name = factory.Sequence(lambda n: f"High impact action {n}")
    summary = "One line."
    definition = "What it is."


class PlannedActionFactory(DjangoModelFactory):
    class Meta:
        model = PlannedAction

    action = factory.SubFactory(HighImpactActionFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Planned action {n}")


class ConsultationAreaFactory(PublishableFactory):
    class Meta:
        model = ConsultationArea

    number = factory.Sequence(lambda n: f"5.{n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    title = factory.Sequence(lambda n: f"Question area {n}")
    summary = "One line."
    what_respondents_said = "They said things."


class VanguardSiteFactory(PublishableFactory):
    class Meta:
        model = VanguardSite

    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"vanguard-{n}")
    name = factory.Sequence(lambda n: f"Vanguard {n}")
    area = "Somewhere"
    summary = "A vanguard site."
    region = factory.SubFactory(RegionFactory)


class VanguardReferenceFactory(DjangoModelFactory):
    class Meta:
        model = VanguardReference

    site = factory.SubFactory(VanguardSiteFactory)
    title = "A reference"
    url = "https://example.org/reference"


class VanguardFigureFactory(DjangoModelFactory):
    class Meta:
        model = VanguardFigure

    site = factory.SubFactory(VanguardSiteFactory)
    label = "Practices"
    value = "42"


class CaseStudyFactory(PublishableFactory):
    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    kind = Kind.CASE_STUDY
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "What happened, briefly."
    approach = "They tried something new."
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.add(*extracted)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.add(*extracted)


class ConsultationExampleFactory(CaseStudyFactory):
    kind = Kind.CONSULTATION_EXAMPLE
    question_area = factory.SubFactory(ConsultationAreaFactory)
    respondent_tag = "[London case study]"


class KeyFigureFactory(DjangoModelFactory):
    class Meta:
        model = KeyFigure

    case_study = factory.SubFactory(CaseStudyFactory)
    order = factory.Sequence(lambda n: n)
    label = "Patients"
    value = "33,000 patients"
    outcome = "access"


class ChecklistFactory(PublishableFactory):
    class Meta:
        model = Checklist

    list_id = factory.Sequence(lambda n: f"DX-L{n:02d}")
    slug = factory.Sequence(lambda n: f"checklist-{n}")
    title = factory.Sequence(lambda n: f"Checklist {n}")
    kind = ChecklistKind.PRACTICAL_STEPS
    standalone = True


class ChecklistItemFactory(DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    checklist = factory.SubFactory(ChecklistFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Step {n}")
    explanation = "Do this."
