"""A reader's own pages that show a "saved" message pass the Nu HTML Checker.

The message list sits in a `<div role="status">`: a `<ul>` may not take that role. The pages
are drawn by the test client and checked in one run of the checker (starting Java costs more
than checking).
"""

from __future__ import annotations

from django.urls import reverse

from tests.html_checker import check_html_files, describe, errors
from tests.support import have_java, need

EMAIL_CHOICES = reverse("social:email_choices")


def test_pages_with_a_message_are_valid_html(signed_in, alice, tmp_path):
    need("Java", have_java(), "the Nu HTML Checker (vnu.jar) runs on Java")
    reader = signed_in(alice)
    pages = {}
    reader.post(EMAIL_CHOICES, {"reply": "on"})
    pages["notifications"] = reader.get(reverse("social:notifications"))
    reader.post(EMAIL_CHOICES, {"reply": "on", "like": "on"})
    pages["email-choices"] = reader.get(EMAIL_CHOICES)
    reader.post(EMAIL_CHOICES, {"like": "on"})
    pages["account-email"] = reader.get(reverse("account_email"))
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert "Your email choices are saved." in page.content.decode(), name
        (tmp_path / f"{name}.html").write_bytes(page.content)

    found = {
        name: errors(messages)
        for name, messages in check_html_files(sorted(tmp_path.glob("*.html"))).items()
        if errors(messages)
    }

    assert not found, "\n".join(f"{name}:\n{describe(m)}" for name, m in found.items())
