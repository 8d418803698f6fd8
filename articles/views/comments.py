"""Posting, editing, deleting and reporting comments. Every form works without JavaScript (post,
then redirect back to the comment); ``static/js/comments.js`` asks for JSON instead."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.caching.store import Fragment, cached_fragment
from articles.caching.tags import comments_tag
from articles.forms.comments import CommentEditForm, CommentForm, ReportForm
from articles.models import Article, Comment, CommentStatus
from articles.models.comments import (
    ACCOUNT_REPORTER_PREFIX,
    ANONYMOUS_REPORTER_PREFIX,
    comments_open,
)
from articles.ratelimit import (
    client_address,
    rate_limit_exceeded,
    rate_limit_refund,
    too_many_requests,
)
from articles.services.comments import comment_delete_by_author, comment_edit, comment_post
from articles.services.moderation import report_submit
from articles.templating.comments import comment_card_html, prepare_comment_html

ORDERS = ("oldest", "newest")
REPORT_THANKS = gettext_lazy(
    "Thank you. Your report has gone to our moderation team, who will review the comment "
    "against our community guidelines."
)


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def comment_page(request, article: Article) -> dict:
    """The comments region's context, the same for every reader: the threads (see
    ``comment_threads``) and the form, which ``comments.js`` shows to readers who may post."""
    order = request.GET.get("order") if request.GET.get("order") in ORDERS else ORDERS[0]
    is_open = comments_open(article)
    return {
        "comment_threads": comment_threads(request, article, order=order, is_open=is_open),
        "comments_order": order,
        "comments_open": is_open,
        "comment_form": CommentForm() if is_open else None,
        "reply_form": CommentForm(auto_id="reply-%s") if is_open else None,
        "comments_login_url": sign_in_url(article),
    }


def comment_threads(request, article: Article, *, order: str, is_open: bool) -> Fragment:
    """One page of threads and the report dialog as every reader sees them, drawn once per
    version. What is a reader's own (pending comments, edit links) comes from ``me``."""
    number = request.GET.get("comments_page", "")
    number = int(number) if number.isdecimal() and len(number) <= 6 else 1
    return cached_fragment(
        request,
        f"comments:{article.pk}:{order}:{number}:{is_open:d}",
        lambda: render_threads(article, order=order, number=number, is_open=is_open),
    )


def render_threads(article, *, order, number, is_open) -> Fragment:
    """The comment count bar, one page of threads as every reader sees them, and the report
    dialog: three queries whatever the number of comments and replies."""
    user = AnonymousUser()
    counts = Comment.objects.thread_counts(article=article, user=user)
    threads = Comment.objects.threads(article=article, user=user, newest_first=order == "newest")
    paginator = Paginator(threads, settings.COMMENTS_PER_PAGE)
    paginator.count = counts["threads"]  # already counted above: saves a query
    page = paginator.get_page(number)
    comments = list(page.object_list)
    everyone = [*comments, *(reply for comment in comments for reply in comment.replies.all())]
    for comment in everyone:
        decorate(comment, user)
    prepare_comment_html(everyone)
    context = {
        "article": article,
        "comment_count": counts["visible"],
        "comments": comments,
        "comments_page": page,
        "comments_order": order,
        "comments_open": is_open,
        "report_form": ReportForm(),
    }
    parts: dict[str, str] = {
        "bar": render_to_string("articles/includes/comment_bar.html", context),
        "list": render_to_string("articles/includes/comment_list.html", context),
        "report_dialog": render_to_string("articles/includes/report_dialog.html", context),
    }
    # A page number out of range shows the nearest page: that copy is not kept under it.
    return Fragment(
        parts=parts, tags=frozenset([comments_tag(article.pk)]), keep=page.number == number
    )


def decorate(comment: Comment, user) -> Comment:
    """What the reader may do with the comment, for the template (no queries)."""
    comment.can_edit = comment.is_editable_by(user)
    comment.can_delete = comment.is_deletable_by(user)
    comment.can_report = comment.status == CommentStatus.VISIBLE and not (
        user.is_authenticated and comment.author_id == user.pk
    )
    return comment


def sign_in_url(article: Article) -> str:
    """Sign in, then back to the article's comment form."""
    query = urlencode({"next": f"{article.get_absolute_url()}#comment-form"})
    return f"{reverse('accounts:login')}?{query}"


def permalink(request, pk):
    """Redirect to the page of the article where the comment is, and to the comment itself."""
    comment = get_object_or_404(Comment.objects.select_related("article", "parent"), pk=pk)
    article = comment.article
    if not article.is_live:
        raise Http404
    root = comment.parent or comment
    before = (
        Comment.objects.filter(article=article, parent=None, created_at__lt=root.created_at)
        .shown_to(request.user)
        .count()
    )
    page = before // settings.COMMENTS_PER_PAGE + 1
    query = f"?comments_page={page}" if page > 1 else ""
    return redirect(f"{article.get_absolute_url()}{query}#comment-{comment.pk}")


