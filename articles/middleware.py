import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

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
    """Answer 400 to an address whose path carries a NUL character: no text may contain one,
    and PostgreSQL refuses it in any query it would reach. (Forms refuse it field by field,
    the admin's changelists answer ``?e=1``, and text saved by any path has it stripped:
    ``articles.text``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return bad_request(request)
        return self.get_response(request)
