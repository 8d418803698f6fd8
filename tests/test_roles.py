"""The newsroom's one list of roles, and who counts as holding each."""

import importlib.util

import pytest
from django.contrib.auth.models import Group

from articles.roles import (
    EDITORS,
    MODERATORS,
    ROLES,
    WRITERS,
    is_moderator,
    moderators_group,
    role_group,
)
from tests.factories import UserFactory
from tests.workflow_helpers import make_user

pytestmark = pytest.mark.django_db


def test_the_roles_are_listed_in_one_module():
    assert importlib.util.find_spec("articles.moderation.roles") is None
    assert set(ROLES) == {WRITERS, EDITORS, MODERATORS}


@pytest.mark.parametrize("name", [WRITERS, EDITORS, MODERATORS])
def test_each_role_group_holds_exactly_the_listed_permissions(name):
    held = role_group(name).permissions.values_list("content_type__app_label", "codename")
    listed = {codename if "." in codename else f"articles.{codename}" for codename in ROLES[name]}
    assert {f"{app_label}.{codename}" for app_label, codename in held} == listed


def test_a_missing_role_group_is_made_again_with_its_permissions():
    Group.objects.filter(name=MODERATORS).delete()
    group = moderators_group()
    assert group.name == MODERATORS
    held = group.permissions.values_list("content_type__app_label", "codename")
    assert {f"{app}.{codename}" for app, codename in held} == {
        codename if "." in codename else f"articles.{codename}" for codename in ROLES[MODERATORS]
    }


@pytest.mark.parametrize(
    ("role", "moderates"),
    [
        ("reader", False),
        ("writer", False),
        ("editor", False),
        ("moderator", True),
        ("superuser", True),
    ],
)
def test_only_moderators_and_superusers_moderate(role, moderates):
    assert is_moderator(make_user(role)) is moderates


def test_a_deactivated_moderator_no_longer_moderates():
    moderator = UserFactory(is_active=False)
    moderator.groups.add(moderators_group())
    assert not is_moderator(moderator)
