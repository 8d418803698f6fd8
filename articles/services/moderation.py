"""Reports and moderators' decisions. Every decision closes the comment's open reports with its
outcome and writes one ``ModerationAction``; nothing is deleted and everything can be undone.

Each service locks the comment's row first, so a report arriving while a moderator closes the
reports waits for the decision; the queue figures stored on the comment (``open_report_count``,
``first_reported_at``, ``last_reported_at``, ``open_report_reasons``) therefore change with the
reports, in the same transaction, and always match them."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import (
    ActionKind,
    Comment,
    CommentStatus,
    ModerationAction,
    ReaderSanction,
    Report,
    ReportStatus,
    SanctionKind,
    User,
)
from articles.roles import is_moderator

# Longer than this is a ban (and far enough ahead, the date overflows the calendar).
MAX_SUSPENSION_DAYS = 3650


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators can do this."))


def _lock(comment: Comment, *, by: User) -> None:
    """Refuse anyone but a moderator, then reload ``comment`` with its row locked until the
    transaction ends: every decision starts here."""
    _require_moderator(by)
    comment.refresh_from_db(from_queryset=Comment.objects.select_for_update())


def _store_report_figures(comment: Comment) -> None:
    Comment.objects.filter(pk=comment.pk).update(
        open_report_count=comment.open_report_count,
        first_reported_at=comment.first_reported_at,
        last_reported_at=comment.last_reported_at,
        open_report_reasons=comment.open_report_reasons,
    )


def _close_reports(comment: Comment, *, outcome: str, by: User | None) -> int:
    """Close the (locked) comment's open reports with ``outcome``: it leaves the reported queue."""
    closed = comment.reports.open().update(
        status=outcome, resolved_at=timezone.now(), resolved_by=by
    )
    comment.open_report_count = 0
    comment.first_reported_at = comment.last_reported_at = None
    comment.open_report_reasons = {}
    _store_report_figures(comment)
    return closed


def _log(kind, *, by, comment=None, reader=None, note="", reports_closed=0) -> ModerationAction:
    action = ModerationAction(
        kind=kind,
        comment=comment,
        reader=reader if reader is not None else getattr(comment, "author", None),
        by=by,
        note=note,
        reports_closed=reports_closed,
    )
    action.full_clean()
    action.save()
    return action


def _decide(comment: Comment, kind: str, *, outcome: str, by: User, note: str) -> Comment:
    """Record a decision on the (locked) comment: its open reports are closed with ``outcome``
    and the decision is logged with how many it closed."""
    closed = _close_reports(comment, outcome=outcome, by=by)
    _log(kind, by=by, comment=comment, note=note, reports_closed=closed)
    return comment


def _moderate(comment: Comment, *, status: str, by: User) -> None:
    comment.status = status
    comment.moderated_at = timezone.now()
    comment.moderated_by = by
    comment.full_clean()
    comment.save()


def _show_again(comment: Comment, *, by: User) -> None:
    """Show a held, hidden or removed comment to readers again, no longer marked auto-hidden."""
    comment.auto_hidden_at = None
    _moderate(comment, status=CommentStatus.VISIBLE, by=by)


