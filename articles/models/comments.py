"""Reader comments and their moderation: reports, the audit log, sanctions, watched words.

Nothing here is ever deleted from the site: authors, moderators and account deletion change a
status or detach a person, and every moderator decision is written to ``ModerationAction``.
"""

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OrderBy, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject, Lower
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.addresses import address
from articles.text import fold

from .articles import Article

COMMENT_MAX_LENGTH = 2000
REPORT_DETAILS_MAX_LENGTH = 1000
URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class PortableIndex(models.Index):
    """An index that SQLite can build too: it refuses NULLS FIRST/LAST in an index, but sorts
    NULL lowest, so there the clause is dropped wherever it is already the default order."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite" and self.expressions:
            index = models.Index(
                *[self._sqlite_order(expression) for expression in self.expressions],
                name=self.name,
                condition=self.condition,
            )
            return index.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    @staticmethod
    def _sqlite_order(expression):
        if isinstance(expression, OrderBy) and (
            (expression.descending and expression.nulls_last)
            or (not expression.descending and expression.nulls_first)
        ):
            return OrderBy(expression.expression, descending=expression.descending)
        return expression


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden by reports, awaiting review")
    REMOVED = "removed", _("Removed by a moderator")
    DELETED = "deleted", _("Deleted by its author")


class HoldReason(models.TextChoices):
    FIRST_COMMENTS = "first_comments", _("A new reader's first comments")
    LINKS = "links", _("Too many links")
    WATCHED_WORD = "watched_word", _("Contains a watched word")


# What a thread draws of each comment and its author (a page of threads builds up to 200 of
# each; the moderation figures and the account's other columns are not shown).
THREAD_FIELDS = (
    "article",
    "parent",
    "text",
    "status",
    "created_at",
    "edited_at",
    "author__username",
    "author__display_name",
    "author__is_staff",
)


def comment_url(name: str, pk: int) -> str:
    """A comment's own address (``comments:<name>``), cheap enough for every comment on a page."""
    return address(f"comments:{name}", pk=pk)


def comments_close_at(article: Article) -> datetime:
    """When comments on ``article`` close of their own accord (an undated story's never open)."""
    if article.published_at is None:
        return datetime.min.replace(tzinfo=UTC)
    return article.published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def comments_open(article: Article, *, now=None) -> bool:
    """Whether readers may post on ``article`` now (switched on, not archived, not too old)."""
    now = now or timezone.now()
    return bool(
        article.comments_enabled
        and article.is_live
        and not article.is_archived
        and comments_close_at(article) > now
    )


