"""How a test reader uses the comment form: load the page, wait like a person, send."""

from __future__ import annotations

import time

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext


def form_fields(response) -> dict:
    """Return the comment form's fields as the page delivered them."""
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find("form", id="commentform")
    assert form is not None, "the page has no comment form"
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    fields.pop("remember", None)  # an unticked checkbox sends nothing
    for area in form.find_all("textarea"):
        fields[area["name"]] = area.get_text()
    return fields


def fill_and_send(client, post, *, address=None, wait=10, **typed):
    """Load the post page, wait `wait` seconds as a person would, and send the form."""
    address = address or post.get_absolute_url()
    fields = form_fields(client.get(address))
    fields.update(typed)
    with time_machine.travel(time.time() + wait, tick=False):
        return client.post(address, fields)


def send_counting_queries(client, writing, **typed):
    """As a guest, send the form from the writing's page; return the answer and the SQL of
    every query the POST made."""
    fields = form_fields(client.get(writing.get_absolute_url()))
    fields.update(GUEST, **typed)
    with time_machine.travel(time.time() + 10, tick=False):
        with CaptureQueriesContext(connection) as captured:
            answer = client.post(writing.get_absolute_url(), fields)
    return answer, [q["sql"] for q in captured]


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


GUEST = {"author": "Zoë Reader", "email": "zoe@example.test"}
