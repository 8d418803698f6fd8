"""The editorial workflow: transitions checked against the user's role, revisions, corrections."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import (
    LIVE_STATUSES,
    Article,
    ArticleCorrection,
    ArticleRevision,
    ArticleStatus,
    ArticleTransition,
    Author,
    Image,
    Tag,
    User,
)
from articles.search import refresh_search_vectors


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    sources: frozenset[str]
    target: str
    permission: str | None  # None: whoever may edit the article


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            frozenset({ArticleStatus.DRAFT}),
            ArticleStatus.IN_REVIEW,
            None,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish"),
            frozenset({ArticleStatus.IN_REVIEW}),
            ArticleStatus.PUBLISHED,
            "articles.publish_article",
        ),
        Transition(
            "schedule",
            gettext_lazy("Schedule"),
            frozenset({ArticleStatus.IN_REVIEW}),
            ArticleStatus.PUBLISHED,
            "articles.publish_article",
        ),
        Transition(
            "request_changes",
            gettext_lazy("Request changes"),
            frozenset({ArticleStatus.IN_REVIEW}),
            ArticleStatus.DRAFT,
            "articles.publish_article",
        ),
        Transition(
            "unpublish",
            gettext_lazy("Unpublish"),
            frozenset({ArticleStatus.PUBLISHED}),
            ArticleStatus.DRAFT,
            "articles.unpublish_article",
        ),
        Transition(
            "archive",
            gettext_lazy("Archive"),
            frozenset({ArticleStatus.PUBLISHED}),
            ArticleStatus.ARCHIVED,
            "articles.unpublish_article",
        ),
        Transition(
            "restore",
            gettext_lazy("Restore from the archive"),
            frozenset({ArticleStatus.ARCHIVED}),
            ArticleStatus.PUBLISHED,
            "articles.unpublish_article",
        ),
    ]
}


def can_edit_article(user: User, article: Article | None) -> bool:
    """Editors edit anything; writers edit their own articles while they are drafts."""
    if article is None or article.pk is None:
        return user.has_perm("articles.add_article")
    if user.has_perm("articles.change_any_article"):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.created_by_id == user.pk
        and article.status == ArticleStatus.DRAFT
    )


def transition_permitted(user: User, article: Article, name: str) -> bool:
    """Whether the user's role allows this transition on this article (whatever its state)."""
    transition = TRANSITIONS[name]
    if transition.permission is None:
        return can_edit_article(user, article)
    return user.has_perm(transition.permission)


def available_transitions(user: User, article: Article) -> list[Transition]:
    """The transitions this user may take from the article's current state."""
    return [
        transition
        for transition in TRANSITIONS.values()
        if article.status in transition.sources
        and transition_permitted(user, article, transition.name)
        and not (transition.name == "archive" and not article.is_live)
    ]


def _date(value) -> str:
    return date_format(value, "j F Y")


class ImageProblem(models.TextChoices):
    """What keeps a picture out of a story going live; the label is the picker's short form."""

    NO_CREDIT = "no_credit", gettext_lazy("no credit")
    NO_ALT_TEXT = "no_alt_text", gettext_lazy("no alt text")
    RIGHTS_EXPIRED = "rights_expired", gettext_lazy("rights expired")


def image_problems(image: Image, *, on: date | None = None) -> list[ImageProblem]:
    """Why ``image`` may not appear in a story going live on ``on`` (default: today)."""
    problems = []
    if not image.credit.strip():
        problems.append(ImageProblem.NO_CREDIT)
    if not image.alt_text.strip():
        problems.append(ImageProblem.NO_ALT_TEXT)
    if image.rights_expired(on=on):
        problems.append(ImageProblem.RIGHTS_EXPIRED)
    return problems


def _image_problem_sentence(problem: ImageProblem, image: Image) -> str:
    label = _("Image #%(id)s (“%(name)s”)") % {"id": image.pk, "name": image}
    match problem:
        case ImageProblem.NO_CREDIT:
            return _("%(image)s has no credit.") % {"image": label}
        case ImageProblem.NO_ALT_TEXT:
            return _("%(image)s has no alt text.") % {"image": label}
        case ImageProblem.RIGHTS_EXPIRED:
            return _("The rights to %(image)s expire on %(date)s.") % {
                "image": label,
                "date": _date(image.rights_expire_on),
            }