def shown_to_q(user) -> Q:
    """The condition behind ``CommentQuerySet.shown_to``."""
    shown = Q(status__in=[CommentStatus.VISIBLE, CommentStatus.REMOVED])
    shown |= Q(
        Exists(Comment.objects.filter(parent=OuterRef("pk"), status=CommentStatus.VISIBLE)),
        status__in=[CommentStatus.DELETED, CommentStatus.HIDDEN],
    )
    if user.is_authenticated:
        shown |= Q(status=CommentStatus.PENDING, author=user)
    return shown


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments every reader sees in full."""
        return self.filter(status=CommentStatus.VISIBLE)

    def shown_to(self, user):
        """What a thread shows ``user``: visible comments, removal notices, their own pending
        comments, and placeholders for deleted or hidden comments that still have replies."""
        return self.filter(shown_to_q(user))

    def thread_counts(self, *, article: Article, user) -> dict:
        """In one query: visible comments and replies (``visible``), and the top-level comments
        ``user`` is shown (``threads``, what the pages are cut from)."""
        return self.filter(article=article).aggregate(
            visible=Count("pk", filter=Q(status=CommentStatus.VISIBLE)),
            threads=Count("pk", filter=Q(parent=None) & shown_to_q(user)),
        )

    def threads(self, *, article: Article, user, newest_first: bool = False):
        """Top-level comments of ``article`` shown to ``user``, with replies and authors
        prefetched: one query for the page, one for all of its replies."""
        replies = (
            Comment.objects.shown_to(user)
            .select_related("author")
            .only(*THREAD_FIELDS)
            .order_by("created_at")
        )
        order = "-created_at" if newest_first else "created_at"
        return (
            self.filter(article=article, parent=None)
            .shown_to(user)
            .select_related("author")
            .only(*THREAD_FIELDS)
            .prefetch_related(models.Prefetch("replies", queryset=replies))
            .order_by(order, "pk")
        )

    def reportable(self):
        """Comments readers may report (and be thanked for reporting): visible ones on live
        stories. Anything else is not found, whoever asks."""
        return self.visible().filter(article__in=Article.objects.live())

    def awaiting_review(self):
        """Comments with open reports, as the reported queue lists them.

        The figures the queue shows, sorts and filters on (count, first and last report, count
        by reason) are stored on the comment by the moderation services, so the queue is an
        index scan rather than an aggregate over every report."""
        return (
            self.filter(open_report_count__gt=0)
            .select_related("article__section", "author")
            .defer("article__body", "article__standfirst", "article__hero_caption")
        )

    def reported_for(self, reason: str):
        """Comments with an open report for ``reason``."""
        return self.filter(**{f"open_report_reasons__{reason}__gt": 0})

    def refresh_report_figures(self) -> int:
        """Recompute the stored queue figures from the reports (bulk loads and repairs: the
        moderation services keep them exact as reports arrive and close)."""
        open_reports = Report.objects.open().filter(comment=OuterRef("pk")).order_by()

        def figure(aggregate):
            return Subquery(
                open_reports.values("comment").annotate(value=aggregate).values("value")[:1]
            )

        return self.update(
            open_report_count=Coalesce(figure(Count("pk")), 0),
            first_reported_at=figure(Min("created_at")),
            last_reported_at=figure(Max("created_at")),
            open_report_reasons=JSONObject(
                **{
                    reason: Coalesce(figure(Count("pk", filter=Q(reason=reason))), 0)
                    for reason in ReportReason.values
                }
            ),
        )

    def pending(self):
        """Comments held by the pre-moderation rules, oldest first."""
        return (
            self.filter(status=CommentStatus.PENDING)
            .select_related("article", "author")
            .order_by("created_at", "pk")
        )


class Comment(models.Model):
    """A reader's plain-text comment on an article, or a reply to one (one level deep)."""

    # What the reader may do with it, set by views.comments.decorate() for the template.
    can_edit: bool
    can_delete: bool
    can_report: bool

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text=_("Empty once the reader has deleted their account."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    text = models.TextField(
        _("text"),
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Plain text as the reader typed it; escaped whenever it is shown."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus, default=CommentStatus.VISIBLE
    )
    held_for = models.CharField(
        _("held for"),
        max_length=20,
        choices=HoldReason,
        blank=True,
        help_text=_("Why the pre-moderation rules held the comment, if they did."),
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted by its author at"), null=True, blank=True)
    auto_hidden_at = models.DateTimeField(
        _("hidden by reports at"),
        null=True,
        blank=True,
        help_text=_("When enough readers reported it to hide it pending review."),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The reported queue's figures, over the open reports only: kept by the moderation
    # services in the same transaction as the reports, under the comment's row lock.
    open_report_count = models.PositiveIntegerField(
        _("open reports"),
        default=0,
        editable=False,
        help_text=_("Reports awaiting a moderator's decision."),
    )
    first_reported_at = models.DateTimeField(
        _("first open report at"), null=True, blank=True, editable=False
    )
    last_reported_at = models.DateTimeField(
        _("last open report at"), null=True, blank=True, editable=False
    )
    open_report_reasons = models.JSONField(
        _("open reports by reason"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The number of open reports for each reason."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate reader comments"))]
        indexes = [
            models.Index(
                fields=["article", "parent", "status", "created_at"], name="comment_thread"
            ),
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
            models.Index(fields=["author", "-created_at"], name="comment_author_created"),
            # The reported queue's default order, over reported comments only.
            PortableIndex(
                F("auto_hidden_at").desc(nulls_last=True),
                F("open_report_count").desc(),
                F("first_reported_at"),
                F("id"),
                name="comment_report_queue",
                condition=Q(open_report_count__gt=0),
            ),
            # The queue sorted by its count or age column (either way: backwards, or an
            # incremental sort on the admin's "-pk" tie-breaker).
            models.Index(
                fields=["open_report_count", "id"],
                name="comment_report_count",
                condition=Q(open_report_count__gt=0),
            ),
            models.Index(
                fields=["first_reported_at", "id"],
                name="comment_report_age",
                condition=Q(open_report_count__gt=0),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(open_report_count=0, first_reported_at=None, last_reported_at=None)
                | Q(
                    open_report_count__gt=0,
                    first_reported_at__isnull=False,
                    last_reported_at__isnull=False,
                ),
                name="comment_report_figures_agree",
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(80)

    def get_absolute_url(self):
        return comment_url("permalink", self.pk)

    @property
    def report_url(self) -> str:
        """Where a reader reports the comment (set in bulk for a page of comments)."""
        return getattr(self, "_report_url", None) or comment_url("report", self.pk)

    @report_url.setter
    def report_url(self, value: str) -> None:
        self._report_url = value

    @property
    def edit_url(self) -> str:
        return comment_url("edit", self.pk)

    @property
    def delete_url(self) -> str:
        return comment_url("delete", self.pk)

    @property
    def author_name(self) -> str:
        return self.author.public_name if self.author else str(_("Deleted reader"))

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None

    @property
    def link_count(self) -> int:
        return len(URL_PATTERN.findall(self.text))

    def open_reasons(self) -> list[tuple[str, int]]:
        """(reason label, count) of the open reports, most frequent first."""
        labels = dict(ReportReason.choices)
        counts = Counter({reason: n for reason, n in self.open_report_reasons.items() if n})
        return [(labels.get(reason, reason), count) for reason, count in counts.most_common()]

    def is_editable_by(self, user, *, now=None) -> bool:
        """Authors may edit a comment still shown to them for a few minutes after posting."""
        now = now or timezone.now()
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status in (CommentStatus.VISIBLE, CommentStatus.PENDING)
            and now - self.created_at < timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
        )

    def is_deletable_by(self, user) -> bool:
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status in (CommentStatus.VISIBLE, CommentStatus.PENDING)
        )


# How ``Report.reporter_key`` starts: an account, or a hash of an anonymous session.
ACCOUNT_REPORTER_PREFIX = "user:"
ANONYMOUS_REPORTER_PREFIX = "session:"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Harassment or abuse")
    HATE = "hate", _("Hate speech")
    OFF_TOPIC = "off_topic", _("Off-topic")
    MISINFORMATION = "misinformation", _("Misinformation")
    PERSONAL_INFO = "personal_info", _("Personal information")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)

    def resolved(self):
        return self.exclude(status=ReportStatus.OPEN)

    def anonymous(self):
        """Reports by readers who were not signed in (keyed by their browser session): they
        reach the queue but never hide a comment on their own."""
        return self.filter(reporter_key__startswith=ANONYMOUS_REPORTER_PREFIX)

    def accountable(self, *, now=None):
        """Reports that count towards hiding a comment automatically: by a signed-in reader
        whose account is active and under no suspension or ban (one report per account)."""
        sanctioned = ReaderSanction.objects.active(now=now).filter(reader=OuterRef("reporter"))
        return self.filter(
            reporter_key__startswith=ACCOUNT_REPORTER_PREFIX, reporter__is_active=True
        ).exclude(Exists(sanctioned))

    def track_records(self, reporter_keys):
        """Per reporter: reports resolved and reports upheld, keyed by ``reporter_key``."""
        rows = (
            self.filter(reporter_key__in=reporter_keys)
            .values("reporter_key")
            .annotate(
                resolved=Count("pk", filter=~Q(status=ReportStatus.OPEN)),
                upheld=Count("pk", filter=Q(status=ReportStatus.UPHELD)),
            )
        )
        return {row["reporter_key"]: row for row in rows}


class Report(models.Model):
    """One reader's report that a comment breaks the community guidelines."""

    # The reporter's record, set by moderation.queues.reports_with_track_records().
    past_resolved: int
    past_upheld: int
    past_upheld_rate: int | None

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comment_reports",
        help_text=_("Empty for anonymous readers."),
    )
    reporter_key = models.CharField(
        _("reporter key"),
        max_length=80,
        editable=False,
        help_text=_("The account, or a hash of an anonymous reader's session: one report each."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason)
    details = models.TextField(_("details"), max_length=REPORT_DETAILS_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_comment_per_reporter"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "comment"], name="report_status_comment"),
            models.Index(fields=["reporter_key", "status"], name="report_reporter_status"),
            models.Index(fields=["created_at"], name="report_created"),
            models.Index(fields=["resolved_at"], name="report_resolved"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment}"


class ActionKind(models.TextChoices):
    AUTO_HIDE = "auto_hide", _("Hidden automatically by reports")
    APPROVE = "approve", _("Approved")
    DISMISS = "dismiss", _("Reports dismissed")
    REMOVE = "remove", _("Removed")
    RESTORE = "restore", _("Restored")
    SUSPEND = "suspend", _("Author suspended")
    BAN = "ban", _("Author banned")
    LIFT = "lift", _("Suspension or ban lifted")


class ModerationAction(models.Model):
    """The audit log: who did what to which comment or reader, when, and why."""

    kind = models.CharField(_("action"), max_length=20, choices=ActionKind)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_history",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        help_text=_("Empty when the system acted (automatic hiding)."),
    )
    note = models.TextField(_("note"), blank=True)
    reports_closed = models.PositiveIntegerField(_("reports closed"), default=0)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.get_kind_display()} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"


