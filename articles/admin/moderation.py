"""The moderators' desk in the Django admin: the reported and pending queues, every comment,
the review page, the dashboard, the audit log, sanctions and watched words.

Only the Moderators group (``articles.moderate_comment``) and superusers see or act on any of
it; comments are never edited or deleted here, only moderated through the services.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.bulk import run_in_bulk
from articles.models import (
    Article,
    Comment,
    CommentStatus,
    ModerationAction,
    PendingComment,
    ReaderSanction,
    Report,
    ReportedComment,
    ReportReason,
    WatchedWord,
)
from articles.moderation.charts import dashboard_charts
from articles.moderation.dashboard import dashboard_figures
from articles.moderation.queues import (
    QUEUE_CHANGELISTS,
    REPORTED_QUEUE_ORDERING,
    next_in_queue,
    reader_record,
    reports_with_track_records,
)
from articles.roles import is_moderator
from articles.services import moderation as services

DEFAULT_SUSPENSION_DAYS = 7


class ModerationActionForm(helpers.ActionForm):
    """The changelist's action bar, with a note for the audit log and a suspension length."""

    note = forms.CharField(label=_("Note for the log"), required=False, max_length=500)
    days = forms.IntegerField(
        label=_("Suspension (days)"), required=False, min_value=1, initial=DEFAULT_SUSPENSION_DAYS
    )


