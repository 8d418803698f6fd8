import re

from django import template
from django.core.cache import cache
from django.utils.html import conditional_escape, urlize
from django.utils.safestring import mark_safe

register = template.Library()

COMMENT_HTML_SECONDS = 7 * 24 * 3600

# What any link urlize makes must contain: an http(s) address, a www. address, an address
# ending in one of its bare domains, or an e-mail address (django.utils.html.Urlizer, with the
# same case-insensitive matching). Text without any of these comes out of urlize escaped and
# nothing else, so it is escaped directly: urlize checks every word, which made it the costliest
# part of drawing comments when no cached fragment holds them (bench/profile_pages.py).
MAY_HOLD_LINK = re.compile(r"http|www\.|@|\.(com|edu|gov|int|mil|net|org)", re.IGNORECASE)


@register.filter
def comment_text(text: str) -> str:
    """A reader's plain text as safe HTML: everything escaped, web addresses linked with
    ``rel="nofollow ugc"``, line breaks kept."""
    if not MAY_HOLD_LINK.search(str(text)):
        return mark_safe(conditional_escape(text).replace("\n", "<br>"))
    html = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(html.replace("\n", "<br>"))


def _fragment_key(comment) -> str:
    edited = comment.edited_at.timestamp() if comment.edited_at else 0
    return f"comment-html:{comment.pk}:{edited}"


def prepare_comment_html(comments) -> None:
    """Give each comment its text as HTML, from the cache in one round trip: urlizing a page
    of comments is the costliest part of drawing it, and the text only changes on an edit."""
    keys = {_fragment_key(comment): comment for comment in comments}
    found = cache.get_many(list(keys))
    made = {key: str(comment_text(c.text)) for key, c in keys.items() if key not in found}
    if made:
        cache.set_many(made, COMMENT_HTML_SECONDS)
    for key, comment in keys.items():
        comment.text_html = mark_safe(found.get(key) or made[key])


@register.simple_tag
def comment_html(comment):
    """The comment's text as HTML: prepared in bulk by the view, else rendered now."""
    return getattr(comment, "text_html", None) or comment_text(comment.text)