def post(request, article_pk):
    """GET: the comment form on a page of its own ("Leave a comment", "Reply" without
    JavaScript). POST: post the comment, then show it to its author."""
    article = get_object_or_404(Article.objects.live().select_related("section"), pk=article_pk)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{article.get_absolute_url()}#comment-form")
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method != "POST":
        return comment_form_page(request, article)
    limit_key = f"comment:{request.user.pk}"
    if rate_limit_exceeded(limit_key, limit=settings.COMMENTS_PER_MINUTE):
        rate_limit_refund(limit_key)
        return too_many_requests(
            request,
            message=_("You are posting comments very quickly. Please wait a minute and try again."),
            back=article.get_absolute_url(),
        )
    form = CommentForm(request.POST)
    comment = None
    try:
        if form.is_valid():
            comment = comment_post(
                article=article,
                author=request.user,
                text=form.cleaned_data["text"],
                parent=form.cleaned_data["parent"],
            )
    except ValidationError as error:
        form.add_error(None, error)
    finally:
        if comment is None:  # only comments accepted count (not refusals, nor an outage's 503)
            rate_limit_refund(limit_key)
    if comment is None:
        if wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        return comment_form_page(request, article, form=form)

    if wants_json(request):
        html = comment_card_html(decorate(comment, request.user))
        return JsonResponse(
            {
                "html": html,
                "message": posted_notice(comment),
                "parent": comment.parent_id,
                "id": comment.pk,
            },
            status=201,
        )
    return redirect("comments:posted", pk=comment.pk)


def posted_notice(comment: Comment) -> str:
    if comment.status == CommentStatus.PENDING:
        return _("Thank you. Your comment is awaiting moderation: only you can see it for now.")
    return _("Your comment has been posted.")


def comment_form_page(request, article: Article, *, form=None):
    """The comment form on its own page: to leave a comment or reply (``?parent=``), or to
    correct one that was refused."""
    parent = None
    if form is None:
        number = request.GET.get("parent", "")
        if number.isdecimal() and len(number) <= 18:
            parent = Comment.objects.visible().filter(pk=number, article=article).first()
        form = CommentForm(initial={"parent": parent.pk if parent else None})
    context = {"article": article, "form": form, "parent": parent, "refused": form.is_bound}
    return render(request, "comments/comment_form_page.html", context)


@login_required
def posted(request, pk):
    """Where a comment posted without JavaScript lands: what became of it, for its author."""
    comment = get_object_or_404(
        Comment.objects.select_related("article", "author"), pk=pk, author=request.user
    )
    prepare_comment_html([decorate(comment, request.user)])
    context = {"comment": comment, "notice": posted_notice(comment)}
    return render(request, "comments/comment_posted.html", context)


@login_required
def edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    if not comment.is_editable_by(request.user):
        messages.error(request, _("Comments can only be edited by their author for a few minutes."))
        return redirect(comment.get_absolute_url())
    form = CommentEditForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            comment_edit(comment=comment, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Your comment has been updated."))
            return redirect(comment.get_absolute_url())
    return render(request, "comments/comment_edit.html", {"comment": comment, "form": form})


@login_required
def delete(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    if not comment.is_deletable_by(request.user):
        raise PermissionDenied
    if request.method == "POST":
        comment_delete_by_author(comment=comment, by=request.user)
        messages.success(request, _("Your comment has been deleted."))
        return redirect(comment.get_absolute_url())
    return render(request, "comments/comment_delete.html", {"comment": comment})


def reporter_key(request, *, create: bool = True) -> str | None:
    """One report per comment per reporter: the account, or the anonymous reader's session
    (started here unless ``create`` is off, when a reader without one has no key)."""
    if request.user.is_authenticated:
        return f"{ACCOUNT_REPORTER_PREFIX}{request.user.pk}"
    if not request.session.session_key:
        if not create:
            return None
        request.session.save()
    digest = hashlib.sha256(request.session.session_key.encode()).hexdigest()[:40]
    return f"{ANONYMOUS_REPORTER_PREFIX}{digest}"


def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.reportable().select_related("article", "author"), pk=pk
    )
    form = ReportForm(request.POST or None)
    context = {"comment": comment, "form": form}
    if request.method == "POST":
        key = reporter_key(request)
        limited = rate_limit_exceeded(f"report:{key}", limit=settings.REPORTS_PER_MINUTE)
        if not request.user.is_authenticated:
            limited |= rate_limit_exceeded(
                f"report-ip:{client_address(request)}", limit=settings.REPORTS_PER_MINUTE
            )
        if limited:
            return too_many_requests(
                request,
                message=_("You have sent a lot of reports in a short time. Please wait a minute."),
                back=comment.article.get_absolute_url(),
            )
        if form.is_valid():
            try:
                report_submit(
                    comment=comment,
                    reporter=request.user,
                    reporter_key=key,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                thanks = reverse("comments:report-thanks", kwargs={"pk": comment.pk})
                if wants_json(request):
                    return JsonResponse({"message": str(REPORT_THANKS), "next": thanks})
                return redirect(thanks)
        if wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return render(request, "comments/comment_report.html", context)


def report_thanks(request, pk):
    """Thanks for a report: for a comment still reportable, or one this reader reported (their
    report may have just hidden it). Anything else is not found."""
    comments = Comment.objects.filter(article__in=Article.objects.live()).select_related("article")
    key = reporter_key(request, create=False)
    reported_by_reader = Q(reports__reporter_key=key) if key else Q(pk__in=[])
    comment = get_object_or_404(
        comments.filter(Q(status=CommentStatus.VISIBLE) | reported_by_reader).distinct(), pk=pk
    )
    return render(
        request,
        "comments/comment_report_thanks.html",
        {"comment": comment, "thanks": REPORT_THANKS},
    )
