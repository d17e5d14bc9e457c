"""What each kind of content file may contain, and how its keys map onto the models.

One declarative table drives both `load_content` and `export_content`, so the two can
never disagree about the format (documented for curators in fixtures/README.md).
"""

from dataclasses import dataclass, field

from django.apps import apps

TEXT = "text"  # a string, may be multi-line Markdown
INT = "int"
BOOL = "bool"
DATE = "date"
CHOICE = "choice"
FK = "fk"  # a slug naming another item
M2M = "m2m"  # a list of slugs
TAGS = "tags"  # a list of free tags
LINES = "lines"  # a list of strings stored one per line
CHILDREN = "children"  # an ordered list of nested records


@dataclass(frozen=True)
class Field:
    key: str
    kind: str = TEXT
    required: bool = False
    attr: str | None = None  # model attribute when it differs from the key
    target: str | None = None  # "app.Model" for FK/M2M
    lookup: str = "slug"
    children: "Spec | None" = None
    default: object = None

    @property
    def name(self):
        return self.attr or self.key

    def model(self):
        return apps.get_model(self.target)


@dataclass(frozen=True)
class Spec:
    label: str
    model: str
    folder: str | None = None
    fields: tuple = ()
    parent_attr: str | None = None  # for children: the FK to the parent
    reverse: tuple = field(default_factory=tuple)  # keys that set links held by other models

    def get_model(self):
        return apps.get_model(self.model)

    def by_key(self):
        return {f.key: f for f in self.fields}


def _text(key, required=False, **kw):
    return Field(key, TEXT, required, **kw)


KEY_FIGURE = Spec(
    "key figure",
    "casestudies.KeyFigure",
    parent_attr="case_study",
    fields=(
        _text("label", True),
        _text("value", True),
        _text("context"),
        Field("outcome", CHOICE, default="other"),
        _text("curator_notes"),
    ),
)

PUBLISHABLE = (
    _text("slug", True),
    Field("status", CHOICE, default="published"),
    Field("source", FK, True, target="core.Source"),
    _text("source_section", True),
    _text("source_pages"),
    Field("last_reviewed", DATE),
    _text("curator_notes"),
)

# The evidence rubric (core.models.EvidenceLevel) and a population range's upper end.
EVIDENCE = (
    Field("evidence_level", INT, default=0),
    _text("evidence_reason"),
    Field("population_high", INT),
)

SOURCE = Spec(
    "source",
    "core.Source",
    folder="sources",
    fields=(
        _text("slug", True),
        _text("code", True),
        Field("kind", CHOICE, default="document"),
        _text("title", True),
        _text("subtitle"),
        _text("authors"),
        _text("publisher"),
        _text("year"),
        _text("seed_file", True),
        _text("description", True),
        _text("overview"),
    ),
)

THEME = Spec(
    "theme",
    "core.Theme",
    folder="themes",
    fields=(
        _text("slug", True),
        _text("name", True),
        Field("order", INT, default=0),
        _text("description", True),
        _text("overview", True),
        Field("source", FK, True, target="core.Source"),
        _text("source_section"),
        _text("source_pages"),
    ),
)

HIA = Spec(
    "High Impact Action",
    "guidance.HighImpactAction",
    folder="high-impact-actions",
    fields=PUBLISHABLE
    + (
        Field("number", INT, True),
        _text("name", True),
        _text("name_variants"),
        _text("summary", True),
        _text("definition", True),
        _text("planned_actions_intro"),
        Field("planned_actions_source", FK, target="core.Source"),
        _text("planned_actions_section"),
        Field(
            "planned_actions",
            CHILDREN,
            children=Spec(
                "planned action",
                "guidance.PlannedAction",
                parent_attr="action",
                fields=(_text("title", True), _text("explanation")),
            ),
        ),
    ),
    reverse=(Field("case_studies", M2M, target="casestudies.CaseStudy"),),
)

