"""Posts, pages, categories and tags of a blog.

Posts and pages share one table (as in WordPress), told apart by `kind`. Everything a
page view needs that can be derived from what the writer typed (rendered HTML, plain
text for search, the excerpt, the local date and the address path) is computed in
save(), so reading never renders or walks a tree.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from byline.blogs.models import Blog
from byline.blogs.reserved import BLOG_PATH_WORDS, validate_post_slug
from byline.pagecache import blog_changed
from byline.posts import old_links, rendering

# What WordPress shows of a password-protected post wherever the body would be summed up.
PROTECTED_EXCERPT = "There is no excerpt because this is a protected post."


def unique_slug(queryset: models.QuerySet, base: str, fallback: str) -> str:
    """Return base slugified, with -2, -3 … appended until no row of queryset has it."""
    # slugify keeps underscores, which validate_post_slug refuses: make them hyphens.
    slug = re.sub(r"[-_]+", "-", slugify(base))[:180].strip("-") or fallback
    if slug.isdigit() or slug in BLOG_PATH_WORDS:
        slug = f"{fallback}-{slug}"
    candidate, n = slug, 2
    while queryset.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


class Category(models.Model):
    """A hierarchical category, at /<blog>/category/<parent>/<child>/."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=200)
    slug = models.CharField(max_length=200, validators=[validate_post_slug])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)
    # "parent/child": derived in save() so a category's address needs no tree walk.
    path = models.CharField(max_length=1000, editable=False, default="")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["blog", "slug"], name="category_slug_unique_per_blog")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Category.objects.filter(blog_id=self.blog_id), self.name, "c")
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)
        blog_changed(self.blog.slug)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self) -> str:
        return f"{self.blog.get_absolute_url()}category/{self.path}/"


