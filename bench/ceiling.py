"""The ceiling for bench/serve.py: Django itself serving a page from memory, with no database.

Same settings and middleware as the site; the one view renders a template holding a copy of a
real page (``CEILING_PAGE``), so every figure of the site can be read as a share of what
Django can do on this machine.

    CEILING_PAGE=/tmp/article.html gunicorn bench.ceiling:application
"""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.ROOT_URLCONF = __name__
application = get_wsgi_application()

from django.template import engines  # noqa: E402

PAGE = Path(os.environ["CEILING_PAGE"]).read_text(encoding="utf-8")
TEMPLATE = engines["django"].from_string("{% verbatim %}" + PAGE + "{% endverbatim %}")


def page(request):
    return HttpResponse(TEMPLATE.render({}, request))


urlpatterns = [path("", page)]
