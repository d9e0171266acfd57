from __future__ import annotations

import zoneinfo
from functools import cached_property

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import reverse

from byline.blogs.reserved import validate_blog_slug

TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]
LANGUAGE_CHOICES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
]


class Blog(models.Model):
    """One blog on the platform, served at /<slug>/ (and <slug>.<root domain>)."""

    class HomeShows(models.TextChoices):
        FULL = "full", "Full text"
        EXCERPT = "excerpt", "Excerpt"

    slug = models.CharField(
        max_length=63,
        unique=True,
        validators=[validate_blog_slug],
        help_text="The blog's address: /<slug>/. Lowercase letters, digits and hyphens.",
        error_messages={"unique": "A blog with that address already exists; try another."},
    )
    title = models.CharField(max_length=200)
    tagline = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_blogs"
    )
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, default="en")
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text="Dates in addresses and on pages use this time zone.",
    )
    posts_per_page = models.PositiveSmallIntegerField(default=10)
    home_shows = models.CharField(
        max_length=10,
        choices=HomeShows.choices,
        default=HomeShows.EXCERPT,
        help_text="What the home page and the feeds show of each post.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("posts:home", kwargs={"blog": self.slug})

    @cached_property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def shows_full_text(self) -> bool:
        return self.home_shows == self.HomeShows.FULL

    def save(self, *args, **kwargs) -> None:
        time_zone_changed = (
            self.pk is not None
            and Blog.objects.filter(pk=self.pk).exclude(time_zone=self.time_zone).exists()
        )
        super().save(*args, **kwargs)
        self.__dict__.pop("tzinfo", None)
        if time_zone_changed:
            # Post addresses carry the local date, stored at write time; move them all.
            from byline.posts.models import Post

            Post.objects.filter(blog=self).refresh_local_dates(self)

    def is_member(self, user) -> bool:
        """Return whether the user belongs to this blog (owner or any role)."""
        if not user.is_authenticated:
            return False
        cache = self.__dict__.setdefault("_member_cache", {})
        if user.pk not in cache:
            cache[user.pk] = (
                user.pk == self.owner_id
                or self.memberships.filter(user_id=user.pk).exists()
            )
        return cache[user.pk]

    @classmethod
    def find_for_request(cls, request, slug: str) -> Blog:
        """Return the blog for this request, cached on it, or raise Http404."""
        blog = getattr(request, "blog", None)
        if blog is None or blog.slug != slug:
            try:
                blog = cls.objects.select_related("owner").get(slug=slug)
            except cls.DoesNotExist:
                raise Http404("No such blog.") from None
            request.blog = blog
        return blog


class Membership(models.Model):
    """A user's role on a blog, with WordPress's names and meanings."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", "Administrator"
        EDITOR = "editor", "Editor"
        AUTHOR = "author", "Author"
        CONTRIBUTOR = "contributor", "Contributor"

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blog", "user"], name="one_role_per_blog_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) on {self.blog}"