def publishing_problems(article: Article, *, publish_at: datetime | None = None) -> list[str]:
    """Everything that stops the article going live at ``publish_at`` (default: now)."""
    when = publish_at or timezone.now()
    problems = []
    if not article.headline.strip():
        problems.append(_("The headline is missing."))
    if not article.slug:
        problems.append(_("The slug is missing."))
    if article.section_id is None:
        problems.append(_("No section is chosen."))
    if article.pk is None or not article.authors.exists():
        problems.append(_("No author: add at least one byline."))
    if not article.standfirst.strip():
        problems.append(_("The standfirst is missing."))
    if article.hero_image_id is None:
        problems.append(_("There is no hero image."))

    inline_ids = list(dict.fromkeys(article.inline_image_ids()))
    used_ids = ([article.hero_image_id] if article.hero_image_id else []) + [
        pk for pk in inline_ids if pk != article.hero_image_id
    ]
    images = Image.objects.in_bulk(used_ids)
    publication_date = timezone.localdate(when)
    for pk in inline_ids:
        if pk not in images:
            problems.append(
                _("The body shows image #%(id)s, which is not in the library.") % {"id": pk}
            )
    for image in (images[pk] for pk in used_ids if pk in images):
        problems += [
            _image_problem_sentence(problem, image)
            for problem in image_problems(image, on=publication_date)
        ]
    if (
        article.slug
        and Article.objects.filter(
            status__in=LIVE_STATUSES, publication_date=publication_date, slug=article.slug
        )
        .exclude(pk=article.pk)
        .exists()
    ):
        problems.append(
            _("Another story published on %(date)s already uses the slug “%(slug)s”.")
            % {"date": _date(publication_date), "slug": article.slug}
        )
    return problems


def _transition(
    *, article: Article, by: User, name: str, note: str = "", published_at=None, check=None
) -> Article:
    """Move the article along one transition, or refuse and change nothing.

    Refusals come in order: the role, then the state, then ``check(article)`` (the rules).
    """
    transition = TRANSITIONS[name]
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not transition_permitted(by, locked, name):
        raise PermissionDenied(_("Your role does not allow this."))
    if locked.status not in transition.sources:
        raise ValidationError(
            _("This article is %(status)s: it can't be moved with “%(action)s”.")
            % {"status": locked.get_status_display().lower(), "action": transition.label}
        )
    if check is not None:
        check(locked)
    from_status = locked.status
    locked.status = transition.target
    if published_at is not None:
        locked.published_at = published_at
    locked.full_clean()
    locked.save(update_fields=["status", "published_at", "publication_date"])
    ArticleTransition.objects.create(
        article=locked,
        from_status=from_status,
        to_status=locked.status,
        note=note,
        published_at=locked.published_at,
        created_by=by,
    )
    article.status = locked.status
    article.published_at = locked.published_at
    article.publication_date = locked.publication_date
    return article


def _publishable_at(publish_at: datetime):
    def check(article: Article) -> None:
        if problems := publishing_problems(article, publish_at=publish_at):
            raise ValidationError(problems)

    return check


@transaction.atomic
def article_submit(*, article: Article, by: User, note: str = "") -> Article:
    """Send a draft to the editors for review."""
    return _transition(article=article, by=by, name="submit", note=note)


@transaction.atomic
def article_publish(*, article: Article, by: User, note: str = "") -> Article:
    """Publish a reviewed article now (a story that was out before keeps its date and address)."""
    now = timezone.now()
    publish_at = article.published_at
    if publish_at is None or publish_at > now:
        publish_at = now
    return _transition(
        article=article,
        by=by,
        name="publish",
        note=note,
        published_at=publish_at,
        check=_publishable_at(publish_at),
    )


