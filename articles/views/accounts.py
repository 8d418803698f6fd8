"""Reader accounts: sign-up, the account page, data export and account deletion. Sign-in,
sign-out and password reset are django.contrib.auth's views with the site's own templates."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from articles.caching.pages import positive_int
from articles.forms_comments import AccountForm, SignUpForm
from articles.models import Article, Comment, CommentStatus
from articles.models.comments import comments_open
from articles.ratelimit import limit_posts_per_address
from articles.services.comments import (
    account_delete,
    account_export,
    account_signup,
    account_update,
)
from articles.templatetags.comment_tags import prepare_comment_html
from articles.views.comments import decorate


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
    form = AccountForm(request.POST or None, initial={"display_name": request.user.display_name})
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


@never_cache
def me(request):
    """What is the reader's own on a public page, for ``static/js/me.js``: whether they are
    signed in and as whom, a CSRF token, their flash messages, and with ``?article=`` whether
    they may comment there and their own comments on it (pending ones drawn in full). At most
    three queries: the account, the reader's comments on the story, the story."""
    user = request.user
    data = {
        "signed_in": user.is_authenticated,
        "csrf_token": get_token(request),
        "messages": [
            {"level": message.tags, "text": str(message)} for message in get_messages(request)
        ],
    }
    if user.is_authenticated:
        data.update(
            name=user.public_name,
            account_url=reverse("accounts:account"),
            logout_url=reverse("accounts:logout"),
        )
    article_pk = positive_int(request.GET.get("article", ""))
    if article_pk is not None:
        data.update(own_comments_on(request, int(article_pk)))
    return JsonResponse(data)


def own_comments_on(request, article_pk: int) -> dict:
    """Whether the reader may comment on the story, and their comments still shown on it."""
    user = request.user
    if not user.is_authenticated:
        return {"can_comment": False, "comments": []}
    article = (
        Article.objects.live()
        .only("status", "published_at", "comments_enabled")
        .filter(pk=article_pk)
        .order_by()
        .first()
    )
    if article is None:
        return {"can_comment": False, "comments": []}
    own = list(
        Comment.objects.filter(
            article=article,
            author=user,
            status__in=[CommentStatus.VISIBLE, CommentStatus.PENDING],
        ).order_by("created_at", "pk")
    )
    for comment in own:
        comment.author, comment.article = user, article  # no query for each comment
        decorate(comment, user)
    pending = [comment for comment in own if comment.status == CommentStatus.PENDING]
    prepare_comment_html(pending)
    return {
        "can_comment": comments_open(article),
        "comments": [
            {
                "id": comment.pk,
                "parent": comment.parent_id,
                "status": comment.status,
                "edit_url": comment.edit_url if comment.can_edit else None,
                "delete_url": comment.delete_url if comment.can_delete else None,
                "html": render_to_string(
                    "articles/includes/comment.html", {"comment": comment}, request=request
                )
                if comment.status == CommentStatus.PENDING
                else None,
            }
            for comment in own
        ],
    }
