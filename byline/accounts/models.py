from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse

from byline.blogs.reserved import validate_username


class User(AbstractUser):
    """A person on the platform: a reader, a writer, or both."""

    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        help_text="Letters, digits and @/./+/-/_ only. Shown in your author archive address.",
        validators=[UnicodeUsernameValidator(), validate_username],
        error_messages={"unique": "That username is taken; try another."},
    )
    display_name = models.CharField(
        max_length=150, blank=True, help_text="How your name appears on posts and comments."
    )
    bio = models.TextField(blank=True, help_text="A few words about you, shown on author pages.")
    avatar = models.FileField(
        upload_to="avatars/",
        blank=True,
        help_text="Your picture, re-drawn by Byline as a 256×256 PNG (accounts/avatars.py).",
    )

    # What blog pages show of a person (bylines, comments, the faces under a post).
    SHOWN_FIELDS = ("username", "display_name", "first_name", "last_name", "avatar", "bio")

    def save(self, *args, **kwargs) -> None:
        from byline import pagecache

        fields = kwargs.get("update_fields")
        watched = [f for f in self.SHOWN_FIELDS if fields is None or f in fields]
        before = None
        if self.pk and watched and pagecache.enabled():
            before = type(self).objects.filter(pk=self.pk).values_list(*watched).first()
        super().save(*args, **kwargs)
        if before is not None and before != tuple(
            str(getattr(self, f)) if f == "avatar" else getattr(self, f) for f in watched
        ):
            pagecache.person_changed(self)  # their name or picture is on cached pages

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        # Asked for by every like and comment of theirs a page shows: one reverse() per
        # person and URLconf, as Blog.get_absolute_url.
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _profile_address(self.username, get_script_prefix(), urlconf)

    def __str__(self) -> str:
        return self.public_name


@functools.lru_cache(maxsize=1024)
def _profile_address(username: str, script_prefix: str, urlconf: str) -> str:
    # The arguments are all a profile's address depends on, so an entry is never stale.
    return reverse("accounts:profile", kwargs={"username": username})
