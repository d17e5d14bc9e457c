"""One text-cleaning rule for every curation form: the admin, its inline rows, the public form.

The rule (core.text.clean_input) runs on the submitted data before any field sees it, so
length limits, field methods (a submission's figures) and the saved row all see the same text.
"""

from core.text import clean_input


def cleaned_data_copy(data):
    """A copy of submitted form data with every text value cleaned; files are left alone."""
    if hasattr(data, "lists"):
        copy = data.copy()
        for key, values in data.lists():
            copy.setlist(key, [clean_input(value) for value in values])
        return copy
    return {
        key: [clean_input(v) for v in value] if isinstance(value, list) else clean_input(value)
        for key, value in data.items()
    }


class CleanInputMixin:
    """Put first in a form's bases: its bound data is cleaned as the form is made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = cleaned_data_copy(self.data)
