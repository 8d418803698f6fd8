"""The public pages' Jinja2 environment: one set of templates, Django's formatting."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template, engines
from django.utils import timezone, translation

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def test_every_public_template_is_a_jinja2_template_and_has_no_django_copy():
    jinja2_folder = TEMPLATES / "jinja2"
    public = {
        path.relative_to(jinja2_folder) for path in jinja2_folder.rglob("*") if path.is_file()
    }
    django_side = {
        path.relative_to(TEMPLATES)
        for path in TEMPLATES.rglob("*")
        if path.is_file() and not path.is_relative_to(jinja2_folder)
    }
    assert not public & django_side
    # What stays a Django template: the admin's and the mails' plain text.
    assert {
        path for path in django_side if path.parts[0] != "admin" and path.suffix != ".txt"
    } == set()


@pytest.mark.parametrize("zone", ["Europe/Dublin", "UTC", "Asia/Kolkata"])
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_the_date_filter_draws_what_djangos_draws(zone, language):
    jinja = engines["jinja2"].from_string('{{ when|date("l j F Y H:i T") }}|{{ day|date("F Y") }}')
    django = Template('{{ when|date:"l j F Y H:i T" }}|{{ day|date:"F Y" }}')
    values = {"when": datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "day": date(2026, 6, 1)}
    with translation.override(language), timezone.override(zone):
        assert jinja.render(values) == django.render(Context(values))


def test_text_from_the_context_is_escaped_and_translations_keep_their_markup():
    template = engines["jinja2"].from_string(
        '{% trans url="/a?b=1&c=2" %}Read <a href="{{ url }}">this</a>{% endtrans %} {{ text }}'
    )
    assert template.render({"text": "<script>"}) == (
        'Read <a href="/a?b=1&amp;c=2">this</a> &lt;script&gt;'
    )
