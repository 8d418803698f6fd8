import importlib
import json
import re
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from articles.models import Report
from articles.views import accounts as signup_view_module
from tests.factories import ArticleFactory, CommentFactory, ReportFactory, UserFactory
from tests.roles import PASSWORD, make_reader

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def signup(client, **overrides):
    data = {
        "display_name": "Sunita R",
        "email": "Sunita@Example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }
    return client.post(reverse("accounts:signup"), data)


def mailed_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_mails_a_link_that_opens_the_account_and_signs_in(client, mailoutbox):
    response = signup(client)
    assert response.url == reverse("accounts:signup-sent")
    user = User.objects.get(email="sunita@example.com")
    assert user.public_name == "Sunita R" and not user.is_staff and not user.is_active
    assert "_auth_user_id" not in client.session
    assert [message.to for message in mailoutbox] == [["sunita@example.com"]]
    response = client.get(mailed_link(mailoutbox[0]))
    assert response.url == reverse("accounts:account")
    html = client.get(reverse("accounts:account")).content.decode()
    assert "Sunita R" in html
    assert client.get(mailed_link(mailoutbox[0])).status_code == HTTPStatus.BAD_REQUEST  # once


def test_sign_up_returns_to_the_comment_form(client, mailoutbox):
    article = ArticleFactory()
    signup(client, next=f"{article.get_absolute_url()}#comment-form")
    response = client.get(mailed_link(mailoutbox[0]))
    assert response.url == f"{article.get_absolute_url()}#comment-form"


def test_sign_up_answers_alike_for_a_registered_email_and_mails_its_owner(client, mailoutbox):
    owner = UserFactory(username="taken", email="taken@example.com", display_name="Owner")
    taken = signup(client, email="TAKEN@example.com", display_name="Someone")
    fresh = signup(client.__class__(), email="fresh@example.com", display_name="Someone else")
    assert taken.status_code == fresh.status_code == HTTPStatus.FOUND
    assert taken.url == fresh.url
    assert client.get(taken.url).content == client.__class__().get(fresh.url).content
    to_owner = next(message for message in mailoutbox if message.to == ["taken@example.com"])
    assert "already has one" in to_owner.body and "/signup/confirm/" not in to_owner.body
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and owner.display_name == "Owner"


def test_sign_up_mail_is_sent_after_the_response(client, mailoutbox, monkeypatch):
    sent_during_view = []
    original = signup_view_module.redirect

    def redirect_and_note(*args, **kwargs):
        sent_during_view.append(len(mailoutbox))
        return original(*args, **kwargs)

    monkeypatch.setattr(signup_view_module, "redirect", redirect_and_note)
    signup(client)
    assert sent_during_view == [0] and len(mailoutbox) == 1


def test_password_reset_mail_is_sent_after_the_response(client, mailoutbox, monkeypatch):
    UserFactory(email="reset@example.com")
    from django.contrib.auth import views as auth_views

    seen = []
    original = auth_views.PasswordResetView.form_valid

    def form_valid(view, form):
        response = original(view, form)
        seen.append(len(mailoutbox))
        return response

    monkeypatch.setattr(auth_views.PasswordResetView, "form_valid", form_valid)
    response = client.post(reverse("accounts:password_reset"), {"email": "reset@example.com"})
    assert response.status_code == HTTPStatus.FOUND
    assert seen == [0] and len(mailoutbox) == 1


def test_sign_up_refuses_mismatched_or_weak_passwords(client):
    html = signup(client, email="new@example.com", password2="different").content.decode()
    assert "do not match" in html
    html = signup(client, email="new@example.com", password1="123", password2="123").content
    assert b"too short" in html
    assert not User.objects.filter(email="new@example.com").exists()


def test_sign_up_ignores_an_offsite_next(client, mailoutbox):
    signup(client, next="https://evil.example/")
    assert "evil.example" not in mailoutbox[0].body
    assert client.get(mailed_link(mailoutbox[0])).url == reverse("accounts:account")


@pytest.mark.parametrize("login", ["reader", "Reader@Example.com"])
def test_reader_signs_in_with_username_or_email_and_returns_to_the_form(client, login):
    make_reader(username="reader", email="reader@example.com")
    article = ArticleFactory()
    next_url = f"{article.get_absolute_url()}#comment-form"
    response = client.post(
        reverse("accounts:login"), {"username": login, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == next_url


def test_the_reader_sign_in_page_is_the_sites_own_not_the_admin_login(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Create an account" in html and "Django administration" not in html
    assert reverse("accounts:login") != reverse("admin:login")


def test_a_reader_cannot_use_the_admin(client):
    client.force_login(make_reader())
    response = client.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("admin:login"))


def signs_in(client, username, password) -> bool:
    """Sign in through the reader's form, as a browser would."""
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_sign_out_is_a_post_that_ends_the_session(client):
    client.force_login(make_reader())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("accounts:account")).status_code == HTTPStatus.FOUND


def test_password_reset_emails_a_working_link(client):
    make_reader(username="reader", email="reader@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "reader@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:password_reset_complete")
    assert signs_in(client, "reader", NEW_PASSWORD)


def test_account_page_changes_the_display_name(client):
    reader = make_reader(display_name="Old name")
    client.force_login(reader)
    client.post(reverse("accounts:account"), {"display_name": "Hugh O'Brien"})
    reader.refresh_from_db()
    assert reader.display_name == "Hugh O'Brien"


def test_account_pages_need_a_signed_in_reader(client):
    for name in ("account", "export", "delete"):
        response = client.get(reverse(f"accounts:{name}"))
        assert response.url.startswith(reverse("accounts:login"))


def test_download_my_data_is_a_json_file_of_profile_comments_and_reports(client):
    reader = make_reader(display_name="Declan", email="declan@example.com")
    comment = CommentFactory(author=reader, text="My only comment")
    ReportFactory(reporter=reader, reason="spam", details="Advert")
    client.force_login(reader)
    response = client.get(reverse("accounts:export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "declan@example.com"
    assert data["profile"]["display_name"] == "Declan"
    assert [c["text"] for c in data["comments"]] == ["My only comment"]
    assert data["comments"][0]["article_url"] == comment.article.get_absolute_url()
    assert data["reports"][0]["reason"] == "spam" and data["reports"][0]["details"] == "Advert"


def test_deleting_the_account_keeps_comments_as_deleted_reader(client):
    reader = make_reader(display_name="Moira K", email="moira@example.com")
    comment = CommentFactory(author=reader, text="Still part of the thread")
    ReportFactory(reporter=reader)
    client.force_login(reader)
    response = client.post(reverse("accounts:delete"), {"confirm": "yes"})
    assert response.url == reverse("articles:home")

    comment.refresh_from_db()
    assert comment.author is None
    assert Report.objects.filter(reporter=reader).count() == 0
    reader.refresh_from_db()
    assert not reader.is_active and not reader.has_usable_password()
    assert reader.email == "" and reader.display_name == "" and "moira" not in reader.username
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "Still part of the thread" in html and "Deleted reader" in html
    assert "Moira K" not in html
    assert not signs_in(client, "moira@example.com", PASSWORD)


def test_account_deletion_needs_the_confirmation_box(client):
    reader = make_reader()
    client.force_login(reader)
    client.post(reverse("accounts:delete"), {})
    reader.refresh_from_db()
    assert reader.is_active


@pytest.mark.parametrize("kind", ["staff", "superuser"])
def test_newsroom_accounts_cannot_be_deleted_from_the_site(client, kind):
    account = UserFactory(**{f"is_{kind}": True})
    client.force_login(account)
    assert client.get(reverse("accounts:delete")).status_code == HTTPStatus.FORBIDDEN
    assert client.post(reverse("accounts:delete"), {"confirm": "yes"}).status_code == 403
    account.refresh_from_db()
    assert account.is_active and account.email


def test_an_email_that_cannot_be_a_sign_in_name_gets_a_field_error(client):
    response = signup(client, email="o'brien@example.com")
    assert response.status_code == HTTPStatus.OK
    assert not User.objects.filter(email="o'brien@example.com").exists()


def test_a_taken_or_reserved_display_name_is_a_field_error_on_the_account_page(client):
    UserFactory(display_name="Moira K")
    reader = make_reader(display_name="Old name")
    client.force_login(reader)
    for name in ("MOIRA K", "Newsroom"):
        response = client.post(reverse("accounts:account"), {"display_name": name})
        assert response.status_code == HTTPStatus.OK
        assert "Old name" in response.content.decode()
    reader.refresh_from_db()
    assert reader.display_name == "Old name"


def test_sign_up_takes_a_display_name_as_long_as_an_account_holds_and_no_longer(client):
    limit = User._meta.get_field("display_name").max_length
    assert signup(client, display_name="n" * limit).status_code == HTTPStatus.FOUND
    too_long = signup(client.__class__(), email="b@example.com", display_name="m" * (limit + 1))
    assert too_long.status_code == HTTPStatus.OK
    assert list(User.objects.values_list("display_name", flat=True)) == ["n" * limit]


def test_sign_up_takes_an_address_as_long_as_a_sign_in_name_holds_and_no_longer(client):
    limit = User._meta.get_field("username").max_length  # the address becomes the sign-in name
    longest = "a" * (limit - len("@example.com")) + "@example.com"
    assert signup(client, email=longest).status_code == HTTPStatus.FOUND
    too_long = signup(client.__class__(), email="b" + longest, display_name="Someone else")
    assert too_long.status_code == HTTPStatus.OK
    assert list(User.objects.values_list("username", flat=True)) == [longest]


def test_a_signed_in_readers_account_is_read_as_the_orm_reads_it(client):
    """The account behind a session comes from SQL compiled once per process: every field is as
    the ORM gives it, and the reader's pages know them."""
    reader = make_reader(display_name="Odile M")
    client.force_login(reader)
    me = client.get(reverse("accounts:me")).json()
    assert me["signed_in"] is True and me["name"] == "Odile M"
    request_user = client.get(reverse("accounts:account")).wsgi_request.user
    expected = User.objects.get(pk=reader.pk)
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(request_user, name) for name in fields] == [
        getattr(expected, name) for name in fields
    ]


def test_a_suspended_or_deleted_account_is_signed_out_at_its_next_request(client):
    reader = make_reader()
    client.force_login(reader)
    User.objects.filter(pk=reader.pk).update(is_active=False)
    assert client.get(reverse("accounts:me")).json()["signed_in"] is False
    other = make_reader()
    client.force_login(other)
    User.objects.filter(pk=other.pk).delete()
    assert client.get(reverse("accounts:me")).json()["signed_in"] is False


def test_a_new_password_signs_out_the_readers_other_sessions(client):
    reader = make_reader()
    client.force_login(reader)
    reader.set_password(NEW_PASSWORD)
    reader.save()
    assert client.get(reverse("accounts:me")).json()["signed_in"] is False
    client.post(reverse("accounts:login"), {"username": reader.username, "password": NEW_PASSWORD})
    assert client.get(reverse("accounts:me")).json()["signed_in"] is True


def test_readers_signed_in_before_the_account_backend_stay_signed_in(client, settings):
    from django.apps import apps
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.db import connection

    reader = make_reader(display_name="Signed In Long Ago")
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(reverse("accounts:me")).json()["signed_in"] is False  # not configured

    migration = importlib.import_module(
        "articles.migrations.0017_sessions_name_the_account_backend"
    )
    migration.name_the_account_backend(apps, connection.schema_editor())

    me = client.get(reverse("accounts:me")).json()
    assert me["signed_in"] is True and me["name"] == "Signed In Long Ago"
