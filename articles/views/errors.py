"""The site's own pages for refused requests, drawn with the request (masthead, navigation)
like the 404. Django's defaults render 400 and CSRF failures without it."""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
