from __future__ import annotations

import functools
import zoneinfo
from functools import cached_property

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import get_script_prefix, get_urlconf, reverse

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

    class Theme(models.TextChoices):
        # Each theme other than the default is one stylesheet, static/byline/themes/<value>.css,
        # loaded after byline.css (the light serif theme) on the blog's pages.
        SERIF = "serif", "Serif: light, for long reading"
        DARK = "dark", "Night: light text on a dark page"

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
    theme = models.CharField(
        max_length=20,
        choices=Theme.choices,
        default=Theme.SERIF,
        help_text="How the blog looks to its readers.",
    )
    icon = models.ForeignKey(
        "media.MediaItem",
        null=True,
        blank=True,
        # Deleting the image from the media library leaves the blog without an icon.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square image shown in browser tabs and beside the blog's title.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # A post page asks for it a dozen times (its terms' and neighbours' links, each with
        # its own Blog row); as comments.thread_html.address_of, one reverse() per address.
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _blog_address(self.slug, get_script_prefix(), urlconf)

    @cached_property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def theme_stylesheet(self) -> str:
        """Return the static path of the theme's stylesheet, or "" for the default theme."""
        return "" if self.theme == self.Theme.SERIF else f"byline/themes/{self.theme}.css"

    @cached_property
    def icon_url(self) -> str:
        """Return the address of the blog's icon at its smallest size, or "" without one."""
        return self.icon.smallest_url if self.icon_id and self.icon else ""

    @property
    def shows_full_text(self) -> bool:
        return self.home_shows == self.HomeShows.FULL

    def save(self, *args, **kwargs) -> None:
        from byline import pagecache

        time_zone_changed = (
            self.pk is not None
            and Blog.objects.filter(pk=self.pk).exclude(time_zone=self.time_zone).exists()
        )
        old = Blog.objects.filter(pk=self.pk) if self.pk else Blog.objects.none()
        old_slug = old.values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        pagecache.blog_changed(self.slug, old_slug)  # its pages, under the old address too
        self.__dict__.pop("tzinfo", None)
        self.__dict__.pop("icon_url", None)
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
                user.pk == self.owner_id or self.memberships.filter(user_id=user.pk).exists()
            )
        return cache[user.pk]

    @classmethod
    def find_for_request(cls, request, slug: str) -> Blog:
        """Return the blog for this request, cached on it, or raise Http404."""
        blog = getattr(request, "blog", None)
        if blog is None or blog.slug != slug:
            # Imported here: it reads the media and comments models, which import this one.
            from byline.blogs import found

            # Its icon and discussion settings come along: a post page reads them (one query
            # less). Not its owner: no page shows them, and a user row is a wide one to build.
            # As select_related("icon", "discussion").get(slug=slug), written out (found.py).
            blog = found.blog_by_slug(slug)
            if blog is None:
                raise Http404("No such blog.")
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

    # Comments by the blog's members are marked on its pages (comments/threads.py).
    def save(self, *args, **kwargs) -> None:
        from byline import pagecache

        super().save(*args, **kwargs)
        pagecache.blog_changed(self.blog.slug)

    def delete(self, *args, **kwargs):
        from byline import pagecache

        deleted = super().delete(*args, **kwargs)
        pagecache.blog_changed(self.blog.slug)
        return deleted


class Menu(models.Model):
    """A blog's navigation menu; the one placed in the header replaces the list of pages there."""

    class Location(models.TextChoices):
        NONE = "", "Not shown"
        HEADER = "header", "Blog header"

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="menus")
    name = models.CharField(max_length=200)
    slug = models.CharField(max_length=200)
    location = models.CharField(
        max_length=20,
        choices=Location.choices,
        blank=True,
        default=Location.NONE,
        help_text="Where the blog shows this menu. A blog shows one menu in its header.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["blog", "slug"], name="menu_slug_unique_per_blog"),
            models.UniqueConstraint(
                fields=["blog"],
                condition=models.Q(location="header"),
                name="one_header_menu_per_blog",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def header_for(cls, blog: Blog) -> Menu | None:
        return cls.objects.filter(blog=blog, location=cls.Location.HEADER).first()

    def tree(self) -> list[MenuItem]:
        """Return the top-level items, each with `.submenu`, in one query.

        As in WordPress, an item whose post readers may not see (a draft, a private
        post) is left out, and so is everything below it.
        """
        items = list(
            self.items.select_related("post__blog", "category__blog").order_by("order", "id")
        )
        by_parent: dict[int | None, list[MenuItem]] = {}
        for item in items:
            item.submenu = []
            by_parent.setdefault(item.parent_id, []).append(item)
        for item in items:
            item.submenu = [child for child in by_parent.get(item.pk, []) if child.is_shown]
        return [item for item in by_parent.get(None, []) if item.is_shown]

    def outline(self) -> list[MenuItem]:
        """Return every item in reading order, each under its parent, with `.depth` (0 on top).

        For the dashboard: unlike tree(), it keeps the items readers do not see.
        """
        items = list(
            self.items.select_related("post__blog", "category__blog").order_by("order", "id")
        )
        by_parent: dict[int | None, list[MenuItem]] = {}
        for item in items:
            by_parent.setdefault(item.parent_id, []).append(item)
        ordered: list[MenuItem] = []

        def walk(parent: MenuItem | None, depth: int) -> None:
            for item in by_parent.get(parent.pk if parent else None, []):
                item.depth = depth
                if parent is not None:
                    item.parent = parent  # already fetched: naming it costs no query
                ordered.append(item)
                walk(item, depth + 1)

        walk(None, 0)
        return ordered


class MenuItem(models.Model):
    """One link of a menu: to a post or page, to a category, or to any address."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.IntegerField(default=0)
    label = models.CharField(
        max_length=300, blank=True, help_text="Left empty, the linked post or category's title."
    )
    url = models.CharField(max_length=2000, blank=True, help_text="For a link to any address.")
    post = models.ForeignKey(
        "posts.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        "posts.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    new_tab = models.BooleanField(default=False, help_text="Open the link in a new tab.")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.label:
            return self.label
        if self.post_id:
            return self.post.title
        if self.category_id:
            return self.category.name
        return self.url

    @property
    def is_shown(self) -> bool:
        return self.post_id is None or self.post.is_public

    def get_absolute_url(self) -> str:
        if self.post_id:
            return self.post.get_absolute_url()
        if self.category_id:
            return self.category.get_absolute_url()
        return self.url


@functools.lru_cache(maxsize=1024)
def _blog_address(slug: str, script_prefix: str, urlconf: str) -> str:
    # The arguments are all a blog's address depends on, so an entry is never stale.
    return reverse("posts:home", kwargs={"blog": slug})
