from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.models.articles import INLINE_IMAGE_PATTERN

register = template.Library()


@register.simple_tag
def article_body(article):
    """The stored (already sanitised) body with each library figure rendered with its credit.

    Uses the prefetched ``inline_images``, so it runs no query of its own.
    """
    images = {image.pk: image for image in article.inline_images.all()}

    def render_figure(match):
        image = images.get(int(match.group(1)))
        if image is None:
            return ""
        return render_to_string("includes/figure.html", {"image": image, "loading": "lazy"})

    return mark_safe(INLINE_IMAGE_PATTERN.sub(render_figure, article.body))