CONSULTATION_AREA = Spec(
    "consultation area",
    "guidance.ConsultationArea",
    folder="consultation",
    fields=PUBLISHABLE
    + (
        _text("number", True),
        _text("title", True),
        _text("summary", True),
        _text("what_respondents_said", True),
        _text("sub_questions"),
    ),
)

VANGUARD = Spec(
    "vanguard site",
    "vanguards.VanguardSite",
    folder="vanguards",
    fields=PUBLISHABLE
    + (
        Field("number", INT, True),
        _text("name", True),
        _text("area", True),
        Field("region", FK, target="core.Region"),
        Field("practices", INT),
        _text("practices_text"),
        Field("population", INT),
        _text("population_text"),
        *EVIDENCE,
        Field("care_model", CHOICE, default="mcp"),
        _text("contract_label"),
        _text("contract_type"),
        Field("contract_category", CHOICE, default="virtual"),
        _text("summary", True),
        _text("model_elements"),
        _text("worked_well"),
        _text("did_not_work"),
        _text("did_not_work_note"),
        _text("learnings"),
        _text("learnings_note"),
        Field(
            "references",
            CHILDREN,
            children=Spec(
                "reference",
                "vanguards.VanguardReference",
                parent_attr="site",
                fields=(_text("title", True), _text("url", True)),
            ),
        ),
        Field(
            "key_figures",
            CHILDREN,
            children=Spec(
                "key figure",
                "vanguards.VanguardFigure",
                parent_attr="site",
                fields=KEY_FIGURE.fields,
            ),
        ),
        Field("themes", M2M, target="core.Theme"),
        Field("high_impact_actions", M2M, target="guidance.HighImpactAction"),
    ),
    reverse=(Field("case_studies", M2M, target="casestudies.CaseStudy"),),
)

CASE_STUDY = Spec(
    "case study",
    "casestudies.CaseStudy",
    folder="case-studies",
    fields=(
        _text("slug", True),
        Field("status", CHOICE, default="published"),
        Field("kind", CHOICE, True),
        Field("number", INT, True),
        _text("title", True),
        _text("strapline"),
        _text("organisations"),
        _text("place"),
        Field("region", FK, target="core.Region"),
        Field("organisation_types", M2M, target="core.OrganisationType"),
        Field("themes", M2M, target="core.Theme"),
        Field("roles", M2M, target="core.Role"),
        Field("tags", TAGS),
        Field("population", INT),
        _text("population_text"),
        *EVIDENCE,
        Field("practices", INT),
        _text("summary", True),
        Field("summary_points", LINES),
        _text("problem"),
        _text("approach"),
        _text("impact"),
        _text("lessons"),
        Field("key_figures", CHILDREN, children=KEY_FIGURE),
        Field("high_impact_actions", M2M, target="guidance.HighImpactAction"),
        Field("vanguard", FK, target="vanguards.VanguardSite"),
        Field("question_area", FK, target="guidance.ConsultationArea"),
        _text("respondent_tag"),
        Field("source", FK, True, target="core.Source"),
        _text("source_section", True),
        _text("source_pages"),
        Field("last_reviewed", DATE),
        _text("curator_notes"),
    ),
)

CHECKLIST = Spec(
    "checklist",
    "guidance.Checklist",
    folder="checklists",
    fields=(
        _text("slug", True),
        Field("status", CHOICE, default="published"),
        _text("list_id", True),
        _text("title", True),
        _text("printed_title"),
        Field("kind", CHOICE, True),
        Field("standalone", BOOL, default=True),
        Field("audiences", M2M, target="guidance.Audience"),
        Field("themes", M2M, target="core.Theme"),
        _text("introduction"),
        Field("incomplete_in_source", BOOL, default=False),
        Field("case_study", FK, target="casestudies.CaseStudy"),
        Field("vanguard", FK, target="vanguards.VanguardSite"),
        Field("high_impact_action", FK, target="guidance.HighImpactAction"),
        Field("question_area", FK, target="guidance.ConsultationArea"),
        Field("theme", FK, target="core.Theme"),
        Field(
            "items",
            CHILDREN,
            required=True,
            children=Spec(
                "checklist item",
                "guidance.ChecklistItem",
                parent_attr="checklist",
                fields=(
                    _text("title", True),
                    _text("explanation"),
                    Field("case_studies", M2M, target="casestudies.CaseStudy"),
                ),
            ),
        ),
        Field("source", FK, True, target="core.Source"),
        _text("source_section", True),
        _text("source_pages"),
        Field("last_reviewed", DATE),
        _text("curator_notes"),
    ),
)

