"""Pointing an imported body's figures at the library's pictures. Pure: no I/O, no database."""

from __future__ import annotations

from bs4 import BeautifulSoup


def body_with_library_figures(
    body_html: str, image_ids: dict[str, int], hero_id: int | None
) -> str:
    """Each figure becomes a reference to its library picture (by ``src``), so the page shows
    the library's credit; figures with no picture in the library, and the hero (shown above
    the headline), are dropped."""
    if "<figure" not in body_html:
        return body_html  # nothing to point at the library: spare the parse
    soup = BeautifulSoup(body_html, "lxml")
    root = soup.body or soup
    for figure in root.find_all("figure"):
        picture = figure.find("img")
        src = str(picture.get("src", "")) if picture else ""
        image_id = image_ids.get(src)
        if image_id is None or image_id == hero_id:
            figure.decompose()
        else:
            figure.replace_with(soup.new_tag("figure", attrs={"data-image-id": str(image_id)}))
    return "".join(str(child) for child in root.children)
