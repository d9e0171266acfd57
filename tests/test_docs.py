"""Every setting and every `byline` command is documented, and the docs name nothing stale.

The shape of datasette's test_settings_are_documented: the code declares, the docs describe,
and this test fails the moment the two drift apart.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

from byline.cli import TWO_WORD_VERBS
from byline.config import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def sections(path: Path) -> dict[str, str]:
    """Return each `## heading` of a Markdown file with the text under it, whitespace-folded."""
    found, heading, lines = {}, None, []
    for line in path.read_text().splitlines():
        if line.startswith("## "):
            if heading:
                found[heading] = " ".join(" ".join(lines).split())
            heading, lines = line[3:].strip(), []
        elif heading:
            lines.append(line)
    if heading:
        found[heading] = " ".join(" ".join(lines).split())
    return found


def byline_commands() -> dict[str, str]:
    """Return the management commands Byline itself defines, by name, with their app."""
    return {name: app for name, app in get_commands().items() if app.startswith("byline")}


def spoken(command: str) -> str:
    """Return how the docs write a command: `import_wordpress` as `byline import wordpress`."""
    first, _, rest = command.partition("_")
    if (first, rest) in TWO_WORD_VERBS:
        return f"byline {first} {rest}"
    return f"byline {command}"


def own_arguments(name: str, app: str) -> list[argparse.Action]:
    """Return the arguments a command adds to those every Django command has."""
    common = {
        option
        for action in BaseCommand().create_parser("byline", name)._actions
        for option in action.option_strings
    }
    parser = load_command_class(app, name).create_parser("byline", name)
    return [a for a in parser._actions if not set(a.option_strings) & common]


@pytest.mark.parametrize("page", ["configuration.md", "cli.md"])
def test_no_heading_appears_twice(page):
    headings = [line for line in (DOCS / page).read_text().splitlines() if line.startswith("## ")]
    twice = sorted({h for h in headings if headings.count(h) > 1})
    assert not twice, f"docs/{page} has these headings more than once: {twice}"


# Settings ------------------------------------------------------------------------------


def test_every_setting_has_a_heading_in_configuration_md():
    documented = sections(DOCS / "configuration.md")
    missing = [s.name for s in SETTINGS if s.name not in documented]
    assert not missing, f"Document these in docs/configuration.md as `## NAME`: {missing}"


def test_configuration_md_documents_no_setting_that_is_gone():
    declared = {s.name for s in SETTINGS}
    variables = [h for h in sections(DOCS / "configuration.md") if re.fullmatch(r"[A-Z_]+", h)]
    stale = [h for h in variables if h not in declared]
    assert not stale, f"docs/configuration.md documents variables byline/config.py lacks: {stale}"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_each_setting_gives_its_default_and_an_example(setting):
    text = sections(DOCS / "configuration.md").get(setting.name, "")
    assert "Default:" in text
    if setting.default:
        assert f"Default: `{setting.default}`" in text
    assert f"Example: `{setting.name}=" in text


def test_configuration_md_says_what_happens_with_nothing_set():
    intro = " ".join((DOCS / "configuration.md").read_text().split("\n## ")[0].split())
    assert "With nothing set, Byline runs on SQLite in `./var`" in intro
    assert "creates its secret key there" in intro


# Commands ------------------------------------------------------------------------------


def test_byline_defines_commands_of_its_own():
    assert {"demo", "serve"} <= set(byline_commands())


def test_every_byline_command_has_a_heading_in_cli_md():
    documented = sections(DOCS / "cli.md")
    missing = [spoken(name) for name in byline_commands() if spoken(name) not in documented]
    assert not missing, f"Document these in docs/cli.md as `## byline …` headings: {missing}"


def test_cli_md_documents_no_command_that_is_gone():
    known = {spoken(name) for name in get_commands()}
    headings = [h for h in sections(DOCS / "cli.md") if h.startswith("byline ")]
    stale = [h for h in headings if h not in known]
    assert not stale, f"docs/cli.md has headings for commands that do not exist: {stale}"


@pytest.mark.parametrize("name", sorted(byline_commands()))
def test_each_command_section_lists_every_option_with_its_help(name):
    app = byline_commands()[name]
    text = sections(DOCS / "cli.md").get(spoken(name), "")
    for action in own_arguments(name, app):
        if action.option_strings:
            flag = max(action.option_strings, key=len)
            takes_value = action.nargs != 0
            shown = (
                f"`{flag} {action.metavar or action.dest.upper()}`" if takes_value else f"`{flag}`"
            )
            assert shown in text, f"docs/cli.md, {spoken(name)}: list {shown}"
        else:
            shown = (action.metavar or action.dest).upper()
            assert shown in text, f"docs/cli.md, {spoken(name)}: name the argument {shown}"
        help_text = " ".join((action.help or "").split()) % vars(action)
        assert help_text in text, (
            f"docs/cli.md, {spoken(name)}: give {shown} the help the code gives: {help_text!r}"
        )


def test_cli_md_says_every_django_command_works_through_byline():
    text = (DOCS / "cli.md").read_text()
    for example in ("byline migrate", "byline createsuperuser", "byline help", "python -m byline"):
        assert f"`{example}" in text, f"docs/cli.md should show `{example}`"


def test_two_word_verbs_are_spoken_as_two_words():
    assert spoken("import_wordpress") == "byline import wordpress"
    assert spoken("serve") == "byline serve"
    assert spoken("import_something_else") == "byline import_something_else"
