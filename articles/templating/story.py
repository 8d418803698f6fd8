"""The story's body with its library figures drawn in."""

from django.utils.safestring import mark_safe

from articles.models.articles import INLINE_IMAGE_PATTERN
from articles.templating.macros import template_macro


def article_body(article):
    """The stored (already sanitised) body with each library figure rendered with its credit.

    Uses the prefetched ``inline_images``, so it runs no query of its own.
    """
    images = {image.pk: image for image in article.inline_images.all()}
    figure = template_macro("includes/figure.html", "figure")

    def render_figure(match):
        image = images.get(int(match.group(1)))
        if image is None:
            return ""
        return str(figure(image, loading="lazy"))

    return mark_safe(INLINE_IMAGE_PATTERN.sub(render_figure, article.body))
