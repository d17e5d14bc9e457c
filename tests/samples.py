"""A small, valid content library for the loader tests: one YAML document per file.

Shared by tests/core/test_loader.py and the loader's property tests
(tests/security/test_loader_properties.py), which change it a little at a time.
"""

from pathlib import Path

import yaml

SOURCE = {
    "slug": "d9",
    "code": "D9",
    "title": "A test source",
    "seed_file": "009_test.txt",
    "description": "For tests.",
}
THEME = {
    "slug": "new-roles",
    "name": "New roles",
    "order": 1,
    "description": "One line.",
    "overview": "Overview.",
    "source": "d9",
}
CASE = {
    "slug": "sample-case",
    "kind": "case-study",
    "number": 1,
    "title": "A sample case",
    "organisations": "A practice",
    "place": "Sometown",
    "region": "south-west",
    "themes": ["new-roles"],
    "roles": ["paramedic"],
    "tags": ["triage"],
    "summary": "A summary.",
    "summary_points": ["One", "Two"],
    "approach": "They did it.",
    "key_figures": [{"label": "Patients", "value": "33,000 patients", "outcome": "access"}],
    "high_impact_actions": ["active-signposting"],
    "source": "d9",
    "source_section": "Case Study 1",
    "source_pages": "18",
}
HIA = {
    "slug": "active-signposting",
    "number": 1,
    "name": "Active signposting",
    "summary": "Send people to the right help.",
    "definition": "Definition.",
    "planned_actions": [{"title": "Do a thing", "explanation": "Why."}],
    "source": "d9",
    "source_section": "Appendix C",
}
CHECKLIST = {
    "slug": "sample-steps",
    "list_id": "D9-L01",
    "title": "Sample steps",
    "kind": "practical-steps",
    "audiences": ["gp-practices"],
    "themes": ["new-roles"],
    "items": [
        {"title": "First", "explanation": "Do it first.", "case_studies": ["sample-case"]},
        {"title": "Second"},
    ],
    "source": "d9",
    "source_section": "Analysis",
}
VOCAB = {
    "regions": [{"slug": "south-west", "name": "South West"}],
    "roles": [{"slug": "paramedic", "name": "Paramedic", "category": "clinical"}],
    "audiences": [{"slug": "gp-practices", "name": "GP practices"}],
}
GLOSSARY = {
    "terms": [{"term": "ANP", "expansion": "Advanced Nurse Practitioner", "sources": ["d9"]}]
}
SYNONYMS = {"synonyms": [{"words": "triage = sorting", "note": "Both name the first sift."}]}
BEST_BETS = {
    "recommended": [
        {"searches": "first sift = triage", "url": "/case-studies/sample-case/", "note": "Ours."}
    ]
}

# Where each document lives in a content tree (fixtures/ has the same layout).
SAMPLE_FILES = {
    "sources/d9.yaml": SOURCE,
    "themes/new-roles.yaml": THEME,
    "vocab/vocabularies.yaml": VOCAB,
    "case-studies/sample-case.yaml": CASE,
    "high-impact-actions/active-signposting.yaml": HIA,
    "checklists/sample-steps.yaml": CHECKLIST,
    "glossary.yaml": GLOSSARY,
    "synonyms.yaml": SYNONYMS,
    "best_bets.yaml": BEST_BETS,
}


def write(root: Path, relative: str, data):
    """Write one content file (a document, or text as it is) under root."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path
