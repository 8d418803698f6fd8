"""Cache invalidation: every change to what readers see bumps the tags of the pages showing it
(and purges them at the HTTP caches once the change commits).

This is infrastructure, not domain logic: it only tells the page cache that something changed,
whichever path changed it (services, the admin, commands or the shell).
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles.caching.store import invalidate
from articles.caching.tags import BANNER, FRONTS, SITE, article_tag, comments_tag, image_tag
from articles.context_processors import (
    APPEAL_CACHE_KEY,
    NAV_SECTIONS_CACHE_KEY,
    NEXT_SCHEDULED_CACHE_KEY,
)
from articles.models import (
    AppealBanner,
    Article,
    ArticleCorrection,
    Author,
    Comment,
    CommentStatus,
    Image,
    Section,
    Tag,
)


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    cache.delete(NEXT_SCHEDULED_CACHE_KEY)
    invalidate(article_tag(instance.pk), FRONTS)


@receiver(m2m_changed, sender=Article.authors.through)
@receiver(m2m_changed, sender=Article.tags.through)
@receiver(m2m_changed, sender=Article.inline_images.through)
def article_relations_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        if isinstance(instance, Article):
            invalidate(article_tag(instance.pk), FRONTS)
        else:
            invalidate(FRONTS, SITE)


@receiver([post_save, post_delete], sender=ArticleCorrection)
def correction_changed(sender, instance, **kwargs):
    invalidate(article_tag(instance.article_id))


@receiver(pre_save, sender=Comment)
def comment_about_to_change(sender, instance, raw=False, **kwargs):
    """Remember whether readers saw the comment before this save (its stored status)."""
    if instance.pk is None or raw:
        instance._was_public = raw  # a fixture's row may replace one readers saw
        return
    stored = Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._was_public = stored is not None and stored != CommentStatus.PENDING


@receiver([post_save, post_delete], sender=Comment)
def comment_changed(sender, instance, signal, **kwargs):
    """Comments have a tag of their own: a busy thread does not keep redrawing the story.

    A comment awaiting moderation is on no public page (only its author sees it, through
    ``/accounts/me/``): holding one, or editing it while it is still held, purges nothing.
    Anything else readers may see (posted visible, approved, hidden, removed, deleted with
    its replies) purges the story's threads."""
    is_public = instance.status != CommentStatus.PENDING
    if signal is post_save:
        is_public |= getattr(instance, "_was_public", True)  # unknown: assume it was
    if is_public:
        invalidate(comments_tag(instance.article_id))


def forget_comments_of(user) -> None:
    """The reader's name is shown beside their comments: those threads are drawn again."""
    shown = user.comments.exclude(status=CommentStatus.PENDING)  # held ones show no name
    article_ids = shown.values_list("article_id", flat=True).distinct()
    invalidate(*(comments_tag(pk) for pk in article_ids))


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def reader_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or {"display_name", "username"} & set(update_fields):
        forget_comments_of(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def reader_deleted(sender, instance, **kwargs):
    forget_comments_of(instance)  # their comments stay, as "Deleted reader"


@receiver([post_save, post_delete], sender=Image)
def image_changed(sender, instance, **kwargs):
    invalidate(image_tag(instance.pk), FRONTS)


@receiver([post_save, post_delete], sender=AppealBanner)
def appeal_changed(sender, instance, **kwargs):
    cache.delete(APPEAL_CACHE_KEY)
    invalidate(BANNER)


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=FlatPage)
def site_changed(sender, instance, **kwargs):
    if sender is Section:
        cache.delete(NAV_SECTIONS_CACHE_KEY)
    invalidate(SITE)
