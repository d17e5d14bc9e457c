"""A factory for every model of the project's apps, and the few helpers tests share to make rows.

tests/test_factories.py checks that every model has one and that each makes a valid row.
"""

import factory
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory
from taggit.models import Tag, TaggedItem

from casestudies.models import CaseStudy, KeyFigure, Kind
from core.cache import content_changed
from core.models import GlossaryTerm, OrganisationType, Region, Role, Source, Status, Theme
from curation.models import PublicationEvent, RelatedSnapshot, SlugRedirect, Submission
from curation.services import related_content
from guidance.models import (
    Audience,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    ConsultationArea,
    HighImpactAction,
    PlannedAction,
)
from search.models import BestBet, Document, Synonym, Word
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


class SlugRedirectFactory(DjangoModelFactory):
    """An old slug of a case study that now redirects to it."""

    class Meta:
        model = SlugRedirect

    class Params:
        item = factory.SubFactory(CaseStudyFactory)

    model_label = factory.LazyAttribute(lambda o: o.item._meta.label_lower)
    old_slug = factory.Sequence(lambda n: f"old-slug-{n}")
    object_id = factory.LazyAttribute(lambda o: o.item.pk)


class PublicationEventFactory(DjangoModelFactory):
    """A case study published by nobody in particular (the audit list allows no user)."""

    class Meta:
        model = PublicationEvent

    class Params:
        item = factory.SubFactory(CaseStudyFactory)

    model_label = factory.LazyAttribute(lambda o: o.item._meta.label_lower)
    object_id = factory.LazyAttribute(lambda o: o.item.pk)
    object_repr = factory.LazyAttribute(lambda o: str(o.item))
    action = PublicationEvent.Action.PUBLISHED
    from_status = Status.REVIEW
    to_status = Status.PUBLISHED


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = Submission

    organisation = factory.Sequence(lambda n: f"Practice {n}")
    place = "Sometown"
    contact_email = factory.Sequence(lambda n: f"practice{n}@example.org")


class RelatedSnapshotFactory(DjangoModelFactory):
    """The related rows of a case study's latest history record, as the admin keeps them."""

    class Meta:
        model = RelatedSnapshot

    class Params:
        item = factory.SubFactory(CaseStudyFactory)

    model_label = factory.LazyAttribute(lambda o: o.item._meta.label_lower)
    object_id = factory.LazyAttribute(lambda o: o.item.pk)
    history_id = factory.LazyAttribute(lambda o: o.item.history.latest().history_id)
    data = factory.LazyAttribute(lambda o: related_content(o.item))


class SynonymFactory(DjangoModelFactory):
    class Meta:
        model = Synonym

    words = factory.Sequence(lambda n: f"word{n} = phrase {n}")


class BestBetFactory(DjangoModelFactory):
    class Meta:
        model = BestBet

    searches = factory.Sequence(lambda n: f"question {n}")
    url = "/themes/new-roles/"


class DocumentFactory(DjangoModelFactory):
    """A search document on its own (the index normally writes these: ``publish_changes``)."""

    class Meta:
        model = Document

    kind = "theme"
    object_id = factory.Sequence(lambda n: n + 1)
    url = factory.Sequence(lambda n: f"/themes/theme-{n}/")
    title = factory.Sequence(lambda n: f"Document {n}")


class WordFactory(DjangoModelFactory):
    class Meta:
        model = Word

    word = factory.Sequence(lambda n: f"word{n}")
    count = 1


def publish_changes():
    """What every write path does after writing (rows made by factories skip the write paths):
    the search index and the page cache follow the database."""
    content_changed()


def make_curator(username, group=None, **extra):
    """A staff user, in the named curators' group ("Editor", "Publisher") if one is given."""
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-pass-phrase-1", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def bulk_library(n):
    """n published case studies with themes, roles, regions, tags and figures, in few queries.

    Every third one is a consultation example; item i has theme t{i % 4}, role r{i % 6},
    region g{i % 9}, tag topic-{i % 30} and a key figure measuring access (even i) or finance.
    """
    source = SourceFactory()
    area = ConsultationAreaFactory(source=source)
    themes = [ThemeFactory(slug=f"t{i}", order=i) for i in range(4)]
    roles = [RoleFactory(slug=f"r{i}") for i in range(6)]
    regions = [RegionFactory(slug=f"g{i}") for i in range(9)]
    tags = [Tag.objects.create(name=f"topic {i}", slug=f"topic-{i}") for i in range(30)]
    cases = CaseStudy.objects.bulk_create(
        CaseStudy(
            slug=f"bulk-{i}",
            title=f"Bulk {i} paramedic",
            number=i + 1,
            source=source,
            source_section="s",
            summary="Summary about social prescribing.",
            status=Status.PUBLISHED,
            region=regions[i % 9],
            kind=Kind.CASE_STUDY if i % 3 else Kind.CONSULTATION_EXAMPLE,
            population=(i * 997) % 200_000 or None,
            question_area=None if i % 3 else area,
        )
        for i in range(n)
    )
    _link(cases, CaseStudy.themes.through, "theme_id", themes)
    _link(cases, CaseStudy.roles.through, "role_id", roles)
    content_type = ContentType.objects.get_for_model(CaseStudy)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=content_type, object_id=cs.pk, tag=tags[i % 30])
        for i, cs in enumerate(cases)
    )
    KeyFigure.objects.bulk_create(
        KeyFigure(case_study=cs, label="x", value="1", outcome=["access", "finance"][i % 2])
        for i, cs in enumerate(cases)
    )
    return cases


def _link(cases, through, column, targets):
    """Case study i linked to targets[i % len(targets)], in one INSERT."""
    through.objects.bulk_create(
        through(casestudy_id=cs.pk, **{column: targets[i % len(targets)].pk})
        for i, cs in enumerate(cases)
    )
