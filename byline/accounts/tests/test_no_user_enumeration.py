"""Nothing Byline says tells a stranger whether an account exists."""

from __future__ import annotations

from byline.accounts.tests.signing_in import parsed


def text_of(response) -> str:
    page = parsed(response)
    for token in page.select("input[name=csrfmiddlewaretoken]"):
        token.decompose()
    return " ".join(page.select_one("main").get_text(" ").split())


def test_a_wrong_password_and_an_unknown_account_get_the_same_words(client, charlie):
    wrong_password = client.post("/accounts/login/", {"login": "charlie", "password": "nope"})
    nobody = client.post("/accounts/login/", {"login": "nobody-here", "password": "nope"})

    errors = [parsed(r).select_one(".form-errors, .errorlist").get_text(" ", strip=True)
              for r in (wrong_password, nobody)]  # fmt: skip
    assert errors[0] == errors[1]
    assert "charlie" not in errors[0]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, charlie):
    known = client.post("/accounts/password/reset/", {"email": "charlie@example.test"}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "ghost@example.test"}, follow=True)

    assert known.status_code == unknown.status_code == 200
    assert text_of(known) == text_of(unknown)


def test_signing_up_with_a_taken_address_looks_like_any_sign_up(client, charlie):
    taken = client.post("/accounts/signup/", {"email": "charlie@example.test", "username": "c2",
                        "password1": "a fine long password", "password2": "a fine long password"},
                        follow=True)  # fmt: skip
    fresh = client.post("/accounts/signup/", {"email": "fresh@example.test", "username": "f2",
                        "password1": "a fine long password", "password2": "a fine long password"},
                        follow=True)  # fmt: skip

    assert taken.status_code == fresh.status_code == 200
    assert text_of(taken).replace("charlie@example.test", "X") == text_of(fresh).replace(
        "fresh@example.test", "X")  # fmt: skip
