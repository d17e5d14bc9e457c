"""The curators' words: field labels and help text written for CCG staff, not programmers.

The models keep short technical help (it is in their migrations); every admin form replaces
it here, so a label or hint can be improved without a migration. A field without its own
entry gets a generic hint, so no field on a curator's form is left unexplained.
"""

MD = "Markdown: a blank line starts a paragraph."

LABELS = {
    "slug": "Web address",
    "kind": "Type",
    "list_id": "List number",
    "printed_title": "Title as printed",
    "standalone": "Has its own page",
    "name_variants": "Other names",
    "organisation_types": "Types of organisation",
    "high_impact_actions": "High Impact Actions",
    "high_impact_action": "High Impact Action",
    "question_area": "Consultation question area",
    "respondent_tag": "Respondent tag",
    "summary_points": "Summary points",
    "source_section": "Section of the source",
    "source_pages": "Pages",
    "seed_file": "File of the source text",
    "incomplete_in_source": "Unfinished in the source",
    "editorial": "Meaning given by the library",
    "model_elements": "Elements of the model",
    "did_not_work_note": "Note on what did not work",
    "learnings_note": "Note on the learnings",
    "practices_text": "Practices as printed",
    "population_text": "Population as printed",
    "contract_label": "Contract row label",
    "planned_actions_intro": "Introduction to the planned actions",
    "what_respondents_said": "What respondents said",
    "curator_notes": "Notes for curators",
    "order": "Position",
}

HELP = {
    "title": "The title as readers will see it at the top of the page.",
    "name": "The name as readers will see it.",
    "slug": "The last part of the page's web address, in lower case with hyphens. Filled in "
    "from the title; once the page is public, changing it keeps the old address working.",
    "kind": "Which sort of item this is.",
    "number": "The number the source document prints for it.",
    "strapline": "One line under the title that says what happened.",
    "organisations": "Who did this, as the source names them.",
    "place": "The town, city or area.",
    "region": "The region of England it is in.",
    "organisation_types": "What kinds of organisation took part.",
    "population": "The number of patients covered, as a plain number (e.g. 45000), only where "
    "the source states it.",
    "population_text": "The population exactly as the source prints it, e.g. “about 45,000”.",
    "practices": "How many practices, as a plain number, only where the source states it.",
    "practices_text": "The number of practices exactly as the source prints it.",
    "themes": "The library themes it belongs to; readers browse by theme.",
    "roles": "The staff roles involved, so readers can find examples for their role.",
    "tags": "Topic words readers can search by, separated by commas.",
    "high_impact_actions": "The High Impact Actions this is an example of.",
    "vanguard": "The vanguard site this is about, if any.",
    "summary": "One short paragraph shown on cards, in search results and in feeds.",
    "summary_points": "The main points, one per line.",
    "problem": f"The problem they set out to solve. {MD}",
    "approach": f"What they did. {MD}",
    "impact": f"What difference it made. {MD}",
    "lessons": f"What others can learn from it. {MD}",
    "question_area": "For consultation examples: the question area of the consultation.",
    "respondent_tag": "For consultation examples: the respondent's tag exactly as printed.",
    "source": "Where this comes from: one of the five documents, or your CCG's own stories.",
    "source_section": "Where in the source document, e.g. “Case Study 6, KEY LESSONS”. Not "
    "needed for local stories.",
    "source_pages": "The page numbers as printed, e.g. 12-14.",
    "status": "Use the buttons at the top of the page to send for review or publish.",
    "last_reviewed": "When a curator last checked this against its source.",
    "review_due": "When it should be checked again; two years after the last review if empty.",
    "curator_notes": "Only curators see this: how the source printed something, checks made. "
    "Never shown on public pages.",
    "evidence_level": "How strong the evidence is, judged from what the source says.",
    "evidence_reason": "One line for readers saying why this level.",
    "population_high": "The upper end when the source gives a range.",
    "list_id": "The list's reference number, e.g. D0-L09. It never changes.",
    "printed_title": "The list's heading exactly as the source prints it, if different.",
    "standalone": "Tick to list it in the checklist index with its own printable page.",
    "audiences": "Who the list is written for.",
    "introduction": f"A short introduction shown above the list. {MD}",
    "incomplete_in_source": "Tick when the source itself leaves the list unfinished.",
    "case_study": "Show this list on this case study's page.",
    "high_impact_action": "Show this list on this High Impact Action's page.",
    "theme": "Show this list on this theme's page.",
    "name_variants": "Other names the sources use for it, separated by commas.",
    "definition": f"What it is. {MD}",
    "planned_actions_intro": f"Shown above the planned actions. {MD}",
    "what_respondents_said": f"A summary of the responses. {MD}",
    "sub_questions": f"The questions asked. {MD}",
    "area": "Where the site is, as the source prints it.",
    "care_model": "The new care model the site tested.",
    "contract_label": "The contract row's label exactly as printed.",
    "contract_type": "The contract exactly as printed.",
    "contract_category": "How integrated the contract is.",
    "model_elements": f"The parts of the care model. {MD}",
    "worked_well": f"What worked well. {MD}",
    "did_not_work": f"What did not work. {MD}",
    "did_not_work_note": "A short note shown with what did not work.",
    "learnings": f"What they learned. {MD}",
    "learnings_note": "A short note shown with the learnings.",
    "order": "Lowest first. Leave empty to add at the end.",
    "label": "What the figure measures.",
    "value": "The figure exactly as printed in the source.",
    "context": "Shown to readers: what the figure means.",
    "outcome": "What kind of result the figure is.",
    "explanation": f"More detail on this row. {MD}",
    "case_studies": "Case studies that show this step in practice.",
    "url": "A full web address starting with https://.",
    "code": "A short code for the source, e.g. D0, or LOCAL for your CCG's own stories.",
    "subtitle": "The document's subtitle, if it has one.",
    "authors": "Who wrote it.",
    "publisher": "Who published it.",
    "year": "The year as printed, or “not stated”.",
    "seed_file": "The name of the file holding the source text.",
    "description": "What the document or theme is, in our words.",
    "overview": f"Longer notes shown on its page. {MD}",
    "term": "The term or acronym as the sources write it.",
    "expansion": "What the acronym stands for.",
    "sources": "The documents that use the term.",
    "editorial": "Tick when the sources never explain the term and the library gives the "
    "usual meaning.",
    "note": "Anything else readers should know about the term.",
    "category": "Clinical or non-clinical.",
}
GENERIC = "Shown to readers as entered."


def plain_words(form):
    """Curators' labels and help on every field of an admin form."""
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        if name in LABELS:
            field.label = LABELS[name]
        field.help_text = HELP.get(name) or field.help_text or GENERIC
