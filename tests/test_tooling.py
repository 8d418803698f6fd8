"""The checks every contributor runs: pre-commit hooks, type checking and the coverage floor."""

import re
import subprocess
import sys
import tomllib
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_config_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_ruff_the_format_check_and_the_migrations_check():
    entries = {hook_id: hook["entry"] for hook_id, hook in hooks().items()}
    assert "ruff check" in entries["ruff-check"]
    assert "ruff format --check" in entries["ruff-format"]
    assert "makemigrations --check --dry-run" in entries["migrations-check"]


def test_each_hook_runs_a_tool_installed_by_make_test():
    requirements = (ROOT / "requirements-dev.txt").read_text()
    for hook in hooks().values():
        program = next(word for word in hook["entry"].split() if word.startswith(".venv/"))
        assert program.startswith(".venv/bin/"), program
    assert re.search(r"^ruff==", requirements, re.MULTILINE)
    assert re.search(r"^pre-commit==", requirements, re.MULTILINE)


def test_make_test_type_checks_and_enforces_the_coverage_floor():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "mypy" in recipe
    assert "pytest $(COVERAGE)" in recipe
    assert re.search(r"^COVERAGE \?= .*--cov-fail-under=\$\(COVERAGE_FLOOR\)", makefile, re.M)
    floor = re.search(r"^COVERAGE_FLOOR \?= (\d+)$", makefile, re.M)
    assert floor and 0 < int(floor.group(1)) <= 100
    assert "env -u DATABASE_URL make test\n" in (ROOT / ".ci" / "run").read_text()


def test_mypy_checks_articles_and_newsarchive_with_the_django_plugin():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert set(config["files"]) == {"articles", "newsarchive"}
    assert "mypy_django_plugin.main" in config["plugins"]


@pytest.mark.django_db
def test_the_system_checks_find_nothing_to_warn_about_on_this_database():
    """``runserver`` and ``migrate`` print every warning to whoever runs them: none on either
    database (the SQLite default, PostgreSQL in production)."""
    call_command("check", "--database", "default", "--fail-level", "WARNING", stdout=StringIO())
