"""The names of what a cached page shows. One list of tags per page, built only here.

The same strings are the in-app store's version keys and the keys the HTTP caches purge by
(Varnish ``xkey``, Fastly ``Surrogate-Key``, Cloudflare ``Cache-Tag``): keep them short, without
spaces or commas.
"""

# Which stories are on the fronts, lists, archives and feeds.
FRONTS = "fronts"
# Sections, authors, tags and flat pages: the navigation and headings every page may show.
SITE = "site"
# The reader appeal shown on every page.
BANNER = "banner"
# On every public page: purging it empties every cache (``manage.py purge_cache``).
EVERYTHING = "all"

EVERY_PAGE = (EVERYTHING, SITE, BANNER)


def article_tag(pk: int) -> str:
    """The story itself: headline, body, corrections, byline, topics."""
    return f"article-{int(pk)}"


def comments_tag(article_pk: int) -> str:
    """The comment threads of one story (they change far more often than the story)."""
    return f"comments-{int(article_pk)}"


def image_tag(pk: int) -> str:
    """One library image: its file, caption, credit and renditions."""
    return f"image-{int(pk)}"


def page_tags(*tags: str) -> frozenset[str]:
    """Everything a public page shows: ``tags`` and what every page shows."""
    return frozenset((*EVERY_PAGE, *tags))


def versioned_tag(tag: str, version: str) -> str:
    """``tag`` as it was at one version (``article-42@1f0c9a3b7d2e``): a page carries it beside
    ``tag``, so that a repeated purge can name the pages drawn before a change and spare the
    ones drawn after it."""
    return f"{tag}@{version.rpartition(':')[2][:12]}"
