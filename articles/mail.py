"""Mail sent after the response: a reader's browser waits for nothing the mail server does,
and how long a request took cannot tell whether an email went out (or to whom)."""

import logging

from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)


def send_after_response(response, messages: list[EmailMessage]) -> None:
    """Send ``messages`` once ``response`` has gone to the client (WSGI servers, and the test
    client, close the response after sending it; Django then runs its resource closers)."""

    def send():
        for message in messages:
            try:
                message.send()
            except Exception:  # a mail server failure is logged, never shown to the reader
                logger.exception("Could not send mail to %s", ", ".join(message.to))

    if messages:
        response._resource_closers.append(send)
