"""The dashboard's pages, one module per part: each view finds the desk, acts, renders."""

from __future__ import annotations

from django.http import HttpResponseRedirect


def see_other(url: str) -> HttpResponseRedirect:
    """Redirect after a POST with 303, so reloading the next page never sends the form again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
