"""Readers' side of the discussion: posting, editing and deleting comments, and their accounts."""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Comment, CommentStatus, ReaderSanction, User, WatchedWord
from articles.models.comments import COMMENT_MAX_LENGTH, HoldReason, comments_open
from articles.signals import forget_comments_of
from articles.text import clean_reader_text, has_visible_text


def comment_text_clean(text: str) -> str:
    """Normalise line endings and outer whitespace, drop control and bidirectional control
    characters; refuse text that shows nothing, or is over-long."""
    text = clean_reader_text((text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not has_visible_text(text):
        raise ValidationError(_("Write something before posting."), code="empty")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Comments can be at most %(limit)d characters; this one has %(length)d."),
            code="too_long",
            params={"limit": COMMENT_MAX_LENGTH, "length": len(text)},
        )
    return text


def reader_sanction_refusal(user) -> str | None:
    """Why ``user`` may not comment right now (a suspension or ban), or None."""
    sanction = ReaderSanction.objects.active().filter(reader=user).order_by("ends_at").last()
    if sanction is None:
        return None
    if sanction.ends_at is None:
        return _("Your account has been banned from commenting.")
    until = timezone.localtime(sanction.ends_at)
    return _("Your account is suspended from commenting until %(date)s.") % {
        "date": f"{until:%d %B %Y %H:%M}"
    }


def comment_hold_reason(*, text: str, author=None) -> str:
    """The pre-moderation rule that holds ``text`` for a moderator, or an empty string."""
    if author is not None and not author.is_staff:
        published = Comment.objects.filter(author=author, status=CommentStatus.VISIBLE).count()
        if published < settings.COMMENTS_PREMODERATE_FIRST:
            return HoldReason.FIRST_COMMENTS
    if Comment(text=text).link_count > settings.COMMENTS_MAX_LINKS:
        return HoldReason.LINKS
    if WatchedWord.objects.found_in(text):
        return HoldReason.WATCHED_WORD
    return ""


@transaction.atomic
def comment_post(
    *, article: Article, author: User, text: str, parent: Comment | None = None
) -> Comment:
    """Post a reader's comment or reply; hold it as pending when a pre-moderation rule says so."""
    if not author.is_authenticated or not author.is_active:
        raise PermissionDenied(_("Sign in to comment."))
    refusal = reader_sanction_refusal(author)
    if refusal:
        raise ValidationError(refusal, code="sanctioned")
    if not comments_open(article):
        raise ValidationError(_("Comments are closed on this story."), code="closed")
    if parent is not None:
        parent = parent.parent or parent  # one level of threading: replies join the thread
        if parent.article_id != article.pk or parent.status != CommentStatus.VISIBLE:
            raise ValidationError(_("That comment can no longer be replied to."), code="parent")
    text = comment_text_clean(text)
    # The author's row is locked until this comment is saved: their simultaneous posts queue
    # here, so each one sees the one before it and a repeat cannot slip in beside it.
    User.objects.select_for_update().filter(pk=author.pk).values_list("pk").get()
    previous = Comment.objects.filter(author=author).order_by("-created_at", "-pk").first()
    if previous is not None and previous.text == text:
        raise ValidationError(_("You have already posted this comment."), code="duplicate")

    held_for = comment_hold_reason(text=text, author=author)
    comment = Comment(
        article=article,
        author=author,
        parent=parent,
        text=text,
        status=CommentStatus.PENDING if held_for else CommentStatus.VISIBLE,
        held_for=held_for,
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, by: User, text: str) -> Comment:
    """Let the author correct a comment within the edit window; it is marked as edited."""
    if not comment.is_editable_by(by):
        raise PermissionDenied(_("This comment can no longer be edited."))
    text = comment_text_clean(text)
    if text == comment.text:
        return comment
    held_for = comment_hold_reason(text=text)
    if held_for:
        comment.status, comment.held_for = CommentStatus.PENDING, held_for
    comment.text = text
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_delete_by_author(*, comment: Comment, by: User) -> Comment:
    """Withdraw a comment: its replies stay, under a "deleted by its author" notice."""
    if not comment.is_deletable_by(by):
        raise PermissionDenied(_("You can only delete your own comments."))
    comment.status = CommentStatus.DELETED
    comment.deleted_at = timezone.now()
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def account_signup(*, email: str, display_name: str, password: str) -> tuple[User, bool]:
    """Open a reader account, inactive until its owner follows the link mailed to the address
    (the email address is the sign-in name). Where an account already holds the address it
    is returned instead, with ``created`` False, and nothing changes: the caller mails the
    address's owner, and answers the same either way."""
    email = User.objects.normalize_email(email).lower()
    user = User(username=email, email=email, display_name=display_name.strip(), is_active=False)
    user.set_password(password)
    user.full_clean(validate_unique=False)  # field errors alike, whether the address is taken
    existing = User.objects.filter(email__iexact=email) | User.objects.filter(username=email)
    if (found := existing.order_by("pk").first()) is not None:
        return found, False
    user.validate_unique()
    user.validate_constraints()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address, or a look-alike name, a moment earlier
        if (found := existing.order_by("pk").first()) is not None:
            return found, False
        raise ValidationError(
            {"display_name": _("This display name is taken, or too like one that is.")}
        ) from None
    return user, True


@transaction.atomic
def account_confirm(*, user: User) -> User:
    """Open an account whose owner followed the link mailed at sign-up."""
    if not user.is_active and user.last_login is None:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def account_update(*, user: User, display_name: str) -> User:
    user.display_name = display_name.strip()
    user.full_clean()
    user.save(update_fields=["display_name"])  # the pages showing the name: articles.signals
    return user


@transaction.atomic
def account_delete(*, user: User) -> User:
    """Erase a reader's personal data; their comments stay in threads as "Deleted reader".

    The row is kept, scrubbed and deactivated, rather than deleted: the moderation log and any
    ban keep pointing at one (now anonymous) account, and nothing else cascades.
    """
    if user.is_staff or user.is_superuser:
        raise PermissionDenied(_("Newsroom accounts are closed by an administrator."))
    forget_comments_of(user)  # before they lose the link to the reader
    user.comments.update(author=None)
    user.comment_reports.update(reporter=None)
    user.username = f"deleted-{user.pk}-{secrets.token_hex(4)}"
    user.email = user.first_name = user.last_name = user.display_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return user


def account_export(*, user: User) -> dict:
    """Everything the site holds about a reader: profile, comments and reports."""

    def when(value):
        return value.isoformat() if value else None

    comments = user.comments.select_related("article").order_by("created_at", "pk")
    reports = user.comment_reports.order_by("created_at", "pk")
    return {
        "exported_at": when(timezone.now()),
        "profile": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "comments": [
            {
                "id": comment.pk,
                "article": comment.article.headline,
                "article_url": comment.article.get_absolute_url(),
                "in_reply_to": comment.parent_id,
                "text": comment.text,
                "status": comment.status,
                "posted_at": when(comment.created_at),
                "edited_at": when(comment.edited_at),
            }
            for comment in comments
        ],
        "reports": [
            {
                "comment": report.comment_id,
                "reason": report.reason,
                "details": report.details,
                "status": report.status,
                "reported_at": when(report.created_at),
            }
            for report in reports
        ],
    }
