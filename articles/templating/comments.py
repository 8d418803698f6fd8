"""Comments as HTML: the reader's text linked and escaped, the time as a link, and one
comment drawn alone; prepared once per page of comments."""

import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import conditional_escape, format_html, urlize
from django.utils.safestring import SafeString, mark_safe

from articles.addresses import addresses_of
from articles.templating.macros import template_macro

COMMENT_HTML_SECONDS = 7 * 24 * 3600

# What any link urlize makes must contain: an http(s) address, a www. address, an address
# ending in one of its bare domains, or an e-mail address (django.utils.html.Urlizer, with the
# same case-insensitive matching). Text without any of these comes out of urlize escaped and
# nothing else, so it is escaped directly: urlize checks every word, which made it the costliest
# part of drawing comments when no cached fragment holds them (bench/profile_pages.py).
MAY_HOLD_LINK = re.compile(r"http|www\.|@|\.(com|edu|gov|int|mil|net|org)", re.IGNORECASE)


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


class CommentTimes:
    """Each comment's time as a link to the comment, the same HTML as the template's
    ``<a class="comment__time" href="{{ comment.get_absolute_url }}">``
    ``<time datetime="{{ comment.created_at|date:'c' }}">``
    ``{{ comment.created_at|date:"j M Y H:i" }}</time></a>``, but with the time zone, the month
    names and the address patterns looked up once for a page of comments, not again for every
    comment (the active time zone, language, script prefix and URLconf)."""

    def __init__(self) -> None:
        self.zone = timezone.get_current_timezone() if settings.USE_TZ else None
        self.months = [""] + [MONTHS_3[month].title() for month in range(1, 13)]
        self.permalink = addresses_of("comments:permalink", "pk")
        self.report = addresses_of("comments:report", "pk")

    def html(self, comment) -> SafeString:
        when = comment.created_at
        if self.zone is not None and not timezone.is_naive(when):
            when = when.astimezone(self.zone)  # what the date filter shows (localtime)
        # "j M Y H:i" (django.utils.dateformat): day, month's short name, year, hour, minute.
        shown = f"{when.day} {self.months[when.month]} {when.year:04d} {when:%H:%M}"
        return format_html(
            '<a class="comment__time" href="{}"><time datetime="{}">{}</time></a>',
            self.permalink(comment.pk),
            when.isoformat(),  # the date filter's "c"
            shown,
        )


def prepare_comment_html(comments) -> None:
    """Give each comment its text as HTML, from the cache in one round trip: urlizing a page
    of comments is the costliest part of drawing it, and the text only changes on an edit.
    And its time and report address, made with what is the same for every comment looked up
    once."""
    comments = list(comments)
    times = CommentTimes()
    for comment in comments:
        comment.time_html = times.html(comment)
        comment.report_url = times.report(comment.pk)
    keys = {_fragment_key(comment): comment for comment in comments}
    found = cache.get_many(list(keys))
    made = {key: str(comment_text(c.text)) for key, c in keys.items() if key not in found}
    if made:
        cache.set_many(made, COMMENT_HTML_SECONDS)
    for key, comment in keys.items():
        comment.text_html = mark_safe(found.get(key) or made[key])


def comment_html(comment):
    """The comment's text as HTML: prepared in bulk by the view, else rendered now."""
    return getattr(comment, "text_html", None) or comment_text(comment.text)


def comment_time(comment):
    """The comment's time, linked to the comment: prepared in bulk by the view, else now."""
    return getattr(comment, "time_html", None) or CommentTimes().html(comment)


def comment_card_html(comment) -> str:
    """One comment drawn alone as the discussion draws it (for comments.js to put in)."""
    return str(template_macro("articles/includes/comment.html", "comment_card")(comment))
