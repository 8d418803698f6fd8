"""Every form that changes something needs its CSRF token, and nothing changes on GET.

The requests are the permissions matrix's state-changing rows, each made as a role allowed
to make it, so a refusal here is the CSRF check or the method, not the role.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.permissions import ROLES, build_world, database_state, state_changes
from tests.test_permissions_matrix import post_rows

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def allowed_requests():
    """(label, the first role allowed to make it, url, data, done) for each allowed row."""
    world = build_world()
    rows = []
    for label, expected, _method, url, data, done in post_rows(world):
        if "ok" in expected.split():
            role = ROLES[expected.split().index("ok")]
            rows.append((label, world.users[role], url, data, done))
    return rows


def test_every_form_post_without_a_csrf_token_is_refused_and_changes_nothing():
    failures = []
    for label, user, url, data, done in allowed_requests():
        client = Client(enforce_csrf_checks=True)
        if user is not None:
            client.force_login(user)
        cache.clear()
        with transaction.atomic():
            before = database_state()
            if hasattr(data.get("file"), "seek"):
                data["file"].seek(0)
            response = client.post(url, data)
            changes = state_changes(before, database_state())
            transaction.set_rollback(True)
        if response.status_code != 403 or changes or done():
            failures.append(f"{label}: {response.status_code}, changed {changes}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("accounts:login", {"username": "reader", "password": PASSWORD}),
        ("admin:login", {"username": "reader", "password": PASSWORD}),
        ("accounts:password_reset", {"email": "reader@example.com"}),
        ("accounts:logout", {}),
        ("admin:logout", {}),
    ],
)
def test_sign_in_sign_out_and_password_reset_need_the_csrf_token(url_name, data, mailoutbox):
    reader = UserFactory(username="reader", is_staff=url_name.startswith("admin"))
    client = Client(enforce_csrf_checks=True)
    if url_name.endswith("logout"):
        client.force_login(reader)
    response = client.post(reverse(url_name), data)
    assert response.status_code == 403
    assert not mailoutbox
    signed_in = "_auth_user_id" in client.session
    assert signed_in is url_name.endswith("logout")


def test_the_csrf_refusal_is_the_sites_own_readable_page():
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:signup"), {})
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()


def test_get_never_changes_anything_even_with_the_forms_fields_in_the_query():
    failures = []
    for label, user, url, data, done in allowed_requests():
        client = Client()
        if user is not None:
            client.force_login(user)
        query = {key: value for key, value in data.items() if not hasattr(value, "read")}
        cache.clear()
        with transaction.atomic():
            before = database_state()
            response = client.get(url, query)
            changes = state_changes(before, database_state())
            transaction.set_rollback(True)
        # 405, or a page: the form, or the confirmation to press a button on; an admin list
        # sent unknown filters (the action's fields) answers with its "?e=1" error redirect.
        refused_filters = response.status_code == 302 and "?e=1" in response["Location"]
        if (response.status_code not in (200, 405) and not refused_filters) or changes or done():
            failures.append(f"{label}: {response.status_code}, changed {changes}")
    assert not failures, "\n".join(failures)


def test_sign_out_is_post_only():
    client = Client()
    client.force_login(UserFactory(username="reader"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("admin:logout")).status_code in (302, 405)
    assert "_auth_user_id" in client.session
