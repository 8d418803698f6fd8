"""Readers' side of the discussion: posting, editing and deleting comments."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Comment, CommentStatus, ReaderSanction, User, WatchedWord
from articles.models.comments import COMMENT_MAX_LENGTH, HoldReason, comments_open
from articles.text import clean_reader_text, has_visible_text, unify_line_breaks

REPLY_REFUSED = gettext_lazy("That comment can no longer be replied to.")


def comment_text_clean(text: str) -> str:
    """Normalise line endings and outer whitespace, drop control and bidirectional control
    characters; refuse text that shows nothing, or is over-long."""
    text = clean_reader_text(unify_line_breaks(text or "")).strip()
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
            raise ValidationError(REPLY_REFUSED, code="parent")
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
