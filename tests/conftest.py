import types

import pytest
from django.core.cache import caches

from tests.importing import (  # noqa: F401  (fixtures for the importer tests)
    picture_server,
    public_picture_server,
)


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings, tmp_path):
    """Uploaded and generated files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMAGE_RENDITION_WIDTHS = [480]  # one size keeps image-heavy tests quick
    # Pages are rendered for every request unless a test turns the page cache on itself.
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: no page or rate-limit count leaks between tests."""
    for alias in caches.settings:
        caches[alias].clear()
    yield
    for alias in caches.settings:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories create many accounts; a fast hasher keeps the suite quick (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def rate_limit_windows_held_still(monkeypatch):
    """Rate limits count in fixed windows that start on the minute: a test that crossed one
    would see its count reset half-way."""
    monkeypatch.setattr("articles.ratelimit.time", types.SimpleNamespace(time=lambda: 1.8e9))


@pytest.fixture(autouse=True, scope="session")
def jinja2_pages_report_their_context():
    """``response.context`` for the Jinja2 pages as for Django templates: Django's test setup
    instruments only its own engine (``template_rendered`` is what the test client reads)."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    render = Template.render

    def render_and_report(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=context or {})
        return render(self, context, request)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Template, "render", render_and_report)
        yield
