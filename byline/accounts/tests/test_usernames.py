"""A username shows in author addresses, so it may not read as the platform speaking."""

import pytest
from django.core.exceptions import ValidationError

from byline.accounts.models import User


def refusal(username: str) -> str:
    with pytest.raises(ValidationError) as caught:
        User(username=username, password="unused").full_clean()
    return " ".join(caught.value.message_dict["username"])


@pytest.mark.parametrize("word", ["admin", "Admin", "accounts", "api", "static", "media", "root"])
def test_nobody_can_sign_up_as_the_platform(db, word):
    message = refusal(word)

    assert f"“{word}” is reserved" in message
    assert f"try “{word}-writes”" in message


@pytest.mark.parametrize("username", ["alice/moreau", "alice moreau", "alice?", ""])
def test_usernames_refuse_characters_an_address_cannot_carry(db, username):
    assert refusal(username)


def test_a_taken_username_is_refused(alice):
    assert "taken" in refusal("alice")


def test_an_ordinary_username_is_accepted(db):
    User(username="dora.writes", password="unused").full_clean()


def test_public_name_falls_back_from_display_name_to_full_name_to_username(db):
    assert User(username="dora", display_name="Dora M.").public_name == "Dora M."
    assert User(username="dora", first_name="Dora", last_name="Marsh").public_name == "Dora Marsh"
    assert User(username="dora").public_name == "dora"
