import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def saved_body(html: str) -> str:
    article = ArticleFactory(body=html)
    article.refresh_from_db()
    return article.body


def test_script_tags_are_removed_with_their_content():
    body = saved_body("<p>Before</p><script>alert('x')</script><p>After</p>")
    assert "script" not in body
    assert "alert" not in body
    assert "<p>Before</p>" in body and "<p>After</p>" in body


def test_event_handlers_are_stripped():
    body = saved_body('<p onclick="steal()">Text <a href="/x" onmouseover="steal()">link</a></p>')
    assert "onclick" not in body
    assert "onmouseover" not in body
    assert "Text" in body


def test_javascript_links_lose_their_href():
    body = saved_body('<p><a href="javascript:alert(1)">click</a></p>')
    assert "javascript:" not in body
    assert "click" in body


def test_styles_iframes_and_forms_are_removed():
    body = saved_body(
        '<p style="color:red">x</p><iframe src="https://evil.example"></iframe>'
        '<form action="/steal"><input name="a"></form>'
    )
    assert "style" not in body
    assert "iframe" not in body
    assert "form" not in body


def test_editorial_structure_survives():
    html = (
        "<h2>Sub</h2><h3>Minor</h3><p><strong>Bold</strong> <em>it</em></p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
        '<p><a href="https://example.com/">link</a></p><figure data-image-id="7"></figure>'
    )
    body = saved_body(html)
    for fragment in ("<h2>", "<h3>", "<strong>", "<em>", "<ul>", "<ol>", "<blockquote>"):
        assert fragment in body
    assert 'href="https://example.com/"' in body
    assert '<figure data-image-id="7"></figure>' in body
