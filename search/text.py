"""What the one index reads of each document, heaviest first, and the SQL its migration runs.

Title (A), summary (B), body (C) and the terms — tags, roles, themes, glossary terms — with a
weight of their own (D). Never change this in place: change it with a new migration that
drops and re-creates the columns or the FTS table.
"""

from finder.search import FullText, postgres, sqlite

DOCUMENT_TEXT = FullText(
    table="search_document",
    title=("title",),
    summary=("summary",),
    body=("body",),
    terms=("terms",),
)

POSTGRES = postgres.Schema(DOCUMENT_TEXT)
SQLITE = sqlite.Schema(DOCUMENT_TEXT)
