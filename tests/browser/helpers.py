"""Signing in as the demo's people, for the browser tests."""

from articles.models import User

PASSWORD = "a long browser-test passphrase 42"


def set_password(username: str) -> User:
    user = User.objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in_reader(page, username: str) -> None:
    set_password(username)
    page.goto("/accounts/login/")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/")


def sign_in_staff(page, username: str) -> None:
    set_password(username)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
