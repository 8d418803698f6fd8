"""A signed-in reader on their account page."""

import pytest

from articles.models import User
from tests.browser.helpers import sign_in_reader


@pytest.mark.parametrize("display_name", ["", "Moira from Galway"])
def test_account_page_shows_the_name_the_reader_is_shown_as(demo, page, display_name):
    User.objects.filter(username="moira_k").update(display_name=display_name)
    sign_in_reader(page, "moira_k")
    shown_as = page.locator(".masthead__account a").first.inner_text()
    assert shown_as == (display_name or "moira_k")
    assert page.get_by_label("Display name").input_value() == shown_as
