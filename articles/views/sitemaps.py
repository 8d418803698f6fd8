"""Django's sitemap views, with every location starting with the site's origin."""

from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.shortcuts import get_current_site

from articles.siteurl import rebase, site_origin


def _origins(request) -> dict:
    # Django builds locations from the request's scheme and the Sites row's domain.
    old = f"{request.scheme}://{get_current_site(request).domain}"
    return {"old_origin": old, "new_origin": site_origin(request)}


def index(request, **kwargs):
    response = sitemap_views.index(request, **kwargs)
    origins = _origins(request)
    for item in response.context_data["sitemaps"]:
        item.location = rebase(item.location, **origins)
    return response


def sitemap(request, **kwargs):
    response = sitemap_views.sitemap(request, **kwargs)
    origins = _origins(request)
    for url in response.context_data["urlset"]:
        url["location"] = rebase(url["location"], **origins)
        for alternate in url.get("alternates") or ():
            alternate["location"] = rebase(alternate["location"], **origins)
    return response
