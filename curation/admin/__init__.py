"""The curators' admin: one module per content app, plus the curation records.

Django's admin autodiscovery imports ``curation.admin``; importing each module registers its
model admins on the curators' site.
"""

from curation.admin import casestudies, guidance, records, search, vanguards, vocabularies

__all__ = ["casestudies", "guidance", "records", "search", "vanguards", "vocabularies"]
