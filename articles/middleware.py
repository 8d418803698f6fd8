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
    """Answer 400 to a request carrying a NUL character in its path, query or form fields: no
    text may contain one, and PostgreSQL refuses it in any query it would reach."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            return bad_request(request)
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    fields = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        fields.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in fields
        for key, values in query.lists()
    )