class SanctionKind(models.TextChoices):
    SUSPENSION = "suspension", _("Suspension")
    BAN = "ban", _("Ban")


class ReaderSanctionQuerySet(models.QuerySet):
    def active(self, *, now=None):
        """Sanctions in force: not lifted, started, and not yet expired."""
        now = now or timezone.now()
        return self.filter(lifted_at=None, starts_at__lte=now).filter(
            Q(ends_at=None) | Q(ends_at__gt=now)
        )


class ReaderSanction(models.Model):
    """A suspension (until a date) or a ban (open-ended) that stops a reader commenting."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.CASCADE,
        related_name="sanctions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SanctionKind)
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty for a ban.")
    )
    note = models.TextField(_("note"), blank=True)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("prompted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReaderSanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("reader suspension or ban")
        verbose_name_plural = _("reader suspensions and bans")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=SanctionKind.BAN, ends_at=None)
                | Q(kind=SanctionKind.SUSPENSION, ends_at__isnull=False),
                name="suspension_has_an_end_ban_has_none",
                violation_error_message=_("A suspension needs an end; a ban has none."),
            ),
        ]

    def __str__(self):
        if self.kind == SanctionKind.BAN:
            return str(_("Banned"))
        until = timezone.localtime(self.ends_at)
        return str(_("Suspended until %(date)s") % {"date": f"{until:%d %b %Y %H:%M}"})


class WatchedWordQuerySet(models.QuerySet):
    def found_in(self, text: str) -> list[str]:
        """The watched words (whole words) that occur in ``text``, compared as they look
        (``articles.text.fold``): case, invisible characters, fullwidth and look-alike letters
        from other scripts make no difference."""
        folded = fold(text)
        return [
            word
            for word in self.values_list("word", flat=True)
            if (key := fold(word)) and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded)
        ]


class WatchedWord(models.Model):
    """A word or phrase that holds a comment for a moderator to read first."""

    word = models.CharField(
        _("word or phrase"), max_length=100, help_text=_("Matched as a whole word, in any case.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    objects = WatchedWordQuerySet.as_manager()

    class Meta:
        ordering = ["word"]
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        constraints = [
            models.UniqueConstraint(
                Lower("word"),
                name="unique_watched_word",
                violation_error_message=_("This word is already watched."),
            ),
        ]

    def __str__(self):
        return self.word


class ReportedComment(Comment):
    """The reported queue: one row per comment with open reports."""

    class Meta:
        proxy = True
        verbose_name = _("reported comment")
        verbose_name_plural = _("reported comments (queue)")


class PendingComment(Comment):
    """The pending queue: comments held by the pre-moderation rules."""

    class Meta:
        proxy = True
        verbose_name = _("pending comment")
        verbose_name_plural = _("pending comments (queue)")