GLOSSARY_TERM = Spec(
    "glossary term",
    "core.GlossaryTerm",
    fields=(
        _text("term", True),
        _text("expansion"),
        _text("definition"),
        Field("sources", M2M, target="core.Source"),
        Field("editorial", BOOL, default=False),
        _text("note"),
    ),
)

# The search's synonyms (synonyms.yaml): phrases a reader may use for the same thing.
SYNONYM = Spec(
    "search synonym",
    "search.Synonym",
    fields=(_text("words", True), _text("note")),
)

# The search's recommended pages (best_bets.yaml): the page curators put first for a search.
BEST_BET = Spec(
    "recommended page",
    "search.BestBet",
    fields=(_text("searches", True), _text("url", True), _text("note")),
)


@dataclass(frozen=True)
class ListFile:
    """A content file that holds one list of one kind (the glossary, the synonyms, the
    recommended pages): its name, the one key it holds, the field its rows are kept in
    alphabetical order of, and the comment it opens with."""

    name: str
    key: str
    spec: Spec
    order: str
    header: str  # the comment the file opens with (writer.dump_list)


GLOSSARY_FILE = ListFile(
    "glossary.yaml",
    "terms",
    GLOSSARY_TERM,
    "term",
    "# Glossary: every term and acronym the source documents use, sorted alphabetically.\n"
    "# Expansions are as the sources give them; editorial: true marks a standard expansion the\n"
    "# sources never give. Format: fixtures/README.md (glossary.yaml).\n",
)
SYNONYM_FILE = ListFile(
    "synonyms.yaml",
    "synonyms",
    SYNONYM,
    "words",
    "# Search synonyms: words and phrases a reader may type for the same thing, each entry's\n"
    "# phrases joined by '='; a search for any one also finds the others. Curators add more in\n"
    "# the admin (Search synonyms). Format: fixtures/README.md (synonyms.yaml).\n",
)
BEST_BET_FILE = ListFile(
    "best_bets.yaml",
    "recommended",
    BEST_BET,
    "searches",
    "# Recommended pages: the page put first, marked Recommended, for a search whose words\n"
    "# are one of 'searches' (joined by '='; any order, plurals and words such as 'how' aside).\n"
    "# Curators add more in the admin (Recommended pages). Format: fixtures/README.md.\n",
)
# loaded in this order, emptied in the reverse
LIST_FILES = (GLOSSARY_FILE, SYNONYM_FILE, BEST_BET_FILE)

VOCABULARIES = {
    "regions": ("core.Region", ("slug", "name")),
    "roles": ("core.Role", ("slug", "name", "category")),
    "organisation_types": ("core.OrganisationType", ("slug", "name")),
    "audiences": ("guidance.Audience", ("slug", "name")),
}

# Load order: every item's links point at kinds loaded before it (reverse links last); the
# wipe before normalising runs in reverse (writer.WIPE_ORDER). Every content type in the
# registry (core/registry.py) has its spec here; tests/core/test_registry.py checks both.
ITEM_SPECS = (SOURCE, THEME, HIA, CONSULTATION_AREA, VANGUARD, CASE_STUDY, CHECKLIST)

# The case-study -> HIA link, resolved when HIA files list their case studies.
HIA_LINK = Field("high_impact_actions", M2M, target="guidance.HighImpactAction")
