from django.conf import settings
from django.http import Http404
from django.views.static import serve


def media(request, path):
    """Uploaded files, for the demo and small installs; production serves them from storage."""
    if not settings.SERVE_MEDIA:
        raise Http404("Media is served by the web server or object storage")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
