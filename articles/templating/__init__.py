"""The Jinja2 environment of the public templates (``templates/jinja2/``), with what they use
of Django: addresses, static files, dates, translations and the project's HTML helpers."""

import django.utils.translation
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, Environment

from articles.addresses import address
from articles.templating.comments import comment_html, comment_text, comment_time
from articles.templating.dates import date
from articles.templating.metadata import absolute_url, article_json_ld, canonical_url
from articles.templating.story import article_body


def url(name: str, *args, **kwargs) -> str:
    """The address of the URL pattern ``name`` (``{% url %}``). Named or no arguments: from the
    pattern reversed once per URLconf (``articles.addresses``); a page shell asks for a dozen."""
    if args:
        return reverse(name, args=args)
    return address(name, **kwargs)


def environment(**options) -> Environment:
    # As in Django templates, what a page lacks (the preview's comment threads) draws nothing,
    # with DEBUG too (Django's backend would then print it).
    env = Environment(**{**options, "undefined": ChainableUndefined})
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(django.utils.translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        url=url,
        static=static,
        now=timezone.now,
        get_current_language=django.utils.translation.get_language,
        article_body=article_body,
        comment_html=comment_html,
        comment_time=comment_time,
        canonical_url=canonical_url,
        absolute_url=absolute_url,
        article_json_ld=article_json_ld,
    )
    env.filters.update(
        date=date,
        truncatechars=defaultfilters.truncatechars,
        urlencode=defaultfilters.urlencode,
        comment_text=comment_text,
    )
    return env
