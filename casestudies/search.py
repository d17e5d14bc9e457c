"""What case-study search read before the one index (``search`` app) took over.

Migrations 0003 to 0006 built a tsvector (PostgreSQL) and an FTS5 table (SQLite) on the
case-study table from this declaration, and 0009 drops them: the declaration stays so those
migrations still run on a new database. Never change it.
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
