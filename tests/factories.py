import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from articles.models import AppealBanner, Article, ArticleStatus, Author, Image, Section, Tag
from articles.search import refresh_search_vectors


def jpeg_bytes(size=(64, 40), colour=(30, 90, 160), **save_options) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", **save_options)
    return buffer.getvalue()


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    # Deterministic names: a random surname such as "Busby" once matched a search test.
    name = factory.Sequence(lambda n: f"Sample Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="picture.jpg"))
    alt_text = "A lighthouse on a rocky headland at dusk"
    caption = factory.Sequence(lambda n: f"Caption number {n}")
    credit = "Alamy Stock Photo"


class ArticleFactory(DjangoModelFactory):
    """A published, live article by default; traits for every other state."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-number-{n}")
    standfirst = "A short summary of the story."
    body = "<p>The first paragraph of the story.</p>"
    section = factory.SubFactory(SectionFactory)
    hero_image = factory.SubFactory(ImageFactory)
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    updated_at = factory.LazyAttribute(lambda article: article.published_at or timezone.now())

    class Params:
        draft = factory.Trait(status=ArticleStatus.DRAFT, published_at=None)
        in_review = factory.Trait(status=ArticleStatus.IN_REVIEW, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )
        archived = factory.Trait(status=ArticleStatus.ARCHIVED)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            self.authors.set(extracted if extracted is not None else [AuthorFactory()])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def index_for_search(self, create, extracted, **kwargs):
        if create:
            refresh_search_vectors([self.pk])


class AppealBannerFactory(DjangoModelFactory):
    class Meta:
        model = AppealBanner

    text = "Independent journalism needs readers like you. Help us keep reporting."
    button_label = "Support us"
    link = "https://example.com/support"
    is_active = True


class CommentFactory(DjangoModelFactory):
    """A visible comment by a new reader on a live article."""

    class Meta:
        model = "articles.Comment"

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"A considered comment, number {n}.")
    status = "visible"

    class Params:
        pending = factory.Trait(status="pending", held_for="first_comments")
        removed = factory.Trait(status="removed")


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = "articles.Report"
        skip_postgeneration_save = True

    comment = factory.SubFactory(CommentFactory)
    reporter = factory.SubFactory(UserFactory)
    reporter_key = factory.LazyAttribute(lambda report: f"user:{report.reporter.pk}")
    reason = "spam"

    @factory.post_generation
    def queue_figures(self, create, extracted, **kwargs):
        """Keep the comment's stored queue figures in step, as ``report_submit`` does."""
        if create:
            self.comment._meta.model.objects.filter(pk=self.comment_id).refresh_report_figures()
