"""Forms readers fill in on the discussion: comments, replies and reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Comment, ReportReason
from articles.models.comments import COMMENT_MAX_LENGTH, REPORT_DETAILS_MAX_LENGTH
from articles.services.comments import REPLY_REFUSED
from articles.text import unify_line_breaks


class LimitedTextField(forms.CharField):
    """Text a reader types, its line breaks counted as one character each, as they are stored.

    Its box has no ``maxlength``: browsers silently cut a long paste to it. The reader sees a
    live count instead (static/js/char-counter.js) and over-long text is refused, kept whole.
    """

    default_error_messages = {
        "max_length": _(
            "This is %(show_value)s characters long; the limit is %(limit_value)s. "
            "Shorten it and send it again: nothing you wrote has been lost."
        ),
    }

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["data-max-length"] = str(attrs.pop("maxlength", self.max_length))
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return unify_line_breaks(value)


class CommentForm(forms.Form):
    text = LimitedTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text, up to 2,000 characters. Line breaks are kept."),
        error_messages={
            "required": _("Write something before posting."),
            "max_length": _(
                "Your comment is %(show_value)s characters long; the limit is %(limit_value)s. "
                "Shorten it and post again: nothing you wrote has been lost."
            ),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A honeypot: hidden from people by CSS, filled in by naive spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        """Refuse a filled honeypot; turn ``parent`` into the comment replied to, or refuse a
        reply to one that is gone (whether it may still be answered is ``comment_post``'s rule)."""
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Your comment could not be posted. Please try again."), code="honeypot"
            )
        parent_pk, cleaned["parent"] = cleaned.get("parent"), None
        if parent_pk:
            cleaned["parent"] = Comment.objects.filter(pk=parent_pk).first()
            if cleaned["parent"] is None:
                raise forms.ValidationError(REPLY_REFUSED, code="parent")
        return cleaned


class CommentEditForm(forms.Form):
    text = CommentForm.base_fields["text"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why does this comment break the community guidelines?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason that fits best.")},
    )
    details = LimitedTextField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=REPORT_DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
