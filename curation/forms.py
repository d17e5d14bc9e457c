"""Admin forms that keep curators safe, and the public "Share your practice's story" form."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.models import Role, Status, Theme
from curation import merge
from curation.cleaning import CleanInputMixin
from curation.publishing import review_problem
from curation.services import old_address_of
from curation.wording import plain_words
from curation.workflow import allowed_statuses, transition_error

MARKDOWN_HELP = mark_safe(
    '<details class="curation-markdown-help"><summary>Markdown help</summary>'
    "<ul>"
    "<li>A blank line starts a new paragraph.</li>"
    "<li><code>**bold**</code> and <code>*italic*</code></li>"
    "<li><code>- </code> at the start of a line makes a bullet; <code>1. </code> a numbered "
    "list.</li>"
    "<li><code>[link text](https://www.example.org/page)</code> makes a link.</li>"
    "<li><code>## Heading</code> makes a sub-heading.</li>"
    "<li>HTML is removed when the page is shown.</li>"
    "</ul></details>"
)
URL_HELP = "Enter a full web address starting with https://, e.g. https://www.england.nhs.uk/."


def normalise_newlines(cleaned_data):
    """Store line breaks as \n, as the content files do; browsers send \r\n."""
    for name, value in cleaned_data.items():
        if isinstance(value, str) and "\r" in value:
            cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
    return cleaned_data


def curator_messages(form):
    """Plain, specific error messages on every field of a form (and curators' words)."""
    if isinstance(form, forms.ModelForm):
        plain_words(form)
    for field in form.fields.values():
        label = str(field.label or "This field")
        field.error_messages["required"] = f"{label} is required."
        if isinstance(field, forms.IntegerField):
            field.error_messages["min_value"] = f"{label} cannot be negative."
            field.error_messages["invalid"] = f"{label} must be a whole number, e.g. 4500."
        if isinstance(field, forms.URLField):
            field.error_messages["invalid"] = URL_HELP
        if "Markdown" in str(field.help_text):
            field.help_text = format_html("{} {}", field.help_text, MARKDOWN_HELP)


class CuratedForm(CleanInputMixin, forms.ModelForm):
    """Workflow rules, optimistic locking and clear messages for publishable content.

    `request` is set on each form class by the admin (CuratedAdmin.get_form).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    request = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = self.merged = None
        self.merge_reason = ""
        self.db_status = self.instance.status if self.instance.pk else None
        self.db_slug = self.instance.slug if self.instance.pk else None
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
        curator_messages(self)
        if "status" in self.fields and self.request is not None:
            allowed = allowed_statuses(self.request.user, self._meta.model, self.db_status)
            self.fields["status"].widget.choices = [
                (value, label) for value, label in Status.choices if value in allowed
            ]

    @property
    def user(self):
        return self.request.user if self.request is not None else None

    def clean_status(self):
        status = self.cleaned_data["status"]
        error = transition_error(self.user, self._meta.model, self.db_status, status)
        if error:
            raise forms.ValidationError(error, code="workflow")
        return status

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        model = self._meta.model
        if model._default_manager.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            raise forms.ValidationError(
                f"Another {model._meta.verbose_name} already uses the web address “{slug}”. "
                "Each item's address must be different.",
                code="unique",
            )
        owner = old_address_of(self.instance, slug)
        if owner is not None:
            raise forms.ValidationError(
                f"“{slug}” is the old web address of “{owner}”: links to it still lead there. "
                "Choose another address.",
                code="old_address",
            )
        return slug

    def clean(self):
        cleaned = normalise_newlines(super().clean())
        if "themes" in self.fields and hasattr(self.instance, "pending_themes"):
            # The model's own publishing rule (CaseStudy.clean(), run next by the ModelForm)
            # must judge the themes chosen here, not the ones saved before.
            self.instance.pending_themes = cleaned.get("themes")
        self.check_publishing(cleaned)
        self.check_version(cleaned)
        return cleaned

    # -- no lost edits: a three-way merge ---------------------------------------------
    def check_version(self, cleaned):
        """Someone saved since this form was opened: merge what only one side changed, and
        stop for the curator's choice where both changed the same thing differently."""
        if not self.instance.pk:
            return
        opened = cleaned.get("opened_version")
        current = (
            self._meta.model._default_manager.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or opened == current:
            return
        formsets = getattr(self.request, "curation_formsets", [])
        result = merge.plan(form=self, formsets=formsets, opened=opened)
        choices = merge.choices_from(self.data, result)
        if any(unit.name not in choices for unit in result.conflicts):
            self.conflict = result
            who = result.by or "someone else"
            raise forms.ValidationError(
                f"Not saved yet: {who} saved this item after you opened it, and you both "
                "changed the same things. Nothing you typed has been lost: choose below which "
                "version of each to keep, then save again.",
                code="conflict",
            )
        merge.apply(result, form=self, cleaned=cleaned, choices=choices)
        self.merged = result
        self.merge_reason = result.summary(choices)

    def check_publishing(self, cleaned):
        """Publishing through the form keeps the workflow's rules: the reviewed version only,
        and only once the page it belongs on is live."""
        if cleaned.get("status") != Status.PUBLISHED or self.db_status == Status.PUBLISHED:
            return
        problem = review_problem(self.instance) if self.instance.pk else None
        if problem:
            self.add_error("status", problem)
        for name in getattr(self._meta.model, "REQUIRED_HOMES", ()):
            home = cleaned.get(name)
            if home is not None and not getattr(home, "is_public", True):
                self.add_error(
                    name,
                    f"“{home}” is {home.get_status_display().lower()}: publish it first, or "
                    "choose another page for this to be part of.",
                )


class ChildForm(CleanInputMixin, forms.ModelForm):
    """Inline rows (key figures, references …) with messages that say what is missing."""

    REQUIRED = {
        "label": "A key figure needs a label: what the figure measures.",
        "value": "A key figure needs a value, exactly as printed in the source.",
        "title": "Each row needs a title.",
        "url": "Each reference needs a web address.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        curator_messages(self)
        for name, message in self.REQUIRED.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        if "order" in self.fields:
            self.fields["order"].required = False
            self.fields["order"].help_text = "Lowest first. Leave empty to add at the end."
        self.name_each_control()

    def name_each_control(self):
        """A table row of an inline has column headings but no labels: name each control
        ("Value, row 2") so screen readers and axe know what it is."""
        row = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        where = f", row {int(row) + 1}" if row.isdigit() else ", new row"
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label}{where}")

    def clean(self):
        return normalise_newlines(super().clean())


class CuratedInlineFormSet(forms.BaseInlineFormSet):
    """Inline rows that a merge may keep as someone else saved them (`keep_stored`: this
    form's rows are neither checked nor saved) or replace with this form's (`replace_stored`:
    rows the form does not hold are removed)."""

    keep_stored = False
    replace_stored = False

    def is_valid(self):
        return True if self.keep_stored else super().is_valid()

    def add_fields(self, form, index):
        """The row's "Delete" box, added after the row's own fields, is named too."""
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            row = f"row {index + 1}" if index is not None else "the new row"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Delete {row}"


# -- public submissions ------------------------------------------------------------------
HONEYPOT = "homepage"


class SubmissionForm(CleanInputMixin, forms.Form):
    """A practice's proposed case study. Everything is checked on the server."""

    organisation = forms.CharField(
        label="Practice or organisation",
        max_length=300,
        help_text="For example: Newton's Practice, or Sunderland GP Alliance.",
    )
    place = forms.CharField(label="Town or area", max_length=200)
    contact_email = forms.EmailField(
        label="Your e-mail address",
        help_text="So a curator can check details with you. It is never shown on the site.",
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Themes (optional)",
    )
    roles = forms.ModelMultipleChoiceField(
        queryset=Role.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles involved (optional)",
    )
    what_they_did = forms.CharField(
        label="What you did",
        min_length=40,
        max_length=6000,
        widget=forms.Textarea,
        help_text="What changed in your practice, who was involved and how you went about it.",
    )
    impact = forms.CharField(
        label="The impact",
        min_length=20,
        max_length=4000,
        widget=forms.Textarea,
        help_text="What difference it made for patients, staff or the practice.",
    )
    figures = forms.CharField(
        label="Figures (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="One per line: what it measures, a colon, then the figure. For example: "
        "“Appointments saved each week: 13”.",
    )
    homepage = forms.CharField(label="Leave this field empty", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        curator_messages(self)
        self.fields["contact_email"].error_messages["invalid"] = (
            "Enter an e-mail address like name@example.org."
        )
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "nhsuk-checkboxes__input"
            elif isinstance(widget, forms.Textarea):
                widget.attrs.update({"class": "nhsuk-textarea", "rows": 6})
            elif name != HONEYPOT:
                widget.attrs["class"] = "nhsuk-input"
            if isinstance(field, forms.CharField):
                label = str(field.label).replace(" (optional)", "")
                field.error_messages["min_length"] = (
                    f"{label}: please write at least %(limit_value)d characters."
                )
                field.error_messages["max_length"] = (
                    f"{label}: please keep it under %(limit_value)d characters "
                    "(you wrote %(show_value)d)."
                )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if widget is None or isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            textarea = isinstance(widget, forms.Textarea)
            error_class = "nhsuk-textarea--error" if textarea else "nhsuk-input--error"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_class}".strip()

    def clean_figures(self):
        figures = []
        for number, line in enumerate(self.cleaned_data["figures"].splitlines(), start=1):
            if not line.strip():
                continue
            label, sep, value = line.partition(":")
            if not sep or not label.strip() or not value.strip():
                raise forms.ValidationError(
                    f"Line {number} (“{line.strip()[:60]}”) needs what it measures, a colon, "
                    "then the figure, e.g. “Appointments saved each week: 13”."
                )
            figures.append((label.strip()[:200], value.strip()[:200]))
        return figures


class CuratorForm(CleanInputMixin, forms.ModelForm):
    """Reference data (themes, sources, vocabularies) with the same plain messages and help."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        curator_messages(self)

    def clean(self):
        return normalise_newlines(super().clean())
