"""Reader accounts: sign-up, the account page, data export and account deletion. Sign-in,
sign-out and password reset are django.contrib.auth's views with the site's own templates."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import router
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import (
    url_has_allowed_host_and_scheme,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from articles.addresses import address
from articles.caching.pages import positive_int
from articles.forms.accounts import AccountForm, DeferredPasswordResetForm, SignUpForm
from articles.mail import send_after_response
from articles.models import Article, Comment, CommentStatus
from articles.models.comments import comments_open
from articles.models.compiled import CompiledLookup, instance_from_row
from articles.ratelimit import limit_posts_per_address
from articles.security import data_policy
from articles.services.accounts import (
    account_awaits_confirmation,
    account_confirm,
    account_delete,
    account_export,
    account_is_closable_by_owner,
    account_signup,
    account_update,
)
from articles.templating.comments import comment_card_html, prepare_comment_html
from articles.views.comments import decorate

User = get_user_model()


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
    """Sign-up answers alike whether or not the address has an account: the new account waits
    for its owner to follow a mailed link, and an address already in use gets a reminder to
    sign in instead. Both mails go out after the response."""
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignUpForm(request.POST or None)
    context = {"form": form, "next": safe_next(request, "")}
    if request.method == "POST" and form.is_valid():
        try:
            user, created = account_signup(
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error("email" if "username" in error.message_dict else None, error.messages)
            return render(request, "accounts/signup.html", context)
        response = redirect("accounts:signup-sent")
        send_after_response(response, [signup_mail(request, user, created=created)])
        return response
    return render(request, "accounts/signup.html", context)


def signup_mail(request, user, *, created: bool) -> EmailMessage:
    """The link that opens a new (or still unopened) account, or, for an address whose account
    is open, a note that someone tried to sign up with it."""
    pending = created or account_awaits_confirmation(user)
    context = {
        "user": user,
        "site_name": settings.SITE_NAME,
        "sign_in_url": request.build_absolute_uri(reverse("accounts:login")),
        "reset_url": request.build_absolute_uri(reverse("accounts:password_reset")),
    }
    if pending:
        link = reverse(
            "accounts:confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        if next_url := safe_next(request, ""):
            link = f"{link}?{urlencode({'next': next_url})}"
        context["confirm_url"] = request.build_absolute_uri(link)
    template = "accounts/signup_confirm_email.txt" if pending else "accounts/signup_taken_email.txt"
    subject = _("Your account on %(site)s") % {"site": settings.SITE_NAME}
    return EmailMessage(subject, render_to_string(template, context), to=[user.email])


def signup_sent(request):
    return render(request, "accounts/signup_sent.html")


def confirm(request, uidb64, token):
    """The link mailed at sign-up: opens the account and signs its owner in."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/signup_confirm_failed.html", status=400)
    account_confirm(user=user)
    if not user.is_active:
        return render(request, "accounts/signup_confirm_failed.html", status=400)
    login(request, user, backend="articles.authentication.AccountBackend")
    messages.success(
        request,
        _("Welcome, %(name)s. You can now join the discussion.") % {"name": user.public_name},
    )
    return redirect(safe_next(request, "accounts:account"))


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with the mail (sent only to addresses that have an account)
    going out after the response, so its timing tells nothing."""

    form_class = DeferredPasswordResetForm

    def form_valid(self, form):
        response = super().form_valid(form)
        send_after_response(response, form.outbox)
        return response


@login_required
def account(request):
    form = AccountForm(request.POST or None, initial={"display_name": request.user.public_name})
    if request.method == "POST" and form.is_valid():
        try:
            account_update(user=request.user, display_name=form.cleaned_data["display_name"])
        except ValidationError as error:
            request.user.refresh_from_db()  # the masthead keeps the name still in force
            form.add_error("display_name", error.message_dict.get("display_name", error.messages))
        else:
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
    if not account_is_closable_by_owner(request.user):
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


def csrf_secret(request) -> str:
    """The reader's CSRF secret (the ``csrftoken`` cookie's value), which forms accept as their
    token as well as the masked copies ``get_token()`` makes. Masking, a new random mask per
    response, defends a page that reflects a visitor's input beside the token in a compressed
    response (BREACH). The personal endpoint reflects nothing a third party chooses, and its
    script could read the cookie itself; the mask would cost a random draw per character."""
    if "CSRF_COOKIE" not in request.META:
        get_token(request)  # a new secret, set as the cookie with this response
    return request.META["CSRF_COOKIE"]


@never_cache
@data_policy
def me(request):
    """What is the reader's own on a public page, for ``static/js/me.js``: whether they are
    signed in and as whom, a CSRF token, their flash messages, and with ``?article=`` whether
    they may comment there and their own comments on it (pending ones drawn in full). Two
    queries for most readers (the account; the story, with whether they have comments on it),
    three for one with comments on the story (those comments)."""
    user = request.user
    data = {
        "signed_in": user.is_authenticated,
        "csrf_token": csrf_secret(request),
        "messages": [
            {"level": message.tags, "text": str(message)} for message in get_messages(request)
        ],
    }
    if user.is_authenticated:
        data.update(
            name=user.public_name,
            account_url=address("accounts:account"),
            logout_url=address("accounts:logout"),
        )
    article_pk = positive_int(request.GET.get("article", ""))
    if article_pk is not None:
        data.update(own_comments_on(request, int(article_pk)))
    return JsonResponse(data)


OWN_SHOWN = (CommentStatus.VISIBLE, CommentStatus.PENDING)
STORY_STATE_FIELDS = ("id", "status", "published_at", "comments_enabled")


def story_state_queryset(article_pk: int, reader_pk: int):
    """The live story's comment state, and whether the reader has comments shown on it."""
    mine = Comment.objects.filter(article=OuterRef("pk"), author_id=reader_pk, status__in=OWN_SHOWN)
    return (
        Article.objects.live()
        .filter(pk=article_pk)
        .annotate(has_own=Exists(mine))
        .order_by()
        .values_list(*STORY_STATE_FIELDS, "has_own")[:1]
    )


STORY_STATE = CompiledLookup(story_state_queryset, arity=2, moments=1)


def story_state(article_pk: int, reader_pk: int) -> tuple[Article, bool] | None:
    """The live story (its comment state only) and whether the reader has comments on it."""
    using = router.db_for_read(Article)
    row = STORY_STATE.row(article_pk, reader_pk, using=using)
    if row is None:
        return None
    return instance_from_row(Article, STORY_STATE_FIELDS, row, using=using), bool(row[-1])


def own_comments_on(request, article_pk: int) -> dict:
    """Whether the reader may comment on the story, and their comments still shown on it."""
    user = request.user
    if not user.is_authenticated:
        return {"can_comment": False, "comments": []}
    found = story_state(article_pk, user.pk)
    if found is None:
        return {"can_comment": False, "comments": []}
    article, has_own = found
    if not has_own:  # most readers: no third query
        return {"can_comment": comments_open(article), "comments": []}
    own = list(
        Comment.objects.filter(article=article, author=user, status__in=OWN_SHOWN).order_by(
            "created_at", "pk"
        )
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
                "html": comment_card_html(comment)
                if comment.status == CommentStatus.PENDING
                else None,
            }
            for comment in own
        ],
    }
