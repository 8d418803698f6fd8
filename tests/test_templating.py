"""The public pages' Jinja2 environment: one set of templates, Django's formatting."""

import zoneinfo
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template, defaultfilters, engines
from django.utils import timezone, translation
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from hypothesis import example, given, settings
from hypothesis import strategies as st

from articles.templating import dates

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


ZONES = [
    "UTC",
    "Europe/Dublin",  # summer time, and a local mean time offset in seconds before 1916
    "America/New_York",
    "Asia/Kolkata",  # half hours
    "Australia/Lord_Howe",  # a half-hour change of the clocks
    "Pacific/Chatham",  # +12:45
    "America/St_Johns",  # -03:30
]


ISO_SECONDS = "Y-m-d\\TH:i:sO"


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1850, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(ZONES),
    language=st.sampled_from(["en-gb", "de", "fr", "ja", "ga"]),
    format_string=st.sampled_from(sorted(dates.FORMATS)),
)
# The hour the clocks go back, seen twice; Dublin's mean time before 1916 (-00:25:21).
@example(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "Europe/Dublin", "en-gb", ISO_SECONDS)
@example(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "Europe/Dublin", "ga", ISO_SECONDS)
@example(datetime(2026, 11, 1, 5, 30, tzinfo=UTC), "America/New_York", "en-gb", ISO_SECONDS)
@example(datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "America/New_York", "de", ISO_SECONDS)
@example(datetime(1900, 6, 1, 12, 0, tzinfo=UTC), "Europe/Dublin", "en-gb", ISO_SECONDS)
@example(datetime(1900, 6, 1, 12, 0, tzinfo=UTC), "Europe/Dublin", "fr", "c")
def test_the_formats_drawn_directly_are_what_djangos_date_filter_draws(
    moment, zone, language, format_string
):
    # Folded moments too: the hour a change of the clocks repeats.
    for when in (moment, moment.astimezone(zoneinfo.ZoneInfo(zone)).replace(fold=1)):
        with translation.override(language), timezone.override(zone):
            expected = defaultfilters.date(template_localtime(when), format_string)
            assert dates.date(when, format_string) == expected


def test_text_from_the_context_is_escaped_and_translations_keep_their_markup():
    template = engines["jinja2"].from_string(
        '{% trans url="/a?b=1&c=2" %}Read <a href="{{ url }}">this</a>{% endtrans %} {{ text }}'
    )
    assert template.render({"text": "<script>"}) == (
        'Read <a href="/a?b=1&amp;c=2">this</a> &lt;script&gt;'
    )