class ModeratorsOnly:
    """Moderators read and act; nobody adds, edits or deletes through the admin forms."""

    def has_module_permission(self, request):
        return is_moderator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_moderator(request.user)

    def has_moderate_permission(self, request):
        return is_moderator(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def suspension_days(request) -> int:
    """The suspension's length typed in the action bar or on the review page; the service
    judges its range."""
    try:
        return int(request.POST.get("days") or DEFAULT_SUSPENSION_DAYS)
    except ValueError:
        raise ValidationError(
            _("The number of days must be a whole number."), code="days"
        ) from None


def run_on_each(request, queryset, act, *, done) -> None:
    """Apply ``act(comment, note)`` to every selected comment and report the count."""
    note = request.POST.get("note", "").strip()
    run_in_bulk(
        request,
        queryset.select_related("author"),
        lambda comment: act(comment, note),
        done=done,
        describe=lambda comment: Truncator(comment.text).chars(40),
    )


def comment_action(service, *, description, done):
    """An admin action that runs ``service(comment=, by=, note=)`` on each selected comment;
    the admin knows it by the service's verb (``comment_remove``: ``remove``)."""

    def action(modeladmin, request, queryset):
        run_on_each(
            request,
            queryset,
            lambda comment, note: service(comment=comment, by=request.user, note=note),
            done=done,
        )

    action.__name__ = action.__qualname__ = service.__name__.removeprefix("comment_")
    return admin.action(permissions=["moderate"], description=description)(action)


def sanction_action(name: str, sanction, *, description, done):
    """The admin action ``name``: ``sanction(request, comment, note)`` on each selected comment's
    author, once an author (which removes the comment); their other selected comments are
    removed."""

    def action(modeladmin, request, queryset):
        seen = set()

        def act(comment, note):
            if comment.author_id in seen:
                services.comment_remove(comment=comment, by=request.user, note=note)
            else:
                sanction(request, comment, note)
                seen.add(comment.author_id)

        run_on_each(request, queryset, act, done=done)

    action.__name__ = action.__qualname__ = name
    return admin.action(permissions=["moderate"], description=description)(action)


APPROVED = ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count")
REMOVED = ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count")
RESTORED = ngettext_lazy("%(count)d comment restored.", "%(count)d comments restored.", "count")
REPORTS_DISMISSED = ngettext_lazy(
    "Reports dismissed on %(count)d comment.", "Reports dismissed on %(count)d comments.", "count"
)

approve = comment_action(
    services.comment_approve,
    description=_("Approve (publish) the selected comments"),
    done=APPROVED,
)
dismiss_reports = comment_action(
    services.comment_dismiss_reports,
    description=_("Dismiss the reports (keep or re-show)"),
    done=REPORTS_DISMISSED,
)
remove = comment_action(
    services.comment_remove, description=_("Remove the selected comments"), done=REMOVED
)
restore = comment_action(
    services.comment_restore,
    description=_("Restore the selected removed comments"),
    done=RESTORED,
)
suspend_authors = sanction_action(
    "suspend_authors",
    lambda request, comment, note: services.reader_suspend(
        reader=comment.author,
        by=request.user,
        days=suspension_days(request),
        note=note,
        comment=comment,
    ),
    description=_("Remove and suspend the authors (days in the action bar)"),
    done=ngettext_lazy(
        "%(count)d comment removed, author suspended.",
        "%(count)d comments removed, authors suspended.",
        "count",
    ),
)
ban_authors = sanction_action(
    "ban_authors",
    lambda request, comment, note: services.reader_ban(
        reader=comment.author, by=request.user, note=note, comment=comment
    ),
    description=_("Remove and ban the authors"),
    done=ngettext_lazy(
        "%(count)d comment removed, author banned.",
        "%(count)d comments removed, authors banned.",
        "count",
    ),
)


class CommentColumns:
    """Columns shared by the queues and the full comment list."""

    review_queue = ""  # the queue the review page moves on in (see moderation.queues)

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        url = reverse("admin:articles_comment_review", args=[comment.pk])
        if self.review_queue:
            url = f"{url}?queue={self.review_queue}"
        return format_html('<a href="{}">{}</a>', url, Truncator(comment.text).chars(140))

    @admin.display(description=_("article"), ordering="article__headline")
    def article_headline(self, comment):
        return Truncator(comment.article.headline).chars(60)

    @admin.display(description=_("author"), ordering="author__username")
    def author_name(self, comment):
        return comment.author_name


class ReasonFilter(admin.SimpleListFilter):
    title = _("reason")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return ReportReason.choices

    def queryset(self, request, queryset):
        if self.value() in ReportReason.values:
            return queryset.reported_for(self.value())
        return queryset


class ReportedArticleFilter(admin.SimpleListFilter):
    title = _("article")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        reported = (
            Article.objects.filter(
                Exists(Comment.objects.filter(article=OuterRef("pk"), open_report_count__gt=0))
            )
            .order_by("headline")
            .only("pk", "headline")
        )
        return [(article.pk, Truncator(article.headline).chars(50)) for article in reported]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if not value:
            return queryset
        if not (value.isascii() and value.isdecimal() and 0 < int(value) < 2**63):
            return queryset.none()  # no article has that id
        return queryset.filter(article_id=int(value))


@admin.register(ReportedComment)
class ReportedCommentAdmin(ModeratorsOnly, CommentColumns, admin.ModelAdmin):
    """One row per reported comment, auto-hidden ones first, then the most reported."""

    list_display = [
        "excerpt",
        "article_headline",
        "author_name",
        "report_count",
        "reasons",
        "first_reported",
        "last_reported",
        "auto_hidden",
        "status",
    ]
    list_display_links = None
    review_queue = "reported"
    list_filter = [ReasonFilter, "article__section", ReportedArticleFilter]
    search_fields = ["text", "author__username", "author__display_name"]
    actions = [dismiss_reports, remove, restore, approve, suspend_authors, ban_authors]
    action_form = ModerationActionForm
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        return ReportedComment.objects.awaiting_review()

    def get_ordering(self, request):
        return REPORTED_QUEUE_ORDERING

    @admin.display(description=_("reports"), ordering="open_report_count")
    def report_count(self, comment):
        return comment.open_report_count

    @admin.display(description=_("by reason"))
    def reasons(self, comment):
        return ", ".join(f"{label} {count}" for label, count in comment.open_reasons())

    @admin.display(description=_("first report"), ordering="first_reported_at")
    def first_reported(self, comment):
        return comment.first_reported_at

    @admin.display(description=_("last report"), ordering="last_reported_at")
    def last_reported(self, comment):
        return comment.last_reported_at

    @admin.display(description=_("auto-hidden"), boolean=True, ordering="auto_hidden_at")
    def auto_hidden(self, comment):
        return comment.status == CommentStatus.HIDDEN


@admin.register(PendingComment)
class PendingCommentAdmin(ModeratorsOnly, CommentColumns, admin.ModelAdmin):
    """Comments held by the pre-moderation rules, oldest first."""

    list_display = ["excerpt", "article_headline", "author_name", "held_for", "created_at"]
    list_display_links = None
    review_queue = "pending"
    list_filter = ["held_for", "article__section"]
    search_fields = ["text", "author__username", "author__display_name"]
    actions = [approve, remove, suspend_authors, ban_authors]
    action_form = ModerationActionForm
    list_per_page = 50
    ordering = ["created_at", "pk"]

    def get_queryset(self, request):
        return PendingComment.objects.pending()


@admin.register(Comment)
class CommentAdmin(ModeratorsOnly, CommentColumns, admin.ModelAdmin):
    """Every comment, searchable; also home to the review page and the dashboard."""

    list_display = ["excerpt", "article_headline", "author_name", "status", "created_at"]
    list_display_links = None
    list_filter = ["status", "held_for", "article__section", "created_at"]
    search_fields = ["text", "author__username", "author__display_name", "article__headline"]
    list_select_related = ["article", "author"]
    date_hierarchy = "created_at"
    actions = [dismiss_reports, remove, restore, approve, suspend_authors, ban_authors]
    action_form = ModerationActionForm
    list_per_page = 50
    ordering = ["-created_at"]

    def get_urls(self):
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="articles_comment_dashboard",
            ),
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="articles_comment_review",
            ),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        if not is_moderator(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Moderation dashboard"),
            "opts": self.model._meta,
            "figures": dashboard_figures(),
            "charts": dashboard_charts(),
        }
        return TemplateResponse(request, "admin/moderation/dashboard.html", context)

    REVIEW_ACTIONS = {
        "approve": services.comment_approve,
        "dismiss": services.comment_dismiss_reports,
        "remove": services.comment_remove,
        "restore": services.comment_restore,
    }

    def review_view(self, request, pk):
        if not is_moderator(request.user):
            raise PermissionDenied
        comment = get_object_or_404(
            Comment.objects.select_related("article__section", "author", "parent__author"), pk=pk
        )
        if request.method == "POST":
            return self.review_action(request, comment)
        thread_root = comment.parent or comment
        queue = queue_of(request)
        context = {
            **self.admin_site.each_context(request),
            "queue": queue,
            "queue_url": reverse(QUEUE_CHANGELISTS[queue]) if queue else None,
            "title": _("Review comment"),
            "opts": self.model._meta,
            "comment": comment,
            "thread_root": thread_root,
            "replies": list(thread_root.replies.select_related("author").order_by("created_at")),
            "record": reader_record(comment.author),
            "reports": reports_with_track_records(comment),
            "log": list(
                ModerationAction.objects.filter(comment=comment).select_related("by", "reader")
            ),
            "default_days": DEFAULT_SUSPENSION_DAYS,
        }
        return TemplateResponse(request, "admin/moderation/review.html", context)

    def review_action(self, request, comment):
        action, note = request.POST.get("action"), request.POST.get("note", "").strip()
        try:
            if action in self.REVIEW_ACTIONS:
                self.REVIEW_ACTIONS[action](comment=comment, by=request.user, note=note)
            elif action == "suspend":
                services.reader_suspend(
                    reader=comment.author,
                    by=request.user,
                    days=suspension_days(request),
                    note=note,
                    comment=comment,
                )
            elif action == "ban":
                services.reader_ban(
                    reader=comment.author, by=request.user, note=note, comment=comment
                )
            elif action == "lift":
                sanction = get_object_or_404(
                    ReaderSanction, pk=request.POST.get("sanction"), reader=comment.author
                )
                services.reader_sanction_lift(sanction=sanction, by=request.user, note=note)
            else:
                messages.error(request, _("Choose an action."))
                return redirect("admin:articles_comment_review", pk=comment.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return self.after_decision(request, comment)
        return redirect(review_url(comment, queue_of(request)))

    def after_decision(self, request, comment):
        """On to the next comment waiting in the queue the moderator came from, or back to it."""
        queue = queue_of(request)
        following = next_in_queue(queue, after=comment) if queue else None
        if following is not None:
            messages.success(
                request,
                _("Done: comment #%(pk)s is decided (see its log). Next in the queue:")
                % {"pk": comment.pk},
            )
            return redirect(review_url(following, queue))
        if queue:
            messages.success(request, _("Done: the queue is empty."))
            return redirect(QUEUE_CHANGELISTS[queue])
        messages.success(request, _("Done: the decision is in the log below."))
        return redirect(review_url(comment, queue))


def queue_of(request) -> str:
    """The queue the review page was opened from (``?queue=``), if it is one."""
    queue = request.GET.get("queue", "")
    return queue if queue in QUEUE_CHANGELISTS else ""


def review_url(comment, queue: str) -> str:
    url = reverse("admin:articles_comment_review", args=[comment.pk])
    return f"{url}?queue={queue}" if queue else url


@admin.register(Report)
class ReportAdmin(ModeratorsOnly, admin.ModelAdmin):
    list_display = ["comment", "reason", "status", "reporter", "created_at", "resolved_at"]
    list_filter = ["status", "reason", "created_at"]
    list_select_related = ["comment", "reporter"]
    search_fields = ["details", "comment__text"]
    date_hierarchy = "created_at"


@admin.register(ModerationAction)
class ModerationActionAdmin(ModeratorsOnly, admin.ModelAdmin):
    list_display = ["created_at", "kind", "by", "reader", "comment", "reports_closed", "note"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["by", "reader", "comment"]
    search_fields = ["note", "by__username", "reader__username"]
    date_hierarchy = "created_at"


@admin.action(permissions=["moderate"], description=_("Lift the selected suspensions or bans"))
def lift(modeladmin, request, queryset):
    note = request.POST.get("note", "").strip()
    run_in_bulk(
        request,
        queryset.filter(lifted_at=None).select_related("comment", "reader"),
        lambda sanction: services.reader_sanction_lift(
            sanction=sanction, by=request.user, note=note
        ),
        done=ngettext_lazy("%(count)d sanction lifted.", "%(count)d sanctions lifted.", "count"),
    )


@admin.register(ReaderSanction)
class ReaderSanctionAdmin(ModeratorsOnly, admin.ModelAdmin):
    list_display = ["reader", "kind", "starts_at", "ends_at", "created_by", "lifted_at"]
    list_filter = ["kind", "starts_at"]
    list_select_related = ["reader", "created_by"]
    search_fields = ["reader__username", "reader__display_name", "note"]
    actions = [lift]
    action_form = ModerationActionForm


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    """Editable by moderators (the group holds the add/change/delete permissions)."""

    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
