import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render

from articles.models import ArticleRedirect
from articles.views.errors import bad_request

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer 503 with the site's own page when the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable while serving %s: %s", request.path, exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response


class RejectNulMiddleware:
    """Answer 400 to an address carrying a NUL character, in its path or in any query
    parameter's name or value: no text may contain one, and PostgreSQL refuses it in any query
    it would reach, so no view (ours, the admin's or a third party's) may see one. (Posted forms
    refuse it field by field, and text saved by any path has it stripped: ``articles.text``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return bad_request(request)
        return self.get_response(request)


class OldAddressRedirectMiddleware:
    """Send readers following an imported story's old address to the story (301), while it is live.

    On the site's own host names only a request that would be a 404 is looked up; on the
    archive's old host names (``IMPORT_OLD_HOSTS``) every request is, and what has no story
    goes to the same path here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        old_hosts = {host.lower() for host in settings.IMPORT_OLD_HOSTS}
        if old_hosts and request.get_host().rsplit(":", 1)[0].lower() in old_hosts:
            origin = self._site_origin(request, old_hosts)
            if origin:
                target = self._story_address(request) or request.get_full_path()
                return HttpResponsePermanentRedirect(origin + target)
        response = self.get_response(request)
        if response.status_code == 404:
            target = self._story_address(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response

    def _story_address(self, request) -> str:
        try:
            redirect = (
                ArticleRedirect.objects.to_live()
                .for_path(request.path, request.META.get("QUERY_STRING", ""))
                .select_related("article")
                .first()
            )
        except DatabaseError:
            return ""
        return redirect.article.get_absolute_url() if redirect else ""

    def _site_origin(self, request, old_hosts: set[str]) -> str:
        if settings.SITE_URL:
            return settings.SITE_URL.rstrip("/")
        host = next(
            (
                host
                for host in settings.ALLOWED_HOSTS
                if host.lower() not in old_hosts and not host.startswith((".", "*"))
            ),
            "",
        )
        # With nowhere else to send readers, the old host name serves the site itself.
        return f"{request.scheme}://{host}" if host else ""
