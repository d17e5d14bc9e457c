"""Every public page type, each with one real example from the library's content."""

from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, reverse

PLAN_ITEMS = "cl:D0-L09:1,cl:D0-L09:2,cl:D0-L18:1"


@dataclass(frozen=True)
class PageType:
    name: str
    url_name: str | None
    args: tuple = ()
    query: str = ""
    status: int = 200
    printable: bool = False
    issue: int | None = None  # the issue that builds the page, named when it is missing

    def path(self):
        """The page's path, or a test failure naming the missing feature."""
        if self.url_name is None:
            return "/no-such-page/"
        try:
            return reverse(self.url_name, args=self.args) + self.query
        except NoReverseMatch:
            pytest.fail(
                f"MISSING FEATURE (issue {self.issue}): no URL named {self.url_name!r} "
                f"for the {self.name} page",
                pytrace=False,
            )


PAGE_TYPES = [
    PageType("home", "pages:home"),
    PageType("theme", "pages:theme", ("new-roles",)),
    PageType("finder", "casestudies:list", issue=4),
    PageType(
        "finder-filtered",
        "casestudies:list",
        query="?theme=new-roles&role=pharmacist&region=south-west",
        issue=4,
    ),
    PageType("search", "pages:search", query="?q=social+prescribing", issue=4),
    PageType("search-glossary-term", "pages:search", query="?q=MDT", issue=13),
    PageType("case-study", "casestudies:detail", ("growth-in-gateshead",)),
    PageType("consultation-example", "casestudies:detail", ("consultation-example-01",)),
    PageType(
        "compare",
        "casestudies:compare",
        query="?items=developments-in-devon,pharmacy-to-the-fore,scale-in-st-austell",
        issue=4,
    ),
    PageType("vanguard-list", "vanguards:list"),
    PageType("vanguard-detail", "vanguards:detail", ("better-local-care-hampshire",)),
    PageType(
        "vanguard-compare",
        "vanguards:compare",
        query="?items=better-local-care-hampshire,encompass",
        issue=4,
    ),
    PageType("hia-list", "guidance:hia-list"),
    PageType("hia-detail", "guidance:hia-detail", ("social-prescribing",)),
    PageType("hia-print", "guidance:hia-print", ("social-prescribing",), printable=True, issue=6),
    PageType("checklist-list", "guidance:checklist-list"),
    PageType("checklist-detail", "guidance:checklist-detail", ("new-roles-ten-practical-steps",)),
    PageType(
        "checklist-print",
        "guidance:checklist-print",
        ("new-roles-ten-practical-steps",),
        printable=True,
        issue=6,
    ),
    PageType("plan", "guidance:plan", query=f"?items={PLAN_ITEMS}", issue=6),
    PageType(
        "plan-print",
        "guidance:plan-print",
        query=f"?title=Our+plan&practice=Example+Surgery&items={PLAN_ITEMS}",
        printable=True,
        issue=6,
    ),
    PageType("consultation-overview", "guidance:consultation"),
    PageType("consultation-area", "guidance:consultation-area", ("workforce-development",)),
    PageType("glossary", "pages:glossary"),
    PageType("source", "pages:source", ("d1",)),
    PageType("themes", "pages:themes"),
    PageType("submit-story", "submit-story", issue=5),
    PageType("not-found", None, status=404),
]

PAGE_NAMES = [page.name for page in PAGE_TYPES]
BY_NAME = {page.name: page for page in PAGE_TYPES}
