"""Forms of reader accounts: sign-up, sign-in, password reset and the account page."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from articles.models import User


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=User._meta.get_field("display_name").max_length,
        help_text=_("Shown beside your comments. You can change it later."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=User._meta.get_field("username").max_length,  # the address becomes it
        help_text=_("You sign in with it; it is never shown to other readers."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # Whether the address is taken is never said here: its owner is mailed instead.
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            candidate = User(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                display_name=cleaned.get("display_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class DeferredPasswordResetForm(PasswordResetForm):
    """Django's reset form, keeping the mail it would send in ``outbox`` for the view to send
    after the response."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outbox = []

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                render_to_string(html_email_template_name, context), "text/html"
            )
        self.outbox.append(message)


class ReaderLoginForm(AuthenticationForm):
    """Sign in with an email address or a username."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email or username")

    def clean(self):
        login = (self.cleaned_data.get("username") or "").strip()
        if "@" in login:
            user = User.objects.filter(email__iexact=login, is_active=True).first()
            if user is not None:
                self.cleaned_data["username"] = user.username
        return super().clean()


class AccountForm(forms.Form):
    display_name = SignUpForm.base_fields["display_name"]
