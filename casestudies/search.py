"""What full-text search reads of a case study, heaviest first, and the SQL its migrations run.

Title (A), strapline and summary (B), the body sections (C). The migrations take their SQL
from ``POSTGRES`` and ``SQLITE``; never change a declaration in place — change it with a new
migration that drops and re-creates the columns or the FTS table.
"""

from finder.search import FullText, postgres, sqlite

CASE_STUDY_TEXT = FullText(
    table="casestudies_casestudy",
    title=("title",),
    summary=("strapline", "summary"),
    body=("organisations", "place", "summary_points", "problem", "approach", "impact", "lessons"),
)

POSTGRES = postgres.Schema(CASE_STUDY_TEXT)
SQLITE = sqlite.Schema(CASE_STUDY_TEXT)
