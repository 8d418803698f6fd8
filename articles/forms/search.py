"""The archive search form."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.search import has_words
from articles.text import clean_text


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` holds only ISO dates: anything else is not echoed back."""

    input_type = "date"

    def format_value(self, value):
        value = super().format_value(value)
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except (TypeError, ValueError):
            return None


class SearchForm(forms.Form):
    """The archive search: words, and optionally a section and a date range."""

    MAX_QUERY_LENGTH = 200

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    section = forms.ChoiceField(label=_("Section"), required=False)
    published_from = forms.DateField(
        label=_("Published from"),
        required=False,
        widget=IsoDateInput,
    )
    published_to = forms.DateField(
        label=_("Published to"),
        required=False,
        widget=IsoDateInput,
    )

    def __init__(self, *args, sections=(), **kwargs):
        # The sections come from the caller, which already lists them for the page's header.
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [
            ("", _("All sections")),
            *((section.slug, section.name) for section in sections),
        ]

    def clean_section(self):
        return self.sections.get(self.cleaned_data["section"])

    def clean_q(self):
        # Control characters (NUL among them) cannot reach the database; runs of space collapse.
        query = " ".join(clean_text(self.cleaned_data["q"], multiline=False).split())
        if len(query) > self.MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _(
                    "That search is too long. Use up to %(limit)d characters: "
                    "a few distinctive words work best."
                ),
                params={"limit": self.MAX_QUERY_LENGTH},
            )
        if query and not has_words(query):
            raise forms.ValidationError(
                _("Type at least one word or number: punctuation alone matches nothing.")
            )
        return query

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("The end of the date range is before its start."))
        return cleaned
