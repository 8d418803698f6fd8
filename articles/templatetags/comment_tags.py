"""The one helper the admin's Django templates use (the comment review page)."""

from django import template

from articles.templating.comments import comment_text

register = template.Library()
register.filter("comment_text", comment_text)
