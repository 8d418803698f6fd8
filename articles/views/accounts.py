"""Reader accounts: sign-up, the account page, data export and account deletion. Sign-in,
sign-out and password reset are django.contrib.auth's views with the site's own templates."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.forms_comments import AccountForm, SignUpForm
from articles.ratelimit import limit_posts_per_address
from articles.services.comments import (
    account_delete,
    account_export,
    account_signup,
    account_update,
)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else fallback


@limit_posts_per_address(
    scope="signup",
    per_hour_setting="SIGNUPS_PER_HOUR",
    message=gettext_lazy("Too many new accounts from your connection. Please try again later."),
)
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_signup(
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error("email" if "username" in error.message_dict else None, error.messages)
            return render(
                request, "accounts/signup.html", {"form": form, "next": safe_next(request, "")}
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. You can now join the discussion.") % {"name": user.public_name},
        )
        return redirect(safe_next(request, "accounts:account"))
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request, "")})


@login_required
def account(request):
    form = AccountForm(request.POST or None, initial={"display_name": request.user.public_name})
    if request.method == "POST" and form.is_valid():
        account_update(user=request.user, display_name=form.cleaned_data["display_name"])
        messages.success(request, _("Your display name has been changed."))
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form})


@login_required
def export(request):
    """Download everything the site holds about the reader, as JSON."""
    data = account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"newsarchive-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete(request):
    if request.user.is_staff:
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm that you want to delete your account.")
            )
            return redirect("accounts:delete")
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account has been deleted. Thank you for taking part."))
        return redirect("articles:home")
    return render(request, "accounts/delete.html")