@transaction.atomic
def report_submit(
    *,
    comment: Comment,
    reporter: User | None,
    reporter_key: str,
    reason: str,
    details: str = "",
) -> tuple[Report, bool]:
    """Record a report (once per reporter: a repeat returns the first, ``created`` False) and
    hide the comment for review once enough distinct readers have reported it."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if reporter is not None and reporter.is_authenticated and comment.author_id == reporter.pk:
        raise ValidationError(_("You cannot report your own comment."), code="own_comment")
    existing = Report.objects.filter(comment=comment, reporter_key=reporter_key).first()
    if existing is not None:
        return existing, False
    if comment.status != CommentStatus.VISIBLE:
        raise ValidationError(_("This comment is no longer shown."), code="not_visible")
    report = Report(
        comment=comment,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reporter_key=reporter_key,
        reason=reason,
        details=(details or "").strip(),
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same reporter, a moment earlier, in another request
        return Report.objects.get(comment=comment, reporter_key=reporter_key), False

    comment.open_report_count += 1
    comment.first_reported_at = comment.first_reported_at or report.created_at
    comment.last_reported_at = max(comment.last_reported_at or report.created_at, report.created_at)
    reasons = comment.open_report_reasons
    comment.open_report_reasons = {**reasons, report.reason: reasons.get(report.reason, 0) + 1}
    _store_report_figures(comment)

    # Only accountable reporters hide a comment: anonymous reports cost nothing to repeat.
    accountable = comment.reports.open().accountable()
    if (
        accountable.filter(pk=report.pk).exists()
        and (count := accountable.count()) >= settings.COMMENTS_AUTO_HIDE_REPORTS
    ):
        comment.status = CommentStatus.HIDDEN
        comment.auto_hidden_at = timezone.now()
        comment.full_clean()
        comment.save()
        _log(
            ActionKind.AUTO_HIDE,
            by=None,
            comment=comment,
            note=_("%(count)d signed-in readers reported it.") % {"count": count},
        )
    return report, True


@transaction.atomic
def comment_approve(*, comment: Comment, by: User, note: str = "") -> Comment:
    """Publish a comment held for moderation (or hidden by reports); reports are dismissed."""
    _lock(comment, by=by)
    if comment.status not in (CommentStatus.PENDING, CommentStatus.HIDDEN):
        raise ValidationError(_("Only held or hidden comments can be approved."), code="status")
    _show_again(comment, by=by)
    return _decide(comment, ActionKind.APPROVE, outcome=ReportStatus.DISMISSED, by=by, note=note)


@transaction.atomic
def comment_dismiss_reports(*, comment: Comment, by: User, note: str = "") -> Comment:
    """Close the reports as not breaking the guidelines; a hidden comment is shown again."""
    _lock(comment, by=by)
    if comment.status == CommentStatus.HIDDEN:
        _show_again(comment, by=by)
    return _decide(comment, ActionKind.DISMISS, outcome=ReportStatus.DISMISSED, by=by, note=note)


@transaction.atomic
def comment_remove(*, comment: Comment, by: User, note: str = "") -> Comment:
    """Hide a comment from readers behind a removal notice and uphold its open reports."""
    _lock(comment, by=by)
    if comment.status != CommentStatus.REMOVED:
        _moderate(comment, status=CommentStatus.REMOVED, by=by)
    return _decide(comment, ActionKind.REMOVE, outcome=ReportStatus.UPHELD, by=by, note=note)


@transaction.atomic
def comment_restore(*, comment: Comment, by: User, note: str = "") -> Comment:
    """Undo a removal: the comment is shown again."""
    _lock(comment, by=by)
    if comment.status != CommentStatus.REMOVED:
        raise ValidationError(_("Only removed comments can be restored."), code="status")
    _show_again(comment, by=by)
    return _decide(comment, ActionKind.RESTORE, outcome=ReportStatus.DISMISSED, by=by, note=note)


def _sanction(kind, *, reader, by, ends_at, note, comment) -> ReaderSanction:
    _require_moderator(by)
    if reader is None:
        raise ValidationError(_("The author has deleted their account."), code="no_reader")
    if reader.is_staff:
        raise ValidationError(_("Newsroom accounts cannot be suspended here."), code="staff")
    if comment is not None:
        comment_remove(comment=comment, by=by, note=note)
    sanction = ReaderSanction(
        reader=reader, kind=kind, ends_at=ends_at, note=note, comment=comment, created_by=by
    )
    sanction.full_clean()
    sanction.save()
    _log(
        ActionKind.BAN if kind == SanctionKind.BAN else ActionKind.SUSPEND,
        by=by,
        comment=comment,
        reader=reader,
        note=note,
    )
    return sanction


@transaction.atomic
def reader_suspend(
    *, reader: User, by: User, days: int, note: str = "", comment: Comment | None = None
) -> ReaderSanction:
    """Stop a reader commenting for ``days``; the comment that prompted it is removed."""
    if days < 1:
        raise ValidationError(_("A suspension lasts at least one day."), code="days")
    if days > MAX_SUSPENSION_DAYS:
        raise ValidationError(
            _("A suspension lasts at most %(limit)d days: ban the reader instead."),
            code="days",
            params={"limit": MAX_SUSPENSION_DAYS},
        )
    ends_at = timezone.now() + timedelta(days=days)
    return _sanction(
        SanctionKind.SUSPENSION, reader=reader, by=by, ends_at=ends_at, note=note, comment=comment
    )


@transaction.atomic
def reader_ban(
    *, reader: User, by: User, note: str = "", comment: Comment | None = None
) -> ReaderSanction:
    """Stop a reader commenting until a moderator lifts the ban."""
    return _sanction(
        SanctionKind.BAN, reader=reader, by=by, ends_at=None, note=note, comment=comment
    )


@transaction.atomic
def reader_sanction_lift(*, sanction: ReaderSanction, by: User, note: str = "") -> ReaderSanction:
    """End a suspension or ban early."""
    _require_moderator(by)
    if sanction.lifted_at is None:
        sanction.lifted_at = timezone.now()
        sanction.lifted_by = by
        sanction.full_clean()
        sanction.save()
    _log(ActionKind.LIFT, by=by, comment=sanction.comment, reader=sanction.reader, note=note)
    return sanction
