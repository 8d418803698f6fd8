from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from articles.forms.accounts import ReaderLoginForm
from articles.ratelimit import limit_posts_per_address
from articles.views import accounts

app_name = "accounts"

urlpatterns = [
    path("signup/", accounts.signup, name="signup"),
    path("signup/sent/", accounts.signup_sent, name="signup-sent"),
    path("signup/confirm/<uidb64>/<token>/", accounts.confirm, name="confirm"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=ReaderLoginForm,
            redirect_authenticated_user=True,
            # LoginView puts the Sites row's name in its context, over the context processor's.
            extra_context={"site_name": lazy(lambda: settings.SITE_NAME, str)()},
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", accounts.account, name="account"),
    path("me/", accounts.me, name="me"),
    path("export/", accounts.export, name="export"),
    path("delete/", accounts.delete, name="delete"),
    path(
        "password-reset/",
        limit_posts_per_address(
            scope="password-reset",
            per_hour_setting="PASSWORD_RESETS_PER_HOUR",
            message=_("Too many password reset requests from your connection. Try again later."),
        )(
            accounts.PasswordResetView.as_view(
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
