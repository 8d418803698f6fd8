"""Drawing one piece of a public template from Python."""

from django.template import engines


def template_macro(template_name: str, name: str):
    """A macro of a public template, to draw one piece from Python (a figure, a comment)."""
    environment = engines["jinja2"].env  # type: ignore[attr-defined]
    return getattr(environment.get_template(template_name).module, name)
