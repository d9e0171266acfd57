"""The `byline` console command: a thin layer over Django's management commands.

Byline's own verbs (`demo`, `serve`, …) are ordinary management commands in the app
that owns them; two-word verbs such as `byline import wordpress` map to
`import_wordpress`. Every Django command (`migrate`, `createsuperuser`, …) works too.
"""

from __future__ import annotations

import os
import sys

# `byline import wordpress FILE` reads better than `byline import_wordpress FILE`.
TWO_WORD_VERBS = {("import", "wordpress"), ("export", "wordpress"), ("export", "json")}


def translate(argv: list[str]) -> list[str]:
    """Return argv with a two-word verb joined into its command name."""
    if len(argv) >= 3 and (argv[1], argv[2]) in TWO_WORD_VERBS:
        return [argv[0], f"{argv[1]}_{argv[2]}", *argv[3:]]
    return argv


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "byline"
    execute_from_command_line(translate(argv))
