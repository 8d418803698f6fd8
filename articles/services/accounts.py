"""Reader accounts: opening, confirming, renaming, exporting and erasing them."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import User
from articles.signals import forget_comments_of


def account_awaits_confirmation(user: User) -> bool:
    """Whether the account was opened at sign-up and its owner has not yet followed the link."""
    return not user.is_active and user.last_login is None


def account_is_closable_by_owner(user: User) -> bool:
    """Readers close their own accounts; newsroom accounts are closed by an administrator."""
    return not (user.is_staff or user.is_superuser)


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
    if account_awaits_confirmation(user):
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
    if not account_is_closable_by_owner(user):
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
