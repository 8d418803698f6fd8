"""Query-count tests measure a page as it runs in steady state: the site-wide lookups every
page shares (reader appeal, section navigation) are already in the cache."""

from articles.context_processors import current_appeal, nav_sections


def warm_site_caches() -> None:
    current_appeal()
    nav_sections()