class Tag(models.Model):
    """A tag, at /<blog>/tag/<slug>/."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=200)
    slug = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["blog", "slug"], name="tag_slug_unique_per_blog")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Tag.objects.filter(blog_id=self.blog_id), self.name, "t")
        super().save(*args, **kwargs)
        blog_changed(self.blog.slug)

    def get_absolute_url(self) -> str:
        return f"{self.blog.get_absolute_url()}tag/{self.slug}/"


class PostQuerySet(models.QuerySet):
    def posts(self) -> PostQuerySet:
        return self.filter(kind=Post.Kind.POST)

    def pages(self) -> PostQuerySet:
        return self.filter(kind=Post.Kind.PAGE)

    def for_blog(self, blog: Blog) -> PostQuerySet:
        return self.filter(blog=blog)

    def published(self) -> PostQuerySet:
        """Return what everyone may read: published, or scheduled and due.

        A scheduled post goes live at its time even before a worker flips its status,
        so publishing never waits on a background process.
        """
        return self.filter(
            status__in=visible_statuses(member=False), published_at__lte=timezone.now()
        )

    def visible_to(self, user, blog: Blog) -> PostQuerySet:
        """Return what this user may read on this blog: members also see private posts."""
        if blog.is_member(user):
            return self.filter(
                status__in=visible_statuses(member=True), published_at__lte=timezone.now()
            )
        return self.published()

    def newest_first(self) -> PostQuerySet:
        return self.order_by("-published_at", "-id")

    def with_terms(self, blog: Blog | None = None) -> PostQuerySet:
        """Prefetch categories and tags, each with its blog, which its address needs.

        Given the blog all the posts are on, each term is handed that Blog object (Django's
        related manager does it) instead of reading and building the blog's row once per
        term: a post page shows up to a dozen (issue #8).
        """
        if blog is not None:
            categories, tags = blog.categories.all(), blog.tags.all()
        else:
            categories = Category.objects.select_related("blog")
            tags = Tag.objects.select_related("blog")
        return self.prefetch_related(
            models.Prefetch("categories", categories), models.Prefetch("tags", tags)
        )

    def with_featured_image(self) -> PostQuerySet:
        """Fetch each post's featured image and its smaller copies (for srcset) with the rows."""
        return self.select_related("featured_image").prefetch_related("featured_image__renditions")

    def for_listing(self, blog: Blog | None = None) -> PostQuerySet:
        """Return the rows with what a list of posts shows, in a fixed number of queries
        (given the blog they are all on, their terms are handed it: see with_terms)."""
        return self.select_related("blog", "author").with_terms(blog)

    def search(self, query: str) -> PostQuerySet:
        """Return the posts matching a reader's words, best matches first."""
        from django.db import connection

        if connection.vendor == "postgresql":
            from byline.posts import search_postgres as backend
        else:
            from byline.posts import search_sqlite as backend
        return backend.search(self, query)

    def refresh_local_dates(self, blog: Blog) -> None:
        """Recompute the stored local dates and paths, after the blog's time zone changed."""
        for post in self.filter(blog=blog).select_related("blog"):
            post.blog = blog
            post.save(update_fields=["pub_date", "path"])


class Post(models.Model):
    """A post or a page of a blog."""

    class Kind(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Page"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        PRIVATE = "private", "Private"
        # WordPress's other two: waiting for an editor's review, and thrown away (kept
        # so a WordPress import loses nothing). Neither is ever shown on the blog.
        PENDING = "pending", "Pending review"
        TRASH = "trash", "Trash"

    class BodyFormat(models.TextChoices):
        MARKDOWN = "markdown", "Markdown"
        # HTML as WordPress stores it: blocks, classic paragraphs and shortcodes, rendered
        # the way WordPress shows it (see posts/wordpress_html.py) and never as Markdown.
        HTML = "html", "HTML (WordPress)"

    class CommentStatus(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField(max_length=300)
    slug = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_post_slug],
        help_text="The last part of the address. Left empty, it is made from the title.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Pages only: the page this one sits under, as in /about/team/.",
    )
    menu_order = models.IntegerField(default=0)
    body_markdown = models.TextField(
        "body", blank=True, help_text="Written in Markdown (or HTML, for imported posts)."
    )
    body_format = models.CharField(
        max_length=10, choices=BodyFormat.choices, default=BodyFormat.MARKDOWN
    )
    password = models.CharField(
        max_length=255,
        blank=True,
        help_text="Readers must type this password to read the post. Left empty, anyone can.",
    )
    excerpt = models.TextField(
        blank=True, help_text="Shown on the home page and in feeds. Left empty, it is made."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="For a post to be public it must be published (or scheduled) "
        "and this time must have come.",
    )
    sticky = models.BooleanField(default=False, help_text="Keep at the top of the home page.")
    comment_status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    featured_image = models.ForeignKey(
        "media.MediaItem",
        null=True,
        blank=True,
        # Deleting the image leaves the post standing, without one (as WordPress does).
        on_delete=models.SET_NULL,
        related_name="featured_in",
        help_text="Shown above the post and in link previews.",
    )
    categories = models.ManyToManyField(Category, blank=True, related_name="posts")
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by save() unless told otherwise (save(touch=False)), so an import keeps the
    # modified date WordPress had.
    updated_at = models.DateTimeField(default=timezone.now)
    # Approved comments, kept exact by Comment's own methods with atomic updates.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    # Raised by one on every save from the dashboard (and when a scheduled post goes live),
    # so a tab saving what it loaded at an older version learns of the change (issue #6).
    version = models.PositiveIntegerField(default=1, editable=False)

    # Derived in save(): never edited, always consistent with the fields above.
    body_html = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    summary = models.TextField(editable=False, default="")
    pub_date = models.DateField(null=True, editable=False, db_index=True)
    path = models.CharField(max_length=1000, editable=False, default="")

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["blog", "kind", "status", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["blog", "slug"],
                condition=Q(kind="post"),
                name="post_slug_unique_per_blog",
            ),
            models.UniqueConstraint(
                fields=["blog", "path"],
                condition=Q(kind="page"),
                name="page_path_unique_per_blog",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_page(self) -> bool:
        return self.kind == self.Kind.PAGE

    @property
    def is_public(self) -> bool:
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def display_excerpt(self) -> str:
        if self.password:
            return PROTECTED_EXCERPT
        return self.excerpt or self.summary

    def save(self, *args, touch: bool = True, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if not self.slug:
            siblings = Post.objects.filter(blog_id=self.blog_id, kind=self.kind)
            if self.is_page:
                siblings = siblings.filter(parent_id=self.parent_id)
            self.slug = unique_slug(siblings.exclude(pk=self.pk), self.title, self.kind)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if touch:
            self.updated_at = timezone.now()
        old_path = self.path
        self.derive(render=update_fields is None or "body_markdown" in update_fields)
        # As WordPress's _wp_old_slug and _wp_old_date: for posts, not for pages.
        left_public_path = not self.is_page and old_path != self.path and self._was_public()
        super().save(*args, **kwargs)
        if left_public_path and self.is_public:
            old_links.moved(self, old_path)  # issue #6: the old address redirects here
        blog_changed(self.blog.slug)  # every list, feed and neighbour link may show it
        if self.is_page and old_path and old_path != self.path:
            for child in self.children.select_related("blog"):
                child.save(update_fields=["path", "pub_date"])
        if update_fields is None or {"status", "published_at"} & set(update_fields):
            # Email the blog's subscribers when the post goes public (queued; once per post).
            from byline.subscriptions.notify import post_saved

            post_saved(self)

    def _was_public(self) -> bool:
        """Return whether readers could see this post as stored, before this save."""
        if self.pk is None:
            return False
        stored = Post.objects.filter(pk=self.pk).only("status", "published_at").first()
        return stored is not None and stored.is_public

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        blog_changed(self.blog.slug)
        return deleted

    def derive(self, render: bool = True) -> None:
        """Compute the stored derived fields; save() calls it, and so do bulk imports."""
        if render:
            if self.body_format == self.BodyFormat.HTML:
                self.body_html = rendering.render_wordpress_html(
                    self.body_markdown, images=self._gallery_images
                )
            else:
                self.body_html = rendering.render_markdown(self.body_markdown)
            self.body_html = self._responsive_images(self.body_html)
            # A protected post's words stay out of search results until a password is typed.
            self.search_text = "" if self.password else rendering.plain_text(self.body_html)
            self.summary = rendering.summarize(rendering.plain_text(self.body_html))
        self.pub_date = (
            timezone.localtime(self.published_at, self.blog.tzinfo).date()
            if self.published_at
            else None
        )
        self.path = self._compute_path()

    def _gallery_images(self, ids: list[int] | None) -> list:
        """Return the media a [gallery] shortcode shows: by WordPress ID, or this post's own."""
        from byline.media.models import MediaItem  # media depends on posts, not the reverse

        return MediaItem.objects.for_gallery(self, ids)

    def _responsive_images(self, body_html: str) -> str:
        """Give the blog's uploaded images their srcset (issue #6: the media library)."""
        from byline.dashboard.renditions import responsive_images  # dashboard depends on posts

        return responsive_images(body_html, self.blog_id)

    def _compute_path(self) -> str:
        if self.is_page:
            parent = self.parent
            return f"{parent.path}/{self.slug}" if parent else self.slug
        day = self.pub_date or timezone.localdate(timezone=self.blog.tzinfo)
        return f"{day:%Y/%m/%d}/{self.slug}"

    def get_absolute_url(self) -> str:
        return f"{self.blog.get_absolute_url()}{self.path}/"


def visible_statuses(member: bool) -> tuple[str, ...]:
    """Return the statuses of what may be read once its time has come: published and
    scheduled posts, and for a blog's members its private ones too (see visible_to)."""
    shown = (Post.Status.PUBLISHED.value, Post.Status.SCHEDULED.value)
    return (*shown, Post.Status.PRIVATE.value) if member else shown


# Defined in its own module (the old addresses of moved posts); imported so Django finds it.
OldLink = old_links.OldLink


# A post's long texts (tens of kilobytes each), which only its drawn page shows: a like and
# a comment POST read the post without them (and a refused comment, redrawing the page,
# reads them one query each).
LONG_TEXTS = ("body_markdown", "body_html", "search_text")
# Post's other columns, in the order Post.from_db() takes them.
SHORT_FIELDS = [f for f in Post._meta.concrete_fields if f.attname not in LONG_TEXTS]
