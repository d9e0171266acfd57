"""The comment a reader was typing when they clicked a sign-in icon, kept in their session.

The icons are submit buttons of the comment form, so the text and the reply target
travel with the click; the post page puts them back into the form on the reader's return,
once, and only on the page they came from.
"""

from __future__ import annotations

SESSION_KEY = "byline_comment_draft"
MAX_CHARS = 65_536


def stash(request, path: str, comment: str, parent: str) -> None:
    request.session[SESSION_KEY] = {
        "path": path,
        "comment": comment[:MAX_CHARS],
        "parent": int(parent) if str(parent).isdigit() else None,
    }


def restore(request, form) -> None:
    """Fill an unbound comment form from the draft stashed for this page, and forget it."""
    draft = request.session.get(SESSION_KEY)
    if not draft or draft.get("path") != request.path:
        return
    del request.session[SESSION_KEY]
    form.initial["comment"] = draft["comment"]
    if draft.get("parent"):
        form.initial["parent"] = draft["parent"]


def peek(request) -> dict | None:
    return request.session.get(SESSION_KEY)
