"""One way for admin actions to run a service over the selected rows and say how it went."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def run_in_bulk(
    request: HttpRequest,
    rows: Iterable[Any],
    act: Callable[[Any], object],
    *,
    done: Any,
    describe: Callable[[Any], str] = str,
) -> int:
    """Call ``act(row)`` for each row, each on its own; return how many went through.

    ``done`` is an ``ngettext_lazy(..., "count")`` message for the rows changed. The rows a
    service refuses (``ValidationError`` or ``PermissionDenied``) stay as they were and are
    listed, named by ``describe``, with the service's reason, in one error message.
    """
    count, refused = 0, []
    for row in rows:
        try:
            act(row)
        except (ValidationError, PermissionDenied) as error:
            reason = "; ".join(getattr(error, "messages", None) or [str(error)])
            refused.append(_("“%(name)s”: %(reason)s") % {"name": describe(row), "reason": reason})
        else:
            count += 1
    if count:
        messages.success(request, done % {"count": count})
    if refused:
        messages.error(request, _("Not changed: %(list)s") % {"list": " | ".join(refused)})
    return count
