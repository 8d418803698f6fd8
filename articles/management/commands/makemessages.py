"""Django's ``makemessages``, which also reads the Jinja2 templates.

Django's own reads Python and Django templates only. Each Jinja2 template is handed to xgettext
as the gettext calls that Jinja2's own extractor finds in it, each on its template's line, so
the catalog's references point at the template.
"""

from functools import cached_property
from pathlib import Path

from django.core.management.commands import makemessages
from django.template import engines
from jinja2.ext import GETTEXT_FUNCTIONS, extract_from_ast


def gettext_calls(source: str) -> str:
    """The template's messages as Python gettext calls, on the lines they are on."""
    environment = engines["jinja2"].env  # type: ignore[attr-defined]
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, message in extract_from_ast(environment.parse(source), GETTEXT_FUNCTIONS):
        arguments = message if isinstance(message, tuple) else (message,)
        # None stands for what is not a string (the count of ngettext): "n" is ignored alike.
        listed = ", ".join("n" if argument is None else repr(argument) for argument in arguments)
        lines[lineno - 1] += f"{function}({listed}) "
    return "\n".join(lines)


class BuildFile(makemessages.BuildFile):
    @cached_property
    def is_jinja2(self) -> bool:
        path = Path(self.path).resolve()
        folders = engines["jinja2"].template_dirs
        return any(path.is_relative_to(Path(folder).resolve()) for folder in folders)

    def preprocess(self):
        if not (self.is_templatized and self.is_jinja2):
            return super().preprocess()
        source = Path(self.path).read_text(encoding="utf-8")
        Path(self.work_path).write_text(gettext_calls(source), encoding="utf-8")


class Command(makemessages.Command):
    build_file_class = BuildFile
