"""The one HTML allow-list for article bodies, shared by the admin, the importer and the model."""

import nh3

BODY_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
        "a", "em", "strong", "b", "i", "s", "sub", "sup",
        "figure", "figcaption", "img",
    }
)  # fmt: skip

BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "figure": {"data-image-id"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}

BODY_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_body(html: str) -> str:
    """``html`` reduced to the body allow-list: no scripts, handlers, styles or unsafe URLs."""
    return nh3.clean(
        html or "",
        tags=set(BODY_TAGS),
        attributes={tag: set(attrs) for tag, attrs in BODY_ATTRIBUTES.items()},
        url_schemes=set(BODY_URL_SCHEMES),
        link_rel="noopener noreferrer",
    ).strip()
