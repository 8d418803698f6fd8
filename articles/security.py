import base64
import functools
import hashlib
import re

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"
# What an answer that is data, not a page, may load or be framed by: nothing.
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"
IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def _script_hashes(content: bytes) -> list[str]:
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in IMPORT_MAP.findall(content)
    ]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's CSP, strict everywhere. The admin also needs its widgets' inline style
    attributes, and the rich-text editor's import map, allowed by its exact hash."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not request.path_info.startswith(ADMIN_PREFIX):
            return parts
        update = {**(parts.update or {}), "style-src": ["'self'", "'unsafe-inline'"]}
        is_page = "html" in response.get("Content-Type", "") and not response.streaming
        if is_page and (hashes := _script_hashes(response.content)):
            update["script-src"] = ["'self'", *hashes]
        parts.update = update
        return parts

    def process_response(self, request, response):
        if response.has_header(HEADER):  # the view's own policy (``data_policy``)
            return response
        return super().process_response(request, response)


def data_policy(view):
    """For a view that answers with data (JSON) rather than a page: the strictest policy, fixed,
    in place of the page policy the middleware builds for each response."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response[HEADER] = DATA_POLICY
        return response

    return wrapped
