"""Security headers, production checks, lockouts, abuse limits and upload limits."""

import io
import os
import subprocess
import sys
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image, User
from tests.factories import ArticleFactory, UserFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parent.parent


def public_pages():
    article = ArticleFactory()
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        reverse("comments-policy"),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        "/no-such-page/",
    ]


def test_every_public_page_sends_a_strict_content_security_policy(client):
    for path in public_pages():
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, path
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, path


def test_every_page_sends_the_hardening_headers(client):
    for path in [*public_pages(), reverse("admin:login")]:
        response = client.get(path)
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert response["X-Frame-Options"] == "DENY", path
        assert "Content-Security-Policy" in response, path


def test_hsts_is_sent_over_https_when_debug_is_off(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("articles:home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_and_csrf_cookies_are_secure_when_debug_is_off(client):
    reader = UserFactory(username="cookie-reader")
    response = client.post(
        reverse("accounts:login"),
        {"username": reader.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["sessionid"]["httponly"] is True


def production_environment() -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DATABASE", "CACHE", "DEBUG", "SECRET", "SECURE", "SESSION", "DJANGO_")
        )
    }
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            environment[key.strip()] = value.strip()
    return environment


def test_deploy_check_is_clean_with_the_documented_production_environment(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("login_url", ["accounts:login", "admin:login"])
def test_repeated_wrong_passwords_lock_the_sign_in_with_a_readable_429(client, login_url):
    user = UserFactory(username="target", is_staff=True)
    url = reverse(login_url)
    for _ in range(5):
        client.post(url, {"username": user.username, "password": "wrong guess"})
    response = client.post(
        url, {"username": user.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_password_before_the_limit_signs_in(client):
    user = UserFactory(username="forgetful")
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": user.username, "password": "wrong"})
    client.post(url, {"username": user.username, "password": "correct horse battery staple"})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_ups_from_one_address_are_rate_limited(client, settings):
    settings.SIGNUPS_PER_HOUR = 2
    url = reverse("accounts:signup")
    for number in range(2):
        client.post(url, {"display_name": "x", "email": f"r{number}@example.com"})
    response = client.post(url, {"display_name": "x", "email": "r9@example.com"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many new accounts" in response.content.decode()
    assert response["Retry-After"] == "3600"


def test_password_reset_requests_are_rate_limited(client, settings, mailoutbox):
    settings.PASSWORD_RESETS_PER_HOUR = 1
    UserFactory(username="reset-me", email="reset@example.com")
    url = reverse("accounts:password_reset")
    client.post(url, {"email": "reset@example.com"})
    response = client.post(url, {"email": "reset@example.com"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert len(mailoutbox) == 1


def test_rate_limits_count_the_forwarded_address_behind_trusted_proxies(client, settings):
    settings.SIGNUPS_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("accounts:signup")
    client.post(url, {"email": "a@example.com"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = client.post(url, {"email": "b@example.com"}, HTTP_X_FORWARDED_FOR="198.51.100.2")
    same = client.post(url, {"email": "c@example.com"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert other.status_code != HTTPStatus.TOO_MANY_REQUESTS
    assert same.status_code == HTTPStatus.TOO_MANY_REQUESTS


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("chief-sec", "c@example.com", "pw"))
    return client


def png_bytes(size) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("1", size).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, data: bytes, name: str):
    return client.post(
        reverse("admin:articles_image_add"),
        {"file": SimpleUploadedFile(name, data), "alt_text": "x", "credit": "PA"},
    )


def test_decompression_bombs_are_refused_before_decoding(editor_client, settings, monkeypatch):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", settings.MAX_IMAGE_PIXELS)
    bomb = png_bytes((12_000, 12_000))  # 144 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    response = upload(editor_client, bomb, "bomb.png")
    assert response.status_code == HTTPStatus.OK
    assert not Image.objects.exists()


def test_pictures_over_the_pixel_limit_are_refused_with_a_field_error(editor_client, settings):
    settings.MAX_IMAGE_PIXELS = 10_000
    response = upload(editor_client, jpeg_bytes((200, 100)), "wide.jpg")
    assert "the limit is 10,000 pixels" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("photo.jpg", b"GIF89a<script>alert(1)</script>"),
    ],
)
def test_only_real_images_are_accepted(editor_client, name, data):
    response = upload(editor_client, data, name)
    assert response.status_code == HTTPStatus.OK
    assert "Upload a valid image" in response.content.decode()
    assert not Image.objects.exists()


def test_sign_in_lockout_page_says_how_many_minutes_to_wait(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(url, {"username": "someone", "password": "wrong guess"})
    text = " ".join(response.content.decode().split())
    assert "Please wait 15 minutes and try again" in text
    assert "PT15M" not in text
