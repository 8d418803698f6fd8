from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def comment_text(text: str) -> str:
    """A reader's plain text as safe HTML: everything escaped, web addresses linked with
    ``rel="nofollow ugc"``, line breaks kept."""
    html = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(html.replace("\n", "<br>"))
