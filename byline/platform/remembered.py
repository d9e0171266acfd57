"""Answers remembered per string, for functions asked on every page-cache hit about what a
reader's browser sent (its user agent, its Accept-Encoding).

Browsers send few distinct values, so remembering the answers saves the work on nearly every
hit; the memory stays bounded against a client that invents values: at most `kept` answers,
for strings of at most `longest` characters (longer ones are worked out each time), and the
whole store is emptied when it is full.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


def remembered(*, kept: int, longest: int):
    """Decorate a function of one string; its answers are in `.answers`, at most `.kept`."""

    def decorate(work: Callable[[str], object]):
        answers: dict[str, object] = {}

        @functools.wraps(work)
        def answer(text: str):
            found = answers.get(text)
            if found is None:
                found = work(text)
                if len(text) <= longest:
                    if len(answers) >= kept:
                        answers.clear()
                    answers[text] = found
            return found

        answer.answers, answer.kept = answers, kept
        return answer

    return decorate