@transaction.atomic
def article_schedule(
    *, article: Article, by: User, publish_at: datetime, note: str = ""
) -> Article:
    """Publish a reviewed article at a future time; it appears then without any job running."""

    def check(locked: Article) -> None:
        if publish_at is None or publish_at <= timezone.now():
            raise ValidationError(
                _("Choose a time in the future to schedule; to publish now, use Publish.")
            )
        _publishable_at(publish_at)(locked)

    return _transition(
        article=article, by=by, name="schedule", note=note, published_at=publish_at, check=check
    )


@transaction.atomic
def article_request_changes(*, article: Article, by: User, note: str) -> Article:
    """Send an article in review back to its writer, saying what to change."""

    def check(locked: Article) -> None:
        if not note.strip():
            raise ValidationError(_("Say what needs changing: the note is required."))

    return _transition(
        article=article, by=by, name="request_changes", note=note.strip(), check=check
    )


@transaction.atomic
def article_unpublish(*, article: Article, by: User, note: str = "") -> Article:
    """Take a published (or scheduled) article off the site, back to draft."""
    return _transition(article=article, by=by, name="unpublish", note=note)


@transaction.atomic
def article_archive(*, article: Article, by: User, note: str = "") -> Article:
    """Move a live article to the archive: readable at its address, off the fronts."""

    def check(locked: Article) -> None:
        if not locked.is_live:
            raise ValidationError(
                _("Only a story that is already out can be archived; unpublish it instead.")
            )

    return _transition(article=article, by=by, name="archive", note=note, check=check)


@transaction.atomic
def article_restore(*, article: Article, by: User, note: str = "") -> Article:
    """Bring an archived article back to the fronts."""
    return _transition(article=article, by=by, name="restore", note=note)


TRANSITION_SERVICES = {
    "submit": article_submit,
    "publish": article_publish,
    "schedule": article_schedule,
    "request_changes": article_request_changes,
    "unpublish": article_unpublish,
    "archive": article_archive,
    "restore": article_restore,
}


@transaction.atomic
def article_save_revision(*, article: Article, by: User | None, note: str = "") -> ArticleRevision:
    """Record the article's editable fields as they are now, as its next numbered revision."""
    # The article's row lock makes concurrent saves take the next numbers one after the other.
    Article.objects.select_for_update().filter(pk=article.pk).first()
    latest = article.revisions.aggregate(number=Max("number"))["number"] or 0
    revision = ArticleRevision.of(
        article,
        number=latest + 1,
        author_ids=article.authors.values_list("pk", flat=True),
        tag_ids=article.tags.values_list("pk", flat=True),
        note=note,
        by=by,
    )
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def revision_restore(*, revision: ArticleRevision, by: User) -> Article:
    """Put a revision's fields back on its article; the result is saved as a new revision."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not can_edit_article(by, article):
        raise PermissionDenied(_("Your role does not allow editing this article."))
    for field in ("headline", "slug", "standfirst", "body", "hero_caption", "comments_enabled"):
        setattr(article, field, getattr(revision, field))
    article.hero_image_id = revision.hero_image_id
    article.section_id = revision.section_id
    article.updated_at = timezone.now()
    article.full_clean()
    article.save()
    article.authors.set(Author.objects.filter(pk__in=revision.author_ids))
    article.tags.set(Tag.objects.filter(pk__in=revision.tag_ids))
    refresh_search_vectors([article.pk])
    article.sync_inline_images()
    article_save_revision(
        article=article, by=by, note=_("Restored from revision %(id)s") % {"id": revision.number}
    )
    return article


@transaction.atomic
def correction_add(*, article: Article, by: User, kind: str, text: str) -> ArticleCorrection:
    """Append a dated public correction or update to a published story; it counts as an update."""
    if not by.has_perm("articles.add_articlecorrection"):
        raise PermissionDenied(_("Your role does not allow adding corrections."))
    if not article.is_live:
        raise ValidationError(_("Corrections are for stories that are already published."))
    correction = ArticleCorrection(article=article, kind=kind, text=text.strip(), created_by=by)
    correction.full_clean()
    correction.save()
    Article.objects.filter(pk=article.pk).update(updated_at=correction.created_at)
    article.updated_at = correction.created_at
    return correction
